// Components whose children a check did not see. A multi-language component (awsx, eks, Helm
// Chart v4 …) is built by its provider plugin when the engine asks it to; under the runtime mocks
// no plugin runs, so a recorded program holds the component and its inputs, never its children.
// A plan file lacks a component's children when it was written without them (a preview without
// --show-sames lists only what changes). Either way the verdicts rest on the component's own
// inputs, and every report says so.
import type { Plan } from "../harness/plan";
import type { InputKind } from "./inputs/read-input";

/** A component judged by its own inputs only. */
export interface UnexpandedComponent {
    urn: string;
    name: string;
    type: string;
    /** True when recorded from a program as a multi-language (remote) component. */
    remote: boolean;
}

const rootStackType = "pulumi:pulumi:Stack";

/**
 * The components of `plan` whose children the check did not see: in a recorded program, every
 * remote component (its plugin never ran, whatever children the program itself gave it); in a
 * plan file, every component other than the root stack that no resource names as its parent.
 *
 * @example
 * unexpandedComponents(recordedPlan, "program").map((c) => c.type); // ["awsx:ecs:FargateService", "eks:index:Cluster"]
 */
export function unexpandedComponents(plan: Plan, kind: InputKind): UnexpandedComponent[] {
    const describe = (r: Plan["resources"][number]): UnexpandedComponent => ({
        urn: r.urn,
        name: r.name,
        type: r.type,
        remote: r.remote === true,
    });
    if (kind === "program") {
        return plan.resources.filter((r) => r.remote === true).map(describe);
    }
    const parents = new Set<string>();
    for (const r of plan.resources) {
        if (r.parent !== undefined) {
            parents.add(r.parent);
        }
    }
    return plan.resources.filter((r) => !r.custom && r.type !== rootStackType && !parents.has(r.urn)).map(describe);
}
