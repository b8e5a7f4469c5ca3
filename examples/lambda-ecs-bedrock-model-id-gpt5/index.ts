// Two workloads of a document-processing pipeline on AWS that call OpenAI models through Amazon
// Bedrock's runtime API with the AWS SDK: a Lambda that drafts summaries
// (`BEDROCK_MODEL_ID=openai.gpt-5-v1:0`) and an ECS Fargate worker that extracts fields
// (`BEDROCK_MODEL_ID=us.openai.gpt-5-mini-v1:0`, the cross-region inference profile). Neither
// serves a model: each is a client, and the model it calls is served by Amazon Bedrock, off Azure.
// Clause 2 wants stateless calls to OpenAI models, collaborations with Amazon included, hosted on
// Azure, so `openai-calls-hosted-on-azure` blocks both.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const region = "us-east-1";

const lambdaRole = new aws.iam.Role("summarizer-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    tags: { team: "doc-pipeline" },
});

new aws.iam.RolePolicy("summarizer-bedrock", {
    role: lambdaRole.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
                Resource: [`arn:aws:bedrock:${region}::foundation-model/openai.gpt-5-v1:0`],
            },
        ],
    }),
});

const summarizer = new aws.lambda.Function("doc-summarizer", {
    runtime: aws.lambda.Runtime.Python3d13,
    handler: "app.handler",
    role: lambdaRole.arn,
    code: new pulumi.asset.AssetArchive({
        "app.py": new pulumi.asset.StringAsset(
            [
                "import json, os, boto3",
                "bedrock = boto3.client('bedrock-runtime')",
                "def handler(event, context):",
                "    body = {'messages': [{'role': 'user', 'content': event['text']}], 'max_completion_tokens': 800}",
                "    out = bedrock.invoke_model(modelId=os.environ['BEDROCK_MODEL_ID'], body=json.dumps(body))",
                "    return json.loads(out['body'].read())",
                "",
            ].join("\n"),
        ),
    }),
    timeout: 120,
    memorySize: 512,
    environment: { variables: { BEDROCK_MODEL_ID: "openai.gpt-5-v1:0", SUMMARY_STYLE: "executive" } },
    region,
    tags: { team: "doc-pipeline" },
});

const extractor = new aws.ecs.TaskDefinition("field-extractor", {
    family: "field-extractor",
    requiresCompatibilities: ["FARGATE"],
    networkMode: "awsvpc",
    cpu: "1024",
    memory: "4096",
    executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    taskRoleArn: "arn:aws:iam::123456789012:role/field-extractor-bedrock",
    containerDefinitions: JSON.stringify([
        {
            name: "extractor",
            image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/doc-pipeline/extractor:1.14.0",
            essential: true,
            environment: [
                { name: "BEDROCK_MODEL_ID", value: "us.openai.gpt-5-mini-v1:0" },
                { name: "AWS_REGION", value: region },
                { name: "QUEUE_URL", value: "https://sqs.us-east-1.amazonaws.com/123456789012/doc-extract" },
            ],
            logConfiguration: {
                logDriver: "awslogs",
                options: { "awslogs-group": "/ecs/field-extractor", "awslogs-region": region, "awslogs-stream-prefix": "extractor" },
            },
        },
    ]),
    region,
    tags: { team: "doc-pipeline" },
});

export const summarizerArn = summarizer.arn;
export const extractorFamily = extractor.family;
