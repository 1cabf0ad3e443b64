/**
 * The pack loads from its own tarball in an empty folder and judges both stacks as the in-repo
 * policies do. This is the artefact `pulumi policy publish` and deployment/ upload.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACK_NAME, policies } from "../policy-pack/policies";
import { packVersion } from "../policy-pack/published";
import { InstalledPack, PackedAnalyzer, packAndInstall } from "../sim/packed-analyzer";
import { fromRecording, loadPackConfig, runPolicies, Violation } from "../sim/policy-runner";
import { stackRun, STACKS } from "./helpers";

const key = (v: Violation) => `${v.level} ${v.policy} ${v.urn ?? ""} ${v.message}`;

describe("the policy pack as published (npm pack → empty folder → npm install → analyzer gRPC)", function () {
    this.timeout(180_000);
    let installed: InstalledPack;
    let analyzer: PackedAnalyzer;

    before(async () => {
        installed = packAndInstall();
        analyzer = await PackedAnalyzer.start(installed.dir);
    });
    after(() => {
        analyzer?.stop();
        if (installed) fs.rmSync(path.dirname(installed.tarball), { recursive: true, force: true });
    });

    it("ships the bundle, PulumiPolicy.yaml, package.json and its README (npm always packs a README), and nothing from outside policy-pack/", () => {
        assert.deepStrictEqual(installed.files, ["PulumiPolicy.yaml", "README.md", "dist/index.js", "package.json"]);
        const manifest = JSON.parse(fs.readFileSync(path.join(installed.dir, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
        // The service runs `npm install` on the tarball: every dependency must come from the registry.
        const deps = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies };
        assert.deepStrictEqual(Object.keys(deps).sort(), ["@pulumi/policy", "@pulumi/pulumi"]);
        const bundle = fs.readFileSync(path.join(installed.dir, "dist", "index.js"), "utf8");
        const required = [...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
        assert.deepStrictEqual([...new Set(required)].sort(), ["@pulumi/policy"], "the bundle loads nothing but registry packages");
    });

    it("serves the pack's name, its package.json version and every policy", async () => {
        const info = await analyzer.info();
        assert.strictEqual(info.getName(), PACK_NAME);
        assert.strictEqual(info.getVersion(), packVersion());
        assert.deepStrictEqual(info.getPoliciesList().map((p) => p.getName()).sort(), policies.map((p) => p.name).sort());
    });

    for (const stack of STACKS) {
        it(`passes the ${stack} stack with no mandatory violation, and reports what the in-repo run reports`, async () => {
            const resources = fromRecording((await stackRun(stack)).resources);
            const packConfig = loadPackConfig(stack);
            await analyzer.configure(packConfig);
            const fromTarball = await analyzer.analyze(resources, stack);
            assert.deepStrictEqual(fromTarball.filter((v) => v.level === "mandatory"), []);
            const inRepo = await runPolicies(policies, resources, { stack, packConfig });
            assert.deepStrictEqual(fromTarball.map(key).sort(), inRepo.map(key).sort());
        });
    }

    it("still catches a violation once packed (an untagged, misnamed VPC)", async () => {
        await analyzer.configure(loadPackConfig("prod"));
        const found = await analyzer.analyze([{ type: "aws:ec2/vpc:Vpc", name: "my-vpc", props: { cidrBlock: "10.0.0.0/16" } }], "prod");
        const policiesHit = new Set(found.filter((v) => v.level === "mandatory").map((v) => v.policy));
        assert.ok(policiesHit.has("naming-convention") && policiesHit.has("required-tags"), JSON.stringify(found));
    });
});
