// SARIF as GitHub code scanning reads it: an exempted finding is a suppressed result of its own rule,
// rules carry severity and clause tags and a name distinct from their id, and every finding has its
// own fingerprint. Through the built CLI, as a CI job runs it.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lambdaWith, planOf } from "./support/plans";
import { previewDigestOf } from "./support/plan-files";
import { repoRoot, requireBuiltCli, runCli } from "./support/checker-cli";
import { sarifErrors } from "./support/sarif";

interface SarifResult {
    ruleId: string;
    level: string;
    suppressions?: Array<{ kind: string; status?: string; justification?: string }>;
    partialFingerprints: Record<string, string>;
    locations: Array<{ logicalLocations: Array<{ fullyQualifiedName: string }> }>;
    properties: Record<string, unknown>;
}
interface SarifLog {
    runs: Array<{
        tool: { driver: { rules: Array<{ id: string; name: string; properties: Record<string, unknown>; helpUri?: string }> } };
        results: SarifResult[];
    }>;
}

const minutes = 60_000;

async function sarifOf(args: string[]): Promise<SarifLog> {
    const run = await runCli([...args, "--format", "sarif"]);
    expect(run.stderr).not.toMatch(/Error|at .*\.js:\d+/);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(sarifErrors(log)).toEqual([]);
    return log;
}

describe("SARIF for code scanning", () => {
    beforeAll(requireBuiltCli);

    it(
        "reports an active exemption as a suppressed result of its own rule, and an expired one as an error",
        async () => {
            const example = path.join(repoRoot, "examples", "exempted-migration-on-ecs");
            const log = await sarifOf(["check", example, "--config", path.join(example, "policy-config.json")]);
            const results = log.runs[0].results;
            const byResource = (name: string) =>
                results.filter((r) => r.locations[0].logicalLocations[0].fullyQualifiedName.endsWith(`::${name}`));

            const [exempted] = byResource("legacy-frontier-task");
            expect(exempted.ruleId).toBe("first-party-products-on-azure");
            expect(exempted.level).toBe("warning");
            expect(exempted.suppressions).toEqual([
                {
                    kind: "external",
                    status: "accepted",
                    justification:
                        "Exempted until 2099-12-31 (owner platform-team@example.com): Migration to Azure Container Apps, ticket MIG-142",
                },
            ]);
            expect(exempted.properties).toMatchObject({ cloud: "aws", product: "frontier", exemption: { status: "active" } });

            const [expired] = byResource("stale-frontier-service");
            expect(expired.level).toBe("error");
            expect(expired.suppressions).toBeUndefined();
            expect(expired.properties).toMatchObject({ exemption: { status: "expired", expires: "2025-06-30" } });
            expect(results.filter((r) => r.ruleId === "openai-hosting-settings")).toEqual([]);
        },
        3 * minutes,
    );

    it(
        "describes each rule by severity, clause tags and a name that is not its id",
        async () => {
            const log = await sarifOf(["check", path.join(repoRoot, "examples", "frontier-on-ecs")]);
            const rules = new Map(log.runs[0].tool.driver.rules.map((rule) => [rule.id, rule]));
            const firstParty = rules.get("first-party-products-on-azure")!;
            expect(firstParty.name).toBe("OpenAIFirstPartyProductsStayOnAzure");
            expect(firstParty.properties["security-severity"]).toBe("9.5");
            expect(firstParty.properties["tags"]).toEqual(
                expect.arrayContaining(["clause-3", "OpenAI–Microsoft joint statement clause 3"]),
            );
            expect(rules.get("openai-calls-hosted-on-azure")!.properties["security-severity"]).toBe("8.0");
            for (const rule of rules.values()) {
                expect(rule.name).not.toBe(rule.id);
                expect(rule.helpUri).toBeUndefined(); // package.json names no repository: no link to a placeholder
            }
        },
        3 * minutes,
    );

    it(
        "gives two findings of one rule on one resource two fingerprints",
        async () => {
            const plan = planOf([
                lambdaWith("two-endpoints", {
                    OPENAI_MODEL: "gpt-4o",
                    OPENAI_BASE_URL: "https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1",
                    LLM_API_ENDPOINT: "https://llm.example.net/v1",
                }),
            ]);
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sarif-"));
            const file = path.join(dir, "preview.json");
            fs.writeFileSync(file, JSON.stringify(previewDigestOf(plan)));
            try {
                const results = (await sarifOf(["check", file])).runs[0].results;
                expect(results.map((r) => r.ruleId)).toEqual(["openai-calls-hosted-on-azure", "openai-calls-hosted-on-azure"]);
                const fingerprints = new Set(results.map((r) => r.partialFingerprints["pulumiFinding/v1"]));
                expect(fingerprints.size).toBe(2);
                expect(results.map((r) => (r.properties["endpoint"] as { host?: string; service?: string }).host).sort()).toEqual([
                    "bedrock-runtime.us-east-1.amazonaws.com",
                    "llm.example.net",
                ]);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        },
        3 * minutes,
    );
});
