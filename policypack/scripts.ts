/**
 * Settings written inside scripts: VM user data, shell and cloud-init,
 * `docker run` lines, systemd units, container command lines. A served model
 * is as often named in `--model gpt-4o` or `export MODEL=…` as in a typed
 * field, so these are read as settings with a line number for the message.
 *
 * Variables set earlier in a script are expanded where they are used
 * (`MODEL=gpt-4o` … `vllm serve $MODEL`), and the serving engines a script
 * starts are noted.
 *
 * This is a tokenizer, not a shell: it splits lines on whitespace honouring
 * quotes and reads the assignment and flag shapes above. It is linear in the
 * input and stops at a fixed number of settings.
 */

import { isUtf8 } from "buffer";
import { engineOfImage, engineOfWord, gatewayOfImage, gatewayOfWord, mentionsEngineCommand, takesPositionalModel } from "./engines";

/** One setting found in a script. */
export interface ScriptSetting {
    name: string;
    value: string;
    /** 1-based line in the script */
    line: number;
    /** The shell variable the value wholly is, which nothing the reader saw sets: the value is computed where the script runs. */
    variable?: string;
    /**
     * The shell variable the value wholly is (`vllm serve "$MODEL"`), which the script does not set while its
     * process takes an environment the pack cannot list here (`envFrom`): the stack phase may find it there.
     */
    reads?: string;
}

/** Scripts never hold more real settings than this; the cap bounds the result on hostile input. */
const MAX_SETTINGS = 10_000;

/** Share of control characters above which decoded bytes are binary, not text. */
const MAX_CONTROL_SHARE = 0.02;

/** Flags that take every value that follows (vLLM's `--served-model-name chat gpt-4o`), until the next flag. */
const multiValueFlags: ReadonlySet<string> = new Set(["--served-model-name", "--served_model_name"]);

/** Flags whose value is itself `KEY=VALUE` (docker/podman `-e`, `--env`); the inner setting is what counts. */
const envFlags: ReadonlySet<string> = new Set(["-e", "--env"]);

/** Whether a character is a control character other than tab, newline, carriage return (or form feed). */
function isControl(c: number): boolean {
    return (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 127 || c === 0xfffd;
}

function controlShare(text: string): number {
    if (text.length === 0) {
        return 0;
    }
    let control = 0;
    for (let i = 0; i < text.length; i++) {
        if (isControl(text.charCodeAt(i))) {
            control++;
        }
    }
    return control / text.length;
}

/** The input without whitespace, if every other character is standard base64 with padding only at the end. */
function base64Body(raw: string): string | undefined {
    // One pass, blanks skipped: most strings fail at their first other character, and no copy is made for them.
    let blanks = false;
    let length = 0;
    let padding = 0;
    for (let i = 0; i < raw.length; i++) {
        const c = raw.charCodeAt(i);
        if (c === 32 || c === 9 || c === 13 || c === 10) {
            blanks = true;
            continue;
        }
        length++;
        const b64 = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
        if (c === 61) {
            padding++;
        } else if (!b64 || padding > 0) {
            return undefined; // not base64, or data after padding
        }
    }
    if (padding > 2 || length < 4 || length % 4 === 1 || (padding > 0 && length % 4 !== 0)) {
        return undefined;
    }
    return blanks ? raw.replace(/[ \t\r\n]+/g, "") : raw;
}

/** Each base64 character's six bits; -1 for any other character. */
const base64Digits = new Int8Array(128).fill(-1);
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("").forEach((c, i) => (base64Digits[c.charCodeAt(0)] = i));

/** Bodies up to this long are decoded without a buffer. */
const SHORT_BASE64 = 1024;

/**
 * A short base64 body (checked by {@link base64Body}) decoded without a buffer: its text when every
 * byte is ASCII; `notUtf8` when a byte can start no UTF-8 sequence or a sequence breaks off (most
 * names that pass for base64, such as `SystemAssigned`); `gzipBytes` for gzip's magic bytes;
 * `needsDecoder` for anything else (UTF-8 beyond ASCII, a long body): the buffer decodes those, as
 * before. The answers other than text are numbers, so no text (`gzip` itself) is taken for one. Most strings the walk meets are short, and a buffer per string was a tenth of reading them.
 */
const notUtf8 = 0;
const gzipBytes = 1;
const needsDecoder = 2;

function shortBase64(body: string): string | typeof notUtf8 | typeof gzipBytes | typeof needsDecoder {
    let end = body.length;
    while (end > 0 && body.charCodeAt(end - 1) === 61) {
        end--;
    }
    if (end > SHORT_BASE64) {
        return needsDecoder;
    }
    const bytes: number[] = [];
    let bits = 0;
    let count = 0;
    for (let i = 0; i < end; i++) {
        bits = ((bits << 6) | base64Digits[body.charCodeAt(i)]) & 0xffff;
        count += 6;
        if (count >= 8) {
            count -= 8;
            bytes.push((bits >> count) & 0xff);
        }
    }
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
        return gzipBytes;
    }
    for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (b < 0x80) {
            continue;
        }
        // A byte no UTF-8 sequence starts with, or a lead byte without its continuation bytes.
        const continuations = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
        if (continuations < 0) {
            return notUtf8;
        }
        for (let k = 1; k <= continuations; k++) {
            const next = bytes[i + k];
            if (next === undefined || next < 0x80 || next > 0xbf) {
                return notUtf8;
            }
        }
        return needsDecoder;
    }
    return String.fromCharCode(...bytes);
}

/** Gzip (`1f 8b`), the compressed user data cloud-init and Terraform's `base64gzip` produce. */
function isGzip(bytes: Uint8Array): boolean {
    return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decodes user data: if the string is valid base64 (ignoring whitespace) that decodes to mostly
 * printable UTF-8 text, returns the decoded text, else the input; gzip/binary → returns no text and
 * encoding "unreadable", with no throw (caller reports "unreadable"). A plain value that happens to
 * be valid base64 but decodes to binary (`"abcd"`) is plain text.
 *
 * @example
 * userDataText("IyEvYmluL2Jhc2gK"); // { text: "#!/bin/bash\n", encoding: "base64" }
 * userDataText("#!/bin/bash\n");     // { text: "#!/bin/bash\n", encoding: "plain" }
 */
export function userDataText(raw: string): { text?: string; encoding: "plain" | "base64" | "unreadable" } {
    if (typeof raw !== "string") {
        return { encoding: "unreadable" };
    }
    if (raw.charCodeAt(0) === 0x1f && raw.charCodeAt(1) === 0x8b) {
        return { encoding: "unreadable" }; // raw gzip bytes passed as a string
    }
    const body = base64Body(raw);
    const short = body === undefined ? undefined : shortBase64(body);
    if (short === gzipBytes) {
        return { encoding: "unreadable" };
    }
    if (short !== undefined && short !== needsDecoder) {
        // Decoded here: ASCII text, or bytes that are not UTF-8 (most names that pass for base64).
        if (typeof short === "string" && controlShare(short) <= MAX_CONTROL_SHARE) {
            return { text: short, encoding: "base64" };
        }
    } else if (body !== undefined) {
        const bytes = Buffer.from(body, "base64");
        if (isGzip(bytes)) {
            return { encoding: "unreadable" };
        }
        // Most strings that pass for base64 are names (`inferenceCluster`) whose bytes are not UTF-8: checked without a throw.
        // A byte order mark is dropped, as a decoder does.
        const decoded = isUtf8(bytes) ? bytes.toString("utf8").replace(/^\uFEFF/, "") : undefined;
        if (decoded !== undefined && controlShare(decoded) <= MAX_CONTROL_SHARE) {
            return { text: decoded, encoding: "base64" };
        }
    }
    if (controlShare(raw) > MAX_CONTROL_SHARE) {
        return { encoding: "unreadable" };
    }
    return { text: raw, encoding: "plain" };
}

/** An environment variable name: letters, digits, `_`, not starting with a digit. */
function isEnvName(s: string): boolean {
    if (s.length === 0 || s.length > 256) {
        return false;
    }
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
        if (!letter && !(i > 0 && c >= 48 && c <= 57)) {
            return false;
        }
    }
    return true;
}

/** A long flag: `--` and a name of letters, digits, `-`, `_`, `.`. */
export function isLongFlag(s: string): boolean {
    if (s.length < 3 || !s.startsWith("--") || s.length > 256) {
        return false;
    }
    for (let i = 2; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 46)) {
            return false;
        }
    }
    return true;
}

/**
 * `KEY=VALUE` as a setting. PowerShell's `$env:KEY=VALUE` counts, and systemd's
 * `Environment=KEY=VALUE` yields the inner setting, not one called "Environment".
 */
function assignment(word: string): { name: string; value: string } | undefined {
    const text = word.startsWith("$env:") ? word.slice(5) : word;
    const eq = text.indexOf("=");
    if (eq <= 0) {
        return undefined;
    }
    const name = text.slice(0, eq);
    if (!isEnvName(name)) {
        return undefined;
    }
    const value = text.slice(eq + 1);
    if (name === "Environment") {
        return assignment(value) ?? { name, value };
    }
    return { name, value };
}

/**
 * Words of one line, shell-like: whitespace separates, quotes group and are removed, `\x` escapes x,
 * `#` at the start of a word comments out the rest, `;`, `&` and `|` are words of their own (so
 * `X=1;` still reads X). Literal runs are appended as slices, so a huge line costs linear time.
 */
function wordsOf(line: string): { words: string[]; continues: boolean; unquoted?: Set<number> } {
    const words: string[] = [];
    let unquoted: Set<number> | undefined; // words with a `$` and no quotes: the shell splits what they expand to
    let word = "";
    let inWord = false;
    let quoted = false; // `""` is an empty word, a lone trailing `\` is none
    let runStart = 0; // start of the literal run not yet appended to `word`
    let quote = 0;
    let continues = false;
    const endWord = (at: number): void => {
        word += line.slice(runStart, at);
        if (word !== "" || quoted) {
            if (!quoted && word.includes("$")) {
                (unquoted ??= new Set()).add(words.length);
            }
            words.push(word);
        }
        word = "";
        inWord = false;
        quoted = false;
    };
    for (let i = 0; i < line.length; i++) {
        const c = line.charCodeAt(i);
        if (quote !== 0) {
            if (c === quote) {
                word += line.slice(runStart, i);
                quote = 0;
                runStart = i + 1;
            } else if (c === 92 /* \ */ && quote === 34 /* " */ && i + 1 < line.length) {
                word += line.slice(runStart, i);
                runStart = ++i; // keep the escaped character in the next run
            }
            continue;
        }
        if (c === 32 || c === 9) {
            if (inWord) {
                endWord(i);
            }
            continue;
        }
        if (!inWord) {
            if (c === 35 /* # */) {
                return { words, continues };
            }
            inWord = true;
            runStart = i;
        }
        if (c === 34 || c === 39) {
            word += line.slice(runStart, i);
            quote = c;
            quoted = true;
            runStart = i + 1;
        } else if (c === 92) {
            word += line.slice(runStart, i);
            if (i + 1 < line.length) {
                runStart = ++i;
            } else {
                continues = true;
                runStart = i + 1;
            }
        } else if (c === 59 /* ; */ || c === 38 /* & */ || c === 124 /* | */) {
            endWord(i);
            words.push(line[i]);
            runStart = i + 1;
        }
    }
    if (inWord) {
        endWord(line.length);
    }
    return { words, continues, ...(unquoted ? { unquoted } : {}) };
}

/** Words that run the command after them (`exec litellm …`, `nohup …`, `uv run …`). */
const commandWrappers = new Set(["exec", "nohup", "sudo", "env", "time", "uv", "poetry", "pipx", "pdm", "run"]);

/** Whether the next word is a command's name: the first of its command, or after wrappers that run it. */
function startsCommand(previous: readonly string[]): boolean {
    return previous.every((word) => commandWrappers.has(word));
}

/** Variables a script sets; the cap bounds memory on hostile input. */
const MAX_VARIABLES = 1000;

/** Variables a shell or the system sets for every process: a value that is one of them is not left unset. */
const systemVariables: ReadonlySet<string> = new Set([
    "HOME",
    "USER",
    "LOGNAME",
    "PATH",
    "PWD",
    "OLDPWD",
    "HOSTNAME",
    "HOST",
    "SHELL",
    "LANG",
    "TERM",
    "TMPDIR",
    "UID",
    "EUID",
    "PPID",
    "RANDOM",
    "SECONDS",
    "LINENO",
    "IFS",
]);

/** Longest value a variable expands to: expansion must stay linear. */
const MAX_EXPANSION = 4096;

/**
 * Reads settings from a sequence of words, carrying a flag that waits for its value across
 * continued lines, the variables the script has set (for `$MODEL` later), the serving engines it
 * starts, and the words of the current command (for `vllm serve <model>`).
 */
class SettingReader {
    readonly settings: ScriptSetting[] = [];
    readonly engines = new Set<string>();
    readonly gateways = new Set<string>();
    private readonly variables = new Map<string, string>();
    private command: string[] = [];
    /** A flag waiting for its value; `more`: a further value of a flag that takes several, placed at its own word. */
    private pending: { flag: string; line: number; more?: true } | undefined;
    private envKeyword: { line: number; name?: string } | undefined;

    /**
     * `inherited`: variables the script starts with (its process's environment). `processNames`, when
     * the pack sees the process's whole environment: the names it has (set or not); a setting that is
     * wholly another variable, which nothing sets, is computed where the script runs.
     */
    constructor(
        inherited: ReadonlyMap<string, string> = new Map(),
        readonly processNames?: ReadonlySet<string>,
        /** A shell reads these words: it expands `$NAME` (an argument given as it is stays those letters). */
        private readonly shell = false,
    ) {
        for (const [name, value] of inherited) {
            if (this.variables.size >= MAX_VARIABLES) {
                break;
            }
            if (isEnvName(name)) {
                this.variables.set(name, value.length > MAX_EXPANSION ? value.slice(0, MAX_EXPANSION) : value);
            }
        }
    }

    /** Whether the script or its process has set this variable. */
    knows(name: string): boolean {
        return this.variables.has(name);
    }

    /** The variables set so far, for a script this one runs (`sh -c "…"`). */
    get environment(): ReadonlyMap<string, string> {
        return this.variables;
    }

    get full(): boolean {
        return this.settings.length >= MAX_SETTINGS;
    }

    add(name: string, given: string, line: number, unsetVariable?: string, reads?: string): void {
        const variable = unsetVariable ?? this.unsetVariableOf(given);
        const value = variable !== undefined ? computedAsItRuns : given;
        if (!this.full) {
            const read = variable === undefined ? (reads ?? this.environmentVariableOf(given)) : undefined;
            this.settings.push(
                variable !== undefined
                    ? { name, value, line, variable }
                    : read !== undefined
                      ? { name, value, line, reads: read }
                      : { name, value, line },
            );
        }
        if (isEnvName(name) && this.variables.size < MAX_VARIABLES) {
            this.variables.set(name, value.length > MAX_EXPANSION ? value.slice(0, MAX_EXPANSION) : value);
        }
    }

    /** The variable a value wholly is (`$MODEL`, `${MODEL}`) when neither the script nor the system sets it. */
    private notSetHere(value: string): string | undefined {
        if (!value.startsWith("$")) {
            return undefined;
        }
        const match = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]{0,127})\}|([A-Za-z_][A-Za-z0-9_]{0,127}))$/.exec(value);
        const name = match?.[1] ?? match?.[2];
        return name !== undefined && !this.variables.has(name) && !systemVariables.has(name) ? name : undefined;
    }

    /** The variable a value wholly is when neither the script, its process (listed in full) nor the system sets it. */
    private unsetVariableOf(value: string): string | undefined {
        const name = this.processNames === undefined ? undefined : this.notSetHere(value);
        return name !== undefined && !this.processNames?.has(name) ? name : undefined;
    }

    /** The variable a value of a shell wholly is (`$MODEL`, `${MODEL}`) when the process's environment is not listed in full. */
    private environmentVariableOf(value: string): string | undefined {
        return this.shell && this.processNames === undefined ? this.notSetHere(value) : undefined;
    }

    /** `$NAME`, `${NAME}` and `${NAME:-default}` replaced by what the script set (one pass, not recursive). */
    expand(word: string): string {
        if (!word.includes("$") || (this.variables.size === 0 && !word.includes("${"))) {
            return word; // nothing set: only a `${NAME:-default}` can change the word
        }
        let out = "";
        let i = 0;
        while (i < word.length && out.length < MAX_EXPANSION * 4) {
            const dollar = word.indexOf("$", i);
            if (dollar < 0) {
                break;
            }
            out += word.slice(i, dollar);
            const braced = word[dollar + 1] === "{";
            let end = dollar + (braced ? 2 : 1);
            while (end < word.length && /[A-Za-z0-9_]/.test(word[end]) && end - dollar < 260) {
                end++;
            }
            const name = word.slice(dollar + (braced ? 2 : 1), end);
            let fallback: string | undefined;
            if (braced) {
                const close = word.indexOf("}", end);
                if (close < 0) {
                    out += word.slice(dollar);
                    return out;
                }
                const rest = word.slice(end, close);
                fallback = rest.startsWith(":-") || rest.startsWith("-") ? rest.replace(/^:?-/, "") : undefined;
                end = close + 1;
            }
            const value = this.variables.get(name) ?? fallback;
            out += value ?? word.slice(dollar, end);
            i = end;
        }
        return out + word.slice(i);
    }

    word(raw: string, line: number): void {
        const word = this.expand(raw);
        const pending = this.pending;
        this.pending = undefined;
        const envKeyword = this.envKeyword;
        this.envKeyword = undefined;
        if (";&|".includes(word) && word.length === 1) {
            this.command = [];
            return;
        }
        // The command that starts an engine (`vllm`), or the image a `docker run` starts (`vllm/vllm-openai:v0.6.4`).
        // A flag's value names an image only under an image flag (`--model hosted_vllm/mistralai/…` is a model route).
        const flagValue = pending !== undefined && !envFlags.has(pending.flag) && !pending.flag.toLowerCase().includes("image");
        const mayBeImage = word.includes("/") && !word.startsWith("-") && !word.includes("=") && !flagValue;
        const engine = engineOfWord(word) ?? (mayBeImage ? engineOfImage(word) : undefined);
        if (engine) {
            this.engines.add(engine);
        }
        const previous = this.command;
        // A gateway is started by its command (`litellm --config …`, `exec litellm …`) or its image (`docker run … berriai/litellm`);
        // `pip install litellm` installs LiteLLM's client library and starts no gateway.
        const gateway = (startsCommand(previous) ? gatewayOfWord(word) : undefined) ?? (mayBeImage ? gatewayOfImage(word) : undefined);
        if (gateway) {
            this.gateways.add(gateway);
        }
        this.command = previous.length >= 8 ? [...previous.slice(-7), word] : [...previous, word];
        if (pending !== undefined && !word.startsWith("-")) {
            if (!envFlags.has(pending.flag)) {
                this.add(pending.flag, word, pending.more ? line : pending.line);
                if (multiValueFlags.has(pending.flag)) {
                    this.pending = { flag: pending.flag, line, more: true }; // vLLM serves the model under every name it is given
                }
                return;
            }
        }
        if (envKeyword?.name !== undefined) {
            this.add(envKeyword.name, word, envKeyword.line); // Dockerfile `ENV NAME value`
            return;
        }
        if (envFlags.has(word) || (isLongFlag(word) && !word.includes("="))) {
            this.pending = { flag: word, line };
            return;
        }
        const eq = word.indexOf("=");
        if (eq > 0 && isLongFlag(word.slice(0, eq))) {
            const flag = word.slice(0, eq);
            const inner = envFlags.has(flag) ? assignment(word.slice(eq + 1)) : undefined;
            if (inner) {
                this.add(inner.name, inner.value, line);
            } else {
                this.add(flag, word.slice(eq + 1), line);
            }
            return;
        }
        const set = assignment(word);
        if (set) {
            this.add(set.name, set.value, line);
            return;
        }
        if (!word.startsWith("-") && takesPositionalModel(previous)) {
            this.add("--model", word, line); // `vllm serve <model>`, `ollama run <model>`
            return;
        }
        if (word === "ENV" && previous.length === 0) {
            this.envKeyword = { line };
        } else if (envKeyword !== undefined && isEnvName(word)) {
            this.envKeyword = { line, name: word };
        }
    }

    /** Whether a flag waits for its value (the next word, even one with spaces in it). */
    get waitingForValue(): boolean {
        return this.pending !== undefined && !envFlags.has(this.pending.flag);
    }

    /** Whether the next word is a value (of a flag, or of a Dockerfile `ENV NAME`), not a command. */
    get expectsValue(): boolean {
        return this.waitingForValue || this.envKeyword?.name !== undefined;
    }

    /** A line ended without a continuation: a flag still waiting gets no value (it was a switch). */
    endOfCommand(): void {
        this.pending = undefined;
        this.envKeyword = undefined;
        this.command = [];
    }

    /** The engines and gateways a script these words run starts (`sh -c "…"`) are this command's too. */
    startsOf(inner: ScriptReading): void {
        inner.engines.forEach((engine) => this.engines.add(engine));
        inner.gateways?.forEach((gateway) => this.gateways.add(gateway));
    }

    /** What was read: the settings, and the engines and gateways the words start. */
    reading(): ScriptReading {
        return {
            settings: this.settings,
            engines: [...this.engines],
            ...(this.gateways.size > 0 ? { gateways: [...this.gateways] } : {}),
            ...(this.full ? { truncated: true } : {}),
        };
    }
}

/**
 * What a command substitution the pack cannot read stands for (`$(vault kv get -field=model …)`,
 * `` `cat /etc/model` ``, `$(curl -s …)`): a value the script computes as it runs. It is one word no
 * value has, so the setting it reaches is unknown (and judged fail-closed) instead of taking the
 * command's first word (`$(vault`) as its value.
 */
export const computedAsItRuns = "\u2039computed-as-the-script-runs\u203a";

/** Whether a value holds a command substitution the pack could not read ({@link computedAsItRuns}). */
export function isComputedAsItRuns(value: string): boolean {
    return value.includes(computedAsItRuns);
}

/**
 * A line with each command substitution replaced by what the pack reads it as. One that reads a
 * secret store is replaced by where the value lives:
 * `M=$(aws ssm get-parameter --name /x/y …)`, `vllm serve "$(aws ssm get-parameter …)"`,
 * `` M=`aws secretsmanager get-secret-value --secret-id n … | jq -r .KEY` ``,
 * `$(az keyvault secret show --vault-name v --name n …)`, `$(gcloud secrets versions access latest --secret=n)`.
 * The reference takes the forms settings name stores by (an ARN, a Key Vault reference, a Secret
 * Manager version), so a setting the value reaches (`--served-model-name "$M"`) is read from the store
 * where the stack creates it, or said to be held elsewhere. `$(NAME)` of a variable the process has
 * is that variable (Kubernetes expands it so in a container's command); any other substitution is a
 * value computed as the script runs ({@link computedAsItRuns}). Arithmetic (`$((…))`) stays as it is.
 */
export function withSubstitutionsRead(line: string, isVariable: (name: string) => boolean = () => false): string {
    if (!line.includes("$(") && !line.includes("`")) {
        return line; // most lines: no command substitution
    }
    let out = "";
    let i = 0;
    while (i < line.length) {
        const dollar = line.indexOf("$(", i);
        const tick = line.indexOf("`", i);
        const backquoted = tick >= 0 && (dollar < 0 || tick < dollar);
        const open = backquoted ? tick : dollar;
        if (open < 0) {
            break;
        }
        const body = open + (backquoted ? 1 : 2);
        const close = line.indexOf(backquoted ? "`" : ")", body);
        if (close < 0) {
            break;
        }
        out +=
            line.slice(i, open) + substitutionValue(line.slice(body, close), backquoted, line.charCodeAt(body) === 40 /* ( */, isVariable);
        i = close + 1;
    }
    return out + line.slice(i);
}

/** What one command substitution's text (`body`) stands for in the line: see {@link withSubstitutionsRead}. */
function substitutionValue(body: string, backquoted: boolean, arithmetic: boolean, isVariable: (name: string) => boolean): string {
    if (arithmetic && !backquoted) {
        return `$(${body})`;
    }
    const reference = storeReferenceIn(body);
    if (reference !== undefined) {
        return reference;
    }
    const name = body.trim();
    if (!backquoted && isEnvName(name) && isVariable(name)) {
        return `\${${name}}`;
    }
    return computedAsItRuns;
}

/** Where a store-reading command (`aws ssm get-parameter …`, optionally piped to `jq -r .KEY`) reads from. */
export function storeReferenceIn(command: string): string | undefined {
    if (command.length > 2000) {
        return undefined;
    }
    const [head, ...filters] = command.split("|");
    return storeReference(wordsOf(head).words, filters.join("|"));
}

/**
 * How the references {@link withSubstitutionsRead} makes begin: ARNs that name no region or account, Secret
 * Manager versions that name no project, which a reference written by hand does.
 */
const storeReadPrefixes = {
    parameter: "arn:aws:ssm:::parameter/",
    secret: "arn:aws:secretsmanager:::secret:",
    secretVersion: "projects/-/secrets/",
} as const;

/** Whether a value is a reference {@link withSubstitutionsRead} made. */
export function isStoreReadReference(value: string): boolean {
    return Object.values(storeReadPrefixes).some((prefix) => value.startsWith(prefix));
}

/** The value of a flag in a command's words: `--name x`, `--name=x`. */
function flagValue(words: readonly string[], flags: readonly string[]): string | undefined {
    for (let i = 0; i < words.length; i++) {
        for (const flag of flags) {
            if (words[i] === flag && i + 1 < words.length) {
                return words[i + 1];
            }
            if (words[i].startsWith(`${flag}=`)) {
                return words[i].slice(flag.length + 1);
            }
        }
    }
    return undefined;
}

/** Where a store-reading command reads from, as a reference; undefined for any other command. */
function storeReference(words: readonly string[], filters: string): string | undefined {
    const cli = words[0]?.slice(words[0].lastIndexOf("/") + 1);
    const jsonKey = /^\s*jq\s+(?:-r\s{1,20}|--raw-output\s{1,20})?['"]?\.([A-Za-z0-9_-]{1,200})['"]?\s*$/.exec(filters)?.[1];
    if (cli === "aws" && words[1] === "ssm" && (words[2] === "get-parameter" || words[2] === "get-parameters")) {
        const name = flagValue(words, ["--name", "--names"]);
        if (name === undefined || name.includes("$")) {
            return undefined;
        }
        return name.startsWith("arn:") ? name : `${storeReadPrefixes.parameter}${name.replace(/^\//, "")}`;
    }
    if (cli === "aws" && words[1] === "secretsmanager" && words[2] === "get-secret-value") {
        const id = flagValue(words, ["--secret-id"]);
        if (id === undefined || id.includes("$")) {
            return undefined;
        }
        const arn = id.startsWith("arn:") ? id : `${storeReadPrefixes.secret}${id}`;
        return jsonKey === undefined ? arn : `${arn}:${jsonKey}::`;
    }
    if (cli === "az" && words[1] === "keyvault" && words[2] === "secret" && words[3] === "show") {
        const vault = flagValue(words, ["--vault-name"]);
        const secret = flagValue(words, ["--name", "-n"]);
        return vault !== undefined && secret !== undefined && !`${vault}${secret}`.includes("$")
            ? `@Microsoft.KeyVault(VaultName=${vault};SecretName=${secret})`
            : undefined;
    }
    if (cli === "gcloud" && words[1] === "secrets" && words[2] === "versions" && words[3] === "access") {
        const secret = flagValue(words, ["--secret"]);
        const version = words[4] !== undefined && !words[4].startsWith("-") ? words[4] : "latest";
        return secret !== undefined && !secret.includes("$")
            ? `${storeReadPrefixes.secretVersion}${secret}/versions/${version}`
            : undefined;
    }
    return undefined;
}

/** An object of a cloud's object storage: in an S3 or Cloud Storage bucket, or an Azure storage account's container (`bucket`). */
export interface StoredObjectName {
    store: "s3" | "gcs" | "azure-blob";
    bucket: string;
    key: string;
    /** The Azure storage account. */
    account?: string;
}

/** An object a script copies to the machine and then uses as a file: the object, and the line that uses it. */
export interface FetchedFile extends StoredObjectName {
    line: number;
}

const objectUrls: ReadonlyArray<[RegExp, (match: RegExpExecArray) => StoredObjectName]> = [
    [
        /^(s3|gs):\/\/([a-z0-9][a-z0-9._-]{0,221})\/([^\s$]{1,1024})$/,
        (m) => ({ store: m[1] === "s3" ? "s3" : "gcs", bucket: m[2], key: m[3] }),
    ],
    // Virtual-hosted and path-style S3 URLs, with or without a region.
    [
        /^https?:\/\/([a-z0-9][a-z0-9.-]{0,62})\.s3(?:[.-][a-z0-9-]{1,40})?\.amazonaws\.com\/([^\s$]{1,1024})$/,
        (m) => ({ store: "s3", bucket: m[1], key: m[2] }),
    ],
    [
        /^https?:\/\/s3(?:[.-][a-z0-9-]{1,40})?\.amazonaws\.com\/([a-z0-9][a-z0-9.-]{0,62})\/([^\s$]{1,1024})$/,
        (m) => ({ store: "s3", bucket: m[1], key: m[2] }),
    ],
    [
        /^https?:\/\/storage\.(?:googleapis|cloud\.google)\.com\/([a-z0-9][a-z0-9._-]{0,221})\/([^\s$]{1,1024})$/,
        (m) => ({ store: "gcs", bucket: m[1], key: m[2] }),
    ],
    [
        /^https?:\/\/([a-z0-9]{3,24})\.blob\.core\.windows\.net\/([a-z0-9][a-z0-9-]{1,62})\/([^\s$]{1,1024})$/,
        (m) => ({ store: "azure-blob", account: m[1], bucket: m[2], key: m[3] }),
    ],
];

/**
 * The object a word names as object storage: `s3://bucket/key`, `gs://bucket/name`, or an HTTPS URL of
 * S3, Cloud Storage or Azure Blob Storage (a SAS token or other query left out).
 *
 * @example
 * objectNamedBy("https://acme.blob.core.windows.net/config/llm.env?sv=2024&sig=x"); // { store: "azure-blob", account: "acme", bucket: "config", key: "llm.env" }
 */
export function objectNamedBy(word: string): StoredObjectName | undefined {
    if (
        word.length > 2048 ||
        !(word.includes("://") && (word.includes("s3") || word.includes("gs://") || word.includes("storage") || word.includes(".blob.")))
    ) {
        return undefined;
    }
    const query = word.search(/[?#]/);
    const url = query < 0 ? word : word.slice(0, query);
    for (const [pattern, named] of objectUrls) {
        const match = pattern.exec(url);
        if (match) {
            return named(match);
        }
    }
    return undefined;
}

/** The reference the stack phase resolves an object by: an S3 ARN, a `gs://` URL, a blob URL. */
export function objectReference(object: StoredObjectName): string {
    switch (object.store) {
        case "s3":
            return `arn:aws:s3:::${object.bucket}/${object.key}`;
        case "gcs":
            return `gs://${object.bucket}/${object.key}`;
        default:
            return `https://${object.account}.blob.core.windows.net/${object.bucket}/${object.key}`;
    }
}

/** Names of configuration files (`llm.env`, `serving.yaml`, `app.config`): a copied one a command names is its configuration. */
const configurationFile = /(?:\.(?:env|ya?ml|json|toml|ini|conf|cfg|config|properties)|(?:^|[._-])(?:env|config|settings))$/i;

/** Command-line tools whose `-o`/`--output` is a format, not a file (`--output text`). */
const formatOutputClis = new Set(["aws", "az", "gcloud", "kubectl"]);

/** Which word says where a command line that names an object at `source` writes it: an output flag's value, `> file`, or a copy's next operand. */
function destinationOf(words: readonly string[], source: number): number | undefined {
    // The commands before the object (`sudo -u app curl …`): a format's `--output`, or curl's `-O` (the remote name), is no file.
    const commands = words.slice(0, source).map((word) => word.slice(word.lastIndexOf("/") + 1));
    const outputIsFormat = commands.some((word) => formatOutputClis.has(word));
    const curl = commands.includes("curl");
    for (let i = 0; i < words.length; i++) {
        const word = words[i];
        if (word === ">" || word === ">>") {
            return i + 1;
        }
        if (outputIsFormat) {
            continue;
        }
        if (word.startsWith("--output=") || word.startsWith("--output-document=")) {
            return i;
        }
        // `-o file`, `--output file`, wget's `-O file`, and short flags run together (`-fsSLo file`, `-qO file`); curl's `-O` keeps the remote name.
        if (
            word === "--output" ||
            word === "--output-document" ||
            /^-[A-Za-z]{0,8}o$/.test(word) ||
            (!curl && /^-[A-Za-z]{0,8}O$/.test(word))
        ) {
            return i + 1;
        }
    }
    const next = words[source + 1];
    return next !== undefined && !next.startsWith("-") ? source + 1 : undefined;
}

/**
 * A script's lines, each command continued over lines ending in `\\` joined into its first line (the lines
 * it took left empty, so every line keeps its number).
 */
function commandLinesOf(text: string): string[] {
    const lines = text.split("\n", 10_000);
    for (let i = 0; i < lines.length; i++) {
        let next = i;
        while (lines[i].endsWith("\\") && next + 1 < lines.length && lines[i].length <= 4000) {
            next++;
            lines[i] = `${lines[i].slice(0, -1)} ${lines[next]}`;
            lines[next] = "";
        }
        i = next;
    }
    return lines;
}

/** The host folders a command line bind-mounts into a container, with where: `-v /opt/app:/cfg:ro`, `--mount type=bind,source=…,target=…`. */
function bindMountsOf(words: readonly string[]): Array<[host: string, inside: string]> {
    const mounts: Array<[string, string]> = [];
    for (let i = 0; i < words.length; i++) {
        const word = words[i];
        const volume =
            word === "-v" || word === "--volume" ? words[i + 1] : word.startsWith("--volume=") ? word.slice("--volume=".length) : undefined;
        if (volume !== undefined && volume.startsWith("/")) {
            const [host, inside] = volume.split(":");
            if (inside?.startsWith("/")) {
                mounts.push([host.replace(/\/$/, ""), inside.replace(/\/$/, "")]);
            }
        }
        const mount = word === "--mount" ? words[i + 1] : word.startsWith("--mount=") ? word.slice("--mount=".length) : undefined;
        if (mount !== undefined) {
            const fields = new Map(
                mount.split(",").map((field) => [field.slice(0, field.indexOf("=")), field.slice(field.indexOf("=") + 1)]),
            );
            const host = fields.get("source") ?? fields.get("src");
            const inside = fields.get("target") ?? fields.get("destination") ?? fields.get("dst");
            if (host?.startsWith("/") && inside?.startsWith("/")) {
                mounts.push([host.replace(/\/$/, ""), inside.replace(/\/$/, "")]);
            }
        }
    }
    return mounts;
}

/** Whether text may hold a copy {@link copyOnLine} reads: an object storage URL, `s3api`, or `az storage blob download`. */
function mayCopyAnObject(text: string): boolean {
    return (
        (text.includes("://") && (text.includes("s3") || text.includes("gs://") || text.includes("storage") || text.includes(".blob."))) ||
        text.includes("s3api") ||
        (text.includes("blob") && text.includes("download"))
    );
}

/** A copy a command line makes of an object (any tool that names it by URL, `az storage blob download`, `aws s3api get-object`). */
function copyOnLine(words: readonly string[]): { object: StoredObjectName; destination: string; at: number } | undefined {
    for (let i = 0; i < words.length; i++) {
        const object = objectNamedBy(words[i]);
        if (object) {
            const at = destinationOf(words, i);
            const word = at === undefined ? undefined : words[at];
            const destination = word?.startsWith("--output") ? word.slice(word.indexOf("=") + 1) : word;
            return at === undefined || destination === undefined ? undefined : { object, destination, at };
        }
    }
    const cli = words.findIndex((word) => word === "az" || word === "aws" || word.endsWith("/az") || word.endsWith("/aws"));
    if (cli < 0) {
        return undefined;
    }
    if (words[cli + 1] === "storage" && words[cli + 2] === "blob" && words[cli + 3] === "download") {
        const account = flagValue(words, ["--account-name"]);
        const bucket = flagValue(words, ["--container-name", "-c"]);
        const key = flagValue(words, ["--name", "-n"]);
        const at = words.findIndex((word) => word === "--file" || word === "-f") + 1;
        const destination = at > 0 ? words[at] : undefined;
        return account && bucket && key && destination
            ? { object: { store: "azure-blob", account, bucket, key }, destination, at }
            : undefined;
    }
    if (words[cli + 1] === "s3api" && words[cli + 2] === "get-object") {
        const bucket = flagValue(words, ["--bucket"]);
        const key = flagValue(words, ["--key"]);
        const destination = words[words.length - 1];
        return bucket && key && !destination.startsWith("-")
            ? { object: { store: "s3", bucket, key }, destination, at: words.length - 1 }
            : undefined;
    }
    return undefined;
}

/**
 * Files a script copies from object storage and then uses: with any tool that names the object (`aws s3
 * cp s3://b/llm.env /etc/llm.env`, `gsutil cp`, `azcopy copy`, `curl -o … https://acct.blob.core.windows.net/…`,
 * `wget -O`, `az storage blob download --file`, `aws s3api get-object`), then loaded as an environment file
 * (systemd's `EnvironmentFile=`, `source`, `.`, `docker run --env-file`) or, for a configuration file by its
 * name (`serving.yaml`, `llm.env`), given to a command as a flag's value (`vllm serve --config /etc/vllm/serving.yaml`).
 * The process takes the object's content, which the stack may hold. A copy into a folder (`/etc/llm/`) is
 * that folder plus the key's last segment. Paths built on variables are left out: the pack cannot tell where
 * they go. Weights and other data (`--recursive` copies of folders, `*.safetensors`) are not configuration.
 */
export function filesFetchedFromObjects(text: string): FetchedFile[] {
    // Most scripts fetch nothing from object storage: one scan, and only the lines that may copy an object are split into words.
    if (text.length > 1_000_000 || !mayCopyAnObject(text)) {
        return [];
    }
    const copies = new Map<string, { object: StoredObjectName; line: number; at: number }>();
    const lines = commandLinesOf(text);
    const wordsByLine: Array<readonly string[] | undefined> = [];
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.length > 4000 || !mayCopyAnObject(line)) {
            continue;
        }
        const { words } = wordsOf(line.trim());
        wordsByLine[i] = words;
        const copy = copyOnLine(words);
        // A name or path built on a variable is known only where the script runs; a key ending in `/` is a folder.
        const named = copy ? `${copy.destination} ${copy.object.bucket} ${copy.object.key} ${copy.object.account ?? ""}` : "$";
        if (copy && !named.includes("$") && copy.destination !== "-" && !copy.object.key.endsWith("/")) {
            copies.set(copiedTo(copy.destination, copy.object.key), { object: copy.object, line: i + 1, at: copy.at });
        }
    }
    if (copies.size === 0) {
        return [];
    }
    const fetched: FetchedFile[] = [];
    const useOnHost = (path: string, line: number, loaded: boolean, at: number) => {
        const copy = copies.get(path);
        if (
            copy !== undefined &&
            !(copy.line === line && copy.at === at) && // the copy's own destination
            (loaded || configurationFile.test(copy.object.key.slice(copy.object.key.lastIndexOf("/") + 1))) &&
            !fetched.some((file) => objectReference(file) === objectReference(copy.object))
        ) {
            fetched.push({ ...copy.object, line });
        }
    };
    for (let i = 0; i < lines.length; i++) {
        if (lines[i].length > 4000) {
            continue;
        }
        const words = wordsByLine[i] ?? wordsOf(lines[i].trim()).words;
        // A container sees a host folder where it is bind-mounted (`docker run -v /opt/app:/cfg … --config /cfg/app.json`).
        const mounts = bindMountsOf(words);
        const use = (path: string, line: number, loaded: boolean, at = -1) => {
            useOnHost(path, line, loaded, at);
            for (const [host, inside] of mounts) {
                if (path.startsWith(`${inside}/`)) {
                    useOnHost(`${host}${path.slice(inside.length)}`, line, loaded, at);
                }
            }
        };
        const unit = /^EnvironmentFile=-?(\S{1,1024})$/.exec(lines[i].trim());
        if (unit) {
            use(unit[1], i + 1, true);
        }
        for (let w = 0; w < words.length; w++) {
            const word = words[w];
            const loads = word === "source" || word === "." || word === "--env-file";
            if (loads && w + 1 < words.length) {
                use(words[w + 1], i + 1, true);
            } else if (word.startsWith("--env-file=")) {
                use(word.slice("--env-file=".length), i + 1, true);
            } else if (!loads && word.startsWith("-") && word.includes("=")) {
                use(word.slice(word.indexOf("=") + 1), i + 1, false, w); // `--config=/etc/vllm/serving.yaml`
            } else if (!loads && w > 0 && words[w - 1].startsWith("-")) {
                use(word, i + 1, false, w); // a flag's value: `--config /etc/vllm/serving.yaml`, `-c /etc/app.ini`
            }
        }
    }
    return fetched;
}

/** A file a script writes from an SSM parameter and then hands to a command: the parameter's reference and the line that reads it. */
export interface FileFromParameter {
    /** The parameter as settings name one (`arn:aws:ssm:::parameter/llm-gateway/litellm-config`). */
    reference: string;
    line: number;
}

/**
 * Files a script writes from an SSM parameter (`aws ssm get-parameter --name /x/config --query
 * Parameter.Value --output text > /etc/litellm/config.yaml`) and that a later command reads
 * (`litellm --config /etc/litellm/config.yaml`, `source …`): the process takes the parameter's value
 * as that file, which the stack may hold. Paths built on variables are left out.
 */
export function filesWrittenFromParameters(text: string): FileFromParameter[] {
    if (text.length > 1_000_000 || !text.includes("get-parameter") || !text.includes(">")) {
        return [];
    }
    const written = new Map<string, string>();
    const read: FileFromParameter[] = [];
    const lines = text.split("\n", 10_000);
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.length > 4000) {
            continue;
        }
        const { words } = wordsOf(line.trim());
        const aws = words.findIndex((word) => word === "aws" || word.endsWith("/aws"));
        const redirect = words.indexOf(">");
        if (aws >= 0 && words[aws + 1] === "ssm" && words[aws + 2] === "get-parameter" && redirect > aws) {
            const name = flagValue(words, ["--name"]);
            const file = words[redirect + 1];
            if (name !== undefined && file !== undefined && !`${name}${file}`.includes("$")) {
                written.set(file, name.startsWith("arn:") ? name : `${storeReadPrefixes.parameter}${name.replace(/^\//, "")}`);
            }
            continue;
        }
        for (const word of words) {
            const reference = written.get(word.includes("=") ? word.slice(word.indexOf("=") + 1) : word);
            if (reference !== undefined && !read.some((file) => file.reference === reference)) {
                read.push({ reference, line: i + 1 });
            }
        }
    }
    return read;
}

/** The file a copy of the object `key` writes: the destination, or in a folder (`/etc/llm/`) the key's last segment there. */
function copiedTo(destination: string, key: string): string {
    return destination.endsWith("/") ? `${destination}${key.slice(key.lastIndexOf("/") + 1)}` : destination;
}

/** How deep command lines quoted inside command lines are read (`ssh h "sudo sh -c '…'"` is two). */
const MAX_NESTING = 3;

/** A word that holds a command line: blanks inside, and neither a flag nor an assignment (`MODEL="a b"`). */
function isQuotedCommand(word: string): boolean {
    const text = word.trim();
    const blank = text.search(/\s/);
    return blank > 0 && !text.startsWith("-") && !text.slice(0, blank).includes("=");
}

/** Indentation of a line (spaces and tabs). */
function indentOf(line: string): number {
    let i = 0;
    while (i < line.length && (line[i] === " " || line[i] === "\t")) {
        i++;
    }
    return i;
}

/** `KEY: VALUE` inside a YAML `environment:` mapping (docker-compose, cloud-init written files). */
function yamlEnvironmentEntry(trimmed: string): { name: string; value: string } | undefined {
    const colon = trimmed.indexOf(":");
    if (colon <= 0 || !isEnvName(trimmed.slice(0, colon))) {
        return undefined;
    }
    let value = trimmed.slice(colon + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) {
        value = value.slice(1, -1);
    }
    return { name: trimmed.slice(0, colon), value };
}

/**
 * Settings in a shell script / cloud-init / docker run / command line: `KEY=VALUE`,
 * `export KEY="VALUE"`, `-e KEY=VALUE`, `--env KEY=VALUE`, `--env=KEY=VALUE`, `Environment=KEY=VALUE`
 * (systemd), PowerShell `$env:KEY="VALUE"`, YAML `KEY: VALUE` under `environment:`, `--flag value` and
 * `--flag=value` (name returned with dashes, e.g. "--model"). Quotes stripped; `#` comments skipped;
 * a trailing `\` continues a command on the next line. `--flag` followed by another flag or the end
 * of a command is a switch and yields nothing. Linear time; cap at 10 000 settings.
 *
 * @example
 * settingsInScript('export MODEL="gpt-4o"\nvllm serve --port 8000 --served-model-name=gpt-4o');
 * // [{ name: "MODEL", value: "gpt-4o", line: 1 }, { name: "--port", value: "8000", line: 2 },
 * //  { name: "--served-model-name", value: "gpt-4o", line: 2 }]
 */
export function settingsInScript(text: string): ScriptSetting[] {
    return readScript(text).settings;
}

/** What a script shows: its settings and the serving engines it starts. */
export interface ScriptReading {
    settings: ScriptSetting[];
    engines: string[];
    /** OpenAI-compatible gateways it starts (`litellm --config …`), when any. */
    gateways?: string[];
    /** The script holds more settings than the reader keeps (a bound against abuse): what follows was not read. */
    truncated?: boolean;
}

/** {@link settingsInScript}, and the serving engines the script starts (`vllm`, `text-generation-launcher` …). */
export function readScript(
    text: string,
    inherited?: ReadonlyMap<string, string>,
    nesting = 0,
    processNames?: ReadonlySet<string>,
): ScriptReading {
    if (typeof text !== "string") {
        return { settings: [], engines: [] };
    }
    const reader = new SettingReader(inherited, processNames, true);
    let environmentIndent = -1; // indentation of an open YAML `environment:` key, or -1
    let lineNumber = 0;
    let start = 0;
    while (start <= text.length && !reader.full) {
        let end = text.indexOf("\n", start);
        if (end < 0) {
            end = text.length;
        }
        const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
        lineNumber++;
        start = end + 1;

        const trimmed = line.trim();
        const indent = indentOf(line);
        if (environmentIndent >= 0 && trimmed !== "" && indent <= environmentIndent) {
            environmentIndent = -1;
        }
        if ((trimmed.startsWith("-") ? trimmed.slice(1).trimStart() : trimmed) === "environment:") {
            environmentIndent = indent;
            continue;
        }
        if (environmentIndent >= 0) {
            const entry = yamlEnvironmentEntry(trimmed);
            if (entry) {
                reader.add(entry.name, entry.value, lineNumber);
                continue;
            }
        }
        const { words, continues, unquoted } = wordsOf(withSubstitutionsRead(line, (name) => reader.knows(name)));
        for (let w = 0; w < words.length; w++) {
            const word = words[w];
            if (unquoted?.has(w) && !reader.expectsValue && assignment(word) === undefined) {
                // `vllm serve /m $EXTRA_ARGS`: an unquoted expansion is split into words, as the shell does
                // (not in an assignment, `A=$B`, which the shell does not split).
                const expanded = reader.expand(word);
                if (/\s/.test(expanded.trim())) {
                    for (const piece of expanded.split(/\s+/)) {
                        if (piece !== "") {
                            reader.word(piece, lineNumber);
                        }
                    }
                    continue;
                }
            }
            const command = nesting < MAX_NESTING && !reader.expectsValue && isQuotedCommand(word);
            // A value that is itself a command line starting an engine (`--parameters 'commands=["docker run …"]'`).
            const launched = !command && nesting < MAX_NESTING && /\s/.test(word) && mentionsEngineCommand(word);
            if (command || launched) {
                // A command line given to another command as one quoted word (`sh -c "…"`, `su - u -c '…'`,
                // `tmux new -d '…'`, `ssh host '…'`): read as a script, with the variables set so far.
                const inner = readScript(reader.expand(word), reader.environment, nesting + 1, reader.processNames);
                inner.settings.forEach((found) => reader.add(found.name, found.value, lineNumber, found.variable, found.reads));
                reader.startsOf(inner);
            }
            if (command) {
                reader.endOfCommand();
                continue;
            }
            reader.word(word, lineNumber);
        }
        if (!continues) {
            reader.endOfCommand();
        }
    }
    return reader.reading();
}

/**
 * Settings in an argv array (container command/args): `--model gpt-4o`, `--model=gpt-4o`,
 * `--served-model-name x`, `KEY=VALUE` (e.g. after `env`). An element that is itself a script
 * (`["sh", "-c", "export MODEL=gpt-4o && vllm serve …"]`) is read as one. `line` is the 1-based
 * position of the element that holds the flag or assignment.
 *
 * @example
 * settingsInArgs(["--model", "gpt-4o", "--port=8000"]);
 * // [{ name: "--model", value: "gpt-4o", line: 1 }, { name: "--port", value: "8000", line: 3 }]
 */
export function settingsInArgs(args: readonly string[]): ScriptSetting[] {
    return readArgs(args).settings;
}

/** {@link settingsInArgs}, and the serving engines the command starts. */
export function readArgs(
    args: readonly string[],
    variables?: ReadonlyMap<string, string>,
    processNames?: ReadonlySet<string>,
): ScriptReading {
    if (!Array.isArray(args)) {
        return { settings: [], engines: [] };
    }
    const reader = new SettingReader();
    try {
        const n = Math.min(args.length, MAX_SETTINGS * 2);
        for (let i = 0; i < n && !reader.full; i++) {
            const arg: unknown = args[i];
            if (typeof arg !== "string") {
                reader.endOfCommand();
            } else if (/\s/.test(arg.trim()) && !reader.waitingForValue) {
                // A script passed as one argument (`sh -c "…"`): its settings, placed at this element.
                // A shell expands its variables; an argument given as it is (no shell) is not (`$MODEL` stays those letters).
                const inner = readScript(arg, variables, 0, processNames);
                for (const s of inner.settings) {
                    reader.add(s.name, s.value, i + 1, s.variable, s.reads);
                }
                reader.startsOf(inner);
                reader.endOfCommand();
            } else {
                reader.word(arg, i + 1);
            }
        }
    } catch {
        // An element that cannot be read (an unknown-checking proxy) ends the scan; what was read stands.
    }
    return reader.reading();
}
