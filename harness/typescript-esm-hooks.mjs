// Module customization hooks (node:module register) that run an ES module Pulumi program written
// in TypeScript: each .ts/.mts file is transpiled, without type checks, by the checker's own
// TypeScript with the options program-loader.ts derived from the program's tsconfig. Node.js runs
// these hooks on a thread of their own, so this file is plain JavaScript that Node loads as is.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** @type {{ typescript: string, compilerOptions: object, packageIsModule: boolean }} */
let settings;
let ts;

/** Receives what program-loader.ts passed to register(): where TypeScript is and how to transpile. */
export async function initialize(data) {
    settings = data;
    ts = createRequire(data.typescript)(data.typescript);
}

// TypeScript written for NodeNext imports "./util.js" for ./util.ts: try the source file.
const emittedToSource = [
    [".js", ".ts"],
    [".mjs", ".mts"],
    [".cjs", ".cts"],
    [".jsx", ".tsx"],
];

export async function resolve(specifier, context, nextResolve) {
    try {
        return await nextResolve(specifier, context);
    } catch (err) {
        if (err?.code === "ERR_MODULE_NOT_FOUND" && /^\.{0,2}\//.test(specifier)) {
            for (const [emitted, source] of emittedToSource) {
                if (specifier.endsWith(emitted)) {
                    try {
                        return await nextResolve(specifier.slice(0, -emitted.length) + source, context);
                    } catch {
                        break;
                    }
                }
            }
        }
        throw err;
    }
}

export async function load(url, context, nextLoad) {
    const extension = /\.(ts|mts|cts|tsx)$/.exec(url)?.[1];
    if (!url.startsWith("file:") || extension === undefined) {
        return nextLoad(url, context);
    }
    const isModule = extension === "mts" || (extension !== "cts" && settings.packageIsModule);
    if (!isModule) {
        // No source: Node.js hands the file to its CommonJS loader, where program-loader.ts transpiles it.
        return { format: "commonjs", shortCircuit: true };
    }
    const file = fileURLToPath(url);
    const { outputText } = ts.transpileModule(await readFile(file, "utf8"), { fileName: file, compilerOptions: settings.compilerOptions });
    return { format: "module", source: outputText, shortCircuit: true };
}
