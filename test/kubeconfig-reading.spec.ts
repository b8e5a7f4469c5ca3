/**
 * How the pack reads a Kubernetes provider's kubeconfig to place its cluster on a cloud: the
 * server host forms it accepts, the names and credential plugins the cloud CLIs write, how it
 * picks the context, cluster and user, what it says when something is missing, and the limits it
 * puts on hostile text. (test/kubeconfig.spec.ts covers the common AKS/EKS/GKE shapes.)
 */
import { clusterPlacementOfKubeconfig } from "../policypack/kubeconfig";

type Obj = Record<string, unknown>;

/** A one-cluster kubeconfig object; each test changes one part of it. */
function kubeconfig(opts: { server?: string; cluster?: string; context?: string; user?: Obj } = {}): Obj {
    const cluster = opts.cluster ?? "prod";
    const context = opts.context ?? "prod";
    return {
        apiVersion: "v1",
        kind: "Config",
        "current-context": context,
        clusters: [{ name: cluster, cluster: { server: opts.server ?? "https://10.0.0.1" } }],
        contexts: [{ name: context, context: { cluster, user: "prod-user" } }],
        users: [{ name: "prod-user", user: opts.user ?? { token: "abc" } }],
    };
}

/** The evidence given for a cluster reached at an address the pack does not recognise. */
const unrecognised = (server: string) => `kubeconfig server ${server} is not a recognised managed Kubernetes endpoint`;

describe("API server hosts", () => {
    it("accepts a server written without a scheme, as some tools write it", () => {
        expect(clusterPlacementOfKubeconfig(kubeconfig({ server: "prod-dns-1a2b.hcp.eastus.azmk8s.io:443" }))).toEqual({
            cloud: "azure",
            evidence: "kubeconfig server prod-dns-1a2b.hcp.eastus.azmk8s.io:443",
        });
    });

    it("accepts a fully qualified host with a trailing dot", () => {
        expect(clusterPlacementOfKubeconfig(kubeconfig({ server: "https://prod-dns.hcp.eastus.azmk8s.io.:443" })).cloud).toBe("azure");
    });

    it("matches a host that is exactly a managed service domain", () => {
        expect(clusterPlacementOfKubeconfig(kubeconfig({ server: "https://azmk8s.io" })).cloud).toBe("azure");
    });

    it("does not take a host that merely ends in the same letters for a managed cluster", () => {
        expect(clusterPlacementOfKubeconfig(kubeconfig({ server: "https://notazmk8s.io" }))).toEqual({
            cloud: "unknown",
            evidence: unrecognised("https://notazmk8s.io"),
        });
    });

    it("trims blanks around the server in what it reports", () => {
        expect(clusterPlacementOfKubeconfig(kubeconfig({ server: "  https://prod.hcp.eastus.azmk8s.io  " }))).toEqual({
            cloud: "azure",
            evidence: "kubeconfig server https://prod.hcp.eastus.azmk8s.io",
        });
    });

    it("cuts a very long server address in its evidence, but quotes one of 200 characters whole", () => {
        const long = `https://${"a".repeat(300)}.example.com`;
        const evidence = clusterPlacementOfKubeconfig(kubeconfig({ server: long })).evidence;
        expect(evidence).toBe(unrecognised(`${long.slice(0, 200)}…`));

        const exactly200 = `https://${"b".repeat(180)}.example.com`;
        expect(exactly200).toHaveLength(200);
        expect(clusterPlacementOfKubeconfig(kubeconfig({ server: exactly200 })).evidence).toBe(unrecognised(exactly200));
    });
});

describe("cluster names the cloud CLIs write", () => {
    it.each([
        ["AWS China", "arn:aws-cn:eks:cn-north-1:123456789012:cluster/prod"],
        ["AWS GovCloud", "arn:aws-us-gov:eks:us-gov-west-1:123456789012:cluster/prod"],
    ])("places an EKS cluster named by its %s ARN on AWS", (_partition, arn) => {
        expect(clusterPlacementOfKubeconfig(kubeconfig({ cluster: arn }))).toEqual({
            cloud: "aws",
            evidence: `kubeconfig cluster ${arn}`,
        });
    });

    it("places the only context of a kubeconfig without current-context by its gke_ name", () => {
        const { "current-context": _none, ...noCurrent } = kubeconfig({ context: "gke_acme_us-central1_prod" });
        expect(clusterPlacementOfKubeconfig(noCurrent)).toEqual({
            cloud: "gcp",
            evidence: "kubeconfig context gke_acme_us-central1_prod",
        });
    });

    it("reads a gke_ current-context even when the kubeconfig lists no contexts", () => {
        expect(clusterPlacementOfKubeconfig({ "current-context": "gke_acme_us-central1_prod" })).toEqual({
            cloud: "gcp",
            evidence: "kubeconfig context gke_acme_us-central1_prod",
        });
    });

    it("reads an ARN cluster override even when the kubeconfig lists no such cluster", () => {
        const arn = "arn:aws:eks:us-east-1:123456789012:cluster/serving";
        expect(clusterPlacementOfKubeconfig(kubeconfig(), { cluster: arn })).toEqual({
            cloud: "aws",
            evidence: `kubeconfig cluster ${arn}`,
        });
    });
});

describe("credential plugins", () => {
    const withExec = (exec: Obj) => kubeconfig({ user: { exec } });

    it("places a cluster reached with the gcloud CLI on Google Cloud, quoting the command", () => {
        const exec = { command: "gcloud", args: ["config", "config-helper", "--format=json"] };
        expect(clusterPlacementOfKubeconfig(withExec(exec))).toEqual({
            cloud: "gcp",
            evidence: "kubeconfig user exec gcloud config config-helper --format=json",
        });
    });

    it("quotes a known plugin's command line as evidence", () => {
        const exec = { command: "/usr/local/bin/kubelogin", args: ["get-token", "--login", "azurecli"] };
        expect(clusterPlacementOfKubeconfig(withExec(exec))).toEqual({
            cloud: "azure",
            evidence: "kubeconfig user exec /usr/local/bin/kubelogin get-token --login azurecli",
        });
    });

    it("quotes a plugin run without arguments as just its command", () => {
        expect(clusterPlacementOfKubeconfig(withExec({ command: "gke-gcloud-auth-plugin" }))).toEqual({
            cloud: "gcp",
            evidence: "kubeconfig user exec gke-gcloud-auth-plugin",
        });
    });

    it("quotes only the text arguments, at most 50 of them", () => {
        const exec = { command: "doctl", args: ["kubernetes", 8080, null, ...Array(60).fill("-v")] };
        expect(clusterPlacementOfKubeconfig(withExec(exec))).toEqual({
            cloud: "digitalocean",
            evidence: `kubeconfig user exec doctl kubernetes ${Array(49).fill("-v").join(" ")}`,
        });
    });

    it("does not place a cluster on AWS for an `aws` command that is not `aws eks`", () => {
        const exec = { command: "aws", args: ["sts", "get-caller-identity"] };
        expect(clusterPlacementOfKubeconfig(withExec(exec))).toEqual({ cloud: "unknown", evidence: unrecognised("https://10.0.0.1") });
    });

    it("does not place a cluster for a credential helper it does not know", () => {
        const exec = { command: "/opt/acme/bin/token-helper", args: ["eks"] };
        expect(clusterPlacementOfKubeconfig(withExec(exec))).toEqual({ cloud: "unknown", evidence: unrecognised("https://10.0.0.1") });
    });

    it.each([
        ["azure", "azure"],
        ["gcp", "gcp"],
        ["GCP", "gcp"],
    ])("places a cluster using the legacy %s auth-provider", (name, cloud) => {
        const user = { "auth-provider": { name, config: { "access-token": "secret-token" } } };
        expect(clusterPlacementOfKubeconfig(kubeconfig({ user }))).toEqual({
            cloud,
            evidence: `kubeconfig user auth-provider ${name}`,
        });
    });

    it("reads the user the chosen context names when the kubeconfig has several", () => {
        const config = {
            "current-context": "prod",
            clusters: [{ name: "prod", cluster: { server: "https://10.0.0.1" } }],
            contexts: [{ name: "prod", context: { cluster: "prod", user: "aad" } }],
            users: [
                { name: "static", user: { token: "abc" } },
                { name: "aad", user: { exec: { command: "kubelogin", args: ["get-token"] } } },
            ],
        };
        expect(clusterPlacementOfKubeconfig(config)).toEqual({ cloud: "azure", evidence: "kubeconfig user exec kubelogin get-token" });
    });
});

describe("choosing the context and cluster", () => {
    const twoClusters = () =>
        JSON.stringify({
            "current-context": "aks",
            contexts: [
                { name: "aks", context: { cluster: "aks" } },
                { name: "eks", context: { cluster: "eks" } },
            ],
            clusters: [
                { name: "aks", cluster: { server: "https://contoso-5678.hcp.westeurope.azmk8s.io:443" } },
                { name: "eks", cluster: { server: "https://FEDCBA.gr7.eu-west-1.eks.amazonaws.com" } },
            ],
        });

    it("follows whichever context or cluster each provider overrides, for the same text", () => {
        const text = twoClusters();
        expect(clusterPlacementOfKubeconfig(text, { context: "eks" }).cloud).toBe("aws");
        expect(clusterPlacementOfKubeconfig(text, { context: "aks" }).cloud).toBe("azure");
        expect(clusterPlacementOfKubeconfig(text, { cluster: "eks" }).cloud).toBe("aws");
        expect(clusterPlacementOfKubeconfig(text, { cluster: "aks" }).cloud).toBe("azure");
    });

    it("ignores blanks around the current-context name", () => {
        const config = { ...JSON.parse(twoClusters()), "current-context": "eks  " };
        expect(clusterPlacementOfKubeconfig(config).cloud).toBe("aws");
    });

    it("treats a blank current-context as absent, so the only context (and its cluster) is used", () => {
        const config = { ...JSON.parse(twoClusters()), "current-context": "   ", contexts: [{ name: "eks", context: { cluster: "eks" } }] };
        expect(clusterPlacementOfKubeconfig(config).cloud).toBe("aws");
    });

    it("says so when the context names a cluster the kubeconfig does not have", () => {
        const config = { ...kubeconfig(), contexts: [{ name: "prod", context: { cluster: "gone", user: "prod-user" } }] };
        expect(clusterPlacementOfKubeconfig(config)).toEqual({ cloud: "unknown", evidence: "kubeconfig has no cluster named gone" });
    });

    it("says there is no server when the chosen context and cluster exist but the cluster has none", () => {
        const config = { ...kubeconfig(), clusters: [{ name: "prod", cluster: { "certificate-authority-data": "LS0t" } }] };
        expect(clusterPlacementOfKubeconfig(config)).toEqual({ cloud: "unknown", evidence: "kubeconfig names no cluster server" });
    });
});

describe("kubeconfig text the pack refuses or tolerates", () => {
    /** An AKS kubeconfig in YAML, padded to `length` characters with a trailing comment. */
    function paddedAks(length: number): string {
        const yaml = [
            "apiVersion: v1",
            "current-context: prod",
            "clusters:",
            "  - name: prod",
            "    cluster:",
            "      server: https://prod.hcp.eastus.azmk8s.io",
            "contexts:",
            "  - name: prod",
            "    context: {cluster: prod}",
            "# ",
        ].join("\n");
        return yaml + "x".repeat(length - yaml.length);
    }

    it("reads a kubeconfig of exactly 256 KB and refuses a larger one", () => {
        const limit = 256 * 1024;
        expect(clusterPlacementOfKubeconfig(paddedAks(limit)).cloud).toBe("azure");
        expect(clusterPlacementOfKubeconfig(paddedAks(limit + 1))).toEqual({
            cloud: "unknown",
            evidence: "kubeconfig could not be parsed: it is larger than 256 KB",
        });
    });

    it("reads a JSON kubeconfig with many clusters and users (many brackets, none deep)", () => {
        const names = Array.from({ length: 120 }, (_, i) => `c${i}`);
        const text = JSON.stringify({
            "current-context": "c119",
            clusters: names.map((name, i) => ({
                name,
                cluster: { server: i === 119 ? "https://x.hcp.eastus.azmk8s.io" : "https://10.0.0.1" },
            })),
            contexts: names.map((name) => ({ name, context: { cluster: name, user: name } })),
            users: names.map((name) => ({ name, user: { exec: { command: "kubelogin", args: ["get-token"] } } })),
        });
        expect(clusterPlacementOfKubeconfig(text).cloud).toBe("azure");
    });

    it("reads flow collections nested 100 deep, and refuses 101", () => {
        const nested = (depth: number, open: string, close: string) => `k: ${open.repeat(depth)}${close.repeat(depth)}`;
        expect(clusterPlacementOfKubeconfig(nested(100, "[", "]")).evidence).toBe("kubeconfig names no cluster server");
        const refused = { cloud: "unknown", evidence: "kubeconfig could not be parsed: it nests more than 100 levels deep" };
        expect(clusterPlacementOfKubeconfig(nested(101, "[ ", "] "))).toEqual(refused);
        expect(clusterPlacementOfKubeconfig(nested(101, "{ ", "} "))).toEqual(refused);
    });

    it("is not fooled into reading deep nesting by stray closing brackets before it", () => {
        const text = `note: "]]]]]]]]]]"\nk: ${"[".repeat(101)}${"]".repeat(101)}`;
        expect(clusterPlacementOfKubeconfig(text).evidence).toBe("kubeconfig could not be parsed: it nests more than 100 levels deep");
    });

    it("reads a kubeconfig that repeats a key", () => {
        const text = [
            "current-context: prod",
            "current-context: prod",
            "clusters:",
            "  - name: prod",
            "    cluster: {server: https://p.hcp.eastus.azmk8s.io}",
        ].join("\n");
        expect(clusterPlacementOfKubeconfig(text).cloud).toBe("azure");
    });

    it("gives the parser's one-line reason for a syntax error", () => {
        expect(clusterPlacementOfKubeconfig("clusters: [unclosed")).toEqual({
            cloud: "unknown",
            evidence: "kubeconfig could not be parsed: Flow sequence in block collection must be sufficiently indented and end with a ]",
        });
    });

    it("says it could not read an object whose lists cannot be known during preview", () => {
        const unknownList = new Proxy([], {
            get() {
                throw new Error("contexts can't be known during preview");
            },
        });
        expect(clusterPlacementOfKubeconfig({ "current-context": "prod", contexts: unknownList })).toEqual({
            cloud: "unknown",
            evidence: "kubeconfig could not be read: contexts can't be known during preview",
        });
    });
});
