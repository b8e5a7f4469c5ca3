/**
 * The pack's settings and exemptions, as the config of this policy. The
 * rules read them through `pack-settings.ts`, which takes them from the
 * engine's Configure request, so they apply whatever this policy's own
 * enforcement level (`disabled` included) and whatever order the SDK runs
 * policies in. This policy reports nothing of its own: exempted resources are
 * reported by their rule, as advisories that name the exemption.
 *
 * Should the SDK's gRPC server ever change so that the Configure request
 * cannot be read, this policy reads its own config as it runs (it is first
 * in the pack, so before the rules in each request) and stops the preview
 * with the field's name when the config is wrong.
 */
import { PolicyConfigSchema, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { docsUrl } from "../docs";
import { PackSettings, settingsPolicyName } from "../pack-settings";
import { settingsSchema } from "../settings";
import { RulePolicy } from "./sdk-policy";

/** The settings policy, reading into `settings` when the engine's Configure request could not be read. */
export function settingsPolicyOf(settings: PackSettings): RulePolicy {
    const readOwnConfig = (args: ResourceValidationArgs | StackValidationArgs) => {
        if (!settings.fromEngine) {
            settings.configure(args.getConfig(), false);
        }
    };
    const url = docsUrl(settingsPolicyName);
    return {
        name: settingsPolicyName,
        displayName: "OpenAI hosting settings and exemptions",
        description:
            "Settings and time-boxed exemptions of the OpenAI hosting rules (reports nothing itself; exempted resources are reported by their rule).",
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: "Review each exemption before it expires; when it expires the rule blocks the resource again.",
        tags: ["openai", "settings", "exemptions"],
        ...(url ? { url } : {}),
        configSchema: settingsSchema as PolicyConfigSchema,
        validateResource: (args: ResourceValidationArgs) => readOwnConfig(args),
        validateStack: (args: StackValidationArgs) => readOwnConfig(args),
    };
}
