// Open-weight gpt-oss models are Apache-2.0: anyone may host them anywhere, so serving
// gpt-oss-120b on Bedrock is allowed off Azure. Fine-tuning gpt-oss-20b is training
// compute, which clause 4 leaves free to run on other clouds. Nothing here is blocked.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const region = "us-west-2";

// Dedicated capacity for the internal code-review bot, which runs on gpt-oss-120b.
const ossThroughput = new aws.bedrock.ProvisionedModelThroughput("code-review-gpt-oss-throughput", {
    provisionedModelName: "code-review-gpt-oss-120b",
    modelArn: `arn:aws:bedrock:${region}::foundation-model/openai.gpt-oss-120b-1:0`,
    modelUnits: 1,
    commitmentDuration: "OneMonth",
    region,
    tags: { team: "developer-productivity" },
});

// Training and output data for the fine-tuning job.
const trainingData = new aws.s3.Bucket("gpt-oss-finetune-data", {
    bucketPrefix: "gpt-oss-finetune-data-",
    region,
    tags: { team: "developer-productivity" },
});

// Bedrock assumes this role to read the training set and write the customised model.
const customizationRole = new aws.iam.Role("bedrock-customization-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "bedrock.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
            },
        ],
    }),
    tags: { team: "developer-productivity" },
});

new aws.iam.RolePolicy("bedrock-customization-s3", {
    role: customizationRole.id,
    policy: {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                Resource: [trainingData.arn, pulumi.interpolate`${trainingData.arn}/*`],
            },
        ],
    },
});

// Supervised fine-tuning of gpt-oss-20b on reviewed pull-request comments.
const reviewModel = new aws.bedrock.CustomModel("code-review-gpt-oss-finetune", {
    customModelName: "code-review-gpt-oss-20b-ft",
    jobName: "code-review-gpt-oss-20b-ft-2026-03",
    baseModelIdentifier: `arn:aws:bedrock:${region}::foundation-model/openai.gpt-oss-20b-1:0`,
    customizationType: "FINE_TUNING",
    roleArn: customizationRole.arn,
    hyperparameters: {
        epochCount: "2",
        batchSize: "1",
        learningRate: "0.00001",
    },
    trainingDataConfig: { s3Uri: pulumi.interpolate`s3://${trainingData.bucket}/train/reviews.jsonl` },
    validationDataConfig: { validators: [{ s3Uri: pulumi.interpolate`s3://${trainingData.bucket}/validation/reviews.jsonl` }] },
    outputDataConfig: { s3Uri: pulumi.interpolate`s3://${trainingData.bucket}/output/` },
    region,
    tags: {
        team: "developer-productivity",
        "openai:workload": "training",
    },
});

export const provisionedModelArn = ossThroughput.provisionedModelArn;
export const customModelArn = reviewModel.customModelArn;
