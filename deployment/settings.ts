/**
 * deployment/'s stack config, checked before anything is registered. Two scopes, because Pulumi
 * Cloud and AWS draw their boundaries differently:
 *   organization (exactly one stack of this project per Pulumi organization): the GitHub OIDC issuer,
 *     the published policy pack, the policy groups and the Deployments agent pools;
 *   account (one stack per AWS account): the IAM OIDC providers and, for each openwebui stack that
 *     lives in that account, its deploy and preview roles and its Deployments settings.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigReader } from "../config/reader";
import { Environment, ENVIRONMENTS, isEnvironment, PROJECT } from "@openwebui-aws/rules/naming";

export interface DeploymentConfig {
    stackName: string;
    region: string;
    organization: string;
    repository: string;
    branch: string;
    /** openwebui stacks whose AWS account is this stack's. */
    stacks: Environment[];
    /** Whether this stack holds the organization's one-off Pulumi Cloud resources. */
    organizationResources: boolean;
    /** openwebui stacks whose Deployments run on a customer-managed agent pool (their API endpoint is not public). */
    agentPoolStacks: Environment[];
    /** On a stack without the organization's resources: the pool ids the organization's stack exported. */
    agentPoolIds: Partial<Record<Environment, string>>;
}

function environments(own: ConfigReader, key: string): Environment[] {
    const list = own.stringList(key);
    list.forEach((s) => {
        if (!isEnvironment(s)) own.fail(key, `"${s}" is not a stack of ${PROJECT} (${ENVIRONMENTS.join(" or ")})`);
    });
    return list as Environment[];
}

export function readDeploymentConfig(): DeploymentConfig {
    const stackName = pulumi.getStack();
    const own = new ConfigReader(pulumi.getProject(), stackName);
    const region = new ConfigReader("aws", stackName).string("region");
    const organization = own.string("pulumiOrganization");
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(organization)) own.fail("pulumiOrganization", `"${organization}" is not a Pulumi organization name`);
    const repository = own.string("githubRepository");
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) own.fail("githubRepository", `"${repository}" is not owner/name`);
    const branch = own.string("branch");
    const stacks = environments(own, "stacks");
    const organizationResources = own.boolean("organizationResources");
    const agentPoolStacks = environments(own, "agentPoolStacks");

    const given = own.optionalObject("agentPoolIds") ?? {};
    for (const [stack, id] of Object.entries(given)) {
        if (!isEnvironment(stack) || !agentPoolStacks.includes(stack)) own.fail("agentPoolIds", `"${stack}" is not in agentPoolStacks (${agentPoolStacks.join(", ") || "none"})`);
        if (typeof id !== "string" || id === "") own.fail("agentPoolIds", `the pool id of "${stack}" must be a non-empty string`);
    }
    const agentPoolIds = given as Partial<Record<Environment, string>>;
    if (organizationResources && Object.keys(agentPoolIds).length > 0) {
        // Two sources for one id would let the settings point at a pool this stack does not manage.
        own.fail("agentPoolIds", "this stack creates the organization's agent pools (organizationResources: true); remove agentPoolIds");
    }
    if (!organizationResources) {
        for (const stack of stacks.filter((s) => agentPoolStacks.includes(s) && !agentPoolIds[s])) {
            own.fail(
                "agentPoolIds",
                `"${stack}" deploys on the organization's agent pool, which this stack does not create (organizationResources: false): ` +
                    `set its id from the organization's deployment/ stack (pulumi stack output agentPoolIds)`,
            );
        }
    }
    return { stackName, region, organization, repository, branch, stacks, organizationResources, agentPoolStacks, agentPoolIds };
}
