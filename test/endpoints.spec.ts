import {
    classifyEndpoint,
    endpointHostOf,
    hostPatternError,
    isAzureDnsTarget,
    isOpenAIHostname,
    looksLikeEndpoint,
} from "../policypack/endpoints";
import { megabytes } from "./support/sizes";

describe("endpointHostOf", () => {
    it.each([
        ["https://acme.openai.azure.com/openai/deployments/gpt-4o", "acme.openai.azure.com"],
        ["acme.openai.azure.com", "acme.openai.azure.com"],
        ["acme.openai.azure.com:443/openai/v1", "acme.openai.azure.com"],
        ["HTTPS://Acme.OpenAI.Azure.COM./v1", "acme.openai.azure.com"],
        ["  https://api.openai.com/v1  ", "api.openai.com"],
        ["a.openai.azure.com@evil.io", "evil.io"],
        ["https://a.openai.azure.com@evil.io/v1", "evil.io"],
        ["https://user:pw@acme.openai.azure.com/", "acme.openai.azure.com"],
        ["evil.io/?u=x.openai.azure.com", "evil.io"],
        ["https://münchen.example/v1", "xn--mnchen-3ya.example"],
        ["http://10.0.0.12:8000/v1", "10.0.0.12"],
        ["http://[::1]:8080/v1", "[::1]"],
        ["grpc://inference.internal:50051", "inference.internal"],
    ])("reads the host of %j as %j", (raw, host) => {
        expect(endpointHostOf(raw)).toBe(host);
    });

    // Parsers disagree on backslashes and inner whitespace, so no host of such a URL is trusted.
    it.each([
        "",
        "   ",
        "https://",
        "http://exa mple.com",
        "file:///etc/hosts",
        "https://evil.io\\@acme.openai.azure.com",
        "https://acme.openai.azure.com\\@evil.io",
        "https://evil.io/v 1",
    ])("finds no host in %j", (raw) => {
        expect(endpointHostOf(raw)).toBeUndefined();
    });

    it("returns undefined for non-strings", () => {
        expect(endpointHostOf(undefined as unknown as string)).toBeUndefined();
        expect(endpointHostOf(42 as unknown as string)).toBeUndefined();
    });
});

describe("classifyEndpoint", () => {
    it.each([
        "https://acme.openai.azure.com/openai/v1",
        "https://acme.cognitiveservices.azure.com/",
        "https://acme.services.ai.azure.com/models",
        "https://models.inference.ai.azure.com",
        "https://scoring.eastus.inference.ml.azure.com/score",
        "https://acme-apim.azure-api.net/openai",
        "https://eastus.api.cognitive.microsoft.com/",
        "https://acme.openai.azure.us/",
        "openai.azure.com",
    ])("counts %s as an Azure AI host", (raw) => {
        expect(classifyEndpoint(raw)).toMatchObject({ azureHosted: true, reason: "azure-ai-host" });
    });

    it("counts OpenAI's own API as Azure-hosted (clause 5)", () => {
        expect(classifyEndpoint("https://api.openai.com/v1")).toEqual({ host: "api.openai.com", azureHosted: true, reason: "openai-api" });
    });

    it("counts OpenAI's EU data-residency API as OpenAI's API", () => {
        expect(classifyEndpoint("https://eu.api.openai.com/v1").reason).toBe("openai-api");
    });

    it.each([
        ["https://acme.openai.azure.com.evil.io/v1", "acme.openai.azure.com.evil.io"],
        ["https://evil.io/?u=acme.openai.azure.com", "evil.io"],
        ["acme.openai.azure.com@evil.io", "evil.io"],
        ["https://notopenai.azure.com/", "notopenai.azure.com"],
        ["https://api.openai.com.evil.io/v1", "api.openai.com.evil.io"],
        ["https://acme.azurewebsites.net/v1", "acme.azurewebsites.net"],
        ["https://openai.com/", "openai.com"],
    ])("does not count %s as Azure", (raw, host) => {
        expect(classifyEndpoint(raw)).toEqual({ host, azureHosted: false, reason: "not-azure" });
    });

    it("names Amazon Bedrock's OpenAI-compatible runtime API", () => {
        expect(classifyEndpoint("https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1")).toEqual({
            host: "bedrock-runtime.us-west-2.amazonaws.com",
            azureHosted: false,
            reason: "not-azure",
            knownOffAzureService: "Amazon Bedrock",
            knownOffAzureCloud: "aws",
        });
    });

    it("names Amazon Bedrock's mantle API on api.aws", () => {
        expect(classifyEndpoint("https://bedrock-mantle.us-east-1.api.aws/v1").knownOffAzureService).toBe("Amazon Bedrock");
    });

    it("names Google Vertex AI's regional and global endpoints", () => {
        expect(
            classifyEndpoint("https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/endpoints/openapi")
                .knownOffAzureService,
        ).toBe("Google Vertex AI");
        expect(classifyEndpoint("https://aiplatform.googleapis.com/v1").knownOffAzureService).toBe("Google Vertex AI");
    });

    it("names no service for an ordinary host", () => {
        expect(classifyEndpoint("https://llm.example.com/v1").knownOffAzureService).toBeUndefined();
        expect(classifyEndpoint("https://storage.googleapis.com/").knownOffAzureService).toBeUndefined();
    });

    it("allow-lists configured exact hosts and *.suffix entries", () => {
        const extra = ["llm-gw.internal.example.com", "*.azure-gw.example.com"];
        expect(classifyEndpoint("https://LLM-GW.internal.example.com/v1", extra).reason).toBe("allow-listed");
        expect(classifyEndpoint("https://eu.azure-gw.example.com/v1", extra)).toMatchObject({ azureHosted: true, reason: "allow-listed" });
        expect(classifyEndpoint("https://azure-gw.example.com/v1", extra).reason).toBe("not-azure");
        expect(classifyEndpoint("https://other.internal.example.com/v1", extra).reason).toBe("not-azure");
        expect(classifyEndpoint("https://evilazure-gw.example.com/v1", extra).reason).toBe("not-azure");
    });

    it("ignores invalid allow-list entries", () => {
        expect(classifyEndpoint("https://x.example.com", ["*", "https://x.example.com/", 5 as unknown as string]).reason).toBe("not-azure");
        expect(classifyEndpoint("https://x.example.com", "x.example.com" as unknown as string[]).reason).toBe("not-azure");
    });

    it("reports an unparseable endpoint", () => {
        expect(classifyEndpoint("https://")).toEqual({ host: undefined, azureHosted: false, reason: "unparseable" });
        expect(classifyEndpoint(null as unknown as string).reason).toBe("unparseable");
    });
});

describe("isAzureDnsTarget", () => {
    it.each([
        "openai-api-e7fgh.z01.azurefd.net.",
        "acme.azureedge.net",
        "acme-app.azurewebsites.net",
        "acme.eastus.cloudapp.azure.com",
        "legacy.cloudapp.net",
        "acme.trafficmanager.net",
        "api.happyhill-1234.eastus.azurecontainerapps.io",
        "acme.azure-api.net",
        "nice-sea-1234.azurestaticapps.net",
        "acme.openai.azure.com",
        "acmesite.z13.web.core.windows.net",
        "ACME.AZUREFD.NET",
    ])("counts %s as an Azure target", (target) => {
        expect(isAzureDnsTarget(target)).toBe(true);
    });

    it.each([
        "d111111abcdef8.cloudfront.net",
        "acme.azurefd.net.evil.io",
        "azurefd.net",
        "notazurefd.net",
        "ghs.googlehosted.com",
        "20.42.0.1",
        "[2603:1030::1]",
        "",
    ])("does not count %j as an Azure target", (target) => {
        expect(isAzureDnsTarget(target)).toBe(false);
    });

    it("returns false for non-strings", () => {
        expect(isAzureDnsTarget(undefined as unknown as string)).toBe(false);
    });
});

describe("isOpenAIHostname", () => {
    const hostnames = ["api.openai.com", "openai.com", "chatgpt.com", "sora.com"];

    it.each([
        "api.openai.com",
        "API.OpenAI.com.",
        "openai.com",
        "files.oaiusercontent.openai.com",
        "chatgpt.com",
        "ab.chatgpt.com",
        "sora.com",
    ])("recognises %s", (name) => {
        expect(isOpenAIHostname(name, hostnames)).toBe(true);
    });

    it.each(["notopenai.com", "openai.com.evil.io", "chatgpt.co", "example.com", ""])("does not recognise %j", (name) => {
        expect(isOpenAIHostname(name, hostnames)).toBe(false);
    });

    it("tolerates odd configuration", () => {
        expect(isOpenAIHostname("api.openai.com", ["", "OPENAI.COM."])).toBe(true);
        expect(isOpenAIHostname("api.openai.com", undefined as unknown as string[])).toBe(false);
        expect(isOpenAIHostname(7 as unknown as string, hostnames)).toBe(false);
    });
});

describe("hostPatternError", () => {
    it.each(["llm-gw.internal.example.com", "*.gw.example.com", "LLM.Example.COM.", "10.0.0.5", "bücher.example"])(
        "accepts %s",
        (entry) => {
            expect(hostPatternError(entry)).toBeUndefined();
        },
    );

    it.each([
        ["", "empty"],
        ["https://gw.example.com/v1", "not a URL"],
        ["gw.example.com/v1", "not a URL"],
        ["gw.example.com:8443", "port"],
        ["*", "leading"],
        ["gw.*.example.com", "leading"],
        ["*.com", "top-level"],
        ["gw example.com", "not a URL"],
    ])("rejects %j", (entry, message) => {
        expect(hostPatternError(entry)).toContain(message);
    });

    it("rejects a non-string", () => {
        expect(hostPatternError({} as unknown as string)).toContain("string");
    });
});

describe("looksLikeEndpoint", () => {
    it.each([
        "https://acme.openai.azure.com/openai/v1",
        "http://localhost:8000/v1",
        "wss://realtime.example.com",
        "acme.openai.azure.com",
        "acme.openai.azure.com:443/v1",
        "10.0.0.12:8000",
        "localhost:11434",
        "[::1]:8080",
        "api.example.pt",
    ])("picks %s as an endpoint", (value) => {
        expect(looksLikeEndpoint(value)).toBe(true);
    });

    it.each([
        "gpt-4o",
        "gpt-4.1",
        "us.openai.gpt-5-v1:0",
        "openai.gpt-oss-120b-1:0",
        "s3://bucket/models/gpt-4o",
        "gs://bucket/model",
        "model.safetensors",
        "config.json",
        "3.14",
        "v1.2.3",
        "two words.com",
        "",
    ])("does not pick %j", (value) => {
        expect(looksLikeEndpoint(value)).toBe(false);
    });

    it("returns false for non-strings", () => {
        expect(looksLikeEndpoint(["https://x.example.com"] as unknown as string)).toBe(false);
    });
});

describe("on 10 MB of adversarial input", () => {
    // Time on such input is measured by `npm run bench` (hostile inputs), not asserted here.
    it("never throws and finds no host, target or name in it", () => {
        for (const unit of [".", "a.", "a@", "https://", "[", "*."]) {
            const text = unit.repeat(Math.ceil(megabytes(10) / unit.length));
            expect(classifyEndpoint(text, ["*.example.com"]).azureHosted).toBe(false);
            expect(looksLikeEndpoint(text)).toBe(false);
            expect(isAzureDnsTarget(text)).toBe(false);
            expect(isOpenAIHostname(text, ["openai.com"])).toBe(false);
            expect(hostPatternError(text)).toBeDefined();
        }
    });
});
