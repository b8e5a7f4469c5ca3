// vLLM on an ECS cluster of g6e instances. The team keeps per-environment serving settings in SSM
// Parameter Store and injects them with ECS `secrets`: the task's shell entry point starts
// `vllm serve` with `--served-model-name "$SERVED_MODEL_NAME"`, and SERVED_MODEL_NAME comes from the
// parameter `/assistant/prod/served-model-name`, created in this same stack with the value
// `gpt-4.1-mini`. Followed to the parameter, the task serves a proprietary OpenAI model on AWS:
// clause 1 blocks the task definition.
import * as aws from "@pulumi/aws";

const region = "us-east-1";
const account = "123456789012";

const servedModel = new aws.ssm.Parameter("served-model-name", {
    name: "/assistant/prod/served-model-name",
    type: aws.ssm.ParameterType.String,
    insecureValue: "gpt-4.1-mini", // not a secret: shown in previews and diffs
    description: "Model name the assistant's vLLM servers answer to",
    region,
    tags: { team: "assistant" },
});

const maxModelLen = new aws.ssm.Parameter("max-model-len", {
    name: "/assistant/prod/max-model-len",
    type: aws.ssm.ParameterType.String,
    insecureValue: "32768",
    region,
    tags: { team: "assistant" },
});

const executionRole = new aws.iam.Role("assistant-task-execution", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    tags: { team: "assistant" },
});

new aws.iam.RolePolicyAttachment("assistant-task-execution-policy", {
    role: executionRole.name,
    policyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
});

new aws.iam.RolePolicy("assistant-read-parameters", {
    role: executionRole.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["ssm:GetParameters"], Resource: `arn:aws:ssm:${region}:${account}:parameter/assistant/prod/*` },
        ],
    }),
});

const logGroup = new aws.cloudwatch.LogGroup("assistant-vllm-logs", {
    name: "/ecs/assistant-vllm",
    retentionInDays: 30,
    region,
});

const cluster = new aws.ecs.Cluster("assistant-gpu", {
    name: "assistant-gpu",
    settings: [{ name: "containerInsights", value: "enabled" }],
    region,
    tags: { team: "assistant" },
});

const taskDefinition = new aws.ecs.TaskDefinition(
    "assistant-vllm",
    {
        family: "assistant-vllm",
        requiresCompatibilities: ["EC2"],
        networkMode: "awsvpc",
        cpu: "7168",
        memory: "57344",
        executionRoleArn: executionRole.arn,
        containerDefinitions: JSON.stringify([
            {
                name: "vllm",
                image: "vllm/vllm-openai:v0.6.4",
                essential: true,
                entryPoint: ["/bin/sh", "-c"],
                command: [
                    'exec vllm serve /models/assistant --served-model-name "$SERVED_MODEL_NAME" --max-model-len "$MAX_MODEL_LEN" --port 8000',
                ],
                secrets: [
                    { name: "SERVED_MODEL_NAME", valueFrom: `arn:aws:ssm:${region}:${account}:parameter/assistant/prod/served-model-name` },
                    { name: "MAX_MODEL_LEN", valueFrom: "/assistant/prod/max-model-len" },
                ],
                resourceRequirements: [{ type: "GPU", value: "1" }],
                portMappings: [{ containerPort: 8000, protocol: "tcp" }],
                mountPoints: [{ sourceVolume: "weights", containerPath: "/models/assistant", readOnly: true }],
                logConfiguration: {
                    logDriver: "awslogs",
                    options: { "awslogs-group": "/ecs/assistant-vllm", "awslogs-region": region, "awslogs-stream-prefix": "vllm" },
                },
            },
        ]),
        volumes: [{ name: "weights", hostPath: "/opt/weights/assistant" }],
        region,
        tags: { team: "assistant" },
    },
    { dependsOn: [servedModel, maxModelLen, logGroup] },
);

export const clusterName = cluster.name;
export const taskDefinitionFamily = taskDefinition.family;
