import * as assert from "assert";
import { monthlyCostWithinBudget } from "../../policy-pack/policies/cost";
import { loadPackConfig, PolicyInput } from "../../sim/policy-runner";
import { assertFlags, assertPasses, check } from "./helpers";

const cluster: PolicyInput = { type: "aws:eks/cluster:Cluster", name: "openwebui-eks-prod-eksCluster", props: { name: "openwebui-eks-prod", version: "1.35", upgradePolicy: { supportType: "STANDARD" } } };
const nodes: PolicyInput = {
    type: "aws:eks/nodeGroup:NodeGroup",
    name: "openwebui-primary-nodes-prod",
    props: { nodeGroupName: "openwebui-primary-nodes-prod", instanceTypes: ["t3.medium"], capacityType: "ON_DEMAND", scalingConfig: { desiredSize: 2 } },
};
const budget = (limitAmount: string): PolicyInput => ({ type: "aws:budgets/budget:Budget", name: "openwebui-monthly-budget-prod", props: { limitAmount } });
const asOf = { "monthly-cost-within-budget": { asOf: "2026-11-28" } };

describe("policy monthly-cost-within-budget", () => {
    // 73 + 75.92 + 3.65 (2 × 20 GB) + defaults for the ALB, IPs, traffic and logs ≈ $193.
    it("accepts a stack whose estimate fits its budget", async () => {
        await assertPasses(monthlyCostWithinBudget, [cluster, nodes, budget("250.00")], asOf);
    });

    it("flags an estimate above the budget, with both amounts", async () => {
        await assertFlags(monthlyCostWithinBudget, [cluster, nodes, budget("150.00")], /estimated \$\d+\.\d\d\/month exceeds the budget of \$150\.00/, asOf);
    });

    it("flags a stack without a budget, and a node type it cannot price", async () => {
        await assertFlags(monthlyCostWithinBudget, [cluster, nodes], /no AWS budget/, asOf);
        const odd = { ...nodes, props: { ...nodes.props, instanceTypes: ["x9.huge"] } };
        await assertFlags(monthlyCostWithinBudget, [cluster, odd, budget("250.00")], /no Seoul price for instance type x9\.huge/, asOf);
    });

    it("prices extended support once the version has left standard and the policy allows it", async () => {
        const extended = { ...cluster, props: { ...cluster.props, version: "1.34", upgradePolicy: { supportType: "EXTENDED" } } };
        await assertPasses(monthlyCostWithinBudget, [extended, nodes, budget("250.00")], { "monthly-cost-within-budget": { asOf: "2026-12-01" } });
        await assertFlags(monthlyCostWithinBudget, [extended, nodes, budget("250.00")], /exceeds/, { "monthly-cost-within-budget": { asOf: "2026-12-02" } });
    });

    it("is advisory in dev and mandatory in prod", async () => {
        const over = [cluster, nodes, budget("100.00")];
        const [dev] = await check(monthlyCostWithinBudget, over, loadPackConfig("dev"));
        const [prod] = await check(monthlyCostWithinBudget, over, loadPackConfig("prod"));
        assert.deepStrictEqual([dev.level, prod.level], ["advisory", "mandatory"]);
    });
});
