/**
 * Every reader in the pack goes through values.ts: unknowns are never mistaken for values, secrets
 * are never lost on the way down a path, and the stack phase skips a resource only when nothing in
 * it is unknown. Each case is what a reader gets back from inputs as the engine sends them.
 */
import { Secret } from "@pulumi/policy";
import {
    asRecord,
    childOf,
    containsUnknown,
    elementsOf,
    entriesOf,
    fieldAt,
    fieldOf,
    isUnknown,
    plainValue,
    stringOf,
    unwrap,
} from "../policypack/values";
import { secret, UNKNOWN } from "./support/views";

describe("unknowns", () => {
    it.each([
        ["04da6b54-80e4-46f7-96ec-b56ff0331ba9", true],
        ["3eeb2bf0-c639-47a8-9e75-3b44932eb421", true],
        ["dd056dcd-154b-4c76-9bd3-c8f88648b5ff", true],
        ["04da6b54-80e4-46f7-96ec-b56ff0331ba8", false],
        ["04da6b54-80e4-46f7-96ec-b56ff0331ba9 ", false],
        ["", false],
    ])("%j is unknown: %s", (value, unknown) => {
        expect(isUnknown(value)).toBe(unknown);
    });

    it("is only a string", () => {
        expect(isUnknown({ value: UNKNOWN })).toBe(false);
        expect(isUnknown(undefined)).toBe(false);
    });

    it("is found anywhere in a value, within a budget past which the answer is yes", () => {
        expect(containsUnknown({ a: [{ b: UNKNOWN }] })).toBe(true);
        expect(containsUnknown([1, "x", { y: [null, true] }])).toBe(false);
        expect(containsUnknown(UNKNOWN)).toBe(true);
        expect(containsUnknown(secret(UNKNOWN))).toBe(true);
        expect(containsUnknown(null)).toBe(false);
        const wide = { values: Array.from({ length: 50 }, (_, i) => `v${i}`) };
        expect(containsUnknown(wide, 10)).toBe(true);
        expect(containsUnknown(wide, 52)).toBe(false);
        expect(containsUnknown(wide, 51)).toBe(true);
    });
});

describe("secrets", () => {
    it("are taken off however deep they nest, saying there was one", () => {
        expect(unwrap(secret(secret("gpt-4o")))).toEqual({ value: "gpt-4o", secret: true });
        expect(unwrap(new Secret(new Secret("gpt-4o")))).toEqual({ value: "gpt-4o", secret: true });
        expect(unwrap("gpt-4o")).toEqual({ value: "gpt-4o", secret: false });
        expect(plainValue(secret(new Secret(["a"])))).toEqual(["a"]);
        expect(plainValue({ value: "x" })).toEqual({ value: "x" });
    });

    it("are not taken for one by a look-alike: a class named otherwise, or a Secret class without a value", () => {
        class Other {
            value = "x";
        }
        class Secret2 {
            constructor(readonly inner: string) {}
        }
        Object.defineProperty(Secret2, "name", { value: "Secret" });
        expect(unwrap(new Other())).toEqual({ value: new Other(), secret: false });
        expect(unwrap(new Secret2("x")).secret).toBe(false);
        expect(unwrap(Object.create(null)).secret).toBe(false);
        expect(unwrap([secret("x")]).secret).toBe(false);
    });

    it("hold nothing past the nesting bound, and a cycle ends", () => {
        const cycle: Record<string, unknown> = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
        cycle["value"] = cycle;
        expect(unwrap(cycle)).toEqual({ value: undefined, secret: true });
        expect(plainValue(cycle)).toBeUndefined();
    });
});

describe("fields", () => {
    const props = {
        env: secret({ MODEL: "gpt-4o", PORT: 8000, DEBUG: false, ARGS: ["--x"], EMPTY: null }),
        list: ["a", secret("b"), UNKNOWN],
        nested: { inner: { value: UNKNOWN } },
    };

    it("keep the path, the value and its secrecy down a path", () => {
        expect(fieldAt(props, ["env", "MODEL"])).toEqual({ path: "env.MODEL", value: "gpt-4o", unknown: false, secret: true });
        expect(fieldAt(props, ["nested", "inner", "value", "deeper"])).toEqual({
            path: "nested.inner.value",
            value: undefined,
            unknown: true,
            secret: false,
        });
        expect(fieldAt(props, ["nested", "missing"])).toBeUndefined();
        expect(fieldAt(props, [], "root")).toEqual({ path: "root", value: props, unknown: false, secret: false });
        expect(fieldOf(props, "env", "")?.path).toBe("env");
        expect(fieldOf("not an object", "x", "")).toBeUndefined();
        expect(fieldOf(Object.create({ inherited: 1 }), "inherited", "")).toBeUndefined();
    });

    it("give a child its parent's secrecy", () => {
        const env = fieldOf(props, "env", "") as NonNullable<ReturnType<typeof fieldOf>>;
        expect(childOf(env, "PORT")).toEqual({ path: "env.PORT", value: 8000, unknown: false, secret: true });
        expect(childOf(env, "NOPE")).toBeUndefined();
    });

    it("list elements with their paths, unknowns and secrets", () => {
        expect(elementsOf(fieldOf(props, "list", ""))).toEqual([
            { path: "list[0]", value: "a", unknown: false, secret: false },
            { path: "list[1]", value: "b", unknown: false, secret: true },
            { path: "list[2]", value: undefined, unknown: true, secret: false },
        ]);
        expect(elementsOf(fieldOf(props, "env", ""))).toEqual([]);
        expect(elementsOf(undefined)).toEqual([]);
        expect(elementsOf({ path: "x", value: undefined, unknown: true, secret: false })).toEqual([]);
    });

    it("list a map's entries, and nothing for what is not a map", () => {
        const entries = entriesOf(fieldOf(props, "env", ""));
        expect(entries.map(([key, field]) => `${key}=${String(field.value)}:${field.secret}`)).toEqual([
            "MODEL=gpt-4o:true",
            "PORT=8000:true",
            "DEBUG=false:true",
            "ARGS=--x:true",
            "EMPTY=null:true",
        ]);
        expect(entriesOf(fieldOf(props, "list", ""))).toEqual([]);
        expect(entriesOf(undefined)).toEqual([]);
        expect(entriesOf({ path: "x", value: undefined, unknown: true, secret: false })).toEqual([]);
    });

    it("read as strings when they are strings, numbers or booleans", () => {
        const env = fieldOf(props, "env", "") as NonNullable<ReturnType<typeof fieldOf>>;
        expect(["MODEL", "PORT", "DEBUG", "ARGS", "EMPTY"].map((key) => stringOf(childOf(env, key)))).toEqual([
            "gpt-4o",
            "8000",
            "false",
            undefined,
            undefined,
        ]);
        expect(stringOf(undefined)).toBeUndefined();
        expect(stringOf({ path: "x", value: "y", unknown: true, secret: false })).toBeUndefined();
    });

    it("are records only when they are plain objects", () => {
        expect(asRecord({ a: 1 })).toEqual({ a: 1 });
        expect(asRecord([1])).toBeUndefined();
        expect(asRecord(null)).toBeUndefined();
        expect(asRecord("x")).toBeUndefined();
    });
});
