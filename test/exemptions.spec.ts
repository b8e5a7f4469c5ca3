/**
 * Which exemption of the config applies to a verdict: the rule it names (or `*`), the resource (a
 * URN exactly, or a name pattern), the project and stack it is scoped to, and its expiry, an active
 * one winning over expired ones and the latest expired one named when none is active.
 */
import { exemptionFor, stackAndProjectOf, todayUtc } from "../policypack/exemptions";
import { Exemption } from "../policypack/settings";

const urn = "urn:pulumi:prod::chat::aws:ecs/service:Service::legacy-frontier-api";
const verdict = {
    rule: "stateless-openai-api-on-azure" as const,
    resource: { urn, name: "legacy-frontier-api", type: "aws:ecs/service:Service" },
};
const exemption = (extra: Partial<Exemption>): Exemption => ({
    resource: "legacy-*",
    policy: "*",
    reason: "migration",
    owner: "platform",
    expires: "2027-01-31",
    ...extra,
});

describe("an exemption", () => {
    it("applies until the end of its expiry day, UTC", () => {
        expect(exemptionFor(verdict, [exemption({})], "2027-01-31")?.status).toBe("active");
        expect(exemptionFor(verdict, [exemption({})], "2027-02-01")?.status).toBe("expired");
        expect(todayUtc(new Date("2026-11-30T23:59:59-05:00"))).toBe("2026-12-01");
    });

    it("names a rule, or every rule", () => {
        expect(exemptionFor(verdict, [exemption({ policy: "stateless-openai-api-on-azure" })], "2026-12-01")).toBeDefined();
        expect(exemptionFor(verdict, [exemption({ policy: "openai-calls-hosted-on-azure" })], "2026-12-01")).toBeUndefined();
    });

    it("names a resource by its URN exactly, or by a pattern over its name", () => {
        expect(exemptionFor(verdict, [exemption({ resource: urn })], "2026-12-01")).toBeDefined();
        expect(exemptionFor(verdict, [exemption({ resource: `${urn}-2` })], "2026-12-01")).toBeUndefined();
        expect(exemptionFor(verdict, [exemption({ resource: "legacy-frontier-api" })], "2026-12-01")).toBeDefined();
        expect(exemptionFor(verdict, [exemption({ resource: "frontier-*" })], "2026-12-01")).toBeUndefined();
    });

    it("is scoped to a project and a stack when it says so", () => {
        expect(exemptionFor(verdict, [exemption({ project: "chat", stack: "prod" })], "2026-12-01")).toBeDefined();
        expect(exemptionFor(verdict, [exemption({ project: "ch*", stack: "p*" })], "2026-12-01")).toBeDefined();
        expect(exemptionFor(verdict, [exemption({ project: "search" })], "2026-12-01")).toBeUndefined();
        expect(exemptionFor(verdict, [exemption({ stack: "dev" })], "2026-12-01")).toBeUndefined();
        const notAUrn = { ...verdict, resource: { ...verdict.resource, urn: "legacy-frontier-api" } };
        expect(exemptionFor(notAUrn, [exemption({ project: "chat" })], "2026-12-01")).toBeUndefined();
        expect(exemptionFor(notAUrn, [exemption({})], "2026-12-01")).toBeDefined();
    });

    it("active wins over expired ones; of expired ones, the latest is named", () => {
        const old = exemption({ expires: "2026-01-31", reason: "old" });
        const later = exemption({ expires: "2026-06-30", reason: "later" });
        const active = exemption({ expires: "2027-06-30", reason: "active" });
        expect(exemptionFor(verdict, [old, active, later], "2026-12-01")).toEqual({ status: "active", exemption: active });
        expect(exemptionFor(verdict, [old, later], "2026-12-01")).toEqual({ status: "expired", exemption: later });
        expect(exemptionFor(verdict, [later, old], "2026-12-01")).toEqual({ status: "expired", exemption: later });
        expect(exemptionFor(verdict, [], "2026-12-01")).toBeUndefined();
    });
});

describe("a URN", () => {
    it("names its stack and project", () => {
        expect(stackAndProjectOf(urn)).toEqual({ stack: "prod", project: "chat" });
        expect(stackAndProjectOf("not:a:urn")).toEqual({});
    });
});
