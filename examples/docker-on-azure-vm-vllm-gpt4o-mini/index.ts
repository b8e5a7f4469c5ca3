// The Azure twin of docker-on-ec2-vllm-gpt4o-mini: the same single-box vLLM server answering as
// `gpt-4o-mini`, but the box is an Azure NC-series VM, and the Docker provider reaches its daemon
// over SSH at the VM's public IP (an output of the PublicIPAddress, unknown until it exists).
// A Docker container is hosted where its daemon is: here, Azure, which is where clause 1 wants
// stateless serving of proprietary models. Nothing is blocked.
import * as azure from "@pulumi/azure-native";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";

const location = "swedencentral";

const resourceGroup = new azure.resources.ResourceGroup("inference-box-rg", { location, tags: { team: "support-tools" } });

const vnet = new azure.network.VirtualNetwork("inference-box-vnet", {
    resourceGroupName: resourceGroup.name,
    location,
    addressSpace: { addressPrefixes: ["10.60.0.0/16"] },
    subnets: [{ name: "default", addressPrefix: "10.60.1.0/24" }],
});

const publicIp = new azure.network.PublicIPAddress("inference-box-ip", {
    resourceGroupName: resourceGroup.name,
    location,
    sku: { name: "Standard" },
    publicIPAllocationMethod: "Static",
});

const nic = new azure.network.NetworkInterface("inference-box-nic", {
    resourceGroupName: resourceGroup.name,
    location,
    ipConfigurations: [
        {
            name: "primary",
            subnet: { id: vnet.subnets.apply((subnets) => subnets?.[0]?.id ?? "") },
            publicIPAddress: { id: publicIp.id },
            privateIPAllocationMethod: "Dynamic",
        },
    ],
});

const vm = new azure.compute.VirtualMachine("inference-box", {
    resourceGroupName: resourceGroup.name,
    location,
    hardwareProfile: { vmSize: "Standard_NC24ads_A100_v4" },
    networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
    osProfile: {
        computerName: "inference-box",
        adminUsername: "azureuser",
        linuxConfiguration: {
            disablePasswordAuthentication: true,
            ssh: {
                publicKeys: [
                    {
                        path: "/home/azureuser/.ssh/authorized_keys",
                        keyData: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3m5Xr0b7cT2yQ9kF4hL8pW1nZ6vJ0sD3eA7uB5xC9 ops@support-tools",
                    },
                ],
            },
        },
    },
    storageProfile: {
        imageReference: { publisher: "microsoft-dsvm", offer: "ubuntu-hpc", sku: "2204", version: "latest" },
        osDisk: { createOption: "FromImage", diskSizeGB: 512, managedDisk: { storageAccountType: "Premium_LRS" } },
    },
    tags: { team: "support-tools" },
});

// The Docker daemon on that VM, over SSH, at the public IP assigned to it.
const remoteDocker = new docker.Provider(
    "inference-box-docker",
    {
        host: pulumi.interpolate`ssh://azureuser@${publicIp.ipAddress}`,
        sshOpts: ["-o", "StrictHostKeyChecking=accept-new", "-i", "/home/runner/.ssh/support-tools-ops"],
    },
    { dependsOn: [vm] },
);

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
export const boxIp = publicIp.ipAddress;
