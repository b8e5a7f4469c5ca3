/**
 * The bounded memo behind remembered names and keys: each key worked out once, and a stream of
 * distinct or huge keys (a hostile input) not remembered past the bound, yet still answered right.
 */
import { rememberedBy } from "../policypack/memo";
import { normalisedName, wordsOf } from "../policypack/setting-roles";

describe("a remembered function", () => {
    function counted(bounds = { maxEntries: 3, maxKeyLength: 5 }) {
        const calls: string[] = [];
        const upper = rememberedBy((key) => {
            calls.push(key);
            return key.toUpperCase();
        }, bounds);
        return { upper, calls };
    }

    it("works a key out once", () => {
        const { upper, calls } = counted();
        expect([upper("a"), upper("a"), upper("b"), upper("a")]).toEqual(["A", "A", "B", "A"]);
        expect(calls).toEqual(["a", "b"]);
        expect(upper.size).toBe(2);
    });

    it("remembers a falsy result too", () => {
        const calls: string[] = [];
        const empty = rememberedBy((key) => {
            calls.push(key);
            return key === "none" ? undefined : "";
        });
        expect([empty("x"), empty("x"), empty("none"), empty("none")]).toEqual(["", "", undefined, undefined]);
        expect(calls).toEqual(["x", "none"]);
    });

    it("stops remembering at its bound on entries, and still answers", () => {
        const { upper, calls } = counted();
        for (const key of ["a", "b", "c", "d", "d", "a"]) {
            upper(key);
        }
        expect(upper.size).toBe(3);
        expect(calls).toEqual(["a", "b", "c", "d", "d"]);
        expect(upper("d")).toBe("D");
    });

    it("does not remember keys longer than its bound, and still answers", () => {
        const { upper, calls } = counted();
        expect([upper("abcde"), upper("abcde"), upper("abcdef"), upper("abcdef")]).toEqual(["ABCDE", "ABCDE", "ABCDEF", "ABCDEF"]);
        expect(calls).toEqual(["abcde", "abcdef", "abcdef"]);
        expect(upper.size).toBe(1);
    });

    it("keeps 10 000 keys of up to 200 characters by default", () => {
        const identity = rememberedBy((key) => key);
        identity("x".repeat(200));
        identity("x".repeat(201));
        expect(identity.size).toBe(1);
        for (let i = 0; i < 10_100; i++) {
            identity(`k${i}`);
        }
        expect(identity.size).toBe(10_000);
    });
});

describe("remembered names", () => {
    it.each([
        ["_leading", "LEADING"],
        ["trailing_", "TRAILING"],
        ["--both--", "BOTH"],
        ["a__b", "A_B"],
        ["", ""],
    ])("%j reads as %j", (name, normalised) => {
        expect(normalisedName(name)).toBe(normalised);
        expect(normalisedName(name)).toBe(normalised);
    });

    it("splits a normalised name into its words, the same list each time", () => {
        expect(wordsOf("SERVED_MODEL_NAME")).toEqual(["SERVED", "MODEL", "NAME"]);
        expect(wordsOf("SERVED_MODEL_NAME")).toBe(wordsOf("SERVED_MODEL_NAME"));
    });
});
