/**
 * Turning the common shapes of workload configuration into `Setting`s:
 * environment maps, `[{name, value}]` lists, argv arrays and scripts.
 */
import { settingsInArgs, settingsInScript } from "../scripts";
import { asRecord, childOf, elementsOf, entriesOf, Field, fieldOf, stringOf, unwrap, isUnknown } from "../values";
import { Setting, SettingScope, Unreadable } from "./types";

/** Settings of an environment map `{ NAME: value }`. */
export function settingsFromEnvMap(field: Field | undefined, property: string): Setting[] {
    return entriesOf(field).map(([name, value]) => toSetting(name, value, property));
}

/** Settings of a list of `{ name, value }` objects (ECS, Kubernetes, Cloud Run, Container Apps). */
export function settingsFromEnvList(field: Field | undefined, property: string, nameKey = "name", valueKey = "value"): Setting[] {
    const settings: Setting[] = [];
    for (const element of elementsOf(field)) {
        const name = stringOf(childOf(element, nameKey));
        if (!name) {
            continue;
        }
        const value = childOf(element, valueKey);
        if (value) {
            settings.push(toSetting(name, value, property));
        }
    }
    return settings;
}

function toSetting(name: string, field: Field, property: string): Setting {
    return {
        name,
        path: field.path,
        value: stringOf(field),
        unknown: field.unknown,
        secret: field.secret,
        property,
    };
}

/**
 * Settings in a command line given as an argv array: `--model x`, `--model=x`,
 * and the positional model of `vllm serve <model>` / `ollama run <model>`.
 * An unknown argument is kept as an unknown setting so it is not lost.
 */
export function settingsFromArgv(fields: Array<Field | undefined>, property: string): Setting[] {
    const args: string[] = [];
    const paths: string[] = [];
    const secrets: boolean[] = [];
    const settings: Setting[] = [];
    for (const field of fields) {
        for (const element of elementsOf(field)) {
            if (element.unknown) {
                settings.push({ name: "argument", path: element.path, unknown: true, secret: element.secret, property });
                continue;
            }
            const text = stringOf(element);
            if (text !== undefined) {
                args.push(text);
                paths.push(element.path);
                secrets.push(element.secret);
            }
        }
    }
    for (const found of settingsInArgs(args)) {
        const at = found.line - 1;
        // `--flag value`: the value may be the next element, so either element's secret covers it.
        const secret = secrets[at] === undefined ? secrets.some(Boolean) : secrets[at] || (secrets[at + 1] ?? false);
        settings.push({ name: found.name, path: paths[at] ?? paths[0] ?? property, value: found.value, unknown: false, secret, property });
    }
    for (let i = 0; i + 1 < args.length; i++) {
        if ((args[i] === "serve" || args[i] === "run") && !args[i + 1].startsWith("-")) {
            settings.push({ name: "--model", path: paths[i + 1], value: args[i + 1], unknown: false, secret: secrets[i + 1], property });
        }
    }
    return settings;
}

/** Settings in a script or a one-line command (`startCommand`, shell user data). */
export function settingsFromScript(text: string, path: string, property: string, secret: boolean): Setting[] {
    return settingsInScript(text).map((found) => ({
        name: found.name,
        path: `${path} (line ${found.line})`,
        value: found.value,
        unknown: false,
        secret,
        property,
    }));
}

/**
 * A container in the shape most platforms share: `env` (a `{name, value}`
 * list or a map), `args` and `command` argv arrays.
 */
export function containerScope(container: Field, property: string, keys: { env: string[]; argv: string[]; label?: string }): SettingScope {
    const settings: Setting[] = [];
    for (const key of keys.env) {
        const env = childOf(container, key);
        if (!env) {
            continue;
        }
        if (env.unknown) {
            settings.push({ name: key, path: env.path, unknown: true, secret: env.secret, property });
        } else if (Array.isArray(env.value)) {
            settings.push(...settingsFromEnvList(env, property));
        } else {
            settings.push(...settingsFromEnvMap(env, property));
        }
    }
    settings.push(
        ...settingsFromArgv(
            keys.argv.map((key) => childOf(container, key)),
            property,
        ),
    );
    const name = keys.label ? stringOf(childOf(container, keys.label)) : undefined;
    return { path: name ? `${container.path} (container "${name}")` : container.path, settings };
}

/**
 * Parses a property that holds JSON text (ECS container definitions, Batch
 * container properties). Unknown or malformed JSON is reported, not skipped.
 */
export function jsonProperty(props: Record<string, unknown>, key: string, unreadable: Unreadable[]): Field | undefined {
    const field = fieldOf(props, key, "");
    if (!field) {
        return undefined;
    }
    if (field.unknown) {
        unreadable.push({ path: field.path, reason: "unknown during preview" });
        return undefined;
    }
    const { value } = unwrap(field.value);
    if (typeof value !== "string") {
        // Some SDKs accept the object itself; take it as is.
        return asRecord(value) || Array.isArray(value) ? field : undefined;
    }
    try {
        return { ...field, value: JSON.parse(value) as unknown };
    } catch (error) {
        // The parser's message quotes the text, which may hold a secret: keep only where it failed.
        const at = /position (\d+)/.exec(String((error as Error)?.message))?.[1];
        unreadable.push({ path: field.path, reason: at === undefined ? "not valid JSON" : `not valid JSON at position ${at}` });
        return undefined;
    }
}

/** True when a raw value is an unknown sentinel (re-exported for extractors). */
export { isUnknown };
