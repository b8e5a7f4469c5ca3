/**
 * What the three rules share: each reports, in the resource phase, the
 * findings one resource shows, and in the stack phase the findings that
 * needed the stack; exempted findings are left to the settings policy, which
 * reports them as advisories.
 */
import {
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { assess, Finding, RuleName } from "../assess";
import { exemptionStatus } from "../exemptions";
import { violationMessage } from "../report";
import { redactText } from "../redaction";
import { currentSettings, Settings } from "../settings";
import { resourceView, stackIndex } from "../views";

/** The documentation every rule carries. */
export interface RuleMetadata {
    name: RuleName;
    description: string;
    severity: "low" | "medium" | "high" | "critical";
    remediationSteps: string;
    url: string;
    enforcementLevel?: EnforcementLevel;
}

/** A policy that validates both single resources and the whole stack. */
export type RulePolicy = ResourceValidationPolicy & StackValidationPolicy;

/** The findings of the resource phase (what one resource shows). */
export function resourcePhaseFindings(args: ResourceValidationArgs, settings: Settings): Finding[] {
    return assess(resourceView(args), settings).findings.filter((finding) => !finding.viaStack);
}

/** The findings of the stack phase (only those that needed the stack). */
export function stackPhaseFindings(args: StackValidationArgs, settings: Settings): Finding[] {
    const { nodes, index } = stackIndex(args.resources);
    return nodes.flatMap((node) => assess(node, settings, index).findings.filter((finding) => finding.viaStack));
}

/** Builds a rule policy from its metadata. */
export function rulePolicy(metadata: RuleMetadata): RulePolicy {
    const report = (findings: Finding[], settings: Settings, reportOne: (message: string, urn: string) => void) => {
        for (const finding of findings) {
            if (finding.rule !== metadata.name) {
                continue;
            }
            const status = exemptionStatus(finding, settings.exemptions);
            if (status.kind !== "active") {
                reportOne(violationMessage(finding, status), finding.resource.urn);
            }
        }
    };
    return {
        enforcementLevel: "mandatory",
        ...metadata,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            const settings = currentSettings();
            guarded(metadata.name, args.urn, reportViolation, () =>
                report(resourcePhaseFindings(args, settings), settings, (message) => reportViolation(message)),
            );
        },
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const settings = currentSettings();
            guarded(metadata.name, undefined, (message) => reportViolation(message), () =>
                report(stackPhaseFindings(args, settings), settings, (message, urn) => reportViolation(message, urn)),
            );
        },
    };
}

/**
 * Runs a check and turns an unexpected error into a violation: a gate that
 * cannot judge a resource blocks it, visibly, instead of crashing the
 * preview or letting the resource through.
 */
export function guarded(policy: string, urn: string | undefined, reportViolation: (message: string) => void, check: () => void): void {
    try {
        check();
    } catch (error) {
        const where = urn ? `resource ${urn}` : "the stack";
        reportViolation(redactText(`${policy} could not assess ${where}: ${(error as Error)?.message ?? String(error)}. The pack blocks what it cannot judge; please report this.`));
    }
}
