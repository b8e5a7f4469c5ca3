/**
 * What a process takes from a Kubernetes store that the pack cannot read is never passed over: a
 * ConfigMap whose `data` is an `apply` (unknown during preview), one key of it unknown, a mounted
 * configuration file unknown, or a store the stack does not hold. A serving engine whose model may be
 * there is blocked fail-closed; any other workload gets the unread-in-preview advisory. A variable the
 * store sets (`--model $(TARGET)`) takes the store's value.
 */
import { judge } from "../policypack/registry";
import { messageOf } from "../policypack/render";
import { ResourceView } from "../policypack/resource";
import { defaultSettings, Settings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { k8sProvider, node, stackOf, UNKNOWN, view } from "./support/views";

const settings = defaultSettings;
const evidenceOf = (found: Verdict[]) => found.flatMap((verdict) => verdict.evidence.map((e) => `${e.path} = ${e.shown}`));
const kinds = (found: Verdict[]) => found.map((verdict) => [verdict.rule, verdict.subject.kind, verdict.viaStack]);

const eksCluster = view("aws:eks/cluster:Cluster", "inference", { name: "inference" });
const eksProvider = k8sProvider("inference", { kubeconfig: UNKNOWN });
const aksCluster = view("azure-native:containerservice:ManagedCluster", "chat-aks", { resourceName: "chat-aks" });
const aksProvider = k8sProvider("chat-aks", { kubeconfig: UNKNOWN });
const container = "spec.template.spec.containers[0]";

/** A Deployment of one container on the cluster of `provider`, with the pod's `volumes`. */
function deployment(name: string, spec: Record<string, unknown>, volumes?: unknown[], provider = eksProvider): ResourceView {
    return view(
        "kubernetes:apps/v1:Deployment",
        name,
        { metadata: { name }, spec: { template: { spec: { containers: [{ name: "main", ...spec }], ...(volumes ? { volumes } : {}) } } } },
        provider,
    );
}

const vllm = (args: string[], extra: Record<string, unknown> = {}) => ({ image: "vllm/vllm-openai:v0.6.4", args, ...extra });
const fromStore = (name: string) => ({ envFrom: [{ configMapRef: { name } }] });

function configMap(name: string, data: unknown, provider = eksProvider): ResourceView {
    return view("kubernetes:core/v1:ConfigMap", name, { metadata: { name }, data }, provider);
}

/** An SSM parameter (AWS) and a Key Vault secret (Azure): the resources a ConfigMap's `data` may be computed from. */
const parameter = view("aws:ssm/parameter:Parameter", "model", { name: "/chat/model", type: "String", value: "gpt-4o" });
const vaultSecret = view("azure-native:keyvault:Secret", "storage", { secretName: "storage" });

/** `workload` judged in a stack with both clusters, the stores, and each store's `data` computed from `dataFrom`. */
function judged(
    workload: ResourceView,
    stores: ResourceView[] = [],
    dataFrom: ResourceView = parameter,
    with_: Settings = settings,
): Verdict[] {
    const stack = stackOf([
        node(eksCluster),
        node({ ...eksProvider }, { kubeconfig: [eksCluster] }),
        node(aksCluster),
        node({ ...aksProvider }, { kubeconfig: [aksCluster] }),
        node(parameter),
        node(vaultSecret),
        ...stores.map((store) => node(store, { data: [dataFrom] })),
        node(workload),
    ]);
    return judge(workload, with_, stack);
}

describe("a ConfigMap the process takes its environment from (`envFrom`), unknown during preview", () => {
    it("blocks a server whose model is a variable the store sets, when the store's whole data is unknown", () => {
        const found = judged(deployment("chat", vllm(["--model", "$(MODEL)"], fromStore("serving"))), [configMap("serving", UNKNOWN)]);
        expect(kinds(found)).toEqual([["stateless-openai-api-on-azure", "serves-unknown-model", true]]);
        expect(evidenceOf(found)).toEqual([
            `${container}.args[1] → ${container}.envFrom[0].configMapRef → ConfigMap "serving" data = (unknown during preview)`,
        ]);
        // The resource alone cannot know: nothing is reported before the stack.
        expect(judge(deployment("chat", vllm(["--model", "$(MODEL)"], fromStore("serving"))), settings)).toEqual([]);
    });

    it("blocks a server that names no model, whatever the store sets, when one key of the store is unknown", () => {
        const store = configMap("serving", { MODEL_ID: UNKNOWN, PORT: "8000" });
        const tgi = deployment("tgi", { image: "ghcr.io/huggingface/text-generation-inference:2.4", ...fromStore("serving") });
        const found = judged(tgi, [store]);
        expect(kinds(found)).toEqual([["stateless-openai-api-on-azure", "serves-unknown-model", true]]);
        expect(evidenceOf(found)).toEqual([
            `${container}.envFrom[0].configMapRef → ConfigMap "serving" key MODEL_ID = (unknown during preview)`,
        ]);
    });

    it("does not block a server that names its model itself (an open-weight one): what else the store sets is only unread", () => {
        const llama = deployment("llama", vllm(["--model", "meta-llama/Llama-3.1-8B-Instruct"], fromStore("serving")));
        expect(kinds(judged(llama, [configMap("serving", UNKNOWN)]))).toEqual([
            ["stateless-openai-api-on-azure", "unread-in-preview", true],
        ]);
        expect(judged(llama, [configMap("serving", { LOG_LEVEL: "info" })])).toEqual([]);
    });

    it("gives any other workload the unread-in-preview advisory, naming the store", () => {
        const api = deployment("chat-api", { image: "myorg/chat-api:1.4", ...fromStore("api-settings") });
        const found = judged(api, [configMap("api-settings", UNKNOWN)]);
        expect(found.map((verdict) => [verdict.rule, verdict.subject, verdict.viaStack])).toEqual([
            [
                "stateless-openai-api-on-azure",
                { kind: "unread-in-preview", paths: [`${container}.envFrom[0].configMapRef → ConfigMap "api-settings" data`] },
                true,
            ],
        ]);
        // Known data names nothing: nothing to say.
        expect(judged(api, [configMap("api-settings", { LOG_LEVEL: "info" })])).toEqual([]);
    });

    it("on Azure, is the calls rule's advisory, left out with adviseOnAzureOnlyBlocks: false when only Azure resources compute it", () => {
        const api = deployment("chat-api", { image: "myorg/chat-api:1.4", ...fromStore("api-settings") }, undefined, aksProvider);
        const store = configMap("api-settings", UNKNOWN, aksProvider);
        expect(kinds(judged(api, [store], vaultSecret))).toEqual([["openai-calls-hosted-on-azure", "unread-in-preview", true]]);
        const quiet: Settings = { ...settings, adviseOnAzureOnlyBlocks: false };
        expect(judged(api, [store], vaultSecret, quiet)).toEqual([]);
        // Computed from an AWS parameter, it may hold an endpoint off Azure: still reported.
        expect(kinds(judged(api, [store], parameter, quiet))).toEqual([["openai-calls-hosted-on-azure", "unread-in-preview", true]]);
    });
});

describe("a variable a store sets (`--model $(TARGET)`)", () => {
    it("takes the store's value, whatever the key is called", () => {
        for (const use of [vllm(["--model", "$(TARGET)"]), { image: "vllm/vllm-openai", command: ["sh", "-c", 'vllm serve "$TARGET"'] }]) {
            const chat = deployment("chat", { ...use, ...fromStore("serving") });
            const found = judged(chat, [configMap("serving", { TARGET: "gpt-4o" })]);
            expect(found.map((verdict) => [verdict.subject.kind, verdict.viaStack])).toEqual([["serves-model", true]]);
            // The setting that names it is the process's own (its argument, its command line), read through the variable.
            expect(evidenceOf(found)).toEqual([
                expect.stringMatching(
                    /^spec\.template\.spec\.containers\[0\]\.(args|command)\b.* → ConfigMap "serving" key TARGET = gpt-4o$/,
                ),
            ]);
            expect(judged(chat, [configMap("serving", { TARGET: "meta-llama/Llama-3.1-8B-Instruct" })])).toEqual([]);
        }
    });

    it("leaves an argument given without a shell as it is: `$TARGET` is those letters to the engine", () => {
        const chat = deployment("chat", { ...vllm(["--model", "$TARGET"]), ...fromStore("serving") });
        expect(judged(chat, [configMap("serving", { TARGET: "gpt-4o" })])).toEqual([]);
    });
});

describe("a store the stack does not hold", () => {
    it("blocks a server that takes its environment from it and names no model: the model may be there", () => {
        const found = judged(deployment("chat", vllm(["--model", "$(MODEL)"], fromStore("made-by-platform-team"))));
        expect(found.map((verdict) => verdict.subject)).toEqual([
            { kind: "serves-unknown-model", service: "model server", elsewhere: true },
        ]);
        expect(messageOf(found[0])).toContain("takes its settings from a store this stack does not hold");
        expect(evidenceOf(found)).toEqual([
            `${container}.args[1] → ${container}.envFrom[0].configMapRef → ConfigMap "made-by-platform-team" = (held outside this stack)`,
        ]);
    });

    it("says nothing of a server that names its model, nor of a workload that serves nothing (what it calls cannot be read)", () => {
        expect(judged(deployment("llama", vllm(["--model", "meta-llama/Llama-3.1-8B-Instruct"], fromStore("elsewhere"))))).toEqual([]);
        expect(judged(deployment("chat-api", { image: "myorg/chat-api:1.4", ...fromStore("elsewhere") }))).toEqual([]);
    });

    it("blocks a client of a proprietary model that shows no endpoint: its base URL may be set there", () => {
        const client = (env: Array<Record<string, string>>) =>
            deployment("sales-assistant", {
                image: "myorg/sales-assistant:3.2",
                env,
                envFrom: [{ secretRef: { name: "llm-gateway-credentials" } }],
            });
        const found = judged(client([{ name: "OPENAI_MODEL", value: "gpt-4o" }]));
        expect(found.map((verdict) => [verdict.rule, verdict.subject])).toEqual([
            [
                "openai-calls-hosted-on-azure",
                {
                    kind: "calls-model",
                    client: `${container} (container "main")`,
                    model: expect.objectContaining({ id: "gpt-4o" }),
                    endpoint: { kind: "unknown", elsewhere: true },
                },
            ],
        ]);
        expect(evidenceOf(found)).toEqual([
            `${container}.env[0].value = gpt-4o`,
            `${container}.envFrom[0].secretRef → Secret "llm-gateway-credentials" = (held outside this stack)`,
        ]);
        expect(messageOf(found[0])).toContain("an endpoint that settings held outside this stack may set");
        // An endpoint it shows is judged as it is; so is a client of Azure OpenAI by its settings' names, or of an open-weight model.
        expect(
            judged(
                client([
                    { name: "OPENAI_MODEL", value: "gpt-4o" },
                    { name: "OPENAI_BASE_URL", value: "https://sales.openai.azure.com/openai/v1" },
                ]),
            ),
        ).toEqual([]);
        expect(judged(client([{ name: "AZURE_OPENAI_DEPLOYMENT", value: "gpt-4o" }]))).toEqual([]);
        expect(judged(client([{ name: "OPENAI_MODEL", value: "meta-llama/Llama-3.1-8B-Instruct" }]))).toEqual([]);
        // The resource alone cannot know whether the stack holds the Secret.
        expect(judge(client([{ name: "OPENAI_MODEL", value: "gpt-4o" }]), settings)).toEqual([]);
    });

    /** vLLM reading its settings from a file of `volume`, mounted at `mount`; it names no model itself unless `args` does. */
    const mountedServer = (
        volume: Record<string, unknown>,
        mount: Record<string, unknown> = { mountPath: "/etc/vllm" },
        args: string[] = [],
    ) =>
        deployment(
            "chat",
            vllm(["--config", "/etc/vllm/config.yaml", ...args], { command: ["vllm", "serve"], volumeMounts: [{ name: "cfg", ...mount }] }),
            [{ name: "cfg", ...volume }],
        );

    it("blocks a server that names no model and mounts a configuration from it, whatever kind of volume holds it", () => {
        const volumes: Array<[Record<string, unknown>, string]> = [
            [{ configMap: { name: "platform-vllm" } }, 'ConfigMap "platform-vllm"'],
            [{ secret: { secretName: "platform-vllm" } }, 'Secret "platform-vllm"'],
            [
                { projected: { sources: [{ serviceAccountToken: { path: "token" } }, { configMap: { name: "platform-vllm" } }] } },
                'ConfigMap "platform-vllm"',
            ],
            [{ projected: { sources: [{ secret: { name: "platform-vllm" } }] } }, 'Secret "platform-vllm"'],
        ];
        for (const [volume, store] of volumes) {
            const found = judged(mountedServer(volume));
            expect(found.map((verdict) => [verdict.subject, verdict.viaStack])).toEqual([
                [{ kind: "serves-unknown-model", service: "model server", elsewhere: true }, true],
            ]);
            expect(evidenceOf(found)).toEqual([`${container}.volumeMounts[0] → ${store} = (held outside this stack)`]);
            // The resource alone cannot know whether the stack holds the store.
            expect(judge(mountedServer(volume), settings)).toEqual([]);
        }
        // One file of it, picked by `subPath`.
        expect(
            kinds(
                judged(
                    mountedServer({ configMap: { name: "platform-vllm" } }, { mountPath: "/etc/vllm/config.yaml", subPath: "config.yaml" }),
                ),
            ),
        ).toEqual([["stateless-openai-api-on-azure", "serves-unknown-model", true]]);
    });

    it("counts a mount only where a setting of the process names a file of it: one nothing names says nothing", () => {
        const weights = (volume: Record<string, unknown>, mountPath: string, args: string[] = []) =>
            deployment("chat", vllm(args, { command: ["vllm", "serve", "/models/chat"], volumeMounts: [{ name: "cfg", mountPath }] }), [
                { name: "cfg", ...volume },
            ]);
        // A token mounted for the SDK's default path, nothing naming it: the server names its weights by path and is not blocked.
        const csi = {
            csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: "hf-credentials" } },
        };
        expect(judged(weights(csi, "/mnt/secrets-store"))).toEqual([]);
        expect(judged(weights({ secret: { secretName: "platform-vllm" } }, "/etc/vllm"))).toEqual([]);
        // Named only as a certificate or key: credentials, not configuration.
        expect(
            judged(weights({ secret: { secretName: "platform-vllm" } }, "/etc/vllm", ["--ssl-certfile", "/etc/vllm/server.crt"])),
        ).toEqual([]);
        // Named by its configuration flag: the secret-store volume's files are in a cloud's secret manager, outside the stack.
        const found = judged(weights(csi, "/mnt/secrets-store", ["--config", "/mnt/secrets-store/serving.yaml"]));
        expect(found.map((verdict) => verdict.subject)).toEqual([
            { kind: "serves-unknown-model", service: "model server", elsewhere: true },
        ]);
        expect(evidenceOf(found)).toEqual([
            `${container}.volumeMounts[0] → SecretProviderClass "hf-credentials" = (held outside this stack)`,
        ]);
    });

    it("does not count a mount where credentials are kept, nor block a server that names its model", () => {
        const store = { secret: { secretName: "platform-tls" } };
        for (const mount of [
            { mountPath: "/etc/tls" },
            { mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" },
            { mountPath: "/root/.ssh" },
            { mountPath: "/etc/vllm/ca.crt", subPath: "ca.crt" },
            { mountPath: "/etc/hf", subPath: "token" },
        ]) {
            expect(judged(mountedServer(store, mount))).toEqual([]);
        }
        expect(
            judged(mountedServer({ configMap: { name: "platform-vllm" } }, undefined, ["--model", "meta-llama/Llama-3.1-8B-Instruct"])),
        ).toEqual([]);
    });

    it("says a key of it is held outside this stack", () => {
        const keyRef = { env: [{ name: "MODEL", valueFrom: { configMapKeyRef: { name: "platform-models", key: "MODEL" } } }] };
        const found = judged(deployment("chat", vllm(["--model", "$(MODEL)"], keyRef)));
        expect(found.map((verdict) => verdict.subject)).toEqual([
            { kind: "serves-unknown-model", service: "model server", elsewhere: true },
        ]);
        expect(evidenceOf(found)).toEqual([`${container}.env[0].valueFrom → ConfigMap "platform-models" = (held outside this stack)`]);
        // A store the stack holds gives its value.
        expect(
            kinds(judged(deployment("chat", vllm(["--model", "$(MODEL)"], keyRef)), [configMap("platform-models", { MODEL: "gpt-4o" })])),
        ).toEqual([["stateless-openai-api-on-azure", "serves-model", true]]);
    });
});

describe("a ConfigMap mounted as files, unknown during preview", () => {
    const mounted = (key: string) => {
        const files = { command: ["vllm", "serve", "/models/chat"], volumeMounts: [{ name: "cfg", mountPath: "/etc/vllm" }] };
        const server = deployment("chat", vllm(["--config", "/etc/vllm/config.yaml"], files), [
            { name: "cfg", configMap: { name: "vllm-config" } },
        ]);
        return judged(server, [configMap("vllm-config", { [key]: UNKNOWN })]);
    };

    it("blocks a server that names no model when a configuration file is unknown", () => {
        const found = mounted("config.yaml");
        expect(kinds(found)).toEqual([["stateless-openai-api-on-azure", "serves-unknown-model", true]]);
        expect(evidenceOf(found)).toEqual([
            `${container}.volumeMounts[0] → ConfigMap "vllm-config" key config.yaml = (unknown during preview)`,
        ]);
    });

    it("does not count a certificate or a key as configuration", () => {
        for (const key of ["ca.crt", "tls.key", "bundle.pem", "token"]) {
            expect(mounted(key)).toEqual([]);
        }
    });
});
