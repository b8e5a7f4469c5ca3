// What the pack changes in @pulumi/policy when it starts (assets.ts, secrets.ts), checked on resource
// inputs the SDK itself deserializes: without the patches the pack cannot read an inline asset's
// text, nor tell a secret from a plain string; with them it does both. The gRPC specs prove the same
// through a running pack; these run in this process, where a mutation tester sees them.
//
// Both patches change modules under node_modules, which stay loaded between runs of the in-process
// mutation runner: every test puts the SDK's originals back when it ends.
import { keepAssetsReadable } from "../policypack/assets";
import { readInputs } from "../policypack/evidence/inputs";
import { deserializedOnce, keepSecretsVisible, secretsStayVisible } from "../policypack/secrets";
import { resourceView } from "../policypack/views";

const SIG = "4dabf18193072939515e22adb298388d";
const ASSET = "c44067f5952c0a294b673a41bacd8c17";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

type Deserialize = { deserializeProperties: (struct: unknown, proxySecrets: boolean) => Record<string, unknown> };
type StructClass = { fromJavaScript(value: Record<string, unknown>): unknown };
type AssetClasses = Record<string, unknown>;

/** The SDK's own modules, resolved as the pack resolves them (assets.ts, secrets.ts). */
function sdk(): { deserialize: Deserialize; Struct: StructClass; assets: AssetClasses; pulumi: { asset?: AssetClasses } } {
    const policyEntry = require.resolve("@pulumi/policy");
    /* eslint-disable @typescript-eslint/no-require-imports */
    const deserialize = require("@pulumi/policy/deserialize") as Deserialize;
    const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [policyEntry] })) as {
        Struct: StructClass;
    };
    const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [policyEntry] })) as { asset: AssetClasses };
    /* eslint-enable @typescript-eslint/no-require-imports */
    return { deserialize, Struct, assets: pulumi.asset, pulumi };
}

/** Runs `body`, then puts back what the patches replace in the SDK. */
function withSdkRestored(body: () => void): void {
    const { deserialize, assets } = sdk();
    const original = deserialize.deserializeProperties;
    const classes = { StringAsset: assets.StringAsset, FileAsset: assets.FileAsset, RemoteAsset: assets.RemoteAsset };
    try {
        body();
    } finally {
        deserialize.deserializeProperties = original;
        Object.assign(assets, classes);
    }
}

/** A resource's inputs as a policy gets them: deserialized by the SDK from the engine's wire form. */
function asPolicySeesIt(inputs: Record<string, unknown>): Record<string, unknown> {
    const { deserialize, Struct } = sdk();
    const props = deserialize.deserializeProperties(Struct.fromJavaScript(inputs), false);
    return resourceView({
        urn: "urn:pulumi:dev::demo::kubernetes:helm.sh/v3:Release::llm",
        name: "llm",
        type: "kubernetes:helm.sh/v3:Release",
        props,
    }).props;
}

const valuesOf = (props: Record<string, unknown>) =>
    readInputs(props).scopes.flatMap((scope) => scope.settings.map(({ name, value, secret }) => ({ name, value, secret })));

describe("assets: the pack keeps the text the SDK would hide behind a promise", () => {
    const inputs = {
        values: { [SIG]: ASSET, text: "vllm serve gpt-4o --port 8000" },
        file: { [SIG]: ASSET, path: "./values.yaml" },
    };

    it("without the patch, the SDK's asset hides the command: nothing is read", () => {
        withSdkRestored(() => {
            expect(valuesOf(asPolicySeesIt(inputs))).toEqual([]);
        });
    });

    // One test for the whole life of the patch: it is made once per process.
    it("says when there is no asset module to patch; once patched, reads an inline asset's command and keeps every kind's value", () => {
        withSdkRestored(() => {
            const { pulumi } = sdk();
            const module = pulumi.asset;
            pulumi.asset = undefined;
            try {
                expect(keepAssetsReadable()).toBe(false);
            } finally {
                pulumi.asset = module;
            }

            expect(keepAssetsReadable()).toBe(true);
            expect(keepAssetsReadable()).toBe(true);
            expect(valuesOf(asPolicySeesIt(inputs))).toEqual([
                { name: "--model", value: "gpt-4o", secret: false },
                { name: "--port", value: "8000", secret: false },
            ]);
            expect(readInputs(asPolicySeesIt(inputs)).scopes.flatMap((scope) => scope.engines)).toEqual(["vLLM"]);

            const { assets } = sdk();
            const kept = (name: string, value: string) => {
                const asset = new (assets[name] as new (value: string) => Record<string, unknown>)(value);
                return { kept: asset["__openaiHostingAssetValue"], enumerable: Object.keys(asset).includes("__openaiHostingAssetValue") };
            };
            expect(kept("StringAsset", "x")).toEqual({ kept: { kind: "StringAsset", value: "x" }, enumerable: false });
            expect(kept("FileAsset", "./a.sh")).toEqual({ kept: { kind: "FileAsset", value: "./a.sh" }, enumerable: false });
            expect(kept("RemoteAsset", "https://e/x")).toEqual({ kept: { kind: "RemoteAsset", value: "https://e/x" }, enumerable: false });
            // Still the SDK's assets: the SDK checks archives' members with this.
            const isAsset = (assets["Asset"] as { isInstance(value: unknown): boolean }).isInstance;
            expect(isAsset(new (assets["StringAsset"] as new (value: string) => object)("x"))).toBe(true);
        });
    });
});

describe("secrets: the pack sees which values are secret", () => {
    const inputs = {
        env: [
            { name: "MODEL", value: "gpt-4o" },
            { name: "API_TOKEN", value: { [SIG]: SECRET, value: "tok-123" } },
        ],
    };

    // One test for the whole life of the patch: it is made once per process.
    it("sees a secret as a plain string before the patch, leaves an SDK it does not know alone, and marks it secret once patched", () => {
        withSdkRestored(() => {
            expect(secretsStayVisible()).toBe(false);
            expect(valuesOf(asPolicySeesIt(inputs))).toEqual([
                { name: "MODEL", value: "gpt-4o", secret: false },
                { name: "API_TOKEN", value: "tok-123", secret: false },
            ]);

            const { deserialize } = sdk();
            const original = deserialize.deserializeProperties;
            const oneArgument = (struct: unknown) => original(struct, false);
            deserialize.deserializeProperties = oneArgument as Deserialize["deserializeProperties"];
            expect(keepSecretsVisible()).toBe(false);
            expect(secretsStayVisible()).toBe(false);
            expect(deserialize.deserializeProperties).toBe(oneArgument);
            deserialize.deserializeProperties = original;

            expect(keepSecretsVisible()).toBe(true);
            expect(secretsStayVisible()).toBe(true);
            expect(keepSecretsVisible()).toBe(true);
            expect(valuesOf(asPolicySeesIt(inputs))).toEqual([
                { name: "MODEL", value: "gpt-4o", secret: false },
                { name: "API_TOKEN", value: "tok-123", secret: true },
            ]);
            // The same patch deserializes each message once for all the pack's policies.
            const message = sdk().Struct.fromJavaScript(inputs);
            expect(deserialize.deserializeProperties(message, false)).toBe(deserialize.deserializeProperties(message, false));
        });
    });
});

describe("deserialization: once per message for all the pack's policies", () => {
    it("gives every analysis of one message the first copy, another message its own, and a remediation a fresh copy", () => {
        const { deserialize, Struct } = sdk();
        let copies = 0;
        const once = deserializedOnce((struct) => {
            copies++;
            return deserialize.deserializeProperties(struct, true);
        });
        const inputs = { image: "vllm/vllm-openai", args: ["--model", "gpt-4o"] };
        const message = Struct.fromJavaScript(inputs);

        const first = once(message, false);
        expect(once(message, false)).toBe(first);
        expect(once(message, false)).toBe(first);
        expect(copies).toBe(1);

        const sameInputsOtherMessage = Struct.fromJavaScript(inputs);
        expect(once(sameInputsOtherMessage, false)).not.toBe(first);
        expect(copies).toBe(2);

        // A remediation may change what it gets: never the shared copy, never one it made before.
        const remediation = once(message, true);
        expect(remediation).not.toBe(first);
        expect(once(message, true)).not.toBe(remediation);
        expect(copies).toBe(4);
        expect({ ...(remediation as object) }).toEqual({ ...(first as object) });
    });
});
