// `pulumi stack export`: an apitype.UntypedDeployment
//
//   { "version": 3, "deployment": { "manifest": {…}, "secrets_providers": {…},
//                                   "resources": [ apitype.ResourceV3, … ], "pending_operations": [...] } }
//
// Secrets are {sig: secret, ciphertext} ({sig: secret, plaintext} with --show-secrets); the state
// is deployed, so nothing is unknown unless the last update failed part-way.
import { isResourceState, PlanBuilder } from "./plan-builder";

/** The top-level key that marks a stack export. */
export const EXPORT_KEY = "deployment";

/** Adds one exported resource, unless it is only waiting to be deleted. */
export function addExportedResource(resource: unknown, builder: PlanBuilder): void {
    if (isResourceState(resource) && (resource as { delete?: unknown }).delete !== true) {
        builder.add(resource);
    }
}
