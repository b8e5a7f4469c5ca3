// Load: a 50 000-resource stack is judged with bounded memory and the right verdicts, and no input
// costs more than linear time. Speed targets live in `npm run bench`; nothing here is timed. Linear
// cost is shown structurally: no regular expression in the pack can backtrack catastrophically
// (no quantified group holds an unbounded quantifier), and pathological inputs of megabytes are
// smoke-checked to complete under jest's default timeout.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { runInNewContext } from "vm";
import { setFlagsFromString } from "v8";
import { PolicyResource } from "@pulumi/policy";
import { clusterPlacementOfKubeconfig } from "../../policypack/kubeconfig";
import { classifyEndpoint, looksLikeEndpoint } from "../../policypack/endpoints";
import { modelNamedIn } from "../../policypack/models";
import { resourcePhaseVerdicts, stackPhaseVerdicts } from "../../policypack/policies/sdk-policy";
import { isSecretName, redactText } from "../../policypack/redaction";
import { settingsInArgs, settingsInScript, userDataText } from "../../policypack/scripts";
import { defaultSettings } from "../../policypack/settings";
import { workloadKindOf } from "../../policypack/tags";
import { megabytes, resourceCount } from "../support/sizes";

const packDir = path.resolve(__dirname, "../../policypack");

/** The regular-expression literals (and `new RegExp` calls) in the pack's source. */
function regexesInPack(): Array<{ file: string; source: string }> {
    const found: Array<{ file: string; source: string }> = [];
    const walk = (dir: string): string[] =>
        fs
            .readdirSync(dir, { withFileTypes: true })
            .flatMap((entry) =>
                entry.isDirectory() ? walk(path.join(dir, entry.name)) : entry.name.endsWith(".ts") ? [path.join(dir, entry.name)] : [],
            );
    for (const file of walk(packDir)) {
        const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
        const visit = (n: ts.Node): void => {
            if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
                found.push({ file: path.relative(packDir, file), source: n.getText() });
            } else if (ts.isNewExpression(n) && n.expression.getText() === "RegExp") {
                found.push({
                    file: path.relative(packDir, file),
                    source: `new RegExp(${n.arguments?.map((a) => a.getText()).join(", ")})`,
                });
            }
            ts.forEachChild(n, visit);
        };
        visit(source);
    }
    return found;
}

/**
 * Whether a regex has a quantified group that itself holds an unbounded quantifier (`(a+)+`,
 * `(?:x*y)*`): the shape behind catastrophic backtracking. Bounded repeats `{0,64}` are fine.
 */
function hasNestedUnboundedQuantifier(literal: string): boolean {
    const body = literal.slice(1, literal.lastIndexOf("/"));
    const groups: boolean[] = []; // per open group: holds an unbounded quantifier
    let inClass = false;
    const unboundedAt = (i: number): boolean => body[i] === "*" || body[i] === "+" || (body[i] === "{" && /^\{\d+,\}/.test(body.slice(i)));
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (c === "\\") {
            i++;
        } else if (inClass) {
            inClass = c !== "]";
        } else if (c === "[") {
            inClass = true;
        } else if (c === "(") {
            groups.push(false);
        } else if (c === ")") {
            const inner = groups.pop() ?? false;
            const quantified = unboundedAt(i + 1) || body[i + 1] === "?" || body[i + 1] === "{";
            if (inner && quantified && !body.slice(i + 1).startsWith("?:")) {
                return true;
            }
            if (inner && groups.length > 0) {
                groups[groups.length - 1] = true;
            }
        } else if (unboundedAt(i) && groups.length > 0) {
            groups[groups.length - 1] = true;
        }
    }
    return false;
}

describe("no regular expression in the pack can backtrack catastrophically", () => {
    // Parsed when a test of this block runs, not when the file loads (the mutation runner reloads specs per mutant).
    let regexes: Array<{ file: string; source: string }> = [];
    beforeAll(() => {
        regexes = regexesInPack();
    });

    it("finds the pack's regular expressions (so the check below checks something)", () => {
        expect(regexes.length).toBeGreaterThan(10);
    });

    it("builds no regular expression from input at run time", () => {
        expect(regexes.filter((regex) => regex.source.startsWith("new RegExp"))).toEqual([]);
    });

    it("has no quantified group that holds an unbounded quantifier", () => {
        expect(regexes.filter((regex) => hasNestedUnboundedQuantifier(regex.source))).toEqual([]);
    });

    it.each([
        ["(a+)+", true],
        ["(?:x*y)*", true],
        ["((ab)*c)+", true],
        ["(a|b)+", false],
        ["[a-z]{0,64}(?:-[a-z]{0,64}){0,8}", false],
        ["(?<![A-Za-z])sk-[A-Za-z0-9_-]{16}[A-Za-z0-9_-]*", false],
    ])("tells a nested unbounded quantifier in /%s/ (%s)", (source, nested) => {
        expect(hasNestedUnboundedQuantifier(`/${source}/`)).toBe(nested);
    });
});

describe("pathological inputs of a megabyte complete (smoke, under jest's default timeout)", () => {
    const mb = megabytes(1);
    const inputs: Array<[what: string, text: string]> = [
        ["a run of key=value pairs", "a=".repeat(mb / 2)],
        ["a run of dashes", "-".repeat(mb)],
        ["a long kebab-case word", "ab-".repeat(mb / 3)],
        ["an unclosed quote", `"${"x ".repeat(mb / 2)}`],
        ["sk- repeated", "sk-".repeat(mb / 3)],
        ["Bearer and digits", "Bearer 1".repeat(mb / 8)],
        ["colons and spaces", "a: ".repeat(mb / 3)],
        ["user-info shapes", "//a:b".repeat(mb / 5)],
        ["dotted prefixes", "us.".repeat(mb / 3) + "gpt-4o"],
        ["continuation segments", "gpt-4o" + "-mini".repeat(mb / 5)],
        ["base64 alphabet", "QUJD".repeat(mb / 4)],
        ["backslash continuations", "--model \\\n".repeat(mb / 10)],
        ["nested brackets", "[".repeat(mb)],
        ["at-signs and dots", "@.".repeat(mb / 2)],
    ];

    it.each(inputs)("reads %s through every scanner", (_what, text) => {
        expect(() => {
            redactText(text);
            modelNamedIn(text, ["acme-*-gpt-*"]);
            settingsInScript(text);
            settingsInArgs(text.split(" ", 1000));
            userDataText(text);
            classifyEndpoint(text);
            looksLikeEndpoint(text);
            isSecretName(text);
            workloadKindOf(text);
            clusterPlacementOfKubeconfig(text);
        }).not.toThrow();
    });
});

/** The engine's unknown-during-preview sentinel. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A stack of `size` resources: every tenth a SageMaker model serving gpt-4o, every tenth a Lambda calling Bedrock, every hundredth an EKS-hosted Deployment behind an unknown kubeconfig. */
function bigStack(size: number): { resources: PolicyResource[]; expected: { resourcePhase: number; stackPhase: number } } {
    const urn = (type: string, name: string) => `urn:pulumi:prod::load::${type}::${name}`;
    const resource = (type: string, name: string, props: Record<string, unknown>, extra: Partial<PolicyResource> = {}): PolicyResource =>
        ({
            urn: urn(type, name),
            type,
            name,
            props,
            propertyDependencies: {},
            dependencies: [],
            isDefaultProvider: false,
            ...extra,
        }) as unknown as PolicyResource;
    const cluster = resource("aws:eks/cluster:Cluster", "inference", { name: "inference" });
    const provider = resource(
        "pulumi:providers:kubernetes",
        "eks",
        { kubeconfig: UNKNOWN },
        { propertyDependencies: { kubeconfig: [cluster] }, dependencies: [cluster] },
    );
    const resources: PolicyResource[] = [cluster, provider];
    const expected = { resourcePhase: 0, stackPhase: 0 };
    for (let i = 0; resources.length < size; i++) {
        if (i % 100 === 0) {
            resources.push(
                resource(
                    "kubernetes:apps/v1:Deployment",
                    `vllm-${i}`,
                    { spec: { template: { spec: { containers: [{ name: "vllm", args: ["--served-model-name", "gpt-4.1"] }] } } } },
                    { provider } as Partial<PolicyResource>,
                ),
            );
            expected.stackPhase++;
        } else if (i % 10 === 1) {
            resources.push(
                resource("aws:sagemaker/model:Model", `model-${i}`, {
                    primaryContainer: { environment: { SERVED_MODEL_NAME: "gpt-4o", HF_TOKEN: "hf_x" } },
                }),
            );
            expected.resourcePhase++;
        } else if (i % 10 === 2) {
            resources.push(
                resource("aws:lambda/function:Function", `client-${i}`, {
                    environment: {
                        variables: { OPENAI_BASE_URL: "https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1", OPENAI_MODEL: "o3" },
                    },
                }),
            );
            expected.resourcePhase++;
        } else {
            resources.push(
                resource("aws:s3/bucket:Bucket", `bucket-${i}`, {
                    bucket: `data-${i}`,
                    tags: { team: "data", "openai:workload": "training" },
                }),
            );
        }
    }
    return { resources, expected };
}

function gcFunction(): () => void {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
}

describe("a 50 000-resource stack", () => {
    it("is judged with the right verdicts, holding memory within a bounded budget", () => {
        const gc = gcFunction();
        const { resources, expected } = bigStack(resourceCount(50_000));
        gc();
        const before = process.memoryUsage().heapUsed;
        let peak = before;
        let resourcePhase = 0;
        resources.forEach((resource, index) => {
            const args = {
                urn: resource.urn,
                name: resource.name,
                type: resource.type,
                props: resource.props,
                provider: resource.provider,
            } as unknown as Parameters<typeof resourcePhaseVerdicts>[0];
            resourcePhase += resourcePhaseVerdicts(args, defaultSettings).length;
            if (index % 5000 === 0) {
                peak = Math.max(peak, process.memoryUsage().heapUsed);
            }
        });
        const stackPhase = stackPhaseVerdicts({ resources } as unknown as Parameters<typeof stackPhaseVerdicts>[0], defaultSettings).length;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        gc();
        const retained = process.memoryUsage().heapUsed - before;

        expect({ resourcePhase, stackPhase }).toEqual(expected);
        // Generous: the judgement of 50k resources neither keeps state per resource nor builds a
        // per-resource structure much larger than the resource itself.
        expect(peak - before).toBeLessThan(768 * 1024 * 1024);
        expect(retained).toBeLessThan(32 * 1024 * 1024);
    }, 120_000);
});
