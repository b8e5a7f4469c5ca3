// Reads a `pulumi preview --json` digest or a `pulumi stack export` as a stream: the parser picks
// each element of `steps` or `deployment.resources` and hands it over as soon as it is complete,
// so memory holds the plan being built, never the file's text.
import * as fs from "fs";
import { pipeline, Readable } from "stream";
import { parser } from "stream-json";
import { pick } from "stream-json/filters/Pick";
import { streamValues } from "stream-json/streamers/StreamValues";
import { InputError } from "./input-error";
import { PlanBuilder } from "./plan-builder";
import { addPreviewStep, PREVIEW_KEY } from "./preview-json";
import { addExportedResource, EXPORT_KEY } from "./stack-export";

/** Which Pulumi JSON document a file held. */
export type DocumentKind = "preview" | "stack-export";

/** What {@link readJsonDocument} found. */
export interface DocumentRead {
    kind: DocumentKind;
    builder: PlanBuilder;
}

/** Reads a preview digest or stack export; anything else is an {@link InputError} naming the file and what was expected. */
export async function readJsonDocument(file: string, onResource: () => void): Promise<DocumentRead> {
    const topLevelKeys = new Set<string>();
    const previewBuilder = new PlanBuilder(true, true);
    const exportBuilder = new PlanBuilder(false, false);
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
            return (
                (stack.length === 2 && stack[0] === PREVIEW_KEY && typeof stack[1] === "number") ||
                (stack.length === 3 && stack[0] === EXPORT_KEY && stack[1] === "resources" && typeof stack[2] === "number")
            );
        },
    });
    const values: Readable = pipeline(fs.createReadStream(file), parser(), picker, streamValues(), () => undefined);
    try {
        for await (const item of values as AsyncIterable<{ value: unknown }>) {
            if (topLevelKeys.has(PREVIEW_KEY)) {
                addPreviewStep(item.value, previewBuilder);
            } else {
                addExportedResource(item.value, exportBuilder);
            }
            onResource();
        }
    } catch (err) {
        throw new InputError(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (topLevelIsObject && topLevelKeys.has(PREVIEW_KEY)) {
        return { kind: "preview", builder: previewBuilder };
    }
    if (topLevelIsObject && topLevelKeys.has(EXPORT_KEY)) {
        return { kind: "stack-export", builder: exportBuilder };
    }
    throw new InputError(notAPlan(file, topLevelIsObject ? [...topLevelKeys] : undefined));
}

function notAPlan(file: string, keys: string[] | undefined): string {
    const found =
        keys === undefined
            ? "its top level is not a JSON object"
            : keys.length === 0
              ? "it is an empty JSON object"
              : `its top-level keys are ${keys.slice(0, 8).join(", ")}${keys.includes("terraform_version") ? " (a Terraform plan?)" : ""}`;
    return (
        `${file} is not a Pulumi plan: ${found}. Expected the output of \`pulumi preview --json\` (a top-level "steps" array), ` +
        `of \`pulumi stack export\` ("deployment.resources"), or an engine event log (\`pulumi preview --event-log <file>\`, one JSON event per line).`
    );
}
