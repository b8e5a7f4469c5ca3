// Program folders as users have them, through the built checker in a child process: encrypted
// config supplied the ways the Pulumi runtime takes it (and never shown), a mistyped --stack, ES
// module programs, and a TypeScript 6 program with the tsconfig Pulumi's template used to have.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Analysis } from "../checker/analyze";
import { reportOf } from "../checker/report";
import { readProject, redactorOf } from "../harness/project-config";
import { requireBuiltCli, Run, runAll, runCli } from "./support/checker-cli";

const minutes = 60_000;
const fixtures = path.join("test", "fixtures");
const secretProgram = path.join(fixtures, "secret-config-program");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "checker-programs-"));
const configFile = path.join(scratch, "config.json");
const sarifFile = path.join(scratch, "secret.sarif");

// Values no output may contain, whichever way they were supplied.
const apiKey = "sk-proj-SUPPLIED-API-KEY-0123456789";
const gatewayToken = "gw-SUPPLIED-GATEWAY-TOKEN-abcdef";
const fileApiKey = "sk-proj-FROM-CONFIG-FILE-9876543210";
const badToken = "not-a-token-BUT-STILL-SECRET-42";
const secrets = [apiKey, gatewayToken, fileApiKey, badToken];

interface JsonReport {
    verdicts: Array<{ policy: string; level: string; resource?: string; message: string }>;
}

let results: Map<string, Run>;
const result = (key: string): Run => {
    const r = results.get(key);
    if (!r) {
        throw new Error(`${key} did not run`);
    }
    return r;
};
const verdictsOf = (key: string) =>
    (JSON.parse(result(key).stdout) as JsonReport).verdicts.map((v) => `${v.level} ${v.policy} ${v.resource ?? "(stack)"}`);

beforeAll(async () => {
    requireBuiltCli();
    // What `pulumi config --show-secrets --json` prints.
    fs.writeFileSync(
        configFile,
        JSON.stringify({
            "secret-config:openaiApiKey": { value: fileApiKey, secret: true },
            "secret-config:gatewayToken": { value: gatewayToken, secret: true },
            "aws:region": { value: "us-east-1", secret: false },
        }),
    );
    const prod = ["check", secretProgram, "--stack", "prod"];
    results = await runAll(
        {
            missing: () => runCli(prod),
            env: () =>
                runCli([...prod, "--format", "json"], {
                    env: {
                        PULUMI_CONFIG: JSON.stringify({ "secret-config:openaiApiKey": apiKey, "secret-config:gatewayToken": gatewayToken }),
                        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(["secret-config:openaiApiKey"]),
                    },
                }),
            values: () => runCli([...prod, "--config-value", `openaiApiKey=${apiKey}`, "--config-value", `gatewayToken=${gatewayToken}`]),
            file: () => runCli([...prod, "--config-file", configFile, "--format", "junit"]),
            fileSarif: () => runCli([...prod, "--config-file", configFile, "--format", "sarif", "--output", sarifFile]),
            throws: () => runCli([...prod, "--config-value", `openaiApiKey=${apiKey}`, "--config-value", `gatewayToken=${badToken}`]),
            mistypedStack: () => runCli(["check", secretProgram, "--stack", "prdo"]),
            noStackGiven: () => runCli(["check", secretProgram]),
            esmTypeScript: () => runCli(["check", path.join(fixtures, "esm-program"), "--format", "json"]),
            esmJavaScript: () => runCli(["check", path.join(fixtures, "esm-js-program"), "--format", "json"]),
            typeScript6: () => runCli(["check", path.join(fixtures, "ts6-program"), "--format", "json"]),
            organization: () => runCli(["check", path.join(fixtures, "invoke-program"), "--format", "json"]),
            invokeAwaited: () => runCli(["check", path.join(fixtures, "invoke-program"), "--config-value", "subnets=awaited"]),
            invokeApplied: () => runCli(["check", path.join(fixtures, "invoke-program"), "--config-value", "subnets=applied"]),
        },
        3,
    );
}, 5 * minutes);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function everyOutput(): string {
    return [...results.values()].map((r) => r.stdout + r.stderr).join("\n") + fs.readFileSync(sarifFile, "utf8");
}

describe("a program whose stack config is encrypted", () => {
    it("without the values, exits 2 naming the missing key and how to give it to the checker, not `pulumi config set`", () => {
        const r = result("missing");
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("Missing required configuration variable 'secret-config:openaiApiKey'");
        expect(r.stderr).toContain("--config-value secret-config:openaiApiKey=<value>");
        expect(r.stderr).toMatch(/cannot decrypt and nobody supplied: secret-config:openaiApiKey, secret-config:gatewayToken/);
        expect(r.stderr).not.toContain("pulumi config set");
        expect(r.stdout).toBe("");
    });

    it.each([
        ["PULUMI_CONFIG in the environment", "env"],
        ["--config-value", "values"],
        ["--config-file (pulumi config --show-secrets --json)", "file"],
    ])("runs with the values from %s and judges what the program builds with them", (_, key) => {
        const r = result(key);
        expect(r.code).toBe(1);
        expect(r.stderr).toBe("");
        expect(r.stdout).toContain("draft-reply");
    });

    it("blocks the Lambda whose gateway URL came from the stack file, next to the supplied secrets", () => {
        expect(verdictsOf("env")).toEqual(["mandatory openai-calls-hosted-on-azure draft-reply"]);
    });

    it("shows no supplied value in any output, report or error, even one the program put in its own error message", () => {
        const r = result("throws");
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("gatewayToken [secret] is not a gateway token");
        const all = everyOutput();
        for (const secret of secrets) {
            expect(all).not.toContain(secret);
        }
    });

    it("redacts a supplied secret a verdict's message would quote (the pack cannot tell a plain-read config value is secret)", () => {
        const project = readProject(secretProgram, "prod", {
            values: { gatewayToken, openaiApiKey: apiKey },
            secretKeys: [],
        });
        expect(project.secretKeys).toEqual(["secret-config:gatewayToken", "secret-config:openaiApiKey"]);
        const analysis: Analysis = {
            info: { name: "p", version: "1", supportsConfig: true, policies: [], initialConfig: {} },
            levels: {},
            unknownPolicies: [],
            verdicts: [{ policy: "x", level: "mandatory", phase: "resource", message: `GATEWAY_NOTE = token ${gatewayToken} rotates` }],
        };
        const input = {
            kind: "program" as const,
            path: secretProgram,
            plan: { stack: "prod", project: "p", preview: true, resources: [] },
        };
        const report = reportOf({ ...input, warnings: [], redact: redactorOf(project) }, analysis, redactorOf(project));
        expect(report.verdicts[0]?.message).toBe("GATEWAY_NOTE = token [secret] rotates");
    });
});

describe("--stack", () => {
    it("exits 2 on a stack with no Pulumi.<stack>.yaml, listing the stacks present", () => {
        const r = result("mistypedStack");
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("--stack prdo");
        expect(r.stderr).toContain("no Pulumi.prdo.yaml; the stacks present are prod, staging");
        expect(r.stdout).toBe("");
    });

    it("without --stack, runs as dev and says which stacks have config when there is no Pulumi.dev.yaml", () => {
        const r = result("noStackGiven");
        // The program needs values only Pulumi.prod.yaml has: the error carries the hint.
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(
            /warning: .* has no Pulumi\.dev\.yaml: running with the project's own config only; the stacks present are prod, staging \(choose one with --stack\)/,
        );
    });
});

describe("programs as current templates and toolchains make them", () => {
    it.each([
        ["an ES module program in TypeScript (type: module, ./model.js for model.ts)", "esmTypeScript", "esm-gpt5-throughput"],
        ["an ES module program in JavaScript (type: module, import syntax)", "esmJavaScript", "esm-js-gpt5-throughput"],
        [
            "a program with TypeScript 6 and the template tsconfig of before March 2026 (moduleResolution: node)",
            "typeScript6",
            "gpt5-throughput",
        ],
    ])("runs %s", (_, key, resource) => {
        const r = result(key);
        expect(r.stderr).toBe("");
        expect(r.code).toBe(1);
        expect(verdictsOf(key)).toEqual([`mandatory stateless-openai-api-on-azure ${resource}`]);
    });
});

describe("what only a backend or the cloud can answer", () => {
    it("gives the program an organization, as a self-managed backend does (pulumi.getOrganization() works)", () => {
        const r = result("organization");
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
    });

    it("when a program fails on a provider function's result, shows its error and names the functions no cloud answered", () => {
        const r = result("invokeAwaited");
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("Cannot read properties of undefined (reading 'slice')");
        expect(r.stderr).toMatch(
            /this program called (aws:ec2\/getVpc:getVpc, aws:ec2\/getSubnets:getSubnets|aws:ec2\/getSubnets:getSubnets, aws:ec2\/getVpc:getVpc)\./,
        );
        expect(r.stderr).toContain("check the output of a real `pulumi preview --json` instead");
    });

    it("gives the same hint when the failure happened inside an apply, where the runtime reports only leaked promises", () => {
        const r = result("invokeApplied");
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("promises were still active");
        expect(r.stderr).toMatch(
            /this program called (aws:ec2\/getVpc:getVpc, aws:ec2\/getSubnets:getSubnets|aws:ec2\/getSubnets:getSubnets, aws:ec2\/getVpc:getVpc)\./,
        );
    });

    it("does not give that hint when the program called no provider function", () => {
        expect(result("missing").stderr).not.toContain("provider functions");
    });
});
