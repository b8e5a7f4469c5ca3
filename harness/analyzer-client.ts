// Talks to a policy pack over the Analyzer gRPC protocol exactly as the Pulumi CLI does: starts
// `run-policy-pack` in the pack folder, reads the port it prints, then sends GetAnalyzerInfo,
// ConfigureStack, Configure, Analyze (per resource) and AnalyzeStack. The request builders are
// exported so tests can check what goes on the wire without starting a pack.
import * as grpc from "@grpc/grpc-js";
import { spawn, ChildProcessByStdio } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Readable } from "stream";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { parse as parseYaml } from "yaml";
import { Plan, RecordedResource, RESOURCE_SIG, resourceByUrn, SIG_KEY, UNKNOWN, providerOf } from "./plan";
import {
    EnforcementLevel,
    isEnforcementLevel,
    parsePolicyPackConfig,
    PolicyConfigEntry,
    PolicyConfigOverride,
    PolicyInfo,
    PolicyPackConfigFile,
    reconcilePolicyPackConfig,
} from "./policy-config";
import { emptypb, toStruct } from "./protobuf";

/**
 * One diagnostic a policy reported.
 *
 * @example
 * const v: Verdict = {
 *     policy: "no-blocked-tags", level: "mandatory", phase: "resource",
 *     message: "Resources tagged block=yes may not be deployed.\nblocked has block=yes",
 *     urn: "urn:pulumi:dev::tiny::aws:s3/bucket:Bucket::blocked", resource: "blocked", type: "aws:s3/bucket:Bucket",
 * };
 */
export interface Verdict {
    policy: string;
    level: EnforcementLevel;
    /** The SDK's message: the policy's description, then the reported text on the next lines. */
    message: string;
    /** The policy's description (the first line of `message` for plain-string reports). */
    description?: string;
    /** Structured fields of the verdict, when the pack sent them as a JSON object with a `schema` name in the description. */
    data?: Record<string, unknown>;
    /** The resource it is about; stack-level verdicts may have none. */
    urn?: string;
    /** Logical name of that resource. */
    resource?: string;
    /** Type token of that resource. */
    type?: string;
    phase: "resource" | "stack";
}

/** What GetAnalyzerInfo says about the pack. */
export interface AnalyzerInfo {
    name: string;
    version: string;
    displayName?: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    /** Config the pack passed to `new PolicyPack(name, args, initialConfig)`. */
    initialConfig: Record<string, PolicyConfigOverride>;
}

/** What {@link PackClient.configure} sent. */
export interface ConfigureResult {
    /** The per-policy configuration sent in ConfigureAnalyzerRequest. */
    sent: Record<string, PolicyConfigEntry>;
    /** Keys of the given config that name no policy of the pack (typos the CLI would silently accept). */
    unknownPolicies: string[];
}

/** How to start a pack. */
export interface StartOptions {
    /** The run-policy-pack script. Default: `<packDir>/node_modules/@pulumi/pulumi/cmd/run-policy-pack`, else resolved from packDir. */
    runPolicyPack?: string;
    /** How long to wait for the pack to print its port (ts-node type-checks the pack first). Default 120 000 ms. */
    startTimeoutMs?: number;
    /** Deadline of each RPC. Default 60 000 ms. */
    callTimeoutMs?: number;
    /** Sent in ConfigureStack and the PULUMI_* environment, as the CLI does. Defaults "dev" / "project". */
    stack?: string;
    project?: string;
    organization?: string;
    /** Stack tags policies can read (`args.stackTags`). */
    stackTags?: Record<string, string>;
    /**
     * What the engine is doing: a `preview` (default) or an `update` (ConfigureStack with that
     * dry-run flag), or an `audit` of existing state (`pulumi policy analyze`: no ConfigureStack,
     * no PULUMI_* stack variables).
     */
    evaluation?: "preview" | "update" | "audit";
    /**
     * Whether the pack is asked for each verdict's fields as JSON in its diagnostics' descriptions
     * (`OPENAI_AZURE_HOSTING_VERDICT_DATA=1`), as the checker's reports read them. Default true; the
     * Pulumi engine does not ask (the benchmark measures the pack as the engine runs it).
     */
    verdictData?: boolean;
}

/**
 * How the harness asks this repository's pack for each verdict's fields as JSON in the diagnostics'
 * descriptions (the pack's `verdictDataVariable`; a spec keeps the two equal). Other packs ignore it.
 */
export const verdictDataVariable = "OPENAI_AZURE_HOSTING_VERDICT_DATA";

/** A running policy pack. */
export interface PackClient {
    /** GetAnalyzerInfo: the pack's name, version and policies. */
    info(): Promise<AnalyzerInfo>;
    /** Configure with a `--policy-pack-config` document (`{}` for none); may be called again to reconfigure. */
    configure(config: PolicyPackConfigFile): Promise<ConfigureResult>;
    /** Analyze one recorded resource (its inputs, options and provider). */
    analyze(resource: RecordedResource, plan: Plan): Promise<Verdict[]>;
    /** AnalyzeStack over every resource of the plan. */
    analyzeStack(plan: Plan): Promise<Verdict[]>;
    /** What a preview does: Analyze each resource in order, then AnalyzeStack. Configures with `{}` first if never configured. */
    analyzePlan(plan: Plan): Promise<Verdict[]>;
    /** Sends a prebuilt request ({@link analyzeRequestFor}) as is: benchmarks time the RPC alone, not building it. */
    sendAnalyze(request: analyzerproto.AnalyzeRequest): Promise<analyzerproto.AnalyzeResponse>;
    /** Sends a prebuilt request ({@link analyzeStackRequestFor}) as is. */
    sendAnalyzeStack(request: analyzerproto.AnalyzeStackRequest): Promise<analyzerproto.AnalyzeResponse>;
    /** Sends an AnalyzeStackRequest already encoded ({@link encodeAnalyzeStackRequest}) as is. */
    sendAnalyzeStackBytes(request: Buffer): Promise<analyzerproto.AnalyzeResponse>;
    /** Everything the pack wrote to stderr so far. */
    stderr(): string;
    /** Milliseconds from spawn to the port being printed. */
    readonly startMs: number;
    /** The pack process's id (benchmarks read its CPU time from /proc). */
    readonly pid: number | undefined;
    /** Stops the pack. */
    close(): Promise<void>;
}

const levelNames: Record<number, EnforcementLevel> = {
    [analyzerproto.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerproto.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerproto.EnforcementLevel.DISABLED]: "disabled",
    [analyzerproto.EnforcementLevel.REMEDIATE]: "remediate",
};

const levelCodes: Record<EnforcementLevel, analyzerproto.EnforcementLevel> = {
    advisory: analyzerproto.EnforcementLevel.ADVISORY,
    mandatory: analyzerproto.EnforcementLevel.MANDATORY,
    disabled: analyzerproto.EnforcementLevel.DISABLED,
    remediate: analyzerproto.EnforcementLevel.REMEDIATE,
};

const severityNames: Record<number, PolicyInfo["severity"]> = {
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

const policyTypes: Record<number, PolicyInfo["policyType"]> = {
    [analyzerproto.PolicyType.POLICY_TYPE_RESOURCE]: "resource",
    [analyzerproto.PolicyType.POLICY_TYPE_STACK]: "stack",
};

// The engine's fake address: run-policy-pack drops it, the pack never dials the engine.
const fakeEngineAddress = "127.0.0.1:0";

const maxMessageBytes = 400 * 1024 * 1024;

/**
 * Starts the policy pack in `packDir` the way `pulumi preview --policy-pack <packDir>` does.
 *
 * @example
 * const pack = await startPack(".");
 * await pack.configure({ all: "mandatory" });
 * const verdicts = await pack.analyzePlan(await recordProgram("examples/bedrock-gpt"));
 * await pack.close();
 */
export async function startPack(packDir: string, opts: StartOptions = {}): Promise<PackClient> {
    const dir = path.resolve(packDir);
    const script = opts.runPolicyPack ?? runPolicyPackOf(dir);
    const stack = opts.stack ?? "dev";
    const project = opts.project ?? "project";
    const started = Date.now();
    const audit = opts.evaluation === "audit";
    const dryRun = String(opts.evaluation !== "update");
    // The engine sets these (and sends ConfigureStack) for a deployment; `pulumi policy analyze`,
    // which evaluates existing state, does neither.
    const stackEnv = audit
        ? {}
        : {
              PULUMI_NODEJS_PROJECT: project,
              PULUMI_NODEJS_STACK: stack,
              PULUMI_NODEJS_DRY_RUN: dryRun,
              PULUMI_PROJECT: project,
              PULUMI_STACK: stack,
              PULUMI_DRY_RUN: dryRun,
              ...(opts.organization ? { PULUMI_NODEJS_ORGANIZATION: opts.organization, PULUMI_ORGANIZATION: opts.organization } : {}),
          };
    const inherited = { ...process.env };
    for (const key of [
        verdictDataVariable,
        "PULUMI_NODEJS_PROJECT",
        "PULUMI_NODEJS_STACK",
        "PULUMI_NODEJS_DRY_RUN",
        "PULUMI_PROJECT",
        "PULUMI_STACK",
        "PULUMI_DRY_RUN",
    ]) {
        delete inherited[key];
    }
    const child = spawn(process.execPath, [script, fakeEngineAddress, ".", ...runtimeOptionArgs(dir)], {
        cwd: dir,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...inherited, ...stackEnv, ...(opts.verdictData === false ? {} : { [verdictDataVariable]: "1" }) },
    });
    let stderr = "";
    // The SDK prints errors with util.inspect colors even into a pipe; keep the text readable.
    // eslint-disable-next-line no-control-regex -- strips ANSI color escapes, which start with ESC
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString().replace(/\x1b\[[0-9;]*m/g, "")));

    const port = await readPort(child, opts.startTimeoutMs ?? 120_000, () => stderr, dir);
    const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": maxMessageBytes,
        "grpc.max_send_message_length": maxMessageBytes,
    });
    const pack = new RunningPack(child, client, Date.now() - started, () => stderr, opts.callTimeoutMs ?? 60_000);
    try {
        if (!audit) {
            await pack.configureStack(stack, project, opts.organization ?? "", opts.stackTags ?? {}, opts.evaluation !== "update");
        }
    } catch (err) {
        await pack.close();
        throw err;
    }
    return pack;
}

function runPolicyPackOf(packDir: string): string {
    const local = path.join(packDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
    if (fs.existsSync(local)) {
        return local;
    }
    return path.dirname(require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] }));
}

// PulumiPolicy.yaml `runtime.options` become `-key=value` arguments, as the CLI passes them.
function runtimeOptionArgs(packDir: string): string[] {
    const manifestPath = path.join(packDir, "PulumiPolicy.yaml");
    if (!fs.existsSync(manifestPath)) {
        throw new Error(`${packDir} is not a policy pack: PulumiPolicy.yaml is missing`);
    }
    const manifest = parseYaml(fs.readFileSync(manifestPath, "utf8")) as { runtime?: unknown } | null;
    const runtime = manifest?.runtime;
    if (typeof runtime !== "object" || runtime === null) {
        return [];
    }
    const options = (runtime as { options?: Record<string, unknown> }).options ?? {};
    return Object.entries(options)
        .filter(([, v]) => v !== undefined && v !== null && String(v) !== "")
        .map(([k, v]) => `-${k}=${String(v)}`);
}

// Like the CLI, the first line of stdout must be the port; anything else means the pack is broken.
function readPort(
    child: ChildProcessByStdio<null, Readable, Readable>,
    timeoutMs: number,
    stderr: () => string,
    packDir: string,
): Promise<number> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        let settled = false;
        const fail = (why: string) => {
            if (settled) {
                return;
            }
            settled = true;
            clearTimeout(timer);
            child.kill("SIGKILL");
            reject(new Error(`policy pack ${packDir} ${why}\n--- pack stderr ---\n${stderr().trim() || "(empty)"}`));
        };
        const timer = setTimeout(() => fail(`did not print its port within ${timeoutMs} ms`), timeoutMs);
        child.stdout.on("data", (chunk: Buffer) => {
            if (settled) {
                return;
            }
            stdout += chunk.toString();
            const newline = stdout.indexOf("\n");
            if (newline < 0) {
                return;
            }
            const first = stdout.slice(0, newline).trim();
            if (!/^\d+$/.test(first)) {
                fail(`printed ${JSON.stringify(first)} before its port; the Pulumi CLI would fail to connect too`);
                return;
            }
            settled = true;
            clearTimeout(timer);
            child.stdout.resume();
            resolve(Number(first));
        });
        child.on("exit", (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before printing its port`));
        child.on("error", (err) => fail(`could not be started: ${err.message}`));
    });
}

class RunningPack implements PackClient {
    private configured = false;
    private cachedInfo: AnalyzerInfo | undefined;
    private exited = false;

    constructor(
        private readonly child: ChildProcessByStdio<null, Readable, Readable>,
        private readonly client: analyzerrpc.AnalyzerClient,
        readonly startMs: number,
        readonly stderr: () => string,
        private readonly callTimeoutMs: number,
    ) {
        child.on("exit", () => (this.exited = true));
    }

    get pid(): number | undefined {
        return this.child.pid;
    }

    async configureStack(stack: string, project: string, organization: string, tags: Record<string, string>, dryRun = true): Promise<void> {
        const req = new analyzerproto.AnalyzerStackConfigureRequest();
        req.setStack(stack);
        req.setProject(project);
        req.setOrganization(organization);
        req.setDryRun(dryRun);
        for (const [k, v] of Object.entries(tags)) {
            req.getTagsMap().set(k, v);
        }
        try {
            await this.unary("ConfigureStack", (deadline, cb) => this.client.configureStack(req, new grpc.Metadata(), { deadline }, cb));
        } catch (err) {
            // Packs built on SDKs without ConfigureStack answer Unimplemented, which the engine ignores.
            if ((err as { code?: number }).code !== grpc.status.UNIMPLEMENTED) {
                throw err;
            }
        }
    }

    async info(): Promise<AnalyzerInfo> {
        if (!this.cachedInfo) {
            const response = await this.unary<analyzerproto.AnalyzerInfo>("GetAnalyzerInfo", (deadline, cb) =>
                this.client.getAnalyzerInfo(new emptypb.Empty(), new grpc.Metadata(), { deadline }, cb),
            );
            this.cachedInfo = analyzerInfoFrom(response);
        }
        return this.cachedInfo;
    }

    async configure(config: PolicyPackConfigFile): Promise<ConfigureResult> {
        const info = await this.info();
        const given = parsePolicyPackConfig(config);
        const sent = reconcilePolicyPackConfig(info.policies, info.initialConfig, given);
        const names = new Set(info.policies.map((p) => p.name));
        const unknownPolicies = Object.keys(given).filter((k) => k !== "all" && !names.has(k));
        const req = configureRequestFor(sent);
        await this.unary("Configure", (deadline, cb) => this.client.configure(req, new grpc.Metadata(), { deadline }, cb));
        this.configured = true;
        return { sent, unknownPolicies };
    }

    async analyze(resource: RecordedResource, plan: Plan): Promise<Verdict[]> {
        const response = await this.unary<analyzerproto.AnalyzeResponse>(`Analyze(${resource.urn})`, (deadline, cb) =>
            this.client.analyze(analyzeRequestFor(resource, plan), new grpc.Metadata(), { deadline }, cb),
        );
        return response.getDiagnosticsList().map((d) => verdictFrom(d, "resource", plan, resource));
    }

    async analyzeStack(plan: Plan): Promise<Verdict[]> {
        // Encoded resource by resource: the message as one object graph costs gigabytes on large plans.
        // grpc-js copies the bytes into its own frame; only that copy stays while the pack works.
        const encoded: { bytes?: Buffer } = { bytes: encodeAnalyzeStackRequest(plan) };
        const response = await this.callAnalyzeStack(encoded, (holder) => {
            const bytes = holder.bytes ?? Buffer.alloc(0);
            delete holder.bytes;
            return bytes;
        });
        return response.getDiagnosticsList().map((d) => verdictFrom(d, "stack", plan));
    }

    sendAnalyze(request: analyzerproto.AnalyzeRequest): Promise<analyzerproto.AnalyzeResponse> {
        return this.unary(`Analyze(${request.getUrn()})`, (deadline, cb) =>
            this.client.analyze(request, new grpc.Metadata(), { deadline }, cb),
        );
    }

    sendAnalyzeStack(request: analyzerproto.AnalyzeStackRequest): Promise<analyzerproto.AnalyzeResponse> {
        return this.unary("AnalyzeStack", (deadline, cb) => this.client.analyzeStack(request, new grpc.Metadata(), { deadline }, cb));
    }

    sendAnalyzeStackBytes(request: Buffer): Promise<analyzerproto.AnalyzeResponse> {
        return this.callAnalyzeStack(request, (bytes) => bytes);
    }

    // AnalyzeStack with a request the caller encodes: `serialize` gives the message's wire bytes.
    private callAnalyzeStack<T>(argument: T, serialize: (argument: T) => Buffer): Promise<analyzerproto.AnalyzeResponse> {
        const method = analyzerrpc.AnalyzerService.analyzeStack;
        return this.unary("AnalyzeStack", (deadline, cb) =>
            // grpc-js passes a response whenever there is no error.
            this.client.makeUnaryRequest(
                method.path,
                serialize,
                method.responseDeserialize,
                argument,
                new grpc.Metadata(),
                { deadline },
                (err, res) => cb(err, res as analyzerproto.AnalyzeResponse),
            ),
        );
    }

    async analyzePlan(plan: Plan): Promise<Verdict[]> {
        if (!this.configured) {
            await this.configure({});
        }
        const verdicts: Verdict[] = [];
        for (const resource of plan.resources) {
            verdicts.push(...(await this.analyze(resource, plan)));
        }
        verdicts.push(...(await this.analyzeStack(plan)));
        return verdicts;
    }

    async close(): Promise<void> {
        this.client.close();
        if (this.exited) {
            return;
        }
        const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
        this.child.kill("SIGTERM");
        const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
    }

    private unary<T>(name: string, call: (deadline: Date, cb: (err: grpc.ServiceError | null, res: T) => void) => void): Promise<T> {
        return new Promise((resolve, reject) => {
            call(new Date(Date.now() + this.callTimeoutMs), (err, res) => {
                if (!err) {
                    resolve(res);
                    return;
                }
                const why = this.exited ? " (the pack process has exited)" : "";
                const tail = this.stderr().trim().split("\n").slice(-40).join("\n");
                const wrapped = new Error(
                    `${name} failed${why}: ${err.details || err.message}${tail ? `\n--- pack stderr ---\n${tail}` : ""}`,
                );
                Object.assign(wrapped, { code: err.code });
                reject(wrapped);
            });
        });
    }
}

function analyzerInfoFrom(response: analyzerproto.AnalyzerInfo): AnalyzerInfo {
    const policies = response.getPoliciesList().map((p): PolicyInfo => {
        const schema = p.getConfigschema();
        const info: PolicyInfo = {
            name: p.getName(),
            description: p.getDescription(),
            enforcementLevel: levelNames[p.getEnforcementlevel()] ?? "advisory",
            policyType: policyTypes[p.getPolicyType()] ?? "unknown",
        };
        if (p.getDisplayname()) {
            info.displayName = p.getDisplayname();
        }
        const severity = severityNames[p.getSeverity()];
        if (severity) {
            info.severity = severity;
        }
        const framework = p.getFramework();
        if (framework) {
            info.framework = {
                name: framework.getName(),
                version: framework.getVersion(),
                reference: framework.getReference(),
                specification: framework.getSpecification(),
            };
        }
        if (p.getTagsList().length > 0) {
            info.tags = p.getTagsList();
        }
        if (p.getRemediationSteps()) {
            info.remediationSteps = p.getRemediationSteps();
        }
        if (p.getUrl()) {
            info.url = p.getUrl();
        }
        if (schema) {
            info.configSchema = {
                properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>,
                required: schema.getRequiredList(),
            };
        }
        return info;
    });
    const initialConfig: AnalyzerInfo["initialConfig"] = {};
    response.getInitialconfigMap().forEach((config, name) => {
        initialConfig[name] = {
            enforcementLevel: levelNames[config.getEnforcementlevel()] ?? "advisory",
            properties: (config.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
        };
    });
    const info: AnalyzerInfo = {
        name: response.getName(),
        version: response.getVersion(),
        supportsConfig: response.getSupportsconfig(),
        policies,
        initialConfig,
    };
    if (response.getDisplayname()) {
        info.displayName = response.getDisplayname();
    }
    return info;
}

/** The ConfigureAnalyzerRequest for reconciled per-policy config (level enum + properties Struct, always set). */
export function configureRequestFor(config: Record<string, PolicyConfigEntry>): analyzerproto.ConfigureAnalyzerRequest {
    const req = new analyzerproto.ConfigureAnalyzerRequest();
    for (const [name, entry] of Object.entries(config)) {
        if (!isEnforcementLevel(entry.enforcementLevel)) {
            throw new Error(`invalid enforcement level ${JSON.stringify(entry.enforcementLevel)} for ${name}`);
        }
        const policyConfig = new analyzerproto.PolicyConfig();
        policyConfig.setEnforcementlevel(levelCodes[entry.enforcementLevel]);
        policyConfig.setProperties(toStruct(entry.properties));
        req.getPolicyconfigMap().set(name, policyConfig);
    }
    return req;
}

/** The AnalyzeRequest the engine sends for one resource: its inputs, options and provider. */
export function analyzeRequestFor(resource: RecordedResource, plan: Plan): analyzerproto.AnalyzeRequest {
    const req = new analyzerproto.AnalyzeRequest();
    req.setUrn(resource.urn);
    req.setType(resource.type);
    req.setName(resource.name);
    req.setProperties(toStruct(analyzerProperties(resource.inputs)));
    req.setOptions(optionsFor(resource, true));
    const provider = providerResourceFor(resource, plan);
    if (provider) {
        req.setProvider(provider);
    }
    return req;
}

/**
 * The AnalyzeStackRequest the engine sends at the end of a preview: every registered resource
 * (providers and the root stack included) with parent, provider and dependencies. In a preview
 * the engine sends each resource's planned outputs; for a resource yet to be created those are its
 * inputs plus unknown computed outputs, so the inputs are what this sends.
 */
export function analyzeStackRequestFor(plan: Plan): analyzerproto.AnalyzeStackRequest {
    const req = new analyzerproto.AnalyzeStackRequest();
    req.setResourcesList(plan.resources.map((resource) => analyzerResourceFor(resource, plan)));
    return req;
}

/**
 * The same AnalyzeStackRequest as {@link analyzeStackRequestFor}, in its wire encoding, built one
 * resource at a time: each AnalyzerResource is serialized on its own and framed as field 1
 * (`resources`), which is byte for byte how the message serializes its repeated field. Only one
 * resource's message objects exist at a time, so a 100k-resource plan costs the size of its
 * encoding, not gigabytes of google-protobuf objects.
 *
 * @example
 * AnalyzeStackRequest.deserializeBinary(encodeAnalyzeStackRequest(plan)); // equals analyzeStackRequestFor(plan)
 */
export function encodeAnalyzeStackRequest(plan: Plan): Buffer {
    const blocks = new BlockWriter();
    for (const resource of plan.resources) {
        const bytes = analyzerResourceFor(resource, plan).serializeBinary();
        blocks.byte(resourcesFieldTag);
        blocks.varint(bytes.length);
        blocks.bytes(bytes);
    }
    return blocks.concat();
}

// Field 1, wire type 2 (length-delimited): AnalyzeStackRequest.resources.
const resourcesFieldTag = (1 << 3) | 2;

// Appends bytes into fixed-size blocks (a growing buffer would copy itself each time it doubled).
class BlockWriter {
    private static readonly blockSize = 1 << 20;
    private readonly full: Buffer[] = [];
    private block = Buffer.allocUnsafe(BlockWriter.blockSize);
    private used = 0;
    private total = 0;

    byte(value: number): void {
        if (this.used === this.block.length) {
            this.next(BlockWriter.blockSize);
        }
        this.block[this.used++] = value;
        this.total++;
    }

    varint(value: number): void {
        while (value > 0x7f) {
            this.byte((value & 0x7f) | 0x80);
            value = Math.floor(value / 128);
        }
        this.byte(value);
    }

    bytes(data: Uint8Array): void {
        let offset = 0;
        while (offset < data.length) {
            if (this.used === this.block.length) {
                this.next(Math.max(BlockWriter.blockSize, data.length - offset));
            }
            const n = Math.min(data.length - offset, this.block.length - this.used);
            this.block.set(data.subarray(offset, offset + n), this.used);
            this.used += n;
            offset += n;
        }
        this.total += data.length;
    }

    concat(): Buffer {
        return Buffer.concat([...this.full, this.block.subarray(0, this.used)], this.total);
    }

    private next(size: number): void {
        this.full.push(this.block.subarray(0, this.used));
        this.block = Buffer.allocUnsafe(size);
        this.used = 0;
    }
}

/** One resource of the AnalyzeStackRequest: inputs, options, provider, parent and dependencies. */
export function analyzerResourceFor(resource: RecordedResource, plan: Plan): analyzerproto.AnalyzerResource {
    const r = new analyzerproto.AnalyzerResource();
    r.setUrn(resource.urn);
    r.setType(resource.type);
    r.setName(resource.name);
    r.setProperties(toStruct(analyzerProperties(resource.inputs)));
    r.setOptions(optionsFor(resource, false));
    const provider = providerResourceFor(resource, plan);
    if (provider) {
        r.setProvider(provider);
    }
    r.setParent(resource.parent ?? "");
    r.setDependenciesList(resource.dependencies);
    for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
        if (urns.length > 0) {
            const deps = new analyzerproto.AnalyzerPropertyDependencies();
            deps.setUrnsList(urns);
            r.getPropertydependenciesMap().set(key, deps);
        }
    }
    return r;
}

/**
 * Wire inputs as the engine marshals them for analyzers (KeepUnknowns, KeepSecrets,
 * SkipInternalKeys, no resource references): `__`-prefixed keys are dropped and a resource
 * reference becomes its ID (unknown while the resource is yet to be created) or, for a
 * component, its URN. Unknown sentinels, secrets and assets pass unchanged.
 */
export function analyzerProperties(inputs: Record<string, unknown>): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(inputs)) {
        if (!key.startsWith("__")) {
            result[key] = analyzerValue(value);
        }
    }
    return result;
}

function analyzerValue(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(analyzerValue);
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === RESOURCE_SIG) {
        const id = record["id"];
        if (id === UNKNOWN) {
            return UNKNOWN;
        }
        return typeof id === "string" && id !== "" ? id : record["urn"];
    }
    if (SIG_KEY in record) {
        return record; // secrets, assets, archives: kept in their sig form
    }
    return analyzerProperties(record);
}

function optionsFor(resource: RecordedResource, withParent: boolean): analyzerproto.AnalyzerResourceOptions {
    const options = new analyzerproto.AnalyzerResourceOptions();
    const recorded = resource.options;
    options.setProtect(recorded?.protect ?? false);
    options.setIgnorechangesList(recorded?.ignoreChanges ?? []);
    options.setDeletebeforereplace(recorded?.deleteBeforeReplace ?? false);
    options.setDeletebeforereplacedefined(recorded?.deleteBeforeReplace !== undefined);
    options.setAdditionalsecretoutputsList(recorded?.additionalSecretOutputs ?? []);
    options.setAliasesList([]);
    const timeouts = new analyzerproto.AnalyzerResourceOptions.CustomTimeouts();
    timeouts.setCreate(recorded?.customTimeouts?.create ?? 0);
    timeouts.setUpdate(recorded?.customTimeouts?.update ?? 0);
    timeouts.setDelete(recorded?.customTimeouts?.delete ?? 0);
    options.setCustomtimeouts(timeouts);
    if (withParent) {
        options.setParent(resource.parent ?? "");
    }
    return options;
}

function providerResourceFor(resource: RecordedResource, plan: Plan): analyzerproto.AnalyzerProviderResource | undefined {
    const provider = providerOf(plan, resource);
    if (!provider) {
        return undefined;
    }
    const p = new analyzerproto.AnalyzerProviderResource();
    p.setUrn(provider.urn);
    p.setType(provider.type);
    p.setName(provider.name);
    p.setProperties(toStruct(analyzerProperties(provider.inputs)));
    return p;
}

function verdictFrom(d: analyzerproto.AnalyzeDiagnostic, phase: Verdict["phase"], plan: Plan, analyzed?: RecordedResource): Verdict {
    // The engine attributes a diagnostic without a URN to the resource being analyzed.
    const urn = d.getUrn() || analyzed?.urn || undefined;
    const subject = urn ? (resourceByUrn(plan, urn) ?? nameAndTypeOf(urn)) : undefined;
    const verdict: Verdict = {
        policy: d.getPolicyname(),
        level: levelNames[d.getEnforcementlevel()] ?? "advisory",
        message: d.getMessage(),
        phase,
    };
    if (d.getDescription()) {
        verdict.description = d.getDescription();
        const data = structuredDataOf(verdict.description);
        if (data) {
            verdict.data = data;
        }
    }
    if (urn && subject) {
        verdict.urn = urn;
        verdict.resource = subject.name;
        verdict.type = subject.type;
    }
    return verdict;
}

/**
 * A pack may put a JSON object with a `schema` name in a diagnostic's description (which the engine
 * neither shows nor forwards) to carry the verdict's fields; anything else is a plain description.
 */
function structuredDataOf(description: string): Record<string, unknown> | undefined {
    if (!description.startsWith("{")) {
        return undefined;
    }
    try {
        const parsed: unknown = JSON.parse(description);
        const record =
            typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
        return typeof record?.["schema"] === "string" ? record : undefined;
    } catch {
        return undefined;
    }
}

// For a URN the plan does not hold: `urn:pulumi:<stack>::<project>::<parent$…$type>::<name>`.
function nameAndTypeOf(urn: string): { name: string; type: string } {
    const parts = urn.split("::");
    return { type: (parts[2] ?? "").split("$").pop() ?? "", name: parts.slice(3).join("::") };
}
