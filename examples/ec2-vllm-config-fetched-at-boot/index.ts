// vLLM hosts on EC2 started with `--config`: the YAML is fetched at boot, next to the other serving
// configs. Two files are S3 objects of this stack: the embeddings host's serves
// text-embedding-3-large (an OpenAI proprietary model, off Azure: blocked on the object's line),
// the reranker's an open-weight model (allowed). The chat host's file is a blob the platform team
// keeps in its own storage account, outside this stack, and that host names no model itself: it
// cannot be shown not to serve a proprietary model, so it is blocked fail-closed.
import * as aws from "@pulumi/aws";

const bucket = new aws.s3.BucketV2("serving-config", { bucket: "acme-serving-config" });

function servingConfig(name: string, key: string, lines: string[]) {
    return new aws.s3.BucketObjectv2(name, { bucket: bucket.id, key, contentType: "application/yaml", content: [...lines, ""].join("\n") });
}

servingConfig("embeddings-yaml", "vllm/embeddings.yaml", [
    "model: /opt/models/embeddings",
    "served-model-name: text-embedding-3-large",
    "task: embed",
    "port: 8000",
]);
servingConfig("reranker-yaml", "vllm/reranker.yaml", ["model: BAAI/bge-reranker-v2-m3", "task: score", "port: 8000"]);

/** A boot script that fetches the config with `fetch` (to /etc/vllm/serving.yaml) and runs vLLM on it in Docker. */
function bootScript(fetch: string): string {
    return `#!/bin/bash
set -euo pipefail
mkdir -p /etc/vllm
${fetch}
docker run -d --restart always --name vllm --gpus all -p 8000:8000 \\
  -v /opt/models:/opt/models:ro -v /etc/vllm:/config:ro \\
  vllm/vllm-openai:v0.9.1 --config /config/serving.yaml
`;
}

function host(name: string, userData: string) {
    return new aws.ec2.Instance(name, {
        ami: "ami-0a1b2c3d4e5f60718",
        instanceType: "g6e.4xlarge",
        subnetId: "subnet-0123456789abcdef0",
        iamInstanceProfile: "serving-node",
        userData,
        tags: { Name: name, team: "search" },
    });
}

host("embed-gpu-1", bootScript("aws s3 cp s3://acme-serving-config/vllm/embeddings.yaml /etc/vllm/serving.yaml"));
host("rerank-gpu-1", bootScript("aws s3 cp s3://acme-serving-config/vllm/reranker.yaml /etc/vllm/serving.yaml"));
host(
    "chat-gpu-1",
    bootScript('curl -fsSL "https://acmeplatformcfg.blob.core.windows.net/serving/chat.yaml?${SAS_TOKEN}" -o /etc/vllm/serving.yaml'),
);
