// vLLM on the shared EKS cluster, configured the way vLLM recommends for long option lists:
// `vllm serve <weights> --config /etc/vllm/config.yaml`, with the YAML held in a ConfigMap of
// the stack and mounted into the pod. The Deployment itself names no model; the ConfigMap's
// `served-model-name: gpt-4o` does. Followed through the volume mount, this is stateless serving
// of a proprietary OpenAI model on AWS: clause 1 blocks the Deployment.
import * as k8s from "@pulumi/kubernetes";

const clusterArn = "arn:aws:eks:eu-west-1:123456789012:cluster/inference-euw1";
const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: ${clusterArn}
  cluster:
    server: https://B7E1D3F5A7C9E1B3D5F7A9C1E3B5D7F9.sk1.eu-west-1.eks.amazonaws.com
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
      args: [--region, eu-west-1, eks, get-token, --cluster-name, inference-euw1]
`;

const provider = new k8s.Provider("inference-euw1", { kubeconfig });

const namespace = "chat";

const serveConfig = new k8s.core.v1.ConfigMap(
    "vllm-serve-config",
    {
        metadata: { name: "vllm-serve-config", namespace },
        data: {
            "config.yaml": [
                "host: 0.0.0.0",
                "port: 8000",
                "served-model-name: gpt-4o",
                "tensor-parallel-size: 8",
                "max-model-len: 65536",
                "gpu-memory-utilization: 0.92",
                "enable-prefix-caching: true",
                "disable-log-requests: true",
                "",
            ].join("\n"),
        },
    },
    { provider },
);

const labels = { app: "chat-vllm" };

const deployment = new k8s.apps.v1.Deployment(
    "chat-vllm",
    {
        metadata: { name: "chat-vllm", namespace, labels },
        spec: {
            replicas: 3,
            selector: { matchLabels: labels },
            template: {
                metadata: { labels },
                spec: {
                    nodeSelector: { "node.kubernetes.io/instance-type": "p5.48xlarge" },
                    tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
                    containers: [
                        {
                            name: "vllm",
                            image: "vllm/vllm-openai:v0.6.4",
                            command: ["vllm", "serve", "/models/chat"],
                            args: ["--config", "/etc/vllm/config.yaml"],
                            ports: [{ name: "http", containerPort: 8000 }],
                            resources: { limits: { "nvidia.com/gpu": "8" } },
                            readinessProbe: { httpGet: { path: "/health", port: 8000 }, periodSeconds: 10 },
                            volumeMounts: [
                                { name: "serve-config", mountPath: "/etc/vllm", readOnly: true },
                                { name: "weights", mountPath: "/models/chat", readOnly: true },
                            ],
                        },
                    ],
                    volumes: [
                        { name: "serve-config", configMap: { name: serveConfig.metadata.name } },
                        { name: "weights", persistentVolumeClaim: { claimName: "chat-weights" } },
                    ],
                },
            },
        },
    },
    { provider },
);

export const deploymentName = deployment.metadata.name;
