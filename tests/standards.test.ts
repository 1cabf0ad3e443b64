/**
 * The pack's map to published controls (policy-pack/standards.ts) and its answer to each Checkov
 * finding (policy-pack/checkov-findings.ts) cover what they claim to, and policy-pack/README.md shows
 * them as `npm run docs` would write them today.
 */
import * as assert from "assert";
import * as fs from "fs";
import { DEVIATIONS } from "@openwebui-aws/rules/deviations";
import { policies } from "../policy-pack/policies";
import { CHECKOV_FINDINGS } from "../policy-pack/checkov-findings";
import { STANDARDS } from "../policy-pack/standards";
import { DOCS_AS_OF, sectionOf } from "../plan/readme-sections";
import { PACK_README, PACK_SECTIONS } from "../plan/readme/standards";

describe("the pack's map to the standards", () => {
    it("has an entry for every registered policy, and none for a policy the pack does not have", () => {
        const names = policies.map((p) => p.name);
        assert.deepStrictEqual(names.filter((n) => !(n in STANDARDS)), [], "policies without an entry in policy-pack/standards.ts");
        assert.deepStrictEqual(Object.keys(STANDARDS).filter((n) => !names.includes(n)), [], "entries for policies the pack does not register");
    });

    it("writes control ids in each source's own form, and a reason wherever it says none", () => {
        const forms = { cisEks: /^\d+\.\d+\.\d+$/, fsbp: /^[A-Z0-9]+\.\d+$/, checkov: /^CKV2?_(AWS|K8S)_\d+$/ };
        for (const [name, s] of Object.entries(STANDARDS)) {
            for (const [column, form] of Object.entries(forms) as [keyof typeof forms, RegExp][]) {
                const m = s[column];
                if ("none" in m) assert.ok(m.none.trim().length > 10, `${name} ${column}: none without a reason`);
                else {
                    assert.ok(m.length > 0, `${name} ${column}: an empty list (say none, and why)`);
                    for (const id of m) assert.match(id, form, `${name} ${column}`);
                }
            }
        }
    });

    it("answers each Checkov finding with a registered policy or a written deviation", () => {
        const names = new Set(policies.map((p) => p.name));
        const ids = new Set(DEVIATIONS.map((d) => d.id));
        const dangling = CHECKOV_FINDINGS.filter((f) => ("policy" in f.answer ? !names.has(f.answer.policy) : !ids.has(f.answer.deviation))).map((f) => `${f.check} → ${JSON.stringify(f.answer)}`);
        assert.deepStrictEqual(dangling, []);
    });

    it("lists each Checkov check once, and maps each check a policy answers to that policy too", () => {
        assert.strictEqual(new Set(CHECKOV_FINDINGS.map((f) => f.check)).size, CHECKOV_FINDINGS.length);
        for (const f of CHECKOV_FINDINGS) {
            if (!("policy" in f.answer)) continue;
            const mapped = STANDARDS[f.answer.policy]?.checkov;
            assert.ok(mapped && !("none" in mapped) && mapped.includes(f.check), `${f.check} is answered by ${f.answer.policy}, whose map does not list it`);
        }
    });

    const readme = fs.readFileSync(PACK_README, "utf8");
    for (const [name, render] of Object.entries(PACK_SECTIONS)) {
        it(`policy-pack/README.md's ${name} section is current`, async () => {
            const committed = sectionOf(readme, name);
            assert.ok(committed !== undefined, `policy-pack/README.md has no generated:${name} section`);
            assert.strictEqual(committed, (await render(DOCS_AS_OF)).trim(), `policy-pack/README.md's ${name} section is stale: run \`npm run docs\``);
        });
    }

    it("the README's table has a row per policy, with its map", async () => {
        const rows = (await PACK_SECTIONS.standards(DOCS_AS_OF)).split("\n").slice(2);
        assert.strictEqual(rows.length, policies.length);
        const row = rows.find((r) => r.startsWith("| eks-control-plane-logging |")) ?? "";
        assert.match(row, /\| 2\.1\.1 \| EKS\.8 \| CKV_AWS_37 \|/);
    });
});
