// An engine event log (`pulumi preview --event-log <file>`): one apitype.EngineEvent per line,
// fields in Go struct order, so every line starts with {"sequence":…,"timestamp":…, then one of
// cancelEvent, stdoutEvent, diagnosticEvent, preludeEvent, summaryEvent, resourcePreEvent,
// resOutputsEvent, resOpFailedEvent, policyEvent, … (sdk/go/common/apitype/events.go).
//
// A resourcePreEvent's metadata is a StepEventMetadata {op, urn, type, old, new, provider, …}
// whose `new` is a StepEventStateMetadata {urn, type, custom, id, parent, provider, inputs,
// outputs}; secrets are serialized with the blinding crypter, {sig: secret, ciphertext: "[secret]"}
// (pkg/backend/display/events.go convertStepEventStateMetadata). It carries no dependencies.
import * as fs from "fs";
import * as readline from "readline";
import { isResourceState, PlanBuilder } from "./plan-builder";
import { InputError } from "./input-error";

const removingOps = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "read-discard", "remove-pending-replace"]);

/** True when the start of a file looks like an engine event log. */
export function looksLikeEventLog(head: string): boolean {
    return /^\s*\{\s*"sequence"\s*:\s*\d+/.test(head);
}

/** Reads an event log line by line into `builder`; `onLine` is called after each line (for progress). */
export async function readEventLog(file: string, builder: PlanBuilder, onLine: () => void): Promise<void> {
    const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
    let number = 0;
    for await (const line of lines) {
        number++;
        if (line.trim() === "") {
            continue;
        }
        let event: unknown;
        try {
            event = JSON.parse(line);
        } catch (err) {
            throw new InputError(`${file}:${number}: not a JSON engine event (${err instanceof Error ? err.message : String(err)})`);
        }
        addEngineEvent(event, builder);
        onLine();
    }
}

/** Adds the resource a resourcePreEvent's step leaves behind; other events carry no resources. */
export function addEngineEvent(event: unknown, builder: PlanBuilder): void {
    const metadata = (event as { resourcePreEvent?: { metadata?: Record<string, unknown> } } | null)?.resourcePreEvent?.metadata;
    if (!metadata || (typeof metadata["op"] === "string" && removingOps.has(metadata["op"]))) {
        return;
    }
    const state = metadata["new"];
    if (isResourceState(state)) {
        builder.add(state, typeof metadata["provider"] === "string" ? metadata["provider"] : undefined);
    }
}
