// `npm run bench:terraform [-- --resources 20000]`: the offline checker on a generated
// Terraform plan (bench/terraform-plan.ts), measured as run-bench measures it on a preview: wall
// time and the peak RSS of the checker process (its own `process.resourceUsage().maxRSS`), and of
// the checker with the pack it starts (sampled from /proc). The target is the checker's: under
// 1 GiB. It also checks that the verdicts are the ones the plan was built to have. Always exits
// 0 (a missed target prints MISS), 1 only when it could not run.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { measureNode } from "./peak-memory";
import { writeTerraformPlan } from "./terraform-plan";

const repoRoot = path.resolve(__dirname, "..");
const checkerCli = path.join(repoRoot, "dist", "tools", "checker", "cli.js");
const targetPeakBytes = 1024 ** 3;

const mib = (bytes: number | undefined) => (bytes === undefined ? "unknown" : `${(bytes / 1024 ** 2).toFixed(0)} MiB`);

async function main(): Promise<void> {
    const at = process.argv.indexOf("--resources");
    const resources = at > 0 ? Number(process.argv[at + 1]) : 20_000;
    if (!fs.existsSync(checkerCli)) {
        throw new Error(`${checkerCli} is missing: run \`npm run build\``);
    }
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-terraform-"));
    try {
        const file = path.join(scratch, `plan-${resources}.json`);
        const began = Date.now();
        const written = writeTerraformPlan(file, resources);
        console.error(`wrote ${written.resources} resources (${mib(written.bytes)}) in ${Date.now() - began} ms; checking…`);
        const run = await measureNode(
            [checkerCli, "check", file, "--format", "json", "--output", path.join(scratch, "report.json")],
            repoRoot,
        );
        if (run.exitCode !== 0 && run.exitCode !== 1) {
            throw new Error(`the checker exited ${run.exitCode}:\n${run.stderrTail}`);
        }
        const report = JSON.parse(fs.readFileSync(path.join(scratch, "report.json"), "utf8")) as {
            resourceCount: number;
            summary: { mandatory: number };
        };
        const verdictsRight = report.summary.mandatory === written.blocked;
        const memoryRight = run.peakRssBytes !== undefined && run.peakRssBytes < targetPeakBytes;
        const rows: Array<[string, string, string]> = [
            ["plan", `${written.resources} resources, ${mib(written.bytes)}`, ""],
            ["checker wall time", `${(run.ms / 1000).toFixed(1)} s`, ""],
            ["peak RSS, checker process", mib(run.peakRssBytes), memoryRight ? "PASS (< 1 GiB)" : "MISS (target < 1 GiB)"],
            ["peak RSS, checker + the pack it starts", mib(run.peakTreeRssBytes), ""],
            ["resources judged (stack, providers included)", String(report.resourceCount), ""],
            ["mandatory verdicts", `${report.summary.mandatory} (expected ${written.blocked})`, verdictsRight ? "PASS" : "MISS"],
        ];
        const width = Math.max(...rows.map(([label]) => label.length));
        for (const [label, value, verdict] of rows) {
            console.log(`${label.padEnd(width)}  ${value.padEnd(28)}  ${verdict}`);
        }
        console.log(
            JSON.stringify({
                resources: written.resources,
                fileBytes: written.bytes,
                wallMs: Math.round(run.ms),
                checkerPeakRssBytes: run.peakRssBytes,
                treePeakRssBytes: run.peakTreeRssBytes,
                mandatory: report.summary.mandatory,
                expectedMandatory: written.blocked,
                node: process.version,
                cpus: os.cpus().length,
                loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
            }),
        );
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
});
