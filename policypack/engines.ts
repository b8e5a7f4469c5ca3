/**
 * Model-serving engines, recognised by the words that start them and the
 * images that ship them. A process that runs one is a model server: the model
 * it is given is the model it serves, whatever else its settings say.
 */

/** Engines by the command word (basename, lower case) or Python module that starts them. */
const commandWords: ReadonlyArray<[word: string, engine: string]> = [
    ["vllm", "vLLM"],
    ["vllm.entrypoints.openai.api_server", "vLLM"],
    ["vllm.entrypoints.api_server", "vLLM"],
    ["text-generation-launcher", "Text Generation Inference"],
    ["text-generation-server", "Text Generation Inference"],
    ["sglang.launch_server", "SGLang"],
    ["ollama", "Ollama"],
    ["tritonserver", "Triton Inference Server"],
    ["llama-server", "llama.cpp server"],
    ["llama_cpp.server", "llama.cpp server"],
    ["lmdeploy", "LMDeploy"],
    ["trtllm-serve", "TensorRT-LLM"],
    ["mlc_llm", "MLC LLM"],
    ["openllm", "OpenLLM"],
    ["local-ai", "LocalAI"],
    ["huggingfaceserver", "KServe Hugging Face server"],
    ["text-embeddings-router", "Text Embeddings Inference"],
    ["infinity_emb", "Infinity"],
    ["xinference-local", "Xinference"],
    ["mistralrs-server", "mistral.rs"],
    ["aphrodite", "Aphrodite Engine"],
    ["llamafile", "llamafile"],
];

const byWord = new Map(commandWords);

/**
 * Whether a text names a serving engine's command word, as a command line or script would
 * (`vllm serve gpt-4o`, `python -m sglang.launch_server …`), runs a container of an engine's
 * image (`docker run … vllm/vllm-openai …`), or passes a flag only a model server takes
 * (`--served-model-name`, whatever the engine): a cheap test before the text is read as a script.
 * One pass over the words of the text (split at blanks, quotes and shell separators).
 *
 * @example
 * mentionsEngineCommand("pip install vllm\nvllm serve gpt-4o"); // true
 * mentionsEngineCommand("vllm-metrics-bucket");                  // false
 */
export function mentionsEngineCommand(text: string): boolean {
    // Every word that counts holds one of these: a text with none (most strings) is not read word by word.
    if (!commandNeedle.test(text)) {
        return false;
    }
    let containerCli = false; // a container CLI was the last command word of this line
    let containerStarted = false; // `docker run` / `podman create` … somewhere in the text
    for (const [token] of text.matchAll(shellWords)) {
        if (token === "\n") {
            containerCli = false;
            continue;
        }
        const word = token.toLowerCase();
        const base = word.slice(word.lastIndexOf("/") + 1);
        if (byWord.has(base) || servingFlags.has(word.split("=")[0])) {
            return true;
        }
        if (containerClis.has(base)) {
            containerCli = true;
        } else if (containerCli && (word === "run" || word === "create")) {
            containerStarted = true;
        }
    }
    if (!containerStarted) {
        return false;
    }
    const lower = text.toLowerCase();
    return imageFragments.some(([fragment]) => lower.includes(fragment));
}

/**
 * What a text must hold to start an engine: a command word, a serving flag, a container CLI, in
 * any case. Only the needles no other needle is part of (`vllm` finds `vllm.entrypoints.api_server`).
 * One expression tests a string five times faster than a search per needle, and the walk tests
 * every string it reads; a spec keeps it equal to {@link engineCommandNeedles}.
 */
const commandNeedle =
    /vllm|text-generation-launcher|text-generation-server|sglang\.launch_server|ollama|tritonserver|llama-server|llama_cpp\.server|lmdeploy|trtllm-serve|mlc_llm|openllm|local-ai|huggingfaceserver|text-embeddings-router|infinity_emb|xinference-local|mistralrs-server|aphrodite|llamafile|--served|docker|podman|nerdctl/i;

/** The needles {@link commandNeedle} looks for: every command word, the serving flag, the container CLIs, none inside another. */
export function engineCommandNeedles(): { needles: string[]; expression: RegExp } {
    const all = [...commandWords.map(([word]) => word), "--served", ...containerClis];
    return {
        needles: all.filter((needle, i) => !all.some((other, j) => j !== i && other !== needle && needle.includes(other))),
        expression: commandNeedle,
    };
}

/** A line break, or a word between blanks, quotes and shell separators. */
const shellWords = /\n|[^\s;&|()`'"]+/g;

const containerClis = new Set(["docker", "podman", "nerdctl"]);

/** Flags only a model server takes: the name it serves its model as, whatever the engine. */
const servingFlags = new Set(["--served-model-name", "--served_model_name"]);

/** Image names (repository path, any registry and tag) that ship a serving engine. */
const imageFragments: ReadonlyArray<[fragment: string, engine: string]> = [
    ["vllm", "vLLM"],
    ["text-generation-inference", "Text Generation Inference"],
    ["sglang", "SGLang"],
    ["ollama", "Ollama"],
    ["tritonserver", "Triton Inference Server"],
    ["llama.cpp", "llama.cpp server"],
    ["lmdeploy", "LMDeploy"],
    ["tensorrt-llm", "TensorRT-LLM"],
    ["huggingfaceserver", "KServe Hugging Face server"],
    ["localai", "LocalAI"],
    ["djl-inference", "LMI (DJL Serving)"],
    ["huggingface-pytorch-tgi-inference", "Text Generation Inference"],
    ["text-embeddings-inference", "Text Embeddings Inference"],
    ["michaelf34/infinity", "Infinity"],
    ["xprobe/xinference", "Xinference"],
    ["mistralrs", "mistral.rs"],
    ["aphrodite-openai", "Aphrodite Engine"],
];

/**
 * OpenAI-compatible gateways, by the command that starts them and the images that ship them. A
 * gateway serves no weights: each model it offers is a route to the upstream its configuration
 * names (LiteLLM's `bedrock/…`), so its model settings are a client's, never a server's.
 */
const gatewayWords: ReadonlyMap<string, string> = new Map([
    ["litellm", "LiteLLM proxy"],
    ["one-api", "One API"],
    ["new-api", "New API"],
]);

/** Image repositories (owner and name, any registry and tag) that ship a gateway. */
const gatewayImages: ReadonlyArray<[repository: string, gateway: string]> = [
    ["berriai/litellm", "LiteLLM proxy"],
    ["litellm/litellm", "LiteLLM proxy"],
    ["portkeyai/gateway", "Portkey AI Gateway"],
    ["songquanpeng/one-api", "One API"],
    ["justsong/one-api", "One API"],
    ["calciumion/new-api", "New API"],
    ["tensorzero/gateway", "TensorZero gateway"],
    ["maximhq/bifrost", "Bifrost"],
    ["helicone/ai-gateway", "Helicone AI Gateway"],
];

/** The gateway a command word starts (`litellm`, `/usr/local/bin/litellm`). */
export function gatewayOfWord(word: string): string | undefined {
    const base = commandBase(word);
    return base === undefined ? undefined : gatewayWords.get(base);
}

/** The gateway an image ships (`ghcr.io/berriai/litellm:main-v1.72.0`, `portkeyai/gateway:latest`). */
export function gatewayOfImage(image: string): string | undefined {
    const repository = image.includes("/") ? repositoryOf(image) : undefined;
    // The repository's own path, after any registry host: `ghcr.io/berriai/litellm-database` is `berriai/litellm-database`.
    return repository === undefined
        ? undefined
        : gatewayImages.find(
              ([name]) =>
                  repository === name ||
                  repository.endsWith(`/${name}`) ||
                  repository.includes(`/${name}-`) ||
                  repository.startsWith(`${name}-`),
          )?.[1];
}

/** The engine a command word starts (`/usr/local/bin/vllm`, `python -m sglang.launch_server`'s module). */
export function engineOfWord(word: string): string | undefined {
    const base = commandBase(word);
    return base === undefined ? undefined : byWord.get(base);
}

/** A command word's program, lower case (`/usr/local/bin/vllm` → `vllm`); none for an empty or overlong word. */
function commandBase(word: string): string | undefined {
    return word.length === 0 || word.length > 200 ? undefined : word.slice(word.lastIndexOf("/") + 1).toLowerCase();
}

/** An image's repository path, lower case, without its tag or digest (`ghcr.io/berriai/litellm`); none for an empty or overlong image. */
function repositoryOf(image: string): string | undefined {
    return image.length === 0 || image.length > 500
        ? undefined
        : image
              .toLowerCase()
              .split("@")[0]
              .replace(/:[^/]*$/, "");
}

/** The engine an image ships, by its repository path (`vllm/vllm-openai:v0.6.4`, `ghcr.io/huggingface/text-generation-inference`). */
export function engineOfImage(image: string): string | undefined {
    const repository = repositoryOf(image);
    return repository === undefined ? undefined : imageFragments.find(([fragment]) => repository.includes(fragment))?.[1];
}

/**
 * Whether the words that follow an engine's command name the model as a
 * positional argument: `vllm serve <model>`, `ollama run|pull|create <model>`,
 * `trtllm-serve <model>`, `lmdeploy serve api_server <model>`.
 */
export function takesPositionalModel(previous: readonly string[]): boolean {
    const word = (back: number) => {
        const w = previous[previous.length - back] ?? "";
        return w.slice(w.lastIndexOf("/") + 1).toLowerCase();
    };
    const [last, second, third] = [word(1), word(2), word(3)];
    if (last === "trtllm-serve") {
        return true;
    }
    if (second === "vllm" && last === "serve") {
        return true;
    }
    if (second === "ollama" && (last === "run" || last === "pull" || last === "create")) {
        return true;
    }
    return third === "lmdeploy" && second === "serve" && last === "api_server";
}
