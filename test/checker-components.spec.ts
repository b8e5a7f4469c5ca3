// Multi-language components (awsx, eks, Helm Chart v4) through the built checker: under mocks their
// plugins never run, so only the components and their inputs are recorded. Every report format
// must say which components were judged that way and how to get a full verdict; "PASSED" never
// appears without that note.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { recordProgram } from "../harness/record-program";
import type { Plan } from "../harness/plan";
import { repoRoot, requireBuiltCli, Run, runAll, runCli } from "./support/checker-cli";
import { previewDigestOf } from "./support/plan-files";
import { sarifErrors } from "./support/sarif";

const minutes = 60_000;
const fixtures = path.join("test", "fixtures");
const components = path.join(fixtures, "component-program");
const servingO3 = path.join(fixtures, "component-serving-o3");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "checker-components-"));
const componentPreview = path.join(scratch, "components-preview.json");
const sitePreview = path.join(scratch, "site-preview.json");
const sarifFile = path.join(scratch, "components.sarif");

interface JsonReport {
    unexpandedComponents: Array<{ urn: string; name: string; type: string; remote: boolean }>;
    notes: string[];
    summary: { mandatory: number; passed: boolean; complete: boolean };
    verdicts: Array<{ resource?: string; level: string }>;
}

let o3Plan: Plan;
let results: Map<string, Run>;
const result = (key: string): Run => {
    const r = results.get(key);
    if (!r) {
        throw new Error(`${key} did not run`);
    }
    return r;
};
const json = (key: string) => JSON.parse(result(key).stdout) as JsonReport;

beforeAll(async () => {
    requireBuiltCli();
    const [componentsPlan, tinyPlan, o3] = await Promise.all([
        recordProgram(path.join(repoRoot, components)),
        recordProgram(path.join(repoRoot, fixtures, "tiny-program")),
        recordProgram(path.join(repoRoot, servingO3)),
    ]);
    o3Plan = o3;
    fs.writeFileSync(componentPreview, JSON.stringify(previewDigestOf(componentsPlan)));
    fs.writeFileSync(sitePreview, JSON.stringify(previewDigestOf(tinyPlan)));
    results = await runAll(
        {
            text: () => runCli(["check", components]),
            json: () => runCli(["check", components, "--format", "json"]),
            sarif: () => runCli(["check", components, "--format", "sarif", "--output", sarifFile]),
            junit: () => runCli(["check", components, "--format", "junit"]),
            o3Text: () => runCli(["check", servingO3]),
            o3Json: () => runCli(["check", servingO3, "--format", "json"]),
            previewText: () => runCli(["check", componentPreview]),
            previewJson: () => runCli(["check", componentPreview, "--format", "json"]),
            sitePreview: () => runCli(["check", sitePreview, "--format", "json"]),
        },
        3,
    );
}, 5 * minutes);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("recording a program with multi-language components", () => {
    it("records the awsx FargateService as a remote component with the inputs that show `vllm serve o3`", () => {
        const service = o3Plan.resources.find((r) => r.name === "o3-inference");
        expect(service).toMatchObject({ type: "awsx:ecs:FargateService", custom: false, remote: true });
        expect(service?.inputs).toMatchObject({ taskDefinitionArgs: { container: { command: ["vllm", "serve", "o3"] } } });
        // Its plugin never ran: nothing has it as parent.
        expect(o3Plan.resources.filter((r) => r.parent === service?.urn)).toEqual([]);
    });
});

describe("check <program with components>", () => {
    const expected = ["inference-vpc awsx:ec2:Vpc", "inference-cluster eks:index:Cluster", "ingress kubernetes:helm.sh/v4:Chart"];

    it("text: PASSED only with a NOTE listing each component and how to get a full verdict", () => {
        const r = result("text");
        expect(r.code).toBe(0);
        expect(r.stdout).toContain("PASSED: 0 mandatory, 0 advisory. Incomplete: 3 components judged by their own inputs only");
        const note = r.stdout.slice(r.stdout.indexOf("NOTE: "));
        for (const line of [
            "  - inference-vpc (awsx:ec2:Vpc)",
            "  - inference-cluster (eks:index:Cluster)",
            "  - ingress (kubernetes:helm.sh/v4:Chart)",
        ]) {
            expect(note).toContain(line);
        }
        expect(note).toContain("pulumi preview --json --show-sames > preview.json");
        expect(note.indexOf("NOTE: ")).toBeLessThan(note.indexOf("PASSED"));
    });

    it("lists a component even when the program gave it a child (eks.Cluster's Kubernetes provider)", () => {
        const report = json("json");
        expect(report.unexpandedComponents.map((c) => `${c.name} ${c.type}`)).toEqual(expected);
        expect(report.unexpandedComponents.every((c) => c.remote && c.urn.startsWith("urn:pulumi:dev::components::"))).toBe(true);
    });

    it("json: summary.complete is false beside passed, with the note", () => {
        const report = json("json");
        expect(result("json").code).toBe(0);
        expect(report.summary).toMatchObject({ passed: true, complete: false });
        expect(report.notes).toHaveLength(1);
        expect(report.notes[0]).toMatch(/3 components were judged by their own inputs only.*no plugin runs under the checker's mocks/s);
        expect(report.notes[0]).toContain("pulumi preview --json --show-sames");
    });

    it("sarif: a valid log whose warning notification is located at each component", () => {
        expect(result("sarif").code).toBe(0);
        const log = JSON.parse(fs.readFileSync(sarifFile, "utf8")) as {
            runs: Array<{
                invocations: Array<{
                    toolExecutionNotifications: Array<{
                        level: string;
                        message: { text: string };
                        locations: Array<{ logicalLocations: Array<{ fullyQualifiedName: string }> }>;
                    }>;
                }>;
                properties: { complete: boolean; unexpandedComponents: Array<{ name: string }> };
            }>;
        };
        expect(sarifErrors(log)).toEqual([]);
        const run = log.runs[0]!;
        const [notification] = run.invocations[0]!.toolExecutionNotifications;
        expect(notification?.level).toBe("warning");
        expect(notification?.message.text).toContain("pulumi preview --json --show-sames");
        expect(notification?.locations.map((l) => l.logicalLocations[0]?.fullyQualifiedName)).toEqual(
            json("json").unexpandedComponents.map((c) => c.urn),
        );
        expect(run.properties.complete).toBe(false);
        expect(run.properties.unexpandedComponents.map((c) => c.name)).toEqual(["inference-vpc", "inference-cluster", "ingress"]);
    });

    it("junit: a skipped case per component, with the note in the suite's output", () => {
        const r = result("junit");
        expect(r.code).toBe(0);
        expect(XMLValidator.validate(r.stdout)).toBe(true);
        const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "testsuite" || name === "testcase" }).parse(
            r.stdout,
        ) as {
            testsuites: {
                "@_skipped": string;
                testsuite: Array<{ "@_name": string; testcase: Array<{ "@_name": string; skipped?: unknown }>; "system-out"?: string }>;
            };
        };
        expect(doc.testsuites["@_skipped"]).toBe("3");
        const suite = doc.testsuites.testsuite.find((s) => s["@_name"] === "unexpanded-components");
        expect(suite?.testcase.map((c) => c["@_name"])).toEqual([
            "inference-vpc (awsx:ec2:Vpc)",
            "inference-cluster (eks:index:Cluster)",
            "ingress (kubernetes:helm.sh/v4:Chart)",
        ]);
        expect(suite?.testcase.every((c) => c.skipped !== undefined)).toBe(true);
        expect(suite?.["system-out"]).toContain("pulumi preview --json --show-sames");
    });
});

describe("check <program with an awsx FargateService serving o3>", () => {
    it("never reports it as passed without naming the component judged by its inputs only", () => {
        const r = result("o3Text");
        expect([0, 1]).toContain(r.code);
        // Whether the pack blocks it from the component's inputs or not, the report says what it did not see.
        expect(r.stdout).toMatch(/NOTE: 1 component was judged by its own inputs only[\s\S]*- o3-inference \(awsx:ecs:FargateService\)/);
        if (r.stdout.includes("PASSED")) {
            expect(r.stdout).toMatch(/PASSED: .* Incomplete: 1 component judged by its own inputs only/);
        }
        const report = json("o3Json");
        expect(report.summary.complete).toBe(false);
        expect(report.unexpandedComponents.map((c) => c.name)).toEqual(["o3-inference"]);
    });
});

describe("check <plan file with components>", () => {
    it("lists components no resource in the file names as parent, and says the file lacks their children", () => {
        const report = json("previewJson");
        // The recorded eks.Cluster has a child in the file (its Kubernetes provider): only the other two are childless.
        expect(report.unexpandedComponents.map((c) => c.name)).toEqual(["inference-vpc", "ingress"]);
        expect(report.unexpandedComponents.every((c) => !c.remote)).toBe(true);
        expect(report.notes[0]).toContain(`their children are not in ${componentPreview}`);
        expect(result("previewText").stdout).toMatch(/NOTE: 2 components were judged[\s\S]*PASSED: .* Incomplete: 2 components/);
    });

    it("says nothing when every component has its children in the file", () => {
        const report = json("sitePreview");
        expect(report.summary.complete).toBe(true);
        expect(report.unexpandedComponents).toEqual([]);
        expect(report.notes).toEqual([]);
    });
});
