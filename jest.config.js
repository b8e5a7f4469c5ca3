/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    globalSetup: "<rootDir>/test/global-setup.js",
    testMatch: ["**/*.spec.ts"],
    // Jest's default on two cores is one worker, which sits idle while a spec waits on the pack or
    // checker process it started; two keep both cores busy. Every spec writes only to its own temp dir.
    maxWorkers: 2,
    // The in-process example judge runs inside examples.spec.ts (one recording of the examples); alone it is for `npm run mutate`.
    testPathIgnorePatterns: ["/node_modules/", "examples-in-process\\.spec\\.ts$"],
    // Type checking is `npm run typecheck`'s job; transpiling alone keeps the suite fast.
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json", diagnostics: false }] },
};
