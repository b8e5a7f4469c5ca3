// `terraform show -json <planfile>` (Terraform 1.x, OpenTofu 1.x): plan format 1.x
// (internal/command/jsonplan/plan.go; `format_version` 1.2 since Terraform 1.5 and in every
// OpenTofu release). Keys in Go struct order:
//
//   { "format_version", "terraform_version", "variables", "planned_values", "resource_drift",
//     "resource_changes": [ { "address", "module_address", "mode", "type", "name", "index",
//                             "provider_name", "change": { "actions", "after", "after_unknown",
//                                                          "after_sensitive", … } } ],
//     "output_changes", "prior_state", "configuration", "timestamp", "applyable", "complete", "errored" }
//
// Each managed resource that the plan leaves in place becomes the resource a Pulumi preview of
// the same infrastructure would register (terraform-resources.ts), named by its Terraform address;
// its dependencies come from the configuration's references (terraform-configuration.ts), which
// the file holds after the resource changes, so resources are kept as compact JSON until the end.
// Kubernetes, Helm and kubectl resources get a Kubernetes provider synthesized from the provider
// configuration they use, Docker resources a Docker provider: the pack places their workloads by it.
import { compactResourceOfJson, isSecret, isUnknown, Plan, RecordedResource, UNKNOWN } from "../../harness/plan";
import { InputError } from "./input-error";
import type { SourceLocation } from "./source-location";
import { namingOf, SynthesizedPlan } from "./synthesized-plan";
import {
    Configuration,
    configurationPartOf,
    ConfiguredResource,
    ConfiguredShape,
    mostSpecific,
    ProviderConfiguration,
    referencesIn,
    Step,
    stepsOf,
} from "./terraform-configuration";
import { ConvertedResource, packageOf, propertiesOfAttribute, providerTypeOf, pulumiResourceOf } from "./terraform-resources";
import { isObject, plannedValue, secretOf } from "./terraform-values";

type Obj = Record<string, unknown>;
type StackPath = ReadonlyArray<string | number | null>;

/** True when a JSON document's top-level keys are those of a Terraform plan. */
export function isTerraformPlan(keys: ReadonlySet<string>): boolean {
    return keys.has("format_version") && (keys.has("resource_changes") || keys.has("planned_values"));
}

/** True when they are those of a Terraform state (`terraform show -json` without a plan file). */
export function isTerraformState(keys: ReadonlySet<string>): boolean {
    return keys.has("format_version") && keys.has("values") && !keys.has("planned_values");
}

/** A planned resource, waiting for the configuration that follows it in the file. */
interface PendingResource {
    address: string;
    moduleAddress: string;
    /** The module-local address of its configuration block (`aws_s3_bucket.b`). */
    configAddress: string;
    providerName: string;
    providerType: string;
    tfType: string;
    id?: string;
    /** Its planned values in wire form, in Terraform's shape, as JSON (converted once the configuration is read). */
    plannedJson: string;
}

/** A planned resource as the Pulumi resource it becomes. */
interface ConvertedPending extends PendingResource {
    urn: string;
    type: string;
    inputsJson: string;
    inputKeys: string[];
    renamed: ConvertedResource["renamed"];
    heldIn?: string;
}

/** Resource-change actions after which the object no longer exists (or is no longer managed): skipped, like a Pulumi delete step. */
function isRemoval(actions: unknown): boolean {
    return (
        Array.isArray(actions) &&
        !actions.includes("create") &&
        !actions.includes("update") &&
        (actions.includes("delete") || actions.includes("forget"))
    );
}

/** The configuration's name for an instance: `module.a["x"].aws_s3_bucket.b[0]` → `aws_s3_bucket.b`. */
function configAddressOf(change: Obj): string {
    return `${change["mode"] === "data" ? "data." : ""}${String(change["type"])}.${String(change["name"])}`;
}

/** Renders steps back into an address. */
function addressOf(steps: readonly Step[]): string {
    return steps.map((step) => (step.key === undefined ? step.name : `${step.name}[${step.key}]`)).join(".");
}

/** The module instance that contains `moduleAddress` (`""` for a child of the root module). */
function parentModuleOf(moduleAddress: string): string {
    return addressOf(stepsOf(moduleAddress).slice(0, -2));
}

/**
 * Reads the parts of a Terraform plan the checker needs, value by value from a stream, and turns
 * them into a plan once the whole file has been read.
 */
export class TerraformPlanReader {
    private readonly configuration = new Configuration();
    private readonly pending: PendingResource[] = [];
    private readonly dataValues = new Map<string, Obj>();
    private variables: Obj = {};
    private formatVersion: string | undefined;
    private terraformVersion: string | undefined;
    private errored = false;
    private openTofu = false;
    private deferred = 0;
    private readonly hashedUserData: string[] = [];
    private naming: SynthesizedPlan | undefined;

    constructor(
        private readonly file: string,
        private readonly stackName: string | undefined,
    ) {}

    /** Whether the value that starts at `stack` is one this reader reads (called for every value of the file: cheap). */
    accepts(stack: StackPath): boolean {
        const top = stack[0];
        if (stack.length === 1) {
            return top === "format_version" || top === "terraform_version" || top === "variables" || top === "errored";
        }
        if (top === "resource_changes" || top === "deferred_changes") {
            return stack.length === 2;
        }
        if (top === "prior_state") {
            return stack.length >= 5 && stack[stack.length - 2] === "resources" && typeof stack[stack.length - 1] === "number";
        }
        return top === "configuration" && configurationPartOf(stack) !== undefined;
    }

    /** Takes one value `accepts` asked for; true when it was a planned resource. */
    add(stack: StackPath, value: unknown): boolean {
        switch (stack[0]) {
            case "format_version":
                this.formatVersion = typeof value === "string" ? value : String(value);
                return false;
            case "terraform_version":
                this.terraformVersion = typeof value === "string" ? value : undefined;
                return false;
            case "errored":
                this.errored = value === true;
                return false;
            case "variables":
                this.variables = isObject(value) ? value : {};
                return false;
            case "deferred_changes":
                this.deferred++;
                return false;
            case "resource_changes":
                return this.addChange(value);
            case "prior_state":
                if (isObject(value) && value["mode"] === "data" && typeof value["address"] === "string" && isObject(value["values"])) {
                    this.dataValues.set(value["address"], value["values"]);
                }
                return false;
        }
        const where = configurationPartOf(stack);
        if (where?.part === "resource") {
            this.configuration.addResource(where.modulePath, value);
        } else if (where?.part === "outputs") {
            this.configuration.addOutputs(where.modulePath, value);
        } else if (where?.part === "call-inputs") {
            this.configuration.addCallInputs(where.modulePath, value);
        } else if (where?.part === "call-depends-on") {
            this.configuration.addCallDependsOn(where.modulePath, value);
        } else if (where?.part === "providers") {
            this.configuration.addProviders(value);
        }
        return false;
    }

    private checkFormatVersion(): void {
        if (!/^1\./.test(this.formatVersion ?? "")) {
            throw new InputError(
                `${this.file}: Terraform plan format_version ${JSON.stringify(this.formatVersion)} is not supported ` +
                    "(expected 1.x, which Terraform 1.x and OpenTofu 1.x write)",
            );
        }
    }

    private synthesized(): SynthesizedPlan {
        if (!this.naming) {
            const { stack, project } = namingOf(this.file, this.stackName);
            this.naming = new SynthesizedPlan(stack, project);
        }
        return this.naming;
    }

    private addChange(value: unknown): boolean {
        if (!isObject(value) || value["mode"] === "data" || value["deposed"] !== undefined) {
            return false; // data sources are reads, not resources; deposed objects are on their way out
        }
        const change = isObject(value["change"]) ? value["change"] : {};
        if (isRemoval(change["actions"]) || !isObject(change["after"])) {
            return false;
        }
        const address = String(value["address"]);
        const tfType = String(value["type"]);
        const providerName = typeof value["provider_name"] === "string" ? value["provider_name"] : tfType.split("_")[0];
        this.openTofu ||= providerName.startsWith("registry.opentofu.org/");
        const planned = (plannedValue(change["after"], change["after_unknown"], change["after_sensitive"]) ?? {}) as Obj;
        const id = planned["id"];
        delete planned["id"]; // the engine sends a resource's ID beside its inputs, not in them
        if (tfType === "aws_instance" && typeof planned["user_data"] === "string" && /^[0-9a-f]{40}$/.test(planned["user_data"])) {
            this.hashedUserData.push(address);
        }
        this.pending.push({
            address,
            moduleAddress: typeof value["module_address"] === "string" ? value["module_address"] : "",
            configAddress: configAddressOf(value),
            providerName,
            providerType: providerTypeOf(providerName),
            tfType,
            ...(typeof id === "string" && !isUnknown(id) ? { id } : {}),
            plannedJson: JSON.stringify(planned),
        });
        return true;
    }

    /** A planned resource as a Pulumi resource, without what the provider computes (the configuration is read by now). */
    private converted(p: PendingResource): ConvertedPending {
        const configured = this.configuration.resource(p.moduleAddress, p.configAddress);
        const planned = JSON.parse(p.plannedJson) as Obj;
        const converted = pulumiResourceOf(
            p.providerName,
            p.tfType,
            configured ? (withoutComputed(planned, configured.sets) as Obj) : planned,
        );
        return {
            ...p,
            plannedJson: "",
            urn: this.synthesized().urnOf(converted.type, p.address),
            type: converted.type,
            inputsJson: JSON.stringify(converted.inputs),
            inputKeys: converted.heldIn !== undefined ? Object.keys(converted.inputs) : [],
            renamed: converted.renamed,
            ...(converted.heldIn !== undefined ? { heldIn: converted.heldIn } : {}),
        };
    }

    /**
     * Which tool wrote the plan: `Terraform 1.9.5, plan format 1.2`. OpenTofu writes its version
     * under the same key; its providers come from its own registry.
     */
    get producer(): string {
        const tool = this.openTofu ? "OpenTofu" : "Terraform";
        return `${tool}${this.terraformVersion ? ` ${this.terraformVersion}` : ""}, plan format ${this.formatVersion ?? "?"}`;
    }

    /** The plan, what the user should know about how it was read, and where each resource is in the file. */
    result(): { plan: Plan; warnings: string[]; locations: Map<string, SourceLocation>; producer: string } {
        this.checkFormatVersion();
        const synthesized = this.synthesized();
        const warnings = this.warnings();
        // Converted one at a time, each planned text released as soon as it is converted.
        const pending = this.pending.map((p) => {
            const converted = this.converted(p);
            p.plannedJson = "";
            return converted;
        });
        const resolver = new References(this.configuration, pending, this.variables, this.dataValues);
        const providers = new ProviderResources(synthesized, this.configuration, resolver);
        const resources: RecordedResource[] = [];
        const locations = new Map<string, SourceLocation>();
        for (const p of pending) {
            const configured = this.configuration.resource(p.moduleAddress, p.configAddress);
            const propertyDependencies: Record<string, string[]> = {};
            const dependencies = new Set<string>();
            for (const [attribute, references] of Object.entries(configured?.references ?? {})) {
                const urns = [...resolver.urnsOf(references, p.moduleAddress)].filter((urn) => urn !== p.urn);
                if (urns.length === 0) {
                    continue;
                }
                for (const property of propertiesOfAttribute(p, p.inputKeys, attribute)) {
                    propertyDependencies[property] = [...new Set([...(propertyDependencies[property] ?? []), ...urns])];
                }
                urns.forEach((urn) => dependencies.add(urn));
            }
            resolver.dependsOnOf(configured, p.moduleAddress).forEach((urn) => urn !== p.urn && dependencies.add(urn));
            const provider = providers.referenceFor(p, configured);
            const fields = {
                urn: p.urn,
                type: p.type,
                name: p.address,
                custom: true,
                ...(p.id !== undefined ? { id: p.id } : {}),
                parent: synthesized.stackUrn,
                ...(provider !== undefined ? { provider } : {}),
                dependencies: [...dependencies],
                propertyDependencies,
            };
            resources.push(compactResourceOfJson(fields, p.inputsJson));
            locations.set(p.urn, { file: this.file, address: p.address });
        }
        const plan: Plan = {
            stack: synthesized.stack,
            project: synthesized.project,
            preview: true,
            resources: [synthesized.stackResource(), ...providers.resources(), ...resources],
        };
        return { plan, warnings, locations, producer: this.producer };
    }

    private warnings(): string[] {
        const warnings: string[] = [];
        if (this.errored) {
            warnings.push(`${this.file}: Terraform reported errors while planning; the plan may lack resources it could not plan`);
        }
        if (this.deferred > 0) {
            const one = this.deferred === 1;
            warnings.push(
                `${this.file}: ${this.deferred} resource change${one ? " was" : "s were"} deferred by Terraform and ${one ? "is" : "are"} not judged; check the plan of the next run`,
            );
        }
        if (!this.configuration.present && this.pending.length > 0) {
            warnings.push(
                `${this.file} has no "configuration": the references between resources are unknown, so a Kubernetes workload's cluster and a route's backend cannot be followed`,
            );
        }
        if (this.hashedUserData.length > 0) {
            warnings.push(
                `${this.hashedUserData.join(", ")}: user_data is a SHA-1 hash in this plan (AWS provider before v6 stores it so) and its script cannot be read; ` +
                    "use user_data_base64, or AWS provider v6, to have it judged",
            );
        }
        return warnings;
    }
}

/**
 * Planned values without the unknowns the configuration does not set: values the provider
 * computes (`arn`, `endpoint`, a container's `image_pull_policy`), which a Pulumi resource's inputs
 * do not hold. Unknowns the configuration sets (from another resource) stay unknown, and so does
 * anything inside a value one expression sets whole. A `dynamic` block is not in the configuration:
 * its known values stay, but a whole block list unknown during planning is taken as computed.
 */
function withoutComputed(value: unknown, sets: ConfiguredShape | undefined): unknown {
    if (sets === true) {
        return value;
    }
    const inner = isSecret(value) ? value.value : value;
    if (sets === undefined) {
        return isUnknown(inner) ? undefined : value;
    }
    let pruned: unknown = inner;
    if (Array.isArray(inner) && Array.isArray(sets)) {
        pruned = inner.map((item, i) => withoutComputed(item, sets[i]) ?? null);
    } else if (isObject(inner) && isObject(sets)) {
        const object: Obj = {};
        for (const [key, child] of Object.entries(inner)) {
            const kept = withoutComputed(child, (sets as Record<string, ConfiguredShape>)[key]);
            if (kept !== undefined) {
                object[key] = kept;
            }
        }
        pruned = object;
    }
    return isSecret(value) ? secretOf(pruned) : pruned;
}

/** Follows references from a module instance to the plan's resources (through module outputs and inputs) and to known values. */
class References {
    /** Planned resources by `<module instance>|<config address>`. */
    private readonly byConfig = new Map<string, ConvertedPending[]>();
    /** Module instances by the module instance that calls them. */
    private readonly childModules = new Map<string, Set<string>>();

    constructor(
        private readonly configuration: Configuration,
        pending: readonly ConvertedPending[],
        private readonly variables: Obj,
        private readonly dataValues: ReadonlyMap<string, Obj>,
    ) {
        for (const p of pending) {
            const key = `${p.moduleAddress}|${p.configAddress}`;
            const list = this.byConfig.get(key) ?? [];
            list.push(p);
            this.byConfig.set(key, list);
            const steps = stepsOf(p.moduleAddress);
            for (let depth = 2; depth <= steps.length; depth += 2) {
                const parent = addressOf(steps.slice(0, depth - 2));
                const children = this.childModules.get(parent) ?? new Set<string>();
                children.add(addressOf(steps.slice(0, depth)));
                this.childModules.set(parent, children);
            }
        }
    }

    /** The URNs of the planned resources `references` (module-local to `moduleAddress`) lead to. */
    urnsOf(references: readonly string[], moduleAddress: string, depth = 0): Set<string> {
        const urns = new Set<string>();
        if (depth > 16) {
            return urns;
        }
        for (const reference of references) {
            const steps = stepsOf(reference);
            const [head, second, third] = steps;
            if (head === undefined || second === undefined) {
                continue;
            }
            if (head.name === "var" && moduleAddress !== "") {
                const input = this.configuration.callInput(moduleAddress, second.name);
                this.urnsOf(mostSpecific(referencesIn(input)), parentModuleOf(moduleAddress), depth + 1).forEach((urn) => urns.add(urn));
            } else if (head.name === "module") {
                for (const child of this.modulesCalled(moduleAddress, second)) {
                    const found =
                        third === undefined
                            ? this.resourcesIn(child)
                            : this.urnsOf(this.configuration.outputReferences(child, third.name), child, depth + 1);
                    found.forEach((urn) => urns.add(urn));
                }
            } else if (!["var", "local", "data", "each", "count", "path", "terraform", "self"].includes(head.name)) {
                for (const p of this.byConfig.get(`${moduleAddress}|${head.name}.${second.name}`) ?? []) {
                    if (second.key === undefined || stepsOf(p.address).pop()?.key === second.key) {
                        urns.add(p.urn);
                    }
                }
            }
        }
        return urns;
    }

    /** `depends_on` of a resource and of the module calls around it. */
    dependsOnOf(configured: ConfiguredResource | undefined, moduleAddress: string): Set<string> {
        const urns = this.urnsOf(configured?.dependsOn ?? [], moduleAddress);
        for (let module = moduleAddress; module !== ""; module = parentModuleOf(module)) {
            this.urnsOf(this.configuration.callDependsOn(module), parentModuleOf(module)).forEach((urn) => urns.add(urn));
        }
        return urns;
    }

    /**
     * The value of an expression when the plan knows it: a constant, a root variable, a module
     * input that is one, or an attribute of a data source read during planning (`prior_state`).
     * An expression built around one reference (`"https://${var.host}"`) is taken as that value.
     */
    valueOf(expression: unknown, moduleAddress: string, depth = 0): string | undefined {
        if (!isObject(expression) || depth > 16) {
            return undefined;
        }
        if ("constant_value" in expression) {
            return typeof expression["constant_value"] === "string" ? expression["constant_value"] : undefined;
        }
        const references = mostSpecific(referencesIn(expression));
        if (references.length !== 1) {
            return undefined;
        }
        const steps = stepsOf(references[0]);
        const [head, second, third, fourth] = steps;
        if (head?.name === "var" && second) {
            if (moduleAddress === "") {
                const variable = this.variables[second.name];
                const value = isObject(variable) ? variable["value"] : undefined;
                return typeof value === "string" ? value : undefined;
            }
            return this.valueOf(this.configuration.callInput(moduleAddress, second.name), parentModuleOf(moduleAddress), depth + 1);
        }
        if (head?.name === "data" && second && third && fourth) {
            const address = `${moduleAddress === "" ? "" : `${moduleAddress}.`}${addressOf([head, second, third])}`;
            const value = this.dataValues.get(address)?.[fourth.name];
            return typeof value === "string" ? value : undefined;
        }
        return undefined;
    }

    private modulesCalled(moduleAddress: string, call: Step): string[] {
        const prefix = `${moduleAddress === "" ? "" : `${moduleAddress}.`}module.${call.name}`;
        return [...(this.childModules.get(moduleAddress) ?? [])].filter((child) =>
            call.key === undefined ? child === prefix || child.startsWith(`${prefix}[`) : child === `${prefix}[${call.key}]`,
        );
    }

    private resourcesIn(moduleAddress: string): Set<string> {
        const urns = new Set<string>();
        for (const [key, list] of this.byConfig) {
            const module = key.slice(0, key.indexOf("|"));
            if (module === moduleAddress || module.startsWith(`${moduleAddress}.`)) {
                list.forEach((p) => urns.add(p.urn));
            }
        }
        return urns;
    }
}

/** Attributes of a Kubernetes provider configuration that say which cluster it talks to. */
const clusterAttributes = ["host", "cluster_ca_certificate", "token", "client_certificate", "client_key", "exec"];

/**
 * The providers the pack places workloads by, synthesized from the Terraform provider
 * configurations their resources use: Kubernetes (kubernetes, helm, kubectl) and Docker.
 */
class ProviderResources {
    private readonly byKey = new Map<string, { resource: RecordedResource; reference: string }>();

    constructor(
        private readonly synthesized: SynthesizedPlan,
        private readonly configuration: Configuration,
        private readonly resolver: References,
    ) {}

    /** The provider reference a planned resource is registered with, if its provider places it. */
    referenceFor(p: ConvertedPending, configured: ConfiguredResource | undefined): string | undefined {
        const pkg = packageOf(p.providerType);
        if (pkg !== "kubernetes" && pkg !== "docker") {
            return undefined;
        }
        const key = configured?.providerConfigKey ?? p.providerType;
        let provider = this.byKey.get(key);
        if (!provider) {
            const config = this.configuration.provider(key);
            provider = pkg === "docker" ? this.docker(key, config) : this.kubernetes(key, p.providerType, config);
            this.byKey.set(key, provider);
        }
        return provider.reference;
    }

    resources(): RecordedResource[] {
        return [...this.byKey.values()].map((provider) => provider.resource);
    }

    /**
     * A Kubernetes provider: a kubeconfig naming the cluster's server where the plan knows it
     * (a constant, a variable, a data source); an unknown kubeconfig that depends on the
     * resources the configuration computes it from (the cluster of the same plan); or, for a
     * kubeconfig file on the machine that runs Terraform (`config_path`) or none at all, no
     * kubeconfig: the ambient one, whose cluster the pack cannot know.
     */
    private kubernetes(key: string, providerType: string, config: ProviderConfiguration | undefined) {
        const expressions = providerType === "helm" ? helmKubernetesBlock(config?.expressions ?? {}) : (config?.expressions ?? {});
        const module = config?.moduleAddress ?? "";
        const host = this.resolver.valueOf(expressions["host"], module);
        const context = this.resolver.valueOf(expressions["config_context"], module);
        const exec = firstBlock(expressions["exec"]);
        const command = this.resolver.valueOf(exec?.["command"], module);
        const args = constantStrings(exec?.["args"]);
        const references = mostSpecific(clusterAttributes.flatMap((attribute) => referencesIn(expressions[attribute])));
        const inputs: Obj = {};
        const propertyDependencies: Record<string, string[]> = {};
        if (host !== undefined || ((context !== undefined || command !== undefined) && references.length === 0)) {
            inputs["kubeconfig"] = kubeconfigOf(key, { server: host, context, command, args });
        } else if (references.length > 0) {
            inputs["kubeconfig"] = UNKNOWN;
            const urns = [...this.resolver.urnsOf(references, module)];
            if (urns.length > 0) {
                propertyDependencies["kubeconfig"] = urns;
            }
        }
        if (context !== undefined) {
            inputs["context"] = context;
        }
        return this.synthesized.providerResource("kubernetes", key, inputs, propertyDependencies);
    }

    private docker(key: string, config: ProviderConfiguration | undefined) {
        const expression = config?.expressions["host"];
        const module = config?.moduleAddress ?? "";
        const host = this.resolver.valueOf(expression, module);
        const inputs: Obj = {};
        const propertyDependencies: Record<string, string[]> = {};
        if (host !== undefined) {
            inputs["host"] = host;
        } else if (referencesIn(expression).length > 0) {
            inputs["host"] = UNKNOWN;
            propertyDependencies["host"] = [...this.resolver.urnsOf(mostSpecific(referencesIn(expression)), module)];
        }
        return this.synthesized.providerResource("docker", key, inputs, propertyDependencies);
    }
}

/** The `kubernetes` block (helm provider v2) or attribute (v3) of a helm provider's configuration, as block expressions. */
function helmKubernetesBlock(expressions: Obj): Obj {
    const kubernetes = expressions["kubernetes"];
    const block = firstBlock(kubernetes);
    if (block && !("references" in block) && !("constant_value" in block)) {
        return block;
    }
    if (isObject(block) && isObject(block["constant_value"])) {
        return Object.fromEntries(Object.entries(block["constant_value"]).map(([k, v]) => [k, { constant_value: v }]));
    }
    // One expression for the whole object: what it references says which cluster it is.
    return block ? { host: block } : {};
}

function firstBlock(value: unknown): Obj | undefined {
    const block = Array.isArray(value) ? value[0] : value;
    return isObject(block) ? block : undefined;
}

function constantStrings(expression: unknown): string[] | undefined {
    const value = isObject(expression) ? expression["constant_value"] : undefined;
    return Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : undefined;
}

/** The kubeconfig a provider configuration amounts to: its server, context and credential plugin, as far as the plan knows them. */
function kubeconfigOf(name: string, known: { server?: string; context?: string; command?: string; args?: string[] }): string {
    const context = known.context ?? name;
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        ...(known.server !== undefined ? { clusters: [{ name, cluster: { server: known.server } }] } : {}),
        contexts: [{ name: context, context: { ...(known.server !== undefined ? { cluster: name } : {}), user: name } }],
        "current-context": context,
        users: [
            {
                name,
                user: known.command !== undefined ? { exec: { command: known.command, ...(known.args ? { args: known.args } : {}) } } : {},
            },
        ],
    });
}
