/**
 * A stack without a budget has no one told when it costs too much, and the cost policy
 * (monthly-cost-within-budget) has nothing to hold its estimate against: in dev, where that policy
 * is only advisory, a missing budget would pass. So the budget's presence is its own mandatory policy.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { known, UNKNOWN } from "@openwebui-aws/rules/preview";

const BUDGET = "aws:budgets/budget:Budget";

export const stackHasBudget: StackValidationPolicy = {
    name: "stack-has-budget",
    description:
        "Every stack has a monthly AWS cost budget (aws.budgets.Budget, budgetType COST, timeUnit MONTHLY, a positive limitAmount), mandatory in every stack even where the cost estimate is advisory. A limit not known at preview counts as set; an unknown type or period does not.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const budgets = args.resources.filter((r) => r.type === BUDGET);
        const monthlyCost = budgets.filter((b) => known(() => b.props.budgetType) === "COST" && known(() => b.props.timeUnit) === "MONTHLY");
        if (budgets.length === 0) {
            report("the stack has no AWS budget: nobody is told when it costs too much; keep the ops component's monthly budget (aws.budgets.Budget, budgetType COST) in every stack");
            return;
        }
        if (monthlyCost.length === 0) {
            report(`no budget is a monthly cost budget (${budgets.map((b) => b.name).join(", ")}): set budgetType "COST" and timeUnit "MONTHLY"`);
            return;
        }
        const limited = monthlyCost.some((b) => {
            const amount = known(() => b.props.limitAmount);
            return amount === UNKNOWN || Number(amount) > 0;
        });
        if (!limited) report(`the monthly cost budget has no positive limitAmount (${monthlyCost.map((b) => b.name).join(", ")}): set the stack's budget in USD`);
    },
};
