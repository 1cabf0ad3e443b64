import * as assert from "assert";
import { policies } from "../policy-pack/policies";
import { fromRecording, loadPackConfig, runPolicies } from "../sim/policy-runner";
import { stackRun, STACKS } from "./helpers";

for (const stack of STACKS) {
    describe(`policy pack over the ${stack} stack`, () => {
        it("finds no mandatory violation in anything the program registers", async () => {
            const r = await stackRun(stack);
            const violations = await runPolicies(policies, fromRecording(r.resources), { stack, packConfig: loadPackConfig(stack) });
            const mandatory = violations.filter((v) => v.level === "mandatory");
            assert.deepStrictEqual(mandatory, []);
        });

        it("has a policy config for the stack that names its environment", () => {
            const config = loadPackConfig(stack) as Record<string, { environment?: string }>;
            assert.strictEqual(config["naming-convention"]?.environment, stack);
        });
    });
}
