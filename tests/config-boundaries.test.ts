import * as assert from "assert";
import { named, refused, run } from "./helpers";

// Where a config range ends, the last value it accepts and the first it refuses: the mutation run
// (npm run mutate) found these limits untested, so an off-by-one in any of them passed the suite.
describe("config at its limits: the last value accepted, the first refused", function () {
    this.timeout(120_000);

    it("recoveryRetentionDays: 1 and 35 days are kept as written; 0 and 36 are refused, naming RDS's 1..35", async () => {
        for (const days of [1, 35]) {
            const prod = await run("prod", { overrides: { "openwebui:recoveryRetentionDays": String(days) } });
            for (const s of named(prod, "openwebui-ebs-snapshot-policy-prod").inputs.policyDetails.schedules) {
                assert.deepStrictEqual(s.crossRegionCopyRules[0].retainRule, { interval: days, intervalUnit: "DAYS" });
            }
        }
        for (const days of ["0", "36"]) {
            await refused("prod", { "openwebui:recoveryRetentionDays": days }, "openwebui:recoveryRetentionDays", new RegExp(`^.*${days} is outside 1\\.\\.35`));
        }
        // The range holds whether or not the stack copies anything: dev, with no copies, refuses it too.
        await refused("dev", { "openwebui:recoveryRetentionDays": "36" }, "openwebui:recoveryRetentionDays", /outside 1\.\.35/);
    });

    it("recoveryCopies: refused in the recovery region itself, naming it", async () => {
        await refused("dr", { "openwebui:recoveryCopies": "true" }, "openwebui:recoveryCopies", /is true in ap-northeast-1, the recovery region itself/);
    });

    it("bedrockModels: an entry that is not name=modelId, or a name that is not lower-case, is refused, quoting it", async () => {
        const id = "global.anthropic.claude-haiku-4-5-20251001-v1:0";
        await refused("dev", { "openwebui:bedrockModels": JSON.stringify(["haiku"]) }, "openwebui:bedrockModels", /"haiku" is not name=modelId/);
        await refused("dev", { "openwebui:bedrockModels": JSON.stringify([`haiku=${id}=x`]) }, "openwebui:bedrockModels", /is not name=modelId/);
        await refused("dev", { "openwebui:bedrockModels": JSON.stringify([`Haiku=${id}`]) }, "openwebui:bedrockModels", /"Haiku" is not a model name/);
    });

    it("webuiReplicas, litellmReplicas, ecrKeepImages: 0 is refused, 1 is accepted", async () => {
        for (const key of ["webuiReplicas", "litellmReplicas", "ecrKeepImages"]) {
            await refused("dev", { [`openwebui:${key}`]: "0" }, `openwebui:${key}`, /0 is below 1/);
        }
        const one = await run("dev", { overrides: { "openwebui:webuiReplicas": "1", "openwebui:litellmReplicas": "1", "openwebui:ecrKeepImages": "1" } });
        assert.ok(one.resources.length > 0);
    });

    it("budget thresholds: a forecast at 1000% of the budget is accepted, 1001% refused", async () => {
        const r = await run("dev", { overrides: { "openwebui:budgetForecastPercent": "1000" } });
        const budget = r.resources.find((x) => x.type === "aws:budgets/budget:Budget");
        assert.ok(budget?.inputs.notifications.some((n: { threshold: number; notificationType: string }) => n.threshold === 1000 && n.notificationType === "FORECASTED"), JSON.stringify(budget?.inputs.notifications));
        await refused("dev", { "openwebui:budgetForecastPercent": "1001" }, "openwebui:budgetForecastPercent", /1001 is outside \(0, 1000\]/);
    });
});
