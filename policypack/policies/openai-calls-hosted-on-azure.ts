/**
 * Clauses 2 and 5: a workload configured to call an OpenAI proprietary model
 * (OPENAI_* / AZURE_OPENAI_* settings, or a model next to a base URL) sends
 * its calls to an Azure-hosted endpoint; no base URL means api.openai.com,
 * which is Azure-hosted. A resource that invokes a model its own cloud serves
 * (a Bedrock agent's foundation model) calls off Azure. Endpoints unknown
 * during preview are resolved from the resource they come from in the stack.
 */
import { Cloud } from "../clouds";
import { classifyEndpoint, isLocalHost, looksLikeEndpoint } from "../endpoints";
import { Setting, SettingScope } from "../evidence/types";
import { belongTogether, ScopeRoles } from "../setting-roles";
import { isUnknownEvidence, JudgeContext, modelIn, modelRefOf, ResourceFacts, scopesIn, settingEvidence, shownUnknown } from "../facts";
import { ModelMatch } from "../models";
import { ResourceView, StackIndex, StackNode } from "../resource";
import { cloudOf, familyOf, sourcesOf } from "../stack";
import { EndpointRef, Evidence, ModelRef, Verdict } from "../verdict";
import { shownHost } from "../redaction";
import { asRecord, isUnknown, plainValue } from "../values";
import { Clause, Rule, unreadInPreview, verdictOf } from "./rule";

const name = "openai-calls-hosted-on-azure";

const clause: Clause = {
    ids: ["2", "5"],
    text: "clauses 2 and 5 of the OpenAI–Microsoft joint statement (27 Feb 2026): stateless calls to OpenAI models, including those from third-party collaborations, are hosted on Azure (api.openai.com counts as Azure-hosted)",
};

const fix =
    "point the client at an Azure-hosted endpoint (`*.openai.azure.com`, `*.services.ai.azure.com`) or at api.openai.com, or add the host to `extraAzureHostedEndpoints` if it is an Azure-hosted gateway";

/** Where one endpoint setting sends calls, when that is not an Azure-hosted endpoint. */
interface OffAzureEndpoint {
    endpoint: EndpointRef;
    evidence: Evidence;
    viaStack: boolean;
    /** Unknown during preview and unresolved by the stack. */
    unresolved: boolean;
}

function judge(facts: ResourceFacts, ctx: JudgeContext): Verdict[] {
    return onePerCall([
        ...invokedServiceVerdicts(facts, ctx),
        ...invocationVerdicts(facts, ctx),
        ...bedrockClientVerdicts(facts, ctx),
        ...clientVerdicts(facts, ctx),
        // On Azure, only calls can break the agreement: settings unknown as a whole may hide them, and this rule says so.
        ...unreadInPreview(name, facts, ctx, (cloud) => cloud === "azure", clause, !ctx.settings.adviseOnAzureOnlyBlocks),
    ]);
}

/**
 * One call, one verdict: a Step Functions task that invokes a Bedrock model is both an invocation
 * in the definition and a Bedrock client's settings (its `Parameters.ModelId`). Found twice, on the
 * same evidence and to the same service, it is reported once, as the first reader (the invocation) says.
 */
function onePerCall(verdicts: Verdict[]): Verdict[] {
    if (verdicts.length < 2) {
        return verdicts;
    }
    const seen = new Set<string>();
    return verdicts.filter((verdict) => {
        const { subject } = verdict;
        if (subject.kind !== "calls-model" || subject.endpoint.kind !== "service") {
            return true;
        }
        const key = `${subject.endpoint.service}\n${verdict.evidence.map((item) => item.path).join("\n")}`;
        if (seen.has(key)) {
            return false;
        }
        seen.add(key);
        return true;
    });
}

/** Definitions and integrations that invoke a proprietary model on another cloud's model API (Step Functions, API Gateway → Bedrock). */
function invocationVerdicts(facts: ResourceFacts, ctx: JudgeContext): Verdict[] {
    // The resource shows them (viaStack false): the resource phase reports them, and in the stack they make it a backend that calls a model.
    const verdicts: Verdict[] = [];
    for (const invocation of facts.extraction.invocations) {
        const found = invocation.unknown ? undefined : modelIn(invocation.value, ctx.settings);
        if (found?.class !== "proprietary") {
            continue;
        }
        verdicts.push(
            verdictOf(
                name,
                facts,
                {
                    subject: {
                        kind: "calls-model",
                        client: invocation.what,
                        model: modelRefOf(found, invocation.secret),
                        endpoint: { kind: "service", service: invocation.service, cloud: invocation.cloud },
                    },
                    evidence: [{ path: invocation.path, shown: invocation.secret ? "[secret]" : found.id }],
                    viaStack: false,
                },
                fix,
                clause,
            ),
        );
    }
    return verdicts;
}

/** Workloads configured with a Bedrock model id or ARN (`BEDROCK_MODEL_ID=openai.gpt-5-v1:0`): clients of Amazon Bedrock. */
function bedrockClientVerdicts(facts: ResourceFacts, ctx: JudgeContext): Verdict[] {
    const verdicts: Verdict[] = [];
    for (const { scope, roles } of scopesIn(facts, ctx)) {
        const candidates = roles.bedrockModels
            .filter((setting) => !setting.unknown)
            .map((setting) => ({ setting, found: modelIn(setting.value, ctx.settings) }))
            .filter((candidate): candidate is { setting: Setting; found: ModelMatch } => candidate.found?.class === "proprietary")
            .sort((a, b) => Number(a.setting.viaStack === true) - Number(b.setting.viaStack === true));
        const first = candidates[0];
        if (!first) {
            continue;
        }
        verdicts.push(
            verdictOf(
                name,
                facts,
                {
                    subject: {
                        kind: "calls-model",
                        client: scope.path,
                        model: modelRefOf(first.found, first.setting.secret),
                        endpoint: { kind: "service", service: "Amazon Bedrock", cloud: "aws" },
                    },
                    evidence: [settingEvidence(first.setting, first.found.id)],
                    viaStack: first.setting.viaStack === true,
                },
                fix,
                clause,
            ),
        );
    }
    return verdicts;
}

/** A resource that calls a model its own cloud serves (a Bedrock agent's foundation model). */
function invokedServiceVerdicts(facts: ResourceFacts, ctx: JudgeContext): Verdict[] {
    const service = facts.extraction.service;
    if (service?.role !== "calls") {
        return [];
    }
    const verdicts: Verdict[] = [];
    for (const field of service.modelFields) {
        const found = field.unknown ? undefined : modelIn(field.value, ctx.settings);
        if (found?.class === "proprietary") {
            const servedBy = service.servedBy ?? "a cloud other than Azure";
            verdicts.push(
                verdictOf(
                    name,
                    facts,
                    {
                        subject: {
                            kind: "calls-model",
                            client: service.what,
                            model: modelRefOf(found, field.secret),
                            endpoint: { kind: "service", service: servedBy, cloud: service.servedByCloud ?? "other" },
                        },
                        evidence: [{ path: field.path, shown: field.secret ? "[secret]" : found.id }],
                        viaStack: false,
                    },
                    fix,
                    clause,
                ),
            );
        }
    }
    return verdicts;
}

/** Clients: settings scopes configured with a proprietary model and an endpoint that is not Azure-hosted. */
function clientVerdicts(facts: ResourceFacts, ctx: JudgeContext): Verdict[] {
    const verdicts: Verdict[] = [];
    const scopes = scopesIn(facts, ctx);
    for (const { scope, roles } of scopes) {
        if (!roles.isClient) {
            continue;
        }
        const client = askedModel(roles.clientModels, ctx);
        if (!client) {
            verdicts.push(...gatewayRoutesUnread(facts, scopes, scope, roles));
            continue;
        }
        /** The verdict on one call of this scope: what is unknown among `unknown` is what could not be known. */
        const calls = (model: ModelRef | undefined, endpoint: EndpointRef, evidence: Evidence[], unknown: Evidence[], viaStack: boolean) =>
            verdicts.push(
                verdictOf(
                    name,
                    facts,
                    {
                        subject: { kind: "calls-model", client: scope.path, model, endpoint },
                        evidence,
                        unknowns: unknownsIn(unknown),
                        viaStack,
                    },
                    fix,
                    clause,
                ),
            );
        const upstream = roles.upstream;
        if (roles.endpoints.length === 0 && upstream && upstream.cloud !== "azure") {
            // No URL, but a provider or model route that names who serves the model: a client of that service.
            // A model unknown during preview is judged as with an off-Azure URL: blocked, saying what could not be known.
            const evidence = [client.evidence, settingEvidence(upstream.setting)];
            const viaStack = client.setting.viaStack === true || upstream.setting.viaStack === true;
            calls(
                client.model,
                { kind: "service", service: upstream.service, cloud: upstream.cloud },
                evidence,
                [client.evidence],
                viaStack,
            );
            continue;
        }
        const outside =
            roles.endpoints.length === 0 && !upstream && client.known && !/azure/i.test(client.setting.name)
                ? settingsHeldOutside(scope.settings)
                : undefined;
        if (outside) {
            // No endpoint shown, but settings taken whole from a store or file this stack does not hold: one of them
            // may be its base URL (`OPENAI_BASE_URL`), which neither the preview nor `pulumi up` can read. Fail-closed.
            // A model named as an Azure OpenAI deployment (`AZURE_OPENAI_DEPLOYMENT`) is sent to an Azure OpenAI endpoint.
            const held = settingEvidence(outside);
            calls(client.model, { kind: "unknown", elsewhere: true }, [client.evidence, held], [held], true);
            continue;
        }
        const models = [...roles.clientModels, ...roles.servedModels];
        for (const endpoint of roles.endpoints) {
            // Settings named alike go together (`LOCAL_BASE_URL` with `LOCAL_MODEL`, a provider's
            // `base_url` with its `models`): an endpoint paired with models is judged with those only;
            // one paired with none may be sent any of the client's models.
            const paired = models.filter((model) => belongTogether(model, endpoint));
            const asked = askedModel(
                paired.length > 0 ? paired.filter((model) => roles.clientModels.includes(model)) : roles.clientModels,
                ctx,
            );
            if (!asked) {
                continue;
            }
            const call = offAzureEndpoint(endpoint, facts, ctx);
            if (!call || (!asked.known && call.unresolved)) {
                continue; // neither the model nor the endpoint is known: nothing shows an OpenAI call
            }
            const evidence = [asked.evidence, call.evidence];
            calls(asked.model, call.endpoint, evidence, evidence, call.viaStack || asked.setting.viaStack === true);
        }
    }
    return verdicts;
}

const gatewayFix =
    "keep the gateway's configuration in this stack (a ConfigMap, a Secret, a parameter it mounts or reads) so that the pack can read its routes, or make sure every route of a proprietary model goes to an Azure-hosted endpoint and exempt the gateway in the pack's config";

/**
 * A gateway that names no model and no upstream, and takes its settings from a store or file this stack does
 * not hold (`--config` of a file mounted from another stack's Secret): its routes cannot be read. Said as an
 * advisory, so that the gate's miss is not silent; a gateway whose routes the stack shows is judged by them.
 */
function gatewayRoutesUnread(facts: ResourceFacts, scopes: ResourceFacts["scopes"], scope: SettingScope, roles: ScopeRoles): Verdict[] {
    const gateway = scope.gateways?.[0];
    if (gateway === undefined || roles.isServer || showsRoutes(roles)) {
        return [];
    }
    // Routes read from a configuration file of the stack land in scopes of their own (LiteLLM's `model_list` entries):
    // where any shows one, the gateway's routes are read, and a Secret of API keys held elsewhere hides none.
    if (scopes.some((other) => showsRoutes(other.roles))) {
        return [];
    }
    const outside = settingsHeldOutside(scope.settings);
    if (!outside) {
        return [];
    }
    const held = settingEvidence(outside);
    return [
        verdictOf(
            name,
            facts,
            { subject: { kind: "gateway-routes-unread", gateway, client: scope.path }, evidence: [held], unknowns: [held], viaStack: true },
            gatewayFix,
            clause,
        ),
    ];
}

/** Whether a scope shows where calls go or which models are asked for: a route of a gateway. */
function showsRoutes(roles: ScopeRoles): boolean {
    return (
        roles.endpoints.length > 0 ||
        roles.upstream !== undefined ||
        roles.bedrockModels.length > 0 ||
        roles.clientModels.length > 0 ||
        roles.servedModels.length > 0
    );
}

/**
 * A setting that stands for the whole of a store or file the stack does not hold (`envFrom` of a Secret
 * made by another stack, a mounted ConfigMap, a configuration file fetched from another bucket).
 */
function settingsHeldOutside(settings: readonly Setting[]): Setting | undefined {
    return settings.find((setting) => setting.block === true && setting.elsewhere === true);
}

/** The model a client asks for, with its evidence: the first proprietary model among settings, else the first unknown one. */
interface AskedModel {
    setting: Setting;
    evidence: Evidence;
    /** Absent when unknown during preview. */
    model?: ModelRef;
    known: boolean;
}

function askedModel(settings: Setting[], ctx: JudgeContext): AskedModel | undefined {
    let unknownModel: Setting | undefined;
    for (const setting of settings) {
        if (setting.unknown) {
            unknownModel = unknownModel ?? setting;
            continue;
        }
        const found = modelIn(setting.value, ctx.settings);
        if (found?.class === "proprietary") {
            return { setting, evidence: settingEvidence(setting, found.id), model: modelRefOf(found, setting.secret), known: true };
        }
    }
    return unknownModel && { setting: unknownModel, evidence: settingEvidence(unknownModel), known: false };
}

/** The evidence items the pack could not know: unknown during preview, or computed as a script runs. */
function unknownsIn(evidence: Evidence[]): Evidence[] {
    return evidence.filter(isUnknownEvidence);
}

/** Where an endpoint setting sends calls; undefined when Azure-hosted (or, before the stack, not known yet). */
function offAzureEndpoint(endpoint: Setting, facts: ResourceFacts, ctx: JudgeContext): OffAzureEndpoint | undefined {
    if (endpoint.unknown) {
        if (!ctx.stack) {
            return undefined;
        }
        if (endpoint.computed) {
            // `OPENAI_BASE_URL=$(cat /etc/endpoint)`: computed as the script runs; the resources its
            // property depends on (a bucket the script names) say nothing of where it points.
            return { endpoint: { kind: "unknown" }, evidence: settingEvidence(endpoint), viaStack: true, unresolved: true };
        }
        const sources = sourcesOf(facts.view, endpoint.property, ctx.stack.index);
        // A source that holds the address itself (an EventBridge API destination's invocationEndpoint) says where calls go.
        const address = sources.map(endpointHeldBy).find((value) => value !== undefined);
        if (address !== undefined) {
            return offAzureEndpoint({ ...endpoint, value: address, unknown: false, viaStack: true }, facts, ctx);
        }
        // A DNS record of the stack (an Azure DNS CNAME to an AWS load balancer): calls go where its known name target points.
        for (const source of sources) {
            const targets = ctx.stack.factsOf(source).extraction.dns?.targets ?? [];
            const target = targets.find(
                (item) => item.value !== undefined && !item.unknown && /[a-z]/i.test(item.value) && looksLikeEndpoint(item.value),
            );
            if (target?.value !== undefined) {
                const path = `${endpoint.path} → ${source.type} "${source.name}".${target.path}`;
                const secret = endpoint.secret || target.secret === true;
                return offAzureEndpoint({ ...endpoint, path, value: target.value, unknown: false, secret, viaStack: true }, facts, ctx);
            }
            // A target unknown during preview (an AWS load balancer's DNS name): where the resource it comes from runs.
            for (const pending of targets.filter((item) => item.unknown)) {
                const behind = offAzureSourceIn(sourcesOf(source, pending.property, ctx.stack.index));
                if (behind) {
                    const path = `${endpoint.path} → ${source.type} "${source.name}".${pending.path}`;
                    return onStackResource(behind, { path, shown: shownUnknown });
                }
            }
        }
        // An API Management gateway of the stack (its `gatewayUrl`): calls go where its APIs forward them.
        for (const gateway of sources.filter((source) => apimServiceTypes.has(source.type))) {
            const label = `${gateway.type} "${gateway.name}"`;
            const forwarded = apimForwardOf(label, ctx.stack.index.dependentsOf(gateway.urn), endpoint, facts, ctx);
            if (forwarded) {
                return forwarded;
            }
        }
        // Any other Azure resource (a Front Door or CDN endpoint, an Application Gateway, a Traffic Manager profile):
        // calls go where its front sends them; one that sends them to a model service on another cloud takes them off Azure.
        for (const front of sources.filter((source) => cloudOf(source) === "azure")) {
            const forwarded = frontForwardOf(front, endpoint, facts, ctx);
            if (forwarded) {
                return forwarded;
            }
        }
        if (sources.some((source) => cloudOf(source) === "azure")) {
            return undefined; // the endpoint is an output of an Azure resource: Azure-hosted
        }
        const evidence = { path: endpoint.path, shown: shownUnknown };
        const offAzure = offAzureSourceIn(sources);
        if (offAzure) {
            // A gateway of the stack forwards calls: one that forwards only to Azure-hosted endpoints is Azure-hosted.
            const forwards = forwardsOf(offAzure, ctx.stack.index);
            const azureHosted = (url: string) =>
                /^https?:\/\//i.test(url) && classifyEndpoint(url, ctx.settings.extraAzureHostedEndpoints).azureHosted;
            if (forwards.length > 0 && forwards.every(azureHosted)) {
                return undefined;
            }
            return onStackResource(offAzure, evidence);
        }
        return { endpoint: { kind: "unknown" }, evidence, viaStack: true, unresolved: true };
    }
    const verdict = classifyEndpoint(endpoint.value ?? "", ctx.settings.extraAzureHostedEndpoints);
    if (verdict.host === "undefined" || verdict.host === "null") {
        // `https://${ip.dnsSettings?.fqdn}/v1` with a value the program did not have: no host is so named. It is
        // unknown, and judged by the resources it comes from, not taken for a server beside the client; one
        // already read from the stack (a resource holding such an address) is unknown with nothing more to follow.
        return endpoint.viaStack === true
            ? { endpoint: { kind: "unknown" }, evidence: { path: endpoint.path, shown: shownUnknown }, viaStack: true, unresolved: true }
            : offAzureEndpoint({ ...endpoint, value: undefined, unknown: true }, facts, ctx);
    }
    if (verdict.azureHosted) {
        // `https://<name>.azure-api.net/…`: an API Management gateway whose APIs are in the stack forwards the calls.
        const named = ctx.stack && verdict.host !== undefined ? apimForwardersNamed(verdict.host, ctx.stack.index) : undefined;
        return named && apimForwardOf(named.gateway, named.forwarders, endpoint, facts, ctx);
    }
    if (verdict.host !== undefined && verdict.host.endsWith(trafficManagerSuffix) && !endpoint.viaStack) {
        // Where a Traffic Manager profile sends calls is its endpoints': the stack phase judges it, by the profile in the stack or as not Azure-hosted.
        return ctx.stack ? offAzureEndpoint({ ...endpoint, viaStack: true }, facts, ctx) : undefined;
    }
    const routed =
        ctx.stack && verdict.host !== undefined
            ? trafficManagerTargetsOf(verdict.host, ctx.stack.index, ctx.settings.extraAzureHostedEndpoints)
            : undefined;
    if (routed) {
        // `<name>.trafficmanager.net` of a profile in the stack: DNS sends the calls to its endpoints' targets.
        const offAzure = routed.targets.find((target) => !target.azure);
        if (!offAzure) {
            return undefined; // every target is Azure-hosted
        }
        const holder = offAzure.node === routed.profile ? "" : ` → ${offAzure.node.type} "${offAzure.node.name}"`;
        const path = `${endpoint.path} → ${routed.profile.type} "${routed.profile.name}"${holder}.${offAzure.key}`;
        return offAzureEndpoint({ ...endpoint, path, value: offAzure.value, viaStack: true }, facts, ctx);
    }
    if (verdict.host !== undefined && isLocalHost(verdict.host)) {
        // A Kubernetes ExternalName Service of the stack is an alias: calls go to the name it points at.
        const alias = ctx.stack && externalNameOf(verdict.host, facts.view, ctx.stack.index);
        if (alias) {
            const path = `${endpoint.path} → ${alias.service.type} "${alias.service.name}".spec.externalName`;
            return offAzureEndpoint({ ...endpoint, path, value: alias.externalName, viaStack: true }, facts, ctx);
        }
        // A server in the client's own cluster or on its own machine: hosted where the client is.
        const host = facts.host(ctx.stack?.index);
        if (host.kind !== "cloud" || host.cloud === "azure") {
            return undefined;
        }
        return {
            endpoint: { kind: "local", host: verdict.host, cloud: host.cloud },
            evidence: { path: endpoint.path, shown: endpoint.secret ? "[secret]" : `host ${shownHost(verdict.host)}` },
            viaStack: host.viaStack || endpoint.viaStack === true,
            unresolved: false,
        };
    }
    if (endpoint.secret) {
        // Judged by its value like any other, but a secret endpoint is never shown.
        return {
            endpoint: { kind: "secret", service: verdict.knownOffAzureService, cloud: verdict.knownOffAzureCloud },
            evidence: { path: endpoint.path, shown: "[secret]" },
            viaStack: endpoint.viaStack === true,
            unresolved: false,
        };
    }
    return {
        endpoint: { kind: "host", host: verdict.host, service: verdict.knownOffAzureService, cloud: verdict.knownOffAzureCloud },
        evidence: {
            path: endpoint.path,
            shown: verdict.host === undefined ? "(no host a client could use)" : `host ${shownHost(verdict.host)}`,
        },
        viaStack: endpoint.viaStack === true,
        unresolved: false,
    };
}

/** The address a resource of the stack holds in its inputs (`invocationEndpoint`, `endpoint`, `url`), when it is one. */
function endpointHeldBy(node: StackNode): string | undefined {
    for (const key of ["invocationEndpoint", "endpoint", "endpointUrl", "url", "baseUrl"]) {
        const value = node.props[key];
        if (typeof value === "string" && looksLikeEndpoint(value)) {
            return value;
        }
    }
    return undefined;
}

/** The first resource among `nodes` that runs on a known cloud other than Azure. */
function offAzureSourceIn(nodes: readonly StackNode[]): StackNode | undefined {
    return nodes.find((node) => {
        const cloud = cloudOf(node);
        return cloud !== undefined && cloud !== "azure";
    });
}

/** Calls that go to a resource of the stack on a cloud other than Azure (one {@link offAzureSourceIn} found). */
function onStackResource(node: StackNode, evidence: Evidence): OffAzureEndpoint {
    const { urn, name, type } = node;
    return {
        endpoint: { kind: "stack-resource", resource: { urn, name, type }, cloud: cloudOf(node) as Cloud },
        evidence,
        viaStack: true,
        unresolved: false,
    };
}

/** Azure API Management services: gateways on Azure that forward calls wherever their APIs' URLs say. */
const apimServiceTypes = new Set(["azure-native:apimanagement:ApiManagementService", "azure:apimanagement/service:Service"]);

/** The domain of API Management gateways' hosts: `<service name>.azure-api.net`. */
const apimGatewaySuffix = ".azure-api.net";

/** The domain of Traffic Manager profiles' hosts: `<relative name>.trafficmanager.net`. */
const trafficManagerSuffix = ".trafficmanager.net";

/** Whether a value names an API Management gateway's host, whose forwarding the stack may show. */
export function namesApimGateway(value: string): boolean {
    return /\.azure-api\.net/i.test(value);
}

/**
 * Whether a value's host is one only the stack can judge: an API Management gateway's, a Traffic
 * Manager profile's (`<name>.trafficmanager.net`: its endpoints say where calls go), or one the
 * program could not fill in (`https://undefined/…`).
 */
export function namesHostTheStackJudges(value: string): boolean {
    return (
        namesApimGateway(value) ||
        /\.trafficmanager\.net/i.test(value) ||
        /^[a-z][a-z0-9+.-]{0,20}:\/\/(?:undefined|null)(?:[:/?#]|$)/i.test(value)
    );
}

/** API Management resources that forward calls: APIs (`serviceUrl`) and backends (`url`). */
const apimForwarderTypes = new Set([
    "azure-native:apimanagement:Api",
    "azure-native:apimanagement:Backend",
    "azure:apimanagement/api:Api",
    "azure:apimanagement/backend:Backend",
]);

/**
 * The API Management resources of the stack that forward a gateway host's calls (`<name>.azure-api.net`):
 * the APIs and backends of the service of that name, whether or not the service itself is in the stack.
 */
function apimForwardersNamed(host: string, index: StackIndex): { gateway: string; forwarders: StackNode[] } | undefined {
    if (!host.endsWith(apimGatewaySuffix)) {
        return undefined;
    }
    const name = host.slice(0, -apimGatewaySuffix.length);
    const named = (node: StackNode, keys: readonly string[]) => keys.some((key) => plainValue(node.props[key]) === name);
    const services = [...apimServiceTypes].flatMap((type) => index.ofType(type)).filter((node) => named(node, ["serviceName", "name"]));
    const forwarders = new Set(services.flatMap((service) => index.dependentsOf(service.urn)));
    for (const type of apimForwarderTypes) {
        index
            .ofType(type)
            .filter((node) => named(node, ["serviceName", "apiManagementName"]))
            .forEach((node) => forwarders.add(node));
    }
    const gateway = services.length > 0 ? `${services[0].type} "${services[0].name}"` : `API Management service "${name}"`;
    return forwarders.size > 0 ? { gateway, forwarders: [...forwarders] } : undefined;
}

/**
 * A client's calls through an API Management gateway of the stack, judged where the gateway forwards
 * them: the first of its APIs' `serviceUrl` and backends' `url` that is a model service on another
 * cloud (Bedrock, Vertex AI …). A gateway that forwards only to Azure or to other services (a
 * ticketing API) leaves the calls on Azure.
 */
function apimForwardOf(
    gateway: string,
    forwarders: readonly StackNode[],
    endpoint: Setting,
    facts: ResourceFacts,
    ctx: JudgeContext,
): OffAzureEndpoint | undefined {
    const apim = forwarders.filter((forwarder) => apimForwarderTypes.has(forwarder.type));
    for (const { node, key, value } of urlsHeldBy(apim, (key) => key === "serviceUrl" || key === "url")) {
        if (isUnknown(value)) {
            continue;
        }
        const forward = classifyEndpoint(value, ctx.settings.extraAzureHostedEndpoints);
        if (!forward.azureHosted && forward.knownOffAzureService !== undefined) {
            const path = `${endpoint.path} → ${gateway} → ${node.type} "${node.name}".${key}`;
            return offAzureEndpoint({ ...endpoint, path, value, unknown: false, viaStack: true }, facts, ctx);
        }
    }
    return undefined;
}

/**
 * A client's calls through an Azure front of the stack, judged where the front sends them: the first
 * host or URL held by a resource of its family ({@link familyOf}: a Front Door endpoint's profile and
 * its origins, an Application Gateway's backend pools, a Traffic Manager profile's endpoints) that is
 * a model service on another cloud (Bedrock, Vertex AI …). Read by shape: any key, any depth.
 */
function frontForwardOf(front: StackNode, endpoint: Setting, facts: ResourceFacts, ctx: JudgeContext): OffAzureEndpoint | undefined {
    for (const node of familyOf(front, ctx.stack!.index)) {
        if (node.urn === facts.view.urn) {
            continue; // the client itself
        }
        const held = knownServiceHeldBy(node.props, "", ctx, { left: 5_000 });
        if (held) {
            const label = node === front ? "" : ` → ${node.type} "${node.name}"`;
            const path = `${endpoint.path} → ${front.type} "${front.name}"${label}.${held.path}`;
            return offAzureEndpoint({ ...endpoint, path, value: held.value, unknown: false, viaStack: true }, facts, ctx);
        }
    }
    return undefined;
}

/** The first string at any depth of `value` (bounded) that is the host or URL of a model service off Azure. */
function knownServiceHeldBy(
    value: unknown,
    path: string,
    ctx: JudgeContext,
    budget: { left: number },
    depth = 0,
): { path: string; value: string } | undefined {
    if (--budget.left < 0 || depth > 12) {
        return undefined;
    }
    const plain = plainValue(value);
    if (typeof plain === "string") {
        if (plain.length > 2_048 || isUnknown(plain) || !looksLikeEndpoint(plain)) {
            return undefined;
        }
        const forward = classifyEndpoint(plain, ctx.settings.extraAzureHostedEndpoints);
        return !forward.azureHosted && forward.knownOffAzureService !== undefined ? { path, value: plain } : undefined;
    }
    if (Array.isArray(plain)) {
        for (let i = 0; i < plain.length; i++) {
            const found = knownServiceHeldBy(plain[i], `${path}[${i}]`, ctx, budget, depth + 1);
            if (found) {
                return found;
            }
        }
        return undefined;
    }
    const record = asRecord(plain);
    for (const key of record ? Object.keys(record) : []) {
        const found = knownServiceHeldBy(record![key], path === "" ? key : `${path}.${key}`, ctx, budget, depth + 1);
        if (found) {
            return found;
        }
    }
    return undefined;
}

/** Traffic Manager profiles, by either Azure provider (older azure-native versions kept them in `network`). */
const trafficManagerProfileTypes = [
    "azure-native:trafficmanager:Profile",
    "azure-native:network:Profile",
    "azure:network/trafficManagerProfile:TrafficManagerProfile",
];

/**
 * The targets of the Traffic Manager profile of the stack that `host` names (`<relativeName>.trafficmanager.net`):
 * every `target` (a host) and `targetResourceId` (an Azure resource, so Azure-hosted) its family holds, at any
 * depth. Undefined when no profile of the stack has that name, or it shows no target.
 */
function trafficManagerTargetsOf(
    host: string,
    index: StackIndex,
    extraAzureHosted: readonly string[],
): { profile: StackNode; targets: Array<{ node: StackNode; key: string; value: string; azure: boolean }> } | undefined {
    if (!host.endsWith(trafficManagerSuffix)) {
        return undefined;
    }
    const relativeName = host.slice(0, -trafficManagerSuffix.length);
    const profile = trafficManagerProfileTypes
        .flatMap((type) => index.ofType(type))
        .find((node) => plainValue(asRecord(plainValue(node.props["dnsConfig"]))?.["relativeName"]) === relativeName);
    if (!profile) {
        return undefined;
    }
    const targets: Array<{ node: StackNode; key: string; value: string; azure: boolean }> = [];
    const collect = (node: StackNode, value: unknown, key: string, depth: number) => {
        const plain = plainValue(value);
        if (depth > 6 || targets.length >= 100) {
            return;
        }
        if (Array.isArray(plain)) {
            plain.forEach((item, i) => collect(node, item, `${key}[${i}]`, depth + 1));
            return;
        }
        const record = asRecord(plain);
        for (const [child, inner] of record ? Object.entries(record) : []) {
            const path = key === "" ? child : `${key}.${child}`;
            const text = plainValue(inner);
            if (typeof text === "string" && !isUnknown(text) && /^target(ResourceId)?$/i.test(child)) {
                const azure = /resourceid$/i.test(child) || classifyEndpoint(text, extraAzureHosted).azureHosted;
                targets.push({ node, key: path, value: text, azure });
            } else {
                collect(node, inner, path, depth + 1);
            }
        }
    };
    for (const node of familyOf(profile, index)) {
        collect(node, node.props, "", 0);
    }
    return targets.length > 0 ? { profile, targets } : undefined;
}

/** The top-level string properties of `nodes` whose key `isUrlKey` accepts, as written (unknown values too). */
function urlsHeldBy(
    nodes: readonly StackNode[],
    isUrlKey: (key: string) => boolean,
): Array<{ node: StackNode; key: string; value: string }> {
    const urls: Array<{ node: StackNode; key: string; value: string }> = [];
    for (const node of nodes) {
        for (const [key, raw] of Object.entries(node.props)) {
            const value = plainValue(raw);
            if (isUrlKey(key) && typeof value === "string") {
                urls.push({ node, key, value });
            }
        }
    }
    return urls;
}

/** Words of a property that holds the URL a gateway's integration forwards to (`integrationUri`, `uri`, `serviceUrl`). */
const forwardKey = /ur[il]$/i;

/**
 * What the stack's integrations of a gateway forward to: the top-level URL and URI properties of the
 * resources that depend on it (API Gateway integrations), as written.
 */
function forwardsOf(gateway: StackNode, index: StackIndex): string[] {
    // A Lambda ARN or a value unknown at preview counts too: then not every forward is Azure.
    return urlsHeldBy(index.dependentsOf(gateway.urn), (key) => forwardKey.test(key)).map(({ value }) => value);
}

/**
 * The ExternalName Service of the stack that an in-cluster host name (`vllm`, `vllm.apps`,
 * `vllm.apps.svc.cluster.local`) resolves to, in the client's namespace unless the name gives one.
 */
function externalNameOf(host: string, client: ResourceView, index: StackIndex): { service: StackNode; externalName: string } | undefined {
    const [name, namespace] = host.toLowerCase().split(".");
    const clientNamespace = plainValue(asRecord(plainValue(client.props["metadata"]))?.["namespace"]);
    const wanted = namespace ?? (typeof clientNamespace === "string" ? clientNamespace : undefined);
    for (const service of index.ofType("kubernetes:core/v1:Service")) {
        const metadata = asRecord(plainValue(service.props["metadata"]));
        const spec = asRecord(plainValue(service.props["spec"]));
        const externalName = plainValue(spec?.["externalName"]);
        const serviceName = plainValue(metadata?.["name"]) ?? service.name;
        const serviceNamespace = plainValue(metadata?.["namespace"]);
        if (
            plainValue(spec?.["type"]) === "ExternalName" &&
            typeof externalName === "string" &&
            !isUnknown(externalName) &&
            serviceName === name &&
            (wanted === undefined || serviceNamespace === undefined || serviceNamespace === wanted)
        ) {
            return { service, externalName };
        }
    }
    return undefined;
}

/** Clauses 2 and 5. */
export const openAICallsHostedOnAzure: Rule = {
    name,
    displayName: "Calls to OpenAI models go to Azure-hosted endpoints",
    description: "Workloads that call OpenAI proprietary models send those calls to an Azure-hosted endpoint (or api.openai.com).",
    severity: "high",
    clause,
    remediationSteps: [
        "Set the client's base URL to an Azure-hosted endpoint (`https://<resource>.openai.azure.com/openai/v1/`, `*.services.ai.azure.com`) or remove it to use api.openai.com.",
        "If the endpoint is your own Azure-hosted gateway, add its host to `extraAzureHostedEndpoints` in the pack config.",
        "Bedrock's and other clouds' OpenAI-compatible APIs may serve open-weight models (gpt-oss) only.",
    ].join("\n"),
    tags: ["openai", "azure", "model-clients", "clause-2", "clause-5"],
    judge,
};
