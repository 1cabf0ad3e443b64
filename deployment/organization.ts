/**
 * What exists once per Pulumi organization, whatever the number of AWS accounts: names here are
 * global to the organization, so a second stack creating them would collide or republish.
 */
import * as pulumi from "@pulumi/pulumi";
import * as service from "@pulumi/pulumiservice";
import * as path from "path";
import { Environment, ENVIRONMENTS, Namer, PROJECT } from "@openwebui-aws/rules/naming";
import { PACK_NAME } from "../policy-pack/policies";
import { loadPackConfig, packVersion, stagePublishedPack } from "../policy-pack/published";
import { DeploymentConfig } from "./settings";
import { GITHUB_OIDC_HOST } from "./trust";

export const agentPoolName = (environment: Environment) => new Namer(PROJECT, environment).of("agent-pool");

export interface OrganizationResources {
    agentPoolIds: Partial<Record<Environment, pulumi.Output<string>>>;
    /** What an agent registers with (PULUMI_AGENT_TOKEN); secret. */
    agentPoolTokens: Partial<Record<Environment, pulumi.Output<string>>>;
}

export function createOrganizationResources(cfg: DeploymentConfig): OrganizationResources {
    const { organization, repository } = cfg;
    new service.OidcIssuer("openwebui-github-oidc-issuer", {
        organization,
        name: "github-actions",
        url: `https://${GITHUB_OIDC_HOST}`,
        policies: [
            {
                decision: "allow",
                tokenType: "organization",
                authorizedPermissions: ["standard"],
                rules: { aud: `urn:pulumi:org:${organization}`, sub: `repo:${repository}:*` },
            },
        ],
    });

    // Deployments run `pulumi up` themselves, with no --policy-pack flag: the same pack is published to
    // the organization and enforced per stack, with that stack's policy config, by a policy group.
    // The provider tarballs a folder as it is; this one holds exactly what `npm pack` ships (the bundle).
    // Every stack of openwebui gets its group here, wherever its AWS account is.
    const versionTag = packVersion();
    const publishedPackDir = stagePublishedPack(path.join(__dirname, ".published-pack"));
    const pack = new service.PolicyPack("openwebui-guardrails-pack", { organization, name: PACK_NAME, sourcePath: publishedPackDir, versionTag });
    for (const stack of ENVIRONMENTS) {
        new service.PolicyGroup(
            `openwebui-policy-group-${stack}`,
            {
                organizationName: organization,
                name: `${PROJECT}-${stack}`,
                entityType: "stacks",
                mode: "preventative",
                stacks: [{ name: stack, routingProject: PROJECT }],
                policyPacks: [{ name: PACK_NAME, versionTag, config: loadPackConfig(stack) }],
            },
            { dependsOn: [pack] },
        );
    }

    // One pool per stack, not one for all: an agent reaches only the VPC it runs in.
    const agentPoolIds: OrganizationResources["agentPoolIds"] = {};
    const agentPoolTokens: OrganizationResources["agentPoolTokens"] = {};
    for (const stack of cfg.agentPoolStacks) {
        const name = agentPoolName(stack);
        const pool = new service.AgentPool(name, {
            organizationName: organization,
            name,
            description: `Deployments of ${PROJECT}/${stack}: agents in ${stack}'s private subnets, where its private API endpoint is reachable`,
        });
        agentPoolIds[stack] = pool.agentPoolId;
        agentPoolTokens[stack] = pulumi.secret(pool.tokenValue);
    }
    return { agentPoolIds, agentPoolTokens };
}
