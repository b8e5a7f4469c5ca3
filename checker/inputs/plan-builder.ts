// Builds a harness Plan from resource states read out of a Pulumi JSON file, one at a time, so a
// reader can stream a file of any size. The states share the shape of apitype.ResourceV3
// (`pulumi stack export`, a preview step's newState) or apitype.StepEventStateMetadata (an engine
// event's `new`): urn, type, custom, id, parent, provider "<urn>::<id>", inputs, outputs, and in
// ResourceV3 also dependencies, propertyDependencies and the resource options.
import { compactResource, Plan, RecordedOptions, RecordedResource } from "../../harness/plan";
import { wireProperties } from "./wire-values";

/** A resource state as Pulumi's JSON outputs write it (fields this checker reads). */
export interface ResourceState {
    urn: string;
    type: string;
    custom?: boolean;
    id?: string;
    parent?: string;
    provider?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    protect?: boolean;
    additionalSecretOutputs?: string[];
    customTimeouts?: { create?: number; update?: number; delete?: number };
}

/** True when `value` has the fields every resource state has (a URN and a type). */
export function isResourceState(value: unknown): value is ResourceState {
    const record = value as Record<string, unknown> | null;
    return typeof record === "object" && record !== null && typeof record["urn"] === "string" && typeof record["type"] === "string";
}

/** Collects resources in the order first seen; a later state of the same URN (a replacement) replaces the earlier one. */
export class PlanBuilder {
    private readonly byUrn = new Map<string, RecordedResource>();

    /**
     * @param preview whether the file describes a preview (planned values, unknowns) rather than deployed state
     * @param displayedSecrets whether the string "[secret]" stands for a secret (`pulumi preview --json`)
     */
    constructor(
        private readonly preview: boolean,
        private readonly displayedSecrets: boolean,
    ) {}

    /** How many resources so far. */
    get size(): number {
        return this.byUrn.size;
    }

    /** Adds one resource state; `fallbackProvider` is used when the state names none (older event logs keep it on the step). */
    add(state: ResourceState, fallbackProvider?: string): void {
        const opts = { displayedSecrets: this.displayedSecrets };
        // Analyzers see a resource's inputs; a state without inputs (an old export, a read) has only outputs.
        const properties = state.inputs && Object.keys(state.inputs).length > 0 ? state.inputs : (state.outputs ?? {});
        const provider = state.provider || fallbackProvider || undefined;
        // Inputs are kept as JSON text until a request is built: a 100k-resource plan fits in memory.
        const resource = compactResource(
            {
                urn: state.urn,
                type: state.type,
                name: nameOf(state.urn),
                custom: state.custom ?? false,
                ...(state.id ? { id: state.id } : {}),
                ...(state.parent ? { parent: state.parent } : {}),
                ...(provider ? { provider } : {}),
                dependencies: state.dependencies ?? [],
                propertyDependencies: state.propertyDependencies ?? {},
                options: optionsOf(state),
            },
            wireProperties(properties, opts),
        );
        this.byUrn.set(state.urn, resource);
    }

    /** The plan: stack and project come from the URNs (`urn:pulumi:<stack>::<project>::…`). */
    plan(): Plan {
        const resources = [...this.byUrn.values()];
        const first = resources[0]?.urn.split("::") ?? [];
        return {
            stack: (first[0] ?? "").replace(/^urn:pulumi:/, "") || "dev",
            project: first[1] || "project",
            preview: this.preview,
            resources,
        };
    }
}

/** The logical name in a URN `urn:pulumi:<stack>::<project>::<type>::<name>` (names may contain "::"). */
export function nameOf(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

function optionsOf(state: ResourceState): RecordedOptions {
    const t = state.customTimeouts;
    return {
        protect: state.protect ?? false,
        ignoreChanges: [],
        additionalSecretOutputs: state.additionalSecretOutputs ?? [],
        ...(t && (t.create || t.update || t.delete) ? { customTimeouts: { create: t.create ?? 0, update: t.update ?? 0, delete: t.delete ?? 0 } } : {}),
    };
}
