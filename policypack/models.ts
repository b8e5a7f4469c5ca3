/**
 * Which OpenAI model a free-form value names, and whether only OpenAI and
 * Microsoft may serve it (proprietary) or anyone may (open-weight gpt-oss).
 *
 * Values come from everywhere (Bedrock ARNs, container command lines, S3 and
 * Hugging Face paths, env vars), so the value is cut into tokens and each
 * token is judged on its own, as a whole: `gpt-4o-mini` names a model, but
 * `gptq-llama`, `o3-solutions` or `-O3` do not. Everything here is a plain
 * scan over the characters, linear in the length of the value.
 */

import { compileGlob, Glob, globMatches } from "./glob";
import { rememberedBy } from "./memo";

/** Whether only OpenAI/Microsoft may serve a model, or anyone may (Apache-2.0 weights). */
export type ModelClass = "proprietary" | "open-weight";

/** A model found in a value. */
export interface ModelMatch {
    /**
     * The model id as found, normalised (lower case, prefixes like `us.`/`openai.`/`openai/`/`ft:`
     * and Bedrock `-v1:0` suffixes stripped), e.g. "gpt-4o-mini".
     */
    id: string;
    /**
     * Family name for messages: "GPT", "o-series reasoning", "embeddings", "audio", "images/video",
     * "codex", "moderation", "gpt-oss (open-weight)" or "configured pattern".
     */
    family: string;
    class: ModelClass;
}

/** Longer tokens are data (hashes, base64), never a model id; skipping them keeps the scan cheap. */
const MAX_TOKEN_LENGTH = 200;

/** Longest configured pattern accepted: a model-name glob has no reason to be longer. */
const MAX_PATTERN_LENGTH = 200;

/**
 * What may follow a family's head.
 * - "none": the head is the whole id (`whisper-1`).
 * - "optional": nothing, or `-` and known continuation segments (`o3`, `o3-mini-2025-01-31`).
 * - "required": at least one known continuation segment (`chatgpt-4o-latest`, but not bare `chatgpt`).
 * - "any": any `-`-separated alphanumeric segments; only for gpt-oss, whose community variants
 *   carry arbitrary suffixes (`-gguf`, `-mxfp4`, `-abliterated`) and are open-weight anyway.
 */
type Tail = "none" | "optional" | "required" | "any";

interface FamilyRule {
    /** Literal start of the id. */
    head: string;
    tail: Tail;
    family: string;
    class: ModelClass;
}

/**
 * Fixed-head families, longest and most specific heads first so that `gpt-oss` and
 * `gpt-image-` win over the generic GPT rule (which needs a digit after `gpt-` anyway).
 * GPT version families (`gpt-4o`, `gpt-35-turbo`, `gpt-5.1`) and the o-series are parsed
 * by `gptVersionMatch` / `oSeriesMatch` below because their head contains a version.
 */
const familyRules: readonly FamilyRule[] = [
    { head: "gpt-oss", tail: "any", family: "gpt-oss (open-weight)", class: "open-weight" },
    { head: "gpt-image-", tail: "required", family: "images/video", class: "proprietary" },
    { head: "gpt-realtime", tail: "optional", family: "audio", class: "proprietary" },
    { head: "gpt-audio", tail: "optional", family: "audio", class: "proprietary" },
    { head: "chatgpt-", tail: "required", family: "GPT", class: "proprietary" },
    { head: "text-embedding-", tail: "required", family: "embeddings", class: "proprietary" },
    { head: "text-davinci-", tail: "required", family: "GPT", class: "proprietary" },
    { head: "davinci-002", tail: "none", family: "GPT", class: "proprietary" },
    { head: "babbage-002", tail: "none", family: "GPT", class: "proprietary" },
    { head: "code-davinci-", tail: "required", family: "codex", class: "proprietary" },
    { head: "code-cushman-", tail: "required", family: "codex", class: "proprietary" },
    { head: "codex-mini", tail: "optional", family: "codex", class: "proprietary" },
    { head: "tts-1", tail: "optional", family: "audio", class: "proprietary" },
    // Only the API's whisper-1 is proprietary: whisper-large-v3 and friends are open checkpoints.
    { head: "whisper-1", tail: "none", family: "audio", class: "proprietary" },
    { head: "dall-e-", tail: "required", family: "images/video", class: "proprietary" },
    // `sora-2`, `sora-2-pro`; bare "sora" is a common word and name, not an API model id.
    { head: "sora-", tail: "required", family: "images/video", class: "proprietary" },
    { head: "omni-moderation", tail: "optional", family: "moderation", class: "proprietary" },
    { head: "text-moderation", tail: "optional", family: "moderation", class: "proprietary" },
    { head: "computer-use-preview", tail: "optional", family: "GPT", class: "proprietary" },
];

/**
 * Words that may follow a model head (`gpt-4o-mini-search-preview`). A closed list on purpose:
 * `o3-solutions`, `gpt-4-x-alpaca` (a Llama fine-tune) or `gpt-4chan` are not OpenAI models.
 * Digits, dates (`2024-08-06`, `0613`), context sizes (`16k`), versions (`v1`, `1.5`) and
 * `4o`-style versions are accepted by `isContinuationSegment` without being listed.
 */
const continuationWords: ReadonlySet<string> = new Set([
    "mini",
    "nano",
    "turbo",
    "preview",
    "pro",
    "max",
    "codex",
    "chat",
    "latest",
    "instruct",
    "search",
    "realtime",
    "audio",
    "transcribe",
    "tts",
    "diarize",
    "vision",
    "hd",
    "deep",
    "research",
    "high",
    "medium",
    "low",
    "small",
    "large",
    "ada",
    "image",
    "thinking",
    "alpha",
    "beta",
    "exp",
    "snapshot",
    "stable",
    "fast",
]);

/** Continuation words that move a GPT-versioned id into another family (`gpt-4o-mini-tts`). */
const familyByContinuation: ReadonlyArray<[word: string, family: string]> = [
    ["codex", "codex"],
    ["transcribe", "audio"],
    ["tts", "audio"],
    ["realtime", "audio"],
    ["audio", "audio"],
    ["diarize", "audio"],
    ["image", "images/video"],
];

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLower = (c: number): boolean => c >= 97 && c <= 122;

/** Characters a token is made of; everything else (spaces, `/`, `=`, quotes, commas …) separates tokens. */
function isTokenChar(c: number): boolean {
    return isLower(c) || isDigit(c) || c === 46 /* . */ || c === 95 /* _ */ || c === 45 /* - */ || c === 58; /* : */
}

function allDigits(s: string, from = 0, to = s.length): boolean {
    if (to <= from) {
        return false;
    }
    for (let i = from; i < to; i++) {
        if (!isDigit(s.charCodeAt(i))) {
            return false;
        }
    }
    return true;
}

/** One `-`-separated segment after a model head: a listed word, digits (+`k`/`o`), `v1`, or `1.5`. */
function isContinuationSegment(seg: string): boolean {
    if (continuationWords.has(seg)) {
        return true;
    }
    if (seg.length === 0) {
        return false;
    }
    if (seg.charCodeAt(0) === 118 /* v */) {
        return allDigits(seg, 1);
    }
    const last = seg.charCodeAt(seg.length - 1);
    if (last === 107 /* k */ || last === 111 /* o */) {
        return allDigits(seg, 0, seg.length - 1);
    }
    // Digits, optionally dotted (`1.5`); no leading, trailing or doubled dots.
    let sawDigit = false;
    for (let i = 0; i < seg.length; i++) {
        const c = seg.charCodeAt(i);
        if (isDigit(c)) {
            sawDigit = true;
        } else if (c === 46 && sawDigit && i + 1 < seg.length && isDigit(seg.charCodeAt(i + 1))) {
            sawDigit = false;
        } else {
            return false;
        }
    }
    return sawDigit;
}

/** Whether `rest` (what follows a head) fits the tail kind; `rest` is "" or starts with "-". */
function tailFits(rest: string, tail: Tail): boolean {
    if (rest === "") {
        return tail !== "required";
    }
    if (tail === "none" || rest.charCodeAt(0) !== 45) {
        return false;
    }
    const segments = rest.slice(1).split("-");
    for (const seg of segments) {
        if (tail === "any" ? !isAlnum(seg) : !isContinuationSegment(seg)) {
            return false;
        }
    }
    return true;
}

function isAlnum(s: string): boolean {
    if (s.length === 0) {
        return false;
    }
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (!isLower(c) && !isDigit(c)) {
            return false;
        }
    }
    return true;
}

/**
 * `gpt` + optional `-` + major version 3–9 (or Azure's `35` for 3.5) + optional `.minor` + optional
 * `o`, then continuation segments: `gpt-4o-mini`, `gpt4o`, `gpt-35-turbo`, `gpt-5.1-codex`.
 * `gpt2`, `gpt-j`, `gpt-neox`, `gptq-…`, `gpt-sw3`, `gpt4all` fail here.
 */
function gptVersionMatch(form: string): string | undefined {
    if (!form.startsWith("gpt")) {
        return undefined;
    }
    let i = 3;
    if (form.charCodeAt(i) === 45) {
        i++;
    }
    const major = form.charCodeAt(i);
    if (!(major >= 51 && major <= 57)) {
        return undefined; // 3..9: gpt-2 and gpt-1 are open GPT-2-era checkpoints, not API models
    }
    i++;
    if (major === 51 && form.charCodeAt(i) === 53) {
        i++; // Azure spells gpt-3.5 as gpt-35
    }
    if (form.charCodeAt(i) === 46 && isDigit(form.charCodeAt(i + 1))) {
        i += 2;
        if (isDigit(form.charCodeAt(i))) {
            i++;
        }
    }
    if (form.charCodeAt(i) === 111 /* o */) {
        i++;
    }
    const rest = form.slice(i);
    if (!tailFits(rest, "optional")) {
        return undefined;
    }
    const words = rest.split("-");
    for (const [word, family] of familyByContinuation) {
        if (words.includes(word)) {
            return family;
        }
    }
    return "GPT";
}

/**
 * o-series reasoning models: `o` + one digit, alone or with continuations (`o1`, `o3-mini`,
 * `o4-mini-deep-research`, `o1-2024-12-17`). `o365`, `o3-solutions` fail; `pro3` and `co3`
 * never start with `o`, and `-O3` compiler flags keep their dash, so they are not tokens starting with `o`.
 */
function oSeriesMatch(form: string): boolean {
    if (form.charCodeAt(0) !== 111 || !isDigit(form.charCodeAt(1)) || form.charCodeAt(1) === 48) {
        return false;
    }
    return tailFits(form.slice(2), "optional");
}

/** Rules by the first character of their head, so most tokens are rejected with one map lookup. */
const rulesByFirstChar = new Map<string, FamilyRule[]>();
for (const rule of familyRules) {
    rulesByFirstChar.set(rule.head[0], [...(rulesByFirstChar.get(rule.head[0]) ?? []), rule]);
}

/** The built-in family of one normalised form, if any. */
/** The built-in family a model name form belongs to, remembered per form (model names recur across a stack). */
const builtInMatch: (form: string) => Readonly<{ family: string; class: ModelClass }> | undefined = rememberedBy(builtInMatchOf);

function builtInMatchOf(form: string): { family: string; class: ModelClass } | undefined {
    for (const rule of rulesByFirstChar.get(form[0]) ?? []) {
        if (!form.startsWith(rule.head)) {
            continue;
        }
        // A head ending in "-" (`dall-e-`) has already consumed the separator of its first segment.
        const rest = rule.head.endsWith("-") ? `-${form.slice(rule.head.length)}` : form.slice(rule.head.length);
        if (tailFits(rest, rule.tail)) {
            return { family: rule.family, class: rule.class };
        }
    }
    const gptFamily = gptVersionMatch(form);
    if (gptFamily !== undefined) {
        return { family: gptFamily, class: "proprietary" };
    }
    if (oSeriesMatch(form)) {
        return { family: "o-series reasoning", class: "proprietary" };
    }
    return undefined;
}

/**
 * Drops a Bedrock version suffix: `gpt-5-v1:0` → `gpt-5`, `gpt-oss-120b-1:0` → `gpt-oss-120b`.
 * Only when the `:<digits>` is there, because `tts-1` and `whisper-1` end in `-1` too, and only one
 * or two digits: more is a port (`gpt-5:8000`, `gpt-4o-mini-2024-07-18:8000`), not a version.
 */
function withoutBedrockVersion(token: string): string {
    const colon = token.lastIndexOf(":");
    if (colon < 0 || token.length - colon - 1 > 2 || !allDigits(token, colon + 1)) {
        return token;
    }
    const dash = token.lastIndexOf("-", colon);
    if (dash < 0) {
        return token;
    }
    const from = token.charCodeAt(dash + 1) === 118 /* v */ ? dash + 2 : dash + 1;
    return allDigits(token, from, colon) ? token.slice(0, dash) : token;
}

/** A dotted prefix segment: letters, `-` and `_` only (`us`, `us-gov`, `openai`, `global`). */
function isPrefixSegment(s: string): boolean {
    if (s.length === 0) {
        return false;
    }
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (!isLower(c) && c !== 45 && c !== 95) {
            return false;
        }
    }
    return true;
}

/**
 * The forms of one colon-free part to judge: the part itself, then the part with each leading
 * dotted letters-only segment dropped (`us.openai.gpt-5` → `openai.gpt-5` → `gpt-5`).
 * Segments with digits are never dropped, so `gpt-4.1` stays whole and `o3.example` stays unmatched.
 */
function formsOf(part: string): string[] {
    const forms = [part];
    let rest = part;
    for (let dot = rest.indexOf("."); dot > 0 && isPrefixSegment(rest.slice(0, dot)); dot = rest.indexOf(".")) {
        rest = rest.slice(dot + 1);
        forms.push(rest);
    }
    return forms;
}

/**
 * Candidates in one token. Colons split a token into parts, because they join an id to something
 * else: `ft:gpt-4o-mini:org::abc` (fine-tune), `arn:aws:bedrock:…`, Ollama's `gpt-oss:20b` (whose
 * size tag becomes part of the id), `host:8000`. A Bedrock `-v1:0` suffix is dropped first.
 */
function candidatesOf(token: string): Array<{ form: string; ollamaTag?: string }> {
    const stripped = withoutBedrockVersion(token);
    const candidates: Array<{ form: string; ollamaTag?: string }> = [];
    // The token as written comes after the version-stripped one: `gpt-4:80` is a host and a port.
    for (const whole of stripped === token ? [token] : [stripped, token]) {
        const parts = whole.includes(":") ? whole.split(":") : [whole];
        for (let p = 0; p < parts.length; p++) {
            for (const form of parts[p].includes(".") ? formsOf(parts[p]) : [parts[p]]) {
                candidates.push({ form, ollamaTag: parts[p + 1] });
            }
        }
    }
    return candidates;
}

/** The model one token names: built-in families first, then configured patterns (whole token, then each candidate). */
function modelInToken(token: string, patterns: readonly Glob[]): ModelMatch | undefined {
    if (patterns.length === 0 && !token.includes(":") && !token.includes(".")) {
        // The common case, without allocating candidates: the token is its only form.
        const found = builtInMatch(token);
        return found && { id: token, ...found };
    }
    const candidates = candidatesOf(token);
    let openWeight: ModelMatch | undefined;
    for (const { form, ollamaTag } of candidates) {
        const found = builtInMatch(form);
        if (found?.class === "proprietary") {
            return { id: form, ...found };
        }
        if (found && openWeight === undefined) {
            // Ollama names the size as a tag: `gpt-oss:20b` is gpt-oss-20b.
            const sized = form === "gpt-oss" && ollamaTag !== undefined && isAlnum(ollamaTag) && ollamaTag !== "latest";
            openWeight = { id: sized ? `${form}-${ollamaTag}` : form, ...found };
        }
    }
    for (const pattern of patterns) {
        if (globMatches(pattern, token)) {
            return { id: token, family: "configured pattern", class: "proprietary" };
        }
        for (const { form } of candidates) {
            if (globMatches(pattern, form)) {
                return { id: form, family: "configured pattern", class: "proprietary" };
            }
        }
    }
    return openWeight;
}

/** The configured patterns that pass `patternError`, as globs; bad ones are ignored here (settings reports them). */
function usablePatterns(patterns: unknown): Glob[] {
    if (!Array.isArray(patterns)) {
        return [];
    }
    const usable: Glob[] = [];
    for (const p of patterns) {
        if (typeof p === "string" && patternError(p) === undefined) {
            usable.push(compileGlob(p.trim().toLowerCase()));
        }
    }
    return usable;
}

/**
 * Finds the first OpenAI model named anywhere in a free-form value: a bare id, a Bedrock model id
 * or ARN (`arn:aws:bedrock:us-east-1::foundation-model/openai.gpt-oss-120b-1:0`,
 * `arn:aws:bedrock:us-west-2:123:inference-profile/us.openai.gpt-5-v1:0`, `us.openai.gpt-5-v1:0`),
 * `openai/gpt-4o`, `ft:gpt-4o-mini:org::abc`, an S3/HF path, a command line
 * (`--model gpt-4o --port 8000`). Open-weight is returned only if no proprietary model is in the value.
 *
 * @example
 * modelNamedIn("us.openai.gpt-5-v1:0"); // { id: "gpt-5", family: "GPT", class: "proprietary" }
 * modelNamedIn("vllm serve openai/gpt-oss-120b"); // { id: "gpt-oss-120b", class: "open-weight", … }
 * modelNamedIn("o3-solutions"); // undefined
 */
export function modelNamedIn(value: string, extraProprietaryPatterns?: readonly string[]): ModelMatch | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    const patterns = usablePatterns(extraProprietaryPatterns);
    const text = value.toLowerCase();
    let previous: string | undefined;
    let openWeight: ModelMatch | undefined;
    // Tokens are maximal runs of `[a-z0-9._:-]`; longer than MAX_TOKEN_LENGTH they are data, not ids.
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
        if (i < text.length && isTokenChar(text.charCodeAt(i))) {
            if (start < 0) {
                start = i;
            }
            continue;
        }
        if (start < 0) {
            continue;
        }
        const token = i - start <= MAX_TOKEN_LENGTH ? text.slice(start, i) : undefined;
        // A folder of a path: `/` on both sides (not a URL's host, right after `//`), with more of the path after it.
        const folder = text.charCodeAt(start - 1) === 47 && text.charCodeAt(start - 2) !== 47 && text.charCodeAt(i) === 47;
        start = -1;
        const found = token === undefined ? undefined : modelInToken(token, patterns);
        const before = previous;
        previous = token;
        if (found !== undefined && folder && token === found.id && isBareOSeries(token) && before !== "openai") {
            continue; // a folder of a path (`s3://air-models/o3/xgb/`: ozone) is no model; `openai/o3/…` and `models/o3` are
        }
        if (found?.class === "proprietary") {
            return found;
        }
        openWeight ??= found;
    }
    return openWeight;
}

/** An o-series name with nothing after its digit (`o1`, `o3`): as a segment of a path it is too short to tell from other things. */
function isBareOSeries(id: string): boolean {
    return id.length === 2 && id.charCodeAt(0) === 111 /* o */ && isDigit(id.charCodeAt(1));
}

/**
 * Validates one configured extra pattern (glob: `*` any run of chars, case-insensitive, matched
 * against whole tokens); returns an error message or undefined.
 *
 * @example
 * patternError("acme-gpt-*"); // undefined
 * patternError("*");          // "… matches every token …"
 */
export function patternError(pattern: string): string | undefined {
    if (typeof pattern !== "string") {
        return "a model pattern must be a string";
    }
    const p = pattern.trim();
    if (p === "") {
        return "a model pattern must not be empty";
    }
    if (p.length > MAX_PATTERN_LENGTH) {
        return `model pattern "${p.slice(0, 40)}…" is longer than ${MAX_PATTERN_LENGTH} characters`;
    }
    const lower = p.toLowerCase();
    let literal = 0;
    for (let i = 0; i < lower.length; i++) {
        const c = lower.charCodeAt(i);
        if (c === 42 /* * */) {
            continue;
        }
        if (!isTokenChar(c)) {
            return `model pattern "${p}" may contain only letters, digits, ".", "_", "-", ":" and "*" (it is matched against single tokens such as "acme-gpt-7", never against "/", spaces or "?")`;
        }
        literal++;
    }
    if (literal === 0) {
        return `model pattern "${p}" matches every token; name at least part of a model`;
    }
    return undefined;
}

/**
 * Whether a value names a model the way Amazon Bedrock does: a Bedrock model ARN
 * (`arn:aws:bedrock:…:foundation-model/openai.gpt-5-v1:0`), a provider-prefixed id with an
 * optional region group (`openai.gpt-5-v1:0`, `us.openai.gpt-5-mini-v1:0`), or LiteLLM's
 * `bedrock/` route. A workload configured with one calls Bedrock; it does not serve the model.
 *
 * @example
 * namesBedrockModel("us.openai.gpt-5-v1:0"); // true
 * namesBedrockModel("openai/gpt-oss-20b");   // false: a Hugging Face repository
 */
export function namesBedrockModel(value: string): boolean {
    if (typeof value !== "string" || value.length > 2048) {
        return false;
    }
    const text = value.trim().toLowerCase();
    return (
        /^arn:aws[a-z-]*:bedrock:/.test(text) ||
        /^bedrock\//.test(text) ||
        /^(?:(?:us|eu|apac|global|us-gov|ca|jp|au)\.)?openai\.[a-z0-9]/.test(text)
    );
}
