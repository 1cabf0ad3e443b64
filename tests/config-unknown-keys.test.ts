import * as assert from "assert";
import { closest, editDistance } from "../config/unknown-keys";
import { refused, run } from "./helpers";

// The typo guard (config/unknown-keys.ts) beyond config.test's single examples: the distance it
// ranks by, which guess wins, which namespaces count as near-misses of the project's.
describe("unknown config keys and namespaces", function () {
    this.timeout(120_000);

    it("edit distance counts insertions, deletions and substitutions, to the last character", () => {
        assert.strictEqual(editDistance("kitten", "sitting"), 3);
        assert.strictEqual(editDistance("", "abc"), 3);
        assert.strictEqual(editDistance("abc", ""), 3);
        assert.strictEqual(editDistance("abcd", "abce"), 1);
        assert.strictEqual(editDistance("vpcCidr", "vpcCidr"), 0);
    });

    it("the closest key: a case-only difference first, then the nearest, the first of a tie, none when far", () => {
        assert.strictEqual(closest("VPCCIDR", ["vpcCidrs", "vpcCidr"]), "vpcCidr");
        assert.strictEqual(closest("ab", ["ac", "ad"]), "ac");
        assert.strictEqual(closest("natGatewaystrategy", ["natGatewayStrategy", "natInstanceType"]), "natGatewayStrategy");
        assert.strictEqual(closest("colour", ["vpcCidr", "owner"]), undefined);
    });

    it("of several unknown keys the first in key order is named; a key with a colon is named whole", async () => {
        await refused("dev", { "openwebui:zzz": "1", "openwebui:colour": "blue" }, "openwebui:colour", /is not a setting of openwebui/);
        await refused("dev", { "openwebui:nodeGroups:primary": "{}" }, "openwebui:nodeGroups:primary", /is not a setting of openwebui/);
    });

    it("a namespace within two edits of the project's, in any case, is refused; others and tools' namespaces are not", async () => {
        for (const ns of ["OpenWebUI", "openweb", "opnwebui"]) {
            await refused("dev", { [`${ns}:vpcCidr`]: "10.0.0.0/16" }, `${ns}:vpcCidr`, new RegExp(`"${ns}" is not this project's namespace: did you mean openwebui:vpcCidr\\?$`));
        }
        await refused("dev", { "openwebu:colour": "blue" }, "openwebu:colour", /"openwebu" is not this project's namespace$/);
        const r = await run("dev", { overrides: { "opnwbu:x": "1", "kubernetes:enableServerSideApply": "true", "awsx:x": "1" } });
        assert.ok(r.resources.length > 0);
    });
});
