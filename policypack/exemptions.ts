/**
 * Exemptions: granted only in the pack's config (never by a resource's own
 * tags), each naming the resource, the rule, a reason, an owner and an
 * expiry. An active exemption turns a violation into an advisory that names
 * it; an expired one is a violation again, and says so.
 */
import { Finding } from "./assess";
import { compileGlob, globMatches } from "./glob";
import { Exemption } from "./settings";

/** How an exemption applies to a finding. */
export type ExemptionStatus = { kind: "none" } | { kind: "active"; exemption: Exemption } | { kind: "expired"; exemption: Exemption };

/** Today's date as `YYYY-MM-DD` in UTC, the clock exemptions are judged by. */
export function todayUtc(now: Date = new Date()): string {
    return now.toISOString().slice(0, 10);
}

function names(exemption: Exemption, finding: Finding): boolean {
    if (exemption.policy !== "*" && exemption.policy !== finding.rule) {
        return false;
    }
    return exemption.resource.startsWith("urn:pulumi:")
        ? exemption.resource === finding.resource.urn
        : globMatches(compileGlob(exemption.resource), finding.resource.name);
}

/** The exemption that applies to a finding: an active one wins over expired ones. */
export function exemptionStatus(finding: Finding, exemptions: readonly Exemption[], today: string = todayUtc()): ExemptionStatus {
    let expired: Exemption | undefined;
    for (const exemption of exemptions) {
        if (!names(exemption, finding)) {
            continue;
        }
        if (exemption.expires >= today) {
            return { kind: "active", exemption };
        }
        if (!expired || exemption.expires > expired.expires) {
            expired = exemption;
        }
    }
    return expired ? { kind: "expired", exemption: expired } : { kind: "none" };
}
