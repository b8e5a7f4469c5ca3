import { clusterPlacementOfKubeconfig } from "../policypack/kubeconfig";

/** A one-cluster kubeconfig as the cloud CLIs write it, as an object; tests change one field at a time. */
function kubeconfig(opts: { server?: string; cluster?: string; context?: string; user?: Record<string, unknown> } = {}) {
    const cluster = opts.cluster ?? "prod";
    const context = opts.context ?? "prod";
    return {
        apiVersion: "v1",
        kind: "Config",
        "current-context": context,
        clusters: [{ name: cluster, cluster: { server: opts.server ?? "https://10.0.0.1", "certificate-authority-data": "LS0t" } }],
        contexts: [{ name: context, context: { cluster, user: "prod-user" } }],
        users: [{ name: "prod-user", user: opts.user ?? { token: "abc" } }],
    };
}

const aksYaml = `
apiVersion: v1
kind: Config
current-context: prod-aks
clusters:
  - name: prod-aks
    cluster:
      server: https://prod-aks-dns-1a2b3c4d.hcp.eastus.azmk8s.io:443
contexts:
  - name: prod-aks
    context:
      cluster: prod-aks
      user: clusterUser_rg_prod-aks
users:
  - name: clusterUser_rg_prod-aks
    user:
      exec:
        command: kubelogin
        args: [get-token, --login, azurecli, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]
`;

describe("clusterPlacementOfKubeconfig", () => {
    it("places an AKS kubeconfig (YAML) on Azure by its API server host", () => {
        expect(clusterPlacementOfKubeconfig(aksYaml)).toEqual({
            cloud: "azure",
            evidence: "kubeconfig server https://prod-aks-dns-1a2b3c4d.hcp.eastus.azmk8s.io:443",
        });
    });

    it("reads the same kubeconfig given as JSON", () => {
        const json = JSON.stringify(kubeconfig({ server: "https://prod-aks-dns.hcp.westeurope.azmk8s.io:443" }));
        expect(clusterPlacementOfKubeconfig(json).cloud).toBe("azure");
    });

    it("reads an already-parsed kubeconfig object", () => {
        expect(clusterPlacementOfKubeconfig(kubeconfig({ server: "https://ABC.gr7.us-west-2.eks.amazonaws.com" }))).toEqual({
            cloud: "aws",
            evidence: "kubeconfig server https://ABC.gr7.us-west-2.eks.amazonaws.com",
        });
    });

    it("places a dual-stack EKS endpoint on AWS", () => {
        expect(clusterPlacementOfKubeconfig(kubeconfig({ server: "https://abc.gr7.us-east-1.eks.api.aws" })).cloud).toBe("aws");
    });

    it("places an EKS cluster named by ARN on AWS when the server is an IP", () => {
        const arn = "arn:aws:eks:us-west-2:123456789012:cluster/prod";
        expect(clusterPlacementOfKubeconfig(kubeconfig({ cluster: arn, context: arn }))).toEqual({
            cloud: "aws",
            evidence: `kubeconfig cluster ${arn}`,
        });
    });

    it("places a cluster reached with `aws eks get-token` on AWS", () => {
        const user = {
            exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "aws",
                args: ["eks", "get-token", "--cluster-name", "prod"],
            },
        };
        expect(clusterPlacementOfKubeconfig(kubeconfig({ user }))).toEqual({
            cloud: "aws",
            evidence: "kubeconfig user exec aws eks get-token --cluster-name prod",
        });
    });

    it("places a GKE cluster (bare IP server) on Google Cloud by its gke_ cluster name", () => {
        const name = "gke_acme-prod_us-central1_serving";
        expect(clusterPlacementOfKubeconfig(kubeconfig({ server: "https://34.118.1.2", cluster: name, context: name }))).toEqual({
            cloud: "gcp",
            evidence: `kubeconfig cluster ${name}`,
        });
    });

    it("places a cluster on Google Cloud by its gke_ context name alone", () => {
        const placement = clusterPlacementOfKubeconfig(kubeconfig({ context: "gke_proj_us-central1_prod", cluster: "prod" }));
        expect(placement).toEqual({ cloud: "gcp", evidence: "kubeconfig context gke_proj_us-central1_prod" });
    });

    it("places a cluster reached with gke-gcloud-auth-plugin on Google Cloud", () => {
        const user = { exec: { command: "/usr/lib/google-cloud-sdk/bin/gke-gcloud-auth-plugin", provideClusterInfo: true } };
        expect(clusterPlacementOfKubeconfig(kubeconfig({ user })).cloud).toBe("gcp");
    });

    it("places a cluster reached with kubelogin on Azure", () => {
        const user = { exec: { command: "kubelogin.exe", args: ["get-token"] } };
        expect(clusterPlacementOfKubeconfig(kubeconfig({ user })).cloud).toBe("azure");
    });

    it("lets the API server host win over a misleading name", () => {
        const placement = clusterPlacementOfKubeconfig(
            kubeconfig({ server: "https://x.hcp.eastus.azmk8s.io", cluster: "gke_copied_name" }),
        );
        expect(placement.cloud).toBe("azure");
    });

    it("does not take a look-alike server host for AKS", () => {
        expect(clusterPlacementOfKubeconfig(kubeconfig({ server: "https://x.azmk8s.io.evil.io" })).cloud).toBe("unknown");
    });

    it("reports an unrecognised cluster as unknown, naming the server", () => {
        expect(clusterPlacementOfKubeconfig(kubeconfig({ server: "https://k8s.internal.example.com:6443" }))).toEqual({
            cloud: "unknown",
            evidence: "kubeconfig server https://k8s.internal.example.com:6443 is not a recognised managed Kubernetes endpoint",
        });
    });

    describe("choosing the context and cluster", () => {
        const twoClusters = {
            "current-context": "aks",
            clusters: [
                { name: "aks", cluster: { server: "https://a.hcp.eastus.azmk8s.io" } },
                { name: "eks", cluster: { server: "https://b.gr7.us-east-1.eks.amazonaws.com" } },
            ],
            contexts: [
                { name: "aks", context: { cluster: "aks", user: "u" } },
                { name: "eks", context: { cluster: "eks", user: "u" } },
            ],
        };

        it("follows current-context", () => {
            expect(clusterPlacementOfKubeconfig(twoClusters).cloud).toBe("azure");
        });

        it("follows the provider's context override", () => {
            expect(clusterPlacementOfKubeconfig(twoClusters, { context: "eks" }).cloud).toBe("aws");
        });

        it("follows the provider's cluster override", () => {
            expect(clusterPlacementOfKubeconfig(twoClusters, { cluster: "eks" }).cloud).toBe("aws");
        });

        it("uses the only context when current-context is missing", () => {
            const { "current-context": _ignored, ...noCurrent } = kubeconfig({ server: "https://a.hcp.eastus.azmk8s.io" });
            expect(clusterPlacementOfKubeconfig(noCurrent).cloud).toBe("azure");
        });

        it("says so when the named context does not exist", () => {
            expect(clusterPlacementOfKubeconfig(twoClusters, { context: "gone" })).toEqual({
                cloud: "unknown",
                evidence: "kubeconfig has no context named gone",
            });
        });

        it("says so when there is no server at all", () => {
            expect(clusterPlacementOfKubeconfig({ apiVersion: "v1", clusters: [] })).toEqual({
                cloud: "unknown",
                evidence: "kubeconfig names no cluster server",
            });
        });
    });

    describe("input that is not a kubeconfig", () => {
        it.each([
            ["a YAML syntax error", "clusters: [unclosed", /^kubeconfig could not be parsed: /],
            ["a scalar", "just a string", /not a YAML or JSON mapping/],
            ["an empty string", "  ", /empty/],
            ["a number", 42, /got number/],
            ["null", null, /got null/],
            ["an array", [1, 2], /got an array/],
            ["two YAML documents", "a: 1\n---\nb: 2\n", /^kubeconfig could not be parsed: /],
        ])("reports %s as unparseable", (_what, input, evidence) => {
            const placement = clusterPlacementOfKubeconfig(input);
            expect(placement.cloud).toBe("unknown");
            expect(placement.evidence).toMatch(evidence);
        });

        it("refuses a YAML alias bomb instead of expanding it", () => {
            const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
                .concat(
                    ["b", "c", "d", "e", "f", "g", "h", "i"].map(
                        (k, i) => `${k}: &${k} [${Array(10).fill(`*${"abcdefghi"[i]}`).join(", ")}]`,
                    ),
                )
                .join("\n");
            // Its time is measured by `npm run bench` (hostile inputs); here, that it is refused.
            const placement = clusterPlacementOfKubeconfig(bomb);
            expect(placement.cloud).toBe("unknown");
        });

        it("survives an object whose getters throw, as unknown-checking proxies do", () => {
            const hostile = new Proxy(
                {},
                {
                    get() {
                        throw new Error("can't be known during preview");
                    },
                },
            );
            expect(clusterPlacementOfKubeconfig(hostile).cloud).toBe("unknown");
        });

        it("does not quote user credentials in its evidence", () => {
            const placement = clusterPlacementOfKubeconfig(kubeconfig({ user: { token: "sekrit-token-value" } }));
            expect(placement.evidence).not.toContain("sekrit");
        });
    });
});

describe("the same kubeconfig text read again", () => {
    const twoClusters = JSON.stringify({
        "current-context": "aks",
        contexts: [
            { name: "aks", context: { cluster: "aks" } },
            { name: "eks", context: { cluster: "eks" } },
        ],
        clusters: [
            { name: "aks", cluster: { server: "https://contoso-1234.hcp.eastus.azmk8s.io:443" } },
            { name: "eks", cluster: { server: "https://ABCDEF.gr7.us-west-2.eks.amazonaws.com" } },
        ],
    });

    it("still follows each provider's own context and cluster overrides", () => {
        expect(clusterPlacementOfKubeconfig(twoClusters).cloud).toBe("azure");
        expect(clusterPlacementOfKubeconfig(twoClusters, { context: "eks" }).cloud).toBe("aws");
        expect(clusterPlacementOfKubeconfig(twoClusters, { cluster: "eks" }).cloud).toBe("aws");
        expect(clusterPlacementOfKubeconfig(twoClusters).cloud).toBe("azure");
    });
});
