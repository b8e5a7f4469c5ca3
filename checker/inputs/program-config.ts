// Config values for a program folder that its stack file cannot give the checker: encrypted
// (`secure:`) values, which only the Pulumi CLI can decrypt, and overrides. They come the way the
// Node.js runtime takes config, and never appear in any output or error message:
//
//   - PULUMI_CONFIG (a JSON object of "<namespace>:<key>" to string) and PULUMI_CONFIG_SECRET_KEYS
//     (a JSON array of the keys that are secret) in the checker's environment, as CI secrets are;
//   - --config-file <file>: what `pulumi config --show-secrets --json` prints ({key: {value,
//     secret, objectValue?}}), or a plaintext stack file ({config: {key: value}}), YAML or JSON;
//   - --config-value <key>=<value>, repeated: like `pulumi preview --config`.
//
// Later sources win. A value is secret when its key is `secure:` in the stack file, listed in
// PULUMI_CONFIG_SECRET_KEYS or marked `secret: true` in the file.
import * as fs from "fs";
import { parse as parseYaml } from "yaml";
import type { SuppliedConfig } from "../../harness/project-config";
import { InputError } from "./input-error";

/** Where supplied config comes from. */
export interface ConfigSources {
    /** `--config-value` arguments, `<key>=<value>`. */
    values: string[];
    /** `--config-file`. */
    file?: string;
    /** The environment holding PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS. */
    env: NodeJS.ProcessEnv;
}

/** The environment variables the checker reads config from, as the Node.js runtime does. */
export const configEnvKeys = ["PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS"] as const;

/**
 * The supplied config from every source; an {@link InputError} that never quotes a value when a
 * source cannot be read.
 *
 * @example
 * suppliedConfigOf({ values: ["openaiApiKey=sk-…"], env: { PULUMI_CONFIG_SECRET_KEYS: '["openaiApiKey"]' } });
 * // { values: { openaiApiKey: "sk-…" }, secretKeys: ["openaiApiKey"] }
 */
export function suppliedConfigOf(sources: ConfigSources): SuppliedConfig {
    const values: Record<string, unknown> = {};
    const secretKeys = new Set<string>();

    const envConfig = sources.env["PULUMI_CONFIG"];
    if (envConfig !== undefined && envConfig !== "") {
        const parsed = parseJsonQuietly(envConfig);
        if (!isRecord(parsed) || !Object.values(parsed).every((v) => typeof v === "string")) {
            throw new InputError('PULUMI_CONFIG must be a JSON object of config keys to strings, e.g. {"my-project:apiKey":"…"}');
        }
        Object.assign(values, parsed);
    }
    const envSecretKeys = sources.env["PULUMI_CONFIG_SECRET_KEYS"];
    if (envSecretKeys !== undefined && envSecretKeys !== "") {
        const parsed = parseJsonQuietly(envSecretKeys);
        if (!Array.isArray(parsed) || !parsed.every((k) => typeof k === "string")) {
            throw new InputError('PULUMI_CONFIG_SECRET_KEYS must be a JSON array of config keys, e.g. ["my-project:apiKey"]');
        }
        parsed.forEach((k: string) => secretKeys.add(k));
    }

    if (sources.file !== undefined) {
        for (const [key, entry] of Object.entries(readConfigFile(sources.file))) {
            values[key] = entry.value;
            if (entry.secret) {
                secretKeys.add(key);
            }
        }
    }

    for (const arg of sources.values) {
        const at = arg.indexOf("=");
        if (at <= 0) {
            // The argument may be a value pasted without its key: never repeat it.
            throw new InputError("--config-value expects <key>=<value>, e.g. --config-value my-project:region=us-west-2");
        }
        values[arg.slice(0, at)] = arg.slice(at + 1);
    }
    return { values, secretKeys: [...secretKeys] };
}

/** One entry of a config file: its value and whether it is secret. */
interface ConfigEntry {
    value: unknown;
    secret: boolean;
}

function readConfigFile(file: string): Record<string, ConfigEntry> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new InputError(`--config-file ${file}: no such file`);
    }
    let parsed: unknown;
    try {
        parsed = parseYaml(text);
    } catch (err) {
        // The parser's message quotes the line it stopped at, which may hold a secret: give its position only.
        const at = (err as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
        throw new InputError(`--config-file ${file} is neither YAML nor JSON${at ? ` (line ${at.line}, column ${at.col})` : ""}`);
    }
    const expected =
        "expected what `pulumi config --show-secrets --json` prints ({key: {value, secret}}) or a stack file's shape ({config: {key: value}})";
    if (!isRecord(parsed)) {
        throw new InputError(`--config-file ${file}: ${expected}`);
    }
    const entries = isRecord(parsed["config"]) && Object.keys(parsed).length === 1 ? parsed["config"] : parsed;
    const result: Record<string, ConfigEntry> = {};
    for (const [key, given] of Object.entries(entries)) {
        if (isRecord(given) && "secure" in given) {
            throw new InputError(`--config-file ${file}: ${key} is encrypted ("secure:"); the file must hold plaintext values`);
        }
        if (isRecord(given) && "value" in given && Object.keys(given).every((k) => ["value", "secret", "objectValue"].includes(k))) {
            const secret = given["secret"] === true;
            if (secret && given["value"] === "[secret]") {
                throw new InputError(
                    `--config-file ${file}: ${key} reads "[secret]": write the file with \`pulumi config --show-secrets --json\``,
                );
            }
            result[key] = { value: "objectValue" in given ? given["objectValue"] : given["value"], secret };
            continue;
        }
        result[key] = { value: given, secret: false };
    }
    return result;
}

function parseJsonQuietly(text: string): unknown {
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return undefined;
    }
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
