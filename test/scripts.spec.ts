import { isUtf8 } from "buffer";
import { gzipSync } from "zlib";
import { readScript, settingsInArgs, settingsInScript, userDataText } from "../policypack/scripts";
import { megabytes } from "./support/sizes";

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("userDataText", () => {
    const script = "#!/bin/bash\nexport MODEL=gpt-4o\nvllm serve --served-model-name gpt-4o\n";

    it("reads plain user data as it is", () => {
        expect(userDataText(script)).toEqual({ text: script, encoding: "plain" });
    });

    it("decodes base64 user data (what aws:ec2:LaunchTemplate expects)", () => {
        expect(userDataText(base64(script))).toEqual({ text: script, encoding: "base64" });
    });

    it("decodes base64 wrapped over several lines", () => {
        const wrapped = base64(script).replace(/(.{20})/g, "$1\n");
        expect(userDataText(wrapped)).toEqual({ text: script, encoding: "base64" });
    });

    it("decodes base64 of UTF-8 text with non-ASCII characters", () => {
        const text = "# モデル設定\nMODEL=gpt-4o\n";
        expect(userDataText(base64(text))).toEqual({ text, encoding: "base64" });
    });

    it("reports gzip-compressed user data as unreadable", () => {
        expect(userDataText(gzipSync(Buffer.from(script)).toString("base64"))).toEqual({ encoding: "unreadable" });
    });

    it("reports raw binary as unreadable", () => {
        expect(userDataText(gzipSync(Buffer.from(script)).toString("latin1"))).toEqual({ encoding: "unreadable" });
        expect(userDataText("\u0000\u0001\u0002\u0003binary")).toEqual({ encoding: "unreadable" });
    });

    it("keeps a short plain value that happens to be valid base64", () => {
        expect(userDataText("abcd")).toEqual({ text: "abcd", encoding: "plain" });
        expect(userDataText("gpt4")).toEqual({ text: "gpt4", encoding: "plain" });
    });

    it("reads an empty string as empty plain text", () => {
        expect(userDataText("")).toEqual({ text: "", encoding: "plain" });
    });

    it("decodes short base64 without a buffer exactly as the buffer decoder does", () => {
        // The reference: Node's decoder, as userDataText used it for every string before.
        const reference = (raw: string) => {
            if (raw.length < 4) {
                return undefined; // too short to be taken for base64 at all
            }
            const bytes = Buffer.from(raw, "base64");
            if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
                return { encoding: "unreadable" };
            }
            const text = isUtf8(bytes) ? bytes.toString("utf8").replace(/^\uFEFF/, "") : undefined;
            const isControl = (c: number) => (c < 32 && ![9, 10, 12, 13].includes(c)) || c === 127 || c === 0xfffd;
            const controls = (t: string) => (t.length === 0 ? 0 : [...t].filter((c) => isControl(c.charCodeAt(0))).length / t.length);
            return text !== undefined && controls(text) <= 0.02 ? { text, encoding: "base64" } : undefined;
        };
        // Deterministic bytes of every kind: ASCII text, controls, UTF-8 sequences whole and broken, gzip's magic.
        let seed = 7;
        const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
        const pieces = [
            () => 32 + next(95),
            () => next(32),
            () => 0x80 + next(128),
            () => [0xc3, 0xa9],
            () => [0xe3, 0x83, 0xa2],
            () => [0xef, 0xbb, 0xbf],
            () => [0x1f, 0x8b],
        ];
        let compared = 0;
        for (let i = 0; i < 4000; i++) {
            const bytes: number[] = [];
            for (let n = 1 + next(40); bytes.length < n;) {
                bytes.push(...[pieces[next(pieces.length)]()].flat());
            }
            for (const raw of [Buffer.from(bytes).toString("base64"), Buffer.from(bytes).toString("base64").replace(/=+$/, "")]) {
                const expected = reference(raw);
                if (expected) {
                    expect(userDataText(raw)).toEqual(expected);
                    compared++;
                } else {
                    expect(userDataText(raw).encoding).not.toBe("base64");
                }
            }
        }
        expect(compared).toBeGreaterThan(500);
        expect(userDataText(base64("\uFEFFvllm serve gpt-4o"))).toEqual({ text: "vllm serve gpt-4o", encoding: "base64" });
        expect(userDataText("SystemAssigned")).toEqual({ text: "SystemAssigned", encoding: "plain" });
        // Text that reads like one of the decoder's own answers is text.
        for (const text of ["gzip", "not-utf8", "needs-decoder"]) {
            expect(userDataText(base64(text))).toEqual({ text, encoding: "base64" });
        }
    });

    it("reports a non-string as unreadable", () => {
        expect(userDataText(undefined as unknown as string)).toEqual({ encoding: "unreadable" });
        expect(userDataText(Buffer.from("x") as unknown as string)).toEqual({ encoding: "unreadable" });
    });
});

describe("settingsInScript", () => {
    it("reads shell assignments and exports, stripping quotes", () => {
        const text = [
            "#!/bin/bash",
            "MODEL=gpt-4o",
            'export OPENAI_BASE_URL="https://acme.openai.azure.com/openai/v1"',
            "export SERVED='o3 mini'",
        ].join("\n");
        expect(settingsInScript(text)).toEqual([
            { name: "MODEL", value: "gpt-4o", line: 2 },
            { name: "OPENAI_BASE_URL", value: "https://acme.openai.azure.com/openai/v1", line: 3 },
            { name: "SERVED", value: "o3 mini", line: 4 },
        ]);
    });

    it("reads a docker run line with -e, --env and flags", () => {
        const text = "docker run -d -e MODEL_ID=gpt-4o --env HF_TOKEN=abc --env=PORT=8000 vllm/vllm-openai --model gpt-4o --port=8000";
        expect(settingsInScript(text)).toEqual([
            { name: "MODEL_ID", value: "gpt-4o", line: 1 },
            { name: "HF_TOKEN", value: "abc", line: 1 },
            { name: "PORT", value: "8000", line: 1 },
            { name: "--model", value: "gpt-4o", line: 1 },
            { name: "--port", value: "8000", line: 1 },
        ]);
    });

    it("follows a command continued over several lines, reporting the flag's line", () => {
        const text = ["docker run \\", "  -e MODEL=gpt-4o \\", "  vllm/vllm-openai \\", "  --served-model-name \\", "  gpt-4o"].join("\n");
        expect(settingsInScript(text)).toEqual([
            { name: "MODEL", value: "gpt-4o", line: 2 },
            { name: "--served-model-name", value: "gpt-4o", line: 4 },
        ]);
    });

    it("does not give a switch at the end of a command the next line's words", () => {
        expect(settingsInScript("vllm serve x --trust-remote-code\necho done")).toEqual([{ name: "--model", value: "x", line: 1 }]);
    });

    it("does not give a switch the next flag", () => {
        expect(settingsInScript("serve --enable-prefix-caching --model o3")).toEqual([{ name: "--model", value: "o3", line: 1 }]);
    });

    it("reads systemd Environment= lines", () => {
        const unit = [
            "[Service]",
            "Environment=MODEL=gpt-4o",
            'Environment="OPENAI_BASE_URL=https://x.example.com" "PORT=8000"',
            "ExecStart=/usr/bin/vllm serve",
        ].join("\n");
        expect(settingsInScript(unit)).toEqual([
            { name: "MODEL", value: "gpt-4o", line: 2 },
            { name: "OPENAI_BASE_URL", value: "https://x.example.com", line: 3 },
            { name: "PORT", value: "8000", line: 3 },
            { name: "ExecStart", value: "/usr/bin/vllm", line: 4 },
        ]);
    });

    it("reads a YAML environment: mapping and list (docker-compose in cloud-init)", () => {
        const text = [
            "#cloud-config",
            "services:",
            "  api:",
            "    environment:",
            '      MODEL_NAME: "gpt-4.1"',
            "      OPENAI_BASE_URL: https://api.openai.com/v1",
            "      - PORT=8000",
            "    image: vllm/vllm-openai",
        ].join("\n");
        expect(settingsInScript(text)).toEqual([
            { name: "MODEL_NAME", value: "gpt-4.1", line: 5 },
            { name: "OPENAI_BASE_URL", value: "https://api.openai.com/v1", line: 6 },
            { name: "PORT", value: "8000", line: 7 },
        ]);
    });

    it("reads PowerShell $env: assignments in Windows user data", () => {
        expect(settingsInScript('<powershell>\n$env:MODEL="gpt-4o"\n</powershell>')).toEqual([{ name: "MODEL", value: "gpt-4o", line: 2 }]);
    });

    it("skips comments and reads assignments joined by ; and &&", () => {
        const text = "# MODEL=gpt-4o (old)\nA=1; B=2 && run --model o1 # trailing --model x";
        expect(settingsInScript(text)).toEqual([
            { name: "A", value: "1", line: 2 },
            { name: "B", value: "2", line: 2 },
            { name: "--model", value: "o1", line: 2 },
        ]);
    });

    it("handles CRLF line endings", () => {
        expect(settingsInScript("MODEL=gpt-4o\r\nPORT=1\r\n")).toEqual([
            { name: "MODEL", value: "gpt-4o", line: 1 },
            { name: "PORT", value: "1", line: 2 },
        ]);
    });

    it("keeps an empty quoted value", () => {
        expect(settingsInScript('OPENAI_BASE_URL=""')).toEqual([{ name: "OPENAI_BASE_URL", value: "", line: 1 }]);
    });

    it("ignores words that are not assignments", () => {
        expect(settingsInScript("curl https://x.example.com/?a=b 1=2 =x")).toEqual([]);
    });

    it("returns nothing for a non-string", () => {
        expect(settingsInScript(undefined as unknown as string)).toEqual([]);
    });

    it("stops at 10 000 settings", () => {
        expect(settingsInScript("A=1\n".repeat(20_000))).toHaveLength(10_000);
    });

    // Time on such input is measured by `npm run bench` (hostile inputs), not asserted here.
    it("reads 10 MB of adversarial text without throwing, and stops at 10 000 settings", () => {
        for (const unit of ["\\", '"', "A=1 ", "--f ", "\n", " ", "environment:\n  A: b\n", "x".repeat(1000) + "\\\n"]) {
            const text = unit.repeat(Math.ceil(megabytes(10) / unit.length));
            expect(settingsInScript(text).length).toBeLessThanOrEqual(10_000);
            expect(userDataText(text).encoding).not.toBe("base64");
        }
    });
});

describe("settingsInArgs", () => {
    it("reads --flag value and --flag=value from container args", () => {
        expect(settingsInArgs(["--model", "gpt-4o", "--port=8000", "--served-model-name", "gpt-4o"])).toEqual([
            { name: "--model", value: "gpt-4o", line: 1 },
            { name: "--port", value: "8000", line: 3 },
            { name: "--served-model-name", value: "gpt-4o", line: 4 },
        ]);
    });

    it("reads the positional model of `vllm serve` followed by flags", () => {
        expect(settingsInArgs(["vllm", "serve", "openai/gpt-oss-20b", "--tensor-parallel-size", "2"])).toEqual([
            { name: "--model", value: "openai/gpt-oss-20b", line: 3 },
            { name: "--tensor-parallel-size", value: "2", line: 4 },
        ]);
    });

    it("gives a flag a value with spaces in it", () => {
        expect(settingsInArgs(["--chat-template", "{% for m in messages %}{{ m }}{% endfor %}"])).toEqual([
            { name: "--chat-template", value: "{% for m in messages %}{{ m }}{% endfor %}", line: 1 },
        ]);
    });

    it("reads a script passed to sh -c, placing its settings at that element and expanding its variables", () => {
        expect(settingsInArgs(["/bin/sh", "-c", "export MODEL=o3-mini && exec vllm serve --model $MODEL"])).toEqual([
            { name: "MODEL", value: "o3-mini", line: 3 },
            { name: "--model", value: "o3-mini", line: 3 },
        ]);
    });

    it("reads env-style assignments", () => {
        expect(settingsInArgs(["env", "OPENAI_BASE_URL=https://x.example.com", "python", "app.py"])).toEqual([
            { name: "OPENAI_BASE_URL", value: "https://x.example.com", line: 2 },
        ]);
    });

    it("does not give a trailing switch a value", () => {
        expect(settingsInArgs(["--trust-remote-code"])).toEqual([]);
    });

    it("skips non-strings and tolerates non-arrays", () => {
        expect(settingsInArgs(["--model", 5 as unknown as string, "--port", "1"])).toEqual([{ name: "--port", value: "1", line: 3 }]);
        expect(settingsInArgs("--model gpt-4o" as unknown as string[])).toEqual([]);
        expect(settingsInArgs(undefined as unknown as string[])).toEqual([]);
    });

    it("keeps what it read when an element cannot be read", () => {
        const args = new Proxy(["--model", "gpt-4o", "--port", "1"], {
            get(target, key) {
                if (key === "2") {
                    throw new Error("unknown during preview");
                }
                return Reflect.get(target, key);
            },
        });
        expect(settingsInArgs(args)).toEqual([{ name: "--model", value: "gpt-4o", line: 1 }]);
    });
});

describe("readScript", () => {
    it("expands variables set earlier where they are used, with defaults, and not from later lines", () => {
        const text = ['MODEL="gpt-4o"', "vllm serve $MODEL --port ${PORT:-8000}", "echo ${LATER}", "LATER=o3"].join("\n");
        expect(readScript(text).settings).toEqual([
            { name: "MODEL", value: "gpt-4o", line: 1 },
            { name: "--model", value: "gpt-4o", line: 2 },
            { name: "--port", value: "8000", line: 2 },
            { name: "LATER", value: "o3", line: 4 },
        ]);
    });

    it("names the serving engines a script starts, and only those", () => {
        expect(
            readScript("docker run --gpus all vllm/vllm-openai --model x\npython -m vllm.entrypoints.openai.api_server").engines,
        ).toEqual(["vLLM"]);
        expect(readScript("ollama serve &\nollama pull gpt-oss:20b").engines).toEqual(["Ollama"]);
        expect(readScript("python train.py --model gpt-4o").engines).toEqual([]);
    });

    it("reads the positional model of `ollama run`, `ollama pull` and `trtllm-serve`, not of other `run`s", () => {
        const models = (text: string) =>
            readScript(text)
                .settings.filter((s) => s.name === "--model")
                .map((s) => s.value);
        expect(models("ollama pull gpt-oss:20b\nollama run o3")).toEqual(["gpt-oss:20b", "o3"]);
        expect(models("trtllm-serve o4-mini --port 8000")).toEqual(["o4-mini"]);
        expect(models("docker run vllm/vllm-openai\nnpm run build")).toEqual([]);
    });

    it("reads Dockerfile ENV lines in both forms", () => {
        expect(readScript("FROM vllm/vllm-openai\nENV SERVED_MODEL_NAME gpt-4.1\nENV MODEL=o3 PORT=8000").settings).toEqual([
            { name: "SERVED_MODEL_NAME", value: "gpt-4.1", line: 2 },
            { name: "MODEL", value: "o3", line: 3 },
            { name: "PORT", value: "8000", line: 3 },
        ]);
    });

    it("stays linear when a variable is used many times", () => {
        const text = `X=${"a".repeat(4000)}\n${"$X ".repeat(5000)}`;
        expect(readScript(text).settings.length).toBe(1);
    });
});

describe("command lines quoted inside command lines", () => {
    const served = (text: string) => readScript(text).settings.map((s) => `${s.name}=${s.value}`);

    it.each([
        ["sh -c", `sh -c "vllm serve /m/codex --served-model-name codex-mini-latest"`],
        ["bash -lc", `bash -lc 'cd /w && nohup vllm serve /m/codex --served-model-name codex-mini-latest > /tmp/log 2>&1 &'`],
        ["su - user -c", `su - ubuntu -c 'source ~/.venv/bin/activate && vllm serve /m/codex --served-model-name codex-mini-latest'`],
        ["tmux new-session", `tmux new-session -d -s llm 'vllm serve /m/codex --served-model-name codex-mini-latest'`],
        ["ssh host", `ssh ubuntu@10.0.0.5 "sudo sh -c 'vllm serve /m/codex --served-model-name codex-mini-latest'"`],
    ])("reads the command a %s runs, and the engine it starts", (_wrapper, text) => {
        expect(served(text)).toContain("--served-model-name=codex-mini-latest");
        expect(readScript(text).engines).toEqual(["vLLM"]);
    });

    it("expands the variables the outer script set inside the quoted command", () => {
        expect(served(`MODEL=gpt-4o\nsudo -u ubuntu sh -c "vllm serve $MODEL"`)).toContain("--model=gpt-4o");
    });

    it("keeps a quoted value of an assignment, a flag or a Dockerfile ENV a value", () => {
        expect(served(`export MODEL_NAME="llama 3"`)).toEqual(["MODEL_NAME=llama 3"]);
        expect(served(`run --served-model-name "gpt 4o" --port 8000`)).toEqual(["--served-model-name=gpt 4o", "--port=8000"]);
        expect(served(`ENV MODEL_ID "llama 3"`)).toEqual(["MODEL_ID=llama 3"]);
    });

    it("starts the process's script with the variables it is given", () => {
        const inherited = new Map([["EMB", "text-embedding-3-small"]]);
        expect(readScript("vllm serve /models/$EMB", inherited).settings.map((s) => s.value)).toEqual(["/models/text-embedding-3-small"]);
    });

    it("reads three levels of quoting and no more", () => {
        const nest = (depth: number): string => (depth === 0 ? "vllm serve gpt-4o" : `sh -c ${JSON.stringify(nest(depth - 1))}`);
        expect(served(nest(3))).toEqual(["--model=gpt-4o"]);
        expect(served(nest(4))).toEqual([]);
    });
});
