import { Verdict } from "../policypack/verdict";
import { exemptionFor } from "../policypack/exemptions";
import { compileGlob, globMatches } from "../policypack/glob";
import { defaultSettings, parseSettings, SettingsError } from "../policypack/settings";

const finding = (name: string, rule: Verdict["rule"] = "first-party-products-on-azure"): Pick<Verdict, "rule" | "resource"> => ({
    rule,
    resource: { urn: `urn:pulumi:prod::shop::aws:ecs/service:Service::${name}`, name, type: "aws:ecs/service:Service" },
});

const exemption = {
    resource: "legacy-*",
    policy: "first-party-products-on-azure",
    reason: "migration MIG-142",
    owner: "platform@example.com",
    expires: "2026-12-31",
};

describe("settings", () => {
    it("works with no config at all", () => {
        expect(parseSettings({})).toEqual(defaultSettings);
        expect(parseSettings(undefined)).toEqual(defaultSettings);
    });

    it("reads every documented setting", () => {
        const settings = parseSettings({
            allowOpenWeightOffAzure: false,
            extraProprietaryModelPatterns: ["acme-gpt-*"],
            extraAzureHostedEndpoints: ["*.llm.corp.example"],
            firstPartyProducts: ["frontier", "atlas"],
            workloadTagKeys: ["team:workload"],
            exemptions: [exemption],
        });
        expect(settings.allowOpenWeightOffAzure).toBe(false);
        expect(settings.tagKeys.workload).toEqual(["team:workload"]);
        expect(settings.tagKeys.product).toEqual(defaultSettings.tagKeys.product);
        expect(settings.exemptions).toEqual([exemption]);
    });

    it("names every wrong field instead of falling back to defaults", () => {
        const parse = () =>
            parseSettings({
                allowOpenWeightOffAzure: "yes",
                extraAzureHostedEndpoints: "contoso.example",
                exemptions: [
                    { ...exemption, expires: "2026-02-30" },
                    { resource: "x", policy: "no-such-policy", reason: "r", owner: "o", expires: "2026-01-01" },
                    { resource: "y" },
                ],
                colour: "blue",
            });
        expect(parse).toThrow(SettingsError);
        expect(parse).toThrow(/allowOpenWeightOffAzure must be true or false/);
        expect(parse).toThrow(/extraAzureHostedEndpoints must be a list/);
        expect(parse).toThrow(/exemptions\[0\]\.expires "2026-02-30" is not a date/);
        expect(parse).toThrow(/exemptions\[1\]\.policy "no-such-policy"/);
        expect(parse).toThrow(/exemptions\[2\] needs "policy", "reason", "owner", "expires"/);
        expect(parse).toThrow(/unknown setting "colour"/);
    });
});

describe("exemptions", () => {
    it("exempts a matching resource until the end of its expiry day, then no longer", () => {
        expect(exemptionFor(finding("legacy-frontier"), [exemption], "2026-12-31")?.status ?? "none").toBe("active");
        expect(exemptionFor(finding("legacy-frontier"), [exemption], "2027-01-01")?.status ?? "none").toBe("expired");
    });

    it("applies only to the named policy and resource", () => {
        expect(exemptionFor(finding("legacy-frontier", "stateless-openai-api-on-azure"), [exemption], "2026-01-01")?.status ?? "none").toBe(
            "none",
        );
        expect(exemptionFor(finding("new-frontier"), [exemption], "2026-01-01")?.status ?? "none").toBe("none");
    });

    it("matches a full URN exactly", () => {
        const byUrn = { ...exemption, resource: finding("svc").resource.urn };
        expect(exemptionFor(finding("svc"), [byUrn], "2026-01-01")?.status ?? "none").toBe("active");
        expect(exemptionFor(finding("svc2"), [byUrn], "2026-01-01")?.status ?? "none").toBe("none");
    });

    it("prefers an active exemption over an expired one", () => {
        const old = { ...exemption, expires: "2025-01-01" };
        expect(exemptionFor(finding("legacy-a"), [old, exemption], "2026-06-01")).toEqual({ status: "active", exemption });
    });

    it("matches name globs without building a regular expression from config", () => {
        expect(globMatches(compileGlob("legacy-*-task"), "legacy-frontier-task")).toBe(true);
        expect(globMatches(compileGlob("legacy-*-task"), "legacy-frontier-service")).toBe(false);
        expect(globMatches(compileGlob("*a*a*a*a*a*a*a*b"), "a".repeat(20000))).toBe(false);
    });
});
