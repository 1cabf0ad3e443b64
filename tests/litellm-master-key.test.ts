/**
 * Issue 21: LiteLLM's master key can manage every key, team, model and spend; Open WebUI gets a
 * scoped virtual key instead. Read from what each stack registers: only LiteLLM's release and the
 * virtual-key Job refer to the master key's Secret entry. (Its value cannot be traced under mocks:
 * every generated password reads the same there.)
 */
import * as assert from "assert";
import { LITELLM_SECRET } from "../components/app/setup";
import { stackRun, STACKS } from "./helpers";

/** Every place a resource's inputs name LiteLLM's Secret with its master-key entry, as a path. */
function masterKeyReferences(value: unknown, where: string, found: string[]): string[] {
    if (Array.isArray(value)) value.forEach((v, i) => masterKeyReferences(v, `${where}[${i}]`, found));
    else if (value !== null && typeof value === "object") {
        const o = value as Record<string, unknown>;
        const names = [o.name, o.secretName, o.masterkeySecretName];
        const keys = [o.key, o.masterkeySecretKey];
        if (names.includes(LITELLM_SECRET.name) && keys.includes(LITELLM_SECRET.masterKey)) found.push(where);
        for (const [k, v] of Object.entries(o)) masterKeyReferences(v, `${where}.${k}`, found);
    }
    return found;
}

for (const stack of STACKS) {
    describe(`LiteLLM's master key (${stack})`, () => {
        it("is referred to by LiteLLM's release and the virtual-key Job only, never by Open WebUI", async () => {
            const r = await stackRun(stack);
            const referrers = r.resources.filter((res) => masterKeyReferences(res.inputs, "", []).length > 0).map((res) => `${res.type} ${res.name}`);
            assert.strictEqual(referrers.length, 2, referrers.join("\n"));
            assert.ok(referrers.some((x) => /helm.sh\/v3:Release .*litellm/.test(x)), referrers.join("\n"));
            assert.ok(referrers.some((x) => /batch\/v1:Job .*litellm-key/.test(x)), referrers.join("\n"));
        });
    });
}
