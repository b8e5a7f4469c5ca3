// A serving engine started anywhere in a resource's inputs, under keys no table lists: what the
// text runs is the evidence, not the name of the field it sits in (issue 9).
import { judge } from "../policypack/registry";
import { whatOf, whereOf } from "../policypack/render";
import { defaultSettings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { node, stackOf, view } from "./support/views";

const settings = defaultSettings;
const rulesOf = (findings: Verdict[]) => findings.map((finding) => finding.rule);
const pathsOf = (finding: Verdict) => finding.evidence.map((e) => e.path);

/** A resource of a provider the pack has no row for. */
const unfamiliar = (props: Record<string, unknown>) => view("nimbusgpu:fleet/v1:Node", "inference", props);

describe("a launch under a key of any name", () => {
    it("blocks a shell line that starts vLLM on gpt-4o, resting on that line", () => {
        const [finding, ...rest] = judge(
            unfamiliar({ lifecycle: { postProvision: "set -e\ndocker pull vllm/vllm-openai\nvllm serve gpt-4o --port 8000" } }),
            settings,
        );
        expect(rest).toEqual([]);
        expect(finding.rule).toBe("stateless-openai-api-on-azure");
        expect(whatOf(finding.subject)).toContain("gpt-4o");
        expect(pathsOf(finding)).toEqual(["lifecycle.postProvision (line 3)"]);
        expect(whereOf(finding)).toMatch(/nimbusgpu/);
    });

    it("blocks an argument array under any key, resting on the array", () => {
        const [finding] = judge(unfamiliar({ exec: ["vllm", "serve", "gpt-4o", "--port", "8000"] }), settings);
        expect(finding.rule).toBe("stateless-openai-api-on-azure");
        expect(pathsOf(finding)[0]).toMatch(/^exec/);
    });

    it("blocks a `docker run` line whose image is a serving engine", () => {
        const line = "docker run -d --gpus all -p 8000:8000 vllm/vllm-openai:v0.6.4 --model gpt-4o-mini";
        const [finding] = judge(unfamiliar({ hooks: { afterProvision: line } }), settings);
        expect(finding.rule).toBe("stateless-openai-api-on-azure");
        expect(whatOf(finding.subject)).toContain("gpt-4o-mini");
    });

    it("blocks the same script given as base64", () => {
        const script = Buffer.from("#!/bin/bash\nvllm serve o4-mini --host 0.0.0.0\n").toString("base64");
        expect(rulesOf(judge(unfamiliar({ initPayload: script }), settings))).toEqual(["stateless-openai-api-on-azure"]);
    });

    it("judges the model the line serves: open weights pass, a proprietary model in a comment of the script does not count", () => {
        expect(judge(unfamiliar({ lifecycle: { post: "vllm serve openai/gpt-oss-120b" } }), settings)).toEqual([]);
        expect(judge(unfamiliar({ lifecycle: { post: "# was: gpt-4o\nvllm serve meta-llama/Llama-3.3-70B-Instruct" } }), settings)).toEqual(
            [],
        );
    });
});

describe("text that names an engine without starting one", () => {
    it.each([
        ["a description", { description: "vllm serve gpt-4o runs on the Azure side; this node only trains" }],
        ["an alarm description", { alarmDescription: "restart with: vllm serve gpt-4o" }],
        ["a display name", { displayName: "vllm serve gpt-4o (legacy)" }],
        ["notes", { operatorNotes: "docker run vllm/vllm-openai --model gpt-4o was retired" }],
        ["a bucket name", { bucket: "vllm-gpt-4o-checkpoints" }],
        ["a package list", { packages: ["vllm", "torch"], model: "gpt-4o-tokenizer-eval" }],
        ["an install line", { bootstrap: "pip install vllm==0.6.4 # gpt-4o evals run elsewhere" }],
    ])("lets %s through", (_what, props) => {
        expect(judge(unfamiliar(props), settings)).toEqual([]);
    });

    it("still blocks when the same text is also started under a key that runs", () => {
        const props = { description: "inference node", run: "vllm serve gpt-4o" };
        expect(rulesOf(judge(unfamiliar(props), settings))).toEqual(["stateless-openai-api-on-azure"]);
    });
});

describe("commands run over SSH (command:remote:Command)", () => {
    const create = "docker run -d --gpus all -p 8000:8000 vllm/vllm-openai --model gpt-4o";
    const remote = (host: unknown) => view("command:remote:Command", "start-vllm", { connection: { host, user: "ubuntu" }, create });

    it("blocks one connected to an EC2 instance of the stack, resting on the instance", () => {
        const instance = view("aws:ec2/instance:Instance", "gpu", { instanceType: "g5.12xlarge" });
        const command = remote("10.0.0.12");
        const [finding, ...rest] = judge(command, settings, stackOf([node(instance), node(command, { connection: [instance] })]));
        expect(rest).toEqual([]);
        expect(finding.rule).toBe("stateless-openai-api-on-azure");
        expect(finding.viaStack).toBe(true);
        expect(whereOf(finding)).toMatch(/aws/i);
        expect(whereOf(finding)).toContain("gpu");
    });

    it("lets the same command through on an Azure VM of the stack", () => {
        const vm = view("azure-native:compute:VirtualMachine", "gpu", { location: "eastus" });
        const command = remote("10.0.0.12");
        expect(judge(command, settings, stackOf([node(vm), node(command, { connection: [vm] })]))).toEqual([]);
    });

    it("knows the cloud from an EC2 hostname without the stack", () => {
        const [finding] = judge(remote("ec2-3-91-10-2.compute-1.amazonaws.com"), settings);
        expect(finding.rule).toBe("stateless-openai-api-on-azure");
        expect(whereOf(finding)).toContain("ec2-3-91-10-2.compute-1.amazonaws.com");
    });

    it("blocks one whose machine nothing in the stack shows, and says it cannot tell the cloud", () => {
        const command = remote("203.0.113.7");
        const [finding] = judge(command, settings, stackOf([node(command)]));
        expect(finding.rule).toBe("stateless-openai-api-on-azure");
        expect(whereOf(finding)).toMatch(/nothing in the stack shows which cloud/);
    });
});

describe("more of a process's command line, wherever it is written", () => {
    it("reads a docker-compose file that user data writes with a here-document", () => {
        const compose = [
            "services:",
            "  api:",
            "    image: vllm/vllm-openai:v0.6.4",
            '    command: ["--model", "/models/chat", "--served-model-name", "chatgpt-4o-latest"]',
            "",
        ].join("\n");
        const userData = `#!/bin/bash\nmkdir -p /opt/app\ncat > /opt/app/docker-compose.yml <<'YAML'\n${compose}YAML\ncd /opt/app && docker compose up -d\n`;
        const droplet = view("digitalocean:index/droplet:Droplet", "gpu", { region: "nyc2", size: "gpu-h100x1-80gb", userData });
        const [finding, ...rest] = judge(droplet, settings);
        expect(rest).toEqual([]);
        expect(whatOf(finding.subject)).toContain("chatgpt-4o-latest");
        expect(pathsOf(finding)).toEqual(["userData (line 4, YAML).services.api.command[3]"]);
    });

    it("reads flags under a key of any name beside the command that starts the engine", () => {
        const entrypoint = ["python", "-m", "vllm.entrypoints.openai.api_server"];
        const asArray = unfamiliar({
            image: "acme/runtime:2",
            entrypoint,
            extraFlags: ["--model", "openai/gpt-4o-2024-08-06", "--port", "8000"],
        });
        const [finding] = judge(asArray, settings);
        expect(finding.rule).toBe("stateless-openai-api-on-azure");
        expect(pathsOf(finding)).toEqual(["extraFlags[1]"]);
        const asText = unfamiliar({ image: "acme/runtime:2", entrypoint, serverFlags: "--model openai/gpt-4o-2024-08-06 --port 8000" });
        expect(rulesOf(judge(asText, settings))).toEqual(["stateless-openai-api-on-azure"]);
    });

    it("expands a variable of the process's environment in the script it runs", () => {
        const task = unfamiliar({ envs: { EMB: "text-embedding-3-small" }, run: "pip install vllm\nvllm serve /models/$EMB --task embed" });
        const [finding] = judge(task, settings);
        expect(whatOf(finding.subject)).toContain("text-embedding-3-small");
    });

    it("reads a launch wrapped in `sh -c` under a key of any name", () => {
        const pod = unfamiliar({
            onstartCmd: `bash -c 'cd /workspace && nohup vllm serve /workspace/o3-mini --served-model-name o3-mini &'`,
        });
        expect(whatOf(judge(pod, settings)[0].subject)).toContain("o3-mini");
    });
});

describe("what a launch does not make", () => {
    const runbook = "sudo systemctl stop chat && docker run -d vllm/vllm-openai --served-model-name gpt-4o";

    it.each([
        ["an SSM parameter", "aws:ssm/parameter:Parameter", { type: "String", value: runbook }],
        ["an S3 object", "aws:s3/bucketObjectv2:BucketObjectv2", { bucket: "ops", key: "runbook.sh", content: runbook }],
        ["a GCP secret version", "gcp:secretmanager/secretVersion:SecretVersion", { secret: "runbook", secretData: runbook }],
    ])("a server of a store: %s holding a command line runs nothing", (_what, type, props) => {
        expect(judge(view(type, "runbook", props), settings)).toEqual([]);
    });

    it("the same command line on a machine is a server", () => {
        expect(rulesOf(judge(unfamiliar({ onstart: runbook }), settings))).toEqual(["stateless-openai-api-on-azure"]);
    });

    it("a server that names its open-weight model and calls OpenAI under another model name is a client for that one", () => {
        const endpoint = (env: Record<string, string>) =>
            unfamiliar({
                image: "ghcr.io/huggingface/text-generation-inference:2.4",
                args: ["--model-id", "meta-llama/Llama-Guard-3-8B"],
                env: { OPENAI_API_KEY: "sk-proj-redacted-for-test", ...env },
            });
        expect(judge(endpoint({ ESCALATION_MODERATION_MODEL: "omni-moderation-latest" }), settings)).toEqual([]);
        // A served-model setting is served, whatever else the process calls.
        expect(rulesOf(judge(endpoint({ SERVED_MODEL_NAME: "gpt-4o" }), settings))).toEqual(["stateless-openai-api-on-azure"]);
    });
});

describe("commands run where `pulumi` runs (command:local:Command)", () => {
    const start = (target: string) =>
        view("command:local:Command", "start-o3", {
            create: `aws ssm send-command --instance-ids ${target} --document-name AWS-RunShellScript --parameters 'commands=["docker run -d --gpus all vllm/vllm-openai --model /models/o3 --served-model-name o3"]'`,
        });

    it("is judged on the machine of the stack its command line reaches", () => {
        const instance = view("aws:ec2/instance:Instance", "gpu", { instanceType: "p5.48xlarge" });
        const command = start("i-0123456789abcdef0");
        const [finding, ...rest] = judge(command, settings, stackOf([node(instance), node(command, { create: [instance] })]));
        expect(rest).toEqual([]);
        expect(whatOf(finding.subject)).toContain("o3");
        expect(whereOf(finding)).toContain(`aws:ec2/instance:Instance "gpu"`);
    });

    it("hosts nothing when its command line reaches no machine of the stack (it runs on the deployer's machine)", () => {
        const command = start("i-0123456789abcdef0");
        expect(judge(command, settings, stackOf([node(command)]))).toEqual([]);
    });
});

describe("clients, and the other URLs and models around them", () => {
    const lambdaWith = (variables: Record<string, string>) =>
        view("aws:lambda/function:Function", "copilot", { runtime: "nodejs20.x", environment: { variables } });

    it("does not take an app's own URLs for where its OpenAI calls go", () => {
        const app = {
            OPENAI_MODEL: "gpt-4o",
            PUBLIC_BASE_URL: "https://support.acme-corp.com",
            CONFLUENCE_BASE_URL: "https://acme.atlassian.net/wiki",
            JENKINS_URL: "https://jenkins.acme-corp.com",
        };
        expect(judge(lambdaWith(app), settings)).toEqual([]);
        const [finding] = judge(lambdaWith({ ...app, OPENAI_BASE_URL: "https://gateway.acme-corp.com/v1" }), settings);
        expect(finding.rule).toBe("openai-calls-hosted-on-azure");
        expect(pathsOf(finding)).toEqual(["environment.variables.OPENAI_MODEL", "environment.variables.OPENAI_BASE_URL"]);
    });

    it("pairs each model with the endpoint named alike", () => {
        const env = {
            LLM_BASE_URL: "http://qwen.inference.acme-corp.com:8000/v1",
            LLM_MODEL: "qwen2.5-32b",
            OPENAI_FALLBACK_MODEL: "gpt-4o-mini",
            OPENAI_BASE_URL: "https://api.openai.com/v1",
        };
        expect(judge(lambdaWith(env), settings)).toEqual([]);
        const [finding] = judge(lambdaWith({ ...env, OPENAI_BASE_URL: "https://gateway.acme-corp.com/v1" }), settings);
        expect(pathsOf(finding)).toEqual(["environment.variables.OPENAI_FALLBACK_MODEL", "environment.variables.OPENAI_BASE_URL"]);
    });

    it("pairs a provider's models with its own base_url in a client's config", () => {
        const client = (azureModels: string[], localModels: string[]) =>
            unfamiliar({
                config: {
                    providers: {
                        azure: { base_url: "https://acme.openai.azure.com/openai/v1", models: azureModels },
                        local: { base_url: "http://vllm.llm.svc.cluster.local:8000/v1", models: localModels },
                    },
                },
            });
        expect(judge(client(["gpt-4o"], ["llama-3.3-70b"]), settings)).toEqual([]);
        const [finding] = judge(client(["o3-mini"], ["llama-3.3-70b", "gpt-4o"]), settings);
        expect(finding.rule).toBe("openai-calls-hosted-on-azure");
        expect(pathsOf(finding)).toEqual(["config.providers.local.models[1]", "config.providers.local.base_url"]);
    });

    it("reads a job that holds an OpenAI API key as a client of the models its commands name", () => {
        const buildspec = (env: string) =>
            `version: 0.2\n${env}phases:\n  build:\n    commands:\n      - npm install -g @openai/codex\n      - codex exec --model o4-mini "Review the diff"\n`;
        const project = (env: string) =>
            view("aws:codebuild/project:Project", "review", { source: { type: "GITHUB", buildspec: buildspec(env) } });
        expect(judge(project(`env:\n  secrets-manager:\n    OPENAI_API_KEY: "ci/openai:api_key"\n`), settings)).toEqual([]);
        // Without a key nothing shows a client: a model on a command line is served (declare other workloads).
        expect(rulesOf(judge(project(""), settings))).toEqual(["stateless-openai-api-on-azure"]);
        const trigger = view("gcp:cloudbuild/trigger:Trigger", "bench", {
            build: {
                steps: [
                    { name: "python:3.12", entrypoint: "python", args: ["bench.py", "--model", "gpt-4o"], secretEnvs: ["OPENAI_API_KEY"] },
                ],
            },
        });
        expect(judge(trigger, settings)).toEqual([]);
    });

    it("does not take a flag's model route for an engine's image (`--weak-model hosted_vllm/…`)", () => {
        const router = unfamiliar({
            image: "acme/routellm:0.2.0",
            command: [
                "python",
                "-m",
                "routellm.openai_server",
                "--strong-model",
                "gpt-4o",
                "--weak-model",
                "hosted_vllm/mistralai/Mixtral-8x7B-v0.1",
            ],
            secrets: [{ name: "OPENAI_API_KEY", valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:proxy/openai-Ab12Cd" }],
        });
        expect(judge(router, settings)).toEqual([]);
    });
});

describe("a model given as an argument that is unknown during preview", () => {
    const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const service = (container: Record<string, unknown>) =>
        node(
            view("gcp:cloudrunv2/service:Service", "llm", {
                template: { containers: [{ image: "vllm/vllm-openai:v0.6.4", ...container }] },
            }),
        );

    it.each([
        ["a flag's value", { args: ["--model", UNKNOWN] }, "template.containers[0].args[1]"],
        ["an engine's positional model", { command: ["vllm", "serve", UNKNOWN] }, "template.containers[0].command[2]"],
        [
            "the served model name",
            { args: ["--model", "/models/assistant", "--served-model-name", UNKNOWN] },
            "template.containers[0].args[3]",
        ],
    ])("is judged as a model nothing shows (%s), like an unknown environment variable", (_, container, path) => {
        const server = service(container);
        const [finding, ...more] = judge(server, settings, stackOf([server]));
        expect(more).toEqual([]);
        expect(finding.subject.kind).toBe("serves-unknown-model");
        expect(finding.evidence).toEqual([{ path, shown: "(unknown during preview)" }]);
        expect(finding.viaStack).toBe(true);
    });

    it("is not a model when the unknown argument is another flag's (`--port <unknown>`)", () => {
        const server = service({ args: ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--port", UNKNOWN] });
        expect(judge(server, settings, stackOf([server]))).toEqual([]);
    });
});

describe("an unknown setting that is a model's parameter, not its name", () => {
    const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    it.each([
        ["--max-model-len", { args: ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--max-model-len", UNKNOWN] }],
        [
            "MAX_MODEL_LEN beside a model given as a path",
            { args: ["--model", "/models/llama"], env: [{ name: "MAX_MODEL_LEN", value: UNKNOWN }] },
        ],
    ])("does not make a server one of a model nothing shows (%s)", (_, container) => {
        const server = node(
            view("gcp:cloudrunv2/service:Service", "llama", {
                template: { containers: [{ image: "vllm/vllm-openai:v0.6.4", ...container }] },
            }),
        );
        expect(judge(server, settings, stackOf([server]))).toEqual([]);
    });
});

describe("a command line that expands its process's environment", () => {
    it("reads `sh -c '… --served-model-name \"$SERVED\"'` with SERVED from the container's environment, whatever the key order", () => {
        const task = view("aws:ecs/taskDefinition:TaskDefinition", "chat", {
            family: "chat",
            containerDefinitions: JSON.stringify([
                {
                    name: "vllm",
                    image: "vllm/vllm-openai:v0.6.4",
                    command: ["sh", "-c", 'exec vllm serve /models/chat --served-model-name "$SERVED" --port 8000'],
                    environment: [{ name: "SERVED", value: "gpt-4o" }],
                },
            ]),
        });
        const [finding, ...more] = judge(task, settings);
        expect(more).toEqual([]);
        expect(finding.subject).toMatchObject({ kind: "serves-model", model: { id: "gpt-4o" } });
        expect(pathsOf(finding)).toEqual(["containerDefinitions (JSON)[0].command[2]"]);
    });
});

describe("a serving engine with a whole argument unknown during preview", () => {
    const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const server = (args: string[]) =>
        node(view("gcp:cloudrunv2/service:Service", "llm", { template: { containers: [{ image: "vllm/vllm-openai:v0.6.4", args }] } }));

    it("may be serving any model when it names none it is known by (`--served-model-name=${id}` is one unknown word)", () => {
        const engine = server(["--model=/mnt/releases/current", UNKNOWN]);
        const [finding, ...more] = judge(engine, settings, stackOf([engine]));
        expect(more).toEqual([]);
        expect(finding.subject.kind).toBe("serves-unknown-model");
        expect(finding.evidence).toEqual([{ path: "template.containers[0].args[1]", shown: "(unknown during preview)" }]);
    });

    it("is judged by its model when it names one (an open-weight model passes)", () => {
        const engine = server(["--model", "meta-llama/Llama-3.1-8B-Instruct", UNKNOWN]);
        expect(judge(engine, settings, stackOf([engine]))).toEqual([]);
    });

    it("is not an unknown model when the unknown word is a flag's value (`--port <unknown>`)", () => {
        const engine = server(["--model=/mnt/releases/current", "--port", UNKNOWN]);
        expect(judge(engine, settings, stackOf([engine]))).toEqual([]);
    });
});
