// Model servers on EKS whose settings live in ConfigMaps the platform team creates in its own
// stack: this stack only names them. `reasoning-vllm` takes its whole vLLM config from the mounted
// `vllm-serving-config` and names no model itself, so it cannot be shown not to serve a
// proprietary OpenAI model: blocked fail-closed. `summarizer-tgi` takes MODEL_ID from a key of
// `model-catalog`: the same. `llama-vllm` mounts the same config but names its (open-weight)
// model: allowed. The TLS Secret at /etc/tls holds credentials, never settings.
import * as k8s from "@pulumi/kubernetes";

const clusterArn = "arn:aws:eks:us-west-2:123456789012:cluster/serving-usw2";
const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: ${clusterArn}
  cluster:
    server: https://9C2B7E4F1A3D5C6B8E0F2A4C6E8B0D1F.yl4.us-west-2.eks.amazonaws.com
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
      args: [--region, us-west-2, eks, get-token, --cluster-name, serving-usw2]
`;
const provider = new k8s.Provider("serving-usw2", { kubeconfig });
const namespace = "serving";

// Created by the platform stack; referred to here by name only.
const servingConfig = "vllm-serving-config";
const modelCatalog = "model-catalog";
const servingTls = "serving-tls";

function deployment(name: string, container: k8s.types.input.core.v1.Container, volumes: k8s.types.input.core.v1.Volume[] = []) {
    const labels = { app: name };
    return new k8s.apps.v1.Deployment(
        name,
        {
            metadata: { name, namespace, labels },
            spec: {
                replicas: 2,
                selector: { matchLabels: labels },
                template: { metadata: { labels }, spec: { containers: [container], volumes } },
            },
        },
        { provider },
    );
}

const configVolumes: k8s.types.input.core.v1.Volume[] = [
    { name: "serving-config", configMap: { name: servingConfig } },
    { name: "tls", secret: { secretName: servingTls } },
];
const configMounts = [
    { name: "serving-config", mountPath: "/etc/vllm" },
    { name: "tls", mountPath: "/etc/tls", readOnly: true },
];
const gpu = { limits: { "nvidia.com/gpu": "4" } };

deployment(
    "reasoning-vllm",
    {
        name: "vllm",
        image: "vllm/vllm-openai:v0.6.4",
        command: ["vllm", "serve"],
        args: ["--config", "/etc/vllm/serving.yaml", "--ssl-certfile", "/etc/tls/tls.crt", "--ssl-keyfile", "/etc/tls/tls.key"],
        volumeMounts: configMounts,
        ports: [{ containerPort: 8000 }],
        resources: gpu,
    },
    configVolumes,
);

deployment("summarizer-tgi", {
    name: "tgi",
    image: "ghcr.io/huggingface/text-generation-inference:2.4.0",
    env: [
        { name: "MODEL_ID", valueFrom: { configMapKeyRef: { name: modelCatalog, key: "summarizer" } } },
        { name: "MAX_INPUT_TOKENS", value: "8192" },
    ],
    ports: [{ containerPort: 80 }],
    resources: gpu,
});

deployment(
    "llama-vllm",
    {
        name: "vllm",
        image: "vllm/vllm-openai:v0.6.4",
        command: ["vllm", "serve", "meta-llama/Llama-3.1-70B-Instruct"],
        args: ["--config", "/etc/vllm/serving.yaml"],
        volumeMounts: configMounts,
        ports: [{ containerPort: 8000 }],
        resources: gpu,
    },
    configVolumes,
);
