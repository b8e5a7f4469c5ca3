/**
 * What a string may hold besides itself: JSON or YAML documents, base64 of
 * text or of gzip, MIME multipart (cloud-init). Programs put configuration in
 * all of these, so the pack reads through them, within bounds it states.
 */
import { gunzipSync } from "zlib";
import { CORE_SCHEMA, loadAll, LoadOptions, YAMLException } from "js-yaml";
import { userDataText } from "../scripts";

/** Bounds against abuse. Real configuration is far below them; past them the pack says it stopped reading. */
export const decodeLimits = {
    /** Longest string parsed as JSON or decoded. */
    maxStringLength: 8 * 1024 * 1024,
    /** Longest string parsed as YAML: YAML parsing costs microseconds per character. */
    maxYamlLength: 1024 * 1024,
    /** Most bytes gzip may inflate to. */
    maxInflatedBytes: 8 * 1024 * 1024,
    /** YAML documents in one string (a `helm template` output holds dozens). */
    maxYamlDocuments: 500,
    /** Deepest nesting of JSON/YAML flow brackets read: the parsers recurse. */
    maxFlowDepth: 200,
    /** Deepest nesting of YAML collections, block or flow, read (js-yaml's own bound, stated). */
    maxYamlDepth: 100,
};

/** How a string was read. */
export type Decoded =
    /** A JSON or YAML document (or several, for multi-document YAML). */
    | { kind: "documents"; documents: unknown[]; encoding: string }
    /** Text (a script, a command line, a config file that is not YAML). */
    | { kind: "text"; text: string; encoding: string }
    /** Nothing beyond the string itself. */
    | { kind: "plain" }
    /** Could not be read; `reason` says why, for the message. */
    | { kind: "unreadable"; reason: string };

/** Deepest nesting of JSON/YAML flow brackets, counted in one pass. */
export function flowDepthOf(text: string): number {
    let depth = 0;
    let deepest = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 91 /* [ */ || c === 123 /* { */) {
            deepest = Math.max(deepest, ++depth);
        } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) {
            depth--;
        }
    }
    return deepest;
}

function firstNonSpace(text: string): number {
    let i = 0;
    while (i < text.length && (text.charCodeAt(i) <= 32 || text.charCodeAt(i) === 0xfeff)) {
        i++;
    }
    return i;
}

/** JSON's whitespace: space, tab, line feed, carriage return. */
function isJsonSpace(c: number): boolean {
    return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Characters that may follow a JSON array's `[`: a value's first character or `]`. */
const arrayStarts = new Set([...'"{[]-0123456789tfn'].map((c) => c.charCodeAt(0)));

/**
 * Whether text may be a JSON object or array: it ends with the bracket it opens with, and the
 * character after that bracket may follow it. Text that fails this would only make JSON.parse throw
 * (`[Unit]` of a systemd file, `{{ .Values }}` of a template), and a throw costs more than the read.
 */
function mayBeJson(text: string, start: number): boolean {
    const open = text.charCodeAt(start);
    let end = text.length - 1;
    while (end > start && isJsonSpace(text.charCodeAt(end))) {
        end--;
    }
    if (text.charCodeAt(end) !== (open === 123 ? 125 : 93)) {
        return false;
    }
    let next = start + 1;
    while (next < end && isJsonSpace(text.charCodeAt(next))) {
        next++;
    }
    const c = text.charCodeAt(next);
    return open === 123 ? c === 34 /* " */ || c === 125 /* } */ : arrayStarts.has(c);
}

/** JSON objects and arrays, parsed; undefined for anything else. */
function jsonOf(text: string): unknown[] | undefined {
    const start = firstNonSpace(text);
    const c = text.charCodeAt(start);
    if ((c !== 123 && c !== 91) || !mayBeJson(text, start)) {
        return undefined;
    }
    try {
        const value: unknown = JSON.parse(text);
        return typeof value === "object" && value !== null ? [value] : undefined;
    } catch {
        return undefined;
    }
}

/**
 * Whether text reads as a YAML document worth parsing: more than one line and
 * a `key:` line, a `---` separator or a `- ` item; or a cloud-config header.
 */
function looksLikeYaml(text: string): boolean {
    if (text.startsWith("#cloud-config")) {
        return true;
    }
    if (!text.includes("\n")) {
        return false;
    }
    const start = firstNonSpace(text);
    if (text.startsWith("#!", start)) {
        return false; // a shell script
    }
    // The first lines that are not comments decide.
    let lines = 0;
    for (let at = start; at < text.length && lines < 5;) {
        let end = text.indexOf("\n", at);
        if (end < 0) {
            end = text.length;
        }
        const line = text.slice(at, end).trim();
        at = end + 1;
        if (line === "" || line.startsWith("#")) {
            continue;
        }
        lines++;
        if (line === "---" || /^[A-Za-z0-9_."'/-]{1,200}:(\s|$)/.test(line) || line.startsWith("- ")) {
            return true;
        }
        return false;
    }
    return false;
}

/** js-yaml's options: `maxDepth` (js-yaml ≥ 4.3) is missing from its published types. */
const yamlOptions: LoadOptions & { maxDepth: number } = { schema: CORE_SCHEMA, json: true, maxDepth: decodeLimits.maxYamlDepth };

/** Parses YAML (all documents); undefined when it is not YAML or holds only scalars. */
function yamlOf(text: string): unknown[] | { unreadable: string } | undefined {
    if (text.length > decodeLimits.maxYamlLength) {
        return undefined; // read as text instead: still every line, just not its structure
    }
    if (flowDepthOf(text) > decodeLimits.maxFlowDepth) {
        return { unreadable: `it nests more than ${decodeLimits.maxFlowDepth} levels deep` };
    }
    let list: unknown[];
    try {
        // js-yaml: YAML 1.2's core schema (no timestamps, no merge keys, as before), a repeated key
        // taking its last value. An alias is the same object again, never a copy: a "billion laughs"
        // document costs no memory, and the walk's bound on values read stops it, fail-closed.
        list = loadAll(text, undefined, yamlOptions);
    } catch (error) {
        if (error instanceof YAMLException && error.reason.startsWith("nesting exceeded")) {
            return { unreadable: `it nests more than ${decodeLimits.maxYamlDepth} levels deep` };
        }
        return undefined;
    }
    if (list.length > decodeLimits.maxYamlDocuments) {
        return { unreadable: `it holds more than ${decodeLimits.maxYamlDocuments} YAML documents` };
    }
    const values: unknown[] = [];
    for (const value of list) {
        if (typeof value === "object" && value !== null) {
            values.push(value);
        }
    }
    return values.length > 0 ? values : undefined;
}

/** The parts of a MIME multipart message (cloud-init user data), each decoded by its transfer encoding. */
function mimePartsOf(text: string): string[] | undefined {
    const match = /^content-type:\s*multipart\/[a-z-]+;\s*boundary="?([^"\r\n;]{1,200})"?/im.exec(text.slice(0, 4096));
    if (!match) {
        return undefined;
    }
    const boundary = `--${match[1]}`;
    const parts: string[] = [];
    for (const chunk of text.split(boundary).slice(1)) {
        if (chunk.startsWith("--")) {
            break;
        }
        const headerEnd = chunk.search(/\r?\n\r?\n/);
        if (headerEnd < 0) {
            continue;
        }
        const headers = chunk.slice(0, headerEnd);
        const body = chunk.slice(headerEnd).replace(/^\r?\n\r?\n/, "");
        parts.push(
            /content-transfer-encoding:\s*base64/i.test(headers) ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") : body,
        );
    }
    return parts;
}

/** Gzip bytes inflated to text, bounded; or why not. */
function inflated(bytes: Buffer): string | { unreadable: string } {
    try {
        return gunzipSync(bytes, { maxOutputLength: decodeLimits.maxInflatedBytes }).toString("utf8");
    } catch (error) {
        const code = (error as { code?: string }).code;
        return {
            unreadable:
                code === "ERR_BUFFER_TOO_LARGE"
                    ? `it inflates to more than ${decodeLimits.maxInflatedBytes / 1024 / 1024} MiB`
                    : "it is gzip that does not inflate",
        };
    }
}

/** Standard base64, padded or not (whitespace already taken out). */
const base64Text = /^[A-Za-z0-9+/]+={0,2}$/;

/** Whether a string is base64 that decodes to gzip. */
function gzipBytesOf(text: string): Buffer | undefined {
    if (!text.startsWith("H4sI", firstNonSpace(text))) {
        return undefined; // checked before any copy: most strings are not gzip
    }
    const body = text.replace(/\s+/g, "");
    if (body.length < 16 || !body.startsWith("H4sI") || !base64Text.test(body)) {
        return undefined; // gzip's magic bytes 1f 8b 08 encode as "H4sI"; a name such as `H4sI-inference-01` is not base64
    }
    return Buffer.from(body, "base64");
}

/** Lines that open an HCL block (`job "x" {`, `config {`) and that assign (`image = "vllm"`). */
const hclBlock = /^[A-Za-z_][A-Za-z0-9_-]{0,100}(?:[ \t]{1,10}"[^"\n]{0,200}"){0,5}[ \t]{0,10}\{[ \t]{0,10}$/;
const hclAssignment = /^([A-Za-z_][A-Za-z0-9_-]{0,100})\s*=\s*(.{0,10000})$/;

/** An HCL value on one line: a string, a number or boolean, or a list of those; undefined for what this reader does not take. */
function hclValue(text: string): unknown {
    const value = text.trim().replace(/,$/, "");
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
        return value.slice(1, -1).replace(/\\"/g, '"');
    }
    if (/^-?\d{1,30}(?:\.\d{1,30})?$/.test(value) || value === "true" || value === "false") {
        return value;
    }
    if (value.startsWith("[") && value.endsWith("]")) {
        const items: unknown[] = [];
        for (const match of value.slice(1, -1).matchAll(/"((?:[^"\\]|\\.){0,2000})"|(-?\d{1,30}(?:\.\d{1,30})?)/g)) {
            items.push(match[1] ?? match[2]);
        }
        return items;
    }
    return undefined;
}

/** Far beyond any real jobspec; a longer HCL text is unreadable (fail-closed), not cut short in silence. */
const MAX_HCL_LINES = 100_000;

/** A line without its `#` or `//` comment, outside quotes (`args = ["--model", "gpt-4o"] # pinned`). */
function withoutTrailingComment(line: string): string {
    if (!line.includes("#") && !line.includes("//")) {
        return line;
    }
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quoted && c === "\\") {
            i++;
        } else if (c === '"') {
            quoted = !quoted;
        } else if (!quoted && (c === "#" || (c === "/" && line[i + 1] === "/"))) {
            return line.slice(0, i);
        }
    }
    return line;
}

/**
 * HCL (a Nomad jobspec, a Terraform-style config) read into nested objects: blocks become objects
 * (labelled blocks keyed by their labels), assignments become fields. A reader of the common
 * shapes, not a full parser: heredocs and expressions are skipped.
 */
function hclOf(text: string): { document: Record<string, unknown> } | { unreadable: string } | undefined {
    const lines = text.split("\n").map((line) => withoutTrailingComment(line).trim());
    if (!lines.some((line) => hclBlock.test(line)) || !lines.some((line) => / = /.test(line))) {
        return undefined;
    }
    if (lines.length > MAX_HCL_LINES) {
        return { unreadable: `it is HCL of more than ${MAX_HCL_LINES} lines; the pack stops reading there` };
    }
    const root: Record<string, unknown> = {};
    const stack: Array<Record<string, unknown>> = [root];
    let pending = "";
    for (const raw of lines) {
        let line = raw;
        if (pending !== "") {
            pending += ` ${line}`;
            if (!line.includes("]")) {
                continue;
            }
            line = pending;
            pending = "";
        }
        if (line === "" || line.startsWith("#") || line.startsWith("//")) {
            continue;
        }
        const current = stack[stack.length - 1];
        if (hclBlock.test(line)) {
            const words =
                line
                    .slice(0, -1)
                    .trim()
                    .match(/"[^"]*"|[^\s"]+/g) ?? [];
            const block: Record<string, unknown> = {};
            const key = words.map((word) => word.replace(/^"|"$/g, "")).join(" ");
            current[key] = block;
            stack.push(block);
            if (stack.length > 64) {
                return undefined;
            }
            continue;
        }
        if (line === "}") {
            if (stack.length > 1) {
                stack.pop();
            }
            continue;
        }
        const assignment = hclAssignment.exec(line);
        if (assignment) {
            if (assignment[2].trim().startsWith("[") && !assignment[2].includes("]")) {
                pending = line;
                continue;
            }
            const value = hclValue(assignment[2]);
            if (value !== undefined) {
                current[assignment[1]] = value;
            }
        }
    }
    return { document: root };
}

/**
 * What a string holds. Strings shorter than 8 characters, and single-line
 * strings that are neither JSON nor base64, are plain.
 *
 * @example
 * decodeString('{"image":"vllm"}');              // { kind: "documents", documents: [{ image: "vllm" }], encoding: "JSON" }
 * decodeString("IyEvYmluL2Jhc2gKdmxsbSBzZXJ2ZQ=="); // { kind: "text", text: "#!/bin/bash\nvllm serve", encoding: "base64" }
 */
export function decodeString(value: string, allowHcl = false): Decoded {
    if (value.length < 8) {
        return { kind: "plain" };
    }
    if (value.length > decodeLimits.maxStringLength) {
        return { kind: "unreadable", reason: `it is longer than ${decodeLimits.maxStringLength / 1024 / 1024} MiB` };
    }
    const json = jsonOf(value);
    if (json) {
        return { kind: "documents", documents: json, encoding: "JSON" };
    }
    const gzip = gzipBytesOf(value);
    if (gzip) {
        const text = inflated(gzip);
        return typeof text === "string" ? textOrDocuments(text, "base64 gzip") : { kind: "unreadable", reason: text.unreadable };
    }
    if (value.charCodeAt(0) === 0x1f && value.charCodeAt(1) === 0x8b) {
        const text = inflated(Buffer.from(value, "latin1"));
        return typeof text === "string" ? textOrDocuments(text, "gzip") : { kind: "unreadable", reason: text.unreadable };
    }
    const user = userDataText(value);
    if (user.encoding === "base64" && user.text !== undefined) {
        return textOrDocuments(user.text, "base64");
    }
    if (user.encoding === "unreadable") {
        return { kind: "unreadable", reason: "it is neither text nor base64-encoded text" };
    }
    if (!value.includes("\n")) {
        return { kind: "plain" };
    }
    return textOrDocuments(value, "", allowHcl);
}

/** Text as documents when it is JSON, YAML, MIME multipart (or, where asked, HCL); else as text. */
function textOrDocuments(text: string, encoding: string, allowHcl = false): Decoded {
    const json = jsonOf(text);
    if (json) {
        return { kind: "documents", documents: json, encoding: join(encoding, "JSON") };
    }
    const parts = mimePartsOf(text);
    if (parts) {
        // Each part is read as what it is: cloud-config parts as documents, scripts as text.
        const decodedParts = parts.map((part) => textOrDocuments(part, ""));
        const documents = decodedParts.flatMap((part) => (part.kind === "documents" ? part.documents : []));
        const texts = decodedParts.flatMap((part) => (part.kind === "text" ? [part.text] : []));
        if (documents.length === 0) {
            return { kind: "text", text: texts.join("\n"), encoding: join(encoding, "MIME multipart") };
        }
        return {
            kind: "documents",
            documents: texts.length > 0 ? [...documents, { multipartScripts: texts }] : documents,
            encoding: join(encoding, "MIME multipart"),
        };
    }
    if (looksLikeYaml(text)) {
        const yaml = yamlOf(text);
        if (Array.isArray(yaml)) {
            return { kind: "documents", documents: yaml, encoding: join(encoding, "YAML") };
        }
        if (yaml && "unreadable" in yaml) {
            return { kind: "unreadable", reason: yaml.unreadable };
        }
    }
    const hcl = allowHcl ? hclOf(text) : undefined;
    if (hcl && "unreadable" in hcl) {
        return { kind: "unreadable", reason: hcl.unreadable };
    }
    if (hcl) {
        return { kind: "documents", documents: [hcl.document], encoding: join(encoding, "HCL") };
    }
    return { kind: "text", text, encoding };
}

function join(outer: string, inner: string): string {
    return outer === "" ? inner : `${outer}, ${inner}`;
}

/** One setting of a configuration file that is neither JSON nor YAML (see {@link configEntriesOf}). */
export interface ConfigEntry {
    name: string;
    value: string;
    /** 1-based line. */
    line: number;
}

/** `key = value`, `key: value`, `key=value` of properties, INI, TOML and protobuf text files (a key of letters, digits, `_ . -`). */
const keyValueLine = /^([A-Za-z_][A-Za-z0-9_.-]{0,199})[ \t]{0,20}[=:][ \t]{0,20}(.{0,4000})$/;
/** An INI or TOML section (`[openai]`, `[llm.options]`, `[[models]]`). */
const sectionLine = /^\[{1,2}[ \t]{0,20}([A-Za-z0-9_.-]{1,100})[ \t]{0,20}\]{1,2}$/;
/** .NET `app.config`'s `<add key="OpenAI:Model" value="gpt-4o" />`. */
const xmlAddLine = /^<add[ \t]{1,20}key="([^"]{1,200})"[ \t]{1,20}value="([^"]{0,4000})"[ \t]{0,20}\/?>$/;
/** A one-line XML element with text (`<model>gpt-4o</model>`). */
const xmlElementLine = /^<([A-Za-z_][A-Za-z0-9_.:-]{0,100})>([^<]{1,4000})<\/\1>$/;

/** A value as a configuration file writes it: quotes taken off, or a trailing comment (`# …`, `; …`) of an unquoted one. */
function configValue(raw: string): string {
    const value = raw.trim().replace(/,$/, "");
    const quote = value.charAt(0);
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
        return value.slice(1, -1);
    }
    const comment = value.search(/[ \t][#;]/);
    return (comment < 0 ? value : value.slice(0, comment)).trim();
}

/**
 * The settings of a configuration file in a format other than JSON or YAML, by its lines: Java
 * properties (`spring.ai.openai.base-url=…`), INI and TOML (`[openai]` then `api_base = …`, named
 * `openai.api_base`), .NET `app.config` (`<add key="OpenAI:Model" value="gpt-4o" />`), one-line
 * XML elements, and protobuf text (a Triton `config.pbtxt`, whose top-level `name` is the model the
 * server serves: read as `--served-model-name`). Structures (`{`, `[`) are not values.
 *
 * @example
 * configEntriesOf("[openai]\napi_base = https://x/v1\nmodel = gpt-4o");
 * // [{ name: "openai.api_base", value: "https://x/v1", line: 2 }, { name: "openai.model", value: "gpt-4o", line: 3 }]
 */
export function configEntriesOf(text: string, file = ""): ConfigEntry[] {
    if (text.length > decodeLimits.maxYamlLength * 4) {
        return [];
    }
    const entries: ConfigEntry[] = [];
    const protobufText = file.endsWith(".pbtxt") || file.endsWith(".prototxt");
    let section = "";
    let depth = 0; // protobuf text nesting: only a top-level `name` is the model's
    const lines = text.split("\n", 10_000);
    for (let i = 0; i < lines.length && entries.length < 1000; i++) {
        const line = lines[i].trim();
        if (line === "" || line.startsWith("#") || line.startsWith(";") || line.startsWith("//") || line.startsWith("!")) {
            continue;
        }
        const header = sectionLine.exec(line);
        if (header) {
            section = header[1];
            continue;
        }
        const add = xmlAddLine.exec(line) ?? xmlElementLine.exec(line);
        if (add) {
            entries.push({ name: add[1], value: add[2].trim(), line: i + 1 });
            continue;
        }
        const pair = keyValueLine.exec(line);
        const value = pair ? configValue(pair[2]) : "";
        if (pair && value !== "" && !value.startsWith("{") && !value.startsWith("[")) {
            const topLevelName = protobufText && depth === 0 && pair[1] === "name";
            entries.push({
                name: topLevelName ? "--served-model-name" : section === "" ? pair[1] : `${section}.${pair[1]}`,
                value,
                line: i + 1,
            });
        }
        if (protobufText) {
            for (const c of line) {
                depth += c === "{" || c === "[" ? 1 : c === "}" || c === "]" ? -1 : 0;
            }
        }
    }
    return entries;
}
