// Every example under examples/ is a real Pulumi program with the verdicts it must get:
// recorded as a preview, analyzed by the policy pack at the repository root over the Analyzer
// protocol (configured with the example's policy-config.json), compared with expected.json.
import * as path from "path";
import { PackClient, startPack, Verdict } from "../harness/analyzer-client";
import { compareVerdicts, describeDiff, describeVerdict, matches } from "../harness/expected";
import { checkExample, findExamples, Recording, recordExamples, summaryOf } from "../harness/examples";
import type { PolicyPackConfigFile } from "../harness/policy-config";
import * as fs from "fs";
import { judgeInProcess } from "./support/in-process";

const repoRoot = path.resolve(__dirname, "..");
const examples = findExamples(path.join(repoRoot, "examples"));
const minutes = 60_000;

describe("examples/", () => {
    let pack: PackClient;
    let recordings: Map<string, Promise<Recording>>;

    beforeAll(async () => {
        recordings = recordExamples(examples);
        pack = await startPack(repoRoot);
    }, 5 * minutes);

    afterAll(async () => {
        await pack?.close();
    });

    if (examples.length === 0) {
        it.todo("add an example: a folder under examples/ with Pulumi.yaml, index.ts and expected.json");
    }

    for (const example of examples) {
        it(
            `${example.name}: ${summaryOf(example)}`,
            async () => {
                const recording = await recordings.get(example.name);
                if (!recording) {
                    throw new Error(`${example.name} was not recorded`);
                }
                const outcome = await checkExample(pack, example, recording);
                if (outcome.error !== undefined) {
                    throw new Error(outcome.error);
                }
                if (!outcome.diff || !matches(outcome.diff)) {
                    throw new Error(
                        `verdicts differ from ${example.name}/expected.json:\n${describeDiff(outcome.diff ?? { missing: [], unexpected: [] })}\n\n` +
                            `all verdicts reported:\n${outcome.verdicts.map(verdictLine).join("\n") || "(none)"}`,
                    );
                }
                // The same plan judged in this process through the pack's own phases gets the same verdicts
                // (examples-in-process.spec.ts does this alone, for `npm run mutate`).
                const config = example.policyConfigFile
                    ? (JSON.parse(fs.readFileSync(example.policyConfigFile, "utf8")) as PolicyPackConfigFile)
                    : {};
                const inProcess = compareVerdicts(
                    judgeInProcess(recording.plan!, config),
                    "error" in example.expected ? [] : example.expected.verdicts,
                );
                expect(describeDiff(inProcess)).toBe("");
            },
            3 * minutes,
        );
    }
});

function verdictLine(v: Verdict): string {
    const detail = v.message.split("\n").find((line) => line !== v.description) ?? "";
    return `  ${describeVerdict(v)}: ${detail}`;
}
