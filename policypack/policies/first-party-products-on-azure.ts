/**
 * Clause 3: resources declared as an OpenAI first-party product (the
 * `openai:product` tag) are hosted on Azure, and DNS records for OpenAI's API
 * and product hostnames point at Azure targets.
 */
import { isAzureDnsTarget, isOpenAIHostname } from "../endpoints";
import { JudgeContext, ResourceFacts } from "../facts";
import { sourcesOf, cloudOf } from "../stack";
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
                viaStack: host.viaStack,
            },
            fixes.product,
            clause,
        ),
    ];
}

/** A DNS record for an OpenAI hostname whose targets are not Azure. */
function dnsVerdicts(facts: ResourceFacts, ctx: JudgeContext): Verdict[] {
    const dns = facts.extraction.dns;
    const { settings, stack } = ctx;
    if (!dns || dns.name === undefined || !isOpenAIHostname(dns.name, settings.openAIHostnames)) {
        return [];
    }
    const bad: Evidence[] = [];
    const unknowns: Evidence[] = [];
    let viaStack = false;
    for (const target of dns.targets) {
        if (target.unknown) {
            if (!stack) {
                continue;
            }
            if (sourcesOf(facts.view, target.property, stack.index).some((source) => cloudOf(source) === "azure")) {
                continue;
            }
            viaStack = true;
            const unknown = { path: target.path, shown: "(unknown during preview, not shown to be Azure)" };
            bad.push(unknown);
            unknowns.push(unknown);
            continue;
        }
        const value = target.value ?? "";
        if (isAzureDnsTarget(value, settings.extraAzureDnsTargets) || value.startsWith("/subscriptions/")) {
            continue;
        }
        bad.push({ path: target.path, shown: target.secret ? "[secret]" : value.slice(0, 120) });
    }
    if (bad.length === 0) {
        return [];
    }
    return [
        verdictOf(
            name,
            facts,
            {
                subject: { kind: "dns-off-azure", hostname: dns.nameSecret ? undefined : dns.name },
                evidence: [{ path: dns.namePath, shown: dns.nameSecret ? "[secret]" : dns.name }, ...bad],
                unknowns,
                viaStack,
            },
            fixes.dns,
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
    judge: (facts, ctx) => [...productVerdicts(facts, ctx), ...dnsVerdicts(facts, ctx)],
};
