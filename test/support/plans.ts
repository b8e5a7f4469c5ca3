/** Hand-built plans for driving the pack over the Analyzer protocol without recording a program. */
import { Plan, RecordedResource, UNKNOWN } from "../../harness/plan";

const stackUrn = "urn:pulumi:dev::adversarial::pulumi:pulumi:Stack::adversarial-dev";

/** A plan of the given resources plus the stack and an AWS default provider they all use. */
export function planOf(
    resources: Array<
        Omit<RecordedResource, "urn" | "custom" | "dependencies" | "propertyDependencies" | "provider" | "parent"> &
            Partial<RecordedResource>
    >,
): Plan {
    const awsProvider: RecordedResource = {
        urn: "urn:pulumi:dev::adversarial::pulumi:providers:aws::default_7_48_0",
        type: "pulumi:providers:aws",
        name: "default_7_48_0",
        custom: true,
        parent: stackUrn,
        dependencies: [],
        propertyDependencies: {},
        inputs: { region: "us-west-2", version: "7.48.0" },
    };
    const stack: RecordedResource = {
        urn: stackUrn,
        type: "pulumi:pulumi:Stack",
        name: "adversarial-dev",
        custom: false,
        dependencies: [],
        propertyDependencies: {},
        inputs: {},
    };
    return {
        stack: "dev",
        project: "adversarial",
        preview: true,
        resources: [
            stack,
            awsProvider,
            ...resources.map((resource) => ({
                urn: `urn:pulumi:dev::adversarial::${resource.type}::${resource.name}`,
                custom: true,
                parent: stackUrn,
                provider: resource.type.startsWith("aws:") ? `${awsProvider.urn}::${UNKNOWN}` : undefined,
                dependencies: [],
                propertyDependencies: {},
                ...resource,
            })),
        ],
    };
}

/** A Lambda function resource with the given environment variables (wire form). */
export function lambdaWith(name: string, variables: Record<string, unknown>): Parameters<typeof planOf>[0][number] {
    return { type: "aws:lambda/function:Function", name, inputs: { runtime: "python3.12", environment: { variables } } };
}
