// How the checker turns a `terraform show -json` plan and Kubernetes manifests into the resources
// the pack judges: values, unknowns and secrets, type tokens and shapes, dependencies, and the
// Kubernetes provider a workload is placed by. No pack runs here (see checker-terraform.spec.ts).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isSecret, Plan, RecordedResource, SECRET_SIG, SIG_KEY, UNKNOWN } from "../harness/plan";
import { readInput } from "../checker/inputs/read-input";
import { pulumiResourceOf, tokenOf } from "../checker/inputs/terraform-resources";
import { plannedValue } from "../checker/inputs/terraform-values";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "terraform-conversion-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });
const fixture = (name: string) => path.join(__dirname, "fixtures", "terraform", name);

async function planOf(file: string, opts: Parameters<typeof readInput>[2] = {}): Promise<{ plan: Plan; warnings: string[] }> {
    const input = await readInput(file, { onItem() {} }, opts);
    return { plan: input.plan, warnings: input.warnings };
}

function byName(plan: Plan, name: string): RecordedResource {
    const found = plan.resources.find((r) => r.name === name);
    if (!found) {
        throw new Error(`${name} is not in the plan: ${plan.resources.map((r) => r.name).join(", ")}`);
    }
    return found;
}

const providerOf = (plan: Plan, resource: RecordedResource) => plan.resources.find((r) => resource.provider?.startsWith(`${r.urn}::`));

let written = 0;
/** A plan file with these resource changes and configuration, as Terraform 1.9 writes one. */
function terraformPlan(document: Record<string, unknown>): string {
    const file = path.join(scratch, `plan-${++written}.json`);
    fs.writeFileSync(file, JSON.stringify({ format_version: "1.2", terraform_version: "1.9.5", ...document }));
    return file;
}

const change = (address: string, type: string, after: unknown, extra: Record<string, unknown> = {}, actions = ["create"]) => {
    const [, name] = /\.([^.[]+)(\[.*\])?$/.exec(address) ?? [];
    return {
        address,
        mode: "managed",
        type,
        name,
        provider_name: `registry.terraform.io/hashicorp/${type.split("_")[0]}`,
        change: { actions, before: null, after, after_unknown: {}, after_sensitive: {}, ...extra },
    };
};

describe("planned values in wire form", () => {
    it("marks unknowns with the engine's sentinel, sensitive values as secrets, and drops nulls and empty blocks", () => {
        const after = {
            name: "fn",
            records: [null, "a.example"],
            environment: [{ variables: { KEY: "k", MODEL: "gpt-4o" } }],
            layers: null,
            vpc_config: [],
        };
        const unknown = { arn: true, records: [true, false], environment: [{ variables: {} }] };
        const sensitive = { environment: [{ variables: { KEY: true } }] };
        expect(plannedValue(after, unknown, sensitive)).toEqual({
            name: "fn",
            records: [UNKNOWN, "a.example"],
            environment: [{ variables: { KEY: secret("k"), MODEL: "gpt-4o" } }],
            arn: UNKNOWN,
        });
    });

    it("keeps a value both unknown and sensitive as a secret whose value is unknown", () => {
        expect(plannedValue({}, { password: true }, { password: true })).toEqual({ password: secret(UNKNOWN) });
    });
});

describe("type tokens and shapes", () => {
    it("gives the types the pack's tables refine their exact Pulumi tokens", () => {
        const tokens = Object.fromEntries(
            [
                ["aws", "aws_bedrock_provisioned_model_throughput"],
                ["aws", "aws_bedrock_inference_profile"],
                ["aws", "aws_bedrockagent_agent"],
                ["aws", "aws_bedrockagent_knowledge_base"],
                ["aws", "aws_sagemaker_model"],
                ["aws", "aws_sagemaker_endpoint_configuration"],
                ["aws", "aws_sagemaker_endpoint"],
                ["aws", "aws_route53_record"],
                ["aws", "aws_apigatewayv2_route"],
                ["aws", "aws_api_gateway_integration"],
                ["aws", "aws_api_gateway_resource"],
                ["aws", "aws_lb_listener_rule"],
                ["aws", "aws_alb_listener_rule"],
                ["aws", "aws_cloudfront_distribution"],
                ["aws", "aws_ecs_task_definition"],
                ["aws", "aws_eks_cluster"],
                ["aws", "aws_lb_target_group"],
                ["aws", "aws_ssm_parameter"],
                ["aws", "aws_secretsmanager_secret_version"],
                ["aws", "aws_s3_object"],
                ["aws", "aws_sfn_state_machine"],
                ["aws", "aws_batch_job_definition"],
                ["aws", "aws_instance"],
                ["gcp", "google_vertex_ai_endpoint"],
                ["gcp", "google_vertex_ai_endpoint_with_model_garden_deployment"],
                ["gcp", "google_dns_record_set"],
                ["gcp", "google_container_cluster"],
                ["gcp", "google_cloud_run_v2_service"],
                ["azure", "azurerm_kubernetes_cluster"],
                ["oci", "oci_generative_ai_endpoint"],
                ["oci", "oci_containerengine_cluster"],
                ["digitalocean", "digitalocean_kubernetes_cluster"],
                ["cloudflare", "cloudflare_record"],
                ["cloudflare", "cloudflare_dns_record"],
                ["aws-native", "awscc_bedrock_agent"],
                ["aws-native", "awscc_sagemaker_endpoint_config"],
            ].map(([pkg, type]) => [type, tokenOf(pkg, type.startsWith("awscc_") ? "awscc" : type.split("_")[0], type)]),
        );
        expect(tokens).toEqual({
            aws_bedrock_provisioned_model_throughput: "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput",
            aws_bedrock_inference_profile: "aws:bedrock/inferenceProfile:InferenceProfile",
            aws_bedrockagent_agent: "aws:bedrock/agentAgent:AgentAgent",
            aws_bedrockagent_knowledge_base: "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase",
            aws_sagemaker_model: "aws:sagemaker/model:Model",
            aws_sagemaker_endpoint_configuration: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
            aws_sagemaker_endpoint: "aws:sagemaker/endpoint:Endpoint",
            aws_route53_record: "aws:route53/record:Record",
            aws_apigatewayv2_route: "aws:apigatewayv2/route:Route",
            aws_api_gateway_integration: "aws:apigateway/integration:Integration",
            aws_api_gateway_resource: "aws:apigateway/resource:Resource",
            aws_lb_listener_rule: "aws:lb/listenerRule:ListenerRule",
            aws_alb_listener_rule: "aws:alb/listenerRule:ListenerRule",
            aws_cloudfront_distribution: "aws:cloudfront/distribution:Distribution",
            aws_ecs_task_definition: "aws:ecs/taskDefinition:TaskDefinition",
            aws_eks_cluster: "aws:eks/cluster:Cluster",
            aws_lb_target_group: "aws:lb/targetGroup:TargetGroup",
            aws_ssm_parameter: "aws:ssm/parameter:Parameter",
            aws_secretsmanager_secret_version: "aws:secretsmanager/secretVersion:SecretVersion",
            aws_s3_object: "aws:s3/bucketObjectv2:BucketObjectv2",
            aws_sfn_state_machine: "aws:sfn/stateMachine:StateMachine",
            aws_batch_job_definition: "aws:batch/jobDefinition:JobDefinition",
            aws_instance: "aws:ec2/instance:Instance",
            google_vertex_ai_endpoint: "gcp:vertex/aiEndpoint:AiEndpoint",
            google_vertex_ai_endpoint_with_model_garden_deployment:
                "gcp:vertex/aiEndpointWithModelGardenDeployment:AiEndpointWithModelGardenDeployment",
            google_dns_record_set: "gcp:dns/recordSet:RecordSet",
            google_container_cluster: "gcp:container/cluster:Cluster",
            google_cloud_run_v2_service: "gcp:cloudrunv2/service:Service",
            azurerm_kubernetes_cluster: "azure:containerservice/kubernetesCluster:KubernetesCluster",
            oci_generative_ai_endpoint: "oci:GenerativeAi/endpoint:Endpoint",
            oci_containerengine_cluster: "oci:ContainerEngine/cluster:Cluster",
            digitalocean_kubernetes_cluster: "digitalocean:index/kubernetesCluster:KubernetesCluster",
            cloudflare_record: "cloudflare:index/record:Record",
            cloudflare_dns_record: "cloudflare:index/dnsRecord:DnsRecord",
            awscc_bedrock_agent: "aws-native:bedrock:Agent",
            awscc_sagemaker_endpoint_config: "aws-native:sagemaker:EndpointConfig",
        });
    });

    it("keeps an unmapped provider's own name as the package, which the pack places off Azure", () => {
        expect(pulumiResourceOf("registry.terraform.io/acme/gpuhost", "gpuhost_instance", { user_data: "x" }).type).toBe(
            "gpuhost:index/instance:Instance",
        );
    });

    it("flattens single-element blocks and pluralises where the bridged provider does, keeping map keys as written", () => {
        const model = pulumiResourceOf("registry.terraform.io/hashicorp/aws", "aws_sagemaker_model", {
            primary_container: [
                { image: "img", environment: { SERVED_MODEL_NAME: "gpt-4o", hf_token_file: "/t" }, model_data_url: "s3://w" },
            ],
            container: [{ image: "a" }, { image: "b" }],
            tags: { "cost-center": "cc-1", owner_team: "ml" },
        });
        expect(model.inputs).toEqual({
            primaryContainer: { image: "img", environment: { SERVED_MODEL_NAME: "gpt-4o", hf_token_file: "/t" }, modelDataUrl: "s3://w" },
            containers: [{ image: "a" }, { image: "b" }],
            tags: { "cost-center": "cc-1", owner_team: "ml" },
        });
        expect(model.renamed["container"]).toEqual(["containers"]);
    });

    it("turns a kubernetes provider resource into its Kubernetes object, a Secret's data into stringData", () => {
        const secretObject = pulumiResourceOf("registry.terraform.io/hashicorp/kubernetes", "kubernetes_secret_v1", {
            metadata: [{ name: "keys", namespace: "crm" }],
            data: secret({ OPENAI_API_KEY: "sk-x" }),
        });
        expect(secretObject).toMatchObject({
            type: "kubernetes:core/v1:Secret",
            inputs: {
                apiVersion: "v1",
                kind: "Secret",
                metadata: { name: "keys", namespace: "crm" },
                stringData: secret({ OPENAI_API_KEY: "sk-x" }),
            },
        });
        const ingress = pulumiResourceOf("registry.terraform.io/hashicorp/kubernetes", "kubernetes_ingress_v1", {
            spec: [
                {
                    rule: [
                        {
                            host: "api.openai.com",
                            http: [{ path: [{ path: "/", backend: [{ service: [{ name: "api", port: [{ number: 443 }] }] }] }] }],
                        },
                    ],
                },
            ],
        });
        expect(ingress.inputs["spec"]).toEqual({
            rules: [
                { host: "api.openai.com", http: { paths: [{ path: "/", backend: { service: { name: "api", port: { number: 443 } } } }] } },
            ],
        });
    });

    it("turns helm_release values files into YAML assets and set / set_sensitive into values", () => {
        const release = pulumiResourceOf("registry.terraform.io/hashicorp/helm", "helm_release", {
            name: "llm",
            chart: "vllm",
            repository: "https://charts.example.com",
            values: ["server:\n  model: gpt-4o\n"],
            set: [{ name: "labels.openai\\.com/workload", value: "stateless-api" }],
            set_sensitive: secret([{ name: "auth.token", value: "t0ken" }]),
        });
        expect(release.type).toBe("kubernetes:helm.sh/v3:Release");
        expect(release.inputs).toEqual({
            name: "llm",
            chart: "vllm",
            repositoryOpts: { repo: "https://charts.example.com" },
            valueYamlFiles: [{ [SIG_KEY]: "c44067f5952c0a294b673a41bacd8c17", text: "server:\n  model: gpt-4o\n" }],
            values: { labels: { "openai.com/workload": "stateless-api" }, auth: { token: secret("t0ken") } },
        });
    });

    it("reads an azapi DNS record set as azure-native's RecordSet", () => {
        const record = pulumiResourceOf("registry.terraform.io/azure/azapi", "azapi_resource", {
            type: "Microsoft.Network/dnsZones/CNAME@2018-05-01",
            name: "api",
            parent_id: "/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/dnsZones/openai.com",
            body: { properties: { TTL: 60, CNAMERecord: { cname: "api.azurefd.net" } } },
        });
        expect(record).toMatchObject({
            type: "azure-native:dns:RecordSet",
            inputs: {
                relativeRecordSetName: "api",
                zoneName: "openai.com",
                recordType: "CNAME",
                cnameRecord: { cname: "api.azurefd.net" },
            },
        });
    });
});

describe("a plan's resources, their dependencies and their providers", () => {
    it("leaves out what the provider computes, keeps unknowns the configuration sets, and skips deletions and data sources", async () => {
        const { plan } = await planOf(fixture("eks-vllm-deployment.json"));
        const cluster = byName(plan, "aws_eks_cluster.inference");
        const role = byName(plan, "aws_iam_role.cluster");
        expect(cluster.inputs["roleArn"]).toBe(UNKNOWN);
        expect(cluster.inputs).not.toHaveProperty("arn");
        expect(cluster.inputs).not.toHaveProperty("endpoint");
        expect(cluster.propertyDependencies).toEqual({ roleArn: [role.urn] });
        const container = (
            byName(plan, "module.serving.kubernetes_deployment_v1.vllm[0]").inputs as {
                spec: { template: { spec: { containers: Array<Record<string, unknown>> } } };
            }
        ).spec.template.spec.containers[0];
        expect(container).not.toHaveProperty("imagePullPolicy");
        expect(container?.["args"]).toContain("gpt-4.1");

        const file = terraformPlan({
            resource_changes: [
                change("aws_s3_bucket.gone", "aws_s3_bucket", null, {}, ["delete"]),
                change("aws_s3_bucket.forgotten", "aws_s3_bucket", null, {}, ["forget"]),
                change("aws_s3_bucket.replaced", "aws_s3_bucket", { bucket: "r" }, {}, ["delete", "create"]),
                change("aws_s3_bucket.same", "aws_s3_bucket", { bucket: "s", id: "s" }, {}, ["no-op"]),
                { ...change("data.aws_caller_identity.me", "aws_caller_identity", { account_id: "1" }, {}, ["read"]), mode: "data" },
            ],
        });
        const read = await planOf(file);
        expect(read.plan.resources.map((r) => r.name)).toEqual([
            `${path.basename(file, ".json")}-default`,
            "aws_s3_bucket.replaced",
            "aws_s3_bucket.same",
        ]);
        expect(byName(read.plan, "aws_s3_bucket.same")).toMatchObject({ id: "s", inputs: { bucket: "s" } });
        expect(read.warnings).toEqual([
            `${file} has no "configuration": the references between resources are unknown, so a Kubernetes workload's cluster and a route's backend cannot be followed`,
        ]);
    });

    it("synthesizes the Kubernetes provider whose unknown kubeconfig depends on the cluster its host comes from, through module outputs too", async () => {
        const eks = (await planOf(fixture("eks-vllm-deployment.json"))).plan;
        const deployment = byName(eks, "module.serving.kubernetes_deployment_v1.vllm[0]");
        expect(providerOf(eks, deployment)).toMatchObject({
            type: "pulumi:providers:kubernetes",
            name: "kubernetes",
            inputs: { kubeconfig: UNKNOWN },
            propertyDependencies: { kubeconfig: [byName(eks, "aws_eks_cluster.inference").urn] },
        });
        const helm = (await planOf(fixture("helm-vllm-on-eks-module.json"))).plan;
        const release = byName(helm, "helm_release.support_llm");
        expect(providerOf(helm, release)?.propertyDependencies).toEqual({
            kubeconfig: [byName(helm, "module.eks.aws_eks_cluster.this[0]").urn],
        });
        expect(release.dependencies).toEqual([byName(helm, "module.eks.aws_eks_cluster.this[0]").urn]); // depends_on = [module.eks]
    });

    it("names the cluster's server in the kubeconfig when the plan knows the host (a variable, a data source), its context when only that is known, and nothing for config_path alone (ambient)", async () => {
        const providers: Record<string, Record<string, unknown>> = {
            by_var: { host: { references: ["var.aks_host"] } },
            by_data: { host: { references: ["data.aws_eks_cluster.prod.endpoint", "data.aws_eks_cluster.prod"] } },
            by_context: {
                config_path: { constant_value: "~/.kube/config" },
                config_context: { constant_value: "arn:aws:eks:us-west-2:123456789012:cluster/prod" },
            },
            ambient: { config_path: { constant_value: "~/.kube/config" } },
        };
        const names = Object.keys(providers);
        const file = terraformPlan({
            variables: { aks_host: { value: "https://prod-dns-1a2b.hcp.eastus.azmk8s.io:443" } },
            resource_changes: names.map((name) => ({
                ...change(`kubernetes_deployment_v1.${name}`, "kubernetes_deployment_v1", { metadata: [{ name }] }),
                provider_name: "registry.terraform.io/hashicorp/kubernetes",
            })),
            prior_state: {
                format_version: "1.0",
                values: {
                    root_module: {
                        resources: [
                            {
                                address: "data.aws_eks_cluster.prod",
                                mode: "data",
                                type: "aws_eks_cluster",
                                name: "prod",
                                values: { endpoint: "https://ABC.gr7.us-west-2.eks.amazonaws.com", name: "prod" },
                            },
                        ],
                    },
                },
            },
            configuration: {
                provider_config: Object.fromEntries(
                    names.map((name) => [`kubernetes.${name}`, { name: "kubernetes", alias: name, expressions: providers[name] }]),
                ),
                root_module: {
                    resources: names.map((name) => ({
                        address: `kubernetes_deployment_v1.${name}`,
                        mode: "managed",
                        type: "kubernetes_deployment_v1",
                        name,
                        provider_config_key: `kubernetes.${name}`,
                        expressions: { metadata: [{ name: { constant_value: name } }] },
                    })),
                },
            },
        });
        const { plan } = await planOf(file);
        const inputsOf = (name: string) => providerOf(plan, byName(plan, `kubernetes_deployment_v1.${name}`))?.inputs ?? {};
        const kubeconfigOf = (name: string) => JSON.parse(inputsOf(name)["kubeconfig"] as string) as Record<string, unknown>;
        expect(kubeconfigOf("by_var")).toMatchObject({
            clusters: [{ cluster: { server: "https://prod-dns-1a2b.hcp.eastus.azmk8s.io:443" } }],
        });
        expect(kubeconfigOf("by_data")).toMatchObject({
            clusters: [{ cluster: { server: "https://ABC.gr7.us-west-2.eks.amazonaws.com" } }],
        });
        expect(kubeconfigOf("by_context")["current-context"]).toBe("arn:aws:eks:us-west-2:123456789012:cluster/prod");
        expect(kubeconfigOf("by_context")).not.toHaveProperty("clusters");
        expect(inputsOf("by_context")["context"]).toBe("arn:aws:eks:us-west-2:123456789012:cluster/prod");
        expect(inputsOf("ambient")).toEqual({});
    });

    it("keys property dependencies by the Pulumi property an attribute became (alias → aliases)", async () => {
        const { plan } = await planOf(fixture("route53-api-openai-cloudfront.json"));
        const record = byName(plan, "aws_route53_record.api2_openai_com");
        expect(record.propertyDependencies).toEqual({ aliases: [byName(plan, "aws_cloudfront_distribution.api").urn] });
        expect(record.inputs["aliases"]).toEqual([{ evaluateTargetHealth: false, name: UNKNOWN, zoneId: UNKNOWN }]);
    });

    it("carries a sensitive value as a secret", async () => {
        const { plan } = await planOf(fixture("lambda-bedrock-openai-endpoint.json"));
        const variables = (
            byName(plan, "aws_lambda_function.draft_reply").inputs as { environment: { variables: Record<string, unknown> } }
        ).environment.variables;
        expect(isSecret(variables["OPENAI_API_KEY"])).toBe(true);
        expect(variables["OPENAI_MODEL"]).toBe("gpt-5");
    });
});

describe("manifests", () => {
    const write = (name: string, text: string) => {
        const file = path.join(scratch, name);
        fs.writeFileSync(file, text);
        return file;
    };

    it("keeps a Secret's data secret, skips a kubeconfig, and judges the later of two objects declared twice", async () => {
        const file = write(
            "mixed.yaml",
            [
                "apiVersion: v1\nkind: Secret\nmetadata: {name: keys, namespace: crm}\ndata: {OPENAI_API_KEY: c2stcHJvai14}",
                "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: [{name: u, user: {token: t0ken}}]",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {MODEL: gpt-4o}",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {MODEL: gpt-oss-20b}",
            ].join("\n---\n"),
        );
        const input = await readInput(file, { onItem() {} }, { cluster: { cloud: "azure" } });
        expect(byName(input.plan, "crm/keys").inputs["data"]).toEqual({ OPENAI_API_KEY: secret("c2stcHJvai14") });
        expect(input.plan.resources.some((r) => r.type === "kubernetes:core/v1:Config")).toBe(false);
        expect(byName(input.plan, "cfg").inputs["data"]).toEqual({ MODEL: "gpt-oss-20b" });
        expect(input.locations?.get(byName(input.plan, "cfg").urn)).toMatchObject({ document: 4 });
        expect(input.warnings).toEqual([
            `${file} document 2 is a kubeconfig, not a Kubernetes object: skipped (give it with --kubeconfig)`,
            `kubernetes:core/v1:ConfigMap "cfg" is declared twice (${file} document 3 and ${file} document 4): the later one is judged, as \`kubectl apply\` would leave it`,
        ]);
    });

    it("registers every object with the provider --cluster-cloud makes, whose unknown kubeconfig comes from that cloud's cluster", async () => {
        const input = await readInput(
            path.join(__dirname, "fixtures", "manifests", "helm-template-vllm.yaml"),
            { onItem() {} },
            { cluster: { cloud: "gcp" } },
        );
        const cluster = byName(input.plan, "--cluster-cloud gcp");
        expect(cluster.type).toBe("gcp:container/cluster:Cluster");
        const provider = byName(input.plan, "cluster-cloud");
        expect(provider).toMatchObject({ inputs: { kubeconfig: UNKNOWN }, propertyDependencies: { kubeconfig: [cluster.urn] } });
        const objects = input.plan.resources.filter((r) => r.type.startsWith("kubernetes:"));
        expect(objects.map((r) => r.name)).toEqual([
            "inference/chat-vllm",
            "inference/chat-vllm-config",
            "inference/chat-vllm",
            "inference/chat-vllm",
            "inference/chat-vllm-test-connection",
        ]);
        expect(objects.every((r) => r.provider === `${provider.urn}::${UNKNOWN}`)).toBe(true);
    });
});
