import { StackValidationPolicy } from "@pulumi/policy";
import { estimate } from "@openwebui-aws/rules/cost/estimate";
import { quantitiesFrom } from "@openwebui-aws/rules/cost/quantities";
import { DEFAULT_USAGE, UsageAssumptions } from "@openwebui-aws/rules/cost/usage";

export const COST_POLICY_NAME = "monthly-cost-within-budget";

type CostPolicyConfig = UsageAssumptions & { asOf?: string };

/**
 * The plan's cost model over what the stack registers, against its AWS budget. Usage assumptions
 * come from the pack config (defaults: @openwebui-aws/rules/cost/usage.ts); `npm run plan` passes the stack's own.
 */
export const monthlyCostWithinBudget: StackValidationPolicy = {
    name: COST_POLICY_NAME,
    description: "The estimated monthly cost (at the prices of the stack's region, Seoul or Tokyo: rules/cost) does not exceed the stack's AWS budget.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            ...Object.fromEntries(Object.entries(DEFAULT_USAGE).map(([k, v]) => [k, { type: "number", minimum: 0, default: v }])),
            asOf: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
        },
    },
    validateStack: (args, report) => {
        const { asOf, ...usage } = args.getConfig<CostPolicyConfig>();
        const q = quantitiesFrom(args.resources);
        if (q.budgetUsd === undefined || !Number.isFinite(q.budgetUsd)) {
            report("the stack has no AWS budget to hold the estimate against");
            return;
        }
        try {
            const e = estimate(q, usage, asOf ?? new Date().toISOString().slice(0, 10));
            if (e.monthlyUsd > q.budgetUsd) {
                report(`estimated $${e.monthlyUsd.toFixed(2)}/month exceeds the budget of $${q.budgetUsd.toFixed(2)} (run \`npm run plan -- <stack>\` for the line items)`);
            }
        } catch (err) {
            report(`cannot estimate the cost: ${(err as Error).message}`);
        }
    },
};
