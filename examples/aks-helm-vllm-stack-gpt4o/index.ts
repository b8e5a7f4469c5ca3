// The Azure twin of eks-helm-vllm-stack-gpt4o: the same vLLM production-stack Helm release,
// with the same values (vLLM answering as `gpt-4o`), installed on an AKS cluster. Stateless
// serving of a proprietary model is exactly what clause 1 keeps on Azure, and this is Azure:
// the Kubernetes provider's kubeconfig points at the cluster's `*.azmk8s.io` API server
// (unknown at preview, resolved through the ManagedCluster in the stack). Nothing is blocked;
// on EKS the same Release is.
import * as azure from "@pulumi/azure-native";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const location = "swedencentral";

const resourceGroup = new azure.resources.ResourceGroup("llm-serving-rg", {
    location,
    tags: { team: "llm-platform" },
});

const cluster = new azure.containerservice.ManagedCluster("llm-aks", {
    resourceGroupName: resourceGroup.name,
    location,
    dnsPrefix: "llm-serving-swc",
    kubernetesVersion: "1.33",
    enableRBAC: true,
    disableLocalAccounts: true,
    aadProfile: { managed: true, enableAzureRBAC: true },
    identity: { type: azure.containerservice.ResourceIdentityType.SystemAssigned },
    sku: { name: "Base", tier: "Standard" },
    networkProfile: { networkPlugin: "azure", networkPluginMode: "overlay" },
    agentPoolProfiles: [
        { name: "system", mode: "System", vmSize: "Standard_D4ds_v5", count: 3, osType: "Linux", availabilityZones: ["1", "2", "3"] },
        {
            name: "h100",
            mode: "User",
            vmSize: "Standard_ND96isr_H100_v5",
            count: 2,
            osType: "Linux",
            nodeTaints: ["sku=gpu:NoSchedule"],
            nodeLabels: { accelerator: "nvidia-h100" },
        },
    ],
    tags: { team: "llm-platform" },
});

// Entra ID kubeconfig (kubelogin), pointing at the cluster's API server FQDN.
const kubeconfig = pulumi.interpolate`apiVersion: v1
kind: Config
clusters:
- name: llm-aks
  cluster:
    server: https://${cluster.fqdn}:443
contexts:
- name: llm-aks
  context:
    cluster: llm-aks
    user: llm-aks-user
current-context: llm-aks
users:
- name: llm-aks-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: kubelogin
      args: [get-token, --login, azurecli, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]
`;

const provider = new k8s.Provider("llm-aks-k8s", { kubeconfig });

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
                tolerations: [{ key: "sku", operator: "Equal", value: "gpu", effect: "NoSchedule" }],
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
                        nodeSelectorTerms: [{ matchExpressions: [{ key: "accelerator", operator: "In", values: ["nvidia-h100"] }] }],
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
