// Every example judged in this process through the pack's own phases (registry.ts), compared with
// its expected.json pins: the same bar as examples.spec.ts (which goes through the Analyzer
// protocol, as the CLI does), where `npm run mutate` can see which behaviour each example rests on.
import * as fs from "fs";
import * as path from "path";
import { recordedExamples, RecordedExample } from "../bench/recorded-examples";
import { compareVerdicts, describeDiff, matches, readExpected } from "../harness/expected";
import type { PolicyPackConfigFile } from "../harness/policy-config";
import { judgeInProcess } from "./support/in-process";

const examplesDir = path.resolve(__dirname, "..", "examples");
const names = fs
    .readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(examplesDir, entry.name, "Pulumi.yaml")))
    .map((entry) => entry.name)
    .sort();

describe("examples/, judged in process", () => {
    let recorded: Map<string, RecordedExample>;

    beforeAll(async () => {
        recorded = new Map((await recordedExamples(examplesDir)).examples.map((e) => [e.name, e]));
    }, 5 * 60_000);

    it.each(names)("%s", (name) => {
        const example = recorded.get(name);
        expect(example).toBeDefined();
        const configFile = path.join(examplesDir, name, "policy-config.json");
        const config = fs.existsSync(configFile) ? (JSON.parse(fs.readFileSync(configFile, "utf8")) as PolicyPackConfigFile) : {};
        const verdicts = judgeInProcess(example!.plan, config);
        const diff = compareVerdicts(verdicts, readExpected(path.join(examplesDir, name, "expected.json")).verdicts);
        if (!matches(diff)) {
            throw new Error(
                `${name}:\n${describeDiff(diff)}\n\nreported:\n${verdicts.map((v) => `  ${v.level} ${v.policy} ${v.resource}`).join("\n")}`,
            );
        }
    });
});
