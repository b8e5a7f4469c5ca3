/**
 * What the pack knows about one resource before any rule judges it: the
 * settings and model fields its inputs hold, what each setting means, what its
 * tags declare, and where it runs. Computed once per resource per request and
 * shared by every rule; rules only judge.
 */
import { extract } from "./evidence";
import { readConfigText, unknownArgument } from "./evidence/inputs";
import { EnvironmentFileRef, Extraction, KubernetesScopeRef, Setting, SettingScope } from "./evidence/types";
import { Host, hostOf } from "./host";
import { ModelMatch, modelNamedIn } from "./models";
import { isSecretName, shownValue } from "./redaction";
import { ResourceView, StackIndex, StackNode } from "./resource";
import { isClientConvention, normalisedName, rolesIn, ScopeRoles } from "./setting-roles";
import { Settings } from "./settings";
import {
    awsStoreValues,
    isStoreReadByDependency,
    kubernetesStoreContents,
    namedSecretValues,
    entriesWithKey,
    objectContents,
    sourcesOf,
    StoreContents,
    StoredValue,
} from "./stack";
import { Declaration, Declarations, declarationsIn, declarationsOf, tagTargetKeyOf } from "./tags";
import { isUnknown, plainValue } from "./values";
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

/**
 * Whether a resource is set up as a client of OpenAI's API anywhere in its inputs: a setting in the
 * SDK's convention (`OPENAI_API_KEY` in a container's secrets), or such a variable's name handed to
 * its processes (Cloud Build's `secretEnv: ["OPENAI_API_KEY"]`) or named in its text (a buildspec).
 * Its processes that run no serving engine ask for the models they name (`codex exec --model
 * o4-mini`) as clients.
 */
export function openAIClient(view: ResourceView, extraction: Extraction): boolean {
    return (
        extraction.scopes.some((scope) => scope.settings.some((setting) => isClientConvention(normalisedName(setting.name)))) ||
        namesOpenAIVariable(view.props, 0, { left: 10_000 })
    );
}

/** {@link namesOpenAIVariableIn}; inputs that cannot be read (a getter that throws) name nothing: not a client, fail-closed. */
function namesOpenAIVariable(value: unknown, depth: number, budget: { left: number }): boolean {
    try {
        return namesOpenAIVariableIn(value, depth, budget);
    } catch {
        return false;
    }
}

/** A string value that is the name of an OpenAI SDK variable (`OPENAI_API_KEY`), bounded in depth and count. */
function namesOpenAIVariableIn(value: unknown, depth: number, budget: { left: number }): boolean {
    if (--budget.left < 0 || depth > 32) {
        return false;
    }
    const plain = plainValue(value);
    if (typeof plain === "string") {
        // The variable's name as a value, or in a text that sets or passes it (a buildspec's `secrets-manager`).
        // Both hold OPENAI: most strings do not, and are passed over without a pattern.
        if (!plain.includes("OPENAI")) {
            return false;
        }
        return plain.length < 64 && /^[A-Z][A-Z0-9_]*$/.test(plain)
            ? isClientConvention(plain)
            : plain.length <= 1_000_000 && /\bOPENAI_API_KEY\b/.test(plain);
    }
    if (plain === null || typeof plain !== "object") {
        return false;
    }
    if (Array.isArray(plain)) {
        return plain.some((item) => namesOpenAIVariableIn(item, depth + 1, budget));
    }
    // Own enumerable keys, without an array of the values for every object.
    for (const key in plain as Record<string, unknown>) {
        if (
            Object.prototype.hasOwnProperty.call(plain, key) &&
            namesOpenAIVariableIn((plain as Record<string, unknown>)[key], depth + 1, budget)
        ) {
            return true;
        }
    }
    return false;
}

/** Reads the facts of a resource. */
export function factsOf(view: ResourceView, settings: Settings): ResourceFacts {
    const extraction = extract(view.type, view.props);
    const hosts = new Map<boolean, Host>();
    // Whether it is an OpenAI client only sorts the roles of settings: a resource without any is not asked.
    const client = extraction.scopes.length > 0 && openAIClient(view, extraction);
    return {
        view,
        extraction,
        declared: deferredIfTagOfAnother(view, withDeeperLabels(declarationsOf(view.props, settings.tagKeys), extraction, settings)),
        scopes: extraction.scopes.map((scope) => ({ scope, roles: rolesIn(scope, isSecretName, client) })),
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

/**
 * A tag resource's declarations (`aws.ec2.Tag` with `resourceId: instance.id`) are for the resource it
 * tags. While that one is unknown in the preview it may be a resource of the stack, which then
 * carries them: they wait for the stack phase. A tag of a resource named outright (outside the stack)
 * declares on the tag resource itself, as before.
 */
function deferredIfTagOfAnother(view: ResourceView, declared: Declarations): Declarations {
    const key = tagTargetKeyOf(view.props);
    if (key === undefined || !isUnknown(plainValue(view.props[key]))) {
        return declared;
    }
    const deferred = (declaration: Declaration | undefined): Declaration | undefined => declaration && { ...declaration, viaStack: true };
    return { workload: deferred(declared.workload), product: deferred(declared.product) };
}

/**
 * The declarations a resource has in the stack: a tag resource that tags a resource of the stack
 * declares nothing itself, and the resource it tags takes its declarations where it declares none of
 * its own (`openai:workload` set by an `aws.ec2.Tag` managed apart from the instance).
 */
export function declarationsInStack(facts: ResourceFacts, node: StackNode, stack: StackIndex, settings: Settings): Declarations {
    const key = tagTargetKeyOf(node.props);
    if (key !== undefined && sourcesOf(node, key, stack).length > 0) {
        return {};
    }
    let { workload, product } = facts.declared;
    for (const tag of stack.dependentsOf(node.urn)) {
        const targetKey = tagTargetKeyOf(tag.props);
        if (targetKey === undefined || !(tag.propertyDependencies[targetKey] ?? []).includes(node.urn)) {
            continue;
        }
        const declared = declarationsOf(tag.props, settings.tagKeys);
        const moved = (declaration: Declaration | undefined): Declaration | undefined =>
            declaration && { ...declaration, path: `${tag.type} "${tag.name}".${declaration.path}`, viaStack: true };
        workload ??= moved(declared.workload);
        product ??= moved(declared.product);
    }
    return workload === facts.declared.workload && product === facts.declared.product ? facts.declared : { workload, product };
}

/**
 * Declarations on the resource's own tag fields first; where those declare nothing, labels found
 * deeper (a pod template inside a custom resource, manifests given as text, Docker labels).
 */
function withDeeperLabels(declared: Declarations, extraction: Extraction, settings: Settings): Declarations {
    if ((declared.workload && declared.product) || extraction.labels.length === 0) {
        return declared;
    }
    const deeper = declarationsIn(extraction.labels, settings.tagKeys);
    return { workload: declared.workload ?? deeper.workload, product: declared.product ?? deeper.product };
}

/** The settings scopes a rule judges: the resource's own, or in the stack phase with values held elsewhere in the stack read in. */
export function scopesIn(facts: ResourceFacts, ctx: JudgeContext): ResourceFacts["scopes"] {
    return ctx.stack ? ctx.stack.scopesOf(facts) : facts.scopes;
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
    /** A resource's scopes with the values they take from other resources (ConfigMaps, Secrets, parameters) read in. */
    scopesOf(facts: ResourceFacts): ResourceFacts["scopes"];
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

/** How evidence shows a value unknown during preview. */
export const shownUnknown = "(unknown during preview)";

/** How evidence shows a value a script computes as it runs (`$(vault kv get …)`). */
export const shownComputed = "(computed as the script runs)";

/** How evidence shows a value held in a store the stack does not hold (`envFrom` of a ConfigMap made elsewhere). */
export const shownElsewhere = "(held outside this stack)";

/** Whether an evidence item is a value the pack could not know: unknown during preview, computed as a script runs, or held elsewhere. */
export function isUnknownEvidence(item: Evidence): boolean {
    return item.shown === shownUnknown || item.shown === shownComputed || item.shown === shownElsewhere;
}

/** The evidence a setting gives: its path and its value as a message may show it. */
export function settingEvidence(setting: Setting, shownAs?: string): Evidence {
    const shown = setting.unknown
        ? setting.computed
            ? shownComputed
            : setting.elsewhere
              ? shownElsewhere
              : shownUnknown
        : setting.secret
          ? "[secret]"
          : (shownAs ?? shownValue(setting.name, setting.value ?? ""));
    return { path: setting.path, shown };
}

/** Whether a resource names values held in other resources of the stack (a ConfigMap key, an SSM parameter), which the stack phase reads in. */
export function takesStoredValues(facts: ResourceFacts): boolean {
    return facts.extraction.scopes.some((scope) => scope.refs.length > 0 || scope.settings.some((setting) => setting.ref !== undefined));
}

/**
 * Whether the stack phase reads values into a resource's settings: those it names
 * ({@link takesStoredValues}), and those unknown during preview whose property depends on a store
 * (an SSM parameter's value, a secret's) that names nothing else.
 */
export function readsStoredValues(facts: ResourceFacts, stack: StackIndex): boolean {
    return (
        takesStoredValues(facts) ||
        facts.extraction.scopes.some((scope) =>
            scope.settings.some((setting) => setting.ref === undefined && unknownFromStore(setting, facts.view, stack)),
        )
    );
}

/** A setting unknown during preview whose property depends on a store the stack phase reads by dependency. */
function unknownFromStore(setting: Setting, view: ResourceView, stack: StackIndex): boolean {
    return (
        setting.unknown &&
        !setting.computed &&
        sourcesOf(view, setting.property, stack).some((source) => isStoreReadByDependency(source.type))
    );
}

/**
 * The values a setting found only by dependency may take: every value of the stores its property
 * depends on, or, where one of those is a JSON key named like the setting (`servedModelName` for
 * `--served-model-name`), that key's alone — the program read the key named for what it sets, not
 * its neighbours (an eval judge's model in the same secret). No key named so: every value (fail-closed).
 */
function keyedLike(setting: Setting, stored: StoredValue[]): StoredValue[] {
    const name = normalisedName(setting.name);
    const named = stored.filter((value) => value.key !== undefined && normalisedName(value.key) === name);
    return named.length > 0 ? named : stored;
}

/**
 * A script setting that is wholly a variable nothing else sets (`vllm serve $MODEL`), with the value an
 * environment file the process loads gives it (`EnvironmentFile=` of an S3 object in the stack).
 */
function withFileVariable(setting: Setting, fromFiles: ReadonlyMap<string, Setting>): Setting {
    const file = setting.variable !== undefined && setting.computed ? fromFiles.get(setting.variable) : undefined;
    if (file === undefined || file.value === undefined || file.unknown) {
        return setting;
    }
    return {
        name: setting.name,
        path: `${setting.path} → ${file.path}`,
        value: file.value,
        unknown: false,
        secret: setting.secret || file.secret,
        property: setting.property,
        viaStack: true,
    };
}

/** A value that is wholly one variable Kubernetes expands in a container's command and arguments: `$(MODEL)`. */
const kubernetesVariable = /^\$\(([A-Za-z_][A-Za-z0-9_]{0,127})\)$/;

/**
 * A setting that is wholly a variable (`--model $(MODEL)`, a shell's `"$MODEL"`) that a store the process
 * takes its environment from sets (`envFrom`): it takes that value, known or unknown. Where no store read sets
 * it but one the pack cannot read may (`anyVariable`), it is unknown: the model may be there.
 */
function withStoreVariable(setting: Setting, fromStores: ReadonlyMap<string, Setting>, anyVariable: Setting | undefined): Setting {
    // Only the process's own settings: what the stores set is not expanded again.
    // A shell's `$MODEL` is read by the script reader (`variable`); an argument given without a shell stays those letters.
    const name =
        setting.value === undefined || setting.viaStack || setting.computed
            ? undefined
            : (setting.variable ?? kubernetesVariable.exec(setting.value)?.[1]);
    const from = name === undefined ? undefined : (fromStores.get(name) ?? anyVariable);
    if (from === undefined) {
        return setting;
    }
    const read: Setting = {
        name: setting.name,
        path: `${setting.path} → ${from.path}`,
        unknown: from.unknown,
        secret: setting.secret || from.secret,
        property: setting.property,
        viaStack: true,
    };
    if (!from.unknown) {
        read.value = from.value;
    }
    if (from.store !== undefined) {
        read.store = from.store;
    }
    if (from.elsewhere) {
        read.elsewhere = true;
    }
    return read;
}

/** Key names of files that hold credentials, not a process's configuration: a certificate, a key, a token. */
const credentialFile = /(?:\.(?:crt|pem|key|cer|der|p12|pfx|jks|keystore|truststore)|(?:^|[._-])(?:ca|cert|token|tls))$/i;

/** Folders a container keeps credentials in, not configuration: `/etc/tls`, `/var/run/secrets/…`, `~/.ssh`. */
const credentialFolder = /^(?:certs?|certificates|ca-certificates|tls|ssl|pki|keys?|tokens?|credentials|\.ssh|serviceaccount)$/i;

/**
 * Whether a mount (`/etc/vllm`, `/app/config.yaml` of `subPath: config.yaml`) holds credentials only: a
 * certificate, key or token file, or a folder named for them. Anything else may be configuration.
 */
function holdsCredentials(mountPath: string, subPath = ""): boolean {
    const segments = `${mountPath}/${subPath}`.split("/").filter((segment) => segment !== "");
    const file = segments[segments.length - 1] ?? "";
    return credentialFile.test(file) || segments.some((segment) => credentialFolder.test(segment));
}

/**
 * Whether a mount held outside the stack is read as the process's configuration: a setting of the
 * process names a file there (`--config /etc/vllm/serving.yaml`, `LITELLM_CONFIG=/app/config.yaml`), and
 * the mount is not where credentials are kept. A mount nothing names (a token the SDK reads from a
 * default path, certificates) says nothing of what the process serves or calls.
 */
function readsMountedConfiguration(ref: KubernetesScopeRef, settings: readonly Setting[]): boolean {
    const mountPath = ref.mountPath?.replace(/\/+$/, "");
    if (mountPath === undefined || mountPath === "" || holdsCredentials(mountPath, ref.subPath)) {
        return false;
    }
    return settings.some(
        (setting) =>
            !setting.unknown &&
            setting.value !== undefined &&
            (setting.value === mountPath || setting.value.startsWith(`${mountPath}/`)) &&
            !holdsCredentials(setting.value),
    );
}

/**
 * What a process takes from a Kubernetes store (`envFrom`, a mounted ConfigMap or Secret) that the pack
 * cannot read: a key unknown during preview is that setting, unknown; a whole `data` unknown, a
 * mounted configuration file unknown, or a store the stack does not hold (taken as the environment, or
 * mounted where a setting of the process names a file and credentials are not kept) stands for any setting
 * of the process, its model included. A mounted certificate or key is never a configuration.
 */
function unreadStoreSettings(ref: KubernetesScopeRef, contents: StoreContents, settings: readonly Setting[]): Setting[] {
    const base = { unknown: true, secret: ref.store !== "ConfigMap", property: ref.property, viaStack: true as const };
    if (!contents.found) {
        if (ref.kind === "kubernetes-mounted-files" && !readsMountedConfiguration(ref, settings)) {
            return [];
        }
        return ref.name === undefined
            ? [{ ...base, name: unknownArgument, path: `${ref.path} → ${ref.store} (name unknown during preview)`, block: true }]
            : [{ ...base, name: unknownArgument, path: `${ref.path} → ${ref.store} "${ref.name}"`, block: true, elsewhere: true }];
    }
    return contents.unknowns
        .filter((unknown) => ref.kind === "kubernetes-env-from" || unknown.key === undefined || !credentialFile.test(unknown.key))
        .map((unknown) => {
            const whole = ref.kind === "kubernetes-mounted-files" || unknown.key === undefined;
            return {
                ...base,
                name: whole ? unknownArgument : `${ref.prefix ?? ""}${unknown.key}`,
                path: `${ref.path} → ${unknown.where}`,
                secret: unknown.secret,
                store: unknown.store,
                ...(whole ? { block: true as const } : {}),
            };
        });
}

/**
 * What a file copied from an object (a literal reference: an ECS environment file's ARN, a boot script's
 * `s3://`, `gs://` or blob URL) that the pack cannot read stands for: any setting of the process, its model
 * included, when the object's content is unknown during preview or the stack does not hold the object.
 */
function unreadObjectSettings(ref: EnvironmentFileRef, contents: StoreContents): Setting[] {
    if (ref.reference === undefined || contents.entries.length > 0) {
        return [];
    }
    const base = { name: unknownArgument, unknown: true, property: ref.property, viaStack: true as const, block: true as const };
    if (!contents.found) {
        return [{ ...base, secret: false, path: `${ref.path} → ${ref.reference}`, elsewhere: true }];
    }
    return contents.unknowns.map((unknown) => ({
        ...base,
        secret: unknown.secret,
        path: `${ref.path} → ${unknown.where}`,
        store: unknown.store,
    }));
}

/** The settings of a stored value that is a JSON or YAML document (not a `.env` text: that is one setting's value). */
function documentSettings(stored: StoredValue, path: string, property: string): Setting[] {
    const text = stored.value.trimStart();
    if (!text.startsWith("{") && !(text.includes("\n") && text.includes(":"))) {
        return [];
    }
    return readConfigText(stored.value, path, stored.secret)
        .filter((scope) => scope.path !== path) // documents only: a plain text is the value itself
        .flatMap((scope) => scope.settings.map((setting) => ({ ...setting, property, viaStack: true })));
}

/** A setting with a value read from a store of the stack: the path says where, and verdicts resting on it are the stack phase's. */
function storedSetting(setting: Setting, stored: StoredValue): Setting {
    return {
        ...setting,
        path: `${setting.path} → ${stored.where}`,
        value: stored.value,
        unknown: false,
        secret: setting.secret || stored.secret,
        ref: undefined,
        viaStack: true,
    };
}

/**
 * A scope with the values held elsewhere in the stack read in: settings that name a ConfigMap key,
 * an SSM parameter or a secret take its value; `envFrom` adds the store's keys; a mounted ConfigMap
 * adds the scopes of its config files, running the same engines.
 */
export function scopesWithStoredValues(facts: ResourceFacts, stack: StackIndex): SettingScope[] {
    const { view } = facts;
    const scopes: SettingScope[] = [];
    for (const scope of facts.extraction.scopes) {
        const settings: Setting[] = [];
        for (const setting of scope.settings) {
            const ref = setting.ref;
            let stored: StoredValue[] = [];
            if (ref?.kind === "kubernetes-key") {
                const contents = kubernetesStoreContents(ref.store, ref.name, view, setting.property, stack);
                if (!contents.found && ref.name !== undefined && setting.unknown) {
                    // A key of a store the stack does not hold: its value is held outside this stack.
                    settings.push({ ...setting, path: `${setting.path} → ${ref.store} "${ref.name}"`, elsewhere: true, viaStack: true });
                    continue;
                }
                stored = entriesWithKey(contents, ref.key);
            } else if (ref?.kind === "aws-store") {
                stored = awsStoreValues(ref.reference, view, setting.property, stack);
            } else if (ref?.kind === "named-secret") {
                stored = namedSecretValues(ref.name, view, setting.property, stack);
            } else if (ref?.kind === "azure-key-vault") {
                stored = namedSecretValues(ref.secret, view, setting.property, stack);
            } else if (unknownFromStore(setting, view, stack)) {
                stored = keyedLike(setting, [
                    ...awsStoreValues(undefined, view, setting.property, stack),
                    ...namedSecretValues(undefined, view, setting.property, stack),
                ]);
            }
            // A literal value (a parameter's name) stays beside what it names.
            if (stored.length === 0 || !setting.unknown) {
                settings.push(setting);
            }
            settings.push(...stored.map((value) => storedSetting(setting, value)));
            // A stored JSON or YAML document taken whole (`LLM_CONFIG` from a secret holding `{"base_url": …, "model": …}`):
            // its settings are the process's too, under their own names.
            const wholeDocument = stored.length > 1 && stored.every((value) => value.key !== undefined);
            for (const value of stored) {
                if (wholeDocument && value.key !== setting.name) {
                    settings.push({ ...storedSetting(setting, value), name: value.key as string });
                } else {
                    settings.push(...documentSettings(value, `${setting.path} → ${value.where}`, setting.property));
                }
            }
        }
        const extra: SettingScope[] = [];
        let stoppedAt = scope.stoppedAt;
        /** What the environment files the process loads set, by variable: a script's `$MODEL` takes it. */
        const fromFiles = new Map<string, Setting>();
        /** What the stores it takes its environment from (`envFrom`) set, by variable: `--model $(MODEL)` takes it. */
        const fromStores = new Map<string, Setting>();
        /** A store it takes its environment from that the pack cannot read: it may set any variable. */
        let anyVariable: Setting | undefined;
        for (const ref of scope.refs) {
            if (ref.kind === "fetched-file") {
                let files: StoredValue[];
                if (ref.reference?.startsWith("arn:aws:ssm:")) {
                    files = awsStoreValues(ref.reference, view, ref.property, stack);
                } else {
                    const contents = objectContents(ref.reference, view, ref.property, stack);
                    files = contents.entries;
                    settings.push(...unreadObjectSettings(ref, contents));
                }
                for (const file of files) {
                    for (const found of readConfigText(file.value, `${ref.path} → ${file.where}`, file.secret)) {
                        for (const setting of found.settings) {
                            const read: Setting = { ...setting, property: ref.property, viaStack: true };
                            settings.push(read);
                            if (!fromFiles.has(setting.name)) {
                                fromFiles.set(setting.name, read);
                            }
                        }
                        stoppedAt ??= found.stoppedAt;
                    }
                }
                continue;
            }
            const contents = kubernetesStoreContents(ref.store, ref.name, view, ref.property, stack, ref.file);
            const entries = contents.entries;
            const unread = unreadStoreSettings(ref, contents, scope.settings);
            settings.push(...unread);
            if (ref.kind === "kubernetes-env-from") {
                for (const entry of entries) {
                    const name = `${ref.prefix ?? ""}${entry.key ?? ""}`;
                    const read: Setting = {
                        name,
                        path: `${ref.path} → ${entry.where}`,
                        value: entry.value,
                        unknown: false,
                        secret: entry.secret,
                        property: ref.property,
                        viaStack: true,
                    };
                    settings.push(read);
                    fromStores.set(name, read);
                }
                for (const setting of unread) {
                    if (setting.block) {
                        anyVariable ??= setting;
                    } else {
                        fromStores.set(setting.name, setting);
                    }
                }
                continue;
            }
            for (const entry of entries) {
                for (const file of readConfigText(entry.value, `${ref.path} → ${entry.where}`, entry.secret, entry.key)) {
                    extra.push({
                        ...file,
                        engines: [...new Set([...file.engines, ...scope.engines])],
                        settings: file.settings.map((setting) => ({ ...setting, property: ref.property, viaStack: true })),
                    });
                }
            }
        }
        let resolved = fromFiles.size === 0 ? settings : settings.map((setting) => withFileVariable(setting, fromFiles));
        if (fromStores.size > 0 || anyVariable !== undefined) {
            resolved = resolved.map((setting) => withStoreVariable(setting, fromStores, anyVariable));
        }
        scopes.push(stoppedAt ? { ...scope, settings: resolved, stoppedAt } : { ...scope, settings: resolved }, ...extra);
    }
    return scopes;
}
