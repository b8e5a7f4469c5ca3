// The walk over a resource's inputs (policypack/evidence/inputs.ts), read straight off `readInputs`:
// the settings it finds in each shape a process is configured in, where it says they sit, whether
// they are secret, what they point at, and where it stops. Each of these is what a finding names.
import { bedrockInvocationIn, readConfigText, readInputs, walkLimits } from "../policypack/evidence/inputs";
import { keptAssetValue } from "../policypack/assets";
import { secret, UNKNOWN, view } from "./support/views";
import { judge } from "../policypack/registry";
import { defaultSettings } from "../policypack/settings";

const read = (props: Record<string, unknown>) => readInputs(props);
/** The settings of the one scope the inputs hold. */
const settingsOf = (props: Record<string, unknown>) => {
    const { scopes } = read(props);
    expect(scopes).toHaveLength(1);
    return scopes[0].settings;
};
const plain = (name: string, path: string, value: string, property: string, isSecret = false) => ({
    name,
    path,
    value,
    unknown: false,
    secret: isSecret,
    property,
});
const unknownSetting = (name: string, path: string, property: string, isSecret = false) => ({
    name,
    path,
    unknown: true,
    secret: isSecret,
    property,
});

describe("an environment given as a list", () => {
    it("reads every shape of entry a provider uses, each at its own element", () => {
        const env = [
            secret("A=1"),
            { name: "B", value: secret("x") },
            { name: "C", value: UNKNOWN },
            { name: "D", value: 5 },
            { key: "E", text: "t" },
            { Name: "F", Value: "v" },
            { name: "", value: "ignored: no name" },
            "=no name either",
            "NO_EQUALS_SIGN",
            7,
            { name: "G" },
            { name: "H", valueFrom: "arn:aws:ssm:us-east-1:111122223333:parameter/model" },
            { name: "I", valueSource: { secretKeyRef: { secret: "model-secret", version: "latest" } } },
            { name: "J", valueFrom: UNKNOWN },
            { variable: "K", stringValue: "s" },
            { name: "L", value: { nested: "object" } },
        ];
        const at = "spec.containers[0].env";
        expect(settingsOf({ spec: { containers: [{ image: "registry/app", env }] } })).toEqual([
            plain("A", `${at}[0]`, "1", "spec", true),
            plain("B", `${at}[1].value`, "x", "spec", true),
            unknownSetting("C", `${at}[2].value`, "spec"),
            plain("D", `${at}[3].value`, "5", "spec"),
            plain("E", `${at}[4].text`, "t", "spec"),
            plain("F", `${at}[5].Value`, "v", "spec"),
            {
                ...unknownSetting("H", `${at}[11].valueFrom`, "spec"),
                ref: { kind: "aws-store", reference: "arn:aws:ssm:us-east-1:111122223333:parameter/model" },
            },
            { ...unknownSetting("I", `${at}[12].valueSource`, "spec"), ref: { kind: "named-secret", name: "model-secret" } },
            { ...unknownSetting("J", `${at}[13].valueFrom`, "spec"), ref: { kind: "aws-store" } },
            plain("K", `${at}[14].stringValue`, "s", "spec"),
        ]);
    });

    it("points a Kubernetes valueFrom at the ConfigMap or Secret key it reads", () => {
        const env = [
            { name: "MODEL", valueFrom: { configMapKeyRef: { name: "serving", key: "model" } } },
            { name: "TOKEN", valueFrom: { secretKeyRef: { name: "creds", key: UNKNOWN } } },
            { name: "OTHER", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
        ];
        expect(settingsOf({ containers: [{ name: "srv", image: "registry/app", env }] }).filter((s) => s.path.includes("env"))).toEqual([
            {
                ...unknownSetting("MODEL", "containers[0].env[0].valueFrom", "containers"),
                ref: { kind: "kubernetes-key", store: "ConfigMap", name: "serving", key: "model" },
            },
            {
                ...unknownSetting("TOKEN", "containers[0].env[1].valueFrom", "containers"),
                ref: { kind: "kubernetes-key", store: "Secret", name: "creds", key: undefined },
            },
            unknownSetting("OTHER", "containers[0].env[2].valueFrom", "containers"),
        ]);
    });

    it("reads a secret list of entries as secret", () => {
        expect(settingsOf({ image: "registry/app", env: secret([{ name: "A", value: "1" }, "B=2"]) })).toEqual([
            plain("A", "env[0].value", "1", "env", true),
            plain("B", "env[1]", "2", "env", true),
        ]);
    });

    it("says a whole environment unknown during preview is one unknown setting named by its key, standing for the block", () => {
        expect(settingsOf({ image: "registry/app", env: UNKNOWN })).toEqual([{ ...unknownSetting("env", "env", "env"), block: true }]);
        expect(settingsOf({ task: { image: "registry/app", environment: secret(UNKNOWN) } })).toEqual([
            { ...unknownSetting("environment", "task.environment", "task", true), block: true },
        ]);
        expect(settingsOf({ image: "registry/app", environment: { variables: UNKNOWN } })).toEqual([
            { ...unknownSetting("variables", "environment.variables", "environment"), block: true },
        ]);
    });
});

describe("an environment given as a map", () => {
    it("reads strings, numbers and booleans, unknowns, secrets, and Lambda's nested `variables`", () => {
        const environment = { A: "1", B: UNKNOWN, C: true, D: 3, E: secret("x"), variables: { F: "f" }, G: null };
        expect(settingsOf({ image: "registry/app", environment })).toEqual([
            plain("A", "environment.A", "1", "environment"),
            unknownSetting("B", "environment.B", "environment"),
            plain("C", "environment.C", "true", "environment"),
            plain("D", "environment.D", "3", "environment"),
            plain("E", "environment.E", "x", "environment", true),
            plain("F", "environment.variables.F", "f", "environment"),
        ]);
    });

    it("reads every entry of a secret map as secret", () => {
        expect(settingsOf({ image: "registry/app", env: secret({ A: "1", B: UNKNOWN }) })).toEqual([
            plain("A", "env.A", "1", "env", true),
            unknownSetting("B", "env.B", "env", true),
        ]);
    });

    it("walks on into an object inside the map: a process there is a scope of its own", () => {
        const { scopes } = read({
            image: "registry/app",
            environment: { A: "1", sidecar: { image: "vllm/vllm-openai", args: ["--model", "gpt-4o"] } },
        });
        expect(scopes).toEqual([
            {
                path: "environment.sidecar",
                settings: [plain("--model", "environment.sidecar.args[1]", "gpt-4o", "environment")],
                engines: ["vLLM"],
                refs: [],
            },
            { path: "(inputs)", settings: [plain("A", "environment.A", "1", "environment")], engines: [], refs: [] },
        ]);
    });

    it("reads a whole config file held in one variable as a document of the process", () => {
        const { scopes } = read({
            image: "registry/app",
            env: { CONFIG_FILE: "model: gpt-4o\nport: 8000\n", CONFIG_JSON: '{"model": "gpt-4o-mini"}', SHORT: "a\nb", BRACE: "{x}" },
        });
        expect(scopes.map((scope) => [scope.path, scope.settings.map((s) => [s.name, s.value, s.path])])).toEqual([
            [
                "env.CONFIG_FILE (YAML)",
                [
                    ["model", "gpt-4o", "env.CONFIG_FILE (YAML).model"],
                    ["port", "8000", "env.CONFIG_FILE (YAML).port"],
                ],
            ],
            ["env.CONFIG_JSON (JSON)", [["model", "gpt-4o-mini", "env.CONFIG_JSON (JSON).model"]]],
            [
                "(inputs)",
                [
                    ["CONFIG_FILE", "model: gpt-4o\nport: 8000\n", "env.CONFIG_FILE"],
                    ["CONFIG_JSON", '{"model": "gpt-4o-mini"}', "env.CONFIG_JSON"],
                    ["SHORT", "a\nb", "env.SHORT"],
                    ["BRACE", "{x}", "env.BRACE"],
                ],
            ],
        ]);
        expect(scopes[0].settings.every((s) => s.property === "env" && !s.secret)).toBe(true);
    });

    it("keeps the secrecy of a variable into the config file it holds", () => {
        const { scopes } = read({ image: "registry/app", env: { CONFIG_FILE: secret("model: gpt-4o\nport: 8000\n") } });
        expect(scopes[0].settings[0]).toEqual(plain("model", "env.CONFIG_FILE (YAML).model", "gpt-4o", "env", true));
    });
});

describe("values that name where the real value lives", () => {
    it("reads Key Vault references as unknown values with the vault and secret they name", () => {
        const env = {
            BY_URI: "@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/model-name/abc)",
            BY_NAME: "@Microsoft.KeyVault(VaultName=kv2;SecretName=model)",
            NOT_A_REF: "Microsoft.KeyVault(VaultName=kv2;SecretName=model)",
        };
        expect(settingsOf({ image: "registry/app", env })).toEqual([
            { ...unknownSetting("BY_URI", "env.BY_URI", "env"), ref: { kind: "azure-key-vault", vault: "kv1", secret: "model-name" } },
            { ...unknownSetting("BY_NAME", "env.BY_NAME", "env"), ref: { kind: "azure-key-vault", vault: "kv2", secret: "model" } },
            plain("NOT_A_REF", "env.NOT_A_REF", "Microsoft.KeyVault(VaultName=kv2;SecretName=model)", "env"),
        ]);
    });

    it("keeps an SSM or Secrets Manager ARN, and a parameter path under a model or parameter name, as a reference", () => {
        const arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:model";
        const env = {
            ARN: arn,
            NOT_AN_ARN: "arn:aws:s3:::bucket/key",
            MODEL_PARAM: "/inference/model",
            HOME: "/var/lib/app",
            MODEL: "/short",
            MODEL_URL: "/a//b",
            MODEL_ID: "/with spaces/x",
        };
        expect(settingsOf({ image: "registry/app", env })).toEqual([
            { ...plain("ARN", "env.ARN", arn, "env"), ref: { kind: "aws-store", reference: arn } },
            plain("NOT_AN_ARN", "env.NOT_AN_ARN", "arn:aws:s3:::bucket/key", "env"),
            {
                ...plain("MODEL_PARAM", "env.MODEL_PARAM", "/inference/model", "env"),
                ref: { kind: "aws-store", reference: "/inference/model" },
            },
            plain("HOME", "env.HOME", "/var/lib/app", "env"),
            plain("MODEL", "env.MODEL", "/short", "env"),
            plain("MODEL_URL", "env.MODEL_URL", "/a//b", "env"),
            plain("MODEL_ID", "env.MODEL_ID", "/with spaces/x", "env"),
        ]);
    });
});

describe("stores a script reads as it runs", () => {
    it("takes a setting a variable set from a store reaches as unknown, held in that store", () => {
        const userData = [
            "#!/bin/bash",
            "SERVED=$(aws ssm get-parameter --name /serving/chat/served-name --query Parameter.Value --output text)",
            'export MODEL="$(aws secretsmanager get-secret-value --secret-id serving/cfg --query SecretString --output text | jq -r .MODEL)"',
            "ALIAS=$(gcloud secrets versions access 3 --secret=chat-alias)",
            'vllm serve /models/m --served-model-name "$SERVED" --tokenizer "$MODEL" --alias "$ALIAS"',
        ].join("\n");
        const settings = settingsOf({ userData });
        const byName = (name: string) => settings.filter((setting) => setting.name === name);
        expect(byName("--served-model-name")).toEqual([
            {
                ...unknownSetting("--served-model-name", "userData (line 5)", "userData"),
                ref: { kind: "aws-store", reference: "arn:aws:ssm:::parameter/serving/chat/served-name" },
            },
        ]);
        expect(byName("--tokenizer")).toEqual([
            {
                ...unknownSetting("--tokenizer", "userData (line 5)", "userData"),
                ref: { kind: "aws-store", reference: "arn:aws:secretsmanager:::secret:serving/cfg:MODEL::" },
            },
        ]);
        expect(byName("--alias")).toEqual([
            { ...unknownSetting("--alias", "userData (line 5)", "userData"), ref: { kind: "named-secret", name: "chat-alias" } },
        ]);
    });

    it("reads a Secret Manager version named by hand as a reference, and keeps any other path as it is", () => {
        const env = { MODEL_SECRET: "projects/acme-prod/secrets/chat-model/versions/latest", MODEL_DIR: "projects/acme/models/chat" };
        expect(settingsOf({ image: "registry/app", env })).toEqual([
            {
                ...plain("MODEL_SECRET", "env.MODEL_SECRET", "projects/acme-prod/secrets/chat-model/versions/latest", "env"),
                ref: { kind: "named-secret", name: "chat-model" },
            },
            plain("MODEL_DIR", "env.MODEL_DIR", "projects/acme/models/chat", "env"),
        ]);
    });
});

describe("envFrom and environment files", () => {
    it("points the process at each ConfigMap and Secret it takes every key of, with the prefix", () => {
        const envFrom = [{ configMapRef: { name: "serving" }, prefix: "P_" }, { secretRef: { name: UNKNOWN } }, "junk"];
        expect(read({ containers: [{ image: "registry/app", envFrom }] }).scopes).toEqual([
            {
                path: "containers[0]",
                settings: [],
                engines: [],
                refs: [
                    {
                        kind: "kubernetes-env-from",
                        store: "ConfigMap",
                        name: "serving",
                        prefix: "P_",
                        path: "containers[0].envFrom[0].configMapRef",
                        property: "containers",
                    },
                    {
                        kind: "kubernetes-env-from",
                        store: "Secret",
                        name: undefined,
                        prefix: undefined,
                        path: "containers[0].envFrom[1].secretRef",
                        property: "containers",
                    },
                ],
            },
        ]);
    });

    it("ignores an envFrom or environmentFiles that is not a list", () => {
        expect(read({ image: "registry/app", envFrom: { configMapRef: { name: "serving" } } }).scopes).toEqual([]);
        expect(read({ image: "registry/app", environmentFiles: { value: "arn:aws:s3:::b/x.env" } }).scopes).toEqual([]);
    });

    it("points an ECS container at each .env file in S3 it loads (at most 100)", () => {
        const environmentFiles = [{ value: "arn:aws:s3:::bucket/app.env", type: "s3" }, { value: UNKNOWN }, "junk"];
        expect(read({ image: "registry/app", environmentFiles }).scopes[0].refs).toEqual([
            {
                kind: "fetched-file",
                reference: "arn:aws:s3:::bucket/app.env",
                path: "environmentFiles[0]",
                property: "environmentFiles",
            },
            { kind: "fetched-file", reference: undefined, path: "environmentFiles[1]", property: "environmentFiles" },
            { kind: "fetched-file", reference: undefined, path: "environmentFiles[2]", property: "environmentFiles" },
        ]);
        const many = Array.from({ length: 101 }, (_, i) => ({ value: `arn:aws:s3:::bucket/${i}.env`, type: "s3" }));
        const refs = read({ image: "registry/app", environmentFiles: many }).scopes[0].refs;
        expect(refs).toHaveLength(100);
        expect(refs[99]).toMatchObject({ reference: "arn:aws:s3:::bucket/99.env", path: "environmentFiles[99]" });
    });
});

describe("the body of a request a workload sends", () => {
    it("reads its fields, and those one level in, as a client's settings beside the endpoint", () => {
        const body = { model: "gpt-4o", options: { deployment: "d1", deeper: { x: "not read" } } };
        expect(read({ url: "https://api.openai.com/v1/chat/completions", body }).scopes).toEqual([
            {
                path: "(inputs)",
                settings: [
                    plain("url", "url", "https://api.openai.com/v1/chat/completions", "url"),
                    plain("model", "body.model", "gpt-4o", "body"),
                    plain("deployment", "body.options.deployment", "d1", "body"),
                ],
                engines: [],
                refs: [],
                client: true,
            },
        ]);
    });

    it("reads a JSON template whose placeholders are not yet values", () => {
        expect(settingsOf({ endpoint: "https://example.com", inputTemplate: '{"model": <model>, "n": 1}' })).toEqual([
            plain("endpoint", "endpoint", "https://example.com", "endpoint"),
            plain("n", "inputTemplate.n", "1", "inputTemplate"),
        ]);
    });

    it("reads a template inside the body one level deep", () => {
        const requestBody = { model: "gpt-4o", inputTransformer: '{"engine": "davinci"}', nested: '{"m": "o3"}' };
        const [client] = read({ endpoint: "https://example.com", requestBody }).scopes;
        expect(client.settings.map((s) => [s.name, s.value, s.path])).toEqual([
            ["endpoint", "https://example.com", "endpoint"],
            ["model", "gpt-4o", "requestBody.model"],
            ["nested", '{"m": "o3"}', "requestBody.nested"],
            ["engine", "davinci", "requestBody.inputTransformer.engine"],
            ["m", "o3", "requestBody.nested.m"],
        ]);
    });

    it("reads nothing of a body that is neither an object nor JSON", () => {
        expect(read({ endpoint: "https://example.com", payload: "not json" }).scopes).toEqual([]);
        // Broken JSON still makes a process of the object, but adds nothing and does not make it a client.
        expect(read({ endpoint: "https://example.com", payload: "{not json" }).scopes).toEqual([
            { path: "(inputs)", settings: [plain("endpoint", "endpoint", "https://example.com", "endpoint")], engines: [], refs: [] },
        ]);
    });
});

describe("a command or argument list", () => {
    it("reads a flag's value at the value's element, and `--flag=value` and `K=V` at their own", () => {
        const args = ["--port", 8000, { not: "a word" }, "--model", secret("gpt-4o"), "--served-model-name=gpt-4o-mini", "K=V"];
        expect(settingsOf({ image: "registry/app", args })).toEqual([
            plain("--port", "args[1]", "8000", "args"),
            plain("--model", "args[4]", "gpt-4o", "args", true),
            plain("--served-model-name", "args[5]", "gpt-4o-mini", "args"),
            plain("K", "args[6]", "V", "args"),
        ]);
    });

    it("keeps secret a value whose own element is secret, not one beside a secret flag", () => {
        expect(settingsOf({ image: "registry/app", args: [secret("--model"), "gpt-4o", "--port", secret(8000)] })).toEqual([
            plain("--model", "args[1]", "gpt-4o", "args"),
            plain("--port", "args[3]", "8000", "args", true),
        ]);
        expect(settingsOf({ image: "registry/app", args: secret(["--model", "gpt-4o"]) })).toEqual([
            plain("--model", "args[1]", "gpt-4o", "args", true),
        ]);
    });

    it("reads an unknown word as that flag's value, or as a whole unknown argument where no flag precedes it", () => {
        const args = ["--model", UNKNOWN, UNKNOWN, "--port=8000", UNKNOWN, "serve", secret(UNKNOWN)];
        expect(settingsOf({ image: "registry/app", args })).toEqual([
            unknownSetting("argument", "args[2]", "args"),
            unknownSetting("argument", "args[4]", "args"),
            unknownSetting("argument", "args[6]", "args", true),
            unknownSetting("--model", "args[1]", "args"),
            plain("--port", "args[3]", "8000", "args"),
        ]);
        expect(settingsOf({ image: "registry/app", args: [UNKNOWN] })).toEqual([unknownSetting("argument", "args[0]", "args")]);
    });

    it("reads an engine's positional model unknown during preview as the model, unknown", () => {
        expect(read({ image: "registry/app", command: ["vllm", "serve", UNKNOWN] }).scopes).toEqual([
            {
                path: "(inputs)",
                settings: [unknownSetting("argument", "command[2]", "command"), unknownSetting("--model", "command[2]", "command")],
                engines: ["vLLM"],
                refs: [],
            },
        ]);
    });

    it("reads a flag after an empty word at the flag's value", () => {
        expect(settingsOf({ image: "registry/app", command: ["", "--model", "gpt-4o"] })).toEqual([
            plain("--model", "command[2]", "gpt-4o", "command"),
        ]);
    });

    it("expands the process's variables in a shell line of its arguments", () => {
        expect(settingsOf({ image: "registry/app", env: [{ name: "M", value: "gpt-4o" }], args: ["sh", "-c", "vllm serve $M"] })).toEqual([
            plain("M", "env[0].value", "gpt-4o", "env"),
            plain("--model", "args[2]", "gpt-4o", "args"),
        ]);
    });

    it("reads cloud-init's nested command lists, each at its own element", () => {
        expect(read({ runcmd: [["vllm", "serve", "gpt-4o"], "echo ready"] }).scopes).toEqual([
            { path: "(inputs)", settings: [plain("--model", "runcmd[0][2]", "gpt-4o", "runcmd")], engines: ["vLLM"], refs: [] },
        ]);
    });

    it("reads a command given as one string as a command line", () => {
        expect(read({ image: "registry/app", command: "vllm serve gpt-4o --port 8000" }).scopes).toEqual([
            {
                path: "(inputs)",
                settings: [plain("--model", "command", "gpt-4o", "command"), plain("--port", "command", "8000", "command")],
                engines: ["vLLM"],
                refs: [],
            },
        ]);
    });

    it("reads nothing of an argument list that is an object", () => {
        expect(read({ image: "registry/app", args: { model: "gpt-4o" } }).scopes).toEqual([]);
    });

    it("reads more flags beside the command, given as a list or as one line", () => {
        expect(settingsOf({ image: "registry/app", args: ["--model", "gpt-4o"], extraArgs: ["--served-model-name", "o3"] })).toEqual([
            plain("--model", "args[1]", "gpt-4o", "args"),
            plain("--served-model-name", "extraArgs[1]", "o3", "extraArgs"),
        ]);
        expect(
            settingsOf({ image: "registry/app", args: ["--model", "gpt-4o"], extraFlags: "--served-model-name gpt-4o-mini --port 9000" }),
        ).toEqual([
            plain("extraFlags", "extraFlags", "--served-model-name gpt-4o-mini --port 9000", "extraFlags"),
            plain("--model", "args[1]", "gpt-4o", "args"),
            plain("--served-model-name", "extraFlags", "gpt-4o-mini", "extraFlags"),
            plain("--port", "extraFlags", "9000", "extraFlags"),
        ]);
    });
});

describe("a script or user data", () => {
    it("says user data unknown during preview cannot be read, and stands for any setting of its process", () => {
        expect(read({ image: "registry/app", userData: UNKNOWN })).toEqual({
            // A serving engine's model may be in it: the serving rule blocks an engine that names none (fail-closed).
            scopes: [
                {
                    path: "(inputs)",
                    settings: [{ name: "argument", path: "userData", unknown: true, secret: false, property: "userData", block: true }],
                    engines: [],
                    refs: [],
                },
            ],
            invocations: [],
            bindings: [],
            labels: [],
            unreadable: [{ path: "userData", reason: "unknown during preview" }],
            unknownBlocks: ["userData"],
        });
    });

    it("reads nothing of a script that is not text", () => {
        expect(read({ image: "registry/app", userData: 5 })).toEqual({
            scopes: [],
            invocations: [],
            bindings: [],
            labels: [],
            unreadable: [],
            unknownBlocks: [],
        });
    });

    it("keeps the settings of a secret script secret", () => {
        expect(read({ image: "registry/app", startupScript: secret("vllm serve gpt-4o") }).scopes).toEqual([
            {
                path: "(inputs)",
                settings: [plain("--model", "startupScript", "gpt-4o", "startupScript", true)],
                engines: ["vLLM"],
                refs: [],
            },
        ]);
    });
});

const base64 = (text: string) => Buffer.from(text).toString("base64");

describe("scripts: decoded, written files, and where the walk stops decoding", () => {
    it("reads a script through every layer of base64, up to the bound, naming each layer in the path", () => {
        let encoded = "#!/bin/bash\nvllm serve gpt-4o\n";
        for (let i = 0; i < walkLimits.maxDecodeDepth; i++) {
            encoded = base64(encoded);
        }
        expect(read({ image: "registry/app", userData: encoded }).scopes).toEqual([
            {
                path: "(inputs)",
                settings: [plain("--model", "userData (base64) (base64) (base64) (base64) (line 2)", "gpt-4o", "userData")],
                engines: ["vLLM"],
                refs: [],
            },
        ]);
        // One layer more: the walk stops there, and the resource is judged fail-closed.
        const stop = {
            path: "userData (base64) (base64) (base64) (base64)",
            reason: "it is encoded more than 4 levels deep; the pack stops reading there",
        };
        expect(read({ image: "registry/app", userData: base64(encoded) })).toEqual({
            scopes: [],
            invocations: [],
            bindings: [],
            labels: [],
            unreadable: [stop],
            stoppedAt: stop,
            unknownBlocks: [],
        });
    });

    it("reads a cloud-config document as processes of its own", () => {
        expect(read({ image: "registry/app", userData: "#cloud-config\nruncmd:\n  - [vllm, serve, gpt-4o]\n" }).scopes).toEqual([
            {
                path: "userData (YAML)",
                settings: [plain("--model", "userData (YAML).runcmd[0][2]", "gpt-4o", "userData")],
                engines: ["vLLM"],
                refs: [],
            },
        ]);
    });

    it("reads a compose file the script writes as a document, and the rest of the script as its lines", () => {
        const userData = [
            "#!/bin/bash",
            "cat > /etc/compose.yml <<'EOF'",
            "services:",
            "  llm:",
            "    image: vllm/vllm-openai",
            '    command: ["--model", "gpt-4o"]',
            "EOF",
            "export PORT=8000",
        ].join("\n");
        expect(read({ image: "registry/app", userData }).scopes).toEqual([
            {
                path: "userData (line 3, YAML).services.llm",
                settings: [plain("--model", "userData (line 3, YAML).services.llm.command[1]", "gpt-4o", "userData")],
                engines: ["vLLM"],
                refs: [],
            },
            { path: "(inputs)", settings: [plain("PORT", "userData (line 8)", "8000", "userData")], engines: [], refs: [] },
        ]);
    });

    it("reads a text file the script writes as lines of the script", () => {
        const userData = "#!/bin/bash\ncat > /etc/run.sh <<EOF\nvllm serve gpt-4o\nEOF\n";
        expect(settingsOf({ image: "registry/app", userData })).toEqual([plain("--model", "userData (line 3)", "gpt-4o", "userData")]);
    });

    it("names no line for a one-line script", () => {
        expect(settingsOf({ image: "registry/app", userData: "export MODEL=gpt-4o" })).toEqual([
            plain("MODEL", "userData", "gpt-4o", "userData"),
        ]);
    });
});

describe("strings outside a process", () => {
    it("reads JSON inside JSON in configuration up to the bound, then stops there", () => {
        const nested = (levels: number) => {
            let document: unknown = { model: "gpt-4o" };
            for (let i = 0; i < levels; i++) {
                document = { d: JSON.stringify(document) };
            }
            return document;
        };
        const deepest = read({ values: nested(walkLimits.maxDecodeDepth) }).scopes.at(-1);
        expect(deepest?.settings).toEqual([plain("model", "values.d (JSON).d (JSON).d (JSON).d (JSON).model", "gpt-4o", "values")]);
        const beyond = read({ values: nested(walkLimits.maxDecodeDepth + 1) });
        expect(beyond.stoppedAt).toEqual({
            path: "values.d (JSON).d (JSON).d (JSON).d (JSON).d",
            reason: "it is encoded more than 4 levels deep; the pack stops reading there",
        });
        expect(beyond.scopes.flatMap((scope) => scope.settings).some((s) => s.name === "model")).toBe(false);
        // Outside configuration, a deeper document is not evidence and stops nothing.
        const shape = read({ meta: nested(walkLimits.maxDecodeDepth + 1) });
        expect(shape.stoppedAt).toBeUndefined();
        expect(shape.unreadable).toEqual([]);
    });

    it("reads a base64 JSON document as a process of its own", () => {
        const meta = base64(JSON.stringify({ image: "vllm/vllm-openai", args: ["--model", "gpt-4o"] }));
        expect(read({ meta }).scopes).toEqual([
            {
                path: "meta (base64, JSON)",
                settings: [plain("--model", "meta (base64, JSON).args[1]", "gpt-4o", "meta")],
                engines: ["vLLM"],
                refs: [],
            },
        ]);
    });

    it("stops at text in configuration it cannot decode, and passes over it elsewhere", () => {
        const broken = "H4sIAAAAAAAAA+3OMQ6AIBAEwK";
        expect(read({ values: { x: broken } }).stoppedAt).toEqual({ path: "values.x", reason: "it is gzip that does not inflate" });
        expect(read({ meta: broken })).toEqual({
            scopes: [],
            invocations: [],
            bindings: [],
            labels: [],
            unreadable: [],
            unknownBlocks: [],
        });
    });

    it("reads a launch under a key of any name as a process of its own, secret when its text is", () => {
        expect(read({ hooks: { post: secret("vllm serve gpt-4o") } }).scopes).toEqual([
            { path: "hooks.post", settings: [plain("--model", "hooks.post", "gpt-4o", "hooks", true)], engines: ["vLLM"], refs: [] },
        ]);
        expect(read({ description: "vllm serve gpt-4o" }).scopes).toEqual([]);
        // Not for a store of data: a command line kept there runs nothing by itself.
        expect(readInputs({ hooks: { post: "vllm serve gpt-4o" } }, true, false).scopes).toEqual([]);
        expect(readInputs({ exec: ["vllm", "serve", "gpt-4o"] }, true, false).scopes).toEqual([]);
    });

    it("reads a line of flags beside a process's command as more of its command line, not prose or a YAML separator", () => {
        const props = { image: "registry/app", command: ["vllm", "serve", "gpt-4o"], flags: "--max-model-len 4096", notes: "--model o3" };
        expect(settingsOf(props)).toEqual([
            plain("flags", "flags", "--max-model-len 4096", "flags"),
            plain("notes", "notes", "--model o3", "notes"),
            plain("--model", "command[2]", "gpt-4o", "command"),
            plain("--max-model-len", "flags", "4096", "flags"),
        ]);
        for (const flags of ["---model o3", "--model o3\n--port 1", "--model"]) {
            expect(settingsOf({ image: "registry/app", flags })).toEqual([plain("flags", "flags", flags, "flags")]);
        }
        expect(settingsOf({ image: "registry/app", flags: "--model=o3" })).toEqual([
            plain("flags", "flags", "--model=o3", "flags"),
            plain("--model", "flags", "o3", "flags"),
        ]);
    });
});

describe("custom-domain bindings", () => {
    it("reads a hostname, a list, entries that name their host, and a load balancer's host condition", () => {
        const props = {
            domainName: "api.example.com",
            hostnames: ["a.example.com", secret("b.example.com"), "no-dot", UNKNOWN],
            customDomains: [{ name: "c.example.com" }, { name: secret("d.example.com") }],
            hostHeader: { values: ["e.example.com"] },
            aliases: 5,
        };
        expect(read(props).bindings).toEqual([
            { path: "domainName", hostname: "api.example.com", secret: false },
            { path: "hostnames[0]", hostname: "a.example.com", secret: false },
            { path: "hostnames[1]", hostname: "b.example.com", secret: true },
            { path: "customDomains[0].name", hostname: "c.example.com", secret: false },
            { path: "customDomains[1].name", hostname: "d.example.com", secret: true },
            { path: "hostHeader.values[0]", hostname: "e.example.com", secret: false },
        ]);
        expect(read({ domain: secret("s.example.com") }).bindings).toEqual([{ path: "domain", hostname: "s.example.com", secret: true }]);
    });

    it("finds the host of an entry named by `domain`, `hostname` or `domainName`", () => {
        const hosts = read({
            customDomains: [{ domain: "d.example.com" }, { hostname: "e.example.com" }, { domainName: "f.example.com" }],
        }).bindings.map((b) => b.hostname);
        expect(new Set(hosts)).toEqual(new Set(["d.example.com", "e.example.com", "f.example.com"]));
    });

    it("reads no binding off a typed entry (a DNS record), nor where bindings are not read", () => {
        expect(read({ records: [{ type: "A", hostname: "x.example.com" }] }).bindings).toEqual([]);
        expect(readInputs({ domainName: "api.example.com", pattern: "x.example.com/*" }, false).bindings).toEqual([]);
    });

    it("reads an Ingress rule's host, not a bare `host` field", () => {
        expect(read({ rules: [{ host: "chat.example.com", http: { paths: [] } }, { host: "no.example.com" }] }).bindings).toEqual([
            { path: "rules[0].host", hostname: "chat.example.com", secret: false },
        ]);
        expect(read({ rules: [{ host: "chat.example.com", paths: [] }] }).bindings).toEqual([
            { path: "rules[0].host", hostname: "chat.example.com", secret: false },
        ]);
    });

    it("reads the hostname a CDN or Workers route pattern starts with", () => {
        const routes = [
            { pattern: "*.chatgpt.com/backend-api/*" },
            { routePattern: " chat.example.com/x" },
            { pattern: "nohost/*" },
            { pattern: "a b.com/x" },
            { pattern: UNKNOWN },
            { pattern: secret("s.example.com/*") },
            { pattern: "*example.com" },
            { pattern: "x.*.com/y" },
            { pattern: 5 },
        ];
        expect(read({ routes }).bindings).toEqual([
            { path: "routes[0].pattern", hostname: "chatgpt.com", secret: false },
            { path: "routes[1].routePattern", hostname: "chat.example.com", secret: false },
            { path: "routes[5].pattern", hostname: "s.example.com", secret: true },
            { path: "routes[6].pattern", hostname: "example.com", secret: false },
        ]);
    });
});

describe("Bedrock invocations", () => {
    it("reads the model a Step Functions task invokes, unknown where the state gives it at run time", () => {
        const what = "a Step Functions task that invokes a Bedrock model";
        const task = (path: string, value: string | undefined, unknown: boolean, isSecret = false) => ({
            path,
            value,
            unknown,
            secret: isSecret,
            service: "Amazon Bedrock",
            cloud: "aws",
            what,
        });
        const States = {
            Ask: {
                Resource: "arn:aws:states:::bedrock:invokeModel",
                Parameters: { ModelId: "anthropic.claude-3", "ModelId.$": "$.model" },
                Arguments: { modelId: secret("meta.llama3") },
            },
            Converse: { resource: "arn:aws:states:::bedrockruntime:converse", Parameters: { ModelId: UNKNOWN } },
            NotBedrock: { Resource: "arn:aws:states:::lambda:invoke", Parameters: { ModelId: "x" } },
            NoParameters: { Resource: "arn:aws:states:::bedrock:invokeModel", Parameters: "none" },
            NotText: { Resource: "arn:aws:states:::bedrock:invokeModel", Parameters: { ModelId: 5 } },
        };
        expect(read({ States }).invocations).toEqual([
            task("States.Ask.Parameters.ModelId", "anthropic.claude-3", false),
            task("States.Ask.Parameters.ModelId.$", undefined, true),
            task("States.Ask.Arguments.modelId", "meta.llama3", false, true),
            task("States.Converse.Parameters.ModelId", undefined, true),
            task("States.NotText.Parameters.ModelId", undefined, false),
        ]);
    });

    it("reads the model an integration URI or URL forwards to, decoded", () => {
        const props = {
            integration: { uri: "arn:aws:apigateway:us-east-1:bedrock-runtime:path/model/anthropic.claude%3Av2/invoke" },
            url: secret("https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.titan/converse"),
        };
        const what = "an integration that forwards to the Bedrock runtime";
        expect(read(props).invocations).toEqual([
            {
                path: "integration.uri",
                value: "anthropic.claude:v2",
                unknown: false,
                secret: false,
                service: "Amazon Bedrock",
                cloud: "aws",
                what,
            },
            { path: "url", value: "amazon.titan", unknown: false, secret: true, service: "Amazon Bedrock", cloud: "aws", what },
        ]);
    });
});

describe("ConfigMap and Secret volumes a container mounts", () => {
    it("points the container at each store it mounts, by the volume's name", () => {
        const spec = {
            containers: [
                {
                    name: "srv",
                    image: "registry/app",
                    volumeMounts: [{ name: "cfg" }, { name: "sec" }, { name: "proj" }, { name: "scratch" }],
                },
            ],
            volumes: [
                { name: "cfg", configMap: { name: "serving" } },
                { name: "sec", secret: { secretName: "creds" } },
                { name: "proj", projected: { sources: [{ configMap: { name: "projected" } }, { secret: { name: "s" } }] } },
                { name: "scratch", emptyDir: {} },
                { configMap: { name: "unnamed volume" } },
            ],
        };
        const deployment = { apiVersion: "apps/v1", kind: "Deployment", spec: { template: { spec } } };
        const [container] = read(deployment).scopes;
        const at = "spec.template.spec.containers[0]";
        expect(container.path).toBe(`${at} (container "srv")`);
        expect(container.refs).toEqual([
            { kind: "kubernetes-mounted-files", store: "ConfigMap", name: "serving", path: `${at}.volumeMounts[0]`, property: "spec" },
            { kind: "kubernetes-mounted-files", store: "Secret", name: "creds", path: `${at}.volumeMounts[1]`, property: "spec" },
            { kind: "kubernetes-mounted-files", store: "ConfigMap", name: "projected", path: `${at}.volumeMounts[2]`, property: "spec" },
            { kind: "kubernetes-mounted-files", store: "Secret", name: "s", path: `${at}.volumeMounts[2]`, property: "spec" },
        ]);
    });

    it("mounts nothing from volumes outside the pod spec", () => {
        const props = { containers: [{ image: "registry/app", volumeMounts: [{ name: "cfg" }] }] };
        expect(read(props).scopes).toEqual([]);
    });
});

describe("labels", () => {
    it("notes every tag or label map, never a selector", () => {
        const props = { tags: { team: "ml" }, spec: { podLabels: { app: "llm" }, matchLabels: { app: "llm" }, selectorTags: { x: "y" } } };
        expect(read(props).labels).toEqual([
            { path: "tags", value: { team: "ml" }, secret: false },
            { path: "spec.podLabels", value: { app: "llm" }, secret: false },
        ]);
        expect(read({ spec: secret({ labels: { app: "llm" } }) }).labels).toEqual([
            { path: "spec.labels", value: { app: "llm" }, secret: true },
        ]);
    });
});

describe("Pulumi assets", () => {
    const SIG = "4dabf18193072939515e22adb298388d";
    it("reads an inline asset's text", () => {
        expect(read({ code: { [SIG]: "c44067f5952c0a294b673a41bacd8c17", text: "vllm serve gpt-4o" } }).scopes).toEqual([
            { path: "code", settings: [plain("--model", "code", "gpt-4o", "code")], engines: ["vLLM"], refs: [] },
        ]);
    });

    it("says in configuration which assets it cannot read, and passes over them elsewhere", () => {
        const values = {
            file: { [SIG]: "c44067f5952c0a294b673a41bacd8c17", path: "./start.sh" },
            remote: { [SIG]: "c44067f5952c0a294b673a41bacd8c17", uri: "https://example.com/start.sh" },
            archive: { [SIG]: "0def7320c3a5731c473e5ecbe6d01bc7", assets: {} },
            reference: { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:dev::demo::x::y" },
        };
        expect(read({ values }).unreadable).toEqual([
            { path: "values.file", reason: "the file asset ./start.sh, which the pack cannot read" },
            { path: "values.remote", reason: "a remote asset, which the pack cannot read" },
            { path: "values.archive", reason: "an archive, which the pack cannot read" },
            { path: "values.reference", reason: "a resource reference, which the pack cannot read" },
        ]);
        expect(read({ code: values.file }).unreadable).toEqual([]);
    });
});

describe("configuration: every object's string fields are settings", () => {
    it("reads LiteLLM's parameters beside the model name as one scope, two levels in", () => {
        const values = {
            llm: {
                model_name: "gpt-4o",
                litellm_params: { model: "azure/gpt-4o", api_base: "https://x.openai.azure.com", extra: { deep: "d" } },
            },
        };
        expect(read({ values }).scopes).toEqual([
            {
                path: "values",
                settings: [
                    plain("model_name", "values.llm.model_name", "gpt-4o", "values"),
                    plain("model", "values.llm.litellm_params.model", "azure/gpt-4o", "values"),
                    plain("api_base", "values.llm.litellm_params.api_base", "https://x.openai.azure.com", "values"),
                ],
                engines: [],
                refs: [],
            },
            {
                path: "values.llm.litellm_params.extra",
                settings: [plain("deep", "values.llm.litellm_params.extra.deep", "d", "values")],
                engines: [],
                refs: [],
            },
        ]);
    });

    it("reads every name a server serves, and the models a client's provider entry asks for", () => {
        const config = {
            served_model_name: ["gpt-4o", "gpt-4o-2024-08-06", UNKNOWN, 5, secret("o3")],
            models: ["a", "b"],
            api_base: "https://x",
            other_list: ["q"],
        };
        expect(settingsOf({ config })).toEqual([
            plain("served_model_name", "config.served_model_name[0]", "gpt-4o", "config"),
            plain("served_model_name", "config.served_model_name[1]", "gpt-4o-2024-08-06", "config"),
            plain("served_model_name", "config.served_model_name[4]", "o3", "config", true),
            plain("models", "config.models[0]", "a", "config"),
            plain("models", "config.models[1]", "b", "config"),
            plain("api_base", "config.api_base", "https://x", "config"),
        ]);
        // A list of models with no endpoint beside it is not a client's provider entry.
        expect(read({ config: { models: ["a", "b"] } }).scopes).toEqual([]);
        expect(settingsOf({ config: { model_list: ["a"], endpoint: "https://x" } })).toEqual([
            plain("model_list", "config.model_list[0]", "a", "config"),
            plain("endpoint", "config.endpoint", "https://x", "config"),
        ]);
    });

    it("names a generic key by the key its object sits under", () => {
        expect(settingsOf({ config: { model: { name: "gpt-4o", id: UNKNOWN, value: 5 }, count: 3, flag: true } })).toEqual([
            plain("count", "config.count", "3", "config"),
            plain("model_name", "config.model.name", "gpt-4o", "config"),
            unknownSetting("model_id", "config.model.id", "config"),
            plain("model_value", "config.model.value", "5", "config"),
        ]);
    });

    it("keeps the secrecy and the references of configuration values", () => {
        expect(settingsOf({ config: secret({ model: "gpt-4o" }) })).toEqual([plain("model", "config.model", "gpt-4o", "config", true)]);
        expect(settingsOf({ config: { kv: "@Microsoft.KeyVault(VaultName=v;SecretName=s)", model_param: "/a/b" } })).toEqual([
            { ...unknownSetting("kv", "config.kv", "config"), ref: { kind: "azure-key-vault", vault: "v", secret: "s" } },
            { ...plain("model_param", "config.model_param", "/a/b", "config"), ref: { kind: "aws-store", reference: "/a/b" } },
        ]);
    });
});

describe("processes and their scopes", () => {
    it("names a container's scope by its name, and the top of the inputs as `(inputs)`", () => {
        expect(read({ image: "ghcr.io/huggingface/text-generation-inference:2", name: "tgi" }).scopes).toEqual([
            {
                path: '(inputs) (container "tgi")',
                settings: [plain("name", "name", "tgi", "name")],
                engines: ["Text Generation Inference"],
                refs: [],
            },
        ]);
    });

    it("reads the environment before the command line that expands it, whatever the key order", () => {
        const command = ["sh", "-c", 'vllm serve "$SERVED"'];
        const env = [{ name: "SERVED", value: "gpt-4o" }];
        const expected = [
            {
                path: "(inputs)",
                settings: [plain("SERVED", "env[0].value", "gpt-4o", "env"), plain("--model", "command[2]", "gpt-4o", "command")],
                engines: ["vLLM"],
                refs: [],
            },
        ];
        expect(read({ image: "vllm/vllm-openai", env, command }).scopes).toEqual(expected);
        expect(read({ command, env }).scopes).toEqual(expected);
    });

    it("takes no engine from an image that is not text", () => {
        expect(read({ image: 5, args: ["--model", "gpt-4o"] }).scopes).toEqual([
            { path: "(inputs)", settings: [plain("--model", "args[1]", "gpt-4o", "args")], engines: [], refs: [] },
        ]);
    });
});

describe("Kubernetes objects", () => {
    it("reads a pod's spec as configuration and its containers as processes", () => {
        const pod = {
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: "p" },
            spec: {
                nodeSelector: { pool: "gpu" },
                containers: [{ name: "srv", image: "vllm/vllm-openai:v0.6", args: ["--model", "gpt-4o"] }],
            },
        };
        expect(read(pod).scopes).toEqual([
            { path: "spec", settings: [plain("pool", "spec.nodeSelector.pool", "gpu", "spec")], engines: [], refs: [] },
            {
                path: 'spec.containers[0] (container "srv")',
                settings: [
                    plain("containers_name", "spec.containers[0].name", "srv", "spec"),
                    plain("--model", "spec.containers[0].args[1]", "gpt-4o", "spec"),
                ],
                engines: ["vLLM"],
                refs: [],
            },
        ]);
    });

    it("leaves a ConfigMap's or Secret's data to whatever mounts or references it", () => {
        const configMap = {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: "serving", labels: { app: "llm" } },
            data: { MODEL: "gpt-4o", "config.yaml": "model: o3\n" },
        };
        expect(read(configMap)).toEqual({
            scopes: [],
            invocations: [],
            bindings: [],
            labels: [{ path: "metadata.labels", value: { app: "llm" }, secret: false }],
            unreadable: [],
            unknownBlocks: [],
        });
        expect(read({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: { MODEL: "gpt-4o" } }).scopes).toEqual([]);
    });

    it("does not read a Kubernetes object's metadata as configuration", () => {
        expect(read({ apiVersion: "v1", kind: "Service", metadata: { name: "llm", namespace: "ml" } }).scopes).toEqual([]);
    });
});

describe("the bounds of the walk", () => {
    const server = { image: "vllm/vllm-openai", args: ["--model", "gpt-4o"] };
    const nestedIn = (levels: number) => {
        let props: Record<string, unknown> = server;
        for (let i = 0; i < levels; i++) {
            props = { a: props };
        }
        return props;
    };

    it("reads a process nested just within the depth bound, and stops one level deeper", () => {
        const within = read(nestedIn(walkLimits.maxDepth - 1));
        expect(within.stoppedAt).toBeUndefined();
        expect(within.scopes[0].settings.map((s) => s.value)).toEqual(["gpt-4o"]);
        const beyond = read(nestedIn(walkLimits.maxDepth));
        expect(beyond.scopes).toEqual([]);
        expect(beyond.stoppedAt).toEqual({
            path: Array(walkLimits.maxDepth).fill("a").join("."),
            reason: "it nests more than 64 levels deep; the pack stops reading there",
        });
        expect(beyond.unreadable).toEqual([beyond.stoppedAt]);
    });

    it("reads the first 10 000 elements of a longer list, then stops there", () => {
        const list: unknown[] = Array.from({ length: walkLimits.maxEntries + 1 }, () => 0);
        list[walkLimits.maxEntries - 1] = server;
        list[walkLimits.maxEntries] = { ...server, args: ["--model", "o3"] };
        const reading = read({ list });
        expect(reading.scopes.map((scope) => [scope.path, scope.settings.map((s) => s.value)])).toEqual([["list[9999]", ["gpt-4o"]]]);
        expect(reading.stoppedAt).toEqual({ path: "list", reason: "more than 10000 elements; the pack stops reading there" });
    });

    it("reads an object of 10 000 entries, and stops at one with more", () => {
        const map: Record<string, unknown> = {};
        for (let i = 0; i < walkLimits.maxEntries - 1; i++) {
            map[`k${i}`] = i;
        }
        map["last"] = server;
        const reading = read({ map });
        expect(reading.stoppedAt).toBeUndefined();
        expect(reading.scopes.map((scope) => scope.path)).toEqual(["map.last"]);
        map["one-more"] = 0;
        expect(read({ map })).toEqual({
            scopes: [],
            invocations: [],
            bindings: [],
            labels: [],
            unreadable: [{ path: "map", reason: "more than 10000 entries; the pack stops reading there" }],
            stoppedAt: { path: "map", reason: "more than 10000 entries; the pack stops reading there" },
            unknownBlocks: [],
        });
    });

    it("stops after 200 000 values, reading nothing further", () => {
        const bulk = Array.from({ length: 10_000 }, () => Array.from({ length: 20 }, () => 0));
        const reading = read({ bulk, server });
        expect(reading.scopes).toEqual([]);
        expect(reading.stoppedAt).toEqual({ path: "bulk[9523][14]", reason: "more than 200000 values; the pack stops reading there" });
        expect(reading.unreadable).toHaveLength(1);
    });

    it("counts the numbers, booleans and nulls of objects toward that bound, though it reads nothing in them", () => {
        const row = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, i % 3 === 0 ? 0 : i % 3 === 1 ? true : null]));
        const bulk = Array.from({ length: 10_000 }, () => ({ ...row }));
        const reading = read({ bulk, server });
        expect(reading.scopes).toEqual([]);
        expect(reading.stoppedAt).toEqual({ path: "bulk[9523].f14", reason: "more than 200000 values; the pack stops reading there" });
    });
});

describe("what the key a value sits under says it is", () => {
    const summary = (props: Record<string, unknown>): Summary => {
        const reading = read(props);
        return {
            settings: reading.scopes.flatMap((scope) => scope.settings.map((s) => `${s.path}=${s.value ?? "?"}`)),
            engines: reading.scopes.flatMap((scope) => scope.engines),
            refs: reading.scopes.flatMap((scope) => scope.refs.map((ref) => ref.kind)),
            client: reading.scopes.some((scope) => scope.client),
            bindings: reading.bindings.map((b) => b.path),
            labels: reading.labels.map((l) => l.path),
        };
    };
    interface Summary {
        settings: string[];
        engines: string[];
        refs: string[];
        client: boolean;
        bindings: string[];
        labels: string[];
    }
    const none: Summary = { settings: [], engines: [], refs: [], client: false, bindings: [], labels: [] };

    it.each<[string, Record<string, unknown>, Partial<Summary>]>([
        [
            "ECS secrets",
            { containerSecrets: [{ name: "TOKEN", valueFrom: "arn:aws:secretsmanager:r:1:secret:t" }] },
            { settings: ["containerSecrets[0].valueFrom=?"] },
        ],
        ["env vars", { envVars: { MODEL: "gpt-4o" } }, { settings: ["envVars.MODEL=gpt-4o"] }],
        ["app settings", { appSettings: { MODEL: "gpt-4o" } }, { settings: ["appSettings.MODEL=gpt-4o"] }],
        ["settings", { settings: { MODEL: "gpt-4o" } }, { settings: ["settings.MODEL=gpt-4o"] }],
        ["an entry point", { entryPoint: ["vllm", "serve", "gpt-4o"] }, { settings: ["entryPoint[2]=gpt-4o"], engines: ["vLLM"] }],
        ["cloud-init bootcmd", { bootCmd: ["vllm", "serve", "gpt-4o"] }, { settings: ["bootCmd[2]=gpt-4o"], engines: ["vLLM"] }],
        ["cloud-init", { cloudInit: "vllm serve gpt-4o" }, { settings: ["cloudInit=gpt-4o"], engines: ["vLLM"] }],
        ["an image URI", { imageUri: "vllm/vllm-openai:latest" }, { engines: ["vLLM"] }],
        ["a container image", { containerImage: "vllm/vllm-openai" }, { engines: ["vLLM"] }],
        ["Argo CD values", { valuesObject: { model: "gpt-4o" } }, { settings: ["valuesObject.model=gpt-4o"] }],
        ["a Ray Serve config", { serve_config: { model: "gpt-4o" } }, { settings: ["serve_config.model=gpt-4o"] }],
        ["an environment file", { environmentFile: [{ value: "arn:aws:s3:::b/a.env" }] }, { refs: ["fetched-file"] }],
        ["a message body", { messageBody: { model: "gpt-4o" } }, { settings: ["messageBody.model=gpt-4o"], client: true }],
        ["a custom domain name", { customDomainName: "chat.example.com" }, { bindings: ["customDomainName"] }],
        [
            "a host header and server names",
            { hostHeader: "h.example.com", serverNames: ["s.example.com"] },
            { bindings: ["hostHeader", "serverNames[0]"] },
        ],
        ["all tags and defined tags", { tagsAll: { a: "b" }, definedTags: { c: "d" } }, { labels: ["tagsAll", "definedTags"] }],
        [
            "a policy, metric dimensions and a dashboard",
            {
                assumeRolePolicy: { Statement: [{ Action: "vllm serve gpt-4o" }] },
                dimensions: { model: "gpt-4o" },
                dashboardBody: '{"model": "gpt-4o"}',
            },
            {},
        ],
    ])("%s", (_what, props, expected) => {
        expect(summary(props)).toEqual({ ...none, ...expected });
    });
});

describe("configuration files a ConfigMap mounts (readConfigText)", () => {
    it("reads YAML as configuration, secret when the store is", () => {
        expect(readConfigText("model: gpt-4o\nport: 8000\n", "data.cfg", true)).toEqual([
            {
                path: "data.cfg (YAML)",
                settings: [
                    plain("model", "data.cfg (YAML).model", "gpt-4o", "", true),
                    plain("port", "data.cfg (YAML).port", "8000", "", true),
                ],
                engines: [],
                refs: [],
            },
        ]);
    });

    it("reads each document of a multi-document file", () => {
        expect(readConfigText("---\na: 1\n---\nb: 2\n", "data.multi", false).map((scope) => scope.settings.map((s) => s.path))).toEqual([
            ["data.multi (YAML).a"],
            ["data.multi (YAML).b"],
        ]);
    });

    it("reads a .env file or a script line by line, and prose as nothing", () => {
        expect(readConfigText("MODEL=gpt-4o\nPORT=8000\n", "data.env", false)).toEqual([
            {
                path: "data.env",
                settings: [plain("MODEL", "data.env (line 1)", "gpt-4o", ""), plain("PORT", "data.env (line 2)", "8000", "")],
                engines: [],
                refs: [],
            },
        ]);
        expect(readConfigText("vllm serve gpt-4o", "data.sh", false)).toEqual([
            { path: "data.sh", settings: [plain("--model", "data.sh", "gpt-4o", "")], engines: ["vLLM"], refs: [] },
        ]);
        expect(readConfigText("just words", "data.txt", false)).toEqual([]);
    });
});

describe("references and invocations at their edges", () => {
    it("reads a Key Vault URI over http and ARNs of other partitions, but not look-alikes", () => {
        const env = {
            KV: "@Microsoft.KeyVault(SecretUri=http://kv9.vault.azure.net/secrets/s1)",
            CN: "arn:aws-cn:ssm:cn-north-1:111122223333:parameter/m",
            LOOKALIKE: "arn:aws:ssmx:r:1:p",
            SHORT: "arn:awsx",
        };
        expect(settingsOf({ image: "registry/app", env })).toEqual([
            { ...unknownSetting("KV", "env.KV", "env"), ref: { kind: "azure-key-vault", vault: "kv9", secret: "s1" } },
            {
                ...plain("CN", "env.CN", "arn:aws-cn:ssm:cn-north-1:111122223333:parameter/m", "env"),
                ref: { kind: "aws-store", reference: "arn:aws-cn:ssm:cn-north-1:111122223333:parameter/m" },
            },
            plain("LOOKALIKE", "env.LOOKALIKE", "arn:aws:ssmx:r:1:p", "env"),
            plain("SHORT", "env.SHORT", "arn:awsx", "env"),
        ]);
    });

    it("reads the model of a Bedrock runtime URI in China, or still encoded when it does not decode", () => {
        expect(bedrockInvocationIn("https://bedrock-runtime.cn-north-1.amazonaws.com.cn/model/amazon.titan/invoke")).toBe("amazon.titan");
        expect(bedrockInvocationIn("arn:aws:apigateway:r:bedrock-runtime:path/model/a%E0%A4%A/invoke")).toBe("a%E0%A4%A");
        expect(bedrockInvocationIn("arn:aws:apigateway:r:bedrock-runtime:path/model/m/INVOKE")).toBe("m");
        expect(bedrockInvocationIn("arn:aws:apigateway:r:bedrock-runtime:path/model/m/other")).toBeUndefined();
        expect(bedrockInvocationIn("arn:aws:apigateway:r:bedrock-runtime:path/model/m/invoke".padEnd(4097, " "))).toBeUndefined();
    });

    it("reads a JSON body with leading spaces, and not a template whose placeholder is too long to be one", () => {
        expect(read({ endpoint: "https://example.com", body: '  {"model": "gpt-4o"}' }).scopes[0].settings).toEqual([
            plain("endpoint", "endpoint", "https://example.com", "endpoint"),
            plain("model", "body.model", "gpt-4o", "body"),
        ]);
        expect(read({ endpoint: "https://example.com", body: `{"model": <${"a".repeat(101)}>}` }).scopes[0].settings).toEqual([
            plain("endpoint", "endpoint", "https://example.com", "endpoint"),
        ]);
    });

    it('reads written files opened with `<<-"EOF"`, and one left open to the end of the script', () => {
        const userData = [
            "#!/bin/bash",
            'cat <<-"EOF" > /etc/a.json',
            '{"image": "vllm/vllm-openai", "args": ["--model", "gpt-4o"]}',
            "\tEOF",
            "export B=1",
            "cat > x.yml <<END",
            "model: o3",
            "",
        ].join("\n");
        expect(read({ image: "registry/app", userData }).scopes).toEqual([
            {
                path: "userData (line 3, JSON)",
                settings: [plain("--model", "userData (line 3, JSON).args[1]", "gpt-4o", "userData")],
                engines: ["vLLM"],
                refs: [],
            },
            {
                path: "(inputs)",
                settings: [
                    plain("B", "userData (line 5)", "1", "userData"),
                    plain("model", "userData (line 7, YAML).model", "o3", "userData"),
                ],
                engines: [],
                refs: [],
            },
        ]);
    });
});

describe("the entries of one list or map read", () => {
    const entries = walkLimits.maxEntries;
    const countOf = (props: Record<string, unknown>) => read(props).scopes.flatMap((scope) => [...scope.settings, ...scope.refs]).length;

    it("reads at most 10 000 variables of an environment list or map", () => {
        expect(countOf({ image: "registry/app", env: Array.from({ length: entries + 1 }, (_, i) => `V${i}=x`) })).toBe(entries);
        const map = Object.fromEntries(Array.from({ length: entries + 1 }, (_, i) => [`V${i}`, "x"]));
        expect(countOf({ image: "registry/app", env: map })).toBe(entries);
    });

    it("reads at most 10 000 envFrom sources and arguments", () => {
        const envFrom = Array.from({ length: entries + 1 }, (_, i) => ({ configMapRef: { name: `cm${i}` } }));
        expect(countOf({ image: "registry/app", envFrom })).toBe(entries);
        expect(countOf({ image: "registry/app", args: Array.from({ length: entries + 1 }, (_, i) => `K${i}=V`) })).toBe(entries);
    });

    it("reads a whole config file in a variable only when it is longer than 16 characters", () => {
        const documentsOf = (value: string) => read({ image: "registry/app", env: { CONFIG: value } }).scopes.length - 1;
        expect(documentsOf('{"model":"o3-x"}')).toBe(0); // 16 characters
        expect(documentsOf('{"model":"o3-xy"}')).toBe(1);
        expect(documentsOf("model: o3-abcdefghij")).toBe(0); // one line, not JSON: a value, not a file
    });
});

describe("secrecy inherited from an enclosing secret", () => {
    it("marks every setting of a process held in a secret as secret", () => {
        const container = {
            image: "registry/app",
            env: [{ name: "A", value: "1" }, "B=2", { name: "C", value: UNKNOWN }, { name: "D", valueFrom: "arn:aws:ssm:r:1:parameter/d" }],
            environment: { E: "5", F: UNKNOWN },
            args: ["--model", "gpt-4o", UNKNOWN],
            startupScript: "export G=7",
        };
        const settings = settingsOf({ containers: secret([container]) });
        expect(settings.map((s) => [s.name, s.secret])).toEqual([
            ["A", true],
            ["B", true],
            ["C", true],
            ["D", true],
            ["E", true],
            ["F", true],
            ["argument", true],
            ["--model", true],
            ["G", true],
        ]);
    });

    it("marks a setting secret when only its list, or only its own entry, is", () => {
        const settings = settingsOf({
            image: "registry/app",
            env: secret([
                { name: "A", value: UNKNOWN },
                { name: "B", valueFrom: "arn:aws:ssm:r:1:parameter/b" },
            ]),
            args: secret(["--port", "8000", UNKNOWN]),
            environment: { C: secret(UNKNOWN) },
        });
        expect(settings.map((s) => [s.name, s.secret])).toEqual([
            ["A", true],
            ["B", true],
            ["C", true],
            ["argument", true],
            ["--port", true],
        ]);
        const own = settingsOf({ image: "registry/app", env: [{ name: "A", value: UNKNOWN }, secret({ name: "B", value: UNKNOWN })] });
        expect(own.map((s) => [s.name, s.secret])).toEqual([
            ["A", false],
            ["B", true],
        ]);
    });
});

describe("request bodies and env entries, further shapes", () => {
    it("reads a template inside a body's template one level only, beside the plain objects there", () => {
        const inputTransformer = JSON.stringify({ inputTemplate: JSON.stringify({ model: "deep" }), x: "y", opts: { region: "r" } });
        const [client] = read({ endpoint: "https://example.com", requestBody: { inputTransformer } }).scopes;
        expect(client.path).toBe("(inputs)");
        expect(client.client).toBe(true);
        expect(client.settings.map((s) => [s.name, s.value, s.path])).toEqual([
            ["endpoint", "https://example.com", "endpoint"],
            ["x", "y", "requestBody.inputTransformer.x"],
            ["region", "r", "requestBody.inputTransformer.opts.region"],
        ]);
    });

    it("reads entries named by `Key` and `Variable`", () => {
        expect(
            settingsOf({
                image: "registry/app",
                env: [
                    { Key: "A", value: "1" },
                    { Variable: "B", value: "2" },
                ],
            }),
        ).toEqual([plain("A", "env[0].value", "1", "env"), plain("B", "env[1].value", "2", "env")]);
    });
});

describe("launches under keys of any name, further shapes", () => {
    it("reads a launch inside a process into that process", () => {
        expect(read({ image: "registry/app", lifecycle: { postStart: "vllm serve gpt-4o" } }).scopes).toEqual([
            { path: "(inputs)", settings: [plain("--model", "lifecycle.postStart", "gpt-4o", "lifecycle")], engines: ["vLLM"], refs: [] },
        ]);
    });

    it("reads each of several launches as a process of its own", () => {
        expect(read({ steps: [{ shell: "vllm serve gpt-4o" }, { shell: "vllm serve o3" }] }).scopes).toEqual([
            { path: "steps[0].shell", settings: [plain("--model", "steps[0].shell", "gpt-4o", "steps")], engines: ["vLLM"], refs: [] },
            { path: "steps[1].shell", settings: [plain("--model", "steps[1].shell", "o3", "steps")], engines: ["vLLM"], refs: [] },
        ]);
    });

    it("reads no launch off an empty list or a list under a prose key", () => {
        expect(read({ exec: [] }).scopes).toEqual([]);
        expect(read({ description: ["vllm", "serve", "gpt-4o"] }).scopes).toEqual([]);
    });

    it("reads a list of up to 1 000 words as one command line, and a longer one word by word", () => {
        const filler = (n: number) => Array<string>(n).fill("x");
        expect(read({ exec: ["vllm", "serve", "gpt-4o", ...filler(997)] }).scopes).toEqual([
            { path: "exec", settings: [plain("--model", "exec[2]", "gpt-4o", "exec")], engines: ["vLLM"], refs: [] },
        ]);
        expect(read({ exec: ["vllm", "serve", "gpt-4o", ...filler(998)] }).scopes.map((scope) => scope.path)).toEqual(["exec[0]"]);
    });

    it("reads more arguments beside a process, with an unknown word, only when they set something", () => {
        expect(settingsOf({ image: "registry/app", extra: [UNKNOWN, "vllm", "serve", "gpt-4o"] })).toEqual([
            unknownSetting("argument", "extra[0]", "extra"),
            plain("--model", "extra[3]", "gpt-4o", "extra"),
        ]);
        expect(read({ image: "registry/app", extra: ["--model"] }).scopes).toEqual([]);
        expect(read({ image: "registry/app", extra: ["-m", "o3"] }).scopes).toEqual([]);
    });

    it("stops at a script it cannot decode", () => {
        expect(read({ image: "registry/app", userData: "H4sIAAAAAAAAA+3OMQ6AIBAEwK" }).stoppedAt).toEqual({
            path: "userData",
            reason: "it is gzip that does not inflate",
        });
    });
});

describe("assets as the policy SDK hands them over", () => {
    /** An asset the SDK deserialized: its value kept, out of sight of the object's keys. */
    // As assets.ts keeps them: on an instance of the SDK's asset class, never on a plain object.
    class SdkAsset {}
    const kept = (kind: string, value: unknown) =>
        Object.defineProperty(new SdkAsset(), keptAssetValue, { value: { kind, value }, enumerable: false });

    it("reads a StringAsset's text", () => {
        expect(read({ code: kept("StringAsset", "vllm serve gpt-4o") }).scopes).toEqual([
            { path: "code", settings: [plain("--model", "code", "gpt-4o", "code")], engines: ["vLLM"], refs: [] },
        ]);
    });

    it("says in configuration that a file or remote asset cannot be read, and names a configuration object by its path only", () => {
        const reading = read({
            values: { a: kept("FileAsset", "./start.sh"), b: kept("RemoteAsset", "https://example.com/x"), name: "cfg" },
        });
        expect(reading.unreadable).toEqual([
            { path: "values.a", reason: "the file asset ./start.sh, which the pack cannot read" },
            { path: "values.b", reason: "a remote asset, which the pack cannot read" },
        ]);
        expect(reading.scopes).toEqual([
            { path: "values", settings: [plain("values_name", "values.name", "cfg", "values")], engines: [], refs: [] },
        ]);
        expect(read({ code: kept("FileAsset", "./x") }).unreadable).toEqual([]);
    });

    it("says in configuration that an asset or archive it has no value of cannot be read", () => {
        const [problem] = read({ values: { d: { __pulumiArchive: true } } }).unreadable;
        expect(problem.path).toBe("values.d");
        expect(problem.reason).toMatch(/^an asset whose value is not in the inputs, which the pack cannot read$/);
    });
});

describe("what the walk reads and passes over", () => {
    it("passes over values unknown during preview, policies and dashboards", () => {
        const empty = { scopes: [], invocations: [], bindings: [], labels: [], unreadable: [], unknownBlocks: [] };
        expect(read({ hooks: { post: UNKNOWN } })).toEqual(empty);
        expect(read({ policy: { command: "vllm serve gpt-4o" }, bucketPolicy: '{"a": "vllm serve gpt-4o"}' })).toEqual(empty);
    });

    it("reads a command given as an object by walking into it", () => {
        expect(read({ image: "registry/app", command: { exec: "vllm serve gpt-4o" } }).scopes).toEqual([
            { path: "(inputs)", settings: [plain("--model", "command.exec", "gpt-4o", "command")], engines: ["vLLM"], refs: [] },
        ]);
    });

    it("reads a hostname in configuration both as a setting and as a binding; a server inside as a process of its own", () => {
        const values = { hostname: "chat.example.com", server: { image: "vllm/vllm-openai", args: ["--model", "m"] }, sub: { k: "v" } };
        const reading = read({ values });
        expect(reading.bindings).toEqual([{ path: "values.hostname", hostname: "chat.example.com", secret: false }]);
        expect(reading.scopes).toEqual([
            {
                path: "values",
                settings: [plain("hostname", "values.hostname", "chat.example.com", "values"), plain("k", "values.sub.k", "v", "values")],
                engines: [],
                refs: [],
            },
            { path: "values.server", settings: [plain("--model", "values.server.args[1]", "m", "values")], engines: ["vLLM"], refs: [] },
        ]);
    });

    it("reads no list of more than 100 served model names", () => {
        expect(read({ config: { served_model_name: Array.from({ length: 101 }, (_, i) => `m${i}`) } }).scopes).toEqual([]);
        expect(settingsOf({ config: { served_model_name: Array.from({ length: 100 }, (_, i) => `m${i}`) } })).toHaveLength(100);
    });

    it("reads a Kubernetes manifest a script writes: its containers as processes, the rest into the script's process", () => {
        const userData = [
            "#!/bin/bash",
            "cat > /m.yaml <<EOF",
            "apiVersion: v1",
            "kind: Pod",
            "spec:",
            "  nodeName: n1",
            "  containers:",
            "    - name: c",
            "      image: vllm/vllm-openai",
            "      args: [--model, gpt-4o]",
            "EOF",
            "",
        ].join("\n");
        const doc = "userData (line 3, YAML)";
        expect(read({ image: "registry/app", userData }).scopes).toEqual([
            {
                path: `${doc}.spec.containers[0] (container "c")`,
                settings: [
                    plain("containers_name", `${doc}.spec.containers[0].name`, "c", "userData"),
                    plain("--model", `${doc}.spec.containers[0].args[1]`, "gpt-4o", "userData"),
                ],
                engines: ["vLLM"],
                refs: [],
            },
            {
                path: "(inputs)",
                settings: [
                    plain("apiVersion", `${doc}.apiVersion`, "v1", "userData"),
                    plain("kind", `${doc}.kind`, "Pod", "userData"),
                    plain("nodeName", `${doc}.spec.nodeName`, "n1", "userData"),
                ],
                engines: [],
                refs: [],
            },
        ]);
    });

    it("reads a Kubernetes manifest held as JSON, except a store's data", () => {
        const pod = JSON.stringify({ apiVersion: "v1", kind: "Pod", spec: { nodeName: "n1" } });
        expect(read({ manifest: pod }).scopes).toEqual([
            {
                path: "manifest (JSON).spec",
                settings: [plain("nodeName", "manifest (JSON).spec.nodeName", "n1", "manifest")],
                engines: [],
                refs: [],
            },
        ]);
        expect(read({ manifest: JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", data: { MODEL: "gpt-4o" } }) }).scopes).toEqual([]);
    });
});

describe("more bounds and edges of scripts, launches and bindings", () => {
    const manyExports = Array.from({ length: 10_001 }, (_, i) => `export K${i}=v`).join("\n");
    const stoppedAt = (path: string) => ({ path, reason: "it holds more than 10 000 settings; the pack stops reading there" });

    it("stops at a script or a shell line of arguments holding more than 10 000 settings", () => {
        const script = read({ image: "registry/app", userData: manyExports });
        expect(script.stoppedAt).toEqual(stoppedAt("userData"));
        expect(script.scopes[0].settings).toHaveLength(10_000);
        const args = read({ image: "registry/app", args: ["sh", "-c", manyExports] });
        expect(args.stoppedAt).toEqual(stoppedAt("args"));
        expect(args.scopes[0].settings).toHaveLength(10_000);
    });

    it("reads a launch inside documents within strings up to the bound, and not beyond", () => {
        const nested = (levels: number) => {
            let document: unknown = { run: "vllm serve gpt-4o" };
            for (let i = 0; i < levels; i++) {
                document = { d: JSON.stringify(document) };
            }
            return document;
        };
        expect(read({ meta: nested(walkLimits.maxDecodeDepth - 1) }).scopes).toEqual([
            {
                path: "meta.d (JSON).d (JSON).d (JSON).run",
                settings: [plain("--model", "meta.d (JSON).d (JSON).d (JSON).run", "gpt-4o", "meta")],
                engines: ["vLLM"],
                refs: [],
            },
        ]);
        expect(read({ meta: nested(walkLimits.maxDecodeDepth) }).scopes).toEqual([]);
    });

    it("reads a line of flags only beside a process, and a plain string there only as its own setting", () => {
        expect(read({ flags: "--model o3" }).scopes).toEqual([]);
        expect(settingsOf({ image: "registry/app", foo: "MODEL=gpt-4o" })).toEqual([plain("foo", "foo", "MODEL=gpt-4o", "foo")]);
    });

    it("reads no invocation off a task whose resource is not text", () => {
        const States = { A: { Resource: { "Fn::Join": ["", ["arn:aws:states:::bedrock:invokeModel"]] }, Parameters: { ModelId: "m" } } };
        expect(read({ States }).invocations).toEqual([]);
    });

    it("keeps a binding secret when the object, the list or the entry holding it is", () => {
        const props = {
            site: secret({ domainName: "a.example.com" }),
            hostnames: secret(["b.example.com"]),
            customDomains: [secret({ name: "c.example.com" })],
        };
        expect(read(props).bindings).toEqual([
            { path: "site.domainName", hostname: "a.example.com", secret: true },
            { path: "hostnames[0]", hostname: "b.example.com", secret: true },
            { path: "customDomains[0].name", hostname: "c.example.com", secret: true },
        ]);
    });

    it("reads at most 1 000 mounts of a container", () => {
        const spec = {
            containers: [{ image: "registry/app", volumeMounts: Array.from({ length: 1001 }, () => ({ name: "cfg" })) }],
            volumes: [{ name: "cfg", configMap: { name: "serving" } }],
        };
        expect(read(spec).scopes[0].refs).toHaveLength(1000);
    });
});

describe("scopes of processes and of configuration, further", () => {
    it("reads an environment's values as values, never as launches", () => {
        expect(read({ image: "registry/app", env: { START: "vllm serve gpt-4o" } }).scopes).toEqual([
            { path: "(inputs)", settings: [plain("START", "env.START", "vllm serve gpt-4o", "env")], engines: [], refs: [] },
        ]);
    });

    it("names each engine of a process once", () => {
        expect(
            read({ image: "vllm/vllm-openai", imageUri: "vllm/vllm-openai:v1", command: ["vllm", "serve", "gpt-4o"] }).scopes[0].engines,
        ).toEqual(["vLLM"]);
    });

    it("reads a launch in configuration as a process of its own, and a line of flags there as a value", () => {
        expect(read({ values: { run: "vllm serve gpt-4o" } }).scopes).toEqual([
            { path: "values", settings: [plain("run", "values.run", "vllm serve gpt-4o", "values")], engines: [], refs: [] },
            { path: "values.run", settings: [plain("--model", "values.run", "gpt-4o", "values")], engines: ["vLLM"], refs: [] },
        ]);
        expect(settingsOf({ values: { flags: "--model o3", model: "m" } })).toEqual([
            plain("flags", "values.flags", "--model o3", "values"),
            plain("model", "values.model", "m", "values"),
        ]);
    });

    it("names generic keys whatever their case", () => {
        expect(settingsOf({ config: { model: { Name: "x", ID: "y" } } })).toEqual([
            plain("model_Name", "config.model.Name", "x", "config"),
            plain("model_ID", "config.model.ID", "y", "config"),
        ]);
    });

    it("reads a domain entry's host as a binding and still walks the entry", () => {
        const reading = read({ domains: [{ name: "x.example.com", run: "vllm serve gpt-4o" }] });
        expect(reading.bindings).toEqual([{ path: "domains[0].name", hostname: "x.example.com", secret: false }]);
        expect(reading.scopes.map((scope) => scope.path)).toEqual(["domains[0].run"]);
    });
});

describe("after a stop, and launches in mounted files", () => {
    it("reads nothing after the walk has stopped at a bound", () => {
        const list: unknown[] = Array.from({ length: walkLimits.maxEntries + 1 }, () => 0);
        const reading = read({ list, after: { image: "vllm/vllm-openai", args: ["--model", "o3"] } });
        expect(reading.stoppedAt?.path).toBe("list");
        expect(reading.scopes).toEqual([]);
    });

    it("reads a launch in a mounted configuration file as a process of its own", () => {
        expect(readConfigText("run: vllm serve gpt-4o\n", "data.cfg", false)).toEqual([
            { path: "data.cfg (YAML)", settings: [plain("run", "data.cfg (YAML).run", "vllm serve gpt-4o", "")], engines: [], refs: [] },
            { path: "data.cfg (YAML).run", settings: [plain("--model", "data.cfg (YAML).run", "gpt-4o", "")], engines: ["vLLM"], refs: [] },
        ]);
    });
});

describe("lists a reader takes in whole, and launch lists with numbers", () => {
    it("stops reading an environment of more than 10,000 entries, fail-closed, where a shorter one is read to the end", () => {
        const node = (fillers: number) =>
            view("nimbusgpu:fleet/v1:Node", "n", {
                image: "vllm/vllm-openai",
                env: [...Array.from({ length: fillers }, () => "A=1"), "MODEL=gpt-4o"],
                args: ["--model", "$(MODEL)"],
            });
        const long = judge(node(10_000), defaultSettings);
        expect(long.map((v) => v.rule)).toEqual(["stateless-openai-api-on-azure"]);
        expect(long[0].unreadable.map((item) => item.shown)).toEqual([
            "(could not be read: more than 10000 entries; the pack stops reading there)",
        ]);
        const short = judge(node(9_999), defaultSettings);
        expect(short.map((v) => v.rule)).toEqual(["stateless-openai-api-on-azure"]);
        expect(short[0].unreadable).toEqual([]);
        expect(
            readInputs({ env: Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`K${i}`, "v"])), image: "x" }).stoppedAt,
        ).toEqual({
            path: "env",
            reason: "more than 10000 entries; the pack stops reading there",
        });
    });

    it("reads a launch list under a key of any name when one of its words is a number", () => {
        const rules = (exec: unknown[]) => judge(view("acme:fleet:Job", "j", { exec }), defaultSettings).map((v) => v.rule);
        expect(rules(["vllm", "serve", "gpt-4o", "--port", 8000])).toEqual(["stateless-openai-api-on-azure"]);
        expect(rules(["vllm", "serve", "meta-llama/Llama-3.1-8B", "--port", 8000])).toEqual([]);
    });
});

describe("the readers' smaller bounds stop the walk too, never cut short in silence", () => {
    it("stops at more than 100 environment files, 1,000 custom domains or 1,000 volume mounts", () => {
        const files = Array.from({ length: 101 }, (_, i) => ({ value: `arn:aws:s3:::b/${i}.env`, type: "s3" }));
        expect(readInputs({ image: "registry/app", environmentFiles: files }).stoppedAt).toEqual({
            path: "environmentFiles",
            reason: "more than 100 entries; the pack stops reading there",
        });
        const domains = [...Array.from({ length: 1000 }, (_, i) => `d${i}.example.com`), "chatgpt.com"];
        expect(readInputs({ aliases: domains }).stoppedAt).toEqual({
            path: "aliases",
            reason: "more than 1000 entries; the pack stops reading there",
        });
        const pod = {
            volumes: [{ name: "cfg", configMap: { name: "cfg" } }],
            containers: [
                {
                    name: "app",
                    image: "vllm/vllm-openai",
                    volumeMounts: Array.from({ length: 1001 }, () => ({ name: "cfg", mountPath: "/etc/x" })),
                },
            ],
        };
        expect(readInputs({ spec: pod }).stoppedAt).toEqual({
            path: "spec.containers[0].volumeMounts",
            reason: "more than 1000 entries; the pack stops reading there",
        });
        expect(readInputs({ image: "registry/app", environmentFiles: files.slice(0, 100) }).stoppedAt).toBeUndefined();
        expect(readInputs({ aliases: domains.slice(0, 1000) }).stoppedAt).toBeUndefined();
    });
});

describe("certificates and keys as data", () => {
    it("are not read: base64 PEM that nothing runs, whatever it decodes to", () => {
        const launch = Buffer.from("#!/bin/sh\nvllm serve gpt-4o\n").toString("base64");
        for (const key of [
            "certificate-authority-data",
            "client-certificate-data",
            "client-key-data",
            "caBundle",
            "tlsKeyData",
            "caData",
        ]) {
            expect([key, read({ config: { [key]: launch } }).scopes]).toEqual([key, []]);
        }
        // The same text under a name that is not a certificate is read.
        expect(read({ userData: launch }).scopes.flatMap((scope) => scope.engines)).toEqual(["vLLM"]);
    });

    it("nor is a kubeconfig: how to reach a cluster, whose one command is kubectl's credential plugin", () => {
        const kubeconfig = [
            "apiVersion: v1",
            "kind: Config",
            "clusters: [{ name: c, cluster: { server: 'https://ABC.gr7.us-east-1.eks.amazonaws.com' } }]",
            "contexts: [{ name: c, context: { cluster: c, user: u } }]",
            "current-context: c",
            "users: [{ name: u, user: { exec: { command: aws, args: [eks, get-token, --cluster-name, c], env: [{ name: AWS_PROFILE, value: ml }] } } }]",
        ].join("\n");
        for (const key of ["kubeconfig", "kubeconfigJson", "kubeConfigRaw", "kube_admin_config_raw"]) {
            expect([key, read({ [key]: kubeconfig }).scopes]).toEqual([key, []]);
        }
        // Read as any other configuration text, its credential plugin was a process with settings.
        expect(read({ clusterAccess: kubeconfig }).scopes.length).toBeGreaterThan(0);
    });
});
