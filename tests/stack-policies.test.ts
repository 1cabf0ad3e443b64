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

        it(stack === "prod" ? "holds prod to a restricted API endpoint (mandatory)" : "only advises dev about its open API endpoint", async () => {
            const r = await stackRun(stack);
            const violations = await runPolicies(policies, fromRecording(r.resources), { stack, packConfig: loadPackConfig(stack) });
            const endpoint = violations.filter((v) => v.policy === "eks-public-endpoint-restricted");
            assert.deepStrictEqual(endpoint.map((v) => v.level), stack === "prod" ? [] : ["advisory"]);
        });

        it("has a policy config for the stack that names its environment", () => {
            const config = loadPackConfig(stack) as Record<string, { environment?: string }>;
            assert.strictEqual(config["naming-convention"]?.environment, stack);
        });
    });
}
