/** The README's generated sections are what `npm run docs` would write today from their sources. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DOCS_AS_OF, SECTIONS, sectionOf, withSection } from "../plan/readme-sections";
import { PROJECT_DIR } from "../sim/stack-files";
import { configTable, firstSentence } from "../plan/readme/config";
import { cell, policyTable } from "../plan/readme/policies";

describe("README generated sections (npm run docs)", () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");

    for (const [name, render] of Object.entries(SECTIONS)) {
        it(`${name}: current with its source`, async () => {
            const committed = sectionOf(readme, name);
            assert.ok(committed !== undefined, `README.md has no generated:${name} section`);
            assert.strictEqual(committed, (await render(DOCS_AS_OF)).trim(), `README.md's ${name} section is stale: run \`npm run docs\``);
        });
    }

    it("replacing a section keeps everything around it and is idempotent", () => {
        const text = "before\n<!-- BEGIN generated:x (npm run docs) -->\nold\n<!-- END generated:x -->\nafter\n";
        const once = withSection(text, "x", "new");
        assert.strictEqual(once, "before\n<!-- BEGIN generated:x (npm run docs) -->\nnew\n<!-- END generated:x -->\nafter\n");
        assert.strictEqual(withSection(once, "x", "new"), once);
        assert.throws(() => withSection("no markers", "x", "new"), /no <!-- BEGIN generated:x/);
    });

    const rowOf = (table: string, first: string) => table.split("\n").find((r) => r.startsWith(`| ${first} |`)) ?? "";

    it("config: stack values left to replace are marked, a stack's real choices are not", async () => {
        const table = await configTable();
        const endpoint = rowOf(table, "`openwebui:endpointPublicAccessCidrs`").split(" | ");
        assert.deepStrictEqual(endpoint.slice(2, 5), ["`[]`", "`[0.0.0.0/0]`", "`[203.0.113.0/24]` — replace"]);
        assert.match(rowOf(table, "`openwebui:nodeGroups.primary`"), /t3\.medium ON_DEMAND .*min 2 \/ desired 2 \/ max 4/);
        assert.match(rowOf(table, "`openwebui:environment`"), /— \(required\)/);
    });

    it("config: a description is cut at its first sentence, not at an abbreviation", () => {
        assert.strictEqual(firstSentence("Read-only access, e.g. the preview role. More here."), "Read-only access, e.g. the preview role.");
        assert.strictEqual(cell("a | b\n c"), "a \\| b c");
    });

    it("policies: each stack's level and settings come from its pack config", async () => {
        const table = await policyTable();
        assert.match(rowOf(table, "eks-public-endpoint-restricted"), /^\| eks-public-endpoint-restricted \| advisory \| mandatory \|/);
        assert.match(rowOf(table, "prod-contract"), /^\| prod-contract \| disabled \| mandatory \(clusterDeletionProtection: true;/);
        assert.match(rowOf(table, "rds-hardening"), /\| mandatory \| mandatory \(requireMultiAz: true; requireDeletionProtection: true\) \|/);
    });
});
