/**
 * The OpenAI Azure-hosting policy pack: keeps stateless OpenAI API serving and
 * OpenAI first-party products on Azure, as the OpenAI–Microsoft agreement of
 * 27 Feb 2026 requires. This file only assembles the pack: the rules are
 * listed in `registry.ts`, each in its own file under `policies/`.
 */
import { PolicyPack } from "@pulumi/policy";
import { keepAssetsReadable } from "./assets";
import { listenToEngine, packSettings } from "./pack-settings";
import { settingsPolicyOf } from "./policies/openai-hosting-settings";
import { policyOf } from "./policies/sdk-policy";
import { rules } from "./registry";
import { keepSecretsVisible } from "./secrets";

keepSecretsVisible();
keepAssetsReadable();
listenToEngine(packSettings);

new PolicyPack("openai-azure-hosting", {
    policies: [settingsPolicyOf(packSettings), ...rules.map((rule) => policyOf(rule, packSettings))],
});
