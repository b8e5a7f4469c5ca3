/**
 * A verdict is data: which rule a resource breaks, where it runs, what it
 * serves or calls, and the fields that show it. Rules produce verdicts;
 * `render.ts` is the one place that turns them into prose, and the checker's
 * reports read the same fields over the wire.
 */
import { Cloud } from "./clouds";
import { Exemption } from "./settings";

/** The rules of the pack, by policy name. */
export type RuleName = "stateless-openai-api-on-azure" | "openai-calls-hosted-on-azure" | "first-party-products-on-azure";

/** A resource a verdict is about, or one it points at. */
export interface ResourceRef {
    urn: string;
    name: string;
    type: string;
}

/** A field and the value a message may show (already redacted; `[secret]` for Pulumi secrets). */
export interface Evidence {
    path: string;
    shown: string;
}

/** A model as a verdict names it; `id` is absent when a Pulumi secret named it. */
export interface ModelRef {
    id?: string;
    family: string;
    class: "proprietary" | "open-weight";
}

/** Where a hosted resource runs, and how the pack knows. */
export interface Placement {
    cloud: Cloud;
    how: string;
}

/** Where a client's calls go. */
export type EndpointRef =
    /** A host read from the client's settings; `service` names a known OpenAI-compatible API off Azure. */
    | { kind: "host"; host?: string; service?: string; cloud?: Cloud }
    /** A Pulumi secret: judged by its value, never shown. */
    | { kind: "secret"; service?: string; cloud?: Cloud }
    /** Unknown during preview; comes from a resource of the stack on a cloud other than Azure. */
    | { kind: "stack-resource"; resource: ResourceRef; cloud: Cloud }
    /** Unknown during preview, and nothing in the stack shows it; `elsewhere`: it may be set in a store or file this stack does not hold. */
    | { kind: "unknown"; elsewhere?: true }
    /** A server in the client's own cluster or on its own machine (`*.svc.cluster.local`, a bare Service name, localhost): on the client's cloud. */
    | { kind: "local"; host: string; cloud: Cloud }
    /** A managed service of another cloud that the resource invokes by model id (Bedrock). */
    | { kind: "service"; service: string; cloud: Cloud };

/**
 * What the resource does that breaks its rule. Each kind is one judgement of
 * one rule; the renderer has one sentence per kind.
 */
export type Subject =
    /** Serves a proprietary model (or an open-weight one the config keeps on Azure). */
    | { kind: "serves-model"; service: string; model: ModelRef }
    /** Declared (tag or label) as stateless serving. */
    | { kind: "declared-serving"; service: string }
    /** A serving resource whose model is unknown during preview and that nothing in the stack shows. */
    /** `computed`: the model is what a command of its boot script prints as it runs (`$(vault kv get …)`), not a preview's unknown. */
    /** `elsewhere`: the model may be set in a store the stack does not hold (`envFrom` of a ConfigMap made elsewhere). */
    | { kind: "serves-unknown-model"; service: string; computed?: true; elsewhere?: true }
    /** Inputs the pack could not read entirely (a bound, an encoding): it cannot be shown not to serve. */
    | { kind: "unreadable"; service: string; reason: string }
    /** A serving resource whose model comes from another resource of the stack. */
    | { kind: "serves-model-from-stack"; service: string; model: ModelRef; source: ResourceRef }
    /** An OpenAI-style API route in front of a backend that serves or calls a proprietary model off Azure. */
    | { kind: "route"; route: string; backend: ResourceRef; model?: ModelRef }
    /** A client of a proprietary model (or of a model unknown during preview) calling an endpoint off Azure. */
    | { kind: "calls-model"; client: string; model?: ModelRef; endpoint: EndpointRef }
    /** Declared as an OpenAI first-party product; `product` is absent when a Pulumi secret named it. */
    | { kind: "hosts-product"; product?: string }
    /** A DNS record for an OpenAI hostname whose targets are not Azure; `hostname` absent when secret. */
    | { kind: "dns-off-azure"; hostname?: string; targetCloud?: Cloud }
    /** A custom domain (API Gateway, CloudFront alias, Ingress host …) binding an OpenAI hostname to a front off Azure. */
    | { kind: "binds-hostname"; hostname?: string }
    /**
     * Blocks of its settings (`paths`) are unknown as a whole during preview, so nothing shows what it
     * runs or calls yet: always an advisory, since `pulumi up` judges the resource with its inputs resolved.
     */
    | { kind: "unread-in-preview"; paths: string[] }
    /**
     * An OpenAI-compatible gateway (`gateway`: LiteLLM's proxy …) whose routes are in settings held outside this
     * stack (a configuration file mounted from a store another stack makes): which models it offers and where it
     * forwards their calls cannot be known, in preview or in `pulumi up`. Always an advisory: nothing shows a
     * proprietary model, and a gateway that forwards to Azure-hosted endpoints breaks no rule.
     */
    | { kind: "gateway-routes-unread"; gateway: string; client: string };

/** Subjects that are always reported as advisories, whatever level the config sets: the pack could not judge. */
export function isAdvisorySubject(subject: Subject): boolean {
    return subject.kind === "unread-in-preview" || subject.kind === "gateway-routes-unread";
}

/** An exemption from the pack's config that names this verdict's resource and rule. */
export interface AppliedExemption {
    status: "active" | "expired";
    exemption: Exemption;
}

/** One resource breaking one rule. */
export interface Verdict {
    rule: RuleName;
    resource: ResourceRef;
    subject: Subject;
    /** Where the resource runs (serving, products, routes); absent for clients and DNS, whose subject says where traffic goes. */
    placement?: Placement;
    /** The fields the verdict rests on. */
    evidence: Evidence[];
    /** Fields it rests on that are unknown during preview (also in `evidence`), for reports. */
    unknowns: Evidence[];
    /** Fields the pack needed and could not read, with why. */
    unreadable: Evidence[];
    /** The clause of the agreement the rule enforces: its numbers and the text a message cites. */
    clause: { ids: string[]; text: string };
    /** How to fix it, in a sentence. */
    fix: string;
    /** Found only with the stack's help: reported by the stack phase. */
    viaStack: boolean;
    /** Set when the pack's config exempts (or exempted) this resource from this rule. */
    exemption?: AppliedExemption;
}
