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
import { assess, Finding, mayNeedStack, RuleName } from "../assess";
import { exemptionStatus } from "../exemptions";
import { violationMessage } from "../report";
import { redactText } from "../redaction";
import { currentSettings, Settings } from "../settings";
import { RequestMemo } from "../request-memo";
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

const resourceMemo = new RequestMemo<Finding[]>();
const stackMemo = new RequestMemo<Finding[]>();
const settingsIds = new WeakMap<Settings, number>();
let nextSettingsId = 0;

/** Distinguishes settings objects in memo keys: a reconfigured pack never reuses findings. */
function settingsId(settings: Settings): number {
    const known = settingsIds.get(settings);
    if (known !== undefined) {
        return known;
    }
    const id = nextSettingsId++;
    settingsIds.set(settings, id);
    return id;
}

/** The findings of the resource phase (what one resource shows), once per request. */
export function resourcePhaseFindings(args: ResourceValidationArgs, settings: Settings): Finding[] {
    return resourceMemo.get(`${settingsId(settings)}|${args.type}|${args.urn}`, () =>
        assess(resourceView(args), settings).findings.filter((finding) => !finding.viaStack),
    );
}

/** The findings of the stack phase (only those that needed the stack), once per request. */
export function stackPhaseFindings(args: StackValidationArgs, settings: Settings): Finding[] {
    const resources = args.resources;
    const key = `${settingsId(settings)}|${resources.length}|${resources[0]?.urn}|${resources[resources.length - 1]?.urn}`;
    return stackMemo.get(key, () => {
        const { nodes, index } = stackIndex(resources);
        return nodes.filter(mayNeedStack).flatMap((node) => assess(node, settings, index).findings.filter((finding) => finding.viaStack));
    });
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
            guarded(
                metadata.name,
                undefined,
                (message) => reportViolation(message),
                () => report(stackPhaseFindings(args, settings), settings, (message, urn) => reportViolation(message, urn)),
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
        reportViolation(
            redactText(
                `${policy} could not assess ${where}: ${(error as Error)?.message ?? String(error)}. The pack blocks what it cannot judge; please report this.`,
            ),
        );
    }
}
