// A managed instance group of A3 VMs on Compute Engine, each booting into a vLLM server. The
// instance template's startup script sets the name the API answers to in a shell variable and passes it to
// `docker run … --served-model-name "$API_ALIAS"`; a separate canary VM is configured with
// cloud-init (`user-data` metadata on a Container-Optimized OS image) running the same server as a
// systemd unit. Both serve `o4-mini`, a proprietary o-series model, on Google Cloud: clause 1
// blocks the template and the canary. The instance group manager only references the template.
import * as gcp from "@pulumi/gcp";

const project = "acme-reasoning-prod";
const region = "us-central1";
const zone = "us-central1-b";

const serviceAccount = new gcp.serviceaccount.Account("reasoning-vm", {
    project,
    accountId: "reasoning-vm",
    displayName: "Reasoning inference VMs",
});

const startupScript = `#!/bin/bash
set -euo pipefail
API_ALIAS="o4-mini"
WEIGHTS_BUCKET="gs://acme-reasoning-weights/o4-mini/2025-04-16"
mkdir -p /mnt/disks/weights
gcloud storage rsync --recursive "$WEIGHTS_BUCKET" /mnt/disks/weights
docker run -d --name vllm --restart unless-stopped --gpus all --ipc=host -p 8000:8000 \\
  -v /mnt/disks/weights:/models/reasoning:ro \\
  vllm/vllm-openai:v0.6.4 \\
  --model /models/reasoning --served-model-name "$API_ALIAS" --tensor-parallel-size 8 --port 8000
`;

const template = new gcp.compute.InstanceTemplate("reasoning-a3", {
    project,
    namePrefix: "reasoning-a3-",
    machineType: "a3-highgpu-8g",
    region,
    disks: [
        {
            sourceImage: "projects/deeplearning-platform-release/global/images/family/common-cu124-debian-11",
            diskSizeGb: 500,
            diskType: "pd-ssd",
            boot: true,
        },
    ],
    networkInterfaces: [{ subnetwork: `projects/${project}/regions/${region}/subnetworks/inference` }],
    scheduling: { onHostMaintenance: "TERMINATE", automaticRestart: true },
    serviceAccount: { email: serviceAccount.email, scopes: ["cloud-platform"] },
    metadata: { "startup-script": startupScript, "enable-oslogin": "TRUE" },
    labels: { team: "reasoning-serving" },
});

new gcp.compute.RegionInstanceGroupManager("reasoning-mig", {
    project,
    region,
    baseInstanceName: "reasoning",
    versions: [{ instanceTemplate: template.selfLinkUnique, name: "primary" }],
    targetSize: 4,
    namedPorts: [{ name: "http", port: 8000 }],
});

const cloudInit = `#cloud-config
write_files:
- path: /etc/systemd/system/vllm.service
  permissions: "0644"
  content: |
    [Unit]
    Description=vLLM OpenAI-compatible server
    After=docker.service
    Requires=docker.service
    [Service]
    ExecStartPre=/usr/bin/docker pull vllm/vllm-openai:v0.6.4
    ExecStart=/usr/bin/docker run --rm --name vllm --gpus all --ipc=host -p 8000:8000 -v /mnt/disks/weights:/models/reasoning:ro vllm/vllm-openai:v0.6.4 --model /models/reasoning --served-model-name o4-mini --tensor-parallel-size 8
    ExecStop=/usr/bin/docker stop vllm
    Restart=always
    [Install]
    WantedBy=multi-user.target
runcmd:
- systemctl daemon-reload
- systemctl enable --now vllm.service
`;

new gcp.compute.Instance("reasoning-canary", {
    project,
    zone,
    name: "reasoning-canary",
    machineType: "a3-highgpu-8g",
    bootDisk: { initializeParams: { image: "cos-cloud/cos-stable", size: 500, type: "pd-ssd" } },
    networkInterfaces: [{ subnetwork: `projects/${project}/regions/${region}/subnetworks/inference` }],
    scheduling: { onHostMaintenance: "TERMINATE" },
    serviceAccount: { email: serviceAccount.email, scopes: ["cloud-platform"] },
    metadata: { "user-data": cloudInit, "cos-gpu-installer-env": "NVIDIA_DRIVER_VERSION=550.90.07" },
    labels: { team: "reasoning-serving", role: "canary" },
});

export const templateLink = template.selfLink;
