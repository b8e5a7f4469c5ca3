// A resource monitor that stands in for the engine during a preview and records every
// RegisterResourceRequest as the engine would see it. It replaces @pulumi/pulumi's MockMonitor
// (same callback protocol) because the mock assigns URNs unlike the engine and only hands the
// deserialized inputs to its callbacks, losing secrets and dependencies.
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { packageConfig } from "./project-config";
import { Plan, RecordedOptions, RecordedResource, SECRET_SIG, SIG_KEY, UNKNOWN } from "./plan";
import { emptypb, structpb, toStruct } from "./protobuf";

type Callback<T> = (err: Error | null, response?: T) => void;
type Struct = InstanceType<typeof structpb.Struct>;

/** Where the recorded program runs. */
export interface MonitorSettings {
    project: string;
    stack: string;
    /** Preview: custom resources get no ID and only their inputs echo back, so outputs stay unknown. */
    preview: boolean;
    /** Fully qualified stack config, for default providers' inputs and a few invokes. */
    config: Record<string, unknown>;
    /** Keys of `config` whose values are secret: a default provider receives them as secrets, as the engine sends them. */
    secretKeys?: string[];
}

const rootStackType = "pulumi:pulumi:Stack";

// Features that need the SDK's callback server (transforms, hooks) are declined; output values
// are declined as MockMonitor does, so unknown inputs arrive as the plain unknown sentinel.
const unsupportedFeatures = new Set(["outputValues", "transforms", "invokeTransforms", "resourceHooks", "errorHooks"]);

// Invokes that programs commonly use to build names and ARNs; anything else echoes its arguments.
const invokeResults: Record<string, (args: Record<string, unknown>, config: Record<string, unknown>) => Record<string, unknown>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        id: "123456789012",
        accountId: "123456789012",
        arn: "arn:aws:iam::123456789012:user/preview",
        userId: "AIDAPREVIEW",
    }),
    "aws:index/getRegion:getRegion": (args, config) => {
        const region = String(args["region"] ?? args["name"] ?? config["aws:region"] ?? "us-east-1");
        return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com` };
    },
    "aws:index/getPartition:getPartition": () => ({
        id: "aws",
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
    }),
    "azure-native:authorization:getClientConfig": () => ({
        clientId: "00000000-0000-0000-0000-000000000001",
        objectId: "00000000-0000-0000-0000-000000000002",
        subscriptionId: "00000000-0000-0000-0000-000000000003",
        tenantId: "00000000-0000-0000-0000-000000000004",
    }),
};

/**
 * The URN the engine assigns: the parent's qualified type is prefixed with `$`, except for the root stack.
 *
 * @example
 * engineUrn("dev", "demo", "aws:s3/bucket:Bucket", "logs", "urn:pulumi:dev::demo::my:index:Site::site")
 * // "urn:pulumi:dev::demo::my:index:Site$aws:s3/bucket:Bucket::logs"
 */
export function engineUrn(stack: string, project: string, type: string, name: string, parentUrn?: string): string {
    let qualifiedType = type;
    if (parentUrn) {
        const parentType = parentUrn.split("::")[2];
        if (parentType !== undefined && parentType !== rootStackType) {
            qualifiedType = `${parentType}$${type}`;
        }
    }
    return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

/**
 * The engine's name for a package's default provider: `default`, or `default_<major>_<minor>_<patch>…`
 * when the SDK sent a version, with the download URL appended when one was sent.
 */
export function defaultProviderName(version: string, pluginDownloadURL: string): string {
    let name = "default";
    if (version) {
        name += "_" + version.replace(/[.+-]/g, "_");
    }
    if (pluginDownloadURL) {
        name += "_" + pluginDownloadURL.replace(/[^A-Za-z0-9]/g, "_");
    }
    return name;
}

/** Converts a Go duration string as the SDK sends it ("5m", "1h30m", "45s") to seconds; "" is 0. */
export function durationSeconds(duration: string): number {
    const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
    let total = 0;
    for (const [, amount, unit] of duration.matchAll(/([\d.]+)(ms|h|m|s)/g)) {
        total += Number(amount) * (units[unit ?? "s"] ?? 1);
    }
    return total;
}

interface Registration {
    resource: RecordedResource;
    version: string;
    pluginDownloadURL: string;
    object: Struct;
}

/** The recording monitor: hand it to `setMockOptions`, run the program, then read {@link RecordingMonitor.plan}. */
export class RecordingMonitor {
    private readonly registrations: Registration[] = [];
    private readonly byUrn = new Map<string, Registration>();
    private readonly echoed = new Set<string>();

    constructor(private readonly settings: MonitorSettings) {}

    /**
     * Records one registration and answers as a preview would: the inputs echo back, nothing else is
     * known. A remote component (awsx, eks, Helm Chart v4 …) is recorded with its inputs and marked
     * `remote`: the engine would have its plugin construct the children, and no plugin runs here.
     */
    registerResource(req: resproto.RegisterResourceRequest, callback: Callback<resproto.RegisterResourceResponse>): void {
        try {
            const { stack, project, preview } = this.settings;
            const type = req.getType();
            const name = req.getName();
            const parent = req.getParent() || undefined;
            const urn = engineUrn(stack, project, type, name, parent);
            if (this.byUrn.has(urn)) {
                throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
            }
            const custom = req.getCustom();
            const id = req.getImportid() || (custom && !preview ? `${name}_id` : undefined);
            const object = req.getObject() ?? new structpb.Struct();

            const propertyDependencies: Record<string, string[]> = {};
            req.getPropertydependenciesMap().forEach((deps, key) => {
                propertyDependencies[key] = deps.getUrnsList();
            });
            const resource: RecordedResource = {
                urn,
                type,
                name,
                custom,
                ...(req.getRemote() ? { remote: true } : {}),
                ...(id !== undefined ? { id } : {}),
                ...(parent !== undefined ? { parent } : {}),
                ...(req.getProvider() ? { provider: req.getProvider() } : {}),
                dependencies: req.getDependenciesList(),
                propertyDependencies,
                inputs: object.toJavaScript() as Record<string, unknown>,
                options: optionsOf(req),
            };
            const registration = { resource, version: req.getVersion(), pluginDownloadURL: req.getPlugindownloadurl(), object };
            this.registrations.push(registration);
            this.byUrn.set(urn, registration);

            const response = new resproto.RegisterResourceResponse();
            response.setUrn(urn);
            response.setId(id ?? "");
            response.setObject(object);
            callback(null, response);
        } catch (err) {
            callback(err as Error);
        }
    }

    /** Accepts outputs (the stack's exports); they are not part of the plan. */
    registerResourceOutputs(_req: resproto.RegisterResourceOutputsRequest, callback: Callback<unknown>): void {
        callback(null, new emptypb.Empty());
    }

    /** `.get()` reads: answered with the given properties, not recorded (the engine does not analyze reads). */
    readResource(req: resproto.ReadResourceRequest, callback: Callback<resproto.ReadResourceResponse>): void {
        const response = new resproto.ReadResourceResponse();
        response.setUrn(engineUrn(this.settings.stack, this.settings.project, req.getType(), req.getName(), req.getParent() || undefined));
        response.setProperties(req.getProperties() ?? new structpb.Struct());
        callback(null, response);
    }

    /** Data-source calls: a few well-known ones get plausible answers, the rest echo their arguments. */
    invoke(req: resproto.ResourceInvokeRequest, callback: Callback<provproto.InvokeResponse>): void {
        try {
            const token = req.getTok();
            const args = (req.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
            let result: Record<string, unknown>;
            if (token === "pulumi:pulumi:getResource") {
                const registration = this.byUrn.get(String(args["urn"]));
                if (!registration) {
                    throw new Error(`unknown resource ${String(args["urn"])}`);
                }
                const { urn, id } = registration.resource;
                result = { urn, id: id ?? null, state: registration.object.toJavaScript() };
            } else {
                const answer = invokeResults[token];
                if (!answer) {
                    this.echoed.add(token);
                }
                result = answer?.(args, this.settings.config) ?? args;
            }
            const response = new provproto.InvokeResponse();
            response.setReturn(toStruct(result));
            callback(null, response);
        } catch (err) {
            callback(err as Error);
        }
    }

    /** The provider functions answered by echoing their arguments, in the order first called: no cloud answered them. */
    echoedInvokes(): string[] {
        return [...this.echoed];
    }

    /** Answers the SDK's capability probes. */
    supportsFeature(req: resproto.SupportsFeatureRequest, callback: Callback<resproto.SupportsFeatureResponse>): void {
        const response = new resproto.SupportsFeatureResponse();
        response.setHassupport(!unsupportedFeatures.has(req.getId()));
        callback(null, response);
    }

    /** Parameterized packages get a stable fake reference. */
    registerPackage(req: resproto.RegisterPackageRequest, callback: Callback<resproto.RegisterPackageResponse>): void {
        const response = new resproto.RegisterPackageResponse();
        response.setRef(`${req.getName()}@${req.getVersion()}`);
        callback(null, response);
    }

    /**
     * The recorded plan, with the default providers the engine would create: one
     * `pulumi:providers:<pkg>` per package and version, inserted before its first user, whose inputs
     * are the stack config under the package's namespace plus `version`; every custom resource
     * without an explicit provider gets a reference to it.
     */
    plan(): Plan {
        const { stack, project, preview, config } = this.settings;
        const secretKeys = new Set(this.settings.secretKeys ?? []);
        const resources: RecordedResource[] = [];
        const defaults = new Map<string, RecordedResource>();
        for (const { resource, version, pluginDownloadURL } of this.registrations) {
            const pkg = resource.type.split(":")[0] ?? "";
            if (!resource.custom || resource.provider || resource.type.startsWith("pulumi:providers:") || pkg === "pulumi") {
                resources.push(resource);
                continue;
            }
            const providerType = `pulumi:providers:${pkg}`;
            const providerName = defaultProviderName(version, pluginDownloadURL);
            const providerUrn = engineUrn(stack, project, providerType, providerName);
            let provider = defaults.get(providerUrn);
            if (!provider) {
                provider = {
                    urn: providerUrn,
                    type: providerType,
                    name: providerName,
                    custom: true,
                    ...(preview ? {} : { id: `${providerName}_id` }),
                    dependencies: [],
                    propertyDependencies: {},
                    inputs: {
                        ...Object.fromEntries(
                            Object.entries(packageConfig(config, pkg)).map(([key, value]) => [
                                key,
                                secretKeys.has(`${pkg}:${key}`) ? { [SIG_KEY]: SECRET_SIG, value } : value,
                            ]),
                        ),
                        ...(version ? { version } : {}),
                        ...(pluginDownloadURL ? { pluginDownloadURL } : {}),
                    },
                    options: { protect: false, ignoreChanges: [], additionalSecretOutputs: [] },
                };
                defaults.set(providerUrn, provider);
                resources.push(provider);
            }
            resources.push({ ...resource, provider: `${providerUrn}::${provider.id ?? UNKNOWN}` });
        }
        return { stack, project, preview, resources };
    }
}

function optionsOf(req: resproto.RegisterResourceRequest): RecordedOptions {
    const timeouts = req.getCustomtimeouts();
    const customTimeouts = {
        create: durationSeconds(timeouts?.getCreate() ?? ""),
        update: durationSeconds(timeouts?.getUpdate() ?? ""),
        delete: durationSeconds(timeouts?.getDelete() ?? ""),
    };
    const hasTimeouts = customTimeouts.create > 0 || customTimeouts.update > 0 || customTimeouts.delete > 0;
    return {
        protect: req.getProtect() ?? false,
        ignoreChanges: req.getIgnorechangesList(),
        ...(req.getDeletebeforereplacedefined() ? { deleteBeforeReplace: req.getDeletebeforereplace() } : {}),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        ...(hasTimeouts ? { customTimeouts } : {}),
    };
}
