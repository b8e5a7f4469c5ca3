// The example programs under examples/: finding them, recording them (several at once: each is a
// child process), and checking one against the pack (one at a time: Configure is pack-wide state).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ConfigureResult, PackClient, Verdict } from "./analyzer-client";
import { compareVerdicts, ExpectedFile, readExpected, VerdictDiff } from "./expected";
import type { Plan } from "./plan";
import type { PolicyPackConfigFile } from "./policy-config";
import { recordProgram } from "./record-program";

/** One example folder. */
export interface Example {
    /** The folder's name. */
    name: string;
    dir: string;
    /** policy-config.json if present, else `{}` (parsed lazily: a broken file fails that example only). */
    policyConfigFile?: string;
    /** expected.json, or why it could not be read. */
    expected: ExpectedFile | { error: string };
}

/** A recorded example, or why recording failed, with how long it took. */
export interface Recording {
    plan?: Plan;
    error?: string;
    ms: number;
}

/** An example checked against the pack. */
export interface ExampleOutcome {
    example: Example;
    verdicts: Verdict[];
    /** Present when expected.json was readable and analysis ran. */
    diff?: VerdictDiff;
    /** Why the example could not be checked (recording, config, expected.json or analysis failed). */
    error?: string;
    configure?: ConfigureResult;
    recordMs: number;
    analyzeMs: number;
}

/** The folders under `examplesDir` that hold a Pulumi.yaml, by name. */
export function findExamples(examplesDir: string): Example[] {
    if (!fs.existsSync(examplesDir)) {
        return [];
    }
    return fs
        .readdirSync(examplesDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(examplesDir, entry.name, "Pulumi.yaml")))
        .map((entry) => entry.name)
        .sort()
        .map((name) => {
            const dir = path.join(examplesDir, name);
            const configFile = path.join(dir, "policy-config.json");
            const example: Example = { name, dir, expected: expectedOf(dir) };
            if (fs.existsSync(configFile)) {
                example.policyConfigFile = configFile;
            }
            return example;
        });
}

/** The one-line summary an example claims, or the reason it has none. */
export function summaryOf(example: Example): string {
    return "error" in example.expected ? `(${example.expected.error.split("\n")[0]})` : example.expected.summary;
}

/**
 * Starts recording every example, at most `concurrency` child processes at a time; each promise
 * resolves (never rejects) when its example is recorded.
 */
export function recordExamples(
    examples: Example[],
    concurrency = Math.max(1, Math.floor(os.cpus().length / 2)),
): Map<string, Promise<Recording>> {
    const queue: Array<() => void> = [];
    let running = 0;
    const next = () => {
        running--;
        queue.shift()?.();
    };
    const recordings = new Map<string, Promise<Recording>>();
    for (const example of examples) {
        recordings.set(
            example.name,
            new Promise<Recording>((resolve) => {
                const start = () => {
                    running++;
                    const began = Date.now();
                    recordProgram(example.dir)
                        .then((plan) => resolve({ plan, ms: Date.now() - began }))
                        .catch((err: unknown) =>
                            resolve({ error: err instanceof Error ? err.message : String(err), ms: Date.now() - began }),
                        )
                        .finally(next);
                };
                if (running < concurrency) {
                    start();
                } else {
                    queue.push(start);
                }
            }),
        );
    }
    return recordings;
}

/** Configures the pack with the example's policy-config.json, analyzes its plan and compares with expected.json. */
export async function checkExample(pack: PackClient, example: Example, recording: Recording): Promise<ExampleOutcome> {
    const outcome: ExampleOutcome = { example, verdicts: [], recordMs: recording.ms, analyzeMs: 0 };
    if (!recording.plan) {
        return { ...outcome, error: `recording failed: ${recording.error ?? "unknown error"}` };
    }
    const began = Date.now();
    try {
        const config = example.policyConfigFile
            ? (JSON.parse(fs.readFileSync(example.policyConfigFile, "utf8")) as PolicyPackConfigFile)
            : {};
        outcome.configure = await pack.configure(config);
        outcome.verdicts = await pack.analyzePlan(recording.plan);
    } catch (err) {
        return { ...outcome, analyzeMs: Date.now() - began, error: err instanceof Error ? err.message : String(err) };
    }
    outcome.analyzeMs = Date.now() - began;
    if ("error" in example.expected) {
        return { ...outcome, error: example.expected.error };
    }
    return { ...outcome, diff: compareVerdicts(outcome.verdicts, example.expected.verdicts) };
}

function expectedOf(dir: string): ExpectedFile | { error: string } {
    const file = path.join(dir, "expected.json");
    if (!fs.existsSync(file)) {
        return { error: `no expected.json in ${dir}` };
    }
    try {
        return readExpected(file);
    } catch (err) {
        return { error: err instanceof Error ? err.message : String(err) };
    }
}
