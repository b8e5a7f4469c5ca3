// Multi-node serving of Llama 3.1 405B on EKS with a LeaderWorkerSet (the Kubernetes SIG API for
// leader/worker pod groups): each group is a Ray leader and one worker on two p5.48xlarge nodes,
// and the leader starts vLLM's OpenAI-compatible server with tensor parallelism 8 and pipeline
// parallelism 2. It speaks the OpenAI API (`/v1/chat/completions`), but the model is Meta's,
// not OpenAI's, so the agreement has nothing to say about it: nothing is blocked.
import * as k8s from "@pulumi/kubernetes";

const clusterArn = "arn:aws:eks:us-east-2:123456789012:cluster/frontier-models-use2";
const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: ${clusterArn}
  cluster:
    server: https://4D2B9E7F1A3C5E7B9D1F3A5C7E9B1D3F.yl4.us-east-2.eks.amazonaws.com
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
      args: [--region, us-east-2, eks, get-token, --cluster-name, frontier-models-use2]
`;

const provider = new k8s.Provider("frontier-models", { kubeconfig });

const labels = { app: "llama-405b", team: "foundation-models" };
const image = "vllm/vllm-openai:v0.6.4";
const gpuResources = { limits: { "nvidia.com/gpu": "8", memory: "1800Gi", "vpc.amazonaws.com/efa": "32" }, requests: { cpu: "180" } };

const lws = new k8s.apiextensions.CustomResource(
    "llama-405b",
    {
        apiVersion: "leaderworkerset.x-k8s.io/v1",
        kind: "LeaderWorkerSet",
        metadata: { name: "llama-405b", namespace: "llm", labels },
        spec: {
            replicas: 2,
            leaderWorkerTemplate: {
                size: 2,
                restartPolicy: "RecreateGroupOnPodRestart",
                leaderTemplate: {
                    metadata: { labels: { ...labels, role: "leader" } },
                    spec: {
                        containers: [
                            {
                                name: "vllm-leader",
                                image,
                                env: [{ name: "HUGGING_FACE_HUB_TOKEN", valueFrom: { secretKeyRef: { name: "hf-token", key: "token" } } }],
                                command: ["sh", "-c"],
                                args: [
                                    "bash /vllm-workspace/examples/online_serving/multi-node-serving.sh leader --ray_cluster_size=$(LWS_GROUP_SIZE); " +
                                        "python3 -m vllm.entrypoints.openai.api_server --port 8080 --model meta-llama/Llama-3.1-405B-Instruct " +
                                        "--tensor-parallel-size 8 --pipeline_parallel_size 2",
                                ],
                                ports: [{ containerPort: 8080 }],
                                resources: gpuResources,
                                readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 15, periodSeconds: 10 },
                            },
                        ],
                    },
                },
                workerTemplate: {
                    metadata: { labels: { ...labels, role: "worker" } },
                    spec: {
                        containers: [
                            {
                                name: "vllm-worker",
                                image,
                                command: ["sh", "-c"],
                                args: [
                                    "bash /vllm-workspace/examples/online_serving/multi-node-serving.sh worker --ray_address=$(LWS_LEADER_ADDRESS)",
                                ],
                                env: [{ name: "HUGGING_FACE_HUB_TOKEN", valueFrom: { secretKeyRef: { name: "hf-token", key: "token" } } }],
                                resources: gpuResources,
                            },
                        ],
                    },
                },
            },
        },
    },
    { provider },
);

new k8s.core.v1.Service(
    "llama-405b-leader",
    {
        metadata: { name: "llama-405b-leader", namespace: "llm" },
        spec: {
            selector: { "leaderworkerset.sigs.k8s.io/name": "llama-405b", role: "leader" },
            ports: [{ name: "http", port: 8080, targetPort: 8080 }],
        },
    },
    { provider, dependsOn: [lws] },
);

export const leaderWorkerSet = lws.metadata.name;
