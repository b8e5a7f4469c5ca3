// A small team's single-box inference server: a g6e.xlarge EC2 instance with Docker, and the
// Pulumi Docker provider pointed at its daemon over SSH (`ssh://ubuntu@<public DNS of the
// instance>`, unknown until the instance exists). The provider pulls vLLM and runs it with
// `--served-model-name gpt-4o-mini`: a Docker container is hosted where its daemon is, and the
// daemon is the EC2 instance of this stack, so this is stateless serving of a proprietary OpenAI
// model on AWS. Clause 1 blocks the container.
import * as aws from "@pulumi/aws";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";

const region = "us-west-2";

const securityGroup = new aws.ec2.SecurityGroup("inference-box-sg", {
    description: "SSH from the office, OpenAI-compatible API from the VPC",
    vpcId: "vpc-0d3f5a7c9e1b3d5f7",
    ingress: [
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.0/24"] },
        { protocol: "tcp", fromPort: 8000, toPort: 8000, cidrBlocks: ["10.40.0.0/16"] },
    ],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    region,
    tags: { team: "support-tools" },
});

const instance = new aws.ec2.Instance("inference-box", {
    ami: "ami-0b8c6d2e4f1a3c5e7", // Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04)
    instanceType: "g6e.xlarge",
    subnetId: "subnet-0a2c4e6a8c0e2a4c6",
    associatePublicIpAddress: true,
    vpcSecurityGroupIds: [securityGroup.id],
    keyName: "support-tools-ops",
    rootBlockDevice: { volumeSize: 300, volumeType: "gp3", encrypted: true },
    metadataOptions: { httpTokens: "required" },
    userData: `#!/bin/bash
set -euo pipefail
usermod -aG docker ubuntu
mkdir -p /opt/weights && aws s3 sync s3://acme-support-weights/chat-mini/ /opt/weights/chat-mini/
`,
    region,
    tags: { Name: "inference-box", team: "support-tools" },
});

// The Docker daemon on that instance, over SSH.
const remoteDocker = new docker.Provider("inference-box-docker", {
    host: pulumi.interpolate`ssh://ubuntu@${instance.publicDns}`,
    sshOpts: ["-o", "StrictHostKeyChecking=accept-new", "-i", "/home/runner/.ssh/support-tools-ops.pem"],
});

const image = new docker.RemoteImage("vllm-image", { name: "vllm/vllm-openai:v0.6.4", keepLocally: true }, { provider: remoteDocker });

const server = new docker.Container(
    "vllm-server",
    {
        name: "vllm",
        image: image.imageId,
        restart: "unless-stopped",
        gpus: "all",
        shmSize: 16384,
        command: ["--model", "/models/chat-mini", "--served-model-name", "gpt-4o-mini", "--max-model-len", "32768", "--port", "8000"],
        envs: ["VLLM_LOGGING_LEVEL=INFO"],
        ports: [{ internal: 8000, external: 8000 }],
        volumes: [{ hostPath: "/opt/weights/chat-mini", containerPath: "/models/chat-mini", readOnly: true }],
        labels: [{ label: "com.acme.team", value: "support-tools" }],
    },
    { provider: remoteDocker },
);

export const serverName = server.name;
export const instanceDns = instance.publicDns;
