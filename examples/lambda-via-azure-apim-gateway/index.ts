// Two Azure API Management gateways, each fronting an OpenAI-compatible API, and a Lambda calling
// each through the gateway's URL. A gateway's host is on Azure, but the calls are served where it
// forwards them:
//  - `support-bot` calls gpt-5 through `llm-gw-bedrock`, whose API forwards to Amazon Bedrock's
//    OpenAI-compatible endpoint: a proprietary model served on AWS (clause 2), blocked, with the
//    evidence naming the gateway and the API on the way;
//  - `faq-bot` calls gpt-4o through `llm-gw-azure`, whose API forwards to Azure OpenAI: allowed.
import * as aws from "@pulumi/aws";
import * as azure from "@pulumi/azure-native";
import * as pulumi from "@pulumi/pulumi";

/** An API Management gateway with one OpenAI-compatible API forwarding to `serviceUrl`. */
function gateway(name: string, serviceUrl: string): azure.apimanagement.ApiManagementService {
    const service = new azure.apimanagement.ApiManagementService(name, {
        resourceGroupName: "llm-gateways",
        publisherEmail: "platform@contoso.com",
        publisherName: "Contoso",
        sku: { name: "Developer", capacity: 1 },
    });
    new azure.apimanagement.Api(`${name}-openai`, {
        resourceGroupName: "llm-gateways",
        serviceName: service.name,
        apiId: "openai",
        path: "openai",
        protocols: ["https"],
        displayName: "OpenAI-compatible",
        serviceUrl,
    });
    return service;
}

const toBedrock = gateway("llm-gw-bedrock", "https://bedrock-mantle.us-east-1.api.aws/v1");
const toAzure = gateway("llm-gw-azure", "https://contoso-eastus.openai.azure.com/openai/v1");

const code = new pulumi.asset.AssetArchive({
    "app.py": new pulumi.asset.StringAsset("import os\nfrom openai import OpenAI\n\ndef handler(event, context):\n    return {}\n"),
});

for (const [name, service, model] of [
    ["support-bot", toBedrock, "gpt-5"],
    ["faq-bot", toAzure, "gpt-4o"],
] as const) {
    new aws.lambda.Function(name, {
        runtime: "python3.12",
        handler: "app.handler",
        role: "arn:aws:iam::123456789012:role/llm-bots",
        code,
        environment: { variables: { OPENAI_BASE_URL: pulumi.interpolate`${service.gatewayUrl}/openai`, OPENAI_MODEL: model } },
    });
}
