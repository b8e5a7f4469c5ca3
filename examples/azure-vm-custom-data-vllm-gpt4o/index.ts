// The Azure side of the same fleet pattern: a VM scale set of ND H100 v5 VMs whose
// `osProfile.customData` (base64 cloud-init, as Azure requires) installs a systemd unit running
// vLLM with `--served-model-name gpt-4o`. Stateless serving of a proprietary OpenAI model, on
// Azure: what clause 1 asks for. Nothing is blocked; the same script in a GCE instance template
// or EC2 launch template would be.
import * as azure from "@pulumi/azure-native";

const location = "eastus2";

const resourceGroup = new azure.resources.ResourceGroup("chat-fleet-rg", { location, tags: { team: "chat-serving" } });

const vnet = new azure.network.VirtualNetwork("chat-fleet-vnet", {
    resourceGroupName: resourceGroup.name,
    location,
    addressSpace: { addressPrefixes: ["10.70.0.0/16"] },
    subnets: [{ name: "inference", addressPrefix: "10.70.8.0/21" }],
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
    ExecStart=/usr/bin/docker run --rm --name vllm --gpus all --ipc=host -p 8000:8000 -v /mnt/weights:/models/chat:ro vllm/vllm-openai:v0.6.4 --model /models/chat --served-model-name gpt-4o --tensor-parallel-size 8
    ExecStop=/usr/bin/docker stop vllm
    Restart=always
    [Install]
    WantedBy=multi-user.target
runcmd:
- azcopy login --identity
- azcopy copy 'https://contosoweights.blob.core.windows.net/chat/gpt-4o-2024-11-20/*' /mnt/weights --recursive
- systemctl daemon-reload
- systemctl enable --now vllm.service
`;

const scaleSet = new azure.compute.VirtualMachineScaleSet("chat-fleet", {
    resourceGroupName: resourceGroup.name,
    location,
    sku: { name: "Standard_ND96isr_H100_v5", tier: "Standard", capacity: 4 },
    orchestrationMode: "Uniform",
    upgradePolicy: { mode: "Rolling" },
    identity: { type: "SystemAssigned" },
    virtualMachineProfile: {
        osProfile: {
            computerNamePrefix: "chat",
            adminUsername: "azureuser",
            customData: Buffer.from(cloudInit).toString("base64"),
            linuxConfiguration: {
                disablePasswordAuthentication: true,
                ssh: {
                    publicKeys: [
                        {
                            path: "/home/azureuser/.ssh/authorized_keys",
                            keyData: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB4d9Qm2k7Lr5sT1wX8yZ3cV6nH0pJ2fG4aE9uK7bD1q ops@chat-serving",
                        },
                    ],
                },
            },
        },
        storageProfile: {
            imageReference: { publisher: "microsoft-dsvm", offer: "ubuntu-hpc", sku: "2204", version: "latest" },
            osDisk: { createOption: "FromImage", diskSizeGB: 1024, managedDisk: { storageAccountType: "Premium_LRS" } },
        },
        networkProfile: {
            networkInterfaceConfigurations: [
                {
                    name: "primary",
                    primary: true,
                    enableAcceleratedNetworking: true,
                    ipConfigurations: [{ name: "ipconfig", subnet: { id: vnet.subnets.apply((subnets) => subnets?.[0]?.id ?? "") } }],
                },
            ],
        },
    },
    tags: { team: "chat-serving" },
});

export const scaleSetName = scaleSet.name;
