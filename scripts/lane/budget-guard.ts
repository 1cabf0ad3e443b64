/**
 * The real-cloud lane's money cap: before `pulumi up`, the lane account's month-to-date spend (Cost
 * Explorer's answer, `aws ce get-cost-and-usage … --granularity MONTHLY --metrics UnblendedCost`)
 * plus what one run may cost must stay under the cap. A run that would cross it does not start.
 * A run's cost is the lane stack's planned month at every node group's maxSize (`npm run plan --
 * <stack> --json`, cost.nodeGroups.maxSizeTotalUsd) for the hours the run may last: the worst case.
 *
 * `npm run -s lane:guard -- --cap <USD> --plan <plan.json> --hours <h> <cost-explorer.json>`;
 * exit 0 go, 1 stop, 2 bad input.
 */
import * as fs from "fs";

export interface GuardDecision {
    go: boolean;
    monthToDate: number;
    message: string;
}

/** Sums UnblendedCost over every period in a GetCostAndUsage answer; refuses anything else. */
export function monthToDateUsd(answer: unknown): number {
    const periods = (answer as { ResultsByTime?: unknown })?.ResultsByTime;
    if (!Array.isArray(periods)) throw new Error("not a Cost Explorer GetCostAndUsage answer (no ResultsByTime)");
    type Period = { TimePeriod?: unknown; Total?: { UnblendedCost?: { Amount?: string; Unit?: string } } };
    return (periods as Period[]).reduce((sum: number, p) => {
        const cost = p?.Total?.UnblendedCost;
        if (!cost || cost.Unit !== "USD" || !Number.isFinite(Number(cost.Amount))) throw new Error(`period ${JSON.stringify(p?.TimePeriod)} has no UnblendedCost in USD`);
        return sum + Number(cost.Amount);
    }, 0);
}

export function decide(answer: unknown, capUsd: number, runCostUsd: number): GuardDecision {
    if (!(capUsd > 0)) throw new Error(`the cap must be a positive number of USD (got ${capUsd})`);
    if (!(runCostUsd >= 0)) throw new Error(`the run's cost must be zero or more USD (got ${runCostUsd})`);
    const monthToDate = monthToDateUsd(answer);
    const after = monthToDate + runCostUsd;
    const go = after <= capUsd;
    const figures = `month to date ${monthToDate.toFixed(2)} + this run ${runCostUsd.toFixed(2)} = ${after.toFixed(2)} USD, cap ${capUsd.toFixed(2)} USD`;
    return { go, monthToDate, message: go ? `go: ${figures}` : `stop: ${figures}. Raise LANE_MONTHLY_CAP_USD or wait for next month.` };
}

const HOURS_PER_MONTH = 730; // the plan's own month (plan/report.ts notes)

/** The worst a run of `hours` can cost, from the lane stack's plan (`npm run plan -- <stack> --json`). */
export function runCostUsd(plan: unknown, hours: number): number {
    const month = (plan as { cost?: { nodeGroups?: { maxSizeTotalUsd?: unknown } } })?.cost?.nodeGroups?.maxSizeTotalUsd;
    if (typeof month !== "number" || !Number.isFinite(month)) throw new Error("not a plan answer (npm run plan -- <stack> --json): no cost.nodeGroups.maxSizeTotalUsd");
    if (!(hours > 0)) throw new Error(`--hours must be a positive number (got ${hours})`);
    return (month * hours) / HOURS_PER_MONTH;
}

function flag(args: string[], name: string): string | undefined {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
}

if (require.main === module) {
    const args = process.argv.slice(2);
    const file = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"))[0];
    try {
        const planFile = flag(args, "--plan");
        if (!file || !planFile) throw new Error("usage: lane:guard -- --cap <USD> --plan <plan.json> --hours <h> <cost-explorer.json>");
        const run = runCostUsd(JSON.parse(fs.readFileSync(planFile, "utf8")), Number(flag(args, "--hours")));
        const decision = decide(JSON.parse(fs.readFileSync(file, "utf8")), Number(flag(args, "--cap")), run);
        console.log(decision.message);
        process.exit(decision.go ? 0 : 1);
    } catch (e) {
        console.error(`lane:guard: ${(e as Error).message}`);
        process.exit(2);
    }
}
