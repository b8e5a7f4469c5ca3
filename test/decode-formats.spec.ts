/**
 * The edges of each format the pack reads inside a string: where YAML starts and stops being YAML,
 * which bytes make gzip, how each part of a MIME message is cut out, and which HCL lines become
 * fields. Each case is a string a program could hold, and what the pack makes of it: the served model
 * it finds there, or the plain text it leaves alone.
 */
import { gzipSync } from "zlib";
import { decodeLimits, decodeString, flowDepthOf } from "../policypack/evidence/decode";
import { judge } from "../policypack/registry";
import { defaultSettings } from "../policypack/settings";
import { view } from "./support/views";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const lines = (...text: string[]) => text.join("\n");

describe("flow nesting is depth, not a count of brackets", () => {
    it("counts side-by-side flow mappings as one level", () => {
        expect(flowDepthOf("{}{}{}")).toBe(1);
        expect(flowDepthOf("{a: 1}, {b: 2}")).toBe(1);
    });

    it("reads a long list of flow mappings, which nests only one level", () => {
        const text = `models:\n${"- {name: gpt-4o}\n".repeat(decodeLimits.maxFlowDepth + 1)}`;
        const decoded = decodeString(text);
        expect(decoded).toMatchObject({ kind: "documents", encoding: "YAML" });
        if (decoded.kind === "documents") {
            expect(decoded.documents[0]).toEqual({ models: Array(decodeLimits.maxFlowDepth + 1).fill({ name: "gpt-4o" }) });
        }
    });

    it("still reads a document whose brackets reach exactly the bound", () => {
        const pattern = "[".repeat(decodeLimits.maxFlowDepth);
        expect(decodeString(`model: gpt-4o\npattern: "${pattern}"\n`)).toEqual({
            kind: "documents",
            documents: [{ model: "gpt-4o", pattern }],
            encoding: "YAML",
        });
    });
});

describe("what reads as YAML", () => {
    it("reads a cloud-config written as JSON after its header", () => {
        expect(decodeString('#cloud-config\n{"runcmd": ["vllm serve gpt-4o"]}\n')).toEqual({
            kind: "documents",
            documents: [{ runcmd: ["vllm serve gpt-4o"] }],
            encoding: "YAML",
        });
    });

    it("reads a single decoded line as text even when it looks like `key: value`", () => {
        expect(decodeString(b64("model: gpt-4o"))).toEqual({ kind: "text", text: "model: gpt-4o", encoding: "base64" });
    });

    it("reads a string of comments alone as text", () => {
        const text = "# the model is set by the pipeline\n# see the runbook";
        expect(decodeString(text)).toEqual({ kind: "text", text, encoding: "" });
    });

    it("reads a list as YAML when its first line is an item", () => {
        expect(decodeString("- --model\n- gpt-4o\n")).toEqual({ kind: "documents", documents: [["--model", "gpt-4o"]], encoding: "YAML" });
    });

    it("reads Windows line endings: a comment, a blank line, then the document", () => {
        expect(decodeString("# chat settings\r\n\r\nmodel: gpt-4o\r\n")).toEqual({
            kind: "documents",
            documents: [{ model: "gpt-4o" }],
            encoding: "YAML",
        });
    });

    it("reads a shell script with a byte order mark as a script, not YAML", () => {
        const text = "\uFEFF#!/bin/bash\nmodel: gpt-4o\n";
        expect(decodeString(text)).toEqual({ kind: "text", text, encoding: "" });
    });

    it("drops empty documents of a multi-document string", () => {
        expect(decodeString("---\n# nothing here yet\n---\nmodel: gpt-4o\n")).toEqual({
            kind: "documents",
            documents: [{ model: "gpt-4o" }],
            encoding: "YAML",
        });
    });

    it("reads YAML that holds only scalars as text", () => {
        const text = "---\njust a note\n---\n42\n";
        expect(decodeString(text)).toEqual({ kind: "text", text, encoding: "" });
    });

    it("still parses a YAML string of exactly the YAML bound", () => {
        const head = "model: gpt-4o\n";
        const text = head + "#".repeat(decodeLimits.maxYamlLength - head.length);
        expect(text.length).toBe(decodeLimits.maxYamlLength);
        expect(decodeString(text)).toEqual({ kind: "documents", documents: [{ model: "gpt-4o" }], encoding: "YAML" });
    });
});

describe("strings too short or too long", () => {
    it.each([
        ["a JSON object", '{"a":1}'],
        ["a JSON array", "[1,2,3]"],
        ["base64 of text", "aGk="],
    ])("leaves %s shorter than 8 characters plain", (_what, text) => {
        expect(text.length).toBeLessThan(8);
        expect(decodeString(text)).toEqual({ kind: "plain" });
    });

    it("still reads a string of exactly the length bound", () => {
        expect(decodeString(" ".repeat(decodeLimits.maxStringLength))).toEqual({ kind: "plain" });
    });
});

describe("gzip, by both of its magic bytes", () => {
    const script = "#!/bin/bash\nvllm serve gpt-4o --port 8000\n";

    it("reads base64 gzip after a byte order mark", () => {
        const encoded = gzipSync(script).toString("base64");
        expect(decodeString(`\uFEFF${encoded}`)).toEqual({ kind: "text", text: script, encoding: "base64 gzip" });
    });

    it("says when raw gzip bytes do not inflate", () => {
        const broken = Buffer.concat([gzipSync(script).subarray(0, 12), Buffer.from("not deflate at all")]);
        expect(decodeString(broken.toString("latin1"))).toEqual({ kind: "unreadable", reason: "it is gzip that does not inflate" });
    });

    it("does not take a string with only one of gzip's two magic bytes for gzip", () => {
        const line = "vllm serve gpt-4o --port 8000 ".repeat(4);
        expect(decodeString(`\x1f${line}`)).toEqual({ kind: "plain" });
        expect(decodeString(`x\x8b${line}`)).toEqual({ kind: "plain" });
    });

    it("leaves a short name that merely starts like base64 gzip plain", () => {
        expect(decodeString("H4sI-cluster-01")).toEqual({ kind: "plain" });
    });

    it("leaves a longer name that starts like base64 gzip but is not base64 plain, not unreadable", () => {
        expect(decodeString("H4sI-inference-cluster-01")).toEqual({ kind: "plain" });
        expect(decodeString("H4sI_gateway for tenant alpha")).toEqual({ kind: "plain" });
        // Base64 that is not gzip after all still says so.
        expect(decodeString("H4sIAAAAAAAAA+3OMQ6AIBAEwK==")).toEqual({ kind: "unreadable", reason: "it is gzip that does not inflate" });
    });
});

describe("MIME multipart, part by part", () => {
    const script1 = "#!/bin/bash\nexport MODEL=gpt-4o\n";
    const script2 = "#!/bin/bash\nvllm serve $MODEL\n";

    it("reads each script part exactly, joined line by line", () => {
        const text = lines(
            'Content-Type: multipart/mixed; boundary="XYZ"',
            "MIME-Version: 1.0",
            "",
            "--XYZ",
            "Content-Type: text/x-shellscript",
            "",
            script1 + "--XYZ",
            "Content-Type: text/x-shellscript",
            "",
            script2 + "--XYZ--",
            "",
        );
        expect(decodeString(text)).toEqual({ kind: "text", text: `${script1}\n${script2}`, encoding: "MIME multipart" });
    });

    it("reads a part without headers, and nothing of a part without a body", () => {
        const text = lines(
            "Content-Type: multipart/mixed; boundary=XYZ",
            "",
            "--XYZ",
            "no blank line, so no body",
            "--XYZ",
            "",
            script2 + "--XYZ--",
            "",
        );
        expect(decodeString(text)).toEqual({ kind: "text", text: script2, encoding: "MIME multipart" });
    });

    it("reads headers written without spaces", () => {
        const text = lines(
            "Content-Type:multipart/mixed;boundary=XYZ",
            "",
            "--XYZ",
            "Content-Type:text/x-shellscript",
            "Content-Transfer-Encoding:base64",
            "",
            b64(script2),
            "--XYZ--",
            "",
        );
        expect(decodeString(text)).toEqual({ kind: "text", text: script2, encoding: "MIME multipart" });
    });

    it("decodes a part by its own headers, not by text in its body", () => {
        const writer = "#!/bin/bash\necho 'Content-Transfer-Encoding: base64' >> /tmp/next-user-data\nvllm serve gpt-4o\n";
        const text = lines(
            "Content-Type: multipart/mixed; boundary=XYZ",
            "",
            "--XYZ",
            "Content-Type: text/x-shellscript",
            "",
            writer + "--XYZ--",
            "",
        );
        expect(decodeString(text)).toEqual({ kind: "text", text: writer, encoding: "MIME multipart" });
    });

    it("reads a cloud-config-only message as its documents and nothing else", () => {
        const text = lines(
            "Content-Type: multipart/mixed; boundary=XYZ",
            "",
            "--XYZ",
            "Content-Type: text/cloud-config",
            "",
            "#cloud-config\nruncmd:\n- vllm serve gpt-4o\n--XYZ--",
            "",
        );
        expect(decodeString(text)).toEqual({
            kind: "documents",
            documents: [{ runcmd: ["vllm serve gpt-4o"] }],
            encoding: "MIME multipart",
        });
    });

    it("reads a script that only mentions a MIME header as the script", () => {
        const text = "#!/bin/bash\necho 'Content-Type: multipart/mixed; boundary=XYZ' > /tmp/header\nvllm serve gpt-4o\n";
        expect(decodeString(text)).toEqual({ kind: "text", text, encoding: "" });
    });

    it("looks for the MIME header only in the first 4 KiB", () => {
        const text = `#!/bin/bash\n${"# setup step\n".repeat(400)}cat > /tmp/ud <<'EOF'\n${lines(
            "Content-Type: multipart/mixed; boundary=XYZ",
            "",
            "--XYZ",
            "Content-Type: text/x-shellscript",
            "",
            script2 + "--XYZ--",
            "EOF",
            "",
        )}`;
        expect(text.indexOf("Content-Type")).toBeGreaterThan(4096);
        expect(decodeString(text)).toEqual({ kind: "text", text, encoding: "" });
    });
});

describe("HCL: blocks and the values it takes", () => {
    it("closes each block at its brace: sibling blocks, and top-level blocks after a stray brace", () => {
        const text = lines(
            'job "chat" {',
            '  group "gpu" {',
            '    task "vllm" {',
            '      driver = "docker"',
            "    }",
            '    task "proxy" {',
            '      driver = "exec"',
            "    }",
            "  }",
            '  region = "eu"',
            "}",
            "}",
            'job "batch" {',
            '  type = "batch"',
            "}",
            "",
        );
        expect(decodeString(text, true)).toStrictEqual({
            kind: "documents",
            encoding: "HCL",
            documents: [
                {
                    "job chat": { "group gpu": { "task vllm": { driver: "docker" }, "task proxy": { driver: "exec" } }, region: "eu" },
                    "job batch": { type: "batch" },
                },
            ],
        });
    });

    it("skips the lines of a heredoc and reads on after it", () => {
        const text = lines(
            'job "chat" {',
            "  template {",
            "    data = <<EOT",
            "model: gpt-4o",
            "EOT",
            "  }",
            '  image = "vllm/vllm-openai"',
            "}",
            "",
        );
        expect(decodeString(text, true)).toStrictEqual({
            kind: "documents",
            encoding: "HCL",
            documents: [{ "job chat": { template: {}, image: "vllm/vllm-openai" } }],
        });
    });

    it("reads numbers, booleans, empty and comma-holding strings, lists begun on the assignment line; leaves expressions out", () => {
        const text = lines(
            'job "chat" {',
            "  port = 8000",
            "  ratio = 0.25",
            "  enabled = false",
            '  token = ""',
            '  models = "gpt-4o,o3"',
            "  ratios = [0.25, 1.5]",
            '  args = ["--model", "gpt-4o",',
            '    "--port", "8000"]',
            "  size = 2 * var.n",
            "  model = var.gpt4",
            '  public = var.env == "prod"',
            "  first = var.models[0]",
            "}",
            "",
        );
        expect(decodeString(text, true)).toStrictEqual({
            kind: "documents",
            encoding: "HCL",
            documents: [
                {
                    "job chat": {
                        port: "8000",
                        ratio: "0.25",
                        enabled: "false",
                        token: "",
                        models: "gpt-4o,o3",
                        ratios: ["0.25", "1.5"],
                        args: ["--model", "gpt-4o", "--port", "8000"],
                    },
                },
            ],
        });
    });

    it("reads a value followed by a comment without the comment; a # or // inside quotes is the value's", () => {
        const text = lines(
            'job "chat" { # the serving job',
            '  image = "vllm/vllm-openai" # pinned by ops',
            '  args = ["--model", "gpt-4o"] # on port 8000',
            "  port = 8000 // http",
            '  note = "issue #12 // see ops"',
            "}",
            "",
        );
        expect(decodeString(text, true)).toEqual({
            kind: "documents",
            documents: [
                { "job chat": { image: "vllm/vllm-openai", args: ["--model", "gpt-4o"], port: "8000", note: "issue #12 // see ops" } },
            ],
            encoding: "HCL",
        });
    });

    it("says an HCL text of more than 100,000 lines is unreadable instead of reading part of it", () => {
        const long = ['job "chat" {', '  image = "vllm/vllm-openai"', ...Array.from({ length: 100_000 }, () => "  # filler"), "}"].join(
            "\n",
        );
        expect(decodeString(long, true)).toEqual({
            kind: "unreadable",
            reason: "it is HCL of more than 100000 lines; the pack stops reading there",
        });
        const within = ['job "chat" {', '  image = "vllm/vllm-openai"', ...Array.from({ length: 99_990 }, () => "  # filler"), "}"].join(
            "\n",
        );
        expect(decodeString(within, true)).toMatchObject({ kind: "documents", encoding: "HCL" });
    });

    it("reads an indented jobspec, as a template embeds it", () => {
        const text = lines('  job "chat" {', '    image = "vllm/vllm-openai"', "  }", "");
        expect(decodeString(text, true)).toEqual({
            kind: "documents",
            documents: [{ "job chat": { image: "vllm/vllm-openai" } }],
            encoding: "HCL",
        });
    });

    it("reads base64 of HCL as text when HCL is not asked for", () => {
        const job = lines('job "chat" {', '  image = "vllm/vllm-openai"', "}", "");
        expect(decodeString(b64(job))).toEqual({ kind: "text", text: job, encoding: "base64" });
    });
});

describe("a Nomad jobspec whose serving line ends with a comment", () => {
    it("is blocked as the same jobspec without the comment is", () => {
        const jobspec = (comment: string) =>
            [
                'job "chat" {',
                '  group "gpu" {',
                '    task "vllm" {',
                '      driver = "docker"',
                "      config {",
                '        image = "vllm/vllm-openai:v0.6.4"',
                `        args = ["--model", "gpt-4o"]${comment}`,
                "      }",
                "    }",
                "  }",
                "}",
                "",
            ].join("\n");
        const rules = (comment: string) =>
            judge(view("nomad:index/job:Job", "chat", { jobspec: jobspec(comment) }), defaultSettings).map((v) => v.rule);
        expect(rules("")).toEqual(["stateless-openai-api-on-azure"]);
        expect(rules(" # pinned")).toEqual(["stateless-openai-api-on-azure"]);
    });
});
