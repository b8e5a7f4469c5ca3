/**
 * Generators for the hardening specs: hostile values for every field the pack
 * reads, spoofed endpoint URLs, hidden model spellings, and a seed resource of
 * every supported type that the pack blocks, so a property can break one field
 * at a time and ask what still holds.
 */
import fc from "fast-check";
import { supportedTypes } from "../../policypack/evidence";
import { ResourceView, StackIndex } from "../../policypack/resource";
import { k8sProvider, node, secret, stackOf, UNKNOWN, view } from "./views";

/** The engine's unknown sentinels, one per kind (values.ts knows them all). */
export const unknownSentinels: readonly string[] = [
    UNKNOWN,
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
];

/**
 * Every property name the extractors, the tag reader and the kubeconfig reader
 * look up, so generated objects hit the read paths rather than missing them,
 * plus the names that break naive object handling.
 */
export const readKeys: readonly string[] = [
    "containerDefinitions",
    "containerProperties",
    "ecsProperties",
    "taskProperties",
    "containers",
    "initContainers",
    "environment",
    "variables",
    "env",
    "envs",
    "name",
    "value",
    "args",
    "command",
    "commands",
    "entryPoint",
    "userData",
    "userDataBase64",
    "spec",
    "template",
    "jobTemplate",
    "metadata",
    "labels",
    "tags",
    "tagsAll",
    "userLabels",
    "resourceLabels",
    "freeformTags",
    "definedTags",
    "modelArn",
    "modelSource",
    "copyFrom",
    "foundationModel",
    "primaryContainer",
    "modelDataUrl",
    "modelPackageName",
    "modelDataSource",
    "s3DataSource",
    "s3Uri",
    "publisherModelName",
    "huggingFaceModelId",
    "sourceConfiguration",
    "imageRepository",
    "imageConfiguration",
    "codeRepository",
    "codeConfiguration",
    "codeConfigurationValues",
    "runtimeEnvironmentVariables",
    "startCommand",
    "siteConfig",
    "appSettings",
    "environmentVariables",
    "routeKey",
    "target",
    "httpMethod",
    "uri",
    "conditions",
    "pathPattern",
    "values",
    "orderedCacheBehaviors",
    "records",
    "aliases",
    "rrdatas",
    "content",
    "relativeRecordSetName",
    "zoneName",
    "aRecords",
    "ipv4Address",
    "cnameRecord",
    "cname",
    "targetResource",
    "id",
    "specification",
    "container",
    "artifactUrl",
    "modelName",
    "kubeconfig",
    "context",
    "cluster",
    "key",
    "Key",
    "Value",
    "openai:workload",
    "openai.com/workload",
    "openai-workload",
    "openai:product",
    "OPENAI_BASE_URL",
    "OPENAI_MODEL",
    "OPENAI_API_KEY",
    "SERVED_MODEL_NAME",
    "MODEL",
    "MODEL_ID",
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "",
];

/** Strings that are broken in the ways plans are broken. */
const brokenStrings: readonly string[] = [
    "",
    " ",
    "[{not json",
    '{"a":',
    "[",
    "null",
    "[]",
    "{}",
    "\u0000\u0001\u0002\u0003binary\u00ff\ufffd",
    "H4sIAAAAAAAAA+NkYGBgBAA=", // base64 of gzip bytes
    "AAAA",
    "====",
    "!!!not base64!!!",
    "\ud800",
    "\u202egnp.evil",
    "%00%ff",
    "apiVersion: v1\nkind: [",
    "{{{{",
    "-".repeat(300),
    "=".repeat(300),
    "a=".repeat(300),
    "--model",
    "serve",
    "\\",
    '"',
    "'",
    "#",
    "$env:",
    "Environment=",
];

/** A leaf no well-formed plan would have in a string field. */
export const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom<unknown>(null, undefined, true, false, 0, -1, NaN, Infinity, 1e308, -0, [], {}),
    fc.constantFrom(...unknownSentinels),
    fc.constantFrom(...brokenStrings),
    fc.string(),
    fc.string({ unit: "binary", maxLength: 64 }),
    fc.integer(),
    fc.double(),
    fc.json(),
);

/** A secret wrapper around any value, possibly nested (the pack unwraps at most a few levels). */
export function wrappedInSecrets<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
    return fc.tuple(arb, fc.integer({ min: 1, max: 10 })).map(([value, depth]) => {
        let wrapped: unknown = value;
        for (let i = 0; i < depth; i++) {
            wrapped = secret(wrapped);
        }
        return wrapped;
    });
}

/** Objects and arrays keyed by the names the pack reads, with hostile leaves, secrets and unknowns anywhere. */
export const hostileTree: fc.Arbitrary<unknown> = fc.letrec<{ tree: unknown; leaf: unknown }>((tie) => ({
    leaf: fc.oneof({ weight: 5, arbitrary: hostileLeaf }, { weight: 1, arbitrary: wrappedInSecrets(hostileLeaf) }),
    tree: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        tie("leaf"),
        fc.dictionary(fc.constantFrom(...readKeys), tie("tree"), { maxKeys: 6 }),
        fc.array(tie("tree"), { maxLength: 4 }),
        wrappedInSecrets(tie("tree")),
    ),
})).tree;

/** Hostile props: an object (top level always), keyed by read names. */
export const hostileProps: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(fc.constantFrom(...readKeys), hostileTree, {
    maxKeys: 10,
});

/** Nested `depth` levels: `{ k: { k: … } }`, ending in `leaf`. Built by a loop, so it cannot overflow here. */
export function nestedObject(key: string, depth: number, leaf: unknown): Record<string, unknown> {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i++) {
        value = { [key]: value };
    }
    return value as Record<string, unknown>;
}

/** Nested `depth` arrays: `[[[…]]]`. */
export function nestedArray(depth: number, leaf: unknown): unknown[] {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i++) {
        value = [value];
    }
    return value as unknown[];
}

/** A Kubernetes provider whose kubeconfig points at EKS (so its workloads are hosted on AWS). */
export const eksProvider = k8sProvider("eks", {
    kubeconfig: JSON.stringify({
        apiVersion: "v1",
        "current-context": "prod",
        contexts: [{ name: "prod", context: { cluster: "prod", user: "prod" } }],
        clusters: [{ name: "prod", cluster: { server: "https://ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com" } }],
        users: [{ name: "prod", user: {} }],
    }),
});

/** The provider a resource of this type is registered with in the specs (Kubernetes: the EKS one). */
export function providerFor(type: string): ResourceView["provider"] {
    return type.startsWith("kubernetes:") ? eksProvider : undefined;
}

/** Whether the pack hosts resources of this type on Azure (nothing there breaks clause 1). */
export function isAzureType(type: string): boolean {
    return type.startsWith("azure-native:") || type.startsWith("azure:");
}

/** Types whose runtime keeps state: clause 1 never applies, whatever they declare. */
export function isStatefulType(type: string): boolean {
    return type.includes("agentcore") || type.includes("Agentcore");
}

/** Every supported resource type the pack reads, from its own extractor table. */
export const everySupportedType: fc.Arbitrary<string> = fc.constantFrom(...supportedTypes);

/** A resource view of this type with these props, registered with its usual provider. */
export function resourceOf(type: string, name: string, props: Record<string, unknown>): ResourceView {
    return view(type, name, props, providerFor(type));
}

/** A stack of the resource and its provider, so the stack phase runs on it too. */
export function stackWith(resource: ResourceView): StackIndex {
    const nodes = [node(resource)];
    if (resource.provider) {
        nodes.push(node({ ...resource.provider }));
    }
    return stackOf(nodes);
}

/** The tag fields a type's owners write a declaration into, by provider convention. */
export function declaring(type: string, key: string, value: unknown): Record<string, unknown> {
    if (type.startsWith("kubernetes:")) {
        return { metadata: { labels: { [key]: value } } };
    }
    if (type.startsWith("gcp:")) {
        return { labels: { [key]: value } };
    }
    return { tags: { [key]: value } };
}

/** Azure-hosted endpoint hosts (DOMAIN.md): what an attacker dresses a non-Azure host up as. */
export const azureHosts: readonly string[] = [
    "contoso.openai.azure.com",
    "contoso.cognitiveservices.azure.com",
    "contoso.services.ai.azure.com",
    "api.openai.com",
    "openai.azure.com",
];

/** Hosts that are not Azure. */
export const attackerHosts: readonly string[] = [
    "evil.io",
    "bedrock-runtime.us-east-1.amazonaws.com",
    "203.0.113.7",
    "[2001:db8::1]",
    "proxy.example.net",
];

/** Mixed case, deterministically from a seed of booleans. */
export function mixedCase(text: string, flips: readonly boolean[]): string {
    return [...text].map((c, i) => (flips[i % Math.max(1, flips.length)] ? c.toUpperCase() : c)).join("");
}

/**
 * URLs that name an Azure host somewhere but send requests to an attacker's host:
 * suffix tricks, user-info, query strings and fragments, ports, trailing dots,
 * parser differentials (backslashes, spaces), in mixed case.
 */
export const spoofedEndpoint: fc.Arbitrary<{ url: string; trick: string }> = fc
    .tuple(
        fc.constantFrom(...azureHosts),
        fc.constantFrom(...attackerHosts),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("https://", "http://", "", "HTTPS://", "wss://"),
    )
    .chain(([azure, evil, flips, scheme]) =>
        fc
            .constantFrom(
                // With an IP literal after it, a bare suffix is no host at all; a scheme makes clients try it.
                { url: `${scheme || "https://"}${azure}.${evil}/v1`, trick: "suffix" },
                { url: `${scheme}${azure}.${evil.replace(/^[[0-9].*/, "evil.io")}./v1`, trick: "suffix with trailing dot" },
                { url: `${scheme || "https://"}${azure}-${evil}/v1`, trick: "hyphen suffix" },
                { url: `${scheme}${evil}/?u=${azure}`, trick: "query string" },
                { url: `${scheme}${evil}/${azure}/openai/v1`, trick: "path" },
                { url: `${scheme}${evil}#${azure}`, trick: "fragment" },
                { url: `${scheme}${azure}@${evil}/v1`, trick: "user-info" },
                { url: `${scheme}${azure}:443@${evil}/v1`, trick: "user-info with port" },
                { url: `${scheme || "https://"}${azure}%40${evil}/v1`, trick: "encoded @ (no client reads it without a scheme)" },
                { url: `${scheme || "https://"}${azure}\\@${evil}/v1`, trick: "backslash before user-info" },
                { url: `${scheme || "https://"}${evil}/v 1?h=${azure}`, trick: "space in the path" },
                { url: `${scheme || "https://"}${evil}\t/v1#${azure}`, trick: "tab in the URL" },
                { url: `${scheme}${evil}:443/?${azure}`, trick: "port and query" },
            )
            .map((spoof) => ({ url: mixedCase(spoof.url, flips), trick: spoof.trick })),
    );

/** Genuine Azure-hosted endpoints in the spellings people write. */
export const genuineAzureEndpoint: fc.Arbitrary<string> = fc
    .tuple(
        fc.constantFrom(...azureHosts),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("https://", ""),
        fc.constantFrom("", ".", ":443"),
        fc.constantFrom("", "/", "/openai/v1/", "/openai/deployments/gpt-4o?api-version=2024-10-21"),
    )
    .map(([host, flips, scheme, after, path]) => `${scheme}${mixedCase(host, flips)}${after}${path}`);

/** OpenAI proprietary model ids (DOMAIN.md vocabulary), as the pack reports them. */
export const proprietaryIds: readonly string[] = [
    "gpt-4o",
    "gpt-4o-mini",
    "gpt-4.1",
    "gpt-5",
    "gpt-5.1-codex",
    "gpt-35-turbo",
    "o1",
    "o3",
    "o3-mini",
    "o4-mini",
    "text-embedding-3-large",
    "gpt-4o-transcribe",
    "tts-1-hd",
    "gpt-realtime",
    "dall-e-3",
    "gpt-image-1",
    "sora-2",
    "omni-moderation-latest",
];

/** A proprietary model hidden by case, whitespace, version suffixes and provider prefixes. */
export const hiddenProprietaryModel: fc.Arbitrary<{ id: string; spelled: string }> = fc
    .tuple(
        fc.constantFrom(...proprietaryIds),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("", "openai/", "openai.", "us.openai.", "eu.openai.", "azure/", "OpenAI/", "models/"),
        fc.constantFrom("", "-2024-08-06", "-v1:0", ":latest", "-0613", "-preview"),
        fc.constantFrom("", " ", "\t", "\n", "  \n\t"),
        fc.constantFrom("", " ", "\n", "\r\n", "\t"),
    )
    .map(([id, flips, prefix, suffix, before, after]) => ({
        id,
        spelled: `${before}${mixedCase(`${prefix}${id}${suffix}`, flips)}${after}`,
    }));

/** Names that look like OpenAI models and are not (DOMAIN.md: lookalikes are not models). */
export const lookalikes: readonly string[] = [
    "gptq-llama-7b",
    "gptq-4bit",
    "o3-solutions",
    "o365",
    "pro3",
    "co3",
    "neo3",
    "o3d-viewer",
    "gpt2",
    "gpt-j-6b",
    "gpt-neox-20b",
    "gpt4all",
    "gpt-sw3",
    "chatgpt-clone-ui",
    "o3x",
    "turbo3",
    "demo3",
    "dall-e-like",
    "whisperer",
    "sora-crm",
    "oo3",
];

/** A workload tag key in the spellings teams write it: case, separators, Kubernetes domain prefixes. */
export const workloadKeySpelling: fc.Arbitrary<string> = fc
    .tuple(
        fc.constantFrom(
            "openai:workload",
            "openai.com/workload",
            "openai-workload",
            "openai_workload",
            "OpenAI:Workload",
            "OPENAI-WORKLOAD",
            "openai.com/Workload",
            "OpenAI.Workload",
        ),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    )
    .map(([key, flips]) => mixedCase(key, flips));

/** A declared stateless value in the spellings teams write it. */
export const statelessValueSpelling: fc.Arbitrary<string> = fc
    .tuple(
        fc.constantFrom(
            "stateless-api",
            "Stateless API",
            "stateless_api",
            "STATELESS.API",
            "stateless-serving",
            "inference",
            "Serving",
            "stateless",
        ),
        fc.constantFrom("", " ", "  \t"),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    )
    .map(([value, pad, flips]) => `${pad}${mixedCase(value, flips)}${pad}`);
