/**
 * What a string holds, as the walk reads it: JSON and YAML documents, base64 and gzip, MIME
 * multipart user data, HCL where asked, and the bounds past which the pack says it stopped. Each
 * case names what a user would lose if the reading went wrong: a served model inside the string.
 */
import fc from "fast-check";
import { gzipSync } from "zlib";
import { decodeLimits, decodeString, flowDepthOf } from "../policypack/evidence/decode";

const runs = Number(process.env.HARDENING_RUNS ?? 300);
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("JSON in a string", () => {
    /** A JSON object or array written with any of JSON's whitespace around and inside it. */
    const spaced = fc
        .tuple(
            fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue())),
            fc.constantFrom(0, 1, 2, 4, "\t", " \r\n "),
            fc.constantFrom("", " ", "\n", "\t\r\n"),
        )
        .map(([value, indent, pad]) => ({ text: `${pad}${JSON.stringify(value, null, indent)}${pad}` }));

    it("reads every JSON object and array as one document equal to what JSON.parse gives", () => {
        fc.assert(
            fc.property(spaced, ({ text }) => {
                fc.pre(text.length >= 8);
                expect(decodeString(text)).toEqual({ kind: "documents", documents: [JSON.parse(text)], encoding: "JSON" });
            }),
            { numRuns: runs },
        );
    });

    it.each([
        ["an empty array with spaces", "[        ]"],
        ["an array of numbers", "[-1, 2.5e3]"],
        ["an array of literals", "[true, false, null]"],
        ["an array of arrays", "[[1], [2], [3]]"],
        ["an array of objects", '[{"image": "vllm/vllm-openai"}]'],
        ["an empty object with spaces", "{        }"],
        ["an object after blank lines", '\n\n{"model": "gpt-4o"}\n'],
    ])("reads %s as JSON", (_what, text) => {
        expect(decodeString(text)).toEqual({ kind: "documents", documents: [JSON.parse(text)], encoding: "JSON" });
    });

    it.each([
        ["a systemd unit", "[Unit]\nDescription=vLLM\n[Service]\nExecStart=vllm serve gpt-4o\n"],
        ["a template", "{{ .Values.model }} and more text\n"],
        ["an object that does not close", '{"model": "gpt-4o"\nnext line'],
        ["brackets around prose", "[see the runbook]\nthen restart\n"],
    ])("reads %s as text, not JSON", (_what, text) => {
        expect(decodeString(text)).toEqual({ kind: "text", text, encoding: "" });
    });

    it("reads JSON with trailing text as text: only a whole document is JSON", () => {
        const text = '{"model": "gpt-4o"}\n# served by vllm\n';
        expect(decodeString(text)).toEqual({ kind: "text", text, encoding: "" });
    });
});

describe("YAML in a string", () => {
    it("reads a mapping as one document", () => {
        expect(decodeString("model: gpt-4o\nport: 8000\n")).toEqual({
            kind: "documents",
            documents: [{ model: "gpt-4o", port: 8000 }],
            encoding: "YAML",
        });
    });

    it("reads every document of a multi-document string, and drops the scalar ones", () => {
        const text = "---\nkind: ConfigMap\n---\njust a scalar\n---\n- served-model-name: gpt-4o\n";
        expect(decodeString(text)).toEqual({
            kind: "documents",
            documents: [{ kind: "ConfigMap" }, [{ "served-model-name": "gpt-4o" }]],
            encoding: "YAML",
        });
    });

    it("reads a cloud-config even when its header is its only marker", () => {
        const decoded = decodeString("#cloud-config\nruncmd:\n- vllm serve gpt-4o\n");
        expect(decoded).toEqual({ kind: "documents", documents: [{ runcmd: ["vllm serve gpt-4o"] }], encoding: "YAML" });
    });

    it("decides by the first line that is not a comment", () => {
        expect(decodeString("# settings\n\nmodel: gpt-4o\n")).toMatchObject({ kind: "documents", documents: [{ model: "gpt-4o" }] });
        expect(decodeString("# settings\nvllm serve gpt-4o\nmodel: x\n")).toMatchObject({ kind: "text" });
    });

    it("reads a shell script as text even when a line looks like a key", () => {
        const text = "#!/bin/bash\nmodel: gpt-4o\n";
        expect(decodeString(text)).toEqual({ kind: "text", text, encoding: "" });
    });

    it("reads text that does not parse as YAML as text", () => {
        const text = "model: [gpt-4o\nport: 8000\n";
        expect(decodeString(text)).toEqual({ kind: "text", text, encoding: "" });
    });

    it("keeps YAML 1.2's core reading: no timestamps, numbers stay numbers", () => {
        expect(decodeString("released: 2024-08-06\nreplicas: 3\n")).toEqual({
            kind: "documents",
            documents: [{ released: "2024-08-06", replicas: 3 }],
            encoding: "YAML",
        });
    });

    it("reads a string past the YAML bound line by line instead, as text", () => {
        const text = `model: gpt-4o\n${"# padding\n".repeat(decodeLimits.maxYamlLength / 10 + 1)}`;
        expect(text.length).toBeGreaterThan(decodeLimits.maxYamlLength);
        expect(decodeString(text)).toEqual({ kind: "text", text, encoding: "" });
    });

    it("stops at flow nesting past its bound, saying why", () => {
        const deep = `model:\n  x: ${"[".repeat(decodeLimits.maxFlowDepth + 1)}${"]".repeat(decodeLimits.maxFlowDepth + 1)}\n`;
        expect(decodeString(deep)).toEqual({ kind: "unreadable", reason: `it nests more than ${decodeLimits.maxFlowDepth} levels deep` });
    });

    it("stops at collections nested past its bound, saying why, not reading the document as text", () => {
        const nested = (levels: number) => `model:\n  x: ${"[".repeat(levels)}${"]".repeat(levels)}\n`;
        expect(decodeString(nested(decodeLimits.maxYamlDepth + 1))).toEqual({
            kind: "unreadable",
            reason: `it nests more than ${decodeLimits.maxYamlDepth} levels deep`,
        });
        expect(decodeString(nested(decodeLimits.maxYamlDepth / 2)).kind).toBe("documents");
        const block = Array.from({ length: decodeLimits.maxYamlDepth + 1 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + " gpt-4o\n";
        expect(decodeString(block)).toMatchObject({ kind: "unreadable" });
    });

    it("stops past its bound on documents, saying why", () => {
        const text = "---\na: 1\n".repeat(decodeLimits.maxYamlDocuments + 1);
        expect(decodeString(text)).toEqual({
            kind: "unreadable",
            reason: `it holds more than ${decodeLimits.maxYamlDocuments} YAML documents`,
        });
        expect(decodeString("---\na: 1\n".repeat(decodeLimits.maxYamlDocuments)).kind).toBe("documents");
    });
});

describe("flow depth", () => {
    it.each([
        ["", 0],
        ["[]", 1],
        ["{[()]}", 2],
        ["[[]][[[]]]", 3],
        ["]]]][", 1],
        ["{a: [1, {b: [2]}]}", 4],
    ])("%j nests %d deep", (text, depth) => {
        expect(flowDepthOf(text)).toBe(depth);
    });
});

describe("encodings", () => {
    const script = "#!/bin/bash\nvllm serve gpt-4o --port 8000\n";

    it("leaves short strings and single lines alone", () => {
        expect(decodeString("gpt-4o")).toEqual({ kind: "plain" });
        expect(decodeString("vllm serve gpt-4o --port 8000")).toEqual({ kind: "plain" });
    });

    it("reads base64 text", () => {
        expect(decodeString(b64(script))).toEqual({ kind: "text", text: script, encoding: "base64" });
    });

    it("reads base64 of a document as that document", () => {
        expect(decodeString(b64('{"model": "gpt-4o"}'))).toEqual({
            kind: "documents",
            documents: [{ model: "gpt-4o" }],
            encoding: "base64, JSON",
        });
        expect(decodeString(b64("model: gpt-4o\nport: 8000\n"))).toEqual({
            kind: "documents",
            documents: [{ model: "gpt-4o", port: 8000 }],
            encoding: "base64, YAML",
        });
    });

    it("reads base64 of gzip, wrapped over lines", () => {
        const encoded = gzipSync(script).toString("base64");
        const wrapped = encoded.replace(/(.{20})/g, "$1\n");
        expect(decodeString(encoded)).toEqual({ kind: "text", text: script, encoding: "base64 gzip" });
        expect(decodeString(wrapped)).toEqual({ kind: "text", text: script, encoding: "base64 gzip" });
        expect(decodeString(`  ${encoded}`)).toEqual({ kind: "text", text: script, encoding: "base64 gzip" });
    });

    it("reads gzip bytes given as a string", () => {
        const raw = gzipSync('{"model": "gpt-4o"}').toString("latin1");
        expect(decodeString(raw)).toEqual({ kind: "documents", documents: [{ model: "gpt-4o" }], encoding: "gzip, JSON" });
    });

    it("says when gzip does not inflate, or inflates past its bound", () => {
        const broken = Buffer.concat([gzipSync(script).subarray(0, 12), Buffer.from("not deflate at all")]);
        expect(decodeString(broken.toString("base64"))).toEqual({ kind: "unreadable", reason: "it is gzip that does not inflate" });
        const bomb = gzipSync(Buffer.alloc(decodeLimits.maxInflatedBytes + 1, 32)).toString("base64");
        expect(decodeString(bomb)).toEqual({
            kind: "unreadable",
            reason: `it inflates to more than ${decodeLimits.maxInflatedBytes / 1024 / 1024} MiB`,
        });
    });

    it("says when a string is binary, neither text nor base64-encoded text", () => {
        const binary = String.fromCharCode(...Array.from({ length: 32 }, (_, i) => (i * 7) % 32));
        expect(decodeString(binary)).toEqual({ kind: "unreadable", reason: "it is neither text nor base64-encoded text" });
    });

    it("reads base64 that decodes to binary as the plain string it is (a name, not user data)", () => {
        const binary = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 32)).toString("base64");
        expect(decodeString(binary)).toEqual({ kind: "plain" });
    });

    it("says when a string is longer than it reads", () => {
        const text = " ".repeat(decodeLimits.maxStringLength + 1);
        expect(decodeString(text)).toEqual({
            kind: "unreadable",
            reason: `it is longer than ${decodeLimits.maxStringLength / 1024 / 1024} MiB`,
        });
    });
});

describe("MIME multipart user data", () => {
    const multipart = (parts: { type: string; body: string; base64?: boolean }[]) =>
        [
            'Content-Type: multipart/mixed; boundary="==BOUNDARY=="',
            "MIME-Version: 1.0",
            "",
            ...parts.flatMap((part) => [
                "--==BOUNDARY==",
                `Content-Type: ${part.type}`,
                ...(part.base64 ? ["Content-Transfer-Encoding: base64"] : []),
                "",
                part.base64 ? b64(part.body) : part.body,
            ]),
            "--==BOUNDARY==--",
            "",
        ].join("\n");

    it("reads a cloud-config part as a document and a script part as a script", () => {
        const text = multipart([
            { type: "text/cloud-config", body: "#cloud-config\nruncmd:\n- echo hi\n" },
            { type: "text/x-shellscript", body: "#!/bin/bash\nvllm serve gpt-4o\n", base64: true },
        ]);
        const decoded = decodeString(text);
        expect(decoded.kind).toBe("documents");
        if (decoded.kind === "documents") {
            expect(decoded.encoding).toBe("MIME multipart");
            expect(decoded.documents[0]).toEqual({ runcmd: ["echo hi"] });
            expect(decoded.documents[1]).toEqual({ multipartScripts: [expect.stringContaining("vllm serve gpt-4o")] });
        }
    });

    it("reads a message with CRLF lines, an unquoted boundary, a part without headers, and stops at the closing boundary", () => {
        const text = [
            "Content-Type: multipart/mixed; boundary=XYZ",
            "MIME-Version: 1.0",
            "",
            "preamble that is not a part",
            "--XYZ",
            "Content-Type: text/x-shellscript",
            "Content-Transfer-Encoding: BASE64",
            "",
            b64("#!/bin/bash\nvllm serve gpt-4o\n").replace(/(.{8})/g, "$1\r\n"),
            "--XYZ",
            "no blank line, so no body",
            "--XYZ--",
            "Content-Type: text/x-shellscript",
            "",
            "#!/bin/bash\nafter the end\n",
        ].join("\r\n");
        const decoded = decodeString(text);
        expect(decoded).toMatchObject({ kind: "text", encoding: "MIME multipart" });
        if (decoded.kind === "text") {
            expect(decoded.text).toContain("vllm serve gpt-4o");
            expect(decoded.text).not.toContain("after the end");
            expect(decoded.text).not.toContain("no body");
            expect(decoded.text).not.toContain("preamble");
        }
    });

    it("is not multipart when the header is not a multipart content type", () => {
        const text = "Content-Type: text/plain; boundary=XYZ\n\n--XYZ\nContent-Type: text/x-shellscript\n\nvllm serve gpt-4o\n";
        expect(decodeString(text)).toMatchObject({ kind: "text", encoding: "" });
    });

    it("reads scripts-only multipart as their text", () => {
        const text = multipart([
            { type: "text/x-shellscript", body: "#!/bin/bash\nexport MODEL=gpt-4o\n" },
            { type: "text/x-shellscript", body: "#!/bin/bash\nvllm serve $MODEL\n" },
        ]);
        const decoded = decodeString(text);
        expect(decoded).toMatchObject({ kind: "text", encoding: "MIME multipart" });
        if (decoded.kind === "text") {
            expect(decoded.text).toContain("export MODEL=gpt-4o");
            expect(decoded.text).toContain("vllm serve $MODEL");
            expect(decoded.text).not.toContain("BOUNDARY");
        }
    });
});

describe("HCL, where the caller asks for it", () => {
    const job = ['job "chat" {', '  image = "vllm/vllm-openai"', '  args = ["--model", "gpt-4o"]', "  replicas = 2", "}", ""].join("\n");

    it("reads blocks and assignments into a document", () => {
        expect(decodeString(job, true)).toEqual({
            kind: "documents",
            documents: [{ "job chat": { image: "vllm/vllm-openai", args: ["--model", "gpt-4o"], replicas: "2" } }],
            encoding: "HCL",
        });
    });

    it("reads a Nomad jobspec: nested and labelled blocks, comments, values of every kind, lists over lines", () => {
        const jobspec = [
            "# the chat job",
            'job "chat" {',
            '  datacenters = ["dc1", "dc2"]',
            "  // one group",
            '  group "gpu" {',
            "    count = 2,",
            '    task "vllm" {',
            '      driver = "docker"',
            "      config {",
            '        image = "vllm/vllm-openai:v0.6.4"',
            "        args = [",
            '          "--model", "gpt-4o",',
            '          "--port", 8000',
            "        ]",
            '        escaped = "say \\"hi\\""',
            "        weight = -1.5",
            "        enabled = true",
            "        expr = var.model",
            "      }",
            "    }",
            "  }",
            "}",
            "}",
            "",
        ].join("\n");
        expect(decodeString(jobspec, true)).toEqual({
            kind: "documents",
            encoding: "HCL",
            documents: [
                {
                    "job chat": {
                        datacenters: ["dc1", "dc2"],
                        "group gpu": {
                            count: "2",
                            "task vllm": {
                                driver: "docker",
                                config: {
                                    image: "vllm/vllm-openai:v0.6.4",
                                    args: ["--model", "gpt-4o", "--port", "8000"],
                                    escaped: 'say "hi"',
                                    weight: "-1.5",
                                    enabled: "true",
                                },
                            },
                        },
                    },
                },
            ],
        });
    });

    it("does not take text without a block and an assignment for HCL, nor blocks nested past 64", () => {
        expect(decodeString("image = vllm\nmodel = gpt-4o\n", true)).toMatchObject({ kind: "text" });
        expect(decodeString('job "x" {\n  image_vllm\n}\n', true)).toMatchObject({ kind: "text" });
        const deep = `${Array.from({ length: 65 }, (_, i) => `b${i} {`).join("\n")}\nx = 1\n`;
        expect(decodeString(deep, true)).toMatchObject({ kind: "text" });
        const fine = `${Array.from({ length: 63 }, (_, i) => `b${i} {`).join("\n")}\nx = 1\n`;
        expect(decodeString(fine, true)).toMatchObject({ kind: "documents", encoding: "HCL" });
    });

    it("reads the same text as text when HCL is not asked for", () => {
        expect(decodeString(job)).toEqual({ kind: "text", text: job, encoding: "" });
    });
});
