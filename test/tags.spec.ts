import { declarationsOf, defaultTagKeys, namesProduct, workloadKindOf } from "../policypack/tags";

describe("declarationsOf", () => {
    it("reads an AWS resource's workload tag", () => {
        expect(declarationsOf({ tags: { "openai:workload": "stateless-api", team: "ml" } }, defaultTagKeys)).toEqual({
            workload: { path: "tags.openai:workload", value: "stateless-api" },
        });
    });

    it("reads both the workload and the product declaration", () => {
        const props = { tags: { "openai:workload": "stateless-api", "openai:product": "Frontier" } };
        expect(declarationsOf(props, defaultTagKeys)).toEqual({
            workload: { path: "tags.openai:workload", value: "stateless-api" },
            product: { path: "tags.openai:product", value: "Frontier" },
        });
    });

    it("compares keys in any spelling and case, trimming values", () => {
        for (const key of ["OpenAI:Workload", "openai.com/workload", "openai-workload", "OpenAI_Workload", "OPENAI.WORKLOAD"]) {
            expect(declarationsOf({ tags: { [key]: "  training " } }, defaultTagKeys).workload).toEqual({
                path: `tags.${key}`,
                value: "training",
            });
        }
    });

    it("does not take a key that only contains the declared key", () => {
        expect(declarationsOf({ tags: { "openai:workload-owner": "x", "acme.io/openai-workload": "y" } }, defaultTagKeys)).toEqual({});
    });

    it("reads GCP labels and user labels", () => {
        expect(declarationsOf({ labels: { "openai-workload": "inference" } }, defaultTagKeys).workload?.path).toBe(
            "labels.openai-workload",
        );
        expect(declarationsOf({ userLabels: { "openai-product": "frontier" } }, defaultTagKeys).product?.path).toBe(
            "userLabels.openai-product",
        );
    });

    it("reads a Kubernetes Deployment's pod template labels", () => {
        const deployment = {
            metadata: { name: "api" },
            spec: { template: { metadata: { labels: { "openai.com/workload": "stateless-api" } } } },
        };
        expect(declarationsOf(deployment, defaultTagKeys).workload).toEqual({
            path: "spec.template.metadata.labels.openai.com/workload",
            value: "stateless-api",
        });
    });

    it("prefers the resource's own labels over its pod template's when both say the same kind of thing", () => {
        const deployment = {
            metadata: { labels: { "openai.com/workload": "training" } },
            spec: { template: { metadata: { labels: { "openai.com/workload": "fine-tuning" } } } },
        };
        expect(declarationsOf(deployment, defaultTagKeys).workload?.value).toBe("training");
    });

    it("never lets a conflicting or unrecognised declaration hide a serving one", () => {
        const deployment = {
            metadata: { labels: { "openai.com/workload": "training" } },
            spec: { template: { metadata: { labels: { "openai.com/workload": "stateless-api" } } } },
        };
        expect(declarationsOf(deployment, defaultTagKeys).workload?.value).toBe("stateless-api");
        expect(
            declarationsOf({ tags: { "openai:workload": "!" }, labels: { "openai-workload": "training" } }, defaultTagKeys).workload?.value,
        ).toBe("training");
    });

    it("reads a CronJob's job template labels", () => {
        const cronJob = { spec: { jobTemplate: { spec: { template: { metadata: { labels: { "openai.com/workload": "batch" } } } } } } };
        expect(declarationsOf(cronJob, defaultTagKeys).workload?.path).toBe(
            "spec.jobTemplate.spec.template.metadata.labels.openai.com/workload",
        );
    });

    it("reads Cloud Run v2 revision template labels", () => {
        expect(declarationsOf({ template: { labels: { "openai-workload": "serving" } } }, defaultTagKeys).workload?.path).toBe(
            "template.labels.openai-workload",
        );
    });

    it("reads OCI freeform and defined tags", () => {
        expect(declarationsOf({ freeformTags: { "openai-workload": "api" } }, defaultTagKeys).workload?.path).toBe(
            "freeformTags.openai-workload",
        );
        expect(
            declarationsOf({ definedTags: { OpenAI: { workload: "x" }, Ops: { "openai-product": "frontier" } } }, defaultTagKeys).product,
        ).toEqual({
            path: "definedTags.Ops.openai-product",
            value: "frontier",
        });
    });

    it("reads an AutoScaling group's tag list ({key, value})", () => {
        const asg = {
            tags: [
                { key: "Name", value: "web", propagateAtLaunch: true },
                { key: "openai:workload", value: "stateless-api", propagateAtLaunch: true },
            ],
        };
        expect(declarationsOf(asg, defaultTagKeys).workload).toEqual({ path: "tags[1] (openai:workload)", value: "stateless-api" });
    });

    it("reads a CloudFormation-style tag list ({Key, Value})", () => {
        expect(declarationsOf({ tags: [{ Key: "openai:product", Value: "Frontier" }] }, defaultTagKeys).product).toEqual({
            path: "tags[0] (openai:product)",
            value: "Frontier",
        });
    });

    it("uses configured keys", () => {
        const keys = { workload: ["acme/serving-class"], product: [] };
        expect(declarationsOf({ tags: { "acme/serving-class": "api", "openai:workload": "training" } }, keys)).toEqual({
            workload: { path: "tags.acme/serving-class", value: "api" },
        });
    });

    it("ignores non-string and empty values", () => {
        expect(declarationsOf({ tags: { "openai:workload": 7, "openai:product": "   " } }, defaultTagKeys)).toEqual({});
        expect(declarationsOf({ tags: [{ key: "openai:workload", value: { nested: true } }] }, defaultTagKeys)).toEqual({});
    });

    it("does not read tags outside the known fields", () => {
        expect(declarationsOf({ spec: { containers: [{ env: { "openai:workload": "api" } }] } }, defaultTagKeys)).toEqual({});
        expect(declarationsOf({ description: "openai:workload=api" }, defaultTagKeys)).toEqual({});
    });

    it("never throws, whatever it is given", () => {
        const throwing = new Proxy(
            {},
            {
                get() {
                    throw new Error("unknown during preview");
                },
                ownKeys() {
                    throw new Error("unknown during preview");
                },
            },
        );
        for (const props of [
            undefined,
            null,
            42,
            "tags",
            [],
            { tags: throwing },
            throwing,
            { tags: "openai:workload=api" },
            { tags: [null, 1, "x"] },
        ]) {
            expect(declarationsOf(props, defaultTagKeys)).toEqual({});
        }
        expect(declarationsOf({ tags: { "openai:workload": "api" } }, undefined as unknown as typeof defaultTagKeys)).toEqual({});
    });
});

describe("declarationsOf, field by field", () => {
    const fields = [
        "tags",
        "tagsAll",
        "labels",
        "userLabels",
        "resourceLabels",
        "freeformTags",
        "metadata.labels",
        "spec.template.metadata.labels",
        "spec.jobTemplate.spec.template.metadata.labels",
        "template.labels",
        "template.metadata.labels",
    ];
    const at = (path: string, value: unknown): Record<string, unknown> =>
        path
            .split(".")
            .reverse()
            .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;

    it("reads each tag field when it is all a resource has", () => {
        for (const path of fields) {
            expect(declarationsOf(at(path, { "openai:workload": "training" }), defaultTagKeys).workload).toEqual({
                path: `${path}.openai:workload`,
                value: "training",
            });
        }
        expect(declarationsOf({ definedTags: { ops: { "openai-workload": "training" } } }, defaultTagKeys).workload?.path).toBe(
            "definedTags.ops.openai-workload",
        );
    });

    it("takes the fields in order of precedence, whatever order the resource's keys are in", () => {
        // The pods' labels come after the resource's own tags, though written first here.
        const props = { ...at("spec.template.metadata.labels", { "openai.com/product": "Codex" }), tags: { "openai:product": "Frontier" } };
        expect(declarationsOf(props, defaultTagKeys).product).toEqual({ path: "tags.openai:product", value: "Frontier" });
    });

    it("reads a tag resource's own key and value, in its `tag` or at its top", () => {
        expect(declarationsOf({ resourceId: "i-1", key: "openai:workload", value: "training" }, defaultTagKeys).workload?.path).toBe(
            "value[0] (openai:workload)",
        );
        expect(
            declarationsOf(
                { autoscalingGroupName: "g", tag: { key: "openai:workload", value: "training", propagateAtLaunch: true } },
                defaultTagKeys,
            ).workload?.path,
        ).toBe("tag[0] (openai:workload)");
    });
});

describe("workloadKindOf", () => {
    it.each(["stateless-api", "Stateless API", "STATELESS_SERVING", "inference", "serving", "api", "stateless", "stateless-inference"])(
        "treats %j as stateless serving",
        (value) => {
            expect(workloadKindOf(value)).toBe("stateless-serving");
        },
    );

    it.each([
        "training",
        "fine-tuning",
        "Fine_Tuning",
        "stateful-runtime",
        "stateful",
        "agent-runtime",
        "batch",
        "evaluation",
        "research",
        "data",
    ])("treats %j as non-serving", (value) => {
        expect(workloadKindOf(value)).toBe("non-serving");
    });

    it.each(["", "web", "stateless-apis", "api gateway", "prod"])("does not recognise %j", (value) => {
        expect(workloadKindOf(value)).toBe("unrecognised");
    });

    it("does not recognise a non-string", () => {
        expect(workloadKindOf(undefined as unknown as string)).toBe("unrecognised");
    });
});

describe("namesProduct", () => {
    const products = ["frontier", "chatgpt", "codex", "sora"];

    it("names a configured product in any case", () => {
        expect(namesProduct("Frontier", products)).toBe("frontier");
        expect(namesProduct(" FRONTIER ", products)).toBe("frontier");
    });

    it("ignores separators", () => {
        expect(namesProduct("Chat-GPT", products)).toBe("chatgpt");
        expect(namesProduct("chat_gpt", products)).toBe("chatgpt");
    });

    it("returns the product as configured", () => {
        expect(namesProduct("frontier", ["Frontier Agents", "Frontier"])).toBe("Frontier");
        expect(namesProduct("frontier-agents", ["Frontier Agents"])).toBe("Frontier Agents");
    });

    it("reads a comma-separated list", () => {
        expect(namesProduct("internal-tool, codex", products)).toBe("codex");
    });

    it("does not match a longer or different name", () => {
        expect(namesProduct("frontier-lab", products)).toBeUndefined();
        expect(namesProduct("acme-assistant", products)).toBeUndefined();
        expect(namesProduct("", products)).toBeUndefined();
    });

    it("tolerates odd input", () => {
        expect(namesProduct(5 as unknown as string, products)).toBeUndefined();
        expect(namesProduct("frontier", undefined as unknown as string[])).toBeUndefined();
        expect(namesProduct("frontier", ["", 3 as unknown as string, "frontier"])).toBe("frontier");
    });
});

describe("tag keys compared by their letters and digits", () => {
    const keys = { workload: ["team9z/role-0a"], product: ["product"] };
    const declared = (tagKey: string) => declarationsOf({ tags: { [tagKey]: "training" } }, keys).workload?.value;

    it("match whatever the case, separators and a domain's later labels", () => {
        expect(declared("TEAM9Z/ROLE-0A")).toBe("training");
        expect(declared("team9z.example.com/role_0a")).toBe("training");
        expect(declared("team9z:role.0a")).toBe("training");
    });

    it("do not match another domain, another first label, or other letters and digits", () => {
        expect(declared("example.team9z/role-0a")).toBeUndefined();
        expect(declared("team9y/role-0a")).toBeUndefined();
        expect(declared("team9z/role-0b")).toBeUndefined();
        expect(declared("team9z/role-1a")).toBeUndefined();
    });

    it("read tags given as a list of key and value pairs, and nothing from values that are not maps or lists", () => {
        expect(declarationsOf({ tags: [{ key: "team9z/role-0a", value: "training" }] }, keys).workload?.value).toBe("training");
        expect(declarationsOf({ tags: "team9z/role-0a=training" }, keys)).toEqual({});
        expect(declarationsOf({ tags: null }, keys)).toEqual({});
    });
});
