// Hostile and broken input in every field the pack reads: the pack never throws out of a
// policy, says what it could not read, and never lets a resource it already classified as
// stateless serving through because some other field was unreadable.
import fc from "fast-check";
import { judge } from "../../policypack/registry";
import { Verdict } from "../../policypack/verdict";
import { supportedTypes } from "../../policypack/evidence";
import { messageOf, whereOf } from "../../policypack/render";
import { defaultSettings } from "../../policypack/settings";
import { blockedSeeds, leavesOf, withLeaf } from "../support/blocked-seeds";
import {
    everySupportedType,
    hostileLeaf,
    hostileProps,
    hostileTree,
    isAzureType,
    isStatefulType,
    nestedArray,
    nestedObject,
    readKeys,
    resourceOf,
    stackWith,
    statelessValueSpelling,
    unknownSentinels,
    workloadKeySpelling,
} from "../support/hostile";
import { k8sProvider, secret } from "../support/views";
import { megabytes } from "../support/sizes";

const settings = defaultSettings;
const runs = Number(process.env.HARDENING_RUNS ?? 300);

/** Both phases of the assessment and every message, as the policies would run them. */
function judged(type: string, props: Record<string, unknown>): Verdict[] {
    const resource = resourceOf(type, "hostile", props);
    const findings = [...judge(resource, settings), ...judge(resource, settings, stackWith(resource))];
    findings.forEach((finding) => messageOf(finding));
    return findings;
}

const blocksServing = (findings: Verdict[]) => findings.some((finding) => finding.rule === "stateless-openai-api-on-azure");

describe("malformed input never crashes the assessment", () => {
    it(`assesses any supported type with hostile props without throwing (${runs} runs)`, () => {
        fc.assert(
            fc.property(everySupportedType, hostileProps, (type, props) => {
                judged(type, props);
            }),
            { numRuns: runs },
        );
    });

    it(`assesses a Kubernetes workload whose provider's kubeconfig and context are hostile (${runs} runs)`, () => {
        fc.assert(
            fc.property(hostileTree, hostileLeaf, (kubeconfig, context) => {
                const provider = k8sProvider("hostile", { kubeconfig, context, cluster: context });
                const deployment = {
                    ...resourceOf("kubernetes:apps/v1:Deployment", "d", blockedSeeds["kubernetes:apps/v1:Deployment"]),
                    provider,
                };
                judge(deployment, settings);
                judge(deployment, settings, stackWith(deployment)).forEach((finding) => messageOf(finding));
            }),
            { numRuns: runs },
        );
    });

    it(`assesses every blocked seed with any one field replaced by a hostile value without throwing (${runs} runs)`, () => {
        fc.assert(
            fc.property(fc.constantFrom(...Object.keys(blockedSeeds)), fc.nat(), hostileTree, (type, pick, hostile) => {
                const leaves = leavesOf(blockedSeeds[type]);
                const { path } = leaves[pick % leaves.length];
                judged(
                    type,
                    withLeaf(blockedSeeds[type], path, () => hostile),
                );
            }),
            { numRuns: runs },
        );
    });
});

describe("a resource declared as stateless serving stays blocked whatever else it holds", () => {
    const servingTypes = supportedTypes.filter((type) => !isAzureType(type) && !isStatefulType(type));

    it(`blocks every non-Azure type declared stateless-api, in any key and value spelling, with hostile noise in every other field (${runs} runs)`, () => {
        fc.assert(
            fc.property(
                fc.constantFrom(...servingTypes),
                hostileProps,
                workloadKeySpelling,
                statelessValueSpelling,
                (type, noise, key, value) => {
                    // Noise first, the declaration in `tags`, the field read first: a declaration in a field read
                    // earlier would be the owners' word too (and noise may write one there).
                    const props = { ...noise, tags: { [key]: value } };
                    expect(blocksServing(judged(type, props))).toBe(true);
                },
            ),
            { numRuns: runs },
        );
    });

    it(`keeps blocking a served proprietary model when any other field of the resource is broken (${runs} runs)`, () => {
        const servingSeeds = Object.keys(blockedSeeds).filter(
            (type) => !isAzureType(type) && !isStatefulType(type) && blocksServing(judged(type, blockedSeeds[type])),
        );
        fc.assert(
            fc.property(
                fc.constantFrom(...servingSeeds),
                fc.constantFrom(...readKeys.filter((key) => key !== "__proto__")),
                hostileTree,
                (type, key, hostile) => {
                    const seed = blockedSeeds[type];
                    if (Object.prototype.hasOwnProperty.call(seed, key)) {
                        return; // replacing the evidence itself is the other property's business
                    }
                    expect(blocksServing(judged(type, { ...seed, [key]: hostile }))).toBe(true);
                },
            ),
            { numRuns: runs },
        );
    });
});

describe("named malformed inputs", () => {
    const tenMegabytes = megabytes(10);
    const declaredEcs = (containerDefinitions: unknown) => ({
        family: "x",
        containerDefinitions,
        tags: { "openai:workload": "stateless-api" },
    });

    it("reports invalid ECS container-definition JSON as unreadable and still blocks the declared serving", () => {
        const [finding] = judged("aws:ecs/taskDefinition:TaskDefinition", declaredEcs("[{not json"));
        expect(finding.rule).toBe("stateless-openai-api-on-azure");
        expect(messageOf(finding)).toMatch(/containerDefinitions .*could not be read.*not valid JSON/);
    });

    it("reports container definitions unknown during preview as unreadable on a declared serving task", () => {
        const [finding] = judged("aws:ecs/taskDefinition:TaskDefinition", declaredEcs(unknownSentinels[0]));
        expect(messageOf(finding)).toMatch(/containerDefinitions .*unknown during preview/);
    });

    it("never quotes a secret's text from a JSON parse error", () => {
        // V8 quotes the text around an unexpected token.
        const [finding] = judged("aws:ecs/taskDefinition:TaskDefinition", declaredEcs(secret("[hunter2-PARSEleak]")));
        expect(messageOf(finding)).toMatch(/containerDefinitions .*not valid JSON/);
        expect(messageOf(finding)).not.toContain("PARSEleak");
    });

    it("reports binary user data as unreadable on a declared serving instance", () => {
        const findings = judged("aws:ec2/instance:Instance", {
            userData: "\u0000\u0001\u0002\u0003\u0004\u0005binary",
            tags: { "openai:workload": "inference" },
        });
        expect(messageOf(findings[0])).toMatch(/userData .*neither text nor base64/);
    });

    it("reads base64 of gzip user data as unreadable rather than as text", () => {
        const findings = judged("aws:ec2/launchTemplate:LaunchTemplate", {
            userData: "H4sIAAAAAAAAA+NkYGBgBAA=",
            tags: { "openai:workload": "serving" },
        });
        expect(messageOf(findings[0])).toMatch(/unreadable|could not be read/);
    });

    it("judges a Kubernetes workload behind a kubeconfig that is neither JSON nor YAML as hosted on an unknown cloud, and blocks it", () => {
        const provider = k8sProvider("garbage", { kubeconfig: "{{{{ ]]] : : -- \u0000" });
        const deployment = {
            ...resourceOf("kubernetes:apps/v1:Deployment", "vllm", blockedSeeds["kubernetes:apps/v1:Deployment"]),
            provider,
        };
        const [finding] = judge(deployment, settings);
        expect(finding.rule).toBe("stateless-openai-api-on-azure");
        expect(whereOf(finding)).toMatch(/unknown cloud.*could not be parsed/);
    });

    it("takes numbers for strings and arrays for maps without throwing or inventing evidence", () => {
        const props = {
            environment: { variables: [1, 2, 3] },
            containerDefinitions: 42,
            userData: 7,
            tags: ["openai:workload", "stateless-api"],
            modelArn: 5,
        };
        for (const type of supportedTypes) {
            expect(() => judged(type, props)).not.toThrow();
        }
        expect(judged("aws:lambda/function:Function", props)).toEqual([]);
    });

    it("takes null in every field without throwing", () => {
        const props = Object.fromEntries(readKeys.filter((key) => key !== "__proto__").map((key) => [key, null]));
        for (const type of supportedTypes) {
            expect(() => judged(type, props)).not.toThrow();
        }
    });

    const huge = `${"A".repeat(tenMegabytes)} --served-model-name gpt-4o`;

    // Every resource is read by the same walk (the tables only refine it): one type per table family, and
    // a type no table names, cover it; each costs the walk over every field's 10 MB.
    const representative = [
        "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput",
        "aws:sagemaker/model:Model",
        "aws:route53/record:Record",
        "aws:apigatewayv2/route:Route",
        "acmecloud:compute/gpuServer:GpuServer",
    ];
    it.each(representative)("reads a 10 MB string in every field of a %s without throwing", (type) => {
        const props = Object.fromEntries(readKeys.filter((key) => key !== "__proto__").map((key) => [key, huge]));
        expect(() => judged(type, props)).not.toThrow();
    });

    it("still finds the served model at the end of 10 MB of user data", () => {
        expect(blocksServing(judged("aws:ec2/instance:Instance", { userData: huge }))).toBe(true);
    });

    it("survives objects nested 10 000 levels deep in every field", () => {
        const deep = nestedObject("spec", 10_000, "gpt-4o");
        const deepArray = nestedArray(10_000, "gpt-4o");
        for (const type of supportedTypes) {
            expect(() =>
                judged(type, { spec: deep, template: deep, environment: deepArray, tags: deep, metadata: deep, modelSource: deep }),
            ).not.toThrow();
        }
    });

    it("survives JSON text nested 100 000 levels deep in ECS container definitions, reporting it unreadable", () => {
        const deepJson = "[".repeat(100_000) + "]".repeat(100_000);
        const findings = judged("aws:ecs/taskDefinition:TaskDefinition", declaredEcs(deepJson));
        expect(findings.map((finding) => finding.rule)).toContain("stateless-openai-api-on-azure");
    });

    it("survives a kubeconfig of 100 000 nested YAML flow sequences, saying it nests too deeply", () => {
        const provider = k8sProvider("deep", { kubeconfig: "[".repeat(100_000) });
        const deployment = {
            ...resourceOf("kubernetes:apps/v1:Deployment", "vllm", blockedSeeds["kubernetes:apps/v1:Deployment"]),
            provider,
        };
        const findings = judge(deployment, settings);
        expect(blocksServing(findings)).toBe(true);
        // Not parsed at all: the parser recurses and would spend seconds before overflowing its stack.
        expect(whereOf(findings[0])).toMatch(/nests more than 100 levels deep/);
    });

    it("survives a YAML alias bomb in a kubeconfig", () => {
        const bomb = [
            "a: &a [x,x,x,x,x,x,x,x,x]",
            ...Array.from(
                { length: 9 },
                (_, i) =>
                    `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
            ),
        ].join("\n");
        const provider = k8sProvider("bomb", { kubeconfig: bomb });
        const deployment = {
            ...resourceOf("kubernetes:apps/v1:Deployment", "vllm", blockedSeeds["kubernetes:apps/v1:Deployment"]),
            provider,
        };
        expect(blocksServing(judge(deployment, settings))).toBe(true);
    });

    it.each([1, 9, 100, 5000])("finds a served model wrapped in %i Pulumi secrets, and never shows it", (depth) => {
        let wrapped: unknown = "gpt-4o";
        for (let i = 0; i < depth; i++) {
            wrapped = secret(wrapped);
        }
        const findings = judged("aws:lambda/function:Function", { environment: { variables: { SERVED_MODEL_NAME: wrapped } } });
        expect([...new Set(findings.map((finding) => finding.rule))]).toEqual(["stateless-openai-api-on-azure"]);
        expect(findings[0].evidence).toEqual([{ path: "environment.variables.SERVED_MODEL_NAME", shown: "[secret]" }]);
    });

    it("takes a secret that wraps itself (a cycle) without looping", () => {
        const loop: Record<string, unknown> = secret(undefined);
        loop.value = loop;
        expect(() => judged("aws:lambda/function:Function", { environment: { variables: { SERVED_MODEL_NAME: loop } } })).not.toThrow();
    });

    it("takes a self-referencing props object (a cycle) without looping", () => {
        const cyclic: Record<string, unknown> = { name: "loop" };
        cyclic.spec = cyclic;
        cyclic.template = cyclic;
        cyclic.environment = cyclic;
        for (const type of supportedTypes) {
            expect(() => judged(type, cyclic)).not.toThrow();
        }
    });

    it("takes getters that throw (the SDK's unknown-checking proxy) without throwing", () => {
        const trap = new Proxy(
            {},
            {
                get: () => {
                    throw new Error("can't be known during preview");
                },
                ownKeys: () => {
                    throw new Error("no keys");
                },
            },
        );
        for (const type of supportedTypes) {
            expect(() => judged(type, { spec: trap, environment: trap, tags: trap, template: trap, metadata: trap })).not.toThrow();
        }
    });
});
