/**
 * IAM checked by an IAM engine, not by reading: AWS's action catalogue for every policy the project
 * writes, and a policy simulator for what each stack's deploy role may and may not do.
 */
import * as assert from "assert";
import { PASSED_ROLES } from "../deployment/passed-roles";
import { LOAD_BALANCER_CONTROLLER_RELEASE } from "../components/releases";
import { deployBoundaryName, deployRoleName } from "../deployment/deploy-permissions";
import { DEPLOY_CALLS, makesNoAwsCalls } from "../sim/deploy-calls";
import { ACCOUNT_ID, REGION } from "../sim/fake-aws";
import { eksClusterChild } from "../sim/eks-child";
import { decide, lintPolicy, PolicyDocument, Principal, Request, statementsOf } from "../sim/iam-engine";
import { ProgramRun, RecordedResource } from "../sim/mock-engine";
import { deploymentRun, named, stackRun, STACKS } from "./helpers";
import { splitModelId } from "@openwebui-aws/rules/bedrock";
import { previewRoleName } from "../deployment/account";
import { awsChecks, PREFLIGHT_AWS_ACTIONS } from "../preflight/aws";
import { QUOTAS } from "../preflight/quotas";
import { configOf } from "../preflight/stack";
import { Targets, targetsOf } from "../preflight/targets";
import { World } from "./preflight-world";

/** Where the project writes IAM policy documents, by resource type and property. */
const POLICY_PROPS: Record<string, string[]> = {
    "aws:iam/rolePolicy:RolePolicy": ["policy"],
    "aws:iam/role:Role": ["assumeRolePolicy"],
    "aws:iam/policy:Policy": ["policy"],
    "aws:s3/bucketPolicy:BucketPolicy": ["policy"],
    "aws:sns/topicPolicy:TopicPolicy": ["policy"],
    "aws:kms/key:Key": ["policy"],
};

function policiesOf(r: ProgramRun): { where: string; doc: PolicyDocument }[] {
    return r.resources.flatMap((res) =>
        (POLICY_PROPS[res.type] ?? [])
            .filter((prop) => typeof res.inputs[prop] === "string")
            .map((prop) => ({ where: `${res.name}.${prop}`, doc: JSON.parse(res.inputs[prop]) as PolicyDocument })),
    );
}

function deployPrincipal(deployment: ProgramRun, stack: "dev" | "prod", mutate?: (doc: PolicyDocument) => PolicyDocument): Principal {
    const inline = JSON.parse(named(deployment, `${deployRoleName(stack)}-inline`).inputs.policy) as PolicyDocument;
    return {
        arn: `arn:aws:iam::${ACCOUNT_ID}:role/${deployRoleName(stack)}`,
        identityPolicies: [mutate ? mutate(inline) : inline],
        boundary: JSON.parse(named(deployment, deployBoundaryName(stack)).inputs.policy) as PolicyDocument,
    };
}

function defaultTags(r: ProgramRun): Record<string, string> {
    const provider = r.resources.find((x) => x.type === "pulumi:providers:aws") as RecordedResource;
    return (JSON.parse(provider.inputs.defaultTags) as { tags: Record<string, string> }).tags;
}

/** Every call `pulumi up`, `refresh` and `destroy` make for the stack's inventory. */
async function requiredCalls(r: ProgramRun): Promise<{ resource: string; request: Request }[]> {
    const component = r.resources.find((x) => x.type === "eks:index:Cluster");
    const ctx = {
        tags: defaultTags(r),
        byName: (name: string) => r.resources.find((x) => x.name === name),
        eksClusterChild: component ? await eksClusterChild(component) : undefined,
    };
    return r.resources.flatMap((res) => (DEPLOY_CALLS[res.type]?.(res, ctx) ?? []).map((request) => ({ resource: res.name, request })));
}

async function denied(principal: Principal, calls: { resource: string; request: Request }[]): Promise<string[]> {
    const out: string[] = [];
    // Many resources make the same call (every bucket setting reads its bucket): each is decided once.
    const decisions = new Map<string, ReturnType<typeof decide>>();
    for (const { resource, request } of calls) {
        const key = JSON.stringify(request);
        if (!decisions.has(key)) decisions.set(key, decide(principal, request));
        const decision = await decisions.get(key);
        if (decision !== "Allowed") out.push(`${resource}: ${request.action} on ${request.resource} → ${decision}`);
    }
    return out;
}

describe("IAM, as AWS evaluates it", function () {
    this.timeout(120_000);

    it("every action in every policy the project writes exists, and every resource fits its actions", async () => {
        const docs = [
            ...(await Promise.all(STACKS.map(async (s) => policiesOf(await stackRun(s))))).flat(),
            ...policiesOf(await deploymentRun()),
            { where: "vendored load balancer controller policy", doc: LOAD_BALANCER_CONTROLLER_RELEASE.policy as PolicyDocument },
        ];
        assert.ok(docs.length > 40, `only ${docs.length} policies found`);
        const problems = (await Promise.all(docs.map((d) => lintPolicy(d.where, d.doc)))).flat();
        assert.deepStrictEqual(problems, []);
    });

    it("the catalogue check catches a misspelt action and a resource that no action takes", async () => {
        const problems = await lintPolicy("example", {
            Statement: [
                { Effect: "Allow", Action: ["eks:DescribeClusters"], Resource: "*" },
                { Effect: "Allow", Action: ["eks:DescribeCluster"], Resource: "arn:aws:s3:::bucket" },
                { Effect: "Allow", Action: ["ec2:DescribeVpcs"], Resource: "arn:aws:ec2:ap-northeast-2:123456789012:vpc/vpc-1" },
            ],
        });
        assert.deepStrictEqual(
            problems.map((p) => p.problem),
            [
                "action eks:DescribeClusters does not exist",
                "no action of eks:DescribeCluster applies to arn:aws:s3:::bucket",
                'ec2:DescribeVpcs takes only Resource "*", not arn:aws:ec2:ap-northeast-2:123456789012:vpc/vpc-1',
            ],
        );
    });

    for (const stack of STACKS) {
        describe(`${stack} deploy role`, () => {
            it("has an entry in the call table for every resource type the stack registers", async () => {
                const r = await stackRun(stack);
                const missing = [...new Set(r.resources.map((x) => x.type))].filter((t) => !DEPLOY_CALLS[t] && !makesNoAwsCalls(t));
                assert.deepStrictEqual(missing, []);
            });

            it("is allowed every create/read/update/delete call the inventory needs, inside its boundary", async () => {
                const calls = await requiredCalls(await stackRun(stack));
                assert.ok(calls.length > 200, `only ${calls.length} calls`);
                assert.deepStrictEqual(await denied(deployPrincipal(await deploymentRun(), stack), calls), []);
            });

            it("passes exactly the roles the program hands to services, and no other", async () => {
                const r = await stackRun(stack);
                const principal = deployPrincipal(await deploymentRun(), stack);
                const passed = new Set((await requiredCalls(r)).filter((c) => c.request.action === "iam:PassRole").map((c) => c.request.resource.split("/").pop()));
                const serviceRoles = r.resources
                    .filter((x) => x.type === "aws:iam/role:Role" && statementsOf(JSON.parse(x.inputs.assumeRolePolicy)).every((s) => (s.Principal as { Service?: string }).Service))
                    .map((x) => x.name);
                assert.deepStrictEqual([...passed].sort(), serviceRoles.filter((n) => !n.includes("chatbot")).sort());
                for (const role of serviceRoles) assert.ok(Object.keys(PASSED_ROLES).some((t) => role === `openwebui-${t}-${stack}`), `${role} is not in PASSED_ROLES`);
                const pass = (role: string, service: string) => decide(principal, { action: "iam:PassRole", resource: `arn:aws:iam::${ACCOUNT_ID}:role/${role}`, context: { "iam:PassedToService": service } });
                for (const human of ["operator-role", "developer-role"]) assert.notStrictEqual(await pass(`openwebui-${human}-${stack}`, "eks.amazonaws.com"), "Allowed", human);
                assert.notStrictEqual(await pass(`openwebui-eks-service-role-${stack}`, "ec2.amazonaws.com"), "Allowed", "the cluster role only to EKS");
                assert.notStrictEqual(await pass(`openwebui-anything-role-${stack}`, "eks.amazonaws.com"), "Allowed", "a role the program does not pass");
            });

            it("cannot change its own policies, trust or boundary, the boundary itself, or assume a role", async () => {
                const principal = deployPrincipal(await deploymentRun(), stack);
                const self = `arn:aws:iam::${ACCOUNT_ID}:role/${deployRoleName(stack)}`;
                for (const action of ["iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary", "iam:DeleteRole"]) {
                    const context: Record<string, string> = action === "iam:AttachRolePolicy" ? { "iam:PolicyARN": "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" } : {};
                    assert.strictEqual(await decide(principal, { action, resource: self, context }), "ExplicitlyDenied", action);
                }
                const boundary = `arn:aws:iam::${ACCOUNT_ID}:policy/${deployBoundaryName(stack)}`;
                assert.notStrictEqual(await decide(principal, { action: "iam:CreatePolicyVersion", resource: boundary }), "Allowed");
                assert.strictEqual(await decide(principal, { action: "sts:AssumeRole", resource: `arn:aws:iam::${ACCOUNT_ID}:role/openwebui-operator-role-${stack}` }), "ExplicitlyDenied");
            });

            it("cannot read backup objects, touch the other stack, or create keys without its tags", async () => {
                const principal = deployPrincipal(await deploymentRun(), stack);
                const other = stack === "dev" ? "prod" : "dev";
                const bucket = `openwebui-backup-bucket-${stack}-${ACCOUNT_ID}`;
                assert.notStrictEqual(await decide(principal, { action: "s3:GetObject", resource: `arn:aws:s3:::${bucket}/state/export.json` }), "Allowed");
                assert.notStrictEqual(await decide(principal, { action: "iam:PutRolePolicy", resource: `arn:aws:iam::${ACCOUNT_ID}:role/openwebui-operator-role-${other}` }), "Allowed");
                assert.notStrictEqual(await decide(principal, { action: "eks:DeleteCluster", resource: `arn:aws:eks:${REGION}:${ACCOUNT_ID}:cluster/openwebui-eks-${other}` }), "Allowed");
                const tagged = (env: string) => ({ "aws:RequestedRegion": REGION, "aws:RequestTag/Project": "openwebui", "aws:RequestTag/Environment": env });
                assert.strictEqual(await decide(principal, { action: "kms:CreateKey", resource: "*", context: tagged(stack) }), "Allowed");
                assert.notStrictEqual(await decide(principal, { action: "kms:CreateKey", resource: "*", context: tagged(other) }), "Allowed");
            });
        });
    }

    for (const stack of STACKS) {
        it(`${stack}: only the named users may use a key for data, not an account principal granted kms:* by IAM`, async () => {
            const r = await stackRun(stack);
            const policyOf = (name: string) => JSON.parse(named(r, name).inputs.policy) as PolicyDocument;
            const key = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
            const iamAdmin: Principal = {
                arn: `arn:aws:iam::${ACCOUNT_ID}:role/some-admin`,
                identityPolicies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] }],
            };
            const clusterRole: Principal = { arn: `arn:aws:iam::${ACCOUNT_ID}:role/openwebui-eks-service-role-${stack}`, identityPolicies: [] };
            const secrets = policyOf(`openwebui-eks-secrets-key-${stack}`);
            assert.notStrictEqual(await decide(iamAdmin, { action: "kms:Decrypt", resource: key, resourcePolicy: secrets }), "Allowed");
            assert.strictEqual(await decide(iamAdmin, { action: "kms:PutKeyPolicy", resource: key, resourcePolicy: secrets }), "Allowed", "the account can still administer it");
            assert.strictEqual(await decide(clusterRole, { action: "kms:Decrypt", resource: key, resourcePolicy: secrets }), "Allowed");
            const alerts = policyOf(`openwebui-alerts-key-${stack}`);
            assert.notStrictEqual(await decide(iamAdmin, { action: "kms:Decrypt", resource: key, resourcePolicy: alerts }), "Allowed");
        });
    }

    it("removing a needed grant is caught: without the KMS create statement, creating the cluster's key is denied", async () => {
        const withoutKmsCreate = (doc: PolicyDocument): PolicyDocument => ({
            ...doc,
            Statement: statementsOf(doc).filter((s) => ![s.Action].flat().includes("kms:CreateKey")),
        });
        const calls = (await requiredCalls(await stackRun("prod"))).filter((c) => c.resource === "openwebui-eks-secrets-key-prod");
        const found = await denied(deployPrincipal(await deploymentRun(), "prod", withoutKmsCreate), calls);
        assert.deepStrictEqual(found.map((f) => f.split(" on ")[0]), ["openwebui-eks-secrets-key-prod: kms:CreateKey", "openwebui-eks-secrets-key-prod: kms:TagResource"]);
    });
});

/**
 * The preflight runs with the deploy role (Deployments' pre-run commands) and the preview role (the
 * PR workflow): each must be allowed every AWS call it makes, or the preflight fails before `up`
 * for want of a permission instead of a real problem. The calls come from preflight/aws.ts's
 * PREFLIGHT_AWS_ACTIONS, held to what the fake AWS actually receives in a run.
 */
describe("IAM: the preflight's AWS calls", function () {
    this.timeout(120_000);
    const world = new World();
    const targets: Partial<Record<(typeof STACKS)[number], Targets>> = {};
    const actions = Object.values(PREFLIGHT_AWS_ACTIONS) as string[];
    // AWS STS API reference, GetCallerIdentity: "No permissions are required to perform this operation" (read 2026-12).
    const NEEDS_NO_PERMISSION = [PREFLIGHT_AWS_ACTIONS.callerIdentity];

    before(async () => {
        await world.start();
        for (const stack of STACKS) targets[stack] = targetsOf(await stackRun(stack), await configOf(await stackRun(stack)));
    });
    after(() => world.stop());

    it("PREFLIGHT_AWS_ACTIONS is exactly what a run calls (with an IAM user among the principals, for iam:GetUser)", async () => {
        const all = STACKS.map((s) => targets[s]!);
        // A foundation model called directly, not through a profile, for bedrock:GetFoundationModel.
        const direct: Targets = { ...all[0], models: all[0].models.map((m) => ({ ...m, id: splitModelId(m.id).foundationModel })) };
        world.healthy(...all, direct);
        for (const t of [...all, direct]) {
            const withUser: Targets = { ...t, principals: [...t.principals, { arn: "arn:aws:iam::111122223333:user/ops", key: "operatorPrincipalArns" }] };
            await awsChecks(withUser, world.options().aws);
        }
        // Bedrock's control plane is REST: the fake records method and path; its API reference names each route.
        const REST: Record<string, string> = { "GET foundation-models": "GetFoundationModel", "GET foundation-model-availability": "GetFoundationModelAvailability", "GET inference-profiles": "GetInferenceProfile" };
        const called = [...new Set(world.aws.calls.map((c) => `${c.service}:${REST[c.action] ?? c.action}`))].sort();
        assert.deepStrictEqual(called, [...actions].sort());
    });

    /** Each call on the resources the stack's preflight names (ARNs in the simulator's account). */
    function requests(t: Targets): Request[] {
        const inAccount = (arn: string) => arn.replace(/:\d{12}:/, `:${ACCOUNT_ID}:`);
        const A = PREFLIGHT_AWS_ACTIONS;
        const out: Request[] = [
            ...t.models.flatMap((m) => {
                const { profile, foundationModel } = splitModelId(m.id);
                const model = `arn:aws:bedrock:${REGION}::foundation-model/${foundationModel}`;
                return [
                    ...(profile ? [{ action: A.inferenceProfile, resource: `arn:aws:bedrock:${REGION}:${ACCOUNT_ID}:inference-profile/${m.id}` }] : []),
                    { action: A.foundationModel, resource: model },
                    { action: A.modelAvailability, resource: model },
                ];
            }),
            { action: A.certificate, resource: inAccount(t.certificate?.arn ?? `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/00000000-0000-0000-0000-000000000000`) },
            { action: A.zones, resource: "*" },
            { action: A.offerings, resource: "*" },
            ...Object.values(QUOTAS).map((q) => ({ action: A.quota, resource: `arn:aws:servicequotas:${REGION}:${ACCOUNT_ID}:ec2/${q.code}` })),
            ...t.principals.map((p) => ({ action: A.role, resource: inAccount(p.arn) })),
            { action: A.user, resource: `arn:aws:iam::${ACCOUNT_ID}:user/ops` },
        ];
        // A new entry in PREFLIGHT_AWS_ACTIONS without a request here fails this, not silently passes.
        assert.deepStrictEqual([...new Set([...out.map((r) => r.action), ...NEEDS_NO_PERMISSION])].sort(), [...actions].sort());
        // The preflight's clients are all in the stack's Region (preflight/aws.ts clients()).
        return out.map((r) => ({ ...r, context: { "aws:RequestedRegion": t.region } }));
    }

    for (const stack of STACKS) {
        it(`${stack}: the deploy role is allowed every call, on the models, certificate, quotas and principals the stack names`, async () => {
            const principal = deployPrincipal(await deploymentRun(), stack);
            const refused: string[] = [];
            for (const request of requests(targets[stack]!)) {
                const decision = await decide(principal, request);
                if (decision !== "Allowed") refused.push(`${request.action} on ${request.resource} → ${decision}`);
            }
            assert.deepStrictEqual(refused, []);
        });

        it(`${stack}: the preview role, assuming AWS's ReadOnlyAccess grants these reads, denies none of them itself`, async () => {
            const deployment = await deploymentRun();
            assert.deepStrictEqual(
                deployment.resources.filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && r.name.startsWith(previewRoleName(stack))).map((r) => r.inputs.policyArn),
                ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
            );
            // The assumption, which cannot be read offline (the managed policy's document is AWS's and
            // changes): ReadOnlyAccess grants the Get/Describe/List reads of these services. Modelled as
            // exactly that, so an action that is not such a read, or a Deny in the role's own policy, fails.
            const services = [...new Set(actions.map((a) => a.split(":")[0]))];
            const readOnlyStandIn: PolicyDocument = {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: services.flatMap((svc) => [`${svc}:Get*`, `${svc}:Describe*`, `${svc}:List*`]), Resource: "*" }],
            };
            const principal: Principal = {
                arn: `arn:aws:iam::${ACCOUNT_ID}:role/${previewRoleName(stack)}`,
                identityPolicies: [readOnlyStandIn, JSON.parse(named(deployment, `${previewRoleName(stack)}-inline`).inputs.policy) as PolicyDocument],
            };
            const refused: string[] = [];
            for (const request of requests(targets[stack]!)) {
                const decision = await decide(principal, request);
                if (decision !== "Allowed") refused.push(`${request.action} on ${request.resource} → ${decision}`);
            }
            assert.deepStrictEqual(refused, []);
        });
    }

    it("a deploy role without the preflight's statement is refused its Bedrock, certificate, quota and principal reads", async () => {
        const withoutPreflight = (doc: PolicyDocument): PolicyDocument => ({ ...doc, Statement: statementsOf(doc).filter((st) => ![st.Action].flat().includes(PREFLIGHT_AWS_ACTIONS.modelAvailability)) });
        const principal = deployPrincipal(await deploymentRun(), "prod", withoutPreflight);
        const refused = new Set<string>();
        for (const request of requests(targets.prod!)) if ((await decide(principal, request)) !== "Allowed") refused.add(request.action);
        for (const a of [PREFLIGHT_AWS_ACTIONS.modelAvailability, PREFLIGHT_AWS_ACTIONS.certificate, PREFLIGHT_AWS_ACTIONS.quota]) assert.ok(refused.has(a), `${a} still allowed: ${[...refused].join(", ")}`);
    });
});
