// `check <path>`: which kind of input a path is, and the plan in it.
import * as fs from "fs";
import * as path from "path";
import type { Plan } from "../../harness/plan";
import { hasStackFile, readProject, redactorOf, stacksOf, stackNameOf, SuppliedConfig } from "../../harness/project-config";
import { recordProgram } from "../../harness/record-program";
import { looksLikeEventLog, readEventLog } from "./event-log";
import { InputError } from "./input-error";
import { KubernetesJson, readJsonDocument } from "./json-document";
import { ClusterOptions, isManifestFolder, isPulumiFile, looksLikeManifests, readManifests } from "./manifests";
import { PlanBuilder } from "./plan-builder";
import type { SourceLocation } from "./source-location";
import { namingOf, SynthesizedPlan } from "./synthesized-plan";

/** The kinds of input the checker reads. */
export type InputKind = "program" | "preview" | "stack-export" | "event-log" | "terraform-plan" | "manifests";

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
    /** Where each resource is declared, for inputs that are not Pulumi's (a Terraform address, a manifest document). */
    locations?: Map<string, SourceLocation>;
    /** Which tool wrote the input, when it says (`Terraform 1.9.5, plan format 1.2`). */
    producer?: string;
}

/** How to read an input. */
export interface ProgramOptions {
    /** `--stack`: the stack a program folder runs as (default "dev"); for a Terraform plan or manifests, the stack their URNs name (default "default"). */
    stack?: string;
    /** Config values supplied for the program, secrets included. */
    config?: SuppliedConfig;
    /** For manifests: the cluster they will run on. */
    cluster?: ClusterOptions;
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
 * `pulumi stack export` file, an engine event log, a `terraform show -json` plan, or Kubernetes
 * manifests (a YAML file or a folder of them).
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
        if (!fs.existsSync(path.join(given, "Pulumi.yaml")) && isManifestFolder(given)) {
            return readManifestInput(given, progress, opts);
        }
        return readProgram(given, opts);
    }
    if (isPulumiFile(given)) {
        throw new InputError(`${given} is a Pulumi project or stack file: give the program's folder, ${path.dirname(given)}`);
    }
    const head = readHead(given);
    if (head.trim() === "") {
        throw new InputError(
            `${given} is empty: expected a plan (preview --json, stack export, event log, terraform show -json) or Kubernetes manifests`,
        );
    }
    if (/\.ya?ml$/i.test(given)) {
        return readManifestInput(given, progress, opts);
    }
    if (looksLikeEventLog(head)) {
        const builder = new PlanBuilder(true, false);
        await readEventLog(given, builder, () => progress.onItem());
        return { kind: "event-log", path: given, plan: builder.plan(), warnings: [], redact: unchanged };
    }
    if (!/^\s*[[{"0-9tfn-]/.test(head)) {
        if (looksLikeManifests(head)) {
            return readManifestInput(given, progress, opts);
        }
        throw new InputError(
            `${given} is not JSON: expected a plan (preview --json, stack export, event log, terraform show -json) or Kubernetes manifests (YAML)`,
        );
    }
    try {
        const { kind, plan, warnings, locations, producer } = await readJsonDocument(given, () => progress.onItem(), { stack: opts.stack });
        return {
            kind,
            path: given,
            plan,
            warnings,
            redact: unchanged,
            ...(locations ? { locations } : {}),
            ...(producer ? { producer } : {}),
        };
    } catch (err) {
        if (err instanceof KubernetesJson) {
            return readManifestInput(given, progress, opts); // `kubectl get -o json`
        }
        throw err;
    }
}

function readManifestInput(given: string, progress: ReadProgress, opts: ProgramOptions): Input {
    const { stack, project } = namingOf(given, opts.stack);
    const { plan, warnings, locations } = readManifests(given, new SynthesizedPlan(stack, project), opts.cluster ?? {}, () =>
        progress.onItem(),
    );
    return { kind: "manifests", path: given, plan, warnings, redact: unchanged, locations };
}

async function readProgram(dir: string, opts: ProgramOptions): Promise<Input> {
    if (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
        throw new InputError(
            `${dir} is a folder without a Pulumi.yaml or Kubernetes manifests (.yaml/.yml files): expected a Pulumi program folder or a folder of manifests`,
        );
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
