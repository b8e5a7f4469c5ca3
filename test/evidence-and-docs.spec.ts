/**
 * What `extract` reports of one resource beyond the settings it reads by shape: the stateful
 * runtimes it lets be, JSON documents kept as text that it cannot read, the domain a Cloud Run
 * domain mapping is named by, stores of data whose command lines run nothing, and a resource that
 * throws while being read. Then where the policies' documentation links point (`docs.ts`).
 */
import { docsUrl, readmeUrl, repositoryUrlOf } from "../policypack/docs";
import { extract } from "../policypack/evidence/index";
import { judge } from "../policypack/registry";
import { defaultSettings } from "../policypack/settings";
import { secret, UNKNOWN, view } from "./support/views";

const taskDefinition = "aws:ecs/taskDefinition:TaskDefinition";
const jobDefinition = "aws:batch/jobDefinition:JobDefinition";
const stateMachine = "aws:sfn/stateMachine:StateMachine";

/** Props whose `key` throws `thrown` when read, as a hostile or broken input object would. */
function throwing(key: string, thrown: unknown): Record<string, unknown> {
    return Object.defineProperty({}, key, {
        enumerable: true,
        get: () => {
            throw thrown;
        },
    });
}

describe("stateful agent runtimes", () => {
    it("names an AgentCore runtime as the stateful runtime it is", () => {
        expect(extract("aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime", {}).statefulRuntime).toBe(
            "Amazon Bedrock AgentCore runtime",
        );
    });

    it("names no stateful runtime for other AgentCore resources, other runtimes, or ordinary workloads", () => {
        expect(extract("aws:bedrock/agentcoreGateway:AgentcoreGateway", {}).statefulRuntime).toBeUndefined();
        expect(extract("aws:lambda/runtimeManagementConfig:RuntimeManagementConfig", {}).statefulRuntime).toBeUndefined();
        expect(extract("aws:lambda/function:Function", {}).statefulRuntime).toBeUndefined();
    });
});

describe("JSON documents kept as text", () => {
    it("reports a known JSON field unknown during preview, and nothing else", () => {
        expect(extract(taskDefinition, { containerDefinitions: UNKNOWN }).unreadable).toEqual([
            { path: "containerDefinitions", reason: "unknown during preview" },
        ]);
    });

    it("reports where a known JSON field stops being valid JSON, never its text", () => {
        const broken = '[{"name": "api", "image": "vllm/vllm-openai",, "command": ["sk-proj-secret"]}]';
        const { unreadable } = extract(taskDefinition, { containerDefinitions: broken });
        expect(unreadable).toEqual([{ path: "containerDefinitions", reason: "not valid JSON at position 45" }]);
        expect(JSON.stringify(unreadable)).not.toContain("sk-proj");
    });

    it("checks a JSON field the walk read as another kind of document (YAML, base64 of JSON) as JSON all the same", () => {
        // The walk reads these documents; only a whole value it parsed as JSON is taken as valid JSON unchecked.
        const yaml = "- name: api\n  image: vllm/vllm-openai\n";
        expect(extract(taskDefinition, { containerDefinitions: yaml }).unreadable).toEqual([
            { path: "containerDefinitions", reason: expect.stringMatching(/^not valid JSON/) },
        ]);
        const base64 = Buffer.from('[{"name": "api", "image": "vllm/vllm-openai"}]').toString("base64");
        expect(extract(taskDefinition, { containerDefinitions: base64 }).unreadable).toEqual([
            { path: "containerDefinitions", reason: expect.stringMatching(/^not valid JSON/) },
        ]);
        expect(extract(stateMachine, { definition: { nested: '{"StartAt": "x"}' } }).unreadable).toEqual([]);
    });

    it("says a JSON field cut short is not valid JSON, where there is no position to give", () => {
        expect(extract(stateMachine, { definition: '{"StartAt": ' }).unreadable).toEqual([
            { path: "definition", reason: "not valid JSON" },
        ]);
    });

    it("checks every JSON field of a Batch job definition, secret or not", () => {
        const props = { containerProperties: "{", ecsProperties: secret("{"), eksProperties: "{", nodeProperties: "{" };
        expect(extract(jobDefinition, props).unreadable.map((item) => item.path)).toEqual([
            "containerProperties",
            "ecsProperties",
            "eksProperties",
            "nodeProperties",
        ]);
    });

    it("reports nothing for valid JSON, a document given as an object, or a field of a type it does not know as JSON", () => {
        expect(extract(taskDefinition, { containerDefinitions: '[{"name": "api"}]' }).unreadable).toEqual([]);
        expect(extract(stateMachine, { definition: { StartAt: "Invoke", States: {} } }).unreadable).toEqual([]);
        expect(extract(stateMachine, { definition: 5 }).unreadable).toEqual([]);
        expect(extract("aws:lambda/function:Function", { containerDefinitions: "{" }).unreadable).toEqual([]);
    });

    it("shows the problem as evidence of a blocked task definition", () => {
        const task = view(taskDefinition, "api", {
            containerDefinitions: UNKNOWN,
            tags: { "openai:product": "frontier" },
        });
        const [verdict] = judge(task, defaultSettings);
        expect(verdict.unreadable).toEqual([{ path: "containerDefinitions", shown: "(could not be read: unknown during preview)" }]);
    });
});

describe("a Cloud Run domain mapping", () => {
    it("is bound to the domain it is named by", () => {
        const bindings = extract("gcp:cloudrun/domainMapping:DomainMapping", {
            name: "chat.example.com",
            location: "us-central1",
        }).bindings;
        expect(bindings).toContainEqual({ path: "name", hostname: "chat.example.com", secret: false });
    });

    it("is bound to no domain when its name is not plain text, and other resources are not bound by their name", () => {
        const named = (type: string, name: unknown) => extract(type, { name }).bindings.filter((binding) => binding.path === "name");
        expect(named("gcp:cloudrun/domainMapping:DomainMapping", secret("chat.example.com"))).toEqual([]);
        expect(named("gcp:cloudrun/service:Service", "chat.example.com")).toEqual([]);
    });
});

describe("stores of data", () => {
    it("run nothing by the command lines they keep", () => {
        for (const type of ["aws:ssm/parameter:Parameter", "kubernetes:core/v1:ConfigMap", "aws:s3/bucketObjectv2:BucketObjectv2"]) {
            expect(extract(type, { hooks: { post: "vllm serve gpt-4o" } }).scopes).toEqual([]);
        }
    });

    it("are told by the end of the type's name: a parameter server or a file-search service still launches what it runs", () => {
        for (const type of ["acme:training:ParameterServer", "acme:search:FileSearchService", "aws:efs/fileSystem:FileSystem"]) {
            expect(extract(type, { hooks: { post: "vllm serve gpt-4o" } }).scopes.map((scope) => scope.engines)).toEqual([["vLLM"]]);
        }
    });
});

describe("a resource that throws while it is read", () => {
    it("is reported as unreadable, with the start of the error, and stops the reading", () => {
        const extraction = extract("acme:ci:Build", throwing("env", new Error(`bad input ${"x".repeat(200)}`)));
        expect(extraction.unreadable).toEqual([{ path: "(resource)", reason: `could not be read: bad input ${"x".repeat(110)}` }]);
        expect(extraction.stoppedAt).toEqual({ path: "(resource)", reason: "the pack could not read it" });
    });

    it("says what was thrown when it is not an error", () => {
        expect(extract("acme:ci:Build", throwing("env", "no access")).unreadable).toEqual([
            { path: "(resource)", reason: "could not be read: no access" },
        ]);
        expect(extract("acme:ci:Build", throwing("env", null)).unreadable).toEqual([
            { path: "(resource)", reason: "could not be read: null" },
        ]);
    });

    it("is reported when a known JSON field throws", () => {
        const extraction = extract(stateMachine, throwing("definition", new Error("denied")));
        expect(extraction.unreadable).toEqual([{ path: "(resource)", reason: "could not be read: denied" }]);
        expect(extraction.stoppedAt).toEqual({ path: "(resource)", reason: "the pack could not read it" });
    });
});

describe("documentation links", () => {
    it("take the repository from the homepage, without its fragment or trailing slashes", () => {
        expect(repositoryUrlOf({ homepage: "https://github.com/acme/openai-on-azure#readme" })).toBe(
            "https://github.com/acme/openai-on-azure",
        );
        expect(repositoryUrlOf({ homepage: "https://github.com/acme/openai-on-azure//" })).toBe("https://github.com/acme/openai-on-azure");
    });

    it("fall back to the repository when the homepage is not an https URL", () => {
        const repository = "https://github.com/acme/pack";
        expect(repositoryUrlOf({ homepage: "http://acme.example/pack", repository })).toBe(repository);
        expect(repositoryUrlOf({ homepage: "#readme", repository })).toBe(repository);
        expect(repositoryUrlOf({ homepage: 5 as unknown as string, repository })).toBe(repository);
        expect(repositoryUrlOf({ homepage: "git+https://github.com/acme/other.git", repository })).toBe(repository);
    });

    it("read a repository given as a URL, a git+ URL, an object, or GitHub shorthand", () => {
        expect(repositoryUrlOf({ repository: "git+https://github.com/acme/pack.git" })).toBe("https://github.com/acme/pack");
        expect(repositoryUrlOf({ repository: { url: " https://gitlab.com/acme/pack.git " } })).toBe("https://gitlab.com/acme/pack");
        expect(repositoryUrlOf({ repository: "github:acme/pack" })).toBe("https://github.com/acme/pack");
        expect(repositoryUrlOf({ repository: " acme/pack.js.git " })).toBe("https://github.com/acme/pack.js");
    });

    it("strip only a leading git+ and a trailing .git", () => {
        expect(repositoryUrlOf({ repository: "github:acme/acme.github.io" })).toBe("https://github.com/acme/acme.github.io");
        expect(repositoryUrlOf({ repository: "https://github.com/acme/acme.github.io.git" })).toBe(
            "https://github.com/acme/acme.github.io",
        );
        expect(repositoryUrlOf({ repository: "https://gitlab.com/acme/git+hooks.git" })).toBe("https://gitlab.com/acme/git+hooks");
    });

    it("give no link for a missing, blank or non-https repository", () => {
        expect(repositoryUrlOf({})).toBeUndefined();
        expect(repositoryUrlOf({ repository: "  " })).toBeUndefined();
        expect(repositoryUrlOf({ repository: {} })).toBeUndefined();
        expect(repositoryUrlOf({ repository: "git@github.com:acme/pack.git" })).toBeUndefined();
        expect(repositoryUrlOf({ repository: "git+ssh://git@github.com/acme/pack.git" })).toBeUndefined();
        expect(repositoryUrlOf({ repository: "gitlab:acme/pack" })).toBeUndefined();
        expect(repositoryUrlOf({ repository: "acme/pack/tree/main" })).toBeUndefined();
        expect(repositoryUrlOf({ repository: "svn+https://svn.example.com/pack" })).toBeUndefined();
    });

    it("are absent for this pack, whose package.json names no repository", () => {
        expect(docsUrl("openai-hosting-settings")).toBeUndefined();
        expect(readmeUrl).toBeUndefined();
    });
});
