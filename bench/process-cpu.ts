// CPU time of a running process, from /proc: a measure of the pack's own work that other load on
// the machine does not inflate the way it inflates wall time.
import { execFileSync } from "child_process";
import * as fs from "fs";

let ticksPerSecond: number | undefined;

/**
 * User + system CPU milliseconds `pid` has used so far; undefined without /proc or once it exited.
 * Resolution is one clock tick (10 ms on Linux).
 *
 * @example
 * const before = cpuMsOf(pack.pid);
 * await pack.sendAnalyzeStack(request);
 * const used = (cpuMsOf(pack.pid) ?? NaN) - (before ?? NaN);
 */
export function cpuMsOf(pid: number | undefined): number | undefined {
    if (pid === undefined) {
        return undefined;
    }
    let stat: string;
    try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
        return undefined;
    }
    // Fields after the parenthesised command name start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicksPerSecond() : undefined;
}

function clockTicksPerSecond(): number {
    if (ticksPerSecond === undefined) {
        try {
            ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
        } catch {
            ticksPerSecond = 100;
        }
    }
    return ticksPerSecond;
}

/**
 * Peak resident memory (VmHWM) of a running process in bytes, from /proc; undefined without it.
 *
 * @example
 * const peak = peakRssOf(pack.pid);
 */
export function peakRssOf(pid: number | undefined): number | undefined {
    if (pid === undefined) {
        return undefined;
    }
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
        return match ? Number(match[1]) * 1024 : undefined;
    } catch {
        return undefined;
    }
}
