// An EKS cluster with a GPU node group, and a vLLM Deployment serving gpt-4.1 through the
// Kubernetes provider whose kubeconfig is built from the cluster's outputs. At preview the
// cluster does not exist yet, so the kubeconfig is unknown: the pack resolves the workload's
// host cloud from the EKS cluster behind the provider (in the same stack) and blocks the
// Deployment under clause 1. The Service only routes traffic and carries no evidence.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const region = "us-west-2";
const privateSubnetIds = ["subnet-0a1b2c3d4e5f60718", "subnet-0f9e8d7c6b5a40392", "subnet-07c1d2e3f4a5b6c7d"];

const clusterRole = new aws.iam.Role("inference-cluster-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
            },
        ],
    }),
    tags: { team: "inference-platform" },
});

new aws.iam.RolePolicyAttachment("inference-cluster-policy", {
    role: clusterRole.name,
    policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
});

const cluster = new aws.eks.Cluster("inference-cluster", {
    name: "inference-prod-usw2",
    version: "1.33",
    roleArn: clusterRole.arn,
    vpcConfig: {
        subnetIds: privateSubnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: true,
    },
    accessConfig: { authenticationMode: "API" },
    region,
    tags: { team: "inference-platform" },
});

const nodeRole = new aws.iam.Role("gpu-node-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "ec2.amazonaws.com" },
                Action: "sts:AssumeRole",
            },
        ],
    }),
    tags: { team: "inference-platform" },
});

const nodePolicies = [
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
];
const nodePolicyAttachments = nodePolicies.map(
    (policyArn, i) => new aws.iam.RolePolicyAttachment(`gpu-node-policy-${i}`, { role: nodeRole.name, policyArn }),
);

new aws.eks.NodeGroup(
    "gpu-nodes",
    {
        clusterName: cluster.name,
        nodeGroupName: "p5-inference",
        nodeRoleArn: nodeRole.arn,
        subnetIds: privateSubnetIds,
        instanceTypes: ["p5.48xlarge"],
        amiType: "AL2023_x86_64_NVIDIA",
        capacityType: "ON_DEMAND",
        scalingConfig: { desiredSize: 2, minSize: 1, maxSize: 4 },
        taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NO_SCHEDULE" }],
        region,
        tags: { team: "inference-platform" },
    },
    { dependsOn: nodePolicyAttachments },
);

// The kubeconfig `aws eks update-kubeconfig` would write, built from the cluster outputs:
// unknown until the cluster exists.
const kubeconfig = pulumi.jsonStringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
        {
            name: cluster.arn,
            cluster: {
                server: cluster.endpoint,
                "certificate-authority-data": cluster.certificateAuthority.data,
            },
        },
    ],
    contexts: [{ name: cluster.arn, context: { cluster: cluster.arn, user: cluster.arn } }],
    "current-context": cluster.arn,
    users: [
        {
            name: cluster.arn,
            user: {
                exec: {
                    apiVersion: "client.authentication.k8s.io/v1beta1",
                    command: "aws",
                    args: ["eks", "get-token", "--cluster-name", cluster.name, "--region", region],
                },
            },
        },
    ],
});

const provider = new k8s.Provider("inference-cluster-k8s", { kubeconfig, enableServerSideApply: true });

const appLabels = { app: "chat-inference" };

const deployment = new k8s.apps.v1.Deployment(
    "chat-inference",
    {
        metadata: {
            name: "chat-inference",
            namespace: "default",
            labels: { ...appLabels, "openai.com/workload": "stateless-api" },
        },
        spec: {
            replicas: 2,
            selector: { matchLabels: appLabels },
            template: {
                metadata: { labels: { ...appLabels, "openai.com/workload": "stateless-api" } },
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
    { provider },
);

const service = new k8s.core.v1.Service(
    "chat-inference-svc",
    {
        metadata: { name: "chat-inference", namespace: "default", labels: appLabels },
        spec: {
            type: "ClusterIP",
            selector: appLabels,
            ports: [{ name: "http", port: 80, targetPort: 8000 }],
        },
    },
    { provider, dependsOn: [deployment] },
);

export const clusterName = cluster.name;
export const serviceName = service.metadata.name;
