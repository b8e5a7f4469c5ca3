/**
 * What the pack knows about one resource before any rule judges it: the
 * settings and model fields its inputs hold, what each setting means, what its
 * tags declare, and where it runs. Computed once per resource per request and
 * shared by every rule; rules only judge.
 */
import { extract } from "./evidence";
import { Extraction, Setting, SettingScope } from "./evidence/types";
import { Host, hostOf } from "./host";
import { ModelMatch, modelNamedIn } from "./models";
import { isSecretName, shownValue } from "./redaction";
import { ResourceView, StackIndex, StackNode } from "./resource";
import { rolesIn, ScopeRoles } from "./setting-roles";
import { Settings } from "./settings";
import { Declarations, declarationsOf } from "./tags";
import { Evidence, ModelRef, Verdict } from "./verdict";

/** The facts of one resource. */
export interface ResourceFacts {
    view: ResourceView;
    extraction: Extraction;
    declared: Declarations;
    /** Each settings scope (a container, a function, a script) with its settings sorted by role. */
    scopes: ReadonlyArray<{ scope: SettingScope; roles: ScopeRoles }>;
    /** Fields the pack needed and could not read, as evidence every verdict carries. */
    unreadable: Evidence[];
    /** Where it runs; with the stack, what the resource alone leaves pending is resolved. */
    host(stack?: StackIndex): Host;
}

/** Reads the facts of a resource. */
export function factsOf(view: ResourceView, settings: Settings): ResourceFacts {
    const extraction = extract(view.type, view.props);
    const hosts = new Map<boolean, Host>();
    return {
        view,
        extraction,
        declared: declarationsOf(view.props, settings.tagKeys),
        scopes: extraction.scopes.map((scope) => ({ scope, roles: rolesIn(scope, isSecretName) })),
        unreadable: extraction.unreadable.map((item) => ({ path: item.path, shown: `(could not be read: ${item.reason})` })),
        host(stack?: StackIndex): Host {
            const key = stack !== undefined;
            let host = hosts.get(key);
            if (host === undefined) {
                host = hostOf(view, stack);
                hosts.set(key, host);
            }
            return host;
        },
    };
}

/** What a rule is given besides the facts: the settings, and in the stack phase the stack. */
export interface JudgeContext {
    settings: Settings;
    stack?: StackContext;
}

/** The stack, as the stack phase offers it to rules. */
export interface StackContext {
    index: StackIndex;
    /** The facts of another resource of the stack (computed once per request). */
    factsOf(node: StackNode): ResourceFacts;
    /**
     * Verdicts that make a resource a backend no OpenAI-style route may front:
     * it serves or calls a proprietary model off Azure. Routes are not followed
     * from there, so route cycles end.
     */
    backendVerdicts(node: StackNode): Verdict[];
}

/** The OpenAI model a value names, built-in or configured. */
export function modelIn(value: string | undefined, settings: Settings): ModelMatch | undefined {
    return value === undefined ? undefined : modelNamedIn(value, settings.extraProprietaryModelPatterns);
}

/** A model as a verdict names it; a model named in a Pulumi secret is judged but never named. */
export function modelRefOf(found: ModelMatch, secret: boolean): ModelRef {
    return secret ? { family: found.family, class: found.class } : { id: found.id, family: found.family, class: found.class };
}

/** The evidence a setting gives: its path and its value as a message may show it. */
export function settingEvidence(setting: Setting, shownAs?: string): Evidence {
    const shown = setting.unknown
        ? "(unknown during preview)"
        : setting.secret
          ? "[secret]"
          : (shownAs ?? shownValue(setting.name, setting.value ?? ""));
    return { path: setting.path, shown };
}
