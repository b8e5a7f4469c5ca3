/**
 * What a setting means from its name: the model a server serves, the model a client asks for,
 * where a client sends its calls, the upstream a gateway names. Each case is one scope (one
 * process's settings) and what the pack takes from it: a wrong sort turns a server into a client,
 * a client into nothing, or a service URL into a model endpoint.
 */
import { Setting, SettingScope } from "../policypack/evidence/types";
import {
    belongTogether,
    isClientConvention,
    isServedModelName,
    namesModelItself,
    normalisedName,
    rolesIn,
} from "../policypack/setting-roles";

const setting = (name: string, value: string | undefined, path = `env.${name}`): Setting => ({
    name,
    path,
    value,
    unknown: value === undefined,
    secret: false,
    property: "env",
});

const scope = (settings: Setting[], extra: Partial<SettingScope> = {}): SettingScope => ({
    path: "container",
    settings,
    engines: [],
    refs: [],
    ...extra,
});
const secretNames = (name: string) => /KEY|TOKEN|SECRET|PASSWORD/.test(normalisedName(name));
const names = (settings: Setting[]) => settings.map((s) => s.name);

/** The roles of a scope, by setting name, for comparison. */
function roles(s: SettingScope, clientResource = false) {
    const r = rolesIn(s, secretNames, clientResource);
    return {
        isClient: r.isClient,
        isServer: r.isServer,
        served: names(r.servedModels),
        client: names(r.clientModels),
        bedrock: names(r.bedrockModels),
        endpoints: names(r.endpoints),
        upstream: r.upstream ? `${r.upstream.service} (${r.upstream.cloud}) from ${r.upstream.setting.name}` : undefined,
    };
}

const none = { isClient: false, isServer: false, served: [], client: [], bedrock: [], endpoints: [], upstream: undefined };

describe("names", () => {
    it.each([
        ["--served-model-name", "SERVED_MODEL_NAME"],
        ["servedModelName", "SERVED_MODEL_NAME"],
        ["model.name", "MODEL_NAME"],
        ["__weird--Name__", "WEIRD_NAME"],
        ["OPENAI_API_BASE", "OPENAI_API_BASE"],
        ["hfModelID2", "HF_MODEL_ID2"],
    ])("%s reads as %s", (name, normalised) => {
        expect(normalisedName(name)).toBe(normalised);
    });

    it.each([
        ["OPENAI_MODEL", true],
        ["APP_OPENAI_API_KEY", true],
        ["AZURE_OPENAI", true],
        ["OPENAI", false],
        ["MYOPENAI_KEY", false],
        ["OPENAIKEY", false],
    ])("%s is an OpenAI SDK convention: %s", (name, convention) => {
        expect(isClientConvention(name)).toBe(convention);
    });

    it.each([
        ["SERVED_MODEL_NAME", true],
        ["SERVED_MODEL", true],
        ["HF_MODEL_ID", true],
        ["HUGGING_FACE_HUB_MODEL_ID", true],
        ["MODEL_REPO", true],
        ["MODEL_NAME", false],
        ["UNSERVED_MODEL", false],
    ])("%s names a served model: %s", (name, served) => {
        expect(isServedModelName(name)).toBe(served);
    });

    it.each([
        ["--model", true],
        ["MODEL_ID", true],
        ["--served-model-name", true],
        ["model_path", true],
        ["AZURE_OPENAI_DEPLOYMENT", true],
        ["--max-model-len", false],
        ["MODEL_MAX_TOKENS", false],
        ["MODEL_REVISION", false],
    ])("an unknown %s may be the model itself: %s", (name, itself) => {
        expect(namesModelItself(setting(name, undefined))).toBe(itself);
    });
});

describe("a server's settings", () => {
    const vllm = (settings: Setting[]) => scope(settings, { engines: ["vLLM"] });

    it("takes a generic model setting as the model it serves", () => {
        expect(roles(vllm([setting("MODEL", "gpt-4o"), setting("PORT", "8000")]))).toEqual({ ...none, isServer: true, served: ["MODEL"] });
    });

    it("is a server when a setting names its engine, by word or image", () => {
        expect(roles(scope([setting("ENGINE", "vllm"), setting("MODEL_ID", "gpt-4o")]))).toMatchObject({
            isServer: true,
            served: ["MODEL_ID"],
        });
        expect(roles(scope([setting("SERVING_RUNTIME", "vllm/vllm-openai:v0.6"), setting("MODEL", "x")]))).toMatchObject({
            isServer: true,
        });
        expect(roles(scope([setting("ENGINE", "postgres"), setting("MODEL", "x")]))).toMatchObject({ isServer: false });
        expect(roles(scope([setting("IMAGE", "vllm"), setting("MODEL", "x")]))).toMatchObject({ isServer: false });
    });

    it("serves its served-model name whatever else it is, and its alias", () => {
        expect(roles(scope([setting("SERVED_MODEL_NAME", "gpt-4o")]))).toMatchObject({ served: ["SERVED_MODEL_NAME"] });
        expect(roles(vllm([setting("--alias", "gpt-4o")]))).toMatchObject({ served: ["--alias"] });
        expect(roles(scope([setting("--alias", "gpt-4o")]))).toMatchObject({ served: [] });
    });

    it("takes where its weights are as its model, only when it serves", () => {
        const weights = setting("STORAGE_URI", "s3://weights/gpt-4o-mini/");
        expect(roles(vllm([weights]))).toMatchObject({ served: ["STORAGE_URI"] });
        expect(roles(scope([weights]))).toMatchObject({ served: [] });
        expect(roles(vllm([setting("API_URL", "https://x.example.com")]))).toMatchObject({ served: [] });
        expect(roles(vllm([setting("BASE_URI", "s3://weights/x")]))).toMatchObject({ served: [] });
        expect(roles(vllm([setting("STORAGE_URI", undefined)]))).toMatchObject({ served: [] });
    });

    it("that is also a client asks as a client for models under other names", () => {
        const r = roles(
            vllm([setting("MODEL_ID", "meta-llama/Llama-3.1-8B"), setting("JUDGE_MODEL", "gpt-4o"), setting("OPENAI_API_KEY", "k")]),
        );
        expect(r).toMatchObject({ isServer: true, isClient: true, served: ["MODEL_ID"], client: ["JUDGE_MODEL"] });
        // Without a model of its own named, every generic model setting is what it serves.
        const unnamed = roles(vllm([setting("MODEL_ID", undefined), setting("JUDGE_MODEL", "gpt-4o"), setting("OPENAI_API_KEY", "k")]));
        expect(unnamed).toMatchObject({ served: ["MODEL_ID", "JUDGE_MODEL"], client: [] });
    });
});

describe("a client's settings", () => {
    it("takes an SDK base URL as where its calls go and the SDK model as the model it asks for", () => {
        expect(roles(scope([setting("OPENAI_BASE_URL", "https://llm.example.net/v1"), setting("OPENAI_MODEL", "gpt-4o")]))).toEqual({
            ...none,
            isClient: true,
            client: ["OPENAI_MODEL"],
            endpoints: ["OPENAI_BASE_URL"],
        });
    });

    it("takes a generic model setting as the client's when the scope is a client", () => {
        expect(roles(scope([setting("LLM_API_BASE", "https://gw.example.net"), setting("MODEL", "gpt-4o")]))).toMatchObject({
            isClient: true,
            client: ["MODEL"],
            endpoints: ["LLM_API_BASE"],
        });
        expect(roles(scope([setting("MODEL", "gpt-4o")]), true)).toMatchObject({ isClient: true, client: ["MODEL"] });
        expect(roles(scope([setting("MODEL", "gpt-4o")]))).toMatchObject({ isClient: false, client: [], served: ["MODEL"] });
    });

    it("takes an endpoint only when its value looks like one, or is unknown", () => {
        expect(roles(scope([setting("OPENAI_BASE_URL", "not a url at all"), setting("OPENAI_MODEL", "gpt-4o")]))).toMatchObject({
            endpoints: [],
        });
        expect(roles(scope([setting("OPENAI_BASE_URL", undefined), setting("OPENAI_MODEL", "gpt-4o")]))).toMatchObject({
            endpoints: ["OPENAI_BASE_URL"],
        });
    });

    it("does not take a URL named after another service as its model API, unless a model is named alike", () => {
        const jira = setting("CONFLUENCE_BASE_URL", "https://wiki.example.net");
        expect(roles(scope([jira, setting("OPENAI_MODEL", "gpt-4o")]))).toMatchObject({ endpoints: [] });
        expect(roles(scope([jira, setting("CONFLUENCE_MODEL", "gpt-4o")]))).toMatchObject({ endpoints: ["CONFLUENCE_BASE_URL"] });
        expect(roles(scope([setting("LITELLM_BASE_URL", "https://litellm.example.net"), setting("OPENAI_MODEL", "gpt-4o")]))).toMatchObject(
            {
                endpoints: ["LITELLM_BASE_URL"],
            },
        );
    });

    it("never takes a secret's value as a model or an endpoint, but its SDK name still makes a client", () => {
        expect(roles(scope([setting("OPENAI_API_KEY", "sk-x"), setting("MODEL_TOKEN", "gpt-4o")]))).toEqual({ ...none, isClient: true });
    });

    it("takes a client's upstream URL when no base URL is named, if it names where model calls go", () => {
        const upstream = setting("upstream_url", "https://models.example.net/v1");
        expect(roles(scope([setting("OPENAI_API_KEY", "k"), upstream]))).toMatchObject({ endpoints: ["upstream_url"] });
        expect(roles(scope([setting("OPENAI_API_KEY", "k"), setting("JIRA_URL", "https://jira.example.net")]))).toMatchObject({
            endpoints: [],
        });
        expect(roles(scope([setting("OPENAI_API_KEY", "k"), setting("GATEWAY_URL", "s3://bucket/x")]))).toMatchObject({ endpoints: [] });
        expect(roles(scope([upstream]))).toMatchObject({ isClient: false, endpoints: [] });
    });

    it("takes a request's target ARN, unknown during preview, as where it sends", () => {
        const arn = setting("ApiDestinationArn", undefined);
        expect(roles(scope([arn], { client: true }))).toMatchObject({ isClient: true, endpoints: ["ApiDestinationArn"] });
        expect(roles(scope([setting("RoleArn", "arn:aws:iam::1:role/x")], { client: true }))).toMatchObject({ endpoints: [] });
    });
});

describe("upstreams a gateway names", () => {
    it.each([
        ["azure-openai", "Azure OpenAI (azure)"],
        ["openai", "api.openai.com (azure)"],
        ["bedrock", "Amazon Bedrock (aws)"],
        ["vertex_ai", "Google Vertex AI (gcp)"],
    ])("provider: %s is %s", (value, upstream) => {
        expect(roles(scope([setting("provider", value), setting("model", "gpt-4o")]))).toMatchObject({
            isClient: true,
            upstream: `${upstream} from provider`,
        });
    });

    it("ignores a provider it does not know, and a provider setting with no value", () => {
        expect(roles(scope([setting("provider", "acme")])).upstream).toBeUndefined();
        expect(roles(scope([setting("provider", undefined)])).upstream).toBeUndefined();
    });

    it.each([
        ["azure/gpt-4o", "Azure OpenAI (azure)"],
        ["azure_ai/gpt-4o", "Azure OpenAI (azure)"],
        ["vertex_ai/gemini-1.5-pro", "Google Vertex AI (gcp)"],
    ])("a model route %s is served by %s", (route, upstream) => {
        expect(roles(scope([setting("model", route)]))).toMatchObject({
            isClient: true,
            client: ["model"],
            upstream: `${upstream} from model`,
        });
    });

    it("keeps the first upstream named", () => {
        expect(roles(scope([setting("provider", "bedrock"), setting("fallback_provider", "azure")])).upstream).toBe(
            "Amazon Bedrock (aws) from provider",
        );
        expect(roles(scope([setting("provider", "bedrock"), setting("model", "azure/gpt-4o")])).upstream).toBe(
            "Amazon Bedrock (aws) from provider",
        );
    });

    it("takes a Bedrock model id, ARN or BEDROCK_ setting as invoked on Bedrock", () => {
        expect(roles(scope([setting("MODEL_ID", "openai.gpt-oss-120b-1:0")]))).toMatchObject({ bedrock: ["MODEL_ID"], served: [] });
        expect(roles(scope([setting("BEDROCK_MODEL", "anything")]))).toMatchObject({ bedrock: ["BEDROCK_MODEL"] });
        expect(roles(scope([setting("BEDROCK_SERVED_MODEL", "x")]))).toMatchObject({ bedrock: ["BEDROCK_SERVED_MODEL"], served: [] });
    });

    it("takes litellm_params as a gateway's client settings", () => {
        expect(roles(scope([setting("model", "gpt-4o", "model_list[0].litellm_params.model")]))).toMatchObject({
            isClient: true,
            client: ["model"],
        });
    });
});

describe("settings that configure the same client", () => {
    it.each([
        ["OPENAI_FALLBACK_MODEL", "OPENAI_BASE_URL", true],
        ["OPENAI_MODEL", "OPENAI_API_BASE", true],
        ["ANTHROPIC_MODEL", "OPENAI_BASE_URL", false],
        ["MODEL", "OPENAI_BASE_URL", false],
    ])("%s and %s: %s", (model, endpoint, together) => {
        expect(belongTogether(setting(model, "m"), setting(endpoint, "https://x"))).toBe(together);
    });

    it("pairs role-only names when they sit in the same object", () => {
        const at = (name: string, path: string) => setting(name, "v", path);
        expect(belongTogether(at("models", "providers.azure.models[1]"), at("base_url", "providers.azure.base_url"))).toBe(true);
        expect(belongTogether(at("models", "providers.azure.models[1]"), at("base_url", "providers.groq.base_url"))).toBe(false);
        expect(belongTogether(at("model", "model"), at("base_url", "base_url"))).toBe(false);
    });
});

describe("setting names, word by word", () => {
    const vllm = (settings: Setting[]) => scope(settings, { engines: ["vLLM"] });

    it.each(["ENGINE", "ML_RUNTIME", "INFERENCE_BACKEND", "INFERENCE_SERVER", "FRAMEWORK", "SERVING"])(
        "%s names the engine a process runs",
        (name) => {
            expect(roles(scope([setting(name, "vllm"), setting("MODEL", "gpt-4o")]))).toMatchObject({ isServer: true, served: ["MODEL"] });
        },
    );

    it.each(["MODEL_SOURCE", "WEIGHTS", "MODEL_CHECKPOINT", "MODEL_REPOSITORY", "HF_REPO", "STORAGE_URL"])(
        "%s is where a server's weights are",
        (name) => {
            expect(roles(vllm([setting(name, "s3://weights/gpt-4o-mini/")]))).toMatchObject({ served: [name] });
        },
    );

    it.each(["AZURE_OPENAI_DEPLOYMENT", "CHAT_DEPLOYMENT_NAME", "EMBEDDING_MODELS"])("%s names a model a client asks for", (name) => {
        expect(roles(scope([setting("OPENAI_BASE_URL", "https://llm.example.net"), setting(name, "gpt-4o")]))).toMatchObject({
            client: [name],
        });
    });

    it("takes an endpoint named by ENDPOINT or API_URL when the name says a model API", () => {
        expect(roles(scope([setting("INFERENCE_ENDPOINT", "https://x.example.net"), setting("MODEL", "gpt-4o")]))).toMatchObject({
            endpoints: ["INFERENCE_ENDPOINT"],
        });
        expect(roles(scope([setting("CHAT_API_URL", "https://x.example.net"), setting("OPENAI_MODEL", "gpt-4o")]))).toMatchObject({
            endpoints: ["CHAT_API_URL"],
        });
        expect(roles(scope([setting("ENDPOINT", "https://x.example.net"), setting("MODEL", "gpt-4o")]))).toMatchObject({
            endpoints: ["ENDPOINT"],
        });
        expect(roles(scope([setting("ORDERS_ENDPOINT", "https://x.example.net"), setting("OPENAI_MODEL", "gpt-4o")]))).toMatchObject({
            endpoints: [],
        });
    });

    it.each([
        ["upstream_uri", "https://models.example.net"],
        ["LLM_URL", "  wss://models.example.net/realtime"],
        ["GATEWAY_URL", "grpcs://models.example.net:443"],
        ["PROXY_URL", "http://models.example.net"],
    ])("takes %s = %j as where a client's calls go", (name, value) => {
        expect(roles(scope([setting("OPENAI_API_KEY", "k"), setting(name, value)]))).toMatchObject({ endpoints: [name] });
    });

    it("does not take a client's URL whose scheme is not a network call, or that is unknown", () => {
        expect(roles(scope([setting("OPENAI_API_KEY", "k"), setting("GATEWAY_URL", "ftp://x")]))).toMatchObject({ endpoints: [] });
        expect(roles(scope([setting("OPENAI_API_KEY", "k"), setting("GATEWAY_URI", undefined)]))).toMatchObject({ endpoints: [] });
        expect(roles(scope([setting("OPENAI_API_KEY", "k"), setting("GATEWAY_HOST", "https://x")]))).toMatchObject({ endpoints: [] });
    });

    it("pairs settings in nested lists by the object they sit in", () => {
        const at = (name: string, path: string) => setting(name, "v", path);
        expect(belongTogether(at("models", "providers.azure.models[1][0]"), at("base_url", "providers.azure.base_url"))).toBe(true);
        expect(belongTogether(at("models", "models[0]"), at("base_url", "base_url"))).toBe(false);
        expect(belongTogether(at("OPENAI_API_BASE_URL", "a"), at("OPENAI_MODEL_NAME", "b"))).toBe(true);
    });
});
