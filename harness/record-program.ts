// Records what a Pulumi program (TypeScript or JavaScript, CommonJS or ES module) registers during
// a preview, without the Pulumi CLI.
//
// `recordProgram(dir)` runs the program in a child process (each program gets a fresh Pulumi
// runtime), inside a root `pulumi:pulumi:Stack` as the Node.js language host does, against a
// {@link RecordingMonitor}. The child is this file (compiled, or through ts-node from source):
//
//   node dist/tools/harness/record-program.js <dir> [--stack dev] [--out plan.json]
//
// which prints the plan as JSON (or writes it to --out) and exits non-zero with the program's
// error on stderr when the program fails. The stack's config, supplied secrets included, reaches
// the child in its environment, never on its command line; no output of it shows a secret value.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packRootAbove } from "./pack-root";
import type { Plan } from "./plan";
import { programConfigEnvironment, ProjectSettings, readProject, redactorOf } from "./project-config";

/** How to record a program. */
export interface RecordOptions {
    /** Stack name: selects Pulumi.<stack>.yaml and appears in URNs. Default "dev". */
    stack?: string;
    /** Record as a preview (outputs unknown, no IDs). Default true. */
    preview?: boolean;
    /** Give up after this long. Default 120 000 ms. */
    timeoutMs?: number;
    /** The project as read for the stack, with supplied config ({@link readProject}); read from the folder when absent. */
    project?: ProjectSettings;
}

// The child reads the project settings from here (then deletes it, before the program runs).
const projectEnvKey = "OPENAI_HOSTING_CHECK_PROJECT";

/**
 * Runs the Pulumi program in `programDir` (Pulumi.yaml + its entry module) in a child process and
 * returns what it registered. Errors carry the program's stderr with secret config values redacted.
 *
 * @example
 * const plan = await recordProgram("examples/eks-vllm-gpt");
 * plan.resources.map((r) => r.type); // ["pulumi:pulumi:Stack", "pulumi:providers:aws", "aws:eks/cluster:Cluster", …]
 */
export async function recordProgram(programDir: string, opts: RecordOptions = {}): Promise<Plan> {
    const dir = path.resolve(programDir);
    const stack = opts.stack ?? "dev";
    const project = opts.project ?? readProject(dir, stack);
    const redact = redactorOf(project);
    const timeoutMs = opts.timeoutMs ?? 120_000;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "record-program-"));
    const out = path.join(scratch, "plan.json");
    // Source maps: a program's error points at its TypeScript lines.
    const args = ["--enable-source-maps", __filename, dir, "--stack", stack, "--out", out];
    const env: NodeJS.ProcessEnv = { ...process.env, [projectEnvKey]: JSON.stringify(project) };
    if (__filename.endsWith(".ts")) {
        // From source (specs): ts-node compiles the harness as the build would, never with the program's tsconfig or TypeScript.
        args.splice(1, 0, "-r", require.resolve("ts-node/register/transpile-only"));
        env["TS_NODE_PROJECT"] = path.join(packRootAbove(__dirname), "tsconfig.tools.json");
    }
    if (opts.preview === false) {
        args.push("--no-preview");
    }
    try {
        const { code, stderr, timedOut } = await runChild(args, dir, env, timeoutMs);
        if (timedOut) {
            throw new Error(`recording ${dir} timed out after ${timeoutMs} ms\n${redact(stderr.trim())}`);
        }
        if (code !== 0) {
            throw new Error(`recording ${dir} failed (exit ${code}):\n${redact(adviceFor(stderr.trim(), project))}`);
        }
        return JSON.parse(fs.readFileSync(out, "utf8")) as Plan;
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

// The SDK tells a user missing a config value to `pulumi config set`, which the checker never reads
// back for a secret: say how to give the checker the value instead.
function adviceFor(stderr: string, project: ProjectSettings): string {
    const advised = stderr.replace(
        /please set a value using the command `pulumi config set( --secret)? (\S+) <value>`/g,
        (_, secret: string | undefined, key: string) =>
            `give the checker a value with --config-value ${key}=<value>` +
            (secret || project.missingSecrets.includes(key)
                ? ", or as a secret through PULUMI_CONFIG or --config-file (see the README)"
                : ""),
    );
    if (project.missingSecrets.length === 0) {
        return advised;
    }
    return (
        `${advised}\nencrypted ("secure:") values the checker cannot decrypt and nobody supplied: ${project.missingSecrets.join(", ")}; ` +
        "supply them with --config-value <key>=<value>, a --config-file or PULUMI_CONFIG (they stay secret)"
    );
}

function runChild(
    args: string[],
    cwd: string,
    env: NodeJS.ProcessEnv,
    timeoutMs: number,
): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
    return new Promise((resolve, reject) => {
        // cwd is the program folder, as the CLI runs programs there (relative file reads work).
        const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
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

// The monitor of this child's recording, for the failure hint.
let recording: { echoedInvokes(): string[] } | undefined;

// The engine gives a program its backend's organization; a self-managed backend's is "organization".
const organization = "organization";

async function recordInThisProcess(programDir: string, stack: string, preview: boolean): Promise<Plan> {
    const given = process.env[projectEnvKey];
    delete process.env[projectEnvKey];
    const project = given !== undefined ? (JSON.parse(given) as ProjectSettings) : readProject(programDir, stack);
    // The config must be in the environment before the Pulumi runtime loads.
    Object.assign(process.env, programConfigEnvironment(project));

    const { RecordingMonitor } = await import("./recording-monitor");
    const { loadProgram } = await import("./program-loader");
    const settings = await import("@pulumi/pulumi/runtime/settings");
    const { runInPulumiStack } = await import("@pulumi/pulumi/runtime/stack");
    const log = await import("@pulumi/pulumi/log");

    const monitor = new RecordingMonitor({
        project: project.project,
        stack: project.stack,
        preview,
        config: project.config,
        secretKeys: project.secretKeys,
    });
    recording = monitor;
    settings.setMockOptions(monitor, project.project, project.stack, preview, organization);

    // Errors raised in callbacks (apply, resource registration) surface as unhandled rejections.
    const failure = new Promise<never>((_, reject) => {
        process.on("unhandledRejection", reject);
        process.on("uncaughtException", reject);
    });
    const run = runInPulumiStack(async () => {
        const exported = await loadProgram(project.main, programDir);
        return typeof exported === "function" ? await (exported as () => unknown)() : exported;
    });
    await Promise.race([run, failure]);
    await Promise.race([settings.disconnect(), failure]);
    if (log.hasErrors()) {
        throw new Error("the program logged errors (see above); a preview would fail");
    }
    return monitor.plan();
}

// A program that failed after calling provider functions may have failed on their answers: say which
// ones had no real answer, and what to check instead.
function invokeHint(echoed: string[]): string {
    if (echoed.length === 0) {
        return "";
    }
    const shown = echoed.slice(0, 5).join(", ") + (echoed.length > 5 ? `, and ${echoed.length - 5} more` : "");
    return (
        `note: without the cloud, the checker answers provider functions by echoing their arguments; this program called ${shown}. ` +
        "If it failed on what they returned, check the output of a real `pulumi preview --json` instead (see the README).\n"
    );
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
        // The runtime's own exit check fails a program that left promises unresolved (an apply that
        // threw, say); this listener runs after it.
        process.on("exit", () => {
            if (process.exitCode !== undefined && process.exitCode !== 0) {
                process.stderr.write(invokeHint(recording?.echoedInvokes() ?? []));
            }
        });
        process.exit(0);
    })().catch((err: unknown) => {
        // A RunError (a missing config value, say) is a message for the user, not a crash: no stack.
        const runError = err instanceof Error && (err as { __pulumiRunError?: boolean }).__pulumiRunError === true;
        process.stderr.write(`${err instanceof Error ? (runError ? err.message : (err.stack ?? err.message)) : String(err)}\n`);
        process.stderr.write(invokeHint(recording?.echoedInvokes() ?? []));
        process.exit(1);
    });
}
