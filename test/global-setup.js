// The gRPC specs run the compiled pack (dist/pack), as the CLI does. Rebuild it when any source
// is newer, so running one spec with `npx jest` never tests a stale build.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

function newestMtime(dir) {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
    }
    return newest;
}

module.exports = async () => {
    const root = path.resolve(__dirname, "..");
    const built = path.join(root, "dist", "pack", "index.js");
    const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
    if (newestMtime(path.join(root, "policypack")) > builtAt) {
        execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.json")], {
            stdio: "inherit",
        });
    }
};
