// A platform team reserves dedicated Bedrock capacity for GPT-5 and wraps the cross-region
// GPT-5 mini profile in an application inference profile for cost tracking.
// Both resources serve stateless inference of OpenAI proprietary models on AWS, which
// clause 1 of the joint statement reserves for Azure: the pack blocks both.
import * as aws from "@pulumi/aws";

const region = "us-west-2";

// Dedicated model units for the support assistant's GPT-5 traffic (one-month commitment).
const gpt5Throughput = new aws.bedrock.ProvisionedModelThroughput("support-gpt5-throughput", {
    provisionedModelName: "support-assistant-gpt5",
    modelArn: `arn:aws:bedrock:${region}::foundation-model/openai.gpt-5-v1:0`,
    modelUnits: 2,
    commitmentDuration: "OneMonth",
    region,
    tags: {
        team: "support-platform",
        "cost-center": "cc-4471",
    },
});

// Application inference profile copying the system-defined US cross-region profile,
// so that GPT-5 mini spend shows up under the search team's cost allocation tags.
const gpt5MiniProfile = new aws.bedrock.InferenceProfile("search-gpt5-mini-profile", {
    name: "search-gpt5-mini",
    description: "Query rewriting for site search",
    modelSource: {
        copyFrom: `arn:aws:bedrock:${region}:123456789012:inference-profile/us.openai.gpt-5-mini-v1:0`,
    },
    region,
    tags: {
        team: "search",
        "cost-center": "cc-5120",
    },
});

export const provisionedModelArn = gpt5Throughput.provisionedModelArn;
export const inferenceProfileArn = gpt5MiniProfile.arn;
