// The checker as a user runs it: the built CLI (dist/tools/checker/cli.js, `npm run build`) in a
// child process, on a program folder and on each kind of plan file, in each output format.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { recordProgram } from "../harness/record-program";
import { repoRoot, requireBuiltCli, Run, runCli as run, SharedRuns } from "./support/checker-cli";
import { previewDigestOf } from "./support/plan-files";
import { sarifErrors } from "./support/sarif";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "checker-spec-"));
const minutes = 60_000;

interface JsonReport {
    input: { kind: string; path: string };
    stack: string;
    project: string;
    resourceCount: number;
    policies: Array<{ name: string; level: string }>;
    verdicts: Array<{ policy: string; level: string; urn?: string; resource?: string; type?: string; message: string }>;
    summary: { mandatory: number; advisory: number; passed: boolean };
}

function verdictsOf(r: Run): string[] {
    const report = JSON.parse(r.stdout) as JsonReport;
    return report.verdicts.map((v) => `${v.level} ${v.policy} ${v.resource ?? "(stack)"}`).sort();
}

const file = (name: string) => path.join("test", "fixtures", "plans", name);
const out = (name: string) => path.join(scratch, name);
const exemptions = path.join(scratch, "exempt.json");
const badLevel = path.join(scratch, "bad-level.json");
const generatedPreview = path.join(scratch, "eks-preview.json");
const emptyFile = path.join(scratch, "empty.json");
fs.writeFileSync(emptyFile, "");

// Every run that starts the pack, started together in beforeAll (a few at a time) and shared by the tests.
const packRuns: Record<string, () => string[]> = {
    program: () => ["check", "examples/eks-vllm-gpt-inference", "--format", "json"],
    generatedPreview: () => ["check", generatedPreview, "--format", "json"],
    preview: () => ["check", file("preview-show-sames.json"), "--format", "json"],
    exportJson: () => ["check", file("stack-export-show-secrets.json"), "--format", "json"],
    exportSarif: () => ["check", file("stack-export-show-secrets.json"), "--format", "sarif", "--output", out("export.sarif")],
    exportJunit: () => ["check", file("stack-export-show-secrets.json"), "--format", "junit"],
    eventLogText: () => ["check", file("preview-events.log")],
    exempted: () => ["check", file("stack-export-show-secrets.json"), "--config", exemptions, "--format", "json"],
    badLevel: () => ["check", file("preview-show-sames.json"), "--config", badLevel],
};
const runs = new SharedRuns();
const result = (key: string): Run => runs.get(key);

beforeAll(async () => {
    requireBuiltCli();
    fs.writeFileSync(
        exemptions,
        JSON.stringify({
            "openai-calls-hosted-on-azure": "advisory",
            "openai-hosting-settings": {
                exemptions: [
                    {
                        resource: "frontier-api-*",
                        policy: "first-party-products-on-azure",
                        reason: "Migration to Azure Container Apps, MIG-142",
                        owner: "platform@example.com",
                        expires: "2099-12-31",
                    },
                ],
            },
        }),
    );
    fs.writeFileSync(badLevel, JSON.stringify({ all: "blocking" }));
    fs.writeFileSync(
        generatedPreview,
        JSON.stringify(previewDigestOf(await recordProgram(path.join(repoRoot, "examples", "eks-vllm-gpt-inference"))), null, 4),
    );
    await runs.start(Object.fromEntries(Object.entries(packRuns).map(([key, args]) => [key, () => run(args())])));
}, 5 * minutes);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("check <program folder>", () => {
    it("runs the program under mocks and blocks the vLLM Deployment on EKS serving gpt-4.1", () => {
        const r = result("program");
        expect(r.code).toBe(1);
        expect(verdictsOf(r)).toEqual(["mandatory stateless-openai-api-on-azure chat-inference"]);
        expect((JSON.parse(r.stdout) as JsonReport).input.kind).toBe("program");
    });

    it("gives the same verdicts as `pulumi preview --json` of the same program", () => {
        expect(result("generatedPreview").code).toBe(result("program").code);
        expect(verdictsOf(result("generatedPreview"))).toEqual(verdictsOf(result("program")));
        expect((JSON.parse(result("generatedPreview").stdout) as JsonReport).input.kind).toBe("preview");
    });

    it(
        "fails with exit 2 and the program's error when the program throws",
        async () => {
            const r = await run(["check", "test/fixtures/failing-program"]);
            expect(r.code).toBe(2);
            expect(r.stderr).toContain("boom: this program refuses to run");
        },
        minutes,
    );
});

describe("check <pulumi preview --json>", () => {
    it("blocks the Bedrock throughput being created, not the one being deleted nor the Lambda whose key reads [secret]", () => {
        const r = result("preview");
        expect(r.code).toBe(1);
        expect(verdictsOf(r)).toEqual(["mandatory stateless-openai-api-on-azure support-gpt5-throughput"]);
        const report = JSON.parse(r.stdout) as JsonReport;
        expect(report).toMatchObject({ input: { kind: "preview" }, stack: "prod", project: "support-assistant", resourceCount: 4 });
    });
});

describe("check <pulumi stack export>", () => {
    it("blocks Frontier on ECS and a Lambda calling Bedrock's OpenAI endpoint, skipping a resource pending deletion", () => {
        const r = result("exportJson");
        expect(r.code).toBe(1);
        expect(verdictsOf(r)).toEqual([
            "mandatory first-party-products-on-azure frontier-api-service",
            "mandatory first-party-products-on-azure frontier-api-task",
            "mandatory openai-calls-hosted-on-azure draft-reply",
        ]);
        expect((JSON.parse(r.stdout) as JsonReport).input.kind).toBe("stack-export");
    });

    it("never prints a secret's plaintext or ciphertext, in any format", () => {
        const outputs = [result("exportJson").stdout, result("exportJunit").stdout, fs.readFileSync(out("export.sarif"), "utf8")];
        for (const text of outputs) {
            expect(text).not.toContain("PLAINTEXT-MUST-NOT-LEAK");
            expect(text).not.toContain("cGFzc3dvcmQtY2lwaGVydGV4dC1leGFtcGxl");
        }
    });
});

describe("check <engine event log>", () => {
    it("judges a Deployment by the EKS cluster its provider reference (urn::id) points at", () => {
        const r = result("eventLogText");
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/mandatory\s+stateless-openai-api-on-azure\s+chat-inference \(kubernetes:apps\/v1:Deployment\)/);
        expect(r.stdout).toContain("engine event log");
    });
});

describe("output formats", () => {
    it("text: a table with each policy's reasons and the verdict, without colour off a terminal", () => {
        const r = result("eventLogText");
        expect(r.stdout).toMatch(/^LEVEL\s+POLICY\s+RESOURCE$/m);
        expect(r.stdout).toContain("FAILED: 1 mandatory, 0 advisory.");
        expect(r.stdout).not.toContain("\x1b[");
    });

    it("sarif: a valid SARIF 2.1.0 log with a rule per policy and results located by URN in the input file", () => {
        const r = result("exportSarif");
        expect(r.code).toBe(1);
        expect(r.stdout).toBe("");
        const log = JSON.parse(fs.readFileSync(out("export.sarif"), "utf8")) as {
            runs: Array<{
                tool: { driver: { rules: Array<{ id: string; helpUri?: string; help?: { text: string } }> } };
                results: Array<{
                    ruleId: string;
                    level: string;
                    locations: Array<{
                        physicalLocation: { artifactLocation: { uri: string } };
                        logicalLocations: Array<{ fullyQualifiedName: string }>;
                    }>;
                }>;
            }>;
        };
        expect(sarifErrors(log)).toEqual([]);
        const run0 = log.runs[0]!;
        expect(run0.tool.driver.rules.map((rule) => rule.id).sort()).toEqual(
            [
                "first-party-products-on-azure",
                "openai-calls-hosted-on-azure",
                "openai-hosting-settings",
                "stateless-openai-api-on-azure",
            ].sort(),
        );
        for (const rule of run0.tool.driver.rules) {
            // package.json names no repository: no link rather than one to a placeholder.
            expect(rule.helpUri).toBeUndefined();
            expect(rule.help?.text).toBeTruthy();
        }
        const draftReply = run0.results.find((res) => res.ruleId === "openai-calls-hosted-on-azure");
        expect(draftReply?.level).toBe("error");
        expect(draftReply?.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe(
            "urn:pulumi:prod::frontier::aws:lambda/function:Function::draft-reply",
        );
        expect(draftReply?.locations[0]?.physicalLocation.artifactLocation.uri).toBe("test/fixtures/plans/stack-export-show-secrets.json");
    });

    it("junit: well-formed XML with a suite per policy and a failure per mandatory violation", () => {
        const r = result("exportJunit");
        expect(r.code).toBe(1);
        expect(XMLValidator.validate(r.stdout)).toBe(true);
        const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "testsuite" || name === "testcase" }).parse(
            r.stdout,
        ) as {
            testsuites: { "@_failures": string; testsuite: Array<{ "@_name": string; "@_failures": string }> };
        };
        expect(doc.testsuites["@_failures"]).toBe("3");
        const byName = Object.fromEntries(doc.testsuites.testsuite.map((s) => [s["@_name"], s["@_failures"]]));
        expect(byName).toMatchObject({
            "first-party-products-on-azure": "2",
            "openai-calls-hosted-on-azure": "1",
            "stateless-openai-api-on-azure": "0",
        });
    });
});

describe("--config and exit codes", () => {
    it("exits 0 when the config exempts or downgrades every violation, and reports them as advisories", () => {
        const r = result("exempted");
        expect(r.code).toBe(0);
        const report = JSON.parse(r.stdout) as JsonReport;
        expect(report.summary).toMatchObject({ mandatory: 0, passed: true });
        expect(report.verdicts.length).toBeGreaterThan(0);
        expect(report.verdicts.every((v) => v.level === "advisory")).toBe(true);
        expect(report.policies.find((p) => p.name === "openai-calls-hosted-on-azure")?.level).toBe("advisory");
    });

    it("exits 2 on a config the pack refuses", () => {
        const r = result("badLevel");
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("blocking");
    });
});

describe("bad input exits 2 with a message naming the file", () => {
    const cases: Array<[string, string[], RegExp]> = [
        ["a missing file", ["check", "no-such-plan.json"], /no-such-plan\.json: no such file/],
        ["invalid JSON", ["check", file("truncated-preview.json")], /truncated-preview\.json is not valid JSON/],
        ["an empty file", ["check", emptyFile], /empty\.json is empty/],
        [
            "a JSON file of something else",
            ["check", "test/tsconfig.json"],
            /test\/tsconfig\.json is not a plan: its top-level keys are extends.*pulumi preview --json.*pulumi stack export.*event-log.*terraform show -json/s,
        ],
        ["a folder without Pulumi.yaml or manifests", ["check", "test/support"], /without a Pulumi\.yaml or Kubernetes manifests/],
        [
            "a missing --config file",
            ["check", file("preview-show-sames.json"), "--config", "nope.json"],
            /--config nope\.json: no such file/,
        ],
        [
            "an unknown format",
            ["check", file("preview-show-sames.json"), "--format", "html"],
            /--format must be one of text, json, sarif, junit/,
        ],
        ["no target", ["check"], /needs a program folder or a plan file/],
        ["an unknown command", ["analyze", "x"], /unknown command "analyze"/],
    ];
    for (const [what, args, message] of cases) {
        it(what, async () => {
            const r = await run(args);
            expect(r.code).toBe(2);
            expect(r.stderr).toMatch(message);
            expect(r.stdout).toBe("");
        });
    }
});
