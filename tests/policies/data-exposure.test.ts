/**
 * Data reachable too widely: identity policies that read or write any bucket's objects, any secret
 * or any key (iam-no-wildcard-data-access), and resource policies that let anyone in
 * (resource-policies-not-public). Each stack passes as shipped; each mistake is caught in both.
 */
import * as assert from "assert";
import { iamNoWildcardDataAccess } from "../../policy-pack/policies/data-access";
import { resourcePoliciesNotPublic } from "../../policy-pack/policies/public-data";
import { PolicyInput } from "../../sim/policy-runner";
import { STACKS } from "../helpers";
import { assertFlags, assertPasses, check } from "./helpers";
import { assertStackFlags, assertStackPasses, changed, named, ofType, previewProps, stackInputs, UNKNOWN_STRING } from "./stack-inputs";

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

const withStatement = (statement: object) => (p: Record<string, any>) => {
    const doc = typeof p.policy === "string" ? JSON.parse(p.policy) : p.policy;
    doc.Statement.push(statement);
    p.policy = JSON.stringify(doc);
};

describe("iam-no-wildcard-data-access", () => {
    for (const stack of STACKS) {
        it(`${stack}: the shipped roles pass; any bucket's objects, any secret's value and unconditioned kms:Decrypt on "*" are refused`, async () => {
            const inputs = await stackInputs(stack);
            await assertStackPasses(iamNoWildcardDataAccess, inputs, stack);
            // The Open WebUI role's policy, which holds the one uploads-bucket grant.
            const pick = named(`openwebui-webui-role-${stack}-inline`);
            const cases: [object, RegExp][] = [
                [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::*/*" }, /grants s3:GetObject, s3:PutObject on arn:aws:s3:::\*\/\*, i\.e\. S3 objects of any bucket/],
                [{ Effect: "Allow", Action: "s3:Get*", Resource: "*" }, /S3 objects of any bucket/],
                [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: `arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:*` }, /any secret's value/],
                [{ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }, /data under any KMS key: name the ARNs/],
            ];
            for (const [statement, pattern] of cases) {
                await assertStackFlags(iamNoWildcardDataAccess, changed(inputs, pick, withStatement(statement)), stack, pattern);
            }
        });
    }

    it("scoped grants, narrowing conditions and Deny statements pass; NotResource does not", async () => {
        const role = (statement: object) => ({ type: ROLE_POLICY, name: "openwebui-x-inline", props: { policy: JSON.stringify({ Statement: [statement] }) } });
        await assertPasses(iamNoWildcardDataAccess, [role({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::openwebui-uploads-bucket-prod-123456789012/*" })]);
        await assertPasses(iamNoWildcardDataAccess, [role({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::openwebui-*/*" })]);
        await assertPasses(iamNoWildcardDataAccess, [role({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:ViaService": "s3.ap-northeast-2.amazonaws.com" } } })]);
        await assertPasses(iamNoWildcardDataAccess, [role({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/Project": "openwebui" } } })]);
        await assertPasses(iamNoWildcardDataAccess, [role({ Effect: "Deny", Action: "s3:*", Resource: "*" })]);
        await assertPasses(iamNoWildcardDataAccess, [role({ Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" })]);
        await assertFlags(iamNoWildcardDataAccess, [role({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret-bucket/*" })], /NotResource/);
        // An S3 condition that is not about tags does not narrow which bucket.
        await assertFlags(iamNoWildcardDataAccess, [role({ Effect: "Allow", Action: "s3:PutObject", Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": "123456789012" } } })], /S3 objects of any bucket/);
        // Role inline policies and managed policies are read the same way.
        const inline = { type: "aws:iam/role:Role", name: "openwebui-x-role", props: { inlinePolicies: [{ name: "x", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "ssm:GetParameter", Resource: "*" }] }) }] } };
        await assertFlags(iamNoWildcardDataAccess, [inline], /inlinePolicies\[0\] grants ssm:GetParameter on \*, i\.e\. any SSM parameter/);
        await assertFlags(iamNoWildcardDataAccess, [{ type: "aws:iam/policy:Policy", name: "x", props: { policy: { Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "arn:aws:dynamodb:*:*:table/*" }] } } }], /any DynamoDB table/);
    });
});

describe("iam-no-wildcard-data-access: reading ARNs and actions as IAM does", () => {
    const role = (statement: object) => ({ type: ROLE_POLICY, name: "openwebui-x-inline", props: { policy: JSON.stringify({ Statement: [statement] }) } });
    const findings = async (statement: object) => (await check(iamNoWildcardDataAccess, [role(statement)])).map((v) => v.message);
    const SECRET_READ = "secretsmanager:GetSecretValue";

    it("'?' stands for one character: secret:*-?????? (any name, then the six-character suffix) is every secret", async () => {
        const arn = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:*-??????";
        assert.deepStrictEqual(await findings({ Effect: "Allow", Action: SECRET_READ, Resource: arn }), [
            `policy grants ${SECRET_READ} on ${arn}, i.e. any secret's value: name the ARNs this role needs (its own bucket/objects, secret, key)`,
        ]);
    });

    it("other characters are literal: a dot is a dot, and the resource part keeps its colons", async () => {
        // Bucket names may hold dots: each one matches a dot, not any character, and is not dropped.
        for (const bucket of ["zz-someone-elses.bucket", "zz-someone-else.s-bucket"]) {
            assert.deepStrictEqual(await findings({ Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${bucket}` }), [], bucket);
        }
        // The probes stand for another project's data: a prefix wide enough to reach one (secret:zz-*) is refused.
        assert.strictEqual((await findings({ Effect: "Allow", Action: SECRET_READ, Resource: "arn:aws:secretsmanager:*:*:secret:zz-*" })).length, 1);
    });

    it("an ARN of another service, one that is not an ARN, or a partial one grants nothing of this service", async () => {
        for (const resource of ["arn:aws:sqs:*:*:*", "xrn:aws:s3:::*", "arn:*"]) {
            assert.deepStrictEqual(await findings({ Effect: "Allow", Action: "s3:GetObject", Resource: resource }), [], resource);
        }
        // ...while a wildcard partition or service still matches.
        assert.strictEqual((await findings({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:*:s3:::*" })).length, 1);
    });

    it("reads actions without regard to case, as IAM does", async () => {
        assert.strictEqual((await findings({ Effect: "Allow", Action: "S3:getobject", Resource: "*" })).length, 1);
    });

    it("NotAction grants every data action it does not exclude", async () => {
        assert.deepStrictEqual(await findings({ Effect: "Allow", NotAction: ["s3:*", "secretsmanager:*", "ssm:*", "dynamodb:*"], Resource: "*" }), [
            "policy grants kms:Decrypt, kms:Encrypt, kms:GenerateDataKey, kms:GenerateDataKeyWithoutPlaintext, kms:ReEncryptFrom, kms:ReEncryptTo on *, i.e. data under any KMS key: name the ARNs this role needs (its own bucket/objects, secret, key)",
        ]);
        assert.deepStrictEqual(await findings({ Effect: "Allow", NotAction: ["S3:*", "secretsmanager:*", "kms:*", "ssm:*", "dynamodb:*"], Resource: "*" }), []);
    });
});

describe("resource-policies-not-public", () => {
    for (const stack of STACKS) {
        it(`${stack}: the buckets' TLS-only policies pass; an Allow to Principal "*" on the uploads bucket is refused`, async () => {
            const inputs = await stackInputs(stack);
            await assertStackPasses(resourcePoliciesNotPublic, inputs, stack);
            const open = changed(inputs, named(`openwebui-uploads-bucket-${stack}-policy`), withStatement({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::openwebui-uploads-bucket-${stack}-123456789012/*` }));
            await assertStackFlags(resourcePoliciesNotPublic, open, stack, /bucket policy's statement PublicRead allows s3:GetObject to Principal "\*": anyone on the internet/);
            const awsStar = changed(inputs, ofType(BUCKET_POLICY), withStatement({ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "s3:ListBucket", Resource: "*" }));
            await assertStackFlags(resourcePoliciesNotPublic, awsStar, stack, /to Principal "\*"/);
        });
    }

    it("a condition that fixes the caller makes it non-public; a wildcard in that condition does not; a public canned ACL is refused", async () => {
        const policy = (statement: object) => ({ type: BUCKET_POLICY, name: "p", props: { policy: JSON.stringify({ Statement: [statement] }) } });
        const base = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
        await assertPasses(resourcePoliciesNotPublic, [policy({ ...base, Condition: { StringEquals: { "aws:SourceVpce": "vpce-0123" } } })]);
        await assertFlags(resourcePoliciesNotPublic, [policy({ ...base, Condition: { StringLike: { "aws:SourceVpce": "vpce-*" } } })], /anyone on the internet/);
        await assertFlags(resourcePoliciesNotPublic, [policy({ ...base, Condition: { Bool: { "aws:SecureTransport": "true" } } })], /anyone on the internet/);
        await assertPasses(resourcePoliciesNotPublic, [policy({ ...base, Principal: { Service: "logging.s3.amazonaws.com" } })]);
        // One statement object instead of a list is read the same way.
        await assertFlags(resourcePoliciesNotPublic, [{ type: BUCKET_POLICY, name: "p", props: { policy: JSON.stringify({ Statement: base }) } }], /anyone on the internet/);
        await assertFlags(resourcePoliciesNotPublic, [{ type: "aws:s3/bucketAcl:BucketAcl", name: "a", props: { acl: "public-read" } }], /canned ACL "public-read"/);
        await assertFlags(resourcePoliciesNotPublic, [{ type: "aws:sns/topicPolicy:TopicPolicy", name: "t", props: { policy: JSON.stringify({ Statement: [{ ...base, Action: "sns:Publish" }] }) } }], /topic policy/);
    });
});

describe("resource-policies-not-public: who the principal is, what fixes the caller, and what is not judged", () => {
    const policy = (statement: object, type = BUCKET_POLICY) => ({ type, name: "p", props: { policy: JSON.stringify({ Statement: [statement] }) } });
    const base = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
    const found = async (resources: object[]) => (await check(resourcePoliciesNotPublic, resources as PolicyInput[])).map((v) => v.message);
    const PUBLIC = 'the bucket policy\'s statement allows s3:GetObject to Principal "*": anyone on the internet; name the principals (role ARNs, a service) or add a condition that fixes the caller (aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce)';

    it("a '*' anywhere among the principals is everyone", async () => {
        assert.deepStrictEqual(await found([policy({ ...base, Principal: { Service: "logging.s3.amazonaws.com", AWS: ["arn:aws:iam::123456789012:root", "*"] } })]), [PUBLIC]);
    });

    it("every value of a fixing key must be a literal, and an IfExists operator fixes nothing (the key may be absent)", async () => {
        assert.deepStrictEqual(await found([policy({ ...base, Condition: { StringLike: { "aws:SourceAccount": ["123456789012", "*"] } } })]), [PUBLIC]);
        assert.deepStrictEqual(await found([policy({ ...base, Condition: { StringEquals: { "aws:SourceAccount": "" } } })]), [PUBLIC]);
        assert.deepStrictEqual(await found([policy({ ...base, Condition: { StringEqualsIfExists: { "aws:SourceAccount": "123456789012" } } })]), [PUBLIC]);
        // One fixing key among others is enough.
        assert.deepStrictEqual(await found([policy({ ...base, Condition: { StringEquals: { "aws:SecureTransport": "true", "aws:PrincipalOrgID": "o-abc123" } } })]), []);
    });

    it("a public canned ACL is refused on the bucket itself too, a private one and the resource types without ACLs are not", async () => {
        const bucket = (acl: unknown) => ({ type: "aws:s3/bucket:Bucket", name: "b", props: { acl } });
        assert.deepStrictEqual(await found([bucket("authenticated-read")]), ['the bucket\'s canned ACL "authenticated-read" lets anyone read it: remove the ACL (the bucket\'s owner enforced setting makes ACLs unnecessary)']);
        assert.deepStrictEqual(await found([bucket("private"), bucket(["public-read"])]), []);
        assert.deepStrictEqual(await found([{ type: "aws:ecr/repository:Repository", name: "r", props: { acl: "public-read" } }]), []);
    });

    it("a policy that is not set, or not known yet, is not judged; a policy on a type that is not guarded is not read", async () => {
        assert.deepStrictEqual(await found([{ type: BUCKET_POLICY, name: "p", props: {} }]), []);
        assert.deepStrictEqual(await found([{ type: BUCKET_POLICY, name: "p", props: previewProps({ policy: UNKNOWN_STRING }) }]), []);
        assert.deepStrictEqual(await found([policy(base, "aws:iam/rolePolicy:RolePolicy")]), []);
    });
});

