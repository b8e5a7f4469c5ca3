// The support site's chat backend on Fargate, written with awsx. The container is an OpenAI SDK
// client: its model is `gpt-4.1`, and its endpoint is the company's Azure OpenAI resource
// (`AZURE_OPENAI_ENDPOINT`), the API key injected from Secrets Manager. The backend runs on AWS,
// but it serves no model; its stateless calls to an OpenAI model go to Azure, as clause 2 asks.
// Nothing is blocked.
import * as awsx from "@pulumi/awsx";

const alb = new awsx.lb.ApplicationLoadBalancer("support-chat-alb", {
    subnetIds: ["subnet-0a1b3c5d7e9f1a3b5", "subnet-0c2d4e6f8a0b2c4d6"],
    defaultTargetGroup: { port: 8080, protocol: "HTTP", healthCheck: { path: "/healthz" }, targetType: "ip" },
    tags: { team: "support-web" },
});

const service = new awsx.ecs.FargateService("support-chat", {
    cluster: "arn:aws:ecs:eu-central-1:123456789012:cluster/support-web",
    desiredCount: 4,
    networkConfiguration: {
        subnets: ["subnet-0e3f5a7b9c1d3e5f7", "subnet-0f4a6b8c0d2e4f6a8"],
        securityGroups: ["sg-0b5d7f9a1c3e5a7c9"],
    },
    taskDefinitionArgs: {
        container: {
            name: "chat-backend",
            image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/support/chat-backend:2026.03.2",
            essential: true,
            cpu: 1024,
            memory: 2048,
            environment: [
                { name: "AZURE_OPENAI_ENDPOINT", value: "https://contoso-support-weu.openai.azure.com/" },
                { name: "AZURE_OPENAI_DEPLOYMENT", value: "gpt-4.1" },
                { name: "OPENAI_API_VERSION", value: "2025-03-01-preview" },
                { name: "OPENAI_MODEL", value: "gpt-4.1" },
                { name: "PORT", value: "8080" },
            ],
            secrets: [
                {
                    name: "AZURE_OPENAI_API_KEY",
                    valueFrom: "arn:aws:secretsmanager:eu-central-1:123456789012:secret:support/azure-openai-key-Xy12Ab",
                },
            ],
            portMappings: [{ containerPort: 8080, targetGroup: alb.defaultTargetGroup }],
        },
    },
    tags: { team: "support-web" },
});

export const serviceName = service.service.name;
export const url = alb.loadBalancer.dnsName;
