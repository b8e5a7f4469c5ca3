// `api.openai.com` published through Azure Front Door: a Standard Front Door profile and endpoint,
// the custom domain `api.openai.com` with a managed certificate, an origin group whose origin is
// the API Management gateway, and the route binding them. The `openai.com` zone stays in Route 53,
// so the stack also writes the `_dnsauth.api.openai.com` TXT record Front Door validates the domain
// with, and the CNAME sending `api.openai.com` to the Front Door endpoint's `*.azurefd.net` host
// name (an output, unknown until the endpoint exists). The hostname's traffic goes to Azure, as
// clause 3 wants; the TXT record carries no traffic. Nothing is blocked.
import * as aws from "@pulumi/aws";
import * as azure from "@pulumi/azure-native";

const openaiComZoneId = "Z04517273FQ6VVTEXAMPL";

const resourceGroup = new azure.resources.ResourceGroup("api-edge-rg", { location: "eastus2", tags: { team: "edge" } });

const profile = new azure.cdn.Profile("api-edge", {
    resourceGroupName: resourceGroup.name,
    location: "Global",
    sku: { name: "Standard_AzureFrontDoor" },
    originResponseTimeoutSeconds: 120,
    tags: { team: "edge" },
});

const endpoint = new azure.cdn.AFDEndpoint("api-edge-endpoint", {
    resourceGroupName: resourceGroup.name,
    profileName: profile.name,
    location: "Global",
    enabledState: "Enabled",
});

const customDomain = new azure.cdn.AFDCustomDomain("api-openai-com", {
    resourceGroupName: resourceGroup.name,
    profileName: profile.name,
    customDomainName: "api-openai-com",
    hostName: "api.openai.com",
    tlsSettings: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" },
});

const originGroup = new azure.cdn.AFDOriginGroup("api-gateways", {
    resourceGroupName: resourceGroup.name,
    profileName: profile.name,
    loadBalancingSettings: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 },
    healthProbeSettings: {
        probePath: "/status-0123456789abcdef",
        probeProtocol: "Https",
        probeRequestType: "GET",
        probeIntervalInSeconds: 30,
    },
});

new azure.cdn.AFDOrigin("apim-eastus2", {
    resourceGroupName: resourceGroup.name,
    profileName: profile.name,
    originGroupName: originGroup.name,
    hostName: "contoso-api-eus2.azure-api.net",
    originHostHeader: "contoso-api-eus2.azure-api.net",
    httpsPort: 443,
    priority: 1,
    weight: 1000,
    enabledState: "Enabled",
});

new azure.cdn.Route("api-route", {
    resourceGroupName: resourceGroup.name,
    profileName: profile.name,
    endpointName: endpoint.name,
    originGroup: { id: originGroup.id },
    customDomains: [{ id: customDomain.id }],
    patternsToMatch: ["/*"],
    supportedProtocols: ["Https"],
    forwardingProtocol: "HttpsOnly",
    httpsRedirect: "Enabled",
    linkToDefaultDomain: "Disabled",
});

// Domain ownership validation for Front Door's managed certificate.
new aws.route53.Record("api-openai-com-dnsauth", {
    zoneId: openaiComZoneId,
    name: "_dnsauth.api.openai.com",
    type: "TXT",
    ttl: 3600,
    records: [customDomain.validationProperties.validationToken],
});

// The hostname's traffic: to the Front Door endpoint.
const cname = new aws.route53.Record("api-openai-com", {
    zoneId: openaiComZoneId,
    name: "api.openai.com",
    type: "CNAME",
    ttl: 300,
    records: [endpoint.hostName],
});

export const frontDoorHost = endpoint.hostName;
export const apiFqdn = cname.fqdn;
