/**
 * How the pack reads a model name out of a value: which spellings, versions and paths of OpenAI's
 * proprietary models it recognises (and in which family its messages put them), how it tells the
 * open-weight gpt-oss apart, which lookalikes it leaves alone, how configured extra patterns are
 * checked and applied, and which values name a model the way Amazon Bedrock does.
 */
import { modelNamedIn, namesBedrockModel, patternError } from "../policypack/models";

const proprietary = (id: string, family: string) => ({ id, family, class: "proprietary" });
const openWeight = (id: string) => ({ id, family: "gpt-oss (open-weight)", class: "open-weight" });

describe("GPT versions", () => {
    it.each([
        // Future majors up to 9 are GPT models too.
        ["gpt-9", "gpt-9"],
        // The compact spelling with a minor version.
        ["gpt4.1", "gpt4.1"],
        ["gpt4.1-mini", "gpt4.1-mini"],
        // Two-digit minor versions.
        ["gpt-5.10", "gpt-5.10"],
        ["gpt-5.12-codex", "gpt-5.12-codex"],
        // `v`-versions and `o`-suffixed numbers are versions, whatever comes after them.
        ["o3-mini-v2", "o3-mini-v2"],
        ["gpt-4-vision-preview", "gpt-4-vision-preview"],
    ])("recognises %s", (value, id) => {
        expect(modelNamedIn(value)).toMatchObject({ id, class: "proprietary" });
    });

    it.each([
        // Microsoft's Phi-3 is an open model, however GPT-like its version segments look.
        "microsoft/Phi-3-mini-4k-instruct",
        "phi-3",
        // EleutherAI's GPT-J.
        "gpt-j",
        "EleutherAI/gpt-j",
        // Only 3.5 is spelled without its dot.
        "gpt-45",
        // A version has digits and single dots between them.
        "gpt-4.x",
        "gpt-image-.5",
        "gpt-image-1..5",
        // A bare `v` or `k` is not a version or a context size.
        "o3-v",
        "o3-k",
        "gpt-4o-o",
        // Build flavours and shapes: digits joined by a letter are not a version.
        "o3-x86",
        "o3-2x4",
        // There is no o0.
        "o0",
        "o0-mini",
        // What a template renders for a missing value.
        "undefined",
    ])("does not take %j for a model", (value) => {
        expect(modelNamedIn(value)).toBeUndefined();
    });
});

describe("the family a message names", () => {
    it.each([
        ["gpt-4o-audio-preview", "audio"],
        ["gpt-4o-diarize", "audio"],
        ["gpt-4o-realtime", "audio"],
        ["gpt-5-image", "images/video"],
        ["gpt-5-image-mini", "images/video"],
        ["gpt-5.1-codex", "codex"],
        ["gpt-5-mini", "GPT"],
        ["o3-deep-research", "o-series reasoning"],
    ])("puts %s among %s", (value, family) => {
        expect(modelNamedIn(value)).toEqual(proprietary(value, family));
    });
});

describe("models with a fixed name", () => {
    it.each(["whisper-1-turbo", "davinci-002-v2", "babbage-002-mini"])("does not extend a complete id: %s", (value) => {
        expect(modelNamedIn(value)).toBeUndefined();
    });

    it.each([
        // A name glued to a head without a dash is another word.
        "tts-100",
        "gpt-audio21",
        "gpt-realtimex",
        // Services and tools named after a model (or, for sora, a person) are not model ids.
        "sora-frontend",
        "dall-e-mini-app",
        "text-embedding-service",
        "codex-mini-cli",
    ])("does not take %j for a model", (value) => {
        expect(modelNamedIn(value)).toBeUndefined();
    });
});

describe("tokens of a value", () => {
    it("takes `_` as part of a word, so a snake_case identifier names no model", () => {
        expect(modelNamedIn("my_o3_cache")).toBeUndefined();
        expect(modelNamedIn("gpt_4o_deployment")).toBeUndefined();
    });

    it("finds a model between braces, pipes and other punctuation", () => {
        expect(modelNamedIn("{gpt-4o}")?.id).toBe("gpt-4o");
        expect(modelNamedIn("gpt-oss-20b|o3")?.id).toBe("o3");
        expect(modelNamedIn("model=~gpt-5~")?.id).toBe("gpt-5");
    });

    it("keeps every letter of a word, `z` included", () => {
        expect(modelNamedIn("unsloth/gpt-oss-20b-fuzzy")).toEqual(openWeight("gpt-oss-20b-fuzzy"));
    });

    it("judges a token of up to 200 characters and skips longer ones as data", () => {
        const id = (length: number) => `gpt-oss-${"x".repeat(length - "gpt-oss-".length)}`;
        expect(modelNamedIn(`model ${id(200)} here`)).toEqual(openWeight(id(200)));
        expect(modelNamedIn(`model ${id(201)} here`)).toBeUndefined();
        expect(modelNamedIn(`${"a".repeat(300)} ${id(199)}`)).toEqual(openWeight(id(199)));
    });
});

describe("prefixed, hosted and tagged ids", () => {
    it("finds the model in a Bedrock id without its version suffix", () => {
        expect(modelNamedIn("us.openai.gpt-5")).toEqual(proprietary("gpt-5", "GPT"));
        expect(modelNamedIn("openai.gpt-4o")).toEqual(proprietary("gpt-4o", "GPT"));
    });

    it("drops region and provider prefixes with a dash or an underscore in them", () => {
        expect(modelNamedIn("us-gov.openai.gpt-5-v1:0")?.id).toBe("gpt-5");
        expect(modelNamedIn("azure_openai.gpt-4o")?.id).toBe("gpt-4o");
    });

    it("does not drop a dotted segment that has digits in it", () => {
        expect(modelNamedIn("model-v2.gpt-4o")).toBeUndefined();
        expect(modelNamedIn("gpt-oss-20b.o3")).toBeUndefined();
    });

    it("finds the model a host:port names", () => {
        expect(modelNamedIn("http://gpt-4o-mini:8000/v1")?.id).toBe("gpt-4o-mini");
        expect(modelNamedIn("OPENAI_BASE_URL=http://o3:8080")?.id).toBe("o3");
    });

    it("keeps a date in the id when a tag follows it", () => {
        expect(modelNamedIn("gpt-4o-2024-08-06:latest")?.id).toBe("gpt-4o-2024-08-06");
    });

    it("names gpt-oss by its Ollama size tag only", () => {
        expect(modelNamedIn("ollama pull gpt-oss:latest")).toEqual(openWeight("gpt-oss"));
        expect(modelNamedIn("Models: gpt-oss: open weights")).toEqual(openWeight("gpt-oss"));
        expect(modelNamedIn("gpt-oss:20b-fp16")).toEqual(openWeight("gpt-oss"));
        // A quantisation tag on a community build is not a size.
        expect(modelNamedIn("ollama run hf.co/unsloth/gpt-oss-20b-GGUF:F16")).toEqual(openWeight("gpt-oss-20b-gguf"));
    });

    it("names the first of two gpt-oss ids in one token", () => {
        expect(modelNamedIn("gpt-oss-20b:gpt-oss-120b")).toEqual(openWeight("gpt-oss-20b"));
    });

    it("finds gpt-oss when extra proprietary patterns are configured", () => {
        expect(modelNamedIn("gpt-oss", ["acme-*"])).toEqual(openWeight("gpt-oss"));
        expect(modelNamedIn("openai/gpt-oss-120b", ["acme-*"])).toEqual(openWeight("gpt-oss-120b"));
    });

    it("finds nothing in an empty or doubled segment", () => {
        expect(modelNamedIn("gpt-oss-")).toBeUndefined();
        expect(modelNamedIn("gpt-oss--20b")).toBeUndefined();
        expect(modelNamedIn("o3--mini")).toBeUndefined();
    });
});

describe("a model id followed by a port", () => {
    it.each([
        ["gpt-5:8000", "gpt-5"],
        ["OPENAI_BASE_URL=http://gpt-4:8000/v1", "gpt-4"],
        ["http://gpt-4:80/v1", "gpt-4"],
        ["tts-1:8000", "tts-1"],
        ["dall-e-3:443", "dall-e-3"],
        ["gpt-4o-mini-2024-07-18:8000", "gpt-4o-mini-2024-07-18"],
    ])("%s names %s: the port is not a Bedrock version", (value, id) => {
        expect(modelNamedIn(value)).toMatchObject({ id, class: "proprietary" });
    });

    it("still drops a Bedrock version (one or two digits after the colon)", () => {
        expect(modelNamedIn("openai.gpt-5-mini-v1:0")?.id).toBe("gpt-5-mini");
        expect(modelNamedIn("openai.gpt-oss-120b-1:0")).toMatchObject({ id: "gpt-oss-120b", class: "open-weight" });
    });
});

describe("configured patterns", () => {
    it("prefers the built-in model, and its family, over a pattern matching the same token", () => {
        expect(modelNamedIn("openai.gpt-5", ["openai.*"])).toEqual(proprietary("gpt-5", "GPT"));
        expect(modelNamedIn("us.openai.gpt-5-v1:0", ["us.*"])).toEqual(proprietary("gpt-5", "GPT"));
    });

    it("names the configured model, not a gpt-oss named before it", () => {
        expect(modelNamedIn("gpt-oss-20b house-model-3", ["house-model-*"])).toEqual(proprietary("house-model-3", "configured pattern"));
    });

    it("names a configured model found after a region and provider prefix", () => {
        expect(modelNamedIn("us.acme.frontier-x-v1:0", ["frontier-*"])).toEqual(proprietary("frontier-x", "configured pattern"));
    });

    it("matches a pattern with a colon against the whole token", () => {
        expect(modelNamedIn("ft:acme-7:org::x1", ["ft:acme-*"])).toEqual(proprietary("ft:acme-7:org::x1", "configured pattern"));
    });

    it("applies patterns written in capitals or with surrounding spaces", () => {
        expect(modelNamedIn("acme-gpt-7", ["ACME-GPT-*"])?.id).toBe("acme-gpt-7");
        expect(modelNamedIn("acme-gpt-7", ["  acme-gpt-*  "])?.id).toBe("acme-gpt-7");
    });

    it("ignores a setting that is a string instead of a list", () => {
        expect(modelNamedIn("tier m", "acme-*" as unknown as string[])).toBeUndefined();
    });
});

describe("patternError", () => {
    it("accepts patterns in capitals and of exactly 200 characters", () => {
        expect(patternError("ACME-GPT-*")).toBeUndefined();
        expect(patternError("a".repeat(200))).toBeUndefined();
    });

    it("quotes the first 40 characters of an overlong pattern", () => {
        expect(patternError("a".repeat(201))).toBe(`model pattern "${"a".repeat(40)}…" is longer than 200 characters`);
    });

    it("quotes the pattern it rejects", () => {
        expect(patternError(" ** ")).toBe('model pattern "**" matches every token; name at least part of a model');
        expect(patternError("acme/gpt")).toContain('model pattern "acme/gpt" may contain only');
    });
});

describe("namesBedrockModel", () => {
    it.each([
        "arn:aws:bedrock:us-east-1::foundation-model/openai.gpt-oss-120b-1:0",
        "arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/openai.gpt-oss-20b-1:0",
        "bedrock/openai.gpt-oss-120b-1:0",
        "openai.gpt-5-v1:0",
        "us.openai.gpt-5-v1:0",
        "us-gov.openai.gpt-5-v1:0",
        "apac.openai.gpt-5-v1:0",
        "global.openai.gpt-5-v1:0",
        "  OPENAI.GPT-OSS-20B-1:0  ",
        " Bedrock/openai.gpt-5",
    ])("is true for %j", (value) => {
        expect(namesBedrockModel(value)).toBe(true);
    });

    it.each([
        "openai/gpt-oss-20b",
        "gpt-5",
        // A path or URL that merely contains a Bedrock-looking part.
        "s3://models/bedrock/gpt-5",
        "https://acme.openai.azure.com/",
        "see arn:aws:bedrock:us-east-1::foundation-model/openai.gpt-5-v1:0",
        "arn:aws:s3:::bedrock",
        "arn:aws:bedrockx:us-east-1::foundation-model/x",
        "eu-west.openai.gpt-5",
        "openai.",
        "openai.-x",
    ])("is false for %j", (value) => {
        expect(namesBedrockModel(value)).toBe(false);
    });

    it("reads Bedrock ids of up to 2048 characters and nothing longer", () => {
        const route = (length: number) => `bedrock/${"x".repeat(length - "bedrock/".length)}`;
        expect(namesBedrockModel(route(2048))).toBe(true);
        expect(namesBedrockModel(route(2049))).toBe(false);
    });

    it("is false for values that are not strings", () => {
        expect(namesBedrockModel(undefined as unknown as string)).toBe(false);
        expect(namesBedrockModel(["bedrock/gpt-5"] as unknown as string)).toBe(false);
    });
});
