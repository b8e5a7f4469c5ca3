/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    globalSetup: "<rootDir>/test/global-setup.js",
    testMatch: ["**/*.spec.ts"],
    // Type checking is `npm run typecheck`'s job; transpiling alone keeps the suite fast.
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json", diagnostics: false }] },
};
