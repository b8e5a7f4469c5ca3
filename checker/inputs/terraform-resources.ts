// A Terraform resource as the Pulumi resource the pack judges: its provider's package, its type
// token, and its planned values in the shape of the Pulumi provider's inputs.
//
// The pack reads every resource by the shape of its inputs, and compares key names after
// normalising camelCase and snake_case; so most resources need only their snake_case attributes
// camel-cased. A few types are refined by the pack's tables (the field of a Bedrock resource that
// holds the model, the records of a DNS record, the routes of a load-balancer rule, the cluster
// types a kubeconfig comes from), keyed by Pulumi type token and camelCase property path: those
// types get the exact token and the bridged provider's shape, where Terraform's single-element
// block lists are objects and some block names are plural (`alias` → `aliases`). Kubernetes
// resources of the Terraform kubernetes provider become Kubernetes objects (`container` →
// `containers`, blocks flattened), `kubernetes_manifest` and `kubectl_manifest` the object they
// hold, and `helm_release` a Helm Release whose values files and `set` values are its values.
import { parseAllDocuments } from "yaml";
import { ASSET_SIG, SIG_KEY, isSecret, isUnknown } from "../../harness/plan";
import { isObject, secretOf } from "./terraform-values";

type Obj = Record<string, unknown>;

/** A Terraform resource as a Pulumi resource: type token, inputs, and where each Terraform attribute went. */
export interface ConvertedResource {
    type: string;
    inputs: Obj;
    /** Top-level Terraform attributes whose input properties are not their camel case. */
    renamed: Readonly<Record<string, readonly string[]>>;
    /** The attribute that holds every input property (`manifest`, `yaml_body`, `body`), if one does. */
    heldIn?: string;
}

/**
 * The input properties a top-level Terraform attribute (a key of the configuration's
 * expressions) became: what the property dependencies of a converted resource are keyed by.
 *
 * @example
 * propertiesOfAttribute({ renamed: { alias: ["aliases"] } }, [], "alias"); // ["aliases"]
 * propertiesOfAttribute({ renamed: {} }, [], "zone_id"); // ["zoneId"]
 */
export function propertiesOfAttribute(
    resource: Pick<ConvertedResource, "renamed" | "heldIn">,
    inputKeys: readonly string[],
    attribute: string,
): readonly string[] {
    return attribute === resource.heldIn ? inputKeys : (resource.renamed[attribute] ?? [camelOf(attribute)]);
}

/** Pulumi packages of Terraform providers, by provider type (the last part of `registry.terraform.io/<namespace>/<type>`). */
const packageOfProviderType: ReadonlyMap<string, string> = new Map([
    ["aws", "aws"],
    ["awscc", "aws-native"],
    ["azurerm", "azure"],
    ["azapi", "azure-native"],
    ["google", "gcp"],
    ["google-beta", "gcp"],
    ["kubernetes", "kubernetes"],
    ["helm", "kubernetes"],
    ["kubectl", "kubernetes"],
    ["oci", "oci"],
    ["alicloud", "alicloud"],
    ["digitalocean", "digitalocean"],
    ["hcloud", "hcloud"],
    ["linode", "linode"],
    ["vultr", "vultr"],
    ["cloudflare", "cloudflare"],
    ["ibm", "ibm"],
    ["docker", "docker"],
]);

/** The provider type of a provider address: `registry.terraform.io/hashicorp/aws` → `aws` (`registry.opentofu.org/…` alike). */
export function providerTypeOf(providerName: string): string {
    return providerName.split("/").pop() ?? providerName;
}

/** The Pulumi package a Terraform provider's resources belong to; an unmapped provider keeps its own name (the pack places it off Azure). */
export function packageOf(providerType: string): string {
    return packageOfProviderType.get(providerType) ?? providerType;
}

// ---------------------------------------------------------------------------------------------
// Names

const snakeIdentifier = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;

/** `model_arn` → `modelArn`; anything that is not a snake_case identifier (env names, tag keys) stays as it is. */
export function camelOf(name: string): string {
    return snakeIdentifier.test(name) ? name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : name;
}

/** `model_arn` → `ModelArn`. */
function pascalOf(name: string): string {
    const camel = camelOf(name);
    return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** `<pkg>:<module>/<camel>:<Pascal>`, the token shape of bridged providers. */
function bridgedToken(pkg: string, module: string, rest: string): string {
    return `${pkg}:${module}/${camelOf(rest)}:${pascalOf(rest)}`;
}

/**
 * Module prefixes of Terraform type names whose Pulumi module is spelt differently, longest
 * first; `resource` prefixes the rest (`aws_bedrockagent_agent` → `aws:bedrock/agentAgent:AgentAgent`).
 */
const modulePrefixes: ReadonlyMap<string, ReadonlyArray<[prefix: string, module: string, resource?: string]>> = new Map([
    [
        "aws",
        [
            ["api_gateway_", "apigateway"],
            ["bedrockagentcore_", "bedrock", "agentcore_"],
            ["bedrockagent_", "bedrock", "agent_"],
            ["db_", "rds"],
        ],
    ],
    [
        "gcp",
        [
            ["cloud_run_v2_", "cloudrunv2"],
            ["cloud_run_", "cloudrun"],
            ["secret_manager_", "secretmanager"],
            ["artifact_registry_", "artifactregistry"],
            ["cloud_scheduler_", "cloudscheduler"],
            ["certificate_manager_", "certificatemanager"],
            ["network_services_", "networkservices"],
            ["vertex_ai_", "vertex", "ai_"],
        ],
    ],
    [
        "oci",
        [
            ["generative_ai_", "GenerativeAi"],
            ["containerengine_", "ContainerEngine"],
            ["data_science_", "DataScience"],
            ["load_balancer_", "LoadBalancer"],
            ["objectstorage_", "ObjectStorage"],
            ["core_", "Core"],
            ["identity_", "Identity"],
            ["functions_", "Functions"],
            ["dns_", "Dns"],
        ],
    ],
]);

/** Tokens that follow no rule (mostly the EC2 family, which Terraform names without a module). */
const exactTokens: ReadonlyMap<string, string> = new Map([
    ["aws_instance", "aws:ec2/instance:Instance"],
    ["aws_launch_template", "aws:ec2/launchTemplate:LaunchTemplate"],
    ["aws_security_group", "aws:ec2/securityGroup:SecurityGroup"],
    ["aws_vpc", "aws:ec2/vpc:Vpc"],
    ["aws_subnet", "aws:ec2/subnet:Subnet"],
    ["aws_eip", "aws:ec2/eip:Eip"],
    ["aws_spot_instance_request", "aws:ec2/spotInstanceRequest:SpotInstanceRequest"],
    ["aws_lb", "aws:lb/loadBalancer:LoadBalancer"],
    ["aws_alb", "aws:alb/loadBalancer:LoadBalancer"],
    ["aws_s3_object", "aws:s3/bucketObjectv2:BucketObjectv2"],
    ["aws_s3_bucket_object", "aws:s3/bucketObject:BucketObject"],
    ["azurerm_kubernetes_cluster", "azure:containerservice/kubernetesCluster:KubernetesCluster"],
    ["azurerm_container_app", "azure:containerapp/app:App"],
    ["azurerm_container_app_environment", "azure:containerapp/environment:Environment"],
    ["azurerm_container_group", "azure:containerservice/group:Group"],
    ["azurerm_linux_web_app", "azure:appservice/linuxWebApp:LinuxWebApp"],
    ["azurerm_windows_web_app", "azure:appservice/windowsWebApp:WindowsWebApp"],
    ["azurerm_linux_function_app", "azure:appservice/linuxFunctionApp:LinuxFunctionApp"],
    ["azurerm_cognitive_account", "azure:cognitive/account:Account"],
    ["azurerm_cognitive_deployment", "azure:cognitive/deployment:Deployment"],
    ["azurerm_resource_group", "azure:core/resourceGroup:ResourceGroup"],
    ["azurerm_dns_cname_record", "azure:dns/cNameRecord:CNameRecord"],
    ["google_service_account", "gcp:serviceaccount/account:Account"],
    ["google_project", "gcp:organizations/project:Project"],
    ["helm_release", "kubernetes:helm.sh/v3:Release"],
]);

/** Packages whose every resource is in the `index` module (`digitalocean:index/droplet:Droplet`). */
const indexModulePackages = new Set(["digitalocean", "hcloud", "linode", "vultr", "cloudflare", "docker", "random", "tls", "time", "null"]);

/**
 * The Pulumi type token of a Terraform resource type: exact for the types the pack's tables
 * refine, by the bridged providers' naming rule for the rest.
 *
 * @example
 * tokenOf("aws", "aws", "aws_bedrock_provisioned_model_throughput"); // "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput"
 * tokenOf("azure-native", "azapi", "azapi_resource"); // "azure-native:index/resource:Resource" (azapi resources take their token from `type`)
 */
export function tokenOf(pkg: string, providerType: string, tfType: string): string {
    const exact = exactTokens.get(tfType);
    if (exact) {
        return exact;
    }
    const rest = tfType.startsWith(`${providerType}_`) ? tfType.slice(providerType.length + 1) : tfType.replace(/^[a-z0-9]+_/, "");
    if (pkg === "aws-native") {
        const [module, ...resource] = rest.split("_");
        return `aws-native:${module}:${pascalOf(resource.join("_") || module)}`;
    }
    if (indexModulePackages.has(pkg) || !rest.includes("_")) {
        return bridgedToken(pkg, "index", rest);
    }
    for (const [prefix, module, resource] of modulePrefixes.get(pkg) ?? []) {
        if (rest.startsWith(prefix)) {
            return bridgedToken(pkg, module, `${resource ?? ""}${rest.slice(prefix.length)}`);
        }
    }
    const split = rest.indexOf("_");
    const module = rest.slice(0, split);
    return bridgedToken(pkg, pkg === "oci" ? pascalOf(module) : module, rest.slice(split + 1));
}

// ---------------------------------------------------------------------------------------------
// Shapes of bridged providers

/**
 * How a Terraform type's attributes become its Pulumi inputs. Paths are Terraform attribute names
 * joined by `.` (a list's elements share its path).
 */
interface ShapeRule {
    /** Single-element block lists that the Pulumi provider has as objects (MaxItems = 1). */
    objects?: readonly string[];
    /** Pulumi names that are not the camel case of the Terraform name (mostly plurals). */
    renames?: Readonly<Record<string, string>>;
}

const shapeRules: ReadonlyMap<string, ShapeRule> = new Map<string, ShapeRule>([
    [
        "aws_lambda_function",
        {
            objects: [
                "environment",
                "vpc_config",
                "tracing_config",
                "dead_letter_config",
                "image_config",
                "ephemeral_storage",
                "logging_config",
                "snap_start",
                "file_system_config",
            ],
        },
    ],
    ["aws_bedrock_inference_profile", { objects: ["model_source"] }],
    [
        "aws_bedrockagent_knowledge_base",
        {
            objects: [
                "knowledge_base_configuration",
                "knowledge_base_configuration.vector_knowledge_base_configuration",
                "storage_configuration",
            ],
        },
    ],
    [
        "aws_sagemaker_model",
        {
            objects: [
                "primary_container",
                "primary_container.image_config",
                "primary_container.model_data_source",
                "primary_container.model_data_source.s3_data_source",
                "container.image_config",
                "container.model_data_source",
                "container.model_data_source.s3_data_source",
                "vpc_config",
                "inference_execution_config",
            ],
            renames: { container: "containers" },
        },
    ],
    ["aws_sagemaker_endpoint_configuration", { objects: ["data_capture_config", "async_inference_config"] }],
    ["aws_sagemaker_endpoint", { objects: ["deployment_config"] }],
    [
        "aws_ecs_task_definition",
        {
            objects: ["runtime_platform", "ephemeral_storage", "proxy_configuration"],
            renames: { volume: "volumes", inference_accelerator: "inferenceAccelerators" },
        },
    ],
    [
        "aws_ecs_service",
        {
            objects: ["network_configuration", "deployment_circuit_breaker", "deployment_controller", "service_registries", "alarms"],
            renames: {
                load_balancer: "loadBalancers",
                capacity_provider_strategy: "capacityProviderStrategies",
                ordered_placement_strategy: "orderedPlacementStrategies",
            },
        },
    ],
    [
        "aws_route53_record",
        {
            objects: ["cidr_routing_policy", "geoproximity_routing_policy"],
            renames: {
                alias: "aliases",
                weighted_routing_policy: "weightedRoutingPolicies",
                latency_routing_policy: "latencyRoutingPolicies",
                failover_routing_policy: "failoverRoutingPolicies",
                geolocation_routing_policy: "geolocationRoutingPolicies",
            },
        },
    ],
    [
        "aws_cloudfront_distribution",
        {
            objects: [
                "default_cache_behavior",
                "default_cache_behavior.forwarded_values",
                "default_cache_behavior.forwarded_values.cookies",
                "ordered_cache_behavior.forwarded_values",
                "ordered_cache_behavior.forwarded_values.cookies",
                "origin.custom_origin_config",
                "origin.s3_origin_config",
                "origin.origin_shield",
                "viewer_certificate",
                "restrictions",
                "restrictions.geo_restriction",
                "logging_config",
            ],
            renames: {
                origin: "origins",
                "origin.custom_header": "customHeaders",
                ordered_cache_behavior: "orderedCacheBehaviors",
                "ordered_cache_behavior.lambda_function_association": "lambdaFunctionAssociations",
                "ordered_cache_behavior.function_association": "functionAssociations",
                "default_cache_behavior.lambda_function_association": "lambdaFunctionAssociations",
                "default_cache_behavior.function_association": "functionAssociations",
                custom_error_response: "customErrorResponses",
                origin_group: "originGroups",
            },
        },
    ],
    [
        "aws_lb_listener_rule",
        {
            objects: [
                "condition.path_pattern",
                "condition.host_header",
                "condition.http_request_method",
                "condition.source_ip",
                "condition.http_header",
                "action.forward",
                "action.forward.stickiness",
                "action.redirect",
                "action.fixed_response",
                "action.authenticate_cognito",
                "action.authenticate_oidc",
            ],
            renames: {
                condition: "conditions",
                "condition.query_string": "queryStrings",
                action: "actions",
                "action.forward.target_group": "targetGroups",
            },
        },
    ],
    ["aws_api_gateway_domain_name", { objects: ["endpoint_configuration", "mutual_tls_authentication"] }],
    ["aws_apigatewayv2_domain_name", { objects: ["domain_name_configuration", "mutual_tls_authentication"] }],
    [
        "aws_eks_cluster",
        {
            objects: [
                "vpc_config",
                "access_config",
                "kubernetes_network_config",
                "certificate_authority",
                "upgrade_policy",
                "compute_config",
                "storage_config",
            ],
            renames: { encryption_config: "encryptionConfig" },
        },
    ],
    [
        "aws_instance",
        {
            objects: [
                "metadata_options",
                "root_block_device",
                "credit_specification",
                "launch_template",
                "cpu_options",
                "enclave_options",
                "maintenance_options",
                "private_dns_name_options",
                "capacity_reservation_specification",
                "instance_market_options",
            ],
            renames: {
                ebs_block_device: "ebsBlockDevices",
                ephemeral_block_device: "ephemeralBlockDevices",
                network_interface: "networkInterfaces",
            },
        },
    ],
    [
        "aws_apprunner_service",
        {
            objects: [
                "source_configuration",
                "source_configuration.image_repository",
                "source_configuration.image_repository.image_configuration",
                "source_configuration.code_repository",
                "source_configuration.authentication_configuration",
                "instance_configuration",
                "network_configuration",
                "health_check_configuration",
                "observability_configuration",
            ],
        },
    ],
    [
        "google_cloud_run_v2_service",
        {
            objects: [
                "template",
                "template.scaling",
                "template.vpc_access",
                "template.containers.resources",
                "template.containers.ports",
                "template.containers.startup_probe",
                "template.containers.liveness_probe",
                "template.containers.env.value_source",
                "template.containers.env.value_source.secret_key_ref",
                "binary_authorization",
                "scaling",
            ],
            renames: { "template.containers.env": "envs", traffic: "traffics" },
        },
    ],
    [
        "google_compute_instance",
        {
            objects: [
                "boot_disk",
                "boot_disk.initialize_params",
                "scheduling",
                "shielded_instance_config",
                "service_account",
                "confidential_instance_config",
                "advanced_machine_features",
                "reservation_affinity",
                "params",
            ],
            renames: {
                network_interface: "networkInterfaces",
                "network_interface.access_config": "accessConfigs",
                attached_disk: "attachedDisks",
                scratch_disk: "scratchDisks",
                guest_accelerator: "guestAccelerators",
            },
        },
    ],
    [
        "google_vertex_ai_endpoint_with_model_garden_deployment",
        { objects: ["model_config", "deploy_config", "endpoint_config", "deploy_config.dedicated_resources"] },
    ],
    [
        "azurerm_container_app",
        {
            objects: ["template", "ingress", "dapr", "identity", "template.container.liveness_probe", "template.container.readiness_probe"],
            renames: {
                "template.container": "containers",
                "template.container.env": "envs",
                "template.container.volume_mounts": "volumeMounts",
                "template.init_container": "initContainers",
                "template.init_container.env": "envs",
                "template.volume": "volumes",
                secret: "secrets",
                registry: "registries",
                "ingress.traffic_weight": "trafficWeights",
            },
        },
    ],
    [
        "azurerm_linux_web_app",
        {
            objects: ["site_config", "site_config.application_stack", "identity", "auth_settings", "logs"],
            renames: { connection_string: "connectionStrings", storage_account: "storageAccounts" },
        },
    ],
    ["azurerm_cognitive_deployment", { objects: ["model", "sku", "scale"] }],
    ["oci_generative_ai_imported_model", { objects: ["data_source"] }],
]);
// The ALB alias of the listener rule shares its shape.
const listenerRule = shapeRules.get("aws_lb_listener_rule")!;
const allShapeRules = new Map([...shapeRules, ["aws_alb_listener_rule", listenerRule]]);

/** Last words of attribute names whose objects are maps with user-chosen keys (env names, tag keys …), kept verbatim. */
const mapWords = new Set([
    "TAGS",
    "ALL",
    "LABELS",
    "ANNOTATIONS",
    "VARIABLES",
    "VARS",
    "ENVIRONMENT",
    "ENV",
    "SETTINGS",
    "DATA",
    "SELECTOR",
    "PARAMETERS",
    "OPTIONS",
    "METADATA",
    "LIMITS",
    "REQUESTS",
    "HEADERS",
    "SECRETS",
    "ARGUMENTS",
]);

function isMapAttribute(name: string): boolean {
    const words = name.toUpperCase().split("_");
    return mapWords.has(words[words.length - 1]);
}

/** Applies `f` inside a secret, keeping it secret; unknowns pass unchanged. */
function inside(value: unknown, f: (inner: unknown) => unknown): unknown {
    if (isSecret(value)) {
        const inner = f(value.value);
        return inner === undefined ? undefined : secretOf(inner);
    }
    return f(value);
}

/** The only element of a single-element block list; an empty list is nothing; an unknown stays unknown. */
function flattened(value: unknown): unknown {
    return inside(value, (inner) =>
        Array.isArray(inner) ? (inner.length === 0 ? undefined : inner.length === 1 ? inner[0] : inner) : inner,
    );
}

/** Terraform values in a bridged provider's shape, by a type's rule. */
function bridged(value: unknown, path: string, rule: ShapeRule, map: boolean): unknown {
    return inside(value, (inner) => {
        if (Array.isArray(inner)) {
            return inner.map((item) => bridged(item, path, rule, false));
        }
        if (!isObject(inner)) {
            return inner;
        }
        const result: Obj = {};
        for (const [key, child] of Object.entries(inner)) {
            if (map) {
                result[key] = child;
                continue;
            }
            const childPath = path === "" ? key : `${path}.${key}`;
            let converted = bridged(child, childPath, rule, isMapAttribute(key) && isObject(isSecret(child) ? child.value : child));
            if (rule.objects?.includes(childPath)) {
                converted = flattened(converted);
            }
            if (converted !== undefined) {
                result[rule.renames?.[childPath] ?? camelOf(key)] = converted;
            }
        }
        return result;
    });
}

/** The top-level renames of a rule, as {@link ConvertedResource.renamed} (computed once per rule). */
const topLevelRenames = new WeakMap<ShapeRule, Record<string, readonly string[]>>();

function renamedBy(rule: ShapeRule): Record<string, readonly string[]> {
    let renamed = topLevelRenames.get(rule);
    if (!renamed) {
        renamed = Object.fromEntries(
            Object.entries(rule.renames ?? {})
                .filter(([path]) => !path.includes("."))
                .map(([path, name]) => [path, [name]]),
        );
        topLevelRenames.set(rule, renamed);
    }
    return renamed;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes (hashicorp/kubernetes resources, kubernetes_manifest, kubectl_manifest, helm_release)

/** Kubernetes kinds of the Terraform kubernetes provider's types (without `kubernetes_` and a `_v1`/`_v2` suffix). */
const kubernetesKinds: ReadonlyMap<string, [apiVersion: string, kind: string]> = new Map([
    ["deployment", ["apps/v1", "Deployment"]],
    ["stateful_set", ["apps/v1", "StatefulSet"]],
    ["daemon_set", ["apps/v1", "DaemonSet"]],
    ["daemonset", ["apps/v1", "DaemonSet"]],
    ["replication_controller", ["v1", "ReplicationController"]],
    ["job", ["batch/v1", "Job"]],
    ["cron_job", ["batch/v1", "CronJob"]],
    ["pod", ["v1", "Pod"]],
    ["service", ["v1", "Service"]],
    ["service_account", ["v1", "ServiceAccount"]],
    ["config_map", ["v1", "ConfigMap"]],
    ["secret", ["v1", "Secret"]],
    ["namespace", ["v1", "Namespace"]],
    ["persistent_volume_claim", ["v1", "PersistentVolumeClaim"]],
    ["ingress", ["networking.k8s.io/v1", "Ingress"]],
    ["network_policy", ["networking.k8s.io/v1", "NetworkPolicy"]],
    ["horizontal_pod_autoscaler", ["autoscaling/v2", "HorizontalPodAutoscaler"]],
]);

/** Block lists of the Kubernetes API (every other block of the provider is a single object), with their API names. */
const kubernetesLists: ReadonlyMap<string, string> = new Map([
    ["container", "containers"],
    ["init_container", "initContainers"],
    ["ephemeral_container", "ephemeralContainers"],
    ["port", "ports"],
    ["volume", "volumes"],
    ["volume_mount", "volumeMounts"],
    ["volume_device", "volumeDevices"],
    ["env", "env"],
    ["env_from", "envFrom"],
    ["toleration", "tolerations"],
    ["image_pull_secrets", "imagePullSecrets"],
    ["host_aliases", "hostAliases"],
    ["rule", "rules"],
    ["path", "paths"],
    ["tls", "tls"],
    ["match_expressions", "matchExpressions"],
    ["match_fields", "matchFields"],
    ["items", "items"],
    ["topology_spread_constraint", "topologySpreadConstraints"],
    ["ingress", "ingress"],
    ["egress", "egress"],
    ["from", "from"],
    ["to", "to"],
    ["ports", "ports"],
    ["subject", "subjects"],
    ["http_header", "httpHeaders"],
    ["node_selector_term", "nodeSelectorTerms"],
    ["preferred_during_scheduling_ignored_during_execution", "preferredDuringSchedulingIgnoredDuringExecution"],
    ["readiness_gate", "readinessGates"],
    ["volume_claim_template", "volumeClaimTemplates"],
    ["option", "options"],
    ["metric", "metrics"],
    ["sysctl", "sysctls"],
    ["secret", "secrets"],
]);

/** Maps of the Kubernetes API, whose keys are the user's. */
const kubernetesMaps = new Set([
    "labels",
    "annotations",
    "data",
    "string_data",
    "binary_data",
    "node_selector",
    "match_labels",
    "limits",
    "requests",
    "selector",
]);

/** Fields the API server sets, and the provider's own settings: not part of the object a user writes. */
const kubernetesServerFields = new Set(["uid", "resource_version", "generation", "wait_for_rollout", "wait_for_load_balancer", "timeouts"]);

function kubernetesObject(value: unknown, parentKey: string, map: boolean): unknown {
    return inside(value, (inner) => {
        if (Array.isArray(inner)) {
            return inner.map((item) => kubernetesObject(item, parentKey, false));
        }
        if (!isObject(inner) || map) {
            return inner;
        }
        const result: Obj = {};
        for (const [key, child] of Object.entries(inner)) {
            if (kubernetesServerFields.has(key)) {
                continue;
            }
            const isMap = kubernetesMaps.has(key) && isObject(isSecret(child) ? child.value : child);
            let converted = kubernetesObject(child, key, isMap);
            const unwrapped = isSecret(converted) ? converted.value : converted;
            const blocks = Array.isArray(unwrapped) && unwrapped.every((item) => isObject(item) || isSecret(item) || isUnknown(item));
            // A block list of the API (an Ingress backend's service has one port; everywhere else `port` is a list of ports).
            const list = kubernetesLists.get(key);
            const isList = blocks && list !== undefined && !(key === "port" && parentKey === "service");
            if (blocks && !isList) {
                converted = flattened(converted);
            }
            if (converted !== undefined) {
                result[(isList ? list : undefined) ?? camelOf(key)] = converted;
            }
        }
        return result;
    });
}

function kubernetesResource(tfType: string, planned: Obj): ConvertedResource | undefined {
    const name = tfType.replace(/^kubernetes_/, "").replace(/_v\d+(beta\d+)?$/, "");
    const kind = kubernetesKinds.get(name);
    if (kind === undefined) {
        return undefined;
    }
    const [apiVersion, kindName] = kind;
    const object = kubernetesObject(planned, "", false) as Obj;
    if (kindName === "Secret") {
        // The provider takes a Secret's data as plain text and encodes it; the API's `data` is base64.
        const { data, binaryData, ...rest } = object;
        const secret: Obj = { ...rest };
        if (data !== undefined) {
            secret["stringData"] = data;
        }
        if (binaryData !== undefined) {
            secret["data"] = binaryData;
        }
        return objectResource(apiVersion, kindName, secret, { data: ["stringData"], binary_data: ["data"] });
    }
    return objectResource(apiVersion, kindName, object, {});
}

/** The Pulumi token of a Kubernetes object: `kubernetes:<group>/<version>:<Kind>`, the core group as `core`. */
export function kubernetesTokenOf(apiVersion: string, kind: string): string {
    return `kubernetes:${apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`}:${kind}`;
}

function objectResource(apiVersion: string, kind: string, object: Obj, renamed: Record<string, string[]>): ConvertedResource {
    return { type: kubernetesTokenOf(apiVersion, kind), inputs: { apiVersion, kind, ...object }, renamed };
}

/** A Kubernetes object held whole in one attribute (`kubernetes_manifest.manifest`, `kubectl_manifest.yaml_body`); every property comes from that attribute. */
function heldObject(object: unknown, attribute: string): ConvertedResource | undefined {
    const inner = isSecret(object) ? object.value : object;
    if (!isObject(inner) || typeof inner["apiVersion"] !== "string" || typeof inner["kind"] !== "string") {
        return undefined;
    }
    const inputs = isSecret(object) ? Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, secretOf(v)])) : { ...inner };
    return {
        type: kubernetesTokenOf(inner["apiVersion"], inner["kind"]),
        inputs: { ...inputs, apiVersion: inner["apiVersion"], kind: inner["kind"] },
        renamed: {},
        heldIn: attribute,
    };
}

function yamlObject(text: unknown): unknown {
    return inside(text, (inner) => {
        if (typeof inner !== "string" || isUnknown(inner)) {
            return undefined;
        }
        try {
            const documents = parseAllDocuments(inner);
            const first = Array.isArray(documents) ? documents[0] : undefined;
            return first && first.errors.length === 0 ? (first.toJS({ maxAliasCount: 100 }) as unknown) : undefined;
        } catch {
            return undefined;
        }
    });
}

/** `a.b[0].c` (dots escaped as `\.`) set to `value` inside `root`. */
function setHelmValue(root: Obj, name: string, value: unknown): void {
    const parts = name.split(/(?<!\\)\./).map((part) => part.replace(/\\\./g, "."));
    let node: Obj | unknown[] = root;
    parts.forEach((part, i) => {
        const match = /^(.*?)\[(\d+)\]$/.exec(part);
        const key = match ? match[1] : part;
        const last = i === parts.length - 1;
        const container = node as Obj;
        if (match) {
            const list = (Array.isArray(container[key]) ? container[key] : (container[key] = [])) as unknown[];
            const index = Number(match[2]);
            if (last) {
                list[index] = value;
            } else {
                node = (isObject(list[index]) ? list[index] : (list[index] = {})) as Obj;
            }
        } else if (last) {
            container[key] = value;
        } else {
            node = (isObject(container[key]) ? container[key] : (container[key] = {})) as Obj;
        }
    });
}

/** helm_release as a Pulumi Helm Release: `values` files as YAML assets, `set`/`set_list`/`set_sensitive` as its values. */
function helmRelease(planned: Obj): ConvertedResource {
    const { values, set, set_list, set_sensitive, repository, metadata: _computed, ...rest } = planned;
    const inputs = bridged(rest, "", {}, false) as Obj;
    if (repository !== undefined) {
        inputs["repositoryOpts"] = { repo: repository };
    }
    const files = inside(values, (list) =>
        Array.isArray(list)
            ? list.map((text) => inside(text, (yaml) => (isUnknown(yaml) ? yaml : { [SIG_KEY]: ASSET_SIG, text: yaml })))
            : list,
    );
    if (files !== undefined) {
        inputs["valueYamlFiles"] = files;
    }
    const given: Obj = {};
    for (const entries of [set, set_list, set_sensitive]) {
        const list = isSecret(entries) ? entries.value : entries;
        for (const entry of Array.isArray(list) ? list : []) {
            const record = isSecret(entry) ? entry.value : entry;
            if (isObject(record) && typeof record["name"] === "string") {
                const value = isSecret(entries) && !isSecret(record["value"]) ? secretOf(record["value"]) : record["value"];
                setHelmValue(given, record["name"], value);
            }
        }
    }
    if (Object.keys(given).length > 0) {
        inputs["values"] = given;
    }
    return { type: "kubernetes:helm.sh/v3:Release", inputs, renamed: helmRenamed };
}

const helmRenamed = {
    values: ["valueYamlFiles"],
    set: ["values"],
    set_list: ["values"],
    set_sensitive: ["values"],
    repository: ["repositoryOpts"],
};

// ---------------------------------------------------------------------------------------------
// azapi: ARM resources as azure-native ones

/** `containerApps` → `ContainerApp`. */
function singularPascal(name: string): string {
    const singular = name.endsWith("ies") ? `${name.slice(0, -3)}y` : name.endsWith("s") ? name.slice(0, -1) : name;
    return singular.charAt(0).toUpperCase() + singular.slice(1);
}

/** ARM's `CNAMERecord`, `ARecords`, `TTL` → azure-native's `cnameRecord`, `aRecords`, `ttl`. */
function armToNativeName(name: string): string {
    const match = /^([A-Z]+)(?=[A-Z][a-z]|$)/.exec(name);
    return match ? match[1].toLowerCase() + name.slice(match[1].length) : name.charAt(0).toLowerCase() + name.slice(1);
}

function azapiResource(planned: Obj): ConvertedResource {
    const armType = typeof planned["type"] === "string" ? planned["type"].split("@")[0] : undefined;
    const segments = armType?.split("/") ?? [];
    const namespace = (segments[0] ?? "").replace(/^Microsoft\./i, "").toLowerCase();
    const rawBody = isSecret(planned["body"]) ? planned["body"].value : planned["body"];
    let body: unknown = rawBody;
    if (typeof rawBody === "string" && !isUnknown(rawBody)) {
        try {
            body = JSON.parse(rawBody); // azapi before v2 took the body as a JSON string
        } catch {
            body = rawBody;
        }
    }
    const wrap = (value: unknown) => (isSecret(planned["body"]) ? secretOf(value) : value);
    const inputs: Obj = {};
    for (const key of ["name", "location", "tags", "parentId"]) {
        const value = planned[key === "parentId" ? "parent_id" : key];
        if (value !== undefined) {
            inputs[key] = value;
        }
    }
    if (isObject(body)) {
        const { properties, ...top } = body;
        Object.assign(inputs, Object.fromEntries(Object.entries(top).map(([k, v]) => [k, wrap(v)])));
        if (isObject(properties)) {
            Object.assign(inputs, Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, wrap(v)])));
        }
    } else if (body !== undefined) {
        inputs["body"] = planned["body"];
    }
    let type = `azure-native:${namespace || "resources"}:${singularPascal(segments[segments.length - 1] ?? "Resource")}`;
    // A DNS record set: `Microsoft.Network/dnsZones/CNAME`, named relative to the zone its parent_id names.
    if (namespace === "network" && segments[1]?.toLowerCase() === "dnszones" && segments.length === 3) {
        type = "azure-native:dns:RecordSet";
        for (const key of Object.keys(inputs)) {
            const native = armToNativeName(key);
            if (native !== key) {
                inputs[native] = inputs[key];
                delete inputs[key];
            }
        }
        inputs["recordType"] = segments[2].toUpperCase();
        if (typeof inputs["name"] === "string") {
            inputs["relativeRecordSetName"] = inputs["name"];
        }
        const parent = inputs["parentId"];
        inputs["zoneName"] = typeof parent === "string" && !isUnknown(parent) ? parent.split("/").pop() : parent;
    }
    return { type, inputs, renamed: { parent_id: ["parentId", "zoneName"] }, heldIn: "body" };
}

// ---------------------------------------------------------------------------------------------

/**
 * A planned Terraform resource (its `after` values in wire form) as the Pulumi resource the pack
 * judges.
 *
 * @example
 * pulumiResourceOf("registry.terraform.io/hashicorp/aws", "aws_lambda_function", { environment: [{ variables: { MODEL: "gpt-4o" } }] });
 * // { type: "aws:lambda/function:Function", inputs: { environment: { variables: { MODEL: "gpt-4o" } } }, … }
 */
export function pulumiResourceOf(providerName: string, tfType: string, planned: Obj): ConvertedResource {
    const providerType = providerTypeOf(providerName);
    const pkg = packageOf(providerType);
    if (tfType === "helm_release") {
        return helmRelease(planned);
    }
    if (tfType === "kubernetes_manifest") {
        const held = heldObject(planned["manifest"], "manifest");
        if (held) {
            return held;
        }
    }
    if (tfType === "kubectl_manifest") {
        const held = heldObject(yamlObject(planned["yaml_body"]), "yaml_body");
        if (held) {
            return held;
        }
    }
    if (providerType === "kubernetes") {
        const object = kubernetesResource(tfType, planned);
        if (object) {
            return object;
        }
    }
    if (tfType === "azapi_resource") {
        return azapiResource(planned);
    }
    const rule = allShapeRules.get(tfType) ?? {};
    return { type: tokenOf(pkg, providerType, tfType), inputs: bridged(planned, "", rule, false) as Obj, renamed: renamedBy(rule) };
}
