// An application team deploys onto the shared EKS cluster run by the platform team, with the
// kubeconfig the platform team hands out (an `aws eks get-token` exec user). KServe is installed
// there; the team's InferenceService uses KServe's Hugging Face serving runtime with its vLLM
// backend, loads weights from S3 and registers the model as `gpt-4o` (`--model_name`). That is
// stateless serving of an OpenAI proprietary model on AWS: clause 1 blocks the custom resource.
import * as k8s from "@pulumi/kubernetes";

const clusterArn = "arn:aws:eks:us-west-2:123456789012:cluster/shared-ml-usw2";
const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: ${clusterArn}
  cluster:
    server: https://9F1C3A5E7B2D4F6A8C0E1B3D5F7A9C2E.gr7.us-west-2.eks.amazonaws.com
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKY201bGRHVnpNQjRYRFRJMk1ERXhOVEV3TURBd01Gb1hEVE0yTURFeE16RXdNREF3TUZvd0ZURVRNQkVHQTFVRQpBeE1LYTNWaVpYSnVaWFJsY3pDQ0FTSXdEUVlKS29aSWh2Y05BUUVCQlFBRGdnRVBBRENDQVFvQ2dnRUJBTHZ6Ci0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K
contexts:
- name: ${clusterArn}
  context:
    cluster: ${clusterArn}
    user: ${clusterArn}
    namespace: assistants
current-context: ${clusterArn}
users:
- name: ${clusterArn}
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [--region, us-west-2, eks, get-token, --cluster-name, shared-ml-usw2, --output, json]
`;

const provider = new k8s.Provider("shared-ml", { kubeconfig, namespace: "assistants" });

const serviceAccount = new k8s.core.v1.ServiceAccount(
    "weights-reader",
    {
        metadata: {
            name: "weights-reader",
            namespace: "assistants",
            annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/assistants-weights-reader" },
        },
    },
    { provider },
);

const inferenceService = new k8s.apiextensions.CustomResource(
    "assistant-chat",
    {
        apiVersion: "serving.kserve.io/v1beta1",
        kind: "InferenceService",
        metadata: {
            name: "assistant-chat",
            namespace: "assistants",
            labels: { team: "assistants", "app.kubernetes.io/part-of": "assistant" },
            annotations: { "serving.kserve.io/deploymentMode": "RawDeployment", "serving.kserve.io/autoscalerClass": "hpa" },
        },
        spec: {
            predictor: {
                minReplicas: 2,
                maxReplicas: 6,
                serviceAccountName: serviceAccount.metadata.name,
                tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
                model: {
                    modelFormat: { name: "huggingface" },
                    args: ["--model_name=gpt-4o", "--backend=vllm", "--tensor-parallel-size=8", "--max-model-len=65536"],
                    storageUri: "s3://acme-assistants-weights/chat/2024-11-20/",
                    resources: {
                        requests: { cpu: "32", memory: "256Gi", "nvidia.com/gpu": "8" },
                        limits: { cpu: "48", memory: "320Gi", "nvidia.com/gpu": "8" },
                    },
                },
            },
        },
    },
    { provider },
);

export const inferenceServiceName = inferenceService.metadata.name;
