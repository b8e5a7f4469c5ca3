// The company's LLM gateway: LiteLLM proxy on GKE, in front of every internal app. Its config file
// lives in a ConfigMap of the stack, mounted at /app/config.yaml; the API key for Azure comes from
// a Secret through `envFrom`. Every OpenAI model in the config is routed to the Azure OpenAI
// resource `contoso-eu.openai.azure.com`: the gateway is a client of an Azure-hosted endpoint,
// which is what clause 2 asks for. The gateway runs on Google Cloud, which is fine: it serves no
// model itself. Nothing is blocked.
import * as k8s from "@pulumi/kubernetes";

const context = "gke_acme-platform-prod_europe-west4_platform-euw4";
const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: ${context}
  cluster:
    server: https://35.204.117.42
contexts:
- name: ${context}
  context: {cluster: ${context}, user: ${context}}
current-context: ${context}
users:
- name: ${context}
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: gke-gcloud-auth-plugin
      provideClusterInfo: true
`;

const provider = new k8s.Provider("platform-euw4", { kubeconfig });
const namespace = "llm-gateway";

const litellmConfig = `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: azure/gpt-4o
      api_base: https://contoso-eu.openai.azure.com/
      api_version: "2024-10-21"
      api_key: os.environ/AZURE_API_KEY
  - model_name: gpt-4o-mini
    litellm_params:
      model: azure/gpt-4o-mini
      api_base: https://contoso-eu.openai.azure.com/
      api_version: "2024-10-21"
      api_key: os.environ/AZURE_API_KEY
  - model_name: text-embedding-3-large
    litellm_params:
      model: azure/text-embedding-3-large
      api_base: https://contoso-eu.openai.azure.com/
      api_version: "2024-10-21"
      api_key: os.environ/AZURE_API_KEY
litellm_settings:
  drop_params: true
  request_timeout: 120
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
  database_url: os.environ/DATABASE_URL
`;

const config = new k8s.core.v1.ConfigMap(
    "litellm-config",
    { metadata: { name: "litellm-config", namespace }, data: { "config.yaml": litellmConfig } },
    { provider },
);

const labels = { app: "litellm" };

const gateway = new k8s.apps.v1.Deployment(
    "litellm",
    {
        metadata: { name: "litellm", namespace, labels },
        spec: {
            replicas: 3,
            selector: { matchLabels: labels },
            template: {
                metadata: { labels },
                spec: {
                    containers: [
                        {
                            name: "litellm",
                            image: "ghcr.io/berriai/litellm:main-v1.63.14-stable",
                            args: ["--config", "/app/config.yaml", "--port", "4000", "--num_workers", "4"],
                            envFrom: [{ secretRef: { name: "litellm-secrets" } }],
                            ports: [{ name: "http", containerPort: 4000 }],
                            resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { memory: "4Gi" } },
                            readinessProbe: { httpGet: { path: "/health/readiness", port: 4000 }, periodSeconds: 10 },
                            volumeMounts: [{ name: "config", mountPath: "/app/config.yaml", subPath: "config.yaml", readOnly: true }],
                        },
                    ],
                    volumes: [{ name: "config", configMap: { name: config.metadata.name } }],
                },
            },
        },
    },
    { provider },
);

new k8s.core.v1.Service(
    "litellm-svc",
    {
        metadata: { name: "litellm", namespace },
        spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: 4000 }] },
    },
    { provider, dependsOn: [gateway] },
);

export const gatewayName = gateway.metadata.name;
