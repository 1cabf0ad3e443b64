/**
 * The IAM policies read every place and form a policy document can take: the four policy resource
 * types, a role's inline policies and managed policy list, and a `Statement` written as one object.
 * Deny statements are never what they flag.
 */
import { bedrockInvokeScoped, iamNoAdmin, iamScopedWrites, iamTrustNoWildcardPrincipal } from "../../policy-pack/policies/iam";
import { PolicyInput } from "../../sim/policy-runner";
import { assertFlags, assertPasses } from "./helpers";

const ADMIN = { Effect: "Allow", Action: "*", Resource: "*" };
const document = (Statement: unknown) => JSON.stringify({ Version: "2012-10-17", Statement });

describe("IAM policies: where a document can be", () => {
    for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"]) {
        it(`reads the policy of an ${type.split(":").pop()}`, async () => {
            const resource = (statement: object): PolicyInput => ({ type, name: "openwebui-x-dev", props: { policy: document([statement]) } });
            await assertFlags(iamNoAdmin, [resource(ADMIN)], /^policy allows \*/);
            await assertFlags(iamScopedWrites, [resource({ Effect: "Allow", Action: "s3:PutObject", Resource: "*" })], /^policy allows s3:PutObject on any resource/);
            await assertFlags(bedrockInvokeScoped, [resource({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" })], /^policy: Bedrock invocation allowed on \*/);
        });
    }

    it("reads a Statement written as one object, not a list (IAM takes both)", async () => {
        const single: PolicyInput = { type: "aws:iam/rolePolicy:RolePolicy", name: "openwebui-x-dev", props: { policy: document(ADMIN) } };
        await assertFlags(iamNoAdmin, [single], /allows \*/);
        const trust: PolicyInput = {
            type: "aws:iam/role:Role",
            name: "openwebui-x-role-dev",
            props: { assumeRolePolicy: document({ Effect: "Allow", Action: "sts:AssumeRole", Principal: "*" }) },
        };
        await assertFlags(iamTrustNoWildcardPrincipal, [trust], /any principal/);
    });

    it("flags administrator-class managed policies listed on a role, not others", async () => {
        const role = (managedPolicyArns: string[]): PolicyInput => ({ type: "aws:iam/role:Role", name: "openwebui-x-role-dev", props: { managedPolicyArns } });
        await assertFlags(iamNoAdmin, [role(["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy", "arn:aws:iam::aws:policy/AdministratorAccess"])], /attaches arn:aws:iam::aws:policy\/AdministratorAccess/);
        await assertPasses(iamNoAdmin, [role(["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"])]);
    });

    it("leaves Deny statements alone, and writes that name their resources", async () => {
        const denies: PolicyInput = {
            type: "aws:iam/policy:Policy",
            name: "openwebui-boundary-dev",
            props: {
                policy: document([
                    { Effect: "Deny", Action: "*", Resource: "*" },
                    { Effect: "Deny", Action: "bedrock:InvokeModel", Resource: "*" },
                    { Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: "arn:aws:s3:::openwebui-uploads-dev/*" },
                ]),
            },
        };
        for (const policy of [iamNoAdmin, iamScopedWrites, bedrockInvokeScoped]) await assertPasses(policy, [denies]);
        const denyAnyone: PolicyInput = { type: "aws:iam/role:Role", name: "openwebui-x-role-dev", props: { assumeRolePolicy: document([{ Effect: "Deny", Action: "sts:AssumeRole", Principal: "*" }]) } };
        await assertPasses(iamTrustNoWildcardPrincipal, [denyAnyone]);
    });
});
