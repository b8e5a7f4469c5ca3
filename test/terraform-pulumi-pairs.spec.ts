// A Terraform resource and its Pulumi twin get the same verdict: for each rule, the Terraform
// fixture (read by the checker's reader) and a hand-built Pulumi preview of the same
// infrastructure (what the Pulumi SDK registers for the example programs) go through one pack
// over the Analyzer protocol, and must give the same policy, level, phase, cloud, model,
// endpoint, hostname, product, the same evidence paths (the reader writes Pulumi's camelCase
// property paths, so they are equal, not merely alike), and the same message once each
// resource's name is the twin's.
import * as path from "path";
import { PackClient, startPack, Verdict } from "../harness/analyzer-client";
import { Plan, RecordedResource, SECRET_SIG, SIG_KEY, UNKNOWN } from "../harness/plan";
import { readInput } from "../checker/inputs/read-input";

const repoRoot = path.resolve(__dirname, "..");
const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

/** A resource of a twin: the names it depends on stand for their URNs. */
interface TwinResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    /** The name of the explicit provider resource it is registered with (a default provider otherwise). */
    provider?: string;
    propertyDependencies?: Record<string, string[]>;
}

/** A Pulumi preview of `resources`: the root stack, a default provider per package, in registration order. */
function pulumiPlan(project: string, resources: TwinResource[]): Plan {
    const urnOf = (type: string, name: string) => `urn:pulumi:dev::${project}::${type}::${name}`;
    const byName = new Map(resources.map((r) => [r.name, urnOf(r.type, r.name)]));
    const stack: RecordedResource = {
        urn: urnOf("pulumi:pulumi:Stack", `${project}-dev`),
        type: "pulumi:pulumi:Stack",
        name: `${project}-dev`,
        custom: false,
        dependencies: [],
        propertyDependencies: {},
        inputs: {},
    };
    const defaults = new Map<string, RecordedResource>();
    const recorded = resources.map((r): RecordedResource => {
        const pkg = r.type.split(":")[0];
        let provider = r.provider !== undefined ? byName.get(r.provider) : undefined;
        if (provider === undefined && pkg !== "pulumi") {
            const name = `default_${pkg}`;
            const urn = urnOf(`pulumi:providers:${pkg}`, name);
            defaults.set(pkg, {
                urn,
                type: `pulumi:providers:${pkg}`,
                name,
                custom: true,
                parent: stack.urn,
                dependencies: [],
                propertyDependencies: {},
                inputs: {},
            });
            provider = urn;
        }
        const propertyDependencies = Object.fromEntries(
            Object.entries(r.propertyDependencies ?? {}).map(([key, names]) => [key, names.map((n) => byName.get(n) ?? n)]),
        );
        return {
            urn: urnOf(r.type, r.name),
            type: r.type,
            name: r.name,
            custom: true,
            parent: stack.urn,
            ...(provider !== undefined ? { provider: `${provider}::${UNKNOWN}` } : {}),
            dependencies: [...new Set(Object.values(propertyDependencies).flat())],
            propertyDependencies,
            inputs: r.inputs,
        };
    });
    return { stack: "dev", project, preview: true, resources: [stack, ...defaults.values(), ...recorded] };
}

// ---- The twins: what the example programs register (examples/*/index.ts), as wire inputs.

const appLabels = { app: "chat-inference" };
const servingLabels = { ...appLabels, "openai.com/workload": "stateless-api" };
const vllmWorkload: TwinResource[] = [
    {
        type: "kubernetes:apps/v1:Deployment",
        name: "chat-inference",
        provider: "inference-cluster-k8s",
        inputs: {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "chat-inference", namespace: "default", labels: servingLabels },
            spec: {
                replicas: 2,
                selector: { matchLabels: appLabels },
                template: {
                    metadata: { labels: servingLabels },
                    spec: {
                        tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
                        containers: [
                            {
                                name: "vllm",
                                image: "vllm/vllm-openai:v0.10.1",
                                args: [
                                    "--model",
                                    "/models/chat",
                                    "--served-model-name",
                                    "gpt-4.1",
                                    "--tensor-parallel-size",
                                    "8",
                                    "--port",
                                    "8000",
                                ],
                                ports: [{ name: "http", containerPort: 8000 }],
                                resources: { limits: { "nvidia.com/gpu": "8" } },
                                readinessProbe: { httpGet: { path: "/health", port: 8000 }, periodSeconds: 10 },
                                volumeMounts: [{ name: "weights", mountPath: "/models/chat", readOnly: true }],
                            },
                        ],
                        volumes: [{ name: "weights", persistentVolumeClaim: { claimName: "chat-weights" } }],
                    },
                },
            },
        },
    },
    {
        type: "kubernetes:core/v1:Service",
        name: "chat-inference-svc",
        provider: "inference-cluster-k8s",
        inputs: {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "chat-inference", namespace: "default", labels: appLabels },
            spec: { type: "ClusterIP", selector: appLabels, ports: [{ name: "http", port: 80, targetPort: 8000 }] },
        },
    },
];
const clusterProvider: TwinResource = {
    type: "pulumi:providers:kubernetes",
    name: "inference-cluster-k8s",
    inputs: { kubeconfig: UNKNOWN, enableServerSideApply: "true" },
    propertyDependencies: { kubeconfig: ["inference-cluster"] },
};
const vllmNames = {
    "module.serving.kubernetes_deployment_v1.vllm[0]": "chat-inference",
    "module.serving.kubernetes_service_v1.vllm[0]": "chat-inference-svc",
    kubernetes: "inference-cluster-k8s",
};

const eksTwin = pulumiPlan("eks-vllm-gpt-inference", [
    {
        type: "aws:eks/cluster:Cluster",
        name: "inference-cluster",
        inputs: {
            name: "inference-prod-usw2",
            version: "1.33",
            roleArn: UNKNOWN,
            vpcConfig: { subnetIds: ["subnet-0a1b2c3d4e5f60718"], endpointPrivateAccess: true, endpointPublicAccess: true },
            accessConfig: { authenticationMode: "API" },
            region: "us-west-2",
            tags: { team: "inference-platform" },
        },
    },
    clusterProvider,
    ...vllmWorkload,
]);

const aksTwin = pulumiPlan("aks-vllm-gpt-inference", [
    {
        type: "azure:containerservice/kubernetesCluster:KubernetesCluster",
        name: "inference-cluster",
        inputs: {
            name: "aks-inference-prod",
            location: "eastus2",
            resourceGroupName: "rg-inference-prod",
            dnsPrefix: "inference-prod",
            defaultNodePool: { name: "gpu", nodeCount: 2, vmSize: "Standard_ND96isr_H100_v5" },
            identity: { type: "SystemAssigned" },
        },
    },
    clusterProvider,
    ...vllmWorkload,
]);

const throughput = (name: string, model: string): TwinResource => ({
    type: "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput",
    name,
    inputs: {
        provisionedModelName: "support-assistant",
        modelArn: `arn:aws:bedrock:us-west-2::foundation-model/${model}`,
        modelUnits: 2,
        commitmentDuration: "OneMonth",
        region: "us-west-2",
        tags: { team: "support-platform", "cost-center": "cc-4471" },
    },
});

const bedrockTwin = pulumiPlan("bedrock-gpt-provisioned-throughput", [
    throughput("support-gpt5-throughput", "openai.gpt-5-v1:0"),
    {
        type: "aws:bedrock/inferenceProfile:InferenceProfile",
        name: "search-gpt5-mini-profile",
        inputs: {
            name: "search-gpt5-mini",
            description: "Query rewriting for site search",
            modelSource: { copyFrom: "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.openai.gpt-5-mini-v1:0" },
            region: "us-west-2",
            tags: { team: "search", "cost-center": "cc-5120" },
        },
    },
]);

const lambda = (name: string, variables: Record<string, unknown>): TwinResource => ({
    type: "aws:lambda/function:Function",
    name,
    inputs: {
        runtime: "python3.12",
        handler: "app.handler",
        role: UNKNOWN,
        timeout: 60,
        region: "us-west-2",
        environment: { variables },
        tags: { team: "crm-assistant" },
    },
});
const apiKey = secret("sk-proj-FAKE0000example0000notARealKey0000");

const record = (name: string, fqdn: string, target: string): TwinResource => ({
    type: "aws:route53/record:Record",
    name,
    inputs: { zoneId: "Z04517273FQ6VVTEXAMPL", name: fqdn, type: "CNAME", ttl: 60, records: [target] },
});

const frontierTags = { team: "frontier", "openai:product": "frontier" };
const frontierEnv = [
    { name: "FRONTIER_DEPLOYMENT", value: "enterprise-us" },
    { name: "PORT", value: "8443" },
    { name: "LOG_FORMAT", value: "json" },
];

const ecsTwin = pulumiPlan("frontier-on-ecs", [
    {
        type: "aws:ecs/taskDefinition:TaskDefinition",
        name: "frontier-api-task",
        inputs: {
            family: "frontier-api",
            requiresCompatibilities: ["FARGATE"],
            networkMode: "awsvpc",
            cpu: "2048",
            memory: "4096",
            containerDefinitions: JSON.stringify([
                {
                    name: "frontier-api",
                    image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/frontier/api:2026.02.3",
                    environment: frontierEnv,
                },
            ]),
            region: "us-east-1",
            tags: frontierTags,
        },
    },
    {
        type: "aws:ecs/service:Service",
        name: "frontier-api-service",
        inputs: {
            name: "frontier-api",
            cluster: UNKNOWN,
            taskDefinition: UNKNOWN,
            desiredCount: 3,
            launchType: "FARGATE",
            propagateTags: "SERVICE",
            region: "us-east-1",
            tags: frontierTags,
        },
        propertyDependencies: { taskDefinition: ["frontier-api-task"] },
    },
]);

const containerAppsTwin = pulumiPlan("frontier-on-container-apps", [
    {
        type: "azure:containerapp/app:App",
        name: "frontier-api",
        inputs: {
            name: "frontier-api",
            resourceGroupName: "rg-frontier-prod",
            containerAppEnvironmentId: UNKNOWN,
            revisionMode: "Single",
            template: {
                containers: [
                    {
                        name: "frontier-api",
                        image: "contosofrontier.azurecr.io/frontier/api:2026.02.3",
                        cpu: 2,
                        memory: "4Gi",
                        envs: frontierEnv,
                    },
                ],
                minReplicas: 3,
                maxReplicas: 20,
            },
            tags: frontierTags,
        },
    },
]);

/** A Terraform fixture, its twin, and which Terraform name (address, provider configuration) is which twin name. */
interface Pair {
    rule: string;
    verdict: "blocks" | "allows";
    what: string;
    terraform: string;
    twin: Plan;
    names: Record<string, string>;
}

const pairs: Pair[] = [
    {
        rule: "stateless-openai-api-on-azure",
        verdict: "blocks",
        what: "vLLM serving gpt-4.1 on an EKS cluster of the same stack",
        terraform: "eks-vllm-deployment.json",
        twin: eksTwin,
        names: { ...vllmNames, "aws_eks_cluster.inference": "inference-cluster" },
    },
    {
        rule: "stateless-openai-api-on-azure",
        verdict: "allows",
        what: "the same Deployment on an AKS cluster",
        terraform: "aks-vllm-deployment.json",
        twin: aksTwin,
        names: { ...vllmNames, "azurerm_kubernetes_cluster.inference": "inference-cluster" },
    },
    {
        rule: "stateless-openai-api-on-azure",
        verdict: "blocks",
        what: "Bedrock provisioned throughput for gpt-5 and an inference profile copying gpt-5-mini",
        terraform: "bedrock-gpt5-throughput.json",
        twin: bedrockTwin,
        names: {
            "aws_bedrock_provisioned_model_throughput.support_gpt5": "support-gpt5-throughput",
            "aws_bedrock_inference_profile.search_gpt5_mini": "search-gpt5-mini-profile",
        },
    },
    {
        rule: "stateless-openai-api-on-azure",
        verdict: "allows",
        what: "Bedrock provisioned throughput for gpt-oss-120b",
        terraform: "bedrock-gpt-oss-throughput.json",
        twin: pulumiPlan("bedrock-gpt-oss-throughput", [throughput("support-gpt-oss-throughput", "openai.gpt-oss-120b-1:0")]),
        names: { "aws_bedrock_provisioned_model_throughput.support_gpt_oss": "support-gpt-oss-throughput" },
    },
    {
        rule: "openai-calls-hosted-on-azure",
        verdict: "blocks",
        what: "a Lambda calling gpt-5 on Bedrock's OpenAI-compatible endpoint",
        terraform: "lambda-bedrock-openai-endpoint.json",
        twin: pulumiPlan("lambda-calls-bedrock-openai-endpoint", [
            lambda("draft-reply", {
                OPENAI_API_KEY: apiKey,
                OPENAI_BASE_URL: "https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1",
                OPENAI_MODEL: "gpt-5",
            }),
        ]),
        names: { "aws_lambda_function.draft_reply": "draft-reply" },
    },
    {
        rule: "openai-calls-hosted-on-azure",
        verdict: "allows",
        what: "a Lambda calling gpt-4o-mini on Azure OpenAI",
        terraform: "lambda-azure-openai.json",
        twin: pulumiPlan("lambda-calls-azure-openai", [
            lambda("faq-answerer", {
                OPENAI_API_KEY: apiKey,
                OPENAI_BASE_URL: "https://contoso.openai.azure.com/openai/v1/",
                OPENAI_MODEL: "gpt-4o-mini",
            }),
        ]),
        names: { "aws_lambda_function.faq_answerer": "faq-answerer" },
    },
    {
        rule: "first-party-products-on-azure",
        verdict: "blocks",
        what: "api.openai.com in Route 53 pointing at CloudFront",
        terraform: "route53-api-openai-cloudfront.json",
        twin: pulumiPlan("dns-for-openai-hostnames", [record("api-openai-com", "api.openai.com", "d111111abcdef8.cloudfront.net")]),
        names: { "aws_route53_record.api_openai_com": "api-openai-com" },
    },
    {
        rule: "first-party-products-on-azure",
        verdict: "allows",
        what: "www.chatgpt.com in Route 53 pointing at Azure Front Door",
        terraform: "route53-chatgpt-azure-front-door.json",
        twin: pulumiPlan("dns-for-openai-hostnames", [
            record("www-chatgpt-com", "www.chatgpt.com", "chatgpt-prod.azurefd.net"),
            record("status-example-com", "status.example.com", "example.statuspage.io"),
        ]),
        names: { "aws_route53_record.www_chatgpt_com": "www-chatgpt-com", "aws_route53_record.status_example_com": "status-example-com" },
    },
    {
        rule: "first-party-products-on-azure",
        verdict: "blocks",
        what: "a Frontier-tagged ECS task definition and service",
        terraform: "ecs-frontier.json",
        twin: ecsTwin,
        names: { "aws_ecs_task_definition.frontier_api": "frontier-api-task", "aws_ecs_service.frontier_api": "frontier-api-service" },
    },
    {
        rule: "first-party-products-on-azure",
        verdict: "allows",
        what: "Frontier on Azure Container Apps",
        terraform: "container-apps-frontier.json",
        twin: containerAppsTwin,
        names: { "azurerm_container_app.frontier_api": "frontier-api" },
    },
];

/** What a verdict rests on, comparable across the pair: names are the twin's. */
function comparable(v: Verdict, names: Record<string, string>) {
    const data = v.data ?? {};
    const rename = (text: string) =>
        Object.entries(names).reduce((result, [terraform, twin]) => result.split(`"${terraform}"`).join(`"${twin}"`), text);
    const model = data["model"] as { id?: string } | undefined;
    const endpoint = data["endpoint"] as { host?: string; service?: string } | undefined;
    const paths = (key: string) => ((data[key] as Array<{ path: string }> | undefined) ?? []).map((item) => item.path).sort();
    return {
        resource: v.resource === undefined ? undefined : (names[v.resource] ?? v.resource),
        type: v.type,
        policy: v.policy,
        level: v.level,
        phase: v.phase,
        cloud: data["cloud"],
        subject: data["subject"],
        model: model?.id,
        endpoint: endpoint?.host ?? endpoint?.service,
        hostname: data["hostname"],
        product: data["product"],
        evidence: paths("evidence"),
        unknowns: paths("unknowns"),
        message: rename(v.message),
    };
}

const order = (a: { resource?: string; policy: string }, b: { resource?: string; policy: string }) =>
    `${a.resource}|${a.policy}`.localeCompare(`${b.resource}|${b.policy}`);

describe("a Terraform resource and its Pulumi twin get the same verdict", () => {
    let pack: PackClient;

    beforeAll(async () => {
        pack = await startPack(repoRoot);
        await pack.configure({});
    }, 120_000);

    afterAll(async () => {
        await pack?.close();
    });

    for (const pair of pairs) {
        it(`${pair.rule} ${pair.verdict} ${pair.what}, in Terraform as in Pulumi`, async () => {
            const input = await readInput(path.join(repoRoot, "test", "fixtures", "terraform", pair.terraform), { onItem() {} });
            const twins = new Set(Object.values(pair.names));
            const terraform = (await pack.analyzePlan(input.plan))
                .map((v) => comparable(v, pair.names))
                .filter((v) => v.resource !== undefined && twins.has(v.resource))
                .sort(order);
            const pulumi = (await pack.analyzePlan(pair.twin)).map((v) => comparable(v, {})).sort(order);
            expect(terraform).toEqual(pulumi);
            expect(pulumi.length > 0).toBe(pair.verdict === "blocks");
            expect(pulumi.every((v) => v.policy === pair.rule)).toBe(true);
        });
    }
});
