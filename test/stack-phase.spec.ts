/**
 * The stack phase reports what only the stack shows, and only that: for each kind of resource the
 * stack can change (a workload placed by its cluster, Docker daemon, SSH connection or the machine a
 * local command reaches; a route; a DNS record; a value held in a store; an unknown value), a
 * verdict the resource alone could not give; for a resource the stack cannot change, nothing again.
 */
import { resourcePhase, stackPhase } from "../policypack/registry";
import { ResourceView } from "../policypack/resource";
import { defaultSettings } from "../policypack/settings";
import { k8sProvider, node, stackOf, UNKNOWN, view } from "./support/views";

const served = "vllm serve gpt-4o --port 8000";
const ec2 = view("aws:ec2/instance:Instance", "gpu", { instanceType: "g5.xlarge" });

/** What each phase reports on the last resource, by rule and subject kind. */
function phases(resources: ResourceView[], dependencies: Record<string, ResourceView[]> = {}) {
    const target = resources[resources.length - 1];
    const nodes = resources.map((resource) => (resource === target ? node(resource, dependencies) : node(resource)));
    const index = stackOf(nodes);
    const onTarget = (verdicts: { resource: { urn: string }; rule: string; subject: { kind: string } }[]) =>
        verdicts.filter((v) => v.resource.urn === target.urn).map((v) => `${v.rule} ${v.subject.kind}`);
    return { resource: onTarget(resourcePhase(target, defaultSettings)), stack: onTarget(stackPhase(nodes, index, defaultSettings)) };
}

describe("the stack phase", () => {
    it("places a workload by the cluster its kubeconfig comes from", () => {
        const cluster = view("aws:eks/cluster:Cluster", "eks", {});
        const provider = k8sProvider("eks", { kubeconfig: UNKNOWN });
        const pod = view(
            "kubernetes:core/v1:Pod",
            "vllm",
            { spec: { containers: [{ name: "vllm", image: "vllm/vllm-openai", command: served.split(" ") }] } },
            provider,
        );
        const nodes = [node(cluster), node(provider, { kubeconfig: [cluster] }), node(pod)];
        const verdicts = stackPhase(nodes, stackOf(nodes), defaultSettings).filter((v) => v.resource.urn === pod.urn);
        expect(verdicts.map((v) => `${v.rule} ${v.subject.kind} ${v.placement?.cloud}`)).toEqual([
            "stateless-openai-api-on-azure serves-model aws",
        ]);
        expect(resourcePhase(pod, defaultSettings)).toEqual([]);
    });

    it("places a container by the machine its Docker daemon is on", () => {
        const provider = {
            urn: "urn:pulumi:dev::demo::pulumi:providers:docker::remote",
            type: "pulumi:providers:docker",
            name: "remote",
            props: { host: "ssh://ubuntu@10.0.0.5" },
        };
        const container = view(
            "docker:index/container:Container",
            "vllm",
            { image: "vllm/vllm-openai", command: ["--model", "gpt-4o"] },
            provider,
        );
        const nodes = [node(ec2), node(provider, { host: [ec2] }), node(container)];
        expect(stackPhase(nodes, stackOf(nodes), defaultSettings).map((v) => `${v.resource.name} ${v.placement?.cloud}`)).toEqual([
            "vllm aws",
        ]);
    });

    it("places a command by the machine it connects to, or the machine a local command reaches", () => {
        const remote = view("command:remote:Command", "start", { connection: { host: "10.0.0.5" }, create: served });
        expect(phases([ec2, remote], { connection: [ec2] })).toEqual({
            resource: [],
            stack: ["stateless-openai-api-on-azure serves-model"],
        });
        const local = view("command:local:Command", "deploy", { create: `ssh ubuntu@10.0.0.5 ${served}` });
        expect(phases([ec2, local], { create: [ec2] })).toEqual({ resource: [], stack: ["stateless-openai-api-on-azure serves-model"] });
    });

    it("follows a route to its backend", () => {
        const fn = view("aws:lambda/function:Function", "backend", {
            environment: { variables: { OPENAI_BASE_URL: "https://llm.example.net/v1", OPENAI_MODEL: "gpt-4o" } },
        });
        const int = view("aws:apigatewayv2/integration:Integration", "int", { integrationUri: fn.urn, apiId: "a" });
        const route = view("aws:apigatewayv2/route:Route", "route", {
            routeKey: "POST /v1/chat/completions",
            apiId: "a",
            target: "integrations/x",
        });
        const nodes = [node(fn), node(int, { integrationUri: [fn] }), node(route, { target: [int] })];
        const onRoute = stackPhase(nodes, stackOf(nodes), defaultSettings).filter((v) => v.resource.urn === route.urn);
        expect(onRoute.map((v) => v.subject.kind)).toEqual(["route"]);
    });

    it("joins a DNS record to its zone", () => {
        const zone = view("aws:route53/zone:Zone", "zone", { name: "openai.com" });
        const record = view("aws:route53/record:Record", "api", { name: "api", type: "A", records: ["203.0.113.9"], zoneId: UNKNOWN });
        expect(phases([zone, record], { zoneId: [zone] })).toEqual({
            resource: [],
            stack: ["first-party-products-on-azure dns-off-azure"],
        });
    });

    it("reads a value held in a store of the stack", () => {
        const parameter = view("aws:ssm/parameter:Parameter", "model", { name: "/chat/model", type: "String", insecureValue: "gpt-4o" });
        const task = view("aws:ecs/taskDefinition:TaskDefinition", "chat", {
            family: "chat",
            containerDefinitions: JSON.stringify([
                {
                    name: "vllm",
                    image: "vllm/vllm-openai",
                    secrets: [{ name: "SERVED_MODEL_NAME", valueFrom: "/chat/model" }],
                },
            ]),
        });
        expect(phases([parameter, task])).toEqual({ resource: [], stack: ["stateless-openai-api-on-azure serves-model"] });
    });

    it("reports nothing again for a resource the stack cannot change", () => {
        const vm = view("aws:ec2/instance:Instance", "gpu", { userData: `#!/bin/bash\n${served}\n` });
        expect(phases([vm])).toEqual({ resource: ["stateless-openai-api-on-azure serves-model"], stack: [] });
    });

    it("judges a client of an API Management gateway's host by where the gateway of the stack forwards", () => {
        const service = view("azure-native:apimanagement:ApiManagementService", "llm-gw", { serviceName: "llm-gw" });
        const api = view("azure-native:apimanagement:Api", "openai", {
            serviceName: UNKNOWN,
            serviceUrl: "https://bedrock-mantle.us-east-1.api.aws/v1",
        });
        const client = view("aws:lambda/function:Function", "bot", {
            environment: { variables: { OPENAI_BASE_URL: "https://llm-gw.azure-api.net/openai", OPENAI_MODEL: "gpt-5" } },
        });
        const nodes = [node(service), node(api, { serviceName: [service] }), node(client)];
        const verdicts = stackPhase(nodes, stackOf(nodes), defaultSettings).filter((v) => v.resource.urn === client.urn);
        expect(verdicts.map((v) => `${v.rule} ${v.subject.kind}`)).toEqual(["openai-calls-hosted-on-azure calls-model"]);
        expect(resourcePhase(client, defaultSettings)).toEqual([]);
    });

    it("moves a tag resource's declaration to the resource of the stack it tags, and blocks that one", () => {
        const instance = view("aws:ec2/instance:Instance", "chat-node", { instanceType: "g5.2xlarge" });
        const tag = view("aws:ec2/tag:Tag", "chat-node-class", { resourceId: UNKNOWN, key: "openai:workload", value: "stateless-api" });
        const nodes = [node(instance), node(tag, { resourceId: [instance] })];
        const stack = stackPhase(nodes, stackOf(nodes), defaultSettings);
        const on = (resource: ResourceView) =>
            stack.filter((v) => v.resource.urn === resource.urn).map((v) => `${v.rule} ${v.subject.kind} ${v.evidence.map((e) => e.path)}`);
        expect(on(instance)).toEqual([
            'stateless-openai-api-on-azure declared-serving aws:ec2/tag:Tag "chat-node-class".value[0] (openai:workload)',
        ]);
        expect(on(tag)).toEqual([]);
        // Alone, neither is blocked: the tag's target is unknown until the stack shows it.
        expect(resourcePhase(tag, defaultSettings)).toEqual([]);
        expect(resourcePhase(instance, defaultSettings)).toEqual([]);
    });

    it("blocks a tag resource itself when what it tags is not in the stack", () => {
        const named = view("aws:ec2/tag:Tag", "named", {
            resourceId: "i-0123456789abcdef0",
            key: "openai:workload",
            value: "stateless-api",
        });
        expect(phases([named]).resource).toEqual(["stateless-openai-api-on-azure declared-serving"]);
        const pending = view("aws:ec2/tag:Tag", "pending", { resourceId: UNKNOWN, key: "openai:workload", value: "stateless-api" });
        expect(phases([pending])).toEqual({ resource: [], stack: ["stateless-openai-api-on-azure declared-serving"] });
    });
});
