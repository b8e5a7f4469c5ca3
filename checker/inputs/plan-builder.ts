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
    private readonly strings = new Map<string, string>();

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
        const provider = this.keep(state.provider || fallbackProvider || undefined);
        const urn = this.keep(state.urn);
        // Inputs are kept as JSON text until a request is built: a 100k-resource plan fits in memory.
        const resource = compactResource(
            {
                urn,
                type: this.keep(state.type),
                name: nameOf(urn),
                custom: state.custom ?? false,
                ...(state.id ? { id: this.keep(state.id) } : {}),
                ...(state.parent ? { parent: this.keep(state.parent) } : {}),
                ...(provider ? { provider } : {}),
                dependencies: this.keepAll(state.dependencies ?? []),
                propertyDependencies: this.keepMap(state.propertyDependencies ?? {}),
                options: optionsOf(state, (list) => this.keepAll(list)),
            },
            wireProperties(properties, opts),
        );
        this.byUrn.set(urn, resource);
    }

    // Strings kept from a parsed state are stored once each, as their own copy: the JSON parser
    // hands out slices of the text it read, each keeping its whole chunk of the file alive, and
    // URNs repeat in parents, providers and dependencies. Values of other types pass unchanged.
    private keep<T>(value: T): T {
        if (typeof value !== "string") {
            return value;
        }
        let kept = this.strings.get(value);
        if (kept === undefined) {
            kept = JSON.parse(JSON.stringify(value)) as string;
            this.strings.set(kept, kept);
        }
        return kept as T;
    }

    private keepAll<T>(list: T): T {
        return (Array.isArray(list) ? list.map((v: unknown) => this.keep(v)) : list) as T;
    }

    private keepMap<T>(map: T): T {
        if (typeof map !== "object" || map === null || Array.isArray(map)) {
            return map;
        }
        return Object.fromEntries(Object.entries(map).map(([key, list]) => [key, this.keepAll(list)])) as T;
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

function optionsOf(state: ResourceState, keepAll: (list: string[]) => string[]): RecordedOptions {
    const t = state.customTimeouts;
    return {
        protect: state.protect ?? false,
        ignoreChanges: [],
        additionalSecretOutputs: keepAll(state.additionalSecretOutputs ?? []),
        ...(t && (t.create || t.update || t.delete)
            ? { customTimeouts: { create: t.create ?? 0, update: t.update ?? 0, delete: t.delete ?? 0 } }
            : {}),
    };
}
