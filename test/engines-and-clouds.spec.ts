/**
 * The two facts every serving verdict starts from: the engine a process runs (by its command word,
 * its image, a flag only a model server takes) and the cloud a resource's provider package puts it
 * on. A wrong answer here is a serving verdict missed, or a false block.
 */
import { cloudName, packageOf, placementOf } from "../policypack/clouds";
import { engineCommandNeedles, engineOfImage, engineOfWord, mentionsEngineCommand, takesPositionalModel } from "../policypack/engines";

describe("the engine a command word starts", () => {
    it.each([
        ["vllm", "vLLM"],
        ["/usr/local/bin/vllm", "vLLM"],
        ["VLLM", "vLLM"],
        ["vllm.entrypoints.openai.api_server", "vLLM"],
        ["text-generation-launcher", "Text Generation Inference"],
        ["sglang.launch_server", "SGLang"],
        ["ollama", "Ollama"],
        ["tritonserver", "Triton Inference Server"],
        ["llama-server", "llama.cpp server"],
        ["trtllm-serve", "TensorRT-LLM"],
        ["llamafile", "llamafile"],
    ])("%s starts %s", (word, engine) => {
        expect(engineOfWord(word)).toBe(engine);
    });

    it.each(["", "python", "vllm-metrics", "serve", "x".repeat(201), `/opt/${"d/".repeat(100)}vllm`])("%j starts no engine", (word) => {
        expect(engineOfWord(word)).toBeUndefined();
    });
});

describe("the engine an image ships", () => {
    it.each([
        ["vllm/vllm-openai:v0.6.4", "vLLM"],
        ["docker.io/vllm/vllm-openai@sha256:abc", "vLLM"],
        ["ghcr.io/huggingface/text-generation-inference:2.4", "Text Generation Inference"],
        ["763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.3", "Text Generation Inference"],
        ["lmsysorg/sglang:latest", "SGLang"],
        ["OLLAMA/OLLAMA", "Ollama"],
        ["nvcr.io/nvidia/tritonserver:24.08-trtllm-python-py3", "Triton Inference Server"],
        ["ghcr.io/ggerganov/llama.cpp:server", "llama.cpp server"],
        ["michaelf34/infinity:latest", "Infinity"],
    ])("%s ships %s", (image, engine) => {
        expect(engineOfImage(image)).toBe(engine);
    });

    it.each(["", "nginx:1.27", "registry.example.com:5000/team/api:vllm", `${"a/".repeat(250)}vllm`])("%j ships no engine", (image) => {
        expect(engineOfImage(image)).toBeUndefined();
    });
});

describe("a text that starts an engine", () => {
    it.each([
        "vllm serve gpt-4o",
        "pip install -U vllm && python -m vllm.entrypoints.openai.api_server --model gpt-4o",
        "exec /usr/bin/ollama serve",
        "python3 -m sglang.launch_server --model-path /models/x",
        "my-server --served-model-name gpt-4o",
        "my-server --served_model_name=gpt-4o",
        "docker run -d --gpus all vllm/vllm-openai --model gpt-4o",
        "podman create ghcr.io/huggingface/text-generation-inference",
        "'vllm' 'serve' 'gpt-4o'",
        "a;vllm serve x",
    ])("%j does", (text) => {
        expect(mentionsEngineCommand(text)).toBe(true);
    });

    it.each([
        "vllm-metrics-bucket",
        "echo deploying the vllm-openai image",
        "docker pull vllm/vllm-openai",
        "docker ps\nrun vllm/vllm-openai-tests",
        "docker run -d nginx",
        "podman run busybox --served",
        "",
    ])("%j does not", (text) => {
        expect(mentionsEngineCommand(text)).toBe(false);
    });

    it("looks for every command word, the serving flag and each container CLI, in any case, with one expression", () => {
        const { needles, expression } = engineCommandNeedles();
        // The expression's alternatives are the needles, no more and no fewer.
        const alternatives = expression.source.split("|").map((alternative) => alternative.replace(/\\\./g, "."));
        expect([...alternatives].sort()).toEqual([...needles].sort());
        expect(expression.flags).toBe("i");
        for (const needle of needles) {
            expect(expression.test(`x ${needle.toUpperCase()} y`)).toBe(true);
        }
        expect(needles).toEqual(expect.arrayContaining(["vllm", "tritonserver", "--served", "docker", "podman", "nerdctl"]));
    });
});

describe("a model given as a positional argument", () => {
    it.each([
        [["vllm", "serve"], true],
        [["/usr/bin/vllm", "serve"], true],
        [["ollama", "run"], true],
        [["ollama", "pull"], true],
        [["trtllm-serve"], true],
        [["lmdeploy", "serve", "api_server"], true],
        [["vllm"], false],
        [["ollama", "serve"], false],
        [["serve"], false],
        [["lmdeploy", "serve"], false],
        [["python", "serve", "api_server"], false],
        [[], false],
    ])("after %j: %s", (previous, takes) => {
        expect(takesPositionalModel(previous)).toBe(takes);
    });
});

describe("the cloud a provider package puts a resource on", () => {
    it.each([
        ["azure-native:app:ContainerApp", { kind: "cloud", cloud: "azure" }],
        ["azure:containerservice/kubernetesCluster:KubernetesCluster", { kind: "cloud", cloud: "azure" }],
        ["azuread:index/application:Application", { kind: "none" }],
        ["aws:ecs/service:Service", { kind: "cloud", cloud: "aws" }],
        ["aws-native:bedrock:Agent", { kind: "cloud", cloud: "aws" }],
        ["awsx:ecs:FargateService", { kind: "cloud", cloud: "aws" }],
        ["eks:index:Cluster", { kind: "cloud", cloud: "aws" }],
        ["gcp:compute/instance:Instance", { kind: "cloud", cloud: "gcp" }],
        ["google-native:compute/v1:Instance", { kind: "cloud", cloud: "gcp" }],
        ["oci:GenerativeAi/dedicatedAiCluster:DedicatedAiCluster", { kind: "cloud", cloud: "oci" }],
        ["alicloud:pai/service:Service", { kind: "cloud", cloud: "alibaba" }],
        ["digitalocean:index/droplet:Droplet", { kind: "cloud", cloud: "digitalocean" }],
        ["cloudflare:index/workersScript:WorkersScript", { kind: "cloud", cloud: "cloudflare" }],
        ["ibm:index/isInstance:IsInstance", { kind: "cloud", cloud: "ibm" }],
        ["hcloud:index/server:Server", { kind: "cloud", cloud: "hetzner" }],
        ["linode:index/instance:Instance", { kind: "cloud", cloud: "linode" }],
        ["vultr:index/instance:Instance", { kind: "cloud", cloud: "vultr" }],
        ["docker:index/container:Container", { kind: "docker-host" }],
        ["kubernetes:apps/v1:Deployment", { kind: "cluster" }],
        ["helm:index:Release", { kind: "cluster" }],
        ["command:remote:Command", { kind: "remote-machine" }],
        ["command:local:Command", { kind: "local-machine" }],
        ["command:index:Something", { kind: "none" }],
        ["pulumi:pulumi:Stack", { kind: "none" }],
        ["pulumi:providers:aws", { kind: "none" }],
        ["random:index/randomId:RandomId", { kind: "none" }],
        ["docker-build:index:Image", { kind: "none" }],
        ["tls:index/privateKey:PrivateKey", { kind: "none" }],
        ["cloudinit:index:Config", { kind: "none" }],
        ["acmecloud:gpu/server:Server", { kind: "cloud", cloud: "other" }],
        ["", { kind: "cloud", cloud: "other" }],
    ])("%s", (type, placement) => {
        expect(placementOf(type)).toEqual(placement);
    });

    it("names a provider resource's package by its third segment", () => {
        expect(packageOf("pulumi:providers:kubernetes")).toBe("kubernetes");
        expect(packageOf("pulumi:providers")).toBe("pulumi");
        expect(packageOf("pulumi:pulumi:Stack")).toBe("pulumi");
        expect(packageOf("acme:providers:thing")).toBe("acme");
        expect(packageOf("aws:s3/bucket:Bucket")).toBe("aws");
        expect(packageOf("")).toBe("");
    });

    it.each([
        ["azure", "Azure"],
        ["aws", "AWS"],
        ["gcp", "Google Cloud"],
        ["oci", "Oracle Cloud"],
        ["linode", "Akamai Cloud (Linode)"],
        ["other", "a cloud other than Azure"],
        ["unknown", "an unknown cloud"],
    ] as const)("calls %s %s in messages", (cloud, name) => {
        expect(cloudName(cloud)).toBe(name);
    });
});
