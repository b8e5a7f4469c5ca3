// Loads a Pulumi program the way the Node.js language host does (@pulumi/pulumi cmd/run/run.js),
// for CommonJS and ES module programs, in JavaScript or TypeScript: a package whose package.json
// says "type": "module" (or an .mjs/.mts entry) is imported, anything else is required, and the
// entry's export (a function is called) is the stack's outputs.
//
// TypeScript is transpiled without type checks by the checker's own TypeScript, never by the
// program's: a program may pin TypeScript 6 (whose tsconfig deprecations are errors for ts-node)
// or TypeScript 7 (which has no JavaScript API). Only the tsconfig options that change the emitted
// JavaScript are kept; module format follows the file and its package, as Node.js decides it.
import * as fs from "fs";
import { register } from "module";
import * as path from "path";
import * as ts from "typescript";
import { pathToFileURL } from "url";
import { packRootAbove } from "./pack-root";

/** The package.json nearest above `dir` (as run.js finds the program's package), or `{}`. */
function packageOf(dir: string): { file?: string; manifest: Record<string, unknown> } {
    for (let at = path.resolve(dir); ; at = path.dirname(at)) {
        const file = path.join(at, "package.json");
        if (fs.existsSync(file)) {
            return { file, manifest: JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> };
        }
        if (path.dirname(at) === at) {
            return { manifest: {} };
        }
    }
}

/** The options a program's tsconfig gives for emitting JavaScript; what it says about checking or output files does not matter here. */
export function transpileOptionsOf(programDir: string): ts.CompilerOptions {
    const file = path.resolve(programDir, process.env["PULUMI_NODEJS_TSCONFIG_PATH"] ?? "tsconfig.json");
    let options: ts.CompilerOptions = {};
    if (fs.existsSync(file)) {
        const { config } = ts.readConfigFile(file, (f) => ts.sys.readFile(f));
        // Options this TypeScript does not know, or deprecates, are left out rather than refused.
        options = config ? ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(file), undefined, file).options : {};
    }
    const {
        noEmit,
        declaration,
        declarationMap,
        emitDeclarationOnly,
        composite,
        incremental,
        tsBuildInfoFile,
        outDir,
        outFile,
        sourceMap,
        module,
        moduleResolution,
        verbatimModuleSyntax,
        ignoreDeprecations,
        ...emitting
    } = options;
    return {
        ...emitting,
        target: options.target ?? ts.ScriptTarget.ES2022,
        // TypeScript 6 always has it; without it `import x from "cjs"` reads an undefined default.
        esModuleInterop: options.esModuleInterop ?? true,
        inlineSourceMap: true,
        inlineSources: true,
    };
}

// `import()` as written: TypeScript compiles it to require() in a CommonJS build.
const dynamicImport = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<Record<string, unknown>>;

/** The file an ES module program starts from: Pulumi.yaml's main, else package.json exports or main, else index.{js,mjs,ts,mts}. */
function moduleEntryOf(main: string, programDir: string, manifest: Record<string, unknown>): string {
    const given = fs.statSync(main).isDirectory() ? undefined : main;
    if (given) {
        return given;
    }
    const exportsField = manifest["exports"];
    const dot = typeof exportsField === "object" && exportsField !== null ? (exportsField as Record<string, unknown>)["."] : exportsField;
    const fromExports =
        typeof dot === "string"
            ? dot
            : typeof dot === "object" && dot !== null
              ? ["default", "require", "import"].map((k) => (dot as Record<string, unknown>)[k]).find((v) => typeof v === "string")
              : undefined;
    for (const candidate of [fromExports, manifest["main"], "index.js", "index.mjs", "index.ts", "index.mts"]) {
        if (typeof candidate === "string" && fs.existsSync(path.resolve(main, candidate))) {
            return path.resolve(main, candidate);
        }
    }
    throw new Error(`no entry point found in ${programDir} (index.js, index.mjs, index.ts or index.mts)`);
}

/**
 * Loads the program whose entry is `main` (a file, or the project folder) and returns what it
 * exports: an ES module's default export, or its named exports, or a CommonJS module's exports.
 *
 * @example
 * const exported = await loadProgram("/work/infra", "/work/infra");
 * const outputs = typeof exported === "function" ? await exported() : exported;
 */
export async function loadProgram(main: string, programDir: string): Promise<unknown> {
    const { manifest } = packageOf(programDir);
    const packageIsModule = manifest["type"] === "module";
    const base = transpileOptionsOf(programDir);

    const commonJs: ts.CompilerOptions = { ...base, module: ts.ModuleKind.CommonJS };
    const compile = (module: NodeJS.Module, filename: string) => {
        const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), { fileName: filename, compilerOptions: commonJs });
        (module as NodeJS.Module & { _compile(code: string, filename: string): void })._compile(outputText, filename);
    };
    // require.extensions is the CommonJS loader's only hook on Node.js 20; it replaces any earlier one.
    for (const extension of [".ts", ".cts", ".tsx"]) {
        require.extensions[extension] = compile as (typeof require.extensions)[string];
    }

    const entry = packageIsModule || /\.m[jt]s$/.test(main) ? moduleEntryOf(main, programDir, manifest) : undefined;
    if (entry === undefined) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the user's program, a path known only at run time
        return require(fs.statSync(main).isDirectory() ? main + path.sep : main);
    }
    const hooks = path.join(packRootAbove(__dirname), "harness", "typescript-esm-hooks.mjs");
    register(pathToFileURL(hooks), {
        data: { typescript: require.resolve("typescript"), compilerOptions: { ...base, module: ts.ModuleKind.ESNext }, packageIsModule },
    });
    const namespace = await dynamicImport(pathToFileURL(entry).href);
    if (Object.getOwnPropertyDescriptor(namespace, "default") !== undefined) {
        if (Object.keys(namespace).length !== 1) {
            throw new Error("expected the entry module to have either a default export or named exports but not both");
        }
        return namespace["default"];
    }
    return namespace;
}
