/**
 * What a workload setting means, from its name: the model a server serves,
 * the model a client asks for, or the endpoint a client calls. DOMAIN.md,
 * "Evidence" 3 and 4: a model setting next to a base-URL/endpoint setting, or
 * in the `OPENAI_*` / `AZURE_OPENAI_*` client conventions, is a client's.
 */
import { looksLikeEndpoint } from "./endpoints";
import { Setting, SettingScope } from "./evidence/types";

/** `--served-model-name`, `servedModelName`, `SERVED_MODEL` → `SERVED_MODEL_NAME` style. */
export function normalisedName(name: string): string {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, "_")
        .replace(/^_+|_+$/g, "");
}

const clientWords = new Set([
    "OPENAI",
    "LLM",
    "MODEL",
    "INFERENCE",
    "AI",
    "CHAT",
    "GPT",
    "COMPLETION",
    "COMPLETIONS",
    "FOUNDRY",
    "BEDROCK",
]);
const bareEndpointNames = new Set(["BASE_URL", "API_BASE", "API_URL", "ENDPOINT", "API_ENDPOINT", "BASEURL", "APIBASE"]);

function isEndpointName(name: string): boolean {
    return (
        name.includes("BASE_URL") ||
        name.includes("API_BASE") ||
        name.includes("API_URL") ||
        name.includes("BASEURL") ||
        name.split("_").includes("ENDPOINT")
    );
}

function isClientConvention(name: string): boolean {
    return name.startsWith("OPENAI_") || name.startsWith("AZURE_OPENAI_");
}

function isServedModelName(name: string): boolean {
    return name.startsWith("SERVED_MODEL") || name === "HF_MODEL_ID" || name === "HUGGING_FACE_HUB_MODEL_ID" || name === "MODEL_REPO";
}

function isModelName(name: string): boolean {
    const words = name.split("_");
    return words.includes("MODEL") || words.includes("MODELS") || name.endsWith("DEPLOYMENT") || name.endsWith("DEPLOYMENT_NAME");
}

/** The settings of one scope, sorted by what they mean. */
export interface ScopeRoles {
    /** The scope is configured as a client of a model API. */
    isClient: boolean;
    servedModels: Setting[];
    clientModels: Setting[];
    endpoints: Setting[];
}

/** Sorts a scope's settings by role. Secret-looking settings are never models or endpoints. */
export function rolesIn(scope: SettingScope, isSecretName: (name: string) => boolean): ScopeRoles {
    const roles: ScopeRoles = { isClient: false, servedModels: [], clientModels: [], endpoints: [] };
    const generic: Setting[] = [];
    for (const setting of scope.settings) {
        const name = normalisedName(setting.name);
        if (isSecretName(setting.name)) {
            roles.isClient = roles.isClient || isClientConvention(name);
            continue;
        }
        if (isEndpointName(name)) {
            const clientish = bareEndpointNames.has(name) || name.split("_").some((word) => clientWords.has(word));
            if (clientish && (setting.unknown || (setting.value !== undefined && looksLikeEndpoint(setting.value)))) {
                roles.endpoints.push(setting);
                roles.isClient = true;
            }
            continue;
        }
        if (isServedModelName(name)) {
            roles.servedModels.push(setting);
        } else if (isModelName(name)) {
            if (isClientConvention(name)) {
                roles.clientModels.push(setting);
            } else {
                generic.push(setting);
            }
        }
        roles.isClient = roles.isClient || isClientConvention(name);
    }
    // A generic model setting (MODEL, --model, MODEL_ID) is the client's when the scope is a client.
    (roles.isClient ? roles.clientModels : roles.servedModels).push(...generic);
    return roles;
}
