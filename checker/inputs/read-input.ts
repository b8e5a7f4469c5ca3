// `check <path>`: which kind of input a path is, and the plan in it.
import * as fs from "fs";
import * as path from "path";
import type { Plan } from "../../harness/plan";
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
}

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
export async function readInput(given: string, progress: ReadProgress, opts: { stack?: string } = {}): Promise<Input> {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(given);
    } catch {
        throw new InputError(`${given}: no such file or folder`);
    }
    if (stat.isDirectory()) {
        if (!fs.existsSync(path.join(given, "Pulumi.yaml"))) {
            throw new InputError(`${given} is a folder without a Pulumi.yaml: expected a Pulumi TypeScript program folder`);
        }
        try {
            return { kind: "program", path: given, plan: await recordProgram(given, { stack: opts.stack ?? "dev" }) };
        } catch (err) {
            throw new InputError(`the program in ${given} could not be run: ${err instanceof Error ? err.message : String(err)}`);
        }
    }
    const head = readHead(given);
    if (head.trim() === "") {
        throw new InputError(`${given} is empty: expected a Pulumi plan (preview --json, stack export or event log)`);
    }
    if (looksLikeEventLog(head)) {
        const builder = new PlanBuilder(true, false);
        await readEventLog(given, builder, () => progress.onItem());
        return { kind: "event-log", path: given, plan: builder.plan() };
    }
    if (!/^\s*[[{"0-9tfn-]/.test(head)) {
        throw new InputError(`${given} is not JSON: expected a Pulumi plan (preview --json, stack export or event log)`);
    }
    const { kind, builder } = await readJsonDocument(given, () => progress.onItem());
    return { kind, path: given, plan: builder.plan() };
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
