/**
 * Issue 24, decided by the IAM simulator: the deploy role cannot make itself, or anything it
 * creates, an administrator. It creates and grants roles only under the workload boundary, cannot
 * remove or edit a boundary, and whatever it writes into a role is capped by that boundary. What
 * IAM cannot decide — the contents of a trust policy — is shown to be refused by the pack.
 */
import * as assert from "assert";
import { deployBoundaryName, deployRoleName, previewRoleName } from "../deployment/deploy-permissions";
import { RUN_TIME_SERVICES, workloadBoundaryName } from "../deployment/workload-boundary";
import { iamRoleWorkloadBoundary } from "../policy-pack/policies/role-boundary";
import { DEPLOY_CALLS } from "../sim/deploy-calls";
import { ACCOUNT_ID, REGION } from "../sim/fake-aws";
import { decide, PolicyDocument, Principal, Request } from "../sim/iam-engine";
import { ProgramRun } from "../sim/mock-engine";
import { deploymentRun, named, stackRun, STACKS } from "./helpers";
import { assertStackFlags, changed, stackInputs } from "./policies/stack-inputs";

const doc = (r: ProgramRun, name: string, prop = "policy") => JSON.parse(named(r, name).inputs[prop]) as PolicyDocument;
const ADMIN: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const FOREIGN = "999988887777";
const role = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:role/${name}`;

/** A statement's resource pattern as one ARN a real call would carry: this Region and account, names for the rest. */
const concrete = (pattern: string) =>
    pattern === "*"
        ? "*"
        : pattern
              .split(":")
              .map((field, i) => (i === 3 && field === "*" ? REGION : i === 4 && field === "*" ? ACCOUNT_ID : field))
              .join(":")
              .replace(/\*/g, "x");

/**
 * Actions of the AWS managed policies the program attaches, each service they use at least once
 * (zoph-io/MAMIP policies/<name>, the policy documents as AWS publishes them, read 2026-12-07).
 */
const MANAGED_POLICY_ACTIONS: Record<string, string[]> = {
    AmazonEKSClusterPolicy: ["autoscaling:UpdateAutoScalingGroup", "ec2:CreateSecurityGroup", "elasticloadbalancing:CreateLoadBalancer", "kms:DescribeKey"],
    AmazonEKSWorkerNodePolicy: ["ec2:DescribeInstances", "eks:DescribeCluster", "eks-auth:AssumeRoleForPodIdentity"],
    AmazonEKS_CNI_Policy: ["ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface"],
    AmazonEC2ContainerRegistryReadOnly: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImageScanFindings"],
    AmazonEBSCSIDriverPolicy: ["ec2:CreateVolume", "ec2:AttachVolume", "ec2:CreateSnapshot"],
    CloudWatchAgentServerPolicy: ["cloudwatch:PutMetricData", "logs:PutLogEvents", "logs:CreateLogGroup", "xray:PutTraceSegments", "ssm:GetParameter"],
    AWSDataLifecycleManagerServiceRole: ["ec2:CreateSnapshots", "ec2:DeleteSnapshot", "events:PutRule"],
    CloudWatchReadOnlyAccess: ["cloudwatch:GetMetricData", "logs:GetLogEvents", "sns:ListTopics", "autoscaling:DescribeAutoScalingGroups", "xray:GetTraceSummaries"],
};

for (const stack of STACKS) {
    describe(`${stack}: the deploy role and the workload boundary`, function () {
        this.timeout(120_000);
        const boundaryArn = `arn:aws:iam::${ACCOUNT_ID}:policy/${workloadBoundaryName(stack)}`;
        const appRole = role(`openwebui-webui-role-${stack}`);
        const bounded = { "iam:PermissionsBoundary": boundaryArn };

        async function deployRole(inline?: PolicyDocument): Promise<Principal> {
            const d = await deploymentRun();
            return { arn: role(deployRoleName(stack)), identityPolicies: [inline ?? doc(d, `${deployRoleName(stack)}-inline`)], boundary: doc(d, deployBoundaryName(stack)) };
        }
        /** An app role whose inline policy was rewritten to allow everything, under the workload boundary. */
        async function adminAppRole(): Promise<Principal> {
            return { arn: appRole, identityPolicies: [ADMIN], boundary: doc(await deploymentRun(), workloadBoundaryName(stack)) };
        }
        const may = async (principal: Principal, request: Request) => decide(principal, { ...request, context: { "aws:RequestedRegion": REGION, ...request.context } });

        it("may create a stack role only with the workload boundary, and grant or re-trust only a role that carries it", async () => {
            const deploy = await deployRole();
            assert.strictEqual(await may(deploy, { action: "iam:CreateRole", resource: appRole, context: bounded }), "Allowed");
            assert.strictEqual(await may(deploy, { action: "iam:CreateRole", resource: appRole }), "ExplicitlyDenied", "no boundary");
            const admin = { "iam:PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess" };
            assert.strictEqual(await may(deploy, { action: "iam:CreateRole", resource: appRole, context: admin }), "ExplicitlyDenied", "another boundary");
            for (const action of ["iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy"]) {
                const attach: Record<string, string> = action === "iam:AttachRolePolicy" ? { "iam:PolicyARN": "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" } : {};
                assert.strictEqual(await may(deploy, { action, resource: appRole, context: { ...bounded, ...attach } }), "Allowed", action);
                // A role of the stack's name pattern that carries no boundary (one created by hand, or before the upgrade).
                assert.strictEqual(await may(deploy, { action, resource: role(`openwebui-handmade-role-${stack}`), context: attach }), "ExplicitlyDenied", `${action} on an unbounded role`);
            }
        });

        it("cannot remove or replace a boundary, edit the workload boundary, or touch the preview role", async () => {
            const deploy = await deployRole();
            assert.strictEqual(await may(deploy, { action: "iam:DeleteRolePermissionsBoundary", resource: appRole, context: bounded }), "ExplicitlyDenied");
            assert.strictEqual(await may(deploy, { action: "iam:PutRolePermissionsBoundary", resource: appRole, context: bounded }), "Allowed", "setting the workload boundary (the upgrade's in-place update)");
            const other = { "iam:PermissionsBoundary": `arn:aws:iam::${ACCOUNT_ID}:policy/openwebui-deploy-boundary-${stack}` };
            assert.strictEqual(await may(deploy, { action: "iam:PutRolePermissionsBoundary", resource: appRole, context: other }), "ExplicitlyDenied");
            for (const action of ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicyVersion", "iam:DeletePolicy"]) {
                assert.strictEqual(await may(deploy, { action, resource: boundaryArn }), "ExplicitlyDenied", action);
            }
            for (const action of ["iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole"]) {
                assert.strictEqual(await may(deploy, { action, resource: role(previewRoleName(stack)) }), "ExplicitlyDenied", `${action} on the preview role`);
            }
        });

        it("an admin inline policy on an app role is capped: no IAM, no role in another account, no foreign bucket", async () => {
            const app = await adminAppRole();
            for (const action of ["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:PassRole", "iam:DeleteRolePermissionsBoundary"]) {
                assert.notStrictEqual(await may(app, { action, resource: role(`openwebui-operator-role-${stack}`) }), "Allowed", action);
            }
            for (const action of ["iam:CreateUser", "iam:CreateAccessKey"]) {
                assert.notStrictEqual(await may(app, { action, resource: `arn:aws:iam::${ACCOUNT_ID}:user/intruder` }), "Allowed", action);
            }
            assert.notStrictEqual(await may(app, { action: "iam:CreatePolicy", resource: `arn:aws:iam::${ACCOUNT_ID}:policy/anything` }), "Allowed");
            assert.strictEqual(await may(app, { action: "sts:AssumeRole", resource: `arn:aws:iam::${FOREIGN}:role/anything` }), "ExplicitlyDenied");
            assert.strictEqual(await may(app, { action: "sts:AssumeRole", resource: role(`openwebui-operator-role-${stack}`) }), "ExplicitlyDenied", "nor one in its own account");
            for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) {
                assert.notStrictEqual(await may(app, { action, resource: "arn:aws:s3:::someone-elses-bucket/data.csv" }), "Allowed", action);
            }
            assert.notStrictEqual(await may(app, { action: "s3:ListBucket", resource: "arn:aws:s3:::someone-elses-bucket" }), "Allowed");
            assert.strictEqual(await may(app, { action: "ec2:ModifySnapshotAttribute", resource: `arn:aws:ec2:${REGION}::snapshot/snap-0123456789abcdef0` }), "ExplicitlyDenied", "no sharing a snapshot");
            // The cap is a cap, not a wall: what the program's roles do stays allowed.
            assert.strictEqual(await may(app, { action: "s3:GetObject", resource: `arn:aws:s3:::openwebui-uploads-bucket-${stack}-${ACCOUNT_ID}/f` }), "Allowed");
            assert.strictEqual(await may(app, { action: "ec2:DescribeInstances", resource: "*" }), "Allowed");
        });

        it("caps nothing the program's roles do: each of their inline grants, and the managed policies' services, stay allowed", async () => {
            const r = await stackRun(stack);
            const app = await adminAppRole();
            const refused: string[] = [];
            for (const policy of r.resources.filter((x) => x.type === "aws:iam/rolePolicy:RolePolicy")) {
                for (const st of [JSON.parse(policy.inputs.policy).Statement].flat() as { Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, string>> }[]) {
                    if (st.Effect !== "Allow") continue;
                    const service = st.Condition?.StringEquals?.["iam:AWSServiceName"];
                    // A statement lists resources for all its actions; each pair the simulator can place is decided.
                    let decided = 0;
                    for (const action of [st.Action].flat()) {
                        for (const resource of [st.Resource].flat().map(concrete)) {
                            const context: Record<string, string> = service ? { "iam:AWSServiceName": service } : {};
                            // An ARN's last wildcard may stand for more than one path segment (a node group's name/uuid).
                            const decision = await may(app, { action, resource, context })
                                .catch(() => may(app, { action, resource: `${resource}/x`, context }))
                                .catch(() => undefined);
                            if (decision === undefined) continue;
                            decided++;
                            if (decision !== "Allowed") refused.push(`${policy.name}: ${action} on ${resource} → ${decision}`);
                        }
                    }
                    // The simulator cannot place some ELB listener ARNs; the boundary grants those services whole.
                    const wholeService = [st.Action].flat().every((a) => RUN_TIME_SERVICES.includes(a.split(":")[0]));
                    if (decided === 0 && !wholeService) refused.push(`${policy.name}: no action of ${[st.Action].flat().join(", ")} could be decided`);
                }
            }
            const attached = r.resources.filter((x) => x.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((x) => String(x.inputs.policyArn).split("/").pop() as string);
            for (const name of attached) {
                assert.ok(MANAGED_POLICY_ACTIONS[name], `no sample of ${name}'s actions`);
                for (const action of MANAGED_POLICY_ACTIONS[name]) {
                    const resource = action === "ssm:GetParameter" ? `arn:aws:ssm:${REGION}:${ACCOUNT_ID}:parameter/AmazonCloudWatch-linux` : action === "events:PutRule" ? `arn:aws:events:${REGION}:${ACCOUNT_ID}:rule/AwsDataLifecycleRule.managed-cwe.x` : "*";
                    const decision = await may(app, { action, resource });
                    if (decision !== "Allowed") refused.push(`${name}: ${action} → ${decision}`);
                }
            }
            assert.deepStrictEqual(refused, []);
        });

        it("every role the program creates is created with the boundary, and each such call is allowed", async () => {
            const r = await stackRun(stack);
            const deploy = await deployRole();
            const ctx = { tags: {}, byName: (name: string) => r.resources.find((x) => x.name === name) };
            const creates = r.resources.filter((x) => x.type === "aws:iam/role:Role").flatMap((x) => DEPLOY_CALLS[x.type](x, ctx).filter((q) => q.action === "iam:CreateRole"));
            assert.ok(creates.length >= 12, `${creates.length} roles`);
            for (const request of creates) {
                assert.strictEqual(request.context?.["iam:PermissionsBoundary"], boundaryArn, request.resource);
                assert.strictEqual(await decide(deploy, request), "Allowed", request.resource);
            }
        });

        it("its own boundary caps it: even with an admin inline policy it gets no IAM user, no unbounded role, no trail off, no way out", async () => {
            const rewritten = await deployRole(ADMIN);
            const refused: [string, string, Record<string, string>?][] = [
                ["iam:CreateUser", `arn:aws:iam::${ACCOUNT_ID}:user/intruder`],
                ["iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT_ID}:user/intruder`],
                ["iam:CreatePolicy", `arn:aws:iam::${ACCOUNT_ID}:policy/anything`],
                ["iam:CreateRole", role(`openwebui-x-role-${stack}`)],
                ["iam:PutRolePolicy", role(deployRoleName(stack))],
                ["iam:PassRole", role(`openwebui-operator-role-${stack}`), { "iam:PassedToService": "ec2.amazonaws.com" }],
                ["sts:AssumeRole", `arn:aws:iam::${FOREIGN}:role/anything`],
                ["cloudtrail:StopLogging", `arn:aws:cloudtrail:${REGION}:${ACCOUNT_ID}:trail/org-trail`],
                ["organizations:LeaveOrganization", "*"],
                ["ec2:ModifySnapshotAttribute", `arn:aws:ec2:${REGION}::snapshot/snap-0123456789abcdef0`],
            ];
            for (const [action, resource, context] of refused) assert.notStrictEqual(await may(rewritten, { action, resource, context }), "Allowed", action);
        });

        it("cannot make an app role trust another account: IAM cannot refuse it, the pack does, and the boundary still caps the role", async () => {
            // IAM has no condition key on a trust policy's contents (iam:UpdateAssumeRolePolicy takes
            // only iam:PermissionsBoundary): on a bounded role of the stack the call itself is allowed.
            const deploy = await deployRole();
            assert.strictEqual(await may(deploy, { action: "iam:UpdateAssumeRolePolicy", resource: appRole, context: bounded }), "Allowed");
            // What refuses it is the pack, in every preview and before every update the deploy role runs.
            const foreignTrust = changed(await stackInputs(stack), (x) => x.name === `openwebui-webui-role-${stack}`, (p) => {
                const trust = JSON.parse(p.assumeRolePolicy);
                trust.Statement.push({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${FOREIGN}:root` }, Action: "sts:AssumeRole" });
                p.assumeRolePolicy = JSON.stringify(trust);
            });
            await assertStackFlags(iamRoleWorkloadBoundary, foreignTrust, stack, new RegExp(`${FOREIGN}:root is not a principal of account ${ACCOUNT_ID}`));
            // A raw API call skips the pack; then the role is still under the boundary for whoever assumes it.
            const app = await adminAppRole();
            assert.notStrictEqual(await may(app, { action: "iam:AttachRolePolicy", resource: appRole, context: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" } }), "Allowed");
        });
    });
}
