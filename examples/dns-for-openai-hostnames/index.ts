// DNS for OpenAI hostnames managed in Route 53. DNS hosting itself is not the concern;
// where the name sends traffic is. Clause 3 (and clause 1 for the API hostname) wants the
// API and first-party product hostnames served from Azure:
//  - api.openai.com -> a CloudFront distribution: traffic to the OpenAI API would be served
//    off Azure, blocked;
//  - www.chatgpt.com -> Azure Front Door: allowed;
//  - status.example.com -> a status page vendor: not an OpenAI hostname, allowed.
import * as aws from "@pulumi/aws";

// Hosted zones are managed by the central DNS stack; their ids are stable.
const openaiComZoneId = "Z04517273FQ6VVTEXAMPL";
const chatgptComZoneId = "Z08362123KTZ1QEXAMPLE";
const exampleComZoneId = "Z2FDTNDATAQYW2";

const apiRecord = new aws.route53.Record("api-openai-com", {
    zoneId: openaiComZoneId,
    name: "api.openai.com",
    type: "CNAME",
    ttl: 60,
    records: ["d111111abcdef8.cloudfront.net"],
});

const chatgptWwwRecord = new aws.route53.Record("www-chatgpt-com", {
    zoneId: chatgptComZoneId,
    name: "www.chatgpt.com",
    type: "CNAME",
    ttl: 300,
    records: ["chatgpt-prod.azurefd.net"],
});

const statusRecord = new aws.route53.Record("status-example-com", {
    zoneId: exampleComZoneId,
    name: "status.example.com",
    type: "CNAME",
    ttl: 300,
    records: ["example.statuspage.io"],
});

export const recordFqdns = [apiRecord.fqdn, chatgptWwwRecord.fqdn, statusRecord.fqdn];
