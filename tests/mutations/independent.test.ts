/**
 * Issue 22's second, independent set of mistakes (tests/mutations/independent.ts): the pack stops at
 * least 90% of those that apply, in each stack, with a mandatory violation. The report names each
 * escape, so a drop below the bar says which mistakes slipped through.
 */
import * as assert from "assert";
import { CATALOGUE } from "./catalogue";
import { INDEPENDENT } from "./independent";
import { catchRate, CLASSES, evaluate, Finding, report } from "./kit";
import { STACKS } from "../helpers";

const REQUIRED_RATE = 0.9;

describe("independent mistakes: the pack stops at least 90% in each stack", function () {
    let findings: Finding[] = [];
    before(async () => {
        findings = await evaluate(INDEPENDENT);
        console.log(report("independent mistakes, caught/applicable per class", findings));
    });

    it("is a set of its own: no id or mistake of the catalogue, and every class", () => {
        const ids = new Set(CATALOGUE.map((m) => m.id));
        const descriptions = new Set(CATALOGUE.map((m) => m.description));
        assert.deepStrictEqual(INDEPENDENT.filter((m) => ids.has(m.id) || descriptions.has(m.description)).map((m) => m.id), []);
        assert.strictEqual(new Set(INDEPENDENT.map((m) => m.id)).size, INDEPENDENT.length);
        assert.deepStrictEqual(CLASSES.filter((c) => !INDEPENDENT.some((m) => m.class === c)), []);
    });

    it("every entry applies to at least one of the stacks it names", () => {
        const dead = INDEPENDENT.filter((m) => !findings.some((f) => f.mutation === m && f.outcome.result !== "not applicable"));
        assert.deepStrictEqual(dead.map((m) => m.id), []);
    });

    for (const stack of STACKS) {
        it(`${stack}: at least ${REQUIRED_RATE * 100}% of the applicable mistakes caught`, () => {
            const rate = catchRate(findings, stack);
            assert.ok(rate !== undefined, `no mistake applies to ${stack}`);
            const escaped = findings.filter((f) => f.stack === stack && f.outcome.result === "escaped").map((f) => f.mutation.id);
            assert.ok(rate >= REQUIRED_RATE, `${(rate * 100).toFixed(0)}% caught in ${stack}; escaped: ${escaped.join(", ")}`);
        });
    }
});
