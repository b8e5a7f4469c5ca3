#!/usr/bin/env node
// openai-hosting-check: runs this policy pack, over the Analyzer protocol, on a Pulumi program
// folder or on a plan another tool produced, and reports in the format a person or a CI wants.
//
//   openai-hosting-check check <program-dir | preview.json | stack-export.json | events.log |
//                               tfplan.json | manifests.yaml | manifests-dir>
//       [--config policy-config.json] [--format text|json|sarif|junit] [--output <file>]
//       [--stack dev] [--config-value key=value …] [--config-file config.json]
//       [--kubeconfig <file>] [--kube-context <name>] [--cluster-cloud aws|azure|gcp|…]
//   openai-hosting-check            (no arguments: check every bundled example, as `npm start` does)
//
// Exit codes: 0 no mandatory violation, 1 mandatory violations, 2 bad usage or unreadable input.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { packRootAbove } from "../harness/pack-root";
import { escEnvironmentsOf, PolicyPackConfigFile } from "../harness/policy-config";
import { runExamples } from "../harness/run-examples";
import { analyzePlan } from "./analyze";
import { writeJson } from "./formats/json";
import { writeJunit } from "./formats/junit";
import { writeSarif } from "./formats/sarif";
import { Sink } from "./formats/sink";
import { writeText } from "./formats/text";
import { InputError } from "./inputs/input-error";
import { ClusterOptions, clusterOptionsProblem, clusterTypesByCloud } from "./inputs/manifests";
import { configEnvKeys, suppliedConfigOf } from "./inputs/program-config";
import { DEFAULT_FOREIGN_STACK } from "./inputs/synthesized-plan";
import { DEFAULT_STACK, readInput } from "./inputs/read-input";
import { Progress } from "./progress";
import { CheckReport, reportOf, TOOL_NAME } from "./report";

/** The exit codes, as documented. */
export const ExitCode = { passed: 0, mandatoryViolations: 1, badInput: 2 } as const;

const formats = ["text", "json", "sarif", "junit"] as const;
type Format = (typeof formats)[number];

const usage = `usage: ${TOOL_NAME} check <program-dir | plan-file | manifests> [options]
       ${TOOL_NAME}                 check every bundled example against its expected.json

plan-file: the output of \`pulumi preview --json\`, of \`pulumi stack export\`, an engine event log
           (\`pulumi preview --event-log <file>\`), or of \`terraform show -json <planfile>\`
           (Terraform or OpenTofu)
manifests: a YAML file of Kubernetes objects (\`helm template\`, \`kustomize build\`,
           \`kubectl get -o yaml\`), or a folder of them

options:
  --config <file>    policy pack config, the JSON \`pulumi preview --policy-pack-config\` takes
  --format <format>  text (default), json, sarif or junit
  --output <file>    write the report there instead of to standard output
  --stack <name>     stack whose Pulumi.<stack>.yaml a program folder is run with (default ${DEFAULT_STACK});
                     for a Terraform plan or manifests, the stack their URNs and exemptions name
                     (default ${DEFAULT_FOREIGN_STACK})
  --config-value <key>=<value>
                     a config value for the program (repeatable), like \`pulumi preview --config\`;
                     secret when the stack file has the key as "secure:"
  --config-file <file>
                     config values for the program: what \`pulumi config --show-secrets --json\` prints
                     (entries with "secret": true stay secret), or a plaintext {config: {…}} stack file
  --kubeconfig <file>
                     for manifests: the kubeconfig of the cluster they will run on
  --kube-context <name>
                     for manifests: its context (from --kubeconfig, else $KUBECONFIG or ~/.kube/config)
  --cluster-cloud <cloud>
                     for manifests: the cloud of the cluster they will run on, one of
                     ${Object.keys(clusterTypesByCloud).join(", ")}
                     (without any of these three, the cluster's cloud is unknown)
  --help             this text

environment: PULUMI_CONFIG (JSON object of "<namespace>:<key>" to value) and PULUMI_CONFIG_SECRET_KEYS
(JSON array of the keys that are secret) give the program config, as the Pulumi runtime takes it.
Secret values never appear in any report or message.

exit codes: 0 no mandatory violation, 1 mandatory violations, 2 bad usage or unreadable input`;

/** A command line the checker cannot act on: exit 2 with the usage. */
class UsageError extends Error {}

interface CheckCommand {
    target: string;
    config?: string;
    format: Format;
    output?: string;
    stack?: string;
    configValues: string[];
    configFile?: string;
    cluster: ClusterOptions;
}

function parseCommand(argv: string[]): CheckCommand | "help" {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            allowPositionals: true,
            options: {
                config: { type: "string" },
                format: { type: "string", default: "text" },
                output: { type: "string" },
                stack: { type: "string" },
                "config-value": { type: "string", multiple: true },
                "config-file": { type: "string" },
                kubeconfig: { type: "string" },
                "kube-context": { type: "string" },
                "cluster-cloud": { type: "string" },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (err) {
        throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    const { values, positionals } = parsed;
    if (values.help) {
        return "help";
    }
    const [command, target, ...rest] = positionals;
    if (command !== "check") {
        throw new UsageError(command === undefined ? "missing command" : `unknown command "${command}"`);
    }
    if (target === undefined) {
        throw new UsageError("check needs a program folder or a plan file");
    }
    if (rest.length > 0) {
        throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
    }
    const format = values.format as string;
    if (!(formats as readonly string[]).includes(format)) {
        throw new UsageError(`--format must be one of ${formats.join(", ")}, got "${format}"`);
    }
    return {
        target,
        format: format as Format,
        config: values.config,
        output: values.output,
        stack: values.stack,
        configValues: values["config-value"] ?? [],
        configFile: values["config-file"],
        cluster: {
            ...(values.kubeconfig !== undefined ? { kubeconfig: values.kubeconfig } : {}),
            ...(values["kube-context"] !== undefined ? { context: values["kube-context"] } : {}),
            ...(values["cluster-cloud"] !== undefined ? { cloud: values["cluster-cloud"] } : {}),
        },
    };
}

function readConfig(file: string | undefined): PolicyPackConfigFile {
    if (file === undefined) {
        return {};
    }
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new InputError(`--config ${file}: no such file`);
    }
    try {
        return JSON.parse(text) as PolicyPackConfigFile;
    } catch (err) {
        throw new InputError(`--config ${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
}

async function writeReport(report: CheckReport, command: CheckCommand, version: string): Promise<void> {
    if (!command.output && process.stdout.isTTY !== true && startedByNpmAloud()) {
        process.stderr.write(
            `warning: npm printed its "> … start" banner to standard output ahead of this report; ` +
                "for a report file, run `npm start --silent -- check …` or give --output <file>\n",
        );
    }
    const stream = command.output ? fs.createWriteStream(command.output) : process.stdout;
    const sink = new Sink(stream);
    const color = !command.output && process.stdout.isTTY === true && process.env["NO_COLOR"] === undefined;
    const writers: Record<Format, () => Promise<void>> = {
        text: () => writeText(report, sink, { color }),
        json: () => writeJson(report, sink),
        sarif: () => writeSarif(report, sink, version),
        junit: () => writeJunit(report, sink),
    };
    await writers[command.format]();
    if (command.output) {
        await new Promise<void>((resolve, reject) => {
            stream.once("error", reject);
            stream.end(() => resolve());
        });
    }
}

async function check(command: CheckCommand, redacting: { redact: (text: string) => string }): Promise<number> {
    const packRoot = packRootAbove(__dirname);
    const version = (JSON.parse(fs.readFileSync(path.join(packRoot, "package.json"), "utf8")) as { version?: string }).version ?? "0.0.0";
    const clusterProblem = clusterOptionsProblem(command.cluster);
    if (clusterProblem !== undefined) {
        throw new InputError(clusterProblem);
    }
    const config = readConfig(command.config);
    let environments: string[];
    try {
        environments = escEnvironmentsOf(config);
    } catch (err) {
        throw new InputError(`--config ${command.config}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (environments.length > 0) {
        process.stderr.write(
            `warning: --config ${command.config} names Pulumi ESC environments (${environments.join(", ")}); the checker cannot open them offline, ` +
                "so policy config they would add is not applied (settings in the file itself are)\n",
        );
    }
    // The program's config, secrets included, is read once here and kept out of the pack's environment.
    const programConfig = suppliedConfigOf({ values: command.configValues, file: command.configFile, env: process.env });
    for (const key of configEnvKeys) {
        delete process.env[key];
    }
    const progress = new Progress(process.stderr);
    try {
        const isProgram = fs.existsSync(path.join(command.target, "Pulumi.yaml"));
        progress.status(isProgram ? `running ${command.target} under mocks…` : `reading ${command.target}…`);
        const input = await readInput(command.target, progress, {
            ...(command.stack !== undefined ? { stack: command.stack } : {}),
            config: programConfig,
            cluster: command.cluster,
        });
        if (input.kind !== "program" && (command.configValues.length > 0 || command.configFile !== undefined)) {
            process.stderr.write(
                `warning: --config-value and --config-file give a program folder its config; ${command.target} has none to give\n`,
            );
        }
        if (input.kind !== "manifests" && Object.keys(command.cluster).length > 0) {
            process.stderr.write(
                `warning: --kubeconfig, --kube-context and --cluster-cloud say where Kubernetes manifests run; ${command.target} is not manifests, so they do nothing\n`,
            );
        }
        redacting.redact = input.redact;
        progress.done();
        for (const warning of input.warnings) {
            process.stderr.write(`warning: ${input.redact(warning)}\n`);
        }
        progress.status(`starting the policy pack for ${input.plan.resources.length.toLocaleString("en-US")} resources…`);
        let analysis;
        try {
            analysis = await analyzePlan(packRoot, input.plan, config, progress);
        } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            // The pack refused the config: a bad --config, not a broken pack.
            throw message.includes("config") && command.config ? new InputError(`--config ${command.config}: ${message}`) : err;
        }
        progress.done();
        for (const name of analysis.unknownPolicies) {
            process.stderr.write(
                `warning: ${command.config ?? "the config"} names "${name}", which is not a policy of ${analysis.info.name}\n`,
            );
        }
        const report = reportOf(input, analysis, input.redact);
        await writeReport(report, command, version);
        return report.summary.passed ? ExitCode.passed : ExitCode.mandatoryViolations;
    } finally {
        progress.done();
    }
}

// `npm start` without --silent writes its banner to standard output before the checker runs.
function startedByNpmAloud(): boolean {
    return process.env["npm_lifecycle_event"] === "start" && process.env["npm_config_loglevel"] !== "silent";
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
    if (argv.length === 0) {
        return runExamples();
    }
    // Once a program's config is read, every message goes through its redactor.
    const redacting = { redact: (text: string) => text };
    try {
        const command = parseCommand(argv);
        if (command === "help") {
            process.stdout.write(usage + "\n");
            return ExitCode.passed;
        }
        return await check(command, redacting);
    } catch (err) {
        if (err instanceof UsageError) {
            process.stderr.write(`${TOOL_NAME}: ${err.message}\n\n${usage}\n`);
        } else {
            process.stderr.write(`${TOOL_NAME}: ${redacting.redact(err instanceof Error ? err.message : String(err))}\n`);
        }
        return ExitCode.badInput;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (err: unknown) => {
            process.stderr.write(`${TOOL_NAME}: ${err instanceof Error ? err.message : String(err)}\n`);
            process.exitCode = ExitCode.badInput;
        },
    );
}
