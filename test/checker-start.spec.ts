// Running the checker the ways the README gives: `npm start --silent` redirected to a file holds
// the report alone and skips the build when nothing changed; from another folder, through
// `npm exec --offline --prefix <pack>`, which never asks the registry for the name.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli, repoRoot, requireBuiltCli } from "./support/checker-cli";

const minutes = 60_000;
const plan = path.join(repoRoot, "test", "fixtures", "plans", "preview-show-sames.json");

function npm(args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
    const merged = { ...process.env, NO_COLOR: undefined, npm_config_loglevel: undefined, ...env };
    return spawnSync("npm", args, {
        cwd,
        encoding: "utf8",
        env: Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    });
}

beforeAll(() => requireBuiltCli());

describe("npm start", () => {
    it(
        "with --silent, writes the report alone to standard output, and does not rebuild what is up to date",
        () => {
            const first = npm(["start", "--silent", "--", "check", plan, "--format", "json"], repoRoot);
            expect(first.status).toBe(1);
            const builtAt = fs.statSync(cli).mtimeMs;
            const again = npm(["start", "--silent", "--", "check", plan, "--format", "json"], repoRoot);
            expect(again.status).toBe(1);
            expect(JSON.parse(again.stdout)).toMatchObject({ input: { kind: "preview" }, summary: { passed: false } });
            expect(again.stderr).toBe("");
            expect(fs.statSync(cli).mtimeMs).toBe(builtAt);
        },
        2 * minutes,
    );

    it(
        "without --silent, says on standard error that npm's banner went into the report",
        () => {
            const r = npm(["start", "--", "check", plan, "--format", "json"], repoRoot);
            expect(r.stdout).toMatch(/^\s*> openai-azure-hosting-policy@[\d.]+ start/);
            expect(r.stderr).toContain("npm start --silent -- check");
        },
        2 * minutes,
    );
});

describe("from another folder", () => {
    it(
        "npm exec --offline --prefix <pack> runs this checker on paths relative to where it is run",
        () => {
            const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "elsewhere-"));
            try {
                fs.copyFileSync(plan, path.join(elsewhere, "preview.json"));
                const r = npm(
                    ["exec", "--offline", "--prefix", repoRoot, "--", "openai-hosting-check", "check", "preview.json", "--format", "json"],
                    elsewhere,
                );
                expect(r.stderr).toBe("");
                expect(r.status).toBe(1);
                expect(JSON.parse(r.stdout)).toMatchObject({ input: { kind: "preview", path: "preview.json" } });
            } finally {
                fs.rmSync(elsewhere, { recursive: true, force: true });
            }
        },
        2 * minutes,
    );
});
