// Kubernetes manifests: a YAML file of one or more documents (what `helm template` and
// `kustomize build` print, `---` between documents, `# Source: <chart>/templates/<file>` before
// each of Helm's), `kubectl get -o yaml|json` output (`kind: List` or `…List` with `items`), or a
// folder of such files. Each object becomes the resource Pulumi's Kubernetes provider registers
// for it (`kubernetes:<group>/<version>:<Kind>`, the object as its inputs, named
// `<namespace>/<name>`), judged by the cluster a synthesized Kubernetes provider points at:
//
//   --kubeconfig <file> [--kube-context <name>]   the kubeconfig's text and context (a secret)
//   --kube-context <name>                          the same, from $KUBECONFIG or ~/.kube/config
//   --cluster-cloud <cloud>                        a cluster of that cloud in the plan, which the
//                                                  provider's (unknown) kubeconfig comes from
//   none of them                                   no kubeconfig: the ambient one, whose cloud
//                                                  the pack cannot know
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isMap, isSeq, parse, parseAllDocuments } from "yaml";
import { Plan, RecordedResource, UNKNOWN } from "../../harness/plan";
import { InputError } from "./input-error";
import type { SourceLocation } from "./source-location";
import { SynthesizedPlan } from "./synthesized-plan";
import { kubernetesTokenOf } from "./terraform-resources";
import { isObject, secretOf } from "./terraform-values";

type Obj = Record<string, unknown>;

/** Where the manifests will run, as the command line says. */
export interface ClusterOptions {
    /** `--kubeconfig <file>`. */
    kubeconfig?: string;
    /** `--kube-context <name>`. */
    context?: string;
    /** `--cluster-cloud <cloud>`. */
    cloud?: string;
}

/** The cluster resource `--cluster-cloud` puts in the plan, by cloud: a type the pack knows as that cloud's cluster (or as that cloud's). */
export const clusterTypesByCloud: Readonly<Record<string, string>> = {
    aws: "aws:eks/cluster:Cluster",
    azure: "azure-native:containerservice:ManagedCluster",
    gcp: "gcp:container/cluster:Cluster",
    oci: "oci:ContainerEngine/cluster:Cluster",
    digitalocean: "digitalocean:index/kubernetesCluster:KubernetesCluster",
    alibaba: "alicloud:cs/managedKubernetes:ManagedKubernetes",
    ibm: "ibm:index/containerVpcCluster:ContainerVpcCluster",
    linode: "linode:index/lkeCluster:LkeCluster",
    vultr: "vultr:index/kubernetes:Kubernetes",
    hetzner: "hcloud:index/server:Server",
    other: "other:index/cluster:Cluster",
};

/** One line naming what is wrong with the cluster options, or nothing. */
export function clusterOptionsProblem(options: ClusterOptions): string | undefined {
    if (options.cloud !== undefined && !(options.cloud in clusterTypesByCloud)) {
        return `--cluster-cloud must be one of ${Object.keys(clusterTypesByCloud).join(", ")}; got "${options.cloud}"`;
    }
    if (options.cloud !== undefined && (options.kubeconfig !== undefined || options.context !== undefined)) {
        return "--cluster-cloud and --kubeconfig/--kube-context both say where the manifests run: give one of them";
    }
    return undefined;
}

/** True when a folder holds Kubernetes manifests (YAML files) rather than a Pulumi program. */
export function isManifestFolder(dir: string): boolean {
    return manifestFiles(dir).length > 0;
}

/** True when the start of a file looks like a YAML stream of Kubernetes objects. */
export function looksLikeManifests(head: string): boolean {
    return /^(---|#|apiVersion:|kind:)/m.test(head.trimStart()) && /^\s*(apiVersion|kind):/m.test(head);
}

/** True when a file name is a Pulumi project or stack file, which is not a manifest. */
export function isPulumiFile(file: string): boolean {
    return /^Pulumi(\.[^.]+)?\.ya?ml$/.test(path.basename(file));
}

const yamlFile = /\.ya?ml$/i;

/** The YAML files of a folder and its subfolders, in a stable order (hidden folders and node_modules left out). */
function manifestFiles(dir: string, depth = 0): string[] {
    if (depth > 16) {
        return [];
    }
    const files: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") {
            files.push(...manifestFiles(full, depth + 1));
        } else if (entry.isFile() && yamlFile.test(entry.name)) {
            files.push(full);
        }
    }
    return files;
}

/** A Kubernetes object read from a file, and where it was. */
interface ManifestObject {
    object: Obj;
    location: SourceLocation;
}

/**
 * Reads manifests from a file or folder into a plan, with where each object was and what the
 * user should know (documents that are not Kubernetes objects, objects declared twice).
 */
export function readManifests(
    target: string,
    plan: SynthesizedPlan,
    cluster: ClusterOptions,
    onObject: () => void,
): { plan: Plan; warnings: string[]; locations: Map<string, SourceLocation> } {
    const isFolder = fs.statSync(target).isDirectory();
    if (isFolder) {
        for (const [marker, what, command] of [
            ["kustomization.yaml", "a kustomization", "kustomize build"],
            ["kustomization.yml", "a kustomization", "kustomize build"],
            ["Chart.yaml", "a Helm chart", "helm template <release>"],
        ]) {
            if (fs.existsSync(path.join(target, marker))) {
                throw new InputError(
                    `${target} is ${what}, not rendered manifests: run \`${command} ${target} > all.yaml\` and check all.yaml`,
                );
            }
        }
    }
    const files = isFolder ? manifestFiles(target) : [target];
    const warnings: string[] = [];
    const objects: ManifestObject[] = [];
    for (const file of files) {
        objects.push(...objectsIn(file, warnings));
    }
    if (objects.length === 0) {
        throw new InputError(
            `${target} has no Kubernetes objects: expected manifests (YAML documents with apiVersion and kind, as \`helm template\`, \`kustomize build\` or \`kubectl get -o yaml\` print)`,
        );
    }
    const where = clusterTarget(cluster, plan);
    warnings.push(...where.warnings);
    const byUrn = new Map<string, RecordedResource>();
    const locations = new Map<string, SourceLocation>();
    for (const { object, location } of objects) {
        const resource = resourceOf(object, location, plan, where.reference);
        const earlier = locations.get(resource.urn);
        if (earlier) {
            warnings.push(
                `${resource.type} "${resource.name}" is declared twice (${describe(earlier)} and ${describe(location)}): the later one is judged, as \`kubectl apply\` would leave it`,
            );
            byUrn.delete(resource.urn);
        }
        byUrn.set(resource.urn, resource);
        locations.set(resource.urn, location);
        onObject();
    }
    return {
        plan: {
            stack: plan.stack,
            project: plan.project,
            preview: true,
            resources: [plan.stackResource(), ...where.resources, ...byUrn.values()],
        },
        warnings,
        locations,
    };
}

function describe(location: SourceLocation): string {
    return `${location.file} document ${location.document ?? 1}`;
}

/** The Kubernetes objects of one file: its documents, `List`s expanded. */
function objectsIn(file: string, warnings: string[]): ManifestObject[] {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    } catch (err) {
        throw new InputError(`${file} could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
    const lineStarts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
        lineStarts.push(i + 1);
    }
    const lineOf = (offset: number) => {
        let low = 0;
        let high = lineStarts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (lineStarts[mid] <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low + 1;
    };
    const documents = parseAllDocuments(text, { uniqueKeys: false });
    const list = Array.isArray(documents) ? documents : [];
    const objects: ManifestObject[] = [];
    list.forEach((document, i) => {
        const number = i + 1;
        const error = document.errors[0];
        if (error) {
            const line = error.linePos?.[0]?.line;
            throw new InputError(
                `${file}${line !== undefined ? `:${line}` : ""}: document ${number} is not valid YAML: ${error.message.split("\n")[0]}`,
            );
        }
        let value: unknown;
        try {
            value = document.toJS({ maxAliasCount: 100 });
        } catch (err) {
            throw new InputError(
                `${file}: document ${number} could not be read: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}`,
            );
        }
        if (value === null || value === undefined) {
            return; // an empty document (a leading `---`, a template that rendered nothing)
        }
        // `helm template` writes `# Source: <template>` right after the `---`: a comment on the document or its contents.
        const comment = `${document.commentBefore ?? ""}\n${document.contents?.commentBefore ?? ""}`;
        const source = /Source:\s*(\S+)/.exec(comment)?.[1];
        const location: SourceLocation = { file, document: number, ...(source ? { source } : {}) };
        const items = isMap(document.contents) ? document.contents.get("items", true) : undefined;
        const itemLines = isSeq(items) ? items.items.map((item) => (item as { range?: [number] }).range?.[0]) : [];
        const found = expanded(value);
        found.forEach((object, i) => {
            // A List's items are located at their own lines; any other document at its first.
            const start =
                (itemLines.length === found.length ? itemLines[i] : undefined) ?? document.contents?.range?.[0] ?? document.range[0];
            objects.push(...objectOf(object, { ...location, line: lineOf(start) }, file, number, warnings));
        });
        if (!isObject(value)) {
            warnings.push(`${file} document ${number} is not a mapping: not a Kubernetes object, skipped`);
        }
    });
    return objects;
}

/** The object of a document or List item, if it is a Kubernetes object (warned about and left out otherwise). */
function objectOf(object: Obj, location: SourceLocation, file: string, number: number, warnings: string[]): ManifestObject[] {
    if (object["kind"] === "Kustomization") {
        throw new InputError(
            `${file} is a kustomization, not rendered manifests: run \`kustomize build\` on its folder and check the output`,
        );
    }
    if (typeof object["apiVersion"] !== "string" || typeof object["kind"] !== "string") {
        warnings.push(`${file} document ${number} has no apiVersion and kind: not a Kubernetes object, skipped`);
        return [];
    }
    if (object["kind"] === "Config" && object["apiVersion"] === "v1") {
        // Credentials, not an object of the cluster: never sent to the pack.
        warnings.push(`${file} document ${number} is a kubeconfig, not a Kubernetes object: skipped (give it with --kubeconfig)`);
        return [];
    }
    return [{ object, location }];
}

/** A document's objects: itself, or the items of a `List` (typed lists such as `DeploymentList` give their items a kind). */
function expanded(value: unknown): Obj[] {
    if (!isObject(value)) {
        return [];
    }
    const kind = value["kind"];
    if (typeof kind === "string" && kind.endsWith("List") && Array.isArray(value["items"])) {
        const itemKind = kind === "List" ? undefined : kind.slice(0, -"List".length);
        return value["items"].filter(isObject).flatMap((item) =>
            expanded({
                ...(typeof value["apiVersion"] === "string" ? { apiVersion: value["apiVersion"] } : {}),
                ...(itemKind !== undefined ? { kind: itemKind } : {}),
                ...item,
            }),
        );
    }
    return [value];
}

/** The resource Pulumi's Kubernetes provider registers for an object; a Secret's data is a secret. */
function resourceOf(object: Obj, location: SourceLocation, plan: SynthesizedPlan, provider: string): RecordedResource {
    const apiVersion = object["apiVersion"] as string;
    const kind = object["kind"] as string;
    const type = kubernetesTokenOf(apiVersion, kind);
    const metadata = isObject(object["metadata"]) ? object["metadata"] : {};
    const name =
        typeof metadata["name"] === "string"
            ? metadata["name"]
            : typeof metadata["generateName"] === "string"
              ? `${metadata["generateName"]}*`
              : `${path.basename(location.file)}#${location.document ?? 1}`;
    const namespace = typeof metadata["namespace"] === "string" ? `${metadata["namespace"]}/` : "";
    const inputs: Obj = { ...object };
    if (type === "kubernetes:core/v1:Secret") {
        for (const key of ["data", "stringData"]) {
            if (isObject(inputs[key])) {
                inputs[key] = Object.fromEntries(Object.entries(inputs[key]).map(([k, v]) => [k, secretOf(v)]));
            }
        }
    }
    const logicalName = `${namespace}${name}`;
    return {
        urn: plan.urnOf(type, logicalName),
        type,
        name: logicalName,
        custom: true,
        parent: plan.stackUrn,
        provider,
        dependencies: [],
        propertyDependencies: {},
        inputs,
    };
}

/** The provider (and for `--cluster-cloud`, the cluster) the manifests' resources are registered with. */
function clusterTarget(
    options: ClusterOptions,
    plan: SynthesizedPlan,
): { resources: RecordedResource[]; reference: string; warnings: string[] } {
    if (options.cloud !== undefined) {
        const type = clusterTypesByCloud[options.cloud];
        const cluster: RecordedResource = {
            urn: plan.urnOf(type, `--cluster-cloud ${options.cloud}`),
            type,
            name: `--cluster-cloud ${options.cloud}`,
            custom: true,
            parent: plan.stackUrn,
            dependencies: [],
            propertyDependencies: {},
            inputs: {},
        };
        const provider = plan.providerResource("kubernetes", "cluster-cloud", { kubeconfig: UNKNOWN }, { kubeconfig: [cluster.urn] });
        return { resources: [cluster, provider.resource], reference: provider.reference, warnings: [] };
    }
    if (options.kubeconfig !== undefined || options.context !== undefined) {
        const { file, text } = kubeconfigText(options);
        checkContext(file, text, options.context);
        const inputs: Obj = { kubeconfig: secretOf(text), ...(options.context !== undefined ? { context: options.context } : {}) };
        const provider = plan.providerResource("kubernetes", "kubeconfig", inputs);
        return { resources: [provider.resource], reference: provider.reference, warnings: [] };
    }
    const provider = plan.providerResource("kubernetes", "ambient", {});
    return {
        resources: [provider.resource],
        reference: provider.reference,
        warnings: [
            "no --kubeconfig, --kube-context or --cluster-cloud: the cluster the manifests run on is unknown, so a workload that serves or calls a proprietary model is judged as hosted on an unknown cloud",
        ],
    };
}

/** The kubeconfig `--kubeconfig` names, or for `--kube-context` alone the first of $KUBECONFIG, else ~/.kube/config. */
function kubeconfigText(options: ClusterOptions): { file: string; text: string } {
    let file = options.kubeconfig;
    if (file === undefined) {
        const candidates = [
            ...(process.env["KUBECONFIG"] ?? "").split(path.delimiter).filter((f) => f !== ""),
            path.join(os.homedir(), ".kube", "config"),
        ];
        file = candidates.find((f) => fs.existsSync(f));
        if (file === undefined) {
            throw new InputError(
                `--kube-context ${options.context}: no kubeconfig to find it in (give --kubeconfig <file>, or set KUBECONFIG)`,
            );
        }
    }
    try {
        return { file, text: fs.readFileSync(file, "utf8") };
    } catch {
        throw new InputError(`--kubeconfig ${file}: no such file`);
    }
}

/** Refuses a kubeconfig that is not one, a context it lacks, or a choice of contexts left open. */
function checkContext(file: string, text: string, context: string | undefined): void {
    let config: unknown;
    try {
        config = parse(text, { maxAliasCount: 100, uniqueKeys: false });
    } catch (err) {
        throw new InputError(
            `--kubeconfig ${file} is not valid YAML: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}`,
        );
    }
    const contexts = isObject(config) && Array.isArray(config["contexts"]) ? config["contexts"].filter(isObject) : undefined;
    if (!isObject(config) || contexts === undefined || !Array.isArray(config["clusters"])) {
        throw new InputError(`--kubeconfig ${file} is not a kubeconfig: it has no "clusters" and "contexts" lists`);
    }
    const names = contexts.map((c) => c["name"]).filter((n): n is string => typeof n === "string");
    if (context !== undefined && !names.includes(context)) {
        throw new InputError(`--kube-context ${context}: ${file} has no such context; its contexts are ${names.join(", ") || "none"}`);
    }
    const current = config["current-context"];
    if (context === undefined && (typeof current !== "string" || current === "") && names.length !== 1) {
        throw new InputError(`--kubeconfig ${file} has ${names.length} contexts and no current-context: choose one with --kube-context`);
    }
}
