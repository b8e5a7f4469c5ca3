import { isSecretName, REDACTED, redactText, shownHost, shownValue } from "../policypack/redaction";
import { judge } from "../policypack/registry";
import { messageOf } from "../policypack/render";
import { defaultSettings } from "../policypack/settings";
import { view } from "./support/views";
import { megabytes } from "./support/sizes";

describe("isSecretName", () => {
    it.each([
        "OPENAI_API_KEY",
        "AZURE_OPENAI_API_KEY",
        "apiKey",
        "x-api-key",
        "HF_TOKEN",
        "client_secret",
        "DB_PASSWORD",
        "MYSQL_PASSWD",
        "GOOGLE_APPLICATION_CREDENTIALS",
        "Authorization",
        "private_key_pem",
    ])("treats %s as secret", (name) => {
        expect(isSecretName(name)).toBe(true);
    });

    it.each([
        "OPENAI_BASE_URL",
        "MODEL",
        "SERVED_MODEL_NAME",
        "--model",
        "AUTH_URL",
        "authEndpoint",
        "KEY_VAULT_URI",
        "TOKEN_HOST",
        "",
        "region",
    ])("does not treat %j as secret", (name) => {
        expect(isSecretName(name)).toBe(false);
    });

    it("does not treat a non-string as secret", () => {
        expect(isSecretName(undefined as unknown as string)).toBe(false);
    });
});

describe("shownValue", () => {
    it("hides the whole value of a secret-looking setting", () => {
        expect(shownValue("OPENAI_API_KEY", "not-obviously-a-key")).toBe(REDACTED);
        expect(shownValue("apiKey", "")).toBe(REDACTED);
    });

    it("shows an ordinary setting as it is", () => {
        expect(shownValue("MODEL", "gpt-4o")).toBe("gpt-4o");
        expect(shownValue(undefined, "https://acme.openai.azure.com/openai/v1")).toBe("https://acme.openai.azure.com/openai/v1");
    });

    it("masks a key in an endpoint's query string but keeps the host", () => {
        expect(shownValue("OPENAI_BASE_URL", "https://acme.openai.azure.com/openai?api-key=0123abcd&api-version=2024-10-21")).toBe(
            `https://acme.openai.azure.com/openai?api-key=${REDACTED}&api-version=2024-10-21`,
        );
    });

    it("masks user info in a URL", () => {
        expect(shownValue("PROXY", "https://bob:hunter2@proxy.example.com:8080")).toBe(`https://${REDACTED}@proxy.example.com:8080`);
    });

    it("cuts long values to 160 characters, after masking", () => {
        const long = "gpt-4o ".repeat(40);
        const shown = shownValue("ARGS", long);
        expect(shown).toHaveLength(160);
        expect(shown.endsWith("…")).toBe(true);
        const keyAtTheCut = "x".repeat(150) + " sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";
        expect(shownValue("ARGS", keyAtTheCut)).not.toContain("sk-proj-ab");
    });

    it("shows non-string values safely", () => {
        expect(shownValue("PORT", 8000 as unknown as string)).toBe("8000");
        expect(shownValue("X", { a: 1 } as unknown as string)).toBe("");
    });
});

describe("redactText", () => {
    it.each([
        ["an OpenAI project key", "key sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789_-ab used", `key ${REDACTED} used`],
        ["an OpenAI legacy key", "sk-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGh", REDACTED],
        [
            "a bearer token",
            "Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl",
            `Authorization: Bearer ${REDACTED}`,
        ],
        [
            "a JWT on its own",
            "token=x id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            `token=${REDACTED} id ${REDACTED}`,
        ],
        ["an AWS access key id", "AKIAIOSFODNN7EXAMPLE in use", `${REDACTED} in use`],
        ["an AWS secret key", "secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", `secret ${REDACTED}`],
        ["an Azure key (32 hex)", "key: 0123456789abcdef0123456789abcdef", `key: ${REDACTED}`],
        ["a Google API key", "AIzaSyA-1234567890abcdefghijklmnopqrstu", REDACTED],
        ["a GitHub token", "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", `ghp_${REDACTED}`],
        ["an env assignment", "export OPENAI_API_KEY=abc && run", `export OPENAI_API_KEY=${REDACTED} && run`],
        ["a quoted env assignment", 'export OPENAI_API_KEY="abc def" && run', `export OPENAI_API_KEY=${REDACTED} && run`],
        ["a command-line flag", "vllm serve x --api-key=letmein --port 8000", `vllm serve x --api-key=${REDACTED} --port 8000`],
        ["an Azure api-key header", "-H 'api-key: letmein123'", `-H 'api-key: ${REDACTED}'`],
        ["a JSON secret field", '{"clientSecret": "abc"}', `{"clientSecret": ${REDACTED}}`],
        [
            "a SAS signature",
            "https://acct.blob.core.windows.net/c?sv=2022&sig=AbC%2Bdef&se=2026",
            `https://acct.blob.core.windows.net/c?sv=2022&sig=AbC%2Bdef&se=2026`,
        ],
    ])("masks %s", (_what, text, expected) => {
        expect(redactText(text)).toBe(expected);
    });

    it.each([
        "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.openai.gpt-5-v1:0",
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acme",
        "https://acme.openai.azure.com/openai/deployments/gpt-4o-mini-2024-07-18/chat/completions",
        "image@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "/mnt/models/llama3/checkpoints/epoch10/weights",
        "MAX_TOKENS_PER_MINUTE_SETTING_DESCRIPTION",
        "Bearer authentication is required",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/openai-AbCdEf",
        "The basic configuration uses many tokens",
    ])("leaves %j readable", (text) => {
        expect(redactText(text)).toBe(text);
    });

    it("errs on the safe side for prose shaped like a secret setting", () => {
        expect(redactText("password: hunter2")).toBe(`password: ${REDACTED}`);
    });

    it("returns an empty string for non-strings", () => {
        expect(redactText(undefined as unknown as string)).toBe("");
        expect(redactText(null as unknown as string)).toBe("");
    });

    // Time on such input is measured by `npm run bench` (hostile inputs), not asserted here.
    it("masks 10 MB of adversarial text without overflowing the stack, and shows at most 160 characters", () => {
        for (const unit of ["sk-", "a", "a-", 'key="', "Bearer ", "//a:", "Ab1+", "eyJaaaaaaaaaa.", "=", "api-key: "]) {
            const text = unit.repeat(Math.ceil(megabytes(10) / unit.length));
            expect(shownValue("X", text).length).toBeLessThanOrEqual(160);
        }
    });
});

describe("messages keep ordinary words", () => {
    const settings = defaultSettings;

    it.each(["token-broker", "oauth-gateway", "secret-santa-bot"])("keeps a resource called %s and the words after its name", (name) => {
        const lambda = view("aws:lambda/function:Function", name, {
            environment: {
                variables: {
                    OPENAI_BASE_URL: "https://llm.example.net/v1",
                    OPENAI_MODEL: "gpt-4o",
                    OPENAI_API_KEY: "sk-proj-KEEPOUT1234567890abcdef",
                },
            },
        });
        const [verdict] = judge(lambda, settings);
        const message = messageOf(verdict);
        expect(message).toContain(`"${name}": it is a client of the OpenAI proprietary model gpt-4o (GPT)`);
        expect(message).not.toContain("KEEPOUT");
    });

    it("cuts a long host from the left, so the end that decides where it is stays", () => {
        const host = `${"a".repeat(300)}.openai.azure.com.evil.io`;
        const shown = shownHost(host);
        expect(shown.startsWith("…")).toBe(true);
        expect(shown.endsWith(".openai.azure.com.evil.io")).toBe(true);
        expect(shown.length).toBeLessThanOrEqual(160);
    });

    it("shows the value of a flag, not the flag, as a command line's evidence", () => {
        const deployment = view("gcp:cloudrunv2/service:Service", "o3", {
            template: { containers: [{ image: "vllm/vllm-openai", args: ["--served-model-name", "o3", "--port", "8000"] }] },
        });
        expect(judge(deployment, settings)[0].evidence).toEqual([{ path: "template.containers[0].args[1]", shown: "o3" }]);
    });

    it("shows a tag list's key beside its value", () => {
        const service = view("aws:ecs/service:Service", "frontier", { tags: [{ key: "openai:product", value: "frontier" }] });
        expect(judge(service, settings)[0].evidence).toEqual([{ path: "tags[0] (openai:product)", shown: "frontier" }]);
    });
});
