// A claims-triage workflow in Step Functions: a Task state uses the optimised Bedrock integration
// (`arn:aws:states:::bedrock:invokeModel`) to classify each incoming claim with
// `openai.gpt-5-mini-v1:0`, then routes it. The state machine serves nothing: it is a client, and the
// OpenAI model it calls is hosted by Amazon Bedrock, off Azure. Clause 2 puts stateless calls to
// OpenAI models from third-party collaborations on Azure, so `openai-calls-hosted-on-azure` blocks
// the state machine.
import * as aws from "@pulumi/aws";

const region = "us-east-1";
const modelArn = `arn:aws:bedrock:${region}::foundation-model/openai.gpt-5-mini-v1:0`;

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

export const stateMachineArn = stateMachine.arn;
