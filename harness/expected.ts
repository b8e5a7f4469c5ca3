// An example's expected.json and how actual verdicts are compared with it: as sets of
// (resource, type, policy, level), order-free; messages are not compared.
import * as fs from "fs";
import type { Verdict } from "./analyzer-client";

/** The levels an example can expect (the SDK reports `remediate` as mandatory and never reports `disabled`). */
export type ExpectedLevel = "mandatory" | "advisory";

/** One verdict an example expects; `resource` and `type` are absent for a stack-level verdict about no resource. */
export interface ExpectedVerdict {
    resource?: string;
    type?: string;
    policy: string;
    level: ExpectedLevel;
}

/**
 * An example's expected.json.
 *
 * @example
 * const expected: ExpectedFile = {
 *     summary: "blocks a Bedrock provisioned throughput for gpt-5 in us-west-2",
 *     verdicts: [{ resource: "gpt5", type: "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput",
 *                  policy: "stateless-openai-serving-stays-on-azure", level: "mandatory" }],
 * };
 */
export interface ExpectedFile {
    summary: string;
    verdicts: ExpectedVerdict[];
}

/** The difference between actual and expected verdicts; both empty means they match. */
export interface VerdictDiff {
    /** Expected but not reported. */
    missing: ExpectedVerdict[];
    /** Reported but not expected. */
    unexpected: ExpectedVerdict[];
}

/** Reads and checks the shape of an expected.json. */
export function readExpected(file: string): ExpectedFile {
    const document: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    const problems: string[] = [];
    const record = (typeof document === "object" && document !== null ? document : {}) as Record<string, unknown>;
    if (typeof record["summary"] !== "string" || record["summary"] === "") {
        problems.push(`"summary" must be a non-empty string`);
    }
    if (!Array.isArray(record["verdicts"])) {
        problems.push(`"verdicts" must be an array`);
    }
    const verdicts: ExpectedVerdict[] = [];
    (Array.isArray(record["verdicts"]) ? (record["verdicts"] as unknown[]) : []).forEach((entry, i) => {
        const v = (typeof entry === "object" && entry !== null ? entry : {}) as Record<string, unknown>;
        const optionalString = (key: string) => v[key] === undefined || typeof v[key] === "string";
        if (
            typeof v["policy"] !== "string" ||
            (v["level"] !== "mandatory" && v["level"] !== "advisory") ||
            !optionalString("resource") ||
            !optionalString("type")
        ) {
            problems.push(
                `verdicts[${i}] must be {resource?: string, type?: string, policy: string, level: "mandatory" | "advisory"}, got ${JSON.stringify(entry)}`,
            );
            return;
        }
        verdicts.push(keyOf(v as unknown as ExpectedVerdict));
    });
    if (problems.length > 0) {
        throw new Error(`${file}:\n  ${problems.join("\n  ")}`);
    }
    return { summary: record["summary"] as string, verdicts };
}

/** Compares verdicts with expectations as sets of (resource, type, policy, level). */
export function compareVerdicts(actual: Verdict[], expected: ExpectedVerdict[]): VerdictDiff {
    const actualKeys = uniqueByKey(actual.map(keyOf));
    const expectedKeys = uniqueByKey(expected.map(keyOf));
    const actualSet = new Set(actualKeys.map(keyString));
    const expectedSet = new Set(expectedKeys.map(keyString));
    return {
        missing: expectedKeys.filter((v) => !actualSet.has(keyString(v))),
        unexpected: actualKeys.filter((v) => !expectedSet.has(keyString(v))),
    };
}

/** True when nothing is missing or unexpected. */
export function matches(diff: VerdictDiff): boolean {
    return diff.missing.length === 0 && diff.unexpected.length === 0;
}

/** The diff as lines a person can act on: `- missing …` / `+ unexpected …`. */
export function describeDiff(diff: VerdictDiff): string {
    return [
        ...diff.missing.map((v) => `- missing:    ${describeVerdict(v)}`),
        ...diff.unexpected.map((v) => `+ unexpected: ${describeVerdict(v)}`),
    ].join("\n");
}

/** One verdict in a line: `mandatory  <policy> on <resource> (<type>)`. */
export function describeVerdict(v: { resource?: string; type?: string; policy: string; level: string }): string {
    const subject = v.resource !== undefined ? `${v.resource} (${v.type ?? "?"})` : "the stack";
    return `${v.level.padEnd(9)}  ${v.policy} on ${subject}`;
}

// Verdict levels outside ExpectedLevel still compare (and then never match), so they show up in diffs.
function keyOf(v: { resource?: string; type?: string; policy: string; level: string }): ExpectedVerdict {
    const key: ExpectedVerdict = { policy: v.policy, level: v.level as ExpectedLevel };
    if (v.resource !== undefined) {
        key.resource = v.resource;
    }
    if (v.type !== undefined) {
        key.type = v.type;
    }
    return key;
}

function keyString(v: ExpectedVerdict): string {
    return JSON.stringify([v.resource ?? null, v.type ?? null, v.policy, v.level]);
}

function uniqueByKey(verdicts: ExpectedVerdict[]): ExpectedVerdict[] {
    const seen = new Map<string, ExpectedVerdict>();
    for (const v of verdicts) {
        seen.set(keyString(v), v);
    }
    return [...seen.values()];
}
