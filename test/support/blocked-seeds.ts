/**
 * One resource of every supported type that the pack blocks, in the shape its
 * provider really takes, each carrying an API key beside the evidence. The
 * hardening properties break these one field at a time.
 */
const bedrock = "https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1";
const apiKey = "sk-proj-SEEDkey0123456789abcdefABCDEF";
const declared = { tags: { "openai:workload": "stateless-api" } };
const clientEnv = { OPENAI_BASE_URL: bedrock, OPENAI_MODEL: "gpt-4o", OPENAI_API_KEY: apiKey };
const servingArgs = ["--served-model-name", "gpt-4.1", "--api-key", apiKey];
const podSpec = {
    containers: [{ name: "vllm", image: "vllm/vllm-openai", args: servingArgs, env: [{ name: "HF_TOKEN", value: apiKey }] }],
};
const ecsContainers = [
    { name: "api", image: "vllm/vllm-openai", command: servingArgs, environment: [{ name: "OPENAI_API_KEY", value: apiKey }] },
];
const userData = `#!/bin/bash\nexport HF_TOKEN=${apiKey}\ndocker run -e MODEL=o3-mini vllm/vllm-openai --served-model-name o3-mini\n`;

/** Blocked seeds by type token. A spec checks that every supported type has one. */
export const blockedSeeds: Record<string, Record<string, unknown>> = {
    "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput": {
        modelArn: "arn:aws:bedrock:us-west-2::foundation-model/openai.gpt-5-v1:0",
        modelUnits: 1,
    },
    "aws:bedrock/inferenceProfile:InferenceProfile": {
        modelSource: { copyFrom: "arn:aws:bedrock:us-west-2::foundation-model/openai.gpt-5-mini-v1:0" },
    },
    "aws:bedrock/agentAgent:AgentAgent": { foundationModel: "openai.gpt-5-v1:0", agentName: "helper" },
    "aws:sagemaker/model:Model": { primaryContainer: { image: "vllm", environment: { SERVED_MODEL_NAME: "gpt-4o", HF_TOKEN: apiKey } } },
    "aws-native:bedrock:ApplicationInferenceProfile": {
        modelSource: { copyFrom: "arn:aws:bedrock:us-east-1::foundation-model/openai.o3-v1:0" },
    },
    "aws-native:sagemaker:InferenceComponent": {
        specification: { container: { image: "vllm", environment: { SERVED_MODEL_NAME: "o4-mini", HF_TOKEN: apiKey } } },
    },
    "aws:sagemaker/endpointConfiguration:EndpointConfiguration": { ...declared, productionVariants: [{ modelName: "m" }] },
    "gcp:vertex/aiEndpointWithModelGardenDeployment:AiEndpointWithModelGardenDeployment": {
        publisherModelName: "publishers/openai/models/gpt-4.1",
    },
    "gcp:vertex/aiDeploymentResourcePool:AiDeploymentResourcePool": { labels: { "openai-workload": "stateless-api" } },
    "aws:ecs/taskDefinition:TaskDefinition": { family: "api", containerDefinitions: JSON.stringify(ecsContainers) },
    "aws:batch/jobDefinition:JobDefinition": {
        type: "container",
        containerProperties: JSON.stringify({ command: servingArgs, environment: [{ name: "HF_TOKEN", value: apiKey }] }),
    },
    "aws:lambda/function:Function": { runtime: "python3.12", environment: { variables: clientEnv } },
    "aws-native:lambda:Function": { runtime: "python3.12", environment: { variables: clientEnv } },
    "aws-native:ecs:TaskDefinition": { family: "api", containerDefinitions: ecsContainers },
    "aws:apprunner/service:Service": {
        sourceConfiguration: {
            imageRepository: {
                imageConfiguration: {
                    runtimeEnvironmentVariables: { SERVED_MODEL_NAME: "gpt-5", HF_TOKEN: apiKey },
                    startCommand: "vllm serve gpt-5",
                },
            },
        },
    },
    "aws:ec2/instance:Instance": { instanceType: "p5.48xlarge", userData },
    "aws:ec2/launchTemplate:LaunchTemplate": { userData: Buffer.from(userData).toString("base64") },
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": { userDataBase64: Buffer.from(userData).toString("base64") },
    "aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime": { environmentVariables: clientEnv },
    "gcp:cloudrunv2/service:Service": {
        template: { containers: [{ image: "vllm", args: servingArgs, envs: [{ name: "HF_TOKEN", value: apiKey }] }] },
    },
    "gcp:cloudrunv2/job:Job": { template: { template: { containers: [{ image: "vllm", args: servingArgs }] } } },
    "gcp:cloudrun/service:Service": {
        template: { spec: { containers: [{ image: "vllm", args: servingArgs, envs: [{ name: "HF_TOKEN", value: apiKey }] }] } },
    },
    "kubernetes:core/v1:Pod": { spec: podSpec },
    "kubernetes:apps/v1:Deployment": { spec: { template: { spec: podSpec } } },
    "kubernetes:apps/v1:StatefulSet": { spec: { template: { spec: podSpec } } },
    "kubernetes:apps/v1:DaemonSet": { spec: { template: { spec: podSpec } } },
    "kubernetes:apps/v1:ReplicaSet": { spec: { template: { spec: podSpec } } },
    "kubernetes:batch/v1:Job": { spec: { template: { spec: podSpec } } },
    "kubernetes:batch/v1:CronJob": { spec: { jobTemplate: { spec: { template: { spec: podSpec } } } } },
    // On Azure, only a client calling off Azure is blocked.
    "azure-native:app:ContainerApp": {
        template: {
            containers: [
                {
                    name: "app",
                    env: [
                        { name: "OPENAI_BASE_URL", value: bedrock },
                        { name: "OPENAI_MODEL", value: "gpt-4o" },
                        { name: "OPENAI_API_KEY", value: apiKey },
                    ],
                },
            ],
        },
    },
    "azure-native:app:Job": {
        template: {
            containers: [
                {
                    name: "job",
                    env: [
                        { name: "OPENAI_BASE_URL", value: bedrock },
                        { name: "OPENAI_MODEL", value: "o3" },
                    ],
                },
            ],
        },
    },
    "azure-native:web:WebApp": {
        siteConfig: {
            appSettings: [
                { name: "OPENAI_BASE_URL", value: bedrock },
                { name: "OPENAI_MODEL", value: "gpt-4.1" },
                { name: "OPENAI_API_KEY", value: apiKey },
            ],
        },
    },
    "aws:apigatewayv2/route:Route": { ...declared, routeKey: "POST /v1/chat/completions" },
    "aws:apigateway/integration:Integration": { ...declared, httpMethod: "POST" },
    "aws:lb/listenerRule:ListenerRule": { ...declared, conditions: [{ pathPattern: { values: ["/v1/*"] } }] },
    "aws:alb/listenerRule:ListenerRule": { ...declared, conditions: [{ pathPattern: { values: ["/v1/*"] } }] },
    "aws:cloudfront/distribution:Distribution": { ...declared, orderedCacheBehaviors: [{ pathPattern: "/v1/*" }] },
    "aws:route53/record:Record": { name: "api.openai.com", type: "CNAME", records: ["origin-1.us-east-1.elb.amazonaws.com"] },
    "gcp:dns/recordSet:RecordSet": { name: "chatgpt.com.", type: "CNAME", rrdatas: ["ghs.googlehosted.com."] },
    "azure-native:dns:RecordSet": {
        relativeRecordSetName: "api",
        zoneName: "openai.com",
        recordType: "CNAME",
        cnameRecord: { cname: "origin.cloudfront.net" },
    },
    "cloudflare:index/record:Record": { name: "sora.com", type: "CNAME", content: "origin.fly.dev" },
    "cloudflare:index/dnsRecord:DnsRecord": { name: "api.openai.com", type: "CNAME", content: "gw.vercel.app" },
    "azure-native:network:RecordSet": {
        relativeRecordSetName: "chat",
        zoneName: "openai.com",
        recordType: "A",
        aRecords: [{ ipv4Address: "203.0.113.7" }],
    },
    "aws-native:bedrock:Agent": { foundationModel: "openai.gpt-5-v1:0", agentName: "helper" },
    "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase": {
        knowledgeBaseConfiguration: {
            type: "VECTOR",
            vectorKnowledgeBaseConfiguration: {
                embeddingModelArn: "arn:aws:bedrock:us-east-1::foundation-model/openai.text-embedding-3-large",
            },
        },
    },
    "aws-native:bedrock:KnowledgeBase": {
        knowledgeBaseConfiguration: {
            type: "VECTOR",
            vectorKnowledgeBaseConfiguration: {
                embeddingModelArn: "arn:aws:bedrock:us-east-1::foundation-model/openai.text-embedding-3-small",
            },
        },
    },
    "aws-native:sagemaker:Model": { primaryContainer: { image: "vllm", environment: { SERVED_MODEL_NAME: "gpt-4.1", HF_TOKEN: apiKey } } },
    "aws-native:sagemaker:EndpointConfig": { ...declared, productionVariants: [{ modelName: "m" }] },
    "aws:sagemaker/endpoint:Endpoint": { ...declared, endpointConfigName: "cfg" },
    "aws-native:sagemaker:Endpoint": { ...declared, endpointConfigName: "cfg" },
    "gcp:vertex/aiEndpoint:AiEndpoint": { labels: { "openai-workload": "stateless-api" }, location: "us-central1" },
    "oci:GenerativeAi/endpoint:Endpoint": { modelId: "openai.gpt-4.1", dedicatedAiClusterId: "ocid1.cluster" },
    "oci:GenerativeAi/importedModel:ImportedModel": { dataSource: { sourceType: "HUGGING_FACE_MODEL", modelId: "openai/gpt-4.1-mini" } },
    "oci:GenerativeAi/dedicatedAiCluster:DedicatedAiCluster": { freeformTags: { "openai:workload": "stateless-api" }, type: "HOSTING" },
};

/** The API key every seed carries next to its evidence. */
export const seedApiKey = apiKey;

/** The string leaves of a value with their key paths (for breaking one field at a time). */
export function leavesOf(value: unknown, path: Array<string | number> = []): Array<{ path: Array<string | number>; value: unknown }> {
    if (typeof value === "object" && value !== null) {
        const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
        return entries.flatMap(([key, child]) => leavesOf(child, [...path, key]));
    }
    return [{ path, value }];
}

/** A deep copy of `value` with the leaf at `path` replaced. */
export function withLeaf<T>(value: T, path: ReadonlyArray<string | number>, replace: (old: unknown) => unknown): T {
    if (path.length === 0) {
        return replace(value) as T;
    }
    const [head, ...rest] = path;
    const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }) as Record<string | number, unknown>;
    copy[head] = withLeaf(copy[head], rest, replace);
    return copy as T;
}
