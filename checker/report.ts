// What a check found, in one shape every output format reads.
import type { Verdict } from "../harness/analyzer-client";
import type { EnforcementLevel, PolicyInfo } from "../harness/policy-config";
import type { Analysis } from "./analyze";
import { UnexpandedComponent, unexpandedComponents } from "./components";
import type { Input, InputKind } from "./inputs/read-input";
import type { SourceLocation } from "./inputs/source-location";

/** The name the checker reports itself as (SARIF tool, JUnit suites). */
export const TOOL_NAME = "openai-hosting-check";

/** A policy as the report lists it: what the pack says, at the level it was configured to. */
export interface ReportedPolicy {
    name: string;
    displayName?: string;
    description: string;
    type: PolicyInfo["policyType"];
    level: EnforcementLevel;
    severity?: PolicyInfo["severity"];
    tags?: string[];
    framework?: PolicyInfo["framework"];
    remediationSteps?: string;
    /** The policy's documentation, as the pack declares it (absent when the pack names none). */
    url?: string;
}

/** A verdict as reports carry it: for a Terraform plan or manifests, with where its resource is declared. */
export type ReportedVerdict = Verdict & { location?: SourceLocation };

/**
 * One check's result.
 *
 * @example
 * report.verdicts.filter((v) => v.level === "mandatory").length === report.summary.mandatory
 */
export interface CheckReport {
    /** What was checked; `producer` names the tool that wrote it where the file says (`Terraform 1.9.5, plan format 1.2`). */
    input: { kind: InputKind; path: string; producer?: string };
    stack: string;
    project: string;
    pack: { name: string; version: string };
    resourceCount: number;
    policies: ReportedPolicy[];
    /** Components judged by their own inputs only: their children were not seen (see {@link componentsNote}). */
    unexpandedComponents: UnexpandedComponent[];
    /** What every format shows beside the verdict: why the check saw less than a preview would, and how to see it all. */
    notes: string[];
    verdicts: ReportedVerdict[];
    /** `passed`: no mandatory verdict (exit code 0); `complete`: no component was judged by its inputs only. */
    summary: { mandatory: number; advisory: number; passed: boolean; complete: boolean };
}

/** How a report's text is cleaned before any format writes it (the checker removes the program's secret config values). */
export type Redact = (text: string) => string;

/** Combines what was read and what the pack said; `redact` cleans every verdict's message. */
export function reportOf(input: Input, analysis: Analysis, redact: Redact = (text) => text): CheckReport {
    const mandatory = analysis.verdicts.filter((v) => v.level === "mandatory" || v.level === "remediate").length;
    const advisory = analysis.verdicts.filter((v) => v.level === "advisory").length;
    const components = unexpandedComponents(input.plan, input.kind);
    const note = componentsNote(components, input);
    return {
        input: { kind: input.kind, path: input.path, ...(input.producer !== undefined ? { producer: input.producer } : {}) },
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
            ...(p.severity ? { severity: p.severity } : {}),
            ...(p.tags ? { tags: p.tags } : {}),
            ...(p.framework ? { framework: p.framework } : {}),
            ...(p.remediationSteps ? { remediationSteps: p.remediationSteps } : {}),
            ...(p.url ? { url: p.url } : {}),
        })),
        unexpandedComponents: components,
        notes: note !== undefined ? [note] : [],
        verdicts: analysis.verdicts.map((v) => ({
            ...v,
            ...(v.urn !== undefined && input.locations?.has(v.urn) ? { location: input.locations.get(v.urn) } : {}),
            message: redact(v.message),
            ...(v.description !== undefined ? { description: redact(v.description) } : {}),
            ...(v.data !== undefined ? { data: redactedData(v.data, redact) as Record<string, unknown> } : {}),
        })),
        summary: { mandatory, advisory, passed: mandatory === 0, complete: components.length === 0 },
    };
}

/** A verdict's structured data with every string cleaned the way its message is. */
function redactedData(value: unknown, redact: Redact): unknown {
    if (typeof value === "string") {
        return redact(value);
    }
    if (Array.isArray(value)) {
        return value.map((item) => redactedData(item, redact));
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, redactedData(item, redact)]));
    }
    return value;
}

/** A verdict's structured fields as reports carry them: the pack's data without its schema tag. */
export function detailsOf(v: Verdict): Record<string, unknown> | undefined {
    if (!v.data) {
        return undefined;
    }
    const { schema: _schema, ...details } = v.data;
    return details;
}

/** The exemption a verdict was reported under, if any (active ones are advisories that never block). */
export function exemptionOf(v: Verdict): { status: string; resource: string; reason: string; owner: string; expires: string } | undefined {
    const exemption = v.data?.["exemption"];
    return typeof exemption === "object" && exemption !== null ? (exemption as ReturnType<typeof exemptionOf>) : undefined;
}

/**
 * Why the verdicts on `components` rest on their own inputs, and how to get a full verdict; none
 * when every component's children were seen.
 *
 * @example
 * componentsNote([{ urn, name: "web", type: "awsx:ecs:FargateService", remote: true }], { kind: "program", path: "infra" });
 * // "1 component was judged by its own inputs only: …\n  - web (awsx:ecs:FargateService)\nFor a full verdict: …"
 */
export function componentsNote(components: UnexpandedComponent[], input: Pick<Input, "kind" | "path">): string | undefined {
    if (components.length === 0) {
        return undefined;
    }
    const one = components.length === 1;
    const their = one ? "its" : "their";
    const why =
        input.kind === "program"
            ? `${their} children are created by ${one ? "its" : "each one's"} provider plugin during a real preview, and no plugin runs under the checker's mocks`
            : `${their} children are not in ${input.path} (a preview lists unchanged resources only with --show-sames)`;
    return [
        `${one ? "1 component was" : `${components.length} components were`} judged by ${their} own inputs only: ${why}:`,
        ...components.map((c) => `  - ${c.name} (${c.type})`),
        "For a full verdict, run `pulumi preview --json --show-sames > preview.json` with the Pulumi CLI on the stack, " +
            `then \`${TOOL_NAME} check preview.json\`.`,
    ].join("\n");
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
