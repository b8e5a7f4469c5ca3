// Frontier workloads still on ECS while they migrate to Azure Container Apps. Exemptions
// live only in the policy pack's configuration (policy-config.json, passed with
// `pulumi preview --policy-pack-config`), each with a reason, an owner and an expiry:
//  - `legacy-frontier-task` has a valid exemption (MIG-142): reported as advisory only;
//  - `stale-frontier-service`'s exemption expired on 2025-06-30: blocked again;
//  - `self-exempted-task` tags itself `openai:exemption: approved`: a resource's own tags
//    never grant an exemption, so it is blocked.
import * as aws from "@pulumi/aws";

const region = "us-east-1";

const cluster = new aws.ecs.Cluster("migration-cluster", {
    name: "frontier-migration-use1",
    settings: [{ name: "containerInsights", value: "enabled" }],
    region,
    tags: { team: "platform" },
});

const executionRole = new aws.iam.Role("migration-task-execution-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "ecs-tasks.amazonaws.com" },
                Action: "sts:AssumeRole",
            },
        ],
    }),
    tags: { team: "platform" },
});

new aws.iam.RolePolicyAttachment("migration-task-execution-policy", {
    role: executionRole.name,
    policyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
});

/** Container definitions for a Frontier component (a JSON string, as ECS expects). */
function frontierContainer(name: string, image: string): string {
    return JSON.stringify([
        {
            name,
            image,
            essential: true,
            portMappings: [{ containerPort: 8443, protocol: "tcp" }],
            environment: [
                { name: "FRONTIER_DEPLOYMENT", value: "enterprise-us" },
                { name: "PORT", value: "8443" },
            ],
            logConfiguration: {
                logDriver: "awslogs",
                options: {
                    "awslogs-group": `/ecs/${name}`,
                    "awslogs-region": region,
                    "awslogs-stream-prefix": name,
                    "awslogs-create-group": "true",
                },
            },
        },
    ]);
}

// Exempted until 2099-12-31 in policy-config.json.
const legacyTask = new aws.ecs.TaskDefinition("legacy-frontier-task", {
    family: "frontier-legacy-worker",
    requiresCompatibilities: ["FARGATE"],
    networkMode: "awsvpc",
    cpu: "1024",
    memory: "2048",
    executionRoleArn: executionRole.arn,
    containerDefinitions: frontierContainer(
        "frontier-legacy-worker",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/frontier/worker:2025.11.7",
    ),
    region,
    tags: { team: "frontier", "openai:product": "frontier" },
});

// Its exemption expired on 2025-06-30.
const staleService = new aws.ecs.Service("stale-frontier-service", {
    name: "frontier-legacy-worker",
    cluster: cluster.arn,
    taskDefinition: legacyTask.arn,
    desiredCount: 2,
    launchType: "FARGATE",
    networkConfiguration: {
        subnets: ["subnet-0a1b2c3d4e5f60718", "subnet-0f9e8d7c6b5a40392"],
        securityGroups: ["sg-0123456789abcdef0"],
    },
    region,
    tags: { team: "frontier", "openai:product": "frontier" },
});

// Claims an exemption through its own tags; only policy-pack config can grant one.
const selfExemptedTask = new aws.ecs.TaskDefinition("self-exempted-task", {
    family: "frontier-admin-console",
    requiresCompatibilities: ["FARGATE"],
    networkMode: "awsvpc",
    cpu: "512",
    memory: "1024",
    executionRoleArn: executionRole.arn,
    containerDefinitions: frontierContainer(
        "frontier-admin-console",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/frontier/admin-console:2026.01.2",
    ),
    region,
    tags: { team: "frontier", "openai:product": "frontier", "openai:exemption": "approved" },
});

export const legacyTaskArn = legacyTask.arn;
export const staleServiceName = staleService.name;
export const selfExemptedTaskArn = selfExemptedTask.arn;
