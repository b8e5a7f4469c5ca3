// What the Pulumi CLI reads from a project folder before it runs the program: the project name,
// the entry point and the stack's configuration (Pulumi.yaml plus Pulumi.<stack>.yaml).
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
    /** Problems worth telling the user about: `secure:` values cannot be decrypted here and are left out. */
    warnings: string[];
}

/** Reads Pulumi.yaml and Pulumi.<stack>.yaml of `projectDir` the way the CLI merges them (stack values win). */
export function readProject(projectDir: string, stack: string): ProjectSettings {
    const projectFile = path.join(projectDir, "Pulumi.yaml");
    const manifest = asRecord(parseYaml(fs.readFileSync(projectFile, "utf8")), projectFile);
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
    const warnings: string[] = [];
    for (const [key, declared] of Object.entries(asRecord(manifest["config"] ?? {}, projectFile))) {
        const value = projectDefault(declared);
        if (value !== undefined) {
            config[qualify(key, project)] = value;
        }
    }

    const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (fs.existsSync(stackFile)) {
        const stackManifest = asRecord(parseYaml(fs.readFileSync(stackFile, "utf8")) ?? {}, stackFile);
        for (const [key, value] of Object.entries(asRecord(stackManifest["config"] ?? {}, stackFile))) {
            const qualified = qualify(key, project);
            if (isSecureValue(value)) {
                warnings.push(`${stackFile}: ${qualified} is encrypted ("secure:") and was left out`);
                continue;
            }
            config[qualified] = value;
        }
    }
    return { project, stack, main, config, warnings };
}

/** The `PULUMI_CONFIG` environment variable the Node.js language host gives a program. */
export function programConfigEnvironment(settings: ProjectSettings): Record<string, string> {
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(settings.config)) {
        flat[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { PULUMI_CONFIG: JSON.stringify(flat) };
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

function qualify(key: string, project: string): string {
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
