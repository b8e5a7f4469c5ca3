// Evasion: what the people a gate blocks try first. Spoofed endpoint hosts, model names in
// disguise, declarations in odd spellings, exemptions written into a resource's own tags, and
// the other side: lookalikes that must not be taken for OpenAI models.
import fc from "fast-check";
import { judge } from "../../policypack/registry";
import { Verdict } from "../../policypack/verdict";
import { classifyEndpoint } from "../../policypack/endpoints";
import { modelNamedIn } from "../../policypack/models";
import { defaultSettings, Settings } from "../../policypack/settings";
import { blockedSeeds } from "../support/blocked-seeds";
import {
    declaring,
    genuineAzureEndpoint,
    hiddenProprietaryModel,
    lookalikes,
    resourceOf,
    spoofedEndpoint,
    stackWith,
} from "../support/hostile";
import { secret, UNKNOWN, view } from "../support/views";

const settings: Settings = defaultSettings;
const runs = Number(process.env.HARDENING_RUNS ?? 500);
const rulesOf = (findings: Verdict[]) => findings.map((finding) => finding.rule);

/** Both phases, as the policies run them. */
function findingsOf(type: string, props: Record<string, unknown>, withSettings: Settings = settings): Verdict[] {
    const resource = resourceOf(type, "evasive", props);
    const inStack = judge(resource, withSettings, stackWith(resource)).filter((finding) => finding.viaStack);
    return [...judge(resource, withSettings).filter((finding) => !finding.viaStack), ...inStack];
}

const lambdaClient = (baseUrl: unknown, model: unknown = "gpt-4o") =>
    findingsOf("aws:lambda/function:Function", {
        runtime: "python3.12",
        environment: { variables: { OPENAI_BASE_URL: baseUrl, OPENAI_MODEL: model } },
    });

describe("spoofed endpoint hosts", () => {
    it(`never takes a spoofed URL for an Azure-hosted endpoint (${runs} runs)`, () => {
        fc.assert(
            fc.property(spoofedEndpoint, ({ url }) => {
                expect(classifyEndpoint(url).azureHosted).toBe(false);
            }),
            { numRuns: runs },
        );
    });

    it(`blocks a client of gpt-4o whose base URL is a spoofed Azure host (${runs} runs)`, () => {
        fc.assert(
            fc.property(spoofedEndpoint, ({ url }) => {
                expect(rulesOf(lambdaClient(url))).toContain("openai-calls-hosted-on-azure");
            }),
            { numRuns: runs },
        );
    });

    it(`lets a genuine Azure endpoint through in any case, port, trailing dot and path (${runs} runs)`, () => {
        fc.assert(
            fc.property(genuineAzureEndpoint, (url) => {
                expect(classifyEndpoint(url).azureHosted).toBe(true);
                expect(lambdaClient(url)).toEqual([]);
            }),
            { numRuns: runs },
        );
    });

    const spoofs: Array<[attack: string, url: string]> = [
        ["an Azure host as a subdomain of the attacker's", "https://contoso.openai.azure.com.evil.io/v1"],
        ["an Azure host in the query string", "https://evil.io/?u=contoso.openai.azure.com"],
        ["an Azure host as user-info before @", "https://contoso.openai.azure.com@evil.io/v1"],
        ["an Azure host and port as user-info", "https://contoso.openai.azure.com:443@evil.io/v1"],
        ["an Azure host in the fragment", "https://evil.io#contoso.openai.azure.com"],
        ["a backslash that Python's URL parsers read as part of user-info", "https://contoso.openai.azure.com\\@evil.io/v1"],
        ["a space in the path, which makes the value look like no URL at all", "https://evil.io/v 1"],
        ["a tab inside the URL", "https://evil.io\t/v1"],
        ["a newline inside the URL", "https://evil.io/v1\nhttps://contoso.openai.azure.com"],
        ["a Cyrillic о in openai (IDN homograph)", "https://contoso.оpenai.azure.com.evil.io/v1"],
        ["a punycode label that is not openai", "https://contoso.xn--penai-63d.azure.com/v1"],
        ["an Azure domain as the label before a dash", "https://openai.azure.com-evil.io/v1"],
        ["a trailing dot on the attacker's host", "https://evil.io./v1"],
        ["an IPv4 literal", "http://203.0.113.7:8000/v1"],
        ["an IPv4 literal in decimal", "http://3405803783/v1"],
        ["an IPv6 literal", "http://[2001:db8::1]:8000/v1"],
        ["an IPv4-mapped IPv6 literal", "http://[::ffff:203.0.113.7]/v1"],
        ["mixed case on a lookalike domain", "HTTPS://Contoso.OpenAI.Azure.Com.Evil.IO/v1"],
        ["Amazon Bedrock's OpenAI-compatible API", "https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1"],
        ["Bedrock's dual-stack mantle endpoint", "https://bedrock-mantle.us-east-1.api.aws/v1"],
        ["a bare host without a scheme", "evil.io/v1"],
        ["a bare host with a port", "evil.io:8443"],
        ["a websocket URL", "wss://evil.io/v1/realtime"],
        ["a scheme in upper case", "HTTP://evil.io/v1"],
        ["a percent-encoded dot in the Azure name", "https://contoso.openai%2Eazure.com.evil.io/v1"],
        ["an unparseable URL", "https://[not-an-ip/v1"],
    ];

    it.each(spoofs)("blocks a client of gpt-4o that hides its endpoint with %s", (_attack, url) => {
        expect(rulesOf(lambdaClient(url))).toEqual(["openai-calls-hosted-on-azure"]);
    });

    it("blocks a client whose spoofed endpoint is a Pulumi secret, without showing it", () => {
        const findings = lambdaClient(secret("https://contoso.openai.azure.com.evil.io/v1"));
        expect(rulesOf(findings)).toEqual(["openai-calls-hosted-on-azure"]);
        expect(JSON.stringify(findings)).not.toContain("evil.io");
    });

    it("blocks a client whose endpoint is unknown during preview and unresolved by the stack", () => {
        expect(rulesOf(lambdaClient(UNKNOWN))).toEqual(["openai-calls-hosted-on-azure"]);
    });
});

describe("model names in disguise", () => {
    it(`finds a proprietary model under any case, whitespace, version suffix and provider prefix (${runs} runs)`, () => {
        fc.assert(
            fc.property(hiddenProprietaryModel, ({ id, spelled }) => {
                const found = modelNamedIn(spelled);
                expect(found?.class).toBe("proprietary");
                expect(found?.id).toContain(id);
            }),
            { numRuns: runs },
        );
    });

    it(`blocks a Lambda serving a proprietary model under any spelling (${runs} runs)`, () => {
        fc.assert(
            fc.property(hiddenProprietaryModel, ({ spelled }) => {
                const findings = findingsOf("aws:lambda/function:Function", { environment: { variables: { SERVED_MODEL_NAME: spelled } } });
                expect(rulesOf(findings)).toEqual(["stateless-openai-api-on-azure"]);
            }),
            { numRuns: runs },
        );
    });

    it(`never takes a lookalike inside any text for a model (${runs} runs)`, () => {
        const separator = fc.constantFrom(" ", "\n", "/", "=", ",", "\t", '"');
        fc.assert(
            fc.property(
                fc.constantFrom(...lookalikes),
                fc.array(fc.boolean(), { maxLength: 8 }),
                separator,
                separator,
                fc.stringMatching(/^[a-z ]{0,12}$/),
                (lookalike, flips, before, after, words) => {
                    const spelled = [...lookalike].map((c, i) => (flips[i] ? c.toUpperCase() : c)).join("");
                    expect(modelNamedIn(`${words}${before}${spelled}${after}${words}`)).toBeUndefined();
                },
            ),
            { numRuns: runs },
        );
    });

    const disguises: Array<[attack: string, value: string, id: string]> = [
        ["upper case", "GPT-4O", "gpt-4o"],
        ["surrounding whitespace and newlines", "  \n\tgpt-4.1 \r\n", "gpt-4.1"],
        ["a Bedrock version suffix", "openai.gpt-5-v1:0", "gpt-5"],
        ["a region-prefixed Bedrock id", "us.openai.gpt-5-mini-v1:0", "gpt-5-mini"],
        ["a Bedrock inference-profile ARN", "arn:aws:bedrock:us-west-2:123456789012:inference-profile/global.openai.o3-v1:0", "o3"],
        ["a provider prefix", "openai/gpt-4o-mini", "gpt-4o-mini"],
        ["a dated version", "gpt-4o-2024-08-06", "gpt-4o-2024-08-06"],
        ["Azure's gpt-35 spelling", "gpt-35-turbo-16k", "gpt-35-turbo-16k"],
        ["a fine-tune id", "ft:gpt-4o-mini-2024-07-18:acme::9abc", "gpt-4o-mini-2024-07-18"],
        ["a Hugging Face style path", "hf://openai/o4-mini", "o4-mini"],
        ["an S3 model path", "s3://models/openai/gpt-4.1/weights.safetensors", "gpt-4.1"],
        ["a command line", "vllm serve --port 8000 --served-model-name=O3-MINI", "o3-mini"],
        ["a quoted JSON value", '{"model":"gpt-5-pro"}', "gpt-5-pro"],
        ["a latest tag", "chatgpt-4o-latest", "chatgpt-4o-latest"],
    ];

    it.each(disguises)("finds the proprietary model hidden by %s", (_attack, value, id) => {
        expect(modelNamedIn(value)).toMatchObject({ id, class: "proprietary" });
    });

    it.each(lookalikes.map((name) => [name]))("does not take the lookalike %s for a model", (name) => {
        expect(modelNamedIn(name)).toBeUndefined();
        expect(findingsOf("aws:lambda/function:Function", { environment: { variables: { SERVED_MODEL_NAME: name } } })).toEqual([]);
    });

    it("does not take a company called o3-solutions, an O365 tenant or a -O3 compiler flag for a model", () => {
        expect(modelNamedIn("o3-solutions ltd, tenant O365, CFLAGS=-O3")).toBeUndefined();
    });
});

describe("declarations in odd spellings", () => {
    const spellings: Array<[attack: string, key: string, value: string]> = [
        ["a key in upper case", "OPENAI:WORKLOAD", "stateless-api"],
        ["a key with underscores", "openai_workload", "stateless-api"],
        ["a key with dots", "openai.workload", "stateless-api"],
        ["a Kubernetes-style domain key on a non-Kubernetes resource", "openai.com/workload", "stateless-api"],
        ["a value with spaces and capitals", "openai:workload", "  Stateless API  "],
        ["a value with underscores", "openai:workload", "STATELESS_API"],
        ["the value inference", "openai:workload", "Inference"],
    ];

    it.each(spellings)("blocks serving declared with %s", (_attack, key, value) => {
        expect(rulesOf(findingsOf("aws:ecs/taskDefinition:TaskDefinition", { family: "x", tags: { [key]: value } }))).toEqual([
            "stateless-openai-api-on-azure",
        ]);
    });

    it("blocks serving declared in an AutoScaling-style list of tags", () => {
        expect(
            rulesOf(findingsOf("aws:ecs/taskDefinition:TaskDefinition", { tags: [{ Key: "OpenAI:Workload", Value: "stateless-api" }] })),
        ).toEqual(["stateless-openai-api-on-azure"]);
    });

    it("blocks serving declared in a tag value that is a Pulumi secret, without showing it", () => {
        const findings = findingsOf("aws:ecs/taskDefinition:TaskDefinition", { tags: { "openai:workload": secret("stateless-api") } });
        expect(rulesOf(findings)).toEqual(["stateless-openai-api-on-azure"]);
        expect(JSON.stringify(findings)).not.toContain("stateless-api");
    });

    it("blocks serving declared in a tags map that is a Pulumi secret", () => {
        expect(
            rulesOf(findingsOf("aws:ecs/taskDefinition:TaskDefinition", { tags: secret({ "openai:workload": "stateless-api" }) })),
        ).toEqual(["stateless-openai-api-on-azure"]);
    });

    it("blocks a first-party product declared in a Pulumi secret, without showing it", () => {
        const findings = findingsOf("aws:ecs/service:Service", { tags: { "openai:product": secret("Frontier") } });
        expect(rulesOf(findings)).toEqual(["first-party-products-on-azure"]);
        expect(JSON.stringify(findings)).not.toMatch(/frontier/i);
    });

    it("does not let a training declaration in a later tag field override a stateless one in tags", () => {
        const props = {
            ...declaring("aws:ecs/taskDefinition:TaskDefinition", "openai:workload", "stateless-api"),
            labels: { "openai-workload": "training" },
        };
        expect(rulesOf(findingsOf("aws:ecs/taskDefinition:TaskDefinition", props))).toEqual(["stateless-openai-api-on-azure"]);
    });
});

describe("exemptions written into a resource's own tags", () => {
    const selfExemptions: Array<[attack: string, tags: Record<string, string>]> = [
        ["an exemption tag", { "openai:exemption": "stateless-openai-api-on-azure" }],
        ["an exempt tag naming every policy", { "openai:exempt": "*", "policy-exemption": "approved" }],
        ["a Pulumi-style policy skip tag", { "pulumi:policy-skip": "openai-azure-hosting" }],
        ["Checkov-style skip annotations", { "checkov:skip": "stateless-openai-api-on-azure:approved" }],
        ["a reason, owner and expiry in tags", { reason: "migration", owner: "me@example.com", expires: "2099-12-31", policy: "*" }],
        ["an enforcement level in tags", { "stateless-openai-api-on-azure": "disabled", all: "advisory" }],
    ];

    it.each(selfExemptions)("still blocks a Bedrock throughput for gpt-5 that grants itself %s", (_attack, tags) => {
        const props = { ...blockedSeeds["aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput"], tags };
        expect(rulesOf(findingsOf("aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput", props))).toEqual([
            "stateless-openai-api-on-azure",
        ]);
    });

    it("still blocks a serving Deployment that declares itself training in its pod labels but stateless in its own", () => {
        const deployment = view("kubernetes:apps/v1:Deployment", "d", {
            metadata: { labels: { "openai.com/workload": "stateless-api" } },
            spec: { template: { metadata: { labels: { "openai.com/workload": "training" } }, spec: { containers: [] } } },
        });
        expect(rulesOf(findingsOf(deployment.type, deployment.props))).toEqual(["stateless-openai-api-on-azure"]);
    });
});
