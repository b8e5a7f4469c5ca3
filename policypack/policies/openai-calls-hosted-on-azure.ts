import { docsUrl } from "../docs";
import { rulePolicy } from "./rule";

/**
 * Clauses 2 and 5: a workload configured to call an OpenAI proprietary model
 * (OPENAI_* / AZURE_OPENAI_* settings, or a model next to a base URL) sends
 * its calls to an Azure-hosted endpoint; no base URL means api.openai.com,
 * which is Azure-hosted. Endpoints unknown during preview are resolved from
 * the resource they come from in the stack.
 */
export const openAICallsHostedOnAzure = rulePolicy({
    name: "openai-calls-hosted-on-azure",
    description: "Workloads that call OpenAI proprietary models send those calls to an Azure-hosted endpoint (or api.openai.com).",
    severity: "high",
    remediationSteps: [
        "Set the client's base URL to an Azure-hosted endpoint (`https://<resource>.openai.azure.com/openai/v1/`, `*.services.ai.azure.com`) or remove it to use api.openai.com.",
        "If the endpoint is your own Azure-hosted gateway, add its host to `extraAzureHostedEndpoints` in the pack config.",
        "Bedrock's and other clouds' OpenAI-compatible APIs may serve open-weight models (gpt-oss) only.",
    ].join("\n"),
    url: docsUrl("openai-calls-hosted-on-azure"),
});
