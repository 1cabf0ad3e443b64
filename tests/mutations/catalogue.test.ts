/**
 * Issue 22's "mutation suite of the project's own": every mistake of the catalogue is stopped by a
 * mandatory violation in each stack where it matters. A mistake whose target a stack lacks (no RDS
 * in dev) is reported as not applicable and never counted as caught.
 */
import * as assert from "assert";
import { CATALOGUE } from "./catalogue";
import { CLASSES, evaluate, Finding, report } from "./kit";

describe("mutation catalogue: the pack stops each realistic mistake (mandatory)", function () {
    let findings: Finding[] = [];
    before(async () => {
        findings = await evaluate(CATALOGUE);
        console.log(report("mutation catalogue, caught/applicable per class", findings));
    });

    it("is data: at least 40 entries with unique ids, covering every class", () => {
        assert.ok(CATALOGUE.length >= 40, `${CATALOGUE.length} entries`);
        assert.strictEqual(new Set(CATALOGUE.map((m) => m.id)).size, CATALOGUE.length);
        assert.deepStrictEqual(CLASSES.filter((c) => !CATALOGUE.some((m) => m.class === c)), []);
    });

    it("every entry applies to at least one of the stacks it names", () => {
        const dead = CATALOGUE.filter((m) => !findings.some((f) => f.mutation === m && f.outcome.result !== "not applicable"));
        assert.deepStrictEqual(dead.map((m) => m.id), []);
    });

    it("every applicable entry is caught in every stack where it matters", () => {
        const escaped = findings.filter((f) => f.outcome.result === "escaped").map((f) => `${f.stack}: ${f.mutation.id}`);
        assert.deepStrictEqual(escaped, []);
    });
});
