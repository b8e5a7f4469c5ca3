/**
 * Reading values as the engine and the SDK hand them over, where the inputs are odd: secrets nested
 * to the bound and past it, objects that only look like secrets, props behind proxies that are not
 * the SDK's (or that never end), getters, and the elements of a secret list. Each case is what a
 * reader of the pack gets back, and that it gets it without a throw or a hang.
 */
import { containsUnknown, elementsOf, fieldOf, rawProps, unwrap } from "../policypack/values";
import { secret, UNKNOWN } from "./support/views";

/** `value` wrapped in `depth` secrets, innermost first. */
function sealed(value: unknown, depth: number): unknown {
    let out = value;
    for (let i = 0; i < depth; i++) {
        out = secret(out);
    }
    return out;
}

describe("secrets nested deep", () => {
    it("are read through a hundred thousand wrappers, and hold nothing readable past that", () => {
        expect(unwrap(sealed("gpt-4o", 100_000))).toEqual({ value: "gpt-4o", secret: true });
        expect(unwrap(sealed("gpt-4o", 100_001))).toEqual({ value: undefined, secret: true });
    });
});

describe("objects that are not secrets", () => {
    it("are read as they are, even with no constructor anywhere on their prototype chain", () => {
        const orphan = Object.create(Object.create(null)) as Record<string, unknown>;
        orphan["value"] = "gpt-4o";
        expect(unwrap(orphan)).toEqual({ value: orphan, secret: false });
    });
});

describe("props behind a proxy that is not the SDK's", () => {
    it("are the proxy's own properties", () => {
        const proxied = new Proxy({ image: "vllm/vllm-openai", args: ["--model", "gpt-4o"] }, {});
        expect(rawProps(proxied)).toEqual({ image: "vllm/vllm-openai", args: ["--model", "gpt-4o"] });
    });

    it("keep a key named like the SDK's proxy target as input, whatever it holds", () => {
        for (const held of [null, ["busybox"], Object.create({ image: "busybox" }) as unknown]) {
            const inputs = { __getSpecialProxyTarget: held, image: "vllm/vllm-openai" };
            expect(rawProps(new Proxy(inputs, {}))).toStrictEqual({ __getSpecialProxyTarget: held, image: "vllm/vllm-openai" });
        }
    });

    it("are read, without a hang, from a proxy that hands out itself as its target", () => {
        const inputs = { image: "vllm/vllm-openai" };
        const selfish: Record<string, unknown> = new Proxy(inputs, {
            get: (target, key) => (key === "__getSpecialProxyTarget" ? selfish : (target as Record<string | symbol, unknown>)[key]),
        });
        expect(rawProps(selfish)).toEqual({ image: "vllm/vllm-openai" });
    });

    it("are read through the descriptors of a chain of proxies too long to unwrap, whose reads throw", () => {
        // Like the SDK's unknown-checking proxy, a read through any of them throws; the descriptors do not.
        const inputs = { image: "vllm/vllm-openai", env: { MODEL: UNKNOWN } };
        let chain: object = inputs;
        for (let i = 0; i < 6; i++) {
            const next = chain;
            chain = new Proxy(next, {
                get: (_target, key) => {
                    if (key === "__getSpecialProxyTarget") {
                        return next;
                    }
                    throw new Error("unknown during preview");
                },
            });
        }
        const raw = rawProps(chain);
        expect(raw["image"]).toBe("vllm/vllm-openai");
        expect(raw["env"]).toEqual({ MODEL: UNKNOWN });
    });
});

describe("props of a plain object", () => {
    it("are its data properties, never a getter, even one that throws", () => {
        const inputs = {
            image: "vllm/vllm-openai",
            get model(): string {
                throw new Error("unknown during preview");
            },
        };
        const raw = rawProps(inputs);
        expect(Object.keys(raw)).toEqual(["image"]);
        expect(raw["model"]).toBeUndefined();
    });

    it("are nothing for null", () => {
        expect(rawProps(null)).toEqual({});
    });
});

describe("the elements of a secret list", () => {
    it("are each secret, the unknown ones too", () => {
        const props = { args: secret(["--model", UNKNOWN]) };
        expect(elementsOf(fieldOf(props, "args", "container"))).toEqual([
            { path: "container.args[0]", value: "--model", unknown: false, secret: true },
            { path: "container.args[1]", value: undefined, unknown: true, secret: true },
        ]);
    });
});

describe("looking for unknowns", () => {
    it("passes over inputs left undefined, and still finds an unknown beside them", () => {
        // Optional inputs a program leaves out arrive as undefined.
        expect(
            containsUnknown({ image: "vllm/vllm-openai", command: undefined, env: { MODEL: undefined }, ports: [undefined, 8000] }),
        ).toBe(false);
        expect(containsUnknown({ command: undefined, env: { MODEL: UNKNOWN } })).toBe(true);
    });
});
