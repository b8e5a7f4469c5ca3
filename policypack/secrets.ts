/**
 * Keeping Pulumi secrets recognisable. `@pulumi/policy` unwraps secrets to
 * plaintext before a policy sees them (`deserializeProperties(…, false)`), so
 * a policy cannot tell a secret from any other string and could quote it in a
 * message. The SDK can keep them wrapped (`proxySecrets = true`, which it uses
 * for remediations); this asks for that everywhere. Reads through the SDK's
 * proxies still see plaintext, so other policies are unaffected; the pack's
 * raw reads see the `Secret` wrapper and never show its value.
 *
 * The same patch makes the SDK deserialize each message once. It
 * deserializes a resource's properties again for every policy of the pack
 * (four per Analyze, four passes over the whole stack per AnalyzeStack) so
 * that one policy's changes cannot reach another; the pack's policies only
 * read, and judge each resource once per request (request-memo.ts), so the
 * three later copies were never read. Analyze calls now share the first copy
 * of each message's properties, kept by message, so it lives no longer than
 * the request. A remediation (`proxySecrets = true`) still gets its own copy,
 * which it may change.
 *
 * If a future SDK moves this function, the pack still redacts by setting
 * name and token shape (redaction.ts); `secretsStayVisible()` says which.
 */
let patched = false;

export function keepSecretsVisible(): boolean {
    if (patched) {
        return true;
    }
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const deserialize = require("@pulumi/policy/deserialize") as {
            deserializeProperties?: (struct: unknown, proxySecrets: boolean) => unknown;
        };
        const original = deserialize.deserializeProperties;
        if (typeof original !== "function" || original.length !== 2) {
            return false;
        }
        deserialize.deserializeProperties = deserializedOnce((struct) => original(struct, true));
        patched = true;
    } catch {
        return false;
    }
    return patched;
}

/**
 * `deserialize`, run once per message for analysis: later calls for the same
 * properties message get the first result. A call for a remediation
 * (`proxySecrets = true`) deserializes afresh.
 */
export function deserializedOnce(deserialize: (struct: unknown) => unknown): (struct: unknown, proxySecrets: boolean) => unknown {
    const first = new WeakMap<object, unknown>();
    return (struct: unknown, proxySecrets: boolean) => {
        if (proxySecrets || typeof struct !== "object" || struct === null) {
            return deserialize(struct);
        }
        if (first.has(struct)) {
            return first.get(struct);
        }
        const props = deserialize(struct);
        first.set(struct, props);
        return props;
    };
}

/** Whether secrets reach the pack wrapped (true) or only as plaintext (false). */
export function secretsStayVisible(): boolean {
    return patched;
}
