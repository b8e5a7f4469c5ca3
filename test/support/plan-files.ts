/** A recorded plan written out as the Pulumi CLI writes a preview, for checking plan files against programs. */
import { Plan, RecordedResource, SECRET_SIG, SIG_KEY } from "../../harness/plan";

/** `pulumi preview --json --show-sames` of a plan where every resource is created: secrets read "[secret]". */
export function previewDigestOf(plan: Plan): Record<string, unknown> {
    return {
        config: {},
        steps: plan.resources.map((r) => ({ op: "create", urn: r.urn, provider: r.provider ?? "", newState: stateOf(r) })),
        duration: 0,
        changeSummary: { create: plan.resources.length },
    };
}

function stateOf(r: RecordedResource): Record<string, unknown> {
    const inputs = displayed(r.inputs) as Record<string, unknown>;
    return {
        urn: r.urn,
        custom: r.custom,
        type: r.type,
        ...(r.parent ? { parent: r.parent } : {}),
        inputs,
        outputs: inputs,
        ...(r.provider ? { provider: r.provider } : {}),
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
    };
}

// MassageSecrets: a secret becomes the display string "[secret]".
function displayed(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(displayed);
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) {
        return "[secret]";
    }
    if (SIG_KEY in record) {
        return record;
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, displayed(v)]));
}
