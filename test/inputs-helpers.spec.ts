// What the walk over a resource's inputs (policypack/evidence/inputs.ts) makes of a value by the key
// it sits under, and the smaller readers it leans on: references to stores and vaults, Bedrock
// runtime URIs, request templates, assets, volumes, written files and lines of flags. Each case is
// read off `readInputs`, `readConfigText` or `bedrockInvocationIn`: what a finding would name.
import { bedrockInvocationIn, readConfigText, readInputs } from "../policypack/evidence/inputs";
import { keptAssetValue } from "../policypack/assets";
import { secret, UNKNOWN } from "./support/views";

const read = (props: Record<string, unknown>) => readInputs(props);
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

// Providers spell keys every way (camelCase, snake_case): a key is read by its words, whatever the spelling.
describe("every key name the walk knows, by what it makes of the value", () => {
    it.each(["environment", "envs", "env", "variables", "containerVars", "appSettings", "bindings", "envOverrides", "podSecrets"])(
        "reads a map under `%s` as the environment of a process",
        (key) => {
            expect(read({ [key]: { MODEL: "gpt-4o" } }).scopes).toEqual([
                { path: "(inputs)", settings: [plain("MODEL", `${key}.MODEL`, "gpt-4o", key)], engines: [], refs: [] },
            ]);
        },
    );

    it.each(["command", "commands", "args", "arguments", "entrypoint", "entrypoints", "cmd", "argv", "runcmd", "bootcmd", "entry_point"])(
        "reads a list under `%s` as a process's command line",
        (key) => {
            expect(read({ [key]: ["python", "app.py", "--port", "8000"] }).scopes).toEqual([
                { path: "(inputs)", settings: [plain("--port", `${key}[3]`, "8000", key)], engines: [], refs: [] },
            ]);
        },
    );

    it.each(["userData", "user_data", "userdata", "userDataBase64", "customData", "cloudInit", "cloudinit", "startCommand"])(
        "reads text under `%s` as a process's script",
        (key) => {
            expect(read({ [key]: "#!/bin/bash\nexport MODEL=gpt-4o" }).scopes).toEqual([
                { path: "(inputs)", settings: [plain("MODEL", `${key} (line 2)`, "gpt-4o", key)], engines: [], refs: [] },
            ]);
        },
    );

    it.each(["setupScript", "startupHook", "bootstrapActions"])("reads text under `%s` as a script, by one of its words", (key) => {
        expect(read({ [key]: "#!/bin/bash\nexport MODEL=gpt-4o" }).scopes[0].settings).toEqual([
            plain("MODEL", `${key} (line 2)`, "gpt-4o", key),
        ]);
    });

    it.each(["image", "imageUri", "imageName", "imageUrl", "containerImage", "dockerImage"])(
        "takes the serving engine from an image under `%s`",
        (key) => {
            expect(read({ [key]: "vllm/vllm-openai:v0.6" }).scopes).toEqual([
                { path: "(inputs)", settings: [], engines: ["vLLM"], refs: [] },
            ]);
        },
    );

    it.each([
        "values",
        "valuesObject",
        "valueYamlFiles",
        "valuesFiles",
        "valueFiles",
        "serveConfig",
        "serveConfigV2",
        "serviceConfig",
        "config",
        "configuration",
        "configJson",
        "configYaml",
        "modelConfig",
        "inferenceConfig",
        "spec",
    ])("reads an object under `%s` as configuration: its string fields are settings", (key) => {
        expect(read({ [key]: { model: "gpt-4o" } }).scopes).toEqual([
            { path: key, settings: [plain("model", `${key}.model`, "gpt-4o", key)], engines: [], refs: [] },
        ]);
    });

    it.each(["requestBody", "body", "payload", "input", "inputTemplate", "inputTransformer", "requestTemplates", "messageBody"])(
        "reads an object under `%s` as the body of a request a client sends",
        (key) => {
            expect(read({ [key]: { model: "gpt-4o" } }).scopes).toEqual([
                { path: "(inputs)", settings: [plain("model", `${key}.model`, "gpt-4o", key)], engines: [], refs: [], client: true },
            ]);
        },
    );

    it.each([
        "tags",
        "tagsAll",
        "labels",
        "userLabels",
        "resourceLabels",
        "freeformTags",
        "definedTags",
        "dockerLabels",
        "sidecar_labels",
        "volume_tags",
    ])("notes a map under `%s` as labels", (key) => {
        expect(read({ [key]: { team: "ml" } }).labels).toEqual([{ path: key, value: { team: "ml" }, secret: false }]);
    });

    it.each([
        "domainName",
        "domain",
        "domains",
        "customDomain",
        "customDomains",
        "customDomainName",
        "hostname",
        "hostnames",
        "hostName",
        "hostNames",
        "aliases",
        "hosts",
        "hostHeader",
        "serverNames",
    ])("reads a hostname under `%s` as a custom domain", (key) => {
        expect(read({ [key]: "chat.example.com" }).bindings).toEqual([{ path: key, hostname: "chat.example.com", secret: false }]);
    });

    it.each(["environmentFiles", "environment_files", "envFiles", "envFile", "environmentFile"])(
        "reads a list under `%s` as .env files the process loads",
        (key) => {
            expect(read({ image: "registry/app", [key]: [{ value: "arn:aws:s3:::bucket/app.env" }] }).scopes[0].refs).toEqual([
                { kind: "fetched-file", reference: "arn:aws:s3:::bucket/app.env", path: `${key}[0]`, property: key },
            ]);
        },
    );

    it("reads `envFrom` as the stores a process takes every key of", () => {
        expect(read({ envFrom: [{ configMapRef: { name: "serving" } }] }).scopes[0].refs).toEqual([
            {
                kind: "kubernetes-env-from",
                store: "ConfigMap",
                name: "serving",
                prefix: undefined,
                path: "envFrom[0].configMapRef",
                property: "envFrom",
            },
        ]);
    });

    it.each(["bucketPolicy", "dimensions", "dashboardBody"])("passes over a server described under `%s`", (key) => {
        expect(read({ [key]: { image: "vllm/vllm-openai", args: ["--model", "gpt-4o"] } }).scopes).toEqual([]);
        expect(read({ [key]: JSON.stringify({ image: "vllm/vllm-openai" }) }).scopes).toEqual([]);
    });

    it("reads the same server under a key that says nothing as a process of its own", () => {
        expect(read({ anything: { image: "vllm/vllm-openai" } }).scopes).toEqual([
            { path: "anything", settings: [], engines: ["vLLM"], refs: [] },
        ]);
    });

    it("never takes a selector for labels", () => {
        expect(read({ matchLabels: { app: "llm" }, selectorTags: { a: "b" }, matchTags: { c: "d" } }).labels).toEqual([]);
    });

    it("reads a value unknown during preview under an environment key as an unknown setting standing for the whole block", () => {
        expect(read({ containerEnv: UNKNOWN }).scopes[0].settings).toEqual([
            { name: "containerEnv", path: "containerEnv", unknown: true, secret: false, property: "containerEnv", block: true },
        ]);
        expect(read({ containerEnv: UNKNOWN }).unknownBlocks).toEqual(["containerEnv"]);
    });
});

describe("text under a key people read, never run", () => {
    it.each([
        "description",
        "descriptions",
        "comment",
        "comments",
        "note",
        "notes",
        "title",
        "summary",
        "message",
        "messages",
        "name",
        "displayName",
        "names",
        "readme",
        "doc",
        "docs",
        "documentation",
        "help",
        "markdown",
        "annotation",
        "annotations",
        "reason",
    ])("reads no launch written under `%s`", (key) => {
        expect(read({ [key]: "vllm serve gpt-4o" }).scopes).toEqual([]);
    });

    it("reads the same launch under a key that is not prose", () => {
        expect(read({ onBoot: "vllm serve gpt-4o" }).scopes).toEqual([
            { path: "onBoot", settings: [plain("--model", "onBoot", "gpt-4o", "onBoot")], engines: ["vLLM"], refs: [] },
        ]);
    });

    it("reads a launch in a configuration file that is a bare list of lines", () => {
        expect(readConfigText("- vllm serve gpt-4o\n- echo done\n", "data.steps", false)).toEqual([
            {
                path: "data.steps (YAML)",
                settings: [plain("--model", "data.steps (YAML)[0]", "gpt-4o", "")],
                engines: ["vLLM"],
                refs: [],
            },
        ]);
    });
});

describe("a line of flags beside a process's command", () => {
    it("reads a line with spaces around it as more of the command line", () => {
        expect(settingsOf({ image: "registry/app", extraFlags: "  --max-model-len 4096  " })).toEqual([
            plain("extraFlags", "extraFlags", "  --max-model-len 4096  ", "extraFlags"),
            plain("--max-model-len", "extraFlags", "4096", "extraFlags"),
        ]);
    });

    it("reads a list of short long flags beside the command as more of its arguments", () => {
        expect(settingsOf({ image: "registry/app", extra: ["--n", "2"] })).toEqual([plain("--n", "extra[1]", "2", "extra")]);
    });

    it("reads a list of flags beside the command as more of its arguments, not a YAML separator", () => {
        expect(settingsOf({ image: "registry/app", extra: ["--max-model-len", "4096"] })).toEqual([
            plain("--max-model-len", "extra[1]", "4096", "extra"),
        ]);
        expect(read({ image: "registry/app", extra: ["---max-model-len", "4096"] }).scopes).toEqual([]);
    });
});

describe("which objects are processes", () => {
    it("makes no process of an object whose environment, command, script or image is of the wrong kind", () => {
        expect(read({ env: "production", name: "web" }).scopes).toEqual([]);
        expect(read({ envFrom: "serving", name: "web" }).scopes).toEqual([]);
        expect(read({ environmentFiles: "a.env", name: "web" }).scopes).toEqual([]);
        expect(read({ command: 5, name: "web" }).scopes).toEqual([]);
        expect(read({ userData: true, name: "web" }).scopes).toEqual([]);
        expect(read({ image: 5, name: "web" }).scopes).toEqual([]);
        expect(read({ body: "plain words", name: "web" }).scopes).toEqual([]);
        expect(read({ body: 5, name: "web" }).scopes).toEqual([]);
    });

    it("makes a process of an object with an environment, a command line, a script, an image or a request body", () => {
        const named = (extra: Record<string, unknown>) => read({ name: "web", ...extra }).scopes.map((scope) => scope.path);
        expect(named({ env: UNKNOWN })).toEqual(['(inputs) (container "web")']);
        expect(named({ envFrom: [] })).toEqual(['(inputs) (container "web")']);
        expect(named({ environmentFiles: [] })).toEqual(['(inputs) (container "web")']);
        expect(named({ command: "python app.py" })).toEqual(['(inputs) (container "web")']);
        expect(named({ userData: "#!/bin/bash" })).toEqual(['(inputs) (container "web")']);
        expect(named({ image: "registry/app" })).toEqual(['(inputs) (container "web")']);
        expect(named({ image: { repository: "registry/app", tag: "1" } })).toEqual(['(inputs) (container "web")']); // Helm's split form
        expect(named({ body: ' {"n": 1}' })).toEqual(['(inputs) (container "web")']);
    });

    it("makes no process of an object whose image, command or script is a list or an object", () => {
        expect(read({ image: { pullPolicy: "Always" }, name: "web" }).scopes).toEqual([]); // no repository: not an image
        expect(read({ image: ["registry/app"], name: "web" }).scopes).toEqual([]);
        expect(read({ userData: ["#!/bin/bash"], name: "web" }).scopes).toEqual([]);
    });

    it("lists a process's stores and environment files in the order its keys give them", () => {
        const envFrom = [{ configMapRef: { name: "serving" } }];
        const environmentFiles = [{ value: "arn:aws:s3:::bucket/app.env" }];
        const kinds = (props: Record<string, unknown>) => read(props).scopes[0].refs.map((ref) => ref.kind);
        expect(kinds({ envFrom, image: "registry/app", environmentFiles })).toEqual(["kubernetes-env-from", "fetched-file"]);
        expect(kinds({ environmentFiles, image: "registry/app", envFrom })).toEqual(["fetched-file", "kubernetes-env-from"]);
    });

    it("does not merge a process inside configuration into the configuration's scope", () => {
        const values = { server: { env: { MODEL: "gpt-4o" } }, other: { port: "8000" } };
        expect(read({ values }).scopes.map((scope) => [scope.path, scope.settings.map((s) => s.path)])).toEqual([
            ["values", ["values.other.port"]],
            ["values.server", ["values.server.env.MODEL"]],
        ]);
    });
});

describe("a client's provider entry: the models it asks for beside where it sends them", () => {
    it.each(["base_url", "baseUrl", "endpoint", "api_endpoint", "apiBase", "api_base"])("reads the models beside `%s`", (key) => {
        expect(settingsOf({ config: { models: ["a"], [key]: "https://x" } }).map((s) => [s.name, s.path])).toEqual([
            ["models", "config.models[0]"],
            [key, `config.${key}`],
        ]);
    });

    it("reads no list of models beside a key that does not say where calls go", () => {
        for (const key of ["api_key", "base_path", "api_version"]) {
            expect(settingsOf({ config: { models: ["a"], [key]: "v" } }).map((s) => s.name)).toEqual([key]);
        }
    });

    it("reads `modelList` as a list of models, but neither a single `model` list nor another list", () => {
        expect(settingsOf({ config: { modelList: ["a"], url: "https://x" } }).map((s) => s.path)).toEqual([
            "config.modelList[0]",
            "config.url",
        ]);
        expect(settingsOf({ config: { model: ["a"], url: "https://x" } }).map((s) => s.path)).toEqual(["config.url"]);
        expect(settingsOf({ config: { fallbackList: ["a"], url: "https://x" } }).map((s) => s.path)).toEqual(["config.url"]);
    });
});

describe("generic keys named by the key their object sits under", () => {
    it("names a `uri` and a `url` by their object's key", () => {
        expect(settingsOf({ config: { model: { uri: "s3://b/m", url: "https://x" } } }).map((s) => [s.name, s.value])).toEqual([
            ["model_uri", "s3://b/m"],
            ["model_url", "https://x"],
        ]);
    });
});

describe("a script's variables expand its command lines", () => {
    const command = ["sh", "-c", 'vllm serve "$SERVED"'];

    it("expands a variable the environment gives a value", () => {
        expect(settingsOf({ image: "registry/app", env: { SERVED: "gpt-4o" }, command }).map((s) => [s.name, s.value])).toEqual([
            ["SERVED", "gpt-4o"],
            ["--model", "gpt-4o"],
        ]);
    });

    it("leaves a variable unknown during preview, or held in a vault, as written", () => {
        const unknown = settingsOf({ image: "registry/app", env: { SERVED: UNKNOWN }, command });
        expect(unknown.filter((s) => s.name === "--model").map((s) => s.value)).toEqual(["$SERVED"]);
        const vault = settingsOf({ image: "registry/app", env: { SERVED: "@Microsoft.KeyVault(VaultName=kv;SecretName=m)" }, command });
        expect(vault.filter((s) => s.name === "--model").map((s) => s.value)).toEqual(["$SERVED"]);
    });

    it("expands a variable set twice to its first value, in a script too", () => {
        const env = [
            { name: "SERVED", value: "gpt-4o" },
            { name: "SERVED", value: "o3" },
        ];
        expect(
            settingsOf({ image: "registry/app", env, command })
                .filter((s) => s.name === "--model")
                .map((s) => s.value),
        ).toEqual(["gpt-4o"]);
        expect(
            settingsOf({ image: "registry/app", env, userData: 'vllm serve "$SERVED"' })
                .filter((s) => s.name === "--model")
                .map((s) => s.value),
        ).toEqual(["gpt-4o"]);
    });
});

describe("files a script writes (here-documents)", () => {
    const composeLines = (open: string) => [
        "#!/bin/bash",
        `cat > /etc/compose.yml ${open}`,
        "services:",
        "  llm:",
        "    image: vllm/vllm-openai",
        '    command: ["--model", "gpt-4o"]',
        "EOF",
        "export PORT=8000",
    ];
    const pathsOf = (userData: string) => read({ image: "registry/app", userData }).scopes.map((scope) => scope.path);

    it("reads a compose file opened with a space after `<<`, or with `<<-` and a tab, as a document", () => {
        for (const open of ["<< EOF", "<<-\tEOF", "<< 'EOF'"]) {
            expect(pathsOf(composeLines(open).join("\n"))).toEqual(["userData (line 3, YAML).services.llm", "(inputs)"]);
        }
    });

    it("ends a written file at the line that closes it, and reads the lines after it as the script", () => {
        const userData = [
            ...composeLines("<<EOF"),
            "cat > /etc/b.yml <<END_OF_FILE",
            "model: o3",
            "port: 1",
            "END_OF_FILE",
            "export B=1",
        ].join("\n");
        expect(read({ image: "registry/app", userData }).scopes).toEqual([
            {
                path: "userData (line 3, YAML).services.llm",
                settings: [plain("--model", "userData (line 3, YAML).services.llm.command[1]", "gpt-4o", "userData")],
                engines: ["vLLM"],
                refs: [],
            },
            {
                path: "(inputs)",
                settings: [
                    plain("PORT", "userData (line 8)", "8000", "userData"),
                    plain("B", "userData (line 13)", "1", "userData"),
                    plain("model", "userData (line 10, YAML).model", "o3", "userData"),
                    plain("port", "userData (line 10, YAML).port", "1", "userData"),
                ],
                engines: [],
                refs: [],
            },
        ]);
    });

    it("reads a file whose closing word is long, and one opened by a quoted word closed by the bare word", () => {
        const word = `E${"X".repeat(63)}`;
        const userData = ["#!/bin/bash", `cat > /a.yml <<"${word}"`, "model: o3", "port: 1", word, "export B=1"].join("\n");
        expect(settingsOf({ image: "registry/app", userData }).map((s) => [s.name, s.path])).toEqual([
            ["B", "userData (line 6)"],
            ["model", "userData (line 3, YAML).model"],
            ["port", "userData (line 3, YAML).port"],
        ]);
    });

    it("reads an empty written file as nothing, and the lines and files after it on", () => {
        const userData = [
            "#!/bin/bash",
            "cat > /etc/empty.conf <<EOF",
            "EOF",
            "export B=1",
            "cat > /c.yml <<EOF",
            "model: o3",
            "port: 1",
            "EOF",
        ];
        expect(settingsOf({ image: "registry/app", userData: userData.join("\n") })).toEqual([
            plain("B", "userData (line 4)", "1", "userData"),
            plain("model", "userData (line 6, YAML).model", "o3", "userData"),
            plain("port", "userData (line 6, YAML).port", "1", "userData"),
        ]);
    });

    it("reads at most 100 written files of one script as documents", () => {
        const files = Array.from({ length: 101 }, (_, i) => [`cat > /f${i}.yml <<EOF`, `model${i}: m${i}`, "port: 1", "EOF"].join("\n"));
        const settings = settingsOf({ image: "registry/app", userData: ["#!/bin/bash", ...files].join("\n") });
        const models = settings.filter((s) => s.name.startsWith("model"));
        expect(models).toHaveLength(100);
        expect(models[99]).toMatchObject({ name: "model99", value: "m99", path: "userData (line 399, YAML).model99" });
    });
});

describe("the body of a request given as text", () => {
    it("reads a body given as YAML, the first document only", () => {
        expect(settingsOf({ image: "registry/app", body: "model: gpt-4o\nn: 1\n" }).map((s) => [s.name, s.path])).toEqual([
            ["model", "body.model"],
            ["n", "body.n"],
        ]);
        expect(settingsOf({ image: "registry/app", body: "model: gpt-4o\n---\nmodel: o3\n" }).map((s) => [s.name, s.value])).toEqual([
            ["model", "gpt-4o"],
        ]);
    });

    it("reads a short JSON body", () => {
        expect(settingsOf({ endpoint: "https://example.com", body: '{"n":1}' }).map((s) => s.path)).toEqual(["endpoint", "body.n"]);
    });

    it("reads a template with several placeholders, with dots and dashes in their names", () => {
        const body = '{"model": <detail.model-id>, "user": <user_1>, "n": 2}';
        expect(settingsOf({ endpoint: "https://example.com", body }).map((s) => s.path)).toEqual(["endpoint", "body.n"]);
    });

    it("reads a template with spaces before it", () => {
        expect(settingsOf({ endpoint: "https://example.com", body: '  {"model": <model>, "n": 1}' }).map((s) => s.path)).toEqual([
            "endpoint",
            "body.n",
        ]);
    });

    it("reads a template of up to a million characters, and none longer", () => {
        const template = (length: number) => {
            const head = '{"model": <model>, "n": 1, "pad": "';
            return head + "x".repeat(length - head.length - 2) + '"}';
        };
        expect(settingsOf({ endpoint: "https://example.com", body: template(999_999) }).map((s) => s.path)).toEqual([
            "endpoint",
            "body.n",
            "body.pad",
        ]);
        expect(settingsOf({ endpoint: "https://example.com", body: template(1_000_000) }).map((s) => s.path)).toEqual(["endpoint"]);
    });

    it("reads nothing of a body unknown during preview", () => {
        expect(read({ image: "registry/app", endpoint: "https://example.com", body: UNKNOWN }).scopes).toEqual([
            { path: "(inputs)", settings: [plain("endpoint", "endpoint", "https://example.com", "endpoint")], engines: [], refs: [] },
        ]);
    });
});

describe("Pulumi assets, at their edges", () => {
    const SIG = "4dabf18193072939515e22adb298388d";
    // As assets.ts keeps them: on an instance of the SDK's asset class, never on a plain object.
    class SdkAsset {}
    const kept = (kind: string, value: unknown) =>
        Object.defineProperty(new SdkAsset(), keptAssetValue, { value: { kind, value }, enumerable: false });

    it("says in configuration that an asset with no value it can read cannot be read", () => {
        expect(read({ values: { a: { __pulumiAsset: true }, b: kept("StringAsset", 5) } }).unreadable).toEqual([
            { path: "values.a", reason: "an asset whose value is not in the inputs, which the pack cannot read" },
            { path: "values.b", reason: "a remote asset, which the pack cannot read" },
        ]);
    });

    it("reads an asset object that is not flagged as one as plain configuration", () => {
        expect(read({ values: { a: { __pulumiAsset: false, model: "gpt-4o" } } }).unreadable).toEqual([]);
        expect(read({ values: { a: { [SIG]: "c44067f5952c0a294b673a41bacd8c17", text: 5, path: 7 } } }).unreadable).toEqual([
            { path: "values.a", reason: "a remote asset, which the pack cannot read" },
        ]);
    });

    it("reads an inline asset in configuration as a launch when it starts one", () => {
        const { scopes } = read({ values: { start: { [SIG]: "c44067f5952c0a294b673a41bacd8c17", text: "vllm serve gpt-4o" } } });
        expect(scopes.filter((scope) => scope.engines.length > 0)).toEqual([
            { path: "values.start", settings: [plain("--model", "values.start", "gpt-4o", "values")], engines: ["vLLM"], refs: [] },
        ]);
    });
});

describe("where an environment entry's value comes from", () => {
    const valueFrom = (from: unknown) => settingsOf({ image: "registry/app", env: [{ name: "MODEL", valueFrom: from }] })[0];

    it("names the ConfigMap and key a value is taken from, unnamed where unknown during preview", () => {
        expect(valueFrom({ configMapKeyRef: { name: UNKNOWN, key: "model" } }).ref).toEqual({
            kind: "kubernetes-key",
            store: "ConfigMap",
            name: undefined,
            key: "model",
        });
        expect(valueFrom(secret({ secretKeyRef: secret({ name: "creds", key: secret("model") }) })).ref).toEqual({
            kind: "kubernetes-key",
            store: "Secret",
            name: "creds",
            key: "model",
        });
    });

    it("names no store or key that is not text, and no store where the source is not one", () => {
        expect(valueFrom({ configMapKeyRef: { name: 5, key: true } }).ref).toEqual({
            kind: "kubernetes-key",
            store: "ConfigMap",
            name: undefined,
            key: undefined,
        });
        expect(valueFrom(5)).toEqual({ name: "MODEL", path: "env[0].valueFrom", unknown: true, secret: false, property: "env" });
    });

    it("names the Secret Manager secret Cloud Run takes a value from, unnamed where unknown", () => {
        const cloudRun = (ref: unknown) =>
            settingsOf({ image: "registry/app", env: [{ name: "MODEL", valueSource: { secretKeyRef: ref } }] })[0];
        expect(cloudRun({ secret: UNKNOWN, version: "1" }).ref).toEqual({ kind: "named-secret", name: undefined });
        expect(cloudRun({ secret: "model", version: "1" })).toEqual({
            name: "MODEL",
            path: "env[0].valueSource",
            unknown: true,
            secret: false,
            property: "env",
            ref: { kind: "named-secret", name: "model" },
        });
    });

    it("names the AWS parameter an ECS secret's `ValueFrom` reads", () => {
        expect(settingsOf({ image: "registry/app", secrets: [{ Name: "MODEL", ValueFrom: "/inference/model" }] })).toEqual([
            {
                name: "MODEL",
                path: "secrets[0].valueFrom",
                unknown: true,
                secret: false,
                property: "secrets",
                ref: { kind: "aws-store", reference: "/inference/model" },
            },
        ]);
    });

    it("reads an entry named by an unknown `name` by its `key`, and none with no name it can read", () => {
        expect(settingsOf({ image: "registry/app", env: [{ name: UNKNOWN, key: "MODEL", value: "gpt-4o" }] })).toEqual([
            plain("MODEL", "env[0].value", "gpt-4o", "env"),
        ]);
        expect(
            read({
                image: "registry/app",
                env: [
                    { name: UNKNOWN, value: "gpt-4o" },
                    { name: 5, value: "x" },
                ],
            }).scopes,
        ).toEqual([]);
    });
});

describe("Key Vault references, further shapes", () => {
    const refOf = (value: string) => settingsOf({ image: "registry/app", env: { MODEL: value } })[0];

    it("reads a reference naming only the vault, or only the secret", () => {
        expect(refOf("@Microsoft.KeyVault(VaultName=kv)").ref).toEqual({ kind: "azure-key-vault", vault: "kv", secret: undefined });
        expect(refOf("@Microsoft.KeyVault(SecretName=model)").ref).toEqual({ kind: "azure-key-vault", vault: undefined, secret: "model" });
    });

    it("reads a reference whose URI is not a vault's as a reference to an unnamed secret, its value unknown", () => {
        expect(refOf("@Microsoft.KeyVault(SecretUri=https://example.com/x)")).toEqual({
            name: "MODEL",
            path: "env.MODEL",
            unknown: true,
            secret: false,
            property: "env",
            ref: { kind: "azure-key-vault", vault: undefined, secret: undefined },
        });
    });

    it("ends the vault and secret names at the reference's closing parenthesis, and the secret at its version", () => {
        expect(refOf("@Microsoft.KeyVault(SecretName=model;VaultName=kv)").ref).toEqual({
            kind: "azure-key-vault",
            vault: "kv",
            secret: "model",
        });
        expect(refOf("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/model)").ref).toEqual({
            kind: "azure-key-vault",
            vault: "kv",
            secret: "model",
        });
    });
});

describe("AWS parameter paths under settings that may hold one", () => {
    it.each(["MODEL_ID", "ENDPOINT", "URL", "BASE", "PARAM", "PARAMETER", "SSM_PATH", "SECRET", "CONFIG", "INFERENCE_ENDPOINT_PARAM"])(
        "keeps a parameter path under `%s` as a reference",
        (name) => {
            expect(settingsOf({ image: "registry/app", env: { [name]: "/inference/model" } })[0].ref).toEqual({
                kind: "aws-store",
                reference: "/inference/model",
            });
        },
    );

    it("keeps a path of up to 2 000 characters after its slash, and none longer", () => {
        const refOf = (value: string) => settingsOf({ image: "registry/app", env: { MODEL: value } })[0].ref;
        const path = (length: number) => `/a/${"b".repeat(length - 3)}`;
        expect(refOf(path(2001))).toEqual({ kind: "aws-store", reference: path(2001) });
        expect(refOf(path(2002))).toBeUndefined();
    });

    it("keeps an ARN given as a command-line value as a reference", () => {
        const arn = "arn:aws:ssm:us-east-1:111122223333:parameter/model";
        expect(settingsOf({ image: "registry/app", args: ["--model", arn] })[0]).toEqual({
            ...plain("--model", "args[1]", arn, "args"),
            ref: { kind: "aws-store", reference: arn },
        });
    });
});

describe("Bedrock runtime URIs, at their edges", () => {
    it("reads a URI of exactly 4 096 characters", () => {
        expect(bedrockInvocationIn("arn:aws:apigateway:r:bedrock-runtime:path/model/m/invoke".padEnd(4096, " "))).toBe("m");
    });

    it("reads the service name in any case, as DNS and API Gateway do", () => {
        expect(bedrockInvocationIn("https://Bedrock-Runtime.us-east-1.amazonaws.com/model/openai.gpt-4o/invoke")).toBe("openai.gpt-4o");
        expect(bedrockInvocationIn("arn:aws:apigateway:us-east-1:BEDROCK-RUNTIME:path/model/openai.gpt-4o/invoke")).toBe("openai.gpt-4o");
    });

    it("reads the converse action, and a model id of up to 400 characters", () => {
        expect(bedrockInvocationIn("arn:aws:apigateway:r:bedrock-runtime:path/model/meta.llama3/converse")).toBe("meta.llama3");
        const id = "m".repeat(400);
        expect(bedrockInvocationIn(`arn:aws:apigateway:r:bedrock-runtime:path/model/${id}/invoke`)).toBe(id);
        expect(bedrockInvocationIn(`arn:aws:apigateway:r:bedrock-runtime:path/model/${id}m/invoke`)).toBeUndefined();
    });

    it("reads no model where the URI names none, or names another service", () => {
        expect(bedrockInvocationIn("arn:aws:apigateway:r:bedrock-runtime:path/model//invoke")).toBeUndefined();
        expect(bedrockInvocationIn("arn:aws:apigateway:r:bedrock-runtime:path/models/m/invoke")).toBeUndefined();
        expect(bedrockInvocationIn("https://bedrock-runtime..amazonaws.com/model/m/invoke")).toBeUndefined();
        expect(bedrockInvocationIn("https://bedrock-runtime.us-east-1.example.com/model/m/invoke")).toBeUndefined();
        expect(bedrockInvocationIn("https://bedrock.us-east-1.amazonaws.com/model/m/invoke")).toBeUndefined();
        expect(bedrockInvocationIn("arn:aws:apigateway:r:bedrock-runtime:path/model/a b/invoke")).toBeUndefined();
    });

    it("reads the region of the HTTPS form whatever its case, and a region name of up to 40 characters", () => {
        expect(bedrockInvocationIn("https://bedrock-runtime.US-EAST-1.amazonaws.com/model/m/invoke")).toBe("m");
        expect(bedrockInvocationIn(`https://bedrock-runtime.${"r".repeat(40)}.amazonaws.com/model/m/invoke`)).toBe("m");
        expect(bedrockInvocationIn(`https://bedrock-runtime.${"r".repeat(41)}.amazonaws.com/model/m/invoke`)).toBeUndefined();
    });
});

describe("ConfigMap and Secret volumes, further shapes", () => {
    const mountsOf = (volumes: unknown[], mounts: string[]) => {
        const pod = { containers: [{ image: "registry/app", volumeMounts: mounts.map((name) => ({ name })) }], volumes };
        return read(pod).scopes.flatMap((scope) => scope.refs.map((ref) => ({ ...ref, path: undefined, property: undefined })));
    };
    const mounted = (store: string, name: string | undefined) => ({
        kind: "kubernetes-mounted-files",
        store,
        name,
        path: undefined,
        property: undefined,
    });

    it("names no store whose name is unknown during preview", () => {
        expect(mountsOf([{ name: "cfg", configMap: { name: UNKNOWN } }], ["cfg"])).toEqual([mounted("ConfigMap", undefined)]);
        expect(mountsOf([{ name: "sec", secret: { secretName: UNKNOWN } }], ["sec"])).toEqual([mounted("Secret", undefined)]);
        expect(mountsOf([{ name: "cfg", configMap: { name: 5 } }], ["cfg"])).toEqual([mounted("ConfigMap", undefined)]);
    });

    it("reads volumes, stores and projected sources held as secrets", () => {
        const volumes = [
            secret({ name: "cfg", configMap: secret({ name: "serving" }) }),
            { name: "proj", projected: secret({ sources: secret([secret({ configMap: { name: "projected" } })]) }) },
        ];
        expect(mountsOf(volumes, ["cfg", "proj"])).toEqual([mounted("ConfigMap", "serving"), mounted("ConfigMap", "projected")]);
    });

    it("mounts nothing from a volume with no store, and every store of a projected volume, Secrets included", () => {
        const volumes = [
            { name: "token", projected: { sources: [{ serviceAccountToken: { path: "token" } }, "junk"] } },
            { name: "scratch", projected: { sources: "none" } },
            { name: "host", hostPath: { path: "/data" } },
            "junk",
        ];
        expect(mountsOf(volumes, ["token", "scratch", "host"])).toEqual([]);
        // A projected Secret names itself by `name` (a Secret volume by `secretName`); it may hold a configuration file.
        const projected = [{ name: "cfg", projected: { sources: [{ secret: { name: "s" } }, { configMap: { name: "c" } }] } }];
        expect(mountsOf(projected, ["cfg"])).toEqual([mounted("Secret", "s"), mounted("ConfigMap", "c")]);
    });

    it("reads the volumes of a pod spec given as a list held as a secret", () => {
        expect(mountsOf(secret([{ name: "cfg", configMap: { name: "serving" } }]) as unknown as unknown[], ["cfg"])).toEqual([
            mounted("ConfigMap", "serving"),
        ]);
    });

    it("reads 1 000 volumes of a pod spec, and stops at more, fail-closed, saying so", () => {
        const volumes = Array.from({ length: 1001 }, (_, i) => ({ name: `v${i}`, configMap: { name: `cm${i}` } }));
        expect(mountsOf(volumes.slice(0, 1000), ["v999"])).toEqual([mounted("ConfigMap", "cm999")]);
        const pod = { containers: [{ image: "registry/app" }], volumes };
        expect(read(pod).stoppedAt).toEqual({ path: "volumes", reason: "more than 1000 entries; the pack stops reading there" });
        expect(read({ spec: { ...pod, volumes: volumes.slice(0, 1000) } }).stoppedAt).toBeUndefined();
        expect(read({ spec: pod }).stoppedAt).toEqual({
            path: "spec.volumes",
            reason: "more than 1000 entries; the pack stops reading there",
        });
    });
});

describe("a ConfigMap's or Secret's data", () => {
    it("leaves binary data to whatever mounts it", () => {
        const binaryData = { "start.sh": Buffer.from("#!/bin/bash\nvllm serve gpt-4o\n").toString("base64") };
        expect(read({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, binaryData }).scopes).toEqual([]);
        // The same field of any other Kubernetes object is read as its configuration.
        const job = read({ apiVersion: "v1", kind: "Job", metadata: { name: "c" }, binaryData });
        expect(job.scopes.flatMap((scope) => scope.engines)).toEqual(["vLLM"]);
    });
});

describe("configuration files a ConfigMap mounts, further", () => {
    it("reads a file that only starts an engine as that engine's process", () => {
        expect(readConfigText("vllm serve", "data.sh", false)).toEqual([{ path: "data.sh", settings: [], engines: ["vLLM"], refs: [] }]);
    });

    it("counts the file itself as one layer of decoding", () => {
        const nested = (levels: number) => {
            let document: unknown = { model: "gpt-4o" };
            for (let i = 0; i < levels; i++) {
                document = { d: JSON.stringify(document) };
            }
            return JSON.stringify(document);
        };
        const models = (text: string) =>
            readConfigText(text, "data.json", false)
                .flatMap((scope) => scope.settings)
                .filter((s) => s.name === "model");
        expect(models(nested(3)).map((s) => s.path)).toEqual(["data.json (JSON).d (JSON).d (JSON).d (JSON).model"]);
        expect(models(nested(4))).toEqual([]);
    });

    it("returns nothing for a file with no setting and no engine", () => {
        expect(readConfigText("items:\n  - 1\n  - 2\n", "data.yaml", false)).toEqual([]);
    });

    it("reads a secret script's settings as secret", () => {
        expect(readConfigText("MODEL=gpt-4o\n", "data.env", true)[0].settings).toEqual([
            plain("MODEL", "data.env (line 1)", "gpt-4o", "", true),
        ]);
    });
});
