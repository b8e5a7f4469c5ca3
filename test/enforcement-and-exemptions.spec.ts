// Exemptions under every enforcement configuration, as the Pulumi CLI applies a
// `--policy-pack-config` file (`all`, per-policy levels) and drives the pack over the Analyzer
// protocol: an active exemption never blocks, an expired one blocks and names itself, and the
// settings apply whether or not the settings policy itself is enabled.
import * as path from "path";
import { PackClient, startPack, Verdict } from "../harness/analyzer-client";
import type { EnforcementLevel, PolicyPackConfigFile } from "../harness/policy-config";
import { planOf } from "./support/plans";

const repoRoot = path.resolve(__dirname, "..");

const frontier = planOf([
    {
        type: "aws:ecs/service:Service",
        name: "legacy-frontier",
        inputs: { launchType: "FARGATE", tags: { "openai:product": "frontier" } },
    },
]);

const exemptionFor = (expires: string) => ({
    resource: "legacy-*",
    policy: "first-party-products-on-azure",
    reason: "migration MIG-142",
    owner: "platform@example.com",
    expires,
});

const exemptions = {
    active: [exemptionFor("2099-12-31")],
    expired: [exemptionFor("2020-01-31")],
    absent: [],
} as const;

type AllLevel = EnforcementLevel | "(not set)";
const allLevels: AllLevel[] = ["(not set)", "advisory", "mandatory", "remediate", "disabled"];

/** The level a violation of a mandatory-by-default rule is reported at under `all`. */
function violationLevel(all: AllLevel): string | undefined {
    switch (all) {
        case "(not set)":
        case "mandatory":
        case "remediate": // the SDK reports a remediate-level violation as mandatory
            return "mandatory";
        case "advisory":
            return "advisory";
        case "disabled":
            return undefined;
    }
}

function configOf(all: AllLevel, exemption: keyof typeof exemptions, settingsPolicy: "enabled" | "disabled"): PolicyPackConfigFile {
    const config: PolicyPackConfigFile = {
        "openai-hosting-settings": {
            ...(settingsPolicy === "disabled" ? { enforcementLevel: "disabled" as const } : {}),
            exemptions: [...exemptions[exemption]],
        },
    };
    if (all !== "(not set)") {
        config["all"] = all;
    }
    return config;
}

const cases = allLevels.flatMap((all) =>
    (["active", "expired", "absent"] as const).flatMap((exemption) =>
        // "disabled" first: each case follows one configured differently, so no setting can be left over from the last.
        (["disabled", "enabled"] as const).map((settingsPolicy) => [all, exemption, settingsPolicy] as const),
    ),
);

describe("exemptions under every enforcement configuration, over the Analyzer protocol", () => {
    let pack: PackClient;

    beforeAll(async () => {
        pack = await startPack(repoRoot);
    }, 120_000);

    afterAll(async () => {
        await pack?.close();
    });

    it.each(cases)("all: %s, exemption %s, settings policy %s", async (all, exemption, settingsPolicy) => {
        await pack.configure(configOf(all, exemption, settingsPolicy));
        const verdicts: Verdict[] = await pack.analyzePlan(frontier);
        const level = violationLevel(all);

        // The settings policy reports nothing of its own, whatever its level.
        expect(verdicts.filter((v) => v.policy === "openai-hosting-settings")).toEqual([]);
        if (level === undefined) {
            expect(verdicts).toEqual([]);
            return;
        }
        expect(verdicts.map((v) => `${v.resource} ${v.policy}`)).toEqual(["legacy-frontier first-party-products-on-azure"]);
        const [verdict] = verdicts;
        const data = verdict.data as { exemption?: { status: string; owner: string; expires: string }; product?: string };
        expect(data.product).toBe("frontier");
        switch (exemption) {
            case "active":
                expect(verdict.level).toBe("advisory");
                expect(data.exemption).toMatchObject({ status: "active", owner: "platform@example.com", expires: "2099-12-31" });
                expect(verdict.message).toMatch(
                    /^Exempted from first-party-products-on-azure until 2099-12-31 \(owner platform@example\.com; reason: migration MIG-142/,
                );
                break;
            case "expired":
                expect(verdict.level).toBe(level);
                expect(data.exemption).toMatchObject({ status: "expired", expires: "2020-01-31" });
                expect(verdict.message).toMatch(
                    /^Exemption expired on 2020-01-31 \(owner platform@example\.com; reason: migration MIG-142\); the rule applies again\./,
                );
                break;
            case "absent":
                expect(verdict.level).toBe(level);
                expect(data.exemption).toBeUndefined();
                expect(verdict.message).not.toMatch(/^Exempt/);
                break;
        }
    });

    it("applies the settings in a fresh pack whose settings policy is disabled", async () => {
        const fresh = await startPack(repoRoot);
        try {
            await fresh.configure(configOf("mandatory", "active", "disabled"));
            expect((await fresh.analyzePlan(frontier)).map((v) => `${v.policy} ${v.level}`)).toEqual([
                "first-party-products-on-azure advisory",
            ]);
        } finally {
            await fresh.close();
        }
    }, 120_000);

    it("keeps an exemption scoped to another stack from applying here, and applies one scoped to this stack", async () => {
        const scoped = (stack: string) => ({ "openai-hosting-settings": { exemptions: [{ ...exemptionFor("2099-12-31"), stack }] } });
        await pack.configure({ all: "mandatory", ...scoped("prod") });
        expect((await pack.analyzePlan(frontier)).map((v) => v.level)).toEqual(["mandatory"]);
        await pack.configure({ all: "mandatory", ...scoped(frontier.stack) });
        expect((await pack.analyzePlan(frontier)).map((v) => v.level)).toEqual(["advisory"]);
    });
});
