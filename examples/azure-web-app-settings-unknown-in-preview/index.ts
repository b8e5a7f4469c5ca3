// Three Azure App Service apps of one support team, each a client of an OpenAI model.
//
// - "support-chat" takes its OpenAI endpoint from an AWS API Gateway in front of Amazon Bedrock. One
//   app setting is an output, so azure-native's defaults `apply` makes the whole `siteConfig` unknown
//   in a preview: the pack cannot read it, and says so (advisory). `pulumi up` reads it and blocks it.
// - "triage-chat" sets its app settings apart, with `web.WebAppApplicationSettings`, so a preview
//   reads them: it calls gpt-4o on the same Bedrock gateway, and is blocked.
// - "docs-chat" sets them the same way, calling gpt-4o on an Azure OpenAI account: allowed.
import * as aws from "@pulumi/aws";
import * as azure from "@pulumi/azure-native";

const location = "eastus2";

// The Bedrock gateway another team runs on AWS: an OpenAI-compatible proxy in front of Bedrock.
const bedrockGateway = new aws.apigatewayv2.Api("bedrock-openai-gateway", {
    protocolType: "HTTP",
    description: "OpenAI-compatible proxy in front of Amazon Bedrock",
});

const resourceGroup = new azure.resources.ResourceGroup("support-rg", { location });

const plan = new azure.web.AppServicePlan("support-plan", {
    resourceGroupName: resourceGroup.name,
    location,
    kind: "linux",
    reserved: true,
    sku: { name: "P1v3", tier: "PremiumV3" },
});

new azure.web.WebApp("support-chat", {
    resourceGroupName: resourceGroup.name,
    location,
    serverFarmId: plan.id,
    httpsOnly: true,
    siteConfig: {
        linuxFxVersion: "NODE|20-lts",
        appSettings: [
            { name: "OPENAI_BASE_URL", value: bedrockGateway.apiEndpoint },
            { name: "OPENAI_MODEL", value: "gpt-4o" },
        ],
    },
});

const triage = new azure.web.WebApp("triage-chat", {
    resourceGroupName: resourceGroup.name,
    location,
    serverFarmId: plan.id,
    httpsOnly: true,
    siteConfig: { linuxFxVersion: "NODE|20-lts" },
});

new azure.web.WebAppApplicationSettings("triage-chat-settings", {
    resourceGroupName: resourceGroup.name,
    name: triage.name,
    properties: {
        OPENAI_BASE_URL: bedrockGateway.apiEndpoint,
        OPENAI_MODEL: "gpt-4o",
    },
});

const openai = new azure.cognitiveservices.Account("support-openai", {
    resourceGroupName: resourceGroup.name,
    location,
    kind: "OpenAI",
    sku: { name: "S0" },
    properties: { customSubDomainName: "contoso-support-openai" },
});

const docs = new azure.web.WebApp("docs-chat", {
    resourceGroupName: resourceGroup.name,
    location,
    serverFarmId: plan.id,
    httpsOnly: true,
    siteConfig: { linuxFxVersion: "NODE|20-lts" },
});

new azure.web.WebAppApplicationSettings("docs-chat-settings", {
    resourceGroupName: resourceGroup.name,
    name: docs.name,
    properties: {
        AZURE_OPENAI_ENDPOINT: "https://contoso-support-openai.openai.azure.com/",
        OPENAI_MODEL: "gpt-4o",
    },
});

export const openaiAccount = openai.name;
