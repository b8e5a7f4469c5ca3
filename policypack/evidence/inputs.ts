/**
 * Reading a resource's inputs by their shape, for every resource of every
 * provider: the pack does not need to know a type to find the processes it
 * configures. Wherever an object looks like a process (an image, a command
 * or argument list, an environment map or list, a script or user data), its
 * settings are read; wherever a string holds JSON, YAML, base64, gzip or
 * MIME multipart, the walk goes on inside it; Kubernetes objects, Helm values
 * and configuration documents are read as configuration; Bedrock invocations
 * in definitions and integrations, custom domains and labels are noted.
 *
 * The walk is bounded (values visited, nesting, decoding); where it stops at
 * a bound, it says where and why, and the resource is judged fail-closed.
 */
import { assetText } from "../assets";
import { engineOfImage, gatewayOfImage, mentionsEngineCommand } from "../engines";
import { isClientConvention, isServedModelName, nameWords, normalisedName, wordsOf } from "../setting-roles";
import {
    filesFetchedFromObjects,
    filesWrittenFromParameters,
    isComputedAsItRuns,
    isLongFlag,
    isStoreReadReference,
    objectReference,
    readArgs,
    readScript,
    withSubstitutionsRead,
} from "../scripts";
import { rememberedBy } from "../memo";
import { asRecord, isSecretWrapper, isUnknown, plainValue, unwrap } from "../values";
import { configEntriesOf, Decoded, decodeString } from "./decode";
import { HostnameBinding, Invocation, KubernetesStore, Setting, SettingScope, Unreadable, ValueRef } from "./types";

/** Bounds against abuse; real inputs are far below them. */
export const walkLimits = {
    /** Values visited in one resource's inputs, decoded documents included. */
    maxValues: 200_000,
    /** Nesting of objects and arrays. */
    maxDepth: 64,
    /** Strings inside strings (base64 of gzip of YAML …). */
    maxDecodeDepth: 4,
    /** Elements of one array or entries of one object read. */
    maxEntries: 10_000,
};

/** A label or tag map found anywhere in the inputs, shallowest first. */
export interface LabelField {
    path: string;
    value: unknown;
    secret: boolean;
}

/** What the walk found. */
export interface InputReading {
    scopes: SettingScope[];
    invocations: Invocation[];
    bindings: HostnameBinding[];
    labels: LabelField[];
    unreadable: Unreadable[];
    stoppedAt?: Unreadable;
    /**
     * Blocks of a process's settings that are unknown as a whole during a preview (a web app's
     * `siteConfig`, a task's `containerDefinitions`, an `environment`, user data): what is inside
     * cannot be read until the resources they come from exist.
     */
    unknownBlocks: string[];
}

/** A block of settings unknown as a whole during preview: where, and whether it surely holds a process's settings. */
interface UnknownBlock {
    path: string;
    /** "process": an environment, command, script, template or container list; "generic": a configuration that may hold them. */
    kind: "process" | "generic";
}

/** What a key says about its value. */
type KeyClass =
    "env" | "env-from" | "env-files" | "argv" | "script" | "image" | "config" | "request" | "labels" | "binding" | "skip" | "none";

const envLastWords = new Set(["ENV", "ENVS", "ENVIRONMENT", "ENVIRONMENTS", "VARIABLES", "VARS", "SETTINGS", "BINDINGS"]);
const argvLastWords = new Set([
    "COMMAND",
    "COMMANDS",
    "ARGS",
    "ARGUMENTS",
    "ENTRYPOINT",
    "ENTRYPOINTS",
    "CMD",
    "ARGV",
    "RUNCMD",
    "BOOTCMD",
]);
const scriptNames = new Set(["USER_DATA", "USERDATA", "USER_DATA_BASE64", "CUSTOM_DATA", "CLOUD_INIT", "CLOUDINIT", "START_COMMAND"]);
const imageNames = new Set(["IMAGE", "IMAGE_URI", "IMAGE_NAME", "IMAGE_URL", "CONTAINER_IMAGE", "DOCKER_IMAGE"]);
const configNames = new Set([
    "VALUES",
    "VALUES_OBJECT",
    "VALUE_YAML_FILES",
    "VALUES_FILES",
    "VALUE_FILES",
    "SERVE_CONFIG",
    "SERVE_CONFIG_V2",
    "SERVICE_CONFIG",
    "CONFIG",
    "CONFIGURATION",
    "CONFIG_JSON",
    "CONFIG_YAML",
    "MODEL_CONFIG",
    "INFERENCE_CONFIG",
    "SPEC",
]);
/** Bodies of requests a workload sends (Step Functions HTTP tasks, EventBridge targets, API Gateway templates): a client's. */
const requestNames = new Set([
    "REQUEST_BODY",
    "BODY",
    "PAYLOAD",
    "INPUT",
    "INPUT_TEMPLATE",
    "INPUT_TRANSFORMER",
    "REQUEST_TEMPLATES",
    "MESSAGE_BODY",
]);
const labelNames = new Set(["TAGS", "TAGS_ALL", "LABELS", "USER_LABELS", "RESOURCE_LABELS", "FREEFORM_TAGS", "DEFINED_TAGS"]);
const bindingNames = new Set([
    "DOMAIN_NAME",
    "DOMAIN",
    "DOMAINS",
    "CUSTOM_DOMAIN",
    "CUSTOM_DOMAINS",
    "CUSTOM_DOMAIN_NAME",
    "HOSTNAME",
    "HOSTNAMES",
    "HOST_NAME",
    "HOST_NAMES",
    "ALIASES",
    "HOSTS",
    "HOST_HEADER",
    "SERVER_NAMES",
]);

/** The key that names the host in an entry of a list of bindings (Fastly's `domains: [{ name }]`, Akamai's `hostnames: [{ cnameFrom }]`). */
const bindingEntryKeys = ["name", "domain", "hostname", "domainName", "host", "fqdn", "cnameFrom"];

/** What a key says about its value, from its words (`userData` → USER_DATA → script); remembered per key. */
export const classOfKey: (key: string) => KeyClass = rememberedBy(keyClassOf);

/**
 * Key classes whose value, unknown as a whole, hides a process's settings: its environment, command,
 * script or configuration (not an image, a tag, a domain, or a request's payload).
 */
const blockClasses: ReadonlySet<KeyClass> = new Set<KeyClass>(["env", "env-from", "env-files", "argv", "script", "config"]);
/** Last words of other keys that name a block of a process: `template`, `containerDefinitions`, a command's `create`. */
const processBlockWords = new Set([
    "TEMPLATE",
    "DEFINITION",
    "DEFINITIONS",
    "CONTAINER",
    "CONTAINERS",
    "SETTINGS",
    "MANIFEST",
    "MANIFESTS",
    "CREATE",
    "UPDATE",
]);
/**
 * Last words of keys that name a generic block (`siteConfig`, `containerProperties`, `metadata`): it may
 * hold a process's settings, or only its ingress and registries (a container app's `configuration`).
 */
const genericBlockWords = new Set(["CONFIG", "CONFIGURATION", "SPEC", "VALUES", "PROPERTIES", "METADATA"]);

/**
 * What an unknown value under a key hides: a block of a process's settings ("process"), a generic block
 * that may hold them ("generic"), or nothing the pack reads for them (undefined); remembered per key.
 */
const blockOfKey: (key: string) => UnknownBlock["kind"] | undefined = rememberedBy((key: string) => {
    const cls = classOfKey(key);
    const words = wordsOf(normalisedName(key));
    const last = words[words.length - 1];
    if (cls === "config" || genericBlockWords.has(last)) {
        return cls === "none" || cls === "config" ? "generic" : undefined;
    }
    if (cls !== "none") {
        return blockClasses.has(cls) ? "process" : undefined;
    }
    return processBlockWords.has(last) ? "process" : undefined;
});

function keyClassOf(key: string): KeyClass {
    let known: KeyClass;
    const name = normalisedName(key);
    const words = wordsOf(name);
    const last = words[words.length - 1];
    if (labelNames.has(name) || ((last === "LABELS" || last === "TAGS") && !words.includes("MATCH") && !words.includes("SELECTOR"))) {
        known = "labels"; // tags, labels, dockerLabels, podLabels, commonLabels, freeformTags …; never a selector
    } else if (requestNames.has(name)) {
        known = "request";
    } else if (name.includes("POLICY") || name === "DIMENSIONS" || name === "DASHBOARD_BODY" || isCredentialData(name, words)) {
        known = "skip"; // IAM and resource policies, metric dimensions, dashboards, certificates: never a process's settings
    } else if (name === "ENV_FROM") {
        known = "env-from";
    } else if (name === "ENVIRONMENT_FILES" || name === "ENV_FILES" || name === "ENV_FILE" || name === "ENVIRONMENT_FILE") {
        known = "env-files";
    } else if (scriptNames.has(name) || words.includes("SCRIPT") || words.includes("STARTUP") || words.includes("BOOTSTRAP")) {
        known = "script";
    } else if (argvLastWords.has(last) || name === "ENTRY_POINT") {
        known = "argv";
    } else if (envLastWords.has(last) || words[0] === "ENV" || last === "SECRETS") {
        known = "env";
    } else if (imageNames.has(name)) {
        known = "image";
    } else if (configNames.has(name)) {
        known = "config";
    } else if (bindingNames.has(name)) {
        known = "binding";
    } else {
        known = "none";
    }
    return known;
}

/**
 * Certificates and keys as data (a kubeconfig's `certificate-authority-data`, `client-key-data`, a
 * webhook's `caBundle`): base64 PEM that nothing runs. Decoding and reading them was a twentieth of the
 * time a Kubernetes provider's inputs took. A kubeconfig itself (`kubeconfig`, `kubeConfigRaw`) is how
 * to reach a cluster, and its one command is kubectl's credential plugin on the deploying machine: the
 * cluster it names is read where the pack places workloads (`kubeconfig.ts`), not as a process here.
 */
function isCredentialData(name: string, words: readonly string[]): boolean {
    return (
        name === "CA_BUNDLE" ||
        words.includes("KUBECONFIG") ||
        (words.includes("KUBE") && words.includes("CONFIG")) ||
        (words[words.length - 1] === "DATA" &&
            words.some((word) => word === "CERTIFICATE" || word === "CERT" || word === "KEY" || word === "CA"))
    );
}

/** How objects are read where the walk is. */
type Mode =
    /** Only objects shaped like a process are read. */
    | "shape"
    /** Configuration (Helm values, Kubernetes specs, config files): every object's string fields are settings. */
    | "config"
    /** Inside a script or user data: every string is a script of the enclosing process. */
    | "script";

interface Position {
    path: string;
    /** The key the value sits under in its parent object (for `model: { name: … }` → MODEL_NAME). */
    key?: string;
    property: string;
    secret: boolean;
    depth: number;
    decodeDepth: number;
    mode: Mode;
    /** The process the value belongs to, for scripts and documents inside it. */
    scope?: SettingScope;
    /** ConfigMap and Secret volumes of the pod spec the walk is in, by volume name. */
    volumes?: Map<string, MountedStore[]>;
}

/**
 * The position one step down from `at`, field by field: the walk makes one per value it reads, and
 * an object spread there cost more than the rest of the walk's own work.
 */
function below(
    at: Position,
    path: string,
    key: string | undefined,
    property: string,
    scope: SettingScope | undefined,
    volumes: Position["volumes"],
): Position {
    return { path, key, property, secret: at.secret, depth: at.depth + 1, decodeDepth: at.decodeDepth, mode: at.mode, scope, volumes };
}

/**
 * `at` with some fields changed, every field in the one order `below` uses: the walk reads positions
 * at every step, and positions of one shape are read inline where spreads of several are looked up.
 */
function moved(at: Position, change: Partial<Position>): Position {
    return {
        path: change.path ?? at.path,
        key: "key" in change ? change.key : at.key,
        property: change.property ?? at.property,
        secret: change.secret ?? at.secret,
        depth: change.depth ?? at.depth,
        decodeDepth: change.decodeDepth ?? at.decodeDepth,
        mode: change.mode ?? at.mode,
        scope: "scope" in change ? change.scope : at.scope,
        volumes: "volumes" in change ? change.volumes : at.volumes,
    };
}

/** A position where a walk starts, in the same shape. */
function start(path: string, secret: boolean, decodeDepth: number, mode: Mode, scope?: SettingScope): Position {
    return { path, key: undefined, property: "", secret, depth: 0, decodeDepth, mode, scope, volumes: undefined };
}

class Walk {
    readonly out: InputReading = { scopes: [], invocations: [], bindings: [], labels: [], unreadable: [], unknownBlocks: [] };
    /** Blocks unknown as a whole, with their kind: {@link readInputs} keeps those that may hide a process. */
    readonly blocks: UnknownBlock[] = [];
    /** Top-level properties whose whole value the walk read as a JSON document: known to be valid JSON. */
    parsedJson?: Set<string>;
    private values = 0;
    /** The resource's own named secrets (Container Apps' `configuration.secrets`), which env entries name by `secretRef`. */
    ownSecrets: Map<string, Record<string, unknown>> = new Map();
    /** Objects whose settings were read into their parent's scope. */
    private readonly merged = new WeakSet<object>();

    /**
     * @param bindingsRead whether custom-domain bindings are read.
     * @param launchesRead whether a launch under a key of any name is read (not in a store's data: a
     * parameter, secret or object holding a command line runs nothing by itself; its users are read).
     */
    constructor(
        private readonly bindingsRead: boolean,
        private readonly launchesRead = true,
    ) {}

    /** Stops the walk at a bound: the resource is judged fail-closed. */
    private stop(path: string, reason: string): void {
        if (!this.out.stoppedAt) {
            this.out.stoppedAt = { path, reason };
            this.out.unreadable.push(this.out.stoppedAt);
        }
    }

    /** The first `maxEntries` of a list a reader takes in whole; past that, the walk stops there, fail-closed. */
    private bounded<T>(list: T[], path: string, max = walkLimits.maxEntries): T[] {
        if (list.length > max) {
            this.stop(path, `more than ${max} entries; the pack stops reading there`);
            return list.slice(0, max);
        }
        return list;
    }

    private get stopped(): boolean {
        return this.out.stoppedAt !== undefined;
    }

    /** Counts a value that holds nothing to read, `key` under `at`, toward the bound, as `value` would. */
    private counted(at: Position, key: string): void {
        if (!this.stopped && ++this.values > walkLimits.maxValues) {
            this.stop(at.path === "" ? key : `${at.path}.${key}`, `more than ${walkLimits.maxValues} values; the pack stops reading there`);
        }
    }

    value(raw: unknown, at: Position): void {
        if (this.stopped) {
            return;
        }
        if (++this.values > walkLimits.maxValues) {
            this.stop(at.path, `more than ${walkLimits.maxValues} values; the pack stops reading there`);
            return;
        }
        // Most values are not secrets: they are read as they are, without the object `unwrap` makes.
        const secret = isSecretWrapper(raw);
        const value = secret ? plainValue(raw) : raw;
        const pos = secret ? moved(at, { secret: true }) : at;
        if (typeof value === "string") {
            if (!isUnknown(value)) {
                this.string(value, pos);
            } else if (this.launchesRead && pos.key !== undefined && !pos.path.endsWith("]")) {
                const kind = blockOfKey(pos.key);
                if (kind !== undefined) {
                    this.blocks.push({ path: pos.path, kind });
                }
            }
            return;
        }
        if (typeof value !== "object" || value === null) {
            return;
        }
        if (pos.depth >= walkLimits.maxDepth) {
            this.stop(pos.path, `it nests more than ${walkLimits.maxDepth} levels deep; the pack stops reading there`);
            return;
        }
        if (Array.isArray(value)) {
            if (pos.mode !== "script" && value.length <= 1000 && this.launchArgs(value, pos)) {
                return;
            }
            const n = Math.min(value.length, walkLimits.maxEntries);
            for (let i = 0; i < n; i++) {
                this.value(value[i], below(pos, `${pos.path}[${i}]`, pos.key, pos.property, pos.scope, pos.volumes));
            }
            if (value.length > walkLimits.maxEntries) {
                this.stop(pos.path, `more than ${walkLimits.maxEntries} elements; the pack stops reading there`);
            }
            return;
        }
        this.object(value as Record<string, unknown>, pos);
    }

    private object(object: Record<string, unknown>, at: Position): void {
        const keys = Object.keys(object);
        const marks = marksOf(object, keys);
        const asset = marks & ASSET ? assetText(object) : undefined;
        if (asset !== undefined) {
            if (asset.text !== undefined) {
                this.string(asset.text, at);
            } else if (at.mode !== "shape") {
                this.out.unreadable.push({ path: at.path, reason: `${asset.what}, which the pack cannot read` });
            }
            return;
        }
        if (keys.length > walkLimits.maxEntries) {
            this.stop(at.path, `more than ${walkLimits.maxEntries} entries; the pack stops reading there`);
            return;
        }
        if (marks & INVOCATION) {
            this.invocation(object, at);
        }
        const kubernetesObject =
            (marks & KUBERNETES) !== 0 && typeof object["apiVersion"] === "string" && typeof object["kind"] === "string";
        if (kubernetesObject && object["kind"] === "Model") {
            this.modelObject(object, at);
        }
        // Each key's class is worked out once per object: the process test, the scope and the loop below read it.
        const classes = keys.map(classOfKey);
        const scope = this.scopeOf(object, keys, classes, at);
        const volumes =
            (marks & VOLUMES
                ? volumesOf(object, (list) => this.bounded(list, `${at.path === "" ? "" : `${at.path}.`}volumes`, 1000))
                : undefined) ?? at.volumes;
        for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            const cls = classes[i];
            const child = object[key];
            if ((child === null || (typeof child !== "object" && typeof child !== "string")) && cls !== "labels") {
                // A number, boolean or null holds nothing to read (no binding, route or setting is one); it
                // still counts toward the walk's bound, without the position every other value gets.
                this.counted(at, key);
                continue;
            }
            const path = at.path === "" ? key : `${at.path}.${key}`;
            const property = at.path === "" && at.decodeDepth === 0 ? key : at.property;
            const next = below(at, path, key, property, scope ?? at.scope, volumes);
            switch (cls) {
                case "skip":
                    continue;
                case "labels":
                    this.out.labels.push({ path, value: child, secret: at.secret });
                    continue;
                case "binding":
                    this.binding(child, next, object);
                    break;
                case "env":
                case "env-from":
                    if (scope) {
                        continue; // read as the process's settings
                    }
                    break;
                case "argv":
                case "script":
                    if (
                        scope &&
                        (Array.isArray(plainValue(child)) || typeof plainValue(child) === "string" || isFlagMap(plainValue(child)))
                    ) {
                        continue; // read as the process's settings (a map of flags too: a Glue job's `defaultArguments`)
                    }
                    break;
                case "config":
                    next.mode = "config";
                    break;
                case "image":
                    if (scope && typeof plainValue(child) === "object" && imageOf(plainValue(child)) !== undefined) {
                        continue; // a split image (`{ repository, tag }`), read as the process's image
                    }
                    break;
            }
            if (key === "host" && ("http" in object || "paths" in object)) {
                this.binding(child, next, object); // an Ingress rule's host
            }
            if (key === "pattern" || key === "routePattern") {
                this.routePattern(child, next); // a CDN or Workers route: `chatgpt.com/backend-api/*`
            }
            if (kubernetesObject && key !== "metadata") {
                if (isKubernetesStore(object) && storeDataKeys.has(key)) {
                    continue; // a ConfigMap's or Secret's data configures whatever mounts or references it: read there
                }
                next.mode = at.mode === "script" ? "script" : "config";
            }
            this.value(child, next);
        }
    }

    /**
     * A Kubernetes `Model` (KubeAI's, Seldon's, an Ollama operator's): the operator serves the model
     * under the object's own name, which clients ask for (`metadata.name: gpt-4o-mini`).
     */
    private modelObject(object: Record<string, unknown>, at: Position): void {
        const settings: Setting[] = [];
        const prefix = at.path === "" ? "" : `${at.path}.`;
        const name = unwrap(asRecord(plainValue(object["metadata"]))?.["name"]);
        if (typeof name.value === "string" && !isUnknown(name.value)) {
            settings.push({
                name: "--served-model-name",
                path: `${prefix}metadata.name`,
                value: name.value,
                unknown: false,
                secret: at.secret || name.secret,
                property: at.property || "metadata",
            });
        }
        // Where its weights are (Seldon's `storageUri`, KubeAI's `url`): the model it serves, as a server's `--model` is.
        const spec = asRecord(plainValue(object["spec"]));
        for (const key of modelObjectLocations) {
            const location = unwrap(spec?.[key]);
            if (typeof location.value === "string" && !isUnknown(location.value)) {
                settings.push({
                    name: "--model",
                    path: `${prefix}spec.${key}`,
                    value: location.value,
                    unknown: false,
                    secret: at.secret || location.secret,
                    property: at.property || "spec",
                });
            }
        }
        if (settings.length > 0) {
            this.out.scopes.push({ path: at.path === "" ? topLevelScope : at.path, settings, engines: [], refs: [] });
        }
    }

    /**
     * The process scope an object is, with its settings read: an object with an image,
     * a command or argument list, an environment, or a script; or, in configuration,
     * any object with string fields.
     */
    private scopeOf(object: Record<string, unknown>, keys: string[], classes: readonly KeyClass[], at: Position): SettingScope | undefined {
        const isProcess = isProcessObject(object, keys, classes);
        if (!isProcess && at.mode === "shape" && !(this.launchesRead && isClientSettingsMap(object, keys))) {
            // Under a key of any name (`baseParameters`, `entries`), a map that is a model client's settings is read as one;
            // a store's data (a parameter, a secret, an object) is read where a process takes it in.
            return undefined;
        }
        if (!isProcess && at.mode === "script") {
            // Inside a script: the enclosing process takes this object's string fields.
            if (at.scope) {
                this.directSettings(object, keys, at, at.scope, classes);
            }
            return undefined;
        }
        if (this.merged.has(object)) {
            return undefined; // its settings belong to its parent's scope
        }
        const label = typeof object["name"] === "string" && isProcess ? ` (container "${object["name"]}")` : "";
        const scope: SettingScope = { path: (at.path === "" ? topLevelScope : at.path) + label, settings: [], engines: [], refs: [] };
        this.directSettings(object, keys, at, scope, classes);
        if (!isProcess) {
            // Configuration: plain objects inside (two levels) are bags of parameters of this one
            // (LiteLLM's `litellm_params` beside its `model_name`, Kong's `model.options.upstream_url`), read as one scope.
            this.mergeParameters(object, keys, at, scope, 2);
        }
        if (isProcess) {
            // The environment first: a command line of the process expands its variables (`sh -c '… "$SERVED"'`).
            const environmentFirst = keys
                .map((_, i) => i)
                .sort((a, b) => Number(!isEnvironmentClass(classes[a])) - Number(!isEnvironmentClass(classes[b])));
            for (const i of environmentFirst) {
                const key = keys[i];
                const cls = classes[i];
                const path = at.path === "" ? key : `${at.path}.${key}`;
                const property = at.path === "" && at.decodeDepth === 0 ? key : at.property;
                const pos = below(at, path, at.key, property, scope, at.volumes);
                const child = object[key];
                if (cls === "env") {
                    this.environment(child, pos, scope);
                } else if (cls === "env-from") {
                    this.environmentFrom(child, pos, scope);
                } else if (cls === "env-files") {
                    this.environmentFiles(child, pos, scope);
                } else if (cls === "request") {
                    this.requestBody(child, pos, scope);
                } else if (cls === "argv") {
                    this.argv(child, pos, scope);
                } else if (cls === "script") {
                    this.script(child, pos, scope);
                } else if (cls === "image") {
                    const image = imageOf(plainValue(child));
                    const engine = image !== undefined ? engineOfImage(image) : undefined;
                    if (engine && !scope.engines.includes(engine)) {
                        scope.engines.push(engine);
                    }
                    const gateway = image !== undefined && !engine ? gatewayOfImage(image) : undefined;
                    if (gateway) {
                        addGateways(scope, [gateway]);
                    }
                }
            }
            this.mounts(object, at, scope);
        }
        this.out.scopes.push(scope); // settings read further down (scripts, documents) still arrive; empty scopes are dropped at the end
        return isProcess ? scope : undefined;
    }

    /** Plain objects inside a configuration object, read into its scope, `levels` deep. */
    private mergeParameters(object: Record<string, unknown>, keys: string[], at: Position, scope: SettingScope, levels: number): void {
        for (const key of keys) {
            const child = asRecord(plainValue(object[key]));
            if (!child || classOfKey(key) !== "none" || isProcessObject(child)) {
                continue;
            }
            // A top-level field is its settings' property: what the stack says it depends on is read by it.
            const property = at.path === "" && at.decodeDepth === 0 ? key : at.property;
            const pos = moved(at, { path: at.path === "" ? key : `${at.path}.${key}`, key, property });
            const childKeys = this.bounded(Object.keys(child), pos.path);
            this.directSettings(child, childKeys, pos, scope);
            this.merged.add(child);
            if (levels > 1) {
                this.mergeParameters(child, childKeys, pos, scope, levels - 1);
            }
        }
    }

    /**
     * The string fields of an object as settings named by their keys; a generic key is named by the
     * key its object sits under too (`model: { name: "gpt-4.1" }` is a MODEL_NAME setting).
     */
    private directSettings(
        object: Record<string, unknown>,
        keys: string[],
        at: Position,
        scope: SettingScope,
        classes: readonly KeyClass[] = keys.map(classOfKey),
    ): void {
        for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            const cls = classes[i];
            if (cls !== "none" && cls !== "binding" && cls !== "config") {
                continue;
            }
            const { value, secret } = unwrap(object[key]);
            const path = at.path === "" ? key : `${at.path}.${key}`;
            const property = at.path === "" && at.decodeDepth === 0 ? key : at.property;
            const name = at.key !== undefined && genericKeys.has(key.toLowerCase()) ? `${at.key}_${key}` : key;
            if (isUnknown(value)) {
                scope.settings.push({ name, path, unknown: true, secret: at.secret || secret, property });
            } else if (typeof value === "string" && isComputedAsItRuns(value)) {
                // `model: $(vault kv get …)` in a config file a script writes (`cat > f.yaml <<EOF`).
                scope.settings.push({ name, path, unknown: true, secret: at.secret || secret, property, computed: true });
            } else if (typeof value === "string" || typeof value === "number") {
                const setting: Setting = { name, path, value: String(value), unknown: false, secret: at.secret || secret, property };
                const ref = referenceOf(setting.value as string, name);
                scope.settings.push(
                    ref ? { ...setting, ...(ref.kind === "azure-key-vault" ? { value: undefined, unknown: true } : {}), ref } : setting,
                );
            } else if (
                Array.isArray(value) &&
                value.length <= 100 &&
                ((isModelListKey(key) && keys.some(isUrlKey)) || isServedModelName(normalisedName(key)))
            ) {
                // `served-model-name: [gpt-4o, gpt-4o-2024-08-06]` in a server's config file: every name it serves.
                // A provider entry of a client's config (`{ base_url, models: [...] }`): the models it is asked for there.
                value.forEach((item, i) => {
                    const model = unwrap(item);
                    if (typeof model.value === "string" && !isUnknown(model.value)) {
                        const secretItem = at.secret || secret || model.secret;
                        scope.settings.push({
                            name: key,
                            path: `${path}[${i}]`,
                            value: model.value,
                            unknown: false,
                            secret: secretItem,
                            property,
                        });
                    }
                });
            }
        }
    }

    /** An environment: a map, a list of `{name, value}` (or `key`/`text`, or `valueFrom`), or `KEY=VALUE` strings. */
    private environment(raw: unknown, at: Position, scope: SettingScope): void {
        const { value, secret } = unwrap(raw);
        const inSecret = at.secret || secret;
        if (isUnknown(value)) {
            // The whole environment: any of the process's settings (its model) may be in it.
            this.blocks.push({ path: at.path, kind: "process" });
            scope.settings.push({
                name: at.path.split(".").pop() ?? "environment",
                path: at.path,
                unknown: true,
                secret: inSecret,
                property: at.property,
                block: true,
            });
            return;
        }
        if (Array.isArray(value)) {
            this.bounded(value, at.path).forEach((element, i) => {
                const path = `${at.path}[${i}]`;
                const item = unwrap(element);
                const itemSecret = inSecret || item.secret;
                if (typeof item.value === "string") {
                    const eq = item.value.indexOf("=");
                    if (eq > 0) {
                        this.push(scope, item.value.slice(0, eq), item.value.slice(eq + 1), path, itemSecret, at.property);
                    }
                    return;
                }
                const record = asRecord(item.value);
                if (!record) {
                    return;
                }
                const name = firstString(record, ["name", "key", "Name", "Key", "variable", "Variable"]);
                if (name === undefined) {
                    return;
                }
                const valueKey = entryValueKeys.find((k) => k in record);
                const from = record["valueFrom"] ?? record["ValueFrom"] ?? record["valueSource"];
                if (valueKey !== undefined) {
                    const inner = unwrap(record[valueKey]);
                    const valuePath = `${path}.${valueKey}`;
                    if (isUnknown(inner.value)) {
                        scope.settings.push({
                            name,
                            path: valuePath,
                            unknown: true,
                            secret: itemSecret || inner.secret,
                            property: at.property,
                        });
                    } else if (typeof inner.value === "string" || typeof inner.value === "number") {
                        this.push(scope, name, String(inner.value), valuePath, itemSecret || inner.secret, at.property);
                    }
                } else if (from !== undefined) {
                    const ref = valueFromRef(from);
                    const key = "valueSource" in record ? "valueSource" : "valueFrom";
                    scope.settings.push({ name, path: `${path}.${key}`, unknown: true, secret: itemSecret, property: at.property, ref });
                } else {
                    // A value named elsewhere by any other key (`secretRef`, `secretName`, `secretKey`): read from the
                    // resource's own secrets where it holds them, else unknown, so the entry is judged fail-closed.
                    const key = Object.keys(record).find((k) => /secret|ref|from|source/i.test(k));
                    if (key === undefined) {
                        return;
                    }
                    const named = plainValue(record[key]);
                    const own = typeof named === "string" ? this.ownSecrets.get(named) : undefined;
                    const held = plainValue(own?.["value"]);
                    const vault = plainValue(own?.["keyVaultUrl"]);
                    // The value lives in `configuration.secrets`: the stack follows that property's dependencies (a Key Vault secret).
                    const property = own === undefined ? at.property : "configuration";
                    if (typeof held === "string" && !isUnknown(held)) {
                        this.push(scope, name, held, `${path}.${key} → configuration.secrets "${String(named)}"`, true, property);
                    } else if (typeof vault === "string" && !isUnknown(vault)) {
                        const ref = keyVaultRef(`@Microsoft.KeyVault(SecretUri=${vault})`);
                        scope.settings.push({ name, path: `${path}.${key}`, unknown: true, secret: true, property, ref });
                    } else {
                        scope.settings.push({ name, path: `${path}.${key}`, unknown: true, secret: true, property });
                    }
                }
            });
            return;
        }
        const record = asRecord(value);
        if (!record) {
            return;
        }
        for (const key of this.bounded(Object.keys(record), at.path)) {
            const inner = unwrap(record[key]);
            const path = `${at.path}.${key}`;
            if (isUnknown(inner.value) && classOfKey(key) === "env") {
                this.environment(record[key], moved(at, { path, secret: inSecret }), scope); // Lambda's `environment.variables`, whole
            } else if (isUnknown(inner.value)) {
                scope.settings.push({ name: key, path, unknown: true, secret: inSecret || inner.secret, property: at.property });
            } else if (typeof inner.value === "string" || typeof inner.value === "number" || typeof inner.value === "boolean") {
                this.push(scope, key, String(inner.value), path, inSecret || inner.secret, at.property);
            } else if (typeof inner.value === "object" && inner.value !== null) {
                const entry = Array.isArray(inner.value) ? undefined : asRecord(inner.value);
                const valueKey = entry && classOfKey(key) !== "env" ? entryValueKeys.find((k) => k in entry) : undefined;
                if (entry && valueKey !== undefined) {
                    // A map of entries (`envVars: { OPENAI_MODEL: { value: "gpt-4o" } }`, Render's): the key names the setting.
                    const held = unwrap(entry[valueKey]);
                    const secret = inSecret || inner.secret || held.secret;
                    if (isUnknown(held.value)) {
                        scope.settings.push({ name: key, path: `${path}.${valueKey}`, unknown: true, secret, property: at.property });
                    } else if (typeof held.value === "string" || typeof held.value === "number") {
                        this.push(scope, key, String(held.value), `${path}.${valueKey}`, secret, at.property);
                    }
                    continue;
                }
                const nested = moved(at, { path, depth: at.depth + 1, secret: inSecret || inner.secret });
                if (classOfKey(key) === "env") {
                    this.environment(inner.value, nested, scope); // Lambda's `environment.variables`
                } else {
                    this.value(inner.value, nested);
                }
            }
        }
    }

    /** A setting with its value; a value that names an AWS parameter or secret is kept and also resolved in the stack. */
    private push(
        scope: SettingScope,
        name: string,
        value: string,
        path: string,
        secret: boolean,
        property: string,
        variable?: string,
    ): void {
        if (isComputedAsItRuns(value)) {
            // `MODEL=$(vault kv get …)`: what the command prints is known only as the script runs.
            scope.settings.push({
                name,
                path,
                unknown: true,
                secret,
                property,
                computed: true,
                ...(variable !== undefined ? { variable } : {}),
            });
            return;
        }
        const ref = referenceOf(value, name);
        if (ref?.kind === "azure-key-vault" || (ref !== undefined && isStoreReadReference(value))) {
            // The value is where the setting's value lives, not the value (a Key Vault reference, a store a
            // script reads as it runs): unknown until the store's value is read.
            scope.settings.push({ name, path, unknown: true, secret, property, ref });
            return;
        }
        scope.settings.push({
            name,
            path,
            value,
            unknown: false,
            secret,
            property,
            ...(ref ? { ref } : {}),
            ...(variable !== undefined ? { variable } : {}),
        });
        if (value.includes("bedrock-runtime")) {
            // A setting that is a call of the Bedrock runtime (through a gateway's route to it): the model is in its path.
            this.invocationString(value, { path, secret });
        }
        if (value.length > 16 && (value.includes("\n") || value.startsWith("{"))) {
            // A whole config file in one variable.
            this.string(value, moved(start(path, secret, 1, "config", scope), { property }));
        }
    }

    /** `envFrom`: every key of a ConfigMap or Secret becomes a setting. */
    private environmentFrom(raw: unknown, at: Position, scope: SettingScope): void {
        const value = plainValue(raw);
        if (!Array.isArray(value)) {
            return;
        }
        this.bounded(value, at.path).forEach((element, i) => {
            const record = asRecord(plainValue(element));
            const prefix = typeof record?.["prefix"] === "string" ? (record["prefix"] as string) : undefined;
            for (const [key, store] of [
                ["configMapRef", "ConfigMap"],
                ["secretRef", "Secret"],
            ] as const) {
                const ref = asRecord(plainValue(record?.[key]));
                if (ref) {
                    const name = plainValue(ref["name"]);
                    scope.refs.push({
                        kind: "kubernetes-env-from",
                        store,
                        name: typeof name === "string" && !isUnknown(name) ? name : undefined,
                        prefix,
                        path: `${at.path}[${i}].${key}`,
                        property: at.property,
                    });
                }
            }
        });
    }

    /**
     * The body of a request the workload sends: its fields (and those one level in) are the
     * client's settings, beside the endpoint the request goes to (`ApiEndpoint`, `url`).
     */
    private requestBody(raw: unknown, at: Position, scope: SettingScope, depth = 0): void {
        const body = asRecord(templateDocument(plainValue(raw)));
        if (!body) {
            return;
        }
        scope.client = true;
        const keys = this.bounded(Object.keys(body), at.path);
        this.directSettings(body, keys, moved(at, { key: undefined }), scope);
        for (const key of keys) {
            const value = plainValue(body[key]);
            const path = `${at.path}.${key}`;
            if (depth < 1 && (classOfKey(key) === "request" || (typeof value === "string" && value.trimStart().startsWith("{")))) {
                this.requestBody(value, moved(at, { path }), scope, depth + 1); // a template inside (EventBridge's inputTransformer.inputTemplate)
            } else if (asRecord(value)) {
                const child = asRecord(value) as Record<string, unknown>;
                this.directSettings(child, this.bounded(Object.keys(child), path), moved(at, { path, key }), scope);
            }
        }
    }

    /** ECS `environmentFiles`: `.env` files in S3, read from the objects of the stack. */
    private environmentFiles(raw: unknown, at: Position, scope: SettingScope): void {
        const value = plainValue(raw);
        if (!Array.isArray(value)) {
            return;
        }
        this.bounded(value, at.path, 100).forEach((element, i) => {
            const reference = plainValue(asRecord(unwrap(element).value)?.["value"]);
            scope.refs.push({
                kind: "fetched-file",
                reference: typeof reference === "string" && !isUnknown(reference) ? reference : undefined,
                path: `${at.path}[${i}]`,
                property: at.property,
            });
        });
    }

    /** A command or argument list (an array), or a command line (a string). */
    private argv(raw: unknown, at: Position, scope: SettingScope): void {
        const { value, secret } = unwrap(raw);
        if (typeof value === "string") {
            this.script(raw, at, scope);
            return;
        }
        if (isFlagMap(value)) {
            // Arguments as a map of flag to value (a Glue job's `defaultArguments: { "--OPENAI_MODEL": … }`): read as settings.
            this.environment(raw, at, scope);
            return;
        }
        if (!Array.isArray(value)) {
            return;
        }
        const args: string[] = [];
        const paths: string[] = [];
        const secrets: boolean[] = [];
        this.bounded(value, at.path).forEach((element, i) => {
            const item = unwrap(element);
            const path = `${at.path}[${i}]`;
            if (isUnknown(item.value)) {
                const previous = args[args.length - 1];
                if (previous === undefined || !previous.startsWith("-") || previous.includes("=")) {
                    // Not a flag's value: a whole argument that is unknown.
                    scope.settings.push({
                        name: unknownArgument,
                        path,
                        unknown: true,
                        secret: at.secret || secret || item.secret,
                        property: at.property,
                    });
                }
                // Kept as the word it is, so a flag's value (`--model <unknown>`) or an engine's
                // positional model (`vllm serve <unknown>`) is read as that setting, unknown.
                args.push(item.value as string);
            } else if (typeof item.value === "string" || typeof item.value === "number") {
                args.push(String(item.value));
            } else if (Array.isArray(item.value)) {
                this.argv(item.value, moved(at, { path }), scope); // cloud-init `runcmd: [[docker, run, …]]`
                args.push("");
            } else {
                args.push("");
            }
            paths.push(path);
            secrets.push(at.secret || secret || item.secret);
        });
        const reading = args.some((arg) => arg.includes("$"))
            ? readArgs(args, environmentOf(scope), processNamesOf(scope))
            : readArgs(args);
        if (reading.truncated) {
            this.stop(at.path, "it holds more than 10 000 settings; the pack stops reading there");
        }
        for (const found of reading.settings) {
            const at1 = found.line - 1;
            // `--flag value` points at the value's element; `--flag=value` and `K=V` at their own.
            const valueAt =
                args[at1] !== undefined && (args[at1].startsWith("-") || args[at1] === "") && !args[at1].includes("=") ? at1 + 1 : at1;
            const where = paths[valueAt] ?? paths[at1] ?? at.path;
            const isSecret = secrets[valueAt] ?? secrets[at1] ?? secrets.some(Boolean);
            if (isUnknown(found.value)) {
                scope.settings.push({ name: found.name, path: where, unknown: true, secret: isSecret, property: at.property });
                continue;
            }
            this.push(scope, found.name, found.value, where, isSecret, at.property, found.variable ?? found.reads);
        }
        reading.engines.forEach((engine) => scope.engines.includes(engine) || scope.engines.push(engine));
        addGateways(scope, reading.gateways);
    }

    /** A script, command line or user data: decoded, then read line by line, or as a cloud-config document. */
    private script(raw: unknown, at: Position, scope: SettingScope): void {
        const { value, secret } = unwrap(raw);
        const inSecret = at.secret || secret;
        if (isUnknown(value)) {
            this.out.unreadable.push({ path: at.path, reason: "unknown during preview" });
            this.blocks.push({ path: at.path, kind: "process" });
            // The whole command line or script: a serving engine's model may be in it, as in a wholly unknown environment.
            scope.settings.push({
                name: unknownArgument,
                path: at.path,
                unknown: true,
                secret: inSecret,
                property: at.property,
                block: true,
            });
            return;
        }
        if (typeof value !== "string") {
            return;
        }
        this.scriptText(value, moved(at, { secret: inSecret, mode: "script", scope }));
    }

    private scriptText(text: string, at: Position): void {
        const scope = at.scope as SettingScope;
        const decoded = decodeString(text);
        const encoded = decoded.kind === "documents" || (decoded.kind === "text" && decoded.encoding !== "");
        if (at.decodeDepth >= walkLimits.maxDecodeDepth && encoded) {
            this.stop(at.path, `it is encoded more than ${walkLimits.maxDecodeDepth} levels deep; the pack stops reading there`);
            return;
        }
        if (decoded.kind === "text" && decoded.encoding !== "") {
            // Decoded text may be encoded again (base64 of base64, of gzip …): read on inside it.
            this.scriptText(decoded.text, moved(at, { path: `${at.path} (${decoded.encoding})`, decodeDepth: at.decodeDepth + 1 }));
            return;
        }
        switch (decoded.kind) {
            case "unreadable":
                this.stop(at.path, decoded.reason);
                return;
            case "documents":
                this.noteParsed(decoded, at);
                decoded.documents.forEach((document) =>
                    this.value(
                        document,
                        moved(at, {
                            path: `${at.path} (${decoded.encoding})`,
                            decodeDepth: at.decodeDepth + 1,
                            mode: "script",
                        }),
                    ),
                );
                return;
            case "text":
            case "plain": {
                const body = decoded.kind === "text" ? decoded.text : text;
                const path = decoded.kind === "text" && decoded.encoding !== "" ? `${at.path} (${decoded.encoding})` : at.path;
                // Files the script writes (`cat > compose.yml <<'EOF'`): a YAML or JSON one is read as a
                // document (its services are processes of their own), and its lines are not read as the script's.
                const documents = body.includes("<<")
                    ? heredocsOf(body, (line) =>
                          withSubstitutionsRead(line, (name) => scope.settings.some((setting) => setting.name === name)),
                      )
                          .map((heredoc) => ({ heredoc, inner: decodeString(heredoc.body) }))
                          .filter(({ inner }) => inner.kind === "documents")
                    : [];
                let script = body;
                if (documents.length > 0) {
                    const lines = body.split("\n");
                    for (const { heredoc } of documents) {
                        lines.fill("", heredoc.line - 1, heredoc.line - 1 + heredoc.lines);
                    }
                    script = lines.join("\n");
                }
                const reading = script.includes("$")
                    ? readScript(script, environmentOf(scope), 0, processNamesOf(scope))
                    : readScript(script);
                if (reading.truncated) {
                    this.stop(path, "it holds more than 10 000 settings; the pack stops reading there");
                }
                const multiline = body.includes("\n");
                for (const found of reading.settings) {
                    const where = multiline ? `${path} (line ${found.line})` : path;
                    this.push(scope, found.name, found.value, where, at.secret, at.property, found.variable ?? found.reads);
                }
                reading.engines.forEach((engine) => scope.engines.includes(engine) || scope.engines.push(engine));
                addGateways(scope, reading.gateways);
                // Files it fetches from object storage and loads or hands to a command: the stack phase reads the objects the stack holds. Added after
                // the script is read, so a variable only such a file sets stays computed where the file is not in the stack.
                for (const file of filesFetchedFromObjects(script)) {
                    scope.refs.push({
                        kind: "fetched-file",
                        reference: objectReference(file),
                        path: multiline ? `${path} (line ${file.line})` : path,
                        property: at.property,
                    });
                }
                // Files it writes from an SSM parameter and hands to a command (`litellm --config …`): read the same way.
                for (const file of filesWrittenFromParameters(script)) {
                    scope.refs.push({
                        kind: "fetched-file",
                        reference: file.reference,
                        path: multiline ? `${path} (line ${file.line})` : path,
                        property: at.property,
                    });
                }
                for (const { heredoc, inner } of documents) {
                    if (inner.kind === "documents") {
                        inner.documents.forEach((document) =>
                            this.value(
                                document,
                                moved(at, {
                                    path: `${path} (line ${heredoc.line}, ${inner.encoding})`,
                                    decodeDepth: at.decodeDepth + 1,
                                    mode: "script",
                                }),
                            ),
                        );
                    }
                }
            }
        }
    }

    /** Notes a top-level property whose whole value parsed as JSON, so that it is not parsed again to be checked. */
    private noteParsed(decoded: Decoded, at: Position): void {
        if (
            decoded.kind === "documents" &&
            decoded.encoding === "JSON" &&
            at.decodeDepth === 0 &&
            at.path !== "" &&
            at.path === at.property
        ) {
            this.parsedJson?.add(at.property);
        }
    }

    /** A string outside a process: JSON, YAML and encoded documents are read on; plain text is not evidence. */
    private string(value: string, at: Position): void {
        if (at.mode === "script" && at.scope) {
            this.scriptText(value, at);
            return;
        }
        if (bedrockInvocationIn(value)) {
            this.invocationString(value, at);
        }
        const decoded = decodeString(value, true);
        if (at.decodeDepth >= walkLimits.maxDecodeDepth) {
            if (decoded.kind === "documents" && at.mode !== "shape") {
                this.stop(at.path, `it is encoded more than ${walkLimits.maxDecodeDepth} levels deep; the pack stops reading there`);
            }
            return;
        }
        if (decoded.kind === "documents") {
            this.noteParsed(decoded, at);
            decoded.documents.forEach((document) =>
                this.value(
                    document,
                    moved(at, {
                        path: `${at.path} (${decoded.encoding})`,
                        decodeDepth: at.decodeDepth + 1,
                        depth: at.depth + 1,
                    }),
                ),
            );
        } else if (decoded.kind === "unreadable") {
            if (at.mode === "config") {
                this.stop(at.path, decoded.reason);
            }
        } else if (this.launchesRead) {
            // What the text is first, the key's words after: most strings launch nothing, and are passed over without them.
            const text = decoded.kind === "text" ? decoded.text : value;
            if (mentionsEngineCommand(text)) {
                if (!isProse(at.key)) {
                    this.launch(value, at);
                }
            } else if (at.scope && isFlagLine(text) && !isProse(at.key)) {
                // `extraFlags: "--model gpt-4o --port 8000"` beside the command of a process: more of its command line.
                this.scriptText(value, moved(at, { mode: "script", scope: at.scope }));
            }
        }
    }

    /**
     * A string under a key of any name that starts a serving engine (`create: "vllm serve gpt-4o"`,
     * `steps: [{ shell: … }]`): read as a script of the process it belongs to, or of a process of its
     * own. Only a launch counts: a string that merely names an engine adds nothing.
     */
    private launch(value: string, at: Position): void {
        const own: SettingScope = { path: at.path, settings: [], engines: [], refs: [] };
        const scope = at.scope ?? own;
        const before = scope.engines.length;
        this.scriptText(value, moved(at, { mode: "script", scope }));
        if (scope === own && own.engines.length > before) {
            this.out.scopes.push(own);
        }
    }

    /** An array of words under a key of any name that starts a serving engine (`exec: ["vllm", "serve", "gpt-4o"]`). */
    private launchArgs(words: unknown[], at: Position): boolean {
        if (!this.launchesRead || words.length === 0) {
            return false;
        }
        // Numbers are words of a command line too (`["vllm", "serve", "gpt-4o", "--port", 8000]`), as the argv reader takes them.
        const strings = words.map((w) => {
            const plain = plainValue(w);
            return typeof plain === "number" ? String(plain) : plain;
        });
        // The words first, the key's after: most lists hold objects, and are passed over without the key's words.
        if (!strings.every((w): w is string => typeof w === "string") || isProse(at.key)) {
            return false;
        }
        if (at.scope && isLongFlagWord(strings[0]) && readArgs(strings).settings.length > 0) {
            // `extraFlags: ["--model", "gpt-4o"]` beside the command of a process: more of its arguments.
            this.argv(words, at, at.scope);
            return true;
        }
        if (!strings.some((w) => mentionsEngineCommand(w)) || readArgs(strings).engines.length === 0) {
            return false;
        }
        const own: SettingScope = { path: at.path, settings: [], engines: [], refs: [] };
        this.argv(words, at, at.scope ?? own);
        if (!at.scope) {
            this.out.scopes.push(own);
        }
        return true;
    }

    /** A custom-domain binding: a hostname, a list of them, or `{ values: [...] }` (a load balancer's host condition). */
    private binding(raw: unknown, at: Position, parent: Record<string, unknown>): void {
        if (!this.bindingsRead || "type" in parent) {
            return; // DNS records are read as records; a typed entry is not a binding
        }
        const { value, secret } = unwrap(raw);
        // A hostname, a list of them, or `{ values: [...] }` (a load balancer's host condition).
        const values = asRecord(value)?.["values"];
        const [list, base] = Array.isArray(value)
            ? [value, at.path]
            : typeof value === "string"
              ? [[value], undefined]
              : Array.isArray(values)
                ? [values, `${at.path}.values`]
                : [undefined, undefined];
        if (!Array.isArray(list)) {
            return;
        }
        this.bounded(list, base ?? at.path, 1000).forEach((element, i) => {
            const item = unwrap(element);
            // An entry may name the host (Fastly's `domains: [{ name }]`).
            const entry = asRecord(item.value);
            const named = entry
                ? unwrap(entry[bindingEntryKeys.find((key) => typeof plainValue(entry[key]) === "string") ?? "name"])
                : item;
            if (typeof named.value === "string" && named.value.includes(".") && !isUnknown(named.value)) {
                const path = base === undefined ? at.path : `${base}[${i}]${entry ? ".name" : ""}`;
                this.out.bindings.push({ path, hostname: named.value, secret: at.secret || secret || item.secret || named.secret });
            }
        });
    }

    /** A route pattern that starts with a hostname (`*.chatgpt.com/api/*`): the hostname is bound to whatever serves the route. */
    private routePattern(raw: unknown, at: Position): void {
        const { value, secret } = unwrap(raw);
        if (!this.bindingsRead || typeof value !== "string" || isUnknown(value)) {
            return;
        }
        const host = value
            .trim()
            .split("/")[0]
            .replace(/^\*\.?/, "");
        if (host.includes(".") && !/[\s*?]/.test(host)) {
            this.out.bindings.push({ path: at.path, hostname: host, secret: at.secret || secret });
        }
    }

    /** Step Functions tasks that invoke a Bedrock model: `Resource: arn:aws:states:::bedrock:invokeModel`, `Parameters.ModelId`. */
    private invocation(object: Record<string, unknown>, at: Position): void {
        const resource = plainValue(object["Resource"] ?? object["resource"]);
        if (typeof resource !== "string" || !/:bedrock(runtime)?:(invokemodel|converse)/i.test(resource)) {
            return;
        }
        for (const key of ["Parameters", "Arguments"]) {
            const parameters = asRecord(plainValue(object[key]));
            if (!parameters) {
                continue;
            }
            for (const idKey of ["ModelId", "modelId", "ModelId.$"]) {
                if (!(idKey in parameters)) {
                    continue;
                }
                const { value, secret } = unwrap(parameters[idKey]);
                const path = `${at.path}.${key}.${idKey}`;
                const dynamic = idKey.endsWith(".$") || isUnknown(value);
                this.out.invocations.push({
                    path,
                    value: dynamic || typeof value !== "string" ? undefined : value,
                    unknown: dynamic,
                    secret: at.secret || secret,
                    service: "Amazon Bedrock",
                    cloud: "aws",
                    what: "a Step Functions task that invokes a Bedrock model",
                });
            }
        }
    }

    /** An API Gateway integration URI or URL that invokes a Bedrock model: `…:bedrock-runtime:path/model/<id>/invoke`. */
    private invocationString(value: string, at: Pick<Position, "path" | "secret">): void {
        const model = bedrockInvocationIn(value);
        if (model !== undefined) {
            this.out.invocations.push({
                path: at.path,
                value: model,
                unknown: false,
                secret: at.secret,
                service: "Amazon Bedrock",
                cloud: "aws",
                what: "an integration that forwards to the Bedrock runtime",
            });
        }
    }

    /** ConfigMap and Secret volumes a container mounts become config files of its process. */
    private mounts(container: Record<string, unknown>, at: Position, scope: SettingScope): void {
        const mounts = plainValue(container["volumeMounts"]);
        if (!Array.isArray(mounts) || !at.volumes) {
            return;
        }
        this.bounded(mounts, `${at.path}.volumeMounts`, 1000).forEach((mount, i) => {
            const fields = asRecord(unwrap(mount).value);
            const name = plainValue(fields?.["name"]);
            const stores = typeof name === "string" ? at.volumes?.get(name) : undefined;
            const mountPath = knownText(fields?.["mountPath"]);
            const subPath = knownText(fields?.["subPath"]);
            for (const volume of stores ?? []) {
                scope.refs.push({
                    kind: "kubernetes-mounted-files",
                    store: volume.store,
                    name: volume.name,
                    ...(mountPath !== undefined ? { mountPath } : {}),
                    ...(subPath !== undefined ? { subPath } : {}),
                    ...(volume.file !== undefined ? { file: volume.file } : {}),
                    path: `${at.path}.volumeMounts[${i}]`,
                    property: at.property,
                });
            }
        });
    }
}

/** A string input that is known during preview. */
function knownText(raw: unknown): string | undefined {
    const text = plainValue(raw);
    return typeof text === "string" && !isUnknown(text) ? text : undefined;
}

/** The fields of a Kubernetes `Model` that say where its weights are: Seldon's `storageUri`, KubeAI's `url`. */
const modelObjectLocations = ["storageUri", "url", "uri", "modelUri"];

/** Keys that say little on their own and are named by the key their object sits under. */
const genericKeys = new Set(["name", "id", "value", "uri", "url"]);

/** Last words of keys whose text is read by people, never run: descriptions, names, notes, messages. */
const proseLastWords = new Set([
    "DESCRIPTION",
    "DESCRIPTIONS",
    "COMMENT",
    "COMMENTS",
    "NOTE",
    "NOTES",
    "TITLE",
    "SUMMARY",
    "MESSAGE",
    "MESSAGES",
    "NAME",
    "NAMES",
    "README",
    "DOC",
    "DOCS",
    "DOCUMENTATION",
    "HELP",
    "MARKDOWN",
    "ANNOTATION",
    "ANNOTATIONS",
    "REASON",
]);

/** A key holding a list of models (`models`, `modelList`, `allowed_models`). */
function isModelListKey(key: string): boolean {
    const words = nameWords(key);
    return words.includes("MODELS") || (words.includes("MODEL") && words.includes("LIST"));
}

/** A key holding where a client sends calls (`base_url`, `api_base`, `endpoint`, `url`). */
function isUrlKey(key: string): boolean {
    const words = nameWords(key);
    return words.includes("URL") || words.includes("ENDPOINT") || (words.includes("API") && words.includes("BASE"));
}

/** The variables a process's script starts with: its environment's settings with values. */
function isEnvironmentClass(cls: KeyClass): boolean {
    return cls === "env" || cls === "env-from" || cls === "env-files";
}

function environmentOf(scope: SettingScope): Map<string, string> {
    const variables = new Map<string, string>();
    for (const setting of scope.settings) {
        if (setting.value !== undefined && !setting.unknown && !variables.has(setting.name)) {
            variables.set(setting.name, setting.value);
        }
    }
    return variables;
}

/**
 * The names a process is known to have, when the pack sees its whole environment (no `envFrom`, no
 * environment files): a shell variable it uses and none of them sets is the machine's, where it runs.
 */
function processNamesOf(scope: SettingScope): ReadonlySet<string> | undefined {
    return scope.refs.length > 0 ? undefined : new Set(scope.settings.map((setting) => setting.name));
}

/** Here-documents of a script (`<<EOF`, `<<-'EOF'` … `EOF`), with the line their body starts on; at most 100. */
function heredocsOf(text: string, expanded: (line: string) => string): Array<{ body: string; line: number; lines: number }> {
    const lines = text.split("\n");
    const found: Array<{ body: string; line: number; lines: number }> = [];
    let i = 0;
    while (i < lines.length && found.length < 100) {
        const opened = /<<-?[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]{0,63})\1/.exec(lines[i]);
        if (!opened) {
            i++;
            continue;
        }
        let end = i + 1;
        while (end < lines.length && lines[end].trim() !== opened[2]) {
            end++;
        }
        // The shell reads command substitutions in the body unless the delimiter is quoted (`<<'EOF'`).
        const body = lines.slice(i + 1, end);
        found.push({ body: (opened[1] === "" ? body.map(expanded) : body).join("\n"), line: i + 2, lines: end - i - 1 });
        i = end + 1;
    }
    return found;
}

/** A word that starts with a long flag (`--model`, `--model=x`, `--model gpt-4o …`), as the script reader knows one. */
function isLongFlagWord(word: string): boolean {
    const end = word.search(/[\s=]/);
    return word[2] !== "-" && isLongFlag(end < 0 ? word : word.slice(0, end)); // not `---`, a YAML document separator
}

/** A line of flags with values (`--model gpt-4o --port 8000`, `--model=gpt-4o`): arguments given as one string. */
function isFlagLine(text: string): boolean {
    const line = text.trim();
    return isLongFlagWord(line) && /[\s=]/.test(line) && !line.includes("\n");
}

/** Whether a key holds prose (`description`, `alarmDescription`, `displayName`): a launch written there is not run. */
const proseKey = rememberedBy((key) => {
    const words = nameWords(key);
    return proseLastWords.has(words[words.length - 1]);
});

function isProse(key: string | undefined): boolean {
    return key !== undefined && proseKey(key);
}

/** Data fields of Kubernetes stores. */
const storeDataKeys = new Set(["data", "stringData", "binaryData"]);

function isKubernetesStore(object: Record<string, unknown>): boolean {
    return object["kind"] === "ConfigMap" || object["kind"] === "Secret";
}

const mentionsModelOrOpenAI = /model|openai/i;

/** Fields that hold an entry's value (`{ name, value }`, `{ key, text }`, `{ OPENAI_MODEL: { value } }`). */
const entryValueKeys = ["value", "Value", "text", "stringValue"];

/**
 * Whether an object's own text fields are a model client's settings, whatever key it sits under: an OpenAI
 * SDK variable (`OPENAI_BASE_URL`, `AZURE_OPENAI_ENDPOINT`), or a model beside a base URL or endpoint
 * (`model` and `upstream_base_url`). A Databricks task's `baseParameters`, a config store's `entries`.
 */
function isClientSettingsMap(object: Record<string, unknown>, keys: readonly string[]): boolean {
    // Both kinds need a key that says OPENAI or MODEL: most objects have none, and are passed over without more.
    if (!keys.some((key) => mentionsModelOrOpenAI.test(key))) {
        return false;
    }
    let model = false;
    let endpoint = false;
    for (const key of keys) {
        if (typeof plainValue(object[key]) !== "string") {
            continue;
        }
        const name = normalisedName(key);
        if (isClientConvention(name)) {
            return true;
        }
        const words = wordsOf(name);
        model ||= words.includes("MODEL");
        endpoint ||= name.includes("BASE_URL") || name.includes("API_BASE") || words[words.length - 1] === "ENDPOINT";
    }
    return model && endpoint;
}

/** Adds the gateways a reading found to a process's scope, each once. */
function addGateways(scope: SettingScope, gateways: readonly string[] | undefined): void {
    for (const gateway of gateways ?? []) {
        if (!scope.gateways?.includes(gateway)) {
            (scope.gateways ??= []).push(gateway);
        }
    }
}

function isUsed(scope: SettingScope): boolean {
    return scope.settings.length > 0 || scope.engines.length > 0 || scope.refs.length > 0 || scope.gateways !== undefined;
}

/**
 * A request body given as text: JSON, or a JSON template whose placeholders (EventBridge's `<id>`)
 * are not yet values.
 */
function templateDocument(value: unknown): unknown {
    if (typeof value !== "string" || isUnknown(value)) {
        return value;
    }
    const decoded = decodeString(value);
    if (decoded.kind === "documents") {
        return decoded.documents[0];
    }
    if (value.trimStart().startsWith("{") && value.length < 1_000_000) {
        try {
            return JSON.parse(value.replace(/<[A-Za-z0-9_.-]{1,100}>/g, "null"));
        } catch {
            return undefined;
        }
    }
    return undefined;
}

/**
 * The name of a setting for an argument that is wholly unknown during preview (`` interpolate`--served-model-name=${id}` ``
 * is one unknown word): it may be any flag, the model's name included.
 */
export const unknownArgument = "argument";

/** Where a scope's settings sit at the top of a resource's inputs, as messages name it. */
export const topLevelScope = "(inputs)";

/** Whether an object configures a process: it has an image, a command or argument list, an environment, or a script. */
function isProcessObject(
    object: Record<string, unknown>,
    keys: readonly string[] = Object.keys(object),
    classes: readonly KeyClass[] = keys.map(classOfKey),
): boolean {
    for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const cls = classes[i];
        if (cls === "none" || cls === "labels" || cls === "binding" || cls === "config" || cls === "skip") {
            continue;
        }
        const value = plainValue(object[key]);
        if (
            ((cls === "env" || cls === "env-from" || cls === "env-files") && (typeof value === "object" || isUnknown(value))) ||
            (cls === "request" && (typeof value === "object" || (typeof value === "string" && value.trimStart().startsWith("{")))) ||
            (cls === "argv" && (Array.isArray(value) || typeof value === "string" || isFlagMap(value))) ||
            (cls === "script" && typeof value === "string") ||
            (cls === "image" && (typeof value === "string" || imageOf(value) !== undefined))
        ) {
            return true;
        }
    }
    return false;
}

/**
 * An image as written: a string, or split the way Helm charts take it (`image: { registry, repository, tag }`,
 * LiteLLM's `repository: ghcr.io/berriai/litellm-database`), joined back into one reference.
 */
function imageOf(value: unknown): string | undefined {
    if (typeof value === "string") {
        return value;
    }
    const record = asRecord(value);
    const part = (key: string): string | undefined => {
        const text = plainValue(record?.[key]);
        return typeof text === "string" && !isUnknown(text) && text !== "" ? text : undefined;
    };
    const repository = part("repository") ?? part("repo");
    if (repository === undefined) {
        return undefined;
    }
    const registry = part("registry");
    const tag = part("tag");
    return `${registry === undefined ? "" : `${registry}/`}${repository}${tag === undefined ? "" : `:${tag}`}`;
}

/** Arguments given as a map of flag to value (`{ "--job-language": "python", "--MODEL": … }`): a key is a flag. */
function isFlagMap(value: unknown): boolean {
    const map = asRecord(value);
    return map !== undefined && Object.keys(map).some((key) => key.startsWith("-"));
}

/** What an object may be, by the keys that say so (bits); most objects are none of these. */
type Marks = number;
/** A Pulumi asset or archive, or a resource reference. */
const ASSET = 1;
/** A Step Functions task (`Resource`). */
const INVOCATION = 2;
/** A Kubernetes object (`apiVersion`, `kind`). */
const KUBERNETES = 4;
/** A pod spec (`volumes`). */
const VOLUMES = 8;
const ANY_MARK = ASSET | INVOCATION | KUBERNETES | VOLUMES;

const markedKeys: ReadonlyMap<string, Marks> = new Map([
    ["4dabf18193072939515e22adb298388d", ASSET],
    ["__pulumiAsset", ASSET],
    ["__pulumiArchive", ASSET],
    ["Resource", INVOCATION],
    ["resource", INVOCATION],
    ["apiVersion", KUBERNETES],
    ["volumes", VOLUMES],
]);

/**
 * What an object may be. A plain object (nearly every object the walk reads) says so by its own
 * keys, one look-up each, where asking it for each absent key cost a tenth of the walk. Any other
 * object (an SDK asset keeps its value in a hidden property) may be anything, and is asked.
 */
function marksOf(object: object, keys: readonly string[]): Marks {
    const prototype: unknown = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
        return ANY_MARK;
    }
    let marks = 0;
    for (const key of keys) {
        marks |= markedKeys.get(key) ?? 0;
    }
    return marks;
}

/**
 * Where an env entry's value comes from when it has none of its own: a Kubernetes `valueFrom`
 * (`configMapKeyRef` / `secretKeyRef`), Cloud Run's `valueSource.secretKeyRef` (a Secret Manager
 * secret), or an ECS secret's `valueFrom` (an ARN or a name).
 */
function valueFromRef(raw: unknown): ValueRef | undefined {
    const value = plainValue(raw);
    if (typeof value === "string") {
        return isUnknown(value) ? { kind: "aws-store" } : { kind: "aws-store", reference: value };
    }
    const record = asRecord(value);
    const text = (field: unknown) => {
        const inner = plainValue(field);
        return typeof inner === "string" && !isUnknown(inner) ? inner : undefined;
    };
    const configMap = asRecord(plainValue(record?.["configMapKeyRef"]));
    if (configMap) {
        return { kind: "kubernetes-key", store: "ConfigMap", name: text(configMap["name"]), key: text(configMap["key"]) };
    }
    const secret = asRecord(plainValue(record?.["secretKeyRef"]));
    if (secret) {
        // Kubernetes names it `name`/`key`; Cloud Run v2 `secret`/`version` (a Secret Manager secret).
        return "secret" in secret
            ? { kind: "named-secret", name: text(secret["secret"]) }
            : { kind: "kubernetes-key", store: "Secret", name: text(secret["name"]), key: text(secret["key"]) };
    }
    return undefined;
}

/** An App Service Key Vault reference: `@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>/…)` or `(VaultName=…;SecretName=…)`. */
function keyVaultRef(value: string): ValueRef | undefined {
    if (!value.startsWith("@Microsoft.KeyVault(")) {
        return undefined;
    }
    const uri = /SecretUri=https?:\/\/([^./]{1,100})\.vault\.[^/]{1,100}\/secrets\/([^/);]{1,200})/i.exec(value);
    if (uri) {
        return { kind: "azure-key-vault", vault: uri[1], secret: uri[2] };
    }
    const vault = /VaultName=([^;)]{1,100})/i.exec(value)?.[1];
    const secret = /SecretName=([^;)]{1,200})/i.exec(value)?.[1];
    return { kind: "azure-key-vault", vault, secret };
}

/** A value that names where the real value lives: an AWS parameter or secret, an Azure Key Vault secret, a GCP Secret Manager secret. */
function referenceOf(value: string, name?: string): ValueRef | undefined {
    return keyVaultRef(value) ?? awsStoreRef(value, name) ?? gcpSecretRef(value);
}

/** A Secret Manager secret or version by resource name (`projects/p/secrets/chat-model/versions/latest`). */
function gcpSecretRef(value: string): ValueRef | undefined {
    if (!value.startsWith("projects/")) {
        return undefined;
    }
    const secret = /^projects\/[^/\s]{1,100}\/secrets\/([^/\s]{1,255})(?:\/versions\/[^/\s]{1,100})?$/.exec(value)?.[1];
    return secret === undefined ? undefined : { kind: "named-secret", name: secret };
}

/** Words of a setting name that may hold a parameter's path rather than the value itself. */
const parameterNameWords = new Set(["MODEL", "ENDPOINT", "URL", "BASE", "PARAM", "PARAMETER", "SSM", "SECRET", "CONFIG"]);

/** A value naming an SSM parameter or a Secrets Manager secret: an ARN, or (for model, endpoint and parameter settings) a parameter path. */
function awsStoreRef(value: string, name?: string): ValueRef | undefined {
    if (value.startsWith("arn:aws") && /^arn:aws[a-z-]*:(ssm|secretsmanager):/.test(value)) {
        return { kind: "aws-store", reference: value };
    }
    if (value.charCodeAt(0) !== 47 /* / */ || name === undefined) {
        return undefined; // most values: the path test below needs a leading slash and a setting's name
    }
    const namesParameter = nameWords(name).some((word) => parameterNameWords.has(word));
    if (namesParameter && /^\/[A-Za-z0-9_.\-/]{1,2000}$/.test(value) && value.split("/").length >= 3 && !value.includes("//")) {
        return { kind: "aws-store", reference: value }; // `/inference/model`: a parameter path (or a file path: the stack decides)
    }
    return undefined;
}

/** The model id in a Bedrock runtime invocation URI (`arn:aws:apigateway:…:bedrock-runtime:path/model/<id>/invoke`, or the HTTPS form). */
export function bedrockInvocationIn(value: string): string | undefined {
    if (value.length > 4096 || !/bedrock-runtime/i.test(value)) {
        return undefined;
    }
    // The runtime's own host, an SDK's `bedrock-runtime:path`, or a gateway's route to it (Cloudflare AI Gateway's
    // `…/aws-bedrock/bedrock-runtime/us-east-1/model/<id>/invoke`).
    const match =
        /bedrock-runtime(?::path|\.[a-z0-9-]{1,40}\.amazonaws\.com(?:\.cn)?|\/[a-z0-9-]{1,40})\/model\/([^/?#\s]{1,400})\/(invoke|converse)/i.exec(
            value,
        );
    if (!match) {
        return undefined;
    }
    try {
        return decodeURIComponent(match[1]);
    } catch {
        return match[1];
    }
}

/** ConfigMap and Secret volumes of a pod spec (an object with `containers` and `volumes`), by volume name. */
function volumesOf(object: Record<string, unknown>, bounded: (list: unknown[]) => unknown[]): Map<string, MountedStore[]> | undefined {
    const volumes = plainValue(object["volumes"]);
    if (!Array.isArray(volumes) || !("containers" in object)) {
        return undefined;
    }
    const found = new Map<string, MountedStore[]>();
    for (const raw of bounded(volumes)) {
        const volume = asRecord(plainValue(raw));
        const name = plainValue(volume?.["name"]);
        if (typeof name !== "string") {
            continue;
        }
        const configMap = asRecord(plainValue(volume?.["configMap"]));
        const secret = asRecord(plainValue(volume?.["secret"]));
        const sources = plainValue(asRecord(unwrap(volume?.["projected"]).value)?.["sources"]);
        const csi = asRecord(plainValue(volume?.["csi"]));
        const secretsStore = csi && plainValue(csi["driver"]) === "secrets-store.csi.k8s.io";
        if (secretsStore) {
            // The Secrets Store CSI driver: files from a cloud's secret manager, as its `SecretProviderClass` says.
            found.set(name, [
                { store: "SecretProviderClass", name: knownText(asRecord(plainValue(csi["volumeAttributes"]))?.["secretProviderClass"]) },
            ]);
        } else if (configMap) {
            found.set(name, [{ store: "ConfigMap", name: knownText(configMap["name"]) }]);
        } else if (secret && !("secretName" in secret) && "secret" in secret) {
            // Cloud Run's secret volume: a Secret Manager secret, as the file its first item names.
            const items = plainValue(secret["items"]);
            const item = asRecord(plainValue(Array.isArray(items) ? items[0] : undefined));
            const file = knownText(item?.["path"]);
            found.set(name, [
                { store: "Secret Manager secret", name: knownText(secret["secret"]), ...(file !== undefined ? { file } : {}) },
            ]);
        } else if (secret) {
            found.set(name, [{ store: "Secret", name: knownText(secret["secretName"]) }]);
        } else if (Array.isArray(sources)) {
            // A projected volume: every ConfigMap and Secret it gathers (a projected Secret names itself by `name`).
            const stores: MountedStore[] = [];
            for (const source of bounded(sources)) {
                const fields = asRecord(unwrap(source).value);
                const projectedMap = asRecord(plainValue(fields?.["configMap"]));
                const projectedSecret = asRecord(plainValue(fields?.["secret"]));
                if (projectedMap) {
                    stores.push({ store: "ConfigMap", name: knownText(projectedMap["name"]) });
                } else if (projectedSecret) {
                    stores.push({ store: "Secret", name: knownText(projectedSecret["name"]) });
                }
            }
            found.set(name, stores);
        }
    }
    return found;
}

/** A ConfigMap, Secret or secret-store class a pod's volume holds; its name undefined when unknown during preview. */
interface MountedStore {
    store: KubernetesStore;
    name?: string;
    file?: string;
}

function firstString(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
    for (const key of keys) {
        const value = plainValue(record[key]);
        if (typeof value === "string" && value !== "" && !isUnknown(value)) {
            return value;
        }
    }
    return undefined;
}

/**
 * Reads a resource's inputs by shape.
 *
 * @param bindings whether custom-domain bindings are read (not for DNS records, certificates and zones).
 * @param launches whether text that starts a serving engine is read under keys of any name (not for stores).
 * @example
 * readInputs({ command: "vllm serve gpt-4o --port 8000" }).scopes[0].settings;
 * // [{ name: "--model", value: "gpt-4o", path: "command", … }, { name: "--port", value: "8000", … }]
 */
export function readInputs(
    props: Record<string, unknown>,
    bindings = true,
    launches = true,
    parsedJson?: Set<string>,
    settingsBag = false,
): InputReading {
    const walk = new Walk(bindings, launches);
    walk.parsedJson = parsedJson;
    const secrets = plainValue(asRecord(plainValue(props["configuration"]))?.["secrets"]);
    if (Array.isArray(secrets)) {
        for (const item of secrets.slice(0, walkLimits.maxEntries)) {
            const secret = asRecord(plainValue(item));
            const name = plainValue(secret?.["name"]);
            if (secret && typeof name === "string") {
                walk.ownSecrets.set(name, secret);
            }
        }
    }
    // A resource that is a bag of another's settings (`WebAppApplicationSettings`) is read as configuration: its maps are settings.
    walk.value(props, start("", false, 0, settingsBag ? "config" : "shape"));
    walk.out.scopes = walk.out.scopes.filter(isUsed);
    walk.out.unknownBlocks = walk.blocks
        .filter((block) => block.kind === "process" || !besideKnownProcess(props, block.path))
        .map((block) => block.path);
    return walk.out;
}

/**
 * Whether a generic block (`configuration`) sits beside a known block of a process in the same object
 * (a container app's `template` with its containers): then it is that process's configuration, not a
 * hidden process. Paths through decoded text (`userData (base64)`) are not followed: the block counts.
 */
function besideKnownProcess(props: Record<string, unknown>, path: string): boolean {
    if (path.includes(" ")) {
        return false;
    }
    const steps = path.split(/\.|\[(\d{1,6})\]/).filter((step) => step !== undefined && step !== "");
    const key = steps.pop();
    let parent: unknown = props;
    for (const step of steps) {
        const container = plainValue(parent);
        parent =
            typeof container === "object" && container !== null && Object.prototype.hasOwnProperty.call(container, step)
                ? (container as Record<string, unknown>)[step]
                : undefined;
    }
    const siblings = asRecord(plainValue(parent));
    return (
        siblings !== undefined &&
        Object.keys(siblings).some((sibling) => {
            const value = plainValue(siblings[sibling]);
            return sibling !== key && value !== undefined && value !== null && !isUnknown(value) && blockOfKey(sibling) === "process";
        })
    );
}

/**
 * The settings in a configuration file's text (a ConfigMap mounted into a container): YAML or JSON
 * documents read as configuration, or text read as a script or `.env` file.
 */
export function readConfigText(text: string, path: string, secret: boolean, file = ""): SettingScope[] {
    const walk = new Walk(false);
    // Protobuf text (a Triton `config.pbtxt`) may parse as YAML too, where its top-level `name` would be only a name.
    const decoded: Decoded = /\.(?:pbtxt|prototxt)$/.test(file) ? { kind: "plain" } : decodeString(text);
    let scopes: SettingScope[];
    if (decoded.kind === "documents") {
        decoded.documents.forEach((document) => walk.value(document, start(`${path} (${decoded.encoding})`, secret, 1, "config")));
        scopes = walk.out.scopes.filter(isUsed);
    } else {
        const scope: SettingScope = { path, settings: [], engines: [], refs: [] };
        walk.value(text, start(path, secret, 0, "script", scope));
        // Properties, INI, TOML, XML and protobuf text files: their `key = value` lines, which a script reads as no setting.
        const body = decoded.kind === "text" ? decoded.text : text;
        const multiline = body.includes("\n");
        for (const entry of configEntriesOf(body, file)) {
            const name = normalisedName(entry.name);
            if (!scope.settings.some((setting) => setting.value === entry.value && normalisedName(setting.name) === name)) {
                const where = multiline ? `${path} (line ${entry.line})` : path;
                scope.settings.push({ name: entry.name, path: where, value: entry.value, unknown: false, secret, property: "" });
            }
        }
        scopes = scope.settings.length > 0 || scope.engines.length > 0 ? [scope] : [];
    }
    // A file the pack stopped reading says so: what came after the stop was never read (fail-closed).
    const stoppedAt = walk.out.stoppedAt ?? (decoded.kind === "unreadable" ? { path, reason: decoded.reason } : undefined);
    return stoppedAt ? [...scopes, { path, settings: [], engines: [], refs: [], stoppedAt }] : scopes;
}
