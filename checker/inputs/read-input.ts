// `check <path>`: which kind of input a path is, and the plan in it.
import * as fs from "fs";
import * as path from "path";
import type { Plan } from "../../harness/plan";
import { hasStackFile, readProject, redactorOf, stacksOf, stackNameOf, SuppliedConfig } from "../../harness/project-config";
import { recordProgram } from "../../harness/record-program";
import { looksLikeEventLog, readEventLog } from "./event-log";
import { InputError } from "./input-error";
import { readJsonDocument } from "./json-document";
import { PlanBuilder } from "./plan-builder";

/** The kinds of input the checker reads. */
export type InputKind = "program" | "preview" | "stack-export" | "event-log";

/** A plan and where it came from. */
export interface Input {
    kind: InputKind;
    /** The path as the user gave it. */
    path: string;
    plan: Plan;
    /** What the user should know about how it was read (a program's stack config left out, say). */
    warnings: string[];
    /** Removes the program's secret config values from a text (identity for plan files). */
    redact: (text: string) => string;
}

/** How to read a program folder. */
export interface ProgramOptions {
    /** `--stack`; the checker's default stack is "dev". */
    stack?: string;
    /** Config values supplied for the program, secrets included. */
    config?: SuppliedConfig;
}

/** The stack a program folder runs as when none is given. */
export const DEFAULT_STACK = "dev";
const unchanged = (text: string) => text;

/** How reading reports progress: once per resource (or event-log line) read. */
export interface ReadProgress {
    onItem(): void;
}

/**
 * Reads a program folder (recorded under mocks as a preview), a `pulumi preview --json` file, a
 * `pulumi stack export` file or an engine event log.
 *
 * @example
 * const input = await readInput("preview.json", { onItem() {} });
 * input.kind; // "preview"
 */
export async function readInput(given: string, progress: ReadProgress, opts: ProgramOptions = {}): Promise<Input> {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(given);
    } catch {
        throw new InputError(`${given}: no such file or folder`);
    }
    if (stat.isDirectory()) {
        return readProgram(given, opts);
    }
    const head = readHead(given);
    if (head.trim() === "") {
        throw new InputError(`${given} is empty: expected a Pulumi plan (preview --json, stack export or event log)`);
    }
    if (looksLikeEventLog(head)) {
        const builder = new PlanBuilder(true, false);
        await readEventLog(given, builder, () => progress.onItem());
        return { kind: "event-log", path: given, plan: builder.plan(), warnings: [], redact: unchanged };
    }
    if (!/^\s*[[{"0-9tfn-]/.test(head)) {
        throw new InputError(`${given} is not JSON: expected a Pulumi plan (preview --json, stack export or event log)`);
    }
    const { kind, builder } = await readJsonDocument(given, () => progress.onItem());
    return { kind, path: given, plan: builder.plan(), warnings: [], redact: unchanged };
}

async function readProgram(dir: string, opts: ProgramOptions): Promise<Input> {
    if (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
        throw new InputError(`${dir} is a folder without a Pulumi.yaml: expected a Pulumi program folder`);
    }
    const stack = opts.stack ?? DEFAULT_STACK;
    const warnings: string[] = [];
    let project;
    try {
        const stacks = stacksOf(dir);
        const present = stacks.length > 0 ? `the stacks present are ${stacks.join(", ")}` : "there is no Pulumi.<stack>.yaml at all";
        if (!hasStackFile(dir, stack)) {
            // A mistyped --stack must not run silently without its config.
            if (stackNameOf(stack) !== DEFAULT_STACK) {
                throw new InputError(`--stack ${stack}: ${dir} has no Pulumi.${stackNameOf(stack)}.yaml; ${present}`);
            }
            if (stacks.length > 0) {
                warnings.push(
                    `${dir} has no Pulumi.${DEFAULT_STACK}.yaml: running with the project's own config only; ${present} (choose one with --stack)`,
                );
            }
        }
        project = readProject(dir, stack, opts.config);
    } catch (err) {
        throw err instanceof InputError ? err : new InputError(`${dir}: ${err instanceof Error ? err.message : String(err)}`);
    }
    warnings.push(...project.warnings);
    const redact = redactorOf(project);
    try {
        const plan = await recordProgram(dir, { stack, project });
        return { kind: "program", path: dir, plan, warnings, redact };
    } catch (err) {
        // What was left out of the run (a stack file, encrypted values) is often why the program failed.
        const notes = warnings.map((w) => `\nwarning: ${w}`).join("");
        throw new InputError(redact(`the program in ${dir} could not be run: ${err instanceof Error ? err.message : String(err)}${notes}`));
    }
}

function readHead(file: string): string {
    const fd = fs.openSync(file, "r");
    try {
        const buffer = Buffer.alloc(4096);
        const bytes = fs.readSync(fd, buffer, 0, buffer.length, 0);
        return buffer
            .subarray(0, bytes)
            .toString("utf8")
            .replace(/^\uFEFF/, "");
    } catch (err) {
        throw new InputError(`${file} could not be read: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
        fs.closeSync(fd);
    }
}
