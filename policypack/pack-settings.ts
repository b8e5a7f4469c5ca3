/**
 * How the pack's settings reach every rule: one explicit path, independent of
 * the order the SDK runs policies in and of the settings policy's own
 * enforcement level.
 *
 * The settings are the config of the `openai-hosting-settings` policy. The
 * SDK hands a policy only its own config, so the rules cannot ask for it; but
 * the engine sends the config of every policy, disabled ones included, in one
 * Configure request before any resource is analyzed. `listenToEngine` reads
 * the settings from that request as it arrives, validates them, and refuses
 * the Configure request with a one-line message naming the field when they
 * are wrong, so `pulumi preview` stops before analyzing anything.
 */
import { parseSettings, Settings, SettingsError, defaultSettings } from "./settings";

/** The policy whose config holds the pack's settings. */
export const settingsPolicyName = "openai-hosting-settings";

/**
 * What the engine is doing with the pack: judging a plan (`preview`), an update (`update`), or
 * resources that already exist (`audit`: `pulumi policy analyze`, Pulumi Cloud audit policy groups),
 * where the engine configures no stack. Messages say which.
 */
export type Evaluation = "preview" | "update" | "audit";

/**
 * The environment variable by which whoever starts the pack asks for each verdict's fields as JSON in
 * its diagnostic's description: `1` asks. The offline checker and the test harness ask; the Pulumi
 * engine neither shows nor forwards a description, so under `pulumi preview` and `pulumi up` the pack
 * leaves the policy's own description there and does not write the JSON at all.
 */
export const verdictDataVariable = "OPENAI_AZURE_HOSTING_VERDICT_DATA";

/** The settings in force, as the engine last configured them. */
export class PackSettings {
    /** Whether diagnostics carry the verdict's fields as JSON (see {@link verdictDataVariable}); fixed when the pack starts. */
    readonly verdictData: boolean;
    private current: Settings = defaultSettings;
    private source = "{}";
    private configuredByEngine = false;
    private stackDryRun: boolean | undefined;

    constructor(env: NodeJS.ProcessEnv = process.env) {
        this.verdictData = env[verdictDataVariable] === "1";
    }

    /** Notes the engine's ConfigureStack request: a deployment, a preview when `dryRun`. */
    configureStack(dryRun: boolean): void {
        this.stackDryRun = dryRun;
    }

    /**
     * What the engine is doing: the ConfigureStack request says preview or update; without one (the
     * engine sends none when it evaluates existing state), the PULUMI_DRY_RUN variable it sets for
     * deployments does; with neither, the pack is auditing resources that exist.
     */
    evaluation(env: NodeJS.ProcessEnv = process.env): Evaluation {
        if (this.stackDryRun !== undefined) {
            return this.stackDryRun ? "preview" : "update";
        }
        const dryRun = env["PULUMI_DRY_RUN"] ?? env["PULUMI_NODEJS_DRY_RUN"];
        if (dryRun !== undefined) {
            return dryRun === "true" ? "preview" : "update";
        }
        return "audit";
    }

    /** The settings in force: the defaults until the engine configures the pack. */
    get(): Settings {
        return this.current;
    }

    /** Whether the engine's Configure request has set them (false: defaults, or the settings policy's own config). */
    get fromEngine(): boolean {
        return this.configuredByEngine;
    }

    /**
     * Takes the settings policy's config properties. Throws `SettingsError`
     * naming every wrong field; the settings in force stay as they were.
     */
    configure(properties: unknown, fromEngine = true): Settings {
        const source = JSON.stringify(properties ?? {});
        if (source !== this.source) {
            this.current = parseSettings(properties);
            this.source = source;
        }
        this.configuredByEngine = this.configuredByEngine || fromEngine;
        return this.current;
    }
}

/** The settings of this pack process. */
export const packSettings = new PackSettings();

/** The slice of a ConfigureAnalyzerRequest this module reads (see `@pulumi/pulumi/proto/analyzer_pb`). */
interface ConfigureRequest {
    getPolicyconfigMap(): { get(key: string): { getProperties(): { toJavaScript(): unknown } | undefined } | undefined };
}

type UnaryCallback = (error: { code: number; details: string; message: string } | null, response?: unknown) => void;
type UnaryHandler = (call: { request: ConfigureRequest }, callback: UnaryCallback) => unknown;

/** gRPC's INVALID_ARGUMENT status code. */
const INVALID_ARGUMENT = 3;

/**
 * Reads the settings out of every Configure request the engine sends to the
 * policy pack's Analyzer service, before the SDK handles it. Call before
 * `new PolicyPack`. Returns false when the SDK's gRPC server cannot be found
 * (the settings policy then reads its own config as it runs: see
 * `openai-hosting-settings.ts`).
 */
export function listenToEngine(settings: PackSettings = packSettings): boolean {
    let grpc: { Server?: { prototype: { addService?: (...args: unknown[]) => unknown } } };
    try {
        // The gRPC library the SDK serves with: resolved from the SDK's own folder.
        const policyEntry = require.resolve("@pulumi/policy");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyEntry] }));
    } catch {
        return false;
    }
    const prototype = grpc.Server?.prototype;
    const addService = prototype?.addService;
    if (!prototype || typeof addService !== "function" || (addService as { settingsListener?: boolean }).settingsListener) {
        return Boolean((addService as { settingsListener?: boolean } | undefined)?.settingsListener);
    }
    const wrapped = function (this: unknown, service: unknown, given: unknown, ...rest: unknown[]) {
        let implementation = given as Record<string, unknown> | undefined;
        const configure = implementation?.["configure"];
        const configureStack = implementation?.["configureStack"];
        const isAnalyzer = (service as { configure?: { path?: string } } | undefined)?.configure?.path === "/pulumirpc.Analyzer/Configure";
        if (isAnalyzer && typeof configure === "function") {
            implementation = { ...implementation, configure: configureReadingSettings(configure as UnaryHandler, settings) };
        }
        if (isAnalyzer && typeof configureStack === "function") {
            implementation = { ...implementation, configureStack: configureStackNoting(configureStack as StackHandler, settings) };
        }
        return addService.call(this, service, implementation, ...rest);
    };
    (wrapped as { settingsListener?: boolean }).settingsListener = true;
    prototype.addService = wrapped;
    return true;
}

type StackHandler = (call: { request: { getDryRun?(): boolean } }, callback: UnaryCallback) => unknown;

function configureStackNoting(configureStack: StackHandler, settings: PackSettings): StackHandler {
    return (call, callback) => {
        try {
            settings.configureStack(call.request.getDryRun?.() === true);
        } catch {
            // The request is the SDK's to answer; noting it is best effort.
        }
        return configureStack(call, callback);
    };
}

function configureReadingSettings(configure: UnaryHandler, settings: PackSettings): UnaryHandler {
    return (call, callback) => {
        try {
            const entry = call.request.getPolicyconfigMap().get(settingsPolicyName);
            settings.configure(entry?.getProperties()?.toJavaScript() ?? {});
        } catch (error) {
            const message =
                error instanceof SettingsError ? error.message : `${settingsPolicyName}: could not read the settings: ${String(error)}`;
            callback({ code: INVALID_ARGUMENT, details: message, message });
            return;
        }
        return configure(call, callback);
    };
}
