/**
 * README sections written by a command, not by hand: each is rendered from the single source it
 * summarises, between markers, and `tests/readme-generated.test.ts` fails when the committed README
 * differs from what `npm run docs` would write.
 */
import { COST_COMPONENTS, estimate } from "@openwebui-aws/rules/cost/estimate";
import { DESIGN_BASELINE, DESIGN_COST_OPTIMISED, DESIGN_TABLE_USD, designUsage } from "@openwebui-aws/rules/cost/design-baseline";
import { MONTHLY_TARGET_USD } from "@openwebui-aws/rules/cost/targets";
import { leverCosts } from "./levers";
import { PlanResult } from "./plan";
import { cachedPlan } from "./plan-cache";
import { configTable } from "./readme/config";
import { deviationsTable, policyTable } from "./readme/policies";

export type SectionRenderer = (asOf: string) => Promise<string>;

const usd = (n: number) => `${n < 0 ? "−" : "+"}$${Math.abs(n).toFixed(2)}`;

async function leversTable(asOf: string): Promise<string> {
    const rows = await leverCosts(asOf);
    return [
        "| stack | setting | instead of | a month | what it gives up |",
        "|---|---|---|---|---|",
        ...rows.map((l) => `| ${l.stack} | \`${l.key}: ${l.value}\` | \`${l.instead}\` | ${usd(l.differenceUsd)} | ${l.givesUp} |`),
    ].join("\n");
}

const money = (n: number) => n.toFixed(2);

/** Cost by component for every stack with a target, then each stack's line items. */
async function costTables(asOf: string): Promise<string> {
    const stacks = Object.keys(MONTHLY_TARGET_USD);
    const plans: PlanResult[] = [];
    for (const stack of stacks) plans.push(await cachedPlan(stack, asOf));
    const row = (label: string, cells: string[]) => `| ${label} | ${cells.join(" | ")} |`;
    const summary = [
        row("component", stacks),
        row("---", stacks.map(() => "---:")),
        ...COST_COMPONENTS.map((c) => row(c, plans.map((p) => money(p.cost.byComponent[c])))),
        row("**total a month**", plans.map((p) => `**${money(p.cost.monthlyUsd)}**`)),
        row("target", stacks.map((s) => `≤ ${money(MONTHLY_TARGET_USD[s])}`)),
        row("budget (`budgetMonthlyUsd`)", plans.map((p) => (p.cost.budgetUsd === undefined ? "none" : money(p.cost.budgetUsd)))),
        row("node groups at the desired size", plans.map((p) => money(p.cost.nodeGroups.atDesiredUsd))),
        row("node groups at maxSize, dearest types", plans.map((p) => money(p.cost.nodeGroups.atMaxSizeUsd))),
        row("the month with every group at maxSize", plans.map((p) => money(p.cost.nodeGroups.maxSizeTotalUsd))),
    ];
    const details = plans.map((p) =>
        [
            `<details><summary>${p.stack}: every line item</summary>`,
            "",
            "| component | line item | a month |",
            "|---|---|---:|",
            ...[...p.cost.lineItems].sort((a, b) => COST_COMPONENTS.indexOf(a.component) - COST_COMPONENTS.indexOf(b.component)).map((i) => `| ${i.component} | ${i.item}${i.note ? ` (${i.note})` : ""} | ${money(i.monthlyUsd)} |`),
            "",
            "</details>",
        ].join("\n"),
    );
    return [`Priced as of ${asOf}.`, "", ...summary, "", ...details.flatMap((d) => [d, ""])].join("\n").trim();
}

/** The design's two configurations re-priced in Seoul, beside what the stacks cost. */
async function designComparison(asOf: string): Promise<string> {
    const dev = await cachedPlan("dev", asOf);
    const prod = await cachedPlan("prod", asOf);
    const prodPlatform = await cachedPlan("prod", asOf, { appEnabled: "false" });
    const spot = dev.cost.assumptions.spotDiscountPercent;
    const baseline = estimate(DESIGN_BASELINE, designUsage(spot), asOf).monthlyUsd;
    const optimised = estimate(DESIGN_COST_OPTIMISED, designUsage(spot), asOf).monthlyUsd;
    return [
        "| configuration | design (us-east-1) | design re-priced in Seoul | this project |",
        "|---|---|---|---|",
        `| the design's baseline (prod's shape: 2 × t3.medium on demand, a NAT gateway per AZ) | $${DESIGN_TABLE_USD.baseline} | $${money(baseline)} | prod without the application (\`--set appEnabled=false\`) $${money(prodPlatform.cost.monthlyUsd)}; prod $${money(prod.cost.monthlyUsd)} |`,
        `| the design's cost-optimised configuration (the same nodes on spot at ${spot}% off, one NAT gateway) | $${DESIGN_TABLE_USD.costOptimised} | $${money(optimised)} | dev $${money(dev.cost.monthlyUsd)}, application included |`,
    ].join("\n");
}

export const SECTIONS: Record<string, SectionRenderer> = {
    cost: costTables,
    design: designComparison,
    levers: leversTable,
    config: configTable,
    deviations: deviationsTable,
    policies: policyTable,
};

const begin = (name: string) => `<!-- BEGIN generated:${name} (npm run docs) -->`;
const end = (name: string) => `<!-- END generated:${name} -->`;

/** The text between a section's markers, or undefined when the README has no such section. */
export function sectionOf(readme: string, name: string): string | undefined {
    const start = readme.indexOf(begin(name));
    const stop = readme.indexOf(end(name));
    if (start < 0 || stop < start) return undefined;
    return readme.slice(start + begin(name).length, stop).trim();
}

export function withSection(readme: string, name: string, body: string): string {
    const start = readme.indexOf(begin(name));
    const stop = readme.indexOf(end(name));
    if (start < 0 || stop < start) throw new Error(`README.md has no ${begin(name)} … ${end(name)} markers`);
    return `${readme.slice(0, start)}${begin(name)}\n${body}\n${readme.slice(stop)}`;
}

/** The day generated figures are priced as: fixed, so the README does not change with the calendar. */
export const DOCS_AS_OF = "2026-12-07";
