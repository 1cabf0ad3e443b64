/**
 * The workload boundary: the permissions boundary every role the openwebui program creates must
 * carry (the deploy role may create, write policies into, or re-trust a role only when it does).
 * Whatever inline policy a role is given — by the program, or by a stolen deploy token — it can
 * never do more than this: the services the stack runs on, the stack's own buckets, cluster and
 * repositories, the account's keys and RDS-managed secrets, no IAM writes (bar the load balancers'
 * service-linked role), no role assumption, no sharing of snapshots or networks with another account.
 *
 * Created per stack by deployment/, which exists before the stack's first `pulumi up`.
 */
import * as pulumi from "@pulumi/pulumi";
import { BEDROCK_INVOKE_ACTIONS } from "@openwebui-aws/rules/bedrock";
import { Environment, PROJECT, workloadBoundaryName } from "@openwebui-aws/rules/naming";
import { Statement } from "../components/iam";

export { workloadBoundaryName };

export const workloadBoundaryArn = (accountId: pulumi.Input<string>, environment: Environment) =>
    pulumi.interpolate`arn:aws:iam::${accountId}:policy/${workloadBoundaryName(environment)}`;

/**
 * Services whose every action a workload may be granted, on any resource: what the EKS cluster and
 * node policies, the load balancer controller, the EBS CSI driver, the autoscaler, the CloudWatch
 * agent and DLM act on (their ids are generated at run time, so no name pattern fits them).
 */
export const RUN_TIME_SERVICES = ["ec2", "elasticloadbalancing", "autoscaling", "cloudwatch", "xray", "wafv2", "waf-regional", "shield"];

/**
 * Reads the AWS managed policies the program attaches make (CloudWatchReadOnlyAccess for the
 * Slack notifications, AmazonEC2ContainerRegistryReadOnly on the nodes) and the load balancer
 * controller's certificate and Cognito look-ups. ECR reads stay on any repository: EKS add-on
 * images live in AWS's own accounts.
 */
const READS = [
    ...["acm:Describe*", "acm:Get*", "acm:List*", "cognito-idp:Describe*", "application-autoscaling:Describe*"],
    ...["application-signals:BatchGet*", "application-signals:Get*", "application-signals:List*", "cloudtrail:ListChannels", "cloudtrail:GetChannel"],
    ...["oam:ListSinks", "oam:ListAttachedLinks", "observabilityadmin:Get*", "observabilityadmin:List*", "rum:BatchGet*", "rum:Get*", "rum:List*"],
    ...["synthetics:Describe*", "synthetics:Get*", "synthetics:List*", "servicequotas:GetServiceQuota", "resource-explorer-2:ListIndexes", "resource-explorer-2:Search"],
    ...["tag:GetResources", "sns:Get*", "sns:List*", "eks:Describe*", "eks:List*", "bedrock:Get*", "bedrock:List*"],
    ...["ecr:Describe*", "ecr:Get*", "ecr:List*", "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage"],
    ...["logs:Describe*", "logs:Get*", "logs:List*", "logs:StartQuery", "logs:StopQuery", "logs:FilterLogEvents", "logs:StartLiveTail", "logs:StopLiveTail"],
    // IAM: the controller's server-certificate look-up and CloudWatch's own service-linked role, not every IAM read.
    ...["iam:GetServerCertificate", "iam:ListServerCertificates", "iam:GetRole", "sts:GetCallerIdentity"],
];

/** Ways to hand a copy of the stack's data or network to another account; no workload needs them. */
export const CROSS_ACCOUNT_SHARING = ["ec2:ModifySnapshotAttribute", "ec2:ModifyImageAttribute", "ec2:CreateVpcPeeringConnection", "ec2:AcceptVpcPeeringConnection"];

export function workloadBoundaryStatements(accountId: pulumi.Input<string>, environment: Environment, region: string): Statement[] {
    const inAccount = (service: string, resource: string) => pulumi.interpolate`arn:aws:${service}:${region}:${accountId}:${resource}`;
    // openwebui-<type>-<env>[-<suffix>]-<account>: the stack's buckets, their replicas (-dr) included.
    const ownBuckets = pulumi.interpolate`arn:aws:s3:::${PROJECT}-*-${environment}*-${accountId}`;
    const cluster = `${PROJECT}-eks-${environment}`;
    return [
        { Sid: "RunTimeServices", Effect: "Allow", Action: RUN_TIME_SERVICES.map((s) => `${s}:*`), Resource: "*" },
        { Sid: "Reads", Effect: "Allow", Action: READS, Resource: "*" },
        { Sid: "OwnBuckets", Effect: "Allow", Action: "s3:*", Resource: [ownBuckets, pulumi.interpolate`${ownBuckets}/*`] },
        { Sid: "OwnCluster", Effect: "Allow", Action: ["eks:*", "eks-auth:AssumeRoleForPodIdentity"], Resource: [inAccount("eks", `cluster/${cluster}`), inAccount("eks", `*/${cluster}/*`)] },
        { Sid: "OwnRepositories", Effect: "Allow", Action: "ecr:*", Resource: inAccount("ecr", `repository/${PROJECT}/*`) },
        { Sid: "AccountLogs", Effect: "Allow", Action: "logs:*", Resource: inAccount("logs", "*") },
        // Any Region: a replica's key lives in the recovery Region.
        { Sid: "AccountKeys", Effect: "Allow", Action: "kms:*", Resource: pulumi.interpolate`arn:aws:kms:*:${accountId}:key/*` },
        // RDS names the master-password secrets it manages rds!db-<uuid>; the setup job reads one.
        { Sid: "RdsManagedSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: inAccount("secretsmanager", "secret:rds!*") },
        // AWSDataLifecycleManagerServiceRole manages DLM's own event rules.
        { Sid: "DlmEventRules", Effect: "Allow", Action: "events:*", Resource: inAccount("events", "rule/AwsDataLifecycleRule.managed-cwe.*") },
        { Sid: "InvokeModels", Effect: "Allow", Action: [...BEDROCK_INVOKE_ACTIONS], Resource: "*" },
        {
            Sid: "AgentAndAmiParameters",
            Effect: "Allow",
            Action: ["ssm:GetParameter", "ssm:GetParameters"],
            Resource: [inAccount("ssm", "parameter/AmazonCloudWatch-*"), `arn:aws:ssm:${region}::parameter/aws/service/*`],
        },
        {
            // AmazonEKSClusterPolicy and the load balancer controller create ELB's service-linked role on first use.
            Sid: "OnlyTheLoadBalancersServiceLinkedRole",
            Effect: "Allow",
            Action: "iam:CreateServiceLinkedRole",
            Resource: "*",
            Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
        },
        { Sid: "NoSharingWithOtherAccounts", Effect: "Deny", Action: CROSS_ACCOUNT_SHARING, Resource: "*" },
        { Sid: "NoRoleAssumption", Effect: "Deny", Action: ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"], Resource: "*" },
    ];
}
