/**
 * What the route and DNS readers take from a resource: a route's path and where its backend is
 * named, a DNS record's name, type, zone and every target, for each provider's shape and for a
 * record type nobody listed. The first-party and route verdicts rest on exactly these fields.
 */
import { dnsRecordOf, routesOf, routeTypes, surfaceTypes } from "../policypack/evidence/routes-and-dns";
import { secret, UNKNOWN } from "./support/views";

const targets = (type: string, props: Record<string, unknown>) =>
    dnsRecordOf(type, props)?.targets.map(
        (t) => `${t.path}${t.unknown ? " (unknown)" : ` = ${t.value}`}${t.secret ? " [secret]" : ""} <${t.property}>`,
    );

describe("routes", () => {
    it("an API Gateway v2 route is its route key, in front of its target", () => {
        expect(routesOf("aws:apigatewayv2/route:Route", { routeKey: "POST /v1/chat/completions", target: "integrations/x" })).toEqual([
            { path: "routeKey", value: "POST /v1/chat/completions", backendProperties: ["target"] },
        ]);
        expect(routesOf("aws:apigatewayv2/route:Route", { routeKey: UNKNOWN })).toEqual([]);
    });

    it("an API Gateway v1 integration is its method, with its path from the resource chain", () => {
        expect(routesOf("aws:apigateway/integration:Integration", { httpMethod: "POST", uri: "arn:x" })).toEqual([
            { path: "httpMethod", value: "POST", backendProperties: ["uri"], resourcePathFrom: "resourceId" },
        ]);
        expect(routesOf("aws:apigateway/integration:Integration", {})).toEqual([]);
        expect(routesOf("aws:apigateway/integration:Integration", { httpMethod: UNKNOWN })).toEqual([]);
        expect(routesOf("aws:cloudfront/distribution:Distribution", { orderedCacheBehaviors: [{ pathPattern: UNKNOWN }] })).toEqual([]);
    });

    it("a listener rule is each path pattern of each condition, in front of its actions", () => {
        const routes = routesOf("aws:lb/listenerRule:ListenerRule", {
            conditions: [
                { pathPattern: { values: ["/v1/chat/*", "/v1/responses"] } },
                { hostHeader: { values: ["api.example.com"] } },
                { pathPattern: { values: [UNKNOWN] } },
            ],
        });
        expect(routes).toEqual([
            { path: "conditions[0].pathPattern.values[0]", value: "/v1/chat/*", backendProperties: ["actions"] },
            { path: "conditions[0].pathPattern.values[1]", value: "/v1/responses", backendProperties: ["actions"] },
        ]);
        expect(routesOf("aws:alb/listenerRule:ListenerRule", { conditions: [{ pathPattern: { values: ["/v1/*"] } }] })).toHaveLength(1);
    });

    it("a CloudFront distribution is each ordered behaviour's path pattern, in front of its origins", () => {
        expect(
            routesOf("aws:cloudfront/distribution:Distribution", {
                orderedCacheBehaviors: [{ pathPattern: "/v1/*" }, { targetOriginId: "x" }, { pathPattern: secret("/backend-api/*") }],
            }),
        ).toEqual([
            { path: "orderedCacheBehaviors[0].pathPattern", value: "/v1/*", backendProperties: ["origins"] },
            { path: "orderedCacheBehaviors[2].pathPattern", value: "/backend-api/*", backendProperties: ["origins"] },
        ]);
    });

    it("no other type has routes, and the route types are the ones read", () => {
        expect(routesOf("aws:s3/bucket:Bucket", { routeKey: "POST /v1/chat/completions" })).toEqual([]);
        expect([...routeTypes].sort()).toEqual(
            [
                "aws:alb/listenerRule:ListenerRule",
                "aws:apigateway/integration:Integration",
                "aws:apigatewayv2/route:Route",
                "aws:cloudfront/distribution:Distribution",
                "aws:lb/listenerRule:ListenerRule",
            ].sort(),
        );
        expect(surfaceTypes).toEqual(
            expect.arrayContaining([...routeTypes, "aws:route53/record:Record", "cloudflare:index/dnsRecord:DnsRecord"]),
        );
    });
});

describe("DNS records by provider", () => {
    it("Route 53: records and aliases, an alias without a name as unknown", () => {
        const record = dnsRecordOf("aws:route53/record:Record", {
            name: "api.openai.com",
            type: "cname",
            zoneId: "Z1",
            records: ["a.example.net", UNKNOWN],
            aliases: [{ name: "d1.cloudfront.net", zoneId: "Z2" }, { zoneId: "Z3" }],
        });
        expect(record).toMatchObject({
            name: "api.openai.com",
            namePath: "name",
            recordType: "ALIAS",
            zoneProperties: ["zoneId"],
            nameUnknown: false,
        });
        expect(record?.targets.map((t) => `${t.path}${t.unknown ? " (unknown)" : ` = ${t.value}`} <${t.property}>`)).toEqual([
            "records[0] = a.example.net <records>",
            "records[1] (unknown) <records>",
            "aliases[0].name = d1.cloudfront.net <aliases>",
            "aliases[1].name (unknown) <aliases>",
        ]);
        expect(dnsRecordOf("aws:route53/record:Record", { name: "x", type: "cname", records: ["y"] })?.recordType).toBe("CNAME");
    });

    it("Cloud DNS: rrdatas, and those of routing policies at any depth", () => {
        expect(
            targets("gcp:dns/recordSet:RecordSet", {
                name: "api.openai.com.",
                type: "A",
                managedZone: "z",
                rrdatas: ["203.0.113.1"],
                routingPolicy: {
                    wrr: [{ weight: 1, rrdatas: ["203.0.113.2"] }],
                    primaryBackup: { backupGeo: [{ location: "eu", rrdatas: ["203.0.113.3"] }] },
                },
            }),
        ).toEqual([
            "rrdatas[0] = 203.0.113.1 <rrdatas>",
            "routingPolicy.wrr[0].rrdatas[0] = 203.0.113.2 <routingPolicy>",
            "routingPolicy.primaryBackup.backupGeo[0].rrdatas[0] = 203.0.113.3 <routingPolicy>",
        ]);
        expect(dnsRecordOf("gcp:dns/recordSet:RecordSet", { name: "x" })?.zoneProperties).toEqual(["managedZone"]);
    });

    it("Azure DNS: the relative name joined to the zone, and every kind of target", () => {
        const record = dnsRecordOf("azure-native:network:RecordSet", {
            relativeRecordSetName: "api",
            zoneName: "openai.com",
            recordType: "A",
            cnameRecord: { cname: "x.azurefd.net" },
            aRecords: [{ ipv4Address: "203.0.113.1" }],
            aaaaRecords: [{ ipv6Address: "2001:db8::1" }],
            nsRecords: [{ nsdname: "ns1-01.azure-dns.com." }],
            targetResource: { id: "/subscriptions/s/x" },
        });
        expect(record).toMatchObject({
            name: "api.openai.com",
            namePath: "relativeRecordSetName + zoneName",
            nameUnknown: false,
            recordType: "A",
        });
        expect(record?.targets.map((t) => `${t.path} = ${t.value}`)).toEqual([
            "cnameRecord.cname = x.azurefd.net",
            "aRecords[0].ipv4Address = 203.0.113.1",
            "aaaaRecords[0].ipv6Address = 2001:db8::1",
            "nsRecords[0].nsdname = ns1-01.azure-dns.com.",
            "targetResource.id = /subscriptions/s/x",
        ]);
    });

    it("Azure DNS: the apex @ is the zone; an unknown zone leaves the relative name for the stack", () => {
        expect(dnsRecordOf("azure-native:dns:RecordSet", { relativeRecordSetName: "@", zoneName: "chatgpt.com" })?.name).toBe(
            "chatgpt.com",
        );
        expect(dnsRecordOf("azure-native:dns:RecordSet", { relativeRecordSetName: "api", zoneName: UNKNOWN })).toMatchObject({
            name: "api",
            nameUnknown: true,
        });
        expect(dnsRecordOf("azure-native:dns:RecordSet", { relativeRecordSetName: UNKNOWN, zoneName: "openai.com" })).toMatchObject({
            name: undefined,
            nameUnknown: true,
        });
        expect(
            dnsRecordOf("azure-native:dns:RecordSet", { relativeRecordSetName: secret("api"), zoneName: "openai.com" })?.nameSecret,
        ).toBe(true);
        expect(dnsRecordOf("azure-native:dns:RecordSet", { relativeRecordSetName: "api", zoneName: secret("openai.com") })).toMatchObject({
            name: "api.openai.com",
            nameSecret: true,
            nameUnknown: false,
        });
        expect(dnsRecordOf("azure-native:dns:RecordSet", { relativeRecordSetName: "api", zoneName: "openai.com" })).toMatchObject({
            nameSecret: false,
        });
        expect(dnsRecordOf("azure-native:dns:RecordSet", { zoneName: UNKNOWN })).toMatchObject({ name: undefined, nameUnknown: true });
        expect(dnsRecordOf("aws:route53/record:Record", { name: UNKNOWN, type: "A", records: ["x"] })).toMatchObject({
            name: undefined,
            nameUnknown: true,
            namePath: "name",
        });
        expect(dnsRecordOf("aws:route53/record:Record", { name: secret("api.openai.com"), records: ["x"] })).toMatchObject({
            name: "api.openai.com",
            nameSecret: true,
            recordTypeSecret: false,
        });
    });

    it("Cloudflare: content or value, and a secret type", () => {
        expect(targets("cloudflare:index/record:Record", { name: "api", type: "CNAME", zoneId: "z", value: "x.example.net" })).toEqual([
            "value = x.example.net <content>",
        ]);
        expect(targets("cloudflare:index/dnsRecord:DnsRecord", { name: "api", content: secret("x.example.net") })).toEqual([
            "content = x.example.net [secret] <content>",
        ]);
        expect(dnsRecordOf("cloudflare:index/record:Record", { name: "api", type: secret("cname") })).toMatchObject({
            recordType: "CNAME",
            recordTypeSecret: true,
        });
    });
});

describe("DNS records nobody listed", () => {
    it("are read by shape: a record type with a name and a target", () => {
        const record = dnsRecordOf("ns1:index/record:Record", {
            domain: "openai.com",
            zone: "openai.com",
            type: "a",
            answers: [{ answer: "d1.cloudfront.net" }, { meta: {} }, "203.0.113.8"],
            recordName: "api.openai.com",
        });
        expect(record).toMatchObject({ name: "api.openai.com", namePath: "recordName", recordType: "A" });
        expect(record?.zoneProperties).toEqual(["zoneId", "zone", "zoneName", "domain", "domainId", "managedZone"]);
        // NS1's answers are objects: the answer inside each is the target.
        expect(record?.targets.map((t) => `${t.path} = ${t.value}`)).toEqual([
            "answers[0].answer = d1.cloudfront.net",
            "answers[2] = 203.0.113.8",
        ]);
        expect(targets("acme:dns:Record", { name: "api.openai.com", records: [secret({ rdata: "x.example.net" })] })).toEqual([
            "records[0].rdata = x.example.net [secret] <records>",
        ]);
        expect(
            targets("dnsimple:index/zoneRecord:ZoneRecord", { name: "api", zoneName: "openai.com", type: "CNAME", value: "x.example.net" }),
        ).toEqual(["value = x.example.net <value>"]);
        expect(targets("acme:dns:Record", { fqdn: "api.openai.com", recordType: "A", address: "203.0.113.4" })).toEqual([
            "address = 203.0.113.4 <address>",
        ]);
        expect(targets("acme:dns:Record", { hostname: "api.openai.com", targets: ["a", "b"] })).toEqual([
            "targets[0] = a <targets>",
            "targets[1] = b <targets>",
        ]);
    });

    it("are not records without a target, without a name, or when the type is not a record", () => {
        expect(dnsRecordOf("acme:dns:Record", { name: "api.openai.com", ttl: 60 })).toBeUndefined();
        expect(dnsRecordOf("acme:dns:Record", { content: "203.0.113.4" })).toBeUndefined();
        expect(dnsRecordOf("acme:dns:Zone", { name: "openai.com", content: "203.0.113.4" })).toBeUndefined();
        expect(dnsRecordOf("acme:dns:RECORDSET", { name: "openai.com", content: "203.0.113.4" })).toBeDefined();
    });
});
