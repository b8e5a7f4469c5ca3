// Large stacks made of the example stacks' resources: each example's resources (all but its root
// stack) are replicated with unique URNs, and every URN a resource mentions — parent, provider
// reference, dependencies, property dependencies, resource references and URN strings in its
// inputs — is rewritten to the same replica's URN, so each copy is a consistent stack of its own
// under one shared root stack.
import type { Plan, RecordedResource } from "../harness/plan";
import type { RecordedExample } from "./recorded-examples";

const rootStackType = "pulumi:pulumi:Stack";

/**
 * A plan of exactly `size` resources (the root stack included) replicating `examples` round-robin.
 *
 * @example
 * const plan = syntheticPlan(examples, 10_000);
 * plan.resources.length; // 10 000
 * new Set(plan.resources.map((r) => r.urn)).size; // 10 000
 */
export function syntheticPlan(examples: RecordedExample[], size: number, stack = "dev", project = "bench"): Plan {
    const rootUrn = `urn:pulumi:${stack}::${project}::${rootStackType}::${project}-${stack}`;
    const root: RecordedResource = {
        urn: rootUrn,
        type: rootStackType,
        name: `${project}-${stack}`,
        custom: false,
        dependencies: [],
        propertyDependencies: {},
        inputs: {},
    };
    const resources: RecordedResource[] = [root];
    for (let replica = 0; resources.length < size; replica++) {
        for (const [index, example] of examples.entries()) {
            const copy = replicate(example.plan, `${index}x${replica}`, rootUrn, stack, project);
            for (const resource of copy) {
                if (resources.length >= size) {
                    break;
                }
                resources.push(resource);
            }
            if (resources.length >= size) {
                break;
            }
        }
        if (replica > size) {
            throw new Error("the examples hold no resources to replicate");
        }
    }
    return { stack, project, preview: true, resources };
}

// One copy of a plan: names get `-<tag>`, URNs move to the bench stack and project, and the
// example's root stack becomes the shared root.
function replicate(plan: Plan, tag: string, rootUrn: string, stack: string, project: string): RecordedResource[] {
    const urns = new Map<string, string>();
    for (const resource of plan.resources) {
        urns.set(resource.urn, resource.type === rootStackType ? rootUrn : renamedUrn(resource.urn, tag, stack, project));
    }
    const rewrite = (urn: string): string => urns.get(urn) ?? urn;
    return plan.resources
        .filter((resource) => resource.type !== rootStackType)
        .map((resource): RecordedResource => {
            const copy: RecordedResource = {
                ...resource,
                urn: rewrite(resource.urn),
                name: `${resource.name}-${tag}`,
                dependencies: resource.dependencies.map(rewrite),
                propertyDependencies: Object.fromEntries(
                    Object.entries(resource.propertyDependencies).map(([key, deps]) => [key, deps.map(rewrite)]),
                ),
                inputs: rewriteStrings(resource.inputs, rewrite) as Record<string, unknown>,
            };
            if (resource.parent !== undefined) {
                copy.parent = rewrite(resource.parent);
            }
            if (resource.provider !== undefined) {
                copy.provider = rewriteProviderReference(resource.provider, rewrite);
            }
            return copy;
        });
}

// `urn:pulumi:<stack>::<project>::<qualified type>::<name>`: only the stack, project and name change.
function renamedUrn(urn: string, tag: string, stack: string, project: string): string {
    const parts = urn.split("::");
    const qualifiedType = parts[2];
    const name = parts.slice(3).join("::");
    if (!urn.startsWith("urn:pulumi:") || qualifiedType === undefined) {
        throw new Error(`not a Pulumi URN: ${urn}`);
    }
    return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}-${tag}`;
}

// A provider reference is `<provider urn>::<provider id>`; URNs contain `::` themselves.
function rewriteProviderReference(reference: string, rewrite: (urn: string) => string): string {
    const at = reference.lastIndexOf("::");
    return at < 0 ? reference : `${rewrite(reference.slice(0, at))}${reference.slice(at)}`;
}

function rewriteStrings(value: unknown, rewrite: (urn: string) => string): unknown {
    if (typeof value === "string") {
        return value.startsWith("urn:pulumi:") ? rewrite(value) : value;
    }
    if (Array.isArray(value)) {
        return value.map((item) => rewriteStrings(item, rewrite));
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteStrings(item, rewrite)]));
    }
    return value;
}
