// Property values as Pulumi's JSON outputs write them, turned back into the wire form the engine
// sends analyzers (pkg/resource/stack/deployment.go SerializePropertyValue writes the wire
// constants for unknowns, assets, archives and resource references, so those pass unchanged):
//
//   - `pulumi preview --json` replaces every secret with the string "[secret]" (display/json.go
//     MassageSecrets); the event log and `pulumi stack export` write secrets as
//     {sig: secret, ciphertext} (the event log's ciphertext is the blinded "[secret]"), and
//     `stack export --show-secrets` as {sig: secret, plaintext: "<JSON>"}.
//   - A secret whose plaintext is not in the file stays a secret whose value is unknown, so the pack
//     decides it as it decides any unknown — and never sees, or prints, a ciphertext.
import { SECRET_SIG, SIG_KEY, UNKNOWN, WireSecret } from "../../harness/plan";

/** The string `pulumi preview --json` writes in place of a secret value. */
export const DISPLAYED_SECRET = "[secret]";

/** A secret whose value the file does not carry. */
export function unknownSecret(): WireSecret {
    return { [SIG_KEY]: SECRET_SIG, value: UNKNOWN };
}

/**
 * A property value from a preview, event log or export, in wire form.
 *
 * @example
 * wireValue("[secret]", { displayedSecrets: true });   // {[SIG_KEY]: SECRET_SIG, value: UNKNOWN}
 * wireValue({ [SIG_KEY]: SECRET_SIG, plaintext: '"sk-1"' }, { displayedSecrets: false }); // {[SIG_KEY]: SECRET_SIG, value: "sk-1"}
 */
export function wireValue(value: unknown, opts: { displayedSecrets: boolean }): unknown {
    if (value === DISPLAYED_SECRET && opts.displayedSecrets) {
        return unknownSecret();
    }
    if (Array.isArray(value)) {
        return value.map((v) => wireValue(v, opts));
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) {
        return secretOf(record, opts);
    }
    if (SIG_KEY in record) {
        return record; // assets, archives, resource references: already in wire form
    }
    return wireProperties(record, opts);
}

/** Every value of a property map in wire form. */
export function wireProperties(properties: Record<string, unknown>, opts: { displayedSecrets: boolean }): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(properties)) {
        result[key] = wireValue(value, opts);
    }
    return result;
}

function secretOf(record: Record<string, unknown>, opts: { displayedSecrets: boolean }): WireSecret {
    if ("value" in record) {
        return { [SIG_KEY]: SECRET_SIG, value: wireValue(record["value"], opts) };
    }
    const plaintext = record["plaintext"];
    if (typeof plaintext === "string") {
        try {
            return { [SIG_KEY]: SECRET_SIG, value: wireValue(JSON.parse(plaintext), opts) };
        } catch {
            return { [SIG_KEY]: SECRET_SIG, value: plaintext };
        }
    }
    return unknownSecret();
}
