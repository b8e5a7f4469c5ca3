/**
 * A resource as the pack sees it, in either phase: its type, logical name,
 * raw inputs (no SDK proxy) and the provider it was registered with; in the
 * stack phase, with the URNs its properties depend on.
 */

/** A resource as the pack sees it: raw props, no SDK proxy. */
export interface ResourceView {
    urn: string;
    name: string;
    type: string;
    props: Record<string, unknown>;
    provider?: ProviderView;
}

/** The provider resource a resource was registered with. */
export interface ProviderView {
    urn: string;
    type: string;
    name: string;
    props: Record<string, unknown>;
}

/** A resource in a stack, with the URNs its properties depend on. */
export interface StackNode extends ResourceView {
    propertyDependencies: Record<string, string[]>;
    dependencies: string[];
    /** The URN of its parent (a component or the stack), when the engine sent one. */
    parent?: string;
}

/** Lookups the stack phase offers to resolve what one resource cannot show. */
export interface StackIndex {
    node(urn: string): StackNode | undefined;
    /** Resources whose properties depend on this one. */
    dependentsOf(urn: string): StackNode[];
    /** The resources of one type token. */
    ofType(type: string): readonly StackNode[];
}
