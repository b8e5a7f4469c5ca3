/**
 * Values held in stores of the stack (ConfigMaps, SSM parameters) are read from the store the
 * reader really reads: the one beside it (same provider, for Kubernetes the same namespace).
 * A store of the same name in another cluster, namespace or region is another store; only when
 * none is beside the reader does the pack read every store of that name (fail-closed).
 */
import { factsOf } from "../policypack/facts";
import { judge } from "../policypack/registry";
import { messageOf } from "../policypack/render";
import { ResourceView } from "../policypack/resource";
import { defaultSettings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { k8sProvider, node, stackOf, UNKNOWN, view } from "./support/views";

const settings = defaultSettings;
const evidenceOf = (findings: Verdict[]) => findings.flatMap((finding) => finding.evidence.map((e) => `${e.path} = ${e.shown}`));

type Provider = NonNullable<ResourceView["provider"]>;

/** A vLLM Deployment whose served model comes from key MODEL of ConfigMap "model". */
function server(provider: Provider, namespace: string | undefined, name = `server-${provider.name}-${namespace}`): ResourceView {
    return view(
        "kubernetes:apps/v1:Deployment",
        name,
        {
            metadata: namespace === undefined ? {} : { namespace },
            spec: {
                template: {
                    spec: {
                        containers: [
                            {
                                name: "vllm",
                                image: "vllm/vllm-openai:v0.6.4",
                                args: ["--served-model-name", "$(MODEL)"],
                                env: [{ name: "MODEL", valueFrom: { configMapKeyRef: { name: "model", key: "MODEL" } } }],
                            },
                        ],
                    },
                },
            },
        },
        provider,
    );
}

function configMap(provider: Provider, namespace: string | undefined, model: string): ResourceView {
    return view(
        "kubernetes:core/v1:ConfigMap",
        `model-${provider.name}-${namespace}`,
        { metadata: { name: "model", ...(namespace === undefined ? {} : { namespace }) }, data: { MODEL: model } },
        provider,
    );
}

/** An EKS cluster and a provider whose kubeconfig comes from it. */
function eks(name: string): { cluster: ResourceView; provider: Provider } {
    const cluster = view("aws:eks/cluster:Cluster", name, { name });
    return { cluster, provider: k8sProvider(name, { kubeconfig: UNKNOWN }) };
}

function stackWith(clusters: Array<{ cluster: ResourceView; provider: Provider }>, resources: ResourceView[]) {
    return stackOf([
        ...clusters.flatMap(({ cluster, provider }) => [node(cluster), node({ ...provider }, { kubeconfig: [cluster] })]),
        ...resources.map((resource) => node(resource)),
    ]);
}

describe("values read from stores of the stack", () => {
    it("reads the ConfigMap of the reader's namespace, not one of the same name in another namespace", () => {
        const { cluster, provider } = eks("inference");
        const serving = server(provider, "serving");
        const research = server(provider, "research");
        const stack = stackWith(
            [{ cluster, provider }],
            [
                serving,
                research,
                configMap(provider, "serving", "gpt-4o"),
                configMap(provider, "research", "meta-llama/Llama-3.1-8B-Instruct"),
            ],
        );
        const blocked = judge(serving, settings, stack);
        expect(blocked.map((finding) => finding.rule)).toEqual(["stateless-openai-api-on-azure"]);
        expect(evidenceOf(blocked).join("\n")).toContain('ConfigMap "model" key MODEL = gpt-4o');
        // The research namespace's ConfigMap serves Llama: the serving namespace's gpt-4o is not its model.
        expect(judge(research, settings, stack)).toEqual([]);
    });

    it("reads the ConfigMap of the reader's cluster, not one of the same name on another cluster", () => {
        const east = eks("east");
        const west = eks("west");
        const onEast = server(east.provider, "ml");
        const onWest = server(west.provider, "ml");
        const stack = stackWith(
            [east, west],
            [onEast, onWest, configMap(east.provider, "ml", "gpt-4.1"), configMap(west.provider, "ml", "Qwen/Qwen2.5-7B-Instruct")],
        );
        expect(evidenceOf(judge(onEast, settings, stack)).join("\n")).toContain('ConfigMap "model" key MODEL = gpt-4.1');
        expect(judge(onWest, settings, stack)).toEqual([]);
    });

    it("takes a ConfigMap that names no namespace and a reader that names none as one namespace", () => {
        const { cluster, provider } = eks("inference");
        const reader = server(provider, undefined);
        const stack = stackWith(
            [{ cluster, provider }],
            [reader, configMap(provider, "other", "gpt-4o"), configMap(provider, undefined, "meta-llama/Llama-3.1-8B-Instruct")],
        );
        expect(judge(reader, settings, stack)).toEqual([]);
        expect(judge(server(provider, "other"), settings, stack).map((finding) => finding.rule)).toEqual(["stateless-openai-api-on-azure"]);
    });

    it("reads every ConfigMap of that name when none is beside the reader (fail-closed)", () => {
        const { cluster, provider } = eks("inference");
        const reader = server(provider, "serving");
        const stack = stackWith(
            [{ cluster, provider }],
            [reader, configMap(provider, "staging", "meta-llama/Llama-3.1-8B-Instruct"), configMap(provider, "elsewhere", "gpt-4o")],
        );
        expect(evidenceOf(judge(reader, settings, stack)).join("\n")).toContain('ConfigMap "model" key MODEL = gpt-4o');
    });

    it("reads the SSM parameter of the reader's provider (account and region), not one of the same name elsewhere", () => {
        const awsProvider = (name: string): Provider => ({
            urn: `urn:pulumi:dev::demo::pulumi:providers:aws::${name}`,
            type: "pulumi:providers:aws",
            name,
            props: { region: name },
        });
        const east = awsProvider("us-east-1");
        const west = awsProvider("us-west-2");
        const parameter = (provider: Provider, model: string) =>
            view(
                "aws:ssm/parameter:Parameter",
                `served-model-${provider.name}`,
                { name: "/assistant/served-model", type: "String", insecureValue: model },
                provider,
            );
        const task = (provider: Provider) =>
            view(
                "aws:ecs/taskDefinition:TaskDefinition",
                `vllm-${provider.name}`,
                {
                    family: "vllm",
                    containerDefinitions: JSON.stringify([
                        {
                            name: "vllm",
                            image: "vllm/vllm-openai:v0.6.4",
                            command: ["--served-model-name", "$SERVED_MODEL_NAME"],
                            secrets: [{ name: "SERVED_MODEL_NAME", valueFrom: "/assistant/served-model" }],
                        },
                    ]),
                },
                provider,
            );
        const eastTask = task(east);
        const westTask = task(west);
        const stack = stackOf(
            [eastTask, westTask, parameter(east, "gpt-4o-mini"), parameter(west, "mistralai/Mistral-7B-Instruct-v0.3")].map((r) => node(r)),
        );
        expect(evidenceOf(judge(eastTask, settings, stack)).join("\n")).toContain('SSM parameter "/assistant/served-model" = gpt-4o-mini');
        expect(judge(westTask, settings, stack)).toEqual([]);
    });

    it("reads the parameter of the region an ARN names, whichever provider reads it", () => {
        const awsProvider = (region: string): Provider => ({
            urn: `urn:pulumi:dev::demo::pulumi:providers:aws::${region}`,
            type: "pulumi:providers:aws",
            name: region,
            props: { region },
        });
        const east = awsProvider("us-east-1");
        const tokyo = awsProvider("ap-northeast-1");
        const parameter = (provider: Provider, model: string) =>
            view(
                "aws:ssm/parameter:Parameter",
                `served-${provider.name}`,
                { name: "/llm/served-model", type: "String", insecureValue: model },
                provider,
            );
        const task = (provider: Provider, region: string) =>
            view(
                "aws:ecs/taskDefinition:TaskDefinition",
                `reads-${region}-from-${provider.name}`,
                {
                    family: "vllm",
                    containerDefinitions: JSON.stringify([
                        {
                            name: "vllm",
                            image: "vllm/vllm-openai:v0.6.4",
                            command: ["--served-model-name", "$SERVED_MODEL_NAME"],
                            secrets: [
                                { name: "SERVED_MODEL_NAME", valueFrom: `arn:aws:ssm:${region}:123456789012:parameter/llm/served-model` },
                            ],
                        },
                    ]),
                },
                provider,
            );
        const canary = task(east, "ap-northeast-1");
        const reverse = task(tokyo, "us-east-1");
        const stack = stackOf(
            [canary, reverse, parameter(east, "meta-llama/Llama-3.1-8B-Instruct"), parameter(tokyo, "gpt-4o")].map((r) => node(r)),
        );
        expect(evidenceOf(judge(canary, settings, stack)).join("\n")).toContain('SSM parameter "/llm/served-model" = gpt-4o');
        expect(judge(reverse, settings, stack)).toEqual([]);
    });
});

describe("a server's config file read from a mounted ConfigMap", () => {
    function mounted(
        servedModelName: string,
        head = "host: 0.0.0.0\nport: 8000\n",
    ): { reader: ResourceView; stack: ReturnType<typeof stackWith> } {
        const { cluster, provider } = eks("inference");
        const config = view(
            "kubernetes:core/v1:ConfigMap",
            "vllm-config",
            {
                metadata: { name: "vllm-config", namespace: "serving" },
                data: { "vllm.yaml": `${head}${servedModelName}` },
            },
            provider,
        );
        const reader = view(
            "kubernetes:apps/v1:Deployment",
            "assistant",
            {
                metadata: { namespace: "serving" },
                spec: {
                    template: {
                        spec: {
                            containers: [
                                {
                                    name: "vllm",
                                    image: "vllm/vllm-openai:v0.6.4",
                                    args: ["--config", "/etc/vllm/vllm.yaml"],
                                    volumeMounts: [{ name: "config", mountPath: "/etc/vllm" }],
                                },
                            ],
                            volumes: [{ name: "config", configMap: { name: "vllm-config" } }],
                        },
                    },
                },
            },
            provider,
        );
        return { reader, stack: stackWith([{ cluster, provider }], [reader, config]) };
    }

    it.each([
        ["a list", "served-model-name:\n  - gpt-4o\n  - gpt-4o-2024-08-06\n"],
        ["a flow list", "served-model-name: [gpt-4o]\n"],
        ["one name", "served-model-name: gpt-4o\n"],
    ])("takes every name the server answers to (%s)", (_, served) => {
        const { reader, stack } = mounted(served);
        const [finding, ...more] = judge(reader, settings, stack);
        expect(more).toEqual([]);
        expect(finding.subject).toMatchObject({ kind: "serves-model", model: { id: "gpt-4o" } });
        expect(finding.evidence[0].path).toContain('ConfigMap "vllm-config" key vllm.yaml (YAML).served-model-name');
    });

    it("passes the same server answering to open-weight names only", () => {
        const { reader, stack } = mounted("served-model-name:\n  - llama-3.1-8b\n  - meta-llama/Llama-3.1-8B-Instruct\n");
        expect(judge(reader, settings, stack)).toEqual([]);
    });

    it("blocks, naming where it stopped, when a value in the file cannot be read: the model may come after it", () => {
        // Base64 gzip that does not inflate: the pack stops reading the file there.
        const { reader, stack } = mounted(
            "note: H4sIAAAAAAAAA+3OMQ6AIBAEwK\nserving:\n  served-model-name: [gpt-4o]\n  args: [--port, '8000']\n",
            "",
        );
        const [finding, ...more] = judge(reader, settings, stack);
        expect(more).toEqual([]);
        expect(finding).toMatchObject({ rule: "stateless-openai-api-on-azure", viaStack: true });
        expect(finding.subject).toMatchObject({ kind: "unreadable", reason: "it is gzip that does not inflate" });
        expect(finding.evidence[0].path).toContain('ConfigMap "vllm-config" key vllm.yaml (YAML).note');
    });

    it("does not block a process that serves nothing for a file it cannot read", () => {
        const { reader, stack } = mounted("note: H4sIAAAAAAAAA+3OMQ6AIBAEwK\n");
        const container = (reader.props as { spec: { template: { spec: { containers: Array<Record<string, unknown>> } } } }).spec.template
            .spec.containers[0];
        Object.assign(container, { name: "web", image: "nginx:1.27", volumeMounts: [{ name: "config", mountPath: "/etc/app" }] });
        delete container.args;
        expect(judge(reader, settings, stack)).toEqual([]);
    });
});

describe("a value found only by dependency on a store with several keys", () => {
    /** An ECS-style task whose `--served-model-name` is unknown in the preview and depends on a secret version. */
    function judged(secretString: Record<string, string>): Verdict[] {
        const version = view("aws:secretsmanager/secretVersion:SecretVersion", "serving-v1", {
            secretString: JSON.stringify(secretString),
        });
        const task = view("aws:ecs/taskDefinition:TaskDefinition", "assistant-vllm", {
            containerDefinitions: [
                {
                    name: "vllm",
                    image: "vllm/vllm-openai:v0.9.1",
                    command: ["--model", "/mnt/models/assistant", "--served-model-name", UNKNOWN],
                },
            ],
        });
        const stack = stackOf([node(version), node(task, { containerDefinitions: [version] })]);
        return judge(task, settings, stack);
    }

    it("takes the key named like the setting, not its neighbours", () => {
        expect(judged({ servedModelName: "llama-3.1-8b-instruct", evalJudgeModel: "gpt-4o" })).toEqual([]);
        expect(evidenceOf(judged({ servedModelName: "gpt-4o", evalJudgeModel: "llama-3.1-8b-instruct" }))).toEqual([
            'containerDefinitions[0].command[3] → Secrets Manager secret "serving-v1" key servedModelName = [secret]',
        ]);
    });

    it("takes every key when none is named like the setting (fail-closed)", () => {
        expect(evidenceOf(judged({ primary: "llama-3.1-8b-instruct", judge: "gpt-4o" }))).toEqual([
            'containerDefinitions[0].command[3] → Secrets Manager secret "serving-v1" key judge = [secret]',
        ]);
    });
});

describe("a variable a boot script uses and nothing sets", () => {
    const judgedScript = (lines: string[], props: Record<string, unknown> = {}) => {
        const vm = view("aws:ec2/instance:Instance", "chat-gpu", { instanceType: "g5.2xlarge", userData: lines.join("\n"), ...props });
        return judge(vm, settings, stackOf([node(vm)]));
    };

    it("leaves the served model to the machine it runs on: unknown, so a server is blocked (fail-closed)", () => {
        for (const use of ['exec vllm serve "$MODEL" --port 8000', "exec vllm serve --model ${MODEL} --port 8000"]) {
            const found = judgedScript(["#!/bin/bash", "cd /opt/serving", use]);
            expect(found.map((f) => [f.subject.kind, f.viaStack])).toEqual([["serves-unknown-model", true]]);
            expect(evidenceOf(found)).toEqual(["userData (line 3) = (computed as the script runs)"]);
        }
    });

    it("is read as set where something the pack sees sets it: the script, its default, or a system variable", () => {
        expect(judgedScript(["#!/bin/bash", "MODEL=meta-llama/Llama-3.1-8B-Instruct", 'exec vllm serve "$MODEL"'])).toEqual([]);
        expect(judgedScript(["#!/bin/bash", 'exec vllm serve "${MODEL:-meta-llama/Llama-3.1-8B-Instruct}"'])).toEqual([]);
        expect(judgedScript(["#!/bin/bash", 'exec vllm serve "$HOME/models/llama-3.1-8b"'])).toEqual([]);
        expect(judgedScript(["#!/bin/bash", "MODEL=gpt-4o", 'exec vllm serve "$MODEL"']).map((f) => f.subject.kind)).toEqual([
            "serves-model",
        ]);
    });

    it("is left to the stack where the process's own settings or environment it takes name it", () => {
        // A container's env names MODEL (its value in a ConfigMap of the stack): the stack phase reads it, as before.
        const container = (env: unknown[], envFrom: unknown[] = []) =>
            view("kubernetes:apps/v1:Deployment", "chat", {
                spec: {
                    template: {
                        spec: {
                            containers: [
                                { name: "vllm", image: "vllm/vllm-openai", command: ["sh", "-c", 'vllm serve "$MODEL"'], env, envFrom },
                            ],
                        },
                    },
                },
            });
        const scopes = (v: ReturnType<typeof container>) => factsOf(v, settings).extraction.scopes;
        const named = container([{ name: "MODEL", valueFrom: { configMapKeyRef: { name: "serving", key: "model" } } }]);
        expect(scopes(named).flatMap((scope) => scope.settings.filter((s) => s.computed))).toEqual([]);
        const fromStore = container([], [{ configMapRef: { name: "serving" } }]);
        expect(scopes(fromStore).flatMap((scope) => scope.settings.filter((s) => s.computed))).toEqual([]);
        const unset = container([]);
        expect(scopes(unset).flatMap((scope) => scope.settings.filter((s) => s.computed).map((s) => s.name))).toHaveLength(1);
    });
});

describe("a value a boot script computes as it runs (a vault, a file, a metadata call)", () => {
    const bucket = view("aws:s3/bucket:Bucket", "weights", { bucket: "chat-weights" });
    /** An EC2 instance whose user data serves the model `model` after setting MODEL with a command the pack cannot read. */
    function judged(model: string): Verdict[] {
        const userData = ["#!/bin/bash", "MODEL=$(vault kv get -field=model secret/chat)", `exec vllm serve ${model} --port 8000`].join(
            "\n",
        );
        const vm = view("aws:ec2/instance:Instance", "chat-gpu", { instanceType: "g5.2xlarge", userData });
        // The user data names the bucket too: a dependency that says nothing of what vault returns.
        return judge(vm, settings, stackOf([node(bucket), node(vm, { userData: [bucket] })]));
    }

    it("is unknown, so the server's model cannot be shown not to be a proprietary one (fail-closed)", () => {
        const found = judged('"$MODEL"');
        expect(found.map((f) => [f.rule, f.subject, f.viaStack])).toEqual([
            ["stateless-openai-api-on-azure", { kind: "serves-unknown-model", service: "model server", computed: true }, true],
        ]);
        expect(messageOf(found[0])).toContain("serves a model that its script computes as it runs");
        expect(evidenceOf(found)).toEqual([
            "userData (line 2) = (computed as the script runs)",
            "userData (line 3) = (computed as the script runs)",
        ]);
    });

    it("is not read from a store the property depends on, which holds something else", () => {
        // The user data names a parameter (for its log level); what vault returns is not that parameter's value.
        const parameter = view("aws:ssm/parameter:Parameter", "log-level", {
            name: "/chat/log-level",
            type: "String",
            value: "llama-3.1-8b",
        });
        const userData = ["#!/bin/bash", "MODEL=$(vault kv get -field=model secret/chat)", 'exec vllm serve "$MODEL" --port 8000'].join(
            "\n",
        );
        const vm = view("aws:ec2/instance:Instance", "chat-gpu", { instanceType: "g5.2xlarge", userData });
        const found = judge(vm, settings, stackOf([node(parameter), node(vm, { userData: [parameter] })]));
        expect(found.map((f) => f.subject.kind)).toEqual(["serves-unknown-model"]);
    });

    it("reaches a config file the script writes, unless the here-document is quoted (the shell then writes it as it is)", () => {
        const written = (delimiter: string) =>
            [
                "#!/bin/bash",
                `cat > /etc/vllm.yaml <<${delimiter}`,
                "model: $(vault kv get -field=model secret/chat)",
                "port: 8000",
                "EOF",
                "exec vllm serve --config /etc/vllm.yaml",
            ].join("\n");
        const judgedWith = (userData: string) => {
            const vm = view("aws:ec2/instance:Instance", "chat-gpu", { instanceType: "g5.2xlarge", userData });
            return judge(vm, settings, stackOf([node(vm)]));
        };
        const found = judgedWith(written("EOF"));
        expect(found.map((f) => f.subject.kind)).toEqual(["serves-unknown-model"]);
        expect(evidenceOf(found)).toEqual(["userData (line 3, YAML).model = (computed as the script runs)"]);
        // `<<'EOF'`: the file holds the text `$(vault …)` itself, which names no model.
        expect(judgedWith(written("'EOF'"))).toEqual([]);
    });

    it("does not hide a proprietary model the script names outright", () => {
        expect(judged("gpt-4o").map((f) => [f.subject.kind, evidenceOf([f])])).toEqual([["serves-model", ["userData (line 3) = gpt-4o"]]]);
    });

    it("is a client's unknown endpoint, not the endpoint of a resource its property depends on", () => {
        const userData = [
            "#!/bin/bash",
            "export OPENAI_BASE_URL=$(cat /etc/llm-endpoint)",
            "export OPENAI_MODEL=gpt-4o",
            "python3 app.py",
        ].join("\n");
        const vm = view("aws:ec2/instance:Instance", "chat-app", { instanceType: "t3.small", userData });
        const found = judge(vm, settings, stackOf([node(bucket), node(vm, { userData: [bucket] })]));
        expect(found.map((f) => [f.rule, f.subject.kind === "calls-model" && f.subject.endpoint.kind])).toEqual([
            ["openai-calls-hosted-on-azure", "unknown"],
        ]);
        expect(evidenceOf(found)).toContain("userData (line 2) = (computed as the script runs)");
        // What the pack could not know is listed as such in the verdict the checker's reports read.
        expect(found[0].unknowns).toEqual([{ path: "userData (line 2)", shown: "(computed as the script runs)" }]);
    });
});
