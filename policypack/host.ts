/**
 * Where a resource runs: its provider package's cloud, or for Kubernetes
 * resources the cloud of the cluster their provider targets, read from the
 * provider's kubeconfig or, when that is unknown during preview, from the
 * cluster resource the kubeconfig comes from in the same stack.
 */
import { Cloud, packageOf, placementOf } from "./clouds";
import { clusterPlacementOfKubeconfig } from "./kubeconfig";
import { ResourceView, StackIndex } from "./resource";
import { clusterBehind, dependenciesOf, machineBehind, onlyClusterCloudOf } from "./stack";
import { fieldAt, fieldOf, stringOf } from "./values";

/** Where a resource is hosted, and how the pack knows. */
export type Host =
    | { kind: "cloud"; cloud: Cloud; how: string; viaStack: boolean }
    /** Hosts nothing (random, tls, providers …). */
    | { kind: "none" }
    /** Not known yet: during the resource phase the stack may still tell. */
    | { kind: "pending"; what: string };

/**
 * How a provider package places a resource. A package the pack does not know, whose settings name no
 * cloud, is taken as off Azure (fail-closed): the message says that is why, not that another cloud was seen.
 */
function providerHow(pkg: string, cloud: Cloud): string {
    return cloud === "other"
        ? `${pkg} provider: a package the pack does not know, which its provider settings do not place on Azure`
        : `${pkg} provider`;
}

/** The host of a resource; with a stack index, unknown kubeconfigs are resolved through it. */
export function hostOf(view: ResourceView, stack?: StackIndex): Host {
    const placement = placementOf(view.type);
    if (placement.kind === "none") {
        return { kind: "none" };
    }
    if (placement.kind === "cloud") {
        const named = placement.cloud === "other" ? cloudNamedBySettings(view) : undefined;
        return named
            ? { kind: "cloud", cloud: named.cloud, how: `${packageOf(view.type)} provider: ${named.how}`, viaStack: false }
            : { kind: "cloud", cloud: placement.cloud, how: providerHow(packageOf(view.type), placement.cloud), viaStack: false };
    }
    if (placement.kind === "docker-host") {
        return dockerHostOf(view, stack);
    }
    if (placement.kind === "remote-machine") {
        return remoteMachineOf(view, stack);
    }
    if (placement.kind === "local-machine") {
        return localCommandHostOf(view, stack);
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
    let resolved = provider ? clusterBehind(provider.urn, stack) : undefined;
    const providerNode = provider ? stack.node(provider.urn) : undefined;
    if (
        !resolved &&
        kubeconfig?.unknown &&
        providerNode &&
        providerNode.dependencies.length === 0 &&
        dependenciesOf(providerNode, "kubeconfig").length === 0
    ) {
        resolved = onlyClusterCloudOf(stack);
    }
    return resolved
        ? { kind: "cloud", cloud: resolved.cloud, how: `cluster of ${providerName}: ${resolved.how}`, viaStack: true }
        : { kind: "cloud", cloud: "unknown", how: `${what}; nothing in the stack shows it`, viaStack: true };
}

/** Hostname suffixes of cloud machines, for a Docker host given by name. */
const machineDomains: ReadonlyArray<[suffix: string, cloud: Cloud]> = [
    ["amazonaws.com", "aws"],
    ["amazonaws.com.cn", "aws"],
    ["cloudapp.azure.com", "azure"],
    ["cloudapp.net", "azure"],
    ["googleusercontent.com", "gcp"],
    ["oraclecloud.com", "oci"],
    ["your-server.de", "hetzner"],
    ["linodeusercontent.com", "linode"],
    ["vultrusercontent.com", "vultr"],
];

/**
 * Hostname suffixes of services that run on several clouds and say which one in their hosts: a
 * Databricks workspace (`adb-….azuredatabricks.net`), a Snowflake account (`xy12345.east-us-2.azure.snowflakecomputing.com`).
 */
const serviceDomains: ReadonlyArray<[suffix: string, cloud: Cloud]> = [
    ["azuredatabricks.net", "azure"],
    ["cloud.databricks.com", "aws"],
    ["gcp.databricks.com", "gcp"],
    ["azure.snowflakecomputing.com", "azure"],
    ["aws.snowflakecomputing.com", "aws"],
    ["gcp.snowflakecomputing.com", "gcp"],
];

/** Every hostname suffix that names a cloud: a service's, then a cloud machine's. */
const cloudHostDomains = [...serviceDomains, ...machineDomains];

/** Names of fields that say which cloud a multi-cloud service runs on (`cloud: AZURE`, MongoDB Atlas's `providerName`). */
const cloudFieldNames = new Set(["cloud", "cloudprovider", "cloud_provider", "providername", "provider_name", "backingprovidername"]);

/** Whether a field names the cloud or region a service runs in. */
function namesCloud(key: string): boolean {
    const lower = key.toLowerCase();
    return cloudFieldNames.has(lower) || lower === "region";
}

/** Cloud names as such fields and regions spell them (`AZURE`, `east-us-2.azure`, Snowflake's `AZURE_EASTUS2`). */
function cloudOfWord(word: string): Cloud | undefined {
    const lower = word.toLowerCase();
    if (lower === "azure" || lower === "microsoft") {
        return "azure";
    }
    if (lower === "aws" || lower === "amazon") {
        return "aws";
    }
    return lower === "gcp" || lower === "google" ? "gcp" : undefined;
}

/** The cloud one setting of a multi-cloud service names, and how it says so. */
function cloudOfSetting(key: string, value: string): { cloud: Cloud; how: string } | undefined {
    const text = value.trim();
    if (text.length === 0 || text.length > 500) {
        return undefined;
    }
    if (/^\/subscriptions\/[^/]+\/resourceGroups\//i.test(text)) {
        return { cloud: "azure", how: `${key} is an Azure resource id` };
    }
    const host = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? daemonHost(text) : /^[a-z0-9.-]+$/i.test(text) ? text.toLowerCase() : undefined;
    const domain = host === undefined ? undefined : cloudHostDomains.find(([suffix]) => host.endsWith(`.${suffix}`));
    if (domain && host) {
        return { cloud: domain[1], how: `${key} ${host}` };
    }
    if (namesCloud(key)) {
        // A cloud's name as the value (`cloud: AZURE`), or as a whole word of a region (`east-us-2.azure`, `AZURE_EASTUS2`).
        const cloud = cloudFieldNames.has(key.toLowerCase())
            ? cloudOfWord(text)
            : text
                  .split(/[._-]/)
                  .map(cloudOfWord)
                  .find((found) => found !== undefined);
        return cloud ? { cloud, how: `${key} ${text}` } : undefined;
    }
    return undefined;
}

/**
 * Where a resource of a service that runs on several clouds runs, when its provider's settings or its own
 * say (Databricks on Azure, a Snowflake account in an Azure region, a MongoDB Atlas cluster's
 * `providerName`). Only settings that agree count: two clouds named is no answer.
 */
function cloudNamedBySettings(view: ResourceView): { cloud: Cloud; how: string } | undefined {
    const found: Array<{ cloud: Cloud; how: string }> = [];
    // Any setting of the provider says where the service is; of the resource's own, only those that name its cloud or
    // region (a URL it holds may be where it sends calls, not where it runs).
    for (const [props, own] of [
        [view.provider?.props, false],
        [view.props, true],
    ] as const) {
        for (const key of Object.keys(props ?? {}).slice(0, 200)) {
            if (own && !namesCloud(key)) {
                continue;
            }
            const field = fieldOf(props, key, key);
            const value = stringOf(field);
            const named = value === undefined ? undefined : cloudOfSetting(key, value);
            if (named) {
                // A Pulumi secret is judged by its value and never shown.
                found.push(field?.secret ? { cloud: named.cloud, how: `${key} (a Pulumi secret)` } : named);
            }
        }
    }
    return found.length > 0 && found.every((named) => named.cloud === found[0].cloud) ? found[0] : undefined;
}

/** The host of a Docker provider's daemon address (`ssh://user@host:22`, `tcp://host:2376`); undefined for a local socket. */
function daemonHost(address: string): string | undefined {
    const text = address.trim();
    const scheme = text.slice(0, text.indexOf("://")).toLowerCase();
    if (!["ssh", "tcp", "http", "https"].includes(scheme)) {
        return undefined;
    }
    try {
        const host = new URL(`https://${text.slice(scheme.length + 3)}`).hostname.toLowerCase();
        return host === "" ? undefined : host.replace(/\.$/, "");
    } catch {
        return undefined;
    }
}

/**
 * Where a Docker container runs: on the machine its provider's daemon is. A daemon named by a
 * cloud hostname is on that cloud; one whose address comes from a machine of the stack is on the
 * machine's cloud; a local or ambient daemon (no `host`, `unix://`) is wherever Pulumi runs.
 */
function dockerHostOf(view: ResourceView, stack?: StackIndex): Host {
    const provider = view.provider;
    const field = provider ? fieldOf(provider.props, "host", "host") : undefined;
    const providerName = provider ? `Docker provider "${provider.name}"` : "the default Docker provider";
    const address = stringOf(field);
    if (address !== undefined && address !== "") {
        const host = daemonHost(address);
        const known = host === undefined ? undefined : machineDomains.find(([suffix]) => host === suffix || host.endsWith(`.${suffix}`));
        if (known) {
            return { kind: "cloud", cloud: known[1], how: `daemon of ${providerName} at ${host}`, viaStack: false };
        }
    }
    const what =
        field?.unknown === true
            ? `the Docker daemon of ${providerName} (its host is unknown during preview)`
            : address !== undefined && address !== "" && daemonHost(address) !== undefined
              ? `the Docker daemon of ${providerName} at ${daemonHost(address)}`
              : `the Docker daemon of ${providerName} (a local socket or DOCKER_HOST: the machine running Pulumi)`;
    if (!stack) {
        return { kind: "pending", what };
    }
    const resolved = provider ? machineBehind(provider.urn, stack) : undefined;
    return resolved
        ? { kind: "cloud", cloud: resolved.cloud, how: `daemon of ${providerName}: ${resolved.how}`, viaStack: true }
        : { kind: "cloud", cloud: "unknown", how: `${what}; nothing in the stack shows which cloud it is on`, viaStack: true };
}

/**
 * Where a command run over SSH runs: on the machine of its `connection.host`. A cloud hostname
 * names the cloud; an address that comes from a machine of the stack is on the machine's cloud.
 */
function remoteMachineOf(view: ResourceView, stack?: StackIndex): Host {
    const field = fieldAt(view.props, ["connection", "host"]);
    const address = stringOf(field)?.trim().toLowerCase().replace(/\.$/, "");
    const known = address ? machineDomains.find(([suffix]) => address === suffix || address.endsWith(`.${suffix}`)) : undefined;
    if (known && address) {
        return { kind: "cloud", cloud: known[1], how: `the machine it connects to, ${address}`, viaStack: false };
    }
    const what =
        address !== undefined && address !== ""
            ? `the machine it connects to at ${address}`
            : `the machine it connects to (connection.host is ${field?.unknown ? "unknown during preview" : "not given"})`;
    if (!stack) {
        return { kind: "pending", what };
    }
    const resolved = machineBehind(view.urn, stack, "connection");
    return resolved
        ? { kind: "cloud", cloud: resolved.cloud, how: `the machine it connects to: ${resolved.how}`, viaStack: true }
        : { kind: "cloud", cloud: "unknown", how: `${what}; nothing in the stack shows which cloud it is on`, viaStack: true };
}

/**
 * Where a local command's work runs: on the machine running `pulumi`, which the stack does not
 * deploy (hosts nothing), unless its command line takes the address or id of machines of the stack,
 * all on one cloud (`ssh ubuntu@${ip} …`, `aws ssm send-command --instance-ids ${id}`).
 */
function localCommandHostOf(view: ResourceView, stack?: StackIndex): Host {
    if (!stack) {
        return { kind: "pending", what: "the machine running `pulumi`, or a machine of the stack its command line reaches" };
    }
    for (const property of ["create", "update"]) {
        const machine = dependenciesOf(stack.node(view.urn), property).length > 0 ? machineBehind(view.urn, stack, property) : undefined;
        if (machine) {
            return { kind: "cloud", cloud: machine.cloud, how: `the machine its command line reaches: ${machine.how}`, viaStack: true };
        }
    }
    return { kind: "none" };
}
