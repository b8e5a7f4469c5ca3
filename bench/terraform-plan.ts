// Writes a large `terraform show -json` plan (format 1.2, as Terraform 1.9 writes it) for the
// checker's large-plan measurement: one EKS cluster with its kubernetes provider in the root
// module, and a `team` module called with for_each, each instance holding an IAM role, a bucket,
// Lambda functions (OpenAI clients, most of Azure OpenAI, one in fifty of Bedrock's endpoint),
// Route 53 records and Kubernetes Deployments on the cluster. Every resource has its planned
// values twice (planned_values and resource_changes, as real plans do) with the null padding,
// unknowns and sensitive marks Terraform writes, and the configuration has every expression
// with its references. Written in pieces, so a plan of any size never sits in memory whole.
import { writeInPieces } from "./file-in-pieces";

/** What was written. */
export interface TerraformPlanFile {
    file: string;
    resources: number;
    bytes: number;
    /** Resources a check must block (Lambdas calling Bedrock's OpenAI-compatible endpoint). */
    blocked: number;
}

const lambdasPerTeam = 40;
const recordsPerTeam = 29;
const deploymentsPerTeam = 29;
/** Resources of one module instance: a role, a bucket, and the three counted kinds. */
const perTeam = 2 + lambdasPerTeam + recordsPerTeam + deploymentsPerTeam;

const aws = "registry.terraform.io/hashicorp/aws";
const kubernetes = "registry.terraform.io/hashicorp/kubernetes";

interface Change {
    address: string;
    module_address?: string;
    type: string;
    name: string;
    index?: number;
    provider_name: string;
    after: Record<string, unknown>;
    after_unknown: Record<string, unknown>;
    after_sensitive: Record<string, unknown>;
}

function teamChanges(team: string, teamIndex: number): Change[] {
    const module = `module.team["${team}"]`;
    const at = (type: string, name: string, index?: number) => ({
        address: `${module}.${type}.${name}${index === undefined ? "" : `[${index}]`}`,
        module_address: module,
        type,
        name,
        ...(index === undefined ? {} : { index }),
    });
    const tags = { team, "cost-center": `cc-${1000 + teamIndex}` };
    const changes: Change[] = [
        {
            ...at("aws_iam_role", "fn"),
            provider_name: aws,
            after: {
                assume_role_policy: JSON.stringify({
                    Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } }],
                    Version: "2012-10-17",
                }),
                description: null,
                force_detach_policies: false,
                max_session_duration: 3600,
                name: `${team}-fn`,
                path: "/",
                permissions_boundary: null,
                tags,
                tags_all: tags,
            },
            after_unknown: {
                arn: true,
                create_date: true,
                id: true,
                inline_policy: true,
                managed_policy_arns: true,
                unique_id: true,
                tags: {},
                tags_all: {},
            },
            after_sensitive: {},
        },
        {
            ...at("aws_s3_bucket", "data"),
            provider_name: aws,
            after: {
                bucket: `${team}-data-${teamIndex}`,
                force_destroy: false,
                object_lock_enabled: null,
                tags,
                tags_all: tags,
                timeouts: null,
            },
            after_unknown: {
                acceleration_status: true,
                acl: true,
                arn: true,
                bucket_domain_name: true,
                bucket_regional_domain_name: true,
                cors_rule: true,
                grant: true,
                hosted_zone_id: true,
                id: true,
                lifecycle_rule: true,
                logging: true,
                policy: true,
                region: true,
                replication_configuration: true,
                request_payer: true,
                server_side_encryption_configuration: true,
                tags: {},
                tags_all: {},
                versioning: true,
                website: true,
            },
            after_sensitive: {},
        },
    ];
    for (let i = 0; i < lambdasPerTeam; i++) {
        const bedrock = (teamIndex * lambdasPerTeam + i) % 50 === 0;
        changes.push({
            ...at("aws_lambda_function", "fn", i),
            provider_name: aws,
            after: {
                architectures: ["arm64"],
                code_signing_config_arn: null,
                dead_letter_config: [],
                description: `Assistant function ${i} of ${team}`,
                environment: [
                    {
                        variables: {
                            OPENAI_API_KEY: `sk-proj-bench-${team}-${i}-0000000000000000`,
                            OPENAI_BASE_URL: bedrock
                                ? "https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1"
                                : "https://contoso.openai.azure.com/openai/v1/",
                            OPENAI_MODEL: bedrock ? "gpt-5" : "gpt-4o-mini",
                            LOG_LEVEL: "info",
                            TEAM: team,
                        },
                    },
                ],
                ephemeral_storage: [{ size: 512 }],
                file_system_config: [],
                filename: "build/app.zip",
                function_name: `${team}-fn-${i}`,
                handler: "app.handler",
                image_config: [],
                image_uri: null,
                kms_key_arn: null,
                layers: null,
                memory_size: 256,
                package_type: "Zip",
                publish: false,
                reserved_concurrent_executions: -1,
                runtime: "python3.12",
                s3_bucket: null,
                s3_key: null,
                s3_object_version: null,
                skip_destroy: false,
                snap_start: [],
                source_code_hash: "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
                tags,
                tags_all: tags,
                timeout: 30,
                timeouts: null,
                vpc_config: [],
            },
            after_unknown: {
                architectures: [false],
                arn: true,
                code_sha256: true,
                dead_letter_config: [],
                environment: [{ variables: {} }],
                ephemeral_storage: [{}],
                file_system_config: [],
                id: true,
                image_config: [],
                invoke_arn: true,
                last_modified: true,
                logging_config: true,
                qualified_arn: true,
                qualified_invoke_arn: true,
                role: true,
                signing_job_arn: true,
                signing_profile_version_arn: true,
                snap_start: [],
                source_code_size: true,
                tags: {},
                tags_all: {},
                tracing_config: true,
                version: true,
                vpc_config: [],
            },
            after_sensitive: { environment: [{ variables: { OPENAI_API_KEY: true } }], tags: {}, tags_all: {} },
        });
    }
    for (let i = 0; i < recordsPerTeam; i++) {
        changes.push({
            ...at("aws_route53_record", "svc", i),
            provider_name: aws,
            after: {
                alias: [],
                allow_overwrite: null,
                cidr_routing_policy: [],
                failover_routing_policy: [],
                geolocation_routing_policy: [],
                geoproximity_routing_policy: [],
                health_check_id: null,
                latency_routing_policy: [],
                multivalue_answer_routing_policy: null,
                name: `svc-${i}.${team}.example.com`,
                records: [`${team}-svc-${i}.azurefd.net`],
                set_identifier: null,
                timeouts: null,
                ttl: 300,
                type: "CNAME",
                weighted_routing_policy: [],
                zone_id: "Z2FDTNDATAQYW2",
            },
            after_unknown: { alias: [], fqdn: true, id: true, records: [false] },
            after_sensitive: {},
        });
    }
    for (let i = 0; i < deploymentsPerTeam; i++) {
        const labels = { app: `${team}-worker-${i}`, team };
        changes.push({
            ...at("kubernetes_deployment_v1", "worker", i),
            provider_name: kubernetes,
            after: {
                metadata: [{ annotations: null, generate_name: null, labels, name: `worker-${i}`, namespace: team }],
                spec: [
                    {
                        min_ready_seconds: 0,
                        paused: false,
                        progress_deadline_seconds: 600,
                        replicas: "2",
                        revision_history_limit: 10,
                        selector: [{ match_expressions: [], match_labels: labels }],
                        template: [
                            {
                                metadata: [{ annotations: null, generate_name: null, labels, name: null, namespace: null }],
                                spec: [
                                    {
                                        container: [
                                            {
                                                args: ["--queue", `${team}-jobs-${i}`, "--concurrency", "4"],
                                                command: null,
                                                env: [
                                                    {
                                                        name: "OPENAI_BASE_URL",
                                                        value: "https://contoso.openai.azure.com/openai/v1/",
                                                        value_from: [],
                                                    },
                                                    { name: "OPENAI_MODEL", value: "gpt-4.1-mini", value_from: [] },
                                                ],
                                                env_from: [],
                                                image: `123456789012.dkr.ecr.us-west-2.amazonaws.com/${team}/worker:1.${i}.0`,
                                                name: "worker",
                                                port: [
                                                    { container_port: 8080, host_ip: null, host_port: null, name: "http", protocol: "TCP" },
                                                ],
                                                resources: [{ limits: { cpu: "1", memory: "1Gi" }, requests: null }],
                                                volume_mount: [],
                                                working_dir: null,
                                            },
                                        ],
                                        restart_policy: "Always",
                                        termination_grace_period_seconds: 30,
                                        toleration: [],
                                        volume: [],
                                    },
                                ],
                            },
                        ],
                    },
                ],
                timeouts: null,
                wait_for_rollout: true,
            },
            after_unknown: {
                id: true,
                metadata: [{ generation: true, labels: {}, resource_version: true, uid: true }],
                spec: [
                    {
                        selector: [{ match_expressions: [], match_labels: {} }],
                        strategy: true,
                        template: [
                            {
                                metadata: [{ labels: {} }],
                                spec: [
                                    {
                                        container: [
                                            {
                                                args: [false, false, false, false],
                                                env: [{ value_from: [] }, { value_from: [] }],
                                                image_pull_policy: true,
                                                port: [{}],
                                                resources: [{ limits: {}, requests: true }],
                                                termination_message_path: true,
                                            },
                                        ],
                                        dns_policy: true,
                                        service_account_name: true,
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
            after_sensitive: {},
        });
    }
    return changes;
}

/** The root module's cluster, which every team's Deployments run on through the kubernetes provider. */
function clusterChange(): Change {
    return {
        address: "aws_eks_cluster.main",
        type: "aws_eks_cluster",
        name: "main",
        provider_name: aws,
        after: {
            name: "workers-prod",
            version: "1.33",
            vpc_config: [{ subnet_ids: ["subnet-0a1b2c3d4e5f60718", "subnet-0f9e8d7c6b5a40392"] }],
        },
        after_unknown: {
            arn: true,
            endpoint: true,
            id: true,
            certificate_authority: true,
            role_arn: true,
            vpc_config: [{ subnet_ids: [false, false] }],
        },
        after_sensitive: {},
    };
}

const refs = (...references: string[]) => ({ references });
const constant = (value: unknown) => ({ constant_value: value });

function configuration(): Record<string, unknown> {
    const resource = (type: string, name: string, expressions: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
        address: `${type}.${name}`,
        mode: "managed",
        type,
        name,
        provider_config_key: type.startsWith("kubernetes_") ? "kubernetes" : "aws",
        expressions,
        schema_version: 0,
        ...extra,
    });
    return {
        provider_config: {
            aws: { name: "aws", full_name: aws, expressions: { region: constant("us-west-2") } },
            kubernetes: {
                name: "kubernetes",
                full_name: kubernetes,
                expressions: {
                    host: refs("aws_eks_cluster.main.endpoint", "aws_eks_cluster.main"),
                    cluster_ca_certificate: refs("aws_eks_cluster.main.certificate_authority[0].data", "aws_eks_cluster.main"),
                    exec: [
                        {
                            api_version: constant("client.authentication.k8s.io/v1beta1"),
                            command: constant("aws"),
                            args: refs("aws_eks_cluster.main.name", "aws_eks_cluster.main"),
                        },
                    ],
                },
            },
        },
        root_module: {
            resources: [
                resource("aws_eks_cluster", "main", {
                    name: constant("workers-prod"),
                    version: constant("1.33"),
                    role_arn: refs("var.cluster_role_arn"),
                    vpc_config: [{ subnet_ids: constant(["subnet-0a1b2c3d4e5f60718", "subnet-0f9e8d7c6b5a40392"]) }],
                }),
            ],
            module_calls: {
                team: {
                    source: "./modules/team",
                    for_each_expression: refs("var.teams"),
                    expressions: { team: refs("each.key") },
                    module: {
                        resources: [
                            resource("aws_iam_role", "fn", { assume_role_policy: {}, name: refs("var.team"), tags: refs("local.tags") }),
                            resource("aws_s3_bucket", "data", { bucket: refs("var.team"), tags: refs("local.tags") }),
                            resource(
                                "aws_lambda_function",
                                "fn",
                                {
                                    environment: [{ variables: refs("var.team", "var.openai_api_key") }],
                                    function_name: refs("var.team", "count.index"),
                                    role: refs("aws_iam_role.fn.arn", "aws_iam_role.fn"),
                                    handler: constant("app.handler"),
                                    runtime: constant("python3.12"),
                                    tags: refs("local.tags"),
                                },
                                { count_expression: constant(lambdasPerTeam) },
                            ),
                            resource(
                                "aws_route53_record",
                                "svc",
                                {
                                    name: refs("var.team", "count.index"),
                                    records: refs("var.team"),
                                    ttl: constant(300),
                                    type: constant("CNAME"),
                                    zone_id: constant("Z2FDTNDATAQYW2"),
                                },
                                { count_expression: constant(recordsPerTeam) },
                            ),
                            resource(
                                "kubernetes_deployment_v1",
                                "worker",
                                {
                                    metadata: [{ labels: refs("var.team"), name: refs("count.index"), namespace: refs("var.team") }],
                                    spec: [
                                        {
                                            replicas: constant(2),
                                            selector: [{ match_labels: refs("var.team") }],
                                            template: [
                                                {
                                                    metadata: [{ labels: refs("var.team") }],
                                                    spec: [
                                                        {
                                                            container: [
                                                                {
                                                                    args: refs("var.team", "count.index"),
                                                                    env: [
                                                                        {
                                                                            name: constant("OPENAI_BASE_URL"),
                                                                            value: constant("https://contoso.openai.azure.com/openai/v1/"),
                                                                        },
                                                                        { name: constant("OPENAI_MODEL"), value: constant("gpt-4.1-mini") },
                                                                    ],
                                                                    image: refs("var.team", "count.index"),
                                                                    name: constant("worker"),
                                                                    port: [{ container_port: constant(8080), name: constant("http") }],
                                                                    resources: [{ limits: constant({ cpu: "1", memory: "1Gi" }) }],
                                                                },
                                                            ],
                                                        },
                                                    ],
                                                },
                                            ],
                                        },
                                    ],
                                },
                                { count_expression: constant(deploymentsPerTeam) },
                            ),
                        ],
                        variables: { team: {}, openai_api_key: { sensitive: true } },
                    },
                },
            },
            variables: { cluster_role_arn: {}, teams: {}, openai_api_key: { sensitive: true } },
        },
    };
}

/**
 * Writes a plan of about `resources` resources (whole teams of {@link perTeam}, plus the cluster).
 *
 * @example
 * writeTerraformPlan("/tmp/plan-20k.json", 20_000); // { resources: 20_001, blocked: 160, … }
 */
export function writeTerraformPlan(file: string, resources: number): TerraformPlanFile {
    const teams = Math.max(1, Math.round(resources / perTeam));
    const teamNames = Array.from({ length: teams }, (_, t) => `team-${String(t).padStart(4, "0")}`);
    let written = 0;
    let blocked = 0;
    const bytes = writeInPieces(file, (write) => {
        write(
            `{"format_version":"1.2","terraform_version":"1.9.5","variables":${JSON.stringify({
                cluster_role_arn: { value: "arn:aws:iam::123456789012:role/eks-cluster" },
                openai_api_key: { value: "sk-proj-bench-0000000000000000" },
                teams: { value: Object.fromEntries(teamNames.map((team) => [team, {}])) },
            })},"planned_values":{"root_module":{"resources":[`,
        );
        // planned_values: the cluster in the root module, each team's resources in its child module.
        write(JSON.stringify(plannedValueOf(clusterChange())));
        write(`],"child_modules":[`);
        teamNames.forEach((team, t) => {
            const changes = teamChanges(team, t);
            write(
                `${t === 0 ? "" : ","}{"resources":[${changes.map((c) => JSON.stringify(plannedValueOf(c))).join(",")}],"address":"module.team[\\"${team}\\"]"}`,
            );
        });
        write(`]}},"resource_changes":[`);
        // One team's changes at a time, the cluster first.
        for (let t = -1; t < teamNames.length; t++) {
            for (const c of t < 0 ? [clusterChange()] : teamChanges(teamNames[t] as string, t)) {
                const { after, after_unknown, after_sensitive, ...head } = c;
                const change = { actions: ["create"], before: null, after, after_unknown, before_sensitive: false, after_sensitive };
                write(`${written === 0 ? "" : ","}${JSON.stringify({ ...head, mode: "managed", change })}`);
                written++;
                const variables = (after["environment"] as Array<{ variables: { OPENAI_MODEL: string } }> | undefined)?.[0]?.variables;
                if (c.type === "aws_lambda_function" && variables?.OPENAI_MODEL === "gpt-5") {
                    blocked++;
                }
            }
        }
        write(
            `],"configuration":${JSON.stringify(configuration())},"timestamp":"2026-11-26T09:14:03Z","applyable":true,"complete":true,"errored":false}\n`,
        );
    });
    return { file, resources: written, bytes, blocked };
}

function plannedValueOf(c: Change): Record<string, unknown> {
    return {
        address: c.address,
        mode: "managed",
        type: c.type,
        name: c.name,
        ...(c.index === undefined ? {} : { index: c.index }),
        provider_name: c.provider_name,
        schema_version: 0,
        values: c.after,
        sensitive_values: c.after_sensitive,
    };
}
