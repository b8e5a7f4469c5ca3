// A SageMaker real-time endpoint serving gpt-4o from weights staged in S3 with a vLLM
// container. Serving an OpenAI proprietary model off Azure is what clause 1 forbids; the
// evidence sits on the SageMaker Model (SERVED_MODEL_NAME in the container environment), so
// the Model is blocked. The endpoint configuration and endpoint only reference the model by
// name and are not reported again.
import * as aws from "@pulumi/aws";

const region = "us-east-1";

const executionRole = new aws.iam.Role("inference-execution-role", {
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
    tags: { team: "ml-platform" },
});

new aws.iam.RolePolicyAttachment("inference-execution-full-access", {
    role: executionRole.name,
    policyArn: "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess",
});

const model = new aws.sagemaker.Model("chat-weights-model", {
    executionRoleArn: executionRole.arn,
    primaryContainer: {
        image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/inference/vllm-openai:v0.10.1",
        modelDataUrl: "s3://ml-platform-model-artifacts-123456789012/chat/2024-11-20/model.tar.gz",
        environment: {
            SERVED_MODEL_NAME: "gpt-4o",
            TENSOR_PARALLEL_SIZE: "8",
            MAX_MODEL_LEN: "128000",
            GPU_MEMORY_UTILIZATION: "0.92",
        },
    },
    region,
    tags: { team: "ml-platform" },
});

const endpointConfig = new aws.sagemaker.EndpointConfiguration("chat-endpoint-config", {
    productionVariants: [
        {
            variantName: "primary",
            modelName: model.name,
            instanceType: "ml.p5.48xlarge",
            initialInstanceCount: 2,
            containerStartupHealthCheckTimeoutInSeconds: 1800,
            modelDataDownloadTimeoutInSeconds: 3600,
        },
    ],
    region,
    tags: { team: "ml-platform" },
});

const endpoint = new aws.sagemaker.Endpoint("chat-endpoint", {
    endpointConfigName: endpointConfig.name,
    region,
    tags: { team: "ml-platform" },
});

export const endpointName = endpoint.name;
