// An ECS Fargate deployment of the Frontier API tier. Frontier is an OpenAI first-party
// product, which clause 3 keeps on Azure. The task definition and the service carry the
// product classification `openai:product: frontier` and run on AWS, so both are blocked.
// The cluster, roles and log group are shared infrastructure and carry no product tag.
import * as aws from "@pulumi/aws";

const region = "us-east-1";

const cluster = new aws.ecs.Cluster("apps-cluster", {
    name: "apps-prod-use1",
    settings: [{ name: "containerInsights", value: "enhanced" }],
    region,
    tags: { team: "platform" },
});

const logGroup = new aws.cloudwatch.LogGroup("frontier-api-logs", {
    name: "/ecs/frontier-api",
    retentionInDays: 30,
    region,
    tags: { team: "platform" },
});

const executionRole = new aws.iam.Role("frontier-task-execution-role", {
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

new aws.iam.RolePolicyAttachment("frontier-task-execution-policy", {
    role: executionRole.name,
    policyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
});

const taskDefinition = new aws.ecs.TaskDefinition("frontier-api-task", {
    family: "frontier-api",
    requiresCompatibilities: ["FARGATE"],
    networkMode: "awsvpc",
    cpu: "2048",
    memory: "4096",
    executionRoleArn: executionRole.arn,
    containerDefinitions: JSON.stringify([
        {
            name: "frontier-api",
            image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/frontier/api:2026.02.3",
            essential: true,
            portMappings: [{ containerPort: 8443, protocol: "tcp" }],
            environment: [
                { name: "FRONTIER_DEPLOYMENT", value: "enterprise-us" },
                { name: "PORT", value: "8443" },
                { name: "LOG_FORMAT", value: "json" },
            ],
            secrets: [
                {
                    name: "DATABASE_URL",
                    valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:frontier/api/database-url-AbCdEf",
                },
            ],
            logConfiguration: {
                logDriver: "awslogs",
                options: {
                    "awslogs-group": "/ecs/frontier-api",
                    "awslogs-region": region,
                    "awslogs-stream-prefix": "api",
                },
            },
        },
    ]),
    region,
    tags: { team: "frontier", "openai:product": "frontier" },
});

const service = new aws.ecs.Service(
    "frontier-api-service",
    {
        name: "frontier-api",
        cluster: cluster.arn,
        taskDefinition: taskDefinition.arn,
        desiredCount: 3,
        launchType: "FARGATE",
        networkConfiguration: {
            subnets: ["subnet-0a1b2c3d4e5f60718", "subnet-0f9e8d7c6b5a40392"],
            securityGroups: ["sg-0123456789abcdef0"],
            assignPublicIp: false,
        },
        deploymentCircuitBreaker: { enable: true, rollback: true },
        propagateTags: "SERVICE",
        enableEcsManagedTags: true,
        region,
        tags: { team: "frontier", "openai:product": "frontier" },
    },
    { dependsOn: [logGroup] },
);

export const serviceName = service.name;
