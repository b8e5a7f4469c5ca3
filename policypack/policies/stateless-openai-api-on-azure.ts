/**
 * Clause 1: a resource that hosts stateless inference of an OpenAI
 * proprietary model runs on Azure. Evidence: model fields of model-serving
 * resources (Bedrock, SageMaker, Vertex AI), served-model settings of any
 * workload, the declared `openai:workload` class; in the stack phase, models
 * unknown during preview traced to the resource they come from, Kubernetes
 * workloads whose cluster is in the stack, and OpenAI-style API routes in
 * front of serving backends.
 */
import { JudgeContext, modelIn, modelRefOf, ResourceFacts, scopesIn, settingEvidence } from "../facts";
import { unknownArgument } from "../evidence/inputs";
import { ModelField, Setting, Unreadable } from "../evidence/types";
import { ModelMatch } from "../models";
import { StackNode } from "../resource";
import { namesModelItself } from "../setting-roles";
import { apiGatewayV1PathOf, backendBehind, sourcesOf } from "../stack";
import { workloadKindOf } from "../tags";
import { unwrap } from "../values";
import { Evidence, Subject, Verdict } from "../verdict";
import { Clause, Rule, unknownEvidence, unreadInPreview, verdictOf } from "./rule";

const name = "stateless-openai-api-on-azure";

const clause: Clause = {
    ids: ["1"],
    text: "clause 1 of the OpenAI–Microsoft joint statement (27 Feb 2026): Azure is the exclusive cloud provider for stateless OpenAI APIs",
};

const fixes = {
    serving:
        "run this serving on Azure (Azure OpenAI / Azure AI Foundry, AKS, Azure Container Apps), serve an open-weight model instead, or, if it is not stateless serving, declare the workload (e.g. `openai:workload: training`) — or request a time-boxed exemption in the pack config",
    route: "serve this API from Azure, or route it to a backend that calls an Azure-hosted endpoint",
};

/** What makes a resource stateless serving, found on the resource (and, for unknown models, in the stack). */
interface Serving {
    subject: Subject;
    evidence: Evidence[];
    unknowns?: Evidence[];
    viaStack: boolean;
}

/** Clause 1 for one resource: does it host stateless serving of an OpenAI proprietary model off Azure? */
function servingVerdicts(facts: ResourceFacts, ctx: JudgeContext): Verdict[] {
    const host = facts.host(ctx.stack?.index);
    if (host.kind !== "cloud" || host.cloud === "azure") {
        return [];
    }
    const serving = servingOf(facts, ctx);
    if (!serving) {
        return [];
    }
    return [
        verdictOf(
            name,
            facts,
            {
                subject: serving.subject,
                placement: { cloud: host.cloud, how: host.how },
                evidence: serving.evidence,
                unknowns: serving.unknowns,
                viaStack: host.viaStack || serving.viaStack,
            },
            fixes.serving,
            clause,
        ),
    ];
}

/** A served-model setting that names a model (`meta-llama/Llama-3.1-8B-Instruct`), not where its weights are (`/mnt/models`, `s3://…`). */
function namesAModel(setting: Setting): boolean {
    const value = setting.value;
    return !setting.unknown && value !== undefined && value !== "" && !/^[./~]/.test(value) && !value.includes("://");
}

function servingOf(facts: ResourceFacts, ctx: JudgeContext): Serving | undefined {
    const { extraction, declared } = facts;
    const { settings } = ctx;
    if (extraction.statefulRuntime) {
        return undefined;
    }
    const declaredKind = declared.workload ? workloadKindOf(declared.workload.value) : "unrecognised";
    const intrinsic = extraction.service?.role === "serves" ? extraction.service : undefined;
    const service = intrinsic ? intrinsic.what : "workload";
    const candidates: Array<{ found: ModelMatch; evidence: Evidence; secret: boolean; viaStack: boolean }> = [];
    const unknownFields: ModelField[] = [];
    for (const field of intrinsic?.modelFields ?? []) {
        if (field.unknown) {
            unknownFields.push(field);
            continue;
        }
        const found = modelIn(field.value, settings);
        if (found) {
            candidates.push({
                found,
                evidence: { path: field.path, shown: field.secret ? "[secret]" : found.id },
                secret: field.secret,
                viaStack: false,
            });
        }
    }
    // A workload declared as training or a stateful runtime may name a model it does not serve.
    const readsSettings = declaredKind !== "non-serving" || intrinsic !== undefined;
    const unknownServed: Setting[] = [];
    const unknownArguments: Setting[] = [];
    // A file of a serving process, read in from the stack, that the pack stopped reading: the model may be past the stop.
    let fileStoppedAt: Unreadable | undefined;
    if (readsSettings) {
        for (const { scope, roles } of scopesIn(facts, ctx)) {
            if (scope.stoppedAt && (roles.isServer || scope.engines.length > 0)) {
                fileStoppedAt ??= scope.stoppedAt;
            }
            if (roles.isServer && !roles.servedModels.some(namesAModel)) {
                // A whole argument, or the whole environment, unknown during preview: the model may be in it.
                unknownArguments.push(
                    ...scope.settings.filter((setting) => setting.unknown && (setting.name === unknownArgument || setting.block === true)),
                );
            }
            for (const setting of roles.servedModels) {
                if (setting.unknown) {
                    if (roles.isServer && namesModelItself(setting)) {
                        unknownServed.push(setting);
                    }
                    continue;
                }
                const found = modelIn(setting.value, settings);
                if (found) {
                    candidates.push({
                        found,
                        evidence: settingEvidence(setting, found.id),
                        secret: setting.secret,
                        viaStack: setting.viaStack === true,
                    });
                }
            }
        }
    }
    // Evidence the resource alone shows first: the stack phase reports only what needed the stack.
    candidates.sort((a, b) => Number(a.viaStack) - Number(b.viaStack));
    const proprietary = candidates.find((candidate) => candidate.found.class === "proprietary");
    if (proprietary) {
        return {
            subject: { kind: "serves-model", service, model: modelRefOf(proprietary.found, proprietary.secret) },
            evidence: [proprietary.evidence],
            viaStack: proprietary.viaStack,
        };
    }
    const openWeight = candidates.find((candidate) => candidate.found.class === "open-weight");
    if (openWeight) {
        return settings.allowOpenWeightOffAzure
            ? undefined
            : {
                  subject: { kind: "serves-model", service, model: modelRefOf(openWeight.found, openWeight.secret) },
                  evidence: [openWeight.evidence],
                  viaStack: openWeight.viaStack,
              };
    }
    if (intrinsic && unknownFields.length > 0) {
        // The model is unknown during preview: the stack shows it (or shows nothing), declared or not.
        if (!ctx.stack) {
            return undefined;
        }
        const behind = modelBehindUnknown(service, unknownFields, facts, ctx);
        if (behind !== "open-weight" && (behind !== undefined || declaredKind !== "stateless-serving")) {
            return behind;
        }
        if (behind === "open-weight") {
            return undefined;
        }
        return {
            subject: { kind: "declared-serving", service },
            evidence: [
                { path: declared.workload!.path, shown: declared.workload!.secret ? "[secret]" : declared.workload!.value },
                ...unknownEvidence(unknownFields.map((f) => f.path)),
            ],
            viaStack: true,
        };
    }
    if (declaredKind === "stateless-serving" && declared.workload) {
        return {
            subject: { kind: "declared-serving", service },
            evidence: [{ path: declared.workload.path, shown: declared.workload.secret ? "[secret]" : declared.workload.value }],
            viaStack: declared.workload.viaStack === true,
        };
    }
    const stoppedAt = extraction.stoppedAt ?? fileStoppedAt;
    if (declaredKind !== "non-serving" && stoppedAt) {
        const { path, reason } = stoppedAt;
        return {
            subject: { kind: "unreadable", service, reason },
            evidence: [{ path, shown: `(the pack stopped reading here: ${reason})` }],
            viaStack: extraction.stoppedAt === undefined,
        };
    }
    // A serving engine whose model nothing in the stack shows, or that names none it could be known by while one of its
    // arguments is wholly unknown (it may be `--served-model-name=…`): it cannot be shown not to serve a proprietary model.
    const unknownModel = unknownServed.length > 0 ? unknownServed : unknownArguments;
    if (readsSettings && unknownModel.length > 0 && ctx.stack) {
        const unknowns = unknownModel.map((setting) => settingEvidence(setting));
        const computed = unknownModel.every((setting) => setting.computed === true);
        const elsewhere = unknownModel.every((setting) => setting.elsewhere === true);
        return {
            subject: {
                kind: "serves-unknown-model",
                service: "model server",
                ...(computed ? { computed } : {}),
                ...(elsewhere ? { elsewhere } : {}),
            },
            evidence: unknowns,
            unknowns,
            viaStack: true,
        };
    }
    return undefined;
}

/**
 * A serving resource whose model is unknown during preview: look at the resources it comes from.
 * "open-weight" when they show only an open-weight model that the config lets off Azure.
 */
function modelBehindUnknown(
    service: string,
    fields: ModelField[],
    facts: ResourceFacts,
    ctx: JudgeContext,
): Serving | "open-weight" | undefined {
    const stack = ctx.stack!.index;
    const sources = fields.flatMap((field) => sourcesOf(facts.view, field.property, stack));
    const unknowns = unknownEvidence(fields.map((field) => field.path));
    if (sources.length === 0) {
        return { subject: { kind: "serves-unknown-model", service }, evidence: unknowns, unknowns, viaStack: true };
    }
    let openWeight = false;
    for (const source of sources) {
        const named = modelInProps(source.props, ctx);
        if (named === "truncated") {
            // Where the walk stopped, a model may still be named: fail closed, and say so.
            return { subject: { kind: "serves-unknown-model", service }, evidence: unknowns, unknowns, viaStack: true };
        }
        if (named && (named.found.class === "proprietary" || !ctx.settings.allowOpenWeightOffAzure)) {
            const { urn, name: sourceName, type } = source;
            return {
                subject: {
                    kind: "serves-model-from-stack",
                    service,
                    model: modelRefOf(named.found, named.secret),
                    source: { urn, name: sourceName, type },
                },
                evidence: fields.map((field) => ({ path: field.path, shown: `from "${sourceName}"` })),
                viaStack: true,
            };
        }
        openWeight = openWeight || named?.found.class === "open-weight"; // one the config lets off Azure
    }
    return openWeight ? "open-weight" : undefined;
}

/** Values of a source resource looked at for the model it holds: a bound against abuse, far beyond a model's resource. */
const MAX_SOURCE_VALUES = 100_000;

/**
 * The first OpenAI model named in any string of a resource's inputs (bounded walk), and whether a
 * secret named it; `"truncated"` when the walk stopped at its bound without finding one.
 */
function modelInProps(props: Record<string, unknown>, ctx: JudgeContext): { found: ModelMatch; secret: boolean } | "truncated" | undefined {
    const queue: Array<{ value: unknown; secret: boolean }> = [{ value: props, secret: false }];
    let visited = 0;
    for (let next = 0; next < queue.length; next++) {
        if (visited >= MAX_SOURCE_VALUES) {
            return "truncated";
        }
        const item = queue[next];
        const { value, secret } = unwrap(item.value);
        const inSecret = item.secret || secret;
        visited++;
        if (typeof value === "string") {
            const found = modelIn(value, ctx.settings);
            if (found) {
                return { found, secret: inSecret };
            }
        } else if (typeof value === "object" && value !== null) {
            for (const child of Object.values(value as Record<string, unknown>)) {
                queue.push({ value: child, secret: inSecret });
            }
        }
    }
    return undefined;
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

/** Stack phase: OpenAI-style routes off Azure in front of a backend that serves or calls a proprietary model off Azure. */
function routeVerdicts(facts: ResourceFacts, ctx: JudgeContext): Verdict[] {
    const stack = ctx.stack;
    if (!stack || facts.extraction.routes.length === 0) {
        return [];
    }
    const host = facts.host(stack.index);
    if (host.kind !== "cloud" || host.cloud === "azure") {
        return [];
    }
    const verdicts: Verdict[] = [];
    for (const extracted of facts.extraction.routes) {
        const route = extracted.resourcePathFrom
            ? `${extracted.value} ${apiGatewayV1PathOf(facts.view, extracted.resourcePathFrom, stack.index)}`
            : extracted.value;
        if (!isOpenAIApiRoute(route)) {
            continue;
        }
        const behind = (node: StackNode) => stack.backendVerdicts(node).find((verdict) => verdict.rule !== "first-party-products-on-azure");
        const backend = backendBehind(
            facts.view,
            extracted.backendProperties,
            stack.index,
            (node: StackNode) => behind(node) !== undefined,
        );
        if (backend) {
            const { urn, name: backendName, type } = backend;
            const backendSubject = behind(backend)?.subject;
            const model = backendSubject && "model" in backendSubject ? backendSubject.model : undefined;
            verdicts.push(
                verdictOf(
                    name,
                    facts,
                    {
                        subject: { kind: "route", route, backend: { urn, name: backendName, type }, ...(model ? { model } : {}) },
                        placement: { cloud: host.cloud, how: host.how },
                        evidence: [{ path: extracted.path, shown: route }],
                        viaStack: true,
                    },
                    fixes.route,
                    clause,
                ),
            );
        }
    }
    return verdicts;
}

/** Clause 1. */
export const statelessOpenAIApiOnAzure: Rule & { servingVerdicts: typeof servingVerdicts } = {
    name,
    displayName: "Stateless OpenAI API serving runs on Azure",
    description: "Stateless inference of OpenAI proprietary models (GPT, o-series, embeddings, audio, images) is hosted only on Azure.",
    severity: "critical",
    clause,
    remediationSteps: [
        "Serve the model from Azure (Azure OpenAI / Azure AI Foundry deployments, or your own serving on AKS / Azure Container Apps).",
        "If the workload serves an open-weight model (gpt-oss), name it so the pack can see it.",
        "If it is not stateless serving (training, evaluation, a stateful agent runtime), declare it with the tag `openai:workload` (`openai.com/workload` on Kubernetes, `openai-workload` on GCP).",
        "For a planned migration, add a time-boxed exemption under `openai-hosting-settings` in the pack config.",
    ].join("\n"),
    tags: ["openai", "azure", "model-serving", "clause-1"],
    judge: (facts, ctx) => [
        ...servingVerdicts(facts, ctx),
        ...routeVerdicts(facts, ctx),
        // Off Azure, settings unknown as a whole may hide serving (or calls): this rule says it could not read them.
        ...unreadInPreview(name, facts, ctx, (cloud) => cloud !== "azure", clause),
    ],
    servingVerdicts,
};
