// A table a person reads on a terminal: one row per verdict, the policy's text indented below it.
import { describeLocation } from "../inputs/source-location";
import type { CheckReport } from "../report";
import { reportedText } from "../report";
import type { Sink } from "./sink";

const inputNames: Record<CheckReport["input"]["kind"], string> = {
    program: "Pulumi program, run under mocks as a preview",
    preview: "pulumi preview --json",
    "stack-export": "pulumi stack export",
    "event-log": "engine event log",
    "terraform-plan": "terraform show -json",
    manifests: "Kubernetes manifests",
};

/** Writes the report as a table; `color` adds ANSI colours (only ever on a terminal). */
export async function writeText(report: CheckReport, sink: Sink, opts: { color: boolean }): Promise<void> {
    const paint = (code: number, text: string) => (opts.color ? `\x1b[${code}m${text}\x1b[0m` : text);
    const levelColor: Record<string, number> = { mandatory: 31, remediate: 31, advisory: 33 };
    await sink.write(
        `${report.pack.name}@${report.pack.version}: ${report.resourceCount} resources of stack ${report.stack} ` +
            `(project ${report.project}) from ${report.input.path} (${inputNames[report.input.kind]}${report.input.producer ? `, ${report.input.producer}` : ""})\n\n`,
    );
    if (report.verdicts.length === 0) {
        await sink.write("No policy violations.\n\n");
    } else {
        const resourceOf = (v: CheckReport["verdicts"][number]) =>
            v.resource !== undefined ? `${v.resource} (${v.type ?? "?"})` : "(stack)";
        const levelWidth = Math.max(5, ...report.verdicts.map((v) => v.level.length));
        const policyWidth = Math.max(6, ...report.verdicts.map((v) => v.policy.length));
        const indent = " ".repeat(levelWidth + 2);
        await sink.write(paint(1, `${"LEVEL".padEnd(levelWidth)}  ${"POLICY".padEnd(policyWidth)}  RESOURCE`) + "\n");
        for (const v of report.verdicts) {
            await sink.write(
                `${paint(levelColor[v.level] ?? 0, v.level.padEnd(levelWidth))}  ${v.policy.padEnd(policyWidth)}  ${resourceOf(v)}\n`,
            );
            // A manifest's object is named by namespace and name: say which file and document it is.
            if (v.location?.document !== undefined) {
                await sink.write(`${indent}in ${describeLocation(v.location)}\n`);
            }
            await sink.write(
                reportedText(v)
                    .trimEnd()
                    .split("\n")
                    .map((l) => `${indent}${l}`)
                    .join("\n") + "\n",
            );
        }
        await sink.write("\n");
    }
    for (const note of report.notes) {
        await sink.write(`${paint(33, "NOTE")}: ${note}\n\n`);
    }
    // A pass over components judged by their inputs alone is never printed without saying so.
    const verdict = report.summary.passed ? paint(32, "PASSED") : paint(31, "FAILED");
    const unexpanded = report.unexpandedComponents.length;
    const incomplete = report.summary.complete
        ? ""
        : ` Incomplete: ${unexpanded} ${unexpanded === 1 ? "component" : "components"} judged by ${unexpanded === 1 ? "its" : "their"} own inputs only (see NOTE above).`;
    await sink.write(`${verdict}: ${report.summary.mandatory} mandatory, ${report.summary.advisory} advisory.${incomplete}\n`);
}
