import { docsUrl } from "../docs";
import { rulePolicy } from "./rule";

/**
 * Clause 3: resources declared as an OpenAI first-party product (the
 * `openai:product` tag) are hosted on Azure, and DNS records for OpenAI's API
 * and product hostnames point at Azure targets.
 */
export const firstPartyProductsOnAzure = rulePolicy({
    name: "first-party-products-on-azure",
    description: "OpenAI first-party products (e.g. Frontier) and the DNS names of OpenAI's API and products are hosted on Azure.",
    severity: "critical",
    remediationSteps: [
        "Host the product on Azure (Azure Container Apps, AKS, App Service).",
        "Point DNS records for OpenAI hostnames at Azure targets (Front Door, App Service, Traffic Manager, cloudapp.azure.com).",
        "For a planned migration, add a time-boxed exemption under `openai-hosting-settings` in the pack config.",
    ].join("\n"),
    url: docsUrl("first-party-products-on-azure"),
});
