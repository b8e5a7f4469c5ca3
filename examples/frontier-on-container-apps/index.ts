// The Frontier API tier on Azure Container Apps: the first-party product stays on Azure, as
// clause 3 requires. Same product tag as frontier-on-ecs, different cloud: nothing is blocked.
import * as azure from "@pulumi/azure-native";

const location = "eastus2";

const resourceGroup = new azure.resources.ResourceGroup("frontier-rg", {
    location,
    tags: { team: "frontier" },
});

const environment = new azure.app.ManagedEnvironment("frontier-env", {
    resourceGroupName: resourceGroup.name,
    location,
    appLogsConfiguration: { destination: "azure-monitor" },
    workloadProfiles: [{ name: "Consumption", workloadProfileType: "Consumption" }],
    zoneRedundant: false,
    tags: { team: "frontier" },
});

const frontierApi = new azure.app.ContainerApp("frontier-api", {
    resourceGroupName: resourceGroup.name,
    location,
    managedEnvironmentId: environment.id,
    workloadProfileName: "Consumption",
    identity: { type: "SystemAssigned" },
    configuration: {
        activeRevisionsMode: "Single",
        ingress: { external: true, targetPort: 8443, transport: "http" },
        registries: [{ server: "contosofrontier.azurecr.io", identity: "system" }],
    },
    template: {
        containers: [
            {
                name: "frontier-api",
                image: "contosofrontier.azurecr.io/frontier/api:2026.02.3",
                resources: { cpu: 2, memory: "4Gi" },
                env: [
                    { name: "FRONTIER_DEPLOYMENT", value: "enterprise-us" },
                    { name: "PORT", value: "8443" },
                    { name: "LOG_FORMAT", value: "json" },
                ],
            },
        ],
        scale: { minReplicas: 3, maxReplicas: 20 },
    },
    tags: { team: "frontier", "openai:product": "frontier" },
});

export const frontierUrl = frontierApi.latestRevisionFqdn;
