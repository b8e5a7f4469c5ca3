// `pulumi preview --json`: a display.PreviewDigest (pkg/backend/display/json.go ShowPreviewDigest)
//
//   { "config": {…}, "steps": [ { "op", "urn", "provider", "oldState", "newState", … } ],
//     "diagnostics": [...], "duration", "changeSummary": {…} }
//
// newState is an apitype.ResourceV3 whose secrets read "[secret]" and whose unknowns are the
// wire sentinel. The digest has no policy results: ShowPreviewDigest skips policy events.
// Unchanged resources are listed only with --show-sames (display shouldShow), so run
// `pulumi preview --json --show-sames` for a complete plan (providers of unchanged clusters included).
import { isResourceState, PlanBuilder } from "./plan-builder";

// Steps after which the resource no longer exists: nothing to analyze.
const removingOps = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "read-discard", "remove-pending-replace"]);

/** The top-level key that marks a preview digest. */
export const PREVIEW_KEY = "steps";

/** Adds the resource a preview step leaves behind (its newState), if any. */
export function addPreviewStep(step: unknown, builder: PlanBuilder): void {
    if (typeof step !== "object" || step === null) {
        return;
    }
    const { op, newState, provider } = step as { op?: unknown; newState?: unknown; provider?: unknown };
    if (typeof op === "string" && removingOps.has(op)) {
        return;
    }
    if (isResourceState(newState)) {
        builder.add(newState, typeof provider === "string" ? provider : undefined);
    }
}
