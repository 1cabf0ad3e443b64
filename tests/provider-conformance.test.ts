/**
 * Every registered resource against what providers and AWS refuse beyond types (sim/provider-rules.ts).
 * The mock engine accepts anything; these rules are why a bad description or an argument
 * combination @pulumi/eks rejects fails here and not at the first real preview.
 */
import * as assert from "assert";
import { checkConformance, PROVIDER_RULES } from "../sim/provider-rules";
import { stackRun, STACKS } from "./helpers";

describe("provider and AWS API conformance", () => {
    for (const stack of STACKS) {
        it(`${stack}: every registered resource passes every rule`, async () => {
            const r = await stackRun(stack);
            assert.deepStrictEqual(checkConformance(r.resources), []);
        });
    }

    it("every rule names its source and applies to a type the program registers", async () => {
        // dev runs Postgres as a StatefulSet, prod RDS: a rule applies if either stack registers its type.
        const types = new Set([...(await stackRun("prod")).resources, ...(await stackRun("dev")).resources].map((r) => r.type));
        for (const rule of PROVIDER_RULES) {
            assert.ok(rule.source.length > 20, `${rule.id} has no source`);
            assert.ok(rule.type === "*" || types.has(rule.type), `${rule.id}: the program registers no ${rule.type}`);
        }
    });

    for (const rule of PROVIDER_RULES) {
        it(`${rule.id}: catches its violating example`, () => {
            const type = rule.type === "*" ? "aws:ec2/vpc:Vpc" : rule.type;
            const found = checkConformance([{ type, name: "example", inputs: rule.violating }]);
            assert.deepStrictEqual(found.map((f) => f.rule), [rule.id]);
        });
    }
});
