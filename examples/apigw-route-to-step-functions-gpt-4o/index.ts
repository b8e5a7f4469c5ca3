// An OpenAI-compatible chat endpoint built without a server: an API Gateway HTTP API route
// `POST /v1/chat/completions` starts a synchronous Step Functions express workflow, whose Task
// invokes `openai.gpt-4o` through the optimised Bedrock integration. The workflow is a client of a
// proprietary OpenAI model hosted by Amazon Bedrock (clause 2), and the route exposes OpenAI's
// stateless API in front of it, off Azure (clause 1): both are blocked.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const region = "us-east-1";
const modelArn = `arn:aws:bedrock:${region}::foundation-model/openai.gpt-4o-v1:0`;

const role = new aws.iam.Role("chat-workflow-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

new aws.iam.RolePolicy("chat-workflow-permissions", {
    role: role.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: modelArn }],
    }),
});

const workflow = new aws.sfn.StateMachine("chat-workflow", {
    name: "chat-workflow",
    type: "EXPRESS",
    roleArn: role.arn,
    definition: JSON.stringify({
        StartAt: "Complete",
        States: {
            Complete: {
                Type: "Task",
                Resource: "arn:aws:states:::bedrock:invokeModel",
                Parameters: { ModelId: modelArn, Body: { "messages.$": "$.messages", max_completion_tokens: 512 } },
                OutputPath: "$.Body",
                End: true,
            },
        },
    }),
    region,
});

const gatewayRole = new aws.iam.Role("chat-gateway-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

const api = new aws.apigatewayv2.Api("chat-api", { name: "chat-openai-compatible", protocolType: "HTTP", region });

const integration = new aws.apigatewayv2.Integration("chat-start-workflow", {
    apiId: api.id,
    integrationType: "AWS_PROXY",
    integrationSubtype: "StepFunctions-StartSyncExecution",
    credentialsArn: gatewayRole.arn,
    requestParameters: { StateMachineArn: workflow.arn, Input: "$request.body" },
    payloadFormatVersion: "1.0",
    region,
});

new aws.apigatewayv2.Route("chat-completions-route", {
    apiId: api.id,
    routeKey: "POST /v1/chat/completions",
    target: pulumi.interpolate`integrations/${integration.id}`,
    region,
});

export const endpoint = api.apiEndpoint;
