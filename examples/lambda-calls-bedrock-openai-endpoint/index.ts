// Three Lambda functions using the OpenAI SDK, configured through environment variables.
//  - `draft-reply` points OPENAI_BASE_URL at Amazon Bedrock's OpenAI-compatible endpoint and
//    asks for gpt-5: a stateless call to a proprietary model hosted on AWS (clause 2), blocked;
//  - `sentiment-tagger` points at a host that merely starts with an Azure name
//    (contoso.openai.azure.com.evil-proxy.example): the parsed host is not Azure, blocked;
//  - `faq-answerer` calls Azure OpenAI's v1 API with a secret API key: allowed.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const region = "us-west-2";

const lambdaRole = new aws.iam.Role("assistant-lambda-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "lambda.amazonaws.com" },
                Action: "sts:AssumeRole",
            },
        ],
    }),
    tags: { team: "crm-assistant" },
});

new aws.iam.RolePolicyAttachment("assistant-lambda-logs", {
    role: lambdaRole.name,
    policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
});

// Bedrock's OpenAI-compatible API authenticates with a Bedrock API key or SigV4.
new aws.iam.RolePolicy("assistant-lambda-bedrock", {
    role: lambdaRole.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:CallWithBearerToken"], Resource: "*" }],
    }),
});

const handlerCode = new pulumi.asset.AssetArchive({
    "app.py": new pulumi.asset.StringAsset(
        'import json\n\ndef handler(event, context):\n    return {"statusCode": 200, "body": json.dumps({"ok": True})}\n',
    ),
});

const draftReply = new aws.lambda.Function("draft-reply", {
    runtime: aws.lambda.Runtime.Python3d12,
    handler: "app.handler",
    role: lambdaRole.arn,
    code: handlerCode,
    timeout: 60,
    region,
    environment: {
        variables: {
            OPENAI_BASE_URL: `https://bedrock-runtime.${region}.amazonaws.com/openai/v1`,
            OPENAI_MODEL: "gpt-5",
        },
    },
    tags: { team: "crm-assistant" },
});

const sentimentTagger = new aws.lambda.Function("sentiment-tagger", {
    runtime: aws.lambda.Runtime.Python3d12,
    handler: "app.handler",
    role: lambdaRole.arn,
    code: handlerCode,
    timeout: 30,
    region,
    environment: {
        variables: {
            OPENAI_BASE_URL: "https://contoso.openai.azure.com.evil-proxy.example/v1",
            OPENAI_MODEL: "gpt-4o",
        },
    },
    tags: { team: "crm-assistant" },
});

const faqAnswerer = new aws.lambda.Function("faq-answerer", {
    runtime: aws.lambda.Runtime.Python3d12,
    handler: "app.handler",
    role: lambdaRole.arn,
    code: handlerCode,
    timeout: 30,
    region,
    environment: {
        variables: {
            OPENAI_BASE_URL: "https://contoso.openai.azure.com/openai/v1/",
            OPENAI_API_KEY: pulumi.secret("sk-proj-FAKE0000example0000notARealKey0000"),
            OPENAI_MODEL: "gpt-4o-mini",
        },
    },
    tags: { team: "crm-assistant" },
});

export const functionArns = [draftReply.arn, sentimentTagger.arn, faqAnswerer.arn];
