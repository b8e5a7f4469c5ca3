/**
 * Keeps secrets out of messages. Violations quote the values they are about
 * (a model id, an endpoint), and those values sit next to API keys in the
 * same environment blocks and command lines, so every value a message shows
 * passes through here, and every finished message gets a last pass.
 *
 * Each pattern is either a hand-written scan or an anchored regular expression
 * with bounded repetition, so masking stays linear on any input.
 */

/** Marker text used in place of a secret. */
export const REDACTED = "[redacted]";

/** Longest value a message shows. */
const MAX_SHOWN_LENGTH = 160;

/** Words whose presence in a setting name marks its value as a secret. */
const secretWords: readonly string[] = ["KEY", "SECRET", "TOKEN", "PASSWORD", "PASSWD", "CREDENTIAL", "AUTH", "PRIVATE"];

/**
 * Last words that make a name about a location rather than a secret (`AUTH_URL`,
 * `KEY_VAULT_ENDPOINT`, `TOKEN_HOST`); their values still get token masking.
 */
const locationWords: readonly string[] = ["URL", "URI", "ENDPOINT", "HOST", "HOSTNAME", "DOMAIN", "BASE"];

/**
 * True for setting names that hold secrets: contain KEY, SECRET, TOKEN, PASSWORD, PASSWD,
 * CREDENTIAL, AUTH, PRIVATE (case-insensitive, e.g. OPENAI_API_KEY, apiKey, x-api-key). Names that
 * end in a location word (URL, URI, ENDPOINT, HOST, HOSTNAME, DOMAIN, BASE: `AUTH_URL`) are not,
 * so that endpoint evidence stays readable.
 *
 * @example
 * isSecretName("OPENAI_API_KEY"); // true
 * isSecretName("OPENAI_BASE_URL"); // false
 */
export function isSecretName(name: string): boolean {
    if (typeof name !== "string") {
        return false;
    }
    const upper = name.toUpperCase();
    if (!secretWords.some((w) => upper.includes(w))) {
        return false;
    }
    // The last word of OPENAI_AUTH_URL / authUrl / x-auth-endpoint.
    let end = upper.length;
    while (end > 0 && !isAlnum(upper.charCodeAt(end - 1))) {
        end--;
    }
    return !locationWords.some((w) => {
        if (!upper.endsWith(w, end)) {
            return false;
        }
        const before = end - w.length - 1;
        // A word boundary before it: a separator, or a camelCase hump (authUrl). In an all-caps name a
        // capital is no hump: DB_PASSWORD_LOCALHOST ends in LOCALHOST, not HOST, and is a secret.
        return (
            before < 0 ||
            !isAlnum(upper.charCodeAt(before)) ||
            (isUpperAscii(name.charCodeAt(before + 1)) && !isUpperAscii(name.charCodeAt(before)))
        );
    });
}

function isAlnum(c: number): boolean {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isUpperAscii(c: number): boolean {
    return c >= 65 && c <= 90;
}

function asText(value: unknown): string {
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
        return String(value);
    }
    return "";
}

/**
 * The value as a message may show it: REDACTED when its setting name is secret-looking; otherwise
 * the value with any API-key-looking tokens (sk-…, sk-proj-…, Bearer …, AKIA…, long base64/hex
 * runs ≥ 32 chars, key=value/token=… query params, user:password@ in URLs) replaced by REDACTED,
 * and cut to 160 chars with "…" (masking first, so a cut never leaves half a key unmasked).
 *
 * @example
 * shownValue("OPENAI_API_KEY", "sk-proj-abc…");                         // "[redacted]"
 * shownValue("OPENAI_BASE_URL", "https://x.openai.azure.com/?api-key=abc"); // "https://x.openai.azure.com/?api-key=[redacted]"
 */
export function shownValue(name: string | undefined, value: string): string {
    if (name !== undefined && isSecretName(name)) {
        return REDACTED;
    }
    const masked = redactText(asText(value));
    return masked.length > MAX_SHOWN_LENGTH ? `${masked.slice(0, MAX_SHOWN_LENGTH - 1)}…` : masked;
}

/**
 * A host name or DNS target as a message may show it: redacted, and when too long cut from the
 * left, so what remains is the end of the name that decides where it is (a cut from the right could
 * leave `x.openai.azure.com` of `x.openai.azure.com.evil.io`).
 *
 * @example
 * shownHost("a".repeat(300) + ".evil.io"); // "…aaaa.evil.io" (160 characters)
 */
export function shownHost(value: string): string {
    const masked = redactText(asText(value));
    return masked.length > MAX_SHOWN_LENGTH ? `…${masked.slice(masked.length - MAX_SHOWN_LENGTH + 1)}` : masked;
}

/**
 * Anchored patterns for secrets with a recognisable shape. Lookbehinds stop a match from starting in
 * the middle of a word; quantifiers are flat (no nesting), so each costs linear time. Minimum lengths
 * are written `x{16}x*`, not `x{16,}`: V8 runs out of stack on `{n,}` over a multi-megabyte run.
 */
const shapedSecrets: ReadonlyArray<{ pattern: RegExp; replace: (match: string, ...groups: string[]) => string }> = [
    // Authorization header values; the lookahead wants a digit, so "Bearer authentication" is left alone.
    {
        pattern: /(?<![A-Za-z0-9])(Bearer|Basic)([ \t]+)(?=[A-Za-z._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{8}[A-Za-z0-9._~+/=-]*/gi,
        replace: (_m, scheme, space) => `${scheme}${space}${REDACTED}`,
    },
    // OpenAI, Anthropic and similar keys: sk-…, sk-proj-…, sk-ant-….
    { pattern: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{16}[A-Za-z0-9_-]*/g, replace: () => REDACTED },
    // AWS access key ids.
    { pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, replace: () => REDACTED },
    // Google API keys (base64url, so the generic run scan below would miss them at `-`/`_`).
    { pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{30}[A-Za-z0-9_-]*/g, replace: () => REDACTED },
    // JWTs: header.payload.signature, each base64url; the header always starts `eyJ`.
    {
        pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8}[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{8}[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g,
        replace: () => REDACTED,
    },
    // user:password@ in URLs: the whole user-info goes, since user names are often tokens too.
    { pattern: /\/\/[^/\s@:?#]{0,256}:[^/\s@?#]{1,256}@/g, replace: () => `//${REDACTED}@` },
    // name=value where the name looks secret: query params (?api-key=…&sig=…), env assignments, --api-key=….
    // The name starts where a run of name characters starts, so a long kebab-case run is tried once.
    {
        pattern: /(?<![A-Za-z0-9_.-])(-{0,2}[A-Za-z_][A-Za-z0-9_.-]{0,63})=("[^"\n]{0,512}"|'[^'\n]{0,512}'|[^\s&#"';,]+)/g,
        replace: (match, name, value) => (isSecretName(name) && !isAuthScheme(value) ? `${name}=${REDACTED}` : match),
    },
    // name: value (headers such as `api-key: …`, YAML, JSON `"apiKey": "…"`); a space after the colon
    // is required so that ARNs (`…:secret:name`) and URLs keep their shape.
    {
        pattern: /(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]{0,63})("?:[ \t]+)("[^"\n]{0,512}"|'[^'\n]{0,512}'|[^\s&#"';,]+)/g,
        replace: (match, name, colon, value) => (isSecretName(name) && !isAuthScheme(value) ? `${name}${colon}${REDACTED}` : match),
    },
];

/** `Authorization: Bearer …`: the scheme word stays, the Bearer rule already masked the token after it. */
function isAuthScheme(value: string): boolean {
    return /^(Bearer|Basic)$/i.test(value);
}

/** Characters of a base64/hex run: `-` and `_` break runs, so kebab-case names and GUIDs never form one. */
function isRunChar(c: number): boolean {
    return isAlnum(c) || c === 43 /* + */ || c === 47 /* / */ || c === 61; /* = */
}

/**
 * Whether a run of base64/hex characters (≥ 32 long) looks like key material rather than a path or
 * a long word: it has a digit and a letter, and at most one slash per 20 characters (random base64
 * has one per 64 on average; `000000000000/resourceGroups/rg/providers/Microsoft` has one per 10).
 */
function looksLikeKeyMaterial(text: string, from: number, to: number): boolean {
    let digits = 0;
    let letters = 0;
    let slashes = 0;
    for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) {
            digits++;
        } else if (c === 47) {
            slashes++;
        } else if (c !== 43 && c !== 61) {
            letters++;
        }
    }
    return digits > 0 && letters > 0 && slashes * 20 <= to - from;
}

/** Masks long base64/hex runs, except digests after `sha256:`/`sha512:` (content addresses, not secrets). */
function maskLongRuns(text: string): string {
    let out = "";
    let copied = 0;
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
        const inRun = i < text.length && isRunChar(text.charCodeAt(i));
        if (inRun && start < 0) {
            start = i;
        } else if (!inRun && start >= 0) {
            const digest = /sha(256|512):$/i.test(text.slice(Math.max(0, start - 7), start));
            if (i - start >= 32 && !digest && looksLikeKeyMaterial(text, start, i)) {
                out += text.slice(copied, start) + REDACTED;
                copied = i;
            }
            start = -1;
        }
    }
    return copied === 0 ? text : out + text.slice(copied);
}

/** How many of `shapedSecrets` (from the start) have a shape no ordinary word has: keys, tokens, JWTs, user-info. */
const DISTINCTIVE_SHAPES = 6;

/**
 * Masks only values with a shape no name or ordinary word has (`sk-…`, `AKIA…`, `AIza…`, JWTs,
 * `Bearer …`, `user:password@`): the last pass over a finished message, whose values were already
 * redacted where they were shown. Names such as `token-broker` or `oauth-gateway` stay whole.
 *
 * @example
 * maskTokenShapes('Deployment "token-broker": calls with Bearer abc123def456'); // '… "token-broker": calls with Bearer [redacted]'
 */
export function maskTokenShapes(text: string): string {
    let masked = asText(text);
    for (const { pattern, replace } of shapedSecrets.slice(0, DISTINCTIVE_SHAPES)) {
        masked = masked.replace(pattern, replace as (substring: string, ...args: unknown[]) => string);
    }
    return masked;
}

/**
 * Same token masking applied to a whole free text (values, error messages).
 *
 * @example
 * redactText("curl -H 'Authorization: Bearer sk-abc123…' https://api.openai.com"); // "… Bearer [redacted]' …"
 */
export function redactText(text: string): string {
    let masked = asText(text);
    for (const { pattern, replace } of shapedSecrets) {
        masked = masked.replace(pattern, replace as (substring: string, ...args: unknown[]) => string);
    }
    return maskLongRuns(masked);
}
