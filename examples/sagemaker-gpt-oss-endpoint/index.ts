// A data-science team self-hosts the open-weight gpt-oss-20b on a SageMaker real-time
// endpoint using the AWS Large Model Inference (vLLM) container, pulling the weights from
// the Hugging Face Hub. Open-weight models may be served anywhere: nothing is blocked.
import * as aws from "@pulumi/aws";

const region = "us-east-1";

const executionRole = new aws.iam.Role("sagemaker-execution-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "sagemaker.amazonaws.com" },
                Action: "sts:AssumeRole",
            },
        ],
    }),
    tags: { team: "applied-science" },
});

new aws.iam.RolePolicyAttachment("sagemaker-execution-full-access", {
    role: executionRole.name,
    policyArn: "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess",
});

const model = new aws.sagemaker.Model("gpt-oss-20b-model", {
    executionRoleArn: executionRole.arn,
    primaryContainer: {
        image: "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128",
        environment: {
            HF_MODEL_ID: "openai/gpt-oss-20b",
            OPTION_ROLLING_BATCH: "vllm",
            OPTION_TENSOR_PARALLEL_DEGREE: "1",
            OPTION_MAX_MODEL_LEN: "32768",
            SM_NUM_GPUS: "1",
        },
    },
    region,
    tags: { team: "applied-science" },
});

const endpointConfig = new aws.sagemaker.EndpointConfiguration("gpt-oss-20b-config", {
    productionVariants: [
        {
            variantName: "primary",
            modelName: model.name,
            instanceType: "ml.g6e.2xlarge",
            initialInstanceCount: 1,
            containerStartupHealthCheckTimeoutInSeconds: 900,
            modelDataDownloadTimeoutInSeconds: 1200,
        },
    ],
    region,
    tags: { team: "applied-science" },
});

const endpoint = new aws.sagemaker.Endpoint("gpt-oss-20b-endpoint", {
    endpointConfigName: endpointConfig.name,
    region,
    tags: { team: "applied-science" },
});

export const endpointName = endpoint.name;
