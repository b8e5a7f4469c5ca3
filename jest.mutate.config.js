// The specs `npm run mutate` runs against each mutant: those that exercise the pack in this process
// (a mutant lives in the test process; the gRPC and CLI specs run the built pack in another one).
// Property-based specs run fewer cases per mutant (HARDENING_RUNS); `npm test` runs them in full.
/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    setupFiles: ["<rootDir>/test/mutate-setup.js"],
    testMatch: [
        "**/test/assess.spec.ts",
        "**/test/endpoints.spec.ts",
        "**/test/examples-in-process.spec.ts",
        "**/test/kubeconfig.spec.ts",
        "**/test/models.spec.ts",
        "**/test/policies.spec.ts",
        "**/test/redaction.spec.ts",
        "**/test/scripts.spec.ts",
        "**/test/settings-and-exemptions.spec.ts",
        "**/test/tags.spec.ts",
        "**/test/evidence.spec.ts",
        "**/test/hardening/bounds.spec.ts",
        "**/test/hardening/evasion.spec.ts",
        "**/test/hardening/load.spec.ts",
        "**/test/hardening/malformed-input.spec.ts",
        "**/test/hardening/secrets.spec.ts",
    ],
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json", diagnostics: false }] },
};
