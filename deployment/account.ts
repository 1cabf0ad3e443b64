/**
 * What exists once per AWS account, and per openwebui stack living in it:
 *   Pulumi Cloud OIDC → AWS: one deploy role per stack, trusted only by that stack's deployments.
 *   GitHub OIDC → AWS: one read-only preview role per stack, for PR previews and the drift check.
 *   Pulumi Deployments settings of each of those stacks (they name the role of this account).
 * IAM role names are unique per account only, so each carries its stack's name.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as service from "@pulumi/pulumiservice";
import { createRole, managedPolicy, policyDocument } from "../components/iam";
import { Environment, PROJECT } from "@openwebui-aws/rules/naming";
import { deployBoundaryName, deployBoundaryStatements, deployRoleName, deployStatements, previewRoleName } from "./deploy-permissions";
import { DEPLOY_PATHS } from "./paths";
import { DeploymentConfig } from "./settings";
import { deploySubject, GITHUB_OIDC_HOST, previewSubjects, PULUMI_OIDC_HOST } from "./trust";
import { workloadBoundaryName, workloadBoundaryStatements } from "./workload-boundary";

/** What must be on whatever runs `pulumi preview` / `up` for the openwebui stacks. */
const RUNNER_PREREQUISITES = ["aws --version", "node --version"] as const;

export { previewRoleName };

// createRole parents its attachments to the role's parent; a component keeps them under one node.
class KeylessAccess extends pulumi.ComponentResource {
    constructor(provider: aws.Provider) {
        super("openwebui-deployment:index:KeylessAccess", "openwebui-keyless-access", {}, { providers: [provider] });
        this.registerOutputs({});
    }
}

export interface AccountResources {
    pulumiOidcProviderArn: pulumi.Output<string>;
    deployRoleArns: Partial<Record<Environment, pulumi.Output<string>>>;
    previewRoleArns: Partial<Record<Environment, pulumi.Output<string>>>;
}

export function createAccountResources(cfg: DeploymentConfig, agentPoolIds: Partial<Record<Environment, pulumi.Input<string>>>): AccountResources {
    const { organization, repository, branch, region } = cfg;
    const awsProvider = new aws.Provider("openwebui-deployment-aws", {
        region: region as aws.Region,
        defaultTags: { tags: { Project: PROJECT, Environment: "shared", ManagedBy: "pulumi", Owner: "platform-team" } },
    });
    const accountId = aws.getCallerIdentityOutput({}, { provider: awsProvider }).accountId;
    const access = new KeylessAccess(awsProvider);
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

    const deployRoleArns: AccountResources["deployRoleArns"] = {};
    const previewRoleArns: AccountResources["previewRoleArns"] = {};
    for (const stack of cfg.stacks) {
        // Before the stack's first run: the program gives every role it creates this boundary, and the
        // deploy role may create no role without it.
        const workloadName = workloadBoundaryName(stack);
        const workloadBoundary = new aws.iam.Policy(
            workloadName,
            {
                name: workloadName,
                description: `Permissions boundary of every role ${PROJECT}/${stack} creates: its services and own resources, no IAM writes, no role assumption`,
                policy: policyDocument(workloadBoundaryStatements(accountId, stack, region)),
            },
            child,
        );
        const boundaryName = deployBoundaryName(stack);
        const boundary = new aws.iam.Policy(
            boundaryName,
            {
                name: boundaryName,
                description: `Permissions boundary of ${deployRoleName(stack)}: the services the program uses; roles only with ${workloadName}; no self-change, no role assumption`,
                policy: policyDocument(deployBoundaryStatements(accountId, stack, region)),
            },
            child,
        );
        const role = createRole(
            {
                name: deployRoleName(stack),
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
                statements: deployStatements(accountId, stack, region).map((s) => s.statement),
                permissionsBoundary: boundary.arn,
            },
            access,
        );
        deployRoleArns[stack] = role.arn;
        previewRoleArns[stack] = createPreviewRole(stack, repository, branch, githubOidc.arn, access).arn;

        new service.DeploymentSettings(
            `openwebui-deployment-settings-${stack}`,
            {
                organization,
                project: PROJECT,
                stack,
                // Unset: Pulumi-hosted runners, which reach only a public endpoint open to them.
                agentPoolId: agentPoolIds[stack],
                sourceContext: { git: { branch: `refs/heads/${branch}`, repoDir: "." } },
                github: {
                    repository,
                    deployCommits: true,
                    previewPullRequests: true,
                    paths: [...DEPLOY_PATHS],
                },
                operationContext: {
                    // @pulumi/eks's kubeconfig runs `aws eks get-token`: without the AWS CLI on the runner every
                    // Kubernetes resource fails late. Fail first, with the reason in the log. Then the preflight
                    // (it skips destroy, refresh and drift runs); pre-run commands run before Deployments
                    // installs dependencies (Pulumi docs, "Skipping Automatic Dependency Installation"), so it installs them.
                    preRunCommands: [...RUNNER_PREREQUISITES, "npm ci --no-audit --no-fund", `npm run preflight -- ${stack}`],
                    // On an agent too: the job gets the role by Pulumi OIDC, never the agent host's own credentials.
                    oidc: { aws: { roleARN: role.arn, sessionName: `pulumi-deployments-${stack}`, duration: "1h0m0s" } },
                },
            },
            // Deployments create the stack's roles against the workload boundary's ARN: it exists first.
            { dependsOn: [...role.ready, workloadBoundary] },
        );
    }
    return { pulumiOidcProviderArn: pulumiOidc.arn, deployRoleArns, previewRoleArns };
}

function createPreviewRole(stack: Environment, repository: string, branch: string, githubOidcArn: pulumi.Output<string>, access: pulumi.Resource) {
    return createRole(
        {
            name: previewRoleName(stack),
            description: `Read-only: pulumi preview and drift checks of ${PROJECT}/${stack} from ${repository}`,
            trust: [
                {
                    Effect: "Allow",
                    Principal: { Federated: githubOidcArn },
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
            // Read-only by its policies; not a role the program creates, so not under the workload boundary.
            permissionsBoundary: undefined,
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
}
