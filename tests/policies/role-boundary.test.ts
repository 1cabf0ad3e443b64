/**
 * iam-role-workload-boundary (issue 24): both stacks pass as shipped; in each, a role without the
 * workload boundary or with another one, a trust policy naming another account, a foreign OIDC
 * provider or a non-AWS service, and an EKS component left to create its own role are mandatory
 * violations. IAM cannot refuse a trust policy by its contents, so this is what refuses them.
 */
import * as assert from "assert";
import { foreignPrincipal, iamRoleWorkloadBoundary } from "../../policy-pack/policies/role-boundary";
import { ACCOUNT_ID } from "../../sim/fake-aws";
import { PolicyInput, runPolicies } from "../../sim/policy-runner";
import { STACKS } from "../helpers";
import { assertStackFlags, assertStackPasses, changed, named, ofType, stackInputs } from "./stack-inputs";

const ROLE = "aws:iam/role:Role";
const FOREIGN = "999988887777";

/** Adds `principal` to the first statement of the role's trust policy. */
const trusting = (principal: Record<string, string>) => (p: Record<string, any>) => {
    const doc = JSON.parse(p.assumeRolePolicy);
    doc.Statement[0].Principal = { ...doc.Statement[0].Principal, ...principal };
    p.assumeRolePolicy = JSON.stringify(doc);
};

for (const stack of STACKS) {
    describe(`iam-role-workload-boundary in ${stack}`, () => {
        const webui = named(`openwebui-webui-role-${stack}`);

        it("passes as shipped: every role carries the stack's boundary and trusts only its own account, AWS services and the operators' account", async () => {
            const inputs = await stackInputs(stack);
            const roles = inputs.filter(ofType(ROLE));
            assert.ok(roles.length >= 12, `${roles.length} roles`);
            for (const r of roles) assert.strictEqual(r.props.permissionsBoundary, `arn:aws:iam::${ACCOUNT_ID}:policy/openwebui-workload-boundary-${stack}`, r.name);
            await assertStackPasses(iamRoleWorkloadBoundary, inputs, stack);
            // Compliant as well: a trust in the account's own OIDC provider (IRSA) and its root.
            const ownOidc = changed(inputs, webui, trusting({ Federated: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/oidc.eks.ap-northeast-2.amazonaws.com/id/ABC` }));
            await assertStackPasses(iamRoleWorkloadBoundary, ownOidc, stack);
            await assertStackPasses(iamRoleWorkloadBoundary, changed(inputs, webui, trusting({ AWS: `arn:aws:iam::${ACCOUNT_ID}:root` })), stack);
        });

        it("refuses a role without the workload boundary, or with another stack's or account's", async () => {
            const inputs = await stackInputs(stack);
            await assertStackFlags(iamRoleWorkloadBoundary, changed(inputs, webui, (p) => delete p.permissionsBoundary), stack, /has no permissions boundary/);
            const other = stack === "dev" ? "prod" : "dev";
            const otherStack = changed(inputs, webui, (p) => (p.permissionsBoundary = `arn:aws:iam::${ACCOUNT_ID}:policy/openwebui-workload-boundary-${other}`));
            await assertStackFlags(iamRoleWorkloadBoundary, otherStack, stack, new RegExp(`not openwebui-workload-boundary-${stack}`));
            const admin = changed(inputs, webui, (p) => (p.permissionsBoundary = "arn:aws:iam::aws:policy/AdministratorAccess"));
            await assertStackFlags(iamRoleWorkloadBoundary, admin, stack, /has boundary arn:aws:iam::aws:policy\/AdministratorAccess/);
        });

        it("refuses a trust policy naming another account, its root, a foreign OIDC provider or a non-AWS service", async () => {
            const inputs = await stackInputs(stack);
            for (const [principal, message] of [
                [{ AWS: `arn:aws:iam::${FOREIGN}:root` }, new RegExp(`arn:aws:iam::${FOREIGN}:root is not a principal of account ${ACCOUNT_ID}`)],
                [{ AWS: `arn:aws:iam::${FOREIGN}:role/attacker` }, /role\/attacker is not a principal/],
                [{ AWS: FOREIGN }, new RegExp(`${FOREIGN} is not a principal`)],
                [{ AWS: "arn:aws:iam::111122223333:root" }, /111122223333:root is not a principal/],
                [{ Federated: `arn:aws:iam::${FOREIGN}:oidc-provider/token.actions.githubusercontent.com` }, /is not an OIDC provider of account/],
                [{ Federated: "accounts.google.com" }, /accounts.google.com is not an OIDC provider/],
                [{ Service: "evil.example.com" }, /service principal evil.example.com is not an AWS service/],
            ] as const) {
                await assertStackFlags(iamRoleWorkloadBoundary, changed(inputs, webui, trusting(principal)), stack, message);
            }
        });

        it("refuses an EKS cluster component left to create its own cluster or instance role", async () => {
            const inputs = await stackInputs(stack);
            const cluster = ofType("eks:index:Cluster");
            await assertStackFlags(iamRoleWorkloadBoundary, changed(inputs, cluster, (p) => delete p.serviceRole), stack, /creates its own cluster role/);
            await assertStackFlags(iamRoleWorkloadBoundary, changed(inputs, cluster, (p) => (p.createInstanceRole = true)), stack, /creates an instance, Fargate or Auto Mode role/);
        });
    });
}

describe("iam-role-workload-boundary: who is inside the account", () => {
    it("the operators' account (trustedAccounts) admits its named roles and users, never its root", () => {
        assert.strictEqual(foreignPrincipal("AWS", "arn:aws:iam::111122223333:role/platform-admin", ACCOUNT_ID, ["111122223333"]), undefined);
        assert.strictEqual(foreignPrincipal("AWS", "arn:aws:iam::111122223333:user/ops", ACCOUNT_ID, ["111122223333"]), undefined);
        assert.match(String(foreignPrincipal("AWS", "arn:aws:iam::111122223333:root", ACCOUNT_ID, ["111122223333"])), /is not a principal/);
        assert.match(String(foreignPrincipal("AWS", "arn:aws:iam::111122223333:role/platform-admin", ACCOUNT_ID)), /is not a principal of account/);
        assert.strictEqual(foreignPrincipal("Service", "pods.eks.amazonaws.com", ACCOUNT_ID), undefined);
        assert.match(String(foreignPrincipal("CanonicalUser", "abc", ACCOUNT_ID)), /CanonicalUser principal abc is not allowed/);
    });
});

describe("iam-role-workload-boundary: the boundary a role must carry, read from the stack", () => {
    const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }] });
    const role = (stack: string, permissionsBoundary: unknown): PolicyInput => ({
        type: ROLE,
        name: `openwebui-webui-role-${stack}`,
        urn: `urn:pulumi:${stack}::openwebui::openwebui:app:OpenWebUIApp$aws:iam/role:Role::openwebui-webui-role-${stack}`,
        props: { permissionsBoundary, assumeRolePolicy: TRUST },
    });
    const boundary = (env: string) => `arn:aws:iam::${ACCOUNT_ID}:policy/openwebui-workload-boundary-${env}`;
    // No pack config: the environment comes from the stack's name in the role's URN.
    const messages = async (stack: string, permissionsBoundary: unknown) => (await runPolicies([iamRoleWorkloadBoundary], [role(stack, permissionsBoundary)], { stack })).map((v) => v.message);

    it("takes the environment from the stack named in the URN, a recovery stack's from the stack it stands in for", async () => {
        assert.deepStrictEqual(await messages("dev", boundary("dev")), []);
        assert.deepStrictEqual(await messages("prod", boundary("prod")), []);
        assert.deepStrictEqual(await messages("dr", boundary("prod")), []);
        assert.deepStrictEqual(await messages("dev", boundary("prod")), [`has boundary ${boundary("prod")}, not openwebui-workload-boundary-dev`]);
        assert.deepStrictEqual(await messages("sandbox", boundary("dev")), ['stack "sandbox" is not dev, prod or a recovery stack of one: its workload boundary is unknown']);
    });

    it("an empty or null boundary is no boundary", async () => {
        for (const none of [undefined, null, ""]) assert.deepStrictEqual(await messages("dev", none), ["has no permissions boundary"], String(none));
    });

    it("refuses a ManagedNodeGroup left to create its own node role, and accepts one given a role or its ARN", async () => {
        const group = (props: Record<string, unknown>): PolicyInput => ({ type: "eks:index:ManagedNodeGroup", name: "openwebui-extra-nodes-dev", props });
        const found = async (props: Record<string, unknown>) => (await runPolicies([iamRoleWorkloadBoundary], [group(props)], { stack: "dev" })).map((v) => v.message);
        assert.deepStrictEqual(await found({}), ["creates its own node role (no nodeRole): a role created inside the component carries no workload boundary; create it with createRole and pass it"]);
        assert.deepStrictEqual(await found({ nodeRole: "openwebui-node-role-dev" }), []);
        assert.deepStrictEqual(await found({ nodeRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/openwebui-node-role-dev` }), []);
    });
});

describe("iam-role-workload-boundary: principals that only look like the account's", () => {
    const TRUSTED = "111122223333";

    it("the account's own id, bare, is the account; another account is named in the finding, with no trusted list when there is none", () => {
        assert.strictEqual(foreignPrincipal("AWS", ACCOUNT_ID, ACCOUNT_ID), undefined);
        assert.strictEqual(foreignPrincipal("AWS", FOREIGN, ACCOUNT_ID), `${FOREIGN} is not a principal of account ${ACCOUNT_ID}`);
        assert.strictEqual(foreignPrincipal("AWS", `arn:aws:iam::${FOREIGN}:role/x`, ACCOUNT_ID, [TRUSTED]), `arn:aws:iam::${FOREIGN}:role/x is not a principal of account ${ACCOUNT_ID} or of ${TRUSTED}`);
    });

    it("a trusted account's principal is a whole role or user ARN: never its root, by ARN or by bare id (IAM reads both as the root)", () => {
        for (const arn of [TRUSTED, `arn:aws:iam::${TRUSTED}:root`, `arn:aws:iam::${TRUSTED}:rootkit`, `x-arn:aws:iam::${TRUSTED}:role/ops`, `arn:aws:iam::${TRUSTED}:group/ops`]) {
            assert.match(String(foreignPrincipal("AWS", arn, ACCOUNT_ID, [TRUSTED])), /is not a principal of account/, arn);
        }
    });

    it("a service principal is a whole *.amazonaws.com name", () => {
        for (const name of ["ec2.amazonaws.com.attacker.example", "evil/ec2.amazonaws.com", "ec2.amazonaws.com "]) {
            assert.strictEqual(foreignPrincipal("Service", name, ACCOUNT_ID), `service principal ${name} is not an AWS service`, name);
        }
    });
});
