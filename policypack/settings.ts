/**
 * The pack's settings: what users configure through `--policy-pack-config`
 * (or Pulumi Cloud) under the `openai-hosting-settings` policy, with the
 * defaults that make the pack work with no config at all.
 */
import { hostPatternError } from "./endpoints";
import { patternError } from "./models";
import { ruleNames } from "./registry";
import { defaultTagKeys, TagKeys } from "./tags";

/** One exemption: a named resource may break one policy, for a reason, until a date. */
export interface Exemption {
    /** A resource URN, or a logical-name pattern (`*` matches any run of characters). */
    resource: string;
    /** The policy it is exempt from, or `*` for every rule of the pack. */
    policy: string;
    reason: string;
    owner: string;
    /** Last day (UTC, inclusive) the exemption holds, `YYYY-MM-DD`. */
    expires: string;
    /** Only in this project (a name, or a pattern with `*`); every project when absent. */
    project?: string;
    /** Only in this stack (a name, or a pattern with `*`); every stack when absent. */
    stack?: string;
}

/** Settings as the rules use them. */
export interface Settings {
    allowOpenWeightOffAzure: boolean;
    /**
     * Whether a preview advises on an Azure resource whose block of settings is unknown though it is
     * computed only from Azure resources (a function app's `siteConfig` with its storage account's
     * connection string): such a block can still hide a literal endpoint off Azure.
     */
    adviseOnAzureOnlyBlocks: boolean;
    extraProprietaryModelPatterns: readonly string[];
    extraAzureHostedEndpoints: readonly string[];
    firstPartyProducts: readonly string[];
    openAIHostnames: readonly string[];
    extraAzureDnsTargets: readonly string[];
    tagKeys: TagKeys;
    exemptions: readonly Exemption[];
}

export const defaultSettings: Settings = {
    allowOpenWeightOffAzure: true,
    adviseOnAzureOnlyBlocks: true,
    extraProprietaryModelPatterns: [],
    extraAzureHostedEndpoints: [],
    firstPartyProducts: ["frontier", "chatgpt", "codex", "sora"],
    openAIHostnames: ["openai.com", "chatgpt.com", "sora.com", "oaiusercontent.com"],
    extraAzureDnsTargets: [],
    tagKeys: defaultTagKeys,
    exemptions: [],
};

const stringList = (description: string) => ({
    type: "array" as const,
    items: { type: "string" as const, minLength: 1 },
    description,
});

/**
 * The JSON schema of the settings, as `configSchema` of the settings policy.
 * The Pulumi CLI validates `--policy-pack-config` against it before the pack
 * runs; `parseSettings` checks again (and checks what a schema cannot say).
 */
export const settingsSchema = {
    properties: {
        allowOpenWeightOffAzure: {
            type: "boolean" as const,
            default: defaultSettings.allowOpenWeightOffAzure,
            description: "Whether open-weight OpenAI models (gpt-oss) may be served off Azure.",
        },
        adviseOnAzureOnlyBlocks: {
            type: "boolean" as const,
            default: defaultSettings.adviseOnAzureOnlyBlocks,
            description:
                "Whether a preview advises on an Azure resource whose settings block is unknown though computed only from Azure resources (false: only blocks that take a value from another cloud or stack). `pulumi up` judges every resource either way.",
        },
        extraProprietaryModelPatterns: stringList(
            "More proprietary model names, as case-insensitive globs (`*` = any run of characters), e.g. `acme-gpt-*`.",
        ),
        extraAzureHostedEndpoints: stringList(
            "More endpoint hosts treated as Azure-hosted, exact (`llm.internal.example.com`) or `*.suffix`.",
        ),
        firstPartyProducts: { ...stringList("Names of OpenAI first-party products."), default: defaultSettings.firstPartyProducts },
        openAIHostnames: {
            ...stringList("DNS names (and their subdomains) of OpenAI's API and first-party products."),
            default: defaultSettings.openAIHostnames,
        },
        extraAzureDnsTargets: stringList("More DNS targets treated as Azure, exact or `*.suffix`."),
        workloadTagKeys: { ...stringList("Tag/label keys that declare a workload class."), default: defaultTagKeys.workload },
        productTagKeys: { ...stringList("Tag/label keys that declare a first-party product."), default: defaultTagKeys.product },
        exemptions: {
            type: "array" as const,
            description: "Time-boxed exemptions. A resource's own tags can never exempt it.",
            items: {
                type: "object" as const,
                required: ["resource", "policy", "reason", "owner", "expires"],
                additionalProperties: false,
                properties: {
                    resource: { type: "string" as const, minLength: 1, description: "URN, or logical-name pattern." },
                    policy: { type: "string" as const, minLength: 1, description: "Policy name, or `*`." },
                    reason: { type: "string" as const, minLength: 1 },
                    owner: { type: "string" as const, minLength: 1 },
                    expires: { type: "string" as const, pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "Last day, YYYY-MM-DD (UTC)." },
                    project: { type: "string" as const, minLength: 1, description: "Only in this project (name or pattern)." },
                    stack: { type: "string" as const, minLength: 1, description: "Only in this stack (name or pattern)." },
                },
            },
        },
    },
};

/** Raised for config that is well-formed JSON but wrong; the message names the field. */
export class SettingsError extends Error {
    constructor(problems: string[]) {
        super(`openai-hosting-settings: invalid policy pack config: ${problems.join("; ")}`);
        this.name = "SettingsError";
    }
}

/**
 * Reads and validates the settings policy's config. Throws `SettingsError`
 * listing every problem, so a bad config stops the preview with a message
 * that names the field, instead of silently falling back to defaults.
 */
export function parseSettings(config: unknown): Settings {
    const problems: string[] = [];
    const source = (typeof config === "object" && config !== null ? config : {}) as Record<string, unknown>;
    const known = new Set([...Object.keys(settingsSchema.properties), "enforcementLevel"]);
    for (const key of Object.keys(source)) {
        if (!known.has(key)) {
            problems.push(`unknown setting "${key}"`);
        }
    }
    const list = (key: string, fallback: readonly string[], check?: (entry: string) => string | undefined) => {
        const value = source[key];
        if (value === undefined) {
            return fallback;
        }
        if (!Array.isArray(value) || value.some((entry) => typeof entry !== "string" || entry.trim() === "")) {
            problems.push(`${key} must be a list of non-empty strings`);
            return fallback;
        }
        const entries = value.map((entry: string) => entry.trim());
        entries.forEach((entry, index) => {
            const error = check?.(entry);
            if (error) {
                problems.push(`${key}[${index}] "${entry}": ${error}`);
            }
        });
        return entries;
    };
    const flag = (key: "allowOpenWeightOffAzure" | "adviseOnAzureOnlyBlocks"): boolean => {
        const value = source[key];
        if (value === undefined) {
            return defaultSettings[key];
        }
        if (typeof value !== "boolean") {
            problems.push(`${key} must be true or false`);
            return defaultSettings[key];
        }
        return value;
    };
    const settings: Settings = {
        allowOpenWeightOffAzure: flag("allowOpenWeightOffAzure"),
        adviseOnAzureOnlyBlocks: flag("adviseOnAzureOnlyBlocks"),
        extraProprietaryModelPatterns: list("extraProprietaryModelPatterns", [], patternError),
        extraAzureHostedEndpoints: list("extraAzureHostedEndpoints", [], hostPatternError),
        firstPartyProducts: list("firstPartyProducts", defaultSettings.firstPartyProducts),
        openAIHostnames: list("openAIHostnames", defaultSettings.openAIHostnames, hostPatternError),
        extraAzureDnsTargets: list("extraAzureDnsTargets", [], hostPatternError),
        tagKeys: {
            workload: list("workloadTagKeys", defaultTagKeys.workload),
            product: list("productTagKeys", defaultTagKeys.product),
        },
        exemptions: parseExemptions(source.exemptions, problems),
    };
    if (problems.length > 0) {
        throw new SettingsError(problems);
    }
    return settings;
}

function parseExemptions(value: unknown, problems: string[]): Exemption[] {
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value)) {
        problems.push("exemptions must be a list");
        return [];
    }
    const exemptions: Exemption[] = [];
    value.forEach((entry: unknown, index) => {
        const where = `exemptions[${index}]`;
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            problems.push(`${where} must be an object`);
            return;
        }
        const record = entry as Record<string, unknown>;
        const fields = ["resource", "policy", "reason", "owner", "expires"] as const;
        const scopes = ["project", "stack"] as const;
        const missing = fields.filter((field) => typeof record[field] !== "string" || (record[field] as string).trim() === "");
        if (missing.length > 0) {
            problems.push(`${where} needs ${missing.map((field) => `"${field}"`).join(", ")} (non-empty text)`);
            return;
        }
        for (const key of Object.keys(record)) {
            if (!(fields as readonly string[]).includes(key) && !(scopes as readonly string[]).includes(key)) {
                problems.push(`${where} has unknown field "${key}"`);
            }
        }
        const exemption = Object.fromEntries(fields.map((field) => [field, (record[field] as string).trim()])) as unknown as Exemption;
        for (const scope of scopes) {
            const value = record[scope];
            if (value === undefined) {
                continue;
            }
            if (typeof value !== "string" || value.trim() === "") {
                problems.push(`${where}.${scope} must be non-empty text`);
            } else {
                exemption[scope] = value.trim();
            }
        }
        if (exemption.policy !== "*" && !(ruleNames as readonly string[]).includes(exemption.policy)) {
            problems.push(`${where}.policy "${exemption.policy}" is not one of ${ruleNames.join(", ")} or "*"`);
        }
        if (!isCalendarDate(exemption.expires)) {
            problems.push(`${where}.expires "${exemption.expires}" is not a date YYYY-MM-DD`);
        }
        exemptions.push(exemption);
    });
    return exemptions;
}

function isCalendarDate(text: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
        return false;
    }
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
