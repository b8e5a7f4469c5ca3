// A research-assistant agent hosted on Amazon Bedrock AgentCore: the runtime keeps each user's
// session (microVM per session, up to eight hours) and its long-term memory lives in AgentCore
// Memory. The agent container is configured with a generic `MODEL_ID=gpt-5` and no endpoint
// setting: on any other compute that is a served-model setting naming a proprietary model, and the
// resource would be blocked as stateless serving off Azure. An AgentCore runtime is a stateful
// runtime, declared as such (`openai:workload: stateful-runtime`), which clause 4 allows on AWS
// (AgentCore is the statement's own example), so nothing is blocked.
import * as aws from "@pulumi/aws";

const region = "us-west-2";

const role = new aws.iam.Role("research-agent-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "bedrock-agentcore.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
            },
        ],
    }),
    tags: { team: "research-tools" },
});

new aws.iam.RolePolicy("research-agent-permissions", {
    role: role.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:GetAuthorizationToken"], Resource: "*" },
            {
                Effect: "Allow",
                Action: ["bedrock-agentcore:CreateEvent", "bedrock-agentcore:ListEvents", "bedrock-agentcore:RetrieveMemoryRecords"],
                Resource: "*",
            },
        ],
    }),
});

const memory = new aws.bedrock.AgentcoreMemory("research-agent-memory", {
    name: "research_agent_memory",
    description: "Per-user research threads and preferences",
    eventExpiryDuration: 180,
    memoryExecutionRoleArn: role.arn,
    region,
    tags: { team: "research-tools", "openai:workload": "stateful-runtime" },
});

const runtime = new aws.bedrock.AgentcoreAgentRuntime("research-agent-runtime", {
    agentRuntimeName: "research_agent",
    description: "Research assistant: long-running sessions with tool use and memory",
    roleArn: role.arn,
    agentRuntimeArtifact: {
        containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-west-2.amazonaws.com/research-agent:2026.03.0" },
    },
    networkConfiguration: { networkMode: "PUBLIC" },
    protocolConfiguration: { serverProtocol: "HTTP" },
    environmentVariables: {
        MODEL_ID: "gpt-5",
        AGENTCORE_MEMORY_ID: memory.id,
        SESSION_IDLE_TIMEOUT_MINUTES: "60",
        MAX_TOOL_CALLS_PER_TURN: "12",
    },
    region,
    tags: { team: "research-tools", "openai:workload": "stateful-runtime" },
});

export const runtimeArn = runtime.agentRuntimeArn;
