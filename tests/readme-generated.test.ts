/** The README's generated sections are what `npm run docs` would write today from their sources. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DOCS_AS_OF, SECTIONS, sectionOf, withSection } from "../plan/readme-sections";
import { PROJECT_DIR } from "../sim/stack-files";

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
});
