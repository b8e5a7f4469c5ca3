// The DNS team's records for OpenAI's names that carry no product traffic: ACME DNS-01 challenges
// (`_acme-challenge.chatgpt.com` TXT in Route 53, `_acme-challenge.sora.com.` TXT in Cloud DNS, and
// the `_acme-challenge.api.openai.com` CNAME delegating challenges to an acme-dns server), CAA
// records restricting issuers, the MX and SPF/DMARC records for mail, and a site-verification TXT.
// Clause 3 is about where product traffic is served; none of these route it, so nothing is blocked
// even though every name is an OpenAI hostname and no target is on Azure.
import * as aws from "@pulumi/aws";
import * as gcp from "@pulumi/gcp";

const openaiComZoneId = "Z04517273FQ6VVTEXAMPL";
const chatgptComZoneId = "Z08362123KTZ1QEXAMPLE";

new aws.route53.Record("chatgpt-com-acme-challenge", {
    zoneId: chatgptComZoneId,
    name: "_acme-challenge.chatgpt.com",
    type: "TXT",
    ttl: 60,
    records: ["gfj9Xq-OVFUTk5dT1L0lT3c0Vn2kTHiz6Bs8p8hA8Lk"],
});

new aws.route53.Record("api-openai-com-acme-delegation", {
    zoneId: openaiComZoneId,
    name: "_acme-challenge.api.openai.com",
    type: "CNAME",
    ttl: 300,
    records: ["d420c923-bbd7-4056-ab64-c3ca54c9b3cf.auth.acme-dns.io"],
});

new aws.route53.Record("chatgpt-com-caa", {
    zoneId: chatgptComZoneId,
    name: "chatgpt.com",
    type: "CAA",
    ttl: 3600,
    records: ['0 issue "letsencrypt.org"', '0 issue "digicert.com"', '0 iodef "mailto:security@openai.com"'],
});

new aws.route53.Record("openai-com-mx", {
    zoneId: openaiComZoneId,
    name: "openai.com",
    type: "MX",
    ttl: 3600,
    records: ["1 aspmx.l.google.com", "5 alt1.aspmx.l.google.com", "5 alt2.aspmx.l.google.com"],
});

new aws.route53.Record("openai-com-txt", {
    zoneId: openaiComZoneId,
    name: "openai.com",
    type: "TXT",
    ttl: 3600,
    records: [
        "v=spf1 include:_spf.google.com include:mail.zendesk.com ~all",
        "google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ",
    ],
});

new aws.route53.Record("openai-com-dmarc", {
    zoneId: openaiComZoneId,
    name: "_dmarc.openai.com",
    type: "TXT",
    ttl: 3600,
    records: ["v=DMARC1; p=reject; rua=mailto:dmarc-reports@openai.com"],
});

new gcp.dns.RecordSet("sora-com-acme-challenge", {
    project: "acme-dns-prod",
    managedZone: "sora-com",
    name: "_acme-challenge.sora.com.",
    type: "TXT",
    ttl: 60,
    rrdatas: ['"Q1x7mTg3bE0sWcVvPz5nHf9kR2yLd8uJaN4oK6iB3qE"'],
});

new gcp.dns.RecordSet("sora-com-caa", {
    project: "acme-dns-prod",
    managedZone: "sora-com",
    name: "sora.com.",
    type: "CAA",
    ttl: 3600,
    rrdatas: ['0 issue "pki.goog"', '0 issue "letsencrypt.org"'],
});
