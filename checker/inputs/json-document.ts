// Reads a `pulumi preview --json` digest, a `pulumi stack export` or a `terraform show -json`
// plan as a stream: the parser picks each element of `steps`, `deployment.resources` or
// `resource_changes` (and the parts of a Terraform configuration) and hands it over as soon as it
// is complete, so memory holds the plan being built, never the file's text.
import * as fs from "fs";
import { pipeline, Readable } from "stream";
import { parser } from "stream-json";
import { pick } from "stream-json/filters/Pick";
import { streamValues } from "stream-json/streamers/StreamValues";
import type { Plan } from "../../harness/plan";
import { InputError } from "./input-error";
import { PlanBuilder } from "./plan-builder";
import { addPreviewStep, PREVIEW_KEY } from "./preview-json";
import type { SourceLocation } from "./source-location";
import { addExportedResource, EXPORT_KEY } from "./stack-export";
import { isTerraformPlan, isTerraformState, TerraformPlanReader } from "./terraform-plan";

/** Which JSON document a file held. */
export type DocumentKind = "preview" | "stack-export" | "terraform-plan";

/** What {@link readJsonDocument} found. */
export interface DocumentRead {
    kind: DocumentKind;
    plan: Plan;
    warnings: string[];
    /** Where each resource is declared (Terraform plans: its address). */
    locations?: Map<string, SourceLocation>;
    /** Which tool wrote it, when the file says (Terraform plans). */
    producer?: string;
}

/** A file whose top-level keys are a Kubernetes object's (`kubectl get -o json`): read it as manifests instead. */
export class KubernetesJson extends Error {}

type StackPath = ReadonlyArray<string | number | null>;

/** One kind of document: which values of the stream it reads, and what to do with each. */
interface StreamedDocument {
    accepts(stack: StackPath): boolean;
    /** True when the value was a resource (for progress). */
    add(stack: StackPath, value: unknown): boolean;
}

/**
 * Reads a preview digest, stack export or Terraform plan; anything else is an
 * {@link InputError} naming the file and what was expected.
 */
export async function readJsonDocument(file: string, onResource: () => void, opts: { stack?: string } = {}): Promise<DocumentRead> {
    const topLevelKeys = new Set<string>();
    const previewBuilder = new PlanBuilder(true, true);
    const exportBuilder = new PlanBuilder(false, false);
    const terraform = new TerraformPlanReader(file, opts.stack);
    const documents: StreamedDocument[] = [
        {
            accepts: (stack) => stack.length === 2 && stack[0] === PREVIEW_KEY && typeof stack[1] === "number",
            add: (_, value) => {
                addPreviewStep(value, previewBuilder);
                return true;
            },
        },
        {
            accepts: (stack) => stack.length === 3 && stack[0] === EXPORT_KEY && stack[1] === "resources" && typeof stack[2] === "number",
            add: (_, value) => {
                addExportedResource(value, exportBuilder);
                return true;
            },
        },
        terraform,
    ];
    // Values picked, in the order the stream hands them over, with the reader and path each is for.
    const picked: Array<{ document: StreamedDocument; stack: StackPath }> = [];
    let topLevelIsObject = true;
    const picker = pick({
        filter: (stack, token) => {
            if (
                stack.length === 0 &&
                (token.name === "startArray" ||
                    token.name.endsWith("Value") ||
                    token.name === "startString" ||
                    token.name === "startNumber")
            ) {
                topLevelIsObject = false;
            }
            if (typeof stack[0] === "string") {
                topLevelKeys.add(stack[0]);
            }
            const document = topLevelIsObject && stack.length > 0 ? documents.find((d) => d.accepts(stack)) : undefined;
            if (document) {
                picked.push({ document, stack: [...stack] });
            }
            return document !== undefined;
        },
    });
    const values: Readable = pipeline(fs.createReadStream(file), parser(), picker, streamValues(), () => undefined);
    try {
        for await (const item of values as AsyncIterable<{ value: unknown }>) {
            const next = picked.shift();
            if (next && next.document.add(next.stack, item.value)) {
                onResource();
            }
        }
    } catch (err) {
        if (err instanceof InputError) {
            values.destroy();
            throw err;
        }
        throw new InputError(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (topLevelIsObject && topLevelKeys.has(PREVIEW_KEY)) {
        return { kind: "preview", plan: previewBuilder.plan(), warnings: [] };
    }
    if (topLevelIsObject && topLevelKeys.has(EXPORT_KEY)) {
        return { kind: "stack-export", plan: exportBuilder.plan(), warnings: [] };
    }
    if (topLevelIsObject && isTerraformPlan(topLevelKeys)) {
        return { kind: "terraform-plan", ...terraform.result() };
    }
    if (topLevelIsObject && topLevelKeys.has("apiVersion") && topLevelKeys.has("kind")) {
        throw new KubernetesJson(file);
    }
    throw new InputError(notAPlan(file, topLevelIsObject ? topLevelKeys : undefined));
}

function notAPlan(file: string, keys: ReadonlySet<string> | undefined): string {
    if (keys !== undefined && isTerraformState(keys)) {
        return (
            `${file} is a Terraform state, not a plan: it has "values" but no "planned_values" or "resource_changes". ` +
            "Save a plan and give its JSON: `terraform plan -out plan.tfplan && terraform show -json plan.tfplan > plan.json`."
        );
    }
    const list = keys === undefined ? [] : [...keys];
    const found =
        keys === undefined
            ? "its top level is not a JSON object"
            : list.length === 0
              ? "it is an empty JSON object"
              : `its top-level keys are ${list.slice(0, 8).join(", ")}`;
    return (
        `${file} is not a plan: ${found}. Expected the output of \`pulumi preview --json\` (a top-level "steps" array), ` +
        `of \`pulumi stack export\` ("deployment.resources"), an engine event log (\`pulumi preview --event-log <file>\`, one JSON event per line), ` +
        `or of \`terraform show -json <planfile>\` ("format_version" and "resource_changes").`
    );
}
