/**
 * What a client verdict rests on, surface by surface: the model, where the calls go (a host, a
 * secret, a service, a resource of the stack, a server beside the client, nothing known), the
 * evidence paths, the unknowns and the phase. A change to any of these changes what the user reads.
 */
import { judge } from "../policypack/registry";
import { ResourceView } from "../policypack/resource";
import { defaultSettings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { node, secret, stackOf, UNKNOWN, view } from "./support/views";

const settings = defaultSettings;
const gpt = (id: string) => ({ id, family: "GPT", class: "proprietary" });

/** The verdicts on the last resource, judged with all of them as its stack. */
function judged(resources: ResourceView[], dependencies: Record<string, ResourceView[]> = {}): Verdict[] {
    const target = resources[resources.length - 1];
    const nodes = resources.map((resource) => (resource === target ? node(resource, dependencies) : node(resource)));
    return judge(target, settings, stackOf(nodes));
}

const lambda = (variables: Record<string, unknown>) => view("aws:lambda/function:Function", "bot", { environment: { variables } });

describe("a client's verdict", () => {
    it("names the model and the host of a base URL that is not Azure-hosted, judged on the resource alone", () => {
        const client = lambda({ OPENAI_BASE_URL: "https://llm.example.net/v1", OPENAI_MODEL: "gpt-4o-mini" });
        expect(judge(client, settings)).toEqual(judged([client]));
        const [verdict, ...more] = judge(client, settings);
        expect(more).toEqual([]);
        expect(verdict).toMatchObject({
            rule: "openai-calls-hosted-on-azure",
            subject: {
                kind: "calls-model",
                client: "(inputs)",
                model: gpt("gpt-4o-mini"),
                endpoint: { kind: "host", host: "llm.example.net" },
            },
            evidence: [
                { path: "environment.variables.OPENAI_MODEL", shown: "gpt-4o-mini" },
                { path: "environment.variables.OPENAI_BASE_URL", shown: "host llm.example.net" },
            ],
            unknowns: [],
            viaStack: false,
        });
    });

    it("never shows a base URL held in a Pulumi secret, and still judges it", () => {
        const [verdict] = judge(lambda({ OPENAI_BASE_URL: secret("https://llm.example.net/v1"), OPENAI_MODEL: "gpt-4o-mini" }), settings);
        expect(verdict.subject).toMatchObject({ endpoint: { kind: "secret" } });
        expect(verdict.evidence[1]).toEqual({ path: "environment.variables.OPENAI_BASE_URL", shown: "[secret]" });
    });

    it("names the service of a known OpenAI-compatible API on another cloud", () => {
        const [verdict] = judge(
            lambda({ OPENAI_BASE_URL: "https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1", OPENAI_MODEL: "gpt-4.1" }),
            settings,
        );
        expect(verdict.subject).toMatchObject({
            model: gpt("gpt-4.1"),
            endpoint: { kind: "host", host: "bedrock-runtime.us-west-2.amazonaws.com", service: "Amazon Bedrock", cloud: "aws" },
        });
    });

    it("names the resource of the stack an unknown base URL comes from, in the stack phase", () => {
        const lb = view("aws:lb/loadBalancer:LoadBalancer", "gateway", { name: "gateway" });
        const client = lambda({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: "gpt-4o" });
        expect(judge(client, settings)).toEqual([]);
        const [verdict] = judged([lb, client], { environment: [lb] });
        const unknown = { path: "environment.variables.OPENAI_BASE_URL", shown: "(unknown during preview)" };
        expect(verdict).toMatchObject({
            subject: {
                endpoint: { kind: "stack-resource", resource: { urn: lb.urn, name: "gateway", type: lb.type }, cloud: "aws" },
            },
            evidence: [{ path: "environment.variables.OPENAI_MODEL", shown: "gpt-4o" }, unknown],
            unknowns: [unknown],
            viaStack: true,
        });
    });

    it("passes an unknown base URL that comes from an Azure resource", () => {
        const account = view("azure-native:cognitiveservices:Account", "aoai", {});
        expect(judged([account, lambda({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: "gpt-4o" })], { environment: [account] })).toEqual([]);
    });

    it("blocks an unknown base URL that nothing in the stack shows, for a proprietary model; not when the model is unknown too", () => {
        const [verdict] = judged([lambda({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: "gpt-4o" })]);
        expect(verdict.subject).toMatchObject({ model: gpt("gpt-4o"), endpoint: { kind: "unknown" } });
        expect(verdict.viaStack).toBe(true);
        expect(judged([lambda({ OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: UNKNOWN })])).toEqual([]);
    });

    it("reads the address a stack resource holds (an EventBridge API destination) as where the calls go", () => {
        const destination = view("aws:cloudwatch/eventApiDestination:EventApiDestination", "dest", {
            invocationEndpoint: "https://llm.example.net/v1/chat/completions",
        });
        const target = view("aws:cloudwatch/eventTarget:EventTarget", "t", {
            arn: UNKNOWN,
            httpTarget: {},
            input: JSON.stringify({ model: "gpt-4o", messages: [] }),
        });
        const [verdict] = judged([destination, target], { arn: [destination] });
        expect(verdict).toMatchObject({
            subject: { model: gpt("gpt-4o"), endpoint: { kind: "host", host: "llm.example.net" } },
            evidence: [
                { path: "input.model", shown: "gpt-4o" },
                { path: "arn", shown: "host llm.example.net" },
            ],
            unknowns: [],
            viaStack: true,
        });
    });

    it("judges a server beside the client (localhost) by where the client runs", () => {
        const script = "#!/bin/bash\nexport OPENAI_BASE_URL=http://localhost:8000/v1\nexport OPENAI_MODEL=gpt-4o\npython app.py\n";
        const [verdict] = judge(view("aws:ec2/instance:Instance", "app", { userData: script }), settings);
        expect(verdict).toMatchObject({
            subject: { model: gpt("gpt-4o"), endpoint: { kind: "local", host: "localhost", cloud: "aws" } },
            evidence: [
                { path: "userData (line 3)", shown: "gpt-4o" },
                { path: "userData (line 2)", shown: "host localhost" },
            ],
        });
        expect(judge(view("azure-native:compute:VirtualMachine", "app", { osProfile: { customData: script } }), settings)).toEqual([]);
    });
});

describe("a caller of a model another cloud serves", () => {
    const bedrock = { kind: "service", service: "Amazon Bedrock", cloud: "aws" };

    it("is a client of Amazon Bedrock when it names a Bedrock model id of a proprietary model; not of gpt-oss", () => {
        const [verdict] = judge(lambda({ BEDROCK_MODEL_ID: "openai.gpt-5-v1:0" }), settings);
        expect(verdict).toMatchObject({
            subject: { kind: "calls-model", client: "(inputs)", model: gpt("gpt-5"), endpoint: bedrock },
            evidence: [{ path: "environment.variables.BEDROCK_MODEL_ID", shown: "gpt-5" }],
            viaStack: false,
        });
        expect(judge(lambda({ BEDROCK_MODEL_ID: "openai.gpt-oss-120b-1:0" }), settings)).toEqual([]);
    });

    it("is a Step Functions task that invokes the model, named by where the task sits", () => {
        const definition = {
            StartAt: "a",
            States: {
                a: {
                    Type: "Task",
                    Resource: "arn:aws:states:::bedrock:invokeModel",
                    Parameters: { ModelId: "openai.gpt-5-v1:0", Body: {} },
                    End: true,
                },
            },
        };
        const [verdict] = judge(view("aws:sfn/stateMachine:StateMachine", "sm", { definition: JSON.stringify(definition) }), settings);
        expect(verdict).toMatchObject({
            subject: { client: "a Step Functions task that invokes a Bedrock model", model: gpt("gpt-5"), endpoint: bedrock },
            evidence: [{ path: "definition (JSON).States.a.Parameters.ModelId", shown: "gpt-5" }],
        });
    });

    it("is a Bedrock agent whose foundation model is proprietary", () => {
        const [verdict] = judge(
            view("aws:bedrock/agentAgent:AgentAgent", "agent", { agentName: "a", foundationModel: "openai.gpt-5-v1:0" }),
            settings,
        );
        expect(verdict).toMatchObject({
            subject: { client: "Bedrock agent", model: gpt("gpt-5"), endpoint: bedrock },
            evidence: [{ path: "foundationModel", shown: "gpt-5" }],
        });
    });
});

describe("a resource that is another's settings", () => {
    const gateway = view("aws:apigatewayv2/api:Api", "bedrock-gw", { protocolType: "HTTP" });
    const bag = (type: string, properties: Record<string, unknown>) =>
        view(type, "app-settings", { resourceGroupName: "rg", name: UNKNOWN, properties });

    it("is read as the client's settings, whatever the bag's type is called, and judged where its map's values point", () => {
        for (const type of [
            "azure-native:web:WebAppApplicationSettings",
            "azure-native:web:WebAppApplicationSettingsSlot",
            "acme:apps/projectEnvironmentVariables:ProjectEnvironmentVariables",
        ]) {
            const verdicts = judge(bag(type, { OPENAI_BASE_URL: "https://llm.example.net/v1", OPENAI_MODEL: "gpt-4o" }), settings);
            expect({ type, found: verdicts.map((v) => [v.rule, v.subject.kind, ...v.evidence.map((e) => e.path)]) }).toEqual({
                type,
                found: [["openai-calls-hosted-on-azure", "calls-model", "properties.OPENAI_MODEL", "properties.OPENAI_BASE_URL"]],
            });
        }
        const azure = bag("azure-native:web:WebAppApplicationSettings", {
            AZURE_OPENAI_ENDPOINT: "https://acme.openai.azure.com/",
            OPENAI_MODEL: "gpt-4o",
        });
        expect(judge(azure, settings)).toEqual([]);
    });

    it("follows an unknown value of its map to the resource it comes from (the map's own property dependencies)", () => {
        const client = bag("azure-native:web:WebAppApplicationSettings", { OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: "gpt-4o" });
        const [verdict, ...more] = judged([gateway, client], { properties: [gateway] });
        expect(more).toEqual([]);
        expect(verdict.subject).toMatchObject({
            kind: "calls-model",
            endpoint: { kind: "stack-resource", resource: { name: "bedrock-gw" }, cloud: "aws" },
        });
    });
});
