/**
 * What the pack reads off one resource, before any judgement: the settings
 * its processes are configured with (found by shape, anywhere in its inputs),
 * the model fields of model-serving resources, calls to managed model APIs,
 * API routes, DNS records and custom domains. Values stay raw strings here;
 * the classifier modules decide what they mean.
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
    /** The value lives in another resource of the stack (a ConfigMap key, an SSM parameter …): the stack phase reads it there. */
    ref?: ValueRef;
    /** Read from another resource of the stack: verdicts resting on it are the stack phase's. */
    viaStack?: boolean;
    /** Unknown because a script computes it as it runs (`$(vault kv get …)`), not because of the preview. */
    computed?: true;
    /**
     * The shell variable the value wholly is. Computed (`computed`): nothing the pack saw sets it, an environment
     * file the script loads may. Known (the value is `$MODEL` as written): the process takes an environment the
     * pack does not list in full (`envFrom`), which may set it.
     */
    variable?: string;
    /** Stands for a whole environment unknown during preview: any setting of the process (its model) may be in it. */
    block?: true;
    /** Unknown because this store of the stack (its URN: a ConfigMap, a Secret) holds it unknown during preview. */
    store?: string;
    /** Unknown because it is held in a store this stack does not hold (`envFrom` of a ConfigMap made elsewhere). */
    elsewhere?: true;
}

/** Where a setting's value, or a scope's settings, live in another resource of the stack. */
export type ValueRef =
    /** One key of a Kubernetes ConfigMap or Secret (`valueFrom.configMapKeyRef`). */
    | { kind: "kubernetes-key"; store: "ConfigMap" | "Secret"; name?: string; key?: string }
    /** An AWS SSM parameter or Secrets Manager secret, by name or ARN (`secrets[].valueFrom`, a setting naming one). */
    | { kind: "aws-store"; reference?: string }
    /** A secret named in a secret manager (Cloud Run's `valueSource.secretKeyRef`): GCP Secret Manager, Kubernetes, AWS, Azure. */
    | { kind: "named-secret"; name?: string; key?: string }
    /** An App Service Key Vault reference (`@Microsoft.KeyVault(SecretUri=…)`, `(VaultName=…;SecretName=…)`). */
    | { kind: "azure-key-vault"; vault?: string; secret?: string };

/** Settings a scope takes in whole from another resource: `envFrom`, a mounted ConfigMap. */
export type ScopeRef = KubernetesScopeRef | EnvironmentFileRef;

/**
 * Where a pod's files or environment come from: a ConfigMap or Secret, a Secrets Store CSI driver's
 * `SecretProviderClass` (whose content the driver reads from a cloud's secret manager as the pod starts),
 * or a Secret Manager secret a Cloud Run service mounts as a file.
 */
export type KubernetesStore = "ConfigMap" | "Secret" | "SecretProviderClass" | "Secret Manager secret";

/** `envFrom` or a mounted ConfigMap, Secret or secret-store volume. */
export interface KubernetesScopeRef {
    kind: "kubernetes-env-from" | "kubernetes-mounted-files";
    store: KubernetesStore;
    /** The store's name; undefined when unknown during preview (then found through the property's dependencies). */
    name?: string;
    /** `envFrom[].prefix`. */
    prefix?: string;
    /** Where a mounted store's files appear in the container (`mountPath`). */
    mountPath?: string;
    /** The one file of the store mounted there (`subPath`). */
    subPath?: string;
    /** The file name a secret mounted whole is given (Cloud Run's `items[].path`). */
    file?: string;
    path: string;
    property: string;
}

/**
 * A file a process takes from a store: an environment file an ECS container loads from S3
 * (`environmentFiles[].value`: an object's ARN), one a boot script copies from object storage (S3,
 * Cloud Storage, Azure Blob Storage) and loads or hands to a command, or a file it writes from an SSM
 * parameter and hands to a command.
 */
export interface EnvironmentFileRef {
    kind: "fetched-file";
    /** The S3 object's or SSM parameter's ARN, a Cloud Storage object's `gs://` URL or a blob's URL; undefined when unknown during preview. */
    reference?: string;
    path: string;
    property: string;
}

/** Settings that configure one process: one container, one function, one VM, one config object. */
export interface SettingScope {
    /** Where the scope is, e.g. `containerDefinitions[0]` (the container "api"). */
    path: string;
    settings: Setting[];
    /** Serving engines the process runs (by its image or command), e.g. "vLLM". */
    engines: string[];
    /** OpenAI-compatible gateways the process runs (by its image or command), e.g. "LiteLLM proxy": its models are routes, a client's. */
    gateways?: string[];
    /** Settings it takes from other resources of the stack. */
    refs: ScopeRef[];
    /** The body of a request the workload sends (a Step Functions HTTP task, an EventBridge target): a client's settings. */
    client?: boolean;
    /** A file read in from the stack (a mounted ConfigMap, an S3 environment file) that the pack stopped reading here. */
    stoppedAt?: Unreadable;
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

/** A call to a model API of another cloud found in a definition or an integration (`bedrock:invokeModel`). */
export interface Invocation {
    path: string;
    /** The model id or ARN invoked. */
    value?: string;
    unknown: boolean;
    secret: boolean;
    /** "Amazon Bedrock". */
    service: string;
    cloud: Cloud;
    /** For messages: "Step Functions state `Summarize`", "API Gateway integration". */
    what: string;
}

/** A hostname bound to the resource as a custom domain (API Gateway, CloudFront alias, Ingress host …). */
export interface HostnameBinding {
    path: string;
    hostname: string;
    secret: boolean;
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

/** A DNS record: its name, its type and its targets. */
export interface DnsRecord {
    /** The record type (A, CNAME, TXT …) when the resource says it; undefined when it does not. */
    recordType?: string;
    /** The record type is a Pulumi secret: judged, never shown. */
    recordTypeSecret?: boolean;
    /** Properties that reference the record's zone, for names relative to it (`zoneId`, `managedZone`). */
    zoneProperties?: string[];
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
    invocations: Invocation[];
    bindings: HostnameBinding[];
    /** Label and tag maps found anywhere in the inputs, shallowest first (declarations are read from them). */
    labels: Array<{ path: string; value: unknown; secret: boolean }>;
    routes: Route[];
    dns?: DnsRecord;
    unreadable: Unreadable[];
    /** Set when the pack stopped reading at a bound: the resource cannot be shown not to serve, and is judged so. */
    stoppedAt?: Unreadable;
    /** Paths of blocks of a process's settings that are unknown as a whole during preview: nothing inside them can be read yet. */
    unknownBlocks: string[];
}

/** An empty extraction to build on. */
export function emptyExtraction(): Extraction {
    return { scopes: [], invocations: [], bindings: [], labels: [], routes: [], unreadable: [], unknownBlocks: [] };
}
