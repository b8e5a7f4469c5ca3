// The google-protobuf well-known types that @pulumi/pulumi's generated protos were built against.
// google-protobuf is not a top-level dependency: it lives under @pulumi/pulumi, so it is resolved
// from there. Messages built from another copy could fail `instanceof` checks inside the SDK.
import * as path from "path";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

function fromPulumi<T>(request: string): T {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved from @pulumi/pulumi's copy at run time
    return require(require.resolve(request, { paths: [pulumiDir] })) as T;
}

/** `google.protobuf.Struct` and friends, from the copy @pulumi/pulumi uses. */
export const structpb = fromPulumi<typeof import("google-protobuf/google/protobuf/struct_pb")>("google-protobuf/google/protobuf/struct_pb");

/** `google.protobuf.Empty`, from the copy @pulumi/pulumi uses. */
export const emptypb = fromPulumi<typeof import("google-protobuf/google/protobuf/empty_pb")>("google-protobuf/google/protobuf/empty_pb");

/** A protobuf Struct holding `value` (plain JSON: wire-form sentinels and sig objects are plain JSON too). */
export function toStruct(value: Record<string, unknown>): InstanceType<typeof structpb.Struct> {
    return structpb.Struct.fromJavaScript(value as Parameters<typeof structpb.Struct.fromJavaScript>[0]);
}
