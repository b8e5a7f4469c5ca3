// Three assistants on an AKS cluster, each configured by a file mounted from a ConfigMap in the
// format its framework reads: Spring AI's `application.properties`, a TOML file with an `[llm]`
// table, and a .NET `app.config`. None of the Deployments names a model or an endpoint; the files
// do. The Spring and .NET assistants send gpt-4o calls to the company's own GPU host, which is no
// Azure-hosted endpoint: clients of a proprietary model off Azure, blocked by clause 2 (that the
// clients run on AKS does not matter). The TOML assistant sends gpt-4.1 to Azure OpenAI: allowed.
import * as k8s from "@pulumi/kubernetes";

const provider = new k8s.Provider("assistants-aks", {
    kubeconfig: `apiVersion: v1
kind: Config
clusters:
- name: assistants
  cluster: {server: "https://assistants-5f1c2a.hcp.uksouth.azmk8s.io:443"}
contexts:
- name: assistants
  context: {cluster: assistants, user: assistants}
current-context: assistants
users:
- name: assistants
  user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin, args: [get-token, --login, azurecli]}}
`,
});

const awsHost = "https://gpu-inference.us-east-1.acme-aws.net";
const files: Array<[name: string, file: string, text: string]> = [
    [
        "spring-assistant",
        "application.properties",
        [
            "server.port=8080",
            `spring.ai.openai.base-url=${awsHost}`,
            "spring.ai.openai.api-key=${OPENAI_API_KEY}",
            "spring.ai.openai.chat.options.model=gpt-4o",
            "",
        ].join("\n"),
    ],
    [
        "toml-assistant",
        "config.toml",
        ["[llm]", 'provider = "openai"', 'base_url = "https://acme-prod.openai.azure.com/openai/v1"', 'model = "gpt-4.1"', ""].join("\n"),
    ],
    [
        "dotnet-assistant",
        "app.config",
        [
            '<?xml version="1.0" encoding="utf-8"?>',
            "<configuration>",
            "  <appSettings>",
            `    <add key="OpenAI:Endpoint" value="${awsHost}/v1" />`,
            '    <add key="OpenAI:Model" value="gpt-4o" />',
            "  </appSettings>",
            "</configuration>",
            "",
        ].join("\n"),
    ],
];

for (const [name, file, text] of files) {
    const config = new k8s.core.v1.ConfigMap(
        `${name}-config`,
        { metadata: { name: `${name}-config`, namespace: "apps" }, data: { [file]: text } },
        { provider },
    );
    new k8s.apps.v1.Deployment(
        name,
        {
            metadata: { name, namespace: "apps" },
            spec: {
                selector: { matchLabels: { app: name } },
                template: {
                    metadata: { labels: { app: name } },
                    spec: {
                        containers: [
                            {
                                name: "app",
                                image: `acmecr.azurecr.io/${name}:1.0.0`,
                                volumeMounts: [{ name: "config", mountPath: `/app/config/${file}`, subPath: file }],
                            },
                        ],
                        volumes: [{ name: "config", configMap: { name: config.metadata.name } }],
                    },
                },
            },
        },
        { provider },
    );
}
