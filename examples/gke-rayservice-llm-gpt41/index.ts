// A Ray Serve LLM deployment on GKE, managed by KubeRay: the RayService's `serveConfigV2` is
// the Serve config YAML as text, and it builds Ray Serve's OpenAI-compatible app
// (`ray.serve.llm:build_openai_app`) for one model whose `model_id` is `gpt-4.1`, loaded from
// the team's GCS bucket. The cluster is GKE (a `gke_…` context with the gke-gcloud-auth-plugin),
// so this is stateless serving of a proprietary OpenAI model on Google Cloud: clause 1 blocks
// the RayService.
import * as k8s from "@pulumi/kubernetes";

const context = "gke_acme-ml-serving_us-east5_ray-serving-use5";
const kubeconfig = JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
        {
            name: context,
            cluster: {
                server: "https://34.162.18.201",
                "certificate-authority-data":
                    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUVMVENDQXBXZ0F3SUJBZ0lSQU5rOEZ1dFJBb2ZNcGpWR0ZtWklTMHd3RFFZSktvWklodmNOQVFFTEJRQXcKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=",
            },
        },
    ],
    contexts: [{ name: context, context: { cluster: context, user: context } }],
    "current-context": context,
    users: [
        {
            name: context,
            user: {
                exec: {
                    apiVersion: "client.authentication.k8s.io/v1beta1",
                    command: "gke-gcloud-auth-plugin",
                    provideClusterInfo: true,
                    installHint: "Install gke-gcloud-auth-plugin for use with kubectl",
                },
            },
        },
    ],
});

const provider = new k8s.Provider("ray-serving", { kubeconfig });

const serveConfig = `applications:
- name: llm
  route_prefix: /
  import_path: ray.serve.llm:build_openai_app
  args:
    llm_configs:
    - model_loading_config:
        model_id: gpt-4.1
        model_source: gs://acme-ml-serving-weights/chat/2025-04-14
      accelerator_type: H100
      engine_kwargs:
        tensor_parallel_size: 8
        max_model_len: 131072
      deployment_config:
        autoscaling_config:
          min_replicas: 1
          max_replicas: 4
          target_ongoing_requests: 32
`;

const rayService = new k8s.apiextensions.CustomResource(
    "chat-llm",
    {
        apiVersion: "ray.io/v1",
        kind: "RayService",
        metadata: { name: "chat-llm", namespace: "ray-serving", labels: { team: "ml-serving" } },
        spec: {
            serveConfigV2: serveConfig,
            rayClusterConfig: {
                rayVersion: "2.44.1",
                enableInTreeAutoscaling: true,
                headGroupSpec: {
                    rayStartParams: { "dashboard-host": "0.0.0.0", "num-cpus": "0" },
                    template: {
                        spec: {
                            containers: [
                                {
                                    name: "ray-head",
                                    image: "rayproject/ray-llm:2.44.1-py311-cu124",
                                    ports: [
                                        { containerPort: 6379, name: "gcs" },
                                        { containerPort: 8265, name: "dashboard" },
                                        { containerPort: 8000, name: "serve" },
                                    ],
                                    resources: { requests: { cpu: "8", memory: "32Gi" }, limits: { cpu: "8", memory: "32Gi" } },
                                },
                            ],
                        },
                    },
                },
                workerGroupSpecs: [
                    {
                        groupName: "h100",
                        replicas: 1,
                        minReplicas: 1,
                        maxReplicas: 4,
                        rayStartParams: {},
                        template: {
                            spec: {
                                nodeSelector: { "cloud.google.com/gke-accelerator": "nvidia-h100-80gb" },
                                containers: [
                                    {
                                        name: "ray-worker",
                                        image: "rayproject/ray-llm:2.44.1-py311-cu124",
                                        resources: {
                                            requests: { cpu: "200", memory: "1600Gi", "nvidia.com/gpu": "8" },
                                            limits: { cpu: "200", memory: "1600Gi", "nvidia.com/gpu": "8" },
                                        },
                                    },
                                ],
                            },
                        },
                    },
                ],
            },
        },
    },
    { provider },
);

export const rayServiceName = rayService.metadata.name;
