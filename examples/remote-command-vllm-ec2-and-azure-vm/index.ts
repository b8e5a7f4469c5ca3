// A platform team moving its gpt-4o inference box from AWS to Azure keeps both machines for a week
// and starts the server on each with the Command provider: `command.remote.Command` connects over
// SSH to the machine's address and runs `docker run … vllm/vllm-openai … --served-model-name gpt-4o`.
// A remote command is hosted on the machine it connects to, and the address comes from a machine
// of this stack (unknown until it exists), so the pack follows `connection.host` to it: the EC2
// one is stateless serving of a proprietary OpenAI model on AWS and clause 1 blocks it; the Azure
// VM one is serving on Azure and allowed.
import * as aws from "@pulumi/aws";
import * as azure from "@pulumi/azure-native";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const sshPrivateKey = config.getSecret("sshPrivateKey") ?? pulumi.secret("-----BEGIN OPENSSH PRIVATE KEY-----\n...");

// The server, as the team's runbook starts it. Weights are synced to the box beforehand.
const startServer = [
    "set -euo pipefail",
    "docker rm -f chat || true",
    "docker run -d --name chat --restart unless-stopped --gpus all -p 8000:8000 \\",
    "  -v /opt/weights/chat:/models/chat:ro vllm/vllm-openai:v0.6.4 \\",
    "  --model /models/chat --served-model-name gpt-4o --max-model-len 32768",
].join("\n");

// The old box: an EC2 GPU instance.
const ec2Box = new aws.ec2.Instance("chat-box-aws", {
    ami: "ami-0b8c6d2e4f1a3c5e7",
    instanceType: "g6e.2xlarge",
    subnetId: "subnet-0a2c4e6a8c0e2a4c6",
    associatePublicIpAddress: true,
    keyName: "chat-ops",
    rootBlockDevice: { volumeSize: 400, volumeType: "gp3", encrypted: true },
    region: "us-east-1",
    tags: { Name: "chat-box", team: "assistants" },
});

new command.remote.Command("start-chat-aws", {
    connection: { host: ec2Box.publicIp, user: "ubuntu", privateKey: sshPrivateKey },
    create: startServer,
    delete: "docker rm -f chat",
    triggers: [ec2Box.id],
});

// The new box: an Azure GPU VM.
const group = new azure.resources.ResourceGroup("chat-rg", { location: "eastus2" });
const vnet = new azure.network.VirtualNetwork("chat-vnet", {
    resourceGroupName: group.name,
    addressSpace: { addressPrefixes: ["10.60.0.0/16"] },
    subnets: [{ name: "default", addressPrefix: "10.60.1.0/24" }],
});
const publicIp = new azure.network.PublicIPAddress("chat-box-ip", {
    resourceGroupName: group.name,
    publicIPAllocationMethod: "Static",
    sku: { name: "Standard" },
});
const nic = new azure.network.NetworkInterface("chat-box-nic", {
    resourceGroupName: group.name,
    ipConfigurations: [{ name: "primary", subnet: { id: vnet.subnets.apply((s) => s![0].id!) }, publicIPAddress: { id: publicIp.id } }],
});
const azureBox = new azure.compute.VirtualMachine("chat-box-azure", {
    resourceGroupName: group.name,
    hardwareProfile: { vmSize: "Standard_NC24ads_A100_v4" },
    networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
    osProfile: {
        computerName: "chat-box",
        adminUsername: "azureuser",
        linuxConfiguration: {
            disablePasswordAuthentication: true,
            ssh: { publicKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: "ssh-ed25519 AAAAC3Nza... chat-ops" }] },
        },
    },
    storageProfile: {
        imageReference: { publisher: "microsoft-dsvm", offer: "ubuntu-hpc", sku: "2204", version: "latest" },
        osDisk: { createOption: "FromImage", diskSizeGB: 400 },
    },
    tags: { team: "assistants" },
});

new command.remote.Command(
    "start-chat-azure",
    {
        connection: { host: publicIp.ipAddress.apply((ip) => ip!), user: "azureuser", privateKey: sshPrivateKey },
        create: startServer,
        delete: "docker rm -f chat",
        triggers: [azureBox.id],
    },
    { dependsOn: [azureBox] },
);

export const awsAddress = ec2Box.publicIp;
export const azureAddress = publicIp.ipAddress;
