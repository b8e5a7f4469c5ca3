/**
 * A boot script that fetches an environment file from S3 and loads it (systemd's `EnvironmentFile=`,
 * `source`, `docker run --env-file`), then starts a server with `$MODEL`: the model is the file's,
 * which the stack may hold as an S3 object. Read there, Llama passes and gpt-4o is blocked; a file
 * the stack does not hold leaves the model computed where the script runs, judged fail-closed.
 */
import { judge } from "../policypack/registry";
import { ResourceView } from "../policypack/resource";
import { filesFetchedFromObjects, objectNamedBy } from "../policypack/scripts";
import { defaultSettings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { node, stackOf, UNKNOWN, view } from "./support/views";

const envObject = (content: string, key = "serving/llm.env") =>
    view("aws:s3/bucketObjectv2:BucketObjectv2", "llm-env", { bucket: "llm-config", key, content });

const unit = (load: string) => `[Unit]
Description=vLLM
[Service]
${load}
ExecStart=/usr/local/bin/vllm serve $MODEL --port 8000
[Install]
WantedBy=multi-user.target`;

const bootScript = (fetch: string, load: string) => `#!/bin/bash
set -euo pipefail
${fetch}
cat > /etc/systemd/system/vllm.service <<'UNIT'
${unit(load)}
UNIT
systemctl enable --now vllm
`;

const host = (userData: string) => view("aws:ec2/instance:Instance", "llm-host", { ami: "ami-1", instanceType: "g5.2xlarge", userData });

/** The verdicts on the last resource, judged with all of them as its stack. */
function inStack(resources: ResourceView[]): Verdict[] {
    const target = resources[resources.length - 1];
    return judge(target, defaultSettings, stackOf(resources.map((resource) => node(resource))));
}

const summary = (verdicts: Verdict[]) =>
    verdicts.map((verdict) => ({
        subject: verdict.subject.kind,
        model: "model" in verdict.subject ? verdict.subject.model?.id : undefined,
        evidence: verdict.evidence.map((item) => `${item.path} = ${item.shown}`),
    }));

describe("an environment file a boot script fetches from S3 and loads", () => {
    const systemd = bootScript("aws s3 cp s3://llm-config/serving/llm.env /etc/llm.env", "EnvironmentFile=/etc/llm.env");

    it("gives the script's `$MODEL` the file's value, where the stack holds the object: Llama passes, gpt-4o is blocked on it", () => {
        expect(inStack([envObject("MODEL=meta-llama/Llama-3.1-8B-Instruct\nPORT=8000\n"), host(systemd)])).toEqual([]);
        expect(summary(inStack([envObject("MODEL=gpt-4o\n"), host(systemd)]))).toEqual([
            {
                subject: "serves-model",
                model: "gpt-4o",
                evidence: ['userData (line 9) → userData (line 8) → S3 object "serving/llm.env" (line 1) = gpt-4o'],
            },
        ]);
    });

    it("leaves the model computed where the script runs when the stack does not hold the file (fail-closed)", () => {
        const other = envObject("MODEL=meta-llama/Llama-3.1-8B-Instruct\n", "other/app.env");
        expect(summary(inStack([other, host(systemd)]))).toEqual([
            { subject: "serves-unknown-model", model: undefined, evidence: ["userData (line 9) = (computed as the script runs)"] },
        ]);
    });

    it("is read however the script fetches and loads it", () => {
        const ways: Array<[string, string]> = [
            ["aws s3 cp s3://llm-config/serving/llm.env /etc/llm/", "EnvironmentFile=-/etc/llm/llm.env"],
            ["aws s3api get-object --bucket llm-config --key serving/llm.env /etc/llm.env", "EnvironmentFile=/etc/llm.env"],
            ["/usr/local/bin/aws s3 cp --quiet s3://llm-config/serving/llm.env /etc/llm.env", "EnvironmentFile=/etc/llm.env"],
        ];
        for (const [fetch, load] of ways) {
            const verdicts = inStack([envObject("MODEL=gpt-4o\n"), host(bootScript(fetch, load))]);
            expect({ fetch, found: verdicts.map((verdict) => verdict.subject.kind) }).toEqual({ fetch, found: ["serves-model"] });
        }
        const sourced = `#!/bin/bash
aws s3 cp s3://llm-config/serving/llm.env /etc/llm.env
set -a; source /etc/llm.env; set +a
vllm serve "$MODEL" --port 8000
`;
        expect(inStack([envObject("MODEL=gpt-4o\n"), host(sourced)]).map((verdict) => verdict.subject.kind)).toEqual(["serves-model"]);
        // The variable used inside a command line the unit quotes for a shell.
        const quoted = bootScript("aws s3 cp s3://llm-config/serving/llm.env /etc/llm.env", "EnvironmentFile=/etc/llm.env").replace(
            "ExecStart=/usr/local/bin/vllm serve $MODEL --port 8000",
            "ExecStart=/bin/sh -c 'exec /usr/local/bin/vllm serve $MODEL --port 8000'",
        );
        expect(inStack([envObject("MODEL=gpt-4o\n"), host(quoted)]).map((verdict) => verdict.subject.kind)).toEqual(["serves-model"]);
        expect(inStack([envObject("MODEL=meta-llama/Llama-3.1-8B-Instruct\n"), host(quoted)])).toEqual([]);
        expect(inStack([envObject("MODEL=openai/gpt-oss-20b\n"), host(sourced)])).toEqual([]);
    });
});

describe("filesFetchedFromObjects", () => {
    const s3 = (key: string, line: number) => ({ store: "s3", bucket: "b", key, line });

    it("finds a copied object only where the script loads the path it was copied to, or gives a configuration file to a flag", () => {
        expect(
            filesFetchedFromObjects("aws s3 cp s3://b/k/app.env /etc/app.env\nsource /etc/app.env\ndocker run --env-file=/etc/other.env x"),
        ).toEqual([s3("k/app.env", 2)]);
        expect(filesFetchedFromObjects("aws s3 cp s3://b/k/app.env /opt/app.env\ndocker run --env-file /opt/app.env img")).toEqual([
            s3("k/app.env", 2),
        ]);
        expect(filesFetchedFromObjects("aws s3 cp s3://b/k/serving.yaml /etc/serving.yaml\nvllm serve --config /etc/serving.yaml")).toEqual(
            [s3("k/serving.yaml", 2)],
        );
        expect(filesFetchedFromObjects("aws s3 cp s3://b/serving.yaml /etc/s.yaml && vllm serve --config=/etc/s.yaml")).toEqual([
            s3("serving.yaml", 1),
        ]);
        // Printed, owned or moved is not used; a file of weights is not configuration, whatever takes it.
        expect(filesFetchedFromObjects("aws s3 cp s3://b/k/app.env /etc/app.env\ncat /etc/app.env\nchmod 600 /etc/app.env")).toEqual([]);
        expect(
            filesFetchedFromObjects("aws s3 cp s3://b/m/model.safetensors /m/model.safetensors\nserve --weights /m/model.safetensors"),
        ).toEqual([]);
        expect(filesFetchedFromObjects("aws s3 cp s3://b/weights/ /models/ --recursive\nvllm serve /models/ --config /models/")).toEqual(
            [],
        );
    });

    it("reads the copy of any tool that names the object, and az's and s3api's flags", () => {
        const load = "\nsource /etc/llm.env";
        const cases: Array<[string, Record<string, string>]> = [
            ["gsutil cp gs://cfg/llm.env /etc/llm.env", { store: "gcs", bucket: "cfg", key: "llm.env" }],
            ["gcloud storage cp gs://cfg/llm.env /etc/llm.env", { store: "gcs", bucket: "cfg", key: "llm.env" }],
            ["curl -fsSL https://cfg.s3.us-east-1.amazonaws.com/llm.env -o /etc/llm.env", { store: "s3", bucket: "cfg", key: "llm.env" }],
            ["curl -fsSLo /etc/llm.env https://s3.amazonaws.com/cfg/llm.env", { store: "s3", bucket: "cfg", key: "llm.env" }],
            ["wget -qO /etc/llm.env https://storage.googleapis.com/cfg/llm.env", { store: "gcs", bucket: "cfg", key: "llm.env" }],
            [
                "curl -s 'https://acme.blob.core.windows.net/cfg/llm.env?sv=2024&sig=x' > /etc/llm.env",
                { store: "azure-blob", account: "acme", bucket: "cfg", key: "llm.env" },
            ],
            [
                "azcopy copy 'https://acme.blob.core.windows.net/cfg/llm.env' /etc/llm.env",
                { store: "azure-blob", account: "acme", bucket: "cfg", key: "llm.env" },
            ],
            [
                "az storage blob download --account-name acme --container-name cfg --name llm.env --file /etc/llm.env --auth-mode login",
                { store: "azure-blob", account: "acme", bucket: "cfg", key: "llm.env" },
            ],
            ["aws s3api get-object --bucket cfg --key llm.env /etc/llm.env", { store: "s3", bucket: "cfg", key: "llm.env" }],
        ];
        for (const [fetch, object] of cases) {
            expect({ fetch, found: filesFetchedFromObjects(fetch + load) }).toEqual({ fetch, found: [{ ...object, line: 2 }] });
        }
        // `aws … --output text` is a format, not where the object goes; curl's `-O` keeps the remote name.
        expect(filesFetchedFromObjects("aws s3 cp s3://cfg/llm.env --output text\nsource text")).toEqual([]);
        expect(filesFetchedFromObjects("curl -O https://cfg.s3.amazonaws.com/llm.env\nsource /etc/llm.env")).toEqual([]);
        // …so a file curl is told to write after it is the one it writes.
        expect(
            filesFetchedFromObjects("curl -fsSLO --output /etc/llm.env https://cfg.s3.amazonaws.com/llm.env\nsource /etc/llm.env"),
        ).toEqual([{ store: "s3", bucket: "cfg", key: "llm.env", line: 2 }]);
    });

    it("follows a file into a container that bind-mounts its folder, over continued lines", () => {
        const docker = (mount: string) =>
            `gsutil cp gs://cfg/assistant/config.json /opt/assistant/config.json\ndocker run -d \\\n  ${mount} \\\n  registry/assistant:2.3 --config /cfg/config.json`;
        for (const mount of [
            "-v /opt/assistant:/cfg:ro",
            "--volume=/opt/assistant/:/cfg",
            "--mount type=bind,source=/opt/assistant,target=/cfg,readonly",
        ]) {
            expect({ mount, found: filesFetchedFromObjects(docker(mount)) }).toEqual({
                mount,
                found: [{ store: "gcs", bucket: "cfg", key: "assistant/config.json", line: 2 }],
            });
        }
        expect(filesFetchedFromObjects(docker("-v /srv/other:/cfg:ro"))).toEqual([]);
    });

    it("leaves out paths built on variables: where they go is known only where the script runs", () => {
        expect(filesFetchedFromObjects("aws s3 cp s3://b/$KEY /etc/app.env\nsource /etc/app.env")).toEqual([]);
        expect(filesFetchedFromObjects('aws s3 cp s3://b/app.env "$DIR/app.env"\nsource "$DIR/app.env"')).toEqual([]);
    });

    it("names object storage only by its URL forms", () => {
        expect(objectNamedBy("https://acme.blob.core.windows.net/cfg/a/b.env")).toEqual({
            store: "azure-blob",
            account: "acme",
            bucket: "cfg",
            key: "a/b.env",
        });
        expect(objectNamedBy("https://storage.cloud.google.com/cfg/b.env")).toEqual({ store: "gcs", bucket: "cfg", key: "b.env" });
        for (const word of [
            "https://example.com/cfg/llm.env",
            "https://cfg.s3.example.com/llm.env",
            "s3://cfg",
            "https://acme.blob.core.windows.net/cfg",
        ]) {
            expect({ word, named: objectNamedBy(word) }).toEqual({ word, named: undefined });
        }
    });
});

describe("a configuration file a boot script fetches from object storage and hands to a server", () => {
    const script = (fetch: string) => `#!/bin/bash
set -euo pipefail
mkdir -p /etc/vllm
${fetch}
vllm serve --config /etc/vllm/serving.yaml --port 8000
`;
    const fromS3 = script("aws s3 cp s3://platform-config/vllm/serving.yaml /etc/vllm/serving.yaml");
    const s3Config = (content: unknown) =>
        view("aws:s3/bucketObjectv2:BucketObjectv2", "serving-yaml", { bucket: "platform-config", key: "vllm/serving.yaml", content });

    it("reads the file from the object the stack holds: the model it serves is the file's", () => {
        expect(summary(inStack([s3Config("model: /models/chat\nserved-model-name: gpt-4o\n"), host(fromS3)]))).toEqual([
            {
                subject: "serves-model",
                model: "gpt-4o",
                evidence: ['userData (line 5) → S3 object "vllm/serving.yaml" (YAML).served-model-name = gpt-4o'],
            },
        ]);
        expect(inStack([s3Config("model: meta-llama/Llama-3.1-8B-Instruct\n"), host(fromS3)])).toEqual([]);
    });

    it("blocks a server that names no model, fail-closed, when the object is held outside the stack or unknown in the preview", () => {
        const outside = inStack([host(fromS3)]);
        expect(outside.map((verdict) => verdict.subject)).toEqual([
            { kind: "serves-unknown-model", service: "model server", elsewhere: true },
        ]);
        expect(summary(outside)[0].evidence).toEqual([
            "userData (line 5) → arn:aws:s3:::platform-config/vllm/serving.yaml = (held outside this stack)",
        ]);
        const unknown = inStack([s3Config(UNKNOWN), host(fromS3)]);
        expect(summary(unknown)).toEqual([
            {
                subject: "serves-unknown-model",
                model: undefined,
                evidence: ['userData (line 5) → S3 object "vllm/serving.yaml" = (unknown during preview)'],
            },
        ]);
        // A server that names its model is judged on it: what else the file holds cannot make it OpenAI's.
        expect(inStack([host(fromS3.replace("vllm serve --config", "vllm serve meta-llama/Llama-3.1-8B-Instruct --config"))])).toEqual([]);
    });

    it("reads an Azure blob the stack holds, from either Azure provider", () => {
        const fetch = script(
            "az storage blob download --account-name acmecfg --container-name vllm --name serving.yaml --file /etc/vllm/serving.yaml --auth-mode login",
        );
        const asset = (text: string) => ({ "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", text });
        const blobs = [
            view("azure-native:storage:Blob", "serving-yaml", {
                accountName: "acmecfg",
                containerName: "vllm",
                blobName: "serving.yaml",
                source: asset("served-model-name: o3-mini\n"),
            }),
            view("azure:storage/blob:Blob", "serving-yaml", {
                storageAccountName: "acmecfg",
                storageContainerName: "vllm",
                name: "serving.yaml",
                sourceContent: "served-model-name: o3-mini\n",
            }),
        ];
        for (const blob of blobs) {
            expect(summary(inStack([blob, host(fetch)])).map((verdict) => [verdict.subject, verdict.model])).toEqual([
                ["serves-model", "o3-mini"],
            ]);
        }
        const other = view("azure:storage/blob:Blob", "other", {
            storageAccountName: "acmecfg",
            storageContainerName: "other",
            name: "serving.yaml",
            sourceContent: "served-model-name: o3-mini\n",
        });
        expect(inStack([other, host(fetch)]).map((verdict) => verdict.subject)).toEqual([
            { kind: "serves-unknown-model", service: "model server", elsewhere: true },
        ]);
    });
});

describe("filesFetchedFromObjects, what a command line says", () => {
    it("takes `--output` of aws, az, gcloud and kubectl for a format, even behind sudo or a path", () => {
        for (const line of ["sudo aws s3 cp s3://cfg/llm.env -o text", "/usr/local/bin/aws s3 cp s3://cfg/llm.env --output text"]) {
            expect({ line, found: filesFetchedFromObjects(`${line}\nsource text`) }).toEqual({ line, found: [] });
        }
        expect(
            filesFetchedFromObjects("sudo -u app curl -fsSL https://cfg.s3.amazonaws.com/llm.env -o /etc/llm.env\nsource /etc/llm.env"),
        ).toEqual([{ store: "s3", bucket: "cfg", key: "llm.env", line: 2 }]);
    });

    it("leaves out an object named by flags built on variables", () => {
        expect(filesFetchedFromObjects("aws s3api get-object --bucket cfg --key $ENV/llm.env /etc/llm.env\nsource /etc/llm.env")).toEqual(
            [],
        );
        expect(
            filesFetchedFromObjects(
                "az storage blob download --account-name $ACCOUNT --container-name c --name llm.env --file /etc/llm.env\nsource /etc/llm.env",
            ),
        ).toEqual([]);
    });
});
