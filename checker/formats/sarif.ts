// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one rule per policy (its
// description as help, its documentation as helpUri where the pack declares one, its severity as
// `security-severity`, its clause and tags as `tags`), one result per verdict located by the
// resource's URN, or Terraform address (a logical location), in the file that was checked (a
// physical location, which GitHub requires: the program's Pulumi.yaml, the plan file, or the
// manifest file at its document's first line). An exempted verdict is a result of its own rule
// with an external suppression, which code scanning does not raise.
import { createHash } from "crypto";
import * as path from "path";
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { EnforcementLevel } from "../../harness/policy-config";
import type { Verdict } from "../../harness/analyzer-client";
import type { CheckReport, ReportedPolicy, ReportedVerdict } from "../report";
import { detailsOf, exemptionOf, reportedText, TOOL_NAME } from "../report";
import { describeLocation } from "../inputs/source-location";
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
        name: pascalCase(p.displayName ?? p.name),
        shortDescription: { text: p.displayName ?? p.name },
        fullDescription: { text: p.description },
        ...helpOf(p),
        defaultConfiguration: { level: sarifLevels[p.level], enabled: p.level !== "disabled" },
        properties: {
            enforcementLevel: p.level,
            policyType: p.type,
            ...(p.severity ? { "security-severity": securitySeverity[p.severity], severity: p.severity } : {}),
            tags: [...(p.tags ?? []), ...(p.framework ? [`${p.framework.name} ${p.framework.reference}`] : [])],
            ...(p.framework ? { framework: p.framework } : {}),
        },
    }));
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const artifact = artifactUri(report);
    const artifacts = [...new Set([artifact, ...report.verdicts.flatMap((v) => (v.location ? [uriOf(v.location.file)] : []))])];
    const results: Result[] = report.verdicts.map((v) => ({
        ruleId: v.policy,
        ...(ruleIndex.has(v.policy) ? { ruleIndex: ruleIndex.get(v.policy) } : {}),
        level: sarifLevels[v.level] ?? "warning",
        message: { text: reportedText(v) },
        locations: [locationOf(v, report, artifact)],
        // Stable across runs, one per finding: a resource with two findings under one rule gets two alerts.
        partialFingerprints: { "pulumiFinding/v1": fingerprintOf(v) },
        ...suppressionsOf(v),
        properties: {
            enforcementLevel: v.level,
            phase: v.phase,
            ...(v.type !== undefined ? { resourceType: v.type } : {}),
            ...(detailsOf(v) ?? {}),
        },
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
                        ...(informationUriOf(report) ? { informationUri: informationUriOf(report) } : {}),
                        rules,
                    },
                },
                automationDetails: { id: `${TOOL_NAME}/${report.project}/${report.stack}/` },
                artifacts: artifacts.map((uri) => ({ location: { uri } })),
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

/** GitHub's `security-severity` scale (0–10) for the policy severities. */
const securitySeverity: Record<NonNullable<ReportedPolicy["severity"]>, string> = {
    low: "3.0",
    medium: "5.5",
    high: "8.0",
    critical: "9.5",
};

/** A rule's help: description and remediation, with its documentation link where the pack declares one. */
function helpOf(p: ReportedPolicy): Pick<ReportingDescriptor, "help" | "helpUri"> {
    const steps = p.remediationSteps ? `\n\nHow to fix:\n${p.remediationSteps}` : "";
    const text = `${p.description}${steps}`;
    if (p.url === undefined) {
        return { help: { text, markdown: text } };
    }
    return { help: { text: `${text}\nSee ${p.url}`, markdown: `${text}\n\n[Documentation](${p.url})` }, helpUri: p.url };
}

/** The tool's information URI: the pack's documentation without a section anchor, when it declares one. */
function informationUriOf(report: CheckReport): string | undefined {
    const url = report.policies.find((p) => p.url)?.url;
    return url?.split("#")[0];
}

/** `Stateless OpenAI API serving runs on Azure` → `StatelessOpenAIAPIServingRunsOnAzure`: a rule name distinct from its id. */
function pascalCase(text: string): string {
    return text
        .split(/[^A-Za-z0-9]+/)
        .filter((word) => word !== "")
        .map((word) => word[0].toUpperCase() + word.slice(1))
        .join("");
}

/** One fingerprint per finding: rule, resource, and what the finding rests on. */
function fingerprintOf(v: Verdict): string {
    const details = detailsOf(v);
    const evidence = ((details?.["evidence"] as Array<{ path: string }> | undefined) ?? []).map((item) => item.path).join(",");
    const basis = [v.policy, v.urn ?? "stack", String(details?.["subject"] ?? ""), evidence].join("|");
    return createHash("sha256").update(basis).digest("hex").slice(0, 32);
}

/** An active exemption as an external suppression, with its justification; nothing otherwise. */
function suppressionsOf(v: Verdict): Pick<Result, "suppressions"> {
    const exemption = exemptionOf(v);
    if (exemption?.status !== "active") {
        return {};
    }
    return {
        suppressions: [
            {
                kind: "external",
                status: "accepted",
                justification: `Exempted until ${exemption.expires} (owner ${exemption.owner}): ${exemption.reason}`,
            },
        ],
    };
}

/** Writes the SARIF log (its size is that of the verdicts, not of the plan). */
export async function writeSarif(report: CheckReport, sink: Sink, toolVersion: string): Promise<void> {
    await sink.write(JSON.stringify(sarifOf(report, toolVersion), null, 2) + "\n");
}

/**
 * Where a result is: the resource's URN in the checked file; for a Terraform plan, its address in
 * the plan file; for manifests, the document's first line in its file.
 */
function locationOf(v: ReportedVerdict, report: CheckReport, artifact: string): NonNullable<Result["locations"]>[number] {
    if (v.urn === undefined) {
        return {
            physicalLocation: { artifactLocation: { uri: artifact }, region: { startLine: 1 } },
            logicalLocations: [{ fullyQualifiedName: `${report.project}/${report.stack}`, name: report.stack, kind: "module" }],
        };
    }
    const where = v.location;
    return {
        physicalLocation: { artifactLocation: { uri: where ? uriOf(where.file) : artifact }, region: { startLine: where?.line ?? 1 } },
        logicalLocations: [
            where?.address !== undefined
                ? { fullyQualifiedName: where.address, name: where.address, decoratedName: v.urn, kind: "resource" }
                : { fullyQualifiedName: v.urn, name: v.resource ?? v.urn, kind: "resource" },
        ],
        ...(where ? { message: { text: describeLocation(where) } } : {}),
    };
}

// The checked file: the program's Pulumi.yaml, or the plan or manifest file or folder given.
function artifactUri(report: CheckReport): string {
    return uriOf(report.input.kind === "program" ? path.join(report.input.path, "Pulumi.yaml") : report.input.path);
}

// A repository-relative path when the file is under the working folder, else a file URI.
function uriOf(file: string): string {
    const relative = path.relative(process.cwd(), path.resolve(file));
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
        return new URL(`file://${path.resolve(file)}`).href;
    }
    return relative.split(path.sep).join("/");
}
