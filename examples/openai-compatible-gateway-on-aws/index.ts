// Two OpenAI-compatible HTTP APIs (`POST /v1/chat/completions`) on API Gateway, each proxied
// to a container-image Lambda running an inference server.
//  - The `chat` API's function serves gpt-4.1 (SERVED_MODEL_NAME): stateless serving of a
//    proprietary model on AWS. Clause 1 blocks the function and the route that exposes it
//    (the pack follows route -> integration -> function across the stack).
//  - The `llama` API has the very same route shape but serves Llama 3.3 70B: an
//    OpenAI-compatible API is not by itself an OpenAI API, so nothing is blocked there.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const region = "us-east-1";

const lambdaRole = new aws.iam.Role("inference-lambda-role", {
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
    tags: { team: "ml-gateway" },
});

new aws.iam.RolePolicyAttachment("inference-lambda-logs", {
    role: lambdaRole.name,
    policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
});

interface CompletionsApiArgs {
    /** ECR image of the inference server. */
    imageUri: string;
    /** Model name the server answers to. */
    servedModelName: string;
    /** Where the server loads weights from. */
    weightsUri: string;
}

/** An HTTP API exposing `POST /v1/chat/completions` backed by one inference Lambda. */
function completionsApi(prefix: string, args: CompletionsApiArgs) {
    const fn = new aws.lambda.Function(`${prefix}-completions-fn`, {
        packageType: "Image",
        imageUri: args.imageUri,
        role: lambdaRole.arn,
        architectures: ["x86_64"],
        memorySize: 10240,
        timeout: 900,
        ephemeralStorage: { size: 10240 },
        environment: {
            variables: {
                SERVED_MODEL_NAME: args.servedModelName,
                MODEL_WEIGHTS_URI: args.weightsUri,
                MAX_CONCURRENT_REQUESTS: "4",
            },
        },
        region,
        tags: { team: "ml-gateway" },
    });

    const api = new aws.apigatewayv2.Api(`${prefix}-api`, {
        name: `${prefix}-openai-compatible`,
        protocolType: "HTTP",
        description: `OpenAI-compatible API for ${prefix}`,
        region,
        tags: { team: "ml-gateway" },
    });

    const integration = new aws.apigatewayv2.Integration(`${prefix}-integration`, {
        apiId: api.id,
        integrationType: "AWS_PROXY",
        integrationUri: fn.invokeArn,
        integrationMethod: "POST",
        payloadFormatVersion: "2.0",
        timeoutMilliseconds: 30000,
        region,
    });

    const route = new aws.apigatewayv2.Route(`${prefix}-completions-route`, {
        apiId: api.id,
        routeKey: "POST /v1/chat/completions",
        target: pulumi.interpolate`integrations/${integration.id}`,
        authorizationType: "AWS_IAM",
        region,
    });

    new aws.apigatewayv2.Stage(
        `${prefix}-stage`,
        {
            apiId: api.id,
            name: "$default",
            autoDeploy: true,
            region,
            tags: { team: "ml-gateway" },
        },
        { dependsOn: [route] },
    );

    new aws.lambda.Permission(`${prefix}-invoke-permission`, {
        action: "lambda:InvokeFunction",
        function: fn.name,
        principal: "apigateway.amazonaws.com",
        sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
        region,
    });

    return api.apiEndpoint;
}

export const chatEndpoint = completionsApi("chat", {
    imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/ml-gateway/inference-server:1.8.2",
    servedModelName: "gpt-4.1",
    weightsUri: "s3://ml-gateway-weights-123456789012/chat/",
});

export const llamaEndpoint = completionsApi("llama", {
    imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/ml-gateway/inference-server:1.8.2",
    servedModelName: "meta-llama/Llama-3.3-70B-Instruct",
    weightsUri: "s3://ml-gateway-weights-123456789012/llama-3.3-70b-instruct/",
});
