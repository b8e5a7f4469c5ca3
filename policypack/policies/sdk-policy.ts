/**
 * A rule as a Pulumi policy. Each resource is judged once per request (the
 * SDK runs every policy of a request back to back, deserializing the
 * resource again for each), in two phases: the resource phase reports what
 * one resource shows; the stack phase reports only what needed the stack.
 * Each policy then reports its own rule's verdicts: an exempted one as an
 * advisory that names its exemption, whatever level the config sets.
 */
import { PolicyComplianceFramework, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { docsUrl } from "../docs";
import { exemptionFor } from "../exemptions";
import { PackSettings } from "../pack-settings";
import { redactText } from "../redaction";
import { resourcePhase, stackPhase } from "../registry";
import { messageOf, RenderContext, wireOf } from "../render";
import { RequestMemo } from "../request-memo";
import { Settings } from "../settings";
import { isAdvisorySubject, Verdict } from "../verdict";
import { resourceView, stackIndex } from "../views";
import { Rule } from "./rule";

/** A policy that validates both single resources and the whole stack. */
export type RulePolicy = ResourceValidationPolicy & StackValidationPolicy;

/** A resource's verdicts, with what they were judged under. */
interface ResourcePhaseEntry {
    type: string;
    settings: Settings;
    verdicts: Verdict[];
}

/** Keyed by URN alone: the string the request holds, hashed once, where a joined key would be built and hashed per policy. */
const resourceMemo = new RequestMemo<ResourcePhaseEntry>();
const stackMemo = new RequestMemo<Verdict[]>();
const settingsIds = new WeakMap<Settings, number>();
let nextSettingsId = 0;

/** Distinguishes settings objects in memo keys: a reconfigured pack never reuses verdicts. */
function settingsId(settings: Settings): number {
    let id = settingsIds.get(settings);
    if (id === undefined) {
        id = nextSettingsId++;
        settingsIds.set(settings, id);
    }
    return id;
}

/** Every rule's resource-phase verdicts on the resource of `args`, once per request. */
export function resourcePhaseVerdicts(args: ResourceValidationArgs, settings: Settings): Verdict[] {
    const judge = () => resourcePhase(resourceView(args), settings);
    const entry = resourceMemo.get(args.urn, () => ({ type: args.type, settings, verdicts: judge() }));
    // One URN with another type or other settings in the same request is judged afresh.
    return entry.type === args.type && entry.settings === settings ? entry.verdicts : judge();
}

/** Every rule's stack-phase verdicts (only those that needed the stack), once per request. */
export function stackPhaseVerdicts(args: StackValidationArgs, settings: Settings): Verdict[] {
    const resources = args.resources;
    const key = `${settingsId(settings)}|${resources.length}|${resources[0]?.urn}|${resources[resources.length - 1]?.urn}`;
    return stackMemo.get(key, () => {
        const { nodes, index } = stackIndex(resources);
        return stackPhase(nodes, index, settings);
    });
}

/** The shape `reportViolation` takes besides a string (SDK ≥ 1.20; its type still only declares the string form). */
interface ViolationReport {
    message: string;
    urn?: string;
    description?: string;
    enforcementLevel?: "advisory";
}

/**
 * Reports a verdict: its message for people and, when `withData` (the checker asks, see
 * `verdictDataVariable`), the verdict itself as JSON in the diagnostic's description for the
 * checker's reports; otherwise the SDK puts the policy's description there. An actively exempted
 * verdict, or one saying the pack could not judge yet (`isAdvisorySubject`), is reported at
 * advisory level, so no config makes it block.
 */
export function reportVerdict(
    verdict: Verdict,
    settings: Settings,
    reportViolation: ReportViolation,
    context: RenderContext = {},
    withData = true,
): void {
    const exemption = exemptionFor(verdict, settings.exemptions);
    const judged: Verdict = exemption ? { ...verdict, exemption } : verdict;
    const report: ViolationReport = {
        message: messageOf(judged, context),
        urn: judged.resource.urn,
        ...(withData ? { description: wireOf(judged, context) } : {}),
        ...(reportedAsAdvisory(judged) ? { enforcementLevel: "advisory" as const } : {}),
    };
    (reportViolation as unknown as (report: ViolationReport) => void)(report);
}

/**
 * Whether a verdict (with its exemption applied) is reported as an advisory whatever level the
 * config sets: actively exempted, or saying only what the pack could not read yet.
 */
export function reportedAsAdvisory(verdict: Verdict): boolean {
    return verdict.exemption?.status === "active" || isAdvisorySubject(verdict.subject);
}

/** The compliance framework every rule belongs to: the agreement, its date, the rule's clause. */
export function frameworkOf(rule: Rule): PolicyComplianceFramework {
    return {
        name: "OpenAI–Microsoft joint statement",
        version: "2026-02-27",
        reference: `clause ${rule.clause.ids.join(", ")}`,
        specification: rule.clause.text,
    };
}

/** The Pulumi policy of a rule, reading the settings in force from `settings`. */
export function policyOf(rule: Rule, settings: PackSettings): RulePolicy {
    const url = docsUrl(rule.name);
    const report = (verdicts: Verdict[], current: Settings, reportViolation: ReportViolation) => {
        // What the engine is doing is asked only when there is something to report: most resources have nothing.
        let context: RenderContext | undefined;
        for (const verdict of verdicts) {
            if (verdict.rule === rule.name) {
                context ??= { evaluation: settings.evaluation() };
                reportVerdict(verdict, current, reportViolation, context, settings.verdictData);
            }
        }
    };
    return {
        name: rule.name,
        displayName: rule.displayName,
        description: rule.description,
        enforcementLevel: "mandatory",
        severity: rule.severity,
        remediationSteps: rule.remediationSteps,
        framework: frameworkOf(rule),
        tags: [...rule.tags],
        ...(url ? { url } : {}),
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            const current = settings.get();
            guarded(rule.name, args.urn, reportViolation, () => report(resourcePhaseVerdicts(args, current), current, reportViolation));
        },
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const current = settings.get();
            guarded(rule.name, undefined, reportViolation, () => report(stackPhaseVerdicts(args, current), current, reportViolation));
        },
    };
}

/**
 * Runs a check and turns an unexpected error into a violation: a gate that
 * cannot judge a resource blocks it, visibly, instead of crashing the
 * preview or letting the resource through.
 */
export function guarded(policy: string, urn: string | undefined, reportViolation: ReportViolation, check: () => void): void {
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
