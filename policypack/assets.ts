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

/** The text of a Pulumi asset (`{ sig: asset, text }`), or what kind of asset it is when the pack cannot read it. */
export function assetText(object: Record<string, unknown>): { text?: string; what: string } | undefined {
    // An asset the policy SDK deserialized (see assets.ts): its value kept as it arrived.
    const kept = (object as Record<string, { kind: string; value: unknown } | undefined>)[keptAssetValue];
    if (kept !== undefined) {
        if (kept.kind === "StringAsset" && typeof kept.value === "string") {
            return { text: kept.value, what: "an inline asset" };
        }
        return { what: kept.kind === "FileAsset" ? `the file asset ${String(kept.value)}` : "a remote asset" };
    }
    const sig = object["4dabf18193072939515e22adb298388d"];
    if (
        sig === undefined &&
        ((object as { __pulumiAsset?: unknown }).__pulumiAsset === true ||
            (object as { __pulumiArchive?: unknown }).__pulumiArchive === true)
    ) {
        return { what: "an asset whose value is not in the inputs" };
    }
    if (sig === "c44067f5952c0a294b673a41bacd8c17") {
        if (typeof object["text"] === "string") {
            return { text: object["text"], what: "an inline asset" };
        }
        return { what: typeof object["path"] === "string" ? `the file asset ${object["path"]}` : "a remote asset" };
    }
    if (sig === "0def7320c3a5731c473e5ecbe6d01bc7") {
        return { what: "an archive" };
    }
    if (sig === "5cf8f73096256a8f31e491e813e4eb8e") {
        return { what: "a resource reference" }; // read through the stack, not here
    }
    return undefined;
}
