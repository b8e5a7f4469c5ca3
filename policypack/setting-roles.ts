/**
 * What a workload setting means, from its name: the model a server serves,
 * the model a client asks for, or the endpoint a client calls. DOMAIN.md,
 * "Evidence" 3 and 4: a model setting next to a base-URL/endpoint setting, or
 * in the `OPENAI_*` / `AZURE_OPENAI_*` client conventions, is a client's.
 */
import { looksLikeEndpoint } from "./endpoints";
import { Setting, SettingScope } from "./evidence/types";
import { engineOfImage, engineOfWord } from "./engines";
import { rememberedBy } from "./memo";
import { namesBedrockModel } from "./models";

/** The words of a normalised name (`SERVED_MODEL_NAME` → SERVED, MODEL, NAME), remembered like the names. */
export const wordsOf: (name: string) => readonly string[] = rememberedBy((name) => name.split("_"));

/** `--served-model-name`, `servedModelName`, `SERVED_MODEL` → `SERVED_MODEL_NAME` style. */
export const normalisedName: (name: string) => string = rememberedBy(
    (name) =>
        name
            .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
            .toUpperCase()
            .replace(/[^A-Z0-9]+/g, "_")
            .replace(/^_|_$/g, ""), // runs of separators are one underscore by now
);

/** The words of a name as written (`servedModelName` → SERVED, MODEL, NAME): one lookup where most readers need both steps. */
export const nameWords: (name: string) => readonly string[] = rememberedBy((name) => wordsOf(normalisedName(name)));

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

/** Last words of a name that give a host without a scheme (`LLM_HOST=acme.openai.azure.com`, `INFERENCE_ADDRESS`). */
const hostWords = new Set(["HOST", "HOSTNAME", "ADDRESS", "ADDR"]);

function isEndpointName(name: string, words: readonly string[]): boolean {
    return (
        name.includes("BASE_URL") ||
        name.includes("API_BASE") ||
        name.includes("API_URL") ||
        name.includes("BASEURL") ||
        words.includes("ENDPOINT") ||
        (words.length > 1 && hostWords.has(words[words.length - 1]))
    );
}

/** The OpenAI SDKs' settings, also under a namespace (`AIRFLOW_VAR_OPENAI_MODEL`, `APP_OPENAI_API_KEY`). */
export function isClientConvention(name: string): boolean {
    // OPENAI as one of two or more words.
    return name.startsWith("OPENAI_") || name.endsWith("_OPENAI") || name.includes("_OPENAI_");
}

export function isServedModelName(name: string): boolean {
    return name.startsWith("SERVED_MODEL") || name === "HF_MODEL_ID" || name === "HUGGING_FACE_HUB_MODEL_ID" || name === "MODEL_REPO";
}

/** The names a server's own model goes by (`--model`, `--model-id`, `MODEL_NAME` …); anything else is qualified (`JUDGE_MODEL`). */
const ownModelNames = new Set(["MODEL", "MODEL_ID", "MODEL_NAME", "MODEL_PATH", "MODEL_DIR", "MODEL_REPO"]);

function isQualifiedModelName(setting: Setting): boolean {
    return !ownModelNames.has(normalisedName(setting.name)) && !isServedModelName(normalisedName(setting.name));
}

function isModelName(name: string, words: readonly string[]): boolean {
    return words.includes("MODEL") || words.includes("MODELS") || name.endsWith("DEPLOYMENT") || name.endsWith("DEPLOYMENT_NAME");
}

/** Last words of a setting that names a model itself, not one of its parameters (`MAX_MODEL_LEN`, `MODEL_REVISION`). */
const modelIdentityWords = new Set(["MODEL", "MODELS", "ID", "NAME", "NAMES", "PATH", "DIR", "REPO", "DEPLOYMENT", "ENGINE"]);

/**
 * Whether an unknown value of this setting may be the model's name: `--model`, `MODEL_ID`,
 * `--served-model-name`; not `--max-model-len` or `MODEL_MAX_TOKENS`, whose values are numbers.
 */
export function namesModelItself(setting: Setting): boolean {
    const words = nameWords(setting.name);
    return modelIdentityWords.has(words[words.length - 1]);
}

/** The settings of one scope, sorted by what they mean. */
export interface ScopeRoles {
    /** The scope is configured as a client of a model API. */
    isClient: boolean;
    /** The scope runs a serving engine (vLLM, TGI …): its generic model settings are the model it serves. */
    isServer: boolean;
    servedModels: Setting[];
    clientModels: Setting[];
    /** Models named as Bedrock model ids or ARNs (`openai.gpt-5-v1:0`), or in BEDROCK_* settings: invoked on Amazon Bedrock. */
    bedrockModels: Setting[];
    endpoints: Setting[];
    /**
     * Where a gateway or SDK setting says the calls go without a URL: `provider: azure-openai`,
     * LiteLLM's `azure/…` or `bedrock/…` model routes. Azure and OpenAI's own API are Azure-hosted.
     */
    upstream?: { service: string; cloud: "azure" | "aws" | "gcp"; setting: Setting };
}

/** Settings that name the serving engine (`engine: VLLM`, `runtime: kserve-huggingfaceserver`). */
function engineNamed(words: readonly string[], setting: Setting): string | undefined {
    if (
        setting.value === undefined ||
        !words.some((word) => ["ENGINE", "RUNTIME", "BACKEND", "SERVER", "FRAMEWORK", "SERVING"].includes(word))
    ) {
        return undefined;
    }
    return engineOfWord(setting.value) ?? engineOfImage(setting.value);
}

/** Where a server's model weights are (`url: s3://…/gpt-4o-mini/`, `storageUri: hf://…`): its model, when the scope runs a serving engine. */
function isModelLocation(words: readonly string[]): boolean {
    const last = words[words.length - 1];
    return (
        ["URL", "URI", "SOURCE", "WEIGHTS", "CHECKPOINT", "PATH", "REPO", "REPOSITORY"].includes(last) &&
        !words.includes("BASE") &&
        !words.includes("API")
    );
}

/** Providers a gateway or SDK names, and where they serve (`provider: bedrock`, Portkey's `azure-openai`). */
const providerUpstreams: ReadonlyArray<[names: string[], service: string, cloud: "azure" | "aws" | "gcp"]> = [
    [["AZURE", "AZURE_OPENAI", "AZUREOPENAI", "AZURE_AI"], "Azure OpenAI", "azure"],
    [["OPENAI"], "api.openai.com", "azure"],
    [["BEDROCK", "AWS_BEDROCK", "AMAZON_BEDROCK"], "Amazon Bedrock", "aws"],
    [["VERTEX", "VERTEX_AI", "VERTEXAI", "GOOGLE_VERTEX", "GOOGLE"], "Google Vertex AI", "gcp"],
];

/** The upstream a `provider` setting names. */
function upstreamNamed(words: readonly string[], setting: Setting): ScopeRoles["upstream"] | undefined {
    if (setting.value === undefined || !words.includes("PROVIDER")) {
        return undefined;
    }
    const value = normalisedName(setting.value);
    const found = providerUpstreams.find(([names]) => names.includes(value));
    return found ? { service: found[1], cloud: found[2], setting } : undefined;
}

/** LiteLLM-style model routes that say who serves the model: `azure/gpt-4o`, `azure_ai/…`, `bedrock/…`, `vertex_ai/…`. */
function upstreamRouted(setting: Setting): ScopeRoles["upstream"] | undefined {
    const value = setting.value?.trim().toLowerCase() ?? "";
    if (value.startsWith("azure/") || value.startsWith("azure_ai/")) {
        return { service: "Azure OpenAI", cloud: "azure", setting };
    }
    if (value.startsWith("vertex_ai/")) {
        return { service: "Google Vertex AI", cloud: "gcp", setting };
    }
    return undefined;
}

/** Words of a URL a request carries that is not where it is sent (`callback_url`, `image_url`). */
const notTargetWords = new Set(["CALLBACK", "WEBHOOK", "REDIRECT", "RETURN", "NOTIFICATION", "IMAGE", "ICON", "LOGO", "DOCS", "STATUS"]);

/** Whether a value is a URL a client sends calls to (HTTP, WebSocket, gRPC). */
function isNetworkUrl(value: string): boolean {
    return /^(https?|wss?|grpcs?):\/\//i.test(value.trim());
}

/** A request's target: a setting whose last word is URL or URI (`url`, `args.url`), whose value is a network URL. */
function isRequestTarget(setting: Setting): boolean {
    const words = nameWords(setting.name);
    const last = words[words.length - 1];
    return (
        (last === "URL" || last === "URI") &&
        !words.some((word) => notTargetWords.has(word)) &&
        setting.value !== undefined &&
        isNetworkUrl(setting.value)
    );
}

/** A URL setting of a client that is not about its credentials, docs or callbacks (`upstream_url`, `target_uri`). */
function isUrlOfAClient(setting: Setting): boolean {
    const words = nameWords(setting.name);
    const last = words[words.length - 1];
    return (
        (last === "URL" || last === "URI") &&
        words.some((word) => upstreamWords.has(word)) &&
        setting.value !== undefined &&
        isNetworkUrl(setting.value)
    );
}

/**
 * Words that name where a client's model calls go (`upstream_url`, `LLM_URL`, `GATEWAY_URL`): a
 * URL named after anything else (`JIRA_URL`, `WAREHOUSE_URL`, `SUPPORT_PORTAL_URL`) is another
 * service the workload talks to, not its model API.
 */
const upstreamWords = new Set([
    ...clientWords,
    "UPSTREAM",
    "GATEWAY",
    "PROXY",
    "ROUTER",
    "SERVING",
    "TARGET",
    "BACKEND",
    "PROVIDER",
    "EMBEDDING",
    "EMBEDDINGS",
]);

/** Model APIs and gateways whose SDK settings are named after them (`LITELLM_BASE_URL`, `OLLAMA_HOST`). */
const modelServiceWords = new Set([
    "LITELLM",
    "PORTKEY",
    "HELICONE",
    "OPENROUTER",
    "VLLM",
    "OLLAMA",
    "TGI",
    "LOCALAI",
    "ANTHROPIC",
    "MISTRAL",
    "GROQ",
    "TOGETHER",
    "FIREWORKS",
    "DEEPSEEK",
    "GEMINI",
    "VERTEX",
    "COHERE",
]);

/** An SDK-shaped base URL (`X_BASE_URL`, `X_API_BASE`) whose X names neither a model API nor a client's upstream. */
function isForeignBase(setting: Setting): boolean {
    const stem = stemOf(setting);
    return stem.length > 0 && !stem.some((word) => upstreamWords.has(word) || modelServiceWords.has(word));
}

/** Whether a model setting invokes Bedrock: a Bedrock model id or ARN, LiteLLM's `bedrock/` route, or a BEDROCK_* name. */
function isBedrockModelSetting(words: readonly string[], setting: Setting): boolean {
    return words.includes("BEDROCK") || (setting.value !== undefined && namesBedrockModel(setting.value));
}

/**
 * Sorts a scope's settings by role. Secret-looking settings are never models or endpoints. A
 * scope that runs a serving engine is a server; one with an endpoint, an OPENAI_* convention or
 * a gateway's upstream parameters (LiteLLM's `litellm_params`) is a client.
 */
export function rolesIn(scope: SettingScope, isSecretName: (name: string) => boolean, clientResource = false): ScopeRoles {
    const roles: ScopeRoles = {
        isClient: false,
        isServer: scope.engines.length > 0,
        servedModels: [],
        clientModels: [],
        bedrockModels: [],
        endpoints: [],
    };
    const generic: Setting[] = [];
    const locations: Setting[] = [];
    for (const setting of scope.settings) {
        // Each name's words are worked out once here: every test below reads them.
        const name = normalisedName(setting.name);
        const words = wordsOf(name);
        if (engineNamed(words, setting)) {
            roles.isServer = true;
        }
        if (isSecretName(setting.name)) {
            roles.isClient = roles.isClient || isClientConvention(name);
            continue;
        }
        const upstream = upstreamNamed(words, setting);
        if (upstream) {
            roles.upstream = roles.upstream ?? upstream;
            roles.isClient = true;
            continue;
        }
        if (isEndpointName(name, words)) {
            // SDK conventions (`*_API_BASE`, `*_BASE_URL`) name a model API's base wherever they appear.
            const clientish =
                bareEndpointNames.has(name) ||
                name.includes("API_BASE") ||
                name.includes("BASE_URL") ||
                words.some((word) => clientWords.has(word));
            if (clientish && (setting.unknown || (setting.value !== undefined && looksLikeEndpoint(setting.value)))) {
                roles.endpoints.push(setting);
                roles.isClient = true;
            }
            continue;
        }
        const modelName = isModelName(name, words);
        if (isModelLocation(words) && !modelName) {
            locations.push(setting);
        }
        if (name === "ALIAS" && roles.isServer) {
            roles.servedModels.push(setting); // llama.cpp's `--alias`: the name the server serves the model as
            continue;
        }
        const served = isServedModelName(name);
        if (served || modelName) {
            const routed = served ? undefined : upstreamRouted(setting);
            if (served && !words.includes("BEDROCK")) {
                roles.servedModels.push(setting); // a served model is served, however it is spelled
            } else if (isBedrockModelSetting(words, setting)) {
                roles.bedrockModels.push(setting);
            } else if (routed) {
                roles.upstream = roles.upstream ?? routed;
                roles.isClient = true;
                roles.clientModels.push(setting);
            } else if (isClientConvention(name)) {
                roles.clientModels.push(setting);
            } else {
                generic.push(setting);
            }
        }
        roles.isClient = roles.isClient || isClientConvention(name) || setting.path.includes("litellm_params");
    }
    // `CONFLUENCE_BASE_URL`, `PUBLIC_BASE_URL`: the SDK convention's shape, named after a service that
    // serves no model. Such an endpoint stays one only when a model setting is named alike.
    const models = [...roles.servedModels, ...roles.clientModels, ...generic, ...roles.bedrockModels];
    roles.endpoints = roles.endpoints.filter(
        (endpoint) => !isForeignBase(endpoint) || models.some((model) => belongTogether(model, endpoint)),
    );
    // A gateway (LiteLLM's proxy) serves no weights: the models it offers are routes to upstreams, asked for as a client.
    roles.isClient = roles.isClient || scope.client === true || ((clientResource || scope.gateways !== undefined) && !roles.isServer);
    if (roles.isClient && !roles.isServer && roles.endpoints.length === 0) {
        // A client with no base-URL setting by name may still name where it sends calls (Kong's `upstream_url`).
        roles.endpoints.push(...scope.settings.filter(isUrlOfAClient));
    }
    if (scope.client && roles.endpoints.length === 0) {
        // A request sent to a target given by reference (an EventBridge API destination's ARN): the stack shows where it goes.
        roles.endpoints.push(...scope.settings.filter((setting) => setting.unknown && normalisedName(setting.name).endsWith("ARN")));
        // A request's own `url` beside its body (a GCP Workflows `http.post`): where it is sent.
        roles.endpoints.push(...scope.settings.filter(isRequestTarget));
    }
    // A generic model setting (MODEL, --model, MODEL_ID) is the client's when the scope is a client and runs no server.
    // A server that is also a client and names the model it serves (`--model-id meta-llama/…`) asks for
    // models under other names as a client (`MODERATION_MODEL` beside `OPENAI_API_KEY`).
    const namesItsModel =
        roles.isClient && [...roles.servedModels, ...generic].some((setting) => !setting.unknown && !isQualifiedModelName(setting));
    for (const setting of generic) {
        const asClient = (roles.isClient && !roles.isServer) || (namesItsModel && isQualifiedModelName(setting));
        (asClient ? roles.clientModels : roles.servedModels).push(setting);
    }
    if (roles.isServer) {
        roles.servedModels.push(...locations.filter((setting) => !setting.unknown));
    }
    return roles;
}

/** Words of a setting's name that say its role, not whose it is. */
const roleWords = new Set(["MODEL", "MODELS", "NAME", "ID", "DEPLOYMENT", "BASE", "URL", "URI", "ENDPOINT", "API", "HOST", "ADDRESS"]);

/** A setting's name without its role words at the end: `OPENAI_FALLBACK_MODEL` → `OPENAI_FALLBACK`, `base_url` → ``. */
function stemOf(setting: Setting): string[] {
    const words = nameWords(setting.name);
    let end = words.length;
    while (end > 0 && roleWords.has(words[end - 1])) {
        end--;
    }
    return words.slice(0, end);
}

/** The object a setting sits in (`providers.azure` for `providers.azure.models[1]`). */
function containerOf(setting: Setting): string {
    let path = setting.path;
    while (path.endsWith("]") && path.lastIndexOf("[") > 0) {
        path = path.slice(0, path.lastIndexOf("["));
    }
    const dot = path.lastIndexOf(".");
    return dot < 0 ? "" : path.slice(0, dot);
}

/**
 * Whether a model setting and an endpoint setting configure the same client: named alike (one
 * name's stem starts the other's: `OPENAI_BASE_URL` with `OPENAI_FALLBACK_MODEL`), or both
 * named only by role (`base_url`, `models`) in the same object.
 */
export function belongTogether(model: Setting, endpoint: Setting): boolean {
    const a = stemOf(model);
    const b = stemOf(endpoint);
    if (a.length > 0 && b.length > 0) {
        const [short, long] = a.length <= b.length ? [a, b] : [b, a];
        return short.every((word, i) => long[i] === word);
    }
    return a.length === 0 && b.length === 0 && containerOf(model) === containerOf(endpoint) && containerOf(model) !== "";
}
