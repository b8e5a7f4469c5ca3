// The example stacks' plans, recorded once through the harness and cached in the temp dir: the
// benchmark's "realistic mix" of resources. The cache key is a hash of every file that can change
// a recording (the examples and the recorder), so a stale cache is never used.
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findExamples, recordExamples } from "../harness/examples";
import type { Plan } from "../harness/plan";

/** One example's recorded plan. */
export interface RecordedExample {
    name: string;
    plan: Plan;
}

/** Where the cached plans live and whether they came from the cache. */
export interface RecordedExamples {
    examples: RecordedExample[];
    cacheFile: string;
    fromCache: boolean;
    /** Milliseconds spent recording (0 when cached). */
    recordMs: number;
}

/**
 * Every example under `examplesDir`, recorded as a preview plan; cached under the OS temp dir.
 *
 * @example
 * const { examples } = await recordedExamples("examples");
 * examples.flatMap((e) => e.plan.resources).length; // the realistic mix
 */
export async function recordedExamples(examplesDir: string): Promise<RecordedExamples> {
    const found = findExamples(examplesDir);
    if (found.length === 0) {
        throw new Error(`no examples under ${examplesDir}`);
    }
    const cacheDir = path.join(os.tmpdir(), "openai-hosting-bench");
    const cacheFile = path.join(cacheDir, `plans-${cacheKey(found.map((e) => e.dir))}.json`);
    if (fs.existsSync(cacheFile)) {
        return { examples: JSON.parse(fs.readFileSync(cacheFile, "utf8")) as RecordedExample[], cacheFile, fromCache: true, recordMs: 0 };
    }
    const began = Date.now();
    const recordings = recordExamples(found);
    const examples: RecordedExample[] = [];
    for (const example of found) {
        const recording = await recordings.get(example.name);
        if (!recording?.plan) {
            throw new Error(`recording ${example.name} failed: ${recording?.error ?? "no recording"}`);
        }
        examples.push({ name: example.name, plan: recording.plan });
    }
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(cacheFile, JSON.stringify(examples));
    return { examples, cacheFile, fromCache: false, recordMs: Date.now() - began };
}

// Hashes the example folders' files and the harness's recorder, in a stable order.
function cacheKey(exampleDirs: string[]): string {
    const harness = path.resolve(__dirname, "..", "harness");
    const files = [
        ...exampleDirs.flatMap((dir) => filesUnder(dir)),
        path.join(harness, "record-program.ts"),
        path.join(harness, "recording-monitor.ts"),
        path.join(harness, "project-config.ts"),
    ];
    const hash = createHash("sha256");
    for (const file of files) {
        hash.update(path.relative(path.resolve(__dirname, ".."), file))
            .update("\0")
            .update(fs.readFileSync(file))
            .update("\0");
    }
    return hash.digest("hex").slice(0, 16);
}

function filesUnder(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((entry) => {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                return entry.name === "node_modules" ? [] : filesUnder(full);
            }
            return entry.isFile() ? [full] : [];
        });
}
