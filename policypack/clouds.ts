/**
 * Which cloud hosts a resource, decided by its provider package (the first
 * segment of its type token). Kubernetes resources are hosted wherever their
 * cluster is, so they get "kubernetes" here and are resolved elsewhere.
 */
import { rememberedBy } from "./memo";

/** A cloud as the pack reports it; "unknown" means the pack could not tell. */
export type Cloud =
    | "azure"
    | "aws"
    | "gcp"
    | "oci"
    | "alibaba"
    | "digitalocean"
    | "cloudflare"
    | "ibm"
    | "hetzner"
    | "linode"
    | "vultr"
    | "other"
    | "unknown";

/** How a provider package places its resources. */
export type Placement =
    | { kind: "cloud"; cloud: Cloud }
    /** Kubernetes and friends: hosted where the cluster is. */
    | { kind: "cluster" }
    /** Docker containers: hosted where the provider's Docker daemon is. */
    | { kind: "docker-host" }
    /** Commands run over SSH (`command:remote:Command`): hosted on the machine they connect to. */
    | { kind: "remote-machine" }
    /**
     * Commands run where `pulumi` runs (`command:local:Command`): hosted nowhere the stack deploys
     * to, unless the command line reaches a machine of the stack (`ssh … ${ip}`, `aws ssm send-command`).
     */
    | { kind: "local-machine" }
    /** Packages that never host a workload (random, tls, the Pulumi engine itself …). */
    | { kind: "none" };

const packagePlacements: ReadonlyArray<[prefix: string, placement: Placement]> = [
    ["azure-native", { kind: "cloud", cloud: "azure" }],
    ["azure", { kind: "cloud", cloud: "azure" }],
    ["azuread", { kind: "none" }],
    ["aws", { kind: "cloud", cloud: "aws" }],
    ["aws-native", { kind: "cloud", cloud: "aws" }],
    ["awsx", { kind: "cloud", cloud: "aws" }],
    ["eks", { kind: "cloud", cloud: "aws" }],
    ["gcp", { kind: "cloud", cloud: "gcp" }],
    ["google-native", { kind: "cloud", cloud: "gcp" }],
    ["oci", { kind: "cloud", cloud: "oci" }],
    ["alicloud", { kind: "cloud", cloud: "alibaba" }],
    ["digitalocean", { kind: "cloud", cloud: "digitalocean" }],
    ["cloudflare", { kind: "cloud", cloud: "cloudflare" }],
    ["ibm", { kind: "cloud", cloud: "ibm" }],
    ["hcloud", { kind: "cloud", cloud: "hetzner" }],
    ["linode", { kind: "cloud", cloud: "linode" }],
    ["vultr", { kind: "cloud", cloud: "vultr" }],
    ["docker", { kind: "docker-host" }],
    ["kubernetes", { kind: "cluster" }],
    ["helm", { kind: "cluster" }],
    ["pulumi", { kind: "none" }],
    ["random", { kind: "none" }],
    ["tls", { kind: "none" }],
    ["command", { kind: "none" }],
    ["time", { kind: "none" }],
    ["null", { kind: "none" }],
    ["std", { kind: "none" }],
    ["github", { kind: "none" }],
    ["gitlab", { kind: "none" }],
    ["docker-build", { kind: "none" }],
    // Terraform's utility providers (plans the checker converts): files, archives, templates, data.
    ["local", { kind: "none" }],
    ["archive", { kind: "none" }],
    ["external", { kind: "none" }],
    ["http", { kind: "none" }],
    ["cloudinit", { kind: "none" }],
    ["template", { kind: "none" }],
    ["terraform", { kind: "none" }],
];

const placementByPackage = new Map(packagePlacements);

/** The provider package of a type token: `aws:bedrock/x:X` → `aws`, `pulumi:providers:aws` → `aws`. */
export function packageOf(typeToken: string): string {
    // Cut out, not split: every resource asks, and most tokens have three parts.
    const colon = typeToken.indexOf(":");
    const first = colon < 0 ? typeToken : typeToken.slice(0, colon);
    if (first === "pulumi" && typeToken.startsWith("providers:", colon + 1)) {
        const start = colon + 1 + "providers:".length;
        const end = typeToken.indexOf(":", start);
        const third = end < 0 ? typeToken.slice(start) : typeToken.slice(start, end);
        if (third !== "") {
            return third;
        }
    }
    return first;
}

/**
 * Where a resource of this type token is hosted. An unlisted package is a
 * cloud the pack does not know by name: it is off Azure ("other"). Remembered
 * per type token (a stack has a few dozen); the placement is shared, not to be changed.
 */
export const placementOf: (typeToken: string) => Placement = rememberedBy(placementOfType);

function placementOfType(typeToken: string): Placement {
    if (typeToken.startsWith("pulumi:")) {
        return { kind: "none" };
    }
    if (typeToken.startsWith("command:remote:")) {
        return { kind: "remote-machine" };
    }
    if (typeToken.startsWith("command:local:")) {
        return { kind: "local-machine" };
    }
    return placementByPackage.get(packageOf(typeToken)) ?? { kind: "cloud", cloud: "other" };
}

const cloudNames: Record<Cloud, string> = {
    azure: "Azure",
    aws: "AWS",
    gcp: "Google Cloud",
    oci: "Oracle Cloud",
    alibaba: "Alibaba Cloud",
    digitalocean: "DigitalOcean",
    cloudflare: "Cloudflare",
    ibm: "IBM Cloud",
    hetzner: "Hetzner Cloud",
    linode: "Akamai Cloud (Linode)",
    vultr: "Vultr",
    other: "a cloud other than Azure",
    unknown: "an unknown cloud",
};

/** The name of a cloud as a message shows it. */
export function cloudName(cloud: Cloud): string {
    return cloudNames[cloud];
}
