// The same vLLM Deployment as eks-vllm-gpt-inference, on AKS. The Kubernetes provider's
// kubeconfig is built from the managed cluster's FQDN (unknown at preview, since the cluster
// does not exist yet); the pack resolves the workload's host cloud from the
// azure-native ManagedCluster behind the provider: Azure, so nothing is blocked.
import * as azure from "@pulumi/azure-native";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const location = "eastus2";

const resourceGroup = new azure.resources.ResourceGroup("inference-rg", {
    location,
    tags: { team: "inference-platform" },
});

const cluster = new azure.containerservice.ManagedCluster("inference-aks", {
    resourceGroupName: resourceGroup.name,
    location,
    dnsPrefix: "inference-prod-eus2",
    kubernetesVersion: "1.33",
    enableRBAC: true,
    disableLocalAccounts: true,
    aadProfile: { managed: true, enableAzureRBAC: true },
    identity: { type: azure.containerservice.ResourceIdentityType.SystemAssigned },
    sku: { name: "Base", tier: "Standard" },
    networkProfile: { networkPlugin: "azure", networkPluginMode: "overlay" },
    agentPoolProfiles: [
        {
            name: "system",
            mode: "System",
            vmSize: "Standard_D4ds_v5",
            count: 3,
            osType: "Linux",
            availabilityZones: ["1", "2", "3"],
        },
        {
            name: "gpu",
            mode: "User",
            vmSize: "Standard_ND96isr_H100_v5",
            count: 2,
            osType: "Linux",
            nodeTaints: ["nvidia.com/gpu=present:NoSchedule"],
        },
    ],
    tags: { team: "inference-platform" },
});

// Entra ID-authenticated kubeconfig (kubelogin exec, server ID of the AKS AAD server app),
// pointing at the cluster's API server FQDN: unknown until the cluster exists.
const kubeconfig = pulumi.interpolate`apiVersion: v1
kind: Config
clusters:
- name: inference-aks
  cluster:
    server: https://${cluster.fqdn}:443
contexts:
- name: inference-aks
  context:
    cluster: inference-aks
    user: inference-aks-user
current-context: inference-aks
users:
- name: inference-aks-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: kubelogin
      args:
      - get-token
      - --login
      - azurecli
      - --server-id
      - 6dae42f8-4368-4678-94ff-3960e28e3630
`;

const provider = new k8s.Provider("inference-aks-k8s", { kubeconfig, enableServerSideApply: true });

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

export const clusterFqdn = cluster.fqdn;
export const serviceName = service.metadata.name;
