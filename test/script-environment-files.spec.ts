/**
 * A boot script that fetches an environment file from S3 and loads it (systemd's `EnvironmentFile=`,
 * `source`, `docker run --env-file`), then starts a server with `$MODEL`: the model is the file's,
 * which the stack may hold as an S3 object. Read there, Llama passes and gpt-4o is blocked; a file
 * the stack does not hold leaves the model computed where the script runs, judged fail-closed.
 */
import { judge } from "../policypack/registry";
import { ResourceView } from "../policypack/resource";
import { environmentFilesLoadedFromBuckets } from "../policypack/scripts";
import { defaultSettings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { node, stackOf, view } from "./support/views";

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

describe("environmentFilesLoadedFromBuckets", () => {
    it("finds a copied object only where the script loads the path it was copied to", () => {
        expect(
            environmentFilesLoadedFromBuckets(
                "aws s3 cp s3://b/k/app.env /etc/app.env\nsource /etc/app.env\ndocker run --env-file=/etc/other.env x",
            ),
        ).toEqual([{ bucket: "b", key: "k/app.env", line: 2 }]);
        expect(environmentFilesLoadedFromBuckets("aws s3 cp s3://b/k/app.env /etc/app.env\ncat /etc/app.env")).toEqual([]);
        expect(
            environmentFilesLoadedFromBuckets("aws s3 cp s3://b/k/app.env /opt/app.env\ndocker run --env-file /opt/app.env img"),
        ).toEqual([{ bucket: "b", key: "k/app.env", line: 2 }]);
    });

    it("leaves out paths built on variables: where they go is known only where the script runs", () => {
        expect(environmentFilesLoadedFromBuckets("aws s3 cp s3://b/$KEY /etc/app.env\nsource /etc/app.env")).toEqual([]);
        expect(environmentFilesLoadedFromBuckets('aws s3 cp s3://b/app.env "$DIR/app.env"\nsource "$DIR/app.env"')).toEqual([]);
    });
});
