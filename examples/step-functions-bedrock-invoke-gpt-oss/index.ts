// The claims-triage workflow of step-functions-bedrock-invoke-gpt5-mini, moved to the open-weight
// `openai.gpt-oss-120b-1:0` on Bedrock, plus the appeals Lambda, which calls Anthropic's Claude on
// Bedrock with the AWS SDK (`BEDROCK_MODEL_ID`). Both are Bedrock clients off Azure, but gpt-oss is
// Apache-2.0 and may be hosted (and so called) anywhere, and Claude is not an OpenAI model: the
// agreement covers neither. Nothing is blocked.
import * as aws from "@pulumi/aws";

const region = "us-east-1";
const modelArn = `arn:aws:bedrock:${region}::foundation-model/openai.gpt-oss-120b-1:0`;

const role = new aws.iam.Role("claims-triage-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    tags: { team: "claims" },
});

new aws.iam.RolePolicy("claims-triage-permissions", {
    role: role.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: modelArn },
            { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:claims-*" },
        ],
    }),
});

const definition = {
    Comment: "Classify a claim with an LLM and route it",
    StartAt: "Classify",
    States: {
        Classify: {
            Type: "Task",
            Resource: "arn:aws:states:::bedrock:invokeModel",
            Parameters: {
                ModelId: modelArn,
                ContentType: "application/json",
                Accept: "application/json",
                Body: {
                    messages: [
                        { role: "system", content: "Classify the insurance claim as AUTO, HOME, HEALTH or OTHER. Answer with one word." },
                        { role: "user", "content.$": "$.claimText" },
                    ],
                    max_completion_tokens: 5,
                },
            },
            ResultSelector: { "category.$": "$.Body.choices[0].message.content" },
            ResultPath: "$.classification",
            Retry: [{ ErrorEquals: ["Bedrock.ThrottlingException"], IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 2 }],
            Next: "Route",
        },
        Route: {
            Type: "Task",
            Resource: "arn:aws:states:::sqs:sendMessage",
            Parameters: {
                "QueueUrl.$": "States.Format('https://sqs.us-east-1.amazonaws.com/123456789012/claims-{}', $.classification.category)",
                "MessageBody.$": "$",
            },
            End: true,
        },
    },
};

const stateMachine = new aws.sfn.StateMachine("claims-triage", {
    name: "claims-triage",
    roleArn: role.arn,
    type: "EXPRESS",
    definition: JSON.stringify(definition),
    loggingConfiguration: {
        level: "ERROR",
        includeExecutionData: false,
        logDestination: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/claims-triage:*",
    },
    region,
    tags: { team: "claims" },
});

const appealsRole = new aws.iam.Role("appeals-drafter-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    tags: { team: "claims" },
});

const appealsDrafter = new aws.lambda.Function("appeals-drafter", {
    runtime: aws.lambda.Runtime.Python3d13,
    handler: "app.handler",
    role: appealsRole.arn,
    s3Bucket: "acme-claims-artifacts-use1",
    s3Key: "lambdas/appeals-drafter/2026.03.1.zip",
    timeout: 90,
    memorySize: 512,
    environment: {
        variables: {
            BEDROCK_MODEL_ID: "us.anthropic.claude-sonnet-4-20250514-v1:0",
            MAX_TOKENS: "1200",
        },
    },
    region,
    tags: { team: "claims" },
});

export const stateMachineArn = stateMachine.arn;
export const appealsDrafterArn = appealsDrafter.arn;
