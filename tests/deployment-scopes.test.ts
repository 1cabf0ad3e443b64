/**
 * deployment/'s two scopes: what a Pulumi organization holds once (OIDC issuer, published pack,
 * policy groups, agent pools) and what each AWS account holds (IAM OIDC providers, roles, the
 * Deployments settings of its stacks); and prod's Deployments on a customer-managed agent pool.
 */
import * as assert from "assert";
import * as path from "path";
import { ProgramRun } from "../sim/mock-engine";
import { PROJECT_DIR } from "../sim/stack-files";
import { deploymentRun, named, ofType, rejection, run } from "./helpers";

const DEPLOYMENT_DIR = path.join(PROJECT_DIR, "deployment");
const KEY = (key: string) => `openwebui-deployment:${key}`;
const ORG_TYPES = ["pulumiservice:index:OidcIssuer", "pulumiservice:index:PolicyPack", "pulumiservice:index:PolicyGroup", "pulumiservice:index:AgentPool"];

const accountStack = (overrides: Record<string, string>) => run("shared", { projectDir: DEPLOYMENT_DIR, overrides: Object.fromEntries(Object.entries(overrides).map(([k, v]) => [KEY(k), v])) });
/** prod in a second AWS account: its stack holds no organization resources and is handed the pool id. */
const prodAccount = () => accountStack({ organizationResources: "false", stacks: JSON.stringify(["prod"]), agentPoolIds: JSON.stringify({ prod: "pool-from-org-stack" }) });
const settingsOf = (r: ProgramRun) => ofType(r, "pulumiservice:index:DeploymentSettings").map((s) => s.inputs.stack as string);

describe("deployment/: per organization and per account", () => {
    it("prod's Deployments run on the organization's agent pool for prod; dev's on Pulumi-hosted runners", async () => {
        const r = await deploymentRun();
        const pool = named(r, "openwebui-agent-pool-prod");
        assert.deepStrictEqual([pool.inputs.organizationName, pool.inputs.name], ["my-org", "openwebui-agent-pool-prod"]);
        assert.strictEqual(named(r, "openwebui-deployment-settings-prod").inputs.agentPoolId, "openwebui-agent-pool-prod-pool-id");
        assert.strictEqual(named(r, "openwebui-deployment-settings-dev").inputs.agentPoolId, undefined);
        assert.deepStrictEqual(ofType(r, "pulumiservice:index:AgentPool").map((p) => p.name), ["openwebui-agent-pool-prod"]);
        // The id other accounts' stacks are handed, and the token an agent starts with.
        assert.deepStrictEqual(r.outputs.agentPoolIds, { prod: "openwebui-agent-pool-prod-pool-id" });
        assert.deepStrictEqual(Object.keys(r.outputs.agentPoolTokens as object), ["prod"]);
    });

    it("on the agent, the job still gets prod's deploy role by Pulumi OIDC and checks for the AWS CLI", async () => {
        const s = named(await deploymentRun(), "openwebui-deployment-settings-prod").inputs;
        assert.match(s.operationContext.oidc.aws.roleARN, /:role\/openwebui-deploy-role-prod$/);
        assert.ok(s.operationContext.preRunCommands.includes("aws --version"));
    });

    it("a second account's stack creates no organization resource, only its own account's providers, roles and settings", async () => {
        const r = await prodAccount();
        for (const type of ORG_TYPES) assert.deepStrictEqual(ofType(r, type).map((x) => x.name), [], type);
        assert.deepStrictEqual(ofType(r, "aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 2);
        assert.deepStrictEqual(
            ofType(r, "aws:iam/role:Role").map((x) => x.inputs.name).sort(),
            ["openwebui-deploy-role-prod", "openwebui-preview-role-prod"],
        );
        assert.deepStrictEqual(settingsOf(r), ["prod"]);
        assert.strictEqual(named(r, "openwebui-deployment-settings-prod").inputs.agentPoolId, "pool-from-org-stack");
        assert.strictEqual(r.outputs.agentPoolIds, undefined);
    });

    it("split over two accounts, every organization resource and every stack's settings exist exactly once", async () => {
        const devAccount = await accountStack({ stacks: JSON.stringify(["dev"]) });
        const both = [...devAccount.resources, ...(await prodAccount()).resources];
        const count = (type: string) => both.filter((x) => x.type === type).map((x) => x.name);
        assert.deepStrictEqual(count("pulumiservice:index:OidcIssuer"), ["openwebui-github-oidc-issuer"]);
        assert.deepStrictEqual(count("pulumiservice:index:PolicyPack"), ["openwebui-guardrails-pack"]);
        // Policy groups are the organization's: prod's exists although prod's account is the other one.
        assert.deepStrictEqual(count("pulumiservice:index:PolicyGroup").sort(), ["openwebui-policy-group-dev", "openwebui-policy-group-prod"]);
        assert.deepStrictEqual(count("pulumiservice:index:AgentPool"), ["openwebui-agent-pool-prod"]);
        assert.deepStrictEqual(count("pulumiservice:index:DeploymentSettings").sort(), ["openwebui-deployment-settings-dev", "openwebui-deployment-settings-prod"]);
        assert.deepStrictEqual(settingsOf(devAccount), ["dev"]);
    });

    it("refuses an account stack that deploys prod without the organization's pool id", async () => {
        const e = await rejection(accountStack({ organizationResources: "false", stacks: JSON.stringify(["prod"]) }));
        assert.match(e.message, /config "openwebui-deployment:agentPoolIds": "prod" deploys on the organization's agent pool, which this stack does not create/);
        assert.strictEqual(e.registeredBeforeFailure, 0);
    });

    it("refuses a pool id on the stack that creates the pools, and a pool for a stack not in agentPoolStacks", async () => {
        const onOrg = await rejection(accountStack({ agentPoolIds: JSON.stringify({ prod: "pool-1" }) }));
        assert.match(onOrg.message, /config "openwebui-deployment:agentPoolIds": this stack creates the organization's agent pools/);
        const stray = await rejection(accountStack({ organizationResources: "false", stacks: JSON.stringify(["dev"]), agentPoolIds: JSON.stringify({ dev: "pool-1" }) }));
        assert.match(stray.message, /config "openwebui-deployment:agentPoolIds": "dev" is not in agentPoolStacks \(prod\)/);
        const typo = await rejection(accountStack({ agentPoolStacks: JSON.stringify(["prdo"]) }));
        assert.match(typo.message, /config "openwebui-deployment:agentPoolStacks": "prdo" is not a stack of openwebui/);
    });
});
