// `npm start`: records every example under examples/, runs the policy pack at the repository
// root over each (configured with the example's policy-config.json), prints the verdicts and
// whether they match the example's expected.json. Exits 1 when any example differs or fails.
// The checker CLI calls {@link runExamples} when it is given no arguments.
import * as path from "path";
import { startPack, Verdict } from "./analyzer-client";
import { describeDiff, matches } from "./expected";
import { checkExample, ExampleOutcome, findExamples, recordExamples } from "./examples";
import { packRootAbove } from "./pack-root";

/** Checks every example under the pack's examples/ against its expected.json; resolves to the exit code (0 all match, 1 otherwise). */
export async function runExamples(): Promise<number> {
    const repoRoot = packRootAbove(__dirname);
    const examples = findExamples(path.join(repoRoot, "examples"));
    if (examples.length === 0) {
        console.log("No examples found (folders under examples/ with a Pulumi.yaml).");
        return 0;
    }
    const began = Date.now();
    const recordings = recordExamples(examples);
    const pack = await startPack(repoRoot);
    const info = await pack.info();
    console.log(`Policy pack ${info.name}@${info.version}: ${info.policies.length} policies, started in ${seconds(pack.startMs)}.`);

    const outcomes: ExampleOutcome[] = [];
    try {
        for (const example of examples) {
            const recording = await recordings.get(example.name);
            if (!recording) {
                throw new Error(`no recording for ${example.name}`);
            }
            outcomes.push(await checkExample(pack, example, recording));
        }
    } finally {
        await pack.close();
    }

    console.log();
    console.log(verdictTable(outcomes));
    console.log();
    for (const outcome of outcomes) {
        console.log(summaryLine(outcome));
    }
    const failed = outcomes.filter((o) => o.error !== undefined || !o.diff || !matches(o.diff));
    console.log();
    console.log(
        `${outcomes.length - failed.length} of ${outcomes.length} examples match expected.json (${seconds(Date.now() - began)} in all).`,
    );
    return failed.length === 0 ? 0 : 1;
}

function verdictTable(outcomes: ExampleOutcome[]): string {
    const header = ["example", "resource", "type", "policy", "level", "message"];
    const rows = outcomes.flatMap((o) =>
        o.verdicts.map((v) => [o.example.name, v.resource ?? "(stack)", v.type ?? "", v.policy, v.level, firstLineOf(v)]),
    );
    if (rows.length === 0) {
        return "(no verdicts)";
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const format = (cells: string[]) =>
        cells
            .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
            .join("  ")
            .trimEnd();
    return [format(header), format(widths.map((w) => "-".repeat(w))), ...rows.map(format)].join("\n");
}

// The SDK prefixes the description; the line after it is what the policy actually said.
function firstLineOf(v: Verdict): string {
    let text = v.message;
    if (v.description && text.startsWith(v.description + "\n")) {
        text = text.slice(v.description.length + 1);
    }
    let line = text.split("\n")[0] ?? "";
    // The type and name are columns of their own; the reason is what follows them.
    const subject = `${v.type ?? ""} "${v.resource ?? ""}": `;
    if (line.startsWith(subject)) {
        line = line.slice(subject.length);
    }
    // Shown whole: a cut could leave `…at x.openai.azure.com` of `x.openai.azure.com.evil.io`, reading as its opposite.
    return line;
}

function summaryLine(o: ExampleOutcome): string {
    const counts = ["mandatory", "advisory"].map((level) => `${o.verdicts.filter((v) => v.level === level).length} ${level}`).join(", ");
    const head = `${o.example.name}: ${counts}; recorded in ${seconds(o.recordMs)}, analyzed in ${seconds(o.analyzeMs)}`;
    const warnings = (o.configure?.unknownPolicies ?? []).map(
        (p) => `\n  warning: policy-config.json names "${p}", which is not a policy of this pack`,
    );
    if (o.error !== undefined) {
        return `${head} — FAILED\n  ${o.error.split("\n").join("\n  ")}${warnings.join("")}`;
    }
    if (o.diff && matches(o.diff)) {
        return `${head} — matches expected${warnings.join("")}`;
    }
    return `${head} — differs from expected:\n  ${describeDiff(o.diff ?? { missing: [], unexpected: [] })
        .split("\n")
        .join("\n  ")}${warnings.join("")}`;
}

function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(1)} s`;
}

if (require.main === module) {
    runExamples().then(
        (code) => process.exit(code),
        (err: unknown) => {
            console.error(err instanceof Error ? err.message : String(err));
            process.exit(1);
        },
    );
}
