/**
 * The shipped stack files as a new team deploys them: every placeholder replaced by a real value and
 * nothing else touched, then `pulumi up` (isDryRun false) with the stack's policy pack. Both stacks
 * must go through; with the placeholders left in, `up` must refuse them by key.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { ConfigError } from "../config";
import { findPlaceholders, Placeholder } from "../config/placeholders";
import { policies } from "../policy-pack/policies";
import { fromRecording, runPolicies } from "../sim/policy-runner";
import { loadStackFiles, PROJECT_DIR } from "../sim/stack-files";
import { packConfigFor, rejection, run, stackRun, STACKS } from "./helpers";

/** A team's own values for each kind of blank the stack files ship with. */
const REAL_ACCOUNT = "210987654321";
const REAL_DOMAIN = "acme.kr";
// A public block per documentation range, keeping the host part: the same size of range, the team's own.
const REAL_RANGES: Record<string, string> = { "192.0.2.": "211.45.27.", "198.51.100.": "211.45.28.", "203.0.113.": "211.45.29." };

/** The value of a key findPlaceholders named, with every blank in it (a key may hold several kinds) made real. */
function replaced(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(replaced);
    if (typeof value !== "string") return value;
    const own = value.replace(/\b(111122223333|123456789012)\b/g, REAL_ACCOUNT).replace(/\bexample\.(com|org|net)\b/gi, REAL_DOMAIN);
    return Object.entries(REAL_RANGES).reduce((v, [doc, real]) => v.split(doc).join(real), own);
}

/** A copy of the project (Pulumi.yaml and the stack's file) in a temp dir, with only `placeholders` replaced. */
function deployableCopy(stack: string, placeholders: Placeholder[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `openwebui-up-${stack}-`));
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const file = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    for (const p of placeholders) file.config[p.key] = replaced(file.config[p.key]);
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), yaml.dump(file));
    return dir;
}

for (const stack of STACKS) {
    describe(`pulumi up of the shipped ${stack} stack file`, () => {
        const shipped = loadStackFiles(stack).config;
        const placeholders = findPlaceholders(shipped, "openwebui");
        let dir: string;
        before(() => {
            dir = deployableCopy(stack, placeholders);
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("with only its placeholders replaced, goes through with no mandatory policy violation", async () => {
            const copy = loadStackFiles(stack, dir).config;
            assert.deepStrictEqual(findPlaceholders(copy, "openwebui"), [], "every placeholder was replaced");
            const changed = Object.keys(shipped).filter((k) => copy[k] !== shipped[k]).sort();
            assert.deepStrictEqual(changed, placeholders.map((p) => p.key), "nothing but the placeholders changed");
            assert.deepStrictEqual(Object.keys(copy).sort(), Object.keys(shipped).sort());

            const up = await run(stack, { up: true, projectDir: dir });
            const preview = await stackRun(stack);
            assert.deepStrictEqual(up.resources.map((r) => `${r.type} ${r.name}`).sort(), preview.resources.map((r) => `${r.type} ${r.name}`).sort(), "the same resources as the shipped file's preview");
            const violations = await runPolicies(policies, fromRecording(up.resources), { stack, packConfig: packConfigFor(stack, REAL_ACCOUNT) });
            assert.deepStrictEqual(violations.filter((v) => v.level === "mandatory"), []);
        });

        it("with its placeholders left in, is refused before anything is registered, naming each key", async () => {
            assert.ok(placeholders.length > 0);
            const e = await rejection(run(stack, { up: true }));
            assert.ok(e instanceof ConfigError, String(e));
            assert.strictEqual(e.registeredBeforeFailure, 0);
            assert.strictEqual(e.key, placeholders[0].key);
            assert.ok(e.message.endsWith(`: ${placeholders.map((p) => `${p.key} (${p.what})`).join(", ")}`), e.message);
        });
    });
}

describe("pulumi up of dev's open API endpoint", () => {
    it("is not taken for a placeholder: 0.0.0.0/0 is a written choice", () => {
        const keys = findPlaceholders(loadStackFiles("dev").config, "openwebui").map((p) => p.key);
        assert.strictEqual(loadStackFiles("dev").config["openwebui:endpointPublicAccessCidrs"], JSON.stringify(["0.0.0.0/0"]));
        assert.ok(!keys.includes("openwebui:endpointPublicAccessCidrs"), keys.join(", "));
    });
});
