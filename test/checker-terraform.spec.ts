// `check <terraform show -json plan>` as a user runs it: the built CLI in a child process, on the
// Terraform/OpenTofu fixtures (a block and an allow case per rule), with what each verdict rests on.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Verdict } from "../harness/analyzer-client";
import { compareVerdicts, describeDiff, ExpectedVerdict, matches } from "../harness/expected";
import { requireBuiltCli, Run, runCli as run, SharedRuns } from "./support/checker-cli";
import { sarifErrors } from "./support/sarif";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "checker-terraform-"));
const minutes = 60_000;
const plan = (name: string) => path.join("test", "fixtures", "terraform", name);
const out = (name: string) => path.join(scratch, name);

interface JsonReport {
    input: { kind: string; path: string; producer?: string };
    stack: string;
    project: string;
    resourceCount: number;
    verdicts: Array<Verdict & { details?: Record<string, unknown>; location?: { file: string; address?: string } }>;
    summary: { mandatory: number; advisory: number; passed: boolean };
}

const report = (r: Run) => JSON.parse(r.stdout) as JsonReport;

/** Each fixture, the exit code it must give, and every verdict it must give (nothing else), pinned to what it rests on. */
const fixtures: Array<{ file: string; exit: number; verdicts: ExpectedVerdict[] }> = [
    {
        file: "eks-vllm-deployment.json",
        exit: 1,
        verdicts: [
            {
                resource: "module.serving.kubernetes_deployment_v1.vllm[0]",
                type: "kubernetes:apps/v1:Deployment",
                policy: "stateless-openai-api-on-azure",
                level: "mandatory",
                restsOn: { cloud: "aws", model: "gpt-4.1", evidence: ["spec.template.spec.containers[0].args[3]"] },
            },
        ],
    },
    { file: "aks-vllm-deployment.json", exit: 0, verdicts: [] },
    {
        file: "helm-vllm-on-eks-module.json",
        exit: 1,
        verdicts: [
            {
                resource: "helm_release.support_llm",
                type: "kubernetes:helm.sh/v3:Release",
                policy: "stateless-openai-api-on-azure",
                level: "mandatory",
                restsOn: { cloud: "aws", model: "gpt-4o", evidence: ["valueYamlFiles[0] (YAML).server.args[3]"] },
            },
        ],
    },
    {
        file: "bedrock-gpt5-throughput.json",
        exit: 1,
        verdicts: [
            {
                resource: "aws_bedrock_provisioned_model_throughput.support_gpt5",
                type: "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput",
                policy: "stateless-openai-api-on-azure",
                level: "mandatory",
                restsOn: { cloud: "aws", model: "gpt-5", evidence: ["modelArn"] },
            },
            {
                resource: "aws_bedrock_inference_profile.search_gpt5_mini",
                type: "aws:bedrock/inferenceProfile:InferenceProfile",
                policy: "stateless-openai-api-on-azure",
                level: "mandatory",
                restsOn: { cloud: "aws", model: "gpt-5-mini", evidence: ["modelSource.copyFrom"] },
            },
        ],
    },
    { file: "bedrock-gpt-oss-throughput.json", exit: 0, verdicts: [] },
    {
        file: "lambda-bedrock-openai-endpoint.json",
        exit: 1,
        verdicts: [
            {
                resource: "aws_lambda_function.draft_reply",
                type: "aws:lambda/function:Function",
                policy: "openai-calls-hosted-on-azure",
                level: "mandatory",
                restsOn: {
                    model: "gpt-5",
                    endpoint: "bedrock-runtime.us-west-2.amazonaws.com",
                    evidence: ["environment.variables.OPENAI_BASE_URL", "environment.variables.OPENAI_MODEL"],
                },
            },
        ],
    },
    { file: "lambda-azure-openai.json", exit: 0, verdicts: [] },
    {
        file: "route53-api-openai-cloudfront.json",
        exit: 1,
        verdicts: [
            {
                resource: "aws_route53_record.api_openai_com",
                type: "aws:route53/record:Record",
                policy: "first-party-products-on-azure",
                level: "mandatory",
                restsOn: { hostname: "api.openai.com", evidence: ["records[0]"] },
            },
            {
                resource: "aws_route53_record.api2_openai_com",
                type: "aws:route53/record:Record",
                policy: "first-party-products-on-azure",
                level: "mandatory",
                restsOn: { hostname: "api2.openai.com", evidence: ["aliases[0].name"] },
            },
            {
                resource: "aws_cloudfront_distribution.api",
                type: "aws:cloudfront/distribution:Distribution",
                policy: "first-party-products-on-azure",
                level: "mandatory",
                restsOn: { cloud: "aws", hostname: "api2.openai.com", evidence: ["aliases[0]"] },
            },
        ],
    },
    { file: "route53-chatgpt-azure-front-door.json", exit: 0, verdicts: [] },
    {
        file: "ecs-frontier.json",
        exit: 1,
        verdicts: [
            {
                resource: "aws_ecs_task_definition.frontier_api",
                type: "aws:ecs/taskDefinition:TaskDefinition",
                policy: "first-party-products-on-azure",
                level: "mandatory",
                restsOn: { cloud: "aws", product: "frontier", evidence: ["tags.openai:product"] },
            },
            {
                resource: "aws_ecs_service.frontier_api",
                type: "aws:ecs/service:Service",
                policy: "first-party-products-on-azure",
                level: "mandatory",
                restsOn: { cloud: "aws", product: "frontier", evidence: ["tags.openai:product"] },
            },
        ],
    },
    { file: "container-apps-frontier.json", exit: 0, verdicts: [] },
];

const exemptions = out("exemptions.json");
const packRuns: Record<string, () => Promise<Run>> = {
    ...Object.fromEntries(fixtures.map((f) => [f.file, () => run(["check", plan(f.file), "--format", "json"])])),
    // With --cluster-cloud, which a Terraform plan has no use for: it warns and does nothing else.
    sarif: () =>
        run([
            "check",
            plan("lambda-bedrock-openai-endpoint.json"),
            "--format",
            "sarif",
            "--output",
            out("lambda.sarif"),
            "--cluster-cloud",
            "azure",
        ]),
    exempted: () => run(["check", plan("ecs-frontier.json"), "--config", exemptions, "--stack", "prod", "--format", "json"]),
};
const runs = new SharedRuns();
const result = (key: string): Run => runs.get(key);

beforeAll(async () => {
    requireBuiltCli();
    fs.writeFileSync(
        exemptions,
        JSON.stringify({
            "openai-hosting-settings": {
                exemptions: [
                    {
                        resource: "aws_ecs_*.frontier_api",
                        policy: "first-party-products-on-azure",
                        stack: "prod",
                        reason: "Migration to Azure Container Apps, MIG-142",
                        owner: "platform@example.com",
                        expires: "2099-12-31",
                    },
                ],
            },
        }),
    );
    await runs.start(packRuns);
}, 5 * minutes);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("check <terraform show -json plan>: a block and an allow case per rule", () => {
    for (const fixture of fixtures) {
        it(`${fixture.file}: exit ${fixture.exit}, ${fixture.verdicts.length === 0 ? "nothing reported" : fixture.verdicts.map((v) => v.resource).join(", ")}`, () => {
            const r = result(fixture.file);
            expect({ code: r.code, stderr: r.stderr }).toEqual({ code: fixture.exit, stderr: "" });
            const json = report(r);
            expect(json.input.kind).toBe("terraform-plan");
            const actual = json.verdicts.map((v) => ({ ...v, data: v.details }));
            const diff = compareVerdicts(actual, fixture.verdicts);
            expect(matches(diff) ? "" : describeDiff(diff)).toBe("");
            for (const v of json.verdicts) {
                expect(v.location).toEqual({ file: plan(fixture.file), address: v.resource });
            }
        });
    }

    it("names the stack and project the way exemptions scope them, and the tool that wrote the plan", () => {
        expect(report(result("eks-vllm-deployment.json"))).toMatchObject({
            stack: "default",
            project: "eks-vllm-deployment",
            input: { producer: "Terraform 1.9.5, plan format 1.2" },
        });
        expect(report(result("container-apps-frontier.json")).input.producer).toBe("OpenTofu 1.10.6, plan format 1.2");
    });

    it("places the workload by the EKS cluster its provider's host comes from, through the module's outputs too", () => {
        const direct = report(result("eks-vllm-deployment.json")).verdicts[0]?.details?.["where"];
        expect(direct).toBe(
            'AWS (cluster of provider "kubernetes": kubeconfig comes from aws:eks/cluster:Cluster "aws_eks_cluster.inference" in this stack)',
        );
        const throughModule = report(result("helm-vllm-on-eks-module.json")).verdicts[0]?.details?.["where"];
        expect(throughModule).toContain('kubeconfig comes from aws:eks/cluster:Cluster "module.eks.aws_eks_cluster.this[0]"');
    });

    it("skips a resource the plan deletes, which would be blocked if it stayed", () => {
        const json = report(result("lambda-bedrock-openai-endpoint.json"));
        expect(json.verdicts.map((v) => v.resource)).not.toContain("aws_lambda_function.legacy_summarizer");
        expect(json.resourceCount).toBe(3); // the stack, the role and draft_reply
    });

    it("never prints a sensitive value, in any format", () => {
        const sensitive = "sk-proj-TF0SENSITIVE0VALUE0must0never0be0printed";
        expect(fs.readFileSync(plan("lambda-bedrock-openai-endpoint.json"), "utf8")).toContain(sensitive);
        const sarif = fs.readFileSync(out("lambda.sarif"), "utf8");
        for (const text of [result("lambda-bedrock-openai-endpoint.json").stdout, sarif]) {
            expect(text).toContain("aws_lambda_function.draft_reply");
            expect(text).not.toContain(sensitive);
        }
        for (const r of runs.all()) {
            expect(r.stderr).not.toContain(sensitive);
        }
    });

    it("exempts by Terraform address glob and stack, and exits 0 with the findings shown as exempted", () => {
        const r = result("exempted");
        expect(r.code).toBe(0);
        const json = report(r);
        expect(json.stack).toBe("prod");
        expect(json.verdicts.map((v) => `${v.level} ${v.policy} ${v.resource}`).sort()).toEqual([
            "advisory first-party-products-on-azure aws_ecs_service.frontier_api",
            "advisory first-party-products-on-azure aws_ecs_task_definition.frontier_api",
        ]);
        expect(json.verdicts.every((v) => (v.details?.["exemption"] as { status?: string } | undefined)?.status === "active")).toBe(true);
    });

    it("warns that --kubeconfig, --kube-context and --cluster-cloud do nothing for a Terraform plan", () => {
        expect(result("sarif").stderr).toBe(
            "warning: --kubeconfig, --kube-context and --cluster-cloud say where Kubernetes manifests run; " +
                "test/fixtures/terraform/lambda-bedrock-openai-endpoint.json is not manifests, so they do nothing\n",
        );
    });

    it("sarif: results located by Terraform address (URN as decorated name) in the plan file", () => {
        expect(result("sarif").code).toBe(1);
        const log = JSON.parse(fs.readFileSync(out("lambda.sarif"), "utf8")) as {
            runs: Array<{
                results: Array<{
                    locations: Array<{
                        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
                        logicalLocations: Array<{ fullyQualifiedName: string; decoratedName?: string; kind: string }>;
                        message?: { text: string };
                    }>;
                }>;
            }>;
        };
        expect(sarifErrors(log)).toEqual([]);
        const location = log.runs[0]?.results[0]?.locations[0];
        expect(location?.physicalLocation.artifactLocation.uri).toBe("test/fixtures/terraform/lambda-bedrock-openai-endpoint.json");
        expect(location?.logicalLocations[0]).toEqual({
            fullyQualifiedName: "aws_lambda_function.draft_reply",
            name: "aws_lambda_function.draft_reply",
            decoratedName:
                "urn:pulumi:default::lambda-bedrock-openai-endpoint::aws:lambda/function:Function::aws_lambda_function.draft_reply",
            kind: "resource",
        });
        expect(location?.message?.text).toBe(
            "aws_lambda_function.draft_reply in test/fixtures/terraform/lambda-bedrock-openai-endpoint.json",
        );
    });
});

describe("Terraform files the checker refuses, exit 2 with one line", () => {
    const write = (name: string, document: unknown) => {
        fs.writeFileSync(out(name), JSON.stringify(document));
        return out(name);
    };
    const cases: Array<[string, () => string, RegExp]> = [
        [
            "a plan of another major format version",
            () => write("v2.json", { format_version: "2.0", terraform_version: "2.0.0", resource_changes: [] }),
            /v2\.json: Terraform plan format_version "2\.0" is not supported \(expected 1\.x/,
        ],
        [
            "a Terraform state instead of a plan",
            () => write("state.json", { format_version: "1.0", terraform_version: "1.9.5", values: { root_module: {} } }),
            /state\.json is a Terraform state, not a plan.*terraform show -json plan\.tfplan/,
        ],
    ];
    for (const [what, file, message] of cases) {
        it(what, async () => {
            const r = await run(["check", file()]);
            expect(r.code).toBe(2);
            expect(r.stderr.trim().split("\n")).toHaveLength(1);
            expect(r.stderr).toMatch(message);
        });
    }
});
