/**
 * What a stack's deploy role may do: enough to create, update and destroy that stack and nothing of
 * the other stack where AWS lets names or tags tell them apart. Each statement carries its reason;
 * the broad ones say why they cannot be narrower.
 */
import * as pulumi from "@pulumi/pulumi";
import { Statement } from "../components/iam";
import { PASSED_ROLES } from "./passed-roles";
import { flowLogGroupName } from "../components/network/flow-logs";
import { backupBucketName } from "../components/ops/backups";
import { uploadsBucketName } from "../components/app";
import { opsLogGroupNames } from "../components/ops/monitoring";
import { containerInsightsLogGroupName, controlPlaneLogGroupName } from "@openwebui-aws/rules/eks";
import { deployRoleName, Environment, Namer, PROJECT, wafLogGroupName } from "@openwebui-aws/rules/naming";
import { rdsLogGroupName } from "@openwebui-aws/rules/app";
import { CROSS_ACCOUNT_SHARING, workloadBoundaryArn, workloadBoundaryName } from "./workload-boundary";
import { taggedKeyCreation } from "./key-creation";
import { recoveryCopyStatements } from "./recovery-permissions";

export interface ReasonedStatement {
    reason: string;
    statement: Statement;
}

/** The AWS managed policies the program attaches; the deploy role may attach these and no others. */
export const ATTACHABLE_MANAGED_POLICIES = [
    "AmazonEKSClusterPolicy",
    "AmazonEKSWorkerNodePolicy",
    "AmazonEKS_CNI_Policy",
    "AmazonEC2ContainerRegistryReadOnly",
    "service-role/AmazonEBSCSIDriverPolicy",
    "CloudWatchAgentServerPolicy",
    "service-role/AWSDataLifecycleManagerServiceRole",
    "CloudWatchReadOnlyAccess",
].map((p) => `arn:aws:iam::aws:policy/${p}`);

/** Writes a role could use to widen its own permissions; denied on the deploy role itself. */
export const SELF_MODIFYING_ACTIONS = [
    "iam:PutRolePolicy",
    "iam:DeleteRolePolicy",
    "iam:AttachRolePolicy",
    "iam:DetachRolePolicy",
    "iam:UpdateAssumeRolePolicy",
    "iam:PutRolePermissionsBoundary",
    "iam:DeleteRolePermissionsBoundary",
    "iam:UpdateRole",
    "iam:DeleteRole",
    "iam:TagRole",
    "iam:UntagRole",
];

/**
 * Writes that give a role permissions or a new trust: allowed only on a role that carries (or, for
 * CreateRole and PutRolePermissionsBoundary, is given) the workload boundary, which caps whatever
 * they write. IAM reads iam:PermissionsBoundary from the request for those two and from the
 * role for the others (AWS Service Authorization Reference, IAM actions table).
 */
export const BOUNDED_ROLE_WRITES = ["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary"];

/** Changing a managed policy's effect; denied on the two boundaries. */
export const POLICY_EDITS = ["iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicy", "iam:TagPolicy", "iam:UntagPolicy"];

export { deployRoleName };
export const deployBoundaryName = (environment: Environment) => new Namer(PROJECT, environment).of("deploy-boundary");
export const previewRoleName = (environment: Environment) => new Namer(PROJECT, environment).of("preview-role");

/** Denied to the deploy role in its inline policy and again in its boundary. */
function escalationDenies(accountId: pulumi.Input<string>, environment: Environment): ReasonedStatement[] {
    const iamArn = (resource: string) => pulumi.interpolate`arn:aws:iam::${accountId}:${resource}`;
    const deny = (reason: string, statement: Omit<Statement, "Effect">): ReasonedStatement => ({ reason, statement: { ...statement, Effect: "Deny" } });
    return [
        deny("Deployments' own roles match openwebui-*-<env>* too, and the program never changes them: the deploy role may not change itself, nor the preview role (deleting its Deny statement would widen it).", {
            Sid: "NotDeploymentsRoles",
            Action: SELF_MODIFYING_ACTIONS,
            Resource: [iamArn(`role/${deployRoleName(environment)}`), iamArn(`role/${previewRoleName(environment)}`)],
        }),
        deny("Neither boundary may be edited or deleted: the caps hold whatever else is rewritten.", {
            Sid: "NotTheBoundaries",
            Action: POLICY_EDITS,
            Resource: [iamArn(`policy/${deployBoundaryName(environment)}`), iamArn(`policy/${workloadBoundaryName(environment)}`)],
        }),
        deny("No role's boundary may be removed.", { Sid: "NoBoundaryRemoval", Action: "iam:DeleteRolePermissionsBoundary", Resource: "*" }),
        deny("No role may be created, granted or re-trusted unless it carries the workload boundary (an absent boundary counts as another).", {
            Sid: "OnlyBoundedRoles",
            Action: BOUNDED_ROLE_WRITES,
            Resource: "*",
            Condition: { StringNotEquals: { "iam:PermissionsBoundary": workloadBoundaryArn(accountId, environment) } },
        }),
        deny("No role assumption: a role the deploy role can write to could otherwise trust it and hand it more.", {
            Sid: "NoPivot",
            Action: ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"],
            Resource: "*",
        }),
        deny("No sharing of snapshots, images or the VPC with another account (EC2 ids are generated, so ec2:* cannot be narrowed by name).", {
            Sid: "NoSharingWithOtherAccounts",
            Action: CROSS_ACCOUNT_SHARING,
            Resource: "*",
        }),
    ];
}

/**
 * The deploy role's permissions boundary, a cap and not a grant: every action of the services its
 * inline policy names, except IAM, whose grants it repeats as written (role writes only with the
 * workload boundary, passing only the program's roles), and the escalation denies. Even a rewritten
 * inline policy cannot get past it, and it cannot be removed or edited.
 */
export function deployBoundaryStatements(accountId: pulumi.Input<string>, environment: Environment, region: string): Statement[] {
    const inline = deployStatements(accountId, environment, region).map((s) => s.statement);
    const actionsOf = (s: Statement) => [s.Action].flat();
    const isIam = (action: string) => action.startsWith("iam:");
    const services = [...new Set(inline.filter((s) => s.Effect === "Allow").flatMap(actionsOf).filter((a) => !isIam(a)).map((a) => a.split(":")[0]))].sort();
    return [
        { Sid: "ServicesTheProgramUses", Effect: "Allow", Action: services.map((svc) => `${svc}:*`), Resource: "*" },
        ...inline.filter((s) => s.Effect === "Allow" && actionsOf(s).some(isIam)).map((s, i) => ({ ...s, Sid: `Iam${i + 1}` })),
        ...escalationDenies(accountId, environment).map((s) => s.statement),
    ];
}

export function deployStatements(accountId: pulumi.Input<string>, environment: Environment, region: string): ReasonedStatement[] {
    // The program's own naming functions, so a renamed resource moves its grant with it.
    const names = new Namer(PROJECT, environment);
    const cluster = names.of("eks");
    const logGroups = [
        flowLogGroupName(names.of("vpc")),
        controlPlaneLogGroupName(cluster).replace(/cluster$/, "*"),
        containerInsightsLogGroupName(cluster, "*"),
        ...Object.values(opsLogGroupNames(names)),
        // The app's: the WAF log and the RDS instance's exported logs (created before the instance).
        wafLogGroupName(names),
        rdsLogGroupName(names.of("rds"), "*"),
    ];
    const arn = (service: string, resource: string, r = region) => pulumi.interpolate`arn:aws:${service}:${r}:${accountId}:${resource}`;
    const iamArn = (resource: string) => pulumi.interpolate`arn:aws:iam::${accountId}:${resource}`;
    // Every name the program gives carries the environment: openwebui-<type>-<env>[-suffix].
    const own = `${PROJECT}-*-${environment}*`;
    const inRegion = { StringEquals: { "aws:RequestedRegion": region } };
    const bounded = { StringEquals: { "iam:PermissionsBoundary": workloadBoundaryArn(accountId, environment) } };

    return [
        {
            reason: "Roles of this stack only (named openwebui-*-<env>*), and only roles that carry the workload boundary. Attachments limited to the managed policies the program uses, so the role cannot hand out AdministratorAccess.",
            statement: {
                Effect: "Allow",
                Action: "iam:AttachRolePolicy",
                Resource: iamArn(`role/${own}`),
                Condition: { ArnEquals: { "iam:PolicyARN": ATTACHABLE_MANAGED_POLICIES }, ...bounded },
            },
        },
        {
            reason: "Detach the same managed policies (taking permissions away needs no boundary).",
            statement: { Effect: "Allow", Action: "iam:DetachRolePolicy", Resource: iamArn(`role/${own}`), Condition: { ArnEquals: { "iam:PolicyARN": ATTACHABLE_MANAGED_POLICIES } } },
        },
        {
            reason: "Create this stack's roles, write their inline policies and trust, only with the workload boundary (openwebui-workload-boundary-<env>), which caps whatever is written; the boundary itself can be set to that policy and no other.",
            statement: { Effect: "Allow", Action: ["iam:CreateRole", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary"], Resource: iamArn(`role/${own}`), Condition: bounded },
        },
        {
            reason: "Read, tag, update and delete this stack's roles and their inline policies (none of which grants anything).",
            statement: {
                Effect: "Allow",
                Action: [
                    "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole", "iam:TagRole", "iam:UntagRole",
                    "iam:DeleteRolePolicy", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
                    "iam:ListInstanceProfilesForRole",
                ],
                Resource: iamArn(`role/${own}`),
            },
        },
        ...Object.entries(PASSED_ROLES).map(([type, services]) => ({
            reason: `Hand ${names.of(type)} to ${services.join(" / ")}, and no other role to any service.`,
            statement: {
                Effect: "Allow" as const,
                Action: "iam:PassRole",
                Resource: iamArn(`role/${names.of(type)}`),
                Condition: { StringEquals: { "iam:PassedToService": [...services] } },
            },
        })),
        ...escalationDenies(accountId, environment),
        {
            reason: "EKS, managed node groups and RDS create their service-linked roles on first use; only those.",
            statement: {
                Effect: "Allow",
                Action: "iam:CreateServiceLinkedRole",
                Resource: "*",
                Condition: { StringEquals: { "iam:AWSServiceName": ["eks.amazonaws.com", "eks-nodegroup.amazonaws.com", "autoscaling.amazonaws.com", "rds.amazonaws.com"] } },
            },
        },
        {
            reason: "BROAD: EC2 (VPC, subnets, routes, NAT, EIPs, NACLs, security groups, launch templates, flow logs) names resources by generated ids, and tag conditions are not honoured by every EC2 API the program calls. Limited to the stack's region.",
            statement: { Effect: "Allow", Action: "ec2:*", Resource: "*", Condition: inRegion },
        },
        {
            reason: "This stack's cluster and everything under it (node groups, add-ons, access entries, Pod Identity associations).",
            statement: {
                Effect: "Allow",
                Action: "eks:*",
                Resource: [
                    arn("eks", `cluster/${cluster}`),
                    ...["nodegroup", "addon", "access-entry", "podidentityassociation"].map((kind) => arn("eks", `${kind}/${cluster}/*`)),
                ],
            },
        },
        {
            reason: "CreateCluster has no resource ARN: any name, but only with this stack's tags and never with the creator as hidden cluster-admin (eks:bootstrapClusterCreatorAdminPermissions).",
            statement: {
                Effect: "Allow",
                Action: "eks:CreateCluster",
                Resource: "*",
                Condition: {
                    StringEquals: {
                        "aws:RequestedRegion": region,
                        "aws:RequestTag/Project": PROJECT,
                        "aws:RequestTag/Environment": environment,
                        "eks:bootstrapClusterCreatorAdminPermissions": "false",
                    },
                },
            },
        },
        {
            reason: "Read-only EKS lookups (add-on versions, access policies) that have no resource ARN.",
            statement: { Effect: "Allow", Action: ["eks:DescribeAddonVersions", "eks:ListAccessPolicies", "eks:DescribeAddonConfiguration"], Resource: "*" },
        },
        {
            reason: "KMS key ids are generated: create a key only with this stack's tags (the provider's default tags), in its region.",
            statement: taggedKeyCreation(region, environment),
        },
        {
            reason: "Alias listing has no resource ARN.",
            statement: { Effect: "Allow", Action: "kms:ListAliases", Resource: "*", Condition: inRegion },
        },
        {
            reason: "Manage (not use for data) this stack's keys.",
            statement: {
                Effect: "Allow",
                Action: [
                    "kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:GetKeyRotationStatus", "kms:EnableKeyRotation", "kms:ListResourceTags",
                    "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateKeyDescription",
                    "kms:CreateGrant",
                ],
                Resource: arn("kms", "key/*"),
                Condition: { StringEquals: { "aws:ResourceTag/Project": PROJECT, "aws:ResourceTag/Environment": environment } },
            },
        },
        {
            reason: "Aliases of this stack's keys.",
            statement: { Effect: "Allow", Action: ["kms:CreateAlias", "kms:DeleteAlias"], Resource: arn("kms", `alias/${own}`) },
        },
        {
            reason: "This stack's log groups: flow logs, control plane, EC2 and application.",
            statement: {
                Effect: "Allow",
                Action: ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:TagResource", "logs:UntagResource", "logs:ListTagsForResource", "logs:TagLogGroup"],
                Resource: logGroups.map((group) => arn("logs", `log-group:${group}`)),
            },
        },
        {
            reason: "Metric filters on the control plane's log group (dev's pod-failure count reads its audit log).",
            statement: {
                Effect: "Allow",
                Action: ["logs:PutMetricFilter", "logs:DescribeMetricFilters", "logs:DeleteMetricFilter"],
                Resource: arn("logs", `log-group:${controlPlaneLogGroupName(cluster)}`),
            },
        },
        {
            reason: "The NAT instance's AMI: Amazon Linux's public SSM parameters, nothing of the account's.",
            // Public parameters have no owning account; "*" matches however the ARN is presented.
            statement: { Effect: "Allow", Action: "ssm:GetParameter", Resource: `arn:aws:ssm:${region}:*:parameter/aws/service/ami-amazon-linux-latest/*` },
        },
        {
            reason: "Log group listing has no resource ARN.",
            statement: { Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
        },
        {
            reason: "This stack's alert topics and their subscriptions.",
            statement: { Effect: "Allow", Action: "sns:*", Resource: arn("sns", own) },
        },
        {
            reason: "This stack's budget (Budgets ARNs have no region).",
            statement: { Effect: "Allow", Action: ["budgets:ViewBudget", "budgets:ModifyBudget", "budgets:ListTagsForResource", "budgets:TagResource", "budgets:UntagResource"], Resource: pulumi.interpolate`arn:aws:budgets::${accountId}:budget/${own}` },
        },
        {
            reason: "This stack's alarms, read and written (DescribeAlarms takes alarm ARNs too).",
            statement: {
                Effect: "Allow",
                Action: ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:DescribeAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource", "cloudwatch:ListTagsForResource"],
                Resource: arn("cloudwatch", `alarm:${own}`),
            },
        },
        {
            reason: "DLM policy ids are generated: create only with this stack's tags, then manage only policies tagged with them.",
            statement: {
                Effect: "Allow",
                Action: "dlm:CreateLifecyclePolicy",
                Resource: "*",
                Condition: { StringEquals: { "aws:RequestedRegion": region, "aws:RequestTag/Project": PROJECT, "aws:RequestTag/Environment": environment } },
            },
        },
        {
            reason: "This stack's DLM policies (by their tags).",
            statement: {
                Effect: "Allow",
                Action: "dlm:*",
                Resource: arn("dlm", "policy/*"),
                Condition: { StringEquals: { "aws:RequestedRegion": region, "aws:ResourceTag/Project": PROJECT, "aws:ResourceTag/Environment": environment } },
            },
        },
        {
            reason: "The backup bucket's configuration, never its objects: the exact bucket ARN, which no object ARN matches (a trailing * would).",
            statement: { Effect: "Allow", Action: "s3:*", Resource: pulumi.interpolate`arn:aws:s3:::${backupBucketName(names, accountId)}` },
        },
        {
            reason: "The uploads bucket's configuration, never its objects (Open WebUI's own role reads and writes those).",
            statement: { Effect: "Allow", Action: "s3:*", Resource: pulumi.interpolate`arn:aws:s3:::${uploadsBucketName(names, accountId)}` },
        },
        {
            reason: "This stack's RDS instance, its subnet group and final snapshot (all named openwebui-*-<env>*).",
            statement: { Effect: "Allow", Action: "rds:*", Resource: ["db", "subgrp", "snapshot", "pg"].map((kind) => arn("rds", `${kind}:${own}`)) },
        },
        {
            reason: "CreateDBInstance is also authorised on the default option and parameter groups the instance uses; only creating with them, nothing else on them.",
            statement: { Effect: "Allow", Action: "rds:CreateDBInstance", Resource: [arn("rds", "og:default:postgres-*"), arn("rds", "pg:default.postgres*")] },
        },
        {
            reason: "RDS creates the managed master-password secret as the caller; its name (rds!db-<uuid>) is RDS's, so only secrets with that prefix.",
            statement: { Effect: "Allow", Action: ["secretsmanager:CreateSecret", "secretsmanager:TagResource", "secretsmanager:DescribeSecret"], Resource: arn("secretsmanager", "secret:rds!*") },
        },
        {
            reason: "This stack's ECR repositories (openwebui/openwebui-ecr-<env>-*) and their lifecycle policies.",
            statement: { Effect: "Allow", Action: "ecr:*", Resource: arn("ecr", `repository/${PROJECT}/${own}`) },
        },
        {
            reason: "This stack's WAF web ACL (regional, named openwebui-waf-<env>).",
            statement: { Effect: "Allow", Action: "wafv2:*", Resource: arn("wafv2", `regional/webacl/${own}/*`) },
        },
        {
            reason: "WAF logging to CloudWatch Logs: AWS WAF sets up the log delivery and the log group's resource policy as the caller, through CloudWatch Logs calls that take no resource ARN (AWS WAF developer guide, \"Sending web ACL traffic logs to an Amazon CloudWatch Logs log group\").",
            statement: {
                Effect: "Allow",
                Action: ["logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies"],
                Resource: "*",
                Condition: { StringEquals: { "aws:RequestedRegion": region } },
            },
        },
        {
            reason: "Finding the ALB the load balancer controller built, by its tags, for the ALB alarms: read-only calls without resource ARNs.",
            statement: { Effect: "Allow", Action: ["elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTags"], Resource: "*" },
        },
        {
            reason: "Slack channel configuration. Chatbot's API is called in us-east-2, but its ARNs carry no region.",
            statement: { Effect: "Allow", Action: "chatbot:*", Resource: pulumi.interpolate`arn:aws:chatbot::${accountId}:chat-configuration/slack-channel/${own}` },
        },
        {
            reason: "Chatbot lists workspaces and configurations without a resource ARN.",
            statement: { Effect: "Allow", Action: ["chatbot:DescribeSlackWorkspaces", "chatbot:DescribeSlackChannelConfigurations"], Resource: "*" },
        },
        {
            reason: "The preflight (a pre-run command) reads, before anything is created, the principals and the certificate the stack names (any of the account's: they are not this stack's), the quotas, and the Bedrock models with their model access (AWS-owned resources). Read-only.",
            statement: {
                Effect: "Allow",
                Action: ["iam:GetRole", "iam:GetUser", "acm:DescribeCertificate", "servicequotas:GetServiceQuota", "bedrock:GetInferenceProfile", "bedrock:GetFoundationModel", "bedrock:GetFoundationModelAvailability"],
                Resource: "*",
            },
        },
        ...recoveryCopyStatements(accountId, environment, region),
    ];
}
