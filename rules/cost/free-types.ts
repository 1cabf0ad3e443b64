/**
 * Every resource type the program registers is either priced (PRICED_TYPES: read into a line item)
 * or listed here as free with the reason. A type in neither would silently add $0, so the plan
 * refuses to call its total complete (unpricedTypes). Each entry is one exact type: no wildcard over
 * a provider, or a new billable resource of that provider would slip through.
 *
 * Sources (docs/reference/aws-ap-northeast-2.md, gathered 2026-11, its S-keys): gateway endpoints
 * "no additional charge" (S1); SNS e-mail, the first 1,000 a month free (S16); AWS Budgets, alert
 * budgets $0 (S11). IAM, VPC configuration (subnets, route tables, security groups, ACLs, internet
 * gateways), launch templates, KMS aliases, EKS add-ons and Pod Identity carry no line on AWS's price
 * list: what they bill for is on another resource (the NAT gateway, the key, the nodes).
 */
import { EKS_CLUSTER_TYPE, EKS_COMPONENT_TYPE } from "../eks-cluster";
import { asRecord } from "../props";
import type { CostResource } from "./quantities";

export interface FreeType {
    reason: string;
    /** When only some resources of the type are free (a gateway endpoint, not an interface one). */
    freeWhen?: (props: Record<string, unknown>) => boolean;
}

/** Types that quantitiesFrom counts into a line item, or that the estimate's assumed lines bill. */
export const PRICED_TYPES: ReadonlySet<string> = new Set([
    EKS_CLUSTER_TYPE,
    EKS_COMPONENT_TYPE,
    "aws:eks/nodeGroup:NodeGroup",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/instance:Instance",
    "aws:ec2/eip:Eip",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    // Billed by the assumed "CloudWatch Logs ingestion" line (control plane, flow logs, application).
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:ec2/flowLog:FlowLog",
    "aws:kms/key:Key",
    "aws:s3/bucket:Bucket",
    "aws:dlm/lifecyclePolicy:LifecyclePolicy",
    // Recovery copies (recovery-copies.ts): transfer to and storage in the recovery region.
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
    "aws:rds/instance:Instance",
    "aws:wafv2/webAcl:WebAcl",
    "aws:ecr/repository:Repository",
    // Read for what they run: ALBs (Ingress of class alb), volumes (StatefulSet), agents (DaemonSet),
    // the Bedrock model and the in-cluster Redis (the LiteLLM and Open WebUI releases).
    "kubernetes:networking.k8s.io/v1:Ingress",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:helm.sh/v3:Release",
]);

const ON_THE_NODES = "a Kubernetes object: runs on (or is stored by) the priced nodes and control plane";
const COMPONENT = "a component of this program: its children are priced one by one";
const VPC_PART = "VPC networking configuration: no charge of its own";

export const FREE_TYPES: Readonly<Record<string, FreeType>> = {
    "aws:iam/role:Role": { reason: "IAM is free" },
    "aws:iam/rolePolicy:RolePolicy": { reason: "IAM is free" },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { reason: "IAM is free" },
    "aws:ec2/vpc:Vpc": { reason: VPC_PART },
    "aws:ec2/subnet:Subnet": { reason: VPC_PART },
    "aws:ec2/internetGateway:InternetGateway": { reason: VPC_PART },
    "aws:ec2/routeTable:RouteTable": { reason: VPC_PART },
    "aws:ec2/route:Route": { reason: VPC_PART },
    "aws:ec2/routeTableAssociation:RouteTableAssociation": { reason: VPC_PART },
    "aws:ec2/networkAcl:NetworkAcl": { reason: VPC_PART },
    "aws:ec2/securityGroup:SecurityGroup": { reason: VPC_PART },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": { reason: VPC_PART },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { reason: VPC_PART },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": { reason: VPC_PART },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        reason: "gateway endpoints (S3, DynamoDB) are free; an interface endpoint is billed hourly and is not priced here",
        freeWhen: (props) => props.vpcEndpointType === "Gateway",
    },
    "aws:ec2/launchTemplate:LaunchTemplate": { reason: "a launch template is free; its volumes are priced on the node group" },
    "aws:eks/addon:Addon": { reason: "EKS add-ons are free; Container Insights' logs and metrics are priced from the addon" },
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": { reason: "EKS Pod Identity is free" },
    "aws:kms/alias:Alias": { reason: "KMS aliases are free; keys are priced" },
    "aws:kms/grant:Grant": { reason: "KMS grants are free; the key they are on is priced, and its requests are not counted for any key" },
    "aws:rds/subnetGroup:SubnetGroup": { reason: "a DB subnet group is free" },
    "aws:rds/parameterGroup:ParameterGroup": { reason: "a DB parameter group is free" },
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": { reason: "WAF logging itself is free; the logs are priced as CloudWatch Logs ingestion from the aws-waf-logs- log group" },
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": { reason: "an ECR lifecycle policy is free (it lowers storage)" },
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": { reason: "S3 bucket settings are free; storage is priced on the bucket" },
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": { reason: "S3 bucket settings are free; storage is priced on the bucket" },
    "aws:s3/bucketPolicy:BucketPolicy": { reason: "S3 bucket settings are free; storage is priced on the bucket" },
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { reason: "S3 bucket settings are free; storage is priced on the bucket" },
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": { reason: "S3 bucket settings are free; storage is priced on the bucket" },
    "aws:s3/bucketVersioning:BucketVersioning": { reason: "S3 bucket settings are free; old versions count in the assumed backup size" },
    "aws:sns/topic:Topic": { reason: "SNS: the first 1,000 e-mail notifications a month are free" },
    "aws:sns/topicPolicy:TopicPolicy": { reason: "SNS topic policies are free" },
    "aws:sns/topicSubscription:TopicSubscription": { reason: "SNS: the first 1,000 e-mail notifications a month are free" },
    "aws:budgets/budget:Budget": { reason: "AWS Budgets: alert budgets (no actions) are free (S11)" },
    "kubernetes:apps/v1:Deployment": { reason: ON_THE_NODES },
    "kubernetes:batch/v1:Job": { reason: ON_THE_NODES },
    "kubernetes:core/v1:ConfigMap": { reason: ON_THE_NODES },
    "kubernetes:core/v1:Namespace": { reason: ON_THE_NODES },
    "kubernetes:core/v1:Secret": { reason: ON_THE_NODES },
    "kubernetes:core/v1:Service": { reason: `${ON_THE_NODES} (ClusterIP; the ALB is priced from the Ingress)` },
    "kubernetes:core/v1:ServiceAccount": { reason: ON_THE_NODES },
    "kubernetes:policy/v1:PodDisruptionBudget": { reason: ON_THE_NODES },
    "kubernetes:networking.k8s.io/v1:NetworkPolicy": { reason: `${ON_THE_NODES} (the VPC CNI's network policy agent enforces it)` },
    "kubernetes:storage.k8s.io/v1:StorageClass": { reason: `${ON_THE_NODES} (volumes are priced from the StatefulSets' claims)` },
    "random:index/randomPassword:RandomPassword": { reason: "generated by the Pulumi engine: no cloud resource" },
    "pulumi:providers:aws": { reason: "a provider: no cloud resource" },
    "pulumi:providers:kubernetes": { reason: "a provider: no cloud resource" },
    "pulumi:pulumi:Stack": { reason: "the stack itself: no cloud resource" },
    "openwebui:index:OpenWebUINetwork": { reason: COMPONENT },
    "openwebui:index:OpenWebUICluster": { reason: COMPONENT },
    "openwebui:index:OpenWebUIOps": { reason: COMPONENT },
    "openwebui:index:OpenWebUIApp": { reason: COMPONENT },
    "openwebui:index:OpenWebUIRecovery": { reason: COMPONENT },
};

/** Registered types with no price and no free entry (or not free as configured), sorted, once each. */
export function unpricedTypes(resources: CostResource[]): string[] {
    const unpriced = resources.filter((r) => {
        if (PRICED_TYPES.has(r.type)) return false;
        const free = FREE_TYPES[r.type];
        return free === undefined || (free.freeWhen !== undefined && !free.freeWhen(asRecord(r.props)));
    });
    return [...new Set(unpriced.map((r) => r.type))].sort();
}
