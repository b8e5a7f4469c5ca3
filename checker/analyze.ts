// Runs the pack on a plan exactly as `pulumi preview --policy-pack` does: start it with
// run-policy-pack, Configure with the --policy-pack-config document, Analyze every resource, then
// AnalyzeStack. Analyze requests are pipelined (several in flight, results kept in plan order):
// each one is independent, as it is when the engine analyzes resources of parallel steps.
import { AnalyzerInfo, PackClient, startPack, Verdict } from "../harness/analyzer-client";
import type { Plan } from "../harness/plan";
import type { EnforcementLevel, PolicyPackConfigFile } from "../harness/policy-config";

/** The pack's verdicts on a plan, with what the pack is and how it was configured. */
export interface Analysis {
    info: AnalyzerInfo;
    /** Each policy's configured enforcement level. */
    levels: Record<string, EnforcementLevel>;
    /** Config keys that name no policy of the pack. */
    unknownPolicies: string[];
    verdicts: Verdict[];
}

/** Progress callbacks while analyzing. */
export interface AnalyzeProgress {
    onAnalyzed(done: number, total: number): void;
    onStackAnalysis(): void;
}

const inFlight = 16;

/** Starts the pack in `packDir`, analyzes `plan` with `config`, and stops the pack. */
export async function analyzePlan(packDir: string, plan: Plan, config: PolicyPackConfigFile, progress: AnalyzeProgress): Promise<Analysis> {
    // AnalyzeStack carries the whole plan in one request: give large plans time (1 ms per resource over a minute).
    const callTimeoutMs = 60_000 + plan.resources.length;
    const pack = await startPack(packDir, { stack: plan.stack, project: plan.project, callTimeoutMs });
    try {
        const info = await pack.info();
        const configured = await pack.configure(config);
        const levels: Record<string, EnforcementLevel> = {};
        for (const [name, entry] of Object.entries(configured.sent)) {
            levels[name] = entry.enforcementLevel;
        }
        const verdicts = [...(await analyzeEach(pack, plan, progress)).flat()];
        progress.onStackAnalysis();
        verdicts.push(...(await pack.analyzeStack(plan)));
        return { info, levels, unknownPolicies: configured.unknownPolicies, verdicts };
    } finally {
        await pack.close();
    }
}

async function analyzeEach(pack: PackClient, plan: Plan, progress: AnalyzeProgress): Promise<Verdict[][]> {
    const total = plan.resources.length;
    const results: Verdict[][] = new Array<Verdict[]>(total);
    let next = 0;
    let done = 0;
    const worker = async () => {
        while (next < total) {
            const i = next++;
            const resource = plan.resources[i];
            if (resource) {
                results[i] = await pack.analyze(resource, plan);
            }
            progress.onAnalyzed(++done, total);
        }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, Math.max(total, 1)) }, worker));
    return results;
}
