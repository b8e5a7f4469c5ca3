/**
 * Extractors for API surfaces: HTTP routes (API Gateway, load-balancer
 * rules, CDN behaviours) and DNS records. A route is evidence only together
 * with the backend behind it, which the stack policy follows.
 */
import { childOf, elementsOf, Field, fieldAt, fieldOf, stringOf } from "../values";
import { DnsRecord, emptyExtraction, Extractor, Route } from "./types";

const apiGatewayV2Route: Extractor = (props) => {
    const key = fieldOf(props, "routeKey", "");
    const value = stringOf(key);
    const routes: Route[] = key && value !== undefined ? [{ path: key.path, value, backendProperties: ["target"] }] : [];
    return { ...emptyExtraction(), routes };
};

/** API Gateway v1: an integration's method; its path comes from the resource chain in the stack. */
const apiGatewayV1Integration: Extractor = (props) => {
    const method = fieldOf(props, "httpMethod", "");
    const value = stringOf(method);
    const routes: Route[] =
        method && value !== undefined ? [{ path: method.path, value, backendProperties: ["uri"], resourcePathFrom: "resourceId" }] : [];
    return { ...emptyExtraction(), routes };
};

const listenerRule: Extractor = (props) => {
    const routes: Route[] = [];
    for (const condition of elementsOf(fieldOf(props, "conditions", ""))) {
        for (const pattern of elementsOf(fieldAt(condition.value, ["pathPattern", "values"], condition.path))) {
            const value = stringOf(pattern);
            if (value !== undefined) {
                routes.push({ path: pattern.path, value, backendProperties: ["actions"] });
            }
        }
    }
    return { ...emptyExtraction(), routes };
};

const cloudFrontDistribution: Extractor = (props) => {
    const routes: Route[] = [];
    for (const behaviour of elementsOf(fieldOf(props, "orderedCacheBehaviors", ""))) {
        const pattern = childOf(behaviour, "pathPattern");
        const value = stringOf(pattern);
        if (pattern && value !== undefined) {
            routes.push({ path: pattern.path, value, backendProperties: ["origins"] });
        }
    }
    return { ...emptyExtraction(), routes };
};

function targetsOf(fields: Array<Field | undefined>, property: string): DnsRecord["targets"] {
    const targets: DnsRecord["targets"] = [];
    for (const field of fields) {
        if (!field) {
            continue;
        }
        if (field.unknown) {
            targets.push({ path: field.path, unknown: true, property });
            continue;
        }
        const list = Array.isArray(field.value) ? elementsOf(field) : [field];
        for (const element of list) {
            targets.push({ path: element.path, value: stringOf(element), unknown: element.unknown, property, secret: element.secret });
        }
    }
    return targets.filter((target) => target.unknown || target.value !== undefined);
}

function dnsName(field: Field | undefined): Pick<DnsRecord, "namePath" | "name" | "nameUnknown" | "nameSecret"> {
    return {
        namePath: field?.path ?? "name",
        name: stringOf(field),
        nameUnknown: field?.unknown ?? false,
        nameSecret: field?.secret ?? false,
    };
}

const route53Record: Extractor = (props) => {
    const aliases = elementsOf(fieldOf(props, "aliases", "")).map((alias) => childOf(alias, "name"));
    const dns: DnsRecord = {
        ...dnsName(fieldOf(props, "name", "")),
        targets: [...targetsOf([fieldOf(props, "records", "")], "records"), ...targetsOf(aliases, "aliases")],
    };
    return { ...emptyExtraction(), dns };
};

const googleRecordSet: Extractor = (props) => ({
    ...emptyExtraction(),
    dns: { ...dnsName(fieldOf(props, "name", "")), targets: targetsOf([fieldOf(props, "rrdatas", "")], "rrdatas") },
});

const azureRecordSet: Extractor = (props) => {
    const relative = fieldOf(props, "relativeRecordSetName", "");
    const zone = fieldOf(props, "zoneName", "");
    const unknown = (relative?.unknown ?? false) || (zone?.unknown ?? false);
    const parts = [stringOf(relative), stringOf(zone)].filter((part) => part !== undefined && part !== "@");
    const aRecords = elementsOf(fieldOf(props, "aRecords", "")).map((record) => childOf(record, "ipv4Address"));
    const dns: DnsRecord = {
        namePath: "relativeRecordSetName",
        name: unknown ? undefined : parts.join("."),
        nameUnknown: unknown,
        nameSecret: (relative?.secret ?? false) || (zone?.secret ?? false),
        targets: [
            ...targetsOf([fieldAt(props, ["cnameRecord", "cname"])], "cnameRecord"),
            ...targetsOf(aRecords, "aRecords"),
            ...targetsOf([fieldAt(props, ["targetResource", "id"])], "targetResource"),
        ],
    };
    return { ...emptyExtraction(), dns };
};

const cloudflareRecord: Extractor = (props) => ({
    ...emptyExtraction(),
    dns: {
        ...dnsName(fieldOf(props, "name", "")),
        targets: targetsOf([fieldOf(props, "content", ""), fieldOf(props, "value", "")], "content"),
    },
});

/** The types whose routes the stack phase follows to their backends. */
export const routeTypes: ReadonlySet<string> = new Set([
    "aws:apigatewayv2/route:Route",
    "aws:apigateway/integration:Integration",
    "aws:lb/listenerRule:ListenerRule",
    "aws:alb/listenerRule:ListenerRule",
    "aws:cloudfront/distribution:Distribution",
]);

/** Route and DNS extractors by type token. */
export const surfaceExtractors: ReadonlyArray<[string, Extractor]> = [
    ["aws:apigatewayv2/route:Route", apiGatewayV2Route],
    ["aws:apigateway/integration:Integration", apiGatewayV1Integration],
    ["aws:lb/listenerRule:ListenerRule", listenerRule],
    ["aws:alb/listenerRule:ListenerRule", listenerRule],
    ["aws:cloudfront/distribution:Distribution", cloudFrontDistribution],
    ["aws:route53/record:Record", route53Record],
    ["gcp:dns/recordSet:RecordSet", googleRecordSet],
    ["azure-native:dns:RecordSet", azureRecordSet],
    ["cloudflare:index/record:Record", cloudflareRecord],
    ["cloudflare:index/dnsRecord:DnsRecord", cloudflareRecord],
];
