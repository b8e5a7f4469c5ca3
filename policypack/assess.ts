/**
 * The judgement: from what the extractors read and where the resource is
 * hosted, the findings against each rule. One function for both phases: in
 * the resource phase whatever needs the stack stays pending; in the stack
 * phase it is resolved (or reported as unknowable) and flagged `viaStack`, so
 * each finding is reported by exactly one phase.
 */
import { Cloud, cloudName, placementOf } from "./clouds";
import { classifyEndpoint, isAzureDnsTarget, isOpenAIHostname } from "./endpoints";
import { extract } from "./evidence";
import { routeTypes } from "./evidence/routes-and-dns";
import { Extraction, ModelField, Route, Setting } from "./evidence/types";
import { Host, hostOf, ResourceView, StackIndex, StackNode } from "./hosting";
import { ModelMatch, modelNamedIn } from "./models";
import { isSecretName, shownValue } from "./redaction";
import { unwrap } from "./values";
import { rolesIn } from "./setting-roles";
import { Settings } from "./settings";
import { containsUnknown } from "./values";
import { Declarations, declarationsOf, namesProduct, workloadKindOf } from "./tags";

export type RuleName = "stateless-openai-api-on-azure" | "openai-calls-hosted-on-azure" | "first-party-products-on-azure";

/** A field and the value a message may show (already redacted). */
export interface Evidence {
    path: string;
    shown: string;
}

/** One resource breaking one rule. */
export interface Finding {
    rule: RuleName;
    resource: { urn: string; name: string; type: string };
    /** Where it runs (or, for DNS and clients, where its traffic goes). */
    where: string;
    /** What it does, e.g. "serves gpt-5 (GPT) for stateless inference". */
    what: string;
    evidence: Evidence[];
    fix: string;
    /** Found only with the stack's help: reported by the stack policy. */
    viaStack: boolean;
}

const fixes = {
    serving:
        "run this serving on Azure (Azure OpenAI / Azure AI Foundry, AKS, Azure Container Apps), serve an open-weight model instead, or, if it is not stateless serving, declare the workload (e.g. `openai:workload: training`) — or request a time-boxed exemption in the pack config",
    client: "point the client at an Azure-hosted endpoint (`*.openai.azure.com`, `*.services.ai.azure.com`) or at api.openai.com, or add the host to `extraAzureHostedEndpoints` if it is an Azure-hosted gateway",
    product:
        "host the first-party product on Azure (Azure Container Apps, AKS, App Service) — or request a time-boxed exemption in the pack config",
    dns: "point the record at an Azure target (Front Door `*.azurefd.net`, `*.azurewebsites.net`, `*.cloudapp.azure.com`, Traffic Manager), or add the target to `extraAzureDnsTargets`",
    route: "serve this API from Azure, or route it to a backend that calls an Azure-hosted endpoint",
};

function model(value: string | undefined, settings: Settings): ModelMatch | undefined {
    return value === undefined ? undefined : modelNamedIn(value, settings.extraProprietaryModelPatterns);
}

function settingEvidence(setting: Setting, shownAs?: string): Evidence {
    const shown = setting.unknown
        ? "(unknown during preview)"
        : setting.secret
          ? "[secret]"
          : (shownAs ?? shownValue(setting.name, setting.value ?? ""));
    return { path: setting.path, shown };
}

/** A model as a message names it; a model named in a Pulumi secret is judged but never named. */
function describeModel(found: ModelMatch, secret = false): string {
    return secret ? `(a ${found.family} model named in a Pulumi secret)` : `${found.id} (${found.family})`;
}

/** The value of a model field as evidence shows it. */
function shownModel(found: ModelMatch, secret: boolean): string {
    return secret ? "[secret]" : found.id;
}

/** Everything the pack concludes about one resource. */
export interface Assessment {
    findings: Finding[];
}

/**
 * Assesses one resource. Without `stack`, anything that needs the stack is
 * left pending; with it, those findings are produced and flagged `viaStack`.
 */
export function assess(view: ResourceView, settings: Settings, stack?: StackIndex, followRoutes = true): Assessment {
    const extraction = extract(view.type, view.props);
    const declared = declarationsOf(view.props, settings.tagKeys);
    const host = hostOf(view, stack);
    const findings: Finding[] = [];
    const resource = { urn: view.urn, name: view.name, type: view.type };
    const add = (rule: RuleName, where: string, what: string, evidence: Evidence[], fix: string, viaStack: boolean) =>
        findings.push({ rule, resource, where, what, evidence, fix, viaStack });

    const serving = servingOf(extraction, declared, settings, view, stack);
    if (serving.kind === "violation" && host.kind !== "none") {
        const placed = offAzure(host);
        if (placed) {
            add(
                "stateless-openai-api-on-azure",
                placed.where,
                serving.what,
                serving.evidence.concat(placed.evidence),
                fixes.serving,
                placed.viaStack || serving.viaStack,
            );
        }
    }
    for (const call of callsOf(extraction, settings, view, stack)) {
        add("openai-calls-hosted-on-azure", call.where, call.what, call.evidence, fixes.client, call.viaStack);
    }
    const product = declared.product ? namesProduct(declared.product.value, settings.firstPartyProducts) : undefined;
    if (product && declared.product && host.kind !== "none") {
        const placed = offAzure(host);
        if (placed) {
            const secret = declared.product.secret;
            const evidence = [{ path: declared.product.path, shown: secret ? "[secret]" : declared.product.value }, ...placed.evidence];
            const what = secret
                ? "hosts an OpenAI first-party product named in a Pulumi secret"
                : `hosts the OpenAI first-party product "${product}"`;
            add("first-party-products-on-azure", placed.where, what, evidence, fixes.product, placed.viaStack);
        }
    }
    const dns = dnsFindingOf(extraction, settings, view, stack);
    if (dns) {
        add("first-party-products-on-azure", dns.where, dns.what, dns.evidence, fixes.dns, dns.viaStack);
    }
    if (stack && followRoutes && host.kind === "cloud" && host.cloud !== "azure") {
        for (const extracted of extraction.routes) {
            const route = withResourcePath(extracted, view, stack);
            const exposed = exposedBackend(route, view, stack, settings);
            if (exposed) {
                add(
                    "stateless-openai-api-on-azure",
                    `${cloudName(host.cloud)} (${host.how})`,
                    `exposes the OpenAI-style API route "${route.value}" in front of ${exposed}, which serves or calls an OpenAI proprietary model off Azure`,
                    [{ path: route.path, shown: route.value }],
                    fixes.route,
                    true,
                );
            }
        }
    }
    // A finding says what the pack could not read on the resource, so nobody takes it for complete.
    const unreadable = extraction.unreadable.map((item) => ({ path: item.path, shown: `(could not be read: ${item.reason})` }));
    findings.forEach((finding) => finding.evidence.push(...unreadable));
    return { findings };
}

/**
 * Whether the stack phase can find anything about this resource that the
 * resource phase did not: it runs in a cluster (whose provider the stack may
 * place), it is a route, or some value of it is unknown during preview. Everything else was
 * fully judged in the resource phase, so the stack phase skips it.
 */
export function mayNeedStack(view: ResourceView): boolean {
    return placementOf(view.type).kind === "cluster" || routeTypes.has(view.type) || containsUnknown(view.props);
}

type Placed = { where: string; evidence: Evidence[]; viaStack: boolean } | undefined;

/** Off Azure: where, for the message; undefined when on Azure or not known yet. */
function offAzure(host: Host): Placed {
    if (host.kind !== "cloud" || host.cloud === "azure") {
        return undefined;
    }
    return { where: `${cloudName(host.cloud)} (${host.how})`, evidence: [], viaStack: host.viaStack };
}

type Serving = { kind: "violation"; what: string; evidence: Evidence[]; viaStack: boolean } | { kind: "none" };

/** Clause 1: does this resource host stateless serving of an OpenAI proprietary model? */
function servingOf(extraction: Extraction, declared: Declarations, settings: Settings, view: ResourceView, stack?: StackIndex): Serving {
    if (extraction.statefulRuntime) {
        return { kind: "none" };
    }
    const declaredKind = declared.workload ? workloadKindOf(declared.workload.value) : "unrecognised";
    const intrinsic = extraction.service?.role === "serves" ? extraction.service : undefined;
    const candidates: Array<{ found: ModelMatch; evidence: Evidence; secret: boolean }> = [];
    const unknownFields: ModelField[] = [];
    for (const field of intrinsic?.modelFields ?? []) {
        if (field.unknown) {
            unknownFields.push(field);
            continue;
        }
        const found = model(field.value, settings);
        if (found) {
            candidates.push({ found, evidence: { path: field.path, shown: shownModel(found, field.secret) }, secret: field.secret });
        }
    }
    // A workload declared as training or a stateful runtime may name a model it does not serve.
    if (declaredKind !== "non-serving" || intrinsic) {
        for (const scope of extraction.scopes) {
            for (const setting of rolesIn(scope, isSecretName).servedModels) {
                const found = model(setting.value, settings);
                if (found) {
                    candidates.push({ found, evidence: settingEvidence(setting, found.id), secret: setting.secret });
                }
            }
        }
    }
    const proprietary = candidates.find((candidate) => candidate.found.class === "proprietary");
    const what = intrinsic ? intrinsic.what : "workload";
    if (proprietary) {
        return {
            kind: "violation",
            what: `${what} serves the OpenAI proprietary model ${describeModel(proprietary.found, proprietary.secret)}: stateless inference off Azure`,
            evidence: [proprietary.evidence],
            viaStack: false,
        };
    }
    const openWeight = candidates.find((candidate) => candidate.found.class === "open-weight");
    if (openWeight) {
        return settings.allowOpenWeightOffAzure
            ? { kind: "none" }
            : {
                  kind: "violation",
                  what: `${what} serves the open-weight model ${describeModel(openWeight.found, openWeight.secret)}, and this pack's config (allowOpenWeightOffAzure: false) keeps open-weight serving on Azure too`,
                  evidence: [openWeight.evidence],
                  viaStack: false,
              };
    }
    if (declaredKind === "stateless-serving" && declared.workload) {
        return {
            kind: "violation",
            what: `${what} is declared as stateless OpenAI API serving`,
            evidence: [{ path: declared.workload.path, shown: declared.workload.secret ? "[secret]" : declared.workload.value }],
            viaStack: false,
        };
    }
    if (intrinsic && unknownFields.length > 0 && stack) {
        return modelBehindUnknown(intrinsic.what, unknownFields, view, settings, stack);
    }
    return { kind: "none" };
}

/** A serving resource whose model is unknown during preview: look at the resources it comes from. */
function modelBehindUnknown(what: string, fields: ModelField[], view: ResourceView, settings: Settings, stack: StackIndex): Serving {
    const sources = fields.flatMap((field) => sourcesOf(view, field.property, stack));
    if (sources.length === 0) {
        return {
            kind: "violation",
            what: `${what} serves a model that is unknown during preview and that nothing in the stack shows; it cannot be shown not to be an OpenAI proprietary model`,
            evidence: fields.map((field) => ({ path: field.path, shown: "(unknown during preview)" })),
            viaStack: true,
        };
    }
    for (const source of sources) {
        const named = modelInProps(source.props, settings);
        const found = named?.found;
        if (named && found && (found.class === "proprietary" || !settings.allowOpenWeightOffAzure)) {
            return {
                kind: "violation",
                what: `${what} serves ${describeModel(found, named.secret)}, the model of ${source.type} "${source.name}" in this stack`,
                evidence: fields.map((field) => ({ path: field.path, shown: `from "${source.name}"` })),
                viaStack: true,
            };
        }
    }
    return { kind: "none" };
}

/** The first OpenAI model named in any string of a resource's inputs (bounded walk), and whether a secret named it. */
function modelInProps(props: Record<string, unknown>, settings: Settings): { found: ModelMatch; secret: boolean } | undefined {
    const queue: Array<{ value: unknown; secret: boolean }> = [{ value: props, secret: false }];
    let visited = 0;
    while (queue.length > 0 && visited < 2000) {
        const item = queue.shift() as { value: unknown; secret: boolean };
        const { value, secret } = unwrap(item.value);
        const inSecret = item.secret || secret;
        visited++;
        if (typeof value === "string") {
            const found = model(value, settings);
            if (found) {
                return { found, secret: inSecret };
            }
        } else if (typeof value === "object" && value !== null) {
            queue.push(
                ...Object.values(value as Record<string, unknown>)
                    .slice(0, 200)
                    .map((child) => ({ value: child, secret: inSecret })),
            );
        }
    }
    return undefined;
}

interface Call {
    where: string;
    what: string;
    evidence: Evidence[];
    viaStack: boolean;
}

/** Clause 2: clients of a proprietary model must call an Azure-hosted endpoint. */
function callsOf(extraction: Extraction, settings: Settings, view: ResourceView, stack?: StackIndex): Call[] {
    const calls: Call[] = [];
    const service = extraction.service;
    if (service?.role === "calls") {
        for (const field of service.modelFields) {
            const found = field.unknown ? undefined : model(field.value, settings);
            if (found?.class === "proprietary") {
                calls.push({
                    where: service.servedBy ?? "a cloud other than Azure",
                    what: `${service.what} calls the OpenAI proprietary model ${describeModel(found, field.secret)} served by ${service.servedBy}, not on Azure`,
                    evidence: [{ path: field.path, shown: shownModel(found, field.secret) }],
                    viaStack: false,
                });
            }
        }
    }
    for (const scope of extraction.scopes) {
        const roles = rolesIn(scope, isSecretName);
        if (!roles.isClient) {
            continue;
        }
        let proprietary: { found: ModelMatch; setting: Setting } | undefined;
        let unknownModel: Setting | undefined;
        for (const setting of roles.clientModels) {
            if (setting.unknown) {
                unknownModel = unknownModel ?? setting;
                continue;
            }
            const found = model(setting.value, settings);
            if (found?.class === "proprietary" && !proprietary) {
                proprietary = { found, setting };
            }
        }
        if (!proprietary && !unknownModel) {
            continue;
        }
        for (const endpoint of roles.endpoints) {
            const call = judgeEndpoint(endpoint, settings, view, stack);
            if (!call) {
                continue;
            }
            const modelText = proprietary
                ? `the OpenAI proprietary model ${describeModel(proprietary.found, proprietary.setting.secret)}`
                : "a model that is unknown during preview";
            const modelEvidence = proprietary
                ? settingEvidence(proprietary.setting, proprietary.found.id)
                : settingEvidence(unknownModel as Setting);
            if (!proprietary && call.unresolved) {
                continue; // neither the model nor the endpoint is known: nothing shows an OpenAI call
            }
            calls.push({
                where: call.where,
                what: `${scope.path} is a client of ${modelText} and sends its calls to ${call.target}`,
                evidence: [modelEvidence, call.evidence],
                viaStack: call.viaStack,
            });
        }
    }
    return calls;
}

interface EndpointCall {
    where: string;
    target: string;
    evidence: Evidence;
    viaStack: boolean;
    unresolved: boolean;
}

function judgeEndpoint(endpoint: Setting, settings: Settings, view: ResourceView, stack?: StackIndex): EndpointCall | undefined {
    if (endpoint.unknown) {
        if (!stack) {
            return undefined;
        }
        const sources = sourcesOf(view, endpoint.property, stack);
        const azure = sources.find((source) => cloudOf(source) === "azure");
        if (azure) {
            return undefined; // the endpoint is an output of an Azure resource: Azure-hosted
        }
        const offAzure = sources.find((source) => {
            const cloud = cloudOf(source);
            return cloud !== undefined && cloud !== "azure";
        });
        const evidence = { path: endpoint.path, shown: "(unknown during preview)" };
        if (offAzure) {
            const cloud = cloudOf(offAzure) as Cloud;
            return {
                where: cloudName(cloud),
                target: `an endpoint of ${offAzure.type} "${offAzure.name}" on ${cloudName(cloud)}`,
                evidence,
                viaStack: true,
                unresolved: false,
            };
        }
        return {
            where: "an endpoint that is unknown during preview",
            target: "an endpoint that is unknown during preview and that nothing in the stack shows to be Azure-hosted",
            evidence,
            viaStack: true,
            unresolved: true,
        };
    }
    const verdict = classifyEndpoint(endpoint.value ?? "", settings.extraAzureHostedEndpoints);
    if (verdict.azureHosted) {
        return undefined;
    }
    if (endpoint.secret) {
        // Judged by its value like any other, but a secret endpoint is never shown.
        const where = verdict.knownOffAzureService ?? "a host that is not Azure-hosted";
        return {
            where,
            target: `${where} (the endpoint is a Pulumi secret and is not shown)`,
            evidence: { path: endpoint.path, shown: "[secret]" },
            viaStack: false,
            unresolved: false,
        };
    }
    const host = verdict.host ?? "(unparseable)";
    const service = verdict.knownOffAzureService
        ? `${verdict.knownOffAzureService}'s OpenAI-compatible API`
        : "a host that is not Azure-hosted";
    return {
        where: verdict.knownOffAzureService ?? `host ${host}`,
        target: `${service} at ${host}`,
        evidence: { path: endpoint.path, shown: `host ${host}` },
        viaStack: false,
        unresolved: false,
    };
}

/** The stack's resources that a property of this resource is computed from. */
function sourcesOf(view: ResourceView, property: string, stack: StackIndex): StackNode[] {
    const urns = stack.node(view.urn)?.propertyDependencies[property] ?? [];
    return urns.map((urn) => stack.node(urn)).filter((node): node is StackNode => node !== undefined);
}

function cloudOf(node: StackNode): Cloud | undefined {
    const placement = placementOf(node.type);
    return placement.kind === "cloud" ? placement.cloud : undefined;
}

/** Clause 3 for DNS: records for OpenAI's hostnames must point at Azure targets. */
function dnsFindingOf(extraction: Extraction, settings: Settings, view: ResourceView, stack?: StackIndex): Call | undefined {
    const dns = extraction.dns;
    if (!dns || dns.name === undefined || !isOpenAIHostname(dns.name, settings.openAIHostnames)) {
        return undefined;
    }
    const bad: Evidence[] = [];
    let viaStack = false;
    for (const target of dns.targets) {
        if (target.unknown) {
            if (!stack) {
                continue;
            }
            if (sourcesOf(view, target.property, stack).some((source) => cloudOf(source) === "azure")) {
                continue;
            }
            viaStack = true;
            bad.push({ path: target.path, shown: "(unknown during preview, not shown to be Azure)" });
            continue;
        }
        const value = target.value ?? "";
        if (isAzureDnsTarget(value, settings.extraAzureDnsTargets) || value.startsWith("/subscriptions/")) {
            continue;
        }
        bad.push({ path: target.path, shown: target.secret ? "[secret]" : value.slice(0, 120) });
    }
    if (bad.length === 0) {
        return undefined;
    }
    return {
        where: "DNS targets outside Azure",
        what: dns.nameSecret
            ? "DNS record for an OpenAI hostname (named in a Pulumi secret) points at targets that are not Azure"
            : `DNS record for the OpenAI hostname "${dns.name}" points at targets that are not Azure`,
        evidence: [{ path: dns.namePath, shown: dns.nameSecret ? "[secret]" : dns.name }, ...bad],
        viaStack,
    };
}

/** OpenAI API path segments after an optional /v1, /openai or /api prefix. */
const apiSegments = new Set([
    "chat",
    "completions",
    "responses",
    "embeddings",
    "audio",
    "images",
    "moderations",
    "realtime",
    "deployments",
    "models",
]);

/** True for a route that exposes OpenAI's stateless API shape, or catches every path. */
export function isOpenAIApiRoute(route: string): boolean {
    const text = route.trim().toLowerCase();
    const path = text.includes(" ") ? text.slice(text.indexOf(" ") + 1).trim() : text;
    if (path === "$default" || path === "/*" || path === "*" || path === "/{proxy+}") {
        return true;
    }
    const segments = path.split("/").filter((segment) => segment !== "");
    while (segments.length > 0 && ["v1", "openai", "api"].includes(segments[0])) {
        segments.shift();
    }
    return segments.length > 0 && apiSegments.has(segments[0].replace(/\*$/, ""));
}

/**
 * Completes an API Gateway v1 route with its path: walks the `parentId`
 * chain of `aws:apigateway/resource:Resource`s from the integration's
 * `resourceId` up to the API's root.
 */
function withResourcePath(route: Route, view: ResourceView, stack: StackIndex): Route {
    if (!route.resourcePathFrom) {
        return route;
    }
    const parts: string[] = [];
    let urns = stack.node(view.urn)?.propertyDependencies[route.resourcePathFrom] ?? [];
    for (let depth = 0; depth < 32; depth++) {
        const resource = urns.map((urn) => stack.node(urn)).find((node) => node?.type === "aws:apigateway/resource:Resource");
        if (!resource) {
            break;
        }
        const part = resource.props["pathPart"];
        parts.unshift(typeof part === "string" ? part : "{unknown}");
        urns = resource.propertyDependencies["parentId"] ?? [];
    }
    return { ...route, value: `${route.value} /${parts.join("/")}` };
}

/** Follows a route to its backends; returns a description of one that serves or calls a proprietary model off Azure. */
function exposedBackend(route: Route, view: ResourceView, stack: StackIndex, settings: Settings): string | undefined {
    if (!isOpenAIApiRoute(route.value)) {
        return undefined;
    }
    const start = stack.node(view.urn);
    if (!start) {
        return undefined;
    }
    const seen = new Set<string>([view.urn]);
    let frontier = route.backendProperties.flatMap((property) => start.propertyDependencies[property] ?? []);
    for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
        const next: string[] = [];
        for (const urn of frontier) {
            if (seen.has(urn)) {
                continue;
            }
            seen.add(urn);
            const node = stack.node(urn);
            if (!node) {
                continue;
            }
            // Backends are judged without following their own routes, so route cycles end.
            const assessment = assess(node, settings, stack, false);
            if (assessment.findings.some((finding) => finding.rule !== "first-party-products-on-azure")) {
                return `${node.type} "${node.name}"`;
            }
            next.push(...Object.values(node.propertyDependencies).flat());
            // Target groups are reached from the services registered in them.
            if (node.type.endsWith("/targetGroup:TargetGroup")) {
                next.push(...stack.dependentsOf(urn).map((dependent) => dependent.urn));
            }
        }
        frontier = next;
    }
    return undefined;
}
