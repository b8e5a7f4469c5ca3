/**
 * The walks over a stack's graph that resolve what one resource cannot show:
 * the resources a property is computed from, the cluster behind a Kubernetes
 * provider, the path of an API Gateway v1 route, the backends behind a route.
 * Every graph walk of the pack lives here, bounded.
 */
import { Cloud, cloudName, placementOf } from "./clouds";
import { ResourceView, StackIndex, StackNode } from "./resource";
import type { KubernetesStore } from "./evidence/types";
import { assetText } from "./assets";
import { objectNamedBy } from "./scripts";
import { isUnknown, unwrap } from "./values";

/** The URNs a property of a node depends on (own properties only: a property may be called `hasOwnProperty`). */
export function dependenciesOf(node: StackNode | undefined, property: string): readonly string[] {
    if (!node || !Object.prototype.hasOwnProperty.call(node.propertyDependencies, property)) {
        return [];
    }
    const urns = node.propertyDependencies[property];
    return Array.isArray(urns) ? urns : [];
}

/** The stack's resources that a property of this resource is computed from. */
export function sourcesOf(view: ResourceView, property: string, stack: StackIndex): StackNode[] {
    const urns = dependenciesOf(stack.node(view.urn), property);
    return urns.map((urn) => stack.node(urn)).filter((node): node is StackNode => node !== undefined);
}

/** The provider module of a type token: `azure-native:cdn:AFDOrigin` → `azure-native:cdn`, `azure:cdn/frontdoorOrigin:FrontdoorOrigin` → `azure:cdn`. */
function moduleOf(type: string): string {
    const first = type.indexOf(":");
    const second = type.indexOf(":", first + 1);
    const segment = second < 0 ? type.slice(first + 1) : type.slice(first + 1, second);
    const slash = segment.indexOf("/");
    return `${type.slice(0, first)}:${slash < 0 ? segment : segment.slice(0, slash)}`;
}

/**
 * The resources that make up one front with `node`: of its provider module but of other types, those
 * reached from it through what depends on what, either way, in up to `depth` steps (a Front Door
 * endpoint's profile and routes, their origin groups and origins). Another resource of its own type
 * (another endpoint of the profile, another app of the environment) is a service of its own, not part
 * of this one, and is not passed through; nor is a resource group or anything of another module. At
 * most `limit` resources.
 */
export function familyOf(node: StackNode, stack: StackIndex, depth = 2, limit = 200): StackNode[] {
    const module = moduleOf(node.type);
    const found = new Map<string, StackNode>([[node.urn, node]]);
    let frontier: StackNode[] = [node];
    for (let step = 0; step < depth && frontier.length > 0; step++) {
        const next: StackNode[] = [];
        for (const current of frontier) {
            const neighbours = [
                ...stack.dependentsOf(current.urn),
                ...current.dependencies.map((urn) => stack.node(urn)).filter((n): n is StackNode => n !== undefined),
            ];
            for (const candidate of neighbours) {
                if (found.size >= limit) {
                    return [...found.values()];
                }
                if (!found.has(candidate.urn) && candidate.type !== node.type && moduleOf(candidate.type) === module) {
                    found.set(candidate.urn, candidate);
                    next.push(candidate);
                }
            }
        }
        frontier = next;
    }
    return [...found.values()];
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
    ["alicloud:cs/managedKubernetes:ManagedKubernetes", "alibaba"],
    ["linode:index/lkeCluster:LkeCluster", "linode"],
    ["vultr:index/kubernetes:Kubernetes", "vultr"],
    ["ibm:index/containerVpcCluster:ContainerVpcCluster", "ibm"],
]);

/** The cluster a Kubernetes provider's kubeconfig comes from, found through its dependencies. */
export function clusterBehind(providerUrn: string, stack: StackIndex): { cloud: Cloud; how: string } | undefined {
    const provider = stack.node(providerUrn);
    if (!provider) {
        return undefined;
    }
    const direct = dependenciesOf(provider, "kubeconfig");
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
 * The cloud of the stack's clusters, when they are all on one cloud: where a Kubernetes provider
 * whose kubeconfig is unknown and carries no dependency (the output of an invoke such as
 * `listManagedClusterUserCredentialsOutput`, which the SDK returns without dependencies during
 * preview) most likely points.
 */
export function onlyClusterCloudOf(stack: StackIndex): { cloud: Cloud; how: string } | undefined {
    const clusters = [...clusterTypes.keys()].flatMap((type) => stack.ofType(type));
    const clouds = new Set(clusters.map((cluster) => clusterTypes.get(cluster.type)));
    if (clusters.length === 0 || clouds.size !== 1) {
        return undefined;
    }
    const [cluster] = clusters;
    const cloud = clusterTypes.get(cluster.type) as Cloud;
    const which =
        clusters.length === 1
            ? `the stack's only cluster is ${cluster.type} "${cluster.name}"`
            : `all ${clusters.length} clusters of the stack are on ${cloudName(cloud)}`;
    return {
        cloud,
        how: `its kubeconfig is unknown during preview and carries no dependency; ${which}, so it is taken to be that (\`pulumi up\` judges the real kubeconfig)`,
    };
}

/**
 * The machine an address comes from (a VM, a server, a droplet of the stack): a Docker provider's
 * `host`, a remote command's `connection`. Without dependencies of that property, the resource's own.
 */
export function machineBehind(urn: string, stack: StackIndex, property = "host"): { cloud: Cloud; how: string } | undefined {
    const node = stack.node(urn);
    if (!node) {
        return undefined;
    }
    const direct = dependenciesOf(node, property);
    const candidates = (direct.length > 0 ? direct : node.dependencies).map((urn) => stack.node(urn)).filter((n): n is StackNode => !!n);
    const placed = candidates.filter((node) => cloudOf(node) !== undefined);
    const clouds = new Set(placed.map((node) => cloudOf(node)));
    if (clouds.size === 1 && placed.length > 0) {
        const machine = placed[0];
        return { cloud: cloudOf(machine) as Cloud, how: `its host comes from ${machine.type} "${machine.name}" in this stack` };
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
    let urns = dependenciesOf(stack.node(view.urn), property);
    for (let depth = 0; depth < 32; depth++) {
        const resource = urns.map((urn) => stack.node(urn)).find((node) => node?.type === "aws:apigateway/resource:Resource");
        if (!resource) {
            break;
        }
        const part = resource.props["pathPart"];
        parts.unshift(typeof part === "string" ? part : "{unknown}");
        urns = dependenciesOf(resource, "parentId");
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
    let frontier = backendProperties.flatMap((property) => dependenciesOf(start, property));
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

/** A value read from a store of the stack (a ConfigMap key, an SSM parameter, a secret's string). */
export interface StoredValue {
    value: string;
    /** Where it was found, for messages: `ConfigMap "model-config" key MODEL`. */
    where: string;
    /** A Kubernetes Secret's, a SecureString's or a Secrets Manager value: judged, never shown. */
    secret: boolean;
    /** The key it was stored under, when the store holds several. */
    key?: string;
}

/** Kubernetes stores by the kind a ref names. */
const kubernetesStoreTypes: Record<"ConfigMap" | "Secret", string> = {
    ConfigMap: "kubernetes:core/v1:ConfigMap",
    Secret: "kubernetes:core/v1:Secret",
};

/**
 * The string entries of a ConfigMap's or Secret's `data`/`stringData` (Secret `data` is base64).
 * With `unknowns`, the parts unknown during preview are noted there: a key whose value is, or the
 * whole field (no key).
 */
function kubernetesEntries(
    node: StackNode,
    store: "ConfigMap" | "Secret",
    unknowns?: Array<{ field: string; key?: string }>,
): Array<{ key: string; value: string }> {
    const entries: Array<{ key: string; value: string }> = [];
    for (const field of ["stringData", "data"]) {
        const map = unwrap(node.props[field]).value;
        if (isUnknown(map)) {
            unknowns?.push({ field });
            continue;
        }
        if (typeof map !== "object" || map === null || Array.isArray(map)) {
            continue;
        }
        for (const [key, raw] of Object.entries(map as Record<string, unknown>).slice(0, 1000)) {
            const { value } = unwrap(raw);
            if (isUnknown(value)) {
                unknowns?.push({ field, key });
                continue;
            }
            if (typeof value !== "string") {
                continue;
            }
            const decoded = store === "Secret" && field === "data" ? Buffer.from(value, "base64").toString("utf8") : value;
            entries.push({ key, value: decoded });
        }
    }
    return entries;
}

/** A field of a Kubernetes object's `metadata`, as written (a secret's value unwrapped). */
function metadataField(view: ResourceView, key: string): unknown {
    const metadata = unwrap(view.props["metadata"]).value;
    return typeof metadata === "object" && metadata !== null ? unwrap((metadata as Record<string, unknown>)[key]).value : undefined;
}

function metadataName(node: StackNode): string | undefined {
    const name = metadataField(node, "name");
    return typeof name === "string" && !isUnknown(name) ? name : undefined;
}

/** A Kubernetes object's namespace: "" when it names none (its provider's default), undefined when unknown during preview. */
function namespaceOf(view: ResourceView): string | undefined {
    const namespace = metadataField(view, "namespace");
    if (namespace === undefined || namespace === null) {
        return "";
    }
    return typeof namespace === "string" && !isUnknown(namespace) ? namespace : undefined;
}

/** Whether two Kubernetes objects may be in one namespace (an unknown namespace may be any). */
function sameNamespace(a: ResourceView, b: ResourceView): boolean {
    const first = namespaceOf(a);
    const second = namespaceOf(b);
    return first === undefined || second === undefined || first === second;
}

/**
 * The stores of `types` a reference by `name` from `reader` names: those where the reader is (same
 * provider, and for Kubernetes the same namespace); a ConfigMap of another cluster or namespace,
 * an SSM parameter of another account or region, is not the one it reads. All stores of that name
 * when none is there: a reference the pack cannot place is resolved fail-closed, to every one.
 */
function storesNamed(
    stack: StackIndex,
    lookup: string,
    types: Iterable<string>,
    namesOf: (node: StackNode) => ReadonlyArray<string | undefined>,
    name: string,
    reader: ResourceView,
    kubernetes = false,
): StackNode[] {
    const named = nodesNamed(stack, lookup, types, namesOf, name);
    if (named.length <= 1) {
        return named;
    }
    const placed = (node: StackNode) =>
        namesOf(node).map((each) => (each === undefined ? undefined : `${node.provider?.urn ?? ""}\0${each}`));
    const sameProvider = nodesNamed(stack, `${lookup} by provider`, types, placed, `${reader.provider?.urn ?? ""}\0${name}`);
    const near = kubernetes ? sameProvider.filter((node) => sameNamespace(reader, node)) : sameProvider;
    return near.length > 0 ? near : named;
}

/** Name lookups built once per stack: lookup → name → nodes. */
const nameIndexes = new WeakMap<StackIndex, Map<string, Map<string, StackNode[]>>>();

/**
 * The nodes of `types` that `namesOf` gives `name`, from an index built on first use for this
 * stack and `lookup`: a reference is resolved in constant time, not by a scan of every store,
 * which would make a stack of many stores and their readers quadratic.
 */
function nodesNamed(
    stack: StackIndex,
    lookup: string,
    types: Iterable<string>,
    namesOf: (node: StackNode) => ReadonlyArray<string | undefined>,
    name: string,
): StackNode[] {
    let indexes = nameIndexes.get(stack);
    if (!indexes) {
        indexes = new Map();
        nameIndexes.set(stack, indexes);
    }
    let index = indexes.get(lookup);
    if (!index) {
        index = new Map();
        for (const type of types) {
            for (const node of stack.ofType(type)) {
                for (const each of new Set(namesOf(node))) {
                    if (each !== undefined) {
                        const list = index.get(each) ?? [];
                        list.push(node);
                        index.set(each, list);
                    }
                }
            }
        }
        indexes.set(lookup, index);
    }
    return index.get(name) ?? [];
}

/**
 * The Kubernetes ConfigMaps or Secrets of the stack a reference names: by `metadata.name` when
 * the reference has a name, else the stores the referring property depends on.
 */
export function kubernetesStores(
    store: "ConfigMap" | "Secret",
    name: string | undefined,
    view: ResourceView,
    property: string,
    stack: StackIndex,
): StackNode[] {
    const type = kubernetesStoreTypes[store];
    if (name !== undefined) {
        const named = storesNamed(stack, `kubernetes ${type}`, [type], (node) => [metadataName(node)], name, view, true);
        if (named.length > 0) {
            return named;
        }
    }
    return sourcesOf(view, property, stack).filter((node) => node.type === type);
}

/** The values a Kubernetes key reference may take: the key's value in each store found, or every value when the key is unknown. */
export function kubernetesKeyValues(
    store: "ConfigMap" | "Secret",
    name: string | undefined,
    key: string | undefined,
    view: ResourceView,
    property: string,
    stack: StackIndex,
): StoredValue[] {
    return entriesWithKey(kubernetesStoreContents(store, name, view, property, stack), key);
}

/** The entries of a store's contents under `key`; every entry when the key is unknown. */
export function entriesWithKey(contents: StoreContents, key: string | undefined): StoredValue[] {
    return key === undefined ? contents.entries : contents.entries.filter((entry) => entry.key === key);
}

/** A part of a store of the stack that is unknown during preview: one key's value, or (no key) a whole field. */
export interface UnknownStored {
    /** Where, for messages: `ConfigMap "model-config" data` or `… key MODEL`. */
    where: string;
    key?: string;
    secret: boolean;
    /** The store's URN. */
    store: string;
}

/** What the stores a reference names (`envFrom`, a mounted volume) hold: each store's data read once. */
export interface StoreContents {
    /** Whether the stack holds any store the reference names. */
    found: boolean;
    /** Every key and value that is known. */
    entries: StoredValue[];
    /** What is unknown during preview. */
    unknowns: UnknownStored[];
}

/** {@link StoreContents} of the stores a reference names. */
export function kubernetesStoreContents(
    store: KubernetesStore,
    name: string | undefined,
    view: ResourceView,
    property: string,
    stack: StackIndex,
    file?: string,
): StoreContents {
    const contents: StoreContents = { found: false, entries: [], unknowns: [] };
    if (store === "SecretProviderClass") {
        return contents; // its files are in a cloud's secret manager, read as the pod starts: never in the stack's objects
    }
    if (store === "Secret Manager secret") {
        // Mounted whole as one file (Cloud Run): the secret's versions of the stack, by its id or the property's dependencies.
        for (const value of namedSecretValues(name, view, property, stack)) {
            contents.found = true;
            contents.entries.push({ ...value, key: file ?? value.key ?? name });
        }
        return contents;
    }
    for (const node of kubernetesStores(store, name, view, property, stack)) {
        contents.found = true;
        const unknowns: Array<{ field: string; key?: string }> = [];
        const named = `${store} "${metadataName(node) ?? node.name}"`;
        for (const entry of kubernetesEntries(node, store, unknowns)) {
            contents.entries.push({ value: entry.value, where: `${named} key ${entry.key}`, secret: store === "Secret", key: entry.key });
        }
        for (const { field, key } of unknowns) {
            contents.unknowns.push({
                where: key === undefined ? `${named} ${field}` : `${named} key ${key}`,
                ...(key === undefined ? {} : { key }),
                secret: store === "Secret",
                store: node.urn,
            });
        }
    }
    return contents;
}

/** The AWS region a resource is in: its own `region` input (provider 7), else its provider's; undefined when neither says. */
function regionOf(node: StackNode): string | undefined {
    const own = stringProp(node, "region")?.value;
    if (own !== undefined) {
        return own;
    }
    const provider = node.provider?.props["region"];
    const { value } = unwrap(provider);
    return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

/** AWS stores: SSM parameters and Secrets Manager secrets, and where each keeps its name and value. */
const awsParameterTypes = new Set(["aws:ssm/parameter:Parameter", "aws-native:ssm:Parameter"]);
const awsSecretTypes = new Set(["aws:secretsmanager/secret:Secret", "aws-native:secretsmanager:Secret"]);
const awsSecretVersionTypes = new Set(["aws:secretsmanager/secretVersion:SecretVersion"]);

function stringProp(node: StackNode, key: string): { value: string; secret: boolean } | undefined {
    const { value, secret } = unwrap(node.props[key]);
    return typeof value === "string" && !isUnknown(value) ? { value, secret } : undefined;
}

/** The name an SSM or Secrets Manager reference gives (`arn:…:parameter/x/y` → `/x/y` or `x/y`, `arn:…:secret:n-AbCdEf:KEY::` → `n`), and a JSON key. */
function awsStoreName(reference: string): { names: string[]; jsonKey?: string; region?: string } {
    const parts = reference.split(":");
    const region = parts[0] === "arn" && parts[3] ? parts[3] : undefined;
    if (parts[0] === "arn" && parts[2] === "ssm" && (parts[5] ?? "").startsWith("parameter/")) {
        const name = parts.slice(5).join(":").slice("parameter".length);
        return { names: [name, name.slice(1)], region };
    }
    if (parts[0] === "arn" && parts[2] === "secretsmanager" && parts[5] === "secret" && parts[6]) {
        // `…:secret:<name>-<6 random characters>[:<json key>:<stage>:<version>]`
        const suffixed = parts[6];
        const name = /-[A-Za-z0-9]{6}$/.test(suffixed) ? suffixed.slice(0, -7) : suffixed;
        return { names: [name, suffixed], jsonKey: parts[7] || undefined, region };
    }
    return { names: [reference, reference.replace(/^\//, "")] };
}

/** The values an AWS store reference may take: matching parameters and secrets, by name, or those the property depends on. */
export function awsStoreValues(reference: string | undefined, view: ResourceView, property: string, stack: StackIndex): StoredValue[] {
    const { names, jsonKey, region } =
        reference === undefined ? { names: [] as string[], jsonKey: undefined, region: undefined } : awsStoreName(reference);
    const isStore = (node: StackNode) =>
        awsParameterTypes.has(node.type) || awsSecretTypes.has(node.type) || awsSecretVersionTypes.has(node.type);
    const types = [...awsParameterTypes, ...awsSecretTypes];
    const nameOf = (node: StackNode) => [stringProp(node, "name")?.value];
    // An ARN names its region (ECS needs one for a parameter of another region): the store of that region, whoever reads it.
    const inRegion =
        region === undefined
            ? []
            : names.flatMap((name) => nodesNamed(stack, "aws store", types, nameOf, name)).filter((node) => regionOf(node) === region);
    let nodes = [
        ...new Set(inRegion.length > 0 ? inRegion : names.flatMap((name) => storesNamed(stack, "aws store", types, nameOf, name, view))),
    ];
    // No store of that name: the stores the property depends on, for a reference not known in the preview or an
    // ARN (whose store may not know its name yet). A literal path that names no store is a file's path, or a
    // store outside the stack; the property's other stores (one `containerDefinitions` holds every container) are not it.
    if (nodes.length === 0 && (reference === undefined || reference.startsWith("arn:"))) {
        nodes = sourcesOf(view, property, stack).filter(isStore);
    }
    const values: StoredValue[] = [];
    for (const node of nodes) {
        if (awsParameterTypes.has(node.type)) {
            // `insecureValue` is the provider's field for a value that is not secret.
            const value = stringProp(node, "insecureValue") ?? stringProp(node, "value");
            const type = stringProp(node, "type")?.value;
            if (value) {
                values.push({
                    value: value.value,
                    where: `SSM parameter "${stringProp(node, "name")?.value ?? node.name}"`,
                    secret: value.secret || type === "SecureString",
                });
            }
            continue;
        }
        // A secret's value lives in its own `secretString` (aws-native's Secret) or in its versions (aws's SecretVersion).
        const versions = awsSecretTypes.has(node.type)
            ? [node, ...stack.dependentsOf(node.urn).filter((dependent) => awsSecretVersionTypes.has(dependent.type))]
            : [node];
        for (const version of versions) {
            const text = stringProp(version, "secretString");
            if (!text) {
                continue;
            }
            const where = `Secrets Manager secret "${stringProp(node, "name")?.value ?? node.name}"`;
            values.push(
                ...jsonEntries(text.value, jsonKey).map((entry) => ({
                    ...entry,
                    where: entry.key ? `${where} key ${entry.key}` : where,
                    secret: true,
                })),
            );
        }
    }
    return values;
}

/** A secret string's JSON keys (`{"MODEL": "gpt-4o"}`), or the string itself. */
function jsonEntries(text: string, jsonKey: string | undefined): Array<{ value: string; key?: string }> {
    try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
            return Object.entries(parsed as Record<string, unknown>)
                .filter(([key, value]) => typeof value === "string" && (jsonKey === undefined || key === jsonKey))
                .map(([key, value]) => ({ value: value as string, key }));
        }
    } catch {
        // not JSON: the string is the value
    }
    return [{ value: text }];
}

/** Where a cloud's bucket objects keep their key and content, and how messages name them. */
interface BucketObjects {
    types: readonly string[];
    /** The inputs that may hold the object's key (`key` on S3, `name` on Cloud Storage, `blobName` on azure-native). */
    keyProps: readonly string[];
    /** The inputs that may hold its bucket (or Azure container). */
    bucketProps: readonly string[];
    /** The lookup's name, and what a message calls one (`S3 object`). */
    what: string;
}

const s3Objects: BucketObjects = {
    types: ["aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2", "aws-native:s3:Object"],
    keyProps: ["key"],
    bucketProps: ["bucket"],
    what: "S3 object",
};
const gcsObjects: BucketObjects = {
    types: ["gcp:storage/bucketObject:BucketObject"],
    keyProps: ["name"],
    bucketProps: ["bucket"],
    what: "Cloud Storage object",
};
const azureBlobs: BucketObjects = {
    types: ["azure-native:storage:Blob", "azure:storage/blob:Blob"],
    keyProps: ["blobName", "name"],
    bucketProps: ["containerName", "storageContainerName"],
    what: "Azure blob",
};

/** The first of `keys` a node holds as known text. */
function firstStringProp(node: StackNode, keys: readonly string[]): { value: string; secret: boolean } | undefined {
    for (const key of keys) {
        const found = stringProp(node, key);
        if (found) {
            return found;
        }
    }
    return undefined;
}

/** An object's content: its `content` (S3, Cloud Storage), `sourceContent` (azure classic) or inline `source` asset. */
function objectContent(node: StackNode): { value: string; secret: boolean } | "unknown" | undefined {
    for (const key of ["content", "sourceContent"]) {
        const { value, secret } = unwrap(node.props[key]);
        if (isUnknown(value)) {
            return "unknown";
        }
        if (typeof value === "string") {
            return { value, secret };
        }
    }
    const source = unwrap(node.props["source"]);
    if (isUnknown(source.value)) {
        return "unknown";
    }
    const asset =
        typeof source.value === "object" && source.value !== null ? assetText(source.value as Record<string, unknown>) : undefined;
    return asset?.text !== undefined ? { value: asset.text, secret: source.secret } : undefined;
}

/**
 * The bucket objects of the stack with `key` (and, where given, in `bucket`; an object whose bucket is
 * unknown may be it), or those the property depends on.
 */
function bucketObjects(
    objects: BucketObjects,
    key: string | undefined,
    bucket: string | undefined,
    view: ResourceView,
    property: string,
    stack: StackIndex,
): StackNode[] {
    const nodes =
        key === undefined
            ? []
            : storesNamed(stack, objects.what, objects.types, (node) => [firstStringProp(node, objects.keyProps)?.value], key, view).filter(
                  (node) => {
                      const own = bucket === undefined ? undefined : firstStringProp(node, objects.bucketProps)?.value;
                      return own === undefined || own === bucket;
                  },
              );
    return nodes.length > 0 ? nodes : sourcesOf(view, property, stack).filter((node) => objects.types.includes(node.type));
}

/** What the objects found hold: the contents known, those unknown during preview ({@link StoreContents}, as a Kubernetes store's). */
function contentsOf(objects: BucketObjects, nodes: readonly StackNode[]): StoreContents {
    const found: StoreContents = { found: nodes.length > 0, entries: [], unknowns: [] };
    for (const node of nodes) {
        const content = objectContent(node);
        const where = `${objects.what} "${firstStringProp(node, objects.keyProps)?.value ?? node.name}"`;
        if (content === "unknown") {
            found.unknowns.push({ where, store: node.urn, secret: false });
        } else if (content) {
            found.entries.push({ value: content.value, where, secret: content.secret });
        }
    }
    return found;
}

/** The S3 object's key an ARN (`arn:aws:s3:::bucket/key`) names. */
function s3KeyOf(reference: string | undefined): string | undefined {
    return reference?.startsWith("arn:aws") ? reference.split(":::")[1]?.split("/").slice(1).join("/") : undefined;
}

/** The content of the S3 object an ARN (`arn:aws:s3:::bucket/key`) names in the stack, or of those the property depends on. */
export function s3ObjectContents(reference: string | undefined, view: ResourceView, property: string, stack: StackIndex): StoredValue[] {
    return contentsOf(s3Objects, bucketObjects(s3Objects, s3KeyOf(reference), undefined, view, property, stack)).entries;
}

/**
 * What the object a file reference names holds, by the reference's form ({@link objectReference}): an S3
 * ARN, a `gs://` URL or an Azure blob URL (`https://<account>.blob.core.windows.net/<container>/<blob>`).
 */
export function objectContents(reference: string | undefined, view: ResourceView, property: string, stack: StackIndex): StoreContents {
    const named = reference === undefined ? undefined : objectNamedBy(reference);
    if (named?.store === "azure-blob") {
        return contentsOf(azureBlobs, bucketObjects(azureBlobs, named.key, named.bucket, view, property, stack));
    }
    if (named?.store === "gcs") {
        return contentsOf(gcsObjects, bucketObjects(gcsObjects, named.key, named.bucket, view, property, stack));
    }
    return contentsOf(s3Objects, bucketObjects(s3Objects, s3KeyOf(reference), undefined, view, property, stack));
}

/** Secret managers' secrets and where each keeps its name and value: GCP Secret Manager, Azure Key Vault. */
const gcpSecretTypes = new Set(["gcp:secretmanager/secret:Secret"]);
const gcpSecretVersionTypes = new Set(["gcp:secretmanager/secretVersion:SecretVersion"]);
const azureSecretTypes = new Set(["azure-native:keyvault:Secret", "azure:keyvault/secret:Secret"]);

/** An Azure Key Vault secret's value: `properties.value` (azure-native) or `value` (azure classic). */
function azureSecretValue(node: StackNode): { value: string; secret: boolean } | undefined {
    const properties = unwrap(node.props["properties"]);
    const inner =
        typeof properties.value === "object" && properties.value !== null
            ? unwrap((properties.value as Record<string, unknown>)["value"])
            : undefined;
    if (inner && typeof inner.value === "string" && !isUnknown(inner.value)) {
        return { value: inner.value, secret: true };
    }
    return stringProp(node, "value");
}

/**
 * Whether an unknown value computed from a resource of this type is read from it: the stores
 * {@link awsStoreValues} and {@link namedSecretValues} read by dependency when no name is given.
 */
export function isStoreReadByDependency(type: string): boolean {
    return storesReadByDependency.has(type);
}

const storesReadByDependency: ReadonlySet<string> = new Set([
    ...awsParameterTypes,
    ...awsSecretTypes,
    ...awsSecretVersionTypes,
    ...gcpSecretTypes,
    ...azureSecretTypes,
]);

/**
 * The values a secret reference may take: the stack's Kubernetes Secrets, GCP Secret Manager and
 * AWS Secrets Manager secrets, and Azure Key Vault secrets named so; or, when the name is unknown,
 * those the referring property depends on.
 */
export function namedSecretValues(name: string | undefined, view: ResourceView, property: string, stack: StackIndex): StoredValue[] {
    const values: StoredValue[] = [];
    // By name: the secrets so named, those beside the reader first; without a name, those the property depends on.
    const secretsOf = (types: ReadonlySet<string>, lookup: string, namesOf: (node: StackNode) => Array<string | undefined>) =>
        name === undefined
            ? sourcesOf(view, property, stack).filter((node) => types.has(node.type))
            : storesNamed(stack, lookup, types, namesOf, name, view);
    const gcpSecrets = secretsOf(gcpSecretTypes, "gcp secret", (node) => [stringProp(node, "secretId")?.value]);
    for (const secret of gcpSecrets) {
        for (const version of stack.dependentsOf(secret.urn).filter((dependent) => gcpSecretVersionTypes.has(dependent.type))) {
            const data = stringProp(version, "secretData");
            if (data) {
                values.push({
                    value: data.value,
                    where: `Secret Manager secret "${stringProp(secret, "secretId")?.value ?? secret.name}"`,
                    secret: true,
                });
            }
        }
    }
    const vaultSecrets = secretsOf(azureSecretTypes, "key vault secret", (node) => [
        stringProp(node, "secretName")?.value,
        stringProp(node, "name")?.value,
    ]);
    for (const secret of vaultSecrets) {
        const value = azureSecretValue(secret);
        if (value) {
            values.push({
                value: value.value,
                where: `Key Vault secret "${stringProp(secret, "secretName")?.value ?? secret.name}"`,
                secret: true,
            });
        }
    }
    if (name !== undefined) {
        values.push(...kubernetesKeyValues("Secret", name, undefined, view, property, stack));
        values.push(...awsStoreValues(name, view, property, stack));
    }
    return values;
}
