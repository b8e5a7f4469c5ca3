/**
 * Keeping Pulumi secrets recognisable. `@pulumi/policy` unwraps secrets to
 * plaintext before a policy sees them (`deserializeProperties(…, false)`), so
 * a policy cannot tell a secret from any other string and could quote it in a
 * message. The SDK can keep them wrapped (`proxySecrets = true`, which it uses
 * for remediations); this asks for that everywhere. Reads through the SDK's
 * proxies still see plaintext, so other policies are unaffected; the pack's
 * raw reads see the `Secret` wrapper and never show its value.
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
        deserialize.deserializeProperties = (struct: unknown) => original(struct, true);
        patched = true;
    } catch {
        return false;
    }
    return patched;
}

/** Whether secrets reach the pack wrapped (true) or only as plaintext (false). */
export function secretsStayVisible(): boolean {
    return patched;
}
