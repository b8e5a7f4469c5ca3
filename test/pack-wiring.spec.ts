/**
 * How the pack is wired to the engine and how its two phases split the work: the Configure hook
 * on the SDK's gRPC server (when it can be installed, that it is installed once, and that it passes
 * on what it does not read), and which resources the stack phase judges again and what it adds.
 */
import { listenToEngine, PackSettings, settingsPolicyName } from "../policypack/pack-settings";
import { factsOf } from "../policypack/facts";
import { resourcePhase, stackCanChange, stackPhase } from "../policypack/registry";
import { defaultSettings } from "../policypack/settings";
import { node, stackOf, UNKNOWN, view } from "./support/views";

type Callback = (error: { code: number; details: string; message: string } | null, response?: unknown) => void;
type Handler = (call: { request: unknown }, callback: Callback) => unknown;
type AddService = (service: unknown, implementation: unknown) => unknown;

/** The gRPC library the SDK serves with, as the pack finds it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [require.resolve("@pulumi/policy")] })) as {
    Server?: { prototype: { addService?: AddService } };
};

const analyzer = { configure: { path: "/pulumirpc.Analyzer/Configure" } };

/** Runs `body` with the server's `addService` replaced by `addService`, then puts the SDK's back. */
function withAddService<T>(addService: AddService | undefined, body: () => T): T {
    const prototype = grpc.Server!.prototype;
    const original = prototype.addService;
    prototype.addService = addService;
    try {
        return body();
    } finally {
        prototype.addService = original;
    }
}

/** What the server is given for `service` and `implementation` once the pack's hook is installed. */
function servedThroughHook(service: unknown, implementation: unknown, settings = new PackSettings()): unknown[] {
    const given: unknown[] = [];
    withAddService(
        (_service, handlers) => given.push(handlers),
        () => {
            expect(listenToEngine(settings)).toBe(true);
            grpc.Server!.prototype.addService!.call({}, service, implementation);
        },
    );
    return given;
}

describe("installing the settings hook", () => {
    it("reports false, and changes nothing, when the SDK's gRPC has no server class", () => {
        const descriptor = Object.getOwnPropertyDescriptor(grpc, "Server")!;
        Object.defineProperty(grpc, "Server", { value: undefined, configurable: true, enumerable: true });
        try {
            expect(listenToEngine(new PackSettings())).toBe(false);
        } finally {
            Object.defineProperty(grpc, "Server", descriptor);
        }
    });

    it("reports false, and installs nothing, when the server has no addService", () => {
        withAddService(undefined, () => {
            expect(listenToEngine(new PackSettings())).toBe(false);
            expect(grpc.Server!.prototype.addService).toBeUndefined();
        });
    });

    it("is installed once, however often the pack asks", () => {
        withAddService(
            () => undefined,
            () => {
                expect(listenToEngine(new PackSettings())).toBe(true);
                const installed = grpc.Server!.prototype.addService;
                expect(listenToEngine(new PackSettings())).toBe(true);
                expect(grpc.Server!.prototype.addService).toBe(installed);
            },
        );
    });

    it("passes on a service added without handlers, or without a definition, as given", () => {
        expect(servedThroughHook(analyzer, undefined)).toEqual([undefined]);
        const handlers = { configure: () => "sdk" };
        const [given] = servedThroughHook(undefined, handlers);
        expect(given).toBe(handlers);
    });
});

describe("a Configure request whose settings policy has no properties", () => {
    it("takes the defaults and lets the SDK answer", () => {
        const settings = new PackSettings();
        settings.configure({ allowOpenWeightOffAzure: false }, false);
        const sdk: string[] = [];
        const [handlers] = servedThroughHook(analyzer, { configure: () => sdk.push("configure") }, settings) as Array<
            Record<string, Handler>
        >;
        const answers: unknown[] = [];
        const request = {
            getPolicyconfigMap: () => ({
                get: (key: string) => (key === settingsPolicyName ? { getProperties: () => undefined } : undefined),
            }),
        };
        handlers["configure"]({ request }, (error) => answers.push(error));
        expect(answers).toEqual([]);
        expect(sdk).toEqual(["configure"]);
        expect(settings.get()).toEqual(defaultSettings);
        expect(settings.fromEngine).toBe(true);
    });
});

describe("which resources the stack phase judges again", () => {
    it("not a resource whose inputs are all known and that has no route, record, cluster or store", () => {
        const bucket = view("aws:s3/bucket:Bucket", "uploads", { bucket: "uploads", tags: { team: "chat" } });
        expect(stackCanChange(factsOf(bucket, defaultSettings))).toBe(false);
        const fn = view("aws:lambda/function:Function", "chat", {
            runtime: "nodejs20.x",
            environment: { variables: { LOG_LEVEL: "info" } },
        });
        expect(stackCanChange(factsOf(fn, defaultSettings))).toBe(false);
    });

    it("a route, a DNS record, a workload in a cluster, and anything with a value unknown during preview", () => {
        const route = view("aws:apigatewayv2/route:Route", "route", { routeKey: "POST /v1/chat/completions", target: "integrations/x" });
        const record = view("aws:route53/record:Record", "api", { name: "api.openai.com", type: "A", records: ["203.0.113.9"] });
        const pod = view("kubernetes:core/v1:Pod", "vllm", { spec: { containers: [{ name: "vllm", image: "vllm/vllm-openai" }] } });
        const pending = view("aws:s3/bucket:Bucket", "uploads", { bucket: UNKNOWN });
        for (const resource of [route, record, pod, pending]) {
            expect(stackCanChange(factsOf(resource, defaultSettings))).toBe(true);
        }
    });

    it("reports only what the stack adds, not again what the resource phase reported", () => {
        // Blocked on the resource alone; an unknown value makes the stack phase look at it again.
        const fn = view("aws:lambda/function:Function", "chat", {
            role: UNKNOWN,
            environment: { variables: { OPENAI_BASE_URL: "https://llm.example.net/v1", OPENAI_MODEL: "gpt-4o" } },
        });
        expect(resourcePhase(fn, defaultSettings).map((v) => v.rule)).toEqual(["openai-calls-hosted-on-azure"]);
        const nodes = [node(fn)];
        expect(stackCanChange(factsOf(fn, defaultSettings))).toBe(true);
        expect(stackPhase(nodes, stackOf(nodes), defaultSettings)).toEqual([]);
    });

    it("reads a value unknown during preview from the SSM parameter its property depends on", () => {
        // The Lambda's model comes from a parameter of the same stack: unknown at preview, named nowhere.
        const parameter = view("aws:ssm/parameter:Parameter", "model", { name: "/chat/model", type: "String", insecureValue: "gpt-4o" });
        const fn = view("aws:lambda/function:Function", "chat", {
            runtime: "python3.12",
            environment: { variables: { SERVED_MODEL_NAME: UNKNOWN } },
        });
        const nodes = [node(parameter), node(fn, { environment: [parameter] })];
        expect(resourcePhase(fn, defaultSettings)).toEqual([]);
        const verdicts = stackPhase(nodes, stackOf(nodes), defaultSettings);
        expect(verdicts.map((v) => [v.rule, v.resource.name, v.viaStack])).toEqual([["stateless-openai-api-on-azure", "chat", true]]);
        expect(verdicts[0].evidence.map((e) => e.path)).toContain('environment.variables.SERVED_MODEL_NAME → SSM parameter "/chat/model"');
        // The same Lambda without the dependency: the value stays unknown, and nothing is read in.
        const alone = [node(parameter), node(fn)];
        expect(stackPhase(alone, stackOf(alone), defaultSettings).filter((v) => v.rule === "stateless-openai-api-on-azure")).toEqual([]);
    });

    describe("a Container App's env entry that names one of the app's own secrets (secretRef)", () => {
        const app = (secrets: unknown[]) =>
            view("azure-native:app:ContainerApp", "assistant", {
                configuration: { secrets },
                template: {
                    containers: [
                        {
                            name: "app",
                            image: "contoso.azurecr.io/assistant:3.0",
                            env: [
                                { name: "OPENAI_BASE_URL", secretRef: "llm-endpoint" },
                                { name: "OPENAI_MODEL", value: "gpt-5" },
                            ],
                        },
                    ],
                },
            });
        const clientVerdicts = (verdicts: ReturnType<typeof resourcePhase>) =>
            verdicts
                .filter((v) => v.rule === "openai-calls-hosted-on-azure")
                .map((v) => [v.subject.kind, v.viaStack, v.evidence.map((e) => e.path)]);

        it("reads the secret's value held in the app, and blocks a proprietary model called off Azure", () => {
            const held = app([{ name: "llm-endpoint", value: "https://bedrock-mantle.us-east-1.api.aws/v1" }]);
            expect(clientVerdicts(resourcePhase(held, defaultSettings))).toEqual([
                [
                    "calls-model",
                    false,
                    [
                        "template.containers[0].env[1].value",
                        'template.containers[0].env[0].secretRef → configuration.secrets "llm-endpoint"',
                    ],
                ],
            ]);
            const azure = app([{ name: "llm-endpoint", value: "https://contoso.openai.azure.com/openai/v1" }]);
            expect(clientVerdicts(resourcePhase(azure, defaultSettings))).toEqual([]);
        });

        it("follows a secret kept in Key Vault to the vault's secret in the stack, though no input is unknown", () => {
            const vault = view("azure-native:keyvault:Secret", "llm-endpoint", {
                vaultName: "apps-kv",
                secretName: "llm-endpoint",
                properties: { value: "https://bedrock-mantle.us-east-1.api.aws/v1" },
            });
            // Under preview the secret's keyVaultUrl is an output of the vault secret: absent from the inputs.
            const reader = app([{ name: "llm-endpoint", identity: "system" }]);
            expect(clientVerdicts(resourcePhase(reader, defaultSettings))).toEqual([]);
            const nodes = [node(vault), node(reader, { configuration: [vault] })];
            expect(stackCanChange(factsOf(reader, defaultSettings))).toBe(true);
            expect(clientVerdicts(stackPhase(nodes, stackOf(nodes), defaultSettings))).toEqual([
                [
                    "calls-model",
                    true,
                    ["template.containers[0].env[1].value", 'template.containers[0].env[0].secretRef → Key Vault secret "llm-endpoint"'],
                ],
            ]);
        });
    });
});
