import * as assert from "assert";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { PackConfig, PolicyInput, runPolicies, Violation } from "../../sim/policy-runner";

/** Runs one policy over the given resources and returns its violations. */
export function check(
    policy: ResourceValidationPolicy | StackValidationPolicy,
    resources: PolicyInput[],
    packConfig: PackConfig = {},
): Promise<Violation[]> {
    return runPolicies([policy], resources, { packConfig });
}

export async function assertPasses(policy: ResourceValidationPolicy | StackValidationPolicy, resources: PolicyInput[], config?: PackConfig) {
    assert.deepStrictEqual(await check(policy, resources, config), []);
}

export async function assertFlags(
    policy: ResourceValidationPolicy | StackValidationPolicy,
    resources: PolicyInput[],
    pattern: RegExp,
    config?: PackConfig,
) {
    const violations = await check(policy, resources, config);
    assert.ok(violations.length > 0, `${policy.name} let through: ${JSON.stringify(resources)}`);
    assert.ok(violations.some((v) => pattern.test(v.message)), `no message matched ${pattern}: ${JSON.stringify(violations)}`);
}

/** A provider whose default tags carry every required tag. */
export const taggedProvider = {
    type: "pulumi:providers:aws",
    name: "openwebui-aws-dev",
    urn: "urn:pulumi:dev::openwebui::pulumi:providers:aws::openwebui-aws-dev",
    props: {
        defaultTags: JSON.stringify({
            tags: {
                Project: "openwebui",
                Environment: "dev",
                Owner: "platform-team",
                ManagedBy: "pulumi",
                CostCenter: "openwebui-project",
                Department: "engineering",
                Team: "devops",
            },
        }),
    },
};
