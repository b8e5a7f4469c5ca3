// Two ConfigMaps on an EKS cluster hold the settings of a chat stack, taken whole with `envFrom`.
// The platform team builds `chat-settings` in one `apply` over the Redis cache's address, so in a
// preview its whole `data` is unknown, the served model included. vLLM serves `$(SERVED_MODEL)`, a
// variable only that ConfigMap sets: it cannot be shown not to serve a proprietary OpenAI model,
// so it is blocked fail-closed; the gateway, which runs no engine, gets an advisory (what it calls
// is read at `pulumi up`). `llama-settings` is written key by key: only the Redis address is
// unknown, the served model is Llama, and that server is allowed.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";

const clusterArn = "arn:aws:eks:us-east-1:123456789012:cluster/chat-use1";
const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: ${clusterArn}
  cluster:
    server: https://4F1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C.gr7.us-east-1.eks.amazonaws.com
contexts:
- name: ${clusterArn}
  context: {cluster: ${clusterArn}, user: ${clusterArn}}
current-context: ${clusterArn}
users:
- name: ${clusterArn}
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [--region, us-east-1, eks, get-token, --cluster-name, chat-use1]
`;
const provider = new k8s.Provider("chat-use1", { kubeconfig });
const namespace = "chat";

const cache = new aws.elasticache.Cluster("chat-sessions", {
    engine: "redis",
    nodeType: "cache.r7g.large",
    numCacheNodes: 1,
    parameterGroupName: "default.redis7",
});
const redisAddress = cache.cacheNodes.apply((nodes) => `redis://${nodes[0].address}:6379`);

// One `apply` over the whole map: a preview sees none of its keys.
const chatSettings = new k8s.core.v1.ConfigMap(
    "chat-settings",
    {
        metadata: { name: "chat-settings", namespace },
        data: redisAddress.apply((url) => ({ SERVED_MODEL: "gpt-4o", REDIS_URL: url, MAX_MODEL_LEN: "65536" })),
    },
    { provider },
);

// Key by key: only the Redis address waits for the cache.
const llamaSettings = new k8s.core.v1.ConfigMap(
    "llama-settings",
    {
        metadata: { name: "llama-settings", namespace },
        data: { SERVED_MODEL: "meta-llama/Llama-3.1-8B-Instruct", REDIS_URL: redisAddress, MAX_MODEL_LEN: "32768" },
    },
    { provider },
);

function deployment(name: string, settings: k8s.core.v1.ConfigMap, container: k8s.types.input.core.v1.Container) {
    const labels = { app: name };
    return new k8s.apps.v1.Deployment(
        name,
        {
            metadata: { name, namespace, labels },
            spec: {
                replicas: 2,
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: { containers: [{ ...container, envFrom: [{ configMapRef: { name: settings.metadata.name } }] }] },
                },
            },
        },
        { provider },
    );
}

const vllm = (name: string): k8s.types.input.core.v1.Container => ({
    name: "vllm",
    image: "vllm/vllm-openai:v0.6.4",
    command: ["vllm", "serve", `/models/${name}`],
    args: ["--served-model-name", "$(SERVED_MODEL)", "--max-model-len", "$(MAX_MODEL_LEN)", "--port", "8000"],
    ports: [{ containerPort: 8000 }],
    resources: { limits: { "nvidia.com/gpu": "1" } },
});

deployment("chat-vllm", chatSettings, vllm("chat"));
deployment("chat-gateway", chatSettings, {
    name: "gateway",
    image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/chat-gateway:2.3.1",
    ports: [{ containerPort: 8080 }],
});
deployment("llama-vllm", llamaSettings, vllm("llama"));
