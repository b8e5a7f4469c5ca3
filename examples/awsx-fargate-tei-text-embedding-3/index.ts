// The search team's embeddings API on Fargate, written with awsx: an ALB, an ECS cluster and an
// `awsx.ecs.FargateService` whose single container runs Hugging Face Text Embeddings Inference
// (CPU build) on weights baked into the team's image, answering as `text-embedding-3-small`
// (`--served-model-name`), so that existing OpenAI SDK callers need no change. An OpenAI
// embeddings model served statelessly on AWS: clause 1 blocks the FargateService. awsx builds
// the task definition and service as children of the component; the component's own inputs
// already show the serving.
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";

const cluster = new aws.ecs.Cluster("search-embeddings", {
    name: "search-embeddings",
    settings: [{ name: "containerInsights", value: "enabled" }],
    tags: { team: "search" },
});

const alb = new awsx.lb.ApplicationLoadBalancer("embeddings-alb", {
    internal: true,
    subnetIds: ["subnet-0c1e3a5c7e9a1c3e5", "subnet-0f2a4c6e8a0c2e4a6"],
    defaultTargetGroup: { port: 80, protocol: "HTTP", healthCheck: { path: "/health" }, targetType: "ip" },
    tags: { team: "search" },
});

const service = new awsx.ecs.FargateService("embeddings-api", {
    cluster: cluster.arn,
    desiredCount: 3,
    networkConfiguration: {
        subnets: ["subnet-0c1e3a5c7e9a1c3e5", "subnet-0f2a4c6e8a0c2e4a6"],
        securityGroups: ["sg-0a4c6e8a0c2e4a6c8"],
        assignPublicIp: false,
    },
    taskDefinitionArgs: {
        cpu: "4096",
        memory: "16384",
        container: {
            name: "tei",
            image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/search/tei-embeddings:cpu-1.5-2025.02",
            essential: true,
            cpu: 4096,
            memory: 16384,
            command: [
                "--model-id",
                "/data/embeddings",
                "--served-model-name",
                "text-embedding-3-small",
                "--max-batch-tokens",
                "65536",
                "--port",
                "80",
            ],
            environment: [{ name: "RUST_LOG", value: "info" }],
            portMappings: [{ containerPort: 80, targetGroup: alb.defaultTargetGroup }],
        },
    },
    tags: { team: "search" },
});

export const serviceName = service.service.name;
export const albDns = alb.loadBalancer.dnsName;
