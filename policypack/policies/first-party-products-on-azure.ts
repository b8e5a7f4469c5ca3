/**
 * Clause 3: resources declared as an OpenAI first-party product (the
 * `openai:product` tag) are hosted on Azure, and DNS records for OpenAI's API
 * and product hostnames point at Azure targets.
 */
import { Cloud, cloudName } from "../clouds";
import { cloudOfTarget, isAzureDnsTarget, isAzureNameServer, isOpenAIHostname } from "../endpoints";
import { JudgeContext, ResourceFacts } from "../facts";
import { StackIndex } from "../resource";
import { cloudOf, sourcesOf } from "../stack";
import { shownHost } from "../redaction";
import { namesProduct } from "../tags";
import { Evidence, Verdict } from "../verdict";
import { Clause, Rule, verdictOf } from "./rule";

const name = "first-party-products-on-azure";

const clause: Clause = {
    ids: ["3"],
    text: "clause 3 of the OpenAI–Microsoft joint statement (27 Feb 2026): OpenAI first-party products stay hosted on Azure",
};

const fixes = {
    product:
        "host the first-party product on Azure (Azure Container Apps, AKS, App Service) — or request a time-boxed exemption in the pack config",
    dns: "point the record at an Azure target (Front Door `*.azurefd.net`, `*.azurewebsites.net`, `*.cloudapp.azure.com`, Traffic Manager), or add the target to `extraAzureDnsTargets`",
    binding:
        "serve the OpenAI hostname from an Azure front (Azure Front Door, Application Gateway, App Service or Container Apps custom domains) — or request a time-boxed exemption in the pack config",
};

/** A resource declared as a first-party product, hosted off Azure. */
function productVerdicts(facts: ResourceFacts, ctx: JudgeContext): Verdict[] {
    const declaration = facts.declared.product;
    const product = declaration ? namesProduct(declaration.value, ctx.settings.firstPartyProducts) : undefined;
    if (!declaration || !product) {
        return [];
    }
    const host = facts.host(ctx.stack?.index);
    if (host.kind !== "cloud" || host.cloud === "azure") {
        return [];
    }
    return [
        verdictOf(
            name,
            facts,
            {
                subject: { kind: "hosts-product", product: declaration.secret ? undefined : product },
                placement: { cloud: host.cloud, how: host.how },
                evidence: [{ path: declaration.path, shown: declaration.secret ? "[secret]" : declaration.value }],
                viaStack: host.viaStack || declaration.viaStack === true,
            },
            fixes.product,
            clause,
        ),
    ];
}

/**
 * Record types that route product traffic. TXT, CAA, MX, SOA, PTR, SRV and the like serve no product
 * traffic and never block; a record whose type the resource does not say is judged.
 */
const trafficRecordTypes = new Set(["A", "AAAA", "CNAME", "ALIAS", "ANAME", "HTTPS", "SVCB", "NS"]);

/** Names of records that carry no traffic: service and validation records (`_acme-challenge`, `_dmarc`, `s1._domainkey`, ACM's `_<hash>`). */
function isServiceRecordName(name: string): boolean {
    return name
        .trim()
        .split(".")
        .some((label) => label.startsWith("_"));
}

/** A DNS record for an OpenAI hostname whose targets are not Azure. */
function dnsVerdicts(facts: ResourceFacts, ctx: JudgeContext): Verdict[] {
    const dns = facts.extraction.dns;
    const { settings, stack } = ctx;
    if (!dns || dns.name === undefined || isServiceRecordName(dns.name)) {
        return [];
    }
    if (dns.recordType !== undefined && !trafficRecordTypes.has(dns.recordType)) {
        return [];
    }
    let hostname = dns.name;
    let viaZone = false;
    if (!isOpenAIHostname(hostname, settings.openAIHostnames)) {
        // A name relative to its zone (`api` in the zone `openai.com`): the zone is in the stack.
        const zone = stack ? zoneNameOf(facts, dns.zoneProperties ?? [], stack.index) : undefined;
        const full = zone === undefined ? undefined : fullNameIn(hostname, zone);
        if (full === undefined || !isOpenAIHostname(full, settings.openAIHostnames)) {
            return [];
        }
        hostname = full;
        viaZone = true;
    }
    const bad: Evidence[] = [];
    const unknowns: Evidence[] = [];
    const clouds = new Set<Cloud>();
    let viaStack = viaZone;
    for (const target of dns.targets) {
        if (target.unknown) {
            if (!stack) {
                continue;
            }
            const sources = sourcesOf(facts.view, target.property, stack.index);
            if (sources.some((source) => cloudOf(source) === "azure")) {
                continue;
            }
            viaStack = true;
            // The stack shows where an unknown target comes from (the API Gateway domain an alias points at).
            const source = sources.find((node) => cloudOf(node) !== undefined);
            if (source) {
                clouds.add(cloudOf(source) as Cloud);
                bad.push({ path: target.path, shown: `(from ${source.type} "${source.name}" on ${cloudName(cloudOf(source) as Cloud)})` });
                continue;
            }
            const unknown = { path: target.path, shown: "(unknown during preview, not shown to be Azure)" };
            bad.push(unknown);
            unknowns.push(unknown);
            continue;
        }
        const value = target.value ?? "";
        if (
            isAzureDnsTarget(value, settings.extraAzureDnsTargets) ||
            (dns.recordType === "NS" && isAzureNameServer(value)) ||
            value.startsWith("/subscriptions/")
        ) {
            continue;
        }
        const cloud = cloudOfTarget(value);
        if (cloud) {
            clouds.add(cloud);
        }
        bad.push({ path: target.path, shown: target.secret ? "[secret]" : shownHost(value) });
    }
    if (bad.length === 0) {
        return [];
    }
    return [
        verdictOf(
            name,
            facts,
            {
                subject: {
                    kind: "dns-off-azure",
                    hostname: dns.nameSecret ? undefined : hostname,
                    ...(clouds.size === 1 ? { targetCloud: [...clouds][0] } : {}),
                },
                evidence: [
                    {
                        path: dns.namePath,
                        shown: dns.nameSecret ? "[secret]" : viaZone ? `${dns.name} (in the zone: ${hostname})` : dns.name,
                    },
                    ...(dns.recordType ? [{ path: "type", shown: dns.recordTypeSecret ? "[secret]" : dns.recordType }] : []),
                    ...bad,
                ],
                unknowns,
                viaStack,
            },
            fixes.dns,
            clause,
        ),
    ];
}

/** The name of the DNS zone a record's zone property comes from, in the stack. */
function zoneNameOf(facts: ResourceFacts, properties: readonly string[], stack: StackIndex): string | undefined {
    for (const property of properties) {
        for (const zone of sourcesOf(facts.view, property, stack)) {
            for (const key of ["name", "zone", "dnsName", "domain", "zoneName"]) {
                const value = zone.props[key];
                if (typeof value === "string" && value.includes(".")) {
                    return value;
                }
            }
        }
    }
    return undefined;
}

/** A record name joined to its zone (`api` + `openai.com`; `@` is the zone itself); a name already under the zone stays. */
function fullNameIn(name: string, zone: string): string {
    const bare = zone.replace(/\.$/, "");
    const record = name.replace(/\.$/, "");
    if (record === "@" || record === "") {
        return bare;
    }
    return record === bare || record.endsWith(`.${bare}`) ? record : `${record}.${bare}`;
}

/** Custom domains binding an OpenAI hostname to a front off Azure: API Gateway, CloudFront aliases, Ingress hosts, host rules. */
function bindingVerdicts(facts: ResourceFacts, ctx: JudgeContext): Verdict[] {
    const bound = facts.extraction.bindings.filter((binding) => isOpenAIHostname(binding.hostname, ctx.settings.openAIHostnames));
    if (bound.length === 0 || facts.extraction.dns) {
        return [];
    }
    const host = facts.host(ctx.stack?.index);
    if (host.kind !== "cloud" || host.cloud === "azure") {
        return [];
    }
    const [first] = bound;
    return [
        verdictOf(
            name,
            facts,
            {
                subject: { kind: "binds-hostname", hostname: first.secret ? undefined : first.hostname },
                placement: { cloud: host.cloud, how: host.how },
                evidence: bound.map((binding) => ({
                    path: binding.path,
                    shown: binding.secret ? "[secret]" : shownHost(binding.hostname),
                })),
                viaStack: host.viaStack,
            },
            fixes.binding,
            clause,
        ),
    ];
}

/** Clause 3. */
export const firstPartyProductsOnAzure: Rule = {
    name,
    displayName: "OpenAI first-party products stay on Azure",
    description: "OpenAI first-party products (e.g. Frontier) and the DNS names of OpenAI's API and products are hosted on Azure.",
    severity: "critical",
    clause,
    remediationSteps: [
        "Host the product on Azure (Azure Container Apps, AKS, App Service).",
        "Point DNS records for OpenAI hostnames at Azure targets (Front Door, App Service, Traffic Manager, cloudapp.azure.com).",
        "For a planned migration, add a time-boxed exemption under `openai-hosting-settings` in the pack config.",
    ].join("\n"),
    tags: ["openai", "azure", "first-party-products", "dns", "clause-3"],
    judge: (facts, ctx) => [...productVerdicts(facts, ctx), ...dnsVerdicts(facts, ctx), ...bindingVerdicts(facts, ctx)],
};
