/**
 * The tables behind every endpoint judgement, row by row: the Azure AI domains a client may call,
 * the Azure fronts a DNS record may point at, the OpenAI-compatible APIs known to be off Azure,
 * hosted gateways judged by their upstream, servers beside the client, the clouds a DNS target's
 * name says, and the file names that are not hosts. A row lost is a false block or a miss.
 */
import {
    classifyEndpoint,
    cloudOfTarget,
    isAzureDnsTarget,
    isAzureNameServer,
    isLocalHost,
    looksLikeEndpoint,
} from "../policypack/endpoints";

describe("Azure-hosted endpoints", () => {
    it.each([
        ["https://acme.openai.azure.com/openai/v1", "azure-ai-host"],
        ["https://acme.cognitiveservices.azure.com", "azure-ai-host"],
        ["https://acme.services.ai.azure.com/models", "azure-ai-host"],
        ["https://x.eastus.inference.ai.azure.com", "azure-ai-host"],
        ["https://x.eastus.inference.ml.azure.com/score", "azure-ai-host"],
        ["https://x.models.ai.azure.com", "azure-ai-host"],
        ["https://apim.azure-api.net/openai", "azure-ai-host"],
        ["https://westus.api.cognitive.microsoft.com", "azure-ai-host"],
        ["https://gov.openai.azure.us", "azure-ai-host"],
        ["https://gov.cognitiveservices.azure.us", "azure-ai-host"],
        ["https://cn.openai.azure.cn", "azure-ai-host"],
        ["https://cn.cognitiveservices.azure.cn", "azure-ai-host"],
        ["https://api.openai.com/v1", "openai-api"],
        ["https://eu.api.openai.com/v1", "openai-api"],
        ["https://gateway.ai.cloudflare.com/v1/acct/gw/azure-openai/acme/gpt-4o", "gateway-to-azure"],
        ["gateway.ai.cloudflare.com/v1/acct/gw/openai", "gateway-to-azure"],
    ])("%s is Azure-hosted (%s)", (url, reason) => {
        expect(classifyEndpoint(url)).toMatchObject({ azureHosted: true, reason });
    });

    it.each([
        ["https://acme.azurewebsites.net/v1", undefined],
        ["https://gateway.ai.cloudflare.com/v1/acct/gw/anthropic", undefined],
        ["https://gateway.ai.cloudflare.com/v1/acct", undefined],
        ["https://notopenai.azure.com.evil.io", undefined],
        ["https://bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke", "Amazon Bedrock"],
        ["https://bedrock-mantle.us-east-1.api.aws/v1", "Amazon Bedrock"],
        ["https://bedrock-runtime.cn-north-1.amazonaws.com.cn", "Amazon Bedrock"],
        ["https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/x", "Amazon SageMaker"],
        ["https://us-central1-aiplatform.googleapis.com/v1/projects/p", "Google Vertex AI"],
        ["https://aiplatform.googleapis.com/v1", "Google Vertex AI"],
        ["https://inference.generativeai.us-chicago-1.oci.oraclecloud.com", "OCI Generative AI"],
        ["https://bedrock.example.com", undefined],
        ["https://runtime.sagemaker.example.com", undefined],
        ["https://us-central1-aiplatform.example.com", undefined],
    ])("%s is not Azure-hosted (a known service: %s)", (url, service) => {
        const verdict = classifyEndpoint(url);
        expect(verdict).toMatchObject({ azureHosted: false, reason: "not-azure" });
        expect(verdict.knownOffAzureService).toBe(service);
    });

    it("says when a value holds no host, and trusts hosts the config adds", () => {
        expect(classifyEndpoint("")).toEqual({ host: undefined, azureHosted: false, reason: "unparseable" });
        expect(classifyEndpoint("https://llm.example.net/v1", ["llm.example.net"])).toMatchObject({
            azureHosted: true,
            reason: "allow-listed",
        });
        expect(classifyEndpoint("https://a.llm.example.net/v1", ["*.llm.example.net"])).toMatchObject({ azureHosted: true });
        expect(classifyEndpoint("https://llm.example.net/v1", ["*.llm.example.net"])).toMatchObject({ azureHosted: false });
    });
});

describe("DNS targets", () => {
    it.each([
        "front.azurefd.net",
        "cdn.azureedge.net",
        "app.azurewebsites.net.",
        "vm.westeurope.cloudapp.azure.com",
        "legacy.cloudapp.net",
        "tm.trafficmanager.net",
        "app.azurecontainerapps.io",
        "apim.azure-api.net",
        "site.azurestaticapps.net",
        "acct.z13.web.core.windows.net",
        "app.azurewebsites.us",
        "vm.cloudapp.usgovcloudapi.net",
        "tm.usgovtrafficmanager.net",
        "acme.openai.azure.com",
    ])("%s is an Azure target", (target) => {
        expect(isAzureDnsTarget(target)).toBe(true);
    });

    it.each(["azurefd.net", "d1.cloudfront.net", "203.0.113.4", "", "azurefd.net.evil.io"])("%j is not", (target) => {
        expect(isAzureDnsTarget(target)).toBe(false);
    });

    it("takes configured targets as given, an exact IP included", () => {
        expect(isAzureDnsTarget("203.0.113.4", ["203.0.113.4"])).toBe(true);
        expect(isAzureDnsTarget("edge.example.net", ["*.example.net"])).toBe(true);
    });

    it.each(["ns1-01.azure-dns.com.", "ns2-01.azure-dns.net", "ns3-01.azure-dns.org", "ns4-01.azure-dns.info"])(
        "%s is an Azure name server",
        (ns) => {
            expect(isAzureNameServer(ns)).toBe(true);
        },
    );

    it("is not an Azure name server by a look-alike", () => {
        expect(isAzureNameServer("azure-dns.com")).toBe(false);
        expect(isAzureNameServer("ns1.awsdns-01.org")).toBe(false);
    });

    it.each([
        ["d1.cloudfront.net", "aws"],
        ["x.s3.amazonaws.com", "aws"],
        ["a1.awsglobalaccelerator.com", "aws"],
        ["x.amazonaws.com.cn", "aws"],
        ["x.on.api.aws", "aws"],
        ["ghs.googlehosted.com", "gcp"],
        ["x.googleusercontent.com", "gcp"],
        ["svc-abc.a.run.app", "gcp"],
        ["p.appspot.com", "gcp"],
        ["p.web.app", "gcp"],
        ["p.firebaseapp.com", "gcp"],
        ["x.oraclecloud.com", "oci"],
        ["x.aliyuncs.com", "alibaba"],
        ["x.digitaloceanspaces.com", "digitalocean"],
        ["x.ondigitalocean.app", "digitalocean"],
        ["x.workers.dev", "cloudflare"],
        ["x.pages.dev", "cloudflare"],
        ["x.cdn.cloudflare.net", "cloudflare"],
        ["x.example.com", undefined],
    ])("%s is on %s", (target, cloud) => {
        expect(cloudOfTarget(target)).toBe(cloud);
    });
});

describe("servers beside the client", () => {
    it.each([
        "vllm",
        "vllm.inference.svc",
        "vllm.inference.svc.cluster.local",
        "localhost",
        "127.0.0.1",
        "127.1.2.3",
        "[::1]",
        "api.localhost",
    ])("%s is beside the client", (host) => {
        expect(isLocalHost(host)).toBe(true);
    });

    it.each(["", "api.openai.com", "[2001:db8::1]", "10.0.0.5", "svc.example.com", "localhost.example.com"])("%j is not", (host) => {
        expect(isLocalHost(host)).toBe(false);
    });
});

describe("what looks like an endpoint", () => {
    it.each([
        "https://x.example.net",
        "wss://x.example.net/realtime",
        "grpc://x:50051",
        "grpcs://x.example.net",
        "h2c://x:8080",
        "http://[not parsed",
        "acme.openai.azure.com:443",
        "x.example.net/v1?x=1#y",
        "user:pass@x.example.net",
        "[2001:db8::1]:8000",
        "localhost:8000",
        "10.0.0.5",
        "xn--bcher-kva.example",
        "bücher.example",
    ])("%j does", (value) => {
        expect(looksLikeEndpoint(value)).toBe(true);
    });

    it.each([
        "",
        "ftp://x.example.net",
        "s3://bucket/key",
        "gpt-4.1",
        "v1.2",
        "us.openai.gpt-5-v1:0",
        "model.pt",
        "config.json",
        "weights.safetensors",
        "run.sh",
        "a b.example.net",
        "[2001:db8::1",
        "x".repeat(3000) + ".example.net",
        "single",
        "under_score.example.net",
    ])("%j does not", (value) => {
        expect(looksLikeEndpoint(value)).toBe(false);
    });
});
