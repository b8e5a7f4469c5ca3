// No depth, nesting, size or encoding at which evidence silently disappears: where the pack stops
// reading (a bound against abuse), or meets an encoding it cannot read, a resource off Azure is
// judged fail-closed and the message says where and why. On Azure, or declared not serving, it is not.
import { gzipSync } from "zlib";
import { judge } from "../../policypack/registry";
import { messageOf } from "../../policypack/render";
import { defaultSettings } from "../../policypack/settings";
import { view } from "../support/views";

const served = "vllm serve gpt-4o --port 8000";

/** The same inputs on a machine off Azure (an unknown provider, so nothing about the type helps) and on an Azure VM. */
function judged(inputs: Record<string, unknown>) {
    return {
        offAzure: judge(view("acmecloud:compute/gpuServer:GpuServer", "gpu", inputs), defaultSettings),
        onAzure: judge(view("azure-native:compute:VirtualMachine", "gpu", inputs), defaultSettings),
        declaredTraining: judge(
            view("acmecloud:compute/gpuServer:GpuServer", "gpu", { ...inputs, labels: { "openai-workload": "training" } }),
            defaultSettings,
        ),
    };
}

function nested(depth: number, inner: unknown): unknown {
    let value = inner;
    for (let i = 0; i < depth; i++) {
        value = { layer: value };
    }
    return value;
}

const bounds: Array<[string, Record<string, unknown>, RegExp]> = [
    ["objects nested deeper than 64 levels", { spec: nested(100, { command: served }) }, /nests more than 64 levels deep/],
    [
        "an array of more than 10 000 elements",
        { items: [...Array.from({ length: 10_001 }, () => "x"), { command: served }] },
        /more than 10000 elements/,
    ],
    [
        "more than 200 000 values",
        { spec: Array.from({ length: 9_000 }, () => Array.from({ length: 25 }, () => "v")), tail: { command: served } },
        /more than 200000 values/,
    ],
    [
        "a script with more than 10 000 settings before the model",
        { userData: `${"A=1\n".repeat(10_001)}${served}\n` },
        /more than 10 000 settings/,
    ],
    ["user data encoded more than 4 levels deep", { userData: encodeTimes(served, 6) }, /encoded more than 4 levels deep/],
    ["user data in an encoding the pack cannot read", { userData: "\u0000\u0001BZh91AY&SY\u0002\u0003binary" }, /neither text nor base64/],
    [
        "a YAML config whose collections nest past 100 levels",
        { configYaml: `server:\n  command: ${served}\n  extra: ${"[".repeat(101)}${"]".repeat(101)}\n` },
        /nests more than 100 levels deep/,
    ],
    [
        "user data that inflates past 8 MiB",
        { userData: gzipSync(Buffer.alloc(9 * 1024 * 1024, 65)).toString("base64") },
        /inflates to more than 8 MiB/,
    ],
];

function encodeTimes(text: string, times: number): string {
    let value = text;
    for (let i = 0; i < times; i++) {
        value = Buffer.from(value).toString("base64");
    }
    return value;
}

describe("where the pack stops reading", () => {
    it.each(bounds)("blocks a resource off Azure with %s, saying why", (_what, inputs, reason) => {
        const { offAzure, onAzure, declaredTraining } = judged(inputs);
        expect(offAzure.map((v) => `${v.rule} ${v.subject.kind}`)).toEqual(["stateless-openai-api-on-azure unreadable"]);
        expect(messageOf(offAzure[0])).toMatch(reason);
        expect(messageOf(offAzure[0])).toContain("cannot be shown not to serve an OpenAI proprietary model off Azure");
        expect(onAzure).toEqual([]);
        expect(declaredTraining).toEqual([]);
    });

    it("reads what is within the bounds, and then it is the model that decides", () => {
        const { offAzure } = judged({ spec: nested(40, { command: served }), userData: encodeTimes(served, 3) });
        expect(offAzure.map((v) => v.subject)).toEqual([
            { kind: "serves-model", service: "workload", model: { id: "gpt-4o", family: "GPT", class: "proprietary" } },
        ]);
        expect(judged({ spec: nested(40, { command: "vllm serve meta-llama/Llama-3.1-8B-Instruct" }) }).offAzure).toEqual([]);
    });
});
