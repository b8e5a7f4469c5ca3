import { ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { docsUrl } from "../docs";
import { exemptionStatus } from "../exemptions";
import { exemptedMessage } from "../report";
import { settingsSchema, useSettingsFrom } from "../settings";
import { guarded, resourcePhaseFindings, RulePolicy, stackPhaseFindings } from "./rule";
import { Finding } from "../assess";

function reportExempted(
    findings: Finding[],
    exemptionsFrom: ReturnType<typeof useSettingsFrom>,
    report: (message: string, urn: string) => void,
): void {
    for (const finding of findings) {
        const status = exemptionStatus(finding, exemptionsFrom.exemptions);
        if (status.kind === "active") {
            report(exemptedMessage(finding, status), finding.resource.urn);
        }
    }
}

/**
 * The pack's settings and exemptions. It runs first in every request: it
 * validates its config (a bad config stops the preview with a message naming
 * the field), makes the settings current for the rules after it, and reports
 * every exempted finding as an advisory naming its exemption, so an exempted
 * resource is never skipped silently.
 */
export const openAIHostingSettings: RulePolicy = {
    name: "openai-hosting-settings",
    description: "Settings and time-boxed exemptions of the OpenAI hosting rules; reports exempted resources.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Review each exemption before it expires; when it expires the rule blocks the resource again.",
    url: docsUrl("openai-hosting-settings"),
    configSchema: settingsSchema,
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const settings = useSettingsFrom(args.getConfig());
        if (settings.exemptions.length === 0) {
            return;
        }
        guarded("openai-hosting-settings", args.urn, reportViolation, () =>
            reportExempted(resourcePhaseFindings(args, settings), settings, (message) => reportViolation(message)),
        );
    },
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
        const settings = useSettingsFrom(args.getConfig());
        if (settings.exemptions.length === 0) {
            return;
        }
        guarded(
            "openai-hosting-settings",
            undefined,
            (message) => reportViolation(message),
            () => reportExempted(stackPhaseFindings(args, settings), settings, (message, urn) => reportViolation(message, urn)),
        );
    },
};
