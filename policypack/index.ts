/**
 * The OpenAI Azure-hosting policy pack: keeps stateless OpenAI API serving and
 * OpenAI first-party products on Azure, as the OpenAI–Microsoft agreement of
 * 27 Feb 2026 requires. This file only assembles the pack.
 */
import { PolicyPack } from "@pulumi/policy";
import { firstPartyProductsOnAzure } from "./policies/first-party-products-on-azure";
import { openAICallsHostedOnAzure } from "./policies/openai-calls-hosted-on-azure";
import { openAIHostingSettings } from "./policies/openai-hosting-settings";
import { statelessOpenAIApiOnAzure } from "./policies/stateless-openai-api-on-azure";
import { keepSecretsVisible } from "./secrets";

keepSecretsVisible();

new PolicyPack("openai-azure-hosting", {
    // The settings policy comes first: it makes the config current for the rules after it.
    policies: [openAIHostingSettings, statelessOpenAIApiOnAzure, openAICallsHostedOnAzure, firstPartyProductsOnAzure],
});
