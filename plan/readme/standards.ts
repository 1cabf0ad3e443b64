/**
 * policy-pack/README.md's generated sections: the standards map (policy-pack/standards.ts beside
 * each policy's own name, level and description) and the Checkov checks that would fire on these
 * stacks with what answers each (policy-pack/checkov-findings.ts).
 */
import * as path from "path";
import { DEVIATIONS } from "@openwebui-aws/rules/deviations";
import { policies } from "../../policy-pack/policies";
import { CHECKOV_FINDINGS } from "../../policy-pack/checkov-findings";
import { mappingText, STANDARDS } from "../../policy-pack/standards";
import { loadPackConfig } from "../../sim/policy-runner";
import { PROJECT_DIR } from "../../sim/stack-files";
import { cell, PACK_STACKS } from "./policies";
import type { SectionRenderer } from "../readme-sections";

export const PACK_README = path.join(PROJECT_DIR, "policy-pack", "README.md");

/** The level a stack runs a policy at: its pack config's, else the policy's own. */
function level(stack: string, name: string, declared: string): string {
    const entry = (loadPackConfig(stack) as Record<string, unknown>)[name];
    if (typeof entry === "string") return entry;
    const own = (entry as { enforcementLevel?: string } | undefined)?.enforcementLevel;
    return own ?? declared;
}

export async function standardsTable(): Promise<string> {
    return [
        `| policy | ${PACK_STACKS.join(" | ")} | CIS Amazon EKS Benchmark v1.8.0 | AWS FSBP (Security Hub) | Checkov | rule |`,
        `|---|${PACK_STACKS.map(() => "---").join("|")}|---|---|---|---|`,
        ...policies.map((p) => {
            const s = STANDARDS[p.name];
            const columns = s ? [s.cisEks, s.fsbp, s.checkov].map((m) => cell(mappingText(m))) : ["**missing**", "**missing**", "**missing**"];
            return `| ${p.name} | ${PACK_STACKS.map((stack) => level(stack, p.name, p.enforcementLevel ?? "advisory")).join(" | ")} | ${columns.join(" | ")} | ${cell(p.description)} |`;
        }),
    ].join("\n");
}

export async function checkovTable(): Promise<string> {
    return [
        "| Checkov check | asks for | on | answered by |",
        "|---|---|---|---|",
        ...CHECKOV_FINDINGS.map((f) => {
            const by = "policy" in f.answer ? `policy \`${f.answer.policy}\`` : `deviation \`${f.answer.deviation}\` (${cell(DEVIATIONS.find((d) => d.id === (f.answer as { deviation: string }).deviation)?.decision ?? "**missing**")})`;
            return `| ${f.check} | ${cell(f.title)} | ${cell(f.on)} | ${by} |`;
        }),
    ].join("\n");
}

/** The pack README's sections, rewritten by `npm run docs` like the root README's. */
export const PACK_SECTIONS: Record<string, SectionRenderer> = { standards: standardsTable, checkov: checkovTable };
