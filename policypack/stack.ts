/**
 * The walks over a stack's graph that resolve what one resource cannot show:
 * the resources a property is computed from, the cluster behind a Kubernetes
 * provider, the path of an API Gateway v1 route, the backends behind a route.
 * Every graph walk of the pack lives here, bounded.
 */
import { Cloud, cloudName, placementOf } from "./clouds";
import { ResourceView, StackIndex, StackNode } from "./resource";

/** The stack's resources that a property of this resource is computed from. */
export function sourcesOf(view: ResourceView, property: string, stack: StackIndex): StackNode[] {
    const urns = stack.node(view.urn)?.propertyDependencies[property] ?? [];
    return urns.map((urn) => stack.node(urn)).filter((node): node is StackNode => node !== undefined);
}

/** The cloud a resource of the stack is hosted on by its provider package; undefined for Kubernetes and hostless packages. */
export function cloudOf(node: ResourceView): Cloud | undefined {
    const placement = placementOf(node.type);
    return placement.kind === "cloud" ? placement.cloud : undefined;
}

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

/** The cluster a Kubernetes provider's kubeconfig comes from, found through its dependencies. */
export function clusterBehind(providerUrn: string, stack: StackIndex): { cloud: Cloud; how: string } | undefined {
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
        const cloud = cloudOf(dependency);
        if (cloud !== undefined) {
            clouds.add(cloud);
            via = dependency;
        }
    }
    if (clouds.size === 1 && via) {
        const [cloud] = [...clouds];
        return { cloud, how: `kubeconfig comes from ${via.type} "${via.name}" (${cloudName(cloud)}) in this stack` };
    }
    return undefined;
}

/**
 * The path of an API Gateway v1 method: walks the `parentId` chain of
 * `aws:apigateway/resource:Resource`s from the property (`resourceId`) up to
 * the API's root, e.g. `/v1/chat/completions`.
 */
export function apiGatewayV1PathOf(view: ResourceView, property: string, stack: StackIndex): string {
    const parts: string[] = [];
    let urns = stack.node(view.urn)?.propertyDependencies[property] ?? [];
    for (let depth = 0; depth < 32; depth++) {
        const resource = urns.map((urn) => stack.node(urn)).find((node) => node?.type === "aws:apigateway/resource:Resource");
        if (!resource) {
            break;
        }
        const part = resource.props["pathPart"];
        parts.unshift(typeof part === "string" ? part : "{unknown}");
        urns = resource.propertyDependencies["parentId"] ?? [];
    }
    return `/${parts.join("/")}`;
}

/** How far a route is followed to its backends: integration → function → … */
const MAX_BACKEND_DEPTH = 4;

/**
 * The first backend behind a route for which `matches` holds, walking the
 * dependencies of the route's backend properties breadth-first (target groups
 * are reached from the services registered in them).
 */
export function backendBehind(
    view: ResourceView,
    backendProperties: readonly string[],
    stack: StackIndex,
    matches: (node: StackNode) => boolean,
): StackNode | undefined {
    const start = stack.node(view.urn);
    if (!start) {
        return undefined;
    }
    const seen = new Set<string>([view.urn]);
    let frontier = backendProperties.flatMap((property) => start.propertyDependencies[property] ?? []);
    for (let depth = 0; depth < MAX_BACKEND_DEPTH && frontier.length > 0; depth++) {
        const next: string[] = [];
        for (const urn of frontier) {
            if (seen.has(urn)) {
                continue;
            }
            seen.add(urn);
            const node = stack.node(urn);
            if (!node) {
                continue;
            }
            if (matches(node)) {
                return node;
            }
            next.push(...Object.values(node.propertyDependencies).flat());
            if (node.type.endsWith("/targetGroup:TargetGroup")) {
                next.push(...stack.dependentsOf(urn).map((dependent) => dependent.urn));
            }
        }
        frontier = next;
    }
    return undefined;
}
