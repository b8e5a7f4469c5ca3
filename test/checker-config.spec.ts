// The shipped pack configs as a user runs them through the built CLI: "all": "mandatory" never makes
// an active exemption block, and keys the current Pulumi CLI accepts in a config file are accepted.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot, requireBuiltCli, runCli } from "./support/checker-cli";

const minutes = 60_000;
const example = path.join(repoRoot, "examples", "exempted-migration-on-ecs");

interface JsonReport {
    summary: { mandatory: number; advisory: number };
    verdicts: Array<{ resource: string; policy: string; level: string; details?: { exemption?: { status: string } } }>;
}

describe("shipped configs and config files", () => {
    beforeAll(requireBuiltCli);

    it(
        'keeps the README\'s production example ("all": "mandatory") from turning an active exemption into a block',
        async () => {
            const run = await runCli(["check", example, "--config", path.join(repoRoot, "policy-config.example.json"), "--format", "json"]);
            const report = JSON.parse(run.stdout) as JsonReport;
            const exempted = report.verdicts.find((v) => v.resource === "legacy-frontier-task");
            expect(exempted).toMatchObject({
                policy: "first-party-products-on-azure",
                level: "advisory",
                details: { exemption: { status: "active" } },
            });
            expect(
                report.verdicts
                    .filter((v) => v.level === "mandatory")
                    .map((v) => v.resource)
                    .sort(),
            ).toEqual(["self-exempted-task", "stale-frontier-service"]);
            expect(run.code).toBe(1);
        },
        3 * minutes,
    );

    it(
        "accepts an ESC `environments` key, saying the checker cannot open them",
        async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-"));
            const file = path.join(dir, "policy-config.json");
            fs.writeFileSync(file, JSON.stringify({ environments: ["acme/policy-settings"], all: "mandatory" }));
            try {
                const run = await runCli(["check", path.join(repoRoot, "examples", "frontier-on-container-apps"), "--config", file]);
                expect(run.code).toBe(0);
                expect(run.stderr).toContain("names Pulumi ESC environments (acme/policy-settings)");
                fs.writeFileSync(file, JSON.stringify({ environments: "acme/policy-settings" }));
                const bad = await runCli(["check", path.join(repoRoot, "examples", "frontier-on-container-apps"), "--config", file]);
                expect(bad.code).toBe(2);
                expect(bad.stderr.trim().split("\n")).toHaveLength(1);
                expect(bad.stderr).toContain('"environments" must be an array of strings');
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        },
        3 * minutes,
    );
});
