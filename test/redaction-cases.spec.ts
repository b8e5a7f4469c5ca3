/**
 * More cases of what messages hide and what they keep (`redaction.ts`), beside redaction.spec.ts:
 * setting names at the edge of looking secret, values at the length limit, and the long runs of
 * key material that are masked wherever they appear.
 */
import { isSecretName, maskTokenShapes, REDACTED, redactText, shownHost, shownValue } from "../policypack/redaction";

describe("setting names", () => {
    it.each(["x-auth-url", "openai_auth_endpoint", "key_vault_uri", "AUTH_URL_", "x-auth-host--", "token.hostname", "apiKeyHost"])(
        "treats %j as a location, not a secret",
        (name) => {
            expect(isSecretName(name)).toBe(false);
        },
    );

    it.each(["tokendatabase", "secret_database", "api_keyhost", "AUTH_URL_Z", "auth_url2"])(
        "treats %j as secret: its last word is not a location word on its own",
        (name) => {
            expect(isSecretName(name)).toBe(true);
        },
    );

    it.each(["DB_PASSWORD_LOCALHOST", "AUTH_TOKEN_FIREBASE", "SECRET_DATABASE", "API_KEYHOST"])(
        "treats the all-caps %j as secret: a capital there starts no camelCase word",
        (name) => {
            expect(isSecretName(name)).toBe(true);
        },
    );

    it.each(["AUTH_URL", "authURL", "auth2Url", "OAuthHost"])("still treats %j as a location", (name) => {
        expect(isSecretName(name)).toBe(false);
    });

    it("hides the value of such a setting", () => {
        expect(shownValue("DB_PASSWORD_LOCALHOST", "hunter2")).toBe(REDACTED);
        expect(redactText("export DB_PASSWORD_LOCALHOST=hunter2")).toBe(`export DB_PASSWORD_LOCALHOST=${REDACTED}`);
        expect(shownValue("tokendatabase", "prod")).toBe(REDACTED);
        expect(shownValue("x-auth-url", "https://login.example.com/")).toBe("https://login.example.com/");
    });
});

describe("values shown at the length limit", () => {
    it("shows a value of exactly 160 characters whole, and cuts one of 161", () => {
        const exact = "m".repeat(160);
        expect(shownValue("ARGS", exact)).toBe(exact);
        expect(shownValue("ARGS", `${exact}n`)).toBe(`${"m".repeat(159)}…`);
    });

    it("shows a host of exactly 160 characters whole, and cuts one of 161 from the left", () => {
        const exact = `${"a".repeat(148)}.example.com`;
        expect(shownHost(exact)).toBe(exact);
        expect(shownHost(`b${exact}`)).toBe(`…${exact.slice(1)}`);
    });

    it("shows booleans and big integers as text", () => {
        expect(shownValue("DEBUG", true as unknown as string)).toBe("true");
        expect(shownValue("STREAM", false as unknown as string)).toBe("false");
        expect(shownValue("MAX", BigInt("9007199254740993") as unknown as string)).toBe("9007199254740993");
    });
});

describe("secret settings whose value starts or ends like an authorization scheme", () => {
    it.each([
        ["password: Basic123", `password: ${REDACTED}`],
        ["password: notBasic", `password: ${REDACTED}`],
        ["API_KEY=Bearer42", `API_KEY=${REDACTED}`],
        ["API_KEY=mybearer", `API_KEY=${REDACTED}`],
    ])("masks %j", (text, expected) => {
        expect(redactText(text)).toBe(expected);
    });

    it("keeps the scheme of an authorization header, whose token the Bearer rule masks", () => {
        expect(redactText("Authorization: Bearer 0123456789abcdef")).toBe(`Authorization: Bearer ${REDACTED}`);
        expect(redactText("authorization=basic")).toBe("authorization=basic");
    });
});

describe("long runs of key material", () => {
    // 41 characters: two halves of 20, each too short to be masked on its own.
    const half = "a1b2c3d4e5f6g7h8i9j0";

    it.each([
        ["joined by Z", `${half}Z${half}`],
        ["joined by +", `${half}+${half}`],
        ["joined by /", `${half}/${half}`],
        ["with padding", `${"Q2xpZW50U2VjcmV0MTIzNDU2Nzg5MDE".slice(0, 30)}==`],
    ])("masks a key %s as one run", (_what, key) => {
        expect(redactText(`key ${key} end`)).toBe(`key ${REDACTED} end`);
    });

    it("keeps two ids joined by a character that is not base64", () => {
        const ids = `${half}|${half}`;
        expect(redactText(`ids ${ids}`)).toBe(`ids ${ids}`);
        expect(redactText(`ids ${half}~${half}`)).toBe(`ids ${half}~${half}`);
    });

    it("masks a run whose only digit is 0 or 9", () => {
        expect(redactText(`${"x".repeat(31)}0`)).toBe(REDACTED);
        expect(redactText(`${"x".repeat(31)}9 rest`)).toBe(`${REDACTED} rest`);
    });

    it("keeps a run of 31 characters and masks one of 32", () => {
        expect(redactText(`id ${"ab12".repeat(7)}abc`)).toBe(`id ${"ab12".repeat(7)}abc`);
        expect(redactText(`id ${"ab12".repeat(8)}`)).toBe(`id ${REDACTED}`);
    });

    it("keeps long numbers, signed or padded: no letter, no key", () => {
        for (const text of ["1".repeat(40), `n ${"7".repeat(40)} n`, `+${"4".repeat(40)}`, `${"5".repeat(40)}==`]) {
            expect(redactText(text)).toBe(text);
        }
    });

    it("masks every run in a text, and keeps the words between them", () => {
        const key = `${half}${half}`;
        expect(redactText(`a ${key} b ${key} c`)).toBe(`a ${REDACTED} b ${REDACTED} c`);
        expect(redactText(`${key} b`)).toBe(`${REDACTED} b`);
    });

    it("keeps a digest after sha256: or sha512:, anywhere in a text, but not a key after other words", () => {
        const digest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        expect(redactText(`sha512:${digest}`)).toBe(`sha512:${digest}`);
        expect(redactText(`pulled from a long registry path image@sha256:${digest} ok`)).toBe(
            `pulled from a long registry path image@sha256:${digest} ok`,
        );
        expect(redactText(`sha256:x ${digest}`)).toBe(`sha256:x ${REDACTED}`);
    });
});

describe("the last pass over a finished message", () => {
    it("masks token shapes but keeps names that merely contain secret words", () => {
        expect(maskTokenShapes('Deployment "token-broker": calls with Bearer abc123def456')).toBe(
            `Deployment "token-broker": calls with Bearer ${REDACTED}`,
        );
        expect(maskTokenShapes("OPENAI_API_KEY=letmein")).toBe("OPENAI_API_KEY=letmein");
    });
});
