// What a check found, in one shape every output format reads.
import type { Verdict } from "../harness/analyzer-client";
import type { EnforcementLevel, PolicyInfo } from "../harness/policy-config";
import type { Analysis } from "./analyze";
import type { Input, InputKind } from "./inputs/read-input";

/** The name the checker reports itself as (SARIF tool, JUnit suites). */
export const TOOL_NAME = "openai-hosting-check";

/** A policy as the report lists it: what the pack says, at the level it was configured to. */
export interface ReportedPolicy {
    name: string;
    displayName?: string;
    description: string;
    type: PolicyInfo["policyType"];
    level: EnforcementLevel;
}

/**
 * One check's result.
 *
 * @example
 * report.verdicts.filter((v) => v.level === "mandatory").length === report.summary.mandatory
 */
export interface CheckReport {
    input: { kind: InputKind; path: string };
    stack: string;
    project: string;
    pack: { name: string; version: string };
    resourceCount: number;
    policies: ReportedPolicy[];
    verdicts: Verdict[];
    summary: { mandatory: number; advisory: number; passed: boolean };
}

/** Combines what was read and what the pack said. */
export function reportOf(input: Input, analysis: Analysis): CheckReport {
    const mandatory = analysis.verdicts.filter((v) => v.level === "mandatory" || v.level === "remediate").length;
    const advisory = analysis.verdicts.filter((v) => v.level === "advisory").length;
    return {
        input: { kind: input.kind, path: input.path },
        stack: input.plan.stack,
        project: input.plan.project,
        pack: { name: analysis.info.name, version: analysis.info.version },
        resourceCount: input.plan.resources.length,
        policies: analysis.info.policies.map((p) => ({
            name: p.name,
            ...(p.displayName ? { displayName: p.displayName } : {}),
            description: p.description,
            type: p.policyType,
            level: analysis.levels[p.name] ?? p.enforcementLevel,
        })),
        verdicts: analysis.verdicts,
        summary: { mandatory, advisory, passed: mandatory === 0 },
    };
}

/** What the policy reported, without the description the SDK puts on the first line. */
export function reportedText(v: Verdict): string {
    if (v.description && v.message.startsWith(v.description + "\n")) {
        return v.message.slice(v.description.length + 1);
    }
    return v.message;
}

/** "name (type)" for a verdict about a resource, "the stack" otherwise. */
export function subjectOf(v: Verdict): string {
    return v.resource !== undefined ? `${v.resource} (${v.type ?? "?"})` : "the stack";
}
