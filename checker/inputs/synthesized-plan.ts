// Plans the checker builds from another tool's output (a Terraform plan, Kubernetes manifests):
// the resources a Pulumi preview of the same infrastructure would register — the root stack,
// providers, resources — with URNs whose names keep the other tool's names recognisable, so that
// messages, exemptions and reports name what the user wrote.
import * as path from "path";
import { RecordedResource, UNKNOWN } from "../../harness/plan";

/** The stack of a plan that is not a Pulumi stack: `--stack`, else this (Terraform's default workspace). */
export const DEFAULT_FOREIGN_STACK = "default";

/** Stack and project of a plan read from `file`: the project is the file's (or folder's) name. */
export function namingOf(file: string, stack: string | undefined): { stack: string; project: string } {
    const base = path.basename(path.resolve(file));
    const project = base.replace(/\.(json|ya?ml)$/i, "").replace(/::/g, ":") || "plan";
    return { stack: stack ?? DEFAULT_FOREIGN_STACK, project };
}

/** Builds the URNs and the resources every synthesized plan has. */
export class SynthesizedPlan {
    readonly stackUrn: string;

    constructor(
        readonly stack: string,
        readonly project: string,
    ) {
        this.stackUrn = this.urnOf("pulumi:pulumi:Stack", `${project}-${stack}`);
    }

    /** `urn:pulumi:<stack>::<project>::<type>::<name>` (a child of the root stack: its type is left out). */
    urnOf(type: string, name: string): string {
        return `urn:pulumi:${this.stack}::${this.project}::${type}::${name}`;
    }

    /** The root stack resource, as every preview registers it. */
    stackResource(): RecordedResource {
        return {
            urn: this.stackUrn,
            type: "pulumi:pulumi:Stack",
            name: `${this.project}-${this.stack}`,
            custom: false,
            dependencies: [],
            propertyDependencies: {},
            inputs: {},
        };
    }

    /** A provider resource of package `pkg`; resources refer to it as `<urn>::<id>`, the ID unknown as in a preview. */
    providerResource(
        pkg: string,
        name: string,
        inputs: Record<string, unknown>,
        propertyDependencies: Record<string, string[]> = {},
    ): { resource: RecordedResource; reference: string } {
        const urn = this.urnOf(`pulumi:providers:${pkg}`, name);
        const dependencies = [...new Set(Object.values(propertyDependencies).flat())];
        return {
            resource: {
                urn,
                type: `pulumi:providers:${pkg}`,
                name,
                custom: true,
                parent: this.stackUrn,
                dependencies,
                propertyDependencies,
                inputs,
            },
            reference: `${urn}::${UNKNOWN}`,
        };
    }
}
