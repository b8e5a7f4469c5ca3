/**
 * Which cloud a Kubernetes provider's kubeconfig points at: Kubernetes
 * resources are hosted wherever their cluster is. Reads the chosen context's
 * cluster server host, the cluster and context names cloud CLIs generate, and
 * the user's exec credential plugin, strongest signal first.
 */
import { parse } from "yaml";
import { Cloud } from "./clouds";

/** Where a cluster is, and what showed it. */
export interface ClusterPlacement {
    cloud: Cloud;
    /**
     * what decided it, for the message, e.g. "kubeconfig server https://abc.hcp.eastus.azmk8s.io"
     * or "kubeconfig context gke_proj_us-central1_prod"
     */
    evidence: string;
}

/**
 * Kubeconfigs are a few KB, a hundred clusters fit in 256 KB; anything larger
 * is not one, and YAML parsing costs microseconds per character.
 */
const MAX_KUBECONFIG_LENGTH = 256 * 1024;

/** Longest value quoted in evidence; server URLs and names are short, anything longer is cut. */
const MAX_EVIDENCE_VALUE = 200;

/** API server host domains of managed Kubernetes services (label-boundary suffix match). */
const serverDomains: ReadonlyArray<[domain: string, cloud: Cloud]> = [
    ["azmk8s.io", "azure"], // AKS, including privatelink.<region>.azmk8s.io
    ["azmk8s.us", "azure"],
    ["eks.amazonaws.com", "aws"],
    ["eks.amazonaws.com.cn", "aws"],
    ["api.aws", "aws"], // dual-stack EKS endpoints
    ["gke.goog", "gcp"], // GKE DNS-based control-plane endpoints; classic GKE servers are bare IPs
    ["k8s.ondigitalocean.com", "digitalocean"],
    ["oraclecloud.com", "oci"],
    ["containers.cloud.ibm.com", "ibm"],
];

/** Credential plugins (exec command basename) that only one cloud's clusters use. */
const execCommands: ReadonlyArray<[command: string, cloud: Cloud]> = [
    ["kubelogin", "azure"],
    ["gke-gcloud-auth-plugin", "gcp"],
    ["aws-iam-authenticator", "aws"],
    ["doctl", "digitalocean"],
    ["oci", "oci"],
    ["ibmcloud", "ibm"],
];

/** Legacy `auth-provider` names. */
const authProviders: ReadonlyArray<[name: string, cloud: Cloud]> = [
    ["azure", "azure"],
    ["gcp", "gcp"],
];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Property read that survives getters that throw (Pulumi's unknown-checking proxies do). */
function get(o: unknown, key: string): unknown {
    try {
        return isObj(o) ? o[key] : undefined;
    } catch {
        return undefined;
    }
}

function str(v: unknown): string | undefined {
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

function shown(v: string): string {
    return v.length > MAX_EVIDENCE_VALUE ? `${v.slice(0, MAX_EVIDENCE_VALUE)}…` : v;
}

/**
 * The entry called `name` in a kubeconfig list (`contexts`, `clusters`, `users`): its name and inner
 * object (`context`, `cluster`, `user`). Without a name, a list of one is unambiguous: kubeconfigs
 * written for a single cluster often omit current-context.
 */
function namedEntry(list: unknown, name: string | undefined, inner: string): { name?: string; value?: Obj } {
    if (!Array.isArray(list)) {
        return { name };
    }
    const entry = name === undefined ? (list.length === 1 ? list[0] : undefined) : list.find((e) => get(e, "name") === name);
    const value = get(entry, inner);
    return { name: name ?? str(get(entry, "name")), value: isObj(value) ? value : undefined };
}

function isUnder(host: string, domain: string): boolean {
    return host === domain || (host.endsWith(domain) && host.charCodeAt(host.length - domain.length - 1) === 46);
}

/** Host of a server URL, lower case; undefined when it does not parse. */
function hostOf(server: string): string | undefined {
    try {
        const host = new URL(server.includes("://") ? server : `https://${server}`).hostname.toLowerCase();
        const trimmed = host.endsWith(".") ? host.slice(0, -1) : host;
        return trimmed === "" ? undefined : trimmed;
    } catch {
        return undefined;
    }
}

/** Cloud named by a cluster or context name that a cloud CLI generated. */
function cloudOfName(name: string): Cloud | undefined {
    const lower = name.toLowerCase();
    if (lower.startsWith("arn:aws:eks:") || lower.startsWith("arn:aws-cn:eks:") || lower.startsWith("arn:aws-us-gov:eks:")) {
        return "aws"; // `aws eks update-kubeconfig` names clusters and contexts by ARN
    }
    if (lower.startsWith("gke_")) {
        return "gcp"; // `gcloud container clusters get-credentials` names them gke_<project>_<location>_<name>
    }
    return undefined;
}

/** Cloud of a user's credential plugin: exec command (+ args for the generic `aws`/`gcloud` CLIs) or auth-provider. */
function cloudOfUser(user: Obj | undefined): { cloud: Cloud; evidence: string } | undefined {
    const exec = get(user, "exec");
    const command = str(get(exec, "command"));
    if (command !== undefined) {
        const base = command
            .split(/[\\/]/)
            .pop()!
            .toLowerCase()
            .replace(/\.exe$/, "");
        const rawArgs = get(exec, "args");
        const args = Array.isArray(rawArgs) ? rawArgs.filter((a): a is string => typeof a === "string").slice(0, 50) : [];
        const line = shown([command, ...args].join(" "));
        if (base === "aws" && args.includes("eks")) {
            return { cloud: "aws", evidence: `kubeconfig user exec ${line}` };
        }
        if (base === "gcloud") {
            return { cloud: "gcp", evidence: `kubeconfig user exec ${line}` };
        }
        const known = execCommands.find(([c]) => c === base);
        if (known) {
            return { cloud: known[1], evidence: `kubeconfig user exec ${line}` };
        }
    }
    const provider = str(get(get(user, "auth-provider"), "name"));
    const byProvider = authProviders.find(([n]) => n === provider?.toLowerCase());
    if (byProvider) {
        return { cloud: byProvider[1], evidence: `kubeconfig user auth-provider ${provider}` };
    }
    return undefined;
}

/** Kubeconfigs nest a few levels; the YAML parser recurses, so a deep `[[[…` costs seconds before it overflows. */
const MAX_FLOW_DEPTH = 100;

/** Deepest nesting of JSON/YAML flow brackets, counted in one pass. */
function flowDepthOf(text: string): number {
    let depth = 0;
    let deepest = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 91 /* [ */ || c === 123 /* { */) {
            deepest = Math.max(deepest, ++depth);
        } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) {
            depth--;
        }
    }
    return deepest;
}

/** The kubeconfig as an object, or why not. */
function parsedKubeconfig(kubeconfig: unknown): Obj | string {
    if (isObj(kubeconfig)) {
        return kubeconfig;
    }
    if (typeof kubeconfig !== "string") {
        return `expected a YAML or JSON string or an object, got ${kubeconfig === null ? "null" : Array.isArray(kubeconfig) ? "an array" : typeof kubeconfig}`;
    }
    if (kubeconfig.trim() === "") {
        return "it is empty";
    }
    if (kubeconfig.length > MAX_KUBECONFIG_LENGTH) {
        return `it is larger than ${MAX_KUBECONFIG_LENGTH / 1024} KB`;
    }
    if (flowDepthOf(kubeconfig) > MAX_FLOW_DEPTH) {
        return `it nests more than ${MAX_FLOW_DEPTH} levels deep`;
    }
    let value: unknown;
    try {
        // YAML is a superset of JSON, so one parser reads both; aliases are capped against "billion laughs".
        // logLevel "error" throws on the first error (with "silent" the parser drops errors) and prints no warnings.
        value = parse(kubeconfig, { maxAliasCount: 100, logLevel: "error", uniqueKeys: false, prettyErrors: false });
    } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return shown(message.split("\n")[0]);
    }
    return isObj(value) ? value : "it is not a YAML or JSON mapping";
}

/**
 * Where a kubeconfig (YAML or JSON string, or already-parsed object) points: the current-context
 * (or `context` override) → its cluster (or `cluster` override) → server host / cluster name /
 * context name / user exec command. *.azmk8s.io → azure; *.eks.amazonaws.com, *.api.aws,
 * arn:aws:eks cluster names, exec `aws eks get-token` → aws; gke_ names, gke-gcloud-auth-plugin →
 * gcp; kubelogin exec → azure; anything else → cloud "unknown" with evidence naming the server.
 * Unparseable (neither YAML nor JSON, not an object) → { cloud: "unknown", evidence: "kubeconfig
 * could not be parsed: <short reason>" }. Never throws.
 *
 * @example
 * clusterPlacementOfKubeconfig(kubeconfigYaml);
 * // { cloud: "azure", evidence: "kubeconfig server https://prod-dns-1a2b.hcp.eastus.azmk8s.io:443" }
 * clusterPlacementOfKubeconfig(kubeconfigYaml, { context: "gke_acme_us-central1_prod" });
 * // { cloud: "gcp", evidence: "kubeconfig context gke_acme_us-central1_prod" }
 */
export function clusterPlacementOfKubeconfig(kubeconfig: unknown, overrides?: { context?: string; cluster?: string }): ClusterPlacement {
    // Every workload of a provider carries the same kubeconfig text, and YAML parsing costs about
    // as much as the rest of an Analyze request: the answer for a text is kept (a few of them).
    const key =
        typeof kubeconfig === "string"
            ? `${str(get(overrides, "context")) ?? ""}\0${str(get(overrides, "cluster")) ?? ""}\0${kubeconfig}`
            : undefined;
    const known = key === undefined ? undefined : placementsByText.get(key);
    if (known) {
        return known;
    }
    let placement: ClusterPlacement;
    try {
        placement = placementOf(kubeconfig, overrides);
    } catch (err) {
        // Belt and braces: a hostile object (throwing proxies, cycles) must not stop the preview.
        placement = {
            cloud: "unknown",
            evidence: `kubeconfig could not be read: ${shown(err instanceof Error ? err.message : String(err))}`,
        };
    }
    if (key !== undefined) {
        if (placementsByText.size >= MAX_REMEMBERED_KUBECONFIGS) {
            placementsByText.clear();
        }
        placementsByText.set(key, placement);
    }
    return placement;
}

/** Stacks use a handful of clusters; the cap bounds memory (at most this many texts of 256 KB). */
const MAX_REMEMBERED_KUBECONFIGS = 16;
const placementsByText = new Map<string, ClusterPlacement>();

function placementOf(kubeconfig: unknown, overrides?: { context?: string; cluster?: string }): ClusterPlacement {
    const config = parsedKubeconfig(kubeconfig);
    if (typeof config === "string") {
        return { cloud: "unknown", evidence: `kubeconfig could not be parsed: ${config}` };
    }
    const contextName = str(get(overrides, "context")) ?? str(get(config, "current-context"));
    const context = namedEntry(get(config, "contexts"), contextName, "context");
    const clusterName = str(get(overrides, "cluster")) ?? str(get(context.value, "cluster"));
    const cluster = namedEntry(get(config, "clusters"), clusterName, "cluster");
    const user = namedEntry(get(config, "users"), str(get(context.value, "user")), "user");
    const server = str(get(cluster.value, "server"));

    // The API server host is the strongest signal: names and plugins can be copied, the host is where requests go.
    const host = server === undefined ? undefined : hostOf(server);
    const byServer = host === undefined ? undefined : serverDomains.find(([domain]) => isUnder(host, domain));
    if (byServer) {
        return { cloud: byServer[1], evidence: `kubeconfig server ${shown(server!)}` };
    }
    const clusterCloud = cluster.name === undefined ? undefined : cloudOfName(cluster.name);
    if (clusterCloud) {
        return { cloud: clusterCloud, evidence: `kubeconfig cluster ${shown(cluster.name!)}` };
    }
    const contextCloud = context.name === undefined ? undefined : cloudOfName(context.name);
    if (contextCloud) {
        return { cloud: contextCloud, evidence: `kubeconfig context ${shown(context.name!)}` };
    }
    const byUser = cloudOfUser(user.value);
    if (byUser) {
        return byUser;
    }
    if (server !== undefined) {
        return { cloud: "unknown", evidence: `kubeconfig server ${shown(server)} is not a recognised managed Kubernetes endpoint` };
    }
    if (contextName !== undefined && context.value === undefined) {
        return { cloud: "unknown", evidence: `kubeconfig has no context named ${shown(contextName)}` };
    }
    if (clusterName !== undefined && cluster.value === undefined) {
        return { cloud: "unknown", evidence: `kubeconfig has no cluster named ${shown(clusterName)}` };
    }
    return { cloud: "unknown", evidence: "kubeconfig names no cluster server" };
}
