/**
 * Clauses 2 and 5 on the choices a client verdict makes: which model of several it names, which
 * endpoint goes with which model, a provider that says who serves the model when no URL does, a
 * model unknown during preview, and a server beside the client in its own cluster.
 */
import { judge } from "../policypack/registry";
import { ResourceView } from "../policypack/resource";
import { defaultSettings, parseSettings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { k8sProvider, node, stackOf, UNKNOWN, view } from "./support/views";

const rule = "openai-calls-hosted-on-azure";
const calls = (resource: ResourceView, settings = defaultSettings) => judge(resource, settings).filter((v) => v.rule === rule);
const inStack = (resources: ResourceView[]) =>
    judge(resources[resources.length - 1], defaultSettings, stackOf(resources.map((r) => node(r)))).filter((v) => v.rule === rule);
const evidenceOf = (verdicts: Verdict[]) => verdicts.flatMap((verdict) => verdict.evidence.map((e) => `${e.path} = ${e.shown}`));
const fn = (variables: Record<string, unknown>) => view("aws:lambda/function:Function", "bot", { environment: { variables } });

describe("the model a client verdict names", () => {
    it("is the first proprietary model among the client's models", () => {
        const verdicts = calls(
            fn({
                OPENAI_BASE_URL: "https://llm.example.net/v1",
                OPENAI_MODEL: "meta-llama/Llama-3.1-8B",
                OPENAI_FALLBACK_MODEL: "gpt-4.1",
                OPENAI_SMALL_MODEL: "gpt-4o-mini",
            }),
        );
        expect(verdicts.map((v) => v.subject)).toEqual([
            expect.objectContaining({ model: { id: "gpt-4.1", family: "GPT", class: "proprietary" } }),
        ]);
        expect(evidenceOf(verdicts)).toEqual([
            "environment.variables.OPENAI_FALLBACK_MODEL = gpt-4.1",
            "environment.variables.OPENAI_BASE_URL = host llm.example.net",
        ]);
    });

    it("is unknown when the only model is unknown during preview, and the endpoint is known off Azure", () => {
        const [verdict, ...more] = calls(fn({ OPENAI_BASE_URL: "https://llm.example.net/v1", OPENAI_MODEL: UNKNOWN }));
        expect(more).toEqual([]);
        expect(verdict.subject).toMatchObject({
            kind: "calls-model",
            client: "(inputs)",
            model: undefined,
            endpoint: { kind: "host", host: "llm.example.net" },
        });
        expect(verdict.unknowns).toEqual([{ path: "environment.variables.OPENAI_MODEL", shown: "(unknown during preview)" }]);
    });

    it("is not judged when neither the model nor the endpoint is known", () => {
        expect(calls(fn({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: UNKNOWN }))).toEqual([]);
        expect(inStack([fn({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: UNKNOWN })])).toEqual([]);
    });

    it("passes a client of open-weight models only", () => {
        expect(calls(fn({ OPENAI_BASE_URL: "https://llm.example.net/v1", OPENAI_MODEL: "openai/gpt-oss-120b" }))).toEqual([]);
    });
});

describe("the endpoint that goes with a model", () => {
    it("judges an endpoint named like a model with that model only", () => {
        const local = fn({
            LOCAL_BASE_URL: "https://gpu-box.example.net/v1",
            LOCAL_MODEL: "meta-llama/Llama-3.1-8B",
            OPENAI_MODEL: "gpt-4o",
        });
        expect(calls(local)).toEqual([]);
        const both = fn({ LOCAL_BASE_URL: "https://gpu-box.example.net/v1", LOCAL_MODEL: "gpt-4o-mini", OPENAI_MODEL: "gpt-4o" });
        expect(evidenceOf(calls(both))).toEqual([
            "environment.variables.LOCAL_MODEL = gpt-4o-mini",
            "environment.variables.LOCAL_BASE_URL = host gpu-box.example.net",
        ]);
    });

    it("judges each endpoint of a client on its own: one off Azure blocks, one on Azure does not", () => {
        const verdicts = calls(
            fn({
                OPENAI_BASE_URL: "https://acme.openai.azure.com/openai/v1",
                GROQ_BASE_URL: "https://api.groq.com/openai/v1",
                GROQ_MODEL: "gpt-4o",
            }),
        );
        expect(verdicts.map((v) => v.subject)).toEqual([
            expect.objectContaining({ endpoint: expect.objectContaining({ kind: "host", host: "api.groq.com" }) }),
        ]);
    });

    it("trusts a gateway the config names as Azure-hosted", () => {
        const trusting = parseSettings({ extraAzureHostedEndpoints: ["llm.example.net"] });
        expect(calls(fn({ OPENAI_BASE_URL: "https://llm.example.net/v1", OPENAI_MODEL: "gpt-4o" }), trusting)).toEqual([]);
    });

    it("says when the base URL holds no host a client could use", () => {
        const [verdict] = calls(fn({ OPENAI_BASE_URL: "https://", OPENAI_MODEL: "gpt-4o" }));
        expect(verdict?.subject).toMatchObject({ endpoint: { kind: "host", host: undefined } });
        expect(evidenceOf([verdict])[1]).toBe("environment.variables.OPENAI_BASE_URL = (no host a client could use)");
    });
});

describe("a provider that says who serves the model", () => {
    const gateway = (extra: Record<string, unknown>) =>
        view("acme:gateway:Route", "r", { config: { provider: "bedrock", model: "gpt-4o", ...extra } });

    it("makes a client of that service when no URL is given", () => {
        const verdicts = calls(gateway({}));
        expect(verdicts.map((v) => v.subject)).toEqual([
            {
                kind: "calls-model",
                client: "config",
                model: { id: "gpt-4o", family: "GPT", class: "proprietary" },
                endpoint: { kind: "service", service: "Amazon Bedrock", cloud: "aws" },
            },
        ]);
        expect(evidenceOf(verdicts)).toEqual(["config.model = gpt-4o", "config.provider = bedrock"]);
    });

    it("passes a provider that is Azure, and judges by the URL when one is given", () => {
        expect(calls(view("acme:gateway:Route", "r", { config: { provider: "azure-openai", model: "gpt-4o" } }))).toEqual([]);
        expect(calls(gateway({ base_url: "https://acme.openai.azure.com/openai/v1" }))).toEqual([]);
    });

    it("blocks an OpenAI client whose model is unknown during preview, as an off-Azure URL would, and says so", () => {
        // The same client with `OPENAI_BASE_URL` on Groq instead of the provider is blocked the same way.
        const [verdict, ...more] = calls(fn({ LLM_PROVIDER: "bedrock", OPENAI_MODEL: UNKNOWN }));
        expect(more).toEqual([]);
        expect(verdict.subject).toEqual({
            kind: "calls-model",
            client: "(inputs)",
            model: undefined,
            endpoint: { kind: "service", service: "Amazon Bedrock", cloud: "aws" },
        });
        expect(evidenceOf([verdict])).toEqual([
            "environment.variables.OPENAI_MODEL = (unknown during preview)",
            "environment.variables.LLM_PROVIDER = bedrock",
        ]);
        expect(verdict.unknowns.map((item) => item.path)).toEqual(["environment.variables.OPENAI_MODEL"]);
        expect(calls(fn({ LLM_PROVIDER: "azure", OPENAI_MODEL: UNKNOWN }))).toEqual([]);
    });
});

describe("one call, one verdict", () => {
    it("reports a Step Functions task that invokes a proprietary model on Bedrock once, though its Parameters are also a Bedrock client's", () => {
        const definition = {
            StartAt: "Classify",
            States: {
                Classify: {
                    Type: "Task",
                    Resource: "arn:aws:states:::bedrock:invokeModel",
                    Parameters: { ModelId: "openai.gpt-5-mini-v1:0", Body: { prompt: "hi" } },
                    End: true,
                },
            },
        };
        const verdicts = calls(view("aws:sfn/stateMachine:StateMachine", "triage", { definition: JSON.stringify(definition) }));
        expect(verdicts.map((v) => (v.subject.kind === "calls-model" ? v.subject.client : v.subject.kind))).toEqual([
            "a Step Functions task that invokes a Bedrock model",
        ]);
        expect(evidenceOf(verdicts)).toEqual(["definition (JSON).States.Classify.Parameters.ModelId = gpt-5-mini"]);
    });

    it("still reports two calls of one resource to the same service on different evidence", () => {
        const verdicts = calls(
            view("aws:ecs/taskDefinition:TaskDefinition", "bots", {
                containerDefinitions: JSON.stringify([
                    { name: "a", image: "acme/a", environment: [{ name: "BEDROCK_MODEL_ID", value: "openai.gpt-5-v1:0" }] },
                    { name: "b", image: "acme/b", environment: [{ name: "BEDROCK_MODEL_ID", value: "openai.gpt-5-mini-v1:0" }] },
                ]),
            }),
        );
        expect(evidenceOf(verdicts)).toEqual([
            "containerDefinitions (JSON)[0].environment[0].value = gpt-5",
            "containerDefinitions (JSON)[1].environment[0].value = gpt-5-mini",
        ]);
    });
});

describe("a server beside the client", () => {
    const eks = k8sProvider("eks", { kubeconfig: UNKNOWN });
    const aks = k8sProvider("aks", { kubeconfig: UNKNOWN });
    const deployment = (provider: NonNullable<ResourceView["provider"]>) =>
        view(
            "kubernetes:apps/v1:Deployment",
            `app-${provider.name}`,
            {
                spec: {
                    template: {
                        spec: {
                            containers: [
                                {
                                    name: "app",
                                    image: "acme/app",
                                    env: [
                                        { name: "OPENAI_BASE_URL", value: "http://vllm.serving.svc.cluster.local:8000/v1" },
                                        { name: "OPENAI_MODEL", value: "gpt-4o" },
                                    ],
                                },
                            ],
                        },
                    },
                },
            },
            provider,
        );

    it("is on the client's own cloud: blocked on EKS, passed on AKS, not known on the resource alone", () => {
        const cluster = view("aws:eks/cluster:Cluster", "inference", {});
        const onEks = deployment(eks);
        const verdicts = judge(
            onEks,
            defaultSettings,
            stackOf([node(cluster), node({ ...eks }, { kubeconfig: [cluster] }), node(onEks)]),
        ).filter((v) => v.rule === rule);
        expect(verdicts.map((v) => v.subject)).toEqual([
            expect.objectContaining({ endpoint: { kind: "local", host: "vllm.serving.svc.cluster.local", cloud: "aws" } }),
        ]);
        expect(verdicts[0].viaStack).toBe(true);
        const azureCluster = view("azure-native:containerservice:ManagedCluster", "aks", {});
        const onAks = deployment(aks);
        expect(
            judge(
                onAks,
                defaultSettings,
                stackOf([node(azureCluster), node({ ...aks }, { kubeconfig: [azureCluster] }), node(onAks)]),
            ).filter((v) => v.rule === rule),
        ).toEqual([]);
        expect(calls(onEks)).toEqual([]);
    });
});

describe("a client whose settings come from stores of the stack", () => {
    const parameter = (name: string, value: string) =>
        view("aws:ssm/parameter:Parameter", name.replace(/\//g, "-"), { name, type: "String", insecureValue: value });
    const task = (secrets: Array<{ name: string; valueFrom: string }>, environment: Array<{ name: string; value: string }> = []) =>
        view("aws:ecs/taskDefinition:TaskDefinition", "bot", {
            family: "bot",
            containerDefinitions: JSON.stringify([{ name: "bot", image: "acme/bot", secrets, environment }]),
        });

    it("is judged in the stack phase when its endpoint is a parameter's value", () => {
        const t = task([{ name: "OPENAI_BASE_URL", valueFrom: "/bot/base-url" }], [{ name: "OPENAI_MODEL", value: "gpt-4o" }]);
        expect(calls(t)).toEqual([]);
        const verdicts = inStack([parameter("/bot/base-url", "https://llm.example.net/v1"), t]);
        expect(verdicts.map((v) => v.subject)).toEqual([
            expect.objectContaining({ endpoint: expect.objectContaining({ kind: "host", host: "llm.example.net" }) }),
        ]);
        expect(verdicts[0].viaStack).toBe(true);
        expect(inStack([parameter("/bot/base-url", "https://acme.openai.azure.com/openai/v1"), t])).toEqual([]);
    });

    it("is judged in the stack phase when its model is a parameter's value, with an upstream named beside it", () => {
        const gateway = view("acme:gateway:Route", "r", { config: { provider: "bedrock", model: "/bot/model" } });
        expect(calls(gateway)).toEqual([]);
        const stored = (model: string) =>
            view("acme:gateway:Route", "r", { config: { provider: "bedrock", model_parameter: "/bot/model" }, tags: { m: model } });
        expect(stored("x").type).toBe("acme:gateway:Route");
        const t = task([{ name: "BEDROCK_MODEL_ID", valueFrom: "/bot/model" }]);
        const verdicts = inStack([parameter("/bot/model", "gpt-4o"), t]);
        expect(verdicts.map((v) => v.subject)).toEqual([
            expect.objectContaining({
                endpoint: { kind: "service", service: "Amazon Bedrock", cloud: "aws" },
                model: expect.objectContaining({ id: "gpt-4o" }),
            }),
        ]);
        expect(verdicts[0].viaStack).toBe(true);
    });

    it("takes the first proprietary Bedrock model the resource itself names before one the stack names", () => {
        const t = task([{ name: "BEDROCK_FALLBACK_MODEL_ID", valueFrom: "/bot/model" }], [{ name: "BEDROCK_MODEL_ID", value: "o3-mini" }]);
        const verdicts = inStack([parameter("/bot/model", "gpt-4o"), t]);
        expect(verdicts.map((v) => v.subject)).toEqual([expect.objectContaining({ model: expect.objectContaining({ id: "o3-mini" }) })]);
        expect(verdicts[0].viaStack).toBe(false);
    });
});

describe("a definition that invokes a model", () => {
    it("is reported once, by the resource phase, whether or not the stack is there", () => {
        const machine = view("aws:sfn/stateMachine:StateMachine", "triage", {
            definition: JSON.stringify({
                StartAt: "Ask",
                States: {
                    Ask: {
                        Type: "Task",
                        Resource: "arn:aws:states:::bedrock:invokeModel",
                        Parameters: { ModelId: "gpt-4o", Body: { prompt: "x" } },
                        End: true,
                    },
                },
            }),
        });
        const alone = calls(machine);
        expect(alone.map((v) => v.subject.kind)).toEqual(["calls-model"]);
        expect(alone[0].viaStack).toBe(false);
        expect(inStack([machine]).map((v) => v.subject)).toEqual(alone.map((v) => v.subject));
    });
});
