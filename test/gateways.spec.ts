/**
 * OpenAI-compatible gateways (LiteLLM's proxy, Portkey's gateway …), known by the image or command
 * that starts them: a gateway serves no weights, so the models it offers are routes, judged as a
 * client's calls by where they go. One whose routes are held outside the stack gets an advisory
 * that says so, instead of passing without a word.
 */
import { gatewayOfImage, gatewayOfWord } from "../policypack/engines";
import { factsOf } from "../policypack/facts";
import { judge } from "../policypack/registry";
import { messageOf } from "../policypack/render";
import { ResourceView } from "../policypack/resource";
import { reportedAsAdvisory } from "../policypack/policies/sdk-policy";
import { readScript } from "../policypack/scripts";
import { defaultSettings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { k8sProvider, node, stackOf, UNKNOWN, view } from "./support/views";

const eksCluster = view("aws:eks/cluster:Cluster", "ml", { name: "ml" });
const eksProvider = k8sProvider("ml", { kubeconfig: UNKNOWN });
const container = 'spec.template.spec.containers[0] (container "gateway")';

function deployment(spec: Record<string, unknown>, volumes: unknown[] = []): ResourceView {
    return view(
        "kubernetes:apps/v1:Deployment",
        "gateway",
        { metadata: { name: "gateway" }, spec: { template: { spec: { containers: [{ name: "gateway", ...spec }], volumes } } } },
        eksProvider,
    );
}

function judged(workload: ResourceView, others: ResourceView[] = []): Verdict[] {
    const stack = stackOf([
        node(eksCluster),
        node({ ...eksProvider }, { kubeconfig: [eksCluster] }),
        ...others.map((other) => node(other)),
        node(workload),
    ]);
    return judge(workload, defaultSettings, stack);
}

const kinds = (found: Verdict[]) => found.map((verdict) => [verdict.rule, verdict.subject.kind]);
const litellm = "ghcr.io/berriai/litellm:main-v1.72.0";
const configMount = { volumeMounts: [{ name: "config", mountPath: "/etc/litellm" }] };
const configVolume = (source: Record<string, unknown>) => [{ name: "config", ...source }];

describe("gateways by image and command", () => {
    it("knows a gateway's image under any registry and tag, and its command word", () => {
        expect(gatewayOfImage(litellm)).toBe("LiteLLM proxy");
        expect(gatewayOfImage("docker.litellm.ai/berriai/litellm-database:main-stable")).toBe("LiteLLM proxy");
        expect(gatewayOfImage("portkeyai/gateway:1.9.0")).toBe("Portkey AI Gateway");
        expect(gatewayOfImage("acme/litellm-exporter:1")).toBeUndefined();
        expect(gatewayOfImage("vllm/vllm-openai:v0.6.4")).toBeUndefined();
        expect(gatewayOfWord("/usr/local/bin/litellm")).toBe("LiteLLM proxy");
        expect(gatewayOfWord("litellm-helper")).toBeUndefined();
    });

    it("counts the command that starts one, not a package install of LiteLLM's client library", () => {
        expect(readScript("exec litellm --config /etc/litellm/config.yaml --port 4000").gateways).toEqual(["LiteLLM proxy"]);
        expect(readScript("uv run litellm --model gpt-4o").gateways).toEqual(["LiteLLM proxy"]);
        expect(readScript("docker run -p 4000:4000 ghcr.io/berriai/litellm:main-stable --model gpt-4o").gateways).toEqual([
            "LiteLLM proxy",
        ]);
        expect(readScript("pip install litellm openai\npython app.py").gateways).toBeUndefined();
        // Started by a command line quoted inside another (`sh -c`, `su -c`), as a container's command often is.
        expect(readScript(`su app -c "litellm --config /etc/litellm/config.yaml"`).gateways).toEqual(["LiteLLM proxy"]);
    });

    it("marks the process's scope, by its image or its command", () => {
        const byImage = factsOf(deployment({ image: litellm, args: ["--port", "4000"] }), defaultSettings);
        expect(byImage.extraction.scopes.map((scope) => scope.gateways)).toEqual([["LiteLLM proxy"]]);
        const byCommand = factsOf(deployment({ image: "python:3.12", command: ["litellm", "--model", "gpt-4o"] }), defaultSettings);
        expect(byCommand.extraction.scopes.map((scope) => scope.gateways)).toEqual([["LiteLLM proxy"]]);
    });
});

describe("split images, as Helm charts take them", () => {
    it("knows a gateway or an engine by `image: { registry, repository, tag }`", () => {
        const gateway = { registry: "ghcr.io", repository: "berriai/litellm-database", tag: "main-stable" };
        // A gateway's `--model` is a route to OpenAI's API (passes); unrecognised, the same process would serve gpt-4o.
        expect(judged(deployment({ image: gateway, args: ["--model", "gpt-4o"] }))).toEqual([]);
        expect(
            kinds(judged(deployment({ image: { repository: "vllm/vllm-openai", tag: "v0.6.4" }, args: ["--model", "gpt-4o"] }))),
        ).toEqual([["stateless-openai-api-on-azure", "serves-model"]]);
        const engine = factsOf(deployment({ image: { repository: "vllm/vllm-openai" }, args: ["--model", "gpt-4o"] }), defaultSettings);
        expect(engine.extraction.scopes.map((scope) => scope.engines)).toEqual([["vLLM"]]);
    });

    it("marks a Helm release's values as the gateway their image runs", () => {
        const release = view(
            "kubernetes:helm.sh/v3:Release",
            "gateway",
            {
                chart: "litellm-helm",
                values: {
                    image: { repository: "ghcr.io/berriai/litellm-database", tag: "main-stable" },
                    masterkeySecretName: "litellm-master",
                },
            },
            eksProvider,
        );
        expect(factsOf(release, defaultSettings).extraction.scopes.find((scope) => scope.path === "values")?.gateways).toEqual([
            "LiteLLM proxy",
        ]);
    });
});

describe("a gateway's models are routes", () => {
    it("passes one that routes a proprietary model to OpenAI's API or Azure, which a server naming it would not", () => {
        expect(judged(deployment({ image: litellm, args: ["--model", "gpt-4o"] }))).toEqual([]);
        expect(judged(deployment({ image: litellm, args: ["--model", "azure/gpt-4o"] }))).toEqual([]);
        // The same flag on a process that is no gateway is a server's model (DOMAIN item 3).
        expect(kinds(judged(deployment({ image: "acme/chat:1", args: ["--model", "gpt-4o"] })))).toEqual([
            ["stateless-openai-api-on-azure", "serves-model"],
        ]);
    });

    it("blocks one that routes it to Amazon Bedrock, as the client of Bedrock it is", () => {
        const found = judged(deployment({ image: litellm, args: ["--model", "bedrock/us.openai.gpt-5-v1:0"] }));
        expect(found.map((verdict) => verdict.subject)).toEqual([
            expect.objectContaining({ kind: "calls-model", endpoint: { kind: "service", service: "Amazon Bedrock", cloud: "aws" } }),
        ]);
    });

    it("keeps a process that runs an engine a server, whatever gateway it also starts", () => {
        const both = deployment({ image: "vllm/vllm-openai:v0.6.4", command: ["sh", "-c", "litellm --port 4000 & vllm serve gpt-4o"] });
        expect(kinds(judged(both))).toEqual([["stateless-openai-api-on-azure", "serves-model"]]);
    });
});

describe("a gateway whose routes are held outside the stack", () => {
    const mountedFrom = (source: Record<string, unknown>) =>
        deployment({ image: litellm, args: ["--config", "/etc/litellm/config.yaml"], ...configMount }, configVolume(source));

    it("gets an advisory that names the store, for every kind of store the stack does not hold", () => {
        for (const [source, store] of [
            [{ configMap: { name: "litellm-config" } }, 'ConfigMap "litellm-config"'],
            [{ secret: { secretName: "litellm-config" } }, 'Secret "litellm-config"'],
            [
                { csi: { driver: "secrets-store.csi.k8s.io", volumeAttributes: { secretProviderClass: "litellm" } } },
                'SecretProviderClass "litellm"',
            ],
        ] as const) {
            const found = judged(mountedFrom(source));
            expect(found.map((verdict) => verdict.subject)).toEqual([
                { kind: "gateway-routes-unread", gateway: "LiteLLM proxy", client: container },
            ]);
            expect(found[0].evidence).toEqual([
                { path: `spec.template.spec.containers[0].volumeMounts[0] → ${store}`, shown: "(held outside this stack)" },
            ]);
            expect(found[0].viaStack).toBe(true);
            expect(reportedAsAdvisory(found[0])).toBe(true);
        }
    });

    it("says what could not be read, and how to let the pack read it", () => {
        const [verdict] = judged(mountedFrom({ configMap: { name: "litellm-config" } }));
        const message = messageOf(verdict);
        expect(message).toContain("runs LiteLLM proxy, whose routes are in settings held outside this stack");
        expect(message).toContain("Hosted on / sending to: the upstreams of routes held outside this stack.");
        expect(message).toContain("keep the gateway's configuration in this stack");
    });

    it("is judged by its routes where the stack holds them", () => {
        const config = (routes: string) =>
            view(
                "kubernetes:core/v1:ConfigMap",
                "litellm-config",
                { metadata: { name: "litellm-config" }, data: { "config.yaml": routes } },
                eksProvider,
            );
        const toBedrock = "model_list:\n  - model_name: gpt-5\n    litellm_params:\n      model: bedrock/us.openai.gpt-5-v1:0\n";
        const toAzure = "model_list:\n  - model_name: gpt-5\n    litellm_params:\n      model: azure/gpt-5\n";
        expect(kinds(judged(mountedFrom({ configMap: { name: "litellm-config" } }), [config(toBedrock)]))).toEqual([
            ["openai-calls-hosted-on-azure", "calls-model"],
        ]);
        expect(judged(mountedFrom({ configMap: { name: "litellm-config" } }), [config(toAzure)])).toEqual([]);
    });

    it("says nothing of a gateway configured in full by its own settings, or a mount nothing names", () => {
        expect(
            judged(deployment({ image: litellm, args: ["--port", "4000"], ...configMount }, configVolume({ configMap: { name: "x" } }))),
        ).toEqual([]);
        expect(judged(deployment({ image: "portkeyai/gateway:1.9.0", env: [{ name: "PORT", value: "8787" }] }))).toEqual([]);
    });
});

describe("a gateway whose routes the stack shows, beside credentials it does not", () => {
    it("says nothing where its configuration file in the stack routes every model to Azure, though its API keys come from elsewhere", () => {
        const config = view(
            "kubernetes:core/v1:ConfigMap",
            "litellm-config",
            {
                metadata: { name: "litellm-config" },
                data: {
                    "config.yaml":
                        "model_list:\n  - model_name: gpt-4o\n    litellm_params:\n      model: azure/gpt-4o\n      api_base: https://contoso.openai.azure.com\n",
                },
            },
            eksProvider,
        );
        const gateway = deployment(
            {
                image: litellm,
                args: ["--config", "/etc/litellm/config.yaml"],
                envFrom: [{ secretRef: { name: "litellm-keys" } }],
                ...configMount,
            },
            configVolume({ configMap: { name: "litellm-config" } }),
        );
        expect(judged(gateway, [config])).toEqual([]);
        // Without the configuration in the stack, the routes are unread: the advisory says so.
        expect(kinds(judged(gateway))).toEqual([["openai-calls-hosted-on-azure", "gateway-routes-unread"]]);
    });
});
