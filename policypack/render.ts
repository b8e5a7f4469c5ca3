/**
 * The one place that writes prose: a verdict becomes the message a user reads
 * (what the resource does, where it runs, the evidence, the clause, the fix,
 * the exemption) and the machine-readable form the checker's reports read.
 *
 * Values are redacted where they are shown (evidence is built redacted; the
 * host, route and placement texts are redacted here); names of resources and
 * types are shown as they are, so `token-broker` stays `token-broker`. A last
 * pass masks only token shapes no name has.
 */
import { cloudName } from "./clouds";
import { topLevelScope } from "./evidence/inputs";
import { maskTokenShapes, redactText, shownHost } from "./redaction";
import { EndpointRef, ModelRef, Subject, Verdict } from "./verdict";

/** A model as a message names it; a model named in a Pulumi secret is judged but never named. */
function describeModel(model: ModelRef): string {
    return model.id === undefined ? `(a ${model.family} model named in a Pulumi secret)` : `${model.id} (${model.family})`;
}

/** Where a client's calls go, short (the "sending to" line) and long (the sentence). */
function endpointText(endpoint: EndpointRef): { where: string; target: string } {
    switch (endpoint.kind) {
        case "host": {
            const host = endpoint.host === undefined ? "(no host a client could use)" : shownHost(endpoint.host);
            const service = endpoint.service ? `${endpoint.service}'s OpenAI-compatible API` : "a host that is not Azure-hosted";
            return { where: endpoint.service ?? `host ${host}`, target: `${service} at ${host}` };
        }
        case "secret": {
            const where = endpoint.service ?? "a host that is not Azure-hosted";
            return { where, target: `${where} (the endpoint is a Pulumi secret and is not shown)` };
        }
        case "stack-resource":
            return {
                where: cloudName(endpoint.cloud),
                target: `an endpoint of ${endpoint.resource.type} "${endpoint.resource.name}" on ${cloudName(endpoint.cloud)}`,
            };
        case "unknown":
            return endpoint.elsewhere
                ? {
                      where: "an endpoint its settings held outside this stack may set",
                      target: "an endpoint that settings held outside this stack may set, which nothing in the stack shows to be Azure-hosted",
                  }
                : {
                      where: "an endpoint that is unknown during preview",
                      target: "an endpoint that is unknown during preview and that nothing in the stack shows to be Azure-hosted",
                  };
        case "service":
            return { where: endpoint.service, target: endpoint.service };
        case "local":
            return {
                where: `a server beside it on ${cloudName(endpoint.cloud)}`,
                target: `${shownHost(endpoint.host)}, a server in its own cluster or on its own machine, on ${cloudName(endpoint.cloud)}`,
            };
    }
}

/** What the resource does, as the first line of the message says it. */
export function whatOf(subject: Subject): string {
    switch (subject.kind) {
        case "serves-model":
            return subject.model.class === "proprietary"
                ? `${subject.service} serves the OpenAI proprietary model ${describeModel(subject.model)}: stateless inference off Azure`
                : `${subject.service} serves the open-weight model ${describeModel(subject.model)}, and this pack's config (allowOpenWeightOffAzure: false) keeps open-weight serving on Azure too`;
        case "declared-serving":
            return `${subject.service} is declared as stateless OpenAI API serving`;
        case "serves-unknown-model":
            return subject.computed
                ? `${subject.service} serves a model that its script computes as it runs (with a command the pack cannot read) and that nothing in the stack shows; it cannot be shown not to be an OpenAI proprietary model`
                : subject.elsewhere
                  ? `${subject.service} takes its settings from a store this stack does not hold, which may set its model, and nothing in the stack shows the model; it cannot be shown not to be an OpenAI proprietary model`
                  : `${subject.service} serves a model that is unknown during preview and that nothing in the stack shows; it cannot be shown not to be an OpenAI proprietary model`;
        case "unreadable":
            return `${subject.service} could not be read entirely (${subject.reason}), so it cannot be shown not to serve an OpenAI proprietary model off Azure`;
        case "serves-model-from-stack":
            return `${subject.service} serves ${describeModel(subject.model)}, the model of ${subject.source.type} "${subject.source.name}" in this stack`;
        case "route":
            return `exposes the OpenAI-style API route "${redactText(subject.route)}" in front of ${subject.backend.type} "${subject.backend.name}", which serves or calls an OpenAI proprietary model off Azure`;
        case "calls-model": {
            const model = subject.model
                ? `the OpenAI proprietary model ${describeModel(subject.model)}`
                : "a model that is unknown during preview";
            if (subject.endpoint.kind === "service") {
                return `${subject.client} calls ${model} served by ${subject.endpoint.service}, not on Azure`;
            }
            const client = subject.client === topLevelScope ? "it" : subject.client;
            return `${client} is a client of ${model} and sends its calls to ${endpointText(subject.endpoint).target}`;
        }
        case "hosts-product":
            return subject.product === undefined
                ? "hosts an OpenAI first-party product named in a Pulumi secret"
                : `hosts the OpenAI first-party product "${subject.product}"`;
        case "dns-off-azure":
            return subject.hostname === undefined
                ? "DNS record for an OpenAI hostname (named in a Pulumi secret) points at targets that are not Azure"
                : `DNS record for the OpenAI hostname "${redactText(subject.hostname)}" points at targets that are not Azure`;
        case "binds-hostname":
            return subject.hostname === undefined
                ? "binds an OpenAI hostname (named in a Pulumi secret) as a custom domain of a front that is not on Azure"
                : `binds the OpenAI hostname "${redactText(subject.hostname)}" as a custom domain of a front that is not on Azure`;
        case "gateway-routes-unread": {
            const client = subject.client === topLevelScope ? "it" : subject.client;
            return `${client} runs ${subject.gateway}, whose routes are in settings held outside this stack: nothing shows which models it offers or where it forwards their calls, so it cannot be shown to send OpenAI proprietary models only to Azure-hosted endpoints`;
        }
        case "unread-in-preview":
            return `could not be read: ${subject.paths.join(", ")} ${subject.paths.length === 1 ? "is" : "are"} unknown as a whole until the resources ${subject.paths.length === 1 ? "it comes" : "they come"} from exist, so nothing shows yet whether it serves or calls an OpenAI model`;
    }
}

/** Where the resource runs or its traffic goes, as the message's second line says it. */
export function whereOf(verdict: Verdict): string {
    if (verdict.placement) {
        return `${cloudName(verdict.placement.cloud)} (${redactText(verdict.placement.how)})`;
    }
    const { subject } = verdict;
    if (subject.kind === "calls-model") {
        return endpointText(subject.endpoint).where;
    }
    if (subject.kind === "gateway-routes-unread") {
        return "the upstreams of routes held outside this stack";
    }
    if (subject.kind === "dns-off-azure") {
        return subject.targetCloud ? `DNS targets on ${cloudName(subject.targetCloud)}, not Azure` : "DNS targets outside Azure";
    }
    return "a cloud other than Azure";
}

/** How the engine is using the pack, for messages: existing resources are reported, not blocked. */
export interface RenderContext {
    evaluation?: "preview" | "update" | "audit";
}

/** The message a user reads for a verdict. */
export function messageOf(verdict: Verdict, context: RenderContext = {}): string {
    const { resource, exemption } = verdict;
    const evidence = [...verdict.evidence, ...verdict.unreadable];
    const lines = [
        `${resource.type} "${resource.name}": ${whatOf(verdict.subject)}.`,
        `Hosted on / sending to: ${whereOf(verdict)}.`,
        `Evidence: ${evidence.map((item) => `${item.path} = ${item.shown}`).join("; ")}.`,
        `Rule: ${verdict.clause.text}.`,
        `Fix: ${verdict.fix}.`,
    ];
    if (context.evaluation === "audit") {
        // Existing resources (pulumi policy analyze, an audit policy group): nothing is being deployed.
        lines.splice(
            2,
            0,
            verdict.placement
                ? `Audit: this resource exists and is hosted there now; migrate it to Azure, or record a time-boxed exemption while it moves.`
                : `Audit: this resource exists and is configured this way now; change it, or record a time-boxed exemption while it changes.`,
        );
    }
    if (exemption?.status === "active") {
        const { exemption: e } = exemption;
        lines.unshift(
            `Exempted from ${verdict.rule} until ${e.expires} (owner ${e.owner}; reason: ${e.reason}; exemption for "${e.resource}"${scopeText(e)}). Reported, not blocked.`,
        );
    } else if (exemption?.status === "expired") {
        const { exemption: e } = exemption;
        lines.unshift(`Exemption expired on ${e.expires} (owner ${e.owner}; reason: ${e.reason}); the rule applies again.`);
    }
    return maskTokenShapes(lines.join("\n"));
}

function scopeText(exemption: { project?: string; stack?: string }): string {
    const scope = [exemption.project && `project ${exemption.project}`, exemption.stack && `stack ${exemption.stack}`].filter(Boolean);
    return scope.length > 0 ? ` in ${scope.join(", ")}` : "";
}

/** The schema name the machine-readable form of a verdict carries, versioned. */
export const verdictSchema = "openai-azure-hosting/verdict@1";

/**
 * The verdict as the checker's reports read it: JSON, every value as the
 * message shows it (redacted), plus the host cloud, model, endpoint and
 * hostname it rests on, pulled out of the subject for convenience. It travels
 * in the diagnostic's `description` field, which the Pulumi engine neither
 * shows nor forwards.
 */
export function wireOf(verdict: Verdict, context: RenderContext = {}): string {
    const { subject } = verdict;
    const model = "model" in subject ? subject.model : undefined;
    const endpoint = subject.kind === "calls-model" ? subject.endpoint : undefined;
    return JSON.stringify({
        schema: verdictSchema,
        rule: verdict.rule,
        clause: verdict.clause.ids,
        resource: verdict.resource,
        phase: verdict.viaStack ? "stack" : "resource",
        ...(context.evaluation ? { evaluation: context.evaluation } : {}),
        subject: subject.kind,
        what: whatOf(subject),
        where: whereOf(verdict),
        cloud:
            verdict.placement?.cloud ??
            (endpoint ? endpointCloud(endpoint) : subject.kind === "dns-off-azure" ? subject.targetCloud : undefined),
        ...(model ? { model } : {}),
        ...(endpoint ? { endpoint: endpointWire(endpoint) } : {}),
        ...((subject.kind === "dns-off-azure" || subject.kind === "binds-hostname") && subject.hostname !== undefined
            ? { hostname: redactText(subject.hostname) }
            : {}),
        ...(subject.kind === "hosts-product" && subject.product !== undefined ? { product: subject.product } : {}),
        ...(subject.kind === "route" ? { route: redactText(subject.route), backend: subject.backend } : {}),
        ...(subject.kind === "serves-model-from-stack" ? { source: subject.source } : {}),
        evidence: verdict.evidence,
        unknowns: verdict.unknowns,
        unreadable: verdict.unreadable,
        fix: verdict.fix,
        ...(verdict.exemption ? { exemption: { status: verdict.exemption.status, ...verdict.exemption.exemption } } : {}),
    });
}

/** The cloud a client's calls reach: known for services and stack resources, "other" for a host that is not Azure. */
function endpointCloud(endpoint: EndpointRef): string {
    switch (endpoint.kind) {
        case "host":
        case "secret":
            return endpoint.cloud ?? "other";
        case "stack-resource":
        case "service":
        case "local":
            return endpoint.cloud;
        case "unknown":
            return "unknown";
    }
}

function endpointWire(endpoint: EndpointRef): Record<string, unknown> {
    switch (endpoint.kind) {
        case "host":
            return { kind: "host", host: endpoint.host === undefined ? undefined : redactText(endpoint.host), service: endpoint.service };
        case "local":
            return { kind: "local", host: redactText(endpoint.host), cloud: endpoint.cloud };
        case "secret":
            return { kind: "secret", service: endpoint.service };
        default:
            return { ...endpoint };
    }
}
