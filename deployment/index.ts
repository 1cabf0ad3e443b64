/**
 * openwebui-deployment: keyless delivery for the openwebui stacks.
 *   Pulumi Cloud OIDC → AWS: one deploy role per stack, trusted only by that stack's deployments.
 *   GitHub OIDC → AWS: one read-only role for PR previews and the drift check.
 *   GitHub OIDC → Pulumi Cloud: organization tokens for this repository's workflows.
 *   Pulumi Deployments: deploy on push to the branch (program paths only), preview pull requests.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as service from "@pulumi/pulumiservice";
import * as path from "path";
import { createRole, managedPolicy, policyDocument } from "../components/iam";
import { ConfigReader } from "../config/reader";
import { Environment, isEnvironment, PROJECT } from "@openwebui-aws/rules/naming";
import { PACK_NAME } from "../policy-pack/policies";
import { deployBoundaryName, deployBoundaryStatements, deployRoleName, deployStatements } from "./deploy-permissions";
import { DEPLOY_PATHS } from "./paths";
import { loadPackConfig, packVersion, stagePublishedPack } from "./published-pack";
import { deploySubject, GITHUB_OIDC_HOST, previewSubjects, PULUMI_OIDC_HOST } from "./trust";

/** What must be on whatever runs `pulumi preview` / `up` for the openwebui stacks. */
const RUNNER_PREREQUISITES = ["aws --version", "node --version"] as const;



const stackName = pulumi.getStack();
const own = new ConfigReader(pulumi.getProject(), stackName);
const region = new ConfigReader("aws", stackName).string("region");
const organization = own.string("pulumiOrganization");
if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(organization)) own.fail("pulumiOrganization", `"${organization}" is not a Pulumi organization name`);
const repository = own.string("githubRepository");
if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) own.fail("githubRepository", `"${repository}" is not owner/name`);
const branch = own.string("branch");
const stacks = own.stringList("stacks");
stacks.forEach((s) => {
    if (!isEnvironment(s)) own.fail("stacks", `"${s}" is not a stack of ${PROJECT} (dev or prod)`);
});

const awsProvider = new aws.Provider("openwebui-deployment-aws", {
    region: region as aws.Region,
    defaultTags: { tags: { Project: PROJECT, Environment: "shared", ManagedBy: "pulumi", Owner: "platform-team" } },
});
const opts = { provider: awsProvider };
const accountId = aws.getCallerIdentityOutput({}, opts).accountId;
// createRole parents its attachments to the role's parent; a component keeps them under one node.
class KeylessAccess extends pulumi.ComponentResource {
    constructor() {
        super("openwebui-deployment:index:KeylessAccess", "openwebui-keyless-access", {}, { providers: [awsProvider] });
        this.registerOutputs({});
    }
}
const access = new KeylessAccess();
const child = { parent: access };

// AWS checks the provider's TLS chain itself for these two issuers; the thumbprint is only a required placeholder.
const pulumiOidc = new aws.iam.OpenIdConnectProvider(
    "openwebui-pulumi-oidc-provider",
    { url: `https://${PULUMI_OIDC_HOST}`, clientIdLists: [organization] },
    child,
);
const githubOidc = new aws.iam.OpenIdConnectProvider(
    "openwebui-github-oidc-provider",
    { url: `https://${GITHUB_OIDC_HOST}`, clientIdLists: ["sts.amazonaws.com"] },
    child,
);

export const deployRoleArns: Record<string, pulumi.Output<string>> = {};
for (const stack of stacks) {
    const environment = stack as Environment;
    const boundaryName = deployBoundaryName(environment);
    const boundary = new aws.iam.Policy(
        boundaryName,
        {
            name: boundaryName,
            description: `Permissions boundary of ${deployRoleName(environment)}: no self-change, no role assumption`,
            policy: policyDocument(deployBoundaryStatements(accountId, environment)),
        },
        child,
    );
    const role = createRole(
        {
            name: deployRoleName(environment),
            description: `Pulumi Deployments of ${organization}/${PROJECT}/${stack}`,
            trust: [
                {
                    Effect: "Allow",
                    Principal: { Federated: pulumiOidc.arn },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: { [`${PULUMI_OIDC_HOST}:aud`]: organization },
                        StringLike: { [`${PULUMI_OIDC_HOST}:sub`]: deploySubject(organization, stack) },
                    },
                },
            ],
            statements: deployStatements(accountId, environment, region).map((s) => s.statement),
            permissionsBoundary: boundary.arn,
        },
        access,
    );
    deployRoleArns[stack] = role.arn;

    new service.DeploymentSettings(
        `openwebui-deployment-settings-${stack}`,
        {
            organization,
            project: PROJECT,
            stack,
            sourceContext: { git: { branch: `refs/heads/${branch}`, repoDir: "." } },
            github: {
                repository,
                deployCommits: true,
                previewPullRequests: true,
                paths: [...DEPLOY_PATHS],
            },
            operationContext: {
                // @pulumi/eks's kubeconfig runs `aws eks get-token`: without the AWS CLI on the runner every
                // Kubernetes resource fails late. Fail first, with the reason in the log.
                preRunCommands: [...RUNNER_PREREQUISITES],
                oidc: { aws: { roleARN: role.arn, sessionName: `pulumi-deployments-${stack}`, duration: "1h0m0s" } },
            },
        },
        { dependsOn: role.ready },
    );
}

const previewRole = createRole(
    {
        name: "openwebui-preview-role",
        description: `Read-only: pulumi preview and drift checks from ${repository}`,
        trust: [
            {
                Effect: "Allow",
                Principal: { Federated: githubOidc.arn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: "sts.amazonaws.com" },
                    StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: previewSubjects(repository, branch) },
                },
            },
        ],
        // A refresh reads every resource type the program has; ReadOnlyAccess is AWS's maintained
        // list of those reads. The explicit deny keeps secrets and object contents out of reach.
        managedPolicies: [managedPolicy("ReadOnlyAccess")],
        statements: [
            {
                Effect: "Deny",
                Action: ["s3:GetObject", "s3:GetObjectVersion", "secretsmanager:GetSecretValue", "kms:Decrypt"],
                Resource: "*",
            },
            {
                // Every parameter but AWS's public ones: a preview reads the NAT instance's AMI from them.
                Effect: "Deny",
                Action: "ssm:GetParameter*",
                NotResource: "arn:aws:ssm:*:*:parameter/aws/service/*",
            },
        ],
    },
    access,
);

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
const versionTag = packVersion();
const publishedPackDir = stagePublishedPack(path.join(__dirname, ".published-pack"));
const pack = new service.PolicyPack("openwebui-guardrails-pack", { organization, name: PACK_NAME, sourcePath: publishedPackDir, versionTag });
for (const stack of stacks) {
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

export const pulumiOidcProviderArn = pulumiOidc.arn;
export const previewRoleArn = previewRole.arn;
