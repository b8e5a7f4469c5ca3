// `npm run bench`: the pack's cost against the floor — a do-nothing JavaScript pack with as many
// policies, run by the same run-policy-pack on the same node_modules — side by side in one run,
// on the same inputs, interleaved so machine noise falls on both. Prints a table and one JSON
// line of ratios to the floor (with the absolute numbers). Exits 0 whether targets pass or miss;
// 1 only when it could not run.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { AnalyzeRequest, AnalyzeStackRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import { HostileCase, measureHostileInputs } from "./hostile-inputs";
import { analyzeRequestFor, analyzeStackRequestFor, PackClient, startPack } from "../harness/analyzer-client";
import { measureNode, MeasuredRun } from "./peak-memory";
import { cpuMsOf, peakRssOf } from "./process-cpu";
import { writePreviewJson } from "./preview-json";
import { recordedExamples, RecordedExample } from "./recorded-examples";
import { median, msSince, percentile, ratio } from "./statistics";
import { syntheticPlan } from "./synthetic-stack";

const repoRoot = path.resolve(__dirname, "..");
const floorDir = path.join(__dirname, "floor-pack");
const checkerCli = path.join(repoRoot, "dist", "tools", "checker", "cli.js");
/** Both packs run this run-policy-pack: the repository's @pulumi/pulumi. */
const runPolicyPack = path.dirname(require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [repoRoot] }));

/** How much of each measurement; `--quick` is a smoke run, its numbers are not the ones to publish. */
const plan = process.argv.includes("--quick")
    ? {
          coldStarts: 7,
          analyzeIterations: 3,
          stackSizes: [1_000, 10_000],
          stackRepetitions: { 1_000: 1, 10_000: 1 } as Record<number, number>,
          checkerResources: 10_000,
      }
    : {
          coldStarts: 9,
          analyzeIterations: 20,
          stackSizes: [1_000, 10_000, 50_000],
          stackRepetitions: { 1_000: 5, 10_000: 3, 50_000: 3 } as Record<number, number>,
          checkerResources: 100_000,
      };

/** The issue's targets: ratios to the floor, and the checker's memory. */
const targets = {
    coldStart: 1.3,
    analyze: 1.3,
    analyzeStack: 1.5,
    /** Growth counts as linear up to this factor over the size ratio (10k/1k ≤ 12.5, 50k/10k ≤ 6.25). */
    linearSlack: 1.25,
    checkerPeakBytes: 1024 ** 3,
};

type Which = "pack" | "floor";
const packDirs: Record<Which, string> = { pack: repoRoot, floor: floorDir };

/** Both packs' samples of one measurement. */
interface Pair {
    pack: number[];
    floor: number[];
}

/** Wall time as the client sees it, and the pack process's own CPU time (robust to other load). */
interface Timed {
    wall: Pair;
    cpu: Pair;
}

/** One AnalyzeStack size. */
interface StackRun {
    size: number;
    bytes: number;
    samples: Timed;
    diagnostics: number;
}

function emptyTimed(): Timed {
    return { wall: { pack: [], floor: [] }, cpu: { pack: [], floor: [] } };
}

async function main(): Promise<void> {
    const machine = machineDescription();
    console.log(
        `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}, load ${machine.loadAtStart}`,
    );
    if ((machine.loadAtStart[0] ?? 0) > machine.cores / 2) {
        console.log("warning: the machine is busy; wall times are inflated (ratios less so, CPU times least)");
    }
    if (!fs.existsSync(path.join(repoRoot, "dist", "pack", "index.js"))) {
        throw new Error("dist/pack/index.js is missing: run `npm run build` (npm ci runs it) first");
    }

    const recorded = await recordedExamples(path.join(repoRoot, "examples"));
    const mix = recorded.examples.flatMap((e) => e.plan.resources.map((r) => analyzeRequestFor(r, e.plan)));
    console.log(
        `Examples: ${recorded.examples.length} stacks, ${mix.length} resources (${recorded.fromCache ? "cached" : `recorded in ${(recorded.recordMs / 1000).toFixed(1)} s`}: ${recorded.cacheFile})`,
    );

    const coldStart = await measureColdStarts();
    const packs = await Promise.all([start("pack"), start("floor")]);
    const running: Record<Which, PackClient> = { pack: packs[0], floor: packs[1] };
    let analyze: Timed;
    let stacks: StackRun[];
    let packPeaks: Record<Which, number | undefined>;
    try {
        await Promise.all([running.pack.configure({}), running.floor.configure({})]);
        analyze = await measureAnalyze(running, mix);
        stacks = await measureAnalyzeStacks(running, recorded.examples);
        // Both packs saw the same requests: their peaks (reached on the largest AnalyzeStack) compare.
        packPeaks = { pack: peakRssOf(running.pack.pid), floor: peakRssOf(running.floor.pid) };
    } finally {
        await Promise.all([running.pack.close(), running.floor.close()]);
    }
    const checker = await measureChecker(recorded.examples);
    progress("hostile inputs (linear time)…");
    const hostile = measureHostileInputs();
    report({ ...machine, loadAtEnd: loadAverage() }, coldStart, analyze, stacks, checker, packPeaks, hostile);
}

function start(which: Which): Promise<PackClient> {
    // As the Pulumi engine runs it: no verdict JSON in the descriptions (the checker asks for that).
    return startPack(packDirs[which], { runPolicyPack, callTimeoutMs: 15 * 60_000, verdictData: false });
}

// Spawn until the pack serves: port printed, ConfigureStack and GetAnalyzerInfo answered.
// One unmeasured start each warms the file cache; then ABBA order, so drift falls on both.
async function measureColdStarts(): Promise<Timed> {
    const samples = emptyTimed();
    const once = async (which: Which, record: boolean): Promise<void> => {
        const began = process.hrtime.bigint();
        const pack = await start(which);
        await pack.info();
        const ms = msSince(began);
        const cpu = cpuMsOf(pack.pid);
        await pack.close();
        if (record) {
            samples.wall[which].push(ms);
            if (cpu !== undefined) {
                samples.cpu[which].push(cpu);
            }
        }
    };
    await once("pack", false);
    await once("floor", false);
    for (let i = 0; i < plan.coldStarts; i++) {
        for (const which of order(i)) {
            await once(which, true);
        }
    }
    progress(`cold start: pack ${fmtMs(median(samples.wall.pack))}, floor ${fmtMs(median(samples.wall.floor))}`);
    return samples;
}

// Every example resource, one Analyze at a time as the engine sends them; each request goes to
// both packs back to back, alternating which goes first. Two unmeasured passes warm the JIT.
async function measureAnalyze(running: Record<Which, PackClient>, mix: AnalyzeRequest[]): Promise<Timed> {
    for (let pass = 0; pass < 2; pass++) {
        for (const request of mix) {
            await running.pack.sendAnalyze(request);
            await running.floor.sendAnalyze(request);
        }
    }
    const samples = emptyTimed();
    const cpuBefore = { pack: cpuMsOf(running.pack.pid), floor: cpuMsOf(running.floor.pid) };
    let n = 0;
    for (let i = 0; i < plan.analyzeIterations; i++) {
        for (const request of mix) {
            for (const which of order(n++)) {
                const began = process.hrtime.bigint();
                await running[which].sendAnalyze(request);
                samples.wall[which].push(msSince(began));
            }
        }
    }
    // A request is shorter than a clock tick: the CPU time is the mean over all of them.
    for (const which of ["pack", "floor"] as const) {
        const used = (cpuMsOf(running[which].pid) ?? Number.NaN) - (cpuBefore[which] ?? Number.NaN);
        if (Number.isFinite(used)) {
            samples.cpu[which].push(used / samples.wall[which].length);
        }
    }
    progress(
        `Analyze: pack median ${fmtMs(median(samples.wall.pack))}, floor ${fmtMs(median(samples.wall.floor))} over ${samples.wall.pack.length} requests each`,
    );
    return samples;
}

// One synthetic stack per size, the same request object sent to both packs in alternating order.
async function measureAnalyzeStacks(running: Record<Which, PackClient>, examples: RecordedExample[]): Promise<StackRun[]> {
    const results: StackRun[] = [];
    const warmup = analyzeStackRequestFor(syntheticPlan(examples, 500));
    await running.pack.sendAnalyzeStack(warmup);
    await running.floor.sendAnalyzeStack(warmup);
    for (const size of plan.stackSizes) {
        const request: AnalyzeStackRequest = analyzeStackRequestFor(syntheticPlan(examples, size));
        const bytes = request.serializeBinary().length;
        const samples = emptyTimed();
        let diagnostics = 0;
        for (let i = 0; i < (plan.stackRepetitions[size] ?? 3); i++) {
            for (const which of order(i)) {
                const cpuBefore = cpuMsOf(running[which].pid);
                const began = process.hrtime.bigint();
                const response = await running[which].sendAnalyzeStack(request);
                samples.wall[which].push(msSince(began));
                const used = (cpuMsOf(running[which].pid) ?? Number.NaN) - (cpuBefore ?? Number.NaN);
                if (Number.isFinite(used)) {
                    samples.cpu[which].push(used);
                }
                if (which === "pack") {
                    diagnostics = response.getDiagnosticsList().length;
                }
            }
        }
        progress(
            `AnalyzeStack ${size}: pack ${fmtMs(median(samples.wall.pack))}, floor ${fmtMs(median(samples.wall.floor))} (${fmtBytes(bytes)} request, ${diagnostics} diagnostics from the pack)`,
        );
        results.push({ size, bytes, samples, diagnostics });
    }
    return results;
}

/** The checker's run on the generated file, or why it did not run. */
type CheckerResult = { run: MeasuredRun; fileBytes: number; resources: number } | { skipped: string };

async function measureChecker(examples: RecordedExample[]): Promise<CheckerResult> {
    if (!fs.existsSync(checkerCli)) {
        progress("checker: not built yet (dist/tools/checker/cli.js)");
        return { skipped: "checker not built yet" };
    }
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-preview-"));
    try {
        const file = path.join(scratch, `preview-${plan.checkerResources}.json`);
        const written = writePreviewJson(syntheticPlan(examples, plan.checkerResources), file);
        const run = await measureNode([checkerCli, "check", file, "--format", "json"], repoRoot);
        progress(
            `checker: ${fmtMs(run.ms)}, peak ${run.peakRssBytes === undefined ? "unknown" : fmtBytes(run.peakRssBytes)}, exit ${run.exitCode}`,
        );
        return { run, fileBytes: written.bytes, resources: written.steps };
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

function report(
    machine: Machine,
    coldStart: Timed,
    analyze: Timed,
    stacks: StackRun[],
    checker: CheckerResult,
    packPeaks: Record<Which, number | undefined>,
    hostile: HostileCase[],
): void {
    const rows: string[][] = [];
    const verdicts: Record<string, "PASS" | "MISS"> = {};
    const ratios: Record<string, number> = {};
    const cpuRatios: Record<string, number> = {};
    const absolute: Record<string, { pack: number; floor: number; packCpu?: number; floorCpu?: number }> = {};
    const judge = (key: string, value: number, limit: number) => (verdicts[key] = value <= limit ? "PASS" : "MISS");
    // CPU columns show the median of the pack process's CPU per sample (for Analyze, the mean per request).
    const timedRow = (key: string, label: string, pick: (samples: number[]) => number, samples: Timed, limit: number, withCpu = true) => {
        const pack = pick(samples.wall.pack);
        const floor = pick(samples.wall.floor);
        const r = ratio(pack, floor);
        ratios[key] = r;
        judge(key, r, limit);
        const packCpu = withCpu && samples.cpu.pack.length > 0 ? median(samples.cpu.pack) : undefined;
        const floorCpu = withCpu && samples.cpu.floor.length > 0 ? median(samples.cpu.floor) : undefined;
        absolute[key] = {
            pack: round(pack),
            floor: round(floor),
            ...(packCpu !== undefined && floorCpu !== undefined ? { packCpu: round(packCpu), floorCpu: round(floorCpu) } : {}),
        };
        let cpuCells = ["", "", ""];
        if (packCpu !== undefined && floorCpu !== undefined) {
            cpuRatios[key] = ratio(packCpu, floorCpu);
            cpuCells = [fmtMs(packCpu), fmtMs(floorCpu), `${cpuRatios[key]?.toFixed(2)}×`];
        }
        rows.push([label, fmtMs(pack), fmtMs(floor), `${r.toFixed(2)}×`, ...cpuCells, `≤ ${limit}×`, verdicts[key] ?? ""]);
    };

    timedRow("coldStart", `cold start, median of ${coldStart.wall.pack.length}`, median, coldStart, targets.coldStart);
    timedRow("analyzeMedian", `Analyze per resource, median (n=${analyze.wall.pack.length})`, median, analyze, targets.analyze);
    timedRow("analyzeP95", "Analyze per resource, p95", (s) => percentile(s, 95), analyze, targets.analyze, false);
    for (const stack of stacks) {
        timedRow(
            `analyzeStack${stack.size / 1000}k`,
            `AnalyzeStack ${stack.size / 1000}k, median of ${stack.samples.wall.pack.length}`,
            median,
            stack.samples,
            targets.analyzeStack,
        );
    }
    const growth: Record<Which, Record<string, number>> = { pack: {}, floor: {} };
    for (let i = 1; i < stacks.length; i++) {
        const small = stacks[i - 1];
        const large = stacks[i];
        if (!small || !large) {
            continue;
        }
        const key = `${large.size / 1000}k/${small.size / 1000}k`;
        const sizeRatio = large.size / small.size;
        for (const which of ["pack", "floor"] as const) {
            growth[which][key] = ratio(median(large.samples.wall[which]), median(small.samples.wall[which]));
        }
        const packGrowth = growth.pack[key] ?? Number.NaN;
        const floorGrowth = growth.floor[key] ?? Number.NaN;
        const limit = sizeRatio * targets.linearSlack;
        judge(`growth${key}`, packGrowth, limit);
        rows.push([
            `AnalyzeStack growth ${key} (linear = ${sizeRatio})`,
            `${packGrowth}`,
            `${floorGrowth}`,
            "",
            "",
            "",
            "",
            `≤ ${limit}`,
            verdicts[`growth${key}`] ?? "",
        ]);
        // The floor's own growth is the SDK's and the protocol's; the pack should add none.
        judge(`growthOverFloor${key}`, ratio(packGrowth, floorGrowth), targets.linearSlack);
        rows.push([
            `  pack growth ÷ floor growth ${key}`,
            `${ratio(packGrowth, floorGrowth)}`,
            "",
            "",
            "",
            "",
            "",
            `≤ ${targets.linearSlack}`,
            verdicts[`growthOverFloor${key}`] ?? "",
        ]);
    }
    const largest = stacks[stacks.length - 1]?.size ?? 0;
    if (packPeaks.pack !== undefined && packPeaks.floor !== undefined) {
        const peakRatio = ratio(packPeaks.pack, packPeaks.floor);
        ratios["packPeakMemory"] = peakRatio;
        rows.push([
            `peak RSS of the pack process (largest request: ${largest / 1000}k)`,
            fmtBytes(packPeaks.pack),
            fmtBytes(packPeaks.floor),
            `${peakRatio}×`,
            "",
            "",
            "",
            "",
            "",
        ]);
    }
    let checkerJson: Record<string, unknown>;
    if ("skipped" in checker) {
        rows.push([
            `checker, ${plan.checkerResources / 1000}k-resource preview --json`,
            checker.skipped,
            "",
            "",
            "",
            "",
            "",
            "< 1 GiB",
            "",
        ]);
        checkerJson = { skipped: checker.skipped };
    } else {
        const { run } = checker;
        // The target is the checker's own process; the pack it starts is the same process
        // `pulumi preview` starts, whose cost against the floor's is the row above.
        if (run.peakRssBytes !== undefined) {
            judge("checkerPeakMemory", run.peakRssBytes, targets.checkerPeakBytes - 1);
        }
        const failed = run.exitCode !== 0 && run.exitCode !== 1;
        rows.push([
            `checker ${checker.resources / 1000}k (${fmtBytes(checker.fileBytes)}): time, exit ${run.exitCode}${failed ? " FAILED" : ""}`,
            fmtMs(run.ms),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]);
        rows.push([
            `  peak RSS, checker process (${run.peakRssBy})`,
            run.peakRssBytes === undefined ? "unknown" : fmtBytes(run.peakRssBytes),
            "",
            "",
            "",
            "",
            "",
            "< 1 GiB",
            verdicts["checkerPeakMemory"] ?? "",
        ]);
        rows.push([
            "  peak RSS, checker + the pack it starts (/proc)",
            run.peakTreeRssBytes === undefined ? "unknown" : fmtBytes(run.peakTreeRssBytes),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]);
        checkerJson = {
            resources: checker.resources,
            fileBytes: checker.fileBytes,
            ms: round(run.ms),
            peakRssBytes: run.peakRssBytes,
            peakRssBy: run.peakRssBy,
            peakTreeRssBytes: run.peakTreeRssBytes,
            exitCode: run.exitCode,
        };
        if (failed) {
            console.log(`checker exited ${run.exitCode}:\n${run.stderrTail}`);
        }
    }

    console.log();
    console.log(table(["measurement", "pack", "floor", "ratio", "pack CPU", "floor CPU", "CPU ratio", "target", "result"], rows));
    console.log();
    console.log(
        table(
            ["hostile input (in this process)", "time", "bound", "result"],
            hostile.map((c) => [c.name, fmtMs(c.ms), fmtMs(c.limitMs), c.result]),
        ),
    );
    for (const c of hostile) {
        verdicts[`hostile: ${c.name}`] = c.result;
    }
    console.log();
    console.log(
        JSON.stringify({
            bench: "openai-azure-hosting",
            machine,
            ratios,
            cpuRatios,
            growth,
            absoluteMs: absolute,
            analyzeStackRequestBytes: Object.fromEntries(stacks.map((s) => [`${s.size / 1000}k`, s.bytes])),
            checker: checkerJson,
            targets: verdicts,
        }),
    );
}

// ABBA: even rounds pack first, odd rounds floor first.
function order(i: number): Which[] {
    return i % 2 === 0 ? ["pack", "floor"] : ["floor", "pack"];
}

/** The machine the numbers were measured on, with its load (other work inflates wall times). */
interface Machine {
    cpu: string;
    cores: number;
    memoryGiB: number;
    node: string;
    platform: string;
    /** 1, 5 and 15-minute load averages. */
    loadAtStart: number[];
    loadAtEnd?: number[];
}

function machineDescription(): Machine {
    const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
    const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown CPU";
    return {
        cpu,
        cores: os.availableParallelism(),
        memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadAtStart: loadAverage(),
    };
}

function loadAverage(): number[] {
    return os.loadavg().map((l) => Math.round(l * 100) / 100);
}

function table(header: string[], rows: string[][]): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells: string[]) =>
        cells
            .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
            .join("  ")
            .trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function fmtMs(ms: number): string {
    return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}

function fmtBytes(bytes: number): string {
    return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

function round(ms: number): number {
    return Math.round(ms * 1000) / 1000;
}

function progress(line: string): void {
    process.stderr.write(`  ${line}\n`);
}

main().then(
    () => process.exit(0),
    (err: unknown) => {
        console.error(`bench could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        process.exit(1);
    },
);
