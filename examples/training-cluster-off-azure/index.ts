// Training compute on AWS: a p5.48xlarge launch template for a multi-node torchrun
// fine-tuning job (base64 user data, as launch templates require), a standalone instance
// running a reward-model training job (plain user data), and the S3 bucket their checkpoints
// go to. Clause 4 lets OpenAI and its partners commit training compute to other clouds;
// nothing here serves a model (the reward-model run names gpt-5-mini with `--model`, but it is
// declared training), so nothing is blocked.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const region = "us-east-2";
const trainingSubnetId = "subnet-0c4f8a2e6b1d3f5a7";
const efaSecurityGroupId = "sg-0e2a4c6e8a0c2e4a6";
const dlamiImageId = "ami-0a7d5c3b1e9f24680"; // Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04)

const checkpoints = new aws.s3.Bucket("training-checkpoints", {
    bucket: "acme-training-checkpoints-use2",
    region,
    tags: { team: "post-training", "openai:workload": "training" },
});

const trainerRole = new aws.iam.Role("trainer-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "ec2.amazonaws.com" },
                Action: "sts:AssumeRole",
            },
        ],
    }),
    tags: { team: "post-training" },
});

new aws.iam.RolePolicy("trainer-checkpoint-access", {
    role: trainerRole.id,
    policy: {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:AbortMultipartUpload"],
                Resource: [checkpoints.arn, pulumi.interpolate`${checkpoints.arn}/*`],
            },
        ],
    },
});

new aws.iam.RolePolicyAttachment("trainer-ssm", {
    role: trainerRole.name,
    policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
});

const trainerProfile = new aws.iam.InstanceProfile("trainer-profile", { role: trainerRole.name });

const placementGroup = new aws.ec2.PlacementGroup("p5-cluster", {
    strategy: "cluster",
    region,
    tags: { team: "post-training" },
});

// Every node joins the torchrun rendezvous on the head node and fine-tunes the open-weight
// gpt-oss-120b on the curated SFT mix, checkpointing to S3.
const finetuneScript = `#!/bin/bash
set -euo pipefail
source /opt/pytorch/bin/activate
export FI_PROVIDER=efa NCCL_DEBUG=WARN
aws s3 sync s3://acme-training-data-use2/sft-mix-2026-02/ /fsx/data/sft-mix/
torchrun \\
  --nnodes=16 --nproc-per-node=8 \\
  --rdzv-backend=c10d --rdzv-endpoint=trainer-head.internal:29400 \\
  /opt/trainer/finetune.py \\
    --base-model openai/gpt-oss-120b \\
    --dataset /fsx/data/sft-mix \\
    --epochs 2 --lr 1e-5 \\
    --output-dir s3://acme-training-checkpoints-use2/sft/gpt-oss-120b-2026-02/
`;

const finetuneTemplate = new aws.ec2.LaunchTemplate("p5-finetune", {
    namePrefix: "p5-finetune-",
    description: "p5.48xlarge nodes for multi-node SFT",
    imageId: dlamiImageId,
    instanceType: "p5.48xlarge",
    iamInstanceProfile: { arn: trainerProfile.arn },
    placement: { groupName: placementGroup.name },
    networkInterfaces: [
        {
            deviceIndex: 0,
            networkCardIndex: 0,
            interfaceType: "efa",
            subnetId: trainingSubnetId,
            securityGroups: [efaSecurityGroupId],
            deleteOnTermination: "true",
        },
    ],
    blockDeviceMappings: [
        {
            deviceName: "/dev/sda1",
            ebs: { volumeSize: 512, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
    ],
    metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
    userData: Buffer.from(finetuneScript).toString("base64"),
    tagSpecifications: [
        {
            resourceType: "instance",
            tags: { team: "post-training", "openai:workload": "training" },
        },
    ],
    region,
    tags: { team: "post-training", "openai:workload": "training" },
});

// Single-node reward-model training run, launched directly: the reward model is initialised from
// the gpt-5-mini checkpoint (`--model gpt-5-mini`). Named in a process's `--model` argument, a
// proprietary model would count as served; the instance is declared `openai:workload: training`,
// and training compute is what clause 4 lets run off Azure.
const rewardModelInstance = new aws.ec2.Instance("reward-model-trainer", {
    ami: dlamiImageId,
    instanceType: "p5.48xlarge",
    subnetId: trainingSubnetId,
    vpcSecurityGroupIds: [efaSecurityGroupId],
    iamInstanceProfile: trainerProfile.name,
    rootBlockDevice: { volumeSize: 1024, volumeType: "gp3", encrypted: true },
    metadataOptions: { httpTokens: "required" },
    userData: `#!/bin/bash
set -euo pipefail
docker run --gpus all --ipc=host --rm \\
  -v /opt/data:/data \\
  123456789012.dkr.ecr.us-east-2.amazonaws.com/post-training/trainer:2026.02.4 \\
  python -m trainer.reward_model \\
    --model gpt-5-mini \\
    --config configs/rm-preference-v7.yaml \\
    --checkpoint-dir s3://acme-training-checkpoints-use2/rm/preference-v7/
`,
    region,
    tags: { Name: "reward-model-trainer", team: "post-training", "openai:workload": "training" },
});

export const checkpointBucket = checkpoints.bucket;
export const launchTemplateId = finetuneTemplate.id;
export const trainerInstanceId = rewardModelInstance.id;
