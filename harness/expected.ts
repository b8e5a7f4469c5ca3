// An example's expected.json and how actual verdicts are compared with it: as sets of
// (resource, type, policy, level), order-free, each pinned to what it rests on (cloud, model,
// endpoint, hostname, evidence paths) where the example says; messages are not compared.
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
    /** What the verdict must rest on, read from the verdict's structured data (the pack's `description` JSON). */
    restsOn?: RestsOn;
}

/**
 * What a verdict rests on: each field given must match the verdict's data, so an example passes only
 * for the right reason.
 *
 * @example
 * const pin: RestsOn = { cloud: "aws", model: "gpt-4.1", evidence: ["spec.template.spec.containers[0].args[1]"] };
 */
export interface RestsOn {
    /** The host cloud (serving, products, bindings) or the cloud the calls go to (`aws`, `gcp`, `unknown` …). */
    cloud?: string;
    /** The model id the verdict names (absent for a model named in a secret). */
    model?: string;
    /** The endpoint a client calls: its host, or the managed service (`Amazon Bedrock`). */
    endpoint?: string;
    /** The OpenAI hostname of a DNS record or custom domain. */
    hostname?: string;
    /** The first-party product declared. */
    product?: string;
    /** What kind of judgement (`serves-model`, `declared-serving`, `calls-model`, `binds-hostname` …). */
    subject?: string;
    /** Field paths that must each be among the verdict's evidence. */
    evidence?: string[];
    /** The exemption that applies, by status. */
    exemption?: "active" | "expired";
}

const restsOnKeys = ["cloud", "model", "endpoint", "hostname", "product", "subject", "evidence", "exemption"];

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
    /** Reported as expected, but resting on something else than the example pins. */
    wrongReason?: WrongReason[];
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
                `verdicts[${i}] must be {resource?: string, type?: string, policy: string, level: "mandatory" | "advisory", restsOn?: {…}}, got ${JSON.stringify(entry)}`,
            );
            return;
        }
        const restsOn = v["restsOn"];
        if (restsOn !== undefined) {
            const pin = (typeof restsOn === "object" && restsOn !== null && !Array.isArray(restsOn) ? restsOn : {}) as Record<
                string,
                unknown
            >;
            const unknownKeys = Object.keys(pin).filter((key) => !restsOnKeys.includes(key));
            const badEvidence =
                pin["evidence"] !== undefined && (!Array.isArray(pin["evidence"]) || pin["evidence"].some((p) => typeof p !== "string"));
            const badStrings = restsOnKeys.filter((key) => key !== "evidence" && pin[key] !== undefined && typeof pin[key] !== "string");
            if (pin !== restsOn || unknownKeys.length > 0 || badEvidence || badStrings.length > 0) {
                problems.push(
                    `verdicts[${i}].restsOn must be an object of ${restsOnKeys.join(", ")} (evidence: a list of field paths), got ${JSON.stringify(restsOn)}`,
                );
                return;
            }
        }
        verdicts.push({ ...keyOf(v as unknown as ExpectedVerdict), ...(restsOn !== undefined ? { restsOn: restsOn as RestsOn } : {}) });
    });
    if (problems.length > 0) {
        throw new Error(`${file}:\n  ${problems.join("\n  ")}`);
    }
    return { summary: record["summary"] as string, verdicts };
}

/**
 * Compares verdicts with expectations as sets of (resource, type, policy, level); an expectation
 * that pins what the verdict rests on is met only by a verdict whose data matches every pin.
 */
export function compareVerdicts(actual: Verdict[], expected: ExpectedVerdict[]): VerdictDiff {
    const actualKeys = uniqueByKey(actual.map(keyOf));
    const expectedKeys = uniqueByKey(expected.map(keyOf));
    const actualSet = new Set(actualKeys.map(keyString));
    const expectedSet = new Set(expectedKeys.map(keyString));
    const wrongReason: WrongReason[] = [];
    for (const wanted of expected) {
        if (!wanted.restsOn || !actualSet.has(keyString(keyOf(wanted)))) {
            continue;
        }
        const candidates = actual.filter((v) => keyString(keyOf(v)) === keyString(keyOf(wanted)));
        const mismatches = candidates.map((v) => pinMismatches(wanted.restsOn as RestsOn, v.data));
        if (!mismatches.some((m) => m.length === 0)) {
            wrongReason.push({ verdict: keyOf(wanted), mismatches: mismatches[0] ?? [] });
        }
    }
    return {
        missing: expectedKeys.filter((v) => !actualSet.has(keyString(v))),
        unexpected: actualKeys.filter((v) => !expectedSet.has(keyString(v))),
        wrongReason,
    };
}

/** A verdict that was reported, but not for the reason its example pins. */
export interface WrongReason {
    verdict: ExpectedVerdict;
    /** `field: expected …, got …` for each pin that does not hold. */
    mismatches: string[];
}

/** The pins a verdict's data does not satisfy. */
export function pinMismatches(pin: RestsOn, data: Record<string, unknown> | undefined): string[] {
    if (!data) {
        return ["the verdict carries no structured data"];
    }
    const model = data["model"] as { id?: string } | undefined;
    const endpoint = data["endpoint"] as { host?: string; service?: string } | undefined;
    const evidence = ((data["evidence"] as Array<{ path: string }> | undefined) ?? []).map((item) => item.path);
    const exemption = (data["exemption"] as { status?: string } | undefined)?.status;
    const actual: Record<string, unknown> = {
        cloud: data["cloud"],
        model: model?.id,
        hostname: data["hostname"],
        product: data["product"],
        subject: data["subject"],
        exemption,
    };
    const problems: string[] = [];
    for (const key of ["cloud", "model", "hostname", "product", "subject", "exemption"] as const) {
        if (pin[key] !== undefined && pin[key] !== actual[key]) {
            problems.push(`${key}: expected ${JSON.stringify(pin[key])}, got ${JSON.stringify(actual[key])}`);
        }
    }
    if (pin.endpoint !== undefined && pin.endpoint !== endpoint?.host && pin.endpoint !== endpoint?.service) {
        problems.push(`endpoint: expected ${JSON.stringify(pin.endpoint)}, got ${JSON.stringify(endpoint?.host ?? endpoint?.service)}`);
    }
    for (const path of pin.evidence ?? []) {
        if (!evidence.includes(path)) {
            problems.push(`evidence: expected a field ${JSON.stringify(path)}, got ${JSON.stringify(evidence)}`);
        }
    }
    return problems;
}

/** True when nothing is missing or unexpected. */
export function matches(diff: VerdictDiff): boolean {
    return diff.missing.length === 0 && diff.unexpected.length === 0 && (diff.wrongReason ?? []).length === 0;
}

/** The diff as lines a person can act on: `- missing …` / `+ unexpected …`. */
export function describeDiff(diff: VerdictDiff): string {
    return [
        ...diff.missing.map((v) => `- missing:    ${describeVerdict(v)}`),
        ...diff.unexpected.map((v) => `+ unexpected: ${describeVerdict(v)}`),
        ...(diff.wrongReason ?? []).map((w) => `! wrong reason: ${describeVerdict(w.verdict)}: ${w.mismatches.join("; ")}`),
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
