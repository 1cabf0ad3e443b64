/**
 * stack-has-budget on hand-made budgets: which budget counts as the stack's monthly cost budget,
 * what a preview does not know yet, and the sentence each failure prints.
 */
import * as assert from "assert";
import { stackHasBudget } from "../../policy-pack/policies/money";
import { PolicyInput } from "../../sim/policy-runner";
import { check } from "./helpers";
import { previewProps, UNKNOWN_STRING } from "../fixtures";

const budget = (name: string, props: Record<string, unknown>): PolicyInput => ({ type: "aws:budgets/budget:Budget", name, props });
const monthly = (name: string, limitAmount: unknown) => budget(name, { budgetType: "COST", timeUnit: "MONTHLY", limitAmount });
const messages = async (resources: PolicyInput[]) => (await check(stackHasBudget, resources)).map((v) => v.message);

describe("stack-has-budget, budget by budget", () => {
    it("only a COST budget over MONTHLY periods counts, and the finding names the budgets it saw", async () => {
        const found = await messages([budget("openwebui-yearly-budget-dev", { budgetType: "COST", timeUnit: "ANNUALLY", limitAmount: "1800" }), budget("openwebui-usage-budget-dev", { budgetType: "USAGE", timeUnit: "MONTHLY", limitAmount: "10" })]);
        assert.deepStrictEqual(found, ['no budget is a monthly cost budget (openwebui-yearly-budget-dev, openwebui-usage-budget-dev): set budgetType "COST" and timeUnit "MONTHLY"']);
    });

    it("one monthly cost budget with a positive limit is enough among others; none with one is named", async () => {
        assert.deepStrictEqual(await messages([monthly("openwebui-zero-budget-dev", "0"), monthly("openwebui-monthly-budget-dev", "150")]), []);
        assert.deepStrictEqual(await messages([monthly("openwebui-zero-budget-dev", "0"), monthly("openwebui-empty-budget-dev", "")]), [
            "the monthly cost budget has no positive limitAmount (openwebui-zero-budget-dev, openwebui-empty-budget-dev): set the stack's budget in USD",
        ]);
    });

    it("a limit a preview does not know yet counts as set; an unknown type or period does not", async () => {
        assert.deepStrictEqual(await messages([budget("openwebui-monthly-budget-dev", previewProps({ budgetType: "COST", timeUnit: "MONTHLY", limitAmount: UNKNOWN_STRING }))]), []);
        assert.deepStrictEqual(await messages([budget("openwebui-monthly-budget-dev", previewProps({ budgetType: UNKNOWN_STRING, timeUnit: "MONTHLY", limitAmount: "150" }))]), [
            'no budget is a monthly cost budget (openwebui-monthly-budget-dev): set budgetType "COST" and timeUnit "MONTHLY"',
        ]);
        assert.deepStrictEqual(await messages([budget("openwebui-monthly-budget-dev", previewProps({ budgetType: "COST", timeUnit: UNKNOWN_STRING, limitAmount: "150" }))]), [
            'no budget is a monthly cost budget (openwebui-monthly-budget-dev): set budgetType "COST" and timeUnit "MONTHLY"',
        ]);
    });
});
