/**
 * Settings kept as maps in shapes the environment readers did not know (red team 12): entries
 * keyed by the setting's name (`envVars: { OPENAI_MODEL: { value } }`, Render's), and a model
 * client's settings under a key of any name (a Databricks task's `baseParameters`). A store's data
 * stays the data of whoever takes it in.
 */
import { judge } from "../policypack/registry";
import { defaultSettings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { view } from "./support/views";

const kinds = (found: Verdict[]) => found.map((verdict) => [verdict.rule, verdict.subject.kind]);
const evidenceOf = (found: Verdict[]) => found.flatMap((verdict) => verdict.evidence.map((e) => `${e.path} = ${e.shown}`));
const mantle = "https://bedrock-mantle.us-east-1.api.aws/v1";

describe("a map of entries keyed by the setting's name", () => {
    const worker = (envVars: Record<string, unknown>, startCommand = "python -m tagger --model gpt-4.1-mini") =>
        view("render:index/backgroundWorker:BackgroundWorker", "tagger", { name: "tagger", startCommand, envVars });

    it("reads each entry's value as the setting its key names", () => {
        const found = judge(
            worker({ OPENAI_BASE_URL: { value: mantle }, OPENAI_MODEL: { value: "gpt-5" } }, "python -m tagger"),
            defaultSettings,
        );
        expect(kinds(found)).toEqual([["openai-calls-hosted-on-azure", "calls-model"]]);
        expect(evidenceOf(found)).toEqual([
            `envVars.OPENAI_MODEL.value = gpt-5`,
            "envVars.OPENAI_BASE_URL.value = host bedrock-mantle.us-east-1.api.aws",
        ]);
    });

    it("makes a process whose entries follow the OpenAI SDK's conventions a client, whose `--model` is what it asks for", () => {
        // A plain SDK client of api.openai.com: its command's `--model` is not a server's.
        expect(judge(worker({ OPENAI_MODEL: { value: "gpt-4.1-mini" }, OPENAI_API_KEY: { value: "sk-proj-x" } }), defaultSettings)).toEqual(
            [],
        );
        // Without the entries read, the flag alone names a served model (DOMAIN item 3).
        expect(kinds(judge(worker({ ZENDESK_SUBDOMAIN: { value: "acme" } }), defaultSettings))).toEqual([
            ["stateless-openai-api-on-azure", "serves-model"],
        ]);
    });
});

describe("a model client's settings under a key of any name", () => {
    const job = (parameters: Record<string, unknown>) =>
        view("databricks:index/job:Job", "summaries", {
            name: "summaries",
            tasks: [{ taskKey: "summarize", notebookTask: { notebookPath: "/Repos/llm/summarize", baseParameters: parameters } }],
        });

    it("reads OpenAI SDK variables, or a model beside a base URL, wherever the map sits", () => {
        const sdk = judge(job({ OPENAI_BASE_URL: mantle, OPENAI_MODEL: "gpt-5" }), defaultSettings);
        expect(kinds(sdk)).toEqual([["openai-calls-hosted-on-azure", "calls-model"]]);
        expect(evidenceOf(sdk)).toContain("tasks[0].notebookTask.baseParameters.OPENAI_BASE_URL = host bedrock-mantle.us-east-1.api.aws");
        const paired = judge(job({ model: "gpt-5", upstream_base_url: mantle }), defaultSettings);
        expect(kinds(paired)).toEqual([["openai-calls-hosted-on-azure", "calls-model"]]);
    });

    it("passes the same map calling Azure, and a map that is not a client's settings", () => {
        expect(judge(job({ OPENAI_BASE_URL: "https://acme.openai.azure.com/openai/v1", OPENAI_MODEL: "gpt-5" }), defaultSettings)).toEqual(
            [],
        );
        expect(judge(job({ model: "gpt-5", report_date: "2026-11-30" }), defaultSettings)).toEqual([]);
    });

    it("leaves a store's data to whoever takes it in", () => {
        const content = JSON.stringify({ base_url: mantle, model: "gpt-5" });
        for (const store of [
            view("aws:appconfig/hostedConfigurationVersion:HostedConfigurationVersion", "llm-v1", {
                contentType: "application/json",
                content,
            }),
            view("fastly:index/configStoreEntries:ConfigStoreEntries", "llm", { entries: { base_url: mantle, model: "gpt-5" } }),
            view("aws:ssm/parameter:Parameter", "llm", { type: "String", value: content }),
        ]) {
            expect(judge(store, defaultSettings)).toEqual([]);
        }
    });
});
