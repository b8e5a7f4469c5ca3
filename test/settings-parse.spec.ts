/**
 * The settings policy's config, read as a user writes it: every list and value trimmed and checked,
 * exemptions checked field by field, and every problem named in one message, so a wrong config stops
 * the preview saying what to fix instead of falling back to defaults.
 */
import { defaultSettings, parseSettings, SettingsError } from "../policypack/settings";

const problemsOf = (config: unknown): string => {
    try {
        parseSettings(config);
        return "";
    } catch (error) {
        expect(error).toBeInstanceOf(SettingsError);
        expect((error as Error).name).toBe("SettingsError");
        return (error as Error).message;
    }
};

const valid = { resource: "legacy-*", policy: "*", reason: "migration", owner: "platform", expires: "2027-01-31" };

describe("the settings", () => {
    it("are the defaults for an empty or missing config, and an enforcement level is allowed beside them", () => {
        expect(parseSettings(undefined)).toEqual(defaultSettings);
        expect(parseSettings("not an object")).toEqual(defaultSettings);
        expect(parseSettings({ enforcementLevel: "advisory" })).toEqual(defaultSettings);
    });

    it("trim list entries and check each against its pattern", () => {
        const settings = parseSettings({
            extraAzureHostedEndpoints: [" gw.example.net "],
            workloadTagKeys: ["team/workload"],
            productTagKeys: ["product"],
        });
        expect(settings.extraAzureHostedEndpoints).toEqual(["gw.example.net"]);
        expect(settings.tagKeys).toEqual({ workload: ["team/workload"], product: ["product"] });
        expect(problemsOf({ extraAzureHostedEndpoints: ["https://gw.example.net/v1"] })).toMatch(
            /extraAzureHostedEndpoints\[0\] "https:\/\/gw.example.net\/v1": /,
        );
        expect(problemsOf({ openAIHostnames: ["ok.example.com", "bad host"] })).toMatch(/openAIHostnames\[1\] "bad host"/);
    });

    it("name every problem at once", () => {
        const message = problemsOf({
            allowOpenWeightOffAzure: "no",
            firstPartyProducts: "frontier",
            extraDnsTargets: [],
            extraProprietaryModelPatterns: ["ok-*", ""],
        });
        expect(message).toBe(
            'openai-hosting-settings: invalid policy pack config: unknown setting "extraDnsTargets"; allowOpenWeightOffAzure must be true or false; extraProprietaryModelPatterns must be a list of non-empty strings; firstPartyProducts must be a list of non-empty strings',
        );
    });
});

describe("exemptions", () => {
    it("are read trimmed, with their optional project and stack", () => {
        const [exemption] = parseSettings({ exemptions: [{ ...valid, owner: " platform ", project: " chat ", stack: "prod" }] }).exemptions;
        expect(exemption).toEqual({ ...valid, project: "chat", stack: "prod" });
    });

    it.each<[string, unknown, string]>([
        ["not a list", { a: 1 }, "exemptions must be a list"],
        ["an entry that is not an object", ["x"], "exemptions[0] must be an object"],
        ["an entry that is a list", [[valid]], "exemptions[0] must be an object"],
        ["missing fields", [{ resource: "x", policy: "*" }], 'exemptions[0] needs "reason", "owner", "expires" (non-empty text)'],
        ["a blank field", [{ ...valid, owner: "  " }], 'exemptions[0] needs "owner" (non-empty text)'],
        ["an unknown field", [{ ...valid, approver: "x" }], 'exemptions[0] has unknown field "approver"'],
        ["a blank scope", [{ ...valid, stack: " " }], "exemptions[0].stack must be non-empty text"],
        ["a scope that is not text", [{ ...valid, project: 3 }], "exemptions[0].project must be non-empty text"],
        ["an unknown policy", [{ ...valid, policy: "openai-everything" }], 'exemptions[0].policy "openai-everything" is not one of'],
        ["a date that is not a date", [{ ...valid, expires: "2027-02-30" }], 'exemptions[0].expires "2027-02-30" is not a date YYYY-MM-DD'],
        ["a date in another form", [{ ...valid, expires: "31/01/2027" }], 'exemptions[0].expires "31/01/2027" is not a date YYYY-MM-DD'],
    ])("refuse %s", (_what, exemptions, problem) => {
        expect(problemsOf({ exemptions })).toContain(problem);
    });

    it("name the entry a problem is in", () => {
        expect(problemsOf({ exemptions: [valid, { ...valid, expires: "soon" }] })).toContain('exemptions[1].expires "soon"');
    });
});
