/**
 * Deviations are written once (rules/deviations.ts); the README's security table is generated from
 * them (`npm run docs`, held current by readme-generated.test.ts).
 */
import * as assert from "assert";
import { DEVIATIONS } from "@openwebui-aws/rules/deviations";
import { policies } from "../policy-pack/policies";
import { deviationsTable } from "../plan/readme/policies";

describe("security deviations", () => {
    it("each names a policy the pack has", () => {
        const names = new Set(policies.map((p) => p.name));
        for (const d of DEVIATIONS) assert.ok(d.policy && names.has(d.policy), `${d.id}: ${d.policy}`);
    });

    it("the generated table has one row per deviation, naming its policy", async () => {
        const rows = (await deviationsTable()).split("\n").slice(2);
        assert.strictEqual(rows.length, DEVIATIONS.length);
        DEVIATIONS.forEach((d, i) => assert.ok(rows[i].startsWith(`| ${d.check} |`) && rows[i].endsWith(`| \`${d.policy}\` |`), rows[i]));
    });
});
