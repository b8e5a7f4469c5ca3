/**
 * What a rule is: the clause of the agreement it enforces, its documentation,
 * and its judgement over the facts of a resource. `sdk-policy.ts` turns a rule
 * into a Pulumi policy; `registry.ts` lists the rules.
 */
import { ResourceFacts, JudgeContext, shownUnknown } from "../facts";
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
