// The pack as the Pulumi CLI runs it: started with run-policy-pack and driven over the Analyzer
// protocol with hand-built plans, for what the examples do not show: the SDK's unknown trap,
// secrets, config errors and enforcement levels.
import * as path from "path";
import { PackClient, startPack, Verdict } from "../harness/analyzer-client";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../harness/plan";
import { lambdaWith, planOf } from "./support/plans";

const repoRoot = path.resolve(__dirname, "..");
const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });
const summary = (verdicts: Verdict[]) => verdicts.map((v) => `${v.resource} ${v.policy} ${v.level} ${v.phase}`).sort();

describe("the pack over the Analyzer protocol", () => {
    let pack: PackClient;

    beforeAll(async () => {
        pack = await startPack(repoRoot);
    }, 120_000);

    afterAll(async () => {
        await pack?.close();
    });

    beforeEach(async () => {
        await pack.configure({});
    });

    it("declares its four policies, the settings policy first", async () => {
        const info = await pack.info();
        expect(info.policies.map((p) => `${p.name}:${p.enforcementLevel}`)).toEqual([
            "openai-hosting-settings:advisory",
            "stateless-openai-api-on-azure:mandatory",
            "openai-calls-hosted-on-azure:mandatory",
            "first-party-products-on-azure:mandatory",
        ]);
    });

    it("blocks a client whose endpoint is unknown, where the SDK alone would only advise", async () => {
        const plan = planOf([lambdaWith("unknown-endpoint", { OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: "gpt-4o" })]);
        const verdicts = await pack.analyzePlan(plan);
        expect(summary(verdicts)).toEqual(["unknown-endpoint openai-calls-hosted-on-azure mandatory stack"]);
        expect(verdicts.some((v) => v.message.includes("can't be known during preview"))).toBe(false);
    });

    it("writes each verdict as JSON in its description only for whoever asks: the engine gets the policy's description", async () => {
        const plan = planOf([lambdaWith("proxy-client", { OPENAI_BASE_URL: "https://proxy.example.net/v1", OPENAI_MODEL: "gpt-4o" })]);
        const asked = await pack.analyzePlan(plan);
        const engine = await startPack(repoRoot, { verdictData: false });
        try {
            await engine.configure({});
            const plain = await engine.analyzePlan(plan);
            const policy = (await engine.info()).policies.find((p) => p.name === "openai-calls-hosted-on-azure");
            expect(summary(plain)).toEqual(summary(asked));
            expect(plain.map((v) => v.message)).toEqual(asked.map((v) => v.message));
            expect(plain.map((v) => [v.description, v.data])).toEqual([[policy?.description, undefined]]);
            expect(asked[0]?.data).toMatchObject({ rule: "openai-calls-hosted-on-azure", subject: "calls-model" });
        } finally {
            await engine.close();
        }
    }, 120_000);

    it("never puts a secret's plaintext in a message", async () => {
        const plan = planOf([
            lambdaWith("sealed", {
                OPENAI_BASE_URL: secret("https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1"),
                OPENAI_MODEL: secret("gpt-5-pro"),
                OPENAI_API_KEY: secret("sk-proj-THISisAsecretKEY1234567890abcdef"),
            }),
            lambdaWith("plain-key", {
                OPENAI_BASE_URL: "https://proxy.example.net/v1?api_key=sk-live-LEAKED1234567890abcdefghij",
                OPENAI_MODEL: "gpt-4o",
                SERVICE_TOKEN: "tok_abcdefghijklmnopqrstuvwxyz012345",
            }),
        ]);
        const verdicts = await pack.analyzePlan(plan);
        expect(summary(verdicts)).toEqual([
            "plain-key openai-calls-hosted-on-azure mandatory resource",
            "sealed openai-calls-hosted-on-azure mandatory resource",
        ]);
        const text = verdicts.map((v) => v.message).join("\n");
        for (const leaked of ["bedrock-runtime", "gpt-5-pro", "sk-proj-", "THISisAsecretKEY", "LEAKED1234567890", "tok_abcdefghij"]) {
            expect(text).not.toContain(leaked);
        }
        expect(pack.stderr()).not.toContain("THISisAsecretKEY");
    });

    it("refuses the engine's Configure request with one line naming the field when the settings are wrong", async () => {
        const configured = pack.configure({
            "openai-hosting-settings": {
                exemptions: [{ resource: "x", policy: "first-party-products-on-azure", reason: "r", owner: "o", expires: "2026-02-30" }],
            },
        });
        await expect(configured).rejects.toThrow(
            /^Configure failed: openai-hosting-settings: invalid policy pack config: exemptions\[0\]\.expires "2026-02-30" is not a date YYYY-MM-DD$/m,
        );
        expect(pack.stderr()).not.toMatch(/\bat .*\.js:\d+/);
    });

    it("follows the enforcement levels of the config", async () => {
        await pack.configure({ "openai-calls-hosted-on-azure": "advisory", "stateless-openai-api-on-azure": "disabled" });
        const plan = planOf([
            lambdaWith("client", { OPENAI_BASE_URL: "https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1", OPENAI_MODEL: "o3" }),
            lambdaWith("server", { SERVED_MODEL_NAME: "gpt-4.1" }),
        ]);
        expect(summary(await pack.analyzePlan(plan))).toEqual(["client openai-calls-hosted-on-azure advisory resource"]);
    });

    it("reports a resource it cannot read as blocked rather than crashing", async () => {
        const plan = planOf([
            {
                type: "aws:ecs/taskDefinition:TaskDefinition",
                name: "broken-json",
                inputs: { family: "x", containerDefinitions: "[{not json", tags: { "openai:workload": "stateless-api" } },
            },
        ]);
        const verdicts = await pack.analyzePlan(plan);
        expect(summary(verdicts)).toEqual(["broken-json stateless-openai-api-on-azure mandatory resource"]);
    });
});
