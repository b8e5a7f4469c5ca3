// Two LiteLLM proxies on EC2, configured the way many teams keep secrets out of user data: the
// config file lives in an SSM parameter of the stack, and the boot script writes it to disk with
// `aws ssm get-parameter … > /etc/litellm/config.yaml` before starting `litellm --config` on it.
// The instances' own inputs name no model and no endpoint; the parameters do. `chat-gateway`
// routes gpt-4o to Bedrock's OpenAI-compatible endpoint: calls to a proprietary model off Azure,
// blocked by clause 2. `azure-gateway` routes the same model to Azure OpenAI: allowed.
import * as aws from "@pulumi/aws";

function litellmConfig(apiBase: string): string {
    return [
        "model_list:",
        "  - model_name: gpt-4o",
        "    litellm_params:",
        "      model: openai/gpt-4o",
        `      api_base: ${apiBase}`,
        "      api_key: os.environ/UPSTREAM_API_KEY",
        "general_settings:",
        "  master_key: os.environ/LITELLM_MASTER_KEY",
        "",
    ].join("\n");
}

function gateway(name: string, apiBase: string): aws.ec2.Instance {
    const parameterName = `/${name}/litellm-config`;
    new aws.ssm.Parameter(`${name}-config`, { name: parameterName, type: "String", tier: "Advanced", value: litellmConfig(apiBase) });
    return new aws.ec2.Instance(name, {
        ami: "ami-0a1b2c3d4e5f60789",
        instanceType: "c7i.xlarge",
        subnetId: "subnet-0123456789abcdef0",
        iamInstanceProfile: `${name}-profile`,
        userData: [
            "#!/bin/bash",
            "set -euo pipefail",
            "pip3 install 'litellm[proxy]==1.55.3'",
            "mkdir -p /etc/litellm",
            `aws ssm get-parameter --name ${parameterName} --query Parameter.Value --output text > /etc/litellm/config.yaml`,
            "nohup litellm --config /etc/litellm/config.yaml --port 4000 > /var/log/litellm.log 2>&1 &",
            "",
        ].join("\n"),
        tags: { Name: name },
    });
}

gateway("chat-gateway", "https://bedrock-mantle.us-east-1.api.aws/v1");
gateway("azure-gateway", "https://acme-prod.openai.azure.com/openai/v1");
