/** The plan as text for people; `--json` prints PlanResult as it is. */
import { COST_COMPONENTS } from "@openwebui-aws/rules/cost/estimate";
import { PlanResult } from "./plan";

const usd = (n: number) => `$${n.toFixed(2)}`;

export function formatPlan(p: PlanResult): string {
    const out: string[] = [];
    out.push(`Plan for stack "${p.stack}": ${p.resourceCount} resources (offline: mock engine, no cloud calls)`, "");
    if (p.standIns.length > 0) {
        // Offline nothing can decrypt them; a real run reads the real values and keeps them secret.
        out.push(`Secrets planned with offline stand-ins (config/sensitive.ts): ${p.standIns.join(", ")}`, "");
    }
    out.push("1. Inventory");
    for (const [group, entries] of Object.entries(p.inventory)) {
        out.push(`  ${group} (${entries.length})`);
        for (const e of entries) out.push(`    ${e.type.padEnd(58)} ${e.name}${e.settings ? `  — ${e.settings}` : ""}`);
    }
    out.push("", `2. Monthly cost estimate (as of ${p.cost.asOf})`);
    for (const component of COST_COMPONENTS) {
        out.push(`  ${component}: ${usd(p.cost.byComponent[component])}`);
        for (const i of p.cost.lineItems.filter((l) => l.component === component)) {
            out.push(`  ${usd(i.monthlyUsd).padStart(9)}  ${i.item}  [${i.quantity} ${i.unit} × $${i.unitUsd}]${i.note ? `  ${i.note}` : ""}`);
        }
    }
    out.push(`  ${usd(p.cost.monthlyUsd).padStart(9)}  TOTAL${p.cost.budgetUsd !== undefined ? `  (budget ${usd(p.cost.budgetUsd)}: ${p.cost.monthlyUsd <= p.cost.budgetUsd ? "within" : "EXCEEDED"})` : ""}`);
    const ng = p.cost.nodeGroups;
    out.push(`  ${usd(ng.atMaxSizeUsd).padStart(9)}  Node groups at maxSize on their dearest types, if the autoscaler scales every group out (not in the total): ${usd(ng.atDesiredUsd)} at the desired size; the month would be ${usd(ng.maxSizeTotalUsd)}`);
    out.push(`  Usage assumptions (policy-pack/config/${p.stack}.json, monthly-cost-within-budget): ` + Object.entries(p.cost.assumptions).map(([k, v]) => `${k}=${v}`).join(", "));
    p.cost.notes.forEach((n) => out.push(`  ${n}`));
    out.push("", "3. Node fit (worst-placed node per group: requests vs allocatable, one pod at its memory limit, a rollout's surge pod)");
    p.nodeFit.groups.forEach((g) => out.push(`  ${g}`));
    out.push(p.nodeFit.problems.length === 0 ? "  the pods fit" : `  DOES NOT FIT: ${p.nodeFit.problems.length}`);
    p.nodeFit.problems.forEach((f) => out.push(`    ${f}`));
    out.push("", "4. Policy verdict (openwebui-guardrails)");
    for (const [level, list] of [["mandatory", p.policy.mandatory], ["advisory", p.policy.advisory]] as const) {
        out.push(`  ${level}: ${list.length}`);
        list.forEach((v) => out.push(`    [${v.policy}] ${v.message}${v.urn ? ` (${v.urn.split("::").pop()})` : ""}`));
    }
    if (p.placeholders.length > 0) {
        out.push("", `5. Placeholders (\`pulumi up\` refuses the stack until they are replaced): ${p.placeholders.length}`);
        p.placeholders.forEach((ph) => out.push(`    ${ph.key}: ${ph.what} in ${ph.value}`));
    }
    const ready = p.placeholders.length === 0 ? "" : ` for preview only — replace the ${p.placeholders.length} placeholder(s) above before \`pulumi up\``;
    out.push("", p.failures.length === 0 ? `Result: OK${ready}` : `Result: FAILED — ${p.failures.join("; ")}`);
    return out.join("\n");
}
