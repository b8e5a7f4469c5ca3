// A regional API Gateway (HTTP API) fronting an internal service, published under the custom domain
// `api.openai.com`: an ACM certificate validated through DNS, the API Gateway domain name with an
// API mapping, and the Route 53 alias record that sends the name's traffic to the API Gateway
// domain. Binding OpenAI's API hostname to a front on AWS, and pointing its DNS there, hosts
// OpenAI's API/product traffic off Azure: clause 3 blocks the domain name and the alias record.
// The certificate and its `_…` validation CNAME carry no traffic and are not violations.
import * as aws from "@pulumi/aws";

const region = "us-east-1";
const openaiComZoneId = "Z04517273FQ6VVTEXAMPL";

const certificate = new aws.acm.Certificate("api-openai-com-cert", {
    domainName: "api.openai.com",
    validationMethod: "DNS",
    region,
    tags: { team: "edge" },
});

const validation = certificate.domainValidationOptions.apply((options) => options[0]);

const validationRecord = new aws.route53.Record("api-openai-com-cert-validation", {
    zoneId: openaiComZoneId,
    name: validation.resourceRecordName,
    type: validation.resourceRecordType,
    records: [validation.resourceRecordValue],
    ttl: 300,
    allowOverwrite: true,
});

const certificateValidation = new aws.acm.CertificateValidation("api-openai-com-cert-ready", {
    certificateArn: certificate.arn,
    validationRecordFqdns: [validationRecord.fqdn],
    region,
});

const api = new aws.apigatewayv2.Api("edge-api", {
    name: "edge-api",
    protocolType: "HTTP",
    region,
    tags: { team: "edge" },
});

const domainName = new aws.apigatewayv2.DomainName("api-openai-com", {
    domainName: "api.openai.com",
    domainNameConfiguration: {
        certificateArn: certificateValidation.certificateArn,
        endpointType: "REGIONAL",
        securityPolicy: "TLS_1_2",
    },
    region,
    tags: { team: "edge" },
});

new aws.apigatewayv2.ApiMapping("api-openai-com-mapping", {
    apiId: api.id,
    domainName: domainName.id,
    stage: "$default",
    region,
});

const aliasRecord = new aws.route53.Record("api-openai-com-alias", {
    zoneId: openaiComZoneId,
    name: "api.openai.com",
    type: "A",
    aliases: [
        {
            name: domainName.domainNameConfiguration.targetDomainName,
            zoneId: domainName.domainNameConfiguration.hostedZoneId,
            evaluateTargetHealth: false,
        },
    ],
});

export const apiEndpoint = api.apiEndpoint;
export const aliasFqdn = aliasRecord.fqdn;
