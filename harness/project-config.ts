// What the Pulumi CLI reads from a project folder before it runs the program: the project name,
// the entry point and the stack's configuration (Pulumi.yaml plus Pulumi.<stack>.yaml), and what
// it hands the Node.js program: PULUMI_CONFIG, a JSON object of "<namespace>:<key>" to string,
// and PULUMI_CONFIG_SECRET_KEYS, a JSON array of the keys whose values are secret
// (@pulumi/pulumi runtime/config.js). Encrypted (`secure:`) values cannot be decrypted here: the
// user supplies them (see {@link SuppliedConfig}), and they stay secret.
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";

/**
 * A project folder as the CLI sees it for one stack.
 *
 * @example
 * const p = readProject("examples/bedrock-gpt", "dev");
 * // p.project === "bedrock-gpt"; p.config["aws:region"] === "us-west-2"
 */
export interface ProjectSettings {
    /** `name` from Pulumi.yaml. */
    project: string;
    stack: string;
    /** Absolute path of the program's entry module (Pulumi.yaml `main`, else the folder). */
    main: string;
    /** Fully qualified config keys (`<namespace>:<key>`) to their values; structured values stay objects. */
    config: Record<string, unknown>;
    /** Keys of `config` whose values are secret. */
    secretKeys: string[];
    /** Keys the stack file holds encrypted (`secure:`) that were not supplied: left out of `config`. */
    missingSecrets: string[];
    /** Problems worth telling the user about, e.g. encrypted values nobody supplied. */
    warnings: string[];
}

/**
 * Config values given to the checker for a program, in place of what the CLI would decrypt or
 * take from `--config`: keys as `<namespace>:<key>` or bare `<key>` (the project's namespace).
 *
 * @example
 * const supplied: SuppliedConfig = { values: { openaiApiKey: "sk-…", "aws:region": "us-west-2" }, secretKeys: ["openaiApiKey"] };
 */
export interface SuppliedConfig {
    values: Record<string, unknown>;
    /** Keys of `values` that are secret (besides those the stack file holds as `secure:`). */
    secretKeys: string[];
}

/** The stack file's name and the folder it is in (Pulumi.yaml `stackConfigDir`, else the project folder). */
function stackFileOf(projectDir: string, manifest: Record<string, unknown>, stack: string): string {
    const dir = typeof manifest["stackConfigDir"] === "string" ? path.resolve(projectDir, manifest["stackConfigDir"]) : projectDir;
    return path.join(dir, `Pulumi.${stackNameOf(stack)}.yaml`);
}

/** `org/project/name` and `org/name` select the stack `name`, whose config is Pulumi.<name>.yaml. */
export function stackNameOf(stack: string): string {
    return stack.slice(stack.lastIndexOf("/") + 1);
}

/**
 * The stacks a project folder has config for: the `<name>` of every Pulumi.<name>.yaml.
 *
 * @example
 * stacksOf("examples/bedrock-gpt"); // ["dev"]
 */
export function stacksOf(projectDir: string): string[] {
    const manifest = readManifest(projectDir);
    const dir = path.dirname(stackFileOf(projectDir, manifest, "x"));
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs
        .readdirSync(dir)
        .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
        .filter((name): name is string => name !== undefined)
        .sort();
}

/** True when the project folder has a Pulumi.<stack>.yaml for `stack`. */
export function hasStackFile(projectDir: string, stack: string): boolean {
    return fs.existsSync(stackFileOf(projectDir, readManifest(projectDir), stack));
}

/**
 * Reads Pulumi.yaml and Pulumi.<stack>.yaml of `projectDir` the way the CLI merges them (stack
 * values win), then `supplied` over both. A supplied value for a key the stack file holds as
 * `secure:` is secret, as is every key `supplied.secretKeys` names.
 */
export function readProject(projectDir: string, stack: string, supplied: SuppliedConfig = { values: {}, secretKeys: [] }): ProjectSettings {
    const projectFile = path.join(projectDir, "Pulumi.yaml");
    const manifest = readManifest(projectDir);
    const project = manifest["name"];
    if (typeof project !== "string" || project === "") {
        throw new Error(`${projectFile}: missing project "name"`);
    }
    const runtime = manifest["runtime"];
    const runtimeName = typeof runtime === "string" ? runtime : asRecord(runtime ?? {}, projectFile)["name"];
    if (runtimeName !== "nodejs") {
        throw new Error(`${projectFile}: runtime ${JSON.stringify(runtimeName)} is not nodejs; only Node.js programs can be recorded`);
    }
    const main = typeof manifest["main"] === "string" ? path.resolve(projectDir, manifest["main"]) : path.resolve(projectDir);

    const config: Record<string, unknown> = {};
    const secret = new Set<string>();
    const encrypted = new Set<string>();
    for (const [key, declared] of Object.entries(asRecord(manifest["config"] ?? {}, projectFile))) {
        const value = projectDefault(declared);
        if (value !== undefined) {
            config[qualify(key, project)] = value;
        }
    }

    const stackFile = stackFileOf(projectDir, manifest, stack);
    if (fs.existsSync(stackFile)) {
        const stackManifest = asRecord(parseYaml(fs.readFileSync(stackFile, "utf8")) ?? {}, stackFile);
        for (const [key, value] of Object.entries(asRecord(stackManifest["config"] ?? {}, stackFile))) {
            const qualified = qualify(key, project);
            if (isSecureValue(value)) {
                encrypted.add(qualified);
                secret.add(qualified);
                delete config[qualified];
                continue;
            }
            config[qualified] = value;
        }
    }

    for (const [key, value] of Object.entries(supplied.values)) {
        config[qualify(key, project)] = value;
    }
    for (const key of supplied.secretKeys) {
        secret.add(qualify(key, project));
    }
    const missingSecrets = [...encrypted].filter((key) => !(key in config));
    const warnings = missingSecrets.map(
        (key) =>
            `${stackFile}: ${key} is encrypted ("secure:") and no value was supplied, so the program runs without it; ` +
            `supply it with --config-value ${key}=…, a --config-file or PULUMI_CONFIG`,
    );
    return {
        project,
        stack: stackNameOf(stack),
        main,
        config,
        secretKeys: [...secret].filter((key) => key in config).sort(),
        missingSecrets,
        warnings,
    };
}

/** The `PULUMI_CONFIG` and `PULUMI_CONFIG_SECRET_KEYS` environment variables the Node.js language host gives a program. */
export function programConfigEnvironment(settings: ProjectSettings): Record<string, string> {
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(settings.config)) {
        flat[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { PULUMI_CONFIG: JSON.stringify(flat), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(settings.secretKeys) };
}

/** The config values under one package namespace (`aws:region` → `region`), as the engine gives a default provider. */
export function packageConfig(config: Record<string, unknown>, pkg: string): Record<string, unknown> {
    const prefix = `${pkg}:`;
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
        if (key.startsWith(prefix)) {
            result[key.slice(prefix.length)] = value;
        }
    }
    return result;
}

// Values this short or this common would blank out ordinary words of a message; they are not secrets.
const tooCommonToRedact = new Set(["true", "false", "null"]);

/**
 * A function that replaces every secret config value in a text with `[secret]`, as the Pulumi CLI
 * filters its output: whole values, each string inside a structured value, and their JSON-escaped forms.
 *
 * @example
 * redactorOf({ config: { "app:key": "sk-live-123" }, secretKeys: ["app:key"] })("bad key sk-live-123"); // "bad key [secret]"
 */
export function redactorOf(settings: Pick<ProjectSettings, "config" | "secretKeys">): (text: string) => string {
    const values = new Set<string>();
    const collect = (value: unknown): void => {
        if (typeof value === "string" || typeof value === "number") {
            const text = String(value);
            values.add(text);
            values.add(JSON.stringify(text).slice(1, -1));
        } else if (typeof value === "object" && value !== null) {
            values.add(JSON.stringify(value));
            Object.values(value).forEach(collect);
        }
    };
    for (const key of settings.secretKeys) {
        collect(settings.config[key]);
    }
    // Longest first, so a value containing another is replaced whole.
    const secrets = [...values].filter((v) => v.length >= 3 && !tooCommonToRedact.has(v)).sort((a, b) => b.length - a.length);
    if (secrets.length === 0) {
        return (text) => text;
    }
    return (text) => secrets.reduce((redacted, secret) => redacted.split(secret).join("[secret]"), text);
}

function readManifest(projectDir: string): Record<string, unknown> {
    const projectFile = path.join(projectDir, "Pulumi.yaml");
    return asRecord(parseYaml(fs.readFileSync(projectFile, "utf8")), projectFile);
}

// Pulumi.yaml accepts `key: value` and `key: {type, description, default | value}`.
function projectDefault(declared: unknown): unknown {
    if (typeof declared !== "object" || declared === null || Array.isArray(declared)) {
        return declared;
    }
    const spec = declared as Record<string, unknown>;
    if ("value" in spec) {
        return spec["value"];
    }
    return spec["default"];
}

/** A key as the CLI stores it: `<namespace>:<key>`, the project's namespace when none is given. */
export function qualify(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function isSecureValue(value: unknown): boolean {
    return typeof value === "object" && value !== null && "secure" in value;
}

function asRecord(value: unknown, file: string): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new Error(`${file}: expected a mapping, got ${JSON.stringify(value)}`);
    }
    return value as Record<string, unknown>;
}
