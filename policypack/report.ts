/**
 * The text a user reads: what the resource does, where it runs, the
 * evidence (already redacted), the clause of the agreement and the fix.
 * Every message takes a last redaction pass before it leaves the pack.
 */
import { Finding, RuleName } from "./assess";
import { ExemptionStatus } from "./exemptions";
import { redactText } from "./redaction";

/** The clause each rule enforces, as messages cite it. */
export const clauses: Record<RuleName, string> = {
    "stateless-openai-api-on-azure":
        "clause 1 of the OpenAI–Microsoft joint statement (27 Feb 2026): Azure is the exclusive cloud provider for stateless OpenAI APIs",
    "openai-calls-hosted-on-azure":
        "clauses 2 and 5 of the OpenAI–Microsoft joint statement (27 Feb 2026): stateless calls to OpenAI models, including those from third-party collaborations, are hosted on Azure (api.openai.com counts as Azure-hosted)",
    "first-party-products-on-azure":
        "clause 3 of the OpenAI–Microsoft joint statement (27 Feb 2026): OpenAI first-party products stay hosted on Azure",
};

/** The full violation message for a finding. */
export function violationMessage(finding: Finding, status: ExemptionStatus = { kind: "none" }): string {
    const { resource } = finding;
    const lines = [
        `${resource.type} "${resource.name}": ${finding.what}.`,
        `Hosted on / sending to: ${finding.where}.`,
        `Evidence: ${finding.evidence.map((item) => `${item.path} = ${item.shown}`).join("; ")}.`,
        `Rule: ${clauses[finding.rule]}.`,
        `Fix: ${finding.fix}.`,
    ];
    if (status.kind === "expired") {
        const { exemption } = status;
        lines.unshift(
            `Exemption expired on ${exemption.expires} (owner ${exemption.owner}; reason: ${exemption.reason}); the rule applies again.`,
        );
    }
    return redactText(lines.join("\n"));
}

/** The advisory that shows an exempted finding, so nothing is skipped silently. */
export function exemptedMessage(finding: Finding, status: Extract<ExemptionStatus, { kind: "active" }>): string {
    const { exemption } = status;
    return redactText(
        [
            `Exempted from ${finding.rule} until ${exemption.expires} (owner ${exemption.owner}; reason: ${exemption.reason}; exemption for "${exemption.resource}").`,
            violationMessage(finding),
        ].join("\n"),
    );
}
