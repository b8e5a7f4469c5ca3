/**
 * The DNS records behind OpenAI-style routes and hostnames, where a field is missing, unknown during
 * preview or secret: the name and its path a message shows, the type, the zone properties the stack
 * follows, and each target with the property it came from. First-party and route verdicts name
 * exactly these, so a wrong path or property is a wrong message.
 */
import { dnsRecordOf } from "../policypack/evidence/routes-and-dns";
import { secret, UNKNOWN } from "./support/views";

/** Each target as a message lists it: path, value (or unknown), secret flag, and the property it came from. */
const shown = (type: string, props: Record<string, unknown>) =>
    dnsRecordOf(type, props)?.targets.map(
        (t) => `${t.path}${t.unknown ? " (unknown)" : ` = ${t.value}`}${t.secret ? " [secret]" : ""} <${t.property}>`,
    );

describe("a record without a name", () => {
    it("Route 53: no name, at the path `name`, neither unknown nor secret", () => {
        expect(dnsRecordOf("aws:route53/record:Record", { type: "A", records: ["203.0.113.1"] })).toMatchObject({
            namePath: "name",
            name: undefined,
            nameUnknown: false,
            nameSecret: false,
        });
    });

    it("Cloud DNS and Cloudflare: the name is read at `name`", () => {
        expect(dnsRecordOf("gcp:dns/recordSet:RecordSet", { name: "api.openai.com.", rrdatas: ["x"] })?.namePath).toBe("name");
        expect(dnsRecordOf("cloudflare:index/record:Record", { name: "api", content: "x" })?.namePath).toBe("name");
        expect(dnsRecordOf("cloudflare:index/dnsRecord:DnsRecord", { content: "x" })).toMatchObject({
            namePath: "name",
            name: undefined,
            nameUnknown: false,
            nameSecret: false,
        });
    });
});

describe("zones the stack follows for a relative name", () => {
    it("each provider names the properties that reference its zone", () => {
        expect(dnsRecordOf("azure-native:dns:RecordSet", { relativeRecordSetName: "api", zoneName: "openai.com" })?.zoneProperties).toEqual(
            ["zoneName"],
        );
        expect(dnsRecordOf("cloudflare:index/record:Record", { name: "api", content: "x" })?.zoneProperties).toEqual(["zoneId"]);
        expect(dnsRecordOf("cloudflare:index/dnsRecord:DnsRecord", { name: "api", content: "x" })?.zoneProperties).toEqual(["zoneId"]);
        expect(dnsRecordOf("aws:route53/record:Record", { name: "api", records: ["x"] })?.zoneProperties).toEqual(["zoneId"]);
    });
});

describe("Azure DNS record sets with a part missing", () => {
    it("a record set with only its zone is the zone itself", () => {
        // No relative name: the zone apex, known and not secret.
        expect(
            dnsRecordOf("azure-native:dns:RecordSet", { zoneName: "openai.com", cnameRecord: { cname: "x.azurefd.net" } }),
        ).toMatchObject({
            name: "openai.com",
            nameUnknown: false,
            nameSecret: false,
        });
    });

    it("a record set without its zone is its relative name, known and not secret", () => {
        expect(dnsRecordOf("azure-native:network:RecordSet", { relativeRecordSetName: "api" })).toMatchObject({
            name: "api",
            nameUnknown: false,
            nameSecret: false,
        });
    });

    it("a relative name unknown during preview, with no zone, leaves the name unknown", () => {
        expect(dnsRecordOf("azure-native:dns:RecordSet", { relativeRecordSetName: UNKNOWN })).toMatchObject({
            name: undefined,
            nameUnknown: true,
            nameSecret: false,
        });
    });

    it("a secret record type is judged and flagged", () => {
        expect(
            dnsRecordOf("azure-native:dns:RecordSet", {
                relativeRecordSetName: "api",
                zoneName: "openai.com",
                recordType: secret("CNAME"),
            }),
        ).toMatchObject({
            recordType: "CNAME",
            recordTypeSecret: true,
        });
        expect(
            dnsRecordOf("azure-native:dns:RecordSet", { relativeRecordSetName: "api", zoneName: "openai.com", recordType: "CNAME" })
                ?.recordTypeSecret,
        ).toBe(false);
    });

    it("each target says the property it came from", () => {
        expect(
            shown("azure-native:network:RecordSet", {
                relativeRecordSetName: "api",
                zoneName: "openai.com",
                cnameRecord: { cname: "x.cloudfront.net" },
                aRecords: [{ ipv4Address: "203.0.113.1" }],
                aaaaRecords: [{ ipv6Address: "2001:db8::1" }],
                nsRecords: [{ nsdname: "ns-1.awsdns-01.org." }],
                targetResource: { id: "/subscriptions/s/x" },
            }),
        ).toEqual([
            "cnameRecord.cname = x.cloudfront.net <cnameRecord>",
            "aRecords[0].ipv4Address = 203.0.113.1 <aRecords>",
            "aaaaRecords[0].ipv6Address = 2001:db8::1 <aaaaRecords>",
            "nsRecords[0].nsdname = ns-1.awsdns-01.org. <nsRecords>",
            "targetResource.id = /subscriptions/s/x <targetResource>",
        ]);
    });
});

describe("record types", () => {
    it("Cloud DNS: a secret type is judged and flagged, a plain one is not", () => {
        expect(
            dnsRecordOf("gcp:dns/recordSet:RecordSet", { name: "api.openai.com.", type: secret("cname"), rrdatas: ["x"] }),
        ).toMatchObject({
            recordType: "CNAME",
            recordTypeSecret: true,
        });
        expect(dnsRecordOf("gcp:dns/recordSet:RecordSet", { name: "api.openai.com.", type: "A", rrdatas: ["x"] })?.recordTypeSecret).toBe(
            false,
        );
    });

    it("a record nobody listed: the type from `type` or `recordType`, secret in either", () => {
        expect(dnsRecordOf("acme:dns:Record", { name: "api.openai.com", recordType: "cname", content: "x" })).toMatchObject({
            recordType: "CNAME",
            recordTypeSecret: false,
        });
        // One of the two keys secret is enough: the other is simply absent.
        expect(dnsRecordOf("acme:dns:Record", { name: "api.openai.com", type: secret("cname"), content: "x" })).toMatchObject({
            recordType: "CNAME",
            recordTypeSecret: true,
        });
        expect(dnsRecordOf("acme:dns:Record", { name: "api.openai.com", recordType: secret("a"), content: "x" })).toMatchObject({
            recordType: "A",
            recordTypeSecret: true,
        });
    });
});

describe("targets of a record nobody listed", () => {
    it("are read from each field DNS providers use, named by that field", () => {
        expect(shown("acme:dns:Record", { name: "api.openai.com", values: ["a.example.net", "b.example.net"] })).toEqual([
            "values[0] = a.example.net <values>",
            "values[1] = b.example.net <values>",
        ]);
        expect(shown("acme:dns:Record", { name: "api.openai.com", data: "a.example.net" })).toEqual(["data = a.example.net <data>"]);
        expect(shown("acme:dns:Record", { name: "api.openai.com", rrdatas: ["203.0.113.1"] })).toEqual([
            "rrdatas[0] = 203.0.113.1 <rrdatas>",
        ]);
        expect(shown("acme:dns:Record", { name: "api.openai.com", record: "a.example.net" })).toEqual(["record = a.example.net <record>"]);
        expect(shown("acme:dns:Record", { name: "api.openai.com", content: "a.example.net" })).toEqual([
            "content = a.example.net <content>",
        ]);
    });
});

describe("a target list unknown during preview", () => {
    it("is one unknown target at the list's path", () => {
        expect(dnsRecordOf("aws:route53/record:Record", { name: "api.openai.com", type: "CNAME", records: UNKNOWN })?.targets).toEqual([
            { path: "records", unknown: true, property: "records" },
        ]);
        expect(shown("acme:dns:Record", { name: "api.openai.com", content: UNKNOWN })).toEqual(["content (unknown) <content>"]);
    });
});
