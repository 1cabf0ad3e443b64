/**
 * The AWS calls `pulumi up` / `refresh` / `destroy` make for each resource type the program
 * registers (the bridged provider's create/read/update/delete, and for @pulumi/eks's Cluster the
 * calls of the children it creates in a real run). Which types exist comes from the inventory; this
 * table says what each type costs in IAM, with the ARN and request context AWS would evaluate.
 */
import type { RecordedResource } from "./mock-engine";
import { ACCOUNT_ID, REGION } from "./fake-aws";
import type { PolicyDocument, Request } from "./iam-engine";

export interface CallContext {
    /** The provider's default tags: what every create carries as request tags. */
    tags: Record<string, string>;
    byName: (name: string) => RecordedResource | undefined;
    /** The aws:eks Cluster @pulumi/eks creates, after the program's transforms (sim/eks-child.ts). */
    eksClusterChild?: Record<string, any>;
}

type Calls = (r: RecordedResource, ctx: CallContext) => Request[];

const arn = (service: string, resource: string, region: string = REGION) => `arn:aws:${service}:${region}:${ACCOUNT_ID}:${resource}`;
const physical = (r: RecordedResource) => String(r.inputs.name ?? r.name);
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:role/${name}`;
const region = { "aws:RequestedRegion": REGION };
const requestTags = (tags: Record<string, string>) => ({
    ...region,
    ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
    "aws:TagKeys": Object.keys(tags),
});
const resourceTags = (tags: Record<string, string>) => ({ ...region, ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v])) });

/** Create with the stack's tags, then read/update/delete the tagged resource. */
function lifecycle(resource: string, create: string[], manage: string[], ctx: CallContext, own: Record<string, string> = {}): Request[] {
    const tags = { ...ctx.tags, ...own };
    return [
        ...create.map((action) => ({ action, resource, context: requestTags(tags) })),
        ...manage.map((action) => ({ action, resource, context: resourceTags(tags) })),
    ];
}

const ownTags = (r: RecordedResource) => (r.inputs.tags ?? {}) as Record<string, string>;

const ec2 = (kind: string, create: string[], manage: string[]): Calls => (r, ctx) =>
    lifecycle(arn("ec2", `${kind}/${kind}-0123456789abcdef0`), create, [...manage, "ec2:CreateTags", "ec2:DeleteTags"], ctx, ownTags(r));

/** iam:PassRole of a role, as the service that receives it checks it. */
const passRole = (roleName: string, service: string): Request => ({ action: "iam:PassRole", resource: roleArn(roleName), context: { "iam:PassedToService": service } });
const roleNameIn = (value: unknown) => String(value).split("/").pop() as string;
/** The role a policy or attachment names, by its name or (under mocks, `<name>-id`) its id. */
const roleIn = (value: unknown, ctx: CallContext) => ctx.byName(String(value)) ?? ctx.byName(String(value).replace(/-id$/, ""));
/**
 * iam:PermissionsBoundary as IAM sees it: the requested boundary for CreateRole and
 * PutRolePermissionsBoundary, the role's own for the calls on an existing role; absent without one.
 */
const boundaryOf = (role: RecordedResource | undefined): Record<string, string> =>
    role?.inputs.permissionsBoundary ? { "iam:PermissionsBoundary": String(role.inputs.permissionsBoundary) } : {};

export const DEPLOY_CALLS: Readonly<Record<string, Calls>> = {
    "aws:ec2/vpc:Vpc": ec2("vpc", ["ec2:CreateVpc"], ["ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:ModifyVpcAttribute", "ec2:DeleteVpc"]),
    "aws:ec2/subnet:Subnet": ec2("subnet", ["ec2:CreateSubnet"], ["ec2:DescribeSubnets", "ec2:ModifySubnetAttribute", "ec2:DeleteSubnet"]),
    "aws:ec2/internetGateway:InternetGateway": ec2("internet-gateway", ["ec2:CreateInternetGateway"], ["ec2:AttachInternetGateway", "ec2:DetachInternetGateway", "ec2:DescribeInternetGateways", "ec2:DeleteInternetGateway"]),
    "aws:ec2/eip:Eip": ec2("elastic-ip", ["ec2:AllocateAddress"], ["ec2:DescribeAddresses", "ec2:ReleaseAddress"]),
    "aws:ec2/natGateway:NatGateway": ec2("natgateway", ["ec2:CreateNatGateway"], ["ec2:DescribeNatGateways", "ec2:DeleteNatGateway"]),
    "aws:ec2/routeTable:RouteTable": ec2("route-table", ["ec2:CreateRouteTable"], ["ec2:DescribeRouteTables", "ec2:DeleteRouteTable"]),
    "aws:ec2/route:Route": ec2("route-table", [], ["ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute"]),
    "aws:ec2/routeTableAssociation:RouteTableAssociation": ec2("route-table", [], ["ec2:AssociateRouteTable", "ec2:DisassociateRouteTable"]),
    "aws:ec2/networkAcl:NetworkAcl": ec2("network-acl", ["ec2:CreateNetworkAcl"], ["ec2:CreateNetworkAclEntry", "ec2:ReplaceNetworkAclEntry", "ec2:DeleteNetworkAclEntry", "ec2:ReplaceNetworkAclAssociation", "ec2:DescribeNetworkAcls", "ec2:DeleteNetworkAcl"]),
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ec2("security-group", [], ["ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"]),
    "aws:ec2/securityGroup:SecurityGroup": ec2("security-group", ["ec2:CreateSecurityGroup"], ["ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupEgress", "ec2:DeleteSecurityGroup"]),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ec2("security-group", [], ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DescribeSecurityGroupRules", "ec2:ModifySecurityGroupRules"]),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ec2("security-group", [], ["ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupEgress", "ec2:DescribeSecurityGroupRules"]),
    "aws:ec2/vpcEndpoint:VpcEndpoint": ec2("vpc-endpoint", ["ec2:CreateVpcEndpoint"], ["ec2:DescribeVpcEndpoints", "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints"]),
    "aws:ec2/launchTemplate:LaunchTemplate": ec2("launch-template", ["ec2:CreateLaunchTemplate"], ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate", "ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions", "ec2:DeleteLaunchTemplate"]),
    "aws:ec2/instance:Instance": (r, ctx) => [
        ...ec2("instance", ["ec2:RunInstances"], ["ec2:DescribeInstances", "ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances", "ec2:TerminateInstances"])(r, ctx),
        // The AMI comes from Amazon Linux's public SSM parameter, read at every preview and up.
        { action: "ssm:GetParameter", resource: arn("ssm", "parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"), context: region },
    ],
    "aws:ec2/flowLog:FlowLog": (r, ctx) => [
        ...ec2("vpc-flow-log", ["ec2:CreateFlowLogs"], ["ec2:DescribeFlowLogs", "ec2:DeleteFlowLogs"])(r, ctx),
        passRole(roleNameIn(r.inputs.iamRoleArn), "vpc-flow-logs.amazonaws.com"),
    ],
    // Adding a boundary to an existing role is PutRolePermissionsBoundary (an in-place update).
    "aws:iam/role:Role": (r, ctx) =>
        lifecycle(
            roleArn(physical(r)),
            ["iam:CreateRole", "iam:TagRole"],
            ["iam:GetRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:DeleteRole"],
            ctx,
            ownTags(r),
        ).map((request) => ({ ...request, context: { ...request.context, ...boundaryOf(r) } })),
    "aws:iam/rolePolicy:RolePolicy": (r, ctx) => {
        const role = roleIn(r.inputs.role, ctx);
        return ["iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"].map((action) => ({
            action,
            resource: roleArn(role ? physical(role) : r.name.replace(/-inline$/, "")),
            context: { ...region, ...boundaryOf(role) },
        }));
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (r, ctx) =>
        ["iam:AttachRolePolicy", "iam:DetachRolePolicy"].map((action) => ({
            action,
            resource: roleArn(String(r.inputs.role)),
            context: { ...region, "iam:PolicyARN": String(r.inputs.policyArn), ...boundaryOf(roleIn(r.inputs.role, ctx)) },
        })),
    "aws:kms/key:Key": (r, ctx) => {
        const key = arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab");
        const tags = { ...ctx.tags, ...ownTags(r) };
        // KMS consults the key's own policy on every call: the one the program writes.
        const resourcePolicy = keyPolicyOf(r);
        return [
            // CreateKey with Tags is also authorised as TagResource on a key that has no tags yet.
            { action: "kms:CreateKey", resource: "*", context: requestTags(tags) },
            { action: "kms:TagResource", resource: key, context: requestTags(tags), resourcePolicy },
            ...["kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:GetKeyRotationStatus", "kms:EnableKeyRotation", "kms:ListResourceTags", "kms:UpdateKeyDescription", "kms:ScheduleKeyDeletion"].map(
                (action) => ({ action, resource: key, context: resourceTags(tags), resourcePolicy }),
            ),
        ];
    },
    "aws:kms/alias:Alias": (r, ctx) => [
        ...["kms:CreateAlias", "kms:DeleteAlias"].map((action) => ({ action, resource: arn("kms", physical(r)), context: region })),
        // Creating and deleting an alias is also authorised on the key it points at.
        ...["kms:CreateAlias", "kms:DeleteAlias"].map((action) => ({
            action,
            resource: arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            context: resourceTags(ctx.tags),
            resourcePolicy: keyPolicyOf(ctx.byName(String(r.inputs.targetKeyId).replace(/-key-id$|-id$/, ""))),
        })),
        { action: "kms:ListAliases", resource: "*", context: region },
    ],
    "aws:cloudwatch/logGroup:LogGroup": (r, ctx) =>
        lifecycle(arn("logs", `log-group:${physical(r)}`), ["logs:CreateLogGroup", "logs:TagResource"], ["logs:PutRetentionPolicy", "logs:ListTagsForResource", "logs:DeleteLogGroup"], ctx, ownTags(r)).concat({
            action: "logs:DescribeLogGroups",
            resource: "*",
            context: region,
        }),
    // Authorised on the log group the filter reads; filters have no ARN of their own.
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": (r) =>
        ["logs:PutMetricFilter", "logs:DescribeMetricFilters", "logs:DeleteMetricFilter"].map((action) => ({ action, resource: arn("logs", `log-group:${String(r.inputs.logGroupName)}`), context: region })),
    "aws:sns/topic:Topic": (r, ctx) =>
        lifecycle(arn("sns", physical(r)), ["sns:CreateTopic", "sns:TagResource"], ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:ListTagsForResource", "sns:DeleteTopic"], ctx, ownTags(r)),
    "aws:sns/topicPolicy:TopicPolicy": (r) => ["sns:SetTopicAttributes", "sns:GetTopicAttributes"].map((action) => ({ action, resource: String(r.inputs.arn), context: region })),
    "aws:sns/topicSubscription:TopicSubscription": (r) => ["sns:Subscribe", "sns:Unsubscribe", "sns:GetSubscriptionAttributes"].map((action) => ({ action, resource: String(r.inputs.topic), context: region })),
    "aws:s3/bucket:Bucket": (r) =>
        ["s3:CreateBucket", "s3:PutBucketTagging", "s3:GetBucketTagging", "s3:ListBucket", "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:DeleteBucket"].map((action) => ({
            action,
            resource: `arn:aws:s3:::${String(r.inputs.bucket)}`,
            context: region,
        })),
    "aws:s3/bucketVersioning:BucketVersioning": (r, ctx) => bucketCalls(r, ctx, ["s3:PutBucketVersioning", "s3:GetBucketVersioning"]),
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": (r, ctx) => bucketCalls(r, ctx, ["s3:PutEncryptionConfiguration", "s3:GetEncryptionConfiguration"]),
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": (r, ctx) => bucketCalls(r, ctx, ["s3:PutLifecycleConfiguration", "s3:GetLifecycleConfiguration"]),
    "aws:s3/bucketPolicy:BucketPolicy": (r, ctx) => bucketCalls(r, ctx, ["s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:DeleteBucketPolicy"]),
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": (r, ctx) => bucketCalls(r, ctx, ["s3:PutBucketPublicAccessBlock", "s3:GetBucketPublicAccessBlock"]),
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": (r, ctx) => bucketCalls(r, ctx, ["s3:PutBucketOwnershipControls", "s3:GetBucketOwnershipControls"]),
    // Replication is configured on the source bucket; S3 is handed the replication role.
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": (r, ctx) => [
        ...bucketCalls(r, ctx, ["s3:PutReplicationConfiguration", "s3:GetReplicationConfiguration"]),
        passRole(roleNameIn(r.inputs.role), "s3.amazonaws.com"),
    ],
    // In the key's region (the grant's own `region`): DLM's role may use the recovery key.
    "aws:kms/grant:Grant": (r, ctx) =>
        ["kms:CreateGrant", "kms:ListGrants", "kms:RetireGrant", "kms:RevokeGrant"].map((action) => ({
            action,
            resource: arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab", String(r.inputs.region ?? REGION)),
            context: { ...resourceTags(ctx.tags), "aws:RequestedRegion": String(r.inputs.region ?? REGION) },
        })),
    // Started in the destination region, authorised on the source instance and on the replicated backups.
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": (r) => {
        const destination = String(r.inputs.region ?? REGION);
        // RDS's own ARN form (db:<identifier>), whatever form the fake provider gave the instance's ARN.
        const source = arn("rds", `db:${String(r.inputs.sourceDbInstanceArn).split(/[:/]/).pop()}`);
        const at = { "aws:RequestedRegion": destination };
        return [
            { action: "rds:StartDBInstanceAutomatedBackupsReplication", resource: source, context: at },
            { action: "rds:StartDBInstanceAutomatedBackupsReplication", resource: arn("rds", "auto-backup:ab-0123456789abcdef", destination), context: at },
            { action: "rds:DescribeDBInstanceAutomatedBackups", resource: arn("rds", "auto-backup:ab-0123456789abcdef", destination), context: at },
            { action: "rds:StopDBInstanceAutomatedBackupsReplication", resource: source, context: at },
        ];
    },
    "aws:budgets/budget:Budget": (r) =>
        ["budgets:ModifyBudget", "budgets:ViewBudget"].map((action) => ({ action, resource: `arn:aws:budgets::${ACCOUNT_ID}:budget/${physical(r)}`, context: {} })),
    "aws:cloudwatch/metricAlarm:MetricAlarm": (r, ctx) =>
        lifecycle(arn("cloudwatch", `alarm:${physical(r)}`), ["cloudwatch:PutMetricAlarm", "cloudwatch:TagResource"], ["cloudwatch:ListTagsForResource", "cloudwatch:DeleteAlarms"], ctx, ownTags(r)).concat(
            { action: "cloudwatch:DescribeAlarms", resource: arn("cloudwatch", `alarm:${physical(r)}`), context: region },
            // An ALB alarm's dimensions come from looking the controller's ALB up by its tags.
            ...(r.inputs.namespace === "AWS/ApplicationELB"
                ? ["elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTags"].map((action) => ({ action, resource: "*", context: region }))
                : []),
        ),
    "aws:dlm/lifecyclePolicy:LifecyclePolicy": (r, ctx) => [
        { action: "dlm:CreateLifecyclePolicy", resource: "*", context: requestTags({ ...ctx.tags, ...ownTags(r) }) },
        ...["dlm:GetLifecyclePolicy", "dlm:UpdateLifecyclePolicy", "dlm:DeleteLifecyclePolicy", "dlm:TagResource", "dlm:ListTagsForResource"].map((action) => ({
            action,
            resource: arn("dlm", "policy/policy-0123456789abcdef0"),
            context: resourceTags(ctx.tags),
        })),
        passRole(roleNameIn(r.inputs.executionRoleArn), "dlm.amazonaws.com"),
    ],
    "eks:index:Cluster": (r, ctx) => {
        const cluster = String(r.inputs.name);
        const clusterArn = arn("eks", `cluster/${cluster}`);
        const entries = Object.keys(r.inputs.accessEntries ?? {});
        return [
            {
                action: "eks:CreateCluster",
                resource: clusterArn,
                // What the aws:eks Cluster child asks for once the program's transform has run.
                context: {
                    ...requestTags(ctx.tags),
                    "eks:bootstrapClusterCreatorAdminPermissions": String(ctx.eksClusterChild?.accessConfig?.bootstrapClusterCreatorAdminPermissions ?? true),
                },
            },
            ...["eks:DescribeCluster", "eks:TagResource", "eks:UpdateClusterConfig", "eks:UpdateClusterVersion", "eks:DeleteCluster", "eks:CreateAccessEntry", "eks:ListAccessEntries"].map((action) => ({ action, resource: clusterArn, context: region })),
            ...entries.flatMap((e) =>
                ["eks:DescribeAccessEntry", "eks:AssociateAccessPolicy", "eks:DisassociateAccessPolicy", "eks:DeleteAccessEntry"].map((action) => ({
                    action,
                    resource: arn("eks", `access-entry/${cluster}/role/${ACCOUNT_ID}/${e}/uuid`),
                    context: region,
                })),
            ),
            // vpc-cni and kube-proxy are add-ons @pulumi/eks creates.
            { action: "eks:CreateAddon", resource: clusterArn, context: region },
            ...["eks:DescribeAddon", "eks:UpdateAddon", "eks:DeleteAddon"].map((action) => ({ action, resource: arn("eks", `addon/${cluster}/vpc-cni/uuid`), context: region })),
            { action: "eks:DescribeAddonVersions", resource: "*", context: region },
            passRole(roleNameIn((r.inputs.serviceRole as { __name?: string })?.__name ?? r.inputs.serviceRole), "eks.amazonaws.com"),
            // Secrets encryption: EKS uses the key on the creator's behalf.
            ...["kms:DescribeKey", "kms:CreateGrant"].map((action) => ({
                action,
                resource: arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                context: resourceTags(ctx.tags),
                resourcePolicy: keyPolicyOf(ctx.byName(String(r.inputs.encryptionConfigKeyArn).split("/").pop() as string)),
            })),
            { action: "iam:CreateServiceLinkedRole", resource: roleArn("aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS"), context: { "iam:AWSServiceName": "eks.amazonaws.com" } },
        ];
    },
    "aws:eks/nodeGroup:NodeGroup": (r, ctx) => {
        const cluster = String(r.inputs.clusterName);
        const ng = arn("eks", `nodegroup/${cluster}/${String(r.inputs.nodeGroupName)}/uuid`);
        return [
            { action: "eks:CreateNodegroup", resource: arn("eks", `cluster/${cluster}`), context: requestTags(ctx.tags) },
            ...["eks:DescribeNodegroup", "eks:UpdateNodegroupConfig", "eks:UpdateNodegroupVersion", "eks:TagResource", "eks:DeleteNodegroup"].map((action) => ({ action, resource: ng, context: region })),
            passRole(roleNameIn(r.inputs.nodeRoleArn), "eks.amazonaws.com"),
            { action: "iam:CreateServiceLinkedRole", resource: roleArn("aws-service-role/eks-nodegroup.amazonaws.com/AWSServiceRoleForAmazonEKSNodegroup"), context: { "iam:AWSServiceName": "eks-nodegroup.amazonaws.com" } },
        ];
    },
    "aws:eks/addon:Addon": (r) => {
        const cluster = String(r.inputs.clusterName);
        return [
            { action: "eks:CreateAddon", resource: arn("eks", `cluster/${cluster}`), context: region },
            ...["eks:DescribeAddon", "eks:UpdateAddon", "eks:TagResource", "eks:DeleteAddon"].map((action) => ({ action, resource: arn("eks", `addon/${cluster}/${String(r.inputs.addonName)}/uuid`), context: region })),
            ...((r.inputs.podIdentityAssociations ?? []) as { roleArn: string }[]).map((p) => passRole(roleNameIn(p.roleArn), "pods.eks.amazonaws.com")),
        ];
    },
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": (r) => {
        const cluster = String(r.inputs.clusterName);
        return [
            { action: "eks:CreatePodIdentityAssociation", resource: arn("eks", `cluster/${cluster}`), context: region },
            ...["eks:DescribePodIdentityAssociation", "eks:UpdatePodIdentityAssociation", "eks:DeletePodIdentityAssociation"].map((action) => ({
                action,
                resource: arn("eks", `podidentityassociation/${cluster}/a-0123456789abcdef0`),
                context: region,
            })),
            passRole(roleNameIn(r.inputs.roleArn), "pods.eks.amazonaws.com"),
        ];
    },
    "aws:rds/subnetGroup:SubnetGroup": (r, ctx) =>
        lifecycle(arn("rds", `subgrp:${physical(r)}`), ["rds:CreateDBSubnetGroup", "rds:AddTagsToResource"], ["rds:DescribeDBSubnetGroups", "rds:ModifyDBSubnetGroup", "rds:ListTagsForResource", "rds:DeleteDBSubnetGroup"], ctx, ownTags(r)),
    "aws:rds/instance:Instance": (r, ctx) => {
        const id = String(r.inputs.identifier);
        const major = String(r.inputs.engineVersion).split(".")[0];
        const tags = { ...ctx.tags, ...ownTags(r) };
        return [
            // CreateDBInstance is authorised on the instance and on every group it names or defaults to.
            ...[
                arn("rds", `db:${id}`),
                arn("rds", `subgrp:${String(r.inputs.dbSubnetGroupName)}`),
                arn("rds", `og:default:postgres-${major}`),
                arn("rds", `pg:${r.inputs.parameterGroupName ? String(r.inputs.parameterGroupName) : `default.postgres${major}`}`),
            ].map((resource) => ({
                action: "rds:CreateDBInstance",
                resource,
                context: requestTags(tags),
            })),
            { action: "rds:AddTagsToResource", resource: arn("rds", `db:${id}`), context: requestTags(tags) },
            ...["rds:DescribeDBInstances", "rds:ModifyDBInstance", "rds:ListTagsForResource", "rds:RebootDBInstance", "rds:DeleteDBInstance"].map((action) => ({ action, resource: arn("rds", `db:${id}`), context: resourceTags(tags) })),
            // `pulumi destroy` takes the final snapshot the program names.
            { action: "rds:CreateDBSnapshot", resource: arn("rds", `snapshot:${String(r.inputs.finalSnapshotIdentifier)}`), context: requestTags(tags) },
            // A managed master password: RDS creates its secret as the caller.
            ...(r.inputs.manageMasterUserPassword
                ? ["secretsmanager:CreateSecret", "secretsmanager:TagResource", "secretsmanager:DescribeSecret"].map((action) => ({
                      action,
                      resource: arn("secretsmanager", "secret:rds!db-0123abcd-4567-89ef-0123-456789abcdef-AbCdEf"),
                      context: region,
                  }))
                : []),
            // Storage encryption: RDS creates a grant on the program's key for the caller.
            ...["kms:DescribeKey", "kms:CreateGrant"].map((action) => ({
                action,
                resource: arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                context: resourceTags(ctx.tags),
                resourcePolicy: keyPolicyOf(ctx.byName(String(r.inputs.kmsKeyId).split("/").pop() as string)),
            })),
            { action: "iam:CreateServiceLinkedRole", resource: roleArn("aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"), context: { "iam:AWSServiceName": "rds.amazonaws.com" } },
        ];
    },
    "aws:ecr/repository:Repository": (r, ctx) =>
        lifecycle(
            arn("ecr", `repository/${physical(r)}`),
            ["ecr:CreateRepository", "ecr:TagResource"],
            ["ecr:DescribeRepositories", "ecr:PutImageScanningConfiguration", "ecr:PutImageTagMutability", "ecr:ListTagsForResource", "ecr:DeleteRepository"],
            ctx,
            ownTags(r),
        ),
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": (r) =>
        ["ecr:PutLifecyclePolicy", "ecr:GetLifecyclePolicy", "ecr:DeleteLifecyclePolicy"].map((action) => ({ action, resource: arn("ecr", `repository/${String(r.inputs.repository)}`), context: region })),
    "aws:rds/parameterGroup:ParameterGroup": (r, ctx) =>
        lifecycle(
            arn("rds", `pg:${physical(r)}`),
            ["rds:CreateDBParameterGroup", "rds:AddTagsToResource"],
            ["rds:DescribeDBParameterGroups", "rds:DescribeDBParameters", "rds:ModifyDBParameterGroup", "rds:ListTagsForResource", "rds:DeleteDBParameterGroup"],
            ctx,
            ownTags(r),
        ),
    // Authorised on the web ACL; WAF then sets up the delivery to CloudWatch Logs as the caller.
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": (r) => {
        const aclName = String(r.inputs.resourceArn).split("/").pop();
        return [
            ...["wafv2:PutLoggingConfiguration", "wafv2:GetLoggingConfiguration", "wafv2:DeleteLoggingConfiguration"].map((action) => ({
                action,
                resource: arn("wafv2", `regional/webacl/${String(aclName)}/0123abcd-4567-89ef-0123-456789abcdef`),
                context: region,
            })),
            ...["logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"].map((action) => ({ action, resource: "*", context: region })),
        ];
    },
    "aws:wafv2/webAcl:WebAcl": (r, ctx) =>
        lifecycle(
            arn("wafv2", `regional/webacl/${physical(r)}/0123abcd-4567-89ef-0123-456789abcdef`),
            ["wafv2:CreateWebACL", "wafv2:TagResource"],
            ["wafv2:GetWebACL", "wafv2:UpdateWebACL", "wafv2:ListTagsForResource", "wafv2:DeleteWebACL"],
            ctx,
            ownTags(r),
        ),
    "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": (r) => [
        ...["chatbot:CreateSlackChannelConfiguration", "chatbot:UpdateSlackChannelConfiguration", "chatbot:DeleteSlackChannelConfiguration"].map((action) => ({
            action,
            resource: arn("chatbot", `chat-configuration/slack-channel/${physical(r)}`, "us-east-2").replace(":us-east-2:", "::"),
            context: {},
        })),
        passRole(roleNameIn(r.inputs.iamRoleArn), "chatbot.amazonaws.com"),
    ],
};

/** The key policy the program wrote, or AWS's default when it wrote none (undefined here). */
function keyPolicyOf(key: RecordedResource | undefined): PolicyDocument | undefined {
    return key && typeof key.inputs.policy === "string" ? (JSON.parse(key.inputs.policy) as PolicyDocument) : undefined;
}

function bucketCalls(r: RecordedResource, ctx: CallContext, actions: string[]): Request[] {
    const bucketId = String(r.inputs.bucket);
    const bucket = ctx.byName(bucketId.replace(/-id$/, ""));
    const name = bucket ? String(bucket.inputs.bucket) : bucketId;
    return actions.map((action) => ({ action, resource: `arn:aws:s3:::${name}`, context: region }));
}

/** Types that make no AWS call of their own: providers, components, Kubernetes objects, generated secrets. */
export function makesNoAwsCalls(type: string): boolean {
    return /^pulumi:providers:|^openwebui:|^kubernetes:|^random:/.test(type);
}

