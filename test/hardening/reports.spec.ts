// A plan full of secrets, through the pack as the Pulumi CLI runs it and through the offline
// checker in every report format: no message, log line or report holds a secret.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PackClient, startPack } from "../../harness/analyzer-client";
import { Plan, RecordedResource, SECRET_SIG, SIG_KEY } from "../../harness/plan";
import { blockedSeeds, leavesOf, seedApiKey, withLeaf } from "../support/blocked-seeds";
import { planOf } from "../support/plans";

const repoRoot = path.resolve(__dirname, "../..");
const checker = path.join(repoRoot, "dist", "tools", "checker", "cli.js");
const wire = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

/** Plain values of secret-looking settings: shown nowhere although they are not Pulumi secrets. */
const secretSettings = {
    DB_PASSWORD: "hunter2-plain-password-value",
    SERVICE_TOKEN: "tok-plain-token-value-0451",
    x_api_key: "plain-api-key-value-0452",
};

/** Fields whose text the pack's own words repeat (setting names, DNS zones): sealed, but not looked for. */
const vocabulary = new Set(["name", "zoneName", "image", "type"]);

/** Every seed with each of its string fields of eight characters or more made a Pulumi secret. */
function sealedPlan(): { plan: Plan; plaintexts: string[] } {
    const plaintexts = new Set<string>([seedApiKey, ...Object.values(secretSettings)]);
    const resources = Object.entries(blockedSeeds).map(([type, seed], index) => {
        let props: Record<string, unknown> = seed;
        for (const leaf of leavesOf(seed)) {
            if (typeof leaf.value === "string" && leaf.value.length >= 8) {
                if (!vocabulary.has(String(leaf.path[leaf.path.length - 1]))) {
                    plaintexts.add(leaf.value);
                }
                props = withLeaf(props, leaf.path, wire);
            }
        }
        const extra =
            type === "aws:lambda/function:Function"
                ? { environment: { variables: { ...(props.environment as { variables: object }).variables, ...secretSettings } } }
                : {};
        return { type, name: `sealed-${index}`, inputs: { ...props, ...extra } };
    });
    return { plan: planOf(resources), plaintexts: [...plaintexts] };
}

/** `pulumi stack export --show-secrets` of a plan: secrets as `{sig, plaintext: <JSON>}`. */
function stackExportOf(plan: Plan): unknown {
    const exported = (value: unknown): unknown => {
        if (Array.isArray(value)) {
            return value.map(exported);
        }
        if (typeof value !== "object" || value === null) {
            return value;
        }
        const record = value as Record<string, unknown>;
        if (record[SIG_KEY] === SECRET_SIG) {
            return { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(record.value) };
        }
        return Object.fromEntries(Object.entries(record).map(([key, child]) => [key, exported(child)]));
    };
    const providerId = "0e9c6a55-7b1d-4a2e-8f3c-5d6e7f8a9b0c";
    const resources = plan.resources.map((resource: RecordedResource) => ({
        urn: resource.urn,
        custom: resource.custom,
        type: resource.type,
        ...(resource.type.startsWith("pulumi:providers:") ? { id: providerId } : {}),
        ...(resource.parent ? { parent: resource.parent } : {}),
        ...(resource.provider ? { provider: resource.provider.replace(/::[^:]+$/, `::${providerId}`) } : {}),
        inputs: exported(resource.inputs),
        outputs: exported(resource.inputs),
        dependencies: resource.dependencies,
        propertyDependencies: resource.propertyDependencies,
    }));
    return { version: 3, deployment: { manifest: { time: "2026-03-02T10:14:05.501Z", magic: "m", version: "v3.248.0" }, resources } };
}

function expectNoPlaintext(text: string, plaintexts: string[]): void {
    const leaked = plaintexts.filter((plaintext) => text.includes(plaintext));
    expect(leaked).toEqual([]);
}

describe("a plan full of secrets", () => {
    const { plan, plaintexts } = sealedPlan();

    describe("through the pack over the Analyzer protocol", () => {
        let pack: PackClient;

        beforeAll(async () => {
            pack = await startPack(repoRoot);
            await pack.configure({});
        }, 120_000);

        afterAll(async () => {
            await pack?.close();
        });

        it("blocks the sealed resources and shows no secret in any message or log line", async () => {
            const verdicts = await pack.analyzePlan(plan);
            expect(verdicts.filter((verdict) => verdict.level === "mandatory").length).toBeGreaterThanOrEqual(
                Object.keys(blockedSeeds).length - 2,
            );
            expectNoPlaintext(verdicts.map((verdict) => verdict.message).join("\n"), plaintexts);
            expectNoPlaintext(pack.stderr(), plaintexts);
        });
    });

    describe("through the offline checker", () => {
        const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "hardening-reports-"));
        const exportFile = path.join(scratch, "stack-export-show-secrets.json");

        beforeAll(() => {
            fs.writeFileSync(exportFile, JSON.stringify(stackExportOf(plan), null, 2));
        });

        it.each(["text", "json", "sarif", "junit"])(
            "writes a %s report that blocks the stack and holds no secret",
            (format) => {
                const run = spawnSync(process.execPath, [checker, "check", exportFile, "--format", format], {
                    cwd: repoRoot,
                    encoding: "utf8",
                    maxBuffer: 64 * 1024 * 1024,
                });
                expect({ code: run.status, stderr: run.stderr }).toEqual({ code: 1, stderr: expect.any(String) });
                expect(run.stdout).toMatch(/stateless-openai-api-on-azure/);
                expectNoPlaintext(run.stdout, plaintexts);
                expectNoPlaintext(run.stderr, plaintexts);
            },
            60_000,
        );
    });
});
