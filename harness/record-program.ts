// Records what a Pulumi TypeScript program registers during a preview, without the Pulumi CLI.
//
// `recordProgram(dir)` runs the program in a child process (each program gets a fresh Pulumi
// runtime), inside a root `pulumi:pulumi:Stack` as the Node.js language host does, against a
// {@link RecordingMonitor}. The child is this file:
//
//   node -r ts-node/register/transpile-only harness/record-program.ts <dir> [--stack dev] [--out plan.json]
//
// which prints the plan as JSON (or writes it to --out) and exits non-zero with the program's
// error on stderr when the program fails.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Plan } from "./plan";
import { programConfigEnvironment, readProject } from "./project-config";

/** How to record a program. */
export interface RecordOptions {
    /** Stack name: selects Pulumi.<stack>.yaml and appears in URNs. Default "dev". */
    stack?: string;
    /** Record as a preview (outputs unknown, no IDs). Default true. */
    preview?: boolean;
    /** Give up after this long. Default 120 000 ms. */
    timeoutMs?: number;
}

/**
 * Runs the Pulumi program in `programDir` (Pulumi.yaml + index.ts) in a child process and returns
 * what it registered.
 *
 * @example
 * const plan = await recordProgram("examples/eks-vllm-gpt");
 * plan.resources.map((r) => r.type); // ["pulumi:pulumi:Stack", "pulumi:providers:aws", "aws:eks/cluster:Cluster", …]
 */
export async function recordProgram(programDir: string, opts: RecordOptions = {}): Promise<Plan> {
    const dir = path.resolve(programDir);
    const stack = opts.stack ?? "dev";
    const timeoutMs = opts.timeoutMs ?? 120_000;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "record-program-"));
    const out = path.join(scratch, "plan.json");
    const args = ["-r", require.resolve("ts-node/register/transpile-only"), __filename, dir, "--stack", stack, "--out", out];
    if (opts.preview === false) {
        args.push("--no-preview");
    }
    try {
        const { code, stderr, timedOut } = await runChild(args, dir, timeoutMs);
        if (timedOut) {
            throw new Error(`recording ${dir} timed out after ${timeoutMs} ms\n${stderr.trim()}`);
        }
        if (code !== 0) {
            throw new Error(`recording ${dir} failed (exit ${code}):\n${stderr.trim()}`);
        }
        return JSON.parse(fs.readFileSync(out, "utf8")) as Plan;
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

function runChild(args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
    return new Promise((resolve, reject) => {
        // cwd is the program folder, as the CLI runs programs there (relative file reads work).
        const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        let timedOut = false;
        child.stdout.resume(); // the program's console output is not part of the plan
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
        }, timeoutMs);
        child.on("error", (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ code, stderr, timedOut });
        });
    });
}

// ---- child side ------------------------------------------------------------------------------

async function recordInThisProcess(programDir: string, stack: string, preview: boolean): Promise<Plan> {
    const project = readProject(programDir, stack);
    for (const warning of project.warnings) {
        process.stderr.write(`warning: ${warning}\n`);
    }
    // The config must be in the environment before the Pulumi runtime loads.
    Object.assign(process.env, programConfigEnvironment(project));

    const { RecordingMonitor } = await import("./recording-monitor");
    const settings = await import("@pulumi/pulumi/runtime/settings");
    const { runInPulumiStack } = await import("@pulumi/pulumi/runtime/stack");
    const log = await import("@pulumi/pulumi/log");

    const monitor = new RecordingMonitor({ project: project.project, stack, preview, config: project.config });
    settings.setMockOptions(monitor, project.project, stack, preview);

    // Errors raised in callbacks (apply, resource registration) surface as unhandled rejections.
    const failure = new Promise<never>((_, reject) => {
        process.on("unhandledRejection", reject);
        process.on("uncaughtException", reject);
    });
    const run = runInPulumiStack(async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the user's program, a path known only at run time
        const exported: unknown = require(project.main);
        return typeof exported === "function" ? await (exported as () => unknown)() : exported;
    });
    await Promise.race([run, failure]);
    await Promise.race([settings.disconnect(), failure]);
    if (log.hasErrors()) {
        throw new Error("the program logged errors (see above); a preview would fail");
    }
    return monitor.plan();
}

function parseArgs(argv: string[]): { dir: string; stack: string; out?: string; preview: boolean } {
    const positional: string[] = [];
    let stack = "dev";
    let out: string | undefined;
    let preview = true;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--stack") {
            stack = argv[++i] ?? stack;
        } else if (arg === "--out") {
            out = argv[++i];
        } else if (arg === "--no-preview") {
            preview = false;
        } else if (arg !== undefined) {
            positional.push(arg);
        }
    }
    const dir = positional[0];
    if (!dir) {
        throw new Error("usage: record-program.ts <program dir> [--stack <name>] [--out <plan.json>] [--no-preview]");
    }
    return { dir: path.resolve(dir), stack, out, preview };
}

if (require.main === module) {
    (async () => {
        const { dir, stack, out, preview } = parseArgs(process.argv.slice(2));
        process.chdir(dir);
        const plan = await recordInThisProcess(dir, stack, preview);
        const json = JSON.stringify(plan, null, 2);
        if (out) {
            fs.writeFileSync(out, json);
        } else {
            process.stdout.write(json + "\n");
        }
        process.exit(0);
    })().catch((err: unknown) => {
        process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exit(1);
    });
}
