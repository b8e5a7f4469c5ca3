// Secrets: no message ever contains an API key, the value of a secret-looking setting, or a
// Pulumi secret's plaintext, whichever field of whichever resource type holds it.
import fc from "fast-check";
import { judge } from "../../policypack/registry";
import { Verdict } from "../../policypack/verdict";
import { supportedTypes } from "../../policypack/evidence";
import { ResourceView } from "../../policypack/resource";
import { messageOf } from "../../policypack/render";
import { defaultSettings } from "../../policypack/settings";
import { blockedSeeds, leavesOf, seedApiKey, withLeaf } from "../support/blocked-seeds";
import { resourceOf, stackWith } from "../support/hostile";
import { node, secret, stackOf, UNKNOWN, view } from "../support/views";

const settings = defaultSettings;
const runs = Number(process.env.HARDENING_RUNS ?? 400);

/** Every message the pack would print for a resource: violations and, were it exempted, advisories. */
function messagesOf(resource: ResourceView, findings?: Verdict[]): string {
    const all = findings ?? [...judge(resource, settings), ...judge(resource, settings, stackWith(resource))];
    const exemption = { resource: resource.name, policy: "*", reason: "r", owner: "o", expires: "2099-12-31" };
    return all.flatMap((finding) => [messageOf(finding), messageOf({ ...finding, exemption: { status: "active", exemption } })]).join("\n");
}

const messagesFor = (type: string, props: Record<string, unknown>) => messagesOf(resourceOf(type, "sealed", props));

describe("Pulumi secrets are judged and never shown", () => {
    it("has a blocked seed for every type the tables refine, so each type's fields are tried", () => {
        expect(supportedTypes.filter((type) => !(type in blockedSeeds))).toEqual([]);
        for (const [type, props] of Object.entries(blockedSeeds)) {
            expect({ type, blocked: messagesFor(type, props) !== "" }).toEqual({ type, blocked: true });
        }
    });

    it(`never shows a field's plaintext once it is a secret, in any field of any type (${runs} runs)`, () => {
        const cases = Object.entries(blockedSeeds).flatMap(([type, props]) =>
            leavesOf(props)
                .filter((leaf) => typeof leaf.value === "string" && leaf.value.length >= 4)
                .map((leaf) => ({ type, props, path: leaf.path, plaintext: leaf.value as string })),
        );
        fc.assert(
            fc.property(fc.constantFrom(...cases), ({ type, props, path, plaintext }) => {
                const sealed = messagesFor(
                    type,
                    withLeaf(props, path, (value) => secret(value)),
                );
                // The text may still appear for another reason (the message's own words): only when it does not appear
                // with a different secret in its place is its appearance a leak.
                const elsewhere = messagesFor(
                    type,
                    withLeaf(props, path, () => secret("x9x9-unrelated")),
                ).includes(plaintext);
                expect(elsewhere || !sealed.includes(plaintext)).toBe(true);
            }),
            { numRuns: runs },
        );
    });

    it(`never shows the value of a secret-looking setting, whatever its name and value (${runs} runs)`, () => {
        const secretName = fc
            .tuple(
                fc.constantFrom("", "OPENAI_", "AZURE_OPENAI_", "HF_", "x-", "db", "SERVICE_"),
                fc.constantFrom("API_KEY", "apiKey", "TOKEN", "Secret", "PASSWORD", "passwd", "CREDENTIALS", "AUTH", "PRIVATE_KEY", "key"),
                fc.constantFrom("", "_V2", "-1", "S"),
            )
            .map(([a, b, c]) => `${a}${b}${c}`);
        const value = fc.stringMatching(/^[a-z][a-z0-9-]{7,20}$/).map((text) => `hunter2-${text}`);
        fc.assert(
            fc.property(fc.constantFrom(...Object.keys(blockedSeeds)), secretName, value, (type, name, plaintext) => {
                // In every place settings live: env maps, env lists, user data, argv.
                const props = {
                    ...blockedSeeds[type],
                    environment: { variables: { ...clientVariables, [name]: plaintext } },
                    environmentVariables: { ...clientVariables, [name]: plaintext },
                    userData: `#!/bin/bash\nexport ${name}=${plaintext}\nvllm serve gpt-4o --${name} ${plaintext}\n`,
                    spec: { containers: [{ args: ["--model", "gpt-4o", `--${name}=${plaintext}`], env: [{ name, value: plaintext }] }] },
                };
                expect(messagesFor(type, props)).not.toContain(plaintext);
            }),
            { numRuns: runs },
        );
    });

    const clientVariables = { OPENAI_BASE_URL: "https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1", OPENAI_MODEL: "gpt-4o" };

    it("never shows the API key every seed carries", () => {
        for (const [type, props] of Object.entries(blockedSeeds)) {
            expect(messagesFor(type, props)).not.toContain(seedApiKey.slice(8));
        }
    });

    it("does not name a model that is a secret of another resource the stack resolves an unknown from", () => {
        const source = view("aws:s3/bucketObjectv2:BucketObjectv2", "weights", {
            bucket: "models",
            key: secret("openai/gpt-5-pro/weights.safetensors"),
        });
        const model = view("aws:sagemaker/model:Model", "served", { primaryContainer: { image: "vllm", modelDataUrl: UNKNOWN } });
        const stack = stackOf([node(source), node(model, { primaryContainer: [source] })]);
        const findings = judge(model, settings, stack);
        expect(findings.map((finding) => finding.rule)).toEqual(["stateless-openai-api-on-azure"]);
        expect(messagesOf(model, findings)).not.toContain("gpt-5-pro");
    });

    it("does not show a served model passed as a secret argument after its flag", () => {
        const props = { spec: { containers: [{ name: "vllm", args: ["--served-model-name", secret("gpt-4.1-mini"), "--port", "8000"] }] } };
        const messages = messagesFor("kubernetes:core/v1:Pod", props);
        expect(messages).toMatch(/stateless/);
        expect(messages).not.toContain("gpt-4.1-mini");
    });

    const secretDns: Array<[attack: string, type: string, props: Record<string, unknown>, hidden: string]> = [
        [
            "a Route 53 target",
            "aws:route53/record:Record",
            { name: "api.openai.com", type: "CNAME", records: [secret("origin-hidden.elb.amazonaws.com")] },
            "origin-hidden",
        ],
        [
            "a Cloudflare record's content",
            "cloudflare:index/dnsRecord:DnsRecord",
            { name: "api.openai.com", type: "CNAME", content: secret("gw-hidden.vercel.app") },
            "gw-hidden",
        ],
        [
            "a Cloud DNS record set's data",
            "gcp:dns/recordSet:RecordSet",
            { name: "chatgpt.com.", type: "A", rrdatas: secret(["203.0.113.99"]) },
            "203.0.113.99",
        ],
        [
            "an Azure DNS CNAME",
            "azure-native:dns:RecordSet",
            { relativeRecordSetName: "api", zoneName: "openai.com", cnameRecord: { cname: secret("hidden-origin.cloudfront.net") } },
            "hidden-origin",
        ],
        [
            "a DNS record's name",
            "aws:route53/record:Record",
            { name: secret("hidden-sub.openai.com"), type: "CNAME", records: ["origin.elb.amazonaws.com"] },
            "hidden-sub",
        ],
    ];

    it.each(secretDns)("blocks a DNS record whose secret is %s, without showing it", (_what, type, props, hidden) => {
        const resource = view(type, "record", props);
        const findings = judge(resource, settings);
        expect(findings.map((finding) => finding.rule)).toEqual(["first-party-products-on-azure"]);
        expect(messagesOf(resource, findings)).not.toContain(hidden);
    });
});
