// Where the policy pack lives, from code that runs either as TypeScript (harness/, checker/) or
// compiled (dist/tools/harness/, dist/tools/checker/): the nearest folder above with PulumiPolicy.yaml.
import * as fs from "fs";
import * as path from "path";

/**
 * The nearest folder at or above `start` that holds a PulumiPolicy.yaml.
 *
 * @example
 * packRootAbove(__dirname); // "/home/me/openai-azure-hosting" from harness/ or dist/tools/harness/
 */
export function packRootAbove(start: string): string {
    let dir = path.resolve(start);
    for (;;) {
        if (fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
            return dir;
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`no PulumiPolicy.yaml in ${start} or any folder above it`);
        }
        dir = parent;
    }
}
