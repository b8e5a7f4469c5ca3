// A planned object's values as `terraform show -json` writes them, in the wire form the engine
// sends analyzers (internal/command/jsonplan/plan.go, `jsonstate.SensitiveAsBool`):
//
//   change.after            the planned object; unknown object attributes are omitted and unknown
//                           list elements are null (positions kept); sensitive values in cleartext
//   change.after_unknown    the same shape: `true` where a value is unknown, `false`/`{}` for known
//                           list elements and objects, known object attributes omitted
//   change.after_sensitive  the same shape: `true` where a value is sensitive
//
// Unknowns become the engine's unknown sentinel and sensitive values Pulumi secrets, which the
// pack judges and never prints. Nulls (Terraform writes every attribute of the schema) and empty
// lists and maps are dropped, as an unset input is absent from a Pulumi resource's inputs.
import { SECRET_SIG, SIG_KEY, UNKNOWN, WireSecret } from "../../harness/plan";

type Obj = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Obj {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A wire-form secret holding `value`. */
export function secretOf(value: unknown): WireSecret {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/**
 * The wire value of a planned value and its unknown and sensitive marks; undefined when there is
 * nothing to send (null, or an empty list or map).
 *
 * @example
 * plannedValue({ name: "fn", environment: [{ variables: { KEY: "k" } }] }, { arn: true }, { environment: [{ variables: { KEY: true } }] });
 * // { name: "fn", environment: [{ variables: { KEY: {[SIG_KEY]: SECRET_SIG, value: "k"} } }], arn: UNKNOWN }
 */
export function plannedValue(after: unknown, unknown: unknown, sensitive: unknown): unknown {
    let value: unknown;
    if (unknown === true) {
        value = UNKNOWN;
    } else if (Array.isArray(after) || Array.isArray(unknown)) {
        const values = Array.isArray(after) ? after : [];
        const unknowns = Array.isArray(unknown) ? unknown : [];
        const sensitives = Array.isArray(sensitive) ? sensitive : [];
        const list = Array.from({ length: Math.max(values.length, unknowns.length) }, (_, i) =>
            plannedValue(values[i], unknowns[i], sensitives[i]),
        );
        // Known nulls inside a list keep their position, like Terraform's.
        value = list.length > 0 ? list.map((item) => (item === undefined ? null : item)) : undefined;
    } else if (isObject(after) || isObject(unknown)) {
        const values = isObject(after) ? after : {};
        const unknowns = isObject(unknown) ? unknown : {};
        const sensitives = isObject(sensitive) ? sensitive : {};
        const object: Obj = {};
        for (const key of new Set([...Object.keys(values), ...Object.keys(unknowns).filter((k) => unknowns[k] !== false)])) {
            const item = plannedValue(values[key], unknowns[key], sensitives[key]);
            if (item !== undefined) {
                object[key] = item;
            }
        }
        value = Object.keys(object).length > 0 ? object : undefined;
    } else {
        value = after === null ? undefined : after;
    }
    return value !== undefined && sensitive === true ? secretOf(value) : value;
}
