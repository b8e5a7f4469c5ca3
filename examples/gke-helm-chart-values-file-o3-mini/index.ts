// A GKE Standard cluster with an H100 node pool, and the vLLM production-stack chart installed
// with Helm Chart v4. The team keeps its chart values in a YAML file and passes it as text
// (`valueYamlFiles` with a StringAsset), the way `helm install -f values.yaml` would: the
// serving engine answers as `o3-mini`, a proprietary o-series model, on Google Cloud.
// Clause 1 blocks the chart. Under the checker's mocks the chart's children are not rendered,
// so the pack has to read the values file itself.
import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const project = "acme-reasoning-prod";
const location = "us-central1";
const clusterName = "reasoning-usc1";

const cluster = new gcp.container.Cluster("reasoning-cluster", {
    name: clusterName,
    project,
    location,
    removeDefaultNodePool: true,
    initialNodeCount: 1,
    releaseChannel: { channel: "REGULAR" },
    workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
    deletionProtection: true,
    resourceLabels: { team: "reasoning-serving" },
});

new gcp.container.NodePool("h100-pool", {
    project,
    location,
    cluster: cluster.name,
    nodeLocations: ["us-central1-a"],
    autoscaling: { minNodeCount: 0, maxNodeCount: 4 },
    nodeConfig: {
        machineType: "a3-highgpu-8g",
        guestAccelerators: [{ type: "nvidia-h100-80gb", count: 8, gpuDriverInstallationConfig: { gpuDriverVersion: "LATEST" } }],
        oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
        workloadMetadataConfig: { mode: "GKE_METADATA" },
        resourceLabels: { team: "reasoning-serving" },
    },
});

// The kubeconfig `gcloud container clusters get-credentials` writes: context gke_<project>_<location>_<name>.
const context = `gke_${project}_${location}_${clusterName}`;
const kubeconfig = pulumi.interpolate`apiVersion: v1
kind: Config
clusters:
- name: ${context}
  cluster:
    certificate-authority-data: ${cluster.masterAuth.clusterCaCertificate}
    server: https://${cluster.endpoint}
contexts:
- name: ${context}
  context:
    cluster: ${context}
    user: ${context}
current-context: ${context}
users:
- name: ${context}
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: gke-gcloud-auth-plugin
      installHint: Install gke-gcloud-auth-plugin for use with kubectl by following https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin
      provideClusterInfo: true
`;

const provider = new k8s.Provider("reasoning-k8s", { kubeconfig });

// values/reasoning.yaml, as committed next to the program.
const valuesYaml = `servingEngineSpec:
  runtimeClassName: ""
  modelSpec:
  - name: reasoning
    repository: vllm/vllm-openai
    tag: v0.6.4
    modelURL: /data/weights/reasoning-2025-01-31
    replicaCount: 2
    requestCPU: 24
    requestMemory: 200Gi
    requestGPU: 8
    pvcStorage: 600Gi
    vllmConfig:
      tensorParallelSize: 8
      maxModelLen: 131072
      extraArgs:
      - --served-model-name
      - o3-mini
      - --enable-reasoning
    nodeSelectorTerms:
    - matchExpressions:
      - key: cloud.google.com/gke-accelerator
        operator: In
        values: [nvidia-h100-80gb]
routerSpec:
  repository: lmcache/lmstack-router
  tag: v0.1.7
  serviceType: ClusterIP
`;

const chart = new k8s.helm.v4.Chart(
    "reasoning-serving",
    {
        chart: "vllm-stack",
        version: "0.1.7",
        repositoryOpts: { repo: "https://vllm-project.github.io/production-stack" },
        namespace: "reasoning",
        valueYamlFiles: [new pulumi.asset.StringAsset(valuesYaml)],
    },
    { provider },
);

export const resources = chart.resources;
