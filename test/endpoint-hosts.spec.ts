/**
 * The edges of reading a host: what counts as a URL scheme, which bare values look like an
 * endpoint (ports, labels, IPv4, IDN TLDs, lengths), how long a name may be, which hosts of other
 * clouds are named as a known off-Azure service and which are not, configured host entries at
 * their limits, servers beside the client, and gateway URLs written with surrounding whitespace.
 */
import {
    classifyEndpoint,
    endpointHostOf,
    hostPatternError,
    isAzureDnsTarget,
    isLocalHost,
    isOpenAIHostname,
    looksLikeEndpoint,
} from "../policypack/endpoints";

describe("what counts as a URL scheme", () => {
    // A scheme is a letter then letters, digits, `+`, `-` or `.`: the host is then read from the URL as written.
    it.each([
        ["amqp://broker.example.com", "broker.example.com"],
        ["z39.50r://catalog.example.org", "catalog.example.org"],
        ["git+https://github.com/acme/gateway", "github.com"],
        ["chrome-extension://abcdef", "abcdef"],
    ])("reads %j as a URL with host %j", (raw, host) => {
        expect(endpointHostOf(raw)).toBe(host);
    });

    // The proxy is the host called; the Azure URL in its path or query is only text.
    it.each([
        ["gw.example.com/proxy?to=https://acme.openai.azure.com", "gw.example.com"],
        ["cors.example.com/https://acme.openai.azure.com/openai", "cors.example.com"],
        ["proxy.example.com:8080?url=https://acme.openai.azure.com", "proxy.example.com"],
    ])("reads %j as a bare host %j, not as a URL with a scheme", (raw, host) => {
        expect(classifyEndpoint(raw)).toEqual({ host, azureHosted: false, reason: "not-azure" });
        expect(looksLikeEndpoint(raw)).toBe(true);
    });

    it("does not take a prefix starting with a digit for a scheme", () => {
        // `1http` is no scheme, so the value is read as a bare host `1http` with an empty port.
        expect(endpointHostOf("1http://x.io")).toBe("1http");
    });
});

describe("known services off Azure, and their neighbours", () => {
    it("names SageMaker's runtime in the AWS China regions", () => {
        expect(classifyEndpoint("https://runtime.sagemaker.cn-north-1.amazonaws.com.cn/endpoints/x/invocations")).toMatchObject({
            azureHosted: false,
            knownOffAzureService: "Amazon SageMaker",
            knownOffAzureCloud: "aws",
        });
    });

    it.each([
        // Other AWS and OCI services are not model-serving APIs: no service is named for them.
        "https://s3.us-east-1.amazonaws.com/models/weights.bin",
        "https://objectstorage.us-chicago-1.oraclecloud.com/n/ns/b/bucket",
        "https://agent-runtime.generativeai.us-chicago-1.oci.oraclecloud.com/agents",
        "https://inference.us-chicago-1.oci.oraclecloud.com",
    ])("names no known service for %s", (url) => {
        const verdict = classifyEndpoint(url);
        expect(verdict).toMatchObject({ azureHosted: false, reason: "not-azure" });
        expect(verdict.knownOffAzureService).toBeUndefined();
        expect(verdict.knownOffAzureCloud).toBeUndefined();
    });
});

describe("Cloudflare AI Gateway URLs written with surrounding whitespace", () => {
    it.each(["  https://gateway.ai.cloudflare.com/v1/acct/gw/openai  ", "  gateway.ai.cloudflare.com/v1/acct/gw/azure-openai/acme  "])(
        "still reads the upstream of %j",
        (raw) => {
            expect(classifyEndpoint(raw)).toEqual({ host: "gateway.ai.cloudflare.com", azureHosted: true, reason: "gateway-to-azure" });
        },
    );
});

describe("names at their length limits", () => {
    it("reads a DNS target padded up to 1024 characters, and no longer one", () => {
        const target = "edge.azurefd.net";
        expect(isAzureDnsTarget(" ".repeat(1024 - target.length) + target)).toBe(true);
        expect(isAzureDnsTarget(" ".repeat(1025 - target.length) + target)).toBe(false);
    });

    it("trims whitespace around DNS names and targets", () => {
        expect(isAzureDnsTarget("  edge.azurefd.net.  ")).toBe(true);
        expect(isOpenAIHostname("  API.OpenAI.com.  ", ["openai.com"])).toBe(true);
    });

    it("matches no overlong value as an OpenAI hostname, not even the same value", () => {
        const overlong = "a".repeat(2000);
        expect(isOpenAIHostname(overlong, [overlong])).toBe(false);
    });
});

describe("configured host entries at their limits", () => {
    const labels = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61)];

    it("accepts a 253-character host, the longest DNS name", () => {
        expect(hostPatternError(labels.join("."))).toBeUndefined();
    });

    it("rejects a 254-character host, quoting its start", () => {
        const entry = `${labels.join(".")}e`;
        expect(hostPatternError(entry)).toBe(`host entry "${"a".repeat(40)}…" is longer than a DNS name can be`);
    });

    it("says an entry of thousands of characters is too long, not empty", () => {
        expect(hostPatternError("a".repeat(2000))).toBe(`host entry "${"a".repeat(40)}…" is longer than a DNS name can be`);
        expect(hostPatternError("   ")).toBe("a host entry must not be empty");
    });

    it("accepts a bracketed IPv6 address (its colons are not a port)", () => {
        expect(hostPatternError("[fd00::1]")).toBeUndefined();
        expect(isAzureDnsTarget("[fd00::1]", ["[fd00::1]"])).toBe(true);
    });

    it.each(["[zz]", "gw^x.example.com"])("rejects %j as no valid host name", (entry) => {
        expect(hostPatternError(entry)).toBe(`host entry "${entry}" is not a valid host name`);
    });
});

describe("which bare values look like an endpoint", () => {
    it.each([
        "  acme.openai.azure.com  ",
        "gpu09.example.com:8000",
        "192.168.100.200:8000/v1",
        "192.168.255.10:8000",
        "api.example.xn--p1ai",
        `${"a".repeat(63)}.example.com`,
    ])("%j looks like an endpoint", (value) => {
        expect(looksLikeEndpoint(value)).toBe(true);
    });

    it.each([
        ["example.com #comment", "a host followed by a comment"],
        ["ops@", "user-info with no host after it"],
        ["/@acme/config", "a path, even one holding an @"],
        ["[not-an-ip]:8080", "brackets around something that is not an IPv6 address"],
        ["qwen.coder:latest", "a model tag, not a port"],
        ["acme.coder:7b", "a model tag starting with a digit"],
        ["acme.coder:v2", "a model tag ending in a digit"],
        ["10.0.0.256", "an IPv4-like value with a part over 255"],
        ["999.999.999.999", "an IPv4-like value with every part over 255"],
        ["1.2.3.0042", "a version with a zero-padded build number"],
        ["1.2.3.4e1", "a version ending in a label with digits"],
        ["api..example.com", "an empty label"],
        [`${"a".repeat(64)}.example.com`, "a label longer than 63 characters"],
        ["*.example.com", "a wildcard pattern"],
        ["{{.Values.endpoint}}", "an unrendered Helm template"],
        ["api\u007f.example.com", "a control character"],
    ])("%j does not look like an endpoint (%s)", (value) => {
        expect(looksLikeEndpoint(value)).toBe(false);
    });

    it("looks at a URL of up to 8192 characters", () => {
        const base = "https://gw.example.com/";
        expect(looksLikeEndpoint(base + "a".repeat(8192 - base.length))).toBe(true);
        expect(looksLikeEndpoint(base + "a".repeat(8193 - base.length))).toBe(false);
    });
});

describe("servers beside the client", () => {
    it("counts no empty or missing host as local", () => {
        expect(isLocalHost("")).toBe(false);
        expect(isLocalHost(undefined as unknown as string)).toBe(false);
    });
});
