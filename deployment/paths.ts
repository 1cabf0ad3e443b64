/**
 * What a push must touch to deploy: the program, its config and the policy pack. Docs, the runbook,
 * tests, workflows and this deployment/ program deploy nothing.
 */
export const DEPLOY_PATHS = [
    "Pulumi.yaml",
    "Pulumi.*.yaml",
    "index.ts",
    "program.ts",
    "components/**",
    "config/**",
    "rules/**",
    "vendor/**",
    "policy-pack/**",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
] as const;
