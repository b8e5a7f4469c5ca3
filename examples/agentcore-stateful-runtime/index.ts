// A customer-support agent on Amazon Bedrock AgentCore. The runtime, its memory and its MCP
// tool gateway keep sessions and state: a stateful runtime, which clause 4 allows on AWS.
// The agent's stateless model calls go to an Azure OpenAI resource (AZURE_OPENAI_ENDPOINT),
// so clause 2 is satisfied too. Nothing is blocked.
import * as aws from "@pulumi/aws";

const region = "us-east-1";

const agentRole = new aws.iam.Role("support-agent-role", {
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
    tags: { team: "customer-experience" },
});

new aws.iam.RolePolicy("support-agent-permissions", {
    role: agentRole.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:GetAuthorizationToken"],
                Resource: "*",
            },
            {
                Effect: "Allow",
                Action: ["bedrock-agentcore:CreateEvent", "bedrock-agentcore:ListEvents", "bedrock-agentcore:RetrieveMemoryRecords"],
                Resource: "*",
            },
            {
                Effect: "Allow",
                Action: ["secretsmanager:GetSecretValue"],
                Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:support-agent/azure-openai-*",
            },
        ],
    }),
});

// Long-term memory of customer conversations (90 days).
const memory = new aws.bedrock.AgentcoreMemory("support-agent-memory", {
    name: "support_agent_memory",
    description: "Conversation memory for the support agent",
    eventExpiryDuration: 90,
    memoryExecutionRoleArn: agentRole.arn,
    region,
    tags: { team: "customer-experience", "openai:workload": "stateful-runtime" },
});

// MCP gateway exposing order-lookup and refund tools, authorised by the Cognito user pool.
const gateway = new aws.bedrock.AgentcoreGateway("support-tools-gateway", {
    name: "support-tools",
    description: "MCP tools for the support agent",
    roleArn: agentRole.arn,
    protocolType: "MCP",
    authorizerType: "CUSTOM_JWT",
    authorizerConfiguration: {
        customJwtAuthorizer: {
            discoveryUrl: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34E/.well-known/openid-configuration",
            allowedClients: ["4f8k2m9q1r7t3v5x6z0b2d4f6h"],
        },
    },
    region,
    tags: { team: "customer-experience", "openai:workload": "stateful-runtime" },
});

const runtime = new aws.bedrock.AgentcoreAgentRuntime("support-agent-runtime", {
    agentRuntimeName: "support_agent",
    description: "Customer-support agent (LangGraph) calling gpt-5 on Azure OpenAI",
    roleArn: agentRole.arn,
    agentRuntimeArtifact: {
        containerConfiguration: {
            containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/support-agent:2026.03.1",
        },
    },
    networkConfiguration: { networkMode: "PUBLIC" },
    protocolConfiguration: { serverProtocol: "HTTP" },
    environmentVariables: {
        AZURE_OPENAI_ENDPOINT: "https://contoso-agents.openai.azure.com",
        AZURE_OPENAI_DEPLOYMENT: "gpt-5",
        AZURE_OPENAI_API_VERSION: "2025-04-01-preview",
        OPENAI_MODEL: "gpt-5",
        AGENTCORE_MEMORY_ID: memory.id,
        AGENTCORE_GATEWAY_URL: gateway.gatewayUrl,
        LOG_LEVEL: "info",
    },
    region,
    tags: { team: "customer-experience", "openai:workload": "stateful-runtime" },
});

export const agentRuntimeArn = runtime.agentRuntimeArn;
export const gatewayUrl = gateway.gatewayUrl;
