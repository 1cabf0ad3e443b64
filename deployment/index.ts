/**
 * openwebui-deployment: keyless delivery for the openwebui stacks, in two scopes (deployment/settings.ts):
 *   organization (one stack per Pulumi organization, `organizationResources: true`): the GitHub OIDC
 *     issuer for organization tokens, the published policy pack and its policy groups, and the
 *     customer-managed agent pools of stacks whose API endpoint Pulumi-hosted runners cannot reach;
 *   account (every stack, one per AWS account): IAM OIDC providers, per openwebui stack a deploy role,
 *     a read-only preview role and its Deployments settings (deploy on push, preview pull requests).
 */
import { Output } from "@pulumi/pulumi";
import { Environment } from "@openwebui-aws/rules/naming";
import { createAccountResources } from "./account";
import { createOrganizationResources } from "./organization";
import { readDeploymentConfig } from "./settings";

const cfg = readDeploymentConfig();
const organizationLevel = cfg.organizationResources ? createOrganizationResources(cfg) : undefined;
// The pools this stack created, or the ids the organization's stack exported.
const poolIds: Partial<Record<Environment, string | Output<string>>> = organizationLevel?.agentPoolIds ?? cfg.agentPoolIds;
const account = createAccountResources(cfg, poolIds);

export const pulumiOidcProviderArn = account.pulumiOidcProviderArn;
export const deployRoleArns = account.deployRoleArns;
/** By openwebui stack: the repository variables AWS_PREVIEW_ROLE_ARN_DEV and AWS_PREVIEW_ROLE_ARN_PROD. */
export const previewRoleArns = account.previewRoleArns;
/** On the organization's stack only: what other accounts' stacks set as agentPoolIds. */
export const agentPoolIds = organizationLevel?.agentPoolIds;
/** On the organization's stack only: the token each pool's agents start with (secret). */
export const agentPoolTokens = organizationLevel?.agentPoolTokens;
