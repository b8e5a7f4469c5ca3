// Policy pack configuration the way the Pulumi CLI handles `--policy-pack-config <file>`:
// parse the JSON, lay it over each policy's defaults (level, schema `default`s, the pack's
// initial config), validate it against each policy's schema, and hand every policy's entry to
// the analyzer's Configure. Mirrors pkg/resource/analyzer/config.go in pulumi/pulumi.

/** A policy's enforcement level. */
export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

const levels: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** A JSON schema, as a policy's `configSchema.properties` entries are. */
export type JsonSchema = Record<string, unknown>;

/** A policy as GetAnalyzerInfo describes it. */
export interface PolicyInfo {
    name: string;
    displayName?: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    /** "resource" or "stack" (the SDK reports it since policy 1.x). */
    policyType: "resource" | "stack" | "unknown";
    configSchema?: { properties: Record<string, JsonSchema>; required: string[] };
    severity?: "low" | "medium" | "high" | "critical";
    /** The compliance framework the policy belongs to (Pulumi policy metadata). */
    framework?: { name: string; version: string; reference: string; specification: string };
    tags?: string[];
    remediationSteps?: string;
    url?: string;
}

/**
 * The `--policy-pack-config` file: `all` sets every policy's level; a policy's key takes a level
 * or an object of `enforcementLevel` plus config properties.
 *
 * @example
 * const config: PolicyPackConfigFile = {
 *     all: "mandatory",
 *     "no-public-buckets": "advisory",
 *     "approved-regions": { enforcementLevel: "mandatory", regions: ["westeurope"] },
 * };
 */
export type PolicyPackConfigFile = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

/** One policy's configuration, as sent in ConfigureAnalyzerRequest. */
export interface PolicyConfigEntry {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

/** One policy's entry in a config file or in the pack's initial config, before defaults are filled in. */
export interface PolicyConfigOverride {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

/** True when `value` names an enforcement level. */
export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (levels as readonly string[]).includes(value);
}

/**
 * The Pulumi ESC environments a `--policy-pack-config` file names (`"environments": ["org/env"]`),
 * which the CLI resolves into policy config and environment variables. Throws, as the CLI does,
 * when the key is not a list of strings.
 */
export function escEnvironmentsOf(document: unknown): string[] {
    const environments = (typeof document === "object" && document !== null ? (document as Record<string, unknown>) : {})["environments"];
    if (environments === undefined) {
        return [];
    }
    if (!Array.isArray(environments) || environments.some((e) => typeof e !== "string")) {
        throw new Error(`"environments" must be an array of strings, got ${JSON.stringify(environments)}`);
    }
    return environments as string[];
}

/** Parses a `--policy-pack-config` document, rejecting invalid levels and values as the CLI does. */
export function parsePolicyPackConfig(document: unknown): Record<string, PolicyConfigOverride> {
    if (typeof document !== "object" || document === null || Array.isArray(document)) {
        throw new Error(`policy pack config must be a JSON object, got ${JSON.stringify(document)}`);
    }
    escEnvironmentsOf(document); // validated; the CLI takes this key as ESC references, not as a policy
    const result: Record<string, PolicyConfigOverride> = {};
    for (const [key, value] of Object.entries(document as Record<string, unknown>)) {
        if (key === "environments") {
            continue;
        }
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) {
                throw new Error(`parsing enforcement level for "${key}": "${value}" is not a valid enforcement level`);
            }
            result[key] = { enforcementLevel: value };
        } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
                throw new Error(
                    `parsing enforcement level for "${key}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`,
                );
            }
            const given: PolicyConfigOverride = {};
            if (enforcementLevel !== undefined) {
                given.enforcementLevel = enforcementLevel;
            }
            if (Object.keys(properties).length > 0) {
                given.properties = properties;
            }
            if (given.enforcementLevel !== undefined || given.properties !== undefined) {
                result[key] = given;
            }
        } else {
            throw new Error(`parsing "${key}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
        }
    }
    return result;
}

/**
 * The configuration the engine sends to Configure: every policy with its default level and schema
 * defaults, then the pack's initial config, then the given file (`all` first, then per policy).
 * Throws with every schema violation, as `pulumi preview` refuses to run with an invalid config.
 */
export function reconcilePolicyPackConfig(
    policies: PolicyInfo[],
    initialConfig: Record<string, PolicyConfigOverride>,
    given: Record<string, PolicyConfigOverride>,
): Record<string, PolicyConfigEntry> {
    let result: Record<string, PolicyConfigEntry> = {};
    for (const policy of policies) {
        const properties: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if ("default" in schema) {
                properties[key] = schema["default"];
            }
        }
        result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties };
    }
    result = applyConfig(result, initialConfig);
    result = applyConfig(result, given);

    const errors: string[] = [];
    for (const policy of policies) {
        if (policy.configSchema) {
            const schema: JsonSchema = {
                type: "object",
                properties: policy.configSchema.properties,
                required: policy.configSchema.required,
            };
            for (const error of schemaViolations(schema, result[policy.name]?.properties ?? {}, "")) {
                errors.push(`${policy.name}: ${error}`);
            }
        }
    }
    if (errors.length > 0) {
        throw new Error(`policy pack configuration is invalid:\n  ${errors.join("\n  ")}`);
    }
    return result;
}

// As the engine does, `all` also lands in the result under its own key; the SDK ignores it.
function applyConfig(
    result: Record<string, PolicyConfigEntry>,
    toApply: Record<string, PolicyConfigOverride>,
): Record<string, PolicyConfigEntry> {
    const next: Record<string, PolicyConfigEntry> = {};
    const all = toApply["all"]?.enforcementLevel;
    for (const [name, entry] of Object.entries(result)) {
        next[name] = { enforcementLevel: all ?? entry.enforcementLevel, properties: { ...entry.properties } };
    }
    for (const [name, given] of Object.entries(toApply)) {
        const current = next[name];
        const enforcementLevel = given.enforcementLevel ?? current?.enforcementLevel;
        if (enforcementLevel === undefined) {
            // Only properties for a policy the pack does not have: the engine would send an invalid level.
            throw new Error(`policy pack config names "${name}", which is not a policy in this pack, without an enforcement level`);
        }
        next[name] = { enforcementLevel, properties: { ...(current?.properties ?? {}), ...(given.properties ?? {}) } };
    }
    return next;
}

/**
 * The JSON-schema violations of `value` (the subset policy config schemas use: type, enum, const,
 * required, properties, additionalProperties, items, min/max, minLength/maxLength, pattern,
 * minItems/maxItems).
 */
export function schemaViolations(schema: JsonSchema, value: unknown, at: string): string[] {
    const where = at === "" ? "" : `${at}: `;
    const errors: string[] = [];
    const type = schema["type"];
    if (type !== undefined) {
        const types = Array.isArray(type) ? type : [type];
        if (!types.some((t) => matchesType(String(t), value))) {
            return [`${where}invalid type, expected ${types.join(" or ")}, given ${jsonType(value)}`];
        }
    }
    const allowed = schema["enum"];
    if (Array.isArray(allowed) && !allowed.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
        errors.push(`${where}must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
    }
    if ("const" in schema && JSON.stringify(schema["const"]) !== JSON.stringify(value)) {
        errors.push(`${where}must be ${JSON.stringify(schema["const"])}`);
    }
    if (typeof value === "number") {
        if (typeof schema["minimum"] === "number" && value < schema["minimum"]) {
            errors.push(`${where}must be >= ${schema["minimum"]}`);
        }
        if (typeof schema["maximum"] === "number" && value > schema["maximum"]) {
            errors.push(`${where}must be <= ${schema["maximum"]}`);
        }
    }
    if (typeof value === "string") {
        if (typeof schema["minLength"] === "number" && value.length < schema["minLength"]) {
            errors.push(`${where}length must be >= ${schema["minLength"]}`);
        }
        if (typeof schema["maxLength"] === "number" && value.length > schema["maxLength"]) {
            errors.push(`${where}length must be <= ${schema["maxLength"]}`);
        }
        if (typeof schema["pattern"] === "string" && !new RegExp(schema["pattern"], "u").test(value)) {
            errors.push(`${where}does not match pattern ${schema["pattern"]}`);
        }
    }
    if (Array.isArray(value)) {
        if (typeof schema["minItems"] === "number" && value.length < schema["minItems"]) {
            errors.push(`${where}must have at least ${schema["minItems"]} items`);
        }
        if (typeof schema["maxItems"] === "number" && value.length > schema["maxItems"]) {
            errors.push(`${where}must have at most ${schema["maxItems"]} items`);
        }
        const items = schema["items"];
        if (isSchema(items)) {
            value.forEach((item, i) => errors.push(...schemaViolations(items, item, `${at}[${i}]`)));
        }
    }
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        const record = value as Record<string, unknown>;
        const properties = isSchema(schema["properties"]) ? (schema["properties"] as Record<string, JsonSchema>) : {};
        const required = Array.isArray(schema["required"]) ? (schema["required"] as string[]) : [];
        for (const key of required) {
            if (!(key in record)) {
                errors.push(`${where}${key} is required`);
            }
        }
        const additional = schema["additionalProperties"];
        for (const [key, child] of Object.entries(record)) {
            const childAt = at === "" ? key : `${at}.${key}`;
            const childSchema = properties[key];
            if (isSchema(childSchema)) {
                errors.push(...schemaViolations(childSchema, child, childAt));
            } else if (additional === false) {
                errors.push(`${childAt}: additional property not allowed`);
            } else if (isSchema(additional)) {
                errors.push(...schemaViolations(additional, child, childAt));
            }
        }
    }
    return errors;
}

function isSchema(value: unknown): value is JsonSchema {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function matchesType(type: string, value: unknown): boolean {
    switch (type) {
        case "integer":
            return Number.isInteger(value);
        case "number":
            return typeof value === "number";
        case "null":
            return value === null;
        default:
            return jsonType(value) === type;
    }
}

function jsonType(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    return typeof value === "number" ? "number" : typeof value;
}
