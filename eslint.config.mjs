// @ts-check
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        // Build output, installs, and the copies of the SDK a spec makes for itself.
        ignores: ["node_modules/", "dist/", "coverage/", "test/.own-sdk-*/", "reports/", ".stryker-tmp/"],
    },
    eslint.configs.recommended,
    tseslint.configs.recommended,
    {
        rules: {
            // As tsc's noUnusedLocals does: `const { dropped, ...rest } = x` is how a key is left out.
            "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
        },
    },
    {
        // The plain-JS files are CommonJS run by Node as they are: jest's config and setup, and the fixture packs.
        files: ["**/*.js"],
        languageOptions: {
            sourceType: "commonjs",
            globals: {
                require: "readonly",
                module: "writable",
                exports: "writable",
                process: "readonly",
                __dirname: "readonly",
                console: "readonly",
            },
        },
        rules: {
            "@typescript-eslint/no-require-imports": "off",
        },
    },
);
