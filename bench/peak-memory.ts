// Runs a Node.js command in a child process and measures its wall time and peak resident memory,
// with a preload that reports `process.resourceUsage().maxRSS` (getrusage RUSAGE_SELF) as the child
// exits. Not GNU time: on Linux the rusage wait4 returns, which `/usr/bin/time -v` prints, takes the
// maximum over the process and every descendant it reaped, so a checker that starts the pack would
// be charged the pack's peak.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** How a measured child process ended. */
export interface MeasuredRun {
    /** Wall time from spawn to exit. */
    ms: number;
    /** Peak resident set size of the child, in bytes; undefined when it could not be read. */
    peakRssBytes?: number;
    /** How the peak was measured. */
    peakRssBy: "process.resourceUsage().maxRSS";
    /**
     * Peak of the summed RSS of the child and every process it started (a checker that starts the
     * pack pays for both), sampled from /proc every 100 ms; undefined without /proc.
     */
    peakTreeRssBytes?: number;
    exitCode: number | null;
    /** Bytes the child wrote to stdout (discarded). */
    stdoutBytes: number;
    /** The last lines of its stderr. */
    stderrTail: string;
}

/**
 * Runs `node <args>` and measures it.
 *
 * @example
 * const run = await measureNode(["dist/tools/checker/cli.js", "check", "preview.json", "--format", "json"]);
 * run.peakRssBytes! < 1024 ** 3;
 */
export async function measureNode(args: string[], cwd: string = process.cwd()): Promise<MeasuredRun> {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-rss-"));
    const report = path.join(scratch, "rss.json");
    const preload = path.join(scratch, "report-rss.js");
    fs.writeFileSync(
        preload,
        `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(report)}, JSON.stringify(process.resourceUsage().maxRSS)));\n`,
    );
    try {
        const run = await runChild(process.execPath, ["-r", preload, ...args], cwd);
        const maxRssKiB = fs.existsSync(report) ? (JSON.parse(fs.readFileSync(report, "utf8")) as number) : undefined;
        return {
            ms: run.ms,
            peakRssBytes: maxRssKiB === undefined ? undefined : maxRssKiB * 1024,
            peakRssBy: "process.resourceUsage().maxRSS",
            peakTreeRssBytes: run.peakTreeRssBytes,
            exitCode: run.exitCode,
            stdoutBytes: run.stdoutBytes,
            stderrTail: tail(run.stderr),
        };
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

function runChild(
    command: string,
    args: string[],
    cwd: string,
): Promise<{ ms: number; exitCode: number | null; stdoutBytes: number; stderr: string; peakTreeRssBytes?: number }> {
    return new Promise((resolve, reject) => {
        const began = process.hrtime.bigint();
        const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
        let stdoutBytes = 0;
        let stderr = "";
        let peakTreeRssBytes: number | undefined;
        const sampler = setInterval(() => {
            const rss = child.pid === undefined ? undefined : treeRssBytes(child.pid);
            if (rss !== undefined) {
                peakTreeRssBytes = Math.max(peakTreeRssBytes ?? 0, rss);
            }
        }, 100);
        child.stdout.on("data", (chunk: Buffer) => (stdoutBytes += chunk.length));
        child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-200_000)));
        child.on("error", (err) => {
            clearInterval(sampler);
            reject(err);
        });
        child.on("close", (exitCode) => {
            clearInterval(sampler);
            resolve({ ms: Number(process.hrtime.bigint() - began) / 1e6, exitCode, stdoutBytes, stderr, peakTreeRssBytes });
        });
    });
}

// Sum of VmRSS over `root` and its descendants, from /proc; undefined where there is no /proc.
function treeRssBytes(root: number): number | undefined {
    let entries: string[];
    try {
        entries = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
    } catch {
        return undefined;
    }
    const children = new Map<number, number[]>();
    const rss = new Map<number, number>();
    for (const name of entries) {
        try {
            const status = fs.readFileSync(`/proc/${name}/status`, "utf8");
            const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
            const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
            const pid = Number(name);
            rss.set(pid, kib * 1024);
            children.set(ppid, [...(children.get(ppid) ?? []), pid]);
        } catch {
            // the process exited while we looked
        }
    }
    let total = 0;
    const queue = [root];
    for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
        total += rss.get(pid) ?? 0;
        queue.push(...(children.get(pid) ?? []));
    }
    return total;
}

function tail(text: string, lines = 10): string {
    return text.trim().split("\n").slice(-lines).join("\n");
}
