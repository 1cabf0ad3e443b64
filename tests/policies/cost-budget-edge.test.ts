/**
 * monthly-cost-within-budget at its edge: an estimate equal to the budget is within it, a cent
 * more is not (the budget's 100% e-mail is the alarm; the policy refuses only what would exceed it).
 */
import * as assert from "assert";
import { monthlyCostWithinBudget } from "../../policy-pack/policies/cost";
import { PolicyInput } from "../../sim/policy-runner";
import { check } from "./helpers";

const cluster: PolicyInput = { type: "aws:eks/cluster:Cluster", name: "openwebui-eks-dev-eksCluster", props: { name: "openwebui-eks-dev", version: "1.35", upgradePolicy: { supportType: "STANDARD" } } };
const budget = (limitAmount: string): PolicyInput => ({ type: "aws:budgets/budget:Budget", name: "openwebui-monthly-budget-dev", props: { limitAmount } });
const config = { "monthly-cost-within-budget": { asOf: "2026-11-28" } };

describe("policy monthly-cost-within-budget at the budget", () => {
    it("an estimate equal to the budget is within it; one cent less budget is exceeded", async () => {
        const [over] = await check(monthlyCostWithinBudget, [cluster, budget("1.00")], config);
        const estimate = /^estimated \$(\d+\.\d\d)\/month exceeds the budget of \$1\.00 /.exec(over.message)?.[1];
        assert.ok(estimate, over.message);
        assert.deepStrictEqual(await check(monthlyCostWithinBudget, [cluster, budget(estimate)], config), []);
        const [short] = await check(monthlyCostWithinBudget, [cluster, budget((Number(estimate) - 0.01).toFixed(2))], config);
        assert.match(short.message, new RegExp(`^estimated \\$${estimate.replace(".", "\\.")}/month exceeds the budget of \\$${(Number(estimate) - 0.01).toFixed(2).replace(".", "\\.")} `));
    });
});
