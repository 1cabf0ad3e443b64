import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEPLOY_PATHS } from "../deployment/paths";
import { packVersion } from "../policy-pack/published";
import { ProgramRun } from "../sim/mock-engine";
import { loadStackFiles, PROJECT_DIR } from "../sim/stack-files";
import { deploymentRun, jsonInput, named, ofType, rejection, run } from "./helpers";

const DEPLOYMENT_DIR = path.join(PROJECT_DIR, "deployment");
const ACCOUNT = "123456789012";
const ORG = "my-org";

const deployment = deploymentRun;

/** Deployments path filters are globs: `**` any depth, `*` within one path segment. */
function matchesAny(file: string, globs: readonly string[]): boolean {
    return globs.some((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*\*/g, "\u0000").replace(/\*/g, "[^/]*").replace(/\u0000/g, ".*")}$`).test(file));
}

const statementsOf = (r: ProgramRun, role: string) => jsonInput(named(r, `${role}-inline`), "policy").Statement as any[];

describe("deployment/ (Pulumi Deployments and keyless AWS access)", () => {
    for (const stack of ["dev", "prod"]) {
        it(`${stack}: deploys on push to main, previews pull requests, with AWS credentials by Pulumi OIDC`, async () => {
            const r = await deployment();
            const s = named(r, `openwebui-deployment-settings-${stack}`).inputs;
            assert.deepStrictEqual([s.organization, s.project, s.stack], [ORG, "openwebui", stack]);
            assert.strictEqual(s.sourceContext.git.branch, "refs/heads/main");
            assert.strictEqual(s.github.repository, "my-org/openwebui-aws");
            assert.strictEqual(s.github.deployCommits, true);
            assert.strictEqual(s.github.previewPullRequests, true);
            assert.strictEqual(s.operationContext.oidc.aws.roleARN, `arn:aws:iam::${ACCOUNT}:role/openwebui-deploy-role-${stack}`);
            // @pulumi/eks needs the AWS CLI (aws eks get-token): the run checks for it before anything else.
            assert.ok(s.operationContext.preRunCommands.includes("aws --version"));
        });

        it(`${stack}: the deploy role trusts only this organization's deployments of openwebui/${stack}`, async () => {
            const r = await deployment();
            const [trust] = jsonInput(named(r, `openwebui-deploy-role-${stack}`), "assumeRolePolicy").Statement;
            assert.deepStrictEqual(trust.Principal, { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/api.pulumi.com/oidc` });
            assert.strictEqual(trust.Action, "sts:AssumeRoleWithWebIdentity");
            assert.deepStrictEqual(trust.Condition.StringEquals, { "api.pulumi.com/oidc:aud": ORG });
            assert.deepStrictEqual(trust.Condition.StringLike, {
                "api.pulumi.com/oidc:sub": `pulumi:deploy:org:${ORG}:project:openwebui:stack:${stack}:operation:*:scope:*`,
            });
        });

        it(`${stack}: the deploy role's names are its own stack's, and its broad grants are bounded`, async () => {
            const r = await deployment();
            const other = stack === "dev" ? "prod" : "dev";
            const statements = statementsOf(r, `openwebui-deploy-role-${stack}`);
            // Grants only: the escalation denies (tests/workload-boundary.test.ts) apply to "*" on purpose.
            for (const s of statements.filter((st) => st.Effect === "Allow")) {
                const actions = [s.Action].flat();
                assert.ok(!actions.includes("*"), "no Action *");
                const resources = [s.Resource].flat().join(" ");
                assert.ok(!resources.includes(`-${other}`), `${actions} reaches ${other}: ${resources}`);
                if (actions.some((a: string) => a.startsWith("iam:")) && resources.includes(":role/")) {
                    assert.match(resources, new RegExp(`role/openwebui-[a-z*-]+-${stack}`));
                }
                if (resources === "*" && actions.some((a: string) => /:\*$|^ec2:|^dlm:/.test(a))) {
                    assert.strictEqual(s.Condition?.StringEquals?.["aws:RequestedRegion"], "ap-northeast-2", `${actions} on * outside the region`);
                }
            }
            const attach = statements.find((s) => [s.Action].flat().includes("iam:AttachRolePolicy"));
            assert.ok(!attach.Condition.ArnEquals["iam:PolicyARN"].some((p: string) => /AdministratorAccess|PowerUser|IAMFullAccess/.test(p)));
            // PassRole names each role it may pass; no wildcard in a passed role's name.
            const passed = statements.filter((s) => [s.Action].flat().includes("iam:PassRole"));
            assert.ok(passed.length >= 8 && passed.every((s) => !String(s.Resource).includes("*") && s.Condition.StringEquals["iam:PassedToService"].length > 0));
            const s3 = statements.find((s) => s.Action === "s3:*");
            assert.ok(!String(s3.Resource).endsWith("/*"), "bucket configuration only, never its objects");
        });

        it(`${stack}: enforces the policy pack preventatively with the stack's own policy config`, async () => {
            const r = await deployment();
            const group = named(r, `openwebui-policy-group-${stack}`).inputs;
            assert.strictEqual(group.mode, "preventative");
            assert.deepStrictEqual(group.stacks, [{ name: stack, routingProject: "openwebui" }]);
            const config = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "policy-pack", "config", `${stack}.json`), "utf8"));
            assert.deepStrictEqual(group.policyPacks, [{ name: "openwebui-guardrails", versionTag: packVersion(), config }]);
        });
    }

    for (const stack of ["dev", "prod"]) {
        it(`the ${stack} deploy role reaches the cluster through its own admin access entry, and may not become the operator role`, async () => {
            const r = await deployment();
            const operators = JSON.parse(loadStackFiles(stack).config["openwebui:operatorPrincipalArns"]) as string[];
            assert.ok(operators.some((a) => new RegExp(`^arn:aws:iam::\\d{12}:role/openwebui-deploy-role-${stack}$`).test(a)), operators.join());
            assert.ok(!statementsOf(r, `openwebui-deploy-role-${stack}`).some((s) => s.Effect === "Allow" && [s.Action].flat().includes("sts:AssumeRole")));
        });
    }

    it("each stack's preview role is named for it, exported for its workflow variable, and is that stack's preview principal (view access)", async () => {
        const r = await deployment();
        for (const stack of ["dev", "prod"]) {
            assert.strictEqual((r.outputs.previewRoleArns as Record<string, string>)[stack], `arn:aws:iam::${ACCOUNT}:role/openwebui-preview-role-${stack}`);
            const previews = JSON.parse(loadStackFiles(stack).config["openwebui:previewPrincipalArns"]) as string[];
            assert.ok(previews.some((a) => new RegExp(`^arn:aws:iam::\\d{12}:role/openwebui-preview-role-${stack}$`).test(a)), `${stack}: ${previews.join()}`);
            assert.ok(!previews.some((a) => /openwebui-preview-role(-(dev|prod))?$/.test(a) && !a.endsWith(`-${stack}`)), `${stack} admits another stack's preview role`);
        }
    });

    it("publishes the pack exactly as npm packs it (bundle, manifest, package.json, and the README npm always packs: the standards map), versioned from its package.json", async () => {
        const r = await deployment();
        const pack = named(r, "openwebui-guardrails-pack").inputs;
        assert.strictEqual(pack.versionTag, packVersion());
        const files = (dir: string): string[] =>
            fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
        assert.deepStrictEqual(files(pack.sourcePath).sort(), ["PulumiPolicy.yaml", "README.md", "dist/index.js", "package.json"]);
    });

    it("a docs-only change deploys nothing; program, config and policy changes do", () => {
        for (const file of ["README.md", "docs/runbook.md", "tests/ops.test.ts", ".github/workflows/drift.yml", "deployment/index.ts"]) {
            assert.ok(!matchesAny(file, DEPLOY_PATHS), `${file} would deploy`);
        }
        for (const file of ["index.ts", "components/ops/index.ts", "Pulumi.prod.yaml", "config/cluster.ts", "policy-pack/config/prod.json", "package-lock.json"]) {
            assert.ok(matchesAny(file, DEPLOY_PATHS), `${file} would not deploy`);
        }
    });

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: PR previews and the drift check get a read-only role trusted by this repository's pull requests and main`, async () => {
            const r = await deployment();
            const name = `openwebui-preview-role-${stack}`;
            const [trust] = jsonInput(named(r, name), "assumeRolePolicy").Statement;
            assert.deepStrictEqual(trust.Principal, { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` });
            assert.deepStrictEqual(trust.Condition.StringLike["token.actions.githubusercontent.com:sub"], [
                "repo:my-org/openwebui-aws:pull_request",
                "repo:my-org/openwebui-aws:ref:refs/heads/main",
            ]);
            const attached = ofType(r, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === name);
            assert.deepStrictEqual(attached.map((a) => a.inputs.policyArn), ["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
            const [deny] = statementsOf(r, name);
            assert.strictEqual(deny.Effect, "Deny");
            assert.ok(deny.Action.includes("secretsmanager:GetSecretValue") && deny.Action.includes("s3:GetObject"));
        });
    }

    it("lets this repository's workflows exchange GitHub tokens for Pulumi organization tokens", async () => {
        const r = await deployment();
        const [policy] = named(r, "openwebui-github-oidc-issuer").inputs.policies;
        assert.deepStrictEqual(policy.rules, { aud: `urn:pulumi:org:${ORG}`, sub: "repo:my-org/openwebui-aws:*" });
        assert.strictEqual(policy.tokenType, "organization");
    });

    it("refuses a repository that is not owner/name", async () => {
        const e = await rejection(run("shared", { projectDir: DEPLOYMENT_DIR, overrides: { "openwebui-deployment:githubRepository": "openwebui-aws" } }));
        assert.match(e.message, /stack "shared": config "openwebui-deployment:githubRepository": "openwebui-aws" is not owner\/name/);
    });
});
