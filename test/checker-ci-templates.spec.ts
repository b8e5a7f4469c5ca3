// The ready-to-copy pipelines under ci-templates/: linted by actionlint (its WASM build), every
// action at the major version whose action.yml was read, and their scripts run as written: the
// offline check and GitLab job against the real checker, the preview job against a stand-in
// `pulumi` that fails on a violation and a stand-in `gh` that records the comment it posts.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { repoRoot, requireBuiltCli } from "./support/checker-cli";
import { sarifErrors } from "./support/sarif";

const minutes = 60_000;
const templates = path.join(repoRoot, "ci-templates");
const workflows = ["offline-check.yml", "policy-preview.yml"].map((name) => path.join(templates, "github", name));
const named = workflows.map((file) => [path.basename(file), file] as const);

// The inputs each action's own action.yml declares at the newest tag of its major version (all run on node24).
const declaredInputs: Record<string, string[]> = {
    "actions/checkout@v7": [
        "repository",
        "ref",
        "token",
        "ssh-key",
        "ssh-known-hosts",
        "ssh-strict",
        "ssh-user",
        "persist-credentials",
        "path",
        "clean",
        "filter",
        "sparse-checkout",
        "sparse-checkout-cone-mode",
        "fetch-depth",
        "fetch-tags",
        "show-progress",
        "lfs",
        "submodules",
        "set-safe-directory",
        "github-server-url",
        "allow-unsafe-pr-checkout",
    ],
    "actions/setup-node@v7": [
        "node-version",
        "node-version-file",
        "architecture",
        "check-latest",
        "registry-url",
        "scope",
        "token",
        "cache",
        "package-manager-cache",
        "cache-dependency-path",
        "mirror",
        "mirror-token",
    ],
    "pulumi/actions@v7": [
        "command",
        "stack-name",
        "pulumi-version",
        "pulumi-version-file",
        "work-dir",
        "comment-on-pr",
        "comment-on-pr-number",
        "comment-on-summary",
        "github-token",
        "cloud-url",
        "secrets-provider",
        "parallel",
        "message",
        "config-map",
        "expect-no-changes",
        "diff",
        "replace",
        "exclude",
        "exclude-dependents",
        "target",
        "target-dependents",
        "policyPacks",
        "policyPackConfigs",
        "refresh",
        "upsert",
        "remove",
        "edit-pr-comment",
        "color",
        "exclude-protected",
        "plan",
        "suppress-outputs",
        "suppress-progress",
        "always-include-summary",
        "continue-on-error",
        "log-verbosity",
        "log-flow",
        "debug",
    ],
    "github/codeql-action/upload-sarif@v4": [
        "sarif_file",
        "checkout_path",
        "ref",
        "sha",
        "token",
        "matrix",
        "category",
        "wait-for-processing",
    ],
};

interface Step {
    id?: string;
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
    "working-directory"?: string;
}
interface Workflow {
    permissions: Record<string, string>;
    jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
}

const workflow = (file: string) => parseYaml(fs.readFileSync(file, "utf8")) as Workflow;
const onlyJob = (w: Workflow) => Object.values(w.jobs)[0]!;
const step = (w: Workflow, id: string): Step => {
    const found = onlyJob(w).steps.find((s) => s.id === id);
    if (!found) {
        throw new Error(`no step ${id}`);
    }
    return found;
};

/** `${{ expr }}` replaced from `values` ("" when absent), as the runner would before a step runs. */
function expand(text: string, values: Record<string, string>): string {
    return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => values[expr] ?? "");
}

/** Runs a step's script as GitHub's runner does (`bash -e`), with the job's and step's env; returns its exit code and outputs. */
function runStep(w: Workflow, s: Step, cwd: string, values: Record<string, string>, extraEnv: Record<string, string> = {}) {
    const outputFile = path.join(cwd, `.github-output-${s.id ?? "step"}`);
    fs.writeFileSync(outputFile, "");
    const env = Object.fromEntries(
        Object.entries({ ...onlyJob(w).env, ...s.env }).map(([k, v]) => [k, expand(String(v), values)] as const),
    );
    const script = path.join(cwd, `.step-${s.id ?? "step"}.sh`);
    fs.writeFileSync(script, expand(s.run ?? "", values));
    const r = spawnSync("bash", ["-e", script], {
        cwd,
        env: { ...process.env, ...env, ...extraEnv, GITHUB_OUTPUT: outputFile, NO_COLOR: "1" },
        encoding: "utf8",
    });
    const outputs = Object.fromEntries(
        fs
            .readFileSync(outputFile, "utf8")
            .split("\n")
            .filter((l) => l.includes("="))
            .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as const),
    );
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
}

/** A workspace like a runner's: the program at the root, this pack checked out at .policy/openai-azure-hosting. */
function workspaceWith(program: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ci-workspace-"));
    fs.cpSync(path.join(repoRoot, "test", "fixtures", program), dir, { recursive: true });
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
    fs.mkdirSync(path.join(dir, ".policy"));
    fs.symlinkSync(repoRoot, path.join(dir, ".policy", "openai-azure-hosting"));
    return dir;
}

const workspaces: string[] = [];
afterAll(() => workspaces.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("GitHub workflow templates", () => {
    it.each(named)("%s has no actionlint finding", (_, file) => {
        // node-actionlint: actionlint 1.7.7 compiled to WASM, pinned in devDependencies.
        const bin = path.join(repoRoot, "node_modules", "@tktco", "node-actionlint", "bin", "node-actionlint.js");
        const r = spawnSync(process.execPath, [bin, path.relative(repoRoot, file)], { cwd: repoRoot, encoding: "utf8" });
        expect([r.status, r.stdout]).toEqual([0, expect.stringContaining("All workflow files passed lint checks")]);
    });

    it.each(named)("%s uses each action at the major version read, with inputs its action.yml declares", (_, file) => {
        const steps = onlyJob(workflow(file)).steps.filter((s) => s.uses !== undefined);
        expect(steps.length).toBeGreaterThan(0);
        for (const s of steps) {
            const inputs = declaredInputs[s.uses ?? ""];
            expect([s.uses, inputs !== undefined]).toEqual([s.uses, true]);
            expect(Object.keys(s.with ?? {}).filter((k) => !inputs?.includes(k))).toEqual([]);
        }
        // Node.js 24: the LTS line GitHub's runners and the pack support; 20 is end-of-life.
        expect(steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with?.["node-version"]).toBe(24);
    });

    it.each(named)("%s checks out the pack with a token for a private repository, and runs the stack given in STACK", (_, file) => {
        const w = workflow(file);
        const pack = onlyJob(w).steps.find((s) => s.with?.["path"] === ".policy/openai-azure-hosting");
        expect(pack?.with).toMatchObject({ token: "${{ secrets.POLICY_PACK_TOKEN || github.token }}", "persist-credentials": false });
        expect(onlyJob(w).env?.["STACK"]).toBeTruthy();
        expect(onlyJob(w).steps.some((s) => s.run?.includes('--stack "$STACK"'))).toBe(true);
    });

    it("asks for the permissions its steps use: pull-requests to comment, security-events to upload SARIF", () => {
        expect(workflow(workflows[1]!).permissions).toEqual({ contents: "read", "pull-requests": "write" });
        expect(workflow(workflows[0]!).permissions).toEqual({ contents: "read", "security-events": "write" });
    });
});

describe("policy-preview.yml, run with a stand-in pulumi and gh", () => {
    const w = workflow(workflows[1]!);
    let dir: string;
    let bin: string;

    beforeAll(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "ci-preview-"));
        workspaces.push(dir);
        bin = path.join(dir, "bin");
        fs.mkdirSync(bin);
        // A preview that fails on a mandatory violation, as the CLI does with this pack.
        fs.writeFileSync(
            path.join(bin, "pulumi"),
            '#!/bin/sh\necho "pulumi $*" > "$PWD/pulumi-args"\necho "Policies:"\necho "    mandatory: [stateless-openai-api-on-azure] chat-inference"\n' +
                'echo "error: preview failed" >&2\nexit "${FAKE_PULUMI_EXIT:-255}"\n',
            { mode: 0o755 },
        );
        fs.writeFileSync(path.join(bin, "gh"), '#!/bin/sh\necho "gh $*" >> "$PWD/gh-calls"\ncp comment.md "$PWD/posted.md" 2>/dev/null\n', {
            mode: 0o755,
        });
    });

    const values = { "secrets.PULUMI_ACCESS_TOKEN": "pul-x", "github.token": "ghs-x", "github.repository": "acme/infra" };

    it.each([
        ["fails on a violation", "255", /failed \(exit 255\): policy violations/],
        ["passes", "0", /passed the OpenAI hosting policies/],
    ])("comments the preview on the pull request when it %s, then fails the job only on a violation", (_, exit, heading) => {
        const env = { PATH: `${bin}:${process.env["PATH"]}`, FAKE_PULUMI_EXIT: exit };
        fs.rmSync(path.join(dir, "gh-calls"), { force: true });
        const preview = runStep(w, step(w, "preview"), dir, values, env);
        expect(preview.code).toBe(0); // the code is kept for the comment, not raised yet
        expect(preview.outputs["code"]).toBe(exit);
        expect(fs.readFileSync(path.join(dir, "pulumi-args"), "utf8")).toContain(
            "preview --stack my-org/my-project/production --non-interactive --color never --policy-pack .policy/openai-azure-hosting " +
                "--policy-pack-config .policy/openai-azure-hosting/config/production.json",
        );

        const comment = onlyJob(w).steps.find((s) => s.name === "Comment the preview on the pull request")!;
        expect(comment.if).toBe("always() && steps.preview.outcome == 'success'");
        const posted = runStep(
            w,
            comment,
            dir,
            { ...values, "github.event.pull_request.number": "42", "steps.preview.outputs.code": exit },
            env,
        );
        expect(posted.code).toBe(0);
        expect(fs.readFileSync(path.join(dir, "gh-calls"), "utf8")).toContain("gh pr comment 42 --body-file comment.md");
        const body = fs.readFileSync(path.join(dir, "posted.md"), "utf8");
        expect(body).toMatch(heading);
        expect(body).toContain("mandatory: [stateless-openai-api-on-azure] chat-inference");

        const fail = onlyJob(w).steps.find((s) => s.name === "Fail on mandatory violations")!;
        const failed = runStep(w, fail, dir, { "steps.preview.outputs.code": exit });
        expect(failed.code).toBe(Number(exit) === 0 ? 0 : Number(exit));
    });
});

describe("scripts that run the checker, as written", () => {
    beforeAll(() => requireBuiltCli());

    it(
        "offline-check.yml: the Check step writes valid SARIF and keeps exit 1 for the step that fails the job",
        () => {
            const w = workflow(workflows[0]!);
            const dir = workspaceWith("esm-js-program");
            workspaces.push(dir);
            fs.renameSync(path.join(dir, "Pulumi.dev.yaml"), path.join(dir, "Pulumi.production.yaml"));
            const check = runStep(w, step(w, "check"), dir, { "secrets.PULUMI_PROGRAM_CONFIG": "" });
            expect(check.stderr).toBe("");
            expect([check.code, check.outputs["code"]]).toEqual([0, "1"]);
            const log = JSON.parse(fs.readFileSync(path.join(dir, "openai-hosting.sarif"), "utf8")) as {
                runs: Array<{ results: unknown[] }>;
            };
            expect(sarifErrors(log)).toEqual([]);
            expect(log.runs[0]?.results).toHaveLength(1);
            const fail = onlyJob(w).steps.find((s) => s.name === "Fail on mandatory violations or unreadable input")!;
            expect(runStep(w, fail, dir, { "steps.check.outputs.code": "1" }).code).toBe(1);
        },
        2 * minutes,
    );

    it(
        "gitlab/.gitlab-ci.yml: the checker line writes the JUnit report and fails the job with exit 1",
        () => {
            const job = (parseYaml(fs.readFileSync(path.join(templates, "gitlab", ".gitlab-ci.yml"), "utf8")) as Record<string, unknown>)[
                "openai-hosting-check"
            ] as { image: string; variables: Record<string, string>; script: string[] };
            expect(job.image).toBe("node:24");
            const line = job.script.find((l) => l.includes("checker/cli.js"))!;
            const dir = workspaceWith("esm-js-program");
            workspaces.push(dir);
            fs.renameSync(path.join(dir, "Pulumi.dev.yaml"), path.join(dir, "Pulumi.production.yaml"));
            const r = spawnSync("sh", ["-c", line], { cwd: dir, env: { ...process.env, ...job.variables }, encoding: "utf8" });
            expect([r.status, r.stderr]).toEqual([1, ""]);
            expect(fs.readFileSync(path.join(dir, "openai-hosting.junit.xml"), "utf8")).toContain('failures="1"');
        },
        2 * minutes,
    );
});
