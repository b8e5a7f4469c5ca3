/**
 * Keeping Pulumi assets readable. `@pulumi/policy` turns an asset in a
 * resource's inputs into the SDK's `StringAsset`/`FileAsset`, whose text or
 * path is a Promise, so a policy cannot read a Helm values file given as a
 * `StringAsset` synchronously. The SDK builds them through the
 * `@pulumi/pulumi` asset module's classes; this replaces those classes with
 * subclasses that also keep the value as it arrived. Everything else the SDK
 * does with assets is unchanged.
 */

/** The property a kept value is stored under. */
export const keptAssetValue = "__openaiHostingAssetValue";

let patched = false;

/** Makes the SDK's assets keep their text, path or URI readable; false when the SDK's asset module cannot be found. */
export function keepAssetsReadable(): boolean {
    if (patched) {
        return true;
    }
    try {
        // The asset module the policy SDK deserializes with: @pulumi/pulumi resolved from the SDK's folder.
        const policyEntry = require.resolve("@pulumi/policy");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [policyEntry] })) as {
            asset?: Record<string, new (value: unknown) => object>;
        };
        const assets = pulumi.asset;
        if (!assets) {
            return false;
        }
        for (const name of ["StringAsset", "FileAsset", "RemoteAsset"]) {
            const Original = assets[name];
            if (typeof Original !== "function") {
                continue;
            }
            assets[name] = class extends Original {
                constructor(value: unknown) {
                    super(value);
                    Object.defineProperty(this, keptAssetValue, { value: { kind: name, value }, enumerable: false });
                }
            };
        }
        patched = true;
    } catch {
        return false;
    }
    return patched;
}
