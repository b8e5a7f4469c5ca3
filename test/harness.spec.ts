// Proves the Analyzer-protocol harness on a stand-in pack and a tiny program (test/fixtures/),
// so that a failing example points at the pack, not at the harness.
import * as fs from "fs";
import * as path from "path";
import { AnalyzeStackRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import {
    analyzeRequestFor,
    analyzeStackRequestFor,
    encodeAnalyzeStackRequest,
    PackClient,
    startPack,
    Verdict,
} from "../harness/analyzer-client";
import { compareVerdicts, describeDiff, ExpectedVerdict } from "../harness/expected";
import { compactResource, isSecret, parseProviderReference, Plan, providerOf, RecordedResource, UNKNOWN } from "../harness/plan";
import { readProject } from "../harness/project-config";
import { recordProgram } from "../harness/record-program";
import { readInput } from "../checker/inputs/read-input";

const fixtures = path.join(__dirname, "fixtures");
const minutes = 60_000;

let plan: Plan;
let pack: PackClient;

beforeAll(async () => {
    [plan, pack] = await Promise.all([recordProgram(path.join(fixtures, "tiny-program")), startPack(path.join(fixtures, "stand-in-pack"))]);
}, 3 * minutes);

afterAll(async () => {
    await pack?.close();
});

function resource(name: string): RecordedResource {
    const found = plan.resources.find((r) => r.name === name);
    if (!found) {
        throw new Error(`the plan has no resource named ${name}: ${plan.resources.map((r) => r.name).join(", ")}`);
    }
    return found;
}

function expectVerdicts(actual: Verdict[], expected: ExpectedVerdict[]): void {
    expect(describeDiff(compareVerdicts(actual, expected))).toBe("");
}

describe("recording a program", () => {
    it("records the stack, project and every registration under the engine's URNs", () => {
        expect(plan).toMatchObject({ stack: "dev", project: "tiny", preview: true });
        expect(resource("tiny-dev")).toMatchObject({
            type: "pulumi:pulumi:Stack",
            custom: false,
            urn: "urn:pulumi:dev::tiny::pulumi:pulumi:Stack::tiny-dev",
        });
        expect(resource("blocked")).toMatchObject({
            urn: "urn:pulumi:dev::tiny::aws:s3/bucket:Bucket::blocked",
            parent: "urn:pulumi:dev::tiny::pulumi:pulumi:Stack::tiny-dev",
            inputs: { bucket: "blocked-bucket", tags: { block: "yes" } },
        });
        expect(resource("site-content")).toMatchObject({
            urn: "urn:pulumi:dev::tiny::tiny:index:Site$aws:s3/bucket:Bucket::site-content",
            parent: "urn:pulumi:dev::tiny::tiny:index:Site::site",
            options: { protect: true },
        });
    });

    it("keeps output-only properties unknown in preview while inputs echo back", () => {
        expect(resource("fine-arn").inputs["value"]).toBe(UNKNOWN);
        expect(resource("derived").inputs["tags"]).toEqual({ block: UNKNOWN });
        // `value` of an SSM parameter is always secret; the echoed input `bucket` is known.
        expect(resource("fine-name").inputs["value"]).toEqual({
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            value: "fine-bucket",
        });
        expect(resource("cluster").id).toBeUndefined();
    });

    it("records secrets in their wire form", () => {
        const value = resource("token").inputs["value"];
        expect(isSecret(value)).toBe(true);
        expect(value).toMatchObject({ value: "s3cr3t" });
    });

    it("records dependencies per property", () => {
        const fine = resource("fine").urn;
        expect(resource("fine-arn").propertyDependencies["value"]).toEqual([fine]);
        expect(resource("fine-arn").dependencies).toEqual([fine]);
    });

    it("gives custom resources a reference to the default provider, named as the engine names it", () => {
        const provider = resource("default_7_48_0");
        expect(provider).toMatchObject({
            urn: "urn:pulumi:dev::tiny::pulumi:providers:aws::default_7_48_0",
            type: "pulumi:providers:aws",
            custom: true,
            inputs: { region: "us-west-2", version: "7.48.0" },
        });
        expect(resource("blocked").provider).toBe(`${provider.urn}::${UNKNOWN}`);
        const awsResources = plan.resources.filter((r) => r.type.startsWith("aws:"));
        expect(awsResources.every((r) => r.provider === `${provider.urn}::${UNKNOWN}`)).toBe(true);
        expect(plan.resources.indexOf(provider)).toBeLessThan(plan.resources.indexOf(awsResources[0] as RecordedResource));
        // Components and providers have no provider.
        expect(resource("site").provider).toBeUndefined();
        expect(provider.provider).toBeUndefined();
    });

    it("records an explicit provider whose kubeconfig comes from a cluster not yet created", () => {
        const eks = resource("eks");
        expect(eks).toMatchObject({ type: "pulumi:providers:kubernetes", inputs: { kubeconfig: UNKNOWN } });
        expect(eks.propertyDependencies["kubeconfig"]).toEqual([resource("cluster").urn]);
        const settings = resource("settings");
        expect(parseProviderReference(settings.provider ?? "")).toEqual({ urn: eks.urn, id: UNKNOWN });
        expect(providerOf(plan, settings)).toBe(eks);
    });

    it(
        "records a program that has its own copy of @pulumi/pulumi in its node_modules",
        async () => {
            // A user's program loads its own SDK; the SDK keeps its runtime state (the monitor the
            // recorder installs) in process-global storage shared by every copy, so it is recorded.
            // Inside the repository, so the copy's own dependencies resolve from the root node_modules.
            const program = fs.mkdtempSync(path.join(__dirname, ".own-sdk-"));
            try {
                fs.cpSync(
                    path.join(__dirname, "..", "node_modules", "@pulumi", "pulumi"),
                    path.join(program, "node_modules", "@pulumi", "pulumi"),
                    { recursive: true },
                );
                fs.writeFileSync(path.join(program, "Pulumi.yaml"), "name: own-sdk\nruntime: nodejs\n");
                fs.writeFileSync(
                    path.join(program, "index.ts"),
                    'import * as pulumi from "@pulumi/pulumi";\nnew pulumi.CustomResource("acme:inference:Server", "server", { servedModel: "gpt-4o" });\n',
                );
                const plan = await recordProgram(program);
                expect(plan.resources.map((r) => `${r.type} ${r.name}`)).toContain("acme:inference:Server server");
            } finally {
                fs.rmSync(program, { recursive: true, force: true });
            }
        },
        2 * minutes,
    );

    it(
        "records ES module programs and a program whose own TypeScript is version 6, transpiled by the harness's TypeScript",
        async () => {
            const [esm, esmJs, ts6] = await Promise.all(
                ["esm-program", "esm-js-program", "ts6-program"].map((name) => recordProgram(path.join(fixtures, name))),
            );
            expect(esm?.resources.map((r) => r.name)).toContain("esm-gpt5-throughput");
            // model.ts, imported as "./model.js", supplied the model.
            expect(esm?.resources.find((r) => r.name === "esm-gpt5-throughput")?.inputs["modelArn"]).toBe(
                "arn:aws:bedrock:us-west-2::foundation-model/openai.gpt-5-v1:0",
            );
            expect(esmJs?.resources.map((r) => r.name)).toContain("esm-js-gpt5-throughput");
            expect(ts6?.resources.map((r) => r.name)).toContain("gpt5-throughput");
        },
        2 * minutes,
    );

    it(
        "runs with supplied secret config and gives a default provider its secret settings as secrets",
        async () => {
            const dir = path.join(fixtures, "secret-config-program");
            const project = readProject(dir, "prod", {
                values: { openaiApiKey: "sk-test-0123456789", gatewayToken: "gw-test-0123456789", "aws:accessKey": "AKIAEXAMPLE0123456" },
                secretKeys: ["aws:accessKey"],
            });
            const recorded = await recordProgram(dir, { stack: "prod", project });
            const provider = recorded.resources.find((r) => r.type === "pulumi:providers:aws");
            expect(provider?.inputs["region"]).toBe("us-east-1");
            expect(isSecret(provider?.inputs["accessKey"])).toBe(true);
            const env = recorded.resources.find((r) => r.name === "draft-reply")?.inputs["environment"] as {
                variables: Record<string, unknown>;
            };
            // requireSecret: a secret; a plain require of a secure key: the value, as the real runtime gives it.
            expect(isSecret(env.variables["OPENAI_API_KEY"])).toBe(true);
            expect(env.variables["OPENAI_BASE_URL"]).toBe("https://llm-gateway.prod.example.net/v1");
        },
        2 * minutes,
    );

    it(
        "fails with the program's error when the program throws",
        async () => {
            await expect(recordProgram(path.join(fixtures, "failing-program"))).rejects.toThrow(/boom: this program refuses to run/);
        },
        2 * minutes,
    );
});

describe("talking to a pack over the Analyzer protocol", () => {
    it("lists the policies with their levels, types and config schema", async () => {
        const info = await pack.info();
        expect(info).toMatchObject({ name: "stand-in", version: "0.0.1", supportsConfig: true });
        expect(info.policies).toEqual([
            expect.objectContaining({
                name: "no-blocked-tags",
                enforcementLevel: "mandatory",
                policyType: "resource",
                configSchema: { properties: { tagKey: { type: "string", default: "block" } }, required: [] },
            }),
            expect.objectContaining({ name: "workloads-name-their-cluster", enforcementLevel: "advisory", policyType: "stack" }),
        ]);
    });

    it("sends unknowns, secrets and the provider's inputs on the wire", () => {
        const token = analyzeRequestFor(resource("token"), plan);
        expect(isSecret(token.getProperties()?.toJavaScript()["value"])).toBe(true);
        const settings = analyzeRequestFor(resource("settings"), plan);
        expect(settings.getProvider()?.getType()).toBe("pulumi:providers:kubernetes");
        expect(settings.getProvider()?.getProperties()?.toJavaScript()).toEqual({ kubeconfig: UNKNOWN });
        expect(settings.getOptions()?.getParent()).toBe(resource("tiny-dev").urn);
        const stack = analyzeStackRequestFor(plan)
            .getResourcesList()
            .find((r) => r.getName() === "eks");
        expect(stack?.getPropertydependenciesMap().get("kubeconfig")?.getUrnsList()).toEqual([resource("cluster").urn]);
    });

    it(
        "encodes AnalyzeStack resource by resource into the same message, byte for byte",
        async () => {
            const example = await recordProgram(path.join(__dirname, "..", "examples", "eks-vllm-gpt-inference"));
            const preview = (await readInput(path.join(fixtures, "plans", "preview-show-sames.json"), { onItem() {} })).plan;
            for (const recorded of [plan, example, preview]) {
                const built = analyzeStackRequestFor(recorded);
                const encoded = encodeAnalyzeStackRequest(recorded);
                expect(AnalyzeStackRequest.deserializeBinary(encoded).toObject()).toEqual(built.toObject());
                expect(encoded.equals(Buffer.from(built.serializeBinary()))).toBe(true);
            }
            // Resources that span several of the encoder's blocks, and lengths of multi-byte varints.
            const big = {
                ...plan,
                resources: plan.resources.map((r, i) => ({
                    ...r,
                    inputs: { ...r.inputs, blob: "x".repeat(i % 3 === 0 ? 1_500_000 : 300_000) },
                })),
            };
            expect(encodeAnalyzeStackRequest(big).equals(Buffer.from(analyzeStackRequestFor(big).serializeBinary()))).toBe(true);
            expect(encodeAnalyzeStackRequest({ ...plan, resources: [] }).length).toBe(0);
        },
        2 * minutes,
    );

    it("keeps compact inputs as JSON and reads them as the plain inputs", () => {
        const plain = resource("token");
        const { inputs, ...fields } = plain;
        const compact = compactResource({ ...fields }, inputs);
        expect(compact.inputs).toEqual(inputs);
        expect(compact).toEqual(plain);
        expect(JSON.parse(JSON.stringify(compact))).toEqual(JSON.parse(JSON.stringify(plain)));
        expect(analyzeRequestFor(compact, plan).serializeBinary()).toEqual(analyzeRequestFor(plain, plan).serializeBinary());
    });

    it("reports mandatory and advisory verdicts with the default config", async () => {
        await pack.configure({});
        const verdicts = await pack.analyzePlan(plan);
        expectVerdicts(verdicts, [
            { resource: "blocked", type: "aws:s3/bucket:Bucket", policy: "no-blocked-tags", level: "mandatory" },
            { resource: "site-content", type: "aws:s3/bucket:Bucket", policy: "no-blocked-tags", level: "mandatory" },
            // The SDK's own handling of an unknown value: the mandatory policy degrades to an advisory.
            { resource: "derived", type: "aws:s3/bucket:Bucket", policy: "no-blocked-tags", level: "advisory" },
            { resource: "settings", type: "kubernetes:core/v1:ConfigMap", policy: "workloads-name-their-cluster", level: "advisory" },
        ]);
        const derived = verdicts.find((v) => v.resource === "derived");
        expect(derived?.message).toMatch(/can't be known during preview/);
        const workload = verdicts.find((v) => v.phase === "stack");
        expect(workload?.message).toMatch(/settings runs on the cluster from aws:eks\/cluster:Cluster cluster/);
        expect(workload?.urn).toBe(resource("settings").urn);
    });

    it("applies levels from `all` and per policy, and passes config properties", async () => {
        const { sent } = await pack.configure({ all: "mandatory", "no-blocked-tags": { enforcementLevel: "advisory", tagKey: "team" } });
        expect(sent["no-blocked-tags"]).toEqual({ enforcementLevel: "advisory", properties: { tagKey: "team" } });
        expectVerdicts(await pack.analyzePlan(plan), [
            { resource: "settings", type: "kubernetes:core/v1:ConfigMap", policy: "workloads-name-their-cluster", level: "mandatory" },
        ]);
    });

    it("disables a policy", async () => {
        await pack.configure({ "no-blocked-tags": "disabled", "workloads-name-their-cluster": "disabled" });
        expect(await pack.analyzePlan(plan)).toEqual([]);
    });

    it("rejects config that breaks a policy's schema, as the CLI does", async () => {
        await expect(pack.configure({ "no-blocked-tags": { tagKey: 3 } })).rejects.toThrow(
            /no-blocked-tags: tagKey: invalid type, expected string, given number/,
        );
        await expect(pack.configure({ "no-blocked-tags": "sometimes" as "advisory" })).rejects.toThrow(/not a valid enforcement level/);
    });

    it("points out config for policies the pack does not have", async () => {
        const { unknownPolicies } = await pack.configure({ "no-blocked-tag": "advisory" });
        expect(unknownPolicies).toEqual(["no-blocked-tag"]);
    });
});

describe("starting a pack that cannot load", () => {
    it(
        "fails fast with the pack's stderr instead of hanging",
        async () => {
            // The start timeout is a minute: a rejection naming the exit (not the timeout) is the pack failing fast.
            await expect(startPack(path.join(fixtures, "broken-pack"), { startTimeoutMs: 60_000 })).rejects.toThrow(
                /exited \(code \d+\) before printing its port[\s\S]*broken on purpose while loading the pack/,
            );
        },
        minutes,
    );
});

describe("expected.json pins what a verdict rests on", () => {
    const verdict = (data: Record<string, unknown>): Verdict => ({
        policy: "stateless-openai-api-on-azure",
        level: "mandatory",
        message: "m",
        phase: "resource",
        resource: "chat",
        type: "kubernetes:apps/v1:Deployment",
        data,
    });
    const key = {
        resource: "chat",
        type: "kubernetes:apps/v1:Deployment",
        policy: "stateless-openai-api-on-azure",
        level: "mandatory" as const,
    };
    const data = {
        cloud: "aws",
        model: { id: "gpt-4.1" },
        evidence: [{ path: "spec.template.spec.containers[0].args[1]", shown: "gpt-4.1" }],
    };

    it("matches a verdict whose data holds every pin", () => {
        const expected = [{ ...key, restsOn: { cloud: "aws", model: "gpt-4.1", evidence: ["spec.template.spec.containers[0].args[1]"] } }];
        expect(describeDiff(compareVerdicts([verdict(data)], expected))).toBe("");
    });

    it("reports the same verdict resting on something else as a wrong reason, naming each pin", () => {
        const expected = [{ ...key, restsOn: { cloud: "aws", model: "gpt-4.1", evidence: ["metadata.labels.openai.com/workload"] } }];
        const diff = compareVerdicts([verdict({ ...data, cloud: "unknown" })], expected);
        expect(describeDiff(diff)).toMatch(
            /^! wrong reason: mandatory\s+stateless-openai-api-on-azure on chat .*cloud: expected "aws", got "unknown".*evidence: expected a field "metadata\.labels\.openai\.com\/workload"/,
        );
    });
});
