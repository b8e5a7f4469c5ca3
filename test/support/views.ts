/** Builders for resource views and stacks, shared by the pure (non-gRPC) specs. */
import { ResourceView, StackIndex, StackNode } from "../../policypack/resource";

/** The engine's unknown-during-preview sentinel. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A secret in the wire form the engine sends. */
export function secret(value: unknown): Record<string, unknown> {
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

/** A resource view with a URN built from its type and name. */
export function view(type: string, name: string, props: Record<string, unknown>, provider?: ResourceView["provider"]): ResourceView {
    return { urn: `urn:pulumi:dev::demo::${type}::${name}`, name, type, props, provider };
}

/** A stack node: a view plus its property dependencies (given as views). */
export function node(resource: ResourceView, propertyDependencies: Record<string, ResourceView[]> = {}): StackNode {
    const deps: Record<string, string[]> = {};
    for (const [key, list] of Object.entries(propertyDependencies)) {
        deps[key] = list.map((dependency) => dependency.urn);
    }
    return { ...resource, propertyDependencies: deps, dependencies: Object.values(deps).flat() };
}

/** A stack index over nodes. */
export function stackOf(nodes: StackNode[]): StackIndex {
    const byUrn = new Map(nodes.map((n) => [n.urn, n]));
    return {
        node: (urn) => byUrn.get(urn),
        dependentsOf: (urn) => nodes.filter((n) => Object.values(n.propertyDependencies).some((urns) => urns.includes(urn))),
        ofType: (type) => nodes.filter((n) => n.type === type),
    };
}

/** A Kubernetes provider view with the given props. */
export function k8sProvider(name: string, props: Record<string, unknown>): NonNullable<ResourceView["provider"]> {
    return { urn: `urn:pulumi:dev::demo::pulumi:providers:kubernetes::${name}`, type: "pulumi:providers:kubernetes", name, props };
}
