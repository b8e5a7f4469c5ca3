/**
 * Where a resource runs: its provider package's cloud, or for Kubernetes
 * resources the cloud of the cluster their provider targets, read from the
 * provider's kubeconfig or, when that is unknown during preview, from the
 * cluster resource the kubeconfig comes from in the same stack.
 */
import { Cloud, cloudName, packageOf, placementOf } from "./clouds";
import { clusterPlacementOfKubeconfig } from "./kubeconfig";
import { fieldOf, stringOf } from "./values";

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
}

/** Lookups the stack policy offers to resolve what one resource cannot show. */
export interface StackIndex {
    node(urn: string): StackNode | undefined;
    /** Resources whose properties depend on this one. */
    dependentsOf(urn: string): StackNode[];
}

/** Where a resource is hosted, and how the pack knows. */
export type Host =
    | { kind: "cloud"; cloud: Cloud; how: string; viaStack: boolean }
    /** Hosts nothing (random, tls, providers …). */
    | { kind: "none" }
    /** Not known yet: during the resource phase the stack may still tell. */
    | { kind: "pending"; what: string };

/** Cluster resource types and the cloud they run in. */
const clusterTypes = new Map<string, Cloud>([
    ["aws:eks/cluster:Cluster", "aws"],
    ["eks:index:Cluster", "aws"],
    ["azure-native:containerservice:ManagedCluster", "azure"],
    ["azure:containerservice/kubernetesCluster:KubernetesCluster", "azure"],
    ["gcp:container/cluster:Cluster", "gcp"],
    ["digitalocean:index/kubernetesCluster:KubernetesCluster", "digitalocean"],
    ["oci:ContainerEngine/cluster:Cluster", "oci"],
]);

/** The host of a resource; with a stack index, unknown kubeconfigs are resolved through it. */
export function hostOf(view: ResourceView, stack?: StackIndex): Host {
    const placement = placementOf(view.type);
    if (placement.kind === "none") {
        return { kind: "none" };
    }
    if (placement.kind === "cloud") {
        return { kind: "cloud", cloud: placement.cloud, how: `${packageOf(view.type)} provider`, viaStack: false };
    }
    const provider = view.provider;
    const kubeconfig = provider ? fieldOf(provider.props, "kubeconfig", "kubeconfig") : undefined;
    const providerName = provider ? `provider "${provider.name}"` : "the default provider";
    if (kubeconfig && !kubeconfig.unknown && kubeconfig.value !== undefined && kubeconfig.value !== "") {
        const cluster = clusterPlacementOfKubeconfig(kubeconfig.value, {
            context: stringOf(fieldOf(provider?.props, "context", "context")),
            cluster: stringOf(fieldOf(provider?.props, "cluster", "cluster")),
        });
        return { kind: "cloud", cloud: cluster.cloud, how: `cluster of ${providerName}: ${cluster.evidence}`, viaStack: false };
    }
    const what = kubeconfig?.unknown
        ? `the cluster of Kubernetes ${providerName} (its kubeconfig is unknown during preview)`
        : `the cluster of Kubernetes ${providerName} (it has no kubeconfig and uses the ambient one)`;
    if (!stack) {
        return { kind: "pending", what };
    }
    const resolved = provider ? clusterBehind(provider.urn, stack) : undefined;
    return resolved
        ? { kind: "cloud", cloud: resolved.cloud, how: `cluster of ${providerName}: ${resolved.how}`, viaStack: true }
        : { kind: "cloud", cloud: "unknown", how: `${what}; nothing in the stack shows it`, viaStack: true };
}

/** The cluster a provider's kubeconfig comes from, found through its dependencies. */
function clusterBehind(providerUrn: string, stack: StackIndex): { cloud: Cloud; how: string } | undefined {
    const provider = stack.node(providerUrn);
    if (!provider) {
        return undefined;
    }
    const direct = provider.propertyDependencies["kubeconfig"] ?? [];
    const candidates = direct.length > 0 ? direct : provider.dependencies;
    const clouds = new Set<Cloud>();
    let via: StackNode | undefined;
    for (const urn of candidates) {
        const dependency = stack.node(urn);
        if (!dependency) {
            continue;
        }
        const clusterCloud = clusterTypes.get(dependency.type);
        if (clusterCloud) {
            return { cloud: clusterCloud, how: `kubeconfig comes from ${dependency.type} "${dependency.name}" in this stack` };
        }
        const placement = placementOf(dependency.type);
        if (placement.kind === "cloud") {
            clouds.add(placement.cloud);
            via = dependency;
        }
    }
    if (clouds.size === 1 && via) {
        const [cloud] = [...clouds];
        return { cloud, how: `kubeconfig comes from ${via.type} "${via.name}" (${cloudName(cloud)}) in this stack` };
    }
    return undefined;
}
