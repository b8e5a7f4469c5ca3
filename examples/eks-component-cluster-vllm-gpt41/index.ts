// The usual `@pulumi/eks` quick path: an `eks.Cluster` component (it creates the EKS control
// plane, IAM roles, security groups and aws-auth as its children) with a GPU managed node group,
// and a Kubernetes provider built from the component's `kubeconfigJson` output. On that cluster
// a vLLM Deployment answers as `gpt-4.1`. The kubeconfig is unknown at preview and the cluster
// is a component whose children only its plugin creates: the pack has to place the Deployment
// on EKS from the component in the stack. Clause 1 blocks the Deployment.
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";

const cluster = new eks.Cluster("assistants-eks", {
    vpcId: "vpc-0e2c4a6e8c0a2e4c6",
    privateSubnetIds: ["subnet-0a3c5e7a9c1e3a5c7", "subnet-0b4d6f8b0d2f4b6d8", "subnet-0c5e7a9c1e3a5c7e9"],
    publicSubnetIds: ["subnet-0d6f8b0d2f4b6d8f0", "subnet-0e7a9c1e3a5c7e9a1"],
    version: "1.33",
    authenticationMode: eks.AuthenticationMode.Api,
    skipDefaultNodeGroup: true,
    createOidcProvider: true,
    tags: { team: "assistants" },
});

new eks.ManagedNodeGroup("assistants-gpu", {
    cluster,
    nodeGroupName: "p5-serving",
    instanceTypes: ["p5.48xlarge"],
    amiType: "AL2023_x86_64_NVIDIA",
    scalingConfig: { desiredSize: 2, minSize: 1, maxSize: 4 },
    taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NO_SCHEDULE" }],
    subnetIds: ["subnet-0a3c5e7a9c1e3a5c7", "subnet-0b4d6f8b0d2f4b6d8"],
    nodeRoleArn: "arn:aws:iam::123456789012:role/assistants-eks-gpu-node",
});

const provider = new k8s.Provider("assistants-k8s", { kubeconfig: cluster.kubeconfigJson });

const labels = { app: "assistant-chat" };

const deployment = new k8s.apps.v1.Deployment(
    "assistant-chat",
    {
        metadata: { name: "assistant-chat", namespace: "default", labels },
        spec: {
            replicas: 2,
            selector: { matchLabels: labels },
            template: {
                metadata: { labels },
                spec: {
                    tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
                    containers: [
                        {
                            name: "vllm",
                            image: "vllm/vllm-openai:v0.6.4",
                            args: ["--model", "/models/assistant", "--served-model-name", "gpt-4.1", "--tensor-parallel-size", "8"],
                            ports: [{ containerPort: 8000 }],
                            resources: { limits: { "nvidia.com/gpu": "8" } },
                            volumeMounts: [{ name: "weights", mountPath: "/models/assistant", readOnly: true }],
                        },
                    ],
                    volumes: [{ name: "weights", persistentVolumeClaim: { claimName: "assistant-weights" } }],
                },
            },
        },
    },
    { provider },
);

export const deploymentName = deployment.metadata.name;
