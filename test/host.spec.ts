/**
 * Where a resource runs, and how the pack says it knows: its provider package's cloud, the cluster
 * its Kubernetes provider targets, the machine its Docker daemon or SSH connection is on, the
 * machines a local command reaches. Each answer is what a serving verdict names as its host.
 */
import { hostOf } from "../policypack/host";
import { judge } from "../policypack/registry";
import { defaultSettings } from "../policypack/settings";
import { ResourceView, StackNode } from "../policypack/resource";
import { k8sProvider, node, secret, stackOf, UNKNOWN, view } from "./support/views";

const eksKubeconfig = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- name: inference",
    "  cluster:",
    "    server: https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com",
    "contexts:",
    "- name: inference",
    "  context: { cluster: inference, user: admin }",
    "current-context: inference",
    "users:",
    "- name: admin",
    "  user: { token: x }",
    "",
].join("\n");

const deployment = (provider?: ResourceView["provider"]) => view("kubernetes:apps/v1:Deployment", "chat", { spec: {} }, provider);
const dockerProvider = (props: Record<string, unknown>) => ({
    urn: "urn:pulumi:dev::demo::pulumi:providers:docker::remote",
    type: "pulumi:providers:docker",
    name: "remote",
    props,
});
const container = (provider?: ResourceView["provider"]) =>
    view("docker:index/container:Container", "vllm", { image: "vllm/vllm-openai" }, provider);
const ec2 = view("aws:ec2/instance:Instance", "gpu", { instanceType: "g5.xlarge" });
const droplet = view("digitalocean:index/droplet:Droplet", "gpu", { size: "gpu-h100x1-80gb" });

/** A node for a provider view, with its property dependencies. */
function providerNode(provider: NonNullable<ResourceView["provider"]>, deps: Record<string, ResourceView[]> = {}): StackNode {
    return node({ ...provider, props: provider.props }, deps);
}

/** How an unknown package is placed when its provider settings do not place it on Azure (fail-closed). */
const unplaced = (pkg: string) => `${pkg} provider: a package the pack does not know, which its provider settings do not place on Azure`;

describe("a resource of a cloud's package", () => {
    it("runs on that cloud, known from the package alone", () => {
        expect(hostOf(view("gcp:cloudrunv2/service:Service", "s", {}))).toEqual({
            kind: "cloud",
            cloud: "gcp",
            how: "gcp provider",
            viaStack: false,
        });
        expect(hostOf(view("acmecloud:gpu:Server", "s", {}))).toEqual({
            kind: "cloud",
            cloud: "other",
            how: unplaced("acmecloud"),
            viaStack: false,
        });
    });

    it("of a package that hosts nothing runs nowhere", () => {
        expect(hostOf(view("random:index/randomId:RandomId", "r", {}))).toEqual({ kind: "none" });
    });
});

describe("a Kubernetes resource", () => {
    it("runs on the cloud of the cluster its provider's kubeconfig names", () => {
        const host = hostOf(deployment(k8sProvider("eks", { kubeconfig: eksKubeconfig })));
        expect(host).toMatchObject({ kind: "cloud", cloud: "aws", viaStack: false });
        expect(host.kind === "cloud" && host.how).toMatch(/^cluster of provider "eks": /);
    });

    it("follows the context or cluster the provider selects, not the kubeconfig's current one", () => {
        const two = [
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: eks",
            "  cluster: { server: https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com }",
            "- name: gke_acme_us-central1_serving",
            "  cluster: { server: https://34.118.1.2 }",
            "contexts:",
            "- name: eks",
            "  context: { cluster: eks, user: u }",
            "- name: gke_acme_us-central1_serving",
            "  context: { cluster: gke_acme_us-central1_serving, user: u }",
            "current-context: eks",
            "users: [{ name: u, user: { token: x } }]",
            "",
        ].join("\n");
        expect(hostOf(deployment(k8sProvider("p", { kubeconfig: two })))).toMatchObject({ cloud: "aws" });
        expect(hostOf(deployment(k8sProvider("p", { kubeconfig: two, context: "gke_acme_us-central1_serving" })))).toMatchObject({
            cloud: "gcp",
        });
        expect(hostOf(deployment(k8sProvider("p", { kubeconfig: two, cluster: "gke_acme_us-central1_serving" })))).toMatchObject({
            cloud: "gcp",
        });
        const host = hostOf(deployment(k8sProvider("p", { kubeconfig: two, context: "gke_acme_us-central1_serving" })));
        expect(host.kind === "cloud" && host.how).toMatch(/^cluster of provider "p": kubeconfig .*gke_acme_us-central1_serving/);
    });

    it("waits for the stack when the kubeconfig is unknown or absent, saying which", () => {
        expect(hostOf(deployment(k8sProvider("eks", { kubeconfig: UNKNOWN })))).toEqual({
            kind: "pending",
            what: 'the cluster of Kubernetes provider "eks" (its kubeconfig is unknown during preview)',
        });
        expect(hostOf(deployment())).toEqual({
            kind: "pending",
            what: "the cluster of Kubernetes the default provider (it has no kubeconfig and uses the ambient one)",
        });
        expect(hostOf(deployment(k8sProvider("empty", { kubeconfig: "" })))).toMatchObject({ kind: "pending" });
    });

    it("runs on the cloud of the cluster its kubeconfig comes from in the stack", () => {
        const cluster = view("aws:eks/cluster:Cluster", "inference", {});
        const provider = k8sProvider("eks", { kubeconfig: UNKNOWN });
        const stack = stackOf([node(cluster), providerNode(provider, { kubeconfig: [cluster] }), node(deployment(provider))]);
        expect(hostOf(deployment(provider), stack)).toEqual({
            kind: "cloud",
            cloud: "aws",
            how: 'cluster of provider "eks": kubeconfig comes from aws:eks/cluster:Cluster "inference" in this stack',
            viaStack: true,
        });
    });

    it("takes the stack's only cluster for a provider whose unknown kubeconfig depends on nothing", () => {
        const cluster = view("gcp:container/cluster:Cluster", "gke", {});
        const provider = k8sProvider("gke", { kubeconfig: UNKNOWN });
        const stack = stackOf([node(cluster), providerNode(provider), node(deployment(provider))]);
        const host = hostOf(deployment(provider), stack);
        expect(host).toMatchObject({ kind: "cloud", cloud: "gcp", viaStack: true });
        expect(host.kind === "cloud" && host.how).toContain('the stack\'s only cluster is gcp:container/cluster:Cluster "gke"');
        // A provider that depends on something else (a generated token) is not taken to be on that cluster.
        const vault = view("random:index/randomPassword:RandomPassword", "token", {});
        const fromVault = k8sProvider("vaulted", { kubeconfig: UNKNOWN });
        expect(
            hostOf(deployment(fromVault), stackOf([node(cluster), node(vault), providerNode(fromVault, { token: [vault] })])),
        ).toMatchObject({
            cloud: "unknown",
        });
        // A provider with no kubeconfig at all uses the ambient one: the stack's cluster says nothing about it.
        const ambient = k8sProvider("ambient", {});
        expect(hostOf(deployment(ambient), stackOf([node(cluster), providerNode(ambient)]))).toMatchObject({ cloud: "unknown" });
    });

    it("is on an unknown cloud when nothing in the stack shows the cluster", () => {
        const provider = k8sProvider("eks", { kubeconfig: UNKNOWN });
        expect(hostOf(deployment(provider), stackOf([providerNode(provider)]))).toEqual({
            kind: "cloud",
            cloud: "unknown",
            how: 'the cluster of Kubernetes provider "eks" (its kubeconfig is unknown during preview); nothing in the stack shows it',
            viaStack: true,
        });
    });
});

describe("a Docker container", () => {
    it.each([
        ["ssh://ubuntu@ec2-3-91-10-2.compute-1.amazonaws.com:22", "aws", "ec2-3-91-10-2.compute-1.amazonaws.com"],
        ["tcp://gpu-vm.westeurope.cloudapp.azure.com:2376", "azure", "gpu-vm.westeurope.cloudapp.azure.com"],
        ["ssh://root@static.88-99-1-2.clients.your-server.de", "hetzner", "static.88-99-1-2.clients.your-server.de"],
        ["HTTPS://Box.Oraclecloud.com.", "oci", "box.oraclecloud.com"],
    ])("whose daemon is at %s runs on %s", (address, cloud, host) => {
        expect(hostOf(container(dockerProvider({ host: address })))).toEqual({
            kind: "cloud",
            cloud,
            how: `daemon of Docker provider "remote" at ${host}`,
            viaStack: false,
        });
    });

    it("whose daemon address is not a network address, or names no host, waits for the stack", () => {
        for (const host of ["npipe:////./pipe/docker_engine", "ssh://", "tcp://[bad", "ec2-3-91-10-2.compute-1.amazonaws.com"]) {
            expect(hostOf(container(dockerProvider({ host })))).toMatchObject({ kind: "pending" });
        }
        expect(hostOf(container(dockerProvider({ host: " SSH://ops@Box.CloudApp.Azure.com " })))).toMatchObject({
            kind: "cloud",
            cloud: "azure",
        });
    });

    it("whose daemon is local, unknown or not a cloud's name waits for the stack, saying which", () => {
        expect(hostOf(container())).toEqual({
            kind: "pending",
            what: "the Docker daemon of the default Docker provider (a local socket or DOCKER_HOST: the machine running Pulumi)",
        });
        expect(hostOf(container(dockerProvider({ host: "unix:///var/run/docker.sock" })))).toMatchObject({
            what: 'the Docker daemon of Docker provider "remote" (a local socket or DOCKER_HOST: the machine running Pulumi)',
        });
        expect(hostOf(container(dockerProvider({ host: UNKNOWN })))).toMatchObject({
            what: 'the Docker daemon of Docker provider "remote" (its host is unknown during preview)',
        });
        expect(hostOf(container(dockerProvider({ host: "ssh://ops@10.0.0.7" })))).toMatchObject({
            what: 'the Docker daemon of Docker provider "remote" at 10.0.0.7',
        });
    });

    it("runs on the cloud of the machine of the stack its daemon's address comes from", () => {
        const provider = dockerProvider({ host: UNKNOWN });
        const stack = stackOf([node(droplet), providerNode(provider, { host: [droplet] })]);
        expect(hostOf(container(provider), stack)).toEqual({
            kind: "cloud",
            cloud: "digitalocean",
            how: 'daemon of Docker provider "remote": its host comes from digitalocean:index/droplet:Droplet "gpu" in this stack',
            viaStack: true,
        });
        expect(
            hostOf(container(provider), stackOf([node(droplet), node(ec2), providerNode(provider, { host: [droplet, ec2] })])),
        ).toMatchObject({
            cloud: "unknown",
        });
        expect(hostOf(container(provider), stackOf([providerNode(provider)]))).toMatchObject({
            kind: "cloud",
            cloud: "unknown",
            how: 'the Docker daemon of Docker provider "remote" (its host is unknown during preview); nothing in the stack shows which cloud it is on',
        });
    });
});

describe("a command run over SSH", () => {
    const remote = (host: unknown) =>
        view("command:remote:Command", "start", { connection: { host, user: "ubuntu" }, create: "vllm serve x" });

    it("runs on the cloud its connection's host name says", () => {
        expect(hostOf(remote("ec2-3-91-10-2.compute-1.amazonaws.com."))).toEqual({
            kind: "cloud",
            cloud: "aws",
            how: "the machine it connects to, ec2-3-91-10-2.compute-1.amazonaws.com",
            viaStack: false,
        });
    });

    it("waits for the stack when its host is an address, unknown or missing", () => {
        expect(hostOf(remote("203.0.113.10"))).toEqual({ kind: "pending", what: "the machine it connects to at 203.0.113.10" });
        expect(hostOf(remote(UNKNOWN))).toEqual({
            kind: "pending",
            what: "the machine it connects to (connection.host is unknown during preview)",
        });
        expect(hostOf(view("command:remote:Command", "c", {}))).toEqual({
            kind: "pending",
            what: "the machine it connects to (connection.host is not given)",
        });
    });

    it("runs on the cloud of the machine of the stack it connects to", () => {
        const command = remote(UNKNOWN);
        expect(hostOf(command, stackOf([node(ec2), node(command, { connection: [ec2] })]))).toEqual({
            kind: "cloud",
            cloud: "aws",
            how: 'the machine it connects to: its host comes from aws:ec2/instance:Instance "gpu" in this stack',
            viaStack: true,
        });
        expect(hostOf(command, stackOf([node(command)]))).toMatchObject({ cloud: "unknown", viaStack: true });
    });
});

describe("a local command", () => {
    const local = view("command:local:Command", "deploy", { create: "ssh ubuntu@$IP vllm serve gpt-4o" });

    it("runs where its command line reaches a machine of the stack, and otherwise nowhere the stack deploys", () => {
        expect(hostOf(local)).toMatchObject({ kind: "pending" });
        expect(hostOf(local, stackOf([node(ec2), node(local, { create: [ec2] })]))).toEqual({
            kind: "cloud",
            cloud: "aws",
            how: 'the machine its command line reaches: its host comes from aws:ec2/instance:Instance "gpu" in this stack',
            viaStack: true,
        });
        expect(hostOf(local, stackOf([node(droplet), node(local, { update: [droplet] })]))).toMatchObject({ cloud: "digitalocean" });
        expect(hostOf(local, stackOf([node(ec2), node(local, { environment: [ec2] })]))).toEqual({ kind: "none" });
    });
});

describe("services that run on several clouds, by what their settings name", () => {
    const provider = (pkg: string, props: Record<string, unknown>) => ({
        urn: `urn:pulumi:dev::demo::pulumi:providers:${pkg}::workspace`,
        type: `pulumi:providers:${pkg}`,
        name: "workspace",
        props,
    });
    const serving = (props: Record<string, unknown>, providerProps?: Record<string, unknown>) =>
        view(
            "databricks:index/modelServing:ModelServing",
            "chat",
            props,
            providerProps ? provider("databricks", providerProps) : undefined,
        );
    const hostIn = (resource: ResourceView) => {
        const host = hostOf(resource);
        return host.kind === "cloud" ? [host.cloud, host.how] : [host.kind];
    };

    it("places a Databricks workspace or a Snowflake account on the cloud its host names", () => {
        expect(hostIn(serving({}, { host: "https://adb-5555555555555555.15.azuredatabricks.net" }))).toEqual([
            "azure",
            "databricks provider: host adb-5555555555555555.15.azuredatabricks.net",
        ]);
        expect(hostIn(serving({}, { host: "https://dbc-1234abcd-5678.cloud.databricks.com" }))[0]).toBe("aws");
        const snowflake = (props: Record<string, unknown>) =>
            view("snowflake:index/service:Service", "chat", {}, provider("snowflake", props));
        expect(hostIn(snowflake({ host: "xy12345.east-us-2.azure.snowflakecomputing.com" }))[0]).toBe("azure");
        expect(hostIn(snowflake({ account: "xy12345", region: "east-us-2.azure" }))).toEqual([
            "azure",
            "snowflake provider: region east-us-2.azure",
        ]);
        expect(hostIn(snowflake({ region: "AZURE_EASTUS2" }))[0]).toBe("azure");
        expect(hostIn(snowflake({ region: "us-east-1" }))).toEqual(["other", unplaced("snowflake")]);
    });

    it("reads an Azure resource id of the provider, and a cloud the resource itself names", () => {
        const workspace =
            "/subscriptions/7d1f0000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/w";
        expect(hostIn(serving({}, { azureWorkspaceResourceId: workspace }))).toEqual([
            "azure",
            "databricks provider: azureWorkspaceResourceId is an Azure resource id",
        ]);
        expect(hostIn(view("mongodbatlas:index/cluster:Cluster", "db", { providerName: "AZURE" }))[0]).toBe("azure");
        expect(hostIn(view("confluent:index/kafkaCluster:KafkaCluster", "events", { cloud: "GCP" }))[0]).toBe("gcp");
    });

    it("does not take a URL the resource holds for where it runs, nor settings that disagree", () => {
        expect(hostIn(serving({ url: "http://gateway.eastus.cloudapp.azure.com" }))).toEqual(["other", unplaced("databricks")]);
        expect(hostIn(serving({}, { host: "https://adb-1.azuredatabricks.net", region: "aws" }))).toEqual([
            "other",
            unplaced("databricks"),
        ]);
        expect(hostIn(serving({}, { host: UNKNOWN }))).toEqual(["other", unplaced("databricks")]);
    });

    it("never shows a host held in a Pulumi secret", () => {
        const hidden = serving({}, { host: secret("https://adb-5555555555555555.15.azuredatabricks.net") });
        expect(hostIn(hidden)).toEqual(["azure", "databricks provider: host (a Pulumi secret)"]);
    });
});

describe("a model served on a multi-cloud service is judged by the cloud its settings name", () => {
    it("allows gpt-4o served on Azure Databricks and blocks it on Databricks on AWS", () => {
        const on = (host: string) =>
            view(
                "databricks:index/modelServing:ModelServing",
                "chat",
                { config: { servedEntities: [{ name: "chat", environmentVars: { SERVED_MODEL_NAME: "gpt-4o" } }] } },
                {
                    urn: "urn:pulumi:dev::demo::pulumi:providers:databricks::w",
                    type: "pulumi:providers:databricks",
                    name: "w",
                    props: { host },
                },
            );
        expect(judge(on("https://adb-1.azuredatabricks.net"), defaultSettings)).toEqual([]);
        const [verdict] = judge(on("https://dbc-1.cloud.databricks.com"), defaultSettings);
        expect([verdict.subject.kind, verdict.placement]).toEqual([
            "serves-model",
            { cloud: "aws", how: "databricks provider: host dbc-1.cloud.databricks.com" },
        ]);
    });
});
