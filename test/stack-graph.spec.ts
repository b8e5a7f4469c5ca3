/**
 * The walks over the stack's graph that answer what one resource cannot show: which resources a
 * property is computed from, the cluster behind a Kubernetes provider, the machine behind a Docker
 * host, the path of an API Gateway v1 method, the backend behind a route, and the entries of the
 * Kubernetes ConfigMaps and Secrets, AWS, GCP and Azure stores a setting reads. Each answer is what
 * a verdict's placement, route or evidence then shows the user.
 */
import { ResourceView, StackNode } from "../policypack/resource";
import {
    apiGatewayV1PathOf,
    awsStoreValues,
    backendBehind,
    clusterBehind,
    dependenciesOf,
    kubernetesKeyValues,
    kubernetesStoreContents,
    kubernetesStores,
    machineBehind,
    namedSecretValues,
    onlyClusterCloudOf,
    s3ObjectContents,
    sourcesOf,
} from "../policypack/stack";
import { k8sProvider, node, secret, stackOf, UNKNOWN, view } from "./support/views";

type Provider = NonNullable<ResourceView["provider"]>;

/** A URN no resource of the stack has (a resource of another stack, or one deleted). */
const dangling = "urn:pulumi:dev::demo::aws:lambda/function:Function::gone";

/** A node whose property dependencies are given as URNs (some of which may be dangling). */
function rawNode(resource: ResourceView, propertyDependencies: Record<string, string[]>, dependencies?: string[]): StackNode {
    return { ...resource, propertyDependencies, dependencies: dependencies ?? Object.values(propertyDependencies).flat() };
}

const shown = (values: Array<{ value: string; where: string; secret: boolean }>) =>
    values.map((v) => `${v.where} = ${v.value}${v.secret ? " (secret)" : ""}`);

describe("the resources a property is computed from", () => {
    it("are the property's own dependencies, none for a resource outside the stack or a property without any", () => {
        const role = view("aws:iam/role:Role", "role", {});
        const fn = node(view("aws:lambda/function:Function", "fn", {}), { role: [role] });
        expect(dependenciesOf(fn, "role")).toEqual([role.urn]);
        expect(dependenciesOf(fn, "environment")).toEqual([]);
        expect(dependenciesOf(undefined, "role")).toEqual([]);
    });

    it("are none when the engine sent something other than a list for the property", () => {
        const odd = rawNode(view("aws:lambda/function:Function", "fn", {}), {});
        (odd.propertyDependencies as Record<string, unknown>)["role"] = "urn:pulumi:dev::demo::aws:iam/role:Role::role";
        expect(dependenciesOf(odd, "role")).toEqual([]);
    });

    it("leave out dependencies that are not resources of this stack", () => {
        const role = view("aws:iam/role:Role", "role", {});
        const fn = view("aws:lambda/function:Function", "fn", {});
        const stack = stackOf([node(role), rawNode(fn, { role: [dangling, role.urn] })]);
        expect(sourcesOf(fn, "role", stack).map((n) => n.name)).toEqual(["role"]);
    });
});

describe("the cluster behind a Kubernetes provider", () => {
    const provider = (name: string) => view("pulumi:providers:kubernetes", name, { kubeconfig: UNKNOWN });

    it("is a provider that is not in the stack: no cluster", () => {
        expect(clusterBehind(provider("k8s").urn, stackOf([]))).toBeUndefined();
    });

    it("is the cluster its kubeconfig comes from, not another resource it depends on", () => {
        const gke = view("gcp:container/cluster:Cluster", "gke", {});
        const eks = view("aws:eks/cluster:Cluster", "eks", {});
        const k8s = provider("k8s");
        const stack = stackOf([node(gke), node(eks), node(k8s, { cluster: [gke], kubeconfig: [eks] })]);
        expect(clusterBehind(k8s.urn, stack)).toEqual({
            cloud: "aws",
            how: 'kubeconfig comes from aws:eks/cluster:Cluster "eks" in this stack',
        });
    });

    it("is found among the provider's dependencies when its kubeconfig names none", () => {
        const aks = view("azure-native:containerservice:ManagedCluster", "aks", {});
        const k8s = provider("k8s");
        const stack = stackOf([node(aks), rawNode(k8s, {}, [dangling, aks.urn])]);
        expect(clusterBehind(k8s.urn, stack)).toEqual({
            cloud: "azure",
            how: 'kubeconfig comes from azure-native:containerservice:ManagedCluster "aks" in this stack',
        });
    });

    it("is the cloud of the one cloud resource the kubeconfig comes from, named in the message", () => {
        const password = view("random:index/randomPassword:RandomPassword", "password", {});
        const role = view("aws:iam/role:Role", "admin", {});
        const k8s = provider("k8s");
        const stack = stackOf([node(password), node(role), node(k8s, { kubeconfig: [password, role] })]);
        expect(clusterBehind(k8s.urn, stack)).toEqual({
            cloud: "aws",
            how: 'kubeconfig comes from aws:iam/role:Role "admin" (AWS) in this stack',
        });
    });

    it("is unknown when the kubeconfig comes from resources of two clouds, or of none", () => {
        const role = view("aws:iam/role:Role", "admin", {});
        const account = view("gcp:serviceaccount/account:Account", "sa", {});
        const password = view("random:index/randomPassword:RandomPassword", "password", {});
        const mixed = provider("mixed");
        const hostless = provider("hostless");
        const stack = stackOf([
            node(role),
            node(account),
            node(password),
            node(mixed, { kubeconfig: [role, account] }),
            node(hostless, { kubeconfig: [password] }),
        ]);
        expect(clusterBehind(mixed.urn, stack)).toBeUndefined();
        expect(clusterBehind(hostless.urn, stack)).toBeUndefined();
    });
});

describe("the cloud of the stack's only clusters (a kubeconfig unknown during preview)", () => {
    const later = "(`pulumi up` judges the real kubeconfig)";

    it("names the only cluster", () => {
        const stack = stackOf([node(view("gcp:container/cluster:Cluster", "gke", {}))]);
        expect(onlyClusterCloudOf(stack)).toEqual({
            cloud: "gcp",
            how: `its kubeconfig is unknown during preview and carries no dependency; the stack's only cluster is gcp:container/cluster:Cluster "gke", so it is taken to be that ${later}`,
        });
    });

    it("counts the clusters when there are several on one cloud", () => {
        const stack = stackOf([node(view("aws:eks/cluster:Cluster", "a", {})), node(view("eks:index:Cluster", "b", {}))]);
        expect(onlyClusterCloudOf(stack)).toEqual({
            cloud: "aws",
            how: `its kubeconfig is unknown during preview and carries no dependency; all 2 clusters of the stack are on AWS, so it is taken to be that ${later}`,
        });
    });

    it("is none for a stack without clusters or with clusters on two clouds", () => {
        expect(onlyClusterCloudOf(stackOf([node(view("aws:iam/role:Role", "r", {}))]))).toBeUndefined();
        const mixed = stackOf([
            node(view("aws:eks/cluster:Cluster", "eks", {})),
            node(view("azure:containerservice/kubernetesCluster:KubernetesCluster", "aks", {})),
        ]);
        expect(onlyClusterCloudOf(mixed)).toBeUndefined();
    });
});

describe("the machine behind a Docker host or a remote connection", () => {
    const docker = (name: string) => view("pulumi:providers:docker", name, { host: UNKNOWN });

    it("is none for a resource that is not in the stack", () => {
        expect(machineBehind(docker("d").urn, stackOf([]))).toBeUndefined();
    });

    it("is the machine the host comes from, not another resource the provider depends on", () => {
        const droplet = view("digitalocean:index/droplet:Droplet", "box", {});
        const vm = view("aws:ec2/instance:Instance", "vm", {});
        const d = docker("d");
        const stack = stackOf([node(droplet), node(vm), node(d, { registryAuth: [droplet], host: [vm] })]);
        expect(machineBehind(d.urn, stack)).toEqual({
            cloud: "aws",
            how: 'its host comes from aws:ec2/instance:Instance "vm" in this stack',
        });
    });

    it("reads the property it is asked for (a remote command's connection)", () => {
        const droplet = view("digitalocean:index/droplet:Droplet", "box", {});
        const vm = view("hcloud:index/server:Server", "vm", {});
        const command = view("command:remote:Command", "run", {});
        const stack = stackOf([node(droplet), node(vm), node(command, { triggers: [droplet], connection: [vm] })]);
        expect(machineBehind(command.urn, stack, "connection")?.cloud).toBe("hetzner");
    });

    it("is found among the resource's dependencies when the host names none, skipping hostless ones", () => {
        const key = view("tls:index/privateKey:PrivateKey", "key", {});
        const vm = view("gcp:compute/instance:Instance", "vm", {});
        const d = docker("d");
        const stack = stackOf([node(key), node(vm), rawNode(d, {}, [dangling, key.urn, vm.urn])]);
        expect(machineBehind(d.urn, stack)).toEqual({
            cloud: "gcp",
            how: 'its host comes from gcp:compute/instance:Instance "vm" in this stack',
        });
    });

    it("is unknown when the host comes from machines of two clouds, or from none", () => {
        const droplet = view("digitalocean:index/droplet:Droplet", "box", {});
        const vm = view("aws:ec2/instance:Instance", "vm", {});
        const key = view("tls:index/privateKey:PrivateKey", "key", {});
        const both = docker("both");
        const none = docker("none");
        const stack = stackOf([node(droplet), node(vm), node(key), node(both, { host: [droplet, vm] }), node(none, { host: [key] })]);
        expect(machineBehind(both.urn, stack)).toBeUndefined();
        expect(machineBehind(none.urn, stack)).toBeUndefined();
    });
});

describe("the path of an API Gateway v1 method", () => {
    const resource = (name: string, pathPart: unknown) => view("aws:apigateway/resource:Resource", name, { pathPart });

    it("walks the parent resources up to the API's root", () => {
        const v1 = resource("v1", "v1");
        const chat = resource("chat", "chat");
        const completions = resource("completions", "completions");
        const method = view("aws:apigateway/method:Method", "post", { httpMethod: "POST" });
        const stack = stackOf([
            node(v1),
            node(chat, { parentId: [v1] }),
            node(completions, { parentId: [chat] }),
            node(method, { resourceId: [completions] }),
        ]);
        expect(apiGatewayV1PathOf(method, "resourceId", stack)).toBe("/v1/chat/completions");
    });

    it("shows a part it cannot read as {unknown}, and skips resources that are not path parts", () => {
        const proxy = resource("proxy", undefined);
        const method = view("aws:apigateway/method:Method", "any", {});
        const rest = view("aws:apigateway/restApi:RestApi", "api", {});
        const stack = stackOf([node(rest), node(proxy), rawNode(method, { resourceId: [dangling, rest.urn, proxy.urn] })]);
        expect(apiGatewayV1PathOf(method, "resourceId", stack)).toBe("/{unknown}");
    });

    it("is the root for a method on the API's root resource", () => {
        const method = view("aws:apigateway/method:Method", "root", {});
        const stack = stackOf([node(method)]);
        expect(apiGatewayV1PathOf(method, "resourceId", stack)).toBe("/");
    });

    it("stops after 32 parts on a chain of parents that never ends", () => {
        const loop = resource("loop", "x");
        const looping = rawNode(loop, { parentId: [loop.urn] });
        const method = view("aws:apigateway/method:Method", "m", {});
        const stack = stackOf([looping, node(method, { resourceId: [loop] })]);
        expect(apiGatewayV1PathOf(method, "resourceId", stack)).toBe(`/${Array(32).fill("x").join("/")}`);
    });
});

describe("the backend behind a route", () => {
    const isFunction = (n: StackNode) => n.type === "aws:lambda/function:Function";
    const route = view("aws:apigatewayv2/route:Route", "route", {});

    /** A chain route → integration → hop1 → … → the function, `hops` resources between the route and the function. */
    function chain(hops: number): ReturnType<typeof stackOf> {
        const fn = view("aws:lambda/function:Function", "fn", {});
        const links = Array.from({ length: hops }, (_, i) => view("aws:iam/role:Role", `hop${i}`, {}));
        const nodes = [node(fn)];
        links.forEach((link, i) => nodes.push(node(link, { next: [links[i + 1] ?? fn] })));
        nodes.push(node(route, { target: [links[0] ?? fn] }));
        return stackOf(nodes);
    }

    it("is found through the route's backend properties, up to four resources away", () => {
        expect(backendBehind(route, ["target"], chain(0), isFunction)?.name).toBe("fn");
        expect(backendBehind(route, ["target"], chain(3), isFunction)?.name).toBe("fn");
    });

    it("is not followed further than four resources away", () => {
        expect(backendBehind(route, ["target"], chain(4), isFunction)).toBeUndefined();
    });

    it("is none for a route that is not in the stack, or through a property that is not a backend property", () => {
        expect(backendBehind(route, ["target"], stackOf([]), isFunction)).toBeUndefined();
        expect(backendBehind(route, ["authorizerId"], chain(0), isFunction)).toBeUndefined();
    });

    it("skips dependencies that are not resources of this stack", () => {
        const fn = view("aws:lambda/function:Function", "fn", {});
        const stack = stackOf([node(fn), rawNode(route, { target: [dangling, fn.urn] })]);
        expect(backendBehind(route, ["target"], stack, isFunction)?.name).toBe("fn");
    });

    it("is reached from a target group through the services registered in it", () => {
        const group = view("aws:lb/targetGroup:TargetGroup", "tg", {});
        const service = view("aws:ecs/service:Service", "vllm", {});
        const listener = view("aws:lb/listener:Listener", "https", {});
        const stack = stackOf([node(group), node(service, { loadBalancers: [group] }), node(listener, { defaultActions: [group] })]);
        const isService = (n: StackNode) => n.type === "aws:ecs/service:Service";
        expect(backendBehind(listener, ["defaultActions"], stack, isService)?.name).toBe("vllm");
    });

    it("is never the route itself, even when the graph leads back to it", () => {
        const api = view("aws:apigatewayv2/api:Api", "api", {});
        const integration = view("aws:apigatewayv2/integration:Integration", "integration", {});
        const stack = stackOf([node(api, { routes: [route] }), node(integration, { api: [api] }), node(route, { target: [integration] })]);
        const isRoute = (n: StackNode) => n.type === route.type;
        expect(backendBehind(route, ["target"], stack, isRoute)).toBeUndefined();
    });
});

describe("the entries of Kubernetes ConfigMaps and Secrets", () => {
    const deployment = (provider?: Provider, namespace?: unknown) =>
        view("kubernetes:apps/v1:Deployment", "server", namespace === undefined ? {} : { metadata: { namespace } }, provider);
    const store = (kind: "ConfigMap" | "Secret", name: string, props: Record<string, unknown>, provider?: Provider) =>
        view(`kubernetes:core/v1:${kind}`, name, props, provider);

    it("reads both stringData and data, decoding a Secret's data from base64", () => {
        const reader = deployment();
        const config = store("ConfigMap", "cm", { metadata: { name: "model" }, stringData: { A: "a" }, data: { MODEL: "gpt-4o" } });
        const keys = store("Secret", "sec", {
            metadata: { name: "keys" },
            stringData: { PLAIN: "sk-plain" },
            data: { ENCODED: Buffer.from("sk-encoded").toString("base64") },
        });
        const stack = stackOf([node(config), node(keys), node(reader)]);
        expect(shown(kubernetesStoreContents("ConfigMap", "model", reader, "spec", stack).entries)).toEqual([
            'ConfigMap "model" key A = a',
            'ConfigMap "model" key MODEL = gpt-4o',
        ]);
        expect(shown(kubernetesStoreContents("Secret", "keys", reader, "spec", stack).entries)).toEqual([
            'Secret "keys" key PLAIN = sk-plain (secret)',
            'Secret "keys" key ENCODED = sk-encoded (secret)',
        ]);
        expect(kubernetesKeyValues("Secret", "keys", "ENCODED", reader, "spec", stack).map((v) => [v.key, v.value])).toEqual([
            ["ENCODED", "sk-encoded"],
        ]);
    });

    it("skips entries unknown during preview or not strings, and data that is not a map", () => {
        const reader = deployment();
        const config = store("ConfigMap", "cm", {
            metadata: { name: "model" },
            stringData: null,
            data: { MODEL: UNKNOWN, PORT: 8000, URL: secret("https://x") },
        });
        const list = store("ConfigMap", "list", { metadata: { name: "list" }, stringData: ["a"], data: "MODEL=gpt-4o" });
        const stack = stackOf([node(config), node(list), node(reader)]);
        expect(shown(kubernetesStoreContents("ConfigMap", "model", reader, "spec", stack).entries)).toEqual([
            'ConfigMap "model" key URL = https://x',
        ]);
        expect(kubernetesStoreContents("ConfigMap", "list", reader, "spec", stack).entries).toEqual([]);
    });

    it("names a store without metadata.name by its resource name, and finds it through the property's dependencies", () => {
        const reader = deployment();
        const config = store("ConfigMap", "generated", { metadata: { name: UNKNOWN }, data: { MODEL: "o3" } });
        const secretStore = store("Secret", "other", { metadata: {}, stringData: { MODEL: "x" } });
        const stack = stackOf([node(config), node(secretStore), node(reader, { spec: [config, secretStore] })]);
        expect(shown(kubernetesKeyValues("ConfigMap", undefined, "MODEL", reader, "spec", stack))).toEqual([
            'ConfigMap "generated" key MODEL = o3',
        ]);
        expect(kubernetesStores("ConfigMap", "missing", reader, "spec", stack).map((n) => n.name)).toEqual(["generated"]);
    });

    it("reads at most 1000 keys of one store", () => {
        const reader = deployment();
        const data = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`K${i}`, `v${i}`]));
        const stack = stackOf([node(store("ConfigMap", "big", { metadata: { name: "big" }, data })), node(reader)]);
        expect(kubernetesKeyValues("ConfigMap", "big", "K999", reader, "spec", stack).map((v) => v.value)).toEqual(["v999"]);
        expect(kubernetesKeyValues("ConfigMap", "big", "K1000", reader, "spec", stack)).toEqual([]);
    });

    it("tells a ConfigMap from a Secret of the same name in one stack", () => {
        const east = k8sProvider("east", { kubeconfig: UNKNOWN });
        const west = k8sProvider("west", { kubeconfig: UNKNOWN });
        const reader = deployment(east);
        const stores = [
            store("ConfigMap", "cm-east", { metadata: { name: "model" }, data: { MODEL: "cm-east" } }, east),
            store("ConfigMap", "cm-west", { metadata: { name: "model" }, data: { MODEL: "cm-west" } }, west),
            store("Secret", "sec-east", { metadata: { name: "model" }, stringData: { MODEL: "sec-east" } }, east),
            store("Secret", "sec-west", { metadata: { name: "model" }, stringData: { MODEL: "sec-west" } }, west),
        ];
        const stack = stackOf([...stores.map((s) => node(s)), node(reader)]);
        expect(kubernetesStores("ConfigMap", "model", reader, "spec", stack).map((n) => n.name)).toEqual(["cm-east"]);
        expect(kubernetesStores("Secret", "model", reader, "spec", stack).map((n) => n.name)).toEqual(["sec-east"]);
    });

    it("reads a store whose metadata is missing or null by its resource name", () => {
        const reader = view("kubernetes:apps/v1:Deployment", "server", { metadata: null });
        const config = store("ConfigMap", "bare", { metadata: null, data: { MODEL: "o3" } });
        const stack = stackOf([node(config), node(reader, { spec: [config] })]);
        expect(shown(kubernetesKeyValues("ConfigMap", undefined, "MODEL", reader, "spec", stack))).toEqual([
            'ConfigMap "bare" key MODEL = o3',
        ]);
    });

    it("names a store whose metadata.name is not a string by its resource name", () => {
        const reader = deployment();
        const config = store("ConfigMap", "odd", { metadata: { name: 42 }, data: { MODEL: "o3" } });
        const stack = stackOf([node(config), node(reader, { spec: [config] })]);
        expect(shown(kubernetesKeyValues("ConfigMap", undefined, "MODEL", reader, "spec", stack))).toEqual([
            'ConfigMap "odd" key MODEL = o3',
        ]);
    });

    describe("of the same name in several places", () => {
        const east = k8sProvider("east", { kubeconfig: UNKNOWN });
        const west = k8sProvider("west", { kubeconfig: UNKNOWN });
        const named = (resource: string, namespace: unknown, provider?: Provider) =>
            store(
                "ConfigMap",
                resource,
                { metadata: { name: "model", ...(namespace === undefined ? {} : { namespace }) }, data: { MODEL: resource } },
                provider,
            );
        const found = (reader: ResourceView, stores: ResourceView[]) =>
            kubernetesStores("ConfigMap", "model", reader, "spec", stackOf([...stores.map((s) => node(s)), node(reader)])).map(
                (n) => n.name,
            );

        it("are the one beside the reader: same cluster, same namespace", () => {
            const stores = [named("east-prod", "prod", east), named("east-dev", "dev", east), named("west-prod", "prod", west)];
            expect(found(deployment(east, "prod"), stores)).toEqual(["east-prod"]);
            expect(found(deployment(west, "prod"), stores)).toEqual(["west-prod"]);
        });

        it("take a store naming no namespace to be in the same default namespace as a reader naming none", () => {
            const stores = [named("default", undefined, east), named("prod", "prod", east)];
            expect(found(deployment(east), stores)).toEqual(["default"]);
            expect(found(deployment(east, null), stores)).toEqual(["default"]);
        });

        it("take a namespace unknown during preview to be any namespace", () => {
            const stores = [named("prod", "prod", east), named("dev", "dev", east), named("other-cluster", "prod", west)];
            expect(found(deployment(east, UNKNOWN), stores)).toEqual(["prod", "dev"]);
            const unknownStore = [named("unknown", UNKNOWN, east), named("dev", "dev", east)];
            expect(found(deployment(east, "prod"), unknownStore)).toEqual(["unknown"]);
        });

        it("are all of them when none is beside the reader (fail-closed)", () => {
            const stores = [named("dev", "dev", east), named("west", "prod", west)];
            expect(found(deployment(east, "prod"), stores)).toEqual(["dev", "west"]);
        });

        it("take a namespace that is not a string to be any namespace", () => {
            const stores = [named("odd", 5, east), named("dev", "dev", east)];
            expect(found(deployment(east, "prod"), stores)).toEqual(["odd"]);
        });

        it("take a namespace written as an empty string to be the default one", () => {
            const stores = [named("explicit-default", "", east), named("prod", "prod", east)];
            expect(found(deployment(east), stores)).toEqual(["explicit-default"]);
        });

        it("are those without an explicit provider for a reader without one", () => {
            const stores = [named("on-east", undefined, east), named("default-provider", undefined)];
            expect(found(deployment(), stores)).toEqual(["default-provider"]);
        });
    });
});

describe("values held in AWS stores", () => {
    const reader = view("aws:ecs/taskDefinition:TaskDefinition", "reader", {});

    it("reads no parameter for an SSM ARN of something that is not a parameter", () => {
        const parameter = view("aws:ssm/parameter:Parameter", "x", { name: "x", insecureValue: "gpt-4o" });
        const stack = stackOf([node(parameter), node(reader)]);
        expect(awsStoreValues("arn:aws:ssm:us-east-1:1:document/x", reader, "p", stack)).toEqual([]);
        expect(shown(awsStoreValues("x", reader, "p", stack))).toEqual(['SSM parameter "x" = gpt-4o']);
    });

    it("reads a secret version the property depends on directly", () => {
        const version = view("aws:secretsmanager/secretVersion:SecretVersion", "v", { secretString: "gpt-4o" });
        const stack = stackOf([node(version), node(reader, { containerDefinitions: [version] })]);
        expect(shown(awsStoreValues(undefined, reader, "containerDefinitions", stack))).toEqual([
            'Secrets Manager secret "v" = gpt-4o (secret)',
        ]);
    });

    it("reads the property's stores for a reference that names no store only when it is unknown or an ARN, not for a path", () => {
        const version = view("aws:secretsmanager/secretVersion:SecretVersion", "v", { secretString: "gpt-4o" });
        const stack = stackOf([node(version), node(reader, { containerDefinitions: [version] })]);
        const read = (reference: string | undefined) => shown(awsStoreValues(reference, reader, "containerDefinitions", stack));
        expect(read("/mnt/models/assistant")).toEqual([]);
        expect(read("arn:aws:secretsmanager:us-east-1:1:secret:pending-AbCdEf")).toEqual(['Secrets Manager secret "v" = gpt-4o (secret)']);
        expect(read(undefined)).toEqual(['Secrets Manager secret "v" = gpt-4o (secret)']);
    });

    it("reads the parameter without an explicit provider for a reader without one", () => {
        const provider = { urn: "urn:pulumi:dev::demo::pulumi:providers:aws::west", type: "pulumi:providers:aws", name: "west", props: {} };
        const other = view("aws:ssm/parameter:Parameter", "other", { name: "/m", insecureValue: "llama" }, provider);
        const mine = view("aws:ssm/parameter:Parameter", "mine", { name: "/m", insecureValue: "gpt-4o" });
        const stack = stackOf([node(other), node(mine), node(reader)]);
        expect(shown(awsStoreValues("/m", reader, "p", stack))).toEqual(['SSM parameter "/m" = gpt-4o']);
    });
});

describe("values held in AWS stores, by reference", () => {
    const reader = view("aws:ecs/taskDefinition:TaskDefinition", "reader", {});
    const parameter = (resource: string, props: Record<string, unknown>, provider?: Provider) =>
        view("aws:ssm/parameter:Parameter", resource, props, provider);
    const awsProvider = (name: string, region: string): Provider => ({
        urn: `urn:pulumi:dev::demo::pulumi:providers:aws::${name}`,
        type: "pulumi:providers:aws",
        name,
        props: { region },
    });

    it("reads a parameter named without a leading slash by its ARN", () => {
        const stack = stackOf([node(parameter("p", { name: "model", insecureValue: "gpt-4o" })), node(reader)]);
        expect(shown(awsStoreValues("arn:aws:ssm:us-east-1:1:parameter/model", reader, "p", stack))).toEqual([
            'SSM parameter "model" = gpt-4o',
        ]);
    });

    it("does not read a parameter whose name only differs by an inner slash", () => {
        const stack = stackOf([node(parameter("p", { name: "chatmodel", insecureValue: "gpt-4o" })), node(reader)]);
        expect(awsStoreValues("chat/model", reader, "p", stack)).toEqual([]);
    });

    it("reads the parameter of the region an ARN names by the parameter's own region input", () => {
        const east = awsProvider("east", "us-east-1");
        const own = parameter("own", { name: "/m", region: "eu-west-1", insecureValue: "mistral" }, east);
        const other = parameter("other", { name: "/m", insecureValue: "llama" }, east);
        const stack = stackOf([node(own), node(other), node(reader)]);
        expect(shown(awsStoreValues("arn:aws:ssm:eu-west-1:1:parameter/m", reader, "p", stack))).toEqual(['SSM parameter "/m" = mistral']);
        expect(shown(awsStoreValues("arn:aws:ssm:us-east-1:1:parameter/m", reader, "p", stack))).toEqual(['SSM parameter "/m" = llama']);
    });

    it("reads a name without a region from the parameter beside the reader, not one without a region", () => {
        const east = awsProvider("east", "us-east-1");
        const beside = parameter("beside", { name: "/m", insecureValue: "gpt-4o" }, east);
        const elsewhere = parameter("elsewhere", { name: "/m", insecureValue: "llama" });
        const reading = view("aws:ecs/taskDefinition:TaskDefinition", "reading", {}, east);
        const stack = stackOf([node(beside), node(elsewhere), node(reading)]);
        expect(shown(awsStoreValues("/m", reading, "p", stack))).toEqual(['SSM parameter "/m" = gpt-4o']);
    });

    it("skips parameters whose name or value is unknown during preview, naming one found by dependency by its resource name", () => {
        const unnamed = parameter("unnamed", { name: UNKNOWN, insecureValue: "o3" });
        const pending = parameter("pending", { name: "/m", value: UNKNOWN });
        const stack = stackOf([node(unnamed), node(pending), node(reader, { p: [unnamed] })]);
        expect(awsStoreValues("/m", reader, "p", stack)).toEqual([]);
        expect(shown(awsStoreValues(undefined, reader, "p", stack))).toEqual(['SSM parameter "unnamed" = o3']);
    });

    it("names a Secrets Manager secret by its name input, not its resource name", () => {
        const s = view("aws:secretsmanager/secret:Secret", "resource-name", { name: "chat" });
        const v = view("aws:secretsmanager/secretVersion:SecretVersion", "v", { secretString: "gpt-4o" });
        const stack = stackOf([node(s), node(v, { secretId: [s] }), node(reader)]);
        expect(shown(awsStoreValues("chat", reader, "p", stack))).toEqual(['Secrets Manager secret "chat" = gpt-4o (secret)']);
    });

    it("reads a secret string that is JSON but not an object as the text itself", () => {
        const s = view("aws:secretsmanager/secret:Secret", "s", { name: "s" });
        const read = (secretString: string) =>
            awsStoreValues(
                "s",
                reader,
                "p",
                stackOf([
                    node(s),
                    node(view("aws:secretsmanager/secretVersion:SecretVersion", "v", { secretString }), { secretId: [s] }),
                    node(reader),
                ]),
            ).map((v) => v.value);
        expect(read("8000")).toEqual(["8000"]);
        expect(read("null")).toEqual(["null"]);
    });
});

describe("values held in S3 objects and GCP and Azure secrets", () => {
    const reader = view("gcp:cloudrunv2/service:Service", "reader", {});

    it("read the object an S3 ARN names, or those the property depends on", () => {
        const object = view("aws:s3/bucketObjectv2:BucketObjectv2", "obj", { key: "conf/model.txt", content: "gpt-4o" });
        const stack = stackOf([node(object), node(reader, { template: [object] })]);
        expect(shown(s3ObjectContents("arn:aws:s3:::bucket/conf/model.txt", reader, "p", stack))).toEqual([
            'S3 object "conf/model.txt" = gpt-4o',
        ]);
        expect(shown(s3ObjectContents(undefined, reader, "template", stack))).toEqual(['S3 object "conf/model.txt" = gpt-4o']);
    });

    it("read a GCP secret's versions and an Azure Key Vault secret by name, all as secret", () => {
        const gcpSecret = view("gcp:secretmanager/secret:Secret", "s", { secretId: "model" });
        const gcpVersion = view("gcp:secretmanager/secretVersion:SecretVersion", "v", { secretData: "gemini" });
        const vault = view("azure-native:keyvault:Secret", "kv", { secretName: "model", properties: { value: "gpt-4o" } });
        const stack = stackOf([node(gcpSecret), node(gcpVersion, { secret: [gcpSecret] }), node(vault), node(reader)]);
        expect(shown(namedSecretValues("model", reader, "p", stack))).toEqual([
            'Secret Manager secret "model" = gemini (secret)',
            'Key Vault secret "model" = gpt-4o (secret)',
        ]);
    });

    it("read no S3 object for an ARN of something else, nor the content of a resource that is not an S3 object", () => {
        const object = view("aws:s3/bucketObject:BucketObject", "obj", { key: "model.txt", content: "gpt-4o" });
        const file = view("local:index/file:File", "file", { content: "o3" });
        const stack = stackOf([node(object), node(file), node(reader, { template: [file] })]);
        expect(s3ObjectContents("arn:aws:ssm:us-east-1:1:parameter/model.txt", reader, "p", stack)).toEqual([]);
        expect(s3ObjectContents(undefined, reader, "template", stack)).toEqual([]);
    });

    it("name an S3 object whose key is unknown during preview by its resource name", () => {
        const pending = view("aws:s3/bucketObject:BucketObject", "pending", { key: UNKNOWN, content: "gpt-4o" });
        const stack = stackOf([node(pending), node(reader, { template: [pending] })]);
        expect(shown(s3ObjectContents("arn:aws:s3:::bucket/model.txt", reader, "template", stack))).toEqual([
            'S3 object "pending" = gpt-4o',
        ]);
    });

    it("skip GCP secret versions unknown during preview, and name a secret whose id is unknown by its resource name", () => {
        const named = view("gcp:secretmanager/secret:Secret", "named", { secretId: "model" });
        const pendingVersion = view("gcp:secretmanager/secretVersion:SecretVersion", "pv", { secretData: UNKNOWN });
        const unnamed = view("gcp:secretmanager/secret:Secret", "unnamed", { secretId: UNKNOWN });
        const version = view("gcp:secretmanager/secretVersion:SecretVersion", "v", { secretData: "gemini" });
        const stack = stackOf([
            node(named),
            node(pendingVersion, { secret: [named] }),
            node(unnamed),
            node(version, { secret: [unnamed] }),
            node(reader, { template: [unnamed] }),
        ]);
        expect(namedSecretValues("model", reader, "template", stack)).toEqual([]);
        expect(shown(namedSecretValues(undefined, reader, "template", stack))).toEqual([
            'Secret Manager secret "unnamed" = gemini (secret)',
        ]);
    });

    it("read a Key Vault secret's own value when its properties carry none, and nothing that is not a string", () => {
        const nullProperties = view("azure-native:keyvault:Secret", "a", { secretName: "a", properties: null, value: "gpt-4o" });
        const numeric = view("azure-native:keyvault:Secret", "b", { secretName: "b", properties: { value: 42 } });
        const stack = stackOf([node(nullProperties), node(numeric), node(reader)]);
        expect(shown(namedSecretValues("a", reader, "p", stack))).toEqual(['Key Vault secret "a" = gpt-4o (secret)']);
        expect(namedSecretValues("b", reader, "p", stack)).toEqual([]);
    });

    it("read a Kubernetes Secret by name", () => {
        const k8sSecret = view("kubernetes:core/v1:Secret", "s", { metadata: { name: "model" }, stringData: { MODEL: "gpt-4o" } });
        const stack = stackOf([node(k8sSecret), node(reader)]);
        expect(shown(namedSecretValues("model", reader, "p", stack))).toEqual(['Secret "model" key MODEL = gpt-4o (secret)']);
    });

    it("without a name, read only the GCP and Key Vault secrets the property depends on (AWS stores are read on their own)", () => {
        const parameter = view("aws:ssm/parameter:Parameter", "p", { name: "model", value: "gpt-4o" });
        const k8sSecret = view("kubernetes:core/v1:Secret", "s", { metadata: { name: "model" }, stringData: { MODEL: "o3" } });
        const stack = stackOf([node(parameter), node(k8sSecret), node(reader, { template: [parameter, k8sSecret] })]);
        expect(namedSecretValues(undefined, reader, "template", stack)).toEqual([]);
    });
});
