// JUnit XML for GitLab (artifacts:reports:junit) and Jenkins (junit step): one test suite per
// policy, one test case per verdict — a failure when mandatory, a passing case carrying the text in
// system-out when advisory — and one passing case for a policy with nothing to report, so every
// policy shows up in the CI's test view.
import { create } from "xmlbuilder2";
import { describeLocation } from "../inputs/source-location";
import type { CheckReport } from "../report";
import { reportedText, subjectOf, TOOL_NAME } from "../report";
import type { Sink } from "./sink";

// XML 1.0 forbids most control characters even when escaped.
function xmlText(text: string): string {
    // eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
    return text.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD");
}

/** The JUnit XML document of a report. */
export function junitOf(report: CheckReport): string {
    const failures = report.verdicts.filter((v) => v.level === "mandatory" || v.level === "remediate").length;
    const policyNames = [...new Set([...report.policies.map((p) => p.name), ...report.verdicts.map((v) => v.policy)])];
    const unexpanded = report.unexpandedComponents;
    const root = create({ version: "1.0", encoding: "UTF-8" }).ele("testsuites", {
        name: `${TOOL_NAME} ${report.project}/${report.stack}`,
        tests: String(
            policyNames.reduce((n, name) => n + Math.max(1, report.verdicts.filter((v) => v.policy === name).length), 0) +
                unexpanded.length,
        ),
        failures: String(failures),
        errors: "0",
        ...(unexpanded.length > 0 ? { skipped: String(unexpanded.length) } : {}),
    });
    if (unexpanded.length > 0) {
        // Each component judged by its inputs only is a skipped case: CI test views show it as not fully checked.
        const suite = root.ele("testsuite", {
            name: "unexpanded-components",
            tests: String(unexpanded.length),
            failures: "0",
            errors: "0",
            skipped: String(unexpanded.length),
        });
        for (const c of unexpanded) {
            suite
                .ele("testcase", { classname: `${report.pack.name}.unexpanded-components`, name: xmlText(`${c.name} (${c.type})`) })
                .ele("skipped", { message: "judged by its own inputs only: its children were not checked" });
        }
        suite.ele("system-out").txt(xmlText(report.notes.join("\n\n")));
    }
    for (const name of policyNames) {
        const verdicts = report.verdicts.filter((v) => v.policy === name);
        const suiteFailures = verdicts.filter((v) => v.level === "mandatory" || v.level === "remediate").length;
        const suite = root.ele("testsuite", {
            name,
            tests: String(Math.max(1, verdicts.length)),
            failures: String(suiteFailures),
            errors: "0",
            skipped: "0",
        });
        if (verdicts.length === 0) {
            suite.ele("testcase", { classname: `${report.pack.name}.${name}`, name: `${report.resourceCount} resources` });
            continue;
        }
        for (const v of verdicts) {
            const testcase = suite.ele("testcase", {
                classname: `${report.pack.name}.${name}`,
                name: xmlText(`${v.level}: ${subjectOf(v)}`),
                ...(v.location ? { file: xmlText(v.location.file) } : {}),
            });
            const declared = v.location ? `\nDeclared at: ${describeLocation(v.location)}` : "";
            const text = xmlText(reportedText(v) + declared);
            if (v.level === "mandatory" || v.level === "remediate") {
                testcase
                    .ele("failure", { message: xmlText(text.split("\n")[0] ?? ""), type: v.level })
                    .txt(`${text}\n\nURN: ${v.urn ?? "(stack)"}`);
            } else {
                testcase.ele("system-out").txt(`[${v.level}] ${text}\n\nURN: ${v.urn ?? "(stack)"}`);
            }
        }
    }
    return root.end({ prettyPrint: true });
}

/** Writes the JUnit XML document. */
export async function writeJunit(report: CheckReport, sink: Sink): Promise<void> {
    await sink.write(junitOf(report) + "\n");
}
