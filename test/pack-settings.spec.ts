/**
 * How the settings reach the rules: the engine's Configure request read before the SDK answers it
 * (a wrong field refuses the request, naming it), the ConfigureStack request's preview or update,
 * and the evaluation the messages name when the engine configures no stack (an audit). Driven
 * here through the same gRPC server hook the pack installs, with a stand-in for the SDK's handlers.
 */
import { listenToEngine, PackSettings, settingsPolicyName } from "../policypack/pack-settings";
import { defaultSettings } from "../policypack/settings";

type Callback = (error: { code: number; details: string; message: string } | null, response?: unknown) => void;
type Handler = (call: { request: unknown }, callback: Callback) => unknown;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [require.resolve("@pulumi/policy")] })) as {
    Server: { prototype: { addService: (service: unknown, implementation: Record<string, Handler>) => unknown } };
};

const analyzer = { configure: { path: "/pulumirpc.Analyzer/Configure" } };

/** The handlers the server is given once the pack's hook has run, for a service and the SDK's handlers. */
function served(settings: PackSettings, service: unknown, implementation: Record<string, Handler>): Record<string, Handler> {
    const original = grpc.Server.prototype.addService;
    let given: Record<string, Handler> = {};
    grpc.Server.prototype.addService = function (_service: unknown, handlers: Record<string, Handler>) {
        given = handlers;
    };
    try {
        expect(listenToEngine(settings)).toBe(true);
        expect(listenToEngine(settings)).toBe(true); // installed once, however often asked
        grpc.Server.prototype.addService.call({}, service, implementation);
    } finally {
        grpc.Server.prototype.addService = original;
    }
    return given;
}

const configureRequest = (properties: unknown) => ({
    getPolicyconfigMap: () => ({
        get: (key: string) => (key === settingsPolicyName ? { getProperties: () => ({ toJavaScript: () => properties }) } : undefined),
    }),
});

describe("the engine's Configure request", () => {
    function configureWith(request: unknown) {
        const settings = new PackSettings();
        const sdk: string[] = [];
        const handlers = served(settings, analyzer, {
            configure: () => sdk.push("configure"),
            configureStack: () => sdk.push("configureStack"),
        });
        const answers: Array<{ code: number; details: string } | null> = [];
        handlers["configure"]({ request }, (error) => answers.push(error));
        return { settings, sdk, answers };
    }

    it("sets the settings in force before the SDK answers it", () => {
        const { settings, sdk, answers } = configureWith(configureRequest({ allowOpenWeightOffAzure: false }));
        expect(settings.get().allowOpenWeightOffAzure).toBe(false);
        expect(settings.fromEngine).toBe(true);
        expect(sdk).toEqual(["configure"]);
        expect(answers).toEqual([]);
    });

    it("takes the defaults when the settings policy has no config", () => {
        const { settings, sdk } = configureWith({ getPolicyconfigMap: () => ({ get: () => undefined }) });
        expect(settings.get()).toEqual(defaultSettings);
        expect(sdk).toEqual(["configure"]);
    });

    it("refuses a request with a wrong field, naming it, and keeps the settings in force", () => {
        const { settings, sdk, answers } = configureWith(configureRequest({ allowOpenWeightOffAzure: "yes" }));
        expect(sdk).toEqual([]);
        expect(answers).toHaveLength(1);
        expect(answers[0]?.code).toBe(3);
        expect(answers[0]?.details).toMatch(/allowOpenWeightOffAzure/);
        expect(settings.get()).toEqual(defaultSettings);
        expect(settings.fromEngine).toBe(false);
    });

    it("refuses a request it cannot read, saying so", () => {
        const { sdk, answers } = configureWith({
            getPolicyconfigMap: () => {
                throw new Error("no map");
            },
        });
        expect(sdk).toEqual([]);
        expect(answers[0]?.details).toBe(`${settingsPolicyName}: could not read the settings: Error: no map`);
    });

    it("leaves other services, and analyzers without these handlers, as they are", () => {
        const settings = new PackSettings();
        const configure: Handler = () => "sdk";
        expect(served(settings, { other: { path: "/x.Other/Configure" } }, { configure })["configure"]).toBe(configure);
        expect(served(settings, analyzer, { analyze: configure })).toEqual({ analyze: configure });
    });
});

describe("what the engine is doing", () => {
    function stackConfigured(request: unknown): PackSettings {
        const settings = new PackSettings();
        const calls: string[] = [];
        const handlers = served(settings, analyzer, { configure: () => undefined, configureStack: () => calls.push("sdk") });
        handlers["configureStack"]({ request }, () => undefined);
        expect(calls).toEqual(["sdk"]);
        return settings;
    }

    it("is a preview or an update, as the ConfigureStack request says", () => {
        expect(stackConfigured({ getDryRun: () => true }).evaluation({})).toBe("preview");
        expect(stackConfigured({ getDryRun: () => false }).evaluation({ PULUMI_DRY_RUN: "true" })).toBe("update");
        expect(stackConfigured({}).evaluation({})).toBe("update");
    });

    it("still lets the SDK answer a ConfigureStack request it cannot read", () => {
        const settings = stackConfigured({
            getDryRun: () => {
                throw new Error("bad request");
            },
        });
        expect(settings.evaluation({})).toBe("audit");
    });

    it("without a ConfigureStack request, is what the engine's dry-run variable says, else an audit", () => {
        const settings = new PackSettings();
        expect(settings.evaluation({ PULUMI_DRY_RUN: "true" })).toBe("preview");
        expect(settings.evaluation({ PULUMI_DRY_RUN: "false" })).toBe("update");
        expect(settings.evaluation({ PULUMI_NODEJS_DRY_RUN: "true" })).toBe("preview");
        expect(settings.evaluation({ PULUMI_DRY_RUN: "false", PULUMI_NODEJS_DRY_RUN: "true" })).toBe("update");
        expect(settings.evaluation({})).toBe("audit");
    });
});

describe("settings configured by the pack's own policy", () => {
    it("are parsed once per config, and do not count as the engine's", () => {
        const settings = new PackSettings();
        const first = settings.configure({ allowOpenWeightOffAzure: false }, false);
        expect(settings.configure({ allowOpenWeightOffAzure: false }, false)).toBe(first);
        expect(settings.fromEngine).toBe(false);
        expect(settings.configure({}, false)).toEqual(defaultSettings);
        expect(settings.configure(undefined)).toEqual(defaultSettings);
        expect(settings.fromEngine).toBe(true);
        // Once the engine has configured the pack, the policy's own config does not take that back.
        settings.configure({ allowOpenWeightOffAzure: false }, false);
        expect(settings.fromEngine).toBe(true);
    });
});
