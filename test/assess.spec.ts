import * as fs from "fs";
import { isOpenAIApiRoute } from "../policypack/policies/stateless-openai-api-on-azure";
import { judge } from "../policypack/registry";
import { whatOf, whereOf } from "../policypack/render";
import { Verdict } from "../policypack/verdict";
import { defaultSettings, Settings } from "../policypack/settings";
import { k8sProvider, node, secret, stackOf, UNKNOWN, view } from "./support/views";

const rulesOf = (findings: Verdict[]) => findings.map((finding) => `${finding.rule}${finding.viaStack ? " (stack)" : ""}`);
const settings: Settings = defaultSettings;

const lambda = (name: string, variables: Record<string, unknown>) =>
    view("aws:lambda/function:Function", name, { runtime: "python3.12", environment: { variables } });

const vllmDeployment = (provider?: ReturnType<typeof k8sProvider>) =>
    view(
        "kubernetes:apps/v1:Deployment",
        "vllm",
        {
            metadata: { labels: { app: "vllm" } },
            spec: {
                template: {
                    spec: {
                        containers: [
                            { name: "vllm", image: "vllm/vllm-openai", args: ["--served-model-name", "gpt-4.1", "--port", "8000"] },
                        ],
                    },
                },
            },
        },
        provider,
    );

describe("stateless serving (clause 1)", () => {
    it("blocks a Bedrock provisioned throughput for gpt-5 in us-west-2", () => {
        const throughput = view("aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput", "gpt5", {
            modelArn: "arn:aws:bedrock:us-west-2::foundation-model/openai.gpt-5-v1:0",
            modelUnits: 1,
        });
        const [finding] = judge(throughput, settings);
        expect(finding.rule).toBe("stateless-openai-api-on-azure");
        expect(whatOf(finding.subject)).toContain("gpt-5");
        expect(whereOf(finding)).toContain("AWS");
        expect(finding.evidence[0].path).toBe("modelArn");
    });

    it("lets a Bedrock throughput for gpt-oss-120b through, and blocks it when open-weight serving is kept on Azure", () => {
        const throughput = view("aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput", "oss", {
            modelArn: "openai.gpt-oss-120b-1:0",
        });
        expect(judge(throughput, settings)).toEqual([]);
        expect(rulesOf(judge(throughput, { ...settings, allowOpenWeightOffAzure: false }))).toEqual(["stateless-openai-api-on-azure"]);
    });

    it("blocks a Lambda that serves gpt-4.1 but not one that serves Llama", () => {
        expect(rulesOf(judge(lambda("serve", { SERVED_MODEL_NAME: "gpt-4.1" }), settings))).toEqual(["stateless-openai-api-on-azure"]);
        expect(judge(lambda("llama", { SERVED_MODEL_NAME: "meta-llama/Llama-3.3-70B-Instruct" }), settings)).toEqual([]);
    });

    it("does not block a training job that names the model it fine-tunes", () => {
        const job = view("aws:ec2/instance:Instance", "trainer", {
            userData: "#!/bin/bash\nexport MODEL=gpt-4o\ntorchrun train.py --model gpt-4o\n",
            tags: { "openai:workload": "training" },
        });
        expect(judge(job, settings)).toEqual([]);
    });

    it("blocks a workload declared as stateless serving even without a model name", () => {
        const service = view("gcp:cloudrunv2/service:Service", "api", {
            labels: { "openai-workload": "stateless-api" },
            template: { containers: [] },
        });
        expect(rulesOf(judge(service, settings))).toEqual(["stateless-openai-api-on-azure"]);
    });

    it("leaves an AgentCore runtime alone: stateful runtimes are allowed off Azure", () => {
        const runtime = view("aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime", "agent", {
            environmentVariables: { MODEL: "gpt-5", AZURE_OPENAI_ENDPOINT: "https://contoso.openai.azure.com" },
        });
        expect(judge(runtime, settings)).toEqual([]);
    });

    it("defers a Kubernetes workload behind an unknown kubeconfig to the stack, which finds the EKS cluster", () => {
        const cluster = view("aws:eks/cluster:Cluster", "inference", { name: "inference" });
        const provider = k8sProvider("eks", { kubeconfig: UNKNOWN });
        const deployment = vllmDeployment(provider);
        expect(judge(deployment, settings)).toEqual([]);
        const stack = stackOf([node(cluster), node({ ...provider, props: provider.props }, { kubeconfig: [cluster] }), node(deployment)]);
        const [finding] = judge(deployment, settings, stack);
        expect(finding.viaStack).toBe(true);
        expect(whereOf(finding)).toContain("aws:eks/cluster:Cluster");
    });

    it("passes the same workload when the stack shows an AKS cluster", () => {
        const cluster = view("azure-native:containerservice:ManagedCluster", "aks", {});
        const provider = k8sProvider("aks", { kubeconfig: secret(UNKNOWN) });
        const deployment = vllmDeployment(provider);
        const stack = stackOf([node(cluster), node({ ...provider }, { kubeconfig: [cluster] }), node(deployment)]);
        expect(judge(deployment, settings, stack)).toEqual([]);
    });

    it("judges a known kubeconfig in the resource phase", () => {
        const kubeconfig = JSON.stringify({
            "current-context": "aks",
            contexts: [{ name: "aks", context: { cluster: "aks" } }],
            clusters: [{ name: "aks", cluster: { server: "https://contoso-dns-1234.hcp.eastus.azmk8s.io:443" } }],
        });
        expect(judge(vllmDeployment(k8sProvider("aks", { kubeconfig })), settings)).toEqual([]);
    });

    it("blocks a serving workload whose cluster nothing in the stack shows, saying what could not be known", () => {
        const provider = k8sProvider("ambient", {});
        const deployment = vllmDeployment(provider);
        const [finding] = judge(deployment, settings, stackOf([node(provider), node(deployment)]));
        expect(whereOf(finding)).toContain("ambient");
        expect(finding.viaStack).toBe(true);
    });
});

describe("calls to OpenAI models (clauses 2 and 5)", () => {
    it("blocks a client of gpt-5 pointed at Bedrock's OpenAI-compatible API", () => {
        const client = lambda("bedrock", {
            OPENAI_BASE_URL: "https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1",
            OPENAI_MODEL: "gpt-5",
        });
        const [finding] = judge(client, settings);
        expect(finding.rule).toBe("openai-calls-hosted-on-azure");
        expect(whatOf(finding.subject)).toContain("Amazon Bedrock");
    });

    it("blocks a spoofed Azure host and passes the real one", () => {
        const spoofed = lambda("spoof", { OPENAI_BASE_URL: "https://contoso.openai.azure.com.evil.example/v1", OPENAI_MODEL: "gpt-4o" });
        expect(rulesOf(judge(spoofed, settings))).toEqual(["openai-calls-hosted-on-azure"]);
        const real = lambda("real", { OPENAI_BASE_URL: "https://contoso.openai.azure.com/openai/v1/", OPENAI_MODEL: "gpt-4o" });
        expect(judge(real, settings)).toEqual([]);
    });

    it("treats a client with no base URL as calling api.openai.com", () => {
        expect(judge(lambda("direct", { OPENAI_MODEL: "gpt-5", OPENAI_API_KEY: secret("sk-proj-abc") }), settings)).toEqual([]);
    });

    it("resolves an unknown endpoint from the Azure account it comes from", () => {
        const account = view("azure-native:cognitiveservices:Account", "aoai", { kind: "OpenAI" });
        const client = lambda("client", { AZURE_OPENAI_ENDPOINT: UNKNOWN, OPENAI_MODEL: "gpt-4o" });
        expect(judge(client, settings)).toEqual([]);
        expect(judge(client, settings, stackOf([node(account), node(client, { environment: [account] })]))).toEqual([]);
    });

    it("blocks a client whose unknown endpoint nothing in the stack shows to be Azure", () => {
        const client = lambda("client", { OPENAI_BASE_URL: UNKNOWN, OPENAI_MODEL: "gpt-4o" });
        expect(rulesOf(judge(client, settings, stackOf([node(client)])))).toEqual(["openai-calls-hosted-on-azure (stack)"]);
    });

    it("accepts a host allow-listed in config", () => {
        const client = lambda("gw", { OPENAI_BASE_URL: "https://llm-gateway.corp.example/v1", OPENAI_MODEL: "gpt-4o" });
        expect(judge(client, { ...settings, extraAzureHostedEndpoints: ["llm-gateway.corp.example"] })).toEqual([]);
    });
});

describe("first-party products (clause 3)", () => {
    it("blocks an ECS service tagged as Frontier, whatever the tag's spelling", () => {
        const service = view("aws:ecs/service:Service", "frontier", { tags: { "OpenAI:Product": " Frontier " } });
        expect(rulesOf(judge(service, settings))).toEqual(["first-party-products-on-azure"]);
    });

    it("passes the same product on Azure Container Apps", () => {
        expect(judge(view("azure-native:app:ContainerApp", "frontier", { tags: { "openai:product": "frontier" } }), settings)).toEqual([]);
    });

    it("blocks a DNS record for api.openai.com that points at CloudFront, not one pointing at Front Door", () => {
        const bad = view("aws:route53/record:Record", "api", {
            name: "api.openai.com",
            type: "CNAME",
            records: ["d111111abcdef8.cloudfront.net"],
        });
        expect(rulesOf(judge(bad, settings))).toEqual(["first-party-products-on-azure"]);
        const good = view("aws:route53/record:Record", "www", {
            name: "www.chatgpt.com",
            type: "CNAME",
            records: ["chatgpt-prod.azurefd.net"],
        });
        expect(judge(good, settings)).toEqual([]);
    });
});

describe("configured Azure DNS targets", () => {
    it("accepts a DNS target listed in extraAzureDnsTargets, exact or as a *.suffix, and nothing beside it", () => {
        const record = (target: string) =>
            view("aws:route53/record:Record", "api", { name: "api.openai.com", type: "CNAME", records: [target] });
        const configured = { ...settings, extraAzureDnsTargets: ["*.edge.corp.example", "origin.corp.example"] };
        expect(judge(record("pop-1.edge.corp.example."), configured)).toEqual([]);
        expect(judge(record("origin.corp.example"), configured)).toEqual([]);
        expect(rulesOf(judge(record("edge.corp.example"), configured))).toEqual(["first-party-products-on-azure"]);
        expect(rulesOf(judge(record("pop-1.edge.corp.example.evil.io"), configured))).toEqual(["first-party-products-on-azure"]);
        expect(rulesOf(judge(record("pop-1.edge.corp.example"), settings))).toEqual(["first-party-products-on-azure"]);
    });
});

describe("API routes (stack)", () => {
    it("recognises OpenAI API routes and catch-alls, not other paths", () => {
        expect(isOpenAIApiRoute("POST /v1/chat/completions")).toBe(true);
        expect(isOpenAIApiRoute("POST /openai/deployments/{id}/chat/completions")).toBe(true);
        expect(isOpenAIApiRoute("$default")).toBe(true);
        expect(isOpenAIApiRoute("GET /v1/orders")).toBe(false);
    });

    it("blocks a route in front of a Lambda that serves gpt-4.1, and not one in front of Llama", () => {
        const serving = lambda("gpt", { SERVED_MODEL_NAME: "gpt-4.1" });
        const llama = lambda("llama", { SERVED_MODEL_NAME: "meta-llama/Llama-3.3-70B-Instruct" });
        const integration = (target: typeof serving) =>
            view("aws:apigatewayv2/integration:Integration", `${target.name}-int`, {
                integrationType: "AWS_PROXY",
                integrationUri: UNKNOWN,
            });
        const route = (name: string) =>
            view("aws:apigatewayv2/route:Route", name, { routeKey: "POST /v1/chat/completions", target: UNKNOWN });
        const gptIntegration = integration(serving);
        const llamaIntegration = integration(llama);
        const gptRoute = route("gpt-route");
        const llamaRoute = route("llama-route");
        const stack = stackOf([
            node(serving),
            node(llama),
            node(gptIntegration, { integrationUri: [serving] }),
            node(llamaIntegration, { integrationUri: [llama] }),
            node(gptRoute, { target: [gptIntegration] }),
            node(llamaRoute, { target: [llamaIntegration] }),
        ]);
        expect(rulesOf(judge(gptRoute, settings, stack))).toEqual(["stateless-openai-api-on-azure (stack)"]);
        expect(judge(llamaRoute, settings, stack)).toEqual([]);
    });
});

describe("API Gateway v1 (stack)", () => {
    it("builds the path from the resource chain and blocks /v1/chat/completions in front of a gpt-4o Lambda", () => {
        const serving = lambda("gpt", { SERVED_MODEL_NAME: "gpt-4o" });
        const api = view("aws:apigateway/restApi:RestApi", "api", { name: "openai-compat" });
        const v1 = view("aws:apigateway/resource:Resource", "v1", { pathPart: "v1", parentId: UNKNOWN, restApi: UNKNOWN });
        const chat = view("aws:apigateway/resource:Resource", "chat", { pathPart: "chat", parentId: UNKNOWN, restApi: UNKNOWN });
        const completions = view("aws:apigateway/resource:Resource", "completions", {
            pathPart: "completions",
            parentId: UNKNOWN,
            restApi: UNKNOWN,
        });
        const integration = view("aws:apigateway/integration:Integration", "post", {
            httpMethod: "POST",
            resourceId: UNKNOWN,
            type: "AWS_PROXY",
            uri: UNKNOWN,
        });
        const stack = stackOf([
            node(serving),
            node(api),
            node(v1, { parentId: [api], restApi: [api] }),
            node(chat, { parentId: [v1] }),
            node(completions, { parentId: [chat] }),
            node(integration, { resourceId: [completions], uri: [serving] }),
        ]);
        const [finding] = judge(integration, settings, stack);
        expect(whatOf(finding.subject)).toContain("POST /v1/chat/completions");
        expect(finding.viaStack).toBe(true);
    });
});

describe("Pulumi secrets", () => {
    it("judges a secret endpoint and a secret model by their values but never shows them", () => {
        const client = lambda("hidden", {
            OPENAI_BASE_URL: secret("https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1"),
            OPENAI_MODEL: secret("gpt-5"),
        });
        const [finding] = judge(client, settings);
        expect(finding.rule).toBe("openai-calls-hosted-on-azure");
        const text = JSON.stringify(finding);
        expect(text).not.toContain("bedrock-runtime");
        expect(text).not.toContain("gpt-5");
    });

    it("treats every setting inside a secret environment as secret", () => {
        const serving = view("aws:lambda/function:Function", "sealed", {
            environment: secret({ variables: { SERVED_MODEL_NAME: "gpt-4.1" } }),
        });
        const [finding] = judge(serving, settings);
        expect(finding.rule).toBe("stateless-openai-api-on-azure");
        expect(JSON.stringify(finding)).not.toContain("gpt-4.1");
    });
});

describe("aws-native resources", () => {
    it("blocks a SageMaker inference component serving gpt-4o and an ECS task definition serving o3", () => {
        const component = view("aws-native:sagemaker:InferenceComponent", "ic", {
            specification: { container: { image: "vllm/vllm-openai", environment: { SERVED_MODEL_NAME: "gpt-4o" } } },
        });
        const task = view("aws-native:ecs:TaskDefinition", "task", {
            containerDefinitions: [{ name: "server", command: ["vllm", "serve", "--served-model-name", "o3"] }],
        });
        expect(rulesOf(judge(component, settings))).toEqual(["stateless-openai-api-on-azure"]);
        expect(rulesOf(judge(task, settings))).toEqual(["stateless-openai-api-on-azure"]);
    });
});

describe("self-check: a provider the pack has never seen (issue 9)", () => {
    // A provider published after the pack: its package, resource type and input names appear
    // nowhere in policypack/. What it runs is the evidence, wherever it sits in the inputs.
    const token = "quasarcloud:compute/v2alpha:GpuMachineTemplate";
    const machine = (model: string) =>
        view(token, "inference", {
            region: "eu-north-7",
            machineShape: { accelerator: "h200", count: 8 },
            onBoot: { recipe: [{ sh: `pip install vllm\nvllm serve ${model} --host 0.0.0.0 --port 8000` }] },
        });

    it("has a type token and input names the pack's source does not mention", () => {
        const source = fs
            .readdirSync("policypack", { recursive: true, encoding: "utf8" })
            .filter((f) => f.endsWith(".ts"))
            .map((f) => fs.readFileSync(`policypack/${f}`, "utf8"))
            .join("\n");
        expect(source).not.toMatch(/quasarcloud|GpuMachineTemplate|machineShape|onBoot|recipe/i);
    });

    it("blocks it when its inputs run `vllm serve gpt-4o`, resting on the command and an unknown host cloud", () => {
        const [finding, ...rest] = judge(machine("gpt-4o"), settings);
        expect(rest).toEqual([]);
        expect(finding.rule).toBe("stateless-openai-api-on-azure");
        expect(whatOf(finding.subject)).toContain("gpt-4o");
        expect(finding.evidence.map((e) => e.path)).toEqual(["onBoot.recipe[0].sh (line 2)"]);
        expect(whereOf(finding)).toMatch(/quasarcloud/);
    });

    it("lets the same machine serving Llama through", () => {
        expect(judge(machine("meta-llama/Llama-3.3-70B-Instruct"), settings)).toEqual([]);
    });
});
