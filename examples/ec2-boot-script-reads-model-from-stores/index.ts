// Two GPU instances whose user data reads the name vLLM serves its model as from a store when the
// machine boots, so the model can be changed with a reboot and no deployment:
//  - `chat-gpu-node` reads the SSM parameter `/serving/chat/served-name` (created here, holding
//    gpt-4.1) with the AWS CLI: a proprietary OpenAI model served on AWS (clause 1), blocked on the
//    parameter's value;
//  - `summarizer-gpu-node` reads the `MODEL` key of the Secrets Manager secret `serving/summarizer`
//    (created here, holding Qwen/Qwen2.5-7B-Instruct) through `jq`: an open-weight model, allowed.
//    The API key it reads the same way is a secret of the process, not a model.
//  - `eval-gpu-node` reads its model from HashiCorp Vault, which no resource of the stack holds: the
//    pack cannot show the model is not proprietary, and blocks it as serving an unknown model
//    (fail-closed). So does any other command the boot script runs for its model (a file, a
//    metadata call), and a store the stack does not create.
import * as aws from "@pulumi/aws";

// `insecureValue`: the provider keeps `value` secret, and the message would show "[secret]" for the model.
new aws.ssm.Parameter("chat-served-name", {
    name: "/serving/chat/served-name",
    type: "String",
    insecureValue: "gpt-4.1",
});

new aws.ec2.Instance("chat-gpu-node", {
    ami: "ami-0c7217cdde317cfec",
    instanceType: "g5.2xlarge",
    subnetId: "subnet-0a1b2c3d4e5f60718",
    iamInstanceProfile: "chat-gpu-node",
    userData: `#!/bin/bash
set -euo pipefail
SERVED_NAME=$(aws ssm get-parameter --region us-east-1 --name /serving/chat/served-name --query Parameter.Value --output text)
docker run -d --gpus all --restart always -p 8000:8000 \\
  -v /opt/models:/models vllm/vllm-openai:v0.9.1 \\
  --model /models/chat --served-model-name "$SERVED_NAME" --max-model-len 32768
`,
    tags: { Name: "chat-gpu-node", team: "ml-platform" },
});

const summarizerConfig = new aws.secretsmanager.Secret("summarizer-config", { name: "serving/summarizer" });
new aws.secretsmanager.SecretVersion("summarizer-config-v1", {
    secretId: summarizerConfig.id,
    secretString: JSON.stringify({ MODEL: "Qwen/Qwen2.5-7B-Instruct", MAX_MODEL_LEN: "16384" }),
});

new aws.ec2.Instance("summarizer-gpu-node", {
    ami: "ami-0c7217cdde317cfec",
    instanceType: "g5.xlarge",
    subnetId: "subnet-0a1b2c3d4e5f60718",
    iamInstanceProfile: "summarizer-gpu-node",
    userData: `#!/bin/bash
set -euo pipefail
export MODEL="$(aws secretsmanager get-secret-value --secret-id serving/summarizer --query SecretString --output text | jq -r .MODEL)"
export VLLM_API_KEY=$(aws ssm get-parameter --name /serving/summarizer/api-key --with-decryption --query Parameter.Value --output text)
docker run -d --gpus all --restart always -p 8000:8000 -e VLLM_API_KEY \\
  vllm/vllm-openai:v0.9.1 --model "$MODEL" --max-model-len 16384
`,
    tags: { Name: "summarizer-gpu-node", team: "ml-platform" },
});

new aws.ec2.Instance("eval-gpu-node", {
    ami: "ami-0c7217cdde317cfec",
    instanceType: "g5.xlarge",
    subnetId: "subnet-0a1b2c3d4e5f60718",
    iamInstanceProfile: "eval-gpu-node",
    userData: `#!/bin/bash
set -euo pipefail
export VAULT_ADDR=https://vault.internal.example.com:8200
MODEL=$(vault kv get -field=model secret/serving/eval)
docker run -d --gpus all --restart always -p 8000:8000 \\
  vllm/vllm-openai:v0.9.1 --model "$MODEL" --max-model-len 16384
`,
    tags: { Name: "eval-gpu-node", team: "ml-platform" },
});
