/**
 * A plan judged in this process, through the same phases the policies run (registry.ts), with a
 * config file's settings and enforcement levels applied as the engine applies them: what the
 * gRPC specs check through the Analyzer protocol, here where a mutation tester can see it.
 */
import type { Verdict as ReportedVerdict } from "../../harness/analyzer-client";
import { Plan, providerOf } from "../../harness/plan";
import type { PolicyPackConfigFile } from "../../harness/policy-config";
import { exemptionFor } from "../../policypack/exemptions";
import { resourcePhase, ruleNames, stackPhase } from "../../policypack/registry";
import { messageOf, wireOf } from "../../policypack/render";
import { reportedAsAdvisory } from "../../policypack/policies/sdk-policy";
import type { ResourceView, StackNode } from "../../policypack/resource";
import { parseSettings } from "../../policypack/settings";
import type { Verdict } from "../../policypack/verdict";
import { stackOf } from "./views";

/** A config file's level for a rule: its own entry, else `all`, else mandatory. */
function levelOf(config: PolicyPackConfigFile, rule: string): string {
    const entry = config[rule];
    const own = typeof entry === "string" ? entry : entry?.enforcementLevel;
    const all = config["all"];
    const level = own ?? (typeof all === "string" ? all : undefined) ?? "mandatory";
    return level === "remediate" ? "mandatory" : level;
}

/** Every verdict the pack reports on a plan, as the harness reports them (level, message, data). */
export function judgeInProcess(plan: Plan, config: PolicyPackConfigFile = {}): ReportedVerdict[] {
    const entry = config["openai-hosting-settings"];
    const { enforcementLevel: _level, ...properties } = typeof entry === "object" ? entry : {};
    const settings = parseSettings(properties);
    const viewOf = (urn: string): ResourceView => {
        const resource = plan.resources.find((r) => r.urn === urn)!;
        const provider = providerOf(plan, resource);
        return {
            urn: resource.urn,
            name: resource.name,
            type: resource.type,
            props: resource.inputs,
            provider: provider ? { urn: provider.urn, type: provider.type, name: provider.name, props: provider.inputs } : undefined,
        };
    };
    const nodes: StackNode[] = plan.resources.map((r) => ({
        ...viewOf(r.urn),
        propertyDependencies: r.propertyDependencies,
        dependencies: r.dependencies,
        ...(r.parent ? { parent: r.parent } : {}),
    }));
    const reported = (verdict: Verdict, phase: "resource" | "stack"): ReportedVerdict[] => {
        const level = levelOf(config, verdict.rule);
        if (level === "disabled") {
            return [];
        }
        const exemption = exemptionFor(verdict, settings.exemptions);
        const judged = exemption ? { ...verdict, exemption } : verdict;
        return [
            {
                policy: verdict.rule,
                level: (reportedAsAdvisory(judged) ? "advisory" : level) as ReportedVerdict["level"],
                message: messageOf(judged),
                phase,
                urn: verdict.resource.urn,
                resource: verdict.resource.name,
                type: verdict.resource.type,
                data: JSON.parse(wireOf(judged)) as Record<string, unknown>,
            },
        ];
    };
    return [
        ...plan.resources.flatMap((r) => resourcePhase(viewOf(r.urn), settings).flatMap((v) => reported(v, "resource"))),
        ...stackPhase(nodes, stackOf(nodes), settings).flatMap((v) => reported(v, "stack")),
    ].filter((v) => ruleNames.includes(v.policy as (typeof ruleNames)[number]));
}
