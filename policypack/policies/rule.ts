/**
 * What a rule is: the clause of the agreement it enforces, its documentation,
 * and its judgement over the facts of a resource. `sdk-policy.ts` turns a rule
 * into a Pulumi policy; `registry.ts` lists the rules.
 */
import { Cloud, placementOf } from "../clouds";
import { ResourceFacts, JudgeContext, shownUnknown, StackContext } from "../facts";
import { StackIndex, StackNode } from "../resource";
import { dependenciesOf } from "../stack";
import { Evidence, RuleName, Verdict } from "../verdict";

/** The clause of the OpenAI–Microsoft joint statement (27 Feb 2026) a rule enforces. */
export interface Clause {
    /** Clause numbers as DOMAIN.md lists them, e.g. ["2", "5"]. */
    ids: readonly string[];
    /** The clause as a message cites it. */
    text: string;
}

/** Everything a rule says about itself: Pulumi policy metadata and the clause. */
export interface RuleMetadata {
    name: RuleName;
    displayName: string;
    description: string;
    severity: "low" | "medium" | "high" | "critical";
    clause: Clause;
    remediationSteps: string;
    tags: readonly string[];
}

/** A rule: its metadata and its judgement. */
export interface Rule extends RuleMetadata {
    /**
     * The verdicts against this rule for one resource. Without `ctx.stack`
     * (the resource phase) whatever needs the stack is left out; with it, the
     * verdicts that needed the stack are produced and flagged `viaStack`.
     */
    judge(facts: ResourceFacts, ctx: JudgeContext): Verdict[];
}

/** A verdict of `rule` about the resource of `facts`, carrying what could not be read on it. */
export function verdictOf(
    rule: RuleName,
    facts: ResourceFacts,
    fields: Pick<Verdict, "subject" | "evidence" | "viaStack"> & Partial<Pick<Verdict, "placement" | "unknowns">>,
    fix: string,
    clause: Clause,
): Verdict {
    const { urn, name, type } = facts.view;
    return {
        rule,
        resource: { urn, name, type },
        clause: { ids: [...clause.ids], text: clause.text },
        fix,
        unreadable: facts.unreadable,
        ...fields,
        // A rule that passes none (or passes undefined) still gives the list: the JSON form always has it.
        unknowns: fields.unknowns ?? [],
    };
}

/** The evidence of fields unknown during preview. */
export function unknownEvidence(paths: readonly string[]): Evidence[] {
    return paths.map((path) => ({ path, shown: shownUnknown }));
}

const unreadFix =
    "nothing blocks this preview: `pulumi up` analyzes the resource again with its inputs resolved, before creating it, and blocks it then if it breaks a rule. For previews to judge it too, give the block its values and outputs field by field instead of one `apply` over the whole block (a provider may add one: azure-native wraps a web app's `siteConfig` when any value in it is an output; `web.WebAppApplicationSettings` sets app settings apart)";

/**
 * The advisory for a resource whose blocks of settings are unknown as a whole during preview
 * (`extraction.unknownBlocks`): what it runs or calls cannot be read yet. Reported in the stack
 * phase, once, by the rule that `owns` the resource's host cloud (a resource on Azure can only
 * break the calls rule; one elsewhere the serving rule first); the registry drops it where any rule
 * found what the resource does (`verdictsOn`). A block that is a reference to a resource of the stack (an ECS service's
 * `taskDefinition`, a group's `instanceTemplate`: its key names the type of what it depends on)
 * is not one: that resource is judged itself; nor is a generic block beside a known process
 * (`readInputs`). On Azure only calls off Azure break a rule: with `onlyFromOffAzure` (the config's
 * `adviseOnAzureOnlyBlocks: false`), a block computed only from Azure resources is left out.
 */
export function unreadInPreview(
    rule: RuleName,
    facts: ResourceFacts,
    ctx: JudgeContext,
    owns: (cloud: Cloud) => boolean,
    clause: Clause,
    onlyFromOffAzure = false,
): Verdict[] {
    const blocks = facts.extraction.unknownBlocks;
    const stack = ctx.stack;
    // A store the resource takes its settings from in whole (`envFrom` of a ConfigMap whose `data` is an `apply`).
    const fromStores = stack && facts.extraction.scopes.some((scope) => scope.refs.length > 0) ? storeBlocksOf(facts, stack) : [];
    if ((blocks.length === 0 && fromStores.length === 0) || !stack) {
        return [];
    }
    const host = facts.host(stack.index);
    if (host.kind !== "cloud" || !owns(host.cloud)) {
        return [];
    }
    const node = stack.index.node(facts.view.urn);
    const paths = [
        ...[...new Set(blocks)].filter(
            (path) => !referencesAResource(path, node, stack.index) && (!onlyFromOffAzure || mayComeFromOffAzure(path, node, stack.index)),
        ),
        ...fromStores.filter(({ store }) => !onlyFromOffAzure || storeMayComeFromOffAzure(store, stack.index)).map(({ path }) => path),
    ];
    if (paths.length === 0) {
        return [];
    }
    // User data unknown as a whole is already among what the resource could not read: shown there, once.
    const shownAsUnreadable = new Set(facts.unreadable.map((item) => item.path));
    return [
        verdictOf(
            rule,
            facts,
            {
                subject: { kind: "unread-in-preview", paths },
                placement: { cloud: host.cloud, how: host.how },
                evidence: unknownEvidence(paths.filter((path) => !shownAsUnreadable.has(path))),
                unknowns: unknownEvidence(paths),
                viaStack: true,
            },
            unreadFix,
            clause,
        ),
    ];
}

/**
 * Whether the unknown block at `path` may hold something from off Azure: a resource it comes from is on
 * another cloud or is another stack's outputs, or nothing in the stack shows where it comes from. A
 * block computed only from Azure resources and values that host nothing (a random password) is
 * Azure's: a web app whose `siteConfig` takes its storage account's connection string.
 */
function mayComeFromOffAzure(path: string, node: StackNode | undefined, index: StackIndex): boolean {
    return anyFromOffAzure(dependenciesOf(node, propertyOf(path)), index);
}

/** Whether values computed from these resources (URNs) may come from off Azure; none known: they may. */
function anyFromOffAzure(urns: readonly string[], index: StackIndex): boolean {
    const sources = urns.map((urn) => index.node(urn));
    return (
        sources.length === 0 ||
        sources.some((source) => {
            if (source === undefined || source.type === "pulumi:pulumi:StackReference") {
                return true;
            }
            const placement = placementOf(source.type);
            return placement.kind !== "none" && !(placement.kind === "cloud" && placement.cloud === "azure");
        })
    );
}

/** The settings blocks a resource takes whole from stores of the stack that hold them unknown during preview. */
function storeBlocksOf(facts: ResourceFacts, stack: StackContext): Array<{ path: string; store: string }> {
    const found: Array<{ path: string; store: string }> = [];
    for (const { scope } of stack.scopesOf(facts)) {
        for (const setting of scope.settings) {
            if (setting.block && setting.unknown && setting.store !== undefined && !found.some((each) => each.path === setting.path)) {
                found.push({ path: setting.path, store: setting.store });
            }
        }
    }
    return found;
}

/** Whether a store's unknown data may hold something from off Azure ({@link mayComeFromOffAzure} over its data fields). */
function storeMayComeFromOffAzure(urn: string, index: StackIndex): boolean {
    const store = index.node(urn);
    return store === undefined || anyFromOffAzure([...dependenciesOf(store, "data"), ...dependenciesOf(store, "stringData")], index);
}

/** The top-level property of a path (`siteConfig` of `siteConfig.appSettings`, `versions` of `versions[0].x`). */
function propertyOf(path: string): string {
    return /^[^.[]*/.exec(path)?.[0] ?? path;
}

/** Whether the unknown value at `path` is the id of resources of the stack whose type its key names (`taskDefinition` → `…:TaskDefinition`). */
function referencesAResource(path: string, node: StackNode | undefined, index: StackIndex): boolean {
    const property = propertyOf(path);
    const dependencies = dependenciesOf(node, property);
    const key = (path.slice(path.lastIndexOf(".") + 1).replace(/\[\d+\]$/, "") || property).toLowerCase();
    return (
        dependencies.length > 0 &&
        dependencies.every((urn) => {
            const type = index.node(urn)?.type;
            const typeName = type?.slice(type.lastIndexOf(":") + 1).toLowerCase();
            return typeName !== undefined && typeName !== "" && key.endsWith(typeName);
        })
    );
}
