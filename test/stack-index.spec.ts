/**
 * The plumbing every stack verdict rests on: the stack index built from the SDK's resources (views,
 * one view per provider, dependencies as URNs, resources by type, who depends on whom), the memo
 * that shares one request's findings between policies and forgets them after, and the glob matcher
 * exemptions and model patterns use.
 */
import { PolicyResource } from "@pulumi/policy";
import { compileGlob, globMatches } from "../policypack/glob";
import { resourcePhaseVerdicts } from "../policypack/policies/sdk-policy";
import { RequestMemo } from "../policypack/request-memo";
import { defaultSettings, parseSettings } from "../policypack/settings";
import { resourceView, stackIndex } from "../policypack/views";

const urn = (type: string, name: string) => `urn:pulumi:dev::demo::${type}::${name}`;

function resource(type: string, name: string, extra: Partial<PolicyResource> = {}): PolicyResource {
    return {
        type,
        name,
        urn: urn(type, name),
        props: { name },
        opts: {},
        dependencies: [],
        propertyDependencies: {},
        ...extra,
    } as PolicyResource;
}

describe("the stack index", () => {
    const provider = {
        type: "pulumi:providers:kubernetes",
        name: "eks",
        urn: urn("pulumi:providers:kubernetes", "eks"),
        props: { kubeconfig: "x" },
    };
    const cluster = resource("aws:eks/cluster:Cluster", "inference");
    const config = resource("kubernetes:core/v1:ConfigMap", "model", { provider } as Partial<PolicyResource>);
    const deployment = resource("kubernetes:apps/v1:Deployment", "chat", {
        provider,
        dependencies: [config, cluster],
        propertyDependencies: { spec: [config], metadata: [] },
    } as Partial<PolicyResource>);
    const other = resource("kubernetes:apps/v1:Deployment", "batch", {
        provider,
        propertyDependencies: { spec: [config] },
    } as Partial<PolicyResource>);
    // Built in each test: a mutation tester attributes coverage to the test that runs the code.
    const built = () => stackIndex([cluster, config, deployment, other]);

    it("keeps each resource with its dependencies as URNs", () => {
        const { nodes, index } = built();
        const chat = index.node(deployment.urn);
        expect(chat).toMatchObject({ urn: deployment.urn, name: "chat", type: deployment.type, props: { name: "chat" } });
        expect(chat?.dependencies).toEqual([config.urn, cluster.urn]);
        expect(chat?.propertyDependencies).toEqual({ spec: [config.urn], metadata: [] });
        expect(index.node(urn("aws:s3/bucket:Bucket", "missing"))).toBeUndefined();
        expect(nodes.map((n) => n.name)).toEqual(["inference", "model", "chat", "batch"]);
    });

    it("shares one view of a provider between its resources", () => {
        const { nodes } = built();
        const views = nodes.filter((n) => n.provider).map((n) => n.provider);
        expect(views).toHaveLength(3);
        expect(views[0]).toEqual({ urn: provider.urn, type: provider.type, name: "eks", props: { kubeconfig: "x" } });
        expect(views[1]).toBe(views[0]);
        expect(views[2]).toBe(views[0]);
        expect(nodes[0].provider).toBeUndefined();
    });

    it("finds resources by type, in stack order", () => {
        const { index } = built();
        expect(index.ofType("kubernetes:apps/v1:Deployment").map((n) => n.name)).toEqual(["chat", "batch"]);
        expect(index.ofType("aws:eks/cluster:Cluster").map((n) => n.name)).toEqual(["inference"]);
        expect(index.ofType("gcp:container/cluster:Cluster")).toEqual([]);
        expect(index.ofType("aws:eks/cluster:Cluster")).toBe(index.ofType("aws:eks/cluster:Cluster"));
    });

    it("finds who depends on a resource through a property", () => {
        const { index } = built();
        expect(index.dependentsOf(config.urn).map((n) => n.name)).toEqual(["chat", "batch"]);
        // A dependency of the resource as a whole (not through a property) is not a property's source.
        expect(index.dependentsOf(cluster.urn)).toEqual([]);
        expect(index.dependentsOf(deployment.urn)).toEqual([]);
        // Built once per stack, on first use: the same list each time.
        expect(index.dependentsOf(config.urn)).toBe(index.dependentsOf(config.urn));
    });

    it("reads resources whose SDK fields are missing as having no dependencies", () => {
        const bare = {
            type: "aws:s3/bucket:Bucket",
            name: "b",
            urn: urn("aws:s3/bucket:Bucket", "b"),
            props: {},
        } as unknown as PolicyResource;
        const {
            nodes: [only],
        } = stackIndex([bare]);
        expect(only.dependencies).toEqual([]);
        expect(only.propertyDependencies).toEqual({});
    });

    it("gives a resource outside a stack its own provider view", () => {
        const view = resourceView({ ...deployment, provider });
        expect(view.provider).toEqual({ urn: provider.urn, type: provider.type, name: "eks", props: { kubeconfig: "x" } });
        expect(resourceView({ ...cluster, provider: undefined }).provider).toBeUndefined();
    });
});

describe("the request memo", () => {
    const nextMacrotask = () => new Promise((resolve) => setImmediate(resolve));

    it("computes a key once within a request, and again in the next", async () => {
        const memo = new RequestMemo<number>();
        let computed = 0;
        const compute = () => ++computed;
        expect(memo.get("a", compute)).toBe(1);
        expect(memo.get("a", compute)).toBe(1);
        expect(memo.get("b", compute)).toBe(2);
        await nextMacrotask();
        expect(memo.get("a", compute)).toBe(3);
        expect(memo.get("a", compute)).toBe(3);
        await nextMacrotask();
        expect(memo.get("b", compute)).toBe(4);
        expect(memo.get("a", compute)).toBe(5);
    });
});

describe("a resource's verdicts within one request", () => {
    // A Lambda function that calls gpt-4o through a gateway: off Azure by default, Azure-hosted when the config says so.
    const args = (type: string) =>
        ({
            urn: "urn:pulumi:dev::p::aws:lambda/function:Function::chat",
            name: "chat",
            type,
            props: { environment: { variables: { OPENAI_BASE_URL: "https://llm.example.net/v1", OPENAI_MODEL: "gpt-4o" } } },
        }) as unknown as Parameters<typeof resourcePhaseVerdicts>[0];
    const rules = (type: string, settings = defaultSettings) => resourcePhaseVerdicts(args(type), settings).map((verdict) => verdict.rule);

    it("are judged once per URN, and again under other settings or for another type", () => {
        const lambda = "aws:lambda/function:Function";
        expect(rules(lambda)).toEqual(["openai-calls-hosted-on-azure"]);
        expect(resourcePhaseVerdicts(args(lambda), defaultSettings)).toBe(resourcePhaseVerdicts(args(lambda), defaultSettings));
        expect(rules(lambda, parseSettings({ extraAzureHostedEndpoints: ["llm.example.net"] }))).toEqual([]);
        // The same URN given with another type is judged as a resource of that type.
        const other = "acmecloud:functions:Function";
        expect(resourcePhaseVerdicts(args(other), defaultSettings).map((verdict) => verdict.resource.type)).toEqual([other]);
    });
});

describe("globs", () => {
    it.each([
        ["legacy-*-task", "legacy-frontier-task", true],
        ["legacy-*-task", "legacy--task", true],
        ["legacy-*-task", "legacy-task", false],
        ["legacy-*-task", "legacy-frontier-task-2", false],
        ["*", "", true],
        ["*", "anything", true],
        ["exact", "exact", true],
        ["exact", "exactly", false],
        ["a*b*c", "abc", true],
        ["a*b*c", "a-b-b-c", true],
        ["a*b*c", "acb", false],
        ["a*bc*c", "abcc", true],
        ["a*bc*c", "abc", false],
        ["*-prod", "chat-prod", true],
        ["gpt-4o*", "gpt-4o-mini", true],
        ["gpt-4o*", "gpt-4", false],
        ["a**b", "ab", true],
        ["ab*ba", "aba", false],
        ["a*q*z", "abcz", false],
        ["*q*", "q", true],
        ["*ab*ab*", "ab", false],
        ["*ab*ab*", "abab", true],
    ])("%j matches %j: %s", (pattern, text, matches) => {
        expect(globMatches(compileGlob(pattern), text)).toBe(matches);
    });
});
