/**
 * Adapting the SDK's policy arguments to the pack's plain views: raw props
 * (no unknown-checking proxy), provider props, and a stack index with
 * dependencies as URNs.
 */
import { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { ProviderView, ResourceView, StackIndex, StackNode } from "./resource";
import { rawProps } from "./values";

type Described = Pick<ResourceValidationArgs, "urn" | "name" | "type" | "props" | "provider">;

/** The view of a resource as either phase describes it: raw props, raw provider props. */
export function resourceView(args: Described, providers?: Map<string, ProviderView>): ResourceView {
    return {
        urn: args.urn,
        name: args.name,
        type: args.type,
        props: rawProps(args.props),
        provider: providerView(args.provider, providers),
    };
}

/** A provider's view; in a stack, one per provider (`providers`), however many resources it has. */
function providerView(provider: Described["provider"], providers?: Map<string, ProviderView>): ProviderView | undefined {
    if (!provider) {
        return undefined;
    }
    const known = providers?.get(provider.urn);
    if (known) {
        return known;
    }
    const view = { urn: provider.urn, type: provider.type, name: provider.name, props: rawProps(provider.props) };
    providers?.set(provider.urn, view);
    return view;
}

/** The stack's resources as nodes, indexed by URN, with reverse dependencies on demand. */
export function stackIndex(resources: readonly PolicyResource[]): { nodes: StackNode[]; index: StackIndex } {
    const providers = new Map<string, ProviderView>();
    const nodes: StackNode[] = resources.map((resource) => {
        const propertyDependencies: Record<string, string[]> = {};
        for (const [key, dependencies] of Object.entries(resource.propertyDependencies ?? {})) {
            propertyDependencies[key] = dependencies.map((dependency) => dependency.urn);
        }
        return {
            ...resourceView(resource, providers),
            propertyDependencies,
            dependencies: (resource.dependencies ?? []).map((dependency) => dependency.urn),
        };
    });
    const byUrn = new Map(nodes.map((node) => [node.urn, node]));
    let dependents: Map<string, StackNode[]> | undefined;
    let byType: Map<string, StackNode[]> | undefined;
    const index: StackIndex = {
        ofType: (type) => {
            if (!byType) {
                byType = new Map();
                for (const node of nodes) {
                    const list = byType.get(node.type) ?? [];
                    list.push(node);
                    byType.set(node.type, list);
                }
            }
            return byType.get(type) ?? [];
        },
        node: (urn) => byUrn.get(urn),
        dependentsOf: (urn) => {
            if (!dependents) {
                dependents = new Map();
                for (const node of nodes) {
                    for (const urns of Object.values(node.propertyDependencies)) {
                        for (const target of urns) {
                            const list = dependents.get(target) ?? [];
                            list.push(node);
                            dependents.set(target, list);
                        }
                    }
                }
            }
            return dependents.get(urn) ?? [];
        },
    };
    return { nodes, index };
}
