// Two Azure Front Door (Standard) profiles, each with an endpoint, an origin group, one origin and a
// route, and a Lambda calling an OpenAI model at each endpoint's host name. The endpoint's host is
// on Azure, but Front Door only passes the calls on: they are served where its origins are.
//  - `support-bot` calls gpt-5 through `llm-edge-bedrock`, whose origin is Amazon Bedrock's runtime
//    endpoint: a proprietary model served on AWS (clause 2), blocked, with the evidence naming the
//    endpoint and the origin on the way;
//  - `faq-bot` calls gpt-4o through `llm-edge-azure`, whose origin is Azure OpenAI: allowed.
import * as aws from "@pulumi/aws";
import * as azure from "@pulumi/azure-native";
import * as pulumi from "@pulumi/pulumi";

const resourceGroupName = "llm-edge";

/** A Front Door profile whose one endpoint sends `/openai/*` to `originHost`; returns the endpoint. */
function frontDoor(name: string, originHost: string): azure.cdn.AFDEndpoint {
    const profile = new azure.cdn.Profile(name, {
        resourceGroupName,
        location: "global",
        sku: { name: "Standard_AzureFrontDoor" },
    });
    const endpoint = new azure.cdn.AFDEndpoint(`${name}-endpoint`, {
        resourceGroupName,
        profileName: profile.name,
        location: "global",
        enabledState: "Enabled",
    });
    const originGroup = new azure.cdn.AFDOriginGroup(`${name}-origins`, {
        resourceGroupName,
        profileName: profile.name,
        loadBalancingSettings: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 },
        healthProbeSettings: { probePath: "/", probeProtocol: "Https", probeRequestType: "HEAD", probeIntervalInSeconds: 100 },
    });
    const origin = new azure.cdn.AFDOrigin(`${name}-origin`, {
        resourceGroupName,
        profileName: profile.name,
        originGroupName: originGroup.name,
        hostName: originHost,
        originHostHeader: originHost,
        httpsPort: 443,
        priority: 1,
        weight: 1000,
        enabledState: "Enabled",
    });
    new azure.cdn.Route(
        `${name}-route`,
        {
            resourceGroupName,
            profileName: profile.name,
            endpointName: endpoint.name,
            originGroup: { id: originGroup.id },
            patternsToMatch: ["/openai/*"],
            supportedProtocols: ["Https"],
            forwardingProtocol: "HttpsOnly",
            linkToDefaultDomain: "Enabled",
        },
        { dependsOn: [origin] },
    );
    return endpoint;
}

const toBedrock = frontDoor("llm-edge-bedrock", "bedrock-runtime.us-east-1.amazonaws.com");
const toAzure = frontDoor("llm-edge-azure", "contoso-eastus.openai.azure.com");

const code = new pulumi.asset.AssetArchive({
    "app.py": new pulumi.asset.StringAsset("import os\nfrom openai import OpenAI\n\ndef handler(event, context):\n    return {}\n"),
});

for (const [name, endpoint, model] of [
    ["support-bot", toBedrock, "gpt-5"],
    ["faq-bot", toAzure, "gpt-4o"],
] as const) {
    new aws.lambda.Function(name, {
        runtime: "python3.12",
        handler: "app.handler",
        role: "arn:aws:iam::123456789012:role/llm-bots",
        code,
        environment: { variables: { OPENAI_BASE_URL: pulumi.interpolate`https://${endpoint.hostName}/openai/v1`, OPENAI_MODEL: model } },
    });
}
