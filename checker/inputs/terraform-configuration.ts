// What a Terraform plan's `configuration` says about where values come from
// (internal/command/jsonconfig/{config.go,expression.go}): each resource's expressions list the
// references they are computed from, module-local (`aws_eks_cluster.main.endpoint`,
// `module.eks.cluster_endpoint`, `var.host`, `data.aws_eks_cluster.this.endpoint`), each
// expanded to every prefix of its traversal. Followed through module outputs and module inputs,
// they become a resource's dependencies on the other resources of the plan, which is what the
// pack's stack phase reads (the cluster behind a Kubernetes provider, the backend behind a
// route). `locals` are not in the JSON: a value that passes through one loses its references.
import { isObject } from "./terraform-values";

type Obj = Record<string, unknown>;

/** One step of an address or a reference: `module.eks` → `{ name: "eks" }`, `this[0]` → `{ name: "this", key: "0" }`. */
export interface Step {
    name: string;
    /** The instance key as written: `0`, `"us-east-1"`. */
    key?: string;
}

/** Splits `module.a["x.y"].aws_s3_bucket.b[0].arn` into its steps, keys kept as written (quoted strings may hold dots). */
export function stepsOf(address: string): Step[] {
    const steps: Step[] = [];
    let i = 0;
    while (i < address.length) {
        let name = "";
        while (i < address.length && address[i] !== "." && address[i] !== "[") {
            name += address[i++];
        }
        const step: Step = { name };
        if (address[i] === "[") {
            let key = "";
            i++;
            let quoted = false;
            while (i < address.length && (quoted || address[i] !== "]")) {
                if (address[i] === '"' && address[i - 1] !== "\\") {
                    quoted = !quoted;
                }
                key += address[i++];
            }
            step.key = key;
            i++; // the ]
        }
        steps.push(step);
        if (address[i] === ".") {
            i++;
        }
    }
    return steps;
}

/** The module path of a module instance address without its keys: `module.a["x"].module.b` → `module.a.module.b`. */
export function configPathOf(moduleAddress: string): string {
    return stepsOf(moduleAddress)
        .filter((_, i) => i % 2 === 1)
        .map((step) => `module.${step.name}`)
        .join(".");
}

/** Every reference string inside an expression or block of expressions (`constant_value`s are not descended into). */
export function referencesIn(expression: unknown, found: string[] = [], depth = 0): string[] {
    if (depth > 32) {
        return found;
    }
    if (Array.isArray(expression)) {
        for (const item of expression) {
            referencesIn(item, found, depth + 1);
        }
        return found;
    }
    if (!isObject(expression)) {
        return found;
    }
    const references = expression["references"];
    if (Array.isArray(references) && references.every((r) => typeof r === "string")) {
        found.push(...(references as string[]));
    }
    for (const [key, value] of Object.entries(expression)) {
        if (key !== "references" && key !== "constant_value" && typeof value === "object") {
            referencesIn(value, found, depth + 1);
        }
    }
    return found;
}

/** The most specific references: `aws_eks_cluster.main` is dropped beside `aws_eks_cluster.main.endpoint`. */
export function mostSpecific(references: string[]): string[] {
    const unique = [...new Set(references)];
    return unique.filter((ref) => !unique.some((other) => other !== ref && (other.startsWith(`${ref}.`) || other.startsWith(`${ref}[`))));
}

/**
 * Which parts of a resource the configuration sets: `true` where one expression sets a whole value
 * (an attribute, or a map or object written at once), an object of its attributes for a block, a
 * list of those for a list of blocks. What it leaves out, the provider computes.
 */
export type ConfiguredShape = true | { [attribute: string]: ConfiguredShape } | ConfiguredShape[];

/** A configured resource: its provider configuration, what it sets, and the references of each attribute. */
export interface ConfiguredResource {
    providerConfigKey?: string;
    /** The shape of what the configuration sets, by top-level attribute. */
    sets: Record<string, ConfiguredShape>;
    /** References per top-level attribute (block contents included). */
    references: Record<string, string[]>;
    dependsOn: string[];
}

/** An expression (`{constant_value}`, `{references}`, or `{}` for a call without references), rather than a block of them. */
function isExpression(value: Obj): boolean {
    return Object.keys(value).every((key) => key === "constant_value" || key === "references");
}

/** The shape of what a block's (or attribute's) expressions set. */
function shapeOf(expression: unknown, depth = 0): ConfiguredShape {
    if (depth > 32) {
        return true;
    }
    if (Array.isArray(expression)) {
        return expression.map((block) => shapeOf(block, depth + 1));
    }
    if (!isObject(expression) || isExpression(expression)) {
        return true;
    }
    return Object.fromEntries(Object.entries(expression).map(([key, value]) => [key, shapeOf(value, depth + 1)]));
}

/** A module call: the references of its inputs (the module's variables) and of its module's outputs. */
interface ModuleCall {
    inputs: Record<string, unknown>;
    outputs: Record<string, string[]>;
    dependsOn: string[];
}

/** A provider configuration: the provider's expressions, module-local to `moduleAddress`. */
export interface ProviderConfiguration {
    name?: string;
    moduleAddress: string;
    expressions: Obj;
}

/**
 * The configuration of a plan, collected piece by piece as the stream reader hands them over
 * (resources one at a time, so a large configuration is never held as one document).
 */
export class Configuration {
    private readonly resources = new Map<string, ConfiguredResource>();
    private readonly calls = new Map<string, ModuleCall>();
    private readonly providers = new Map<string, ProviderConfiguration>();
    private seen = false;

    /** Whether the plan had a configuration at all. */
    get present(): boolean {
        return this.seen;
    }

    /** A resource of `configuration.root_module[.module_calls.<name>.module]*.resources`; `modulePath` is `module.a.module.b`. */
    addResource(modulePath: string, resource: unknown): void {
        this.seen = true;
        if (!isObject(resource) || typeof resource["address"] !== "string") {
            return;
        }
        const expressions = isObject(resource["expressions"]) ? resource["expressions"] : {};
        const references: Record<string, string[]> = {};
        const sets: Record<string, ConfiguredShape> = {};
        for (const [attribute, expression] of Object.entries(expressions)) {
            references[attribute] = mostSpecific(referencesIn(expression));
            sets[attribute] = shapeOf(expression);
        }
        this.resources.set(`${modulePath}|${resource["address"]}`, {
            providerConfigKey: typeof resource["provider_config_key"] === "string" ? resource["provider_config_key"] : undefined,
            sets,
            references,
            dependsOn: stringsOf(resource["depends_on"]),
        });
    }

    /** A module's outputs (`…module_calls.<name>.module.outputs`). */
    addOutputs(callPath: string, outputs: unknown): void {
        this.seen = true;
        const call = this.call(callPath);
        for (const [name, output] of Object.entries(isObject(outputs) ? outputs : {})) {
            call.outputs[name] = mostSpecific(referencesIn(isObject(output) ? output["expression"] : undefined));
        }
    }

    /** A module call's input expressions (`…module_calls.<name>.expressions`). */
    addCallInputs(callPath: string, expressions: unknown): void {
        this.seen = true;
        this.call(callPath).inputs = isObject(expressions) ? expressions : {};
    }

    /** A module call's `depends_on`. */
    addCallDependsOn(callPath: string, dependsOn: unknown): void {
        this.call(callPath).dependsOn = stringsOf(dependsOn);
    }

    /** `configuration.provider_config`. */
    addProviders(providerConfig: unknown): void {
        this.seen = true;
        for (const [key, config] of Object.entries(isObject(providerConfig) ? providerConfig : {})) {
            if (isObject(config)) {
                this.providers.set(key, {
                    name: typeof config["name"] === "string" ? config["name"] : undefined,
                    moduleAddress: typeof config["module_address"] === "string" ? config["module_address"] : "",
                    expressions: isObject(config["expressions"]) ? config["expressions"] : {},
                });
            }
        }
    }

    /** The configured resource behind a resource instance (`module.a["x"]`, `aws_s3_bucket.b`). */
    resource(moduleAddress: string, configAddress: string): ConfiguredResource | undefined {
        return this.resources.get(`${configPathOf(moduleAddress)}|${configAddress}`);
    }

    /** A provider configuration by its key (`kubernetes`, `kubernetes.east`, `module.eks:kubernetes`). */
    provider(key: string): ProviderConfiguration | undefined {
        return this.providers.get(key);
    }

    /** The input expression a module instance's variable is given by its call. */
    callInput(moduleAddress: string, variable: string): unknown {
        return this.calls.get(configPathOf(moduleAddress))?.inputs[variable];
    }

    /** The references of a module's output. */
    outputReferences(moduleAddress: string, output: string): string[] {
        return this.calls.get(configPathOf(moduleAddress))?.outputs[output] ?? [];
    }

    /** A module call's `depends_on`. */
    callDependsOn(moduleAddress: string): string[] {
        return this.calls.get(configPathOf(moduleAddress))?.dependsOn ?? [];
    }

    private call(path: string): ModuleCall {
        let call = this.calls.get(path);
        if (!call) {
            call = { inputs: {}, outputs: {}, dependsOn: [] };
            this.calls.set(path, call);
        }
        return call;
    }
}

function stringsOf(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * Where a picked value of the stream sits in the configuration: a resource, a module's outputs,
 * a module call's inputs or depends_on, or the provider configurations; undefined for the rest.
 *
 * @example
 * configurationPartOf(["configuration", "root_module", "module_calls", "eks", "module", "resources", 0]);
 * // { part: "resource", modulePath: "module.eks" }
 */
export function configurationPartOf(
    stack: ReadonlyArray<string | number | null>,
): { part: "resource" | "outputs" | "call-inputs" | "call-depends-on" | "providers"; modulePath: string } | undefined {
    if (stack[0] !== "configuration") {
        return undefined;
    }
    if (stack.length === 2 && stack[1] === "provider_config") {
        return { part: "providers", modulePath: "" };
    }
    if (stack[1] !== "root_module") {
        return undefined;
    }
    const path: string[] = [];
    let i = 2;
    // root_module (module_calls <name> module)* …
    while (stack[i] === "module_calls" && typeof stack[i + 1] === "string") {
        const name = stack[i + 1] as string;
        if (stack[i + 2] === "module") {
            path.push(`module.${name}`);
            i += 3;
            continue;
        }
        const callPath = [...path, `module.${name}`].join(".");
        if (stack.length === i + 3 && stack[i + 2] === "expressions") {
            return { part: "call-inputs", modulePath: callPath };
        }
        if (stack.length === i + 3 && stack[i + 2] === "depends_on") {
            return { part: "call-depends-on", modulePath: callPath };
        }
        return undefined;
    }
    if (stack.length === i + 2 && stack[i] === "resources" && typeof stack[i + 1] === "number") {
        return { part: "resource", modulePath: path.join(".") };
    }
    if (stack.length === i + 1 && stack[i] === "outputs" && path.length > 0) {
        return { part: "outputs", modulePath: path.join(".") };
    }
    return undefined;
}
