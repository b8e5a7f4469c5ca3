// Marks the checker's bin executable after a build. \`npm ci\` links and marks bins before
// \`prepare\` builds them, so on a fresh clone the built file would otherwise stay 0644 and
// \`npm exec openai-hosting-check\` would fail with "Permission denied".
const fs = require("fs");
const path = require("path");

fs.chmodSync(path.resolve(__dirname, "..", "dist", "tools", "checker", "cli.js"), 0o755);
