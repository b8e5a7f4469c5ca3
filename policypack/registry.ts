/**
 * The rules of the pack: the one list from which policy names, clauses and
 * documentation derive. Adding a rule is one file under `policies/` and one
 * row here.
 */
import { placementOf } from "./clouds";
import {
    declarationsInStack,
    factsOf,
    JudgeContext,
    openAIClient,
    ResourceFacts,
    readsStoredValues,
    scopesWithStoredValues,
    StackContext,
    takesStoredValues,
} from "./facts";
import { isSecretName } from "./redaction";
import { rolesIn } from "./setting-roles";
import { firstPartyProductsOnAzure } from "./policies/first-party-products-on-azure";
import { namesHostTheStackJudges, openAICallsHostedOnAzure } from "./policies/openai-calls-hosted-on-azure";
import { Rule } from "./policies/rule";
import { statelessOpenAIApiOnAzure } from "./policies/stateless-openai-api-on-azure";
import { ResourceView, StackIndex, StackNode } from "./resource";
import { Settings } from "./settings";
import { containsUnknown } from "./values";
import { isAdvisorySubject, RuleName, Verdict } from "./verdict";

/** Every rule, in the order the pack reports them. */
export const rules: readonly Rule[] = [statelessOpenAIApiOnAzure, openAICallsHostedOnAzure, firstPartyProductsOnAzure];

/** The rule names an exemption may name. */
export const ruleNames: readonly RuleName[] = rules.map((rule) => rule.name);

/**
 * Every rule's verdicts on one resource. A verdict that only says what the pack could not read yet
 * (`isAdvisorySubject`) is dropped where any rule found what the resource does.
 */
export function verdictsOn(facts: ResourceFacts, ctx: JudgeContext): Verdict[] {
    const verdicts: Verdict[] = [];
    let advisories = 0;
    for (const rule of rules) {
        for (const verdict of rule.judge(facts, ctx)) {
            verdicts.push(verdict);
            advisories += isAdvisorySubject(verdict.subject) ? 1 : 0;
        }
    }
    return advisories > 0 && advisories < verdicts.length ? verdicts.filter((verdict) => !isAdvisorySubject(verdict.subject)) : verdicts;
}

/**
 * The stack as the rules see it in the stack phase: facts and backend
 * verdicts computed once per resource for the whole request.
 */
/** The stack phase's own view of the context: rules get a `StackContext`; the phase may also forget facts it is done with. */
type PhaseContext = StackContext & { release(node: StackNode): void };

export function stackContextOf(index: StackIndex, settings: Settings): PhaseContext {
    const facts = new Map<string, ResourceFacts>();
    const backends = new Map<string, Verdict[]>();
    const scopes = new Map<string, ResourceFacts["scopes"]>();
    const context: PhaseContext = {
        index,
        /** Forgets a resource's facts and scopes: computed again should another resource ask for them. */
        release(node: StackNode): void {
            facts.delete(node.urn);
            scopes.delete(node.urn);
        },
        factsOf(node: StackNode): ResourceFacts {
            let found = facts.get(node.urn);
            if (!found) {
                const own = factsOf(node, settings);
                const declared = declarationsInStack(own, node, index, settings);
                found = declared === own.declared ? own : { ...own, declared };
                facts.set(node.urn, found);
            }
            return found;
        },
        scopesOf(resource: ResourceFacts): ResourceFacts["scopes"] {
            if (!readsStoredValues(resource, index)) {
                return resource.scopes;
            }
            let found = scopes.get(resource.view.urn);
            if (!found) {
                const client = openAIClient(resource.view, resource.extraction);
                found = scopesWithStoredValues(resource, index).map((scope) => ({ scope, roles: rolesIn(scope, isSecretName, client) }));
                scopes.set(resource.view.urn, found);
            }
            return found;
        },
        backendVerdicts(node: StackNode): Verdict[] {
            let found = backends.get(node.urn);
            if (!found) {
                const ctx = { settings, stack: context };
                const nodeFacts = context.factsOf(node);
                // What the backend was found to do: not what the pack could not read on it.
                found = [
                    ...statelessOpenAIApiOnAzure.servingVerdicts(nodeFacts, ctx),
                    ...openAICallsHostedOnAzure.judge(nodeFacts, ctx),
                ].filter((verdict) => !isAdvisorySubject(verdict.subject));
                backends.set(node.urn, found);
            }
            return found;
        },
    };
    return context;
}

/**
 * Whether the stack phase can find anything about this resource that the
 * resource phase did not: it runs in a cluster (whose provider the stack may
 * place), it has routes, or some value of it is unknown during preview or
 * held elsewhere.
 * Everything else was fully judged in the resource phase.
 */
export function stackCanChange(facts: ResourceFacts): boolean {
    return (
        ["cluster", "docker-host", "remote-machine", "local-machine"].includes(placementOf(facts.view.type).kind) ||
        facts.extraction.routes.length > 0 ||
        facts.extraction.dns !== undefined ||
        facts.declared.workload?.viaStack === true ||
        facts.declared.product?.viaStack === true ||
        takesStoredValues(facts) ||
        containsUnknown(facts.view.props) ||
        // A setting whose value is elsewhere though no input is unknown (a secret the inputs name, not hold),
        // or a host only the stack can judge (an API Management gateway's, a Traffic Manager profile's, `undefined`).
        facts.extraction.scopes.some((scope) =>
            scope.settings.some((setting) => setting.unknown || (setting.value !== undefined && namesHostTheStackJudges(setting.value))),
        )
    );
}

/**
 * Every rule's verdicts on one resource, judged alone (resource phase) or
 * with its stack (both phases' verdicts, those that needed the stack flagged
 * `viaStack`). The pure entry point specs and tools use.
 */
export function judge(view: ResourceView, settings: Settings, stack?: StackIndex): Verdict[] {
    if (!stack) {
        return verdictsOn(factsOf(view, settings), { settings });
    }
    const context = stackContextOf(stack, settings);
    const node = stack.node(view.urn);
    return verdictsOn(node ? context.factsOf(node) : factsOf(view, settings), { settings, stack: context });
}

/** The resource phase: every rule's verdicts on what one resource shows alone. */
export function resourcePhase(view: ResourceView, settings: Settings): Verdict[] {
    return verdictsOn(factsOf(view, settings), { settings }).filter((verdict) => !verdict.viaStack);
}

/** The stack phase: every rule's verdicts that needed the stack, for the resources the stack can change. */
export function stackPhase(nodes: readonly StackNode[], index: StackIndex, settings: Settings): Verdict[] {
    const context = stackContextOf(index, settings);
    const ctx = { settings, stack: context };
    return nodes.flatMap((node) => {
        const facts = context.factsOf(node);
        // Facts are not kept for the rest of the request once the resource is judged: few are asked for
        // again (a route's backend, a client's source). Held to the end, every judged resource's facts were
        // copied by each young-generation collection: at 10k resources, GC pauses were twice as long.
        const verdicts = stackCanChange(facts) ? verdictsOn(facts, ctx).filter((verdict) => verdict.viaStack) : [];
        context.release(node);
        return verdicts;
    });
}
