// `npm start`'s build: compiles the pack and the tools only when a source is newer than what
// dist/ holds, so a start after no change costs milliseconds instead of two TypeScript builds.
// The compiler's messages go to standard error: standard output is the checker's report.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const sources = ["policypack", "harness", "checker", "tsconfig.json", "tsconfig.tools.json", "package.json"];
const outputs = ["dist/pack/index.js", "dist/tools/checker/cli.js"];

function newestMtime(file) {
    const stat = fs.statSync(file);
    if (!stat.isDirectory()) {
        return stat.mtimeMs;
    }
    return Math.max(0, ...fs.readdirSync(file).map((name) => newestMtime(path.join(file, name))));
}

const builtAt = Math.min(...outputs.map((file) => (fs.existsSync(path.join(root, file)) ? fs.statSync(path.join(root, file)).mtimeMs : 0)));
if (Math.max(...sources.map((file) => newestMtime(path.join(root, file)))) > builtAt) {
    const tsc = require.resolve("typescript/bin/tsc");
    for (const project of ["tsconfig.json", "tsconfig.tools.json"]) {
        execFileSync(process.execPath, [tsc, "-p", path.join(root, project)], { cwd: root, stdio: ["ignore", 2, 2] });
    }
    require("./bin-executable");
}
