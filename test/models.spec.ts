import { modelNamedIn, patternError } from "../policypack/models";
import { megabytes } from "./support/sizes";

describe("modelNamedIn", () => {
    describe("proprietary models in the spellings they appear in", () => {
        it.each([
            ["gpt-4o", "gpt-4o", "GPT"],
            ["GPT-4O", "gpt-4o", "GPT"],
            ["  gpt-4o-mini  ", "gpt-4o-mini", "GPT"],
            ["gpt-4o-2024-08-06", "gpt-4o-2024-08-06", "GPT"],
            ["gpt-4.1", "gpt-4.1", "GPT"],
            ["gpt-4.1-nano", "gpt-4.1-nano", "GPT"],
            ["gpt-3.5-turbo-0125", "gpt-3.5-turbo-0125", "GPT"],
            ["gpt-35-turbo-16k", "gpt-35-turbo-16k", "GPT"],
            ["gpt-4-32k-0613", "gpt-4-32k-0613", "GPT"],
            ["gpt-4-turbo-preview", "gpt-4-turbo-preview", "GPT"],
            ["gpt-5", "gpt-5", "GPT"],
            ["gpt-5.1", "gpt-5.1", "GPT"],
            ["gpt-5-chat-latest", "gpt-5-chat-latest", "GPT"],
            ["gpt-7-pro", "gpt-7-pro", "GPT"],
            ["gpt4o", "gpt4o", "GPT"],
            ["chatgpt-4o-latest", "chatgpt-4o-latest", "GPT"],
            ["o1", "o1", "o-series reasoning"],
            ["o1-preview-2024-09-12", "o1-preview-2024-09-12", "o-series reasoning"],
            ["o3-mini", "o3-mini", "o-series reasoning"],
            ["o3-pro", "o3-pro", "o-series reasoning"],
            ["o4-mini-deep-research", "o4-mini-deep-research", "o-series reasoning"],
            ["text-embedding-3-small", "text-embedding-3-small", "embeddings"],
            ["text-embedding-ada-002", "text-embedding-ada-002", "embeddings"],
            ["davinci-002", "davinci-002", "GPT"],
            ["babbage-002", "babbage-002", "GPT"],
            ["tts-1-hd", "tts-1-hd", "audio"],
            ["whisper-1", "whisper-1", "audio"],
            ["gpt-4o-transcribe", "gpt-4o-transcribe", "audio"],
            ["gpt-4o-mini-tts", "gpt-4o-mini-tts", "audio"],
            ["gpt-4o-realtime-preview", "gpt-4o-realtime-preview", "audio"],
            ["gpt-realtime", "gpt-realtime", "audio"],
            ["gpt-audio-mini", "gpt-audio-mini", "audio"],
            ["gpt-image-1", "gpt-image-1", "images/video"],
            ["gpt-image-1.5", "gpt-image-1.5", "images/video"],
            ["dall-e-3", "dall-e-3", "images/video"],
            ["sora-2-pro", "sora-2-pro", "images/video"],
            ["codex-mini-latest", "codex-mini-latest", "codex"],
            ["gpt-5-codex", "gpt-5-codex", "codex"],
            ["gpt-5.1-codex-max", "gpt-5.1-codex-max", "codex"],
            ["omni-moderation-latest", "omni-moderation-latest", "moderation"],
            ["text-moderation-stable", "text-moderation-stable", "moderation"],
            ["computer-use-preview", "computer-use-preview", "GPT"],
        ])("finds %s", (value, id, family) => {
            expect(modelNamedIn(value)).toEqual({ id, family, class: "proprietary" });
        });
    });

    describe("Bedrock, gateway and fine-tune forms", () => {
        it("finds gpt-5 in a region-prefixed Bedrock inference profile id", () => {
            expect(modelNamedIn("us.openai.gpt-5-v1:0")?.id).toBe("gpt-5");
        });

        it("finds gpt-5 in a Bedrock inference profile ARN", () => {
            expect(modelNamedIn("arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.openai.gpt-5-v1:0")).toEqual({
                id: "gpt-5",
                family: "GPT",
                class: "proprietary",
            });
        });

        it("finds gpt-5 in a global cross-region profile id", () => {
            expect(modelNamedIn("global.openai.gpt-5-v1:0")?.id).toBe("gpt-5");
        });

        it("finds gpt-4o behind a LiteLLM-style provider prefix", () => {
            expect(modelNamedIn("openai/gpt-4o")?.id).toBe("gpt-4o");
            expect(modelNamedIn("azure/gpt-4o-mini")?.id).toBe("gpt-4o-mini");
        });

        it("finds the base model of an OpenAI fine-tune id", () => {
            expect(modelNamedIn("ft:gpt-4o-mini-2024-07-18:acme::9abcDEF")?.id).toBe("gpt-4o-mini-2024-07-18");
        });

        it("keeps tts-1 whole: only a Bedrock `:0` makes a trailing `-1` a version", () => {
            expect(modelNamedIn("tts-1")?.id).toBe("tts-1");
        });
    });

    describe("free-form values", () => {
        it("finds the model in a vLLM command line", () => {
            expect(modelNamedIn("--model gpt-4o --port 8000")?.id).toBe("gpt-4o");
        });

        it("finds the model in an env assignment", () => {
            expect(modelNamedIn("SERVED_MODEL_NAME=gpt-4.1-mini")?.id).toBe("gpt-4.1-mini");
        });

        it("finds the model in an S3 path", () => {
            expect(modelNamedIn("s3://acme-models/exports/gpt-4o/weights/")?.id).toBe("gpt-4o");
        });

        it("finds the model in a JSON container definition", () => {
            const json = JSON.stringify([{ name: "app", environment: [{ name: "MODEL", value: "o3-mini" }] }]);
            expect(modelNamedIn(json)?.id).toBe("o3-mini");
        });

        it("returns the first proprietary model when several are named", () => {
            expect(modelNamedIn("gpt-4o,o3")?.id).toBe("gpt-4o");
        });
    });

    describe("open-weight gpt-oss", () => {
        it.each([
            ["gpt-oss-20b", "gpt-oss-20b"],
            ["gpt-oss-120b", "gpt-oss-120b"],
            ["openai/gpt-oss-120b", "gpt-oss-120b"],
            ["openai.gpt-oss-120b-1:0", "gpt-oss-120b"],
            ["arn:aws:bedrock:us-east-1::foundation-model/openai.gpt-oss-120b-1:0", "gpt-oss-120b"],
            ["gpt-oss:20b", "gpt-oss-20b"],
            ["unsloth/gpt-oss-20b-GGUF", "gpt-oss-20b-gguf"],
        ])("classifies %s as open-weight", (value, id) => {
            expect(modelNamedIn(value)).toEqual({ id, family: "gpt-oss (open-weight)", class: "open-weight" });
        });

        it("reports a proprietary model even when gpt-oss is named first", () => {
            expect(modelNamedIn("draft=gpt-oss-20b target=gpt-5")).toMatchObject({ id: "gpt-5", class: "proprietary" });
        });
    });

    describe("lookalikes are not models", () => {
        it.each([
            "o3-solutions",
            "o365",
            "pro3",
            "co3",
            "gcc -O3 -march=native",
            "gptq-llama-7b",
            "TheBloke/Llama-2-7B-GPTQ",
            "gpt2",
            "gpt-2",
            "distilgpt2",
            "gpt-j-6b",
            "EleutherAI/gpt-neox-20b",
            "gpt-sw3",
            "gpt4all",
            "gpt-4-x-alpaca",
            "gpt-4chan",
            "whisper-large-v3",
            "openai/whisper-small",
            "chatgpt",
            "sora",
            "content-moderation-api",
            "o3.example.com",
            "gpt-4o.internal.example.com",
            "llama-3.1-70b-instruct",
            "",
        ])("finds nothing in %j", (value) => {
            expect(modelNamedIn(value)).toBeUndefined();
        });

        it("finds nothing in a word that merely contains a model name", () => {
            expect(modelNamedIn("mygpt-4o-wrapper")).toBeUndefined();
            expect(modelNamedIn("acmeo3")).toBeUndefined();
        });
    });

    describe("configured patterns", () => {
        it("finds a model matching a configured glob, case-insensitively", () => {
            expect(modelNamedIn("--model ACME-GPT-7-large", ["acme-gpt-*"])).toEqual({
                id: "acme-gpt-7-large",
                family: "configured pattern",
                class: "proprietary",
            });
        });

        it("matches a glob against the whole token only", () => {
            expect(modelNamedIn("notacme-gpt-7", ["acme-gpt-*"])).toBeUndefined();
        });

        it("matches a glob against a prefixed id after the prefix", () => {
            expect(modelNamedIn("us.acme.frontier-x-v1:0", ["frontier-*"])?.id).toBe("frontier-x");
        });

        it("prefers a configured proprietary model over gpt-oss named earlier", () => {
            expect(modelNamedIn("gpt-oss-20b house-model-3", ["house-model-*"])?.family).toBe("configured pattern");
        });

        it("ignores invalid configured patterns instead of matching everything", () => {
            expect(modelNamedIn("llama-3", ["*", "", 42 as unknown as string])).toBeUndefined();
        });
    });

    describe("robustness", () => {
        it("returns undefined for non-strings", () => {
            expect(modelNamedIn(undefined as unknown as string)).toBeUndefined();
            expect(modelNamedIn({ model: "gpt-4o" } as unknown as string)).toBeUndefined();
            expect(modelNamedIn("gpt-4o", "gpt-*" as unknown as string[])?.id).toBe("gpt-4o");
        });

        // Time on such input is measured by `npm run bench` (hostile inputs), not asserted here.
        it("scans 10 MB of adversarial text and finds no model in it", () => {
            const patterns = ["acme-*-x*x", "*a*a*a*b"];
            for (const unit of ["a:", 'key="', "gpt-4o-x ", "o3-solutions ", "a".repeat(300) + " "]) {
                const text = unit.repeat(Math.ceil(megabytes(10) / unit.length));
                expect(modelNamedIn(text, patterns)).toBeUndefined();
            }
        });
    });
});

describe("patternError", () => {
    it("accepts a glob over model-name characters", () => {
        expect(patternError("acme-gpt-*")).toBeUndefined();
        expect(patternError("*-frontier-*")).toBeUndefined();
        expect(patternError("ft:acme-*")).toBeUndefined();
    });

    it.each([
        ["", "empty"],
        ["   ", "empty"],
        ["*", "every token"],
        ["**", "every token"],
        ["acme/gpt-*", "only letters"],
        ["acme gpt", "only letters"],
        ["acme-gpt-?", "only letters"],
        ["a".repeat(201), "longer than"],
    ])("rejects %j", (pattern, message) => {
        expect(patternError(pattern)).toContain(message);
    });

    it("rejects a non-string", () => {
        expect(patternError(7 as unknown as string)).toContain("string");
    });
});
