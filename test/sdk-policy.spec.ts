/**
 * The rules as Pulumi policies, driven in this process the way `@pulumi/policy` calls them: what a
 * policy reports (message, URN, the verdict as JSON, the level an exemption sets), that each policy
 * reports only its own rule, that the settings policy reads its own config when the engine's could
 * not be read, and that a check that throws blocks, visibly. The gRPC specs prove the same through
 * the protocol; these run where a mutation of the adapter can be seen.
 */
import { PolicyResource, ResourceValidation, ResourceValidationArgs, StackValidation, StackValidationArgs } from "@pulumi/policy";
import { docsUrl } from "../policypack/docs";
import { PackSettings, verdictDataVariable } from "../policypack/pack-settings";
import { verdictDataVariable as harnessVerdictDataVariable } from "../harness/analyzer-client";
import { settingsPolicyOf } from "../policypack/policies/openai-hosting-settings";
import { frameworkOf, guarded, policyOf, RulePolicy } from "../policypack/policies/sdk-policy";
import { rules } from "../policypack/registry";
import { verdictSchema } from "../policypack/render";
import { UNKNOWN } from "./support/views";
import { secretsPreservingProxy } from "@pulumi/policy/secret";
import { Secret } from "@pulumi/policy";
import { rawProps } from "../policypack/values";

/** The SDK's unknown-checking proxy (internal to @pulumi/policy: its types do not declare it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: <T extends object>(props: T) => T };

interface Report {
    message: string;
    urn?: string;
    description?: string;
    enforcementLevel?: string;
}

const urnOf = (type: string, name: string) => `urn:pulumi:dev::demo::${type}::${name}`;

function resourceArgs(
    type: string,
    name: string,
    props: Record<string, unknown>,
    config: Record<string, unknown> = {},
): ResourceValidationArgs {
    return {
        type,
        name,
        urn: urnOf(type, name),
        props,
        opts: {},
        getConfig: () => config,
        notApplicable: () => {
            throw new Error("not applicable");
        },
        isType: () => false,
        asType: () => undefined,
        stackTags: new Map(),
    } as unknown as ResourceValidationArgs;
}

function stackResource(type: string, name: string, props: Record<string, unknown>, extra: Partial<PolicyResource> = {}): PolicyResource {
    return { type, name, urn: urnOf(type, name), props, opts: {}, dependencies: [], propertyDependencies: {}, ...extra } as PolicyResource;
}

function stackArgs(resources: PolicyResource[], config: Record<string, unknown> = {}): StackValidationArgs {
    return { resources, getConfig: () => config, stackTags: new Map() } as unknown as StackValidationArgs;
}

function collect(run: (report: (violation: unknown) => void) => void): Report[] {
    const reports: Report[] = [];
    run((violation) => reports.push(typeof violation === "string" ? { message: violation } : (violation as Report)));
    return reports;
}

/** A policy's resource check, as the SDK calls it (the pack's policies give one function). */
function resourceCheck(policy: RulePolicy): ResourceValidation {
    return policy.validateResource as ResourceValidation;
}

function stackCheck(policy: RulePolicy): StackValidation {
    return policy.validateStack as StackValidation;
}

/** Every rule's policy over `settings`, by rule name. */
function policies(settings: PackSettings): Record<string, RulePolicy> {
    return Object.fromEntries(rules.map((rule) => [rule.name, policyOf(rule, settings)]));
}

/** The next macrotask: the pack shares findings within one request, which ends with its macrotask. */
const nextRequest = () => new Promise((resolve) => setImmediate(resolve));

const servingVm = () =>
    resourceArgs("aws:ec2/instance:Instance", "gpu-server", {
        instanceType: "p4d.24xlarge",
        userData: "#!/bin/bash\nvllm serve gpt-4o --port 8000\n",
    });

const openAIClient = () =>
    resourceArgs("aws:lambda/function:Function", "support-bot", {
        runtime: "python3.12",
        environment: { variables: { OPENAI_BASE_URL: "https://llm-gateway.example.net/v1", OPENAI_MODEL: "gpt-4o-mini" } },
    });

/** Settings of a pack started by the checker, which asks for each verdict as JSON in the description. */
const checkerSettings = () => new PackSettings({ [verdictDataVariable]: "1" });

describe("a rule as a Pulumi policy", () => {
    beforeEach(nextRequest);

    it("carries the rule's metadata and its clause as the compliance framework", () => {
        const settings = new PackSettings();
        for (const rule of rules) {
            const policy = policyOf(rule, settings);
            expect(policy).toMatchObject({
                name: rule.name,
                displayName: rule.displayName,
                description: rule.description,
                enforcementLevel: "mandatory",
                severity: rule.severity,
                remediationSteps: rule.remediationSteps,
                tags: [...rule.tags],
                framework: frameworkOf(rule),
            });
            expect(policy.framework).toEqual({
                name: "OpenAI–Microsoft joint statement",
                version: "2026-02-27",
                reference: `clause ${rule.clause.ids.join(", ")}`,
                specification: rule.clause.text,
            });
            // The docs link, when the package names its repository (this one names none).
            expect(policy.url).toBe(docsUrl(rule.name));
        }
    });

    it("reports a violation with its message, the resource's URN and the verdict as JSON", () => {
        const policy = policies(checkerSettings())["stateless-openai-api-on-azure"];
        const args = servingVm();
        const [report, ...more] = collect((report) => resourceCheck(policy)(args, report));
        expect(more).toEqual([]);
        expect(report.urn).toBe(args.urn);
        expect(report.enforcementLevel).toBeUndefined();
        expect(report.message).toContain('aws:ec2/instance:Instance "gpu-server"');
        expect(report.message).toContain("gpt-4o");
        expect(report.message).toContain("Fix:");
        const wire = JSON.parse(report.description ?? "{}");
        expect(wire).toMatchObject({
            schema: verdictSchema,
            rule: "stateless-openai-api-on-azure",
            resource: { urn: args.urn, name: "gpu-server", type: "aws:ec2/instance:Instance" },
            phase: "resource",
            cloud: "aws",
            model: { id: "gpt-4o" },
        });
        const rule = rules.find((each) => each.name === "stateless-openai-api-on-azure");
        expect(wire.clause).toEqual(rule?.clause.ids);
        expect(wire.evidence).toEqual([{ path: "userData (line 2)", shown: "gpt-4o" }]);
        expect(wire.unknowns).toEqual([]);
        expect(report.message).toContain(`Rule: ${rule?.clause.text}.`);
        // The engine's evaluation reaches the JSON: a preview here (the harness's environment says so).
        expect(["preview", "update", "audit"]).toContain(wire.evaluation);
    });

    it("writes the verdict as JSON only when whoever started the pack asks; the message is the same", () => {
        // The Pulumi engine does not ask (it neither shows nor forwards a description): the SDK puts the policy's own there.
        const asked = collect((report) => resourceCheck(policies(checkerSettings())["stateless-openai-api-on-azure"])(servingVm(), report));
        nextRequest();
        const engine = collect((report) =>
            resourceCheck(policies(new PackSettings({}))["stateless-openai-api-on-azure"])(servingVm(), report),
        );
        expect(engine).toHaveLength(1);
        expect(engine[0].description).toBeUndefined();
        expect(engine[0].message).toBe(asked[0].message);
        expect(JSON.parse(asked[0].description ?? "").schema).toBe(verdictSchema);
        expect(new PackSettings({ [verdictDataVariable]: "0" }).verdictData).toBe(false);
        // The harness asks under the same name.
        expect(harnessVerdictDataVariable).toBe(verdictDataVariable);
    });

    it("reports only its own rule's verdicts", () => {
        const byRule = policies(new PackSettings());
        const count = (name: string, args: ResourceValidationArgs) => collect((report) => resourceCheck(byRule[name])(args, report)).length;
        expect(count("stateless-openai-api-on-azure", servingVm())).toBe(1);
        expect(count("openai-calls-hosted-on-azure", servingVm())).toBe(0);
        expect(count("openai-calls-hosted-on-azure", openAIClient())).toBe(1);
        expect(count("stateless-openai-api-on-azure", openAIClient())).toBe(0);
        expect(count("first-party-products-on-azure", servingVm())).toBe(0);
    });

    it("reports an actively exempted verdict as an advisory that names the exemption; an expired one blocks again", () => {
        const exemption = (expires: string) => ({
            resource: "gpu-server",
            policy: "stateless-openai-api-on-azure",
            reason: "migration to Azure in progress",
            owner: "ml-platform",
            expires,
        });
        const active = checkerSettings();
        active.configure({ exemptions: [exemption("2999-12-31")] });
        const [advisory] = collect((report) => resourceCheck(policies(active)["stateless-openai-api-on-azure"])(servingVm(), report));
        expect(advisory.enforcementLevel).toBe("advisory");
        expect(advisory.message).toMatch(/^Exempted from stateless-openai-api-on-azure until 2999-12-31 \(owner ml-platform/);
        expect(JSON.parse(advisory.description ?? "{}").exemption).toMatchObject({ status: "active", owner: "ml-platform" });

        const expired = new PackSettings();
        expired.configure({ exemptions: [exemption("2020-01-01")] });
        const [blocking] = collect((report) => resourceCheck(policies(expired)["stateless-openai-api-on-azure"])(servingVm(), report));
        expect(blocking.enforcementLevel).toBeUndefined();
        expect(blocking.message).toMatch(/^Exemption expired on 2020-01-01/);
    });

    it("reads the settings in force at each request: a reconfigured pack judges again", async () => {
        const settings = new PackSettings();
        const policy = policies(settings)["stateless-openai-api-on-azure"];
        const gptOss = resourceArgs("aws:ec2/instance:Instance", "gpu-server", {
            userData: "#!/bin/bash\nvllm serve openai/gpt-oss-120b\n",
        });
        expect(collect((report) => resourceCheck(policy)(gptOss, report))).toEqual([]);
        // Same request, same resource, new settings: the memo must not answer with the old verdicts.
        settings.configure({ allowOpenWeightOffAzure: false });
        const [report] = collect((report) => resourceCheck(policy)(gptOss, report));
        expect(report?.message).toContain("open-weight model");
    });

    it("reports in the stack phase what needed the stack, on the resource it is about", () => {
        const policy = policies(checkerSettings())["stateless-openai-api-on-azure"];
        const cluster = stackResource("aws:eks/cluster:Cluster", "inference", { name: "inference" });
        const provider = stackResource("pulumi:providers:kubernetes", "eks", { kubeconfig: UNKNOWN }, {});
        provider.propertyDependencies = { kubeconfig: [cluster] };
        provider.dependencies = [cluster];
        const deployment = stackResource(
            "kubernetes:apps/v1:Deployment",
            "vllm",
            {
                spec: {
                    template: { spec: { containers: [{ name: "vllm", image: "vllm/vllm-openai:v0.6.4", args: ["--model", "gpt-4.1"] }] } },
                },
            },
            { provider: { urn: provider.urn, type: provider.type, name: provider.name, props: provider.props } },
        );
        // Alone, the Deployment's cluster is unknown: nothing in the resource phase.
        const alone = resourceArgs(deployment.type, deployment.name, deployment.props);
        expect(collect((report) => resourceCheck(policy)(alone, report))).toEqual([]);
        const reports = collect((report) => stackCheck(policy)(stackArgs([cluster, provider, deployment]), report));
        expect(reports.map((report) => report.urn)).toEqual([deployment.urn]);
        expect(JSON.parse(reports[0].description ?? "{}")).toMatchObject({ phase: "stack", cloud: "aws", model: { id: "gpt-4.1" } });

        // Another stack, even within the same macrotask: the stack phase's memo does not answer for it.
        const llama = stackResource(deployment.type, "other", {
            spec: {
                template: {
                    spec: {
                        containers: [{ name: "vllm", image: "vllm/vllm-openai:v0.6.4", args: ["--model", "Qwen/Qwen2.5-7B-Instruct"] }],
                    },
                },
            },
        });
        llama.provider = deployment.provider;
        expect(collect((report) => stackCheck(policy)(stackArgs([cluster, provider, llama]), report))).toEqual([]);
    });
});

describe("a check that throws", () => {
    it("blocks the resource and says it could not be judged, with any secret redacted", () => {
        const reports = collect((report) =>
            guarded("stateless-openai-api-on-azure", "urn:pulumi:dev::demo::x:y:Z::r", report as never, () => {
                throw new Error("bad input near sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD");
            }),
        );
        expect(reports).toHaveLength(1);
        expect(reports[0].message).toMatch(
            /^stateless-openai-api-on-azure could not assess resource urn:pulumi:dev::demo::x:y:Z::r: bad input near .*\. The pack blocks what it cannot judge; please report this\.$/,
        );
        expect(reports[0].message).not.toContain("abcdefghijklmnopqrstuvwxyz0123456789ABCD");
    });

    it("names the stack when it was the stack phase, and reports a thrown non-error as text", () => {
        const [report] = collect((report) =>
            guarded("openai-calls-hosted-on-azure", undefined, report as never, () => {
                throw "a string";
            }),
        );
        expect(report.message).toBe(
            "openai-calls-hosted-on-azure could not assess the stack: a string. The pack blocks what it cannot judge; please report this.",
        );
    });

    it("reports nothing when the check does not throw", () => {
        expect(collect((report) => guarded("p", "u", report as never, () => undefined))).toEqual([]);
    });
});

describe("the settings policy", () => {
    beforeEach(nextRequest);

    it("reports nothing of its own and carries the settings schema", () => {
        const policy = settingsPolicyOf(new PackSettings());
        expect(policy).toMatchObject({ name: "openai-hosting-settings", enforcementLevel: "advisory", severity: "low" });
        expect(policy.configSchema?.properties).toHaveProperty("exemptions");
        // What Pulumi Cloud shows for the policy, beside the rules.
        expect(policy.displayName).toBe("OpenAI hosting settings and exemptions");
        expect(policy.description).toBe(
            "Settings and time-boxed exemptions of the OpenAI hosting rules (reports nothing itself; exempted resources are reported by their rule).",
        );
        expect(policy.remediationSteps).toBe(
            "Review each exemption before it expires; when it expires the rule blocks the resource again.",
        );
        expect(policy.tags).toEqual(["openai", "settings", "exemptions"]);
        expect(policy.url).toBe(docsUrl("openai-hosting-settings"));
        expect(collect((report) => resourceCheck(policy)(servingVm(), report))).toEqual([]);
    });

    it("reads its own config when the engine's Configure request did not set the settings", () => {
        const settings = new PackSettings();
        const policy = settingsPolicyOf(settings);
        const config = { allowOpenWeightOffAzure: false };
        resourceCheck(policy)(resourceArgs("aws:s3/bucket:Bucket", "b", {}, config), () => undefined);
        expect(settings.get().allowOpenWeightOffAzure).toBe(false);
        expect(settings.fromEngine).toBe(false);
        // The stack phase reads it too.
        const other = new PackSettings();
        stackCheck(settingsPolicyOf(other))(stackArgs([], config), () => undefined);
        expect(other.get().allowOpenWeightOffAzure).toBe(false);
    });

    it("leaves settings the engine configured alone", () => {
        const settings = new PackSettings();
        settings.configure({ allowOpenWeightOffAzure: false });
        resourceCheck(settingsPolicyOf(settings))(resourceArgs("aws:s3/bucket:Bucket", "b", {}, {}), () => undefined);
        expect(settings.get().allowOpenWeightOffAzure).toBe(false);
    });

    it("stops with the field's name when its own config is wrong", () => {
        const policy = settingsPolicyOf(new PackSettings());
        expect(() =>
            resourceCheck(policy)(resourceArgs("aws:s3/bucket:Bucket", "b", {}, { allowOpenWeightOffAzure: "yes" }), () => undefined),
        ).toThrow(/allowOpenWeightOffAzure/);
    });
});

describe("the props the SDK hands a policy", () => {
    const props = { image: "vllm/vllm-openai", args: ["--model", UNKNOWN], env: { MODEL: UNKNOWN } };

    it("are read whole through the SDK's unknown-checking proxy, unknowns and all, without a throw", () => {
        const proxied = unknownCheckingProxy(props) as Record<string, unknown>;
        expect(() => proxied["env"]).not.toThrow();
        expect(() => (proxied["env"] as Record<string, unknown>)["MODEL"]).toThrow();
        const raw = rawProps(proxied);
        expect(raw).toEqual(props);
        expect((raw["env"] as Record<string, unknown>)["MODEL"]).toBe(UNKNOWN);
    });

    it("keep their secrets wrapped under both of the SDK's proxies, as the pack asks for them", () => {
        const token = new Secret("sk-live-plaintext");
        const sealed = { env: { OPENAI_API_KEY: token }, image: "vllm/vllm-openai" };
        const proxied = unknownCheckingProxy(secretsPreservingProxy(sealed)) as Record<string, unknown>;
        expect((proxied["env"] as Record<string, unknown>)["OPENAI_API_KEY"]).toBe("sk-live-plaintext"); // what a plain read gives
        const raw = rawProps(proxied);
        expect((raw["env"] as Record<string, unknown>)["OPENAI_API_KEY"]).toBe(token);
        expect(raw).toEqual(sealed);
    });

    it("of a plain object are its own, even when a key is named like the SDK's proxy target", () => {
        const inputs = { __getSpecialProxyTarget: { image: "busybox" }, image: "vllm/vllm-openai", args: ["--model", "gpt-4o"] };
        expect(rawProps(inputs)).toEqual(inputs);
    });

    it("are the own data properties of any other object, never its getters or inherited ones", () => {
        const other = Object.create(
            { inherited: "gpt-4o" },
            {
                image: { value: "vllm/vllm-openai", enumerable: true },
                model: { get: () => "gpt-4o", enumerable: true },
            },
        ) as Record<string, unknown>;
        expect(rawProps(other)).toEqual({ image: "vllm/vllm-openai" });
        expect(rawProps(undefined)).toEqual({});
        expect(rawProps("gpt-4o")).toEqual({});
    });

    it("are judged the same read through the proxy as read plain", () => {
        const policy = policies(checkerSettings())["stateless-openai-api-on-azure"];
        const inputs = { image: "vllm/vllm-openai", args: ["--model", "gpt-4o"] };
        const subjectsOf = (args: ResourceValidationArgs) =>
            collect((report) => resourceCheck(policy)(args, report)).map((r) =>
                JSON.parse((r.description ?? "{}").replace(/proxied|plain/g, "x")),
            );
        const plain = subjectsOf(resourceArgs("acme:gpu:Server", "plain", inputs));
        const proxied = subjectsOf({
            ...resourceArgs("acme:gpu:Server", "proxied", {}),
            props: unknownCheckingProxy(inputs),
        } as ResourceValidationArgs);
        expect(plain).toMatchObject([{ subject: "serves-model", model: { id: "gpt-4o", class: "proprietary" } }]);
        expect(proxied).toEqual(plain);
    });
});
