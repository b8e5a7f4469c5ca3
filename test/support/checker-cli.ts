/** The built checker CLI (dist/tools/checker/cli.js) run as a user runs it: a child process. */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const cli = path.join(repoRoot, "dist", "tools", "checker", "cli.js");

/** What a run printed and its exit code. */
export interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Options of {@link runCli}. */
export interface RunOptions {
    /** Working folder (default: the repository root). */
    cwd?: string;
    /** Variables added to (or, when undefined, removed from) the environment. */
    env?: Record<string, string | undefined>;
    /** The Node.js binary (default: the one running the specs). */
    node?: string;
}

/** Runs the checker with `args`; never throws on a non-zero exit. */
export function runCli(args: string[], opts: RunOptions = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
        const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, ...opts.env };
        const child = spawn(opts.node ?? process.execPath, [cli, ...args], {
            cwd: opts.cwd ?? repoRoot,
            stdio: ["ignore", "pipe", "pipe"],
            env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
        child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

/** Fails early, with what to do, when the CLI has not been built. */
export function requireBuiltCli(): void {
    if (!fs.existsSync(cli)) {
        throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
    }
}

/** Runs `count` tasks at a time, keyed, and collects their results. */
export async function runAll<T>(tasks: Record<string, () => Promise<T>>, count: number): Promise<Map<string, T>> {
    const results = new Map<string, T>();
    const queue = Object.entries(tasks);
    const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
            const [key, task] = next;
            results.set(key, await task());
        }
    };
    await Promise.all(Array.from({ length: count }, worker));
    return results;
}

/**
 * Runs a spec's tests share: started together in `beforeAll` (a few at a time, each a pack's cold
 * start), then looked up by key.
 *
 * @example
 * const runs = new SharedRuns();
 * beforeAll(() => runs.start({ preview: () => runCli(["check", "preview.json"]) }), 5 * 60_000);
 * it("blocks", () => expect(runs.get("preview").code).toBe(1));
 */
export class SharedRuns {
    private results = new Map<string, Run>();

    /** Starts every run, `count` at a time, and waits for them all. */
    async start(tasks: Record<string, () => Promise<Run>>, count = 3): Promise<void> {
        this.results = await runAll(tasks, count);
    }

    /** The run started under `key` (an error when it was not). */
    get(key: string): Run {
        const r = this.results.get(key);
        if (!r) {
            throw new Error(`${key} did not run`);
        }
        return r;
    }

    /** Every run. */
    all(): Run[] {
        return [...this.results.values()];
    }
}
