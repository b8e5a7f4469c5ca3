/**
 * Declared classification: the workload class and first-party product a
 * resource's owners wrote into its tags or labels. The strongest evidence the
 * pack has, and the way large organisations already describe workloads.
 * Only the known tag and label fields are read, never the whole resource.
 */
import { isUnknown, unwrap, Unwrapped } from "./values";
import { rememberedBy } from "./memo";

/** The tag/label keys that declare a workload class and a first-party product. */
export interface TagKeys {
    workload: readonly string[];
    product: readonly string[];
}

/**
 * Defaults: workload keys ["openai:workload","openai.com/workload","openai-workload"], product keys
 * ["openai:product","openai.com/product","openai-product"]: the AWS/Azure spelling, the Kubernetes
 * label spelling and the GCP-label-safe spelling.
 */
export const defaultTagKeys: TagKeys = {
    workload: ["openai:workload", "openai.com/workload", "openai-workload"],
    product: ["openai:product", "openai.com/product", "openai-product"],
};

/** One declaration found on a resource. */
export interface Declaration {
    /**
     * dotted field path where found, e.g. "tags.openai:workload", "metadata.labels.openai.com/workload",
     * "spec.template.metadata.labels.openai.com/workload", "freeformTags.openai-workload", "tags[2]"
     */
    path: string;
    value: string;
    /** Declared in a Pulumi secret: it counts, and is never shown. */
    secret?: true;
    /** Declared by another resource of the stack (a tag resource): verdicts resting on it are the stack phase's. */
    viaStack?: true;
}

/** What a resource declares; either may be missing. */
export interface Declarations {
    workload?: Declaration;
    product?: Declaration;
}

/**
 * The tag and label fields read, in order of precedence: the resource's own tags first, then the
 * labels of the pods it creates. `definedTags` (OCI) nests one namespace level deeper.
 */
const tagFields: ReadonlyArray<{ path: readonly string[]; nested?: boolean }> = [
    { path: ["tags"] },
    { path: ["tagsAll"] },
    { path: ["labels"] },
    { path: ["userLabels"] },
    { path: ["resourceLabels"] },
    { path: ["freeformTags"] },
    { path: ["definedTags"], nested: true },
    { path: ["metadata", "labels"] },
    { path: ["spec", "template", "metadata", "labels"] },
    { path: ["spec", "jobTemplate", "spec", "template", "metadata", "labels"] },
    { path: ["template", "labels"] }, // Cloud Run v2 revision template
    { path: ["template", "metadata", "labels"] }, // Cloud Run v1
];

/**
 * The first keys of the tag fields (and of a tag resource's `tag` and `key`), one bit each. A
 * resource's own keys are listed once and only the fields they start are read: a property read by
 * name, of a key most resources lack, is the costliest part of finding its declarations.
 */
const firstKeyBit = new Map<string, number>();
for (const first of [...tagFields.map((field) => field.path[0]), "tag", "key"]) {
    if (!firstKeyBit.has(first)) {
        firstKeyBit.set(first, 1 << firstKeyBit.size);
    }
}
const firstKeyBits = tagFields.map((field) => firstKeyBit.get(field.path[0]) ?? 0);
const tagKeyBits = (firstKeyBit.get("tag") ?? 0) | (firstKeyBit.get("key") ?? 0);
const allBits = -1;

/** The bits of the tag fields' first keys that `props` has as its own; every bit when its keys cannot be listed. */
function firstKeysOf(props: unknown): number {
    if (typeof props !== "object" || props === null) {
        return 0;
    }
    try {
        let present = 0;
        for (const key of Object.keys(props)) {
            present |= firstKeyBit.get(key) ?? 0;
        }
        return present;
    } catch {
        return allBits;
    }
}

/** Tag maps and lists are small; the cap keeps a hostile or huge value from costing time. */
const MAX_ENTRIES = 1000;

/** Property read that survives getters that throw (Pulumi's unknown-checking proxies do). */
function get(o: unknown, key: string): unknown {
    try {
        return typeof o === "object" && o !== null ? (o as Record<string, unknown>)[key] : undefined;
    } catch {
        return undefined;
    }
}

/** A secret's value and marker, surviving getters that throw like `get` does. */
function unwrapped(v: unknown): Unwrapped {
    try {
        return unwrap(v);
    } catch {
        return { value: undefined, secret: false };
    }
}

/** The first `MAX_ENTRIES` own keys of a map (not a list); none when they cannot be listed. */
function keysOf(o: unknown): string[] {
    try {
        if (typeof o !== "object" || o === null || Array.isArray(o)) {
            return [];
        }
        return Object.keys(o).slice(0, MAX_ENTRIES);
    } catch {
        return [];
    }
}

/**
 * A tag key in comparable form: lower case, alphanumerics only, and a Kubernetes-style
 * `domain/name` prefix reduced to the domain's first label, so "openai.com/workload",
 * "openai:workload", "openai-workload" and "OpenAI_Workload" all become "openaiworkload".
 */
const comparableKey: (key: string) => string = rememberedBy(comparableKeyOf);

function comparableKeyOf(key: string): string {
    const lower = key.toLowerCase();
    const slash = lower.lastIndexOf("/");
    let joined = lower;
    if (slash >= 0) {
        const domain = lower.slice(0, slash);
        const dot = domain.indexOf(".");
        joined = (dot >= 0 ? domain.slice(0, dot) : domain) + lower.slice(slash + 1);
    }
    let out = "";
    for (let i = 0; i < joined.length; i++) {
        const c = joined.charCodeAt(i);
        if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
            out += joined[i];
        }
    }
    return out;
}

/** The comparable keys of a settings list, by list: the settings are read once per resource, and their lists do not change. */
const keySets = new WeakMap<object, ReadonlySet<string>>();

function keySet(keys: unknown): ReadonlySet<string> {
    const known = Array.isArray(keys) ? keySets.get(keys) : undefined;
    if (known) {
        return known;
    }
    const set = new Set<string>();
    if (Array.isArray(keys)) {
        for (const k of keys) {
            if (typeof k === "string" && k.trim() !== "") {
                set.add(comparableKey(k));
            }
        }
        keySets.set(keys, set);
    }
    return set;
}

/** A declared value: a non-empty string after trimming (a secret's too); anything else declares nothing. */
function declaredValue(v: unknown): string | undefined {
    const { value } = unwrapped(v);
    return typeof value === "string" && value.trim() !== "" && !isUnknown(value) ? value.trim() : undefined;
}

/**
 * `(key, value, path)` triples of one tag field, whether a map or a list of `{key,value}`/`{Key,Value}`:
 * those whose key `wanted` takes. Most tags (`team`, `app.kubernetes.io/name`) declare nothing: their
 * values are not read and their paths not written.
 */
function tagsIn(
    wrapped: unknown,
    path: string,
    nested: boolean,
    wanted: (key: string) => boolean,
): Array<{ key: string; value: unknown; path: string; secret: boolean }> {
    // A secret tag map, list or item hides nothing from the pack: its values are secret, not absent.
    const { value: field, secret } = unwrapped(wrapped);
    const found: Array<{ key: string; value: unknown; path: string; secret: boolean }> = [];
    if (Array.isArray(field)) {
        // AutoScaling group tags, aws-native tags, ECS tags: [{ key, value }] or [{ Key, Value }].
        const n = Math.min(field.length, MAX_ENTRIES);
        for (let i = 0; i < n; i++) {
            const { value: item, secret: itemSecret } = unwrapped(field[i]);
            // AWS `{key, value}` / `{Key, Value}`, Docker `{label, value}`: the path names the key, so evidence shows both.
            // A secret key is read like a secret value: the declaration is kept, marked secret.
            const { value: key, secret: keySecret } = unwrapped(get(item, "key") ?? get(item, "Key") ?? get(item, "label"));
            if (typeof key === "string" && wanted(key)) {
                found.push({
                    key,
                    value: get(item, "value") ?? get(item, "Value"),
                    path: `${path}[${i}] (${key})`,
                    secret: secret || itemSecret || keySecret,
                });
            }
        }
        return found;
    }
    for (const key of keysOf(field)) {
        if (nested) {
            const inner = unwrapped(get(field, key));
            for (const innerKey of keysOf(inner.value)) {
                if (wanted(innerKey)) {
                    found.push({
                        key: innerKey,
                        value: get(inner.value, innerKey),
                        path: `${path}.${key}.${innerKey}`,
                        secret: secret || inner.secret,
                    });
                }
            }
        } else if (wanted(key)) {
            found.push({ key, value: get(field, key), path: `${path}.${key}`, secret });
        }
    }
    return found;
}

/**
 * Reads declared classification from a resource's raw input props: fields tags, tagsAll, labels,
 * userLabels, resourceLabels, freeformTags, definedTags (OCI, one namespace level deeper),
 * metadata.labels, spec.template.metadata.labels, spec.jobTemplate.spec.template.metadata.labels,
 * template.labels (Cloud Run v2), template.metadata.labels (Cloud Run v1), and arrays of
 * {key,value}/{Key,Value} (e.g. AutoScaling tags, ECS tags). Keys compared normalised: lower-case,
 * strip non-alphanumerics, and a key "openai.com/workload" ≡ "openai:workload" ≡ "openai-workload" ≡
 * "OpenAI_Workload". Values trimmed; non-string and empty values ignored. The first field in that
 * order wins. Never throws; bounded (no recursion beyond these known fields).
 *
 * @example
 * declarationsOf({ tags: { "OpenAI:Workload": " stateless-api " } }, defaultTagKeys);
 * // { workload: { path: "tags.OpenAI:Workload", value: "stateless-api" } }
 */
export function declarationsOf(props: unknown, keys: TagKeys): Declarations {
    const fields: LabelFieldInput[] = [];
    const present = firstKeysOf(props);
    for (let i = 0; i < tagFields.length; i++) {
        const field = tagFields[i];
        if ((present & firstKeyBits[i]) === 0) {
            continue;
        }
        let value: unknown = props;
        for (const segment of field.path) {
            value = get(value, segment);
        }
        if (value !== undefined && value !== null) {
            fields.push({ path: field.path.join("."), value, nested: field.nested === true });
        }
    }
    // A resource that is one tag of another (`aws.ec2.Tag`: `resourceId`, `key`, `value`; an AutoScaling
    // group's `aws.autoscaling.Tag`: `tag: { key, value }`): its own key and value are a tag list of one.
    if (
        typeof props === "object" &&
        props !== null &&
        present & tagKeyBits &&
        tagTargetKeyOf(props as Record<string, unknown>) !== undefined
    ) {
        const tag = get(props, "tag") ?? props;
        fields.push({ path: tag === props ? "value" : "tag", value: [tag], nested: false });
    }
    return declarationsIn(fields, keys);
}

/** The property a tag resource names the resource it tags by. */
const taggedTargetKeys = ["resourceId", "resourceArn", "autoscalingGroupName", "resourceName"];

/**
 * The property by which a resource is one tag of another (`aws.ec2.Tag`'s `resourceId`, an AutoScaling
 * group tag's `autoscalingGroupName`), if it is one: its own key and value declare for the resource it tags.
 */
export function tagTargetKeyOf(props: Record<string, unknown>): string | undefined {
    const tag = get(props, "tag") ?? props;
    if (get(tag, "key") === undefined || get(tag, "value") === undefined) {
        return undefined;
    }
    return taggedTargetKeys.find((key) => get(props, key) !== undefined);
}

/** A tag or label field to read declarations from: a map, or a list of key/value pairs. */
export interface LabelFieldInput {
    path: string;
    value: unknown;
    /** Inside a Pulumi secret: its declarations count and are never shown. */
    secret?: boolean;
    /** OCI `definedTags`: one namespace level deeper. */
    nested?: boolean;
}

/**
 * Declarations in tag and label fields given in order of precedence (the first field that
 * declares a workload class or a product wins). Never throws; bounded.
 *
 * @example
 * declarationsIn([{ path: "spec.template.metadata.labels", value: { "openai.com/workload": "inference" } }], defaultTagKeys);
 * // { workload: { path: "spec.template.metadata.labels.openai.com/workload", value: "inference" } }
 */
export function declarationsIn(fields: readonly LabelFieldInput[], keys: TagKeys): Declarations {
    const workloadKeys = keySet(get(keys, "workload"));
    const productKeys = keySet(get(keys, "product"));
    const wanted = (key: string) => {
        const comparable = comparableKey(key);
        return workloadKeys.has(comparable) || productKeys.has(comparable);
    };
    const declarations: Declarations = {};
    for (const field of fields.slice(0, MAX_ENTRIES)) {
        for (const tag of tagsIn(field.value, field.path, field.nested === true, wanted)) {
            const declared = declaredValue(tag.value);
            if (declared === undefined) {
                continue;
            }
            const key = comparableKey(tag.key);
            const found: Declaration =
                field.secret || tag.secret || unwrapped(tag.value).secret
                    ? { path: tag.path, value: declared, secret: true }
                    : { path: tag.path, value: declared };
            // The first declaration wins, except that one the pack does not recognise (a typo, an unknown
            // value) never hides a recognised one, and a declared serving class is never hidden by another.
            if (workloadKeys.has(key) && workloadPrecedence(found.value) > workloadPrecedence(declarations.workload?.value)) {
                declarations.workload = found;
            }
            if (declarations.product === undefined && productKeys.has(key)) {
                declarations.product = found;
            }
        }
    }
    return declarations;
}

/** How strongly a declared workload value counts: serving over not serving over unrecognised (none at all: -1). */
function workloadPrecedence(value: string | undefined): number {
    if (value === undefined) {
        return -1;
    }
    const kind = workloadKindOf(value);
    return kind === "stateless-serving" ? 2 : kind === "non-serving" ? 1 : 0;
}

/** What a declared workload class means for the rules. */
export type WorkloadKind = "stateless-serving" | "non-serving" | "unrecognised";

/** Declared values, separators removed, by kind. */
const workloadKinds: ReadonlyArray<[value: string, kind: WorkloadKind]> = [
    ["statelessapi", "stateless-serving"],
    ["statelessserving", "stateless-serving"],
    ["statelessinference", "stateless-serving"],
    ["inference", "stateless-serving"],
    ["serving", "stateless-serving"],
    ["api", "stateless-serving"],
    ["stateless", "stateless-serving"],
    ["training", "non-serving"],
    ["finetuning", "non-serving"],
    ["finetune", "non-serving"],
    ["statefulruntime", "non-serving"],
    ["stateful", "non-serving"],
    ["agentruntime", "non-serving"],
    ["batch", "non-serving"],
    ["evaluation", "non-serving"],
    ["eval", "non-serving"],
    ["research", "non-serving"],
    ["data", "non-serving"],
];
const kindByValue = new Map(workloadKinds);

/** Lower case with `-`, `_`, `.` and whitespace removed: "Stateless_API" → "statelessapi". */
function withoutSeparators(value: string): string {
    let out = "";
    const lower = value.toLowerCase();
    for (let i = 0; i < lower.length; i++) {
        const ch = lower[i];
        if (ch !== "-" && ch !== "_" && ch !== "." && ch.trim() !== "") {
            out += ch;
        }
    }
    return out;
}

/**
 * stateless-api, stateless-serving, stateless-inference, inference, serving, api, stateless (any
 * spelling/case, separators -,_,., space ignored) → stateless-serving; training, fine-tuning,
 * finetune, stateful-runtime, stateful, agent-runtime, batch, evaluation, eval, research, data →
 * non-serving; else unrecognised.
 *
 * @example
 * workloadKindOf("Stateless API"); // "stateless-serving"
 * workloadKindOf("fine_tuning");   // "non-serving"
 */
export function workloadKindOf(value: string): WorkloadKind {
    if (typeof value !== "string" || value.length > 200) {
        return "unrecognised";
    }
    return kindByValue.get(withoutSeparators(value)) ?? "unrecognised";
}

/**
 * Whether a product declaration value names one of the configured first-party products
 * (case-insensitive, separators ignored, "Frontier" ≡ "frontier"); a comma- or semicolon-separated
 * list names each of its items. Returns the product as configured, or undefined.
 *
 * @example
 * namesProduct("Frontier", ["frontier", "chatgpt"]); // "frontier"
 * namesProduct("Chat-GPT", ["frontier", "chatgpt"]); // "chatgpt"
 */
export function namesProduct(value: string, products: readonly string[]): string | undefined {
    if (typeof value !== "string" || !Array.isArray(products) || value.length > 1000) {
        return undefined;
    }
    const items = value
        .split(/[,;]/)
        .flatMap((item) => [withoutSeparators(item), withoutSeparators(asProductName(item))])
        .filter((s) => s !== "");
    for (const product of products) {
        if (typeof product === "string" && items.includes(withoutSeparators(product)) && withoutSeparators(product) !== "") {
            return product;
        }
    }
    return undefined;
}

/** Words of a product's name that say whose it is or which plan: `OpenAI Frontier`, `ChatGPT Enterprise`. */
const vendorWords = new Set(["openai", "openai's"]);
const planWords = new Set(["enterprise", "team", "business", "edu", "plus", "pro", "gov"]);

/**
 * An item of a product list with the vendor in front and the plan behind taken off, so it names the
 * product as the list of products does; a longer name (`Frontier Analytics Dashboard`) is left whole.
 */
function asProductName(item: string): string {
    const words = item
        .trim()
        .toLowerCase()
        .split(/[\s_-]+/);
    const from = words.length > 1 && vendorWords.has(words[0]) ? 1 : 0;
    const to = words.length - from > 1 && planWords.has(words[words.length - 1]) ? words.length - 1 : words.length;
    return words.slice(from, to).join(" ");
}
