// A Google Cloud team's inference stack in us-central1:
//  - a Cloud Run GPU service running vLLM with `--served-model-name o4-mini`, labelled
//    `openai-workload: stateless-api`: stateless serving of a proprietary o-series model on
//    GCP, blocked by clause 1;
//  - a Vertex AI Model Garden deployment of the open-weight gpt-oss-120b: allowed anywhere;
//  - a Cloud Run job labelled `openai-workload: training` that scores checkpoints offline:
//    training/eval compute, allowed off Azure by clause 4.
import * as gcp from "@pulumi/gcp";

const project = "acme-inference-prod";
const location = "us-central1";

const runtimeAccount = new gcp.serviceaccount.Account("inference-runtime", {
    project,
    accountId: "inference-runtime",
    displayName: "Cloud Run inference runtime",
});

const reasoningService = new gcp.cloudrunv2.Service("reasoning-inference", {
    project,
    location,
    name: "reasoning-inference",
    ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
    deletionProtection: false,
    labels: {
        team: "reasoning",
        "openai-workload": "stateless-api",
    },
    template: {
        serviceAccount: runtimeAccount.email,
        gpuZonalRedundancyDisabled: true,
        nodeSelector: { accelerator: "nvidia-l4" },
        scaling: { minInstanceCount: 1, maxInstanceCount: 4 },
        maxInstanceRequestConcurrency: 32,
        timeout: "600s",
        containers: [
            {
                name: "vllm",
                image: "us-docker.pkg.dev/acme-inference-prod/serving/vllm-openai:v0.10.1",
                args: ["--model", "/mnt/weights/reasoning", "--served-model-name", "o4-mini", "--max-model-len", "65536", "--port", "8080"],
                ports: { containerPort: 8080 },
                resources: {
                    limits: { cpu: "8", memory: "32Gi", "nvidia.com/gpu": "1" },
                    startupCpuBoost: true,
                },
                startupProbe: {
                    httpGet: { path: "/health", port: 8080 },
                    initialDelaySeconds: 60,
                    periodSeconds: 10,
                    failureThreshold: 60,
                },
                volumeMounts: [{ name: "weights", mountPath: "/mnt/weights" }],
            },
        ],
        volumes: [
            {
                name: "weights",
                gcs: { bucket: "acme-inference-prod-weights", readOnly: true },
            },
        ],
    },
});

// One-click Model Garden deployment of the open-weight gpt-oss-120b on a single H100.
const ossEndpoint = new gcp.vertex.AiEndpointWithModelGardenDeployment("gpt-oss-120b-endpoint", {
    project,
    location,
    publisherModelName: "publishers/openai/models/gpt-oss@gpt-oss-120b",
    modelConfig: {
        acceptEula: true,
        modelDisplayName: "gpt-oss-120b",
    },
    endpointConfig: { endpointDisplayName: "gpt-oss-120b" },
    deployConfig: {
        dedicatedResources: {
            machineSpec: {
                machineType: "a3-highgpu-1g",
                acceleratorType: "NVIDIA_H100_80GB",
                acceleratorCount: 1,
            },
            minReplicaCount: 1,
            maxReplicaCount: 2,
        },
    },
});

// Nightly offline evaluation of training checkpoints (no serving, no external model calls).
const evalJob = new gcp.cloudrunv2.Job("checkpoint-eval", {
    project,
    location,
    name: "checkpoint-eval",
    deletionProtection: false,
    labels: {
        team: "reasoning",
        "openai-workload": "training",
    },
    template: {
        taskCount: 8,
        parallelism: 8,
        template: {
            serviceAccount: runtimeAccount.email,
            timeout: "14400s",
            maxRetries: 1,
            nodeSelector: { accelerator: "nvidia-l4" },
            gpuZonalRedundancyDisabled: true,
            containers: [
                {
                    name: "eval",
                    image: "us-docker.pkg.dev/acme-inference-prod/training/eval-harness:2026.02.1",
                    args: [
                        "--suite",
                        "math-reasoning-v3",
                        "--checkpoint-dir",
                        "gs://acme-inference-prod-checkpoints/runs/rl-0412/",
                        "--results",
                        "gs://acme-inference-prod-evals/rl-0412/",
                    ],
                    resources: { limits: { cpu: "8", memory: "32Gi", "nvidia.com/gpu": "1" } },
                },
            ],
        },
    },
});

export const serviceUri = reasoningService.uri;
export const ossEndpointId = ossEndpoint.endpoint;
export const evalJobName = evalJob.name;
