// Writes a plan as the document `pulumi preview --json` prints, for the offline checker's benchmark.
//
// The shape follows pulumi/pulumi: `display.PreviewDigest` {config, steps, diagnostics, duration,
// changeSummary, maybeCorrupt} (sdk/go/common/display), each step a `PreviewStep` {op, urn,
// provider, newState, detailedDiff} whose state is an `apitype.ResourceV3` as
// `stack.SerializeResource` writes it (pkg/resource/stack/deployment.go) after
// `stateForJSONOutput` (pkg/backend/display/json.go) replaced every secret by "[secret]":
// unknowns are the sentinel string, resource references `{sig, urn, packageVersion, id?}`, map
// keys sorted, omitempty fields left out, indented by four spaces with Go's HTML escaping.
// Steps are streamed to the file, so a 100k-resource document never sits in memory whole.
import { writeInPieces } from "./file-in-pieces";
import { isSecret, Plan, RecordedResource, RESOURCE_SIG, SIG_KEY, UNKNOWN } from "../harness/plan";

/** What was written. */
export interface PreviewJsonFile {
    file: string;
    steps: number;
    bytes: number;
}

/**
 * Writes `plan` to `file` as a create-everything `pulumi preview --json` document.
 *
 * @example
 * writePreviewJson(syntheticPlan(examples, 100_000), "/tmp/preview-100k.json");
 */
export function writePreviewJson(
    plan: Plan,
    file: string,
    config: Record<string, string> = { "aws:region": "us-west-2" },
): PreviewJsonFile {
    const bytes = writeInPieces(file, (write) => {
        write(`{\n    "config": ${indented(goJson(sortedKeys(config)), 1)},\n    "steps": [\n`);
        plan.resources.forEach((resource, i) => {
            write(`${"    ".repeat(2)}${indented(goJson(previewStepOf(resource)), 2)}${i < plan.resources.length - 1 ? "," : ""}\n`);
        });
        // duration is a Go time.Duration: nanoseconds; any plausible value.
        write(`    ],\n    "duration": 61234567890,\n    "changeSummary": ${indented(goJson({ create: plan.resources.length }), 1)}\n}\n`);
    });
    return { file, steps: plan.resources.length, bytes };
}

// A create step: the engine's StepEventMetadata for a new resource in a preview.
function previewStepOf(resource: RecordedResource): Record<string, unknown> {
    const step: Record<string, unknown> = { op: "create", urn: resource.urn };
    if (resource.provider) {
        step["provider"] = resource.provider;
    }
    step["newState"] = resourceV3Of(resource);
    step["detailedDiff"] = null; // not omitempty in PreviewStep
    return step;
}

// apitype.ResourceV3 in its field order, omitempty fields dropped.
function resourceV3Of(resource: RecordedResource): Record<string, unknown> {
    const state: Record<string, unknown> = { urn: resource.urn, custom: resource.custom, type: resource.type };
    const inputs = serializedProperties(resource.inputs);
    if (Object.keys(inputs).length > 0) {
        state["inputs"] = inputs;
    }
    if (resource.parent) {
        state["parent"] = resource.parent;
    }
    if (resource.options?.protect) {
        state["protect"] = true;
    }
    if (resource.dependencies.length > 0) {
        state["dependencies"] = resource.dependencies;
    }
    if (resource.provider) {
        state["provider"] = resource.provider;
    }
    const propertyDependencies = sortedKeys(resource.propertyDependencies);
    if (Object.keys(propertyDependencies).length > 0) {
        state["propertyDependencies"] = propertyDependencies;
    }
    if ((resource.options?.additionalSecretOutputs.length ?? 0) > 0) {
        state["additionalSecretOutputs"] = resource.options?.additionalSecretOutputs;
    }
    const timeouts = resource.options?.customTimeouts;
    if (timeouts && (timeouts.create || timeouts.update || timeouts.delete)) {
        state["customTimeouts"] = timeouts;
    }
    if ((resource.options?.ignoreChanges.length ?? 0) > 0) {
        state["ignoreChanges"] = resource.options?.ignoreChanges;
    }
    return state;
}

function serializedProperties(properties: Record<string, unknown>): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(properties).sort()) {
        result[key] = serializedValue(properties[key]);
    }
    return result;
}

// stack.SerializePropertyValue after MassageSecrets(showSecrets = false).
function serializedValue(value: unknown): unknown {
    if (value === undefined || value === null) {
        return null;
    }
    if (value === UNKNOWN || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map(serializedValue);
    }
    if (isSecret(value)) {
        return "[secret]";
    }
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === RESOURCE_SIG) {
        const reference: Record<string, unknown> = {
            [SIG_KEY]: RESOURCE_SIG,
            packageVersion: record["packageVersion"] ?? "",
            urn: record["urn"],
        };
        if (typeof record["id"] === "string" && record["id"] !== UNKNOWN) {
            reference["id"] = record["id"];
        }
        return sortedKeys(reference);
    }
    return serializedProperties(record); // assets and archives keep their sig form, keys sorted
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
    return Object.fromEntries(
        Object.keys(record)
            .sort()
            .map((key) => [key, record[key] as T]),
    );
}

// json.MarshalIndent(v, "", "    ") escapes <, > and & (and U+2028/9) like this.
function goJson(value: unknown): string {
    return JSON.stringify(value, null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function indented(json: string, depth: number): string {
    return json.split("\n").join(`\n${"    ".repeat(depth)}`);
}
