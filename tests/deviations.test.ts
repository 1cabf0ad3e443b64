/** Deviations are written once (rules/deviations.ts) and the README's security table says the same. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEVIATIONS } from "@openwebui-aws/rules/deviations";
import { policies } from "../policy-pack/policies";
import { PROJECT_DIR } from "../sim/stack-files";

describe("security deviations", () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Security decisions and deviations"), readme.indexOf("## How the offline tests work"));

    it("the README's table lists exactly the deviations rules/deviations.ts holds", () => {
        const rows = [...section.matchAll(/^\| (?!check \||---)(.+) \| (.+) \| (.+) \| `([\w-]+)` \|$/gm)].map((m) => ({ check: m[1], decision: m[2], reason: m[3], policy: m[4] }));
        assert.deepStrictEqual(rows, DEVIATIONS.map(({ check, decision, reason, policy }) => ({ check, decision, reason, policy })));
    });

    it("each names a policy the pack has", () => {
        const names = new Set(policies.map((p) => p.name));
        for (const d of DEVIATIONS) assert.ok(d.policy && names.has(d.policy), `${d.id}: ${d.policy}`);
    });
});
