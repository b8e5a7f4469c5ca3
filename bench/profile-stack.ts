// `npm run bench:profile [-- --size 10000]`: where the pack spends an AnalyzeStack. Runs the SDK's
// own AnalyzeStack handler in this process (no gRPC) with the pack's policies, captured from
// dist/pack/index.js as the SDK would serve them, over a synthetic stack; CPU-profiles one run and
// prints the functions with the most self time. The profile is written for Chrome DevTools or
// speedscope. Comparisons with the floor belong to `npm run bench` (separate processes): in one
// process, the second pack measured inherits the first one's heap and JIT state.
import * as fs from "fs";
import * as inspector from "inspector";
import * as os from "os";
import * as path from "path";
import type { AnalyzeStackRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import { analyzeStackRequestFor } from "../harness/analyzer-client";
import { recordedExamples } from "./recorded-examples";
import { median, msSince } from "./statistics";
import { syntheticPlan } from "./synthetic-stack";

const repoRoot = path.resolve(__dirname, "..");

/** What `new PolicyPack(...)` hands the SDK's server. */
interface ServedPack {
    name: string;
    version: string;
    enforcementLevel: string;
    policies: unknown[];
}

type StackHandler = (call: { request: AnalyzeStackRequest }, callback: (err: unknown, response?: unknown) => void) => void;

interface PolicyServer {
    serve: (name: string, version: string, level: string, args: { policies?: unknown[] }, initialConfig?: unknown) => void;
    makeAnalyzeStackRpcFun: (name: string, version: string, level: string, policies: unknown[]) => StackHandler;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("@pulumi/policy/server") as PolicyServer;

/** Loads a pack's entry point with the SDK's serve() replaced, returning what it would have served. */
function capturePack(entry: string): ServedPack {
    const original = server.serve;
    let served: ServedPack | undefined;
    server.serve = (name, version, enforcementLevel, args) => {
        served = { name, version, enforcementLevel, policies: args.policies ?? [] };
    };
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the pack's entry is a path known only at run time
        require(entry);
    } finally {
        server.serve = original;
    }
    if (!served) {
        throw new Error(`${entry} did not construct a PolicyPack`);
    }
    return served;
}

/**
 * One AnalyzeStack, as the server runs it: in a macrotask of its own. The pack shares its findings
 * between the policies of one request until the macrotask ends (request-memo.ts); runs chained
 * by promises alone would share one macrotask, and every run after the first would time a memo hit.
 */
async function analyzeStack(handler: StackHandler, request: AnalyzeStackRequest): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve, reject) => handler({ request }, (err) => (err ? reject(err) : resolve())));
}

async function timeRuns(handler: StackHandler, request: AnalyzeStackRequest, runs: number): Promise<number[]> {
    await analyzeStack(handler, request); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
        const began = process.hrtime.bigint();
        await analyzeStack(handler, request);
        samples.push(msSince(began));
    }
    return samples;
}

/** A V8 CPU profile's nodes, as much of them as the summary reads. */
interface CpuProfile {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
    samples?: number[];
}

function profileOnce(run: () => Promise<void>): Promise<CpuProfile> {
    const session = new inspector.Session();
    session.connect();
    const post = (method: string, params?: object) =>
        new Promise<unknown>((resolve, reject) =>
            session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))),
        );
    return (async () => {
        await post("Profiler.enable");
        await post("Profiler.setSamplingInterval", { interval: 200 });
        await post("Profiler.start");
        await run();
        const { profile } = (await post("Profiler.stop")) as { profile: CpuProfile };
        session.disconnect();
        return profile;
    })();
}

// Self time per function (name, file, line), as a share of all samples.
function hotspots(profile: CpuProfile, top: number): Array<{ share: number; where: string }> {
    const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
    const byFunction = new Map<string, number>();
    for (const node of profile.nodes) {
        const { functionName, url, lineNumber } = node.callFrame;
        const file = url ? path.relative(repoRoot, url.replace(/^file:\/\//, "")) : "";
        const key = `${functionName || "(anonymous)"}  ${file ? `${file}:${lineNumber + 1}` : ""}`.trim();
        byFunction.set(key, (byFunction.get(key) ?? 0) + (node.hitCount ?? 0));
    }
    return [...byFunction.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([where, hits]) => ({ share: hits / total, where }));
}

async function main(): Promise<void> {
    const sizeArg = process.argv.indexOf("--size");
    const size = sizeArg >= 0 ? Number(process.argv[sizeArg + 1]) : 10_000;
    const { examples } = await recordedExamples(path.join(repoRoot, "examples"));
    const request = analyzeStackRequestFor(syntheticPlan(examples, size));

    const pack = capturePack(path.join(repoRoot, "dist", "pack", "index.js"));
    const packHandler = server.makeAnalyzeStackRpcFun(pack.name, pack.version, pack.enforcementLevel, pack.policies);
    const packMs = await timeRuns(packHandler, request, 3);
    console.log(`AnalyzeStack of ${size} resources in process: median of 3 ${median(packMs).toFixed(0)} ms`);

    const profile = await profileOnce(() => analyzeStack(packHandler, request));
    const out = path.join(os.tmpdir(), `openai-hosting-stack-${size}.cpuprofile`);
    fs.writeFileSync(out, JSON.stringify(profile));
    console.log(`\nSelf time of the pack's AnalyzeStack (profile: ${out}):`);
    for (const { share, where } of hotspots(profile, 25)) {
        console.log(`${(share * 100).toFixed(1).padStart(5)}%  ${where}`);
    }
}

main().then(
    () => process.exit(0),
    (err: unknown) => {
        console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
        process.exit(1);
    },
);
