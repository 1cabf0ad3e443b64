/**
 * renovate.json's custom managers find versions by regex in Pulumi.yaml: a renamed key or a
 * reworded description would silently stop the updates. Renovate's validator (`npm run
 * lint:renovate`) checks the config's shape, not what its regexes find; this checks what they find.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../sim/stack-files";

interface CustomManager {
    managerFilePatterns: string[];
    matchStrings: string[];
    depNameTemplate: string;
}
interface PackageRule {
    groupName?: string;
    matchDepNames?: string[];
    matchPackageNames?: string[];
    rangeStrategy?: string;
}

const read = (file: string) => fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
const config = JSON.parse(read("renovate.json")) as { customManagers: CustomManager[]; packageRules: PackageRule[] };
const vendored = fs.readdirSync(path.join(PROJECT_DIR, "vendor")).flatMap((name) =>
    fs.readdirSync(path.join(PROJECT_DIR, "vendor", name)).map((dir) => ({ name, dir, source: JSON.parse(read(`vendor/${name}/${dir}/source.json`)) as { chartVersion: string } })),
);
/** Renovate writes file patterns as `/regex/`. */
const filePattern = (p: string) => new RegExp(p.replace(/^\/(.*)\/$/, "$1"));

describe("renovate.json", () => {
    it("finds each vendored chart's pinned version in Pulumi.yaml, exactly once, at the vendored version", () => {
        assert.ok(vendored.length > 0);
        for (const { name, dir, source } of vendored) {
            const managers = config.customManagers.filter((m) => m.depNameTemplate === name);
            assert.strictEqual(managers.length, 1, `one custom manager for vendor/${name}`);
            const [manager] = managers;
            assert.ok(manager.managerFilePatterns.some((p) => filePattern(p).test("Pulumi.yaml")));
            const found = manager.matchStrings.flatMap((s) => [...read("Pulumi.yaml").matchAll(new RegExp(s, "g"))].map((m) => m.groups?.currentValue));
            assert.deepStrictEqual(found, [source.chartVersion], `vendor/${name}/${dir}`);
        }
    });

    it("every custom manager finds its one value", () => {
        for (const m of config.customManagers) {
            const found = m.matchStrings.flatMap((s) => [...read("Pulumi.yaml").matchAll(new RegExp(s, "g"))]);
            assert.strictEqual(found.length, 1, m.depNameTemplate);
        }
    });

    it("groups the vendored charts in one PR, and the exact-pinned @pulumi packages in another", () => {
        const charts = config.packageRules.find((r) => r.groupName === "helm charts and vendored releases");
        for (const { name } of vendored) assert.ok(charts?.matchDepNames?.includes(name), name);
        const pulumi = config.packageRules.find((r) => r.groupName === "pulumi packages");
        assert.deepStrictEqual(pulumi?.matchPackageNames, ["@pulumi/**"]);
        assert.strictEqual(pulumi?.rangeStrategy, "pin");
    });

    it("the @pulumi packages it groups are pinned exactly, one version each across the three projects", () => {
        const seen = new Map<string, string>();
        for (const file of ["package.json", "policy-pack/package.json", "deployment/package.json"]) {
            const manifest = JSON.parse(read(file)) as Record<string, Record<string, string> | undefined>;
            for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
                if (!name.startsWith("@pulumi/")) continue;
                assert.match(version, /^\d+\.\d+\.\d+$/, `${file}: ${name}`);
                assert.strictEqual(seen.get(name) ?? version, version, `${file}: ${name}`);
                seen.set(name, version);
            }
        }
        assert.ok(seen.has("@pulumi/pulumi"));
    });

    it("groups the StrykerJS packages in one PR, all pinned to one version (score.mjs's instrumenter is the run's)", () => {
        const stryker = config.packageRules.find((r) => r.groupName === "stryker packages");
        assert.deepStrictEqual(stryker?.matchPackageNames, ["@stryker-mutator/**"]);
        const manifest = JSON.parse(read("package.json")) as { devDependencies: Record<string, string> };
        const versions = Object.entries(manifest.devDependencies).filter(([name]) => name.startsWith("@stryker-mutator/"));
        assert.deepStrictEqual(versions.map(([name]) => name).sort(), ["@stryker-mutator/core", "@stryker-mutator/instrumenter", "@stryker-mutator/mocha-runner", "@stryker-mutator/typescript-checker"]);
        assert.strictEqual(new Set(versions.map(([, v]) => v)).size, 1, JSON.stringify(versions));
        assert.match(versions[0][1], /^\d+\.\d+\.\d+$/);
    });
});
