// The documented JSON report (documented in README.md, "Reports"), written verdict by verdict.
import type { CheckReport } from "../report";
import { detailsOf, reportedText } from "../report";
import type { Sink } from "./sink";

/** Writes the report as one JSON document. */
export async function writeJson(report: CheckReport, sink: Sink): Promise<void> {
    const { verdicts, ...head } = report;
    const header = JSON.stringify(head, null, 2);
    // Everything but the verdicts, then the verdicts streamed into the same object.
    await sink.write(header.slice(0, header.lastIndexOf("}")).trimEnd() + `,\n  "verdicts": [`);
    for (const [i, v] of verdicts.entries()) {
        const entry = {
            policy: v.policy,
            level: v.level,
            phase: v.phase,
            ...(v.urn !== undefined ? { urn: v.urn, resource: v.resource, type: v.type } : {}),
            ...(v.location !== undefined ? { location: v.location } : {}),
            message: reportedText(v),
            ...(detailsOf(v) ? { details: detailsOf(v) } : {}),
        };
        await sink.write(`${i === 0 ? "" : ","}\n    ${JSON.stringify(entry)}`);
    }
    await sink.write(`${verdicts.length > 0 ? "\n  " : ""}]\n}\n`);
}
