/**
 * Exemptions: granted only in the pack's config (never by a resource's own
 * tags), each naming the resource, the rule, a reason, an owner and an
 * expiry, optionally scoped to a project and a stack. An active exemption
 * turns a violation into an advisory of its own rule that names it; an
 * expired one is a violation again, and says so.
 */
import { compileGlob, globMatches } from "./glob";
import { Exemption } from "./settings";
import { AppliedExemption, Verdict } from "./verdict";

/** Today's date as `YYYY-MM-DD` in UTC, the clock exemptions are judged by. */
export function todayUtc(now: Date = new Date()): string {
    return now.toISOString().slice(0, 10);
}

/** The stack and project of a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackAndProjectOf(urn: string): { stack?: string; project?: string } {
    if (!urn.startsWith("urn:pulumi:")) {
        return {};
    }
    const [stack, project] = urn.slice("urn:pulumi:".length).split("::");
    return { stack, project };
}

function matchesPattern(pattern: string | undefined, value: string | undefined): boolean {
    return pattern === undefined || (value !== undefined && globMatches(compileGlob(pattern), value));
}

/** Whether an exemption names a verdict's rule, resource, project and stack. */
function names(exemption: Exemption, verdict: Pick<Verdict, "rule" | "resource">): boolean {
    if (exemption.policy !== "*" && exemption.policy !== verdict.rule) {
        return false;
    }
    const { stack, project } = stackAndProjectOf(verdict.resource.urn);
    if (!matchesPattern(exemption.project, project) || !matchesPattern(exemption.stack, stack)) {
        return false;
    }
    return exemption.resource.startsWith("urn:pulumi:")
        ? exemption.resource === verdict.resource.urn
        : globMatches(compileGlob(exemption.resource), verdict.resource.name);
}

/** The exemption that applies to a verdict, if any: an active one wins over expired ones. */
export function exemptionFor(
    verdict: Pick<Verdict, "rule" | "resource">,
    exemptions: readonly Exemption[],
    today: string = todayUtc(),
): AppliedExemption | undefined {
    let expired: Exemption | undefined;
    for (const exemption of exemptions) {
        if (!names(exemption, verdict)) {
            continue;
        }
        if (exemption.expires >= today) {
            return { status: "active", exemption };
        }
        if (!expired || exemption.expires > expired.expires) {
            expired = exemption;
        }
    }
    return expired ? { status: "expired", exemption: expired } : undefined;
}
