/**
 * A role handed to a service is complete first: whatever receives a role waits for the role's
 * policy attachments and inline policy, not only for the role (terraform-aws-eks and CDK do the same).
 */
import * as assert from "assert";
import { valuesAt } from "../sim/provider-rules";
import { RecordedResource } from "../sim/mock-engine";
import { ofType, stackRun, STACKS } from "./helpers";

/** Where a resource is handed an IAM role, by type. */
const ROLE_HAND_OFFS: Record<string, string[]> = {
    "eks:index:Cluster": ["serviceRole"],
    "aws:eks/nodeGroup:NodeGroup": ["nodeRoleArn"],
    "aws:ec2/flowLog:FlowLog": ["iamRoleArn"],
    "aws:dlm/lifecyclePolicy:LifecyclePolicy": ["executionRoleArn"],
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": ["roleArn"],
    "aws:eks/addon:Addon": ["podIdentityAssociations[].roleArn"],
    "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": ["iamRoleArn"],
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": ["role"],
};

const roleNameOf = (value: unknown): string | undefined =>
    typeof value === "string" ? /:role\/(.+)$/.exec(value)?.[1] : ((value as { __name?: string } | undefined)?.__name ?? undefined);

function handOffs(resources: RecordedResource[]) {
    return resources.flatMap((consumer) =>
        (ROLE_HAND_OFFS[consumer.type] ?? []).flatMap((path) =>
            valuesAt(consumer.inputs, path)
                .map(roleNameOf)
                .filter((n): n is string => n !== undefined)
                .map((roleName) => ({ consumer, roleName })),
        ),
    );
}

for (const stack of STACKS) {
    describe(`ordering (${stack})`, () => {
        it("everything handed a role waits for that role's attachments and inline policy", async () => {
            const r = await stackRun(stack);
            const found = handOffs(r.resources);
            assert.ok(found.length >= 8, `only ${found.length} role hand-offs found`);
            for (const { consumer, roleName } of found) {
                const grants = [...ofType(r, "aws:iam/rolePolicyAttachment:RolePolicyAttachment"), ...ofType(r, "aws:iam/rolePolicy:RolePolicy")].filter(
                    (g) => g.name.startsWith(`${roleName}-`),
                );
                assert.ok(grants.length > 0, `${roleName} has no grants`);
                for (const g of grants) {
                    assert.ok(consumer.dependencies.includes(g.urn), `${consumer.name} does not wait for ${g.name}`);
                }
            }
        });

        it("every service role the program creates is handed over somewhere the check above looks", async () => {
            const r = await stackRun(stack);
            const handedOver = new Set(handOffs(r.resources).map((h) => h.roleName));
            const serviceRoles = ofType(r, "aws:iam/role:Role")
                .filter((role) => JSON.parse(role.inputs.assumeRolePolicy).Statement.every((s: { Principal: Record<string, unknown> }) => s.Principal.Service))
                .map((role) => role.name);
            assert.deepStrictEqual(serviceRoles.filter((n) => !handedOver.has(n)), []);
        });
    });
}
