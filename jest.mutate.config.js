// The specs `npm run mutate` runs against each mutant: test/mutation-suite.ts lists them.
// Property-based specs run fewer cases per mutant (HARDENING_RUNS); `npm test` runs them in full.
/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    setupFiles: ["<rootDir>/test/mutate-setup.js"],
    // One file that imports the in-process specs: see its header for why.
    testMatch: ["**/test/mutation-suite.ts"],
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json", diagnostics: false }] },
};
