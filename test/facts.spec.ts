/**
 * Whether a resource is set up as a client of OpenAI's API: a setting in the SDK's convention, the
 * variable's name handed to its processes (Cloud Build's `secretEnv`), or named in its text (a
 * buildspec). Such a resource's generic model settings are what it asks for, not what it serves.
 */
import { extract } from "../policypack/evidence/index";
import { openAIClient } from "../policypack/facts";
import { secret, view } from "./support/views";

const isClient = (props: Record<string, unknown>, type = "acme:ci:Build") => openAIClient(view(type, "b", props), extract(type, props));

describe("a resource set up as an OpenAI client", () => {
    it("has a setting in the SDK's convention", () => {
        expect(isClient({ env: { OPENAI_API_KEY: "sk" } })).toBe(true);
        expect(isClient({ env: { APP_OPENAI_MODEL: "x" } })).toBe(true);
        expect(isClient({ env: { MODEL: "x" } })).toBe(false);
    });

    it("hands the variable's name to its processes", () => {
        expect(isClient({ secretEnv: ["OPENAI_API_KEY"] })).toBe(true);
        expect(isClient({ steps: [{ secretEnv: [secret("AZURE_OPENAI_KEY")] }] })).toBe(true);
        expect(isClient({ secretEnv: ["openai_api_key"] })).toBe(false);
        expect(isClient({ secretEnv: ["OPENAI"] })).toBe(false);
        expect(isClient({ secretEnv: [`X_OPENAI_${"A".repeat(60)}`] })).toBe(false);
    });

    it("names the key in a text that sets or passes it", () => {
        expect(isClient({ buildspec: "env:\n  secrets-manager:\n    OPENAI_API_KEY: prod/openai:key\n" })).toBe(true);
        expect(isClient({ note: "export MY_OPENAI_API_KEYS=1" })).toBe(false);
        expect(isClient({ note: "see the OpenAI docs" })).toBe(false);
    });

    it("stops looking past its bounds, and at inputs it cannot read, as not a client", () => {
        let deep: unknown = "OPENAI_API_KEY";
        for (let i = 0; i < 40; i++) {
            deep = { d: deep };
        }
        expect(isClient({ deep })).toBe(false);
        let shallow: unknown = "OPENAI_API_KEY";
        for (let i = 0; i < 20; i++) {
            shallow = { d: shallow };
        }
        expect(isClient({ shallow })).toBe(true);
        expect(isClient({ filler: Array.from({ length: 10_050 }, () => "x"), last: "OPENAI_API_KEY" })).toBe(false);
        expect(isClient({ filler: Array.from({ length: 9_000 }, () => "x"), last: "OPENAI_API_KEY" })).toBe(true);
        const hostile = Object.defineProperty({}, "x", {
            enumerable: true,
            get: () => {
                throw new Error("no");
            },
        });
        expect(openAIClient(view("acme:ci:Build", "b", { hostile }), extract("acme:ci:Build", {}))).toBe(false);
    });
});
