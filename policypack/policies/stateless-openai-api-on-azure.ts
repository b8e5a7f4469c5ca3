import { docsUrl } from "../docs";
import { rulePolicy } from "./rule";

/**
 * Clause 1: a resource that hosts stateless inference of an OpenAI
 * proprietary model runs on Azure. Evidence: Bedrock and SageMaker model
 * fields, served-model settings of containers, functions and VMs, declared
 * `openai:workload` tags; in the stack phase, Kubernetes workloads whose
 * cluster is in the stack and API routes in front of serving backends.
 */
export const statelessOpenAIApiOnAzure = rulePolicy({
    name: "stateless-openai-api-on-azure",
    description: "Stateless inference of OpenAI proprietary models (GPT, o-series, embeddings, audio, images) is hosted only on Azure.",
    severity: "critical",
    remediationSteps: [
        "Serve the model from Azure (Azure OpenAI / Azure AI Foundry deployments, or your own serving on AKS / Azure Container Apps).",
        "If the workload serves an open-weight model (gpt-oss), name it so the pack can see it.",
        "If it is not stateless serving (training, evaluation, a stateful agent runtime), declare it with the tag `openai:workload` (`openai.com/workload` on Kubernetes, `openai-workload` on GCP).",
        "For a planned migration, add a time-boxed exemption under `openai-hosting-settings` in the pack config.",
    ].join("\n"),
    url: docsUrl("stateless-openai-api-on-azure"),
});
