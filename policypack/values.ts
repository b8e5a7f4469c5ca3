/**
 * Raw property values as a policy receives them, with the two markers the
 * engine puts in them: values unknown during preview, and Pulumi secrets.
 * Every reader in the pack goes through here so an unknown is never mistaken
 * for a real value and a secret's plaintext never reaches a message.
 */
import { types } from "util";

/** The engine's sentinels for values that are unknown during preview, by kind. */
const unknownSentinels = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string, and the generic unknown
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
]);

/** The wire form of a secret: `{ [sigKey]: secretSig, value }`. */
const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

/** True when the value is the engine's "unknown during preview" sentinel. */
export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && value.length === 36 && unknownSentinels.has(value);
}

/** A value with its secret marker taken off, and whether it had one. */
export interface Unwrapped {
    value: unknown;
    secret: boolean;
}

/**
 * Takes the secret marker off a value: the SDK's `Secret` class (when the pack
 * keeps secrets visible, see secrets.ts) or the wire form the engine sends.
 */
export function unwrap(value: unknown): Unwrapped {
    return isSecretWrapper(value) ? { value: plainValue(value), secret: true } : { value, secret: false };
}

/**
 * The value inside any secret markers, for readers that do not need to know whether there were any
 * (the walk reads most values this way, without the object {@link unwrap} returns). However deep
 * secrets nest, the value inside is read; a chain past the bound (or a cycle) holds nothing readable.
 */
export function plainValue(value: unknown): unknown {
    for (let i = 0; isSecretWrapper(value); i++) {
        if (i >= MAX_SECRET_NESTING) {
            return undefined;
        }
        value = (value as { value: unknown }).value;
    }
    return value;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Far beyond any real nesting of secrets; bounds the time a hostile chain or cycle can cost. */
const MAX_SECRET_NESTING = 100_000;

/** Whether the value is a secret marker (the SDK's `Secret`, or the engine's wire form) around a value. */
export function isSecretWrapper(value: unknown): boolean {
    if (typeof value !== "object" || value === null) {
        return false;
    }
    // Most values the walk reads are plain objects and arrays: their prototype answers without a lookup by name.
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype === Array.prototype) {
        return false;
    }
    if (prototype === Object.prototype || prototype === null) {
        // The wire form's signature is an own key. Asking the object itself is cheaper than a read by
        // name, which looks through the prototype too: most objects lack the key.
        return hasOwn.call(value, sigKey) && (value as Record<string, unknown>)[sigKey] === secretSig;
    }
    if ((value as Record<string, unknown>)[sigKey] === secretSig) {
        return true;
    }
    const ctor: unknown = (value as object).constructor;
    return typeof ctor === "function" && ctor !== Object && ctor.name === "Secret" && "value" in value;
}

/** A plain object (not an array, not null), or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `@pulumi/policy`'s key for a proxy's target (`getSpecialProxyTarget` in its `proxy.ts` and `secret.ts`). */
const proxyTargetKey = "__getSpecialProxyTarget";

/**
 * The props object a policy gets, without the SDK's unknown-checking proxy.
 * Reading a property through that proxy throws when the value is unknown,
 * which the SDK turns into a mere advisory; the pack reads the target's own
 * property descriptors instead, which the proxy forwards untouched.
 */
export function rawProps(props: unknown): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (typeof props !== "object" || props === null) {
        return out;
    }
    // The SDK's proxies hand out their targets under this key: the unknown-checking proxy wraps the
    // secrets-preserving one (which would unwrap secrets on every read), which wraps the plain object.
    // That object holds the same own properties, read without a descriptor per key; the pack only reads it.
    // Only real proxies are asked: a plain object's own `__getSpecialProxyTarget` key is input, not a target.
    let target: unknown = props;
    let proxied = types.isProxy(target);
    for (let depth = 0; depth < 4 && proxied; depth++) {
        target = (target as Record<string, unknown>)[proxyTargetKey];
        proxied = types.isProxy(target);
    }
    if (
        target !== props &&
        !proxied &&
        typeof target === "object" &&
        target !== null &&
        Object.getPrototypeOf(target) === Object.prototype
    ) {
        return target as Record<string, unknown>;
    }
    for (const key of Object.keys(props)) {
        const descriptor = Object.getOwnPropertyDescriptor(props, key);
        if (descriptor && "value" in descriptor) {
            out[key] = descriptor.value;
        }
    }
    return out;
}

/** One value read at a field path of a resource. */
export interface Field {
    /** Dotted path as a message shows it, e.g. `environment.variables.OPENAI_BASE_URL`. */
    path: string;
    /** The value with any secret marker taken off; undefined when unknown. */
    value: unknown;
    unknown: boolean;
    secret: boolean;
}

/** Reads a field of a record, unwrapping secrets and noting unknowns. */
export function fieldOf(record: unknown, key: string, parentPath: string): Field | undefined {
    const container = plainValue(record);
    const obj = asRecord(container);
    if (!obj || !Object.prototype.hasOwnProperty.call(obj, key)) {
        return undefined;
    }
    const { value, secret } = unwrap(obj[key]);
    const path = parentPath ? `${parentPath}.${key}` : key;
    if (isUnknown(value)) {
        return { path, value: undefined, unknown: true, secret };
    }
    return { path, value, unknown: false, secret };
}

/** A field of a field's value; a child of a secret is secret too. */
export function childOf(parent: Field, key: string): Field | undefined {
    const child = fieldOf(parent.value, key, parent.path);
    if (child && parent.secret) {
        child.secret = true;
    }
    return child;
}

/** Follows a path of keys from a record; stops (undefined) at anything missing or unknown on the way. */
export function fieldAt(record: unknown, keys: readonly string[], parentPath = ""): Field | undefined {
    let current: Field = { path: parentPath, value: record, unknown: false, secret: false };
    for (const key of keys) {
        const next = fieldOf(current.value, key, current.path);
        if (!next) {
            return undefined;
        }
        next.secret = next.secret || current.secret;
        if (next.unknown) {
            return next;
        }
        current = next;
    }
    return current;
}

/** The elements of an array field (each unwrapped), with their paths. Non-arrays give []. */
export function elementsOf(field: Field | undefined): Field[] {
    if (!field || field.unknown || !Array.isArray(field.value)) {
        return [];
    }
    return field.value.map((element, index) => {
        const { value, secret } = unwrap(element);
        const path = `${field.path}[${index}]`;
        return isUnknown(value)
            ? { path, value: undefined, unknown: true, secret: secret || field.secret }
            : { path, value, unknown: false, secret: secret || field.secret };
    });
}

/** The entries of a map field (each unwrapped), with their paths. Non-objects give []. */
export function entriesOf(field: Field | undefined): Array<[string, Field]> {
    const obj = field && !field.unknown ? asRecord(field.value) : undefined;
    if (!obj || !field) {
        return [];
    }
    return Object.keys(obj).map((key) => [key, childOf(field, key) as Field]);
}

/** The value as a string when it is one (numbers too, as settings often are), else undefined. */
export function stringOf(field: Field | undefined): string | undefined {
    if (!field || field.unknown) {
        return undefined;
    }
    if (typeof field.value === "string") {
        return field.value;
    }
    if (typeof field.value === "number" || typeof field.value === "boolean") {
        return String(field.value);
    }
    return undefined;
}

/**
 * Whether an unknown sentinel occurs anywhere in a value, looking at no more
 * than `budget` values; past the budget it answers true, the safe answer for
 * callers that skip work when nothing is unknown.
 */
export function containsUnknown(value: unknown, budget = 20_000): boolean {
    const stack: unknown[] = [value];
    let seen = 0;
    while (stack.length > 0) {
        if (++seen > budget) {
            return true;
        }
        const current = stack.pop();
        if (typeof current === "string") {
            if (isUnknown(current)) {
                return true;
            }
        } else if (typeof current === "object" && current !== null) {
            for (const child of Object.values(current as Record<string, unknown>)) {
                stack.push(child);
            }
        }
    }
    return false;
}
