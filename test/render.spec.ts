/**
 * The message a user reads and the JSON the checker's reports read, for every kind of verdict:
 * the sentence that says what the resource does, where it runs or sends its calls, the evidence,
 * the clause and the fix, the audit and exemption lines, and the fields the wire form pulls out
 * of the subject. A change to any of them changes what a user or a report sees.
 */
import { messageOf, verdictSchema, whatOf, whereOf, wireOf } from "../policypack/render";
import { EndpointRef, Subject, Verdict } from "../policypack/verdict";

const resource = { urn: "urn:pulumi:dev::demo::aws:ecs/service:Service::chat", name: "chat", type: "aws:ecs/service:Service" };
const backend = { urn: "urn:pulumi:dev::demo::aws:lambda/function:Function::bot", name: "bot", type: "aws:lambda/function:Function" };
const gpt4o = { id: "gpt-4o", family: "GPT", class: "proprietary" as const };
const sealed = { family: "GPT", class: "proprietary" as const };
const llama = { id: "meta-llama/Llama-3.1-8B", family: "Llama", class: "open-weight" as const };

function verdict(subject: Subject, extra: Partial<Verdict> = {}): Verdict {
    return {
        rule: "stateless-openai-api-on-azure",
        resource,
        subject,
        evidence: [{ path: "containerDefinitions[0].command", shown: "vllm serve gpt-4o" }],
        unknowns: [],
        unreadable: [],
        clause: { ids: ["1"], text: "clause 1 of the statement" },
        fix: "move it to Azure",
        viaStack: false,
        ...extra,
    };
}

const wire = (v: Verdict, context = {}) => JSON.parse(wireOf(v, context)) as Record<string, unknown>;

describe("what a verdict says the resource does", () => {
    it.each<[string, Subject, string]>([
        [
            "a proprietary model served",
            { kind: "serves-model", service: "container vllm", model: gpt4o },
            "container vllm serves the OpenAI proprietary model gpt-4o (GPT): stateless inference off Azure",
        ],
        [
            "a model named in a secret",
            { kind: "serves-model", service: "workload", model: sealed },
            "workload serves the OpenAI proprietary model (a GPT model named in a Pulumi secret): stateless inference off Azure",
        ],
        [
            "an open-weight model the config keeps on Azure",
            { kind: "serves-model", service: "workload", model: llama },
            "workload serves the open-weight model meta-llama/Llama-3.1-8B (Llama), and this pack's config (allowOpenWeightOffAzure: false) keeps open-weight serving on Azure too",
        ],
        ["declared serving", { kind: "declared-serving", service: "workload" }, "workload is declared as stateless OpenAI API serving"],
        [
            "an unknown model",
            { kind: "serves-unknown-model", service: "workload" },
            "workload serves a model that is unknown during preview and that nothing in the stack shows; it cannot be shown not to be an OpenAI proprietary model",
        ],
        [
            "unreadable inputs",
            { kind: "unreadable", service: "workload", reason: "it nests more than 64 levels deep" },
            "workload could not be read entirely (it nests more than 64 levels deep), so it cannot be shown not to serve an OpenAI proprietary model off Azure",
        ],
        [
            "a model from the stack",
            { kind: "serves-model-from-stack", service: "workload", model: gpt4o, source: backend },
            'workload serves gpt-4o (GPT), the model of aws:lambda/function:Function "bot" in this stack',
        ],
        [
            "a route",
            { kind: "route", route: "POST /v1/chat/completions", backend },
            'exposes the OpenAI-style API route "POST /v1/chat/completions" in front of aws:lambda/function:Function "bot", which serves or calls an OpenAI proprietary model off Azure',
        ],
        ["a product", { kind: "hosts-product", product: "frontier" }, 'hosts the OpenAI first-party product "frontier"'],
        ["a product named in a secret", { kind: "hosts-product" }, "hosts an OpenAI first-party product named in a Pulumi secret"],
        [
            "a DNS record",
            { kind: "dns-off-azure", hostname: "api.openai.com" },
            'DNS record for the OpenAI hostname "api.openai.com" points at targets that are not Azure',
        ],
        [
            "a DNS record named in a secret",
            { kind: "dns-off-azure" },
            "DNS record for an OpenAI hostname (named in a Pulumi secret) points at targets that are not Azure",
        ],
        [
            "a custom domain",
            { kind: "binds-hostname", hostname: "chatgpt.com" },
            'binds the OpenAI hostname "chatgpt.com" as a custom domain of a front that is not on Azure',
        ],
        [
            "a custom domain named in a secret",
            { kind: "binds-hostname" },
            "binds an OpenAI hostname (named in a Pulumi secret) as a custom domain of a front that is not on Azure",
        ],
    ])("%s", (_what, subject, sentence) => {
        expect(whatOf(subject)).toBe(sentence);
    });
});

describe("what a client verdict says about where the calls go", () => {
    const client = (endpoint: EndpointRef, withModel = true): Subject => ({
        kind: "calls-model",
        client: "container app",
        ...(withModel ? { model: gpt4o } : {}),
        endpoint,
    });

    it.each<[string, EndpointRef, string, string]>([
        [
            "a host",
            { kind: "host", host: "llm.example.net" },
            "container app is a client of the OpenAI proprietary model gpt-4o (GPT) and sends its calls to a host that is not Azure-hosted at llm.example.net",
            "host llm.example.net",
        ],
        [
            "a known service's host",
            { kind: "host", host: "api.together.xyz", service: "Together AI", cloud: "other" },
            "container app is a client of the OpenAI proprietary model gpt-4o (GPT) and sends its calls to Together AI's OpenAI-compatible API at api.together.xyz",
            "Together AI",
        ],
        [
            "no host a client could use",
            { kind: "host" },
            "container app is a client of the OpenAI proprietary model gpt-4o (GPT) and sends its calls to a host that is not Azure-hosted at (no host a client could use)",
            "host (no host a client could use)",
        ],
        [
            "a secret endpoint",
            { kind: "secret" },
            "container app is a client of the OpenAI proprietary model gpt-4o (GPT) and sends its calls to a host that is not Azure-hosted (the endpoint is a Pulumi secret and is not shown)",
            "a host that is not Azure-hosted",
        ],
        [
            "a secret endpoint of a known service",
            { kind: "secret", service: "Groq", cloud: "other" },
            "container app is a client of the OpenAI proprietary model gpt-4o (GPT) and sends its calls to Groq (the endpoint is a Pulumi secret and is not shown)",
            "Groq",
        ],
        [
            "a resource of the stack",
            { kind: "stack-resource", resource: backend, cloud: "aws" },
            'container app is a client of the OpenAI proprietary model gpt-4o (GPT) and sends its calls to an endpoint of aws:lambda/function:Function "bot" on AWS',
            "AWS",
        ],
        [
            "an unknown endpoint",
            { kind: "unknown" },
            "container app is a client of the OpenAI proprietary model gpt-4o (GPT) and sends its calls to an endpoint that is unknown during preview and that nothing in the stack shows to be Azure-hosted",
            "an endpoint that is unknown during preview",
        ],
        [
            "a server beside it",
            { kind: "local", host: "vllm.serving.svc.cluster.local", cloud: "gcp" },
            "container app is a client of the OpenAI proprietary model gpt-4o (GPT) and sends its calls to vllm.serving.svc.cluster.local, a server in its own cluster or on its own machine, on Google Cloud",
            "a server beside it on Google Cloud",
        ],
    ])("%s", (_what, endpoint, sentence, where) => {
        const subject = client(endpoint);
        expect(whatOf(subject)).toBe(sentence);
        expect(whereOf(verdict(subject))).toBe(where);
    });

    it("names a managed service the client invokes, and an unknown model", () => {
        const bedrock: EndpointRef = { kind: "service", service: "Amazon Bedrock", cloud: "aws" };
        expect(whatOf(client(bedrock))).toBe(
            "container app calls the OpenAI proprietary model gpt-4o (GPT) served by Amazon Bedrock, not on Azure",
        );
        expect(whatOf(client(bedrock, false))).toBe(
            "container app calls a model that is unknown during preview served by Amazon Bedrock, not on Azure",
        );
        expect(whereOf(verdict(client(bedrock)))).toBe("Amazon Bedrock");
        expect(whatOf(client({ kind: "unknown" }, false))).toBe(
            "container app is a client of a model that is unknown during preview and sends its calls to an endpoint that is unknown during preview and that nothing in the stack shows to be Azure-hosted",
        );
    });

    it('calls the resource "it" when the client is the resource\'s inputs as a whole', () => {
        const subject: Subject = {
            kind: "calls-model",
            client: "(inputs)",
            model: gpt4o,
            endpoint: { kind: "host", host: "llm.example.net" },
        };
        expect(whatOf(subject)).toMatch(/^it is a client of/);
    });
});

describe("where a verdict says the resource runs", () => {
    it("names the cloud and how the pack knows, when the verdict has a placement", () => {
        const v = verdict({ kind: "declared-serving", service: "workload" }, { placement: { cloud: "aws", how: "provider package aws" } });
        expect(whereOf(v)).toBe("AWS (provider package aws)");
    });

    it("names DNS targets' cloud when one cloud holds them all, and says outside Azure otherwise", () => {
        expect(whereOf(verdict({ kind: "dns-off-azure", hostname: "api.openai.com", targetCloud: "gcp" }))).toBe(
            "DNS targets on Google Cloud, not Azure",
        );
        expect(whereOf(verdict({ kind: "dns-off-azure", hostname: "api.openai.com" }))).toBe("DNS targets outside Azure");
    });

    it("says only that it is not Azure when nothing more is known", () => {
        expect(whereOf(verdict({ kind: "declared-serving", service: "workload" }))).toBe("a cloud other than Azure");
    });
});

describe("the message", () => {
    const serving = verdict(
        { kind: "serves-model", service: "container vllm", model: gpt4o },
        {
            placement: { cloud: "aws", how: "provider package aws" },
            unreadable: [{ path: "userData", shown: "(base64 of binary)" }],
        },
    );

    it("says what, where, the evidence (unreadable fields too), the clause and the fix, one line each", () => {
        expect(messageOf(serving).split("\n")).toEqual([
            'aws:ecs/service:Service "chat": container vllm serves the OpenAI proprietary model gpt-4o (GPT): stateless inference off Azure.',
            "Hosted on / sending to: AWS (provider package aws).",
            "Evidence: containerDefinitions[0].command = vllm serve gpt-4o; userData = (base64 of binary).",
            "Rule: clause 1 of the statement.",
            "Fix: move it to Azure.",
        ]);
    });

    it("adds an audit line after where it runs when the engine audits existing resources", () => {
        const lines = messageOf(serving, { evaluation: "audit" }).split("\n");
        expect(lines[2]).toBe(
            "Audit: this resource exists and is hosted there now; migrate it to Azure, or record a time-boxed exemption while it moves.",
        );
        expect(lines).toHaveLength(6);
        const client = verdict({ kind: "calls-model", client: "it", model: gpt4o, endpoint: { kind: "unknown" } });
        expect(messageOf(client, { evaluation: "audit" }).split("\n")[2]).toBe(
            "Audit: this resource exists and is configured this way now; change it, or record a time-boxed exemption while it changes.",
        );
        expect(messageOf(serving, { evaluation: "preview" })).toBe(messageOf(serving));
    });

    const exemption = { resource: "chat", policy: "*", reason: "migration", owner: "platform", expires: "2027-01-31" };

    it("opens with the exemption that holds, naming its owner, reason, resource and scope", () => {
        const active = messageOf({
            ...serving,
            exemption: { status: "active", exemption: { ...exemption, project: "demo", stack: "dev" } },
        });
        expect(active.split("\n")[0]).toBe(
            'Exempted from stateless-openai-api-on-azure until 2027-01-31 (owner platform; reason: migration; exemption for "chat" in project demo, stack dev). Reported, not blocked.',
        );
        const unscoped = messageOf({ ...serving, exemption: { status: "active", exemption } });
        expect(unscoped.split("\n")[0]).toContain('exemption for "chat"). Reported');
        const stackOnly = messageOf({ ...serving, exemption: { status: "active", exemption: { ...exemption, stack: "prod" } } });
        expect(stackOnly.split("\n")[0]).toContain('exemption for "chat" in stack prod). Reported');
    });

    it("opens with an expired exemption, saying the rule applies again", () => {
        const expired = messageOf({ ...serving, exemption: { status: "expired", exemption } });
        expect(expired.split("\n")[0]).toBe("Exemption expired on 2027-01-31 (owner platform; reason: migration); the rule applies again.");
        expect(expired.split("\n")).toHaveLength(6);
    });

    it("masks a token that reached any line", () => {
        const leaky = verdict(
            { kind: "declared-serving", service: "workload" },
            { evidence: [{ path: "env.KEY", shown: "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD" }] },
        );
        expect(messageOf(leaky)).not.toContain("abcdefghijklmnopqrstuvwxyz0123456789");
    });
});

describe("the verdict as the checker's reports read it", () => {
    it("carries the schema, rule, clause, resource, phase, sentences, evidence and fix", () => {
        const v = verdict(
            { kind: "serves-model", service: "workload", model: gpt4o },
            { placement: { cloud: "gcp", how: "provider package gcp" } },
        );
        expect(wire(v)).toEqual({
            schema: verdictSchema,
            rule: "stateless-openai-api-on-azure",
            clause: ["1"],
            resource,
            phase: "resource",
            subject: "serves-model",
            what: whatOf(v.subject),
            where: "Google Cloud (provider package gcp)",
            cloud: "gcp",
            model: gpt4o,
            evidence: v.evidence,
            unknowns: [],
            unreadable: [],
            fix: "move it to Azure",
        });
        expect(verdictSchema).toBe("openai-azure-hosting/verdict@1");
    });

    it("says the stack phase, the evaluation and the exemption when there are", () => {
        const exemption = { resource: "chat", policy: "*", reason: "migration", owner: "platform", expires: "2027-01-31" };
        const v = verdict(
            { kind: "declared-serving", service: "workload" },
            { viaStack: true, exemption: { status: "active", exemption } },
        );
        expect(wire(v, { evaluation: "audit" })).toMatchObject({
            phase: "stack",
            evaluation: "audit",
            exemption: { status: "active", ...exemption },
        });
        expect(wire(verdict({ kind: "declared-serving", service: "workload" }))).not.toHaveProperty("evaluation");
    });

    it.each<[string, EndpointRef, Record<string, unknown>, string]>([
        ["a host", { kind: "host", host: "llm.example.net" }, { kind: "host", host: "llm.example.net" }, "other"],
        [
            "a known service's host",
            { kind: "host", host: "api.groq.com", service: "Groq", cloud: "other" },
            { kind: "host", host: "api.groq.com", service: "Groq" },
            "other",
        ],
        ["a secret", { kind: "secret", cloud: "aws" }, { kind: "secret" }, "aws"],
        ["a secret of no known cloud", { kind: "secret" }, { kind: "secret" }, "other"],
        [
            "a resource of the stack",
            { kind: "stack-resource", resource: backend, cloud: "aws" },
            { kind: "stack-resource", resource: backend, cloud: "aws" },
            "aws",
        ],
        ["an unknown endpoint", { kind: "unknown" }, { kind: "unknown" }, "unknown"],
        [
            "a managed service",
            { kind: "service", service: "Amazon Bedrock", cloud: "aws" },
            { kind: "service", service: "Amazon Bedrock", cloud: "aws" },
            "aws",
        ],
        ["a server beside it", { kind: "local", host: "vllm.svc", cloud: "gcp" }, { kind: "local", host: "vllm.svc", cloud: "gcp" }, "gcp"],
    ])("gives a client's endpoint and cloud for %s", (_what, endpoint, shown, cloud) => {
        const w = wire(verdict({ kind: "calls-model", client: "it", model: gpt4o, endpoint }));
        expect(w["endpoint"]).toEqual(shown);
        expect(w["cloud"]).toBe(cloud);
        expect(w["model"]).toEqual(gpt4o);
    });

    it("pulls out the hostname, product, route, backend and source the subject names", () => {
        expect(wire(verdict({ kind: "dns-off-azure", hostname: "api.openai.com", targetCloud: "aws" }))).toMatchObject({
            hostname: "api.openai.com",
            cloud: "aws",
        });
        expect(wire(verdict({ kind: "dns-off-azure" }))).not.toHaveProperty("hostname");
        expect(wire(verdict({ kind: "binds-hostname", hostname: "chatgpt.com" }))).toMatchObject({ hostname: "chatgpt.com" });
        expect(wire(verdict({ kind: "hosts-product", product: "frontier" }))).toMatchObject({ product: "frontier" });
        expect(wire(verdict({ kind: "hosts-product" }))).not.toHaveProperty("product");
        expect(wire(verdict({ kind: "route", route: "POST /v1/responses", backend }))).toMatchObject({
            route: "POST /v1/responses",
            backend,
        });
        expect(wire(verdict({ kind: "serves-model-from-stack", service: "w", model: gpt4o, source: backend }))).toMatchObject({
            source: backend,
            model: gpt4o,
        });
        const plain = wire(verdict({ kind: "declared-serving", service: "w" }));
        for (const key of ["hostname", "product", "route", "backend", "source", "model", "endpoint", "cloud"]) {
            expect(plain).not.toHaveProperty(key);
        }
    });
});
