import {
    computedAsItRuns,
    isComputedAsItRuns,
    isLongFlag,
    isStoreReadReference,
    readArgs,
    readScript,
    settingsInArgs,
    settingsInScript,
    storeReferenceIn,
    userDataText,
    withSubstitutionsRead,
} from "../policypack/scripts";

// Edge cases of reading scripts: how user data is decoded, which words are settings, how variables
// expand and where a YAML environment block starts and ends. Inputs stay small on purpose.

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const pairs = (text: string) => settingsInScript(text).map((s) => `${s.name}=${s.value}`);

describe("decoding user data", () => {
    const script = "#!/bin/bash\nexport MODEL=gpt-4o\nvllm serve --served-model-name gpt-4o\n";

    it("decodes base64 broken by spaces, tabs or CRLF line ends", () => {
        const encoded = base64(script);
        const broken = (blank: string) => encoded.replace(/(.{16})/g, `$1${blank}`);
        for (const blank of [" ", "\t", "\r\n", "\r"]) {
            expect(userDataText(broken(blank))).toEqual({ text: script, encoding: "base64" });
        }
    });

    it("decodes four base64 characters, the shortest that hold text", () => {
        expect(userDataText(base64("A=1"))).toEqual({ text: "A=1", encoding: "base64" });
        expect(userDataText("YQ")).toEqual({ text: "YQ", encoding: "plain" });
    });

    it("keeps as plain text what is not well-formed base64", () => {
        for (const raw of [
            "Y===", // three padding characters
            "QT0xZ", // one character too many
            "QT0xQQ=", // padding before the end of a group
            "YWJ=YWJj", // data after padding
            "QT0xQT0~", // a character outside the alphabet
        ]) {
            expect(userDataText(raw)).toEqual({ text: raw, encoding: "plain" });
        }
    });

    it("decodes base64 without padding whose last group is short", () => {
        expect(userDataText("QT0xQQ")).toEqual({ text: "A=1A", encoding: "base64" });
    });

    it("drops a leading byte order mark, and only a leading one", () => {
        expect(userDataText(base64("\uFEFFMODEL=o3\n"))).toEqual({ text: "MODEL=o3\n", encoding: "base64" });
        expect(userDataText(base64("A=1\uFEFFB"))).toEqual({ text: "A=1\uFEFFB", encoding: "base64" });
        expect(userDataText(base64("\uFEFF"))).toEqual({ text: "", encoding: "base64" });
    });

    it("reports the gzip header alone, raw or in base64, as unreadable", () => {
        expect(userDataText("H4s=")).toEqual({ encoding: "unreadable" });
        expect(userDataText("\u001f\u008b" + "A".repeat(100))).toEqual({ encoding: "unreadable" });
    });

    it("reads base64 text that shares only one byte with the gzip header", () => {
        const second = "\u010b\nMODEL=o3\n"; // bytes c4 8b: gzip's second byte, not its first
        expect(userDataText(base64(second))).toEqual({ text: second, encoding: "base64" });
        const first = "\u001f" + "#".repeat(60); // gzip's first byte, then text
        expect(userDataText(base64(first))).toEqual({ text: first, encoding: "base64" });
    });

    it("does not count tabs or form feeds as binary", () => {
        expect(userDataText("MODEL=o3\n\tvllm\n")).toEqual({ text: "MODEL=o3\n\tvllm\n", encoding: "plain" });
        expect(userDataText("A=1\fB=2")).toEqual({ text: "A=1\fB=2", encoding: "plain" });
    });

    it("counts DEL and replacement characters as binary", () => {
        expect(userDataText("A=1\u007f")).toEqual({ encoding: "unreadable" });
        expect(userDataText("caf\ufffd")).toEqual({ encoding: "unreadable" });
    });

    it("still reads text with 2% control characters, decoded or plain", () => {
        const text = "\u0001" + "a".repeat(49);
        expect(userDataText(base64(text))).toEqual({ text, encoding: "base64" });
        expect(userDataText(text)).toEqual({ text, encoding: "plain" });
    });
});

describe("long flags", () => {
    it.each(["--a", "--A", "--Z", "--z", "--0", "--9", "--model_name.v2-x", "--" + "a".repeat(254)])("%s is a flag", (word) => {
        expect(isLongFlag(word)).toBe(true);
    });

    it.each(["--", "-a", "a--b", "--@", "--[", "--`", "--{", "--/", "--:", "--a/b", "--a b", "--" + "a".repeat(255)])(
        "%s is not a flag",
        (word) => {
            expect(isLongFlag(word)).toBe(false);
        },
    );

    it("does not read a word with a character no flag has as a flag setting", () => {
        expect(settingsInScript("run --config:")).toEqual([]);
    });
});

describe("which words are assignments", () => {
    it("reads names of lower case letters up to z, and of 256 characters", () => {
        expect(pairs("tz=UTC")).toEqual(["tz=UTC"]);
        expect(pairs("Z=1")).toEqual(["Z=1"]);
        expect(pairs(`${"A".repeat(256)}=1`)).toEqual([`${"A".repeat(256)}=1`]);
    });

    it("ignores names that are not environment names", () => {
        expect(pairs(`A[0]=x my-var=x 1A=x A~B=x MODÈLE=x ${"A".repeat(257)}=1`)).toEqual([]);
    });

    it("keeps a value that itself holds an = sign", () => {
        expect(pairs("LABELS=team=ml")).toEqual(["LABELS=team=ml"]);
    });

    it("reads a bare systemd Environment= value as a setting called Environment", () => {
        expect(settingsInScript("Environment=PLAIN")).toEqual([{ name: "Environment", value: "PLAIN", line: 1 }]);
    });

    it("does not take ENV in the middle of a command for a Dockerfile instruction", () => {
        expect(pairs("echo ENV MODEL gpt-4o")).toEqual([]);
        expect(pairs('ENV "" gpt-4o')).toEqual([]);
    });
});

describe("how a line splits into words", () => {
    it("splits on tabs", () => {
        expect(pairs("A=1\tB=2")).toEqual(["A=1", "B=2"]);
    });

    it("ends a word at & and |", () => {
        expect(pairs("A=1&&B=2")).toEqual(["A=1", "B=2"]);
        expect(pairs("MODEL=o3|tee log")).toEqual(["MODEL=o3"]);
    });

    it("keeps a blank escaped with a backslash inside the word", () => {
        expect(pairs("MODEL_DIR=/models/my\\ model")).toEqual(["MODEL_DIR=/models/my model"]);
    });

    it("keeps backslashes inside single quotes", () => {
        expect(pairs("MODEL_DIR='C:\\models\\gpt'")).toEqual(["MODEL_DIR=C:\\models\\gpt"]);
    });

    it("keeps a backslash that ends an unclosed double-quoted value", () => {
        expect(pairs('A="x\\')).toEqual(["A=x\\"]);
    });

    it("gives a flag an empty quoted value", () => {
        expect(pairs('run --api-key "" --port 8000')).toEqual(["--api-key=", "--port=8000"]);
    });

    it("reads a word once when the line ends in blanks", () => {
        expect(pairs("PORT=8000 \nMODEL=o3\t")).toEqual(["PORT=8000", "MODEL=o3"]);
    });

    it("skips a continuation line that holds only a backslash", () => {
        expect(settingsInScript("vllm serve --served-model-name \\\n  \\\n  gpt-4o")).toEqual([
            { name: "--served-model-name", value: "gpt-4o", line: 1 },
        ]);
    });

    it("counts a leading blank line", () => {
        expect(settingsInScript("\nMODEL=o3\nPORT=1")).toEqual([
            { name: "MODEL", value: "o3", line: 2 },
            { name: "PORT", value: "1", line: 3 },
        ]);
    });
});

describe("commands and separators", () => {
    it("gives a flag or `vllm serve` no value across a ; separator", () => {
        expect(pairs("vllm serve; ls")).toEqual([]);
        expect(pairs("run --model ; echo hi")).toEqual([]);
    });

    it("reads no model after `vllm serve` from a short option", () => {
        expect(pairs("vllm serve -h")).toEqual([]);
    });

    it("reads the model of `lmdeploy serve api_server` after a long prefix", () => {
        expect(pairs("sudo -u svc env HF_HOME=/data nohup lmdeploy serve api_server internlm/internlm2-chat-7b")).toEqual([
            "HF_HOME=/data",
            "--model=internlm/internlm2-chat-7b",
        ]);
    });

    it("names the engine of an image given to an --image flag", () => {
        expect(readScript("gcloud run deploy api --image vllm/vllm-openai:latest").engines).toEqual(["vLLM"]);
    });

    it("names no engine for words that are not images", () => {
        expect(readScript("tar xzf vllm-wheels.tgz\ndocker run -v/srv/ollama:/data busybox\nDATA=/srv/ollama-data").engines).toEqual([]);
    });

    it("reads the command given to sh -c, even with leading blanks", () => {
        expect(pairs('sh -c "export MODEL=o3; ./serve.sh"')).toEqual(["MODEL=o3"]);
        expect(pairs('sh -c " export MODEL=o3; ./serve.sh"')).toEqual(["MODEL=o3"]);
        expect(pairs('sh -c "export MODEL=o3; cat -"')).toEqual(["MODEL=o3"]);
    });

    it("expands in the quoted command a variable named by a command set before it", () => {
        // CMD keeps `$MODEL` as written (MODEL is not set yet); the quoted command sees MODEL by then.
        expect(pairs("CMD='vllm serve $MODEL'\nMODEL=gpt-4o\nsh -c \"$CMD --port 1\"")).toContain("--model=gpt-4o");
    });

    it("names no engine from a quoted command as a whole, only from its words", () => {
        expect(readScript('sh -c "cd /srv && tar xf vllm-wheels.tgz"').engines).toEqual([]);
    });
});

describe("expanding variables", () => {
    it("applies a default whether or not the script set any variable before", () => {
        expect(pairs("vllm serve ${MODEL:-gpt-4o}")).toEqual(["--model=gpt-4o"]);
        expect(pairs("A=1\nvllm serve ${MODEL:-gpt-4o}")).toEqual(["A=1", "--model=gpt-4o"]);
        expect(settingsInArgs(["sh", "-c", "vllm serve --served-model-name ${NAME-gpt-4.1}"]).map((s) => `${s.name}=${s.value}`)).toEqual([
            "--served-model-name=gpt-4.1",
        ]);
        // Without a default, a variable nothing set stays as written.
        expect(pairs("vllm serve $MODEL")).toEqual(["--model=$MODEL"]);
    });

    it("expands only after a dollar sign", () => {
        expect(pairs("B=1\nX=AB$B")).toEqual(["B=1", "X=AB1"]);
        expect(pairs("B=1\nrun --revision aB$B")).toEqual(["B=1", "--revision=aB1"]);
    });

    it("keeps the text after the last variable", () => {
        expect(pairs("DIR=/models\nvllm serve $DIR/gpt-4o")).toEqual(["DIR=/models", "--model=/models/gpt-4o"]);
    });

    it("leaves an unset variable as written", () => {
        expect(pairs("A=1\nB=x$UNSET")).toEqual(["A=1", "B=x$UNSET"]);
    });

    it("leaves an unclosed ${ as written", () => {
        expect(pairs("A=1\nvllm serve /models/${MODEL")).toEqual(["A=1", "--model=/models/${MODEL"]);
    });

    it("applies ${NAME-default}, not ${NAME:+alternative}", () => {
        expect(pairs("A=1\nrun --port ${PORT-8000} --host ${HOST:+x}")).toEqual(["A=1", "--port=8000", "--host=${HOST:+x}"]);
    });

    it("expands a variable that comes late in a long word", () => {
        expect(pairs(`MODEL=o3\nX=${"a".repeat(300)}$MODEL`)).toEqual(["MODEL=o3", `X=${"a".repeat(300)}o3`]);
    });

    it("does not read a name too long to be a variable, nor its default", () => {
        const name = "N".repeat(300);
        expect(pairs(`A=1\nB=\${${name}:-gpt-4o}`)).toEqual(["A=1", `B=\${${name}:-gpt-4o}`]);
    });

    it("cuts a variable's value at 4096 characters", () => {
        const [, expanded] = settingsInScript(`X=${"a".repeat(5000)}\nvllm serve $X`);
        expect(expanded.value).toHaveLength(4096);
        const inherited = readScript("vllm serve $X", new Map([["X", "b".repeat(5000)]]));
        expect(inherited.settings[0].value).toHaveLength(4096);
    });

    it("stops expanding a word at 16 384 characters", () => {
        const [, expanded] = settingsInScript(`X=${"a".repeat(4096)}\nrun --tag $X$X$X$X$X$X`);
        expect(expanded.value).toBe(`${"a".repeat(16384)}$X$X`);
    });

    it("ignores inherited variables whose names are not environment names", () => {
        expect(readScript("vllm serve $1X", new Map([["1X", "gpt-4o"]])).settings).toEqual([{ name: "--model", value: "$1X", line: 1 }]);
    });

    it("remembers at most 1000 variables, inherited or set", () => {
        const inherited = new Map(Array.from({ length: 1001 }, (_, i) => [`V${i}`, `v${i}`] as [string, string]));
        expect(readScript("A=$V999 B=$V1000", inherited).settings.map((s) => s.value)).toEqual(["v999", "$V1000"]);
        const set = Array.from({ length: 1000 }, (_, i) => `V${i}=1`).join("\n");
        expect(readScript(`${set}\nB=x\nvllm serve $B`).settings.at(-1)).toMatchObject({ name: "--model", value: "$B", line: 1002 });
    });

    it("does not spend the variable budget on flags", () => {
        const flags = Array.from({ length: 1000 }, (_, i) => `--f${i} 1`).join(" ");
        expect(readScript(`run ${flags}\nX=o3\nvllm serve $X`).settings.at(-1)).toEqual({ name: "--model", value: "o3", line: 3 });
    });
});

describe("YAML environment blocks", () => {
    it("reads an environment block indented with tabs", () => {
        expect(pairs("environment:\n\tMODEL: o3\nPORT: 1")).toEqual(["MODEL=o3"]);
    });

    it("reads an environment block at the top level, up to the next top-level key", () => {
        expect(pairs("environment:\n  MODEL: o3\ncommand: vllm serve gpt-4o")).toEqual(["MODEL=o3", "--model=gpt-4o"]);
    });

    it("keeps the block open across a blank line", () => {
        expect(pairs("  environment:\n    A: 1\n\n    B: 2")).toEqual(["A=1", "B=2"]);
    });

    it("reads `- environment:` in a list", () => {
        expect(pairs("- environment:\n    MODEL: o3")).toEqual(["MODEL=o3"]);
    });

    it("strips matching quotes only", () => {
        const text = ["environment:", "  A: 'o3'", '  B: ""', '  C: "', "  D: \"x'", "  E: /openai/", "  F: 'x\""].join("\n");
        expect(pairs(text)).toEqual(["A=o3", "B=", 'C="', "D=\"x'", "E=/openai/", "F='x\""]);
    });

    it("does not read a line without a colon as an entry", () => {
        expect(pairs("environment:\n  VERBOSE")).toEqual([]);
    });

    it("reads no entries before an environment key", () => {
        expect(pairs("    MODEL: gpt-4o")).toEqual([]);
    });
});

describe("readScript and readArgs on odd input", () => {
    it("names no engines for a non-string script or non-array args", () => {
        expect(readScript(undefined as unknown as string)).toEqual({ settings: [], engines: [] });
        expect(readArgs(5 as unknown as string[])).toEqual({ settings: [], engines: [] });
    });

    it("does not read an array-like object as args", () => {
        const arrayLike = { length: 2, 0: "--model", 1: "gpt-4o" } as unknown as string[];
        expect(settingsInArgs(arrayLike)).toEqual([]);
    });

    it("does not give a flag the argument after a non-string one", () => {
        expect(settingsInArgs(["--model", 5 as unknown as string, "gpt-4o"])).toEqual([]);
    });

    it("reads an element whose only blank is a trailing newline as one word", () => {
        expect(settingsInArgs(["vllm", "serve", "gpt-4o\n"]).map((s) => s.name)).toEqual(["--model"]);
    });
});

describe("command substitutions that read a secret store", () => {
    it("name the store each CLI reads, in the form settings name stores by", () => {
        const cases: Array<[string, string]> = [
            [
                "aws ssm get-parameter --region us-east-1 --name /x/model --query Parameter.Value --output text",
                "arn:aws:ssm:::parameter/x/model",
            ],
            ["aws ssm get-parameter --name model --with-decryption", "arn:aws:ssm:::parameter/model"],
            ["aws ssm get-parameters --names=/x/m", "arn:aws:ssm:::parameter/x/m"],
            ["aws ssm get-parameter --name arn:aws:ssm:eu-west-1:1:parameter/x", "arn:aws:ssm:eu-west-1:1:parameter/x"],
            ["aws secretsmanager get-secret-value --secret-id cfg", "arn:aws:secretsmanager:::secret:cfg"],
            [
                "aws secretsmanager get-secret-value --secret-id cfg --query SecretString --output text | jq -r '.MODEL'",
                "arn:aws:secretsmanager:::secret:cfg:MODEL::",
            ],
            [
                "/usr/local/bin/aws secretsmanager get-secret-value --secret-id=arn:aws:secretsmanager:us-east-1:1:secret:cfg-AbCdEf",
                "arn:aws:secretsmanager:us-east-1:1:secret:cfg-AbCdEf",
            ],
            [
                "az keyvault secret show --vault-name kv1 --name model --query value -o tsv",
                "@Microsoft.KeyVault(VaultName=kv1;SecretName=model)",
            ],
            ["gcloud secrets versions access latest --secret=chat-model", "projects/-/secrets/chat-model/versions/latest"],
            ["gcloud secrets versions access 7 --secret chat-model", "projects/-/secrets/chat-model/versions/7"],
        ];
        for (const [command, reference] of cases) {
            expect([command, storeReferenceIn(command)]).toEqual([command, reference]);
        }
    });

    it("name no store for other commands or names the script computes", () => {
        for (const command of [
            "curl -s http://169.254.169.254/latest/meta-data/instance-id",
            "aws ssm get-parameter --name /x/$ENV/model",
            "aws ssm get-parameter --query Parameter.Value",
            "aws secretsmanager list-secrets",
            "az keyvault secret show --name model",
            "gcloud secrets list",
        ]) {
            expect([command, storeReferenceIn(command)]).toEqual([command, undefined]);
        }
    });

    it("are replaced where they stand, in an assignment, an argument or a command list", () => {
        expect(withSubstitutionsRead("A=$(aws ssm get-parameter --name /x/m --output text)")).toBe("A=arn:aws:ssm:::parameter/x/m");
        expect(withSubstitutionsRead("A=`aws ssm get-parameter --name /x/m`")).toBe("A=arn:aws:ssm:::parameter/x/m");
        expect(withSubstitutionsRead('vllm serve "$(aws ssm get-parameter --name /x/m)" --port 8000')).toBe(
            'vllm serve "arn:aws:ssm:::parameter/x/m" --port 8000',
        );
        expect(withSubstitutionsRead("A=$(hostname) B=$(aws ssm get-parameter --name /x/m) && run")).toBe(
            `A=${computedAsItRuns} B=arn:aws:ssm:::parameter/x/m && run`,
        );
        expect(withSubstitutionsRead("A=$(aws ssm get-parameter --name /x/m")).toBe("A=$(aws ssm get-parameter --name /x/m");
        expect(withSubstitutionsRead("echo hi")).toBe("echo hi");
    });

    it("carry the store to where the value is used, and tell their references from ones written by hand", () => {
        const named = (text: string) => readScript(text).settings.map((s) => `${s.name}=${s.value}`);
        expect(named('A=$(aws ssm get-parameter --name /x/m --output text)\nvllm serve /models/m --served-model-name "$A"')).toContain(
            "--served-model-name=arn:aws:ssm:::parameter/x/m",
        );
        expect(named('M=$(aws ssm get-parameter --name /x/m) && exec vllm serve "$M"')).toContain("--model=arn:aws:ssm:::parameter/x/m");
        expect(named('vllm serve "$(aws ssm get-parameter --name /x/m)"')).toEqual(["--model=arn:aws:ssm:::parameter/x/m"]);
        expect(isStoreReadReference("arn:aws:ssm:::parameter/x/m")).toBe(true);
        expect(isStoreReadReference("arn:aws:secretsmanager:::secret:cfg")).toBe(true);
        expect(isStoreReadReference("projects/-/secrets/s/versions/1")).toBe(true);
        expect(isStoreReadReference("arn:aws:ssm:us-east-1:1:parameter/x/m")).toBe(false);
        expect(isStoreReadReference("projects/p/secrets/s/versions/1")).toBe(false);
    });
});

describe("command substitutions the pack cannot read", () => {
    const named = (text: string, env?: ReadonlyMap<string, string>) => readScript(text, env).settings.map((s) => `${s.name}=${s.value}`);

    it("stand for a value computed as the script runs, one word however many the command has", () => {
        expect(withSubstitutionsRead("M=$(vault kv get -field=model secret/chat)")).toBe(`M=${computedAsItRuns}`);
        expect(withSubstitutionsRead("vllm serve `cat /etc/model` --port 8000")).toBe(`vllm serve ${computedAsItRuns} --port 8000`);
        expect(withSubstitutionsRead('M="$(doppler secrets get MODEL --plain)"')).toBe(`M="${computedAsItRuns}"`);
        expect(isComputedAsItRuns(`x-${computedAsItRuns}`)).toBe(true);
        expect(isComputedAsItRuns("$(vault")).toBe(false);
        // The value reaches the setting that uses it, instead of the command's first word (`$(vault`).
        expect(named('M=$(vault kv get -field=model secret/chat)\nexec vllm serve "$M" --port 8000')).toEqual([
            `M=${computedAsItRuns}`,
            `--model=${computedAsItRuns}`,
            "--port=8000",
        ]);
    });

    it("leave arithmetic as it is, and read `$(NAME)` of a variable the process has as that variable", () => {
        expect(withSubstitutionsRead("PORT=$((8000 + 1))")).toBe("PORT=$((8000 + 1))");
        // Kubernetes expands `$(NAME)` in a container's command from its environment.
        const env = new Map([["MODEL_NAME", "gpt-4o"]]);
        expect(named("vllm serve $(MODEL_NAME) --port 8000", env)).toEqual(["--model=gpt-4o", "--port=8000"]);
        expect(named("vllm serve $(OTHER) --port 8000", env)).toEqual([`--model=${computedAsItRuns}`, "--port=8000"]);
    });
});

describe("unquoted expansions", () => {
    const extra = new Map([["EXTRA_ARGS", "--served-model-name gpt-4.1-mini  --port 8000"]]);
    const named = (text: string, env?: ReadonlyMap<string, string>) => readScript(text, env).settings.map((s) => `${s.name}=${s.value}`);

    it("splits what an unquoted variable expands to into words, as the shell does", () => {
        expect(named("exec vllm serve /models/m $EXTRA_ARGS", extra)).toEqual([
            "--model=/models/m",
            "--served-model-name=gpt-4.1-mini",
            "--port=8000",
        ]);
        expect(named("ARGS='--model gpt-4o'\nvllm serve ${ARGS}")).toEqual(["ARGS=--model gpt-4o", "--model=gpt-4o"]);
    });

    it("keeps a quoted expansion, an assignment and a flag's value as one word", () => {
        expect(named('exec vllm serve /models/m "$EXTRA_ARGS"', extra)).toEqual(["--model=/models/m"]);
        expect(named("COPY=$EXTRA_ARGS", extra)).toEqual(["COPY=--served-model-name gpt-4.1-mini  --port 8000"]);
        expect(named("M='a b'\nvllm serve /m --served-model-name $M")).toEqual(["M=a b", "--model=/m", "--served-model-name=a b"]);
    });
});
