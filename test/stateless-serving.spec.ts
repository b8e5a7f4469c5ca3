/**
 * Clause 1, judged in this process, on the cases that need the stack: a serving resource whose
 * model is unknown during preview (traced to the resource it comes from, or not), a declared
 * server with nothing to show, a model server whose model argument is unknown, and OpenAI-style
 * routes in front of a backend. Each case pins the subject, the evidence and the phase.
 */
import { isOpenAIApiRoute } from "../policypack/policies/stateless-openai-api-on-azure";
import { judge } from "../policypack/registry";
import { ResourceView } from "../policypack/resource";
import { defaultSettings, parseSettings, Settings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { node, secret, stackOf, UNKNOWN, view } from "./support/views";

const rule = "stateless-openai-api-on-azure";
const closed = parseSettings({ allowOpenWeightOffAzure: false });

function judged(
    resources: ResourceView[],
    dependencies: Record<string, ResourceView[]> = {},
    settings: Settings = defaultSettings,
): Verdict[] {
    const target = resources[resources.length - 1];
    const nodes = resources.map((resource) => (resource === target ? node(resource, dependencies) : node(resource)));
    return judge(target, settings, stackOf(nodes)).filter((verdict) => verdict.rule === rule);
}

const alone = (resource: ResourceView) => judge(resource, defaultSettings).filter((verdict) => verdict.rule === rule);
const evidenceOf = (verdicts: Verdict[]) => verdicts.flatMap((verdict) => verdict.evidence.map((e) => `${e.path} = ${e.shown}`));

/** A SageMaker model whose weights location is unknown during preview (it comes from an S3 object of the stack). */
const sagemaker = (tags: Record<string, unknown> = {}) =>
    view("aws:sagemaker/model:Model", "chat", { primaryContainer: { image: "x", modelDataUrl: UNKNOWN }, executionRoleArn: "arn:x", tags });
const object = (key: unknown, name = "weights") => view("aws:s3/bucketObjectv2:BucketObjectv2", name, { bucket: "models", key });

describe("a serving resource whose model is unknown during preview", () => {
    it("is not judged on the resource alone: the stack shows where the model comes from", () => {
        expect(alone(sagemaker())).toEqual([]);
    });

    it("serves the proprietary model of the resource it comes from", () => {
        const source = object("gpt-4o-2024-08-06/model.tar.gz");
        const [verdict, ...more] = judged([source, sagemaker()], { primaryContainer: [source] });
        expect(more).toEqual([]);
        expect(verdict.subject).toEqual({
            kind: "serves-model-from-stack",
            service: "SageMaker model",
            model: { id: "gpt-4o-2024-08-06", family: "GPT", class: "proprietary" },
            source: { urn: source.urn, name: "weights", type: source.type },
        });
        expect(evidenceOf([verdict])).toEqual(['primaryContainer.modelDataUrl = from "weights"']);
        expect(verdict.viaStack).toBe(true);
        expect(verdict.placement?.cloud).toBe("aws");
    });

    it("keeps a secret source's model unnamed", () => {
        const source = object(secret("o3-mini/model.tar.gz"));
        const [verdict] = judged([source, sagemaker()], { primaryContainer: [source] });
        expect(verdict.subject).toMatchObject({
            kind: "serves-model-from-stack",
            model: { family: "o-series reasoning", class: "proprietary" },
        });
        expect(JSON.stringify(verdict)).not.toContain("o3-mini");
    });

    it("passes an open-weight model the config lets off Azure, and serves it where the config does not", () => {
        const source = object("openai/gpt-oss-120b/model.tar.gz");
        expect(judged([source, sagemaker()], { primaryContainer: [source] })).toEqual([]);
        const [verdict] = judged([source, sagemaker()], { primaryContainer: [source] }, closed);
        expect(verdict.subject).toMatchObject({ kind: "serves-model-from-stack", model: { class: "open-weight" } });
        // Declared as serving, an allowed open-weight source still passes: the model is known.
        expect(judged([source, sagemaker({ "openai:workload": "stateless-api" })], { primaryContainer: [source] })).toEqual([]);
    });

    it("serves a model nothing shows, when it comes from nothing in the stack", () => {
        const [verdict] = judged([sagemaker()]);
        expect(verdict.subject).toEqual({ kind: "serves-unknown-model", service: "SageMaker model" });
        expect(verdict.unknowns.map((e) => e.path)).toEqual(["primaryContainer.modelDataUrl"]);
        expect(verdict.viaStack).toBe(true);
    });

    it("passes when its sources name no model, unless it is declared as serving", () => {
        const source = object("artifacts/model.tar.gz");
        expect(judged([source, sagemaker()], { primaryContainer: [source] })).toEqual([]);
        const [declared] = judged([source, sagemaker({ "openai:workload": "stateless-api" })], { primaryContainer: [source] });
        expect(declared.subject).toEqual({ kind: "declared-serving", service: "SageMaker model" });
        expect(evidenceOf([declared])).toEqual([
            "tags.openai:workload = stateless-api",
            "primaryContainer.modelDataUrl = (unknown during preview)",
        ]);
        expect(declared.viaStack).toBe(true);
    });

    it("fails closed when a source is too large to read to the end", () => {
        const huge = view("aws:s3/bucketObjectv2:BucketObjectv2", "huge", {
            tags: Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`k${i}`, "v"])),
        });
        const [verdict] = judged([huge, sagemaker()], { primaryContainer: [huge] });
        expect(verdict.subject).toEqual({ kind: "serves-unknown-model", service: "SageMaker model" });
    });

    it("finds the model at any depth of the source, and in the first source that names one", () => {
        const empty = object("artifacts/x.tar.gz", "empty");
        const deep = view("aws:ssm/parameter:Parameter", "deep", { value: "x", tags: { a: { b: [{ c: "gpt-4.1-mini" }] } } });
        const [verdict] = judged([empty, deep, sagemaker()], { primaryContainer: [empty, deep] });
        expect(verdict.subject).toMatchObject({ kind: "serves-model-from-stack", source: { name: "deep" }, model: { id: "gpt-4.1-mini" } });
    });
});

describe("a declared server and a server whose model is an unknown argument", () => {
    it("blocks a resource declared as stateless serving, showing the declaration", () => {
        const [verdict] = alone(view("aws:ecs/service:Service", "api", { tags: { "openai:workload": "stateless-api" } }));
        expect(verdict.subject).toEqual({ kind: "declared-serving", service: "workload" });
        expect(evidenceOf([verdict])).toEqual(["tags.openai:workload = stateless-api"]);
        expect(verdict.viaStack).toBe(false);
        const [sealed] = alone(view("aws:ecs/service:Service", "api", { tags: { "openai:workload": secret("stateless-api") } }));
        expect(evidenceOf([sealed])).toEqual(["tags.openai:workload = [secret]"]);
    });

    const vm = (args: unknown[]) => view("acmecloud:gpu:Server", "gpu", { containers: [{ image: "vllm/vllm-openai", args }] });

    it("blocks in the stack phase a model server whose model is unknown, and not on the resource alone", () => {
        expect(alone(vm(["--model", UNKNOWN]))).toEqual([]);
        const [verdict] = judged([vm(["--model", UNKNOWN])]);
        expect(verdict.subject).toEqual({ kind: "serves-unknown-model", service: "model server" });
        expect(verdict.unknowns.length).toBe(1);
        expect(verdict.viaStack).toBe(true);
    });

    it("does not take an unknown model parameter for an unknown model, nor an unknown argument when the model is named", () => {
        expect(judged([vm(["--model", "meta-llama/Llama-3.1-8B", "--max-model-len", UNKNOWN])])).toEqual([]);
        expect(judged([vm(["--model", "meta-llama/Llama-3.1-8B", UNKNOWN])])).toEqual([]);
    });

    it("does not read the settings of a workload declared as not serving", () => {
        const training = view("acmecloud:gpu:Server", "gpu", {
            containers: [{ image: "vllm/vllm-openai", args: ["--model", "gpt-4o"] }],
            tags: { "openai:workload": "training" },
        });
        expect(judged([training])).toEqual([]);
    });

    it("prefers evidence the resource alone shows to evidence from the stack", () => {
        const config = view("kubernetes:core/v1:ConfigMap", "model", { metadata: { name: "model" }, data: { MODEL: "gpt-4o" } });
        const deployment = view("kubernetes:apps/v1:Deployment", "chat", {
            spec: {
                template: {
                    spec: {
                        containers: [
                            {
                                name: "vllm",
                                image: "vllm/vllm-openai",
                                args: ["--served-model-name", "o4-mini"],
                                env: [{ name: "MODEL", valueFrom: { configMapKeyRef: { name: "model", key: "MODEL" } } }],
                            },
                        ],
                    },
                },
            },
        });
        const [verdict] = judged([config, deployment]);
        expect(verdict.subject).toMatchObject({ kind: "serves-model", model: { id: "o4-mini" } });
    });
});

describe("OpenAI-style API routes", () => {
    it.each([
        ["POST /v1/chat/completions", true],
        ["  POST   /v1/responses  ", true],
        ["$default", true],
        ["ANY /{proxy+}", true],
        ["/*", true],
        ["*", true],
        ["GET /openai/deployments/gpt-4o/chat/completions", true],
        ["POST /api/v1/embeddings", true],
        ["/v1/chat*", true],
        ["POST /v1/audio/speech", true],
        ["GET /v1/models", true],
        ["GET /health", false],
        ["/v1", false],
        ["POST /v2/chat/completions", false],
        ["POST /v1/chatbot", false],
        ["", false],
    ])("%j is an OpenAI API route: %s", (route, expected) => {
        expect(isOpenAIApiRoute(route)).toBe(expected);
    });

    const lambda = (variables: Record<string, string>) => view("aws:lambda/function:Function", "backend", { environment: { variables } });
    const integration = (fn: ResourceView) =>
        view("aws:apigatewayv2/integration:Integration", "int", { integrationUri: fn.urn, apiId: "a" });
    const route = (routeKey: string) => view("aws:apigatewayv2/route:Route", "route", { routeKey, apiId: "a", target: "integrations/x" });

    it("blocks a route in front of a backend that calls a proprietary model off Azure, naming both", () => {
        const fn = lambda({ OPENAI_BASE_URL: "https://llm.example.net/v1", OPENAI_MODEL: "gpt-4o" });
        const int = integration(fn);
        const r = route("POST /v1/chat/completions");
        const nodes = [node(fn), node(int, { integrationUri: [fn] }), node(r, { target: [int] })];
        const verdicts = judge(r, defaultSettings, stackOf(nodes)).filter((v) => v.rule === rule);
        expect(verdicts.map((v) => v.subject)).toEqual([
            {
                kind: "route",
                route: "POST /v1/chat/completions",
                backend: { urn: fn.urn, name: "backend", type: fn.type },
                model: { id: "gpt-4o", family: "GPT", class: "proprietary" },
            },
        ]);
        expect(evidenceOf(verdicts)).toEqual(["routeKey = POST /v1/chat/completions"]);
        expect(verdicts[0].viaStack).toBe(true);
    });

    it("blocks a route in front of a state machine that invokes a proprietary model on Bedrock", () => {
        const machine = view("aws:sfn/stateMachine:StateMachine", "triage", {
            definition: JSON.stringify({
                StartAt: "Ask",
                States: {
                    Ask: { Type: "Task", Resource: "arn:aws:states:::bedrock:invokeModel", Parameters: { ModelId: "gpt-4o" }, End: true },
                },
            }),
        });
        const int = integration(machine);
        const r = route("POST /v1/chat/completions");
        const nodes = [node(machine), node(int, { integrationUri: [machine] }), node(r, { target: [int] })];
        const verdicts = judge(r, defaultSettings, stackOf(nodes)).filter((v) => v.rule === rule);
        expect(verdicts.map((v) => v.subject)).toEqual([
            expect.objectContaining({ kind: "route", backend: { urn: machine.urn, name: "triage", type: machine.type } }),
        ]);
    });

    it("passes a route that is not OpenAI's shape, a backend that calls Azure, and a route judged alone", () => {
        const fn = lambda({ OPENAI_BASE_URL: "https://llm.example.net/v1", OPENAI_MODEL: "gpt-4o" });
        const int = integration(fn);
        const stackFor = (r: ResourceView, backend = fn) =>
            stackOf([
                node(backend),
                node(integration(backend), { integrationUri: [backend] }),
                node(r, { target: [integration(backend)] }),
            ]);
        const health = route("GET /health");
        expect(judge(health, defaultSettings, stackFor(health)).filter((v) => v.rule === rule)).toEqual([]);
        const onAzure = lambda({ AZURE_OPENAI_ENDPOINT: "https://acme.openai.azure.com", OPENAI_MODEL: "gpt-4o" });
        const chat = route("POST /v1/chat/completions");
        expect(judge(chat, defaultSettings, stackFor(chat, onAzure)).filter((v) => v.rule === rule)).toEqual([]);
        expect(alone(chat)).toEqual([]);
        expect(int.type).toBe("aws:apigatewayv2/integration:Integration");
    });
});
