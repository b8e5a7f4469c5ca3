/**
 * How the pack reads a workload class and a first-party product off a resource's tags and labels:
 * which spellings of a key count, which value wins when several fields declare one, when a
 * declaration is secret, and where reading stops on huge or odd tag values. Each case is the
 * declaration (or its absence) a user would see as a verdict's evidence.
 */
import { judge } from "../policypack/registry";
import { defaultSettings } from "../policypack/settings";
import { declarationsIn, declarationsOf, defaultTagKeys, namesProduct, workloadKindOf } from "../policypack/tags";
import { secret, view } from "./support/views";

describe("tag keys that count as the declared key", () => {
    const keys = { workload: ["team9z/role-0a"], product: [] };
    const declared = (tagKey: string) => declarationsOf({ tags: { [tagKey]: "training" } }, keys).workload?.value;

    it("match when punctuation outside ASCII letters and digits separates the words", () => {
        // "~", "{", "|" and non-ASCII marks sort after the letters; they are separators all the same.
        expect(declarationsOf({ tags: { "openai~workload": "api" } }, defaultTagKeys).workload?.value).toBe("api");
        expect(declarationsOf({ tags: { "openai{workload}": "api" } }, defaultTagKeys).workload?.value).toBe("api");
        expect(declarationsOf({ tags: { "openai·workload": "api" } }, defaultTagKeys).workload?.value).toBe("api");
    });

    it("do not match a key one letter or digit short of it", () => {
        // Each of the edge characters of the alphabet and of the digits counts: a, z, 0 and 9.
        expect(declared("team9z/role-0")).toBeUndefined();
        expect(declared("team9/role-0a")).toBeUndefined();
        expect(declared("team9z/role-a")).toBeUndefined();
        expect(declared("teamz/role-0a")).toBeUndefined();
        expect(declarationsOf({ tags: { "openi:workload": "api" } }, defaultTagKeys)).toEqual({});
    });

    it("reduce a domain prefix whose first label is empty to the name alone", () => {
        const named = { workload: ["role"], product: [] };
        expect(declarationsOf({ tags: { ".example.com/role": "api" } }, named).workload).toEqual({
            path: "tags..example.com/role",
            value: "api",
        });
        expect(declarationsOf({ tags: { "example.com/role": "api" } }, named)).toEqual({});
    });

    it("ignore configured keys that are blank or not strings, and still use the others", () => {
        const odd = { workload: ["", "   ", 7, null, "openai:workload"] as unknown as string[], product: ["openai:product"] };
        // A tag key with no letters or digits is not matched by a blank configured key.
        expect(declarationsOf({ tags: { "--": "api", "openai-workload": "training" } }, odd)).toEqual({
            workload: { path: "tags.openai-workload", value: "training" },
        });
        expect(declarationsOf({ tags: { "": "api" } }, { workload: [""], product: [] })).toEqual({});
    });
});

describe("tag lists", () => {
    it("read Docker's {label, value} labels", () => {
        const container = { labels: [{ label: "openai.com/workload", value: "stateless-api" }] };
        expect(declarationsOf(container, defaultTagKeys).workload).toEqual({
            path: "labels[0] (openai.com/workload)",
            value: "stateless-api",
        });
    });

    it("skip items whose key is not a string, without failing the resource", () => {
        const tags = [
            { key: 7, value: "api" },
            { key: { name: "openai:workload" }, value: "api" },
            { key: "openai:workload", value: "training" },
        ];
        expect(declarationsOf({ tags }, defaultTagKeys).workload).toEqual({ path: "tags[2] (openai:workload)", value: "training" });
    });

    it("read only the first thousand items of a list", () => {
        const filler = Array.from({ length: 1000 }, (_, i) => ({ key: `team-${i}`, value: "ml" }));
        expect(declarationsOf({ tags: [...filler, { key: "openai:workload", value: "api" }] }, defaultTagKeys)).toEqual({});
        const last = filler.slice(1);
        expect(declarationsOf({ tags: [...last, { key: "openai:workload", value: "api" }] }, defaultTagKeys).workload?.path).toBe(
            "tags[999] (openai:workload)",
        );
    });

    it("read only the first thousand keys of a map", () => {
        const map: Record<string, string> = {};
        for (let i = 0; i < 1000; i++) {
            map[`team-${i}`] = "ml";
        }
        map["openai:workload"] = "api";
        expect(declarationsOf({ tags: map }, defaultTagKeys)).toEqual({});
        delete map["team-0"];
        expect(declarationsOf({ tags: map }, defaultTagKeys).workload?.value).toBe("api");
    });

    it("declare nothing from a map whose keys cannot be listed, and the other fields are still read", () => {
        // During a preview, a tag map can be a proxy that throws when asked for its keys.
        const unlistable = new Proxy(
            {},
            {
                ownKeys() {
                    throw new Error("unknown during preview");
                },
            },
        );
        const props = { tags: unlistable, labels: { "openai-workload": "inference" } };
        expect(declarationsOf(props, defaultTagKeys)).toEqual({ workload: { path: "labels.openai-workload", value: "inference" } });
        // Not even under a configured key of one letter.
        expect(declarationsOf({ tags: unlistable }, { workload: ["s"], product: ["t"] })).toEqual({});
    });

    it("declare nothing from a field that is neither a map nor a list, whatever the keys", () => {
        const oneLetter = { workload: ["s"], product: ["t"] };
        expect(declarationsOf({ tags: "openai:workload=api", labels: 42 }, oneLetter)).toEqual({});
        expect(declarationsOf({ definedTags: { Ops: "stateless-api" } }, oneLetter)).toEqual({});
    });

    it("do not read a defined-tags namespace that is a list as a map of its indexes", () => {
        const byIndex = { workload: ["0"], product: [] };
        expect(declarationsOf({ definedTags: { Ops: ["stateless-api"] } }, byIndex)).toEqual({});
        expect(declarationsOf({ definedTags: { Ops: { "0": "stateless-api" } } }, byIndex).workload?.path).toBe("definedTags.Ops.0");
    });
});

describe("secret declarations", () => {
    // A declaration inside a Pulumi secret counts; the evidence marks it secret so its value is never shown.
    it("are secret when the whole tag list is", () => {
        expect(declarationsOf({ tags: secret([{ key: "openai:workload", value: "api" }]) }, defaultTagKeys).workload).toEqual({
            path: "tags[0] (openai:workload)",
            value: "api",
            secret: true,
        });
    });

    it("are secret when one item of the list is, and only that one", () => {
        const tags = [secret({ key: "openai:workload", value: "api" }), { key: "openai:product", value: "Frontier" }];
        expect(declarationsOf({ tags }, defaultTagKeys)).toEqual({
            workload: { path: "tags[0] (openai:workload)", value: "api", secret: true },
            product: { path: "tags[1] (openai:product)", value: "Frontier" },
        });
    });

    it("are read, and secret, when an item's key is a secret", () => {
        const tags = [
            { key: secret("openai:workload"), value: "stateless-api" },
            { Key: secret("openai:product"), Value: "Frontier" },
        ];
        expect(declarationsOf({ tags }, defaultTagKeys)).toEqual({
            workload: { path: "tags[0] (openai:workload)", value: "stateless-api", secret: true },
            product: { path: "tags[1] (openai:product)", value: "Frontier", secret: true },
        });
    });

    it("are secret when the defined tags, or one namespace of them, are", () => {
        expect(declarationsOf({ definedTags: secret({ Ops: { "openai-workload": "api" } }) }, defaultTagKeys).workload).toEqual({
            path: "definedTags.Ops.openai-workload",
            value: "api",
            secret: true,
        });
        expect(declarationsOf({ definedTags: { Ops: secret({ "openai-workload": "api" }) } }, defaultTagKeys).workload).toEqual({
            path: "definedTags.Ops.openai-workload",
            value: "api",
            secret: true,
        });
        expect(declarationsOf({ definedTags: { Ops: { "openai-workload": "api" } } }, defaultTagKeys).workload?.secret).toBeUndefined();
    });

    it("are secret when the field given is, or the tag map is", () => {
        const field = { path: "metadata.labels", value: { "openai.com/workload": "inference" }, secret: true };
        expect(declarationsIn([field], defaultTagKeys).workload).toEqual({
            path: "metadata.labels.openai.com/workload",
            value: "inference",
            secret: true,
        });
        expect(declarationsOf({ labels: secret({ "openai-product": "codex" }) }, defaultTagKeys).product).toEqual({
            path: "labels.openai-product",
            value: "codex",
            secret: true,
        });
    });
});

describe("which declaration wins", () => {
    it("reports a workload class the pack does not recognise when nothing else is declared", () => {
        expect(declarationsOf({ tags: { "openai:workload": "web-frontend" } }, defaultTagKeys)).toEqual({
            workload: { path: "tags.openai:workload", value: "web-frontend" },
        });
    });

    it("keeps the first product declared", () => {
        const props = { tags: { "openai:product": "Frontier" }, labels: { "openai-product": "chatgpt" } };
        expect(declarationsOf(props, defaultTagKeys).product).toEqual({ path: "tags.openai:product", value: "Frontier" });
    });

    it("reads only the first thousand fields it is given", () => {
        const empty = Array.from({ length: 1000 }, (_, i) => ({ path: `labels${i}`, value: { team: "ml" } }));
        const declaring = { path: "metadata.labels", value: { "openai.com/workload": "inference" } };
        expect(declarationsIn([...empty, declaring], defaultTagKeys)).toEqual({});
        expect(declarationsIn([...empty.slice(1), declaring], defaultTagKeys).workload?.value).toBe("inference");
    });
});

describe("declared values written with dots", () => {
    it("name the same workload class and product as with dashes", () => {
        expect(workloadKindOf("stateless.api")).toBe("stateless-serving");
        expect(workloadKindOf("fine.tuning")).toBe("non-serving");
        expect(namesProduct("chat.gpt", ["frontier", "chatgpt"])).toBe("chatgpt");
    });
});

describe("products named with their vendor or plan", () => {
    const products = ["frontier", "chatgpt", "codex", "sora"];

    it.each([
        ["OpenAI Frontier", "frontier"],
        ["openai-codex", "codex"],
        ["ChatGPT Enterprise", "chatgpt"],
        ["Sora Pro", "sora"],
        ["ChatGPT Team, internal", "chatgpt"],
    ])("reads %j as the product %j", (value, product) => {
        expect(namesProduct(value, products)).toBe(product);
    });

    it.each(["frontier-analytics-internal-dashboard", "openai frontier analytics", "OpenAI", "Enterprise", "Codex CLI"])(
        "reads %j as no product: a longer name is another thing",
        (value) => {
            expect(namesProduct(value, products)).toBeUndefined();
        },
    );

    it("blocks a resource off Azure tagged with the product so named", () => {
        const node = (product: string) =>
            view("aws:ec2/instance:Instance", "p", {
                ami: "ami-0c7217cdde317cfec",
                instanceType: "m7i.xlarge",
                tags: { "openai:product": product },
            });
        expect(judge(node("OpenAI Frontier"), defaultSettings).map((v) => v.rule)).toEqual(["first-party-products-on-azure"]);
        expect(judge(node("frontier-analytics-internal-dashboard"), defaultSettings)).toEqual([]);
    });
});

describe("a resource that is one tag of another", () => {
    it("declares what its key and value say, so the deployment is blocked on the tag", () => {
        const tag = view("aws:ec2/tag:Tag", "chat-node-class", { resourceId: "i-0abc", key: "openai:workload", value: "stateless-api" });
        expect(declarationsOf(tag.props, defaultTagKeys).workload).toEqual({ path: "value[0] (openai:workload)", value: "stateless-api" });
        expect(judge(tag, defaultSettings).map((v) => v.rule)).toEqual(["stateless-openai-api-on-azure"]);
        const groupTag = { autoscalingGroupName: "chat", tag: { key: "openai:product", value: "Frontier", propagateAtLaunch: true } };
        expect(declarationsOf(groupTag, defaultTagKeys).product).toEqual({ path: "tag[0] (openai:product)", value: "Frontier" });
    });

    it("reads no declaration from a key and value that tag nothing", () => {
        expect(declarationsOf({ key: "openai:workload", value: "stateless-api" }, defaultTagKeys)).toEqual({});
    });
});

describe("values too long to be a workload class or a product list", () => {
    it("recognise a workload class up to 200 characters, padding and all", () => {
        const padded = (length: number) => "api" + "_".repeat(length - 3);
        expect(workloadKindOf(padded(200))).toBe("stateless-serving");
        expect(workloadKindOf(padded(201))).toBe("unrecognised");
    });

    it("name a product in a list up to 1000 characters long", () => {
        const padded = (length: number) => "frontier" + ",".repeat(length - 8);
        expect(namesProduct(padded(1000), ["frontier"])).toBe("frontier");
        expect(namesProduct(padded(1001), ["frontier"])).toBeUndefined();
    });
});
