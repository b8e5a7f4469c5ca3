/**
 * Shapes red team 9 found passing silently, or blocked for the wrong reason, each as the kind of
 * input it is: a flag that takes several values, a command that names the model it creates, an
 * environment list under a plural key, arguments given as a map of flags, a binding list whose
 * entries name the host under another key, a host setting without a scheme, and a model-like word
 * that is only a folder of a path.
 */
import { configEntriesOf } from "../policypack/evidence/decode";
import { filesWrittenFromParameters } from "../policypack/scripts";
import { judge } from "../policypack/registry";
import { defaultSettings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { k8sProvider, node, stackOf, UNKNOWN, view } from "./support/views";

const settings = defaultSettings;
const why = (found: Verdict[]) =>
    found.map((verdict) => ({
        rule: verdict.rule,
        kind: verdict.subject.kind,
        model: "model" in verdict.subject ? verdict.subject.model?.id : undefined,
        evidence: verdict.evidence.map((item) => item.path),
    }));

/** An ECS task definition (AWS) of one container. */
function task(container: Record<string, unknown>) {
    return view("aws:ecs/taskDefinition:TaskDefinition", "chat", {
        family: "chat",
        containerDefinitions: JSON.stringify([{ name: "app", ...container }]),
    });
}
const envOf = (env: Record<string, string>) => Object.entries(env).map(([name, value]) => ({ name, value }));
const inTask = "containerDefinitions (JSON)[0]";

describe("a flag that takes several values", () => {
    it("reads every name vLLM serves the model under (`--served-model-name chat gpt-4o`)", () => {
        const vllm = (names: string[]) =>
            task({
                image: "vllm/vllm-openai:v0.6.4",
                command: ["--model", "/weights/chat", "--served-model-name", ...names, "--port", "8000"],
            });
        expect(why(judge(vllm(["chat", "gpt-4o"]), settings))).toEqual([
            { rule: "stateless-openai-api-on-azure", kind: "serves-model", model: "gpt-4o", evidence: [`${inTask}.command[4]`] },
        ]);
        expect(judge(vllm(["chat", "llama-3.1-8b"]), settings)).toEqual([]);
    });

    it("stops at the next flag: what follows it is that flag's", () => {
        const vllm = task({
            image: "vllm/vllm-openai:v0.6.4",
            command: ["--served-model-name", "chat", "--tokenizer", "gpt-4o-tokenizer-copy"],
        });
        expect(judge(vllm, settings)).toEqual([]);
    });
});

describe("a command that names the model it makes", () => {
    it("serves what `ollama create <name>` creates under that name", () => {
        const vm = (name: string) =>
            view("gcp:compute/instance:Instance", "ollama", {
                machineType: "g2-standard-8",
                metadataStartupScript: ["#!/bin/bash", "ollama pull llama3.1:8b", `ollama create ${name} -f /opt/Modelfile`].join("\n"),
            });
        expect(why(judge(vm("gpt-4o"), settings))).toEqual([
            { rule: "stateless-openai-api-on-azure", kind: "serves-model", model: "gpt-4o", evidence: ["metadataStartupScript (line 3)"] },
        ]);
        expect(judge(vm("support-llama"), settings)).toEqual([]);
    });
});

describe("settings under keys of other shapes", () => {
    it("reads an environment list under a plural key (a Vercel project's `environments: [{ key, value }]`)", () => {
        const project = (baseUrl: string) =>
            view("vercel:index/project:Project", "copilot", {
                name: "copilot",
                environments: [
                    { key: "OPENAI_BASE_URL", value: baseUrl, targets: ["production"] },
                    { key: "OPENAI_MODEL", value: "gpt-5", targets: ["production"] },
                ],
            });
        expect(why(judge(project("https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1"), settings))).toEqual([
            {
                rule: "openai-calls-hosted-on-azure",
                kind: "calls-model",
                model: "gpt-5",
                evidence: ["environments[1].value", "environments[0].value"],
            },
        ]);
        expect(judge(project("https://acme.openai.azure.com/openai/v1/"), settings)).toEqual([]);
    });

    it("reads arguments given as a map of flags (a Glue job's `defaultArguments`)", () => {
        const job = (baseUrl: string) =>
            view("aws:glue/job:Job", "enrich", {
                roleArn: "arn:aws:iam::1:role/glue",
                command: { name: "glueetl", scriptLocation: "s3://jobs/enrich.py" },
                defaultArguments: {
                    "--job-language": "python",
                    "--OPENAI_BASE_URL": baseUrl,
                    "--OPENAI_MODEL": "gpt-4o-mini",
                },
            });
        expect(why(judge(job("http://llm-gpu.us-east-1.acme-internal.net:8000/v1"), settings))).toEqual([
            {
                rule: "openai-calls-hosted-on-azure",
                kind: "calls-model",
                model: "gpt-4o-mini",
                evidence: ["defaultArguments.--OPENAI_MODEL", "defaultArguments.--OPENAI_BASE_URL"],
            },
        ]);
        expect(judge(job("https://acme.openai.azure.com/openai/v1/"), settings)).toEqual([]);
        // A map of anything but flags is not a command line.
        const notFlags = view("aws:glue/job:Job", "e", {
            roleArn: "r",
            command: { name: "glueetl" },
            defaultArguments: { MODEL: "gpt-4o" },
        });
        expect(judge(notFlags, settings)).toEqual([]);
    });

    it("binds the host an entry names under another key (Akamai's `hostnames: [{ cnameFrom, cnameTo }]`)", () => {
        const property = (from: string) =>
            view("akamai:index/property:Property", "web", {
                name: "web",
                hostnames: [{ cnameFrom: from, cnameTo: "sora.com.edgekey.net", certProvisioningType: "DEFAULT" }],
            });
        const found = judge(property("sora.com"), settings);
        expect(found.map((verdict) => [verdict.rule, verdict.evidence.map((item) => `${item.path} = ${item.shown}`)])).toEqual([
            ["first-party-products-on-azure", ["hostnames[0].name = sora.com"]],
        ]);
        // The edge hostname it points at is where traffic goes, not a hostname it serves.
        expect(judge(property("www.acme-travel.com"), settings)).toEqual([]);
    });
});

describe("a host setting without a scheme", () => {
    const client = (host: string) =>
        task({ image: "myorg/kb:1.0", environment: envOf({ LLM_HOST: host, LLM_PORT: "443", LLM_MODEL: "gpt-4o" }) });

    it("is where a client's calls go: an Azure OpenAI host is allowed, not taken for serving", () => {
        expect(judge(client("acme-kb.openai.azure.com"), settings)).toEqual([]);
    });

    it("off Azure, makes the client a caller of that host (not a server of the model)", () => {
        expect(why(judge(client("llm-gpu.internal.acme.net"), settings))).toEqual([
            {
                rule: "openai-calls-hosted-on-azure",
                kind: "calls-model",
                model: "gpt-4o",
                evidence: [`${inTask}.environment[2].value`, `${inTask}.environment[0].value`],
            },
        ]);
    });
});

describe("a model-like word that is a folder of a path", () => {
    it("does not take `o3` in `s3://…/o3/xgb/model.tar.gz` (ozone) for a model; `openai/o3` and `--model o3` are", () => {
        const model = (environment: Record<string, string>, modelDataUrl = "s3://acme-air-models/o3/xgb/model.tar.gz") =>
            view("aws:sagemaker/model:Model", "ozone", {
                executionRoleArn: "arn:aws:iam::1:role/sm",
                primaryContainer: {
                    image: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
                    modelDataUrl,
                    environment,
                },
            });
        expect(judge(model({ MODEL_NAME: "ozone-o3-xgb", TARGET: "o3" }), settings)).toEqual([]);
        expect(why(judge(model({ HF_MODEL_ID: "openai/o3" }), settings)).map((verdict) => verdict.model)).toEqual(["o3"]);
        expect(why(judge(model({}, "s3://weights/o3-mini/model.tar.gz"), settings)).map((verdict) => verdict.model)).toEqual(["o3-mini"]);
    });
});

describe("configuration files in formats other than JSON and YAML", () => {
    it("reads properties, INI and TOML sections, .NET app.config and one-line XML by their lines", () => {
        expect(configEntriesOf("server.port=8080\nspring.ai.openai.base-url = https://x/v1 # the gateway\n! a comment")).toEqual([
            { name: "server.port", value: "8080", line: 1 },
            { name: "spring.ai.openai.base-url", value: "https://x/v1", line: 2 },
        ]);
        expect(configEntriesOf('[server]\nport = 8080\n[openai]\napi_base = "https://x/v1"\nmodel = gpt-4o ; default')).toEqual([
            { name: "server.port", value: "8080", line: 2 },
            { name: "openai.api_base", value: "https://x/v1", line: 4 },
            { name: "openai.model", value: "gpt-4o", line: 5 },
        ]);
        expect(
            configEntriesOf(
                '<appSettings>\n  <add key="OpenAI:Model" value="gpt-4o" />\n  <endpoint>https://x/v1</endpoint>\n</appSettings>',
            ),
        ).toEqual([
            { name: "OpenAI:Model", value: "gpt-4o", line: 2 },
            { name: "endpoint", value: "https://x/v1", line: 3 },
        ]);
        // Structures are not values.
        expect(configEntriesOf('models = ["a"]\ntable = { a = 1 }')).toEqual([]);
    });

    it("reads the top-level name of a Triton config.pbtxt as the model the server serves, not a nested one", () => {
        const pbtxt = 'name: "gpt-4o"\nbackend: "tensorrtllm"\nparameters: {\n  name: "inner"\n}\n';
        expect(configEntriesOf(pbtxt, "config.pbtxt").filter((entry) => entry.name === "--served-model-name")).toEqual([
            { name: "--served-model-name", value: "gpt-4o", line: 1 },
        ]);
        // Any other file's `name` is only a name.
        expect(configEntriesOf(pbtxt, "notes.txt").map((entry) => entry.name)).not.toContain("--served-model-name");
    });

    /** A Deployment on the EKS cluster mounting `file` of a ConfigMap that holds `text`. */
    function mounted(file: string, text: string, image: string) {
        const cluster = view("aws:eks/cluster:Cluster", "apps", { name: "apps" });
        const provider = k8sProvider("apps", { kubeconfig: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        const configMap = view("kubernetes:core/v1:ConfigMap", "cfg", { metadata: { name: "cfg" }, data: { [file]: text } }, provider);
        const deployment = view(
            "kubernetes:apps/v1:Deployment",
            "app",
            {
                spec: {
                    template: {
                        spec: {
                            containers: [
                                { name: "app", image, volumeMounts: [{ name: "cfg", mountPath: `/etc/app/${file}`, subPath: file }] },
                            ],
                            volumes: [{ name: "cfg", configMap: { name: "cfg" } }],
                        },
                    },
                },
            },
            provider,
        );
        const stack = stackOf([node(cluster), node({ ...provider }, { kubeconfig: [cluster] }), node(configMap), node(deployment)]);
        return why(judge(deployment, settings, stack));
    }

    it("follows a mounted properties file to where a client's calls go", () => {
        const properties = (host: string) => `spring.ai.openai.base-url=${host}\nspring.ai.openai.chat.options.model=gpt-4o\n`;
        expect(mounted("application.properties", properties("https://gpu.us-east-1.acme-aws.net"), "acme/assistant:1")).toEqual([
            expect.objectContaining({ rule: "openai-calls-hosted-on-azure", kind: "calls-model", model: "gpt-4o" }),
        ]);
        expect(mounted("application.properties", properties("https://acme.openai.azure.com"), "acme/assistant:1")).toEqual([]);
    });

    it("follows a mounted Triton config.pbtxt to the model the server serves", () => {
        const pbtxt = (model: string) => `name: "${model}"\nbackend: "tensorrtllm"\nmax_batch_size: 64\n`;
        const triton = "nvcr.io/nvidia/tritonserver:24.08-trtllm-python-py3";
        expect(mounted("config.pbtxt", pbtxt("gpt-4o"), triton)).toEqual([
            expect.objectContaining({ rule: "stateless-openai-api-on-azure", kind: "serves-model", model: "gpt-4o" }),
        ]);
        expect(mounted("config.pbtxt", pbtxt("llama-3.1-8b"), triton)).toEqual([]);
    });
});

describe("requests and calls under other shapes", () => {
    it("sends a workflow's HTTP request to its own `url` (a GCP Workflows `http.post` with a model in its body)", () => {
        const workflow = (url: string) =>
            view("gcp:workflows/workflow:Workflow", "classify", {
                region: "us-central1",
                sourceContents: [
                    "main:",
                    "  steps:",
                    "    - classify:",
                    "        call: http.post",
                    "        args:",
                    `          url: ${url}`,
                    "          body:",
                    "            model: gpt-4.1",
                    "        result: resp",
                ].join("\n"),
            });
        expect(why(judge(workflow("https://vllm.ml.acme-gcp.net/v1/chat/completions"), settings))).toEqual([
            expect.objectContaining({ rule: "openai-calls-hosted-on-azure", kind: "calls-model", model: "gpt-4.1" }),
        ]);
        expect(judge(workflow("https://acme.openai.azure.com/openai/v1/chat/completions"), settings)).toEqual([]);
    });

    it("reads a Bedrock runtime call behind a gateway's route, from a setting (Cloudflare AI Gateway's aws-bedrock path)", () => {
        const worker = (model: string) =>
            view("cloudflare:index/workersScript:WorkersScript", "router", {
                scriptName: "router",
                bindings: [
                    {
                        name: "LLM_ENDPOINT",
                        type: "plain_text",
                        text: `https://gateway.ai.cloudflare.com/v1/0123/prod-gw/aws-bedrock/bedrock-runtime/us-east-1/model/${model}/invoke`,
                    },
                ],
            });
        expect(why(judge(worker("openai.gpt-5-mini-v1:0"), settings))).toEqual([
            expect.objectContaining({ rule: "openai-calls-hosted-on-azure", model: "gpt-5-mini", evidence: ["bindings[0].text"] }),
        ]);
        expect(judge(worker("meta.llama3-1-70b-instruct-v1:0"), settings)).toEqual([]);
    });
});

describe("a stored document taken whole into one setting", () => {
    const aws = { urn: "urn:pulumi:dev::demo::pulumi:providers:aws::default", type: "pulumi:providers:aws", name: "default", props: {} };
    const task = view(
        "aws:ecs/taskDefinition:TaskDefinition",
        "writer",
        {
            family: "writer",
            containerDefinitions: JSON.stringify([
                {
                    name: "writer",
                    image: "acme/writer:3",
                    secrets: [{ name: "LLM_CONFIG", valueFrom: "arn:aws:secretsmanager:us-east-1:1:secret:writer/llm" }],
                },
            ]),
        },
        aws,
    );
    const config = (baseUrl: string) => ({ provider: "openai", base_url: baseUrl, model: "gpt-4.1", temperature: 0.2 });

    it("reads a Secrets Manager JSON secret's keys as settings of their own names", () => {
        const judged = (baseUrl: string) => {
            const secret = view("aws:secretsmanager/secret:Secret", "llm", { name: "writer/llm" }, aws);
            const version = view(
                "aws:secretsmanager/secretVersion:SecretVersion",
                "llm-v1",
                { secretId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", secretString: JSON.stringify(config(baseUrl)) },
                aws,
            );
            return judge(task, settings, stackOf([node(secret), node(version, { secretId: [secret] }), node(task)]));
        };
        // A secret's model is judged, never named.
        const via = 'containerDefinitions (JSON)[0].secrets[0].valueFrom → Secrets Manager secret "writer/llm"';
        expect(why(judged("https://gpu-gw.acme.io/v1"))).toEqual([
            {
                rule: "openai-calls-hosted-on-azure",
                kind: "calls-model",
                model: undefined,
                evidence: [`${via} key model`, `${via} key base_url`],
            },
        ]);
        expect(judged("https://acme.openai.azure.com/openai/v1/")).toEqual([]);
    });

    it("reads an SSM parameter holding a JSON document as its settings", () => {
        const reader = view(
            "aws:lambda/function:Function",
            "writer-fn",
            { role: "r", environment: { variables: { LLM_CONFIG_PARAMETER: "/writer/llm" } } },
            aws,
        );
        const judged = (baseUrl: string) => {
            const parameter = view(
                "aws:ssm/parameter:Parameter",
                "llm",
                { name: "/writer/llm", type: "String", value: JSON.stringify(config(baseUrl)) },
                aws,
            );
            return judge(reader, settings, stackOf([node(parameter), node(reader)]));
        };
        expect(why(judged("https://gpu-gw.acme.io/v1"))).toEqual([
            expect.objectContaining({ rule: "openai-calls-hosted-on-azure", kind: "calls-model", model: "gpt-4.1" }),
        ]);
        expect(judged("https://acme.openai.azure.com/openai/v1/")).toEqual([]);
    });
});

describe("a file a boot script writes from an SSM parameter and hands to a command", () => {
    const aws = { urn: "urn:pulumi:dev::demo::pulumi:providers:aws::default", type: "pulumi:providers:aws", name: "default", props: {} };
    const config = (apiBase: string) =>
        ["model_list:", "  - model_name: gpt-4o", "    litellm_params:", "      model: openai/gpt-4o", `      api_base: ${apiBase}`].join(
            "\n",
        );
    const gateway = (redirect = "> /etc/litellm/config.yaml", uses = "litellm --config /etc/litellm/config.yaml --port 4000") =>
        view(
            "aws:ec2/instance:Instance",
            "llm-gateway",
            {
                instanceType: "c7i.xlarge",
                userData: [
                    "#!/bin/bash",
                    "pip install 'litellm[proxy]'",
                    `aws ssm get-parameter --name /llm-gateway/litellm-config --query Parameter.Value --output text ${redirect}`,
                    `nohup ${uses} &`,
                ].join("\n"),
            },
            aws,
        );
    const judged = (instance: ReturnType<typeof gateway>, apiBase: string) => {
        const parameter = view(
            "aws:ssm/parameter:Parameter",
            "cfg",
            { name: "/llm-gateway/litellm-config", type: "String", value: config(apiBase) },
            aws,
        );
        return judge(instance, settings, stackOf([node(parameter), node(instance)]));
    };

    it("reads the parameter as that file: a LiteLLM config routing gpt-4o off Azure is a client of that endpoint", () => {
        expect(why(judged(gateway(), "https://bedrock-mantle.us-east-1.api.aws/v1"))).toEqual([
            expect.objectContaining({ rule: "openai-calls-hosted-on-azure", kind: "calls-model", model: "gpt-4o" }),
        ]);
        expect(judged(gateway(), "https://acme.openai.azure.com/")).toEqual([]);
    });

    it("finds the parameter a script writes to a file that a later command uses", () => {
        const written = "aws ssm get-parameter --name /gw/config --query Parameter.Value --output text > /etc/gw.yaml";
        expect(filesWrittenFromParameters(`${written}\ngateway --config=/etc/gw.yaml`)).toEqual([
            { reference: "arn:aws:ssm:::parameter/gw/config", line: 2 },
        ]);
        expect(filesWrittenFromParameters(`${written}\ngateway --config /etc/elsewhere.yaml`)).toEqual([]);
    });

    it("reads it only when a command of the script uses the file it wrote", () => {
        expect(judged(gateway(undefined, "litellm --config /etc/other.yaml"), "https://bedrock-mantle.us-east-1.api.aws/v1")).toEqual([]);
        expect(
            judged(gateway("> /tmp/$NAME.yaml", "litellm --config /tmp/$NAME.yaml"), "https://bedrock-mantle.us-east-1.api.aws/v1"),
        ).toEqual([]);
    });
});

describe("a Kubernetes Model object (KubeAI, Seldon)", () => {
    function judged(name: string, kind = "Model", spec: Record<string, unknown> = {}) {
        const cluster = view("aws:eks/cluster:Cluster", "llm", { name: "llm" });
        const provider = k8sProvider("llm", { kubeconfig: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        const model = view(
            "kubernetes:kubeai.org/v1:Model",
            "chat-model",
            {
                apiVersion: "kubeai.org/v1",
                kind,
                metadata: { name, namespace: "kubeai" },
                spec: {
                    features: ["TextGeneration"],
                    url: "s3://acme-weights/distill/chat-mini-v3/",
                    engine: "VLLM",
                    minReplicas: 1,
                    ...spec,
                },
            },
            provider,
        );
        return why(judge(model, settings, stackOf([node(cluster), node({ ...provider }, { kubeconfig: [cluster] }), node(model)])));
    }

    it("serves the model under its own name, which clients ask for", () => {
        expect(judged("gpt-4o-mini")).toEqual([
            { rule: "stateless-openai-api-on-azure", kind: "serves-model", model: "gpt-4o-mini", evidence: ["metadata.name"] },
        ]);
        expect(judged("llama-3-1-8b")).toEqual([]);
    });

    it("is only that kind: another object's name is a name", () => {
        expect(judged("gpt-4o-mini", "ModelCard")).toEqual([]);
    });

    it("serves the weights it points at, whatever it is named and though it names no engine (Seldon's storageUri, KubeAI's url)", () => {
        // Seldon Core v2: the server it runs on is matched by `requirements`, not named in the Model.
        const seldon = (storage: Record<string, unknown>) => ({
            url: undefined,
            engine: undefined,
            features: undefined,
            requirements: ["huggingface"],
            ...storage,
        });
        expect(judged("reasoner", "Model", seldon({ storageUri: "gs://acme-models/o4-mini-2025-04-16/" }))).toEqual([
            { rule: "stateless-openai-api-on-azure", kind: "serves-model", model: "o4-mini-2025-04-16", evidence: ["spec.storageUri"] },
        ]);
        expect(judged("chat", "Model", seldon({ url: "s3://acme-weights/gpt-4o-2024-08-06/" }))).toMatchObject([{ kind: "serves-model" }]);
        expect(judged("reasoner", "Model", seldon({ storageUri: "gs://acme-models/llama-3.1-8b-instruct/" }))).toEqual([]);
        expect(judged("reasoner", "ModelCard", seldon({ storageUri: "gs://acme-models/o4-mini-2025-04-16/" }))).toEqual([]);
    });
});

describe("an environment file a boot script copies from Cloud Storage and loads", () => {
    const gcp = { urn: "urn:pulumi:dev::demo::pulumi:providers:gcp::default", type: "pulumi:providers:gcp", name: "default", props: {} };
    const vm = (copy: string) =>
        view(
            "gcp:compute/instance:Instance",
            "chat-gpu",
            {
                machineType: "a2-highgpu-1g",
                metadataStartupScript: [
                    "#!/bin/bash",
                    copy,
                    "cat > /etc/systemd/system/llm.service <<'EOF'",
                    "[Service]",
                    "EnvironmentFile=/etc/llm.env",
                    "ExecStart=/usr/local/bin/vllm serve $MODEL --port 8000",
                    "EOF",
                    "systemctl enable --now llm",
                ].join("\n"),
            },
            gcp,
        );
    const judged = (copy: string, model: string) => {
        const object = view(
            "gcp:storage/bucketObject:BucketObject",
            "llm-env",
            { bucket: "acme-serving", name: "llm.env", content: `MODEL=${model}\n` },
            gcp,
        );
        const instance = vm(copy);
        return why(judge(instance, settings, stackOf([node(object), node(instance)])));
    };

    it("takes the variable from the object the stack holds: Llama passes, gpt-4o is blocked on the object", () => {
        for (const copy of ["gsutil cp gs://acme-serving/llm.env /etc/llm.env", "gcloud storage cp gs://acme-serving/llm.env /etc/"]) {
            expect(judged(copy, "meta-llama/Llama-3.1-8B-Instruct")).toEqual([]);
            expect(judged(copy, "gpt-4o")).toEqual([
                expect.objectContaining({ rule: "stateless-openai-api-on-azure", kind: "serves-model", model: "gpt-4o" }),
            ]);
        }
    });

    it("stays fail-closed for an object of another bucket", () => {
        expect(
            judged("gsutil cp gs://other-bucket/llm.env /etc/llm.env", "meta-llama/Llama-3.1-8B-Instruct").map((verdict) => verdict.kind),
        ).toEqual(["serves-unknown-model"]);
    });
});

describe("a Secret Manager secret a Cloud Run service mounts as its configuration file", () => {
    const litellmConfig = (route: string) =>
        ["model_list:", "  - model_name: gpt-5", "    litellm_params:", `      model: ${route}`, ""].join("\n");
    const service = (secretName: unknown = "litellm-config") =>
        view("gcp:cloudrunv2/service:Service", "llm-gateway", {
            location: "us-central1",
            template: {
                containers: [
                    {
                        image: "ghcr.io/berriai/litellm:main-v1.72.0-stable",
                        args: ["--config", "/etc/litellm/config.yaml", "--port", "8080"],
                        volumeMounts: [{ name: "config", mountPath: "/etc/litellm" }],
                    },
                ],
                volumes: [{ name: "config", secret: { secret: secretName, items: [{ path: "config.yaml", version: "latest" }] } }],
            },
        });
    function judged(route: string | undefined, secretName?: unknown) {
        const secret = view("gcp:secretmanager/secret:Secret", "litellm-config", { secretId: "litellm-config" });
        const version = view("gcp:secretmanager/secretVersion:SecretVersion", "litellm-config-v1", {
            secretData: litellmConfig(route ?? ""),
        });
        const gateway = service(secretName);
        const nodes =
            route === undefined
                ? [node(gateway)]
                : [node(secret), node(version, { secret: [secret] }), node(gateway, { template: [secret] })];
        return why(judge(gateway, settings, stackOf(nodes)));
    }

    it("reads the file from the secret's version in the stack, by the secret's id or by what the template depends on", () => {
        for (const name of ["litellm-config", UNKNOWN]) {
            expect(judged("bedrock/openai.gpt-5-v1:0", name)).toMatchObject([
                { rule: "openai-calls-hosted-on-azure", kind: "calls-model" },
            ]);
            expect(judged("hosted_vllm/meta-llama/Llama-3.1-70B-Instruct", name)).toEqual([]);
        }
    });

    it("gives a gateway whose secret the stack does not hold an advisory, not a block: it names no model itself", () => {
        expect(judged(undefined)).toEqual([
            {
                rule: "openai-calls-hosted-on-azure",
                kind: "gateway-routes-unread",
                model: undefined,
                evidence: ['template.containers[0].volumeMounts[0] → Secret Manager secret "litellm-config"'],
            },
        ]);
    });
});
