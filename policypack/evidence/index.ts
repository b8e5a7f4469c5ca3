/**
 * Everything the pack reads off one resource. Every resource of every
 * provider is read by the shape of its inputs (`inputs.ts`); the tables of
 * known types (`model-services.ts`, `routes-and-dns.ts`) refine where a known
 * type keeps its model, its routes or its DNS record.
 */
import { readInputs } from "./inputs";
import { rememberedBy } from "../memo";
import { modelServiceOf, modelServices } from "./model-services";
import { dnsRecordOf, routesOf, surfaceTypes } from "./routes-and-dns";
import { isUnknown, plainValue } from "../values";
import { emptyExtraction, Extraction, Unreadable } from "./types";

/** The resource types the tables refine (the hardening specs hold a blocked seed for each). */
export const supportedTypes: readonly string[] = [...modelServices.keys(), ...surfaceTypes];

/** Stateful runtimes (agent runtimes keep sessions, memory and tools): allowed off Azure, their settings only ever a client's. */
function statefulRuntimeOf(type: string): string | undefined {
    return /agentcore/i.test(type) && /runtime/i.test(type) ? "Amazon Bedrock AgentCore runtime" : undefined;
}

/**
 * Fields known to hold a JSON document as text. Read by shape like every string; named here so
 * that a value unknown during preview or not valid JSON is reported where it matters.
 */
const jsonFields: ReadonlyMap<string, readonly string[]> = new Map([
    ["aws:ecs/taskDefinition:TaskDefinition", ["containerDefinitions"]],
    ["aws:batch/jobDefinition:JobDefinition", ["containerProperties", "ecsProperties", "eksProperties", "nodeProperties"]],
    ["aws:sfn/stateMachine:StateMachine", ["definition"]],
]);

/** What could not be read of a known JSON field: unknown during preview, or not valid JSON (where it failed, never the text). */
function jsonFieldProblems(type: string, props: Record<string, unknown>, parsed: ReadonlySet<string>): Unreadable[] {
    const problems: Unreadable[] = [];
    for (const key of jsonFields.get(type) ?? []) {
        if (parsed.has(key)) {
            continue; // the walk read it as a JSON document: valid
        }
        const value = plainValue(props[key]);
        if (isUnknown(value)) {
            problems.push({ path: key, reason: "unknown during preview" });
        } else if (typeof value === "string") {
            try {
                JSON.parse(value);
            } catch (error) {
                const at = /position (\d+)/.exec(String((error as Error)?.message))?.[1];
                problems.push({ path: key, reason: at === undefined ? "not valid JSON" : `not valid JSON at position ${at}` });
            }
        }
    }
    return problems;
}

/** Types whose hostnames are not custom domains: DNS records and zones, certificates, mail identities. */
const notDomainBindings = /record|zone|dns|certificate|acm:|ses\/|domainidentity|verification/i;

/**
 * Whether a type is a store of data, by its name (`ssm/parameter:Parameter`, `secretVersion:SecretVersion`,
 * `bucketObjectv2:BucketObjectv2`, `storage:Blob`, `ConfigMap`, `repositoryFile:RepositoryFile`, AppConfig's
 * `HostedConfigurationVersion`, a config store's `ConfigStoreEntries`): a command line or a client's settings
 * it holds run nothing by themselves; a workload that uses it is read with its value.
 */
function holdsData(type: string): boolean {
    return /(?:parameter|secret|secretversion|secretvalue|object|objectv2|blob|configmap|file|configurationversion|entries|entry)$/i.test(
        type.slice(type.lastIndexOf(":") + 1),
    );
}

/**
 * Resources that are the settings of another (`azure-native:web:WebAppApplicationSettings`, a
 * slot's, its connection strings, a project's environment variables): their maps are settings,
 * read as configuration.
 */
const settingsBagType = /(?:Settings|Variables|EnvVars|ConnectionStrings)(?:Slot)?$/;

/** What a type token says about how its inputs are read; remembered per type (a stack has a few dozen). */
const readingOf = rememberedBy((type: string) => ({
    bindingsRead: !notDomainBindings.test(type),
    launchesRead: !holdsData(type),
    domainMapping: /domainMapping/i.test(type),
    statefulRuntime: statefulRuntimeOf(type),
    settingsBag: settingsBagType.test(type.slice(type.lastIndexOf(":") + 1)),
}));

/**
 * Everything the pack can read off a resource's raw props. A check that
 * throws on hostile input is reported as unreadable rather than crashing.
 */
export function extract(type: string, props: Record<string, unknown>): Extraction {
    const extraction = emptyExtraction();
    const byType = readingOf(type);
    try {
        // Properties the walk parsed as JSON whole need no second parse to be checked.
        const parsedJson = new Set<string>();
        const reading = readInputs(props, byType.bindingsRead, byType.launchesRead, parsedJson, byType.settingsBag);
        extraction.scopes = reading.scopes;
        extraction.invocations = reading.invocations;
        extraction.bindings = reading.bindings;
        extraction.labels = reading.labels;
        extraction.unreadable = [...reading.unreadable, ...jsonFieldProblems(type, props, parsedJson)];
        extraction.stoppedAt = reading.stoppedAt;
        extraction.unknownBlocks = reading.unknownBlocks;
        if (byType.domainMapping && typeof props["name"] === "string") {
            extraction.bindings.push({ path: "name", hostname: props["name"], secret: false }); // a Cloud Run domain mapping is named by its domain
        }
        extraction.service = modelServiceOf(type, props);
        extraction.statefulRuntime = byType.statefulRuntime;
        extraction.routes = routesOf(type, props);
        extraction.dns = dnsRecordOf(type, props);
    } catch (error) {
        extraction.unreadable.push({
            path: "(resource)",
            reason: `could not be read: ${(error as Error)?.message?.slice(0, 120) ?? String(error)}`,
        });
        extraction.stoppedAt = extraction.stoppedAt ?? { path: "(resource)", reason: "the pack could not read it" };
    }
    return extraction;
}
