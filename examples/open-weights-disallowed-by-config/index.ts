// The same open-weight serving as sagemaker-gpt-oss-endpoint and bedrock-gpt-oss-throughput, in an
// organisation whose policy config turns the open-weight allowance off
// (`allowOpenWeightOffAzure: false`, policy-config.json): a SageMaker LMI endpoint serving
// `openai/gpt-oss-20b` and Bedrock provisioned throughput for `openai.gpt-oss-120b-1:0`. Without the
// allowance, gpt-oss is served off Azure like any OpenAI model, so both serving resources are
// blocked. The Bedrock fine-tuning job of gpt-oss-20b is training, which the setting does not touch:
// it stays allowed.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const region = "us-east-1";

const sagemakerRole = new aws.iam.Role("sagemaker-execution-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    tags: { team: "applied-science" },
});

const model = new aws.sagemaker.Model("gpt-oss-20b-model", {
    executionRoleArn: sagemakerRole.arn,
    primaryContainer: {
        image: "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128",
        environment: {
            HF_MODEL_ID: "openai/gpt-oss-20b",
            OPTION_ROLLING_BATCH: "vllm",
            OPTION_TENSOR_PARALLEL_DEGREE: "1",
            OPTION_MAX_MODEL_LEN: "32768",
        },
    },
    region,
    tags: { team: "applied-science" },
});

const endpointConfig = new aws.sagemaker.EndpointConfiguration("gpt-oss-20b-config", {
    productionVariants: [{ variantName: "primary", modelName: model.name, instanceType: "ml.g6e.2xlarge", initialInstanceCount: 1 }],
    region,
    tags: { team: "applied-science" },
});

new aws.sagemaker.Endpoint("gpt-oss-20b-endpoint", { endpointConfigName: endpointConfig.name, region, tags: { team: "applied-science" } });

const throughput = new aws.bedrock.ProvisionedModelThroughput("code-review-gpt-oss-throughput", {
    provisionedModelName: "code-review-gpt-oss-120b",
    modelArn: `arn:aws:bedrock:${region}::foundation-model/openai.gpt-oss-120b-1:0`,
    modelUnits: 1,
    commitmentDuration: "OneMonth",
    region,
    tags: { team: "developer-productivity" },
});

const trainingData = new aws.s3.Bucket("gpt-oss-finetune-data", {
    bucketPrefix: "gpt-oss-finetune-data-",
    region,
    tags: { team: "developer-productivity" },
});

const customizationRole = new aws.iam.Role("bedrock-customization-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "bedrock.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    tags: { team: "developer-productivity" },
});

new aws.bedrock.CustomModel("code-review-gpt-oss-finetune", {
    customModelName: "code-review-gpt-oss-20b-ft",
    jobName: "code-review-gpt-oss-20b-ft-2026-03",
    baseModelIdentifier: `arn:aws:bedrock:${region}::foundation-model/openai.gpt-oss-20b-1:0`,
    customizationType: "FINE_TUNING",
    roleArn: customizationRole.arn,
    hyperparameters: { epochCount: "2", batchSize: "1", learningRate: "0.00001" },
    trainingDataConfig: { s3Uri: pulumi.interpolate`s3://${trainingData.bucket}/train/reviews.jsonl` },
    outputDataConfig: { s3Uri: pulumi.interpolate`s3://${trainingData.bucket}/output/` },
    region,
    tags: { team: "developer-productivity", "openai:workload": "training" },
});

export const provisionedModelArn = throughput.provisionedModelArn;
