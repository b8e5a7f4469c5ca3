// The inference platform team installs the vLLM production-stack Helm chart (`vllm-stack`) on
// its EKS cluster. The chart's values configure one serving engine: vLLM on 8 H100s, loading
// weights from a PVC and answering as `gpt-4o` (`--served-model-name` in `vllmConfig.extraArgs`).
// That is stateless serving of an OpenAI proprietary model on AWS: clause 1 blocks the Release.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const region = "us-east-1";
const privateSubnetIds = ["subnet-04a1c3e5f7092b4d6", "subnet-0b2d4f6a8c0e1a3c5", "subnet-0e6a8c0e2a4c6e8a0"];

const clusterRole = new aws.iam.Role("llm-cluster-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
    }),
    tags: { team: "llm-platform" },
});

const clusterPolicy = new aws.iam.RolePolicyAttachment("llm-cluster-policy", {
    role: clusterRole.name,
    policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
});

const cluster = new aws.eks.Cluster(
    "llm-cluster",
    {
        name: "llm-serving-use1",
        version: "1.33",
        roleArn: clusterRole.arn,
        vpcConfig: { subnetIds: privateSubnetIds, endpointPrivateAccess: true, endpointPublicAccess: false },
        accessConfig: { authenticationMode: "API" },
        region,
        tags: { team: "llm-platform" },
    },
    { dependsOn: [clusterPolicy] },
);

// The kubeconfig `aws eks update-kubeconfig` writes, from the cluster's outputs (unknown at preview).
const kubeconfig = pulumi.jsonStringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
        { name: cluster.arn, cluster: { server: cluster.endpoint, "certificate-authority-data": cluster.certificateAuthority.data } },
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

const provider = new k8s.Provider("llm-cluster-k8s", { kubeconfig });

// vLLM production stack: a serving engine per modelSpec entry, and the request router in front.
const release = new k8s.helm.v3.Release(
    "chat-serving",
    {
        name: "chat-serving",
        chart: "vllm-stack",
        version: "0.1.7",
        repositoryOpts: { repo: "https://vllm-project.github.io/production-stack" },
        namespace: "inference",
        createNamespace: true,
        values: {
            servingEngineSpec: {
                runtimeClassName: "nvidia",
                modelSpec: [
                    {
                        name: "chat",
                        repository: "vllm/vllm-openai",
                        tag: "v0.6.4",
                        modelURL: "/data/weights/chat-2024-11-20",
                        replicaCount: 2,
                        requestCPU: 32,
                        requestMemory: "256Gi",
                        requestGPU: 8,
                        pvcStorage: "800Gi",
                        pvcAccessMode: ["ReadWriteOnce"],
                        vllmConfig: {
                            tensorParallelSize: 8,
                            maxModelLen: 65536,
                            dtype: "bfloat16",
                            extraArgs: ["--served-model-name", "gpt-4o", "--disable-log-requests", "--gpu-memory-utilization", "0.92"],
                        },
                        nodeSelectorTerms: [
                            {
                                matchExpressions: [{ key: "node.kubernetes.io/instance-type", operator: "In", values: ["p5.48xlarge"] }],
                            },
                        ],
                    },
                ],
            },
            routerSpec: {
                repository: "lmcache/lmstack-router",
                tag: "v0.1.7",
                replicaCount: 2,
                serviceType: "ClusterIP",
                routingLogic: "roundrobin",
            },
        },
    },
    { provider },
);

export const releaseStatus = release.status;
