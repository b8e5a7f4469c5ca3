/**
 * Where an endpoint is hosted, decided by the host the WHATWG URL parser finds,
 * never by substring: `x.openai.azure.com.evil.io`, `evil.io/?u=x.openai.azure.com`
 * and `x.openai.azure.com@evil.io` are not Azure. Also: which DNS targets are
 * Azure, and which DNS names are OpenAI's.
 */
import type { Cloud } from "./clouds";
import { rememberedBy } from "./memo";

/** How an endpoint was classified. */
export interface EndpointVerdict {
    /** parsed host, lower case, no trailing dot, punycode as the WHATWG URL parser gives it; undefined when unparseable */
    host: string | undefined;
    azureHosted: boolean;
    reason: "azure-ai-host" | "openai-api" | "allow-listed" | "gateway-to-azure" | "not-azure" | "unparseable";
    /**
     * set when host is a known non-Azure OpenAI-compatible serving API, e.g. "Amazon Bedrock" for
     * bedrock-runtime.<region>.amazonaws.com / bedrock-mantle.<region>.api.aws / bedrock.*.amazonaws.com,
     * "Google Vertex AI" for *-aiplatform.googleapis.com / aiplatform.googleapis.com
     */
    knownOffAzureService?: string;
    /** The cloud that known service runs on. */
    knownOffAzureCloud?: Cloud;
}

/**
 * Azure AI/ML inference domains (public, US Government and China clouds). A host is
 * Azure-hosted when it equals one or is a subdomain at a label boundary. Generic Azure
 * hosting (`azurewebsites.net`, container apps) is left out on purpose: anyone can run a
 * proxy there that forwards to a non-Azure backend, so only the DNS rule trusts it.
 */
const azureAiDomains: readonly string[] = [
    "openai.azure.com",
    "cognitiveservices.azure.com",
    "services.ai.azure.com",
    "inference.ai.azure.com",
    "inference.ml.azure.com",
    "models.ai.azure.com",
    "azure-api.net",
    "api.cognitive.microsoft.com",
    "openai.azure.us",
    "cognitiveservices.azure.us",
    "openai.azure.cn",
    "cognitiveservices.azure.cn",
];

/**
 * OpenAI's own API (clause 5: bought directly from OpenAI, still hosted on Azure).
 * Subdomains count too: `eu.api.openai.com` is OpenAI's EU data-residency API.
 */
const openAIApiHost = "api.openai.com";

/**
 * DNS targets that are Azure hosting or front doors. Storage (`*.core.windows.net`, blob and
 * static-website hosts) is included: the DNS rule asks where a name is hosted, and that is Azure.
 */
const azureDnsTargetDomains: readonly string[] = [
    "azurefd.net",
    "azureedge.net",
    "azurewebsites.net",
    "cloudapp.azure.com",
    "cloudapp.net",
    "trafficmanager.net",
    "azurecontainerapps.io",
    "azure-api.net",
    "azurestaticapps.net",
    "core.windows.net",
    "azurewebsites.us",
    "cloudapp.usgovcloudapi.net",
    "usgovtrafficmanager.net",
    ...azureAiDomains,
];

/** Known OpenAI-compatible serving APIs off Azure: calling a proprietary model there is serving off Azure. */
const offAzureServices: ReadonlyArray<{ service: string; cloud: Cloud; matches: (host: string) => boolean }> = [
    {
        service: "Amazon Bedrock",
        cloud: "aws",
        // bedrock-runtime.<region>.amazonaws.com, bedrock.<region>.amazonaws.com, bedrock-mantle.<region>.api.aws, VPC endpoint names …
        matches: (host) =>
            firstLabel(host).startsWith("bedrock") &&
            (isUnder(host, "amazonaws.com") || isUnder(host, "api.aws") || isUnder(host, "amazonaws.com.cn")),
    },
    {
        service: "Amazon SageMaker",
        cloud: "aws",
        matches: (host) => host.startsWith("runtime.sagemaker.") && (isUnder(host, "amazonaws.com") || isUnder(host, "amazonaws.com.cn")),
    },
    {
        service: "Google Vertex AI",
        cloud: "gcp",
        matches: (host) =>
            host === "aiplatform.googleapis.com" || (isUnder(host, "googleapis.com") && firstLabel(host).endsWith("-aiplatform")),
    },
    {
        service: "OCI Generative AI",
        cloud: "oci",
        matches: (host) => firstLabel(host) === "inference" && host.includes(".generativeai.") && isUnder(host, "oraclecloud.com"),
    },
];

function firstLabel(host: string): string {
    const dot = host.indexOf(".");
    return dot < 0 ? host : host.slice(0, dot);
}

/** Host equals domain, or is a subdomain of it at a label boundary. */
function isUnder(host: string, domain: string): boolean {
    return (
        host === domain || (host.length > domain.length && host.endsWith(domain) && host.charCodeAt(host.length - domain.length - 1) === 46)
    );
}

/** Strictly a subdomain (a DNS target `azurefd.net` itself is nobody's front door). */
function isStrictlyUnder(host: string, domain: string): boolean {
    return host !== domain && isUnder(host, domain);
}

/** Longest input treated as a DNS name; room for surrounding whitespace and trailing dots. */
const MAX_NAME_INPUT = 1024;

/** Lower case, trimmed, trailing dots dropped; "" for non-strings and overlong input. */
function normalisedName(name: unknown): string {
    if (typeof name !== "string" || name.length > MAX_NAME_INPUT) {
        return ""; // far longer than any DNS name (253): not a name, and not worth scanning
    }
    const s = name.trim().toLowerCase();
    let end = s.length;
    while (end > 0 && s.charCodeAt(end - 1) === 46) {
        end--;
    }
    return s.slice(0, end);
}

/** Whether text starts with `scheme://` (a colon alone is not enough: `host:443/path` has one). */
function hasScheme(text: string): boolean {
    const sep = text.indexOf("://");
    if (sep <= 0) {
        return false;
    }
    for (let i = 0; i < sep; i++) {
        const c = text.charCodeAt(i) | 0x20; // ASCII lower case; digits and +.- are unchanged by it
        const letter = c >= 97 && c <= 122;
        const other = i > 0 && ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46);
        if (!letter && !other) {
            return false;
        }
    }
    return true;
}

function isIPv4(host: string): boolean {
    const parts = host.split(".");
    return parts.length === 4 && parts.every((p) => p.length > 0 && p.length <= 3 && /^[0-9]+$/.test(p) && Number(p) <= 255);
}

function isIPLiteral(host: string): boolean {
    return isIPv4(host) || host.startsWith("[");
}

/**
 * Host of a URL or bare host (`x.openai.azure.com`, `x.openai.azure.com:443/path`); uses `new URL`,
 * adding `https://` when no scheme. Handles user-info (`a.openai.azure.com@evil.io` → evil.io),
 * trailing dots, mixed case, IDN, IP literals.
 *
 * @example
 * endpointHostOf("HTTPS://Acme.OpenAI.Azure.com./openai"); // "acme.openai.azure.com"
 * endpointHostOf("a.openai.azure.com@evil.io");            // "evil.io"
 */
export function endpointHostOf(raw: string): string | undefined {
    return typeof raw === "string" ? parsedHost(raw) : undefined;
}

/** The host of an endpoint, remembered per text: the same endpoints recur across a stack's resources and rules, and a URL parse is dear. */
const parsedHost = rememberedBy((raw: string): string | undefined => {
    const text = raw.trim();
    // Parsers disagree on `\` and inner whitespace (WHATWG reads `a.openai.azure.com\@evil.io` as
    // Azure, Python's as evil.io): no host of such a value can be trusted.
    if (text === "" || /[\\\s]/.test(text)) {
        return undefined;
    }
    let url: URL;
    try {
        url = new URL(hasScheme(text) ? text : `https://${text}`);
    } catch {
        return undefined;
    }
    const host = normalisedName(url.hostname);
    return host === "" ? undefined : host;
});

/** A configured host entry, normalised: `{ exact }` or `{ suffix }` for `*.suffix`; undefined when invalid. */
function parsedHostEntry(entry: unknown): { exact?: string; suffix?: string } | undefined {
    if (hostPatternError(entry as string) !== undefined) {
        return undefined;
    }
    const text = normalisedName(entry);
    const wildcard = text.startsWith("*.");
    const host = endpointHostOf(wildcard ? text.slice(2) : text);
    if (host === undefined) {
        return undefined;
    }
    return wildcard ? { suffix: host } : { exact: host };
}

/** Whether a host matches any valid configured entry (exact host, or strict subdomain of a `*.suffix`). */
function matchesHostEntries(host: string, entries: unknown): boolean {
    if (!Array.isArray(entries)) {
        return false;
    }
    for (const entry of entries) {
        const parsed = parsedHostEntry(entry);
        if (parsed?.exact === host || (parsed?.suffix !== undefined && isStrictlyUnder(host, parsed.suffix))) {
            return true;
        }
    }
    return false;
}

/**
 * Azure-hosted if host equals or is a label-boundary subdomain of an Azure AI/ML inference domain
 * (openai.azure.com, cognitiveservices.azure.com, services.ai.azure.com, inference.ai.azure.com,
 * inference.ml.azure.com, models.ai.azure.com, azure-api.net, api.cognitive.microsoft.com and their
 * US Government/China twins), or is api.openai.com (reason "openai-api", clause 5), or is in
 * extraHosts (each entry an exact host or `*.suffix`; reason "allow-listed").
 *
 * @example
 * classifyEndpoint("https://acme.openai.azure.com/openai/v1").reason;       // "azure-ai-host"
 * classifyEndpoint("https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1").knownOffAzureService; // "Amazon Bedrock"
 */
export function classifyEndpoint(raw: string, extraHosts?: readonly string[]): EndpointVerdict {
    const host = endpointHostOf(raw);
    if (host === undefined) {
        return { host, azureHosted: false, reason: "unparseable" };
    }
    if (isUnder(host, openAIApiHost)) {
        return { host, azureHosted: true, reason: "openai-api" };
    }
    if (azureAiDomains.some((domain) => isUnder(host, domain))) {
        return { host, azureHosted: true, reason: "azure-ai-host" };
    }
    if (matchesHostEntries(host, extraHosts)) {
        return { host, azureHosted: true, reason: "allow-listed" };
    }
    const upstream = gatewayUpstreamOf(host, raw);
    if (upstream !== undefined) {
        return upstream === "azure"
            ? { host, azureHosted: true, reason: "gateway-to-azure" }
            : { host, azureHosted: false, reason: "not-azure" };
    }
    const known = offAzureServices.find((s) => s.matches(host));
    return known
        ? { host, azureHosted: false, reason: "not-azure", knownOffAzureService: known.service, knownOffAzureCloud: known.cloud }
        : { host, azureHosted: false, reason: "not-azure" };
}

/**
 * True when a DNS record target (host name, maybe trailing dot) is an Azure front door/hosting
 * target: *.azurefd.net, *.azureedge.net, *.azurewebsites.net, *.cloudapp.azure.com, *.cloudapp.net,
 * *.trafficmanager.net, *.azurecontainerapps.io, *.azure-api.net, *.azurestaticapps.net,
 * *.core.windows.net (storage static sites), the Azure AI inference domains, and their US Government
 * twins, or one of `extraTargets` (exact or `*.suffix`, as configured). Other IP addresses → false
 * (unknown ownership).
 *
 * @example
 * isAzureDnsTarget("openai-api.azurefd.net."); // true
 * isAzureDnsTarget("d111111abcdef8.cloudfront.net"); // false
 */
export function isAzureDnsTarget(target: string, extraTargets: readonly string[] = []): boolean {
    const host = normalisedName(target);
    if (host === "") {
        return false;
    }
    // Configured targets (exact or `*.suffix`) are trusted as given, an exact IP included.
    if (matchesHostEntries(host, extraTargets)) {
        return true;
    }
    if (isIPLiteral(host)) {
        return false;
    }
    return azureDnsTargetDomains.some((domain) => isStrictlyUnder(host, domain));
}

/**
 * True when a DNS name (record name, maybe with trailing dot; the caller joins a relative name to
 * its zone first) is one of the given OpenAI hostnames or a subdomain (label boundary): default list
 * lives in settings, e.g. ["api.openai.com","openai.com","chatgpt.com","sora.com"].
 *
 * @example
 * isOpenAIHostname("API.openai.com.", ["openai.com"]); // true
 * isOpenAIHostname("notopenai.com", ["openai.com"]);   // false
 */
export function isOpenAIHostname(name: string, hostnames: readonly string[]): boolean {
    const host = normalisedName(name);
    if (host === "" || !Array.isArray(hostnames)) {
        return false;
    }
    return hostnames.some((h) => {
        const domain = normalisedName(h);
        return domain !== "" && isUnder(host, domain);
    });
}

/**
 * Validates a configured extra host entry (an exact host like `llm.internal.example.com`, or
 * `*.suffix` for its subdomains); returns an error or undefined.
 *
 * @example
 * hostPatternError("*.gw.example.com");            // undefined
 * hostPatternError("https://gw.example.com/v1");   // "… give a host, not a URL …"
 */
export function hostPatternError(entry: string): string | undefined {
    if (typeof entry !== "string") {
        return "a host entry must be a string";
    }
    const text = normalisedName(entry);
    if (text === "" && entry.trim().length > 253) {
        // Normalising an entry past MAX_NAME_INPUT gives "": that is not what is wrong with it.
        return `host entry "${entry.trim().slice(0, 40)}…" is longer than a DNS name can be`;
    }
    if (text === "") {
        return "a host entry must not be empty";
    }
    if (text.length > 253) {
        return `host entry "${text.slice(0, 40)}…" is longer than a DNS name can be`;
    }
    if (text.includes("://") || /[/?#@\s]/.test(text)) {
        return `host entry "${text}" must be a host name (give a host, not a URL: e.g. "gw.example.com" or "*.example.com")`;
    }
    const wildcard = text.startsWith("*.");
    const body = wildcard ? text.slice(2) : text;
    if (body.includes("*")) {
        return `host entry "${text}" may use "*" only as a leading "*." (e.g. "*.example.com")`;
    }
    if (body.includes(":") && !body.startsWith("[")) {
        return `host entry "${text}" must not include a port`;
    }
    if (wildcard && !body.includes(".")) {
        return `host entry "${text}" would allow a whole top-level domain; name a domain you control`;
    }
    if (endpointHostOf(body) === undefined) {
        return `host entry "${text}" is not a valid host name`;
    }
    return undefined;
}

/** Longest value looked at as an endpoint: base URLs are short, a longer value is a document or a blob. */
const MAX_ENDPOINT_LENGTH = 8192;

/** Schemes of network endpoints; `s3://`, `gs://`, `hf://`, `file://` name storage, not endpoints. */
const endpointSchemes: ReadonlySet<string> = new Set(["http", "https", "ws", "wss", "grpc", "grpcs", "h2c"]);

/**
 * True when a string looks like a URL or host that could be an endpoint (has a network scheme
 * such as http/https/wss/grpc, or is a dotted host name ending in a letters-only TLD, an IPv4
 * address, a bracketed IPv6 address, or localhost, optionally with port and path): used to pick
 * endpoint settings.
 *
 * @example
 * looksLikeEndpoint("acme.openai.azure.com:443"); // true
 * looksLikeEndpoint("gpt-4.1");                   // false
 */
export function looksLikeEndpoint(value: string): boolean {
    if (typeof value !== "string") {
        return false;
    }
    const text = value.trim();
    if (text === "" || text.length > MAX_ENDPOINT_LENGTH) {
        return false;
    }
    if (hasScheme(text)) {
        // A network URL is an endpoint even when it does not parse: a client may still reach it.
        const scheme = text.slice(0, text.indexOf("://")).toLowerCase();
        return endpointSchemes.has(scheme);
    }
    if (/\s/.test(text)) {
        return false;
    }
    // The host part of a bare endpoint ends at the first port colon, path, query or fragment.
    let end = text.length;
    for (const stop of ["/", "?", "#"]) {
        const at = text.indexOf(stop);
        if (at >= 0 && at < end) {
            end = at;
        }
    }
    let hostPart = text.slice(0, end);
    if (hostPart.includes("@")) {
        return endpointHostOf(text) !== undefined; // user-info: the host is after the `@`
    }
    if (hostPart.startsWith("[")) {
        return hostPart.includes("]") && endpointHostOf(text) !== undefined;
    }
    const colon = hostPart.indexOf(":");
    if (colon >= 0) {
        const port = hostPart.slice(colon + 1);
        if (!/^[0-9]{1,5}$/.test(port)) {
            return false; // `us.openai.gpt-5-v1:0` is a model id, not host:port
        }
        hostPart = hostPart.slice(0, colon);
    }
    const host = normalisedName(hostPart);
    if (host === "localhost" || isIPv4(host)) {
        return true;
    }
    const labels = host.split(".");
    if (labels.length < 2 || !labels.every(isHostLabel)) {
        return false;
    }
    const tld = labels[labels.length - 1];
    if (labels.length === 2 && fileExtensions.has(tld)) {
        return false; // `model.pt`, `config.json`: a file name, not a host
    }
    // A TLD is letters (or an IDN): `gpt-4.1` and `v1.2` end in digits and are not hosts.
    return tld.startsWith("xn--") || !/[0-9-]/.test(tld);
}

/** Extensions that make a two-label name a file rather than a host (some are also TLDs: `.sh`, `.py`, `.pt`). */
const fileExtensions: ReadonlySet<string> = new Set([
    "json",
    "yaml",
    "yml",
    "toml",
    "ini",
    "cfg",
    "conf",
    "env",
    "txt",
    "md",
    "log",
    "csv",
    "xml",
    "html",
    "py",
    "sh",
    "js",
    "ts",
    "jar",
    "so",
    "exe",
    "dll",
    "pem",
    "crt",
    "key",
    "lock",
    "tar",
    "gz",
    "tgz",
    "zip",
    "bin",
    "pt",
    "pth",
    "ckpt",
    "gguf",
    "safetensors",
    "onnx",
    "pkl",
    "h5",
]);

/** A DNS label as written: ASCII letters, digits and `-`, or non-ASCII (an IDN before punycode). */
function isHostLabel(label: string): boolean {
    if (label.length === 0 || label.length > 63) {
        return false;
    }
    for (let i = 0; i < label.length; i++) {
        const c = label.charCodeAt(i);
        if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c > 127)) {
            return false;
        }
    }
    return true;
}

/**
 * Hosts that name a server next to the client rather than a place on the internet: a Kubernetes
 * Service (`vllm`, `vllm.inference.svc`, `vllm.inference.svc.cluster.local`), or the machine itself
 * (`localhost`, `127.0.0.1`, `::1`). Such a server runs where the client runs.
 *
 * @example
 * isLocalHost("vllm.inference.svc.cluster.local"); // true
 * isLocalHost("api.openai.com");                    // false
 */
export function isLocalHost(host: string): boolean {
    if (typeof host !== "string" || host === "") {
        return false;
    }
    return !host.includes(".") && !host.startsWith("[")
        ? true
        : host === "localhost" ||
              host.startsWith("127.") ||
              host === "[::1]" ||
              isUnder(host, "svc") ||
              isUnder(host, "cluster.local") ||
              isUnder(host, "localhost");
}

/** Azure DNS name servers (`ns1-01.azure-dns.com.`): a delegation to them keeps a name on Azure. */
export function isAzureNameServer(target: string): boolean {
    const host = normalisedName(target);
    return ["azure-dns.com", "azure-dns.net", "azure-dns.org", "azure-dns.info"].some((domain) => isStrictlyUnder(host, domain));
}

/** Hostname suffixes of fronts and hosts by cloud, for naming where a DNS target sends traffic. */
const targetClouds: ReadonlyArray<[suffix: string, cloud: Cloud]> = [
    ["cloudfront.net", "aws"],
    ["amazonaws.com", "aws"],
    ["awsglobalaccelerator.com", "aws"],
    ["amazonaws.com.cn", "aws"],
    ["api.aws", "aws"],
    ["googlehosted.com", "gcp"],
    ["googleusercontent.com", "gcp"],
    ["run.app", "gcp"],
    ["appspot.com", "gcp"],
    ["web.app", "gcp"],
    ["firebaseapp.com", "gcp"],
    ["oraclecloud.com", "oci"],
    ["aliyuncs.com", "alibaba"],
    ["digitaloceanspaces.com", "digitalocean"],
    ["ondigitalocean.app", "digitalocean"],
    ["workers.dev", "cloudflare"],
    ["pages.dev", "cloudflare"],
    ["cloudflare.net", "cloudflare"],
];

/** The cloud a DNS target's host belongs to, when its name says it (`d111.cloudfront.net` → aws). */
export function cloudOfTarget(target: string): Cloud | undefined {
    const host = normalisedName(target);
    return targetClouds.find(([suffix]) => isUnder(host, suffix))?.[1];
}

/**
 * Hosted gateways that name their upstream in the URL path, judged by where they forward (DOMAIN.md,
 * evidence 4): Cloudflare AI Gateway `gateway.ai.cloudflare.com/v1/<account>/<gateway>/<provider>/…`
 * forwards to Azure OpenAI (`azure-openai`) or to OpenAI's API (`openai`), which are Azure-hosted, or
 * to another provider, which is not. Undefined for every other host.
 */
function gatewayUpstreamOf(host: string, raw: string): "azure" | "other" | undefined {
    if (host !== "gateway.ai.cloudflare.com") {
        return undefined;
    }
    let path: string;
    try {
        path = new URL(hasScheme(raw.trim()) ? raw.trim() : `https://${raw.trim()}`).pathname;
    } catch {
        return undefined;
    }
    const provider = path
        .split("/")
        .filter((segment) => segment !== "")[3]
        ?.toLowerCase();
    return provider === "azure-openai" || provider === "openai" ? "azure" : "other";
}
