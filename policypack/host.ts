/**
 * Where a resource runs: its provider package's cloud, or for Kubernetes
 * resources the cloud of the cluster their provider targets, read from the
 * provider's kubeconfig or, when that is unknown during preview, from the
 * cluster resource the kubeconfig comes from in the same stack.
 */
import { Cloud, packageOf, placementOf } from "./clouds";
import { clusterPlacementOfKubeconfig } from "./kubeconfig";
import { ResourceView, StackIndex } from "./resource";
import { clusterBehind } from "./stack";
import { fieldOf, stringOf } from "./values";

/** Where a resource is hosted, and how the pack knows. */
export type Host =
    | { kind: "cloud"; cloud: Cloud; how: string; viaStack: boolean }
    /** Hosts nothing (random, tls, providers …). */
    | { kind: "none" }
    /** Not known yet: during the resource phase the stack may still tell. */
    | { kind: "pending"; what: string };

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
