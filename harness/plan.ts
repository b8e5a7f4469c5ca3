// The recorded plan of a Pulumi program: what the resource monitor received during a preview,
// in the engine's wire form, so the analyzer client can replay it to a policy pack.
//
// The wire constants are duplicated from @pulumi/pulumi/runtime/rpc on purpose: a plan is plain
// JSON, and reading one must not load the Pulumi runtime.

/** The sentinel string the SDK and the engine use for a value that is unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The key that marks a wire object as special (secret, asset, archive, resource reference). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** {@link SIG_KEY}'s value on a secret: `{[SIG_KEY]: SECRET_SIG, value}`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** {@link SIG_KEY}'s value on a resource reference: `{[SIG_KEY]: RESOURCE_SIG, urn, id?, packageVersion}`. */
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** {@link SIG_KEY}'s value on an asset: `{[SIG_KEY]: ASSET_SIG, path | text | uri}`. */
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";

/** {@link SIG_KEY}'s value on an archive: `{[SIG_KEY]: ARCHIVE_SIG, assets | path | uri}`. */
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

/** A wire-form secret: the value is in `value`. */
export interface WireSecret {
    [SIG_KEY]: typeof SECRET_SIG;
    value: unknown;
}

/**
 * One resource registration as the resource monitor received it.
 *
 * @example
 * const bucket: RecordedResource = {
 *     urn: "urn:pulumi:dev::demo::aws:s3/bucket:Bucket::logs",
 *     type: "aws:s3/bucket:Bucket", name: "logs", custom: true,
 *     parent: "urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev",
 *     provider: "urn:pulumi:dev::demo::pulumi:providers:aws::default_7_48_0::" + UNKNOWN,
 *     dependencies: [], propertyDependencies: { tags: [] },
 *     inputs: { tags: { team: "data" }, arn: UNKNOWN },
 * };
 */
export interface RecordedResource {
    /** The URN the engine would assign (parent type chain included, the root stack's type excluded). */
    urn: string;
    /** The type token, e.g. `aws:s3/bucket:Bucket` or `pulumi:providers:kubernetes`. */
    type: string;
    /** The logical name. */
    name: string;
    /** True for custom (provider-managed) resources and providers, false for components. */
    custom: boolean;
    /**
     * True for a component its provider plugin constructs (a multi-language component: awsx, eks,
     * Helm Chart v4 …; `RegisterResourceRequest.remote`). The engine asks the plugin for its
     * children; a recording under mocks has none of them, only the component and its inputs.
     */
    remote?: boolean;
    /** The resource ID; absent in preview, where nothing has been created. */
    id?: string;
    /** The parent's URN. */
    parent?: string;
    /** The provider reference `"<provider urn>::<provider id>"` as the engine sends it. */
    provider?: string;
    /** URNs of the resources this one depends on. */
    dependencies: string[];
    /** Per input property, the URNs its value came from. */
    propertyDependencies: Record<string, string[]>;
    /** Inputs in wire form: unknowns as {@link UNKNOWN}, secrets as {@link WireSecret}, assets and resource references as sig objects. */
    inputs: Record<string, unknown>;
    /** Resource options the engine passes on to analyzers. */
    options?: RecordedOptions;
}

/** The resource options an analyzer sees (`AnalyzerResourceOptions`). */
export interface RecordedOptions {
    protect: boolean;
    ignoreChanges: string[];
    /** Absent when the program did not set it. */
    deleteBeforeReplace?: boolean;
    additionalSecretOutputs: string[];
    /** Custom timeouts in seconds. */
    customTimeouts?: { create: number; update: number; delete: number };
}

/** Everything a preview of one stack registered, in registration order (default providers before their first user). */
export interface Plan {
    stack: string;
    project: string;
    /** True when recorded as a preview (unknown outputs, no IDs). */
    preview: boolean;
    resources: RecordedResource[];
}

// Large plans (the offline checker reads files of 100k resources) keep each resource's inputs as
// one compact JSON string and parse it when read: parsed inputs cost several times their JSON in
// memory, and each is needed only while its requests are built.
const inputsJsonKey = Symbol("inputsJson");

interface CompactResource {
    [inputsJsonKey]: string;
}

// One getter shared by every compact resource: no closure is kept per resource.
function parseCompactInputs(this: CompactResource): Record<string, unknown> {
    return JSON.parse(this[inputsJsonKey]) as Record<string, unknown>;
}

/**
 * A resource whose `inputs` are held as their JSON text and parsed on each read (an enumerable
 * getter: spreading, JSON.stringify and deep equality see a plain `inputs` property). Each read
 * returns a fresh object, so changes to it are not kept. `inputs` must be plain JSON, as wire
 * inputs are.
 *
 * @example
 * const r = compactResource({ urn, type, name, custom: true, dependencies: [], propertyDependencies: {} }, { tags: { team: "data" } });
 * r.inputs.tags; // { team: "data" }
 */
export function compactResource(fields: Omit<RecordedResource, "inputs">, inputs: Record<string, unknown>): RecordedResource {
    return compactResourceOfJson(fields, JSON.stringify(inputs));
}

/** {@link compactResource} of inputs already held as their JSON text (an object's). */
export function compactResourceOfJson(fields: Omit<RecordedResource, "inputs">, inputsJson: string): RecordedResource {
    const resource = fields as RecordedResource & CompactResource;
    Object.defineProperty(resource, inputsJsonKey, { value: inputsJson, enumerable: false });
    Object.defineProperty(resource, "inputs", { get: parseCompactInputs, enumerable: true, configurable: true });
    return resource;
}

/** True when `value` is the wire-form unknown sentinel. */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

/** True when `value` is a wire-form secret. */
export function isSecret(value: unknown): value is WireSecret {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** Splits a provider reference `"<urn>::<id>"` into its URN and ID (URNs contain `::` themselves). */
export function parseProviderReference(ref: string): { urn: string; id: string } {
    const at = ref.lastIndexOf("::");
    if (at < 0) {
        throw new Error(`malformed provider reference ${JSON.stringify(ref)}: expected "<urn>::<id>"`);
    }
    return { urn: ref.slice(0, at), id: ref.slice(at + 2) };
}

// Plans of tens of thousands of resources look URNs up once per resource and per verdict: index
// each resources array once (rebuilt if it grew), instead of scanning it every time.
const urnIndexes = new WeakMap<RecordedResource[], { size: number; byUrn: Map<string, RecordedResource> }>();

/** The resource a plan records under `urn`, if any (the first one, as a scan would find). */
export function resourceByUrn(plan: Plan, urn: string): RecordedResource | undefined {
    let index = urnIndexes.get(plan.resources);
    if (!index || index.size !== plan.resources.length) {
        const byUrn = new Map<string, RecordedResource>();
        for (const resource of plan.resources) {
            if (!byUrn.has(resource.urn)) {
                byUrn.set(resource.urn, resource);
            }
        }
        index = { size: plan.resources.length, byUrn };
        urnIndexes.set(plan.resources, index);
    }
    return index.byUrn.get(urn);
}

/** The provider resource a recorded resource's provider reference points at, if the plan has it. */
export function providerOf(plan: Plan, resource: RecordedResource): RecordedResource | undefined {
    return resource.provider ? resourceByUrn(plan, parseProviderReference(resource.provider).urn) : undefined;
}
