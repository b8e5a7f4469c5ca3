// The gRPC specs run the compiled pack (dist/pack) as the CLI does, and the checker specs the
// compiled CLI (dist/tools). Rebuild both when any of their sources is newer, so running one spec
// with `npx jest` never tests a stale build of anything.
const { execFileSync } = require("child_process");
const path = require("path");

module.exports = async () => {
    const root = path.resolve(__dirname, "..");
    execFileSync(process.execPath, [path.join(root, "scripts", "build-if-stale.js")], { cwd: root, stdio: "inherit" });
};
