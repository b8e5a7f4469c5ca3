// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one rule per policy (its
// description as help, its README section as helpUri), one result per verdict located by the
// resource's URN (a logical location) in the file that was checked (a physical location, which
// GitHub requires: the program's Pulumi.yaml or the plan file).
import * as path from "path";
import type { Log, ReportingDescriptor, Result } from "sarif";
import { docsUrl, readmeUrl } from "../../policypack/docs";
import type { EnforcementLevel } from "../../harness/policy-config";
import type { CheckReport } from "../report";
import { reportedText, TOOL_NAME } from "../report";
import type { Sink } from "./sink";

const sarifLevels: Record<EnforcementLevel, Result.level> = {
    mandatory: "error",
    remediate: "error",
    advisory: "warning",
    disabled: "none",
};

/** The SARIF log of a report. */
export function sarifOf(report: CheckReport, toolVersion: string): Log {
    const rules: ReportingDescriptor[] = report.policies.map((p) => ({
        id: p.name,
        name: p.name,
        shortDescription: { text: p.displayName ?? p.name },
        fullDescription: { text: p.description },
        ...helpOf(p.description, docsUrl(p.name)),
        defaultConfiguration: { level: sarifLevels[p.level], enabled: p.level !== "disabled" },
        properties: { enforcementLevel: p.level, policyType: p.type },
    }));
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const artifact = artifactUri(report);
    const results: Result[] = report.verdicts.map((v) => ({
        ruleId: v.policy,
        ...(ruleIndex.has(v.policy) ? { ruleIndex: ruleIndex.get(v.policy) } : {}),
        level: sarifLevels[v.level] ?? "warning",
        message: { text: reportedText(v) },
        locations: [
            {
                physicalLocation: { artifactLocation: { uri: artifact }, region: { startLine: 1 } },
                logicalLocations: [
                    v.urn !== undefined
                        ? { fullyQualifiedName: v.urn, name: v.resource ?? v.urn, kind: "resource" }
                        : { fullyQualifiedName: `${report.project}/${report.stack}`, name: report.stack, kind: "module" },
                ],
            },
        ],
        // Stable across runs so code scanning tracks one alert per policy and resource.
        partialFingerprints: { "pulumiUrn/v1": `${v.policy}|${v.urn ?? "stack"}` },
        properties: { enforcementLevel: v.level, phase: v.phase, ...(v.type !== undefined ? { resourceType: v.type } : {}) },
    }));
    return {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: TOOL_NAME,
                        version: toolVersion,
                        ...(readmeUrl ? { informationUri: readmeUrl } : {}),
                        rules,
                    },
                },
                automationDetails: { id: `${TOOL_NAME}/${report.project}/${report.stack}/` },
                artifacts: [{ location: { uri: artifact } }],
                // Components judged by their inputs only: a warning notification naming each one.
                invocations: [
                    {
                        executionSuccessful: true,
                        toolExecutionNotifications: report.notes.map((note) => ({
                            level: "warning" as const,
                            descriptor: { id: "unexpanded-components" },
                            message: { text: note },
                            locations: report.unexpandedComponents.map((c) => ({
                                physicalLocation: { artifactLocation: { uri: artifact } },
                                logicalLocations: [{ fullyQualifiedName: c.urn, name: c.name, kind: "resource" }],
                            })),
                        })),
                    },
                ],
                results,
                properties: {
                    pack: report.pack,
                    input: report.input,
                    resources: report.resourceCount,
                    complete: report.summary.complete,
                    unexpandedComponents: report.unexpandedComponents,
                },
            },
        ],
    };
}

/** A rule's help, with its documentation link when package.json names the repository. */
function helpOf(description: string, url: string | undefined): Pick<ReportingDescriptor, "help" | "helpUri"> {
    if (url === undefined) {
        return { help: { text: description, markdown: description } };
    }
    return { help: { text: `${description}\nSee ${url}`, markdown: `${description}\n\n[Documentation](${url})` }, helpUri: url };
}

/** Writes the SARIF log (its size is that of the verdicts, not of the plan). */
export async function writeSarif(report: CheckReport, sink: Sink, toolVersion: string): Promise<void> {
    await sink.write(JSON.stringify(sarifOf(report, toolVersion), null, 2) + "\n");
}

// A repository-relative path when the input is under the working folder, else a file URI.
function artifactUri(report: CheckReport): string {
    const file = report.input.kind === "program" ? path.join(report.input.path, "Pulumi.yaml") : report.input.path;
    const relative = path.relative(process.cwd(), path.resolve(file));
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
        return new URL(`file://${path.resolve(file)}`).href;
    }
    return relative.split(path.sep).join("/");
}
