/**
 * What extractors read off one resource, before any judgement: the settings
 * its workloads are configured with, the model fields of model-serving
 * resources, API routes and DNS records. Values stay raw strings here; the
 * classifier modules decide what they mean.
 */
import type { Cloud } from "../clouds";

/** One setting (environment variable, command-line flag, user-data line). */
export interface Setting {
    /** The setting's name as written: `OPENAI_BASE_URL`, `--served-model-name`. */
    name: string;
    /** Field path of the value, for messages. */
    path: string;
    /** The value; undefined when unknown during preview. */
    value?: string;
    unknown: boolean;
    secret: boolean;
    /** The top-level property the value came from, to look up its dependencies. */
    property: string;
}

/** Settings that configure one process: one container, one function, one VM. */
export interface SettingScope {
    /** Where the scope is, e.g. `containerDefinitions[0]` (the container "api"). */
    path: string;
    settings: Setting[];
}

/** A model field of a resource that serves models by nature (Bedrock, SageMaker, Vertex AI). */
export interface ModelField {
    path: string;
    value?: string;
    unknown: boolean;
    /** A Pulumi secret: judged by its value, never shown. */
    secret: boolean;
    property: string;
}

/** What kind of model-serving resource this is, and how its model fields count. */
export interface ModelService {
    /** For messages: "Bedrock provisioned throughput". */
    what: string;
    /** "serves": inference runs on this resource; "calls": the resource calls a model served by its cloud. */
    role: "serves" | "calls";
    /** The endpoint that "calls" resources reach, for messages: "Amazon Bedrock". */
    servedBy?: string;
    /** The cloud that endpoint runs on. */
    servedByCloud?: Cloud;
    modelFields: ModelField[];
}

/** An HTTP route (API Gateway, load balancer rule) and the properties that lead to its backend. */
export interface Route {
    path: string;
    /** e.g. `POST /v1/chat/completions`. */
    value: string;
    /** Top-level properties whose dependencies lead to the backend. */
    backendProperties: string[];
    /**
     * API Gateway v1: the path is not on the resource but in the chain of
     * `aws:apigateway/resource:Resource`s its `resourceId` depends on; the
     * stack phase completes `value` from it.
     */
    resourcePathFrom?: string;
}

/** A DNS record: its name and targets. */
export interface DnsRecord {
    namePath: string;
    name?: string;
    nameUnknown: boolean;
    /** The name or a target is a Pulumi secret: judged, never shown. */
    nameSecret?: boolean;
    targets: Array<{ path: string; value?: string; unknown: boolean; property: string; secret?: boolean }>;
}

/** A field the pack needed and could not read. */
export interface Unreadable {
    path: string;
    reason: string;
}

/** Everything extracted from one resource. */
export interface Extraction {
    scopes: SettingScope[];
    service?: ModelService;
    /** Runtime that keeps state (AgentCore …): its settings are only ever a client's. */
    statefulRuntime?: string;
    routes: Route[];
    dns?: DnsRecord;
    unreadable: Unreadable[];
}

/** Reads one resource type's raw props. */
export type Extractor = (props: Record<string, unknown>) => Extraction;

/** An empty extraction to build on. */
export function emptyExtraction(): Extraction {
    return { scopes: [], routes: [], unreadable: [] };
}
