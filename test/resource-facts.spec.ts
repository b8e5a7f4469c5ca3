/**
 * The facts the pack reads off one resource before any rule judges it: whether it is set up as an
 * OpenAI client, the workload and product its labels declare, its settings scopes, the fields it
 * could not read, and where it runs. In the stack phase, settings whose values are held elsewhere
 * in the stack (ConfigMaps and Secrets, SSM parameters, Secrets Manager secrets, S3 objects, Secret
 * Manager and Key Vault secrets) are read in, each saying where its value came from.
 */
import { extract } from "../policypack/evidence/index";
import { Setting, SettingScope } from "../policypack/evidence/types";
import {
    factsOf,
    modelIn,
    modelRefOf,
    openAIClient,
    scopesIn,
    scopesWithStoredValues,
    settingEvidence,
    takesStoredValues,
} from "../policypack/facts";
import { stackContextOf } from "../policypack/registry";
import { ResourceView, StackNode } from "../policypack/resource";
import { defaultSettings } from "../policypack/settings";
import { k8sProvider, node, secret, stackOf, UNKNOWN, view } from "./support/views";

const settings = defaultSettings;
const isClient = (props: Record<string, unknown>, type = "acme:ci:Build") => openAIClient(view(type, "b", props), extract(type, props));

/** A value nested `levels` objects below the resource's inputs (the value itself at depth `levels`). */
function nested(value: unknown, levels: number, wrap: (inner: unknown) => unknown = (inner) => ({ d: inner })): Record<string, unknown> {
    let deep = value;
    for (let i = 1; i < levels; i++) {
        deep = wrap(deep);
    }
    return { d: deep };
}

/** Settings as a message would list them: name, value, where it came from, and how it is held. */
function listed(scopes: readonly SettingScope[]): string[] {
    return scopes.flatMap((scope) =>
        scope.settings.map((setting) => {
            const flags = [setting.unknown ? "unknown" : "", setting.secret ? "secret" : "", setting.viaStack ? "via stack" : ""].filter(
                Boolean,
            );
            return `${setting.name} = ${setting.value ?? "?"} @ ${setting.path}${flags.length > 0 ? ` (${flags.join(", ")})` : ""}`;
        }),
    );
}

/** The scopes of `reader` with the values its stack holds read in. */
function readIn(reader: ResourceView | StackNode, others: Array<ResourceView | StackNode>): SettingScope[] {
    const nodes = [reader, ...others].map((item): StackNode => ("propertyDependencies" in item ? (item as StackNode) : node(item)));
    return scopesWithStoredValues(factsOf(reader, settings), stackOf(nodes));
}

/** A Deployment with one container, given its container fields and pod volumes. */
function deployment(container: Record<string, unknown>, volumes: unknown[] = []): ResourceView {
    return view("kubernetes:apps/v1:Deployment", "chat", {
        spec: { template: { spec: { containers: [{ name: "api", ...container }], volumes } } },
    });
}

/** An ECS task definition with one container. */
function task(container: Record<string, unknown>): ResourceView {
    return view("aws:ecs/taskDefinition:TaskDefinition", "chat", {
        family: "chat",
        containerDefinitions: JSON.stringify([{ name: "api", image: "ghcr.io/acme/api:1", ...container }]),
    });
}

describe("a resource set up as an OpenAI client", () => {
    it("is one when any one of its settings follows the SDK's convention, beside others that do not", () => {
        expect(isClient({ env: { OPENAI_API_KEY: "sk", MODEL: "gpt-4o" } })).toBe(true);
        expect(isClient({ env: { MODEL: "gpt-4o", PORT: "8000" } })).toBe(false);
    });

    it("reads a variable's name of up to 63 characters as a name, a longer one as text that must name the API key", () => {
        const name = (length: number) => `${"A".repeat(length - "_OPENAI_MODEL".length)}_OPENAI_MODEL`;
        expect(isClient({ secretEnv: [name(63)] })).toBe(true);
        expect(isClient({ secretEnv: [name(64)] })).toBe(false);
    });

    it("finds only the API key's name in a text, wherever it stands in it", () => {
        expect(isClient({ note: "export OPENAI_API_KEY" })).toBe(true);
        expect(isClient({ note: "OPENAI_API_KEY=from-the-vault" })).toBe(true);
        // Other OpenAI variables in a text are not read as names handed to a process.
        expect(isClient({ note: "OPENAI_MODEL=gpt-4o" })).toBe(false);
        expect(isClient({ note: "see APP_OPENAI_MODEL" })).toBe(false);
    });

    it("reads texts of up to a million characters", () => {
        const text = (length: number) => `OPENAI_API_KEY ${"x".repeat(length - "OPENAI_API_KEY ".length)}`;
        expect(isClient({ secretEnv: [text(1_000_000)] })).toBe(true);
        expect(isClient({ secretEnv: [text(1_000_001)] })).toBe(false);
    });

    it("reads 32 levels deep, in objects and in lists alike, and no deeper", () => {
        expect(isClient(nested("OPENAI_API_KEY", 32))).toBe(true);
        expect(isClient(nested("OPENAI_API_KEY", 33))).toBe(false);
        const inList = (inner: unknown) => [inner];
        expect(isClient(nested("OPENAI_API_KEY", 32, inList))).toBe(true);
        expect(isClient(nested("OPENAI_API_KEY", 40, inList))).toBe(false);
    });

    it("reads up to 10,000 values, the inputs themselves counted", () => {
        // The inputs, the list, its items, then the key: 10,000 values with 9,997 items.
        const withItems = (count: number) => ({ filler: Array.from({ length: count }, () => "x"), last: "OPENAI_API_KEY" });
        expect(isClient(withItems(9_997))).toBe(true);
        expect(isClient(withItems(9_998))).toBe(false);
    });

    it("reads on past numbers, flags and empty values, which name nothing", () => {
        expect(isClient({ replicas: 3, enabled: true, nothing: null, secretEnv: ["OPENAI_API_KEY"] })).toBe(true);
        expect(isClient({ replicas: 3, enabled: true, nothing: null })).toBe(false);
    });
});

describe("the facts of one resource", () => {
    it("takes the workload and product its own tags leave out from labels found deeper", () => {
        const job = (props: Record<string, unknown>) => factsOf(view("acme:ml:Job", "j", props), settings).declared;
        const deeper = { config: { labels: { "openai:product": "chatgpt", "openai:workload": "training" } } };
        expect(job({ tags: { "openai:workload": "inference" }, ...deeper })).toEqual({
            workload: { path: "tags.openai:workload", value: "inference" },
            product: { path: "config.labels.openai:product", value: "chatgpt" },
        });
        expect(job({ tags: { "openai:product": "codex" }, ...deeper })).toEqual({
            workload: { path: "config.labels.openai:workload", value: "training" },
            product: { path: "tags.openai:product", value: "codex" },
        });
        expect(job(deeper)).toEqual({
            workload: { path: "config.labels.openai:workload", value: "training" },
            product: { path: "config.labels.openai:product", value: "chatgpt" },
        });
        // Its own tags declaring both, the deeper labels are not read.
        expect(job({ tags: { "openai:product": "codex", "openai:workload": "batch" }, ...deeper })).toEqual({
            workload: { path: "tags.openai:workload", value: "batch" },
            product: { path: "tags.openai:product", value: "codex" },
        });
        expect(job({})).toEqual({});
    });

    it("sorts each scope's settings by role, a client resource's model being the one it asks for", () => {
        const client = factsOf(view("acme:ci:Build", "b", { env: { OPENAI_API_KEY: "sk", MODEL: "gpt-4o" } }), settings);
        expect(client.scopes).toHaveLength(1);
        expect(client.scopes[0].scope).toBe(client.extraction.scopes[0]);
        expect(client.scopes[0].roles.isClient).toBe(true);
        expect(client.scopes[0].roles.clientModels.map((setting) => setting.value)).toEqual(["gpt-4o"]);
        expect(client.scopes[0].roles.servedModels).toEqual([]);
        const server = factsOf(deployment({ image: "vllm/vllm-openai:v0.6.4", env: [{ name: "MODEL", value: "gpt-4o" }] }), settings);
        expect(server.scopes[0].roles.isServer).toBe(true);
        expect(server.scopes[0].roles.servedModels.map((setting) => setting.value)).toEqual(["gpt-4o"]);
    });

    it("gives each field it could not read as evidence saying why", () => {
        const vm = factsOf(view("aws:ec2/instance:Instance", "gpu", { instanceType: "g5.xlarge", userData: UNKNOWN }), settings);
        expect(vm.unreadable).toEqual([{ path: "userData", shown: "(could not be read: unknown during preview)" }]);
        expect(factsOf(view("aws:ec2/instance:Instance", "gpu", { userData: "#!/bin/sh\n" }), settings).unreadable).toEqual([]);
    });

    it("says where it runs alone and with its stack, whichever is asked first", () => {
        const cluster = view("aws:eks/cluster:Cluster", "inference", { name: "inference" });
        const provider = k8sProvider("inference", { kubeconfig: UNKNOWN });
        const chat = view("kubernetes:apps/v1:Deployment", "chat", { spec: {} }, provider);
        const stack = stackOf([node(cluster), node({ ...provider }, { kubeconfig: [cluster] }), node(chat)]);

        const aloneFirst = factsOf(chat, settings);
        expect(aloneFirst.host().kind).toBe("pending");
        expect(aloneFirst.host(stack)).toMatchObject({ kind: "cloud", cloud: "aws", viaStack: true });
        expect(aloneFirst.host().kind).toBe("pending");

        const stackFirst = factsOf(chat, settings);
        expect(stackFirst.host(stack)).toMatchObject({ kind: "cloud", cloud: "aws" });
        expect(stackFirst.host().kind).toBe("pending");
        expect(stackFirst.host(stack)).toMatchObject({ kind: "cloud", cloud: "aws" });
    });
});

describe("settings whose values live elsewhere in the stack", () => {
    it("take the ConfigMap or Secret key they name, a Secret's as secret", () => {
        const chat = deployment({
            image: "vllm/vllm-openai:v0.6.4",
            env: [
                { name: "MODEL", valueFrom: { configMapKeyRef: { name: "model", key: "MODEL" } } },
                { name: "HF_TOKEN", valueFrom: { secretKeyRef: { name: "keys", key: "HF_TOKEN" } } },
            ],
        });
        const configMap = view("kubernetes:core/v1:ConfigMap", "model", { metadata: { name: "model" }, data: { MODEL: "gpt-4o" } });
        const keys = view("kubernetes:core/v1:Secret", "keys", { metadata: { name: "keys" }, stringData: { HF_TOKEN: "hf_x" } });
        const [container] = readIn(chat, [configMap, keys]);
        expect(listed([container])).toEqual([
            "containers_name = api @ spec.template.spec.containers[0].name",
            'MODEL = gpt-4o @ spec.template.spec.containers[0].env[0].valueFrom → ConfigMap "model" key MODEL (via stack)',
            'HF_TOKEN = hf_x @ spec.template.spec.containers[0].env[1].valueFrom → Secret "keys" key HF_TOKEN (secret, via stack)',
        ]);
        // What was read no longer points elsewhere.
        expect(container.settings.every((setting) => setting.ref === undefined)).toBe(true);
        expect(container.engines).toEqual(["vLLM"]);
    });

    it("stay unknown when the store they name is not in the stack, held outside it", () => {
        const chat = deployment({ env: [{ name: "MODEL", valueFrom: { configMapKeyRef: { name: "model", key: "MODEL" } } }] });
        const scopes = readIn(chat, []);
        expect(listed(scopes)).toContain(
            'MODEL = ? @ spec.template.spec.containers[0].env[0].valueFrom → ConfigMap "model" (unknown, via stack)',
        );
        expect(scopes.flatMap((scope) => scope.settings).find((setting) => setting.name === "MODEL")?.elsewhere).toBe(true);
    });

    it("take the SSM parameter an ARN names, and keep a literal parameter name beside the value it names", () => {
        const chat = task({
            secrets: [{ name: "SERVED_MODEL_NAME", valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/chat/model" }],
            environment: [{ name: "MODEL_PARAM", value: "/chat/model" }],
        });
        const parameter = view("aws:ssm/parameter:Parameter", "model", { name: "/chat/model", insecureValue: "gpt-4o" });
        expect(listed(readIn(chat, [parameter]))).toEqual([
            "containerDefinitions_name = api @ containerDefinitions (JSON)[0].name",
            'SERVED_MODEL_NAME = gpt-4o @ containerDefinitions (JSON)[0].secrets[0].valueFrom → SSM parameter "/chat/model" (via stack)',
            "MODEL_PARAM = /chat/model @ containerDefinitions (JSON)[0].environment[0].value",
            'MODEL_PARAM = gpt-4o @ containerDefinitions (JSON)[0].environment[0].value → SSM parameter "/chat/model" (via stack)',
        ]);
    });

    it("stay secret when the setting is a Pulumi secret, whatever the store says", () => {
        const fn = view("aws:lambda/function:Function", "chat", { environment: { variables: { MODEL_PARAM: secret("/chat/model") } } });
        const parameter = view("aws:ssm/parameter:Parameter", "model", { name: "/chat/model", type: "String", insecureValue: "gpt-4o" });
        expect(listed(readIn(fn, [parameter]))).toEqual([
            "MODEL_PARAM = /chat/model @ environment.variables.MODEL_PARAM (secret)",
            'MODEL_PARAM = gpt-4o @ environment.variables.MODEL_PARAM → SSM parameter "/chat/model" (secret, via stack)',
        ]);
    });

    it("take the Secret Manager secret a Cloud Run container names", () => {
        const run = view("gcp:cloudrunv2/service:Service", "chat", {
            template: {
                containers: [
                    {
                        image: "vllm/vllm-openai",
                        env: [{ name: "MODEL", valueSource: { secretKeyRef: { secret: "chat-model", version: "latest" } } }],
                    },
                ],
            },
        });
        const model = view("gcp:secretmanager/secret:Secret", "model", { secretId: "chat-model" });
        const version = view("gcp:secretmanager/secretVersion:SecretVersion", "model-v1", { secretData: "gpt-4o" });
        expect(listed(readIn(run, [model, node(version, { secret: [model] })]))).toEqual([
            'MODEL = gpt-4o @ template.containers[0].env[0].valueSource → Secret Manager secret "chat-model" (secret, via stack)',
        ]);
    });

    it("take the Key Vault secret an App Service setting references", () => {
        const app = view("azure-native:web:WebApp", "chat", {
            siteConfig: {
                appSettings: [{ name: "MODEL", value: "@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/model/)" }],
            },
        });
        const vaultSecret = view("azure-native:keyvault:Secret", "model", { secretName: "model", properties: { value: "gpt-4o" } });
        expect(listed(readIn(app, [vaultSecret]))).toEqual([
            'MODEL = gpt-4o @ siteConfig.appSettings[0].value → Key Vault secret "model" (secret, via stack)',
        ]);
        expect(listed(readIn(app, []))).toEqual(["MODEL = ? @ siteConfig.appSettings[0].value (unknown)"]);
    });

    describe("an unknown value whose property depends on a store", () => {
        const fn = view("aws:lambda/function:Function", "chat", { environment: { variables: { MODEL: UNKNOWN } } });
        const dependingOn = (source: ResourceView, ...more: Array<ResourceView | StackNode>) =>
            listed(readIn(node(fn, { environment: [source] }), [source, ...more]));

        it("takes an SSM parameter's value, of either provider", () => {
            for (const type of ["aws:ssm/parameter:Parameter", "aws-native:ssm:Parameter"]) {
                const parameter = view(type, "model", { name: "/chat/model", value: "gpt-4o" });
                expect(dependingOn(parameter)).toEqual([
                    'MODEL = gpt-4o @ environment.variables.MODEL → SSM parameter "/chat/model" (via stack)',
                ]);
            }
        });

        it("takes a Secrets Manager secret's versions, depended on directly or through the secret", () => {
            const chatSecret = view("aws:secretsmanager/secret:Secret", "chat", { name: "chat" });
            const version = view("aws:secretsmanager/secretVersion:SecretVersion", "chat-v", { secretString: "gpt-4o" });
            const expected = ['MODEL = gpt-4o @ environment.variables.MODEL → Secrets Manager secret "chat" (secret, via stack)'];
            expect(dependingOn(chatSecret, node(version, { secretId: [chatSecret] }))).toEqual(expected);
            expect(dependingOn(version)).toEqual([
                'MODEL = gpt-4o @ environment.variables.MODEL → Secrets Manager secret "chat-v" (secret, via stack)',
            ]);
        });

        it("takes the store's value when the property also depends on resources that are not stores", () => {
            const parameter = view("aws:ssm/parameter:Parameter", "model", { name: "/chat/model", insecureValue: "gpt-4o" });
            const bucket = view("aws:s3/bucket:Bucket", "uploads", {});
            expect(listed(readIn(node(fn, { environment: [bucket, parameter] }), [bucket, parameter]))).toEqual([
                'MODEL = gpt-4o @ environment.variables.MODEL → SSM parameter "/chat/model" (via stack)',
            ]);
        });

        it("takes a Key Vault secret's or a GCP Secret Manager secret's value when that is all it depends on", () => {
            const vaultSecret = view("azure-native:keyvault:Secret", "model", { secretName: "model", properties: { value: "gpt-4o" } });
            expect(dependingOn(vaultSecret)).toEqual([
                'MODEL = gpt-4o @ environment.variables.MODEL → Key Vault secret "model" (secret, via stack)',
            ]);
            const gcpSecret = view("gcp:secretmanager/secret:Secret", "model", { secretId: "chat-model" });
            const version = view("gcp:secretmanager/secretVersion:SecretVersion", "model-v1", { secretData: "gpt-oss-120b" });
            expect(dependingOn(gcpSecret, node(version, { secret: [gcpSecret] }))).toEqual([
                'MODEL = gpt-oss-120b @ environment.variables.MODEL → Secret Manager secret "chat-model" (secret, via stack)',
            ]);
        });

        it("stays unknown when what it depends on holds no value", () => {
            expect(dependingOn(view("aws:s3/bucket:Bucket", "b", {}))).toEqual(["MODEL = ? @ environment.variables.MODEL (unknown)"]);
            expect(dependingOn(view("aws:secretsmanager/secret:Secret", "empty", { name: "empty" }))).toEqual([
                "MODEL = ? @ environment.variables.MODEL (unknown)",
            ]);
        });
    });

    it("a known value is never replaced from what its property depends on", () => {
        const fn = view("aws:lambda/function:Function", "chat", { environment: { variables: { MODEL: "llama-3.1-8b" } } });
        const parameter = view("aws:ssm/parameter:Parameter", "model", { name: "/chat/model", insecureValue: "gpt-4o" });
        expect(listed(readIn(node(fn, { environment: [parameter] }), [parameter]))).toEqual([
            "MODEL = llama-3.1-8b @ environment.variables.MODEL",
        ]);
    });
});

describe("settings a scope takes in whole from the stack", () => {
    it("reads an ECS container's environment files from S3, a secret object's settings as secret", () => {
        const chat = task({
            environmentFiles: [
                { type: "s3", value: "arn:aws:s3:::config/env/chat.env" },
                { type: "s3", value: "arn:aws:s3:::config/env/keys.env" },
            ],
        });
        const env = view("aws:s3/bucketObjectv2:BucketObjectv2", "chat-env", {
            bucket: "config",
            key: "env/chat.env",
            content: "MODEL=gpt-4o\n",
        });
        const keys = view("aws:s3/bucketObjectv2:BucketObjectv2", "keys-env", {
            bucket: "config",
            key: "env/keys.env",
            content: secret("HF_TOKEN=hf_x\n"),
        });
        const [container] = readIn(chat, [env, keys]);
        expect(listed([container])).toEqual([
            "containerDefinitions_name = api @ containerDefinitions (JSON)[0].name",
            'MODEL = gpt-4o @ containerDefinitions (JSON)[0].environmentFiles[0] → S3 object "env/chat.env" (line 1) (via stack)',
            'HF_TOKEN = hf_x @ containerDefinitions (JSON)[0].environmentFiles[1] → S3 object "env/keys.env" (line 1) (secret, via stack)',
        ]);
        expect(container.settings.slice(1).map((setting) => setting.property)).toEqual(["containerDefinitions", "containerDefinitions"]);
    });

    it("adds every key of an envFrom store, with its prefix, a Secret's as secret", () => {
        const chat = deployment({
            envFrom: [{ prefix: "APP_", configMapRef: { name: "model" } }, { secretRef: { name: "keys" } }],
        });
        const configMap = view("kubernetes:core/v1:ConfigMap", "model", { metadata: { name: "model" }, data: { MODEL: "gpt-4o" } });
        const keys = view("kubernetes:core/v1:Secret", "keys", { metadata: { name: "keys" }, stringData: { HF_TOKEN: "hf_x" } });
        const [container] = readIn(chat, [configMap, keys]);
        expect(listed([container])).toEqual([
            "containers_name = api @ spec.template.spec.containers[0].name",
            'APP_MODEL = gpt-4o @ spec.template.spec.containers[0].envFrom[0].configMapRef → ConfigMap "model" key MODEL (via stack)',
            'HF_TOKEN = hf_x @ spec.template.spec.containers[0].envFrom[1].secretRef → Secret "keys" key HF_TOKEN (secret, via stack)',
        ]);
        expect(container.settings.slice(1).map((setting) => setting.property)).toEqual(["spec", "spec"]);
    });

    it("reads a mounted ConfigMap's config files as scopes running the container's engines", () => {
        const chat = deployment(
            {
                image: "vllm/vllm-openai:v0.6.4",
                args: ["--config", "/etc/vllm/vllm.yaml"],
                volumeMounts: [{ name: "config", mountPath: "/etc/vllm" }],
            },
            [{ name: "config", configMap: { name: "vllm-config" } }],
        );
        const config = view("kubernetes:core/v1:ConfigMap", "vllm-config", {
            metadata: { name: "vllm-config" },
            data: { "vllm.yaml": "host: 0.0.0.0\nport: 8000\nmodel: gpt-4o\n" },
        });
        const scopes = readIn(chat, [config]);
        const file = scopes.find((scope) => scope.path.includes("→"));
        expect(file?.path).toBe('spec.template.spec.containers[0].volumeMounts[0] → ConfigMap "vllm-config" key vllm.yaml (YAML)');
        expect(file?.engines).toEqual(["vLLM"]);
        expect(listed(file ? [file] : [])).toContain(
            'model = gpt-4o @ spec.template.spec.containers[0].volumeMounts[0] → ConfigMap "vllm-config" key vllm.yaml (YAML).model (via stack)',
        );
        expect(file?.settings.every((setting) => setting.property === "spec")).toBe(true);
        // The container's own scope comes first, the file's right after it.
        expect(scopes.indexOf(file as SettingScope)).toBe(1);
    });

    it("says which resources take values from the stack at all", () => {
        const takes = (resource: ResourceView) => takesStoredValues(factsOf(resource, settings));
        expect(takes(deployment({ envFrom: [{ configMapRef: { name: "model" } }] }))).toBe(true);
        expect(takes(deployment({ env: [{ name: "MODEL", valueFrom: { configMapKeyRef: { name: "model", key: "MODEL" } } }] }))).toBe(true);
        expect(takes(deployment({ env: [{ name: "MODEL", value: "gpt-4o" }] }))).toBe(false);
    });
});

describe("what a rule reads off the facts", () => {
    it("judges the resource's own scopes alone, and its scopes with stored values in the stack phase", () => {
        const chat = deployment({
            image: "vllm/vllm-openai:v0.6.4",
            env: [{ name: "MODEL", valueFrom: { configMapKeyRef: { name: "model", key: "MODEL" } } }],
        });
        const configMap = view("kubernetes:core/v1:ConfigMap", "model", { metadata: { name: "model" }, data: { MODEL: "gpt-4o" } });
        const facts = factsOf(chat, settings);
        const served = (scopes: ReturnType<typeof scopesIn>) =>
            scopes.flatMap(({ roles }) => roles.servedModels.map((setting) => setting.value ?? "(unknown)"));
        // Alone, the served model is unknown; with the stack, it is the ConfigMap's.
        expect(served(scopesIn(facts, { settings }))).toEqual(["(unknown)"]);
        const stack = stackContextOf(stackOf([node(chat), node(configMap)]), settings);
        expect(served(scopesIn(facts, { settings, stack }))).toEqual(["gpt-4o"]);
    });

    it("names a model unless it was named in a secret", () => {
        const found = modelIn("gpt-4o", settings);
        expect(found).toMatchObject({ id: "gpt-4o" });
        expect(modelIn(undefined, settings)).toBeUndefined();
        expect(modelIn("llama-3.1-8b-instruct", { ...settings, extraProprietaryModelPatterns: ["llama-3.1-*"] })).toMatchObject({
            class: "proprietary",
        });
        if (found) {
            expect(modelRefOf(found, false)).toEqual({ id: "gpt-4o", family: found.family, class: found.class });
            expect(modelRefOf(found, true)).toEqual({ family: found.family, class: found.class });
        }
    });

    it("shows a setting's value as a message may: unknown, secret, as named, or redacted", () => {
        const setting = (over: Partial<Setting>): Setting => ({
            name: "MODEL",
            path: "env.MODEL",
            value: "gpt-4o",
            unknown: false,
            secret: false,
            property: "env",
            ...over,
        });
        expect(settingEvidence(setting({}))).toEqual({ path: "env.MODEL", shown: "gpt-4o" });
        expect(settingEvidence(setting({}), "gpt-4o-mini")).toEqual({ path: "env.MODEL", shown: "gpt-4o-mini" });
        expect(settingEvidence(setting({ unknown: true, value: undefined }))).toEqual({
            path: "env.MODEL",
            shown: "(unknown during preview)",
        });
        expect(settingEvidence(setting({ secret: true }), "gpt-4o")).toEqual({ path: "env.MODEL", shown: "[secret]" });
        expect(settingEvidence(setting({ value: undefined }))).toEqual({ path: "env.MODEL", shown: "" });
        expect(settingEvidence(setting({ name: "OPENAI_API_KEY", value: "sk-live" })).shown).not.toContain("sk-live");
    });
});
