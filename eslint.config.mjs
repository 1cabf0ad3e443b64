// Lint for the program, the policy pack and the tests: typescript-eslint's recommended rules plus
// Pulumi's rules against Outputs in template literals (they need type information).
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/", "bin/", ".scratch/", ".stryker-tmp/", "**/dist/", "**/.published-pack/", "**/*.js", "**/*.mjs"] },
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
    {
        // Tests and the plan read recorded resource inputs, which are untyped by nature.
        files: ["tests/**/*.ts", "sim/**/*.ts", "plan/settings.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
    {
        // The mock engine loads the program with require() so that each stack runs fresh.
        files: ["sim/mock-engine.ts"],
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
