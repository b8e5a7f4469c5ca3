/**
 * Clause 3, judged in this process: what a first-party verdict rests on. A product declared off
 * Azure; a DNS record for an OpenAI hostname, named in full or relative to a zone of the stack,
 * whose targets are not Azure; a custom domain bound to a front off Azure. Each case pins the
 * subject, the evidence a user reads and, where it matters, why nothing is reported.
 */
import { judge } from "../policypack/registry";
import { ResourceView } from "../policypack/resource";
import { defaultSettings, parseSettings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { node, secret, stackOf, UNKNOWN, view } from "./support/views";

const settings = defaultSettings;
const rule = "first-party-products-on-azure";

/** The first-party verdicts on the last resource, judged with all of them as its stack. */
function judged(resources: ResourceView[], dependencies: Record<string, ResourceView[]> = {}, using = settings): Verdict[] {
    const target = resources[resources.length - 1];
    const nodes = resources.map((resource) => (resource === target ? node(resource, dependencies) : node(resource)));
    return judge(target, using, stackOf(nodes)).filter((verdict) => verdict.rule === rule);
}

const alone = (resource: ResourceView, using = settings) => judge(resource, using).filter((verdict) => verdict.rule === rule);
const evidenceOf = (verdicts: Verdict[]) => verdicts.flatMap((verdict) => verdict.evidence.map((e) => `${e.path} = ${e.shown}`));

const record = (name: string, props: Record<string, unknown>) => view("aws:route53/record:Record", name, props);
const zone = (name: string, dnsName: string) => view("aws:route53/zone:Zone", name, { name: dnsName });
const cloudflare = (props: Record<string, unknown>) => view("cloudflare:index/record:Record", "cf", props);

describe("a DNS record for an OpenAI hostname", () => {
    it("blocks a CNAME to a front off Azure, naming the hostname, the type, the target and its cloud", () => {
        const verdicts = alone(record("api", { name: "api.openai.com", type: "CNAME", records: ["d111.cloudfront.net"], zoneId: "Z1" }));
        expect(verdicts.map((v) => v.subject)).toEqual([{ kind: "dns-off-azure", hostname: "api.openai.com", targetCloud: "aws" }]);
        expect(evidenceOf(verdicts)).toEqual(["name = api.openai.com", "type = CNAME", "records[0] = d111.cloudfront.net"]);
        expect(verdicts[0].unknowns).toEqual([]);
    });

    it("passes a record whose every target is Azure, and blocks when one target is not, showing only that one", () => {
        const onAzure = { name: "chatgpt.com", type: "CNAME", records: ["chat-front.azurefd.net"] };
        expect(alone(cloudflare({ ...onAzure, type: "CNAME", content: "chat-front.azurefd.net" }))).toEqual([]);
        const mixed = alone(record("r", { ...onAzure, records: ["chat-front.azurefd.net", "203.0.113.7"] }));
        expect(evidenceOf(mixed)).toEqual(["name = chatgpt.com", "type = CNAME", "records[1] = 203.0.113.7"]);
        expect(mixed[0].subject).toEqual({ kind: "dns-off-azure", hostname: "chatgpt.com" });
    });

    it("names no single cloud when targets sit on several", () => {
        const verdicts = alone(record("r", { name: "sora.com", type: "CNAME", records: ["a.cloudfront.net", "b.run.app"] }));
        expect(verdicts.map((v) => v.subject)).toEqual([{ kind: "dns-off-azure", hostname: "sora.com" }]);
    });

    it("trusts targets the config adds as Azure", () => {
        const trusting = parseSettings({ extraAzureDnsTargets: ["*.edge.example.net"] });
        const props = { name: "api.openai.com", type: "A", records: ["pop1.edge.example.net"] };
        expect(alone(record("r", props), trusting)).toEqual([]);
        expect(alone(record("r", props)).length).toBe(1);
    });

    it("passes a delegation to Azure DNS name servers, and blocks one to other name servers", () => {
        const ns = (servers: string[]) => alone(record("r", { name: "openai.com", type: "NS", records: servers }));
        expect(ns(["ns1-01.azure-dns.com.", "ns2-01.azure-dns.net."])).toEqual([]);
        expect(evidenceOf(ns(["ns-1.awsdns-01.org."]))).toEqual(["name = openai.com", "type = NS", "records[0] = ns-1.awsdns-01.org."]);
        // An Azure name server is Azure only as a name server: an A or CNAME to it is not an Azure front.
        expect(alone(record("r", { name: "openai.com", type: "CNAME", records: ["ns1-01.azure-dns.com."] })).length).toBe(1);
    });

    it("passes an Azure record set aimed at an Azure resource by its id", () => {
        const set = view("azure-native:network:RecordSet", "rs", {
            relativeRecordSetName: "api",
            zoneName: "openai.com",
            recordType: "A",
            targetResource: { id: "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/frontDoors/fd" },
        });
        expect(alone(set)).toEqual([]);
    });

    it.each([
        ["TXT", "v=spf1 include:amazonses.com ~all"],
        ["MX", "10 inbound-smtp.us-east-1.amazonaws.com"],
        ["CAA", '0 issue "amazon.com"'],
        ["txt", "google-site-verification=abc"],
    ])("never blocks a %s record: it carries no product traffic", (type, target) => {
        expect(alone(record("r", { name: "openai.com", type, records: [target] }))).toEqual([]);
    });

    it.each(["_acme-challenge.api.openai.com", "_dmarc.openai.com", "s1._domainkey.chatgpt.com", " _0123abcd.api.openai.com"])(
        "never blocks a service or validation record (%s)",
        (name) => {
            expect(alone(record("r", { name, type: "CNAME", records: ["_x.acm-validations.aws."] }))).toEqual([]);
        },
    );

    it("judges a record whose type it cannot read", () => {
        expect(alone(view("acmedns:index:Record", "r", { name: "api.openai.com", content: "198.51.100.4" })).length).toBe(1);
    });

    it("ignores records for other names, lookalikes included", () => {
        for (const name of ["api.example.com", "notopenai.com", "openai.com.evil.io"]) {
            expect(alone(record("r", { name, type: "CNAME", records: ["d1.cloudfront.net"] }))).toEqual([]);
        }
    });

    it("shows a secret name and a secret target as [secret], and names no hostname", () => {
        const verdicts = alone(
            record("r", { name: secret("api.openai.com"), type: secret("CNAME"), records: [secret("d1.cloudfront.net")] }),
        );
        expect(verdicts.map((v) => v.subject)).toEqual([{ kind: "dns-off-azure", targetCloud: "aws" }]);
        expect(evidenceOf(verdicts)).toEqual(["name = [secret]", "type = [secret]", "records[0] = [secret]"]);
    });
});

describe("a record named relative to its zone", () => {
    const distribution = view("aws:cloudfront/distribution:Distribution", "cdn", { enabled: true });

    it.each([
        ["a relative name", "api", "openai.com", "api.openai.com"],
        ["a zone written with its trailing dot", "api", "openai.com.", "api.openai.com"],
        ["the zone apex as @", "@", "chatgpt.com", "chatgpt.com"],
        ["the zone apex as an empty name", "", "chatgpt.com", "chatgpt.com"],
    ])("joins %s to the zone of the stack", (_what, name, zoneName, full) => {
        const z = zone("zone", zoneName);
        const verdicts = judged([z, record("r", { name, type: "A", records: ["203.0.113.9"], zoneId: UNKNOWN })], { zoneId: [z] });
        expect(verdicts.map((v) => v.subject)).toEqual([{ kind: "dns-off-azure", hostname: full }]);
        expect(verdicts[0].viaStack).toBe(true);
        expect(evidenceOf(verdicts)[0]).toBe(`name = ${name} (in the zone: ${full})`);
    });

    it("reads the zone's name from the field its provider uses", () => {
        const gcpZone = view("gcp:dns/managedZone:ManagedZone", "z", { name: "openai-zone", dnsName: "openai.com." });
        const set = view("gcp:dns/recordSet:RecordSet", "rs", { name: "api", type: "A", rrdatas: ["203.0.113.9"], managedZone: UNKNOWN });
        expect(judged([gcpZone, set], { managedZone: [gcpZone] }).map((v) => v.subject)).toEqual([
            { kind: "dns-off-azure", hostname: "api.openai.com" },
        ]);
    });

    it("passes a relative name in a zone that is not OpenAI's, and a record with no zone in the stack", () => {
        const other = zone("zone", "example.com");
        expect(
            judged([other, record("r", { name: "api", type: "A", records: ["203.0.113.9"], zoneId: UNKNOWN })], { zoneId: [other] }),
        ).toEqual([]);
        expect(judged([distribution, record("r", { name: "api", type: "A", records: ["203.0.113.9"], zoneId: "Z1" })])).toEqual([]);
    });
});

describe("a record whose target is unknown during preview", () => {
    const alias = (target: ResourceView | undefined) => {
        const r = record("r", { name: "api.openai.com", aliases: [{ name: UNKNOWN, zoneId: UNKNOWN, evaluateTargetHealth: false }] });
        return judged(target ? [target, r] : [r], target ? { aliases: [target] } : {});
    };

    it("names the resource of the stack it comes from, and that resource's cloud", () => {
        const domain = view("aws:apigateway/domainName:DomainName", "api-domain", { domainName: "api.openai.com" });
        const verdicts = alias(domain);
        expect(verdicts.map((v) => v.subject)).toEqual([{ kind: "dns-off-azure", hostname: "api.openai.com", targetCloud: "aws" }]);
        expect(evidenceOf(verdicts)).toContain('aliases[0].name = (from aws:apigateway/domainName:DomainName "api-domain" on AWS)');
        expect(verdicts[0].viaStack).toBe(true);
        expect(verdicts[0].unknowns).toEqual([]);
    });

    it("passes when it comes from an Azure resource", () => {
        const frontDoor = view("azure-native:cdn:AFDEndpoint", "fd", { endpointName: "api" });
        expect(alias(frontDoor)).toEqual([]);
    });

    it("blocks, saying it is unknown, when the stack does not show where it comes from", () => {
        const verdicts = alias(undefined);
        expect(evidenceOf(verdicts)).toContain("aliases[0].name = (unknown during preview, not shown to be Azure)");
        expect(verdicts[0].unknowns).toEqual([{ path: "aliases[0].name", shown: "(unknown during preview, not shown to be Azure)" }]);
    });

    it("leaves an unknown target to the stack phase: alone, the resource is not judged on it", () => {
        const r = record("r", { name: "api.openai.com", aliases: [{ name: UNKNOWN, zoneId: UNKNOWN }] });
        expect(alone(r)).toEqual([]);
    });
});

describe("a first-party product", () => {
    const declared = (type: string, product: unknown) => view(type, "frontier", { tags: { "openai:product": product } });

    it("blocks a declared product off Azure, naming the product, the cloud and the tag", () => {
        const verdicts = alone(declared("aws:ecs/service:Service", "Frontier"));
        expect(verdicts.map((v) => v.subject)).toEqual([{ kind: "hosts-product", product: "frontier" }]);
        expect(verdicts[0].placement).toMatchObject({ cloud: "aws" });
        expect(evidenceOf(verdicts)).toEqual(["tags.openai:product = Frontier"]);
    });

    it("passes the same product on Azure, and a tag that names no first-party product", () => {
        expect(alone(declared("azure-native:app:ContainerApp", "Frontier"))).toEqual([]);
        expect(alone(declared("aws:ecs/service:Service", "internal-dashboard"))).toEqual([]);
    });

    it("keeps a secret product name out of the subject and the evidence", () => {
        const verdicts = alone(declared("aws:ecs/service:Service", secret("Frontier")));
        expect(verdicts.map((v) => v.subject)).toEqual([{ kind: "hosts-product", product: undefined }]);
        expect(evidenceOf(verdicts)).toEqual(["tags.openai:product = [secret]"]);
    });
});

describe("a custom domain", () => {
    it("blocks an OpenAI hostname bound to a front off Azure, showing every binding", () => {
        const distribution = view("aws:cloudfront/distribution:Distribution", "cdn", {
            aliases: ["chatgpt.com", "www.chatgpt.com", "status.example.com"],
            enabled: true,
        });
        const verdicts = alone(distribution);
        expect(verdicts.map((v) => v.subject)).toEqual([{ kind: "binds-hostname", hostname: "chatgpt.com" }]);
        expect(evidenceOf(verdicts)).toEqual(["aliases[0] = chatgpt.com", "aliases[1] = www.chatgpt.com"]);
        expect(verdicts[0].placement).toMatchObject({ cloud: "aws" });
    });

    it("passes the binding on Azure, and other hostnames off Azure", () => {
        expect(
            alone(
                view("azure-native:app:ContainerApp", "app", { configuration: { ingress: { customDomains: [{ name: "chatgpt.com" }] } } }),
            ),
        ).toEqual([]);
        expect(alone(view("aws:apigateway/domainName:DomainName", "d", { domainName: "api.example.com" }))).toEqual([]);
    });

    it("is judged as a DNS record, once, when the resource is a record", () => {
        const verdicts = alone(cloudflare({ name: "api.openai.com", type: "CNAME", content: "d1.cloudfront.net" }));
        expect(verdicts.map((v) => v.subject.kind)).toEqual(["dns-off-azure"]);
        // A record named by a host field is a binding by its shape too: still one verdict, the record's.
        const byHost = alone(view("acmedns:index:Record", "r", { hostname: "api.openai.com", type: "CNAME", target: "d1.cloudfront.net" }));
        expect(byHost.map((v) => v.subject.kind)).toEqual(["dns-off-azure"]);
    });
});
