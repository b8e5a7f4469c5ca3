/**
 * Extractors for API surfaces: HTTP routes (API Gateway, load-balancer
 * rules, CDN behaviours) and DNS records. A route is evidence only together
 * with the backend behind it, which the stack policy follows.
 */
import { asRecord, childOf, elementsOf, entriesOf, Field, fieldAt, fieldOf, stringOf } from "../values";
import { DnsRecord, Route } from "./types";
import { rememberedBy } from "../memo";

type RouteReader = (props: Record<string, unknown>) => Route[];
type DnsReader = (props: Record<string, unknown>) => DnsRecord;

const apiGatewayV2Route: RouteReader = (props) => {
    const key = fieldOf(props, "routeKey", "");
    const value = stringOf(key);
    return key && value !== undefined ? [{ path: key.path, value, backendProperties: ["target"] }] : [];
};

/** API Gateway v1: an integration's method; its path comes from the resource chain in the stack. */
const apiGatewayV1Integration: RouteReader = (props) => {
    const method = fieldOf(props, "httpMethod", "");
    const value = stringOf(method);
    return method && value !== undefined ? [{ path: method.path, value, backendProperties: ["uri"], resourcePathFrom: "resourceId" }] : [];
};

const listenerRule: RouteReader = (props) => {
    const routes: Route[] = [];
    for (const condition of elementsOf(fieldOf(props, "conditions", ""))) {
        for (const pattern of elementsOf(fieldAt(condition.value, ["pathPattern", "values"], condition.path))) {
            const value = stringOf(pattern);
            if (value !== undefined) {
                routes.push({ path: pattern.path, value, backendProperties: ["actions"] });
            }
        }
    }
    return routes;
};

const cloudFrontDistribution: RouteReader = (props) => {
    const routes: Route[] = [];
    for (const behaviour of elementsOf(fieldOf(props, "orderedCacheBehaviors", ""))) {
        const pattern = childOf(behaviour, "pathPattern");
        const value = stringOf(pattern);
        if (pattern && value !== undefined) {
            routes.push({ path: pattern.path, value, backendProperties: ["origins"] });
        }
    }
    return routes;
};

/**
 * The targets in record fields: strings, lists of strings, or (`innerKeys` given) objects whose
 * answer sits under one of those keys (NS1's `answers: [{ answer: "203.0.113.4" }]`).
 */
function targetsOf(fields: Array<Field | undefined>, property: string, innerKeys: readonly string[] = []): DnsRecord["targets"] {
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
            const answer = asRecord(element.value)
                ? innerKeys.map((key) => childOf(element, key)).find((child) => child !== undefined)
                : undefined;
            const target = answer ?? element;
            targets.push({
                path: target.path,
                value: stringOf(target),
                unknown: target.unknown,
                property,
                secret: target.secret,
            });
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

function recordTypeOf(props: Record<string, unknown>, ...keys: string[]): string | undefined {
    for (const key of keys) {
        const value = stringOf(fieldOf(props, key, ""));
        if (value !== undefined) {
            return value.toUpperCase();
        }
    }
    return undefined;
}

function recordTypeSecret(props: Record<string, unknown>, ...keys: string[]): boolean {
    return keys.some((key) => fieldOf(props, key, "")?.secret === true);
}

const route53Record: DnsReader = (props) => {
    // An alias whose target name is missing (computed by the target, unknown during preview) is an unknown target.
    const aliases = elementsOf(fieldOf(props, "aliases", "")).map(
        (alias): Field => childOf(alias, "name") ?? { path: `${alias.path}.name`, value: undefined, unknown: true, secret: alias.secret },
    );
    return {
        ...dnsName(fieldOf(props, "name", "")),
        recordType: aliases.length > 0 ? "ALIAS" : recordTypeOf(props, "type"),
        recordTypeSecret: recordTypeSecret(props, "type"),
        zoneProperties: ["zoneId"],
        targets: [...targetsOf([fieldOf(props, "records", "")], "records"), ...targetsOf(aliases, "aliases")],
    };
};

const googleRecordSet: DnsReader = (props) => ({
    ...dnsName(fieldOf(props, "name", "")),
    recordType: recordTypeOf(props, "type"),
    recordTypeSecret: recordTypeSecret(props, "type"),
    zoneProperties: ["managedZone"],
    // Plain answers, and those of routing policies (geo, weighted round robin, primary/backup).
    targets: [
        ...targetsOf([fieldOf(props, "rrdatas", "")], "rrdatas"),
        ...targetsOf(nestedRrdatas(fieldOf(props, "routingPolicy", "")), "routingPolicy"),
    ],
});

/** Every `rrdatas` list inside a Cloud DNS routing policy, at any depth (bounded). */
function nestedRrdatas(field: Field | undefined): Field[] {
    const found: Field[] = [];
    const queue: Field[] = field ? [field] : [];
    for (let next = 0; next < queue.length && next < 10_000; next++) {
        const current = queue[next];
        if (Array.isArray(current.value)) {
            queue.push(...elementsOf(current));
            continue;
        }
        for (const [key, child] of entriesOf(current)) {
            if (key === "rrdatas") {
                found.push(child);
            } else if (typeof child.value === "object" && child.value !== null) {
                queue.push(child);
            }
        }
    }
    return found;
}

const azureRecordSet: DnsReader = (props) => {
    const relative = fieldOf(props, "relativeRecordSetName", "");
    const zone = fieldOf(props, "zoneName", "");
    const unknown = (relative?.unknown ?? false) || (zone?.unknown ?? false);
    const parts = [stringOf(relative), stringOf(zone)].filter((part) => part !== undefined && part !== "@");
    const aRecords = elementsOf(fieldOf(props, "aRecords", "")).map((record) => childOf(record, "ipv4Address"));
    const aaaaRecords = elementsOf(fieldOf(props, "aaaaRecords", "")).map((record) => childOf(record, "ipv6Address"));
    const nsRecords = elementsOf(fieldOf(props, "nsRecords", "")).map((record) => childOf(record, "nsdname"));
    const relativeName = stringOf(relative);
    return {
        namePath: "relativeRecordSetName + zoneName",
        // With the zone unknown during preview, the relative name is joined to the zone in the stack.
        name: !unknown ? parts.join(".") : zone?.unknown && relativeName !== undefined ? relativeName : undefined,
        nameUnknown: unknown,
        zoneProperties: ["zoneName"],
        nameSecret: (relative?.secret ?? false) || (zone?.secret ?? false),
        recordType: recordTypeOf(props, "recordType"),
        recordTypeSecret: recordTypeSecret(props, "recordType"),
        targets: [
            ...targetsOf([fieldAt(props, ["cnameRecord", "cname"])], "cnameRecord"),
            ...targetsOf(aRecords, "aRecords"),
            ...targetsOf(aaaaRecords, "aaaaRecords"),
            ...targetsOf(nsRecords, "nsRecords"),
            ...targetsOf([fieldAt(props, ["targetResource", "id"])], "targetResource"),
        ],
    };
};

const cloudflareRecord: DnsReader = (props) => ({
    ...dnsName(fieldOf(props, "name", "")),
    recordType: recordTypeOf(props, "type"),
    recordTypeSecret: recordTypeSecret(props, "type"),
    zoneProperties: ["zoneId"],
    targets: targetsOf([fieldOf(props, "content", ""), fieldOf(props, "value", "")], "content"),
});

/**
 * Any other provider's DNS record, by shape: a name, a type, and a target in one of the fields
 * DNS providers use for it (`content`, `value`, `data`, `target`, `records`, `address` …).
 */
/** Keys that name a record nobody listed. */
const recordNameKeys = ["name", "recordName", "fqdn", "hostname", "host"];

/** Keys that hold an answer inside a target object of a record nobody listed. */
const answerKeys = ["answer", "value", "content", "address", "target", "data", "rdata"];

const genericRecord: DnsReader = (props) => {
    const nameKey = recordNameKeys.find((key) => key in props) ?? "name";
    const targetKeys = ["content", "value", "values", "data", "target", "targets", "records", "rrdatas", "address", "answers", "record"];
    return {
        ...dnsName(fieldOf(props, nameKey, "")),
        recordType: recordTypeOf(props, "type", "recordType"),
        recordTypeSecret: recordTypeSecret(props, "type", "recordType"),
        zoneProperties: ["zoneId", "zone", "zoneName", "domain", "domainId", "managedZone"],
        targets: targetsOf(
            targetKeys.map((key) => fieldOf(props, key, "")),
            targetKeys.find((key) => key in props) ?? "content",
            answerKeys,
        ),
    };
};

/** The types whose routes the stack phase follows to their backends. */
export const routeTypes: ReadonlySet<string> = new Set([
    "aws:apigatewayv2/route:Route",
    "aws:apigateway/integration:Integration",
    "aws:lb/listenerRule:ListenerRule",
    "aws:alb/listenerRule:ListenerRule",
    "aws:cloudfront/distribution:Distribution",
]);

const routeReaders = new Map<string, RouteReader>([
    ["aws:apigatewayv2/route:Route", apiGatewayV2Route],
    ["aws:apigateway/integration:Integration", apiGatewayV1Integration],
    ["aws:lb/listenerRule:ListenerRule", listenerRule],
    ["aws:alb/listenerRule:ListenerRule", listenerRule],
    ["aws:cloudfront/distribution:Distribution", cloudFrontDistribution],
]);

const dnsReaders = new Map<string, DnsReader>([
    ["aws:route53/record:Record", route53Record],
    ["gcp:dns/recordSet:RecordSet", googleRecordSet],
    ["azure-native:dns:RecordSet", azureRecordSet],
    ["azure-native:network:RecordSet", azureRecordSet],
    ["cloudflare:index/record:Record", cloudflareRecord],
    ["cloudflare:index/dnsRecord:DnsRecord", cloudflareRecord],
]);

/** The route and DNS types the tables refine. */
export const surfaceTypes: readonly string[] = [...routeReaders.keys(), ...dnsReaders.keys()];

/** A known type's routes. */
export function routesOf(type: string, props: Record<string, unknown>): Route[] {
    return routeReaders.get(type)?.(props) ?? [];
}

/** Whether a type's own name (after its module) says it is a DNS record; remembered per type. */
const namesRecordType = rememberedBy((type: string): boolean => /record/i.test(type.split(":").pop() ?? ""));

/** A DNS record: a known type's, or any type whose name says it is a DNS record and whose inputs have a record's shape. */
export function dnsRecordOf(type: string, props: Record<string, unknown>): DnsRecord | undefined {
    const known = dnsReaders.get(type);
    if (known) {
        return known(props);
    }
    if (!namesRecordType(type) || !recordNameKeys.some((key) => key in props)) {
        return undefined;
    }
    const record = genericRecord(props);
    return record.targets.length > 0 ? record : undefined;
}
