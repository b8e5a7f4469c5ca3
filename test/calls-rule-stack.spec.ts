/**
 * Clause 2 on clients whose calls the stack explains: an endpoint unknown during preview, resolved
 * through the resource it is computed from (the address that resource holds, its cloud); settings
 * read from stores of the stack (which verdicts the stack phase reports, `viaStack`); servers beside
 * the client and secret endpoints; and resources that invoke a model on Amazon Bedrock themselves.
 */
import { judge, stackCanChange } from "../policypack/registry";
import { factsOf } from "../policypack/facts";
import { ResourceView } from "../policypack/resource";
import { defaultSettings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { node, secret, stackOf, UNKNOWN, view } from "./support/views";

const rule = "openai-calls-hosted-on-azure";
const ofRule = (verdicts: Verdict[]) => verdicts.filter((v) => v.rule === rule);
/** The rule's verdicts on a resource judged alone (the resource phase). */
const alone = (resource: ResourceView) => ofRule(judge(resource, defaultSettings));
/** The rule's verdicts on the last resource, judged with the others as its stack. */
const inStack = (resources: ResourceView[]) =>
    ofRule(judge(resources[resources.length - 1], defaultSettings, stackOf(resources.map((r) => node(r)))));
const evidenceOf = (verdicts: Verdict[]) => verdicts.flatMap((verdict) => verdict.evidence.map((e) => `${e.path} = ${e.shown}`));

const fn = (variables: Record<string, unknown>) => view("aws:lambda/function:Function", "bot", { environment: { variables } });

/** The rule's verdicts on a function whose `environment` is computed from `sources`. */
function computedFrom(client: ResourceView, sources: ResourceView[]): Verdict[] {
    const stack = stackOf([...sources.map((source) => node(source)), node(client, { environment: sources })]);
    return ofRule(judge(client, defaultSettings, stack));
}

describe("an endpoint unknown during preview, computed from a resource of the stack", () => {
    const client = (model: string) => fn({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: model });
    const destination = (props: Record<string, unknown>) =>
        view("aws:cloudwatch/eventApiDestination:EventApiDestination", "llm", { name: "llm", ...props });

    it("is the address that resource holds, under each of the names an address goes by", () => {
        for (const key of ["invocationEndpoint", "endpoint", "endpointUrl", "url", "baseUrl"]) {
            const verdicts = computedFrom(client("gpt-4o"), [destination({ [key]: "https://llm.example.net/v1" })]);
            // The message names the host the resource holds, not just the resource.
            expect({ key, endpoints: verdicts.map((v) => v.subject) }).toEqual({
                key,
                endpoints: [expect.objectContaining({ endpoint: expect.objectContaining({ kind: "host", host: "llm.example.net" }) })],
            });
            expect(verdicts[0].viaStack).toBe(true);
        }
    });

    it("passes when the address that resource holds is Azure-hosted, even though the resource is on AWS", () => {
        expect(computedFrom(client("gpt-4o"), [destination({ url: "https://acme.openai.azure.com/openai/v1" })])).toEqual([]);
    });

    it("skips a field that holds no address and reads the next one", () => {
        const verdicts = computedFrom(client("gpt-4o"), [destination({ invocationEndpoint: "none", url: "https://llm.example.net/v1" })]);
        expect(verdicts.map((v) => v.subject)).toEqual([
            expect.objectContaining({ endpoint: expect.objectContaining({ kind: "host", host: "llm.example.net" }) }),
        ]);
    });

    it("takes the address of whichever source holds one, not just the first source", () => {
        const bucket = view("aws:s3/bucket:Bucket", "prompts", { bucket: "prompts" });
        const verdicts = computedFrom(client("gpt-4o"), [bucket, destination({ invocationEndpoint: "https://llm.example.net/v1" })]);
        expect(verdicts.map((v) => v.subject)).toEqual([
            expect.objectContaining({ endpoint: expect.objectContaining({ kind: "host", host: "llm.example.net" }) }),
        ]);
    });

    it("names the resource it comes from when that resource is off Azure and holds no address", () => {
        const gateway = view("aws:apigatewayv2/api:Api", "llm-gateway", { protocolType: "HTTP" });
        const verdicts = computedFrom(client("gpt-4o"), [gateway]);
        expect(verdicts.map((v) => v.subject)).toEqual([
            {
                kind: "calls-model",
                client: "(inputs)",
                model: { id: "gpt-4o", family: "GPT", class: "proprietary" },
                endpoint: { kind: "stack-resource", resource: { urn: gateway.urn, name: "llm-gateway", type: gateway.type }, cloud: "aws" },
            },
        ]);
        expect(verdicts[0].viaStack).toBe(true);
        expect(verdicts[0].unknowns).toEqual([{ path: "environment.variables.OPENAI_BASE_URL", shown: "(unknown during preview)" }]);
    });

    it("blocks a model unknown during preview too, when the endpoint comes from a resource off Azure", () => {
        // Not knowing the model is no reason to pass a client whose calls are known to leave Azure.
        const gateway = view("aws:apigatewayv2/api:Api", "llm-gateway", { protocolType: "HTTP" });
        const verdicts = computedFrom(client(UNKNOWN), [gateway]);
        expect(verdicts.map((v) => v.subject)).toEqual([
            expect.objectContaining({ model: undefined, endpoint: expect.objectContaining({ kind: "stack-resource", cloud: "aws" }) }),
        ]);
    });

    it("passes when the endpoint is an output of an Azure resource", () => {
        const account = view("azure-native:cognitiveservices:Account", "acme", { kind: "OpenAI" });
        expect(computedFrom(client("gpt-4o"), [account])).toEqual([]);
    });

    it("stays unknown when it comes from a resource of no cloud (a Kubernetes Service)", () => {
        const service = view("kubernetes:core/v1:Service", "llm", { spec: { type: "LoadBalancer" } });
        const verdicts = computedFrom(client("gpt-4o"), [service]);
        expect(verdicts.map((v) => v.subject)).toEqual([expect.objectContaining({ endpoint: { kind: "unknown" } })]);
        // With the model unknown as well, nothing shows an OpenAI call off Azure.
        expect(computedFrom(client(UNKNOWN), [service])).toEqual([]);
    });
});

describe("settings read from stores of the stack", () => {
    const parameter = (name: string, value: string, type = "String") =>
        view(
            "aws:ssm/parameter:Parameter",
            name.replace(/\//g, "-"),
            type === "SecureString" ? { name, type, value } : { name, type, insecureValue: value },
        );
    const task = (secrets: Array<{ name: string; valueFrom: string }>, environment: Array<{ name: string; value: string }> = []) =>
        view("aws:ecs/taskDefinition:TaskDefinition", "bot", {
            family: "bot",
            containerDefinitions: JSON.stringify([{ name: "bot", image: "acme/bot", secrets, environment }]),
        });

    it("make a verdict the stack phase's when the model is read from a store and the endpoint is on the resource", () => {
        const t = task(
            [{ name: "OPENAI_MODEL", valueFrom: "/bot/model" }],
            [{ name: "OPENAI_BASE_URL", value: "https://llm.example.net/v1" }],
        );
        const verdicts = inStack([parameter("/bot/model", "gpt-4o"), t]);
        expect(verdicts.map((v) => v.subject)).toEqual([
            expect.objectContaining({
                model: expect.objectContaining({ id: "gpt-4o" }),
                endpoint: expect.objectContaining({ kind: "host", host: "llm.example.net" }),
            }),
        ]);
        expect(verdicts[0].viaStack).toBe(true);
    });

    it("leave a verdict the resource phase's when the resource shows both model and endpoint", () => {
        const t = task(
            [],
            [
                { name: "OPENAI_BASE_URL", value: "https://llm.example.net/v1" },
                { name: "OPENAI_MODEL", value: "gpt-4o" },
            ],
        );
        const verdicts = inStack([t]);
        expect(verdicts.map((v) => v.viaStack)).toEqual([false]);
    });

    describe("a provider that says who serves the model, with no URL", () => {
        const bedrockService = { kind: "service", service: "Amazon Bedrock", cloud: "aws" };

        it("is the resource phase's when both provider and model are on the resource", () => {
            const t = task(
                [],
                [
                    { name: "LLM_PROVIDER", value: "bedrock" },
                    { name: "OPENAI_MODEL", value: "gpt-4o" },
                ],
            );
            const verdicts = inStack([t]);
            expect(verdicts.map((v) => v.subject)).toEqual([expect.objectContaining({ endpoint: bedrockService })]);
            expect(verdicts[0].viaStack).toBe(false);
        });

        it("is the stack phase's when the model is read from a store", () => {
            const t = task([{ name: "OPENAI_MODEL", valueFrom: "/bot/model" }], [{ name: "LLM_PROVIDER", value: "bedrock" }]);
            const verdicts = inStack([parameter("/bot/model", "gpt-4o"), t]);
            expect(verdicts.map((v) => v.subject)).toEqual([expect.objectContaining({ endpoint: bedrockService })]);
            expect(verdicts[0].viaStack).toBe(true);
        });

        it("is the stack phase's when the provider is read from a store", () => {
            const t = task([{ name: "LLM_PROVIDER", valueFrom: "/bot/provider" }], [{ name: "OPENAI_MODEL", value: "gpt-4o" }]);
            const verdicts = inStack([parameter("/bot/provider", "bedrock"), t]);
            expect(verdicts.map((v) => v.subject)).toEqual([expect.objectContaining({ endpoint: bedrockService })]);
            expect(verdicts[0].viaStack).toBe(true);
            expect(evidenceOf(verdicts)[0]).toBe("containerDefinitions (JSON)[0].environment[0].value = gpt-4o");
        });
    });

    describe("a Bedrock model id", () => {
        it("is taken from the resource itself before one a store holds, whichever is listed first", () => {
            // The stored model id comes first in the container; the verdict still rests on what the resource shows.
            const t = task(
                [{ name: "BEDROCK_MODEL_ID", valueFrom: "/bot/model" }],
                [{ name: "BEDROCK_FALLBACK_MODEL_ID", value: "o3-mini" }],
            );
            const verdicts = inStack([parameter("/bot/model", "gpt-4o"), t]);
            expect(verdicts.map((v) => v.subject)).toEqual([
                expect.objectContaining({ model: expect.objectContaining({ id: "o3-mini" }) }),
            ]);
            expect(verdicts[0].viaStack).toBe(false);
        });

        it("is the first of several the resource shows", () => {
            const t = task(
                [],
                [
                    { name: "BEDROCK_MODEL_ID", value: "gpt-4o" },
                    { name: "BEDROCK_FALLBACK_MODEL_ID", value: "o3-mini" },
                ],
            );
            expect(inStack([t]).map((v) => v.subject)).toEqual([
                expect.objectContaining({ model: expect.objectContaining({ id: "gpt-4o" }) }),
            ]);
        });

        it("is the first of several stores hold, when the resource shows none itself", () => {
            const t = task([
                { name: "BEDROCK_MODEL_ID", valueFrom: "/bot/model" },
                { name: "BEDROCK_FALLBACK_MODEL_ID", valueFrom: "/bot/fallback" },
            ]);
            const verdicts = inStack([parameter("/bot/model", "gpt-4o"), parameter("/bot/fallback", "o3-mini"), t]);
            expect(verdicts.map((v) => v.subject)).toEqual([expect.objectContaining({ model: expect.objectContaining({ id: "gpt-4o" }) })]);
            expect(verdicts[0].viaStack).toBe(true);
        });
    });

    describe("a secret endpoint", () => {
        it("is judged by its value but never shown, and is the stack phase's when a SecureString holds it", () => {
            const t = task([{ name: "OPENAI_BASE_URL", valueFrom: "/bot/base-url" }], [{ name: "OPENAI_MODEL", value: "gpt-4o" }]);
            const verdicts = inStack([parameter("/bot/base-url", "https://api.groq.com/openai/v1", "SecureString"), t]);
            expect(verdicts.map((v) => v.subject.kind === "calls-model" && v.subject.endpoint)).toEqual([
                expect.objectContaining({ kind: "secret" }),
            ]);
            expect(evidenceOf(verdicts)[1]).toMatch(/= \[secret\]$/);
            expect(verdicts[0].viaStack).toBe(true);
        });

        it("is the resource phase's when the resource holds it as a Pulumi secret", () => {
            const verdicts = inStack([fn({ OPENAI_BASE_URL: secret("https://api.groq.com/openai/v1"), OPENAI_MODEL: "gpt-4o" })]);
            expect(verdicts.map((v) => v.subject.kind === "calls-model" && v.subject.endpoint.kind)).toEqual(["secret"]);
            expect(verdicts[0].viaStack).toBe(false);
        });

        it("blocks a model unknown during preview when the secret endpoint is known off Azure", () => {
            const verdicts = alone(fn({ OPENAI_BASE_URL: secret("https://api.groq.com/openai/v1"), OPENAI_MODEL: UNKNOWN }));
            expect(verdicts.map((v) => v.subject)).toEqual([
                expect.objectContaining({ model: undefined, endpoint: expect.objectContaining({ kind: "secret" }) }),
            ]);
        });
    });

    describe("a server beside the client", () => {
        it("is on the client's own cloud, and the verdict is the stack phase's when a store holds its address", () => {
            const t = task([{ name: "OPENAI_BASE_URL", valueFrom: "/bot/base-url" }], [{ name: "OPENAI_MODEL", value: "gpt-4o" }]);
            const verdicts = inStack([parameter("/bot/base-url", "http://localhost:8000/v1"), t]);
            expect(verdicts.map((v) => v.subject)).toEqual([
                expect.objectContaining({ endpoint: { kind: "local", host: "localhost", cloud: "aws" } }),
            ]);
            expect(verdicts[0].viaStack).toBe(true);
        });

        it("is the resource phase's when the resource shows the address and runs on a known cloud", () => {
            const t = task(
                [],
                [
                    { name: "OPENAI_BASE_URL", value: "http://localhost:8000/v1" },
                    { name: "OPENAI_MODEL", value: "gpt-4o" },
                ],
            );
            const verdicts = inStack([t]);
            expect(verdicts.map((v) => v.subject)).toEqual([
                expect.objectContaining({ endpoint: { kind: "local", host: "localhost", cloud: "aws" } }),
            ]);
            expect(verdicts[0].viaStack).toBe(false);
            expect(evidenceOf(verdicts)[1]).toBe("containerDefinitions (JSON)[0].environment[0].value = host localhost");
        });

        it("blocks a model unknown during preview", () => {
            const verdicts = alone(fn({ OPENAI_BASE_URL: "http://localhost:8000/v1", OPENAI_MODEL: UNKNOWN }));
            expect(verdicts.map((v) => v.subject)).toEqual([
                expect.objectContaining({ model: undefined, endpoint: expect.objectContaining({ kind: "local", host: "localhost" }) }),
            ]);
        });

        it("never shows a secret address", () => {
            const verdicts = alone(fn({ OPENAI_BASE_URL: secret("http://localhost:8000/v1"), OPENAI_MODEL: "gpt-4o" }));
            expect(evidenceOf(verdicts)).toEqual([
                "environment.variables.OPENAI_MODEL = gpt-4o",
                "environment.variables.OPENAI_BASE_URL = [secret]",
            ]);
        });
    });
});

describe("an endpoint named after the model a server serves", () => {
    it("is not judged with the client's own models", () => {
        // `SERVED_BASE_URL` goes with `SERVED_MODEL_NAME` (what some server serves), not with `OPENAI_MODEL`.
        const both = fn({
            SERVED_MODEL_NAME: "gpt-4o",
            SERVED_BASE_URL: "https://llm.example.net/v1",
            OPENAI_MODEL: "gpt-4o-mini",
        });
        expect(alone(both)).toEqual([]);
    });
});

describe("resources that invoke a model on Amazon Bedrock", () => {
    const machine = (parameters: Record<string, unknown>) =>
        view("aws:sfn/stateMachine:StateMachine", "triage", {
            definition: JSON.stringify({
                StartAt: "Ask",
                States: { Ask: { Type: "Task", Resource: "arn:aws:states:::bedrock:invokeModel", Parameters: parameters, End: true } },
            }),
        });

    it("pass a Step Functions task whose model id is taken from the execution's input", () => {
        // `ModelId.$` is a JSONPath into the input: no model to judge, and no error.
        expect(alone(machine({ "ModelId.$": "$.model", Body: { prompt: "x" } }))).toEqual([]);
    });

    it("never show a model id held in a secret definition", () => {
        const sealed = view("aws:sfn/stateMachine:StateMachine", "triage", {
            definition: secret(
                JSON.stringify({
                    StartAt: "Ask",
                    States: {
                        Ask: {
                            Type: "Task",
                            Resource: "arn:aws:states:::bedrock:invokeModel",
                            Parameters: { ModelId: "gpt-4o" },
                            End: true,
                        },
                    },
                }),
            ),
        });
        const verdicts = alone(sealed);
        expect(verdicts.map((v) => v.subject)).toEqual([
            expect.objectContaining({ kind: "calls-model", model: { family: "GPT", class: "proprietary" } }),
        ]);
        expect(verdicts[0].evidence.map((e) => e.shown)).toEqual(["[secret]"]);
    });

    describe("a Bedrock agent", () => {
        const agent = (foundationModel: unknown) =>
            view("aws:bedrock/agentAgent:AgentAgent", "helper", { agentName: "helper", foundationModel, instruction: "help" });

        it("is a client of Amazon Bedrock, reported by the resource phase even in the stack", () => {
            const a = agent("gpt-4o");
            const verdicts = inStack([a]);
            expect(verdicts.map((v) => v.subject)).toEqual([
                {
                    kind: "calls-model",
                    client: "Bedrock agent",
                    model: { id: "gpt-4o", family: "GPT", class: "proprietary" },
                    endpoint: { kind: "service", service: "Amazon Bedrock", cloud: "aws" },
                },
            ]);
            expect(verdicts[0].viaStack).toBe(false);
            expect(evidenceOf(verdicts)).toEqual(["foundationModel = gpt-4o"]);
        });

        it("never shows a secret foundation model", () => {
            const verdicts = alone(agent(secret("gpt-4o")));
            expect(verdicts.map((v) => v.subject)).toEqual([expect.objectContaining({ model: { family: "GPT", class: "proprietary" } })]);
            expect(evidenceOf(verdicts)).toEqual(["foundationModel = [secret]"]);
        });
    });
});

describe("an endpoint that is a DNS record of the stack", () => {
    const record = (cname: string) =>
        view("azure-native:dns:RecordSet", "llm", {
            resourceGroupName: "dns",
            zoneName: "contoso.com",
            relativeRecordSetName: "llm",
            recordType: "CNAME",
            cnameRecord: { cname },
        });
    const client = fn({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: "gpt-4o" });

    it("is judged by the name the record points at, not by the DNS zone's cloud", () => {
        const verdicts = computedFrom(client, [record("vllm-nlb-0123456789abcdef.elb.us-east-1.amazonaws.com")]);
        expect(verdicts.map((v) => v.viaStack)).toEqual([true]);
        expect(evidenceOf(verdicts)).toContain(
            'environment.variables.OPENAI_BASE_URL → azure-native:dns:RecordSet "llm".cnameRecord.cname = host vllm-nlb-0123456789abcdef.elb.us-east-1.amazonaws.com',
        );
    });

    it("passes a record that points at an Azure-hosted endpoint", () => {
        expect(computedFrom(client, [record("contoso-eastus2.openai.azure.com")])).toEqual([]);
    });

    it("is judged by the resource its target comes from when the target is unknown during preview", () => {
        const nlb = view("aws:lb/loadBalancer:LoadBalancer", "vllm-nlb", { loadBalancerType: "network" });
        const cname = record(UNKNOWN);
        const stack = stackOf([node(nlb), node(cname, { cnameRecord: [nlb] }), node(client, { environment: [cname] })]);
        const verdicts = ofRule(judge(client, defaultSettings, stack));
        expect(verdicts.map((v) => v.subject)).toMatchObject([
            { endpoint: { kind: "stack-resource", resource: { name: "vllm-nlb" }, cloud: "aws" } },
        ]);
        expect(evidenceOf(verdicts)).toContain(
            'environment.variables.OPENAI_BASE_URL → azure-native:dns:RecordSet "llm".cnameRecord.cname = (unknown during preview)',
        );
        // The same record whose target comes from an Azure resource: Azure-hosted.
        const gateway = view("azure-native:network:ApplicationGateway", "gw", { resourceGroupName: "apps" });
        const onAzure = stackOf([node(gateway), node(cname, { cnameRecord: [gateway] }), node(client, { environment: [cname] })]);
        expect(ofRule(judge(client, defaultSettings, onAzure))).toEqual([]);
    });
});

describe("an in-cluster host name that is an ExternalName Service of the stack", () => {
    const service = (name: string, namespace: string, externalName: string) =>
        view("kubernetes:core/v1:Service", name, { metadata: { name, namespace }, spec: { type: "ExternalName", externalName } });
    const client = (baseUrl: string) =>
        view("kubernetes:apps/v1:Deployment", "assistant", {
            metadata: { namespace: "apps" },
            spec: {
                template: {
                    spec: {
                        containers: [
                            {
                                name: "app",
                                image: "contoso.azurecr.io/assistant:3.0",
                                env: [
                                    { name: "OPENAI_BASE_URL", value: baseUrl },
                                    { name: "OPENAI_MODEL", value: "gpt-4o" },
                                ],
                            },
                        ],
                    },
                },
            },
        });
    const judged = (resources: ResourceView[], reader: ResourceView) =>
        ofRule(judge(reader, defaultSettings, stackOf(resources.map((r) => node(r)))));
    const nlb = "vllm-nlb-0123456789abcdef.elb.us-east-1.amazonaws.com";

    it("is judged by the name the Service points at", () => {
        for (const url of ["http://vllm/v1", "http://vllm.apps.svc.cluster.local:8000/v1"]) {
            const reader = client(url);
            expect(evidenceOf(judged([service("vllm", "apps", nlb), reader], reader))).toContain(
                `spec.template.spec.containers[0].env[0].value → kubernetes:core/v1:Service "vllm".spec.externalName = host ${nlb}`,
            );
        }
    });

    it("passes an alias of an Azure-hosted endpoint, and a Service of the same name in another namespace is not it", () => {
        const reader = client("http://vllm/v1");
        expect(judged([service("vllm", "apps", "contoso.openai.azure.com"), reader], reader)).toEqual([]);
        const elsewhere = judged([service("vllm", "research", nlb), reader], reader);
        expect(evidenceOf(elsewhere).join("\n")).not.toContain(nlb);
    });
});

describe("an endpoint that is a gateway of the stack", () => {
    const client = fn({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: "gpt-5" });
    const api = view("aws:apigatewayv2/api:Api", "gw", { protocolType: "HTTP" });
    const integration = (name: string, integrationUri: string) =>
        view("aws:apigatewayv2/integration:Integration", name, { integrationType: "HTTP_PROXY", integrationMethod: "ANY", integrationUri });
    const judged = (integrations: ResourceView[]) =>
        ofRule(
            judge(
                client,
                defaultSettings,
                stackOf([node(api), ...integrations.map((i) => node(i, { apiId: [api] })), node(client, { environment: [api] })]),
            ),
        );

    it("is Azure-hosted when every integration forwards to an Azure-hosted endpoint", () => {
        expect(judged([integration("to-aoai", "https://contoso-eastus2.openai.azure.com/{proxy}")])).toEqual([]);
    });

    it("is judged by the gateway's cloud when any integration forwards elsewhere, or to something not a URL", () => {
        const bedrock = integration("to-bedrock", "https://bedrock-mantle.us-east-1.api.aws/{proxy}");
        const lambda = integration(
            "to-lambda",
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations",
        );
        const aoai = integration("to-aoai", "https://contoso-eastus2.openai.azure.com/{proxy}");
        for (const integrations of [[aoai, bedrock], [aoai, lambda], []]) {
            expect(judged(integrations).map((v) => v.subject)).toMatchObject([
                { endpoint: { kind: "stack-resource", resource: { name: "gw" }, cloud: "aws" } },
            ]);
        }
    });
});

describe("calls through an Azure API Management gateway of the stack", () => {
    const service = view("azure-native:apimanagement:ApiManagementService", "llm-gw", { serviceName: "llm-gw", resourceGroupName: "gw" });
    const api = (serviceUrl: string, name = "openai") =>
        view("azure-native:apimanagement:Api", name, { serviceName: UNKNOWN, path: name, serviceUrl, resourceGroupName: "gw" });
    /** The rule's verdicts on a function calling gpt-5 through the gateway, its APIs depending on the service. */
    function through(baseUrl: string, apis: ResourceView[], dependsOnGateway: boolean): Verdict[] {
        const client = fn({ OPENAI_BASE_URL: baseUrl, OPENAI_MODEL: "gpt-5" });
        const stack = stackOf([
            node(service),
            ...apis.map((each) => node(each, { serviceName: [service] })),
            node(client, dependsOnGateway ? { environment: [service] } : {}),
        ]);
        return ofRule(judge(client, defaultSettings, stack));
    }

    it("is judged where the gateway forwards: a model API on another cloud blocks, named on the way there", () => {
        for (const [baseUrl, computed] of [
            [UNKNOWN, true], // `${apim.gatewayUrl}/openai`
            ["https://llm-gw.azure-api.net/openai", false],
        ] as const) {
            const verdicts = through(baseUrl, [api("https://bedrock-mantle.us-east-1.api.aws/v1")], computed);
            expect(evidenceOf(verdicts)).toContain(
                'environment.variables.OPENAI_BASE_URL → azure-native:apimanagement:ApiManagementService "llm-gw" → azure-native:apimanagement:Api "openai".serviceUrl = host bedrock-mantle.us-east-1.api.aws',
            );
            expect(verdicts.every((verdict) => verdict.viaStack)).toBe(true);
        }
    });

    it("stays on Azure when the gateway forwards to Azure OpenAI or to services that serve no model", () => {
        for (const baseUrl of [UNKNOWN, "https://llm-gw.azure-api.net/openai"]) {
            const computed = baseUrl === UNKNOWN;
            expect(through(baseUrl, [api("https://contoso.openai.azure.com/openai/v1")], computed)).toEqual([]);
            expect(through(baseUrl, [api("https://tickets.example.com/api", "tickets")], computed)).toEqual([]);
        }
        // Another service's gateway host is not this gateway.
    });

    it("finds the gateway's APIs by the service they name when the service itself is not in the stack", () => {
        const client = fn({ OPENAI_BASE_URL: "https://contoso-llm-gw.azure-api.net/openai", OPENAI_MODEL: "gpt-5" });
        const forwarding = (serviceUrl: string) =>
            view("azure:apimanagement/api:Api", "openai", { apiManagementName: "contoso-llm-gw", serviceUrl });
        expect(evidenceOf(inStack([forwarding("https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1"), client]))).toContain(
            'environment.variables.OPENAI_BASE_URL → API Management service "contoso-llm-gw" → azure:apimanagement/api:Api "openai".serviceUrl = host bedrock-runtime.us-east-1.amazonaws.com',
        );
        expect(inStack([forwarding("https://contoso.openai.azure.com/openai/v1"), client])).toEqual([]);
        expect(through("https://other-gw.azure-api.net/openai", [api("https://bedrock-mantle.us-east-1.api.aws/v1")], false)).toEqual([]);
    });
});

describe("calls through another Azure front of the stack (Front Door, CDN, Application Gateway, a Key Vault secret)", () => {
    const rg = view("azure-native:resources:ResourceGroup", "edge-rg", { location: "westeurope" });
    const profile = view("azure-native:cdn:Profile", "edge", { sku: { name: "Standard_AzureFrontDoor" } });
    const endpoint = view("azure-native:cdn:AFDEndpoint", "llm", { profileName: UNKNOWN, enabledState: "Enabled" });
    const group = view("azure-native:cdn:AFDOriginGroup", "llm-origins", { profileName: UNKNOWN });
    const origin = (hostName: string) =>
        view("azure-native:cdn:AFDOrigin", "llm-origin", { profileName: UNKNOWN, originGroupName: UNKNOWN, hostName });
    /** A function calling gpt-5 at the Front Door endpoint's host name (`https://${endpoint.hostName}/v1`). */
    function throughFrontDoor(hostName: string, extra: StackNodeInput[] = []): Verdict[] {
        const client = fn({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: "gpt-5" });
        const stack = stackOf([
            node(rg),
            node(profile, { resourceGroupName: [rg] }),
            node(endpoint, { profileName: [profile], resourceGroupName: [rg] }),
            node(group, { profileName: [profile] }),
            node(origin(hostName), { profileName: [profile], originGroupName: [group] }),
            ...extra.map(([resource, deps]) => node(resource, deps)),
            node(client, { environment: [endpoint] }),
        ]);
        return ofRule(judge(client, defaultSettings, stack));
    }
    type StackNodeInput = [ResourceView, Record<string, ResourceView[]>];

    it("is judged where the front sends the calls: an origin that is a model service on another cloud blocks", () => {
        const verdicts = throughFrontDoor("bedrock-runtime.us-east-1.amazonaws.com");
        expect(verdicts.map((v) => [v.subject.kind, v.viaStack])).toEqual([["calls-model", true]]);
        expect(evidenceOf(verdicts)).toContain(
            'environment.variables.OPENAI_BASE_URL → azure-native:cdn:AFDEndpoint "llm" → azure-native:cdn:AFDOrigin "llm-origin".hostName = host bedrock-runtime.us-east-1.amazonaws.com',
        );
    });

    it("stays on Azure when the origins are Azure OpenAI, or serve no model", () => {
        expect(throughFrontDoor("contoso.openai.azure.com")).toEqual([]);
        expect(throughFrontDoor("www.example.com")).toEqual([]);
    });

    it("does not take another front of the same kind, or what shares only the resource group, for this one", () => {
        // Another endpoint of the profile is a front of its own; a function app in the resource group calls Bedrock for itself.
        const other = view("azure-native:cdn:AFDEndpoint", "other", {
            profileName: UNKNOWN,
            note: "https://bedrock-runtime.us-east-1.amazonaws.com",
        });
        const app = view("azure-native:web:WebApp", "claude-app", {
            siteConfig: { appSettings: [{ name: "BEDROCK_URL", value: "https://bedrock-runtime.us-east-1.amazonaws.com" }] },
        });
        expect(
            throughFrontDoor("contoso.openai.azure.com", [
                [other, { profileName: [profile] }],
                [app, { resourceGroupName: [rg] }],
            ]),
        ).toEqual([]);
    });

    it("reads an Application Gateway's backend pools by shape", () => {
        const client = fn({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: "gpt-5" });
        const gateway = view("azure-native:network:ApplicationGateway", "llm-agw", {
            backendAddressPools: [{ name: "models", backendAddresses: [{ fqdn: "us-central1-aiplatform.googleapis.com" }] }],
        });
        expect(computedFrom(client, [gateway]).map((v) => v.subject.kind)).toEqual(["calls-model"]);
        const toAzure = view("azure-native:network:ApplicationGateway", "llm-agw", {
            backendAddressPools: [{ name: "models", backendAddresses: [{ fqdn: "contoso.openai.azure.com" }] }],
        });
        expect(computedFrom(client, [toAzure])).toEqual([]);
    });
});

describe("calls through a classic azure Front Door, and hosts a program could not fill in", () => {
    it("follows the front through its route to an origin that depends on its origin group only", () => {
        const profile = view("azure:cdn/frontdoorProfile:FrontdoorProfile", "edge", { skuName: "Standard_AzureFrontDoor" });
        const endpoint = view("azure:cdn/frontdoorEndpoint:FrontdoorEndpoint", "edge-ep", { cdnFrontdoorProfileId: UNKNOWN });
        const group = view("azure:cdn/frontdoorOriginGroup:FrontdoorOriginGroup", "edge-og", { cdnFrontdoorProfileId: UNKNOWN });
        const origin = (hostName: string) =>
            view("azure:cdn/frontdoorOrigin:FrontdoorOrigin", "edge-origin", { cdnFrontdoorOriginGroupId: UNKNOWN, hostName });
        const route = view("azure:cdn/frontdoorRoute:FrontdoorRoute", "edge-route", {
            cdnFrontdoorEndpointId: UNKNOWN,
            patternsToMatches: ["/*"],
        });
        const judged = (hostName: string) => {
            const client = fn({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: "gpt-5" });
            const o = origin(hostName);
            return ofRule(
                judge(
                    client,
                    defaultSettings,
                    stackOf([
                        node(profile),
                        node(endpoint, { cdnFrontdoorProfileId: [profile] }),
                        node(group, { cdnFrontdoorProfileId: [profile] }),
                        node(o, { cdnFrontdoorOriginGroupId: [group] }),
                        node(route, { cdnFrontdoorEndpointId: [endpoint], cdnFrontdoorOriginGroupId: [group], cdnFrontdoorOriginIds: [o] }),
                        node(client, { environment: [endpoint] }),
                    ]),
                ),
            );
        };
        expect(evidenceOf(judged("bedrock-runtime.us-west-2.amazonaws.com"))).toContain(
            'environment.variables.OPENAI_BASE_URL → azure:cdn/frontdoorEndpoint:FrontdoorEndpoint "edge-ep" → azure:cdn/frontdoorOrigin:FrontdoorOrigin "edge-origin".hostName = host bedrock-runtime.us-west-2.amazonaws.com',
        );
        expect(judged("contoso.openai.azure.com")).toEqual([]);
    });

    it("takes a host named `undefined` for a value the program did not have: judged by where it comes from, not by the client's cloud", () => {
        // `https://${ip.dnsSettings?.fqdn}/v1` in a program the checker runs: the fqdn is not there.
        const ip = view("azure-native:network:PublicIPAddress", "agw-ip", { sku: { name: "Standard" } });
        const gateway = (fqdn: string) =>
            view("azure-native:network:ApplicationGateway", "llm-agw", {
                backendAddressPools: [{ name: "models", backendAddresses: [{ fqdn }] }],
            });
        const judged = (fqdn: string) => {
            const client = fn({ OPENAI_BASE_URL: "https://undefined/openai/v1", OPENAI_MODEL: "gpt-5" });
            const g = gateway(fqdn);
            return ofRule(
                judge(
                    client,
                    defaultSettings,
                    stackOf([node(ip), node(g, { frontendIPConfigurations: [ip] }), node(client, { environment: [ip] })]),
                ),
            );
        };
        expect(judged("bedrock-mantle.us-east-1.api.aws").map((v) => v.subject.kind)).toEqual(["calls-model"]);
        // A resource of the stack that holds such an address itself: unknown, with nothing more to follow (no loop).
        const destination = view("aws:cloudwatch/eventApiDestination:EventApiDestination", "llm", {
            invocationEndpoint: "https://undefined/v1",
        });
        const unknownClient = fn({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: "gpt-5" });
        expect(computedFrom(unknownClient, [destination]).map((v) => v.subject.kind === "calls-model" && v.subject.endpoint.kind)).toEqual([
            "unknown",
        ]);
        // Before, it was a server beside the client, on the client's own cloud (AWS here): blocked whatever the gateway did.
        expect(judged("contoso.openai.azure.com")).toEqual([]);
    });
});

describe("calls to a Traffic Manager profile of the stack (`<name>.trafficmanager.net`)", () => {
    const profile = (endpoints: unknown[]) =>
        view("azure-native:trafficmanager:Profile", "llm-global", { dnsConfig: { relativeName: "llm-global", ttl: 30 }, endpoints });
    const external = (name: string, target: string) => ({
        name,
        type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
        target,
    });
    const judged = (resources: ResourceView[], host = "llm-global") =>
        inStack([...resources, fn({ OPENAI_BASE_URL: `https://${host}.trafficmanager.net/openai/v1`, OPENAI_MODEL: "gpt-4o" })]);

    it("stays on Azure when every endpoint of the profile is Azure-hosted, inline or a resource of its own", () => {
        expect(
            judged([profile([external("eus", "contoso-eastus.openai.azure.com"), external("swc", "contoso-swc.openai.azure.com")])]),
        ).toEqual([]);
        const bare = profile([]);
        const endpoint = view("azure-native:trafficmanager:Endpoint", "aoai-eus2", {
            profileName: UNKNOWN,
            target: "contoso-eus2.openai.azure.com",
        });
        const azureResource = view("azure-native:trafficmanager:Endpoint", "aoai-app", {
            profileName: UNKNOWN,
            targetResourceId: "/subscriptions/1/resourceGroups/x/providers/Microsoft.Web/sites/llm",
        });
        expect(
            ofRule(
                judge(
                    fn({ OPENAI_BASE_URL: "https://llm-global.trafficmanager.net/openai/v1", OPENAI_MODEL: "gpt-4o" }),
                    defaultSettings,
                    stackOf([
                        node(bare),
                        node(endpoint, { profileName: [bare] }),
                        node(azureResource, { profileName: [bare] }),
                        node(fn({ OPENAI_BASE_URL: "https://llm-global.trafficmanager.net/openai/v1", OPENAI_MODEL: "gpt-4o" })),
                    ]),
                ),
            ),
        ).toEqual([]);
    });

    it("is judged by an endpoint off Azure: a failover to Bedrock blocks, named on the way there", () => {
        const verdicts = judged([
            profile([external("eus", "contoso-eastus.openai.azure.com"), external("dr", "bedrock-mantle.us-east-1.api.aws")]),
        ]);
        expect(evidenceOf(verdicts)).toContain(
            'environment.variables.OPENAI_BASE_URL → azure-native:trafficmanager:Profile "llm-global".endpoints[1].target = host bedrock-mantle.us-east-1.api.aws',
        );
    });

    it("is not Azure-hosted when no profile of the stack has that name (it may send the calls anywhere)", () => {
        expect(judged([profile([external("eus", "contoso-eastus.openai.azure.com")])], "other-name").map((v) => v.subject.kind)).toEqual([
            "calls-model",
        ]);
    });
});

describe("hosts only the stack can judge wait for it", () => {
    it("leaves a Traffic Manager host or one the program could not fill in to the stack phase, which judges the client again", () => {
        for (const url of [
            "https://llm-global.trafficmanager.net/openai/v1",
            "https://undefined/openai/v1",
            "https://llm-gw.azure-api.net/openai",
        ]) {
            const client = fn({ OPENAI_BASE_URL: url, OPENAI_MODEL: "gpt-4o" });
            expect({ url, alone: alone(client), again: stackCanChange(factsOf(client, defaultSettings)) }).toEqual({
                url,
                alone: [],
                again: true,
            });
        }
        // A plain host off Azure is judged at once.
        expect(alone(fn({ OPENAI_BASE_URL: "https://llm.example.net/v1", OPENAI_MODEL: "gpt-4o" })).map((v) => v.viaStack)).toEqual([
            false,
        ]);
    });

    it("blocks in the stack phase a Traffic Manager host whose profile the stack does not hold", () => {
        const client = fn({ OPENAI_BASE_URL: "https://elsewhere.trafficmanager.net/openai/v1", OPENAI_MODEL: "gpt-4o" });
        expect(inStack([client]).map((v) => [v.subject.kind, v.viaStack])).toEqual([["calls-model", true]]);
    });
});
