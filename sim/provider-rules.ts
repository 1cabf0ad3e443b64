/**
 * What providers and AWS check beyond TypeScript types, as data. The mock engine accepts any input,
 * so a value that the bridged provider's validator, @pulumi/eks's own argument checks or an AWS API
 * refuses would otherwise pass every offline test and fail the first real preview or `up`.
 * Each rule names its source and carries a value that breaks it (tests prove the rule catches it).
 */
import { ALB_ANNOTATION } from "@openwebui-aws/rules/app";
import { asRecord } from "@openwebui-aws/rules/props";

export interface ProviderRule {
    id: string;
    /** Resource type token the rule applies to; `*` for every resource with the property. */
    type: string;
    /** Property path; `[]` steps into every element of a list, `{}` into every value of a map. */
    path: string;
    /** A problem with one value, or undefined when it conforms. */
    check: (value: unknown, props: Record<string, unknown>) => string | undefined;
    source: string;
    /** Props that break the rule. */
    violating: Record<string, unknown>;
}

const pattern = (re: RegExp, min: number, max: number) => (value: unknown) => {
    if (typeof value !== "string") return undefined;
    if (value.length < min || value.length > max) return `length ${value.length} outside ${min}..${max}`;
    return re.test(value) ? undefined : `"${value}" does not match ${re}`;
};
const oneOf = (allowed: readonly (string | number)[]) => (value: unknown) =>
    value === undefined || allowed.includes(value as string | number) ? undefined : `${JSON.stringify(value)} is not one of ${allowed.join(", ")}`;

// EC2: "a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*", up to 255 characters.
const EC2_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
// IAM tags and most other services' tags: letters, numbers, spaces and _.:/=+-@.
const AWS_TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const AWS_TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const EKS_AMI_TYPES = [
    "AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "AL2023_x86_64_NVIDIA", "AL2023_x86_64_NEURON", "AL2023_ARM_64_NVIDIA",
    "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64", "BOTTLEROCKET_x86_64_NVIDIA", "BOTTLEROCKET_ARM_64_NVIDIA", "CUSTOM",
];

const tagsOk = (value: unknown) => {
    for (const [k, v] of Object.entries(asRecord(value))) {
        if (k.length > 128 || !AWS_TAG_KEY.test(k) || k.toLowerCase().startsWith("aws:")) return `tag key "${k}" is not allowed`;
        if (typeof v === "string" && (v.length > 256 || !AWS_TAG_VALUE.test(v))) return `tag ${k}="${v}" has characters or a length AWS refuses`;
    }
    return undefined;
};

export const PROVIDER_RULES: ProviderRule[] = [
    {
        id: "dlm-description",
        type: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
        path: "description",
        check: pattern(/^[0-9A-Za-z _-]+$/, 1, 500),
        source: "terraform-provider-aws internal/service/dlm/lifecycle_policy.go (StringMatch ^[0-9A-Za-z _-]+$, 1..500); DLM API CreateLifecyclePolicy",
        violating: { description: "Daily snapshots of volumes tagged Backup=openwebui-dev-daily" },
    },
    {
        id: "dlm-interval",
        type: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
        path: "policyDetails.schedules[].createRule.interval",
        check: oneOf([1, 2, 3, 4, 6, 8, 12, 24]),
        source: "terraform-provider-aws internal/service/dlm/lifecycle_policy.go (IntInSlice 1, 2, 3, 4, 6, 8, 12, 24)",
        violating: { policyDetails: { schedules: [{ createRule: { interval: 5 } }] } },
    },
    {
        id: "sg-rule-description",
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        path: "description",
        check: pattern(EC2_TEXT, 0, 255),
        source: "EC2 API reference, IpRange/UserIdGroupPair Description: up to 255 characters, a-zA-Z0-9 spaces ._-:/()#,@[]+=&;{}!$*",
        violating: { description: "Control plane to kubelet and webhooks (e.g. the load balancer controller's 9443)" },
    },
    {
        id: "sg-egress-rule-description",
        type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        path: "description",
        check: pattern(EC2_TEXT, 0, 255),
        source: "EC2 API reference, IpRange/UserIdGroupPair Description",
        violating: { description: "Out to the workers' NodePorts" },
    },
    {
        id: "sg-description",
        type: "aws:ec2/securityGroup:SecurityGroup",
        path: "description",
        check: pattern(EC2_TEXT, 0, 255),
        source: "EC2 API reference, CreateSecurityGroup GroupDescription (VPC): up to 255 characters, same set",
        violating: { description: "Open WebUI's ALB" },
    },
    {
        id: "sg-name",
        type: "aws:ec2/securityGroup:SecurityGroup",
        path: "name",
        check: (v) => (typeof v === "string" && /^sg-/i.test(v) ? `"${v}" starts with sg-` : pattern(EC2_TEXT, 1, 255)(v)),
        source: "EC2 API reference, CreateSecurityGroup GroupName: cannot start with sg-, up to 255 characters",
        violating: { name: "sg-openwebui" },
    },
    {
        id: "launch-template-name",
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        path: "name",
        check: pattern(/^[a-zA-Z0-9().\-/_]+$/, 3, 128),
        source: "EC2 API reference, CreateLaunchTemplate LaunchTemplateName: 3..128, [a-zA-Z0-9\\(\\)\\.\\-/_]+",
        violating: { name: "openwebui primary lt" },
    },
    {
        id: "launch-template-description",
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        path: "description",
        check: pattern(/^[\s\S]*$/, 0, 255),
        source: "EC2 API reference, VersionDescription: up to 255 characters",
        violating: { description: "x".repeat(256) },
    },
    {
        id: "iam-role-name",
        type: "aws:iam/role:Role",
        path: "name",
        check: pattern(/^[\w+=,.@-]+$/, 1, 64),
        source: "IAM API reference, CreateRole RoleName: 1..64, [\\w+=,.@-]+",
        violating: { name: "openwebui-load-balancer-controller-pod-identity-role-production-seoul" },
    },
    {
        id: "iam-role-description",
        type: "aws:iam/role:Role",
        path: "description",
        check: pattern(/^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/, 0, 1000),
        source: "IAM API reference, CreateRole Description: up to 1000, [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*",
        violating: { description: "운영자 역할" },
    },
    {
        id: "iam-inline-policy-size",
        type: "aws:iam/rolePolicy:RolePolicy",
        path: "policy",
        check: (v) => (typeof v === "string" && v.replace(/\s/g, "").length > 10240 ? `${v.length} characters: a role's inline policies may total 10,240` : undefined),
        source: "IAM quotas: inline policies of a role, 10,240 characters in total (whitespace not counted)",
        violating: { policy: JSON.stringify({ Statement: "x".repeat(10300) }) },
    },
    {
        id: "log-group-name",
        type: "aws:cloudwatch/logGroup:LogGroup",
        path: "name",
        check: pattern(/^[.\-_/#A-Za-z0-9]+$/, 1, 512),
        source: "CloudWatch Logs API reference, CreateLogGroup logGroupName: 1..512, [\\.\\-_/#A-Za-z0-9]+",
        violating: { name: "/aws/application/openwebui dev" },
    },
    {
        id: "log-group-retention",
        type: "aws:cloudwatch/logGroup:LogGroup",
        path: "retentionInDays",
        check: oneOf(LOG_RETENTION_DAYS),
        source: "terraform-provider-aws internal/service/logs/group.go (IntInSlice of the PutRetentionPolicy values)",
        violating: { retentionInDays: 45 },
    },
    {
        id: "flow-log-aggregation",
        type: "aws:ec2/flowLog:FlowLog",
        path: "maxAggregationInterval",
        check: oneOf([60, 600]),
        source: "terraform-provider-aws internal/service/ec2/vpc_flow_log.go (IntInSlice 60, 600)",
        violating: { maxAggregationInterval: 300 },
    },
    {
        id: "flow-log-traffic-type",
        type: "aws:ec2/flowLog:FlowLog",
        path: "trafficType",
        check: oneOf(["ACCEPT", "REJECT", "ALL"]),
        source: "EC2 API reference, CreateFlowLogs TrafficType",
        violating: { trafficType: "all" },
    },
    {
        id: "nodegroup-name",
        type: "aws:eks/nodeGroup:NodeGroup",
        path: "nodeGroupName",
        check: pattern(/^[0-9A-Za-z][A-Za-z0-9\-_]*$/, 1, 63),
        source: "EKS API reference, CreateNodegroup nodegroupName: 1..63, starts alphanumeric, [A-Za-z0-9\\-_]",
        violating: { nodeGroupName: "-primary" },
    },
    {
        id: "nodegroup-capacity-type",
        type: "aws:eks/nodeGroup:NodeGroup",
        path: "capacityType",
        check: oneOf(["ON_DEMAND", "SPOT", "CAPACITY_BLOCK"]),
        source: "terraform-provider-aws internal/service/eks/node_group.go (enum.Validate[types.CapacityTypes])",
        violating: { capacityType: "Spot" },
    },
    {
        id: "nodegroup-ami-type",
        type: "aws:eks/nodeGroup:NodeGroup",
        path: "amiType",
        check: oneOf(EKS_AMI_TYPES),
        source: "EKS API reference, Nodegroup amiType (the AL2023 and Bottlerocket values valid on 1.33+; AL2 ended with 1.32)",
        violating: { amiType: "AL2_x86_64" },
    },
    {
        id: "nodegroup-taint-effect",
        type: "aws:eks/nodeGroup:NodeGroup",
        path: "taints[].effect",
        check: oneOf(["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"]),
        source: "EKS API reference, Taint effect",
        violating: { taints: [{ key: "spot", value: "true", effect: "NoSchedule" }] },
    },
    {
        id: "nodegroup-label-key",
        type: "aws:eks/nodeGroup:NodeGroup",
        path: "labels",
        check: (v) => Object.keys(asRecord(v)).map((k) => (/^([a-z0-9.-]{1,253}\/)?[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/.test(k) ? undefined : `label key "${k}" is not a Kubernetes label key`)).find(Boolean),
        source: "Kubernetes: label keys are an optional DNS prefix and a name of up to 63 characters",
        violating: { labels: { "node role": "primary" } },
    },
    {
        id: "addon-conflicts",
        type: "aws:eks/addon:Addon",
        path: "resolveConflictsOnUpdate",
        check: oneOf(["NONE", "OVERWRITE", "PRESERVE"]),
        source: "terraform-provider-aws internal/service/eks/addon.go (enum ResolveConflicts)",
        violating: { resolveConflictsOnUpdate: "FORCE" },
    },
    {
        id: "addon-conflicts-on-create",
        type: "aws:eks/addon:Addon",
        path: "resolveConflictsOnCreate",
        check: oneOf(["NONE", "OVERWRITE"]),
        source: "terraform-provider-aws internal/service/eks/addon.go (StringInSlice NONE, OVERWRITE on create)",
        violating: { resolveConflictsOnCreate: "PRESERVE" },
    },
    {
        id: "addon-version",
        type: "aws:eks/addon:Addon",
        path: "addonVersion",
        check: pattern(/^v\d+\.\d+\.\d+(-[a-z]+)?-eksbuild\.\d+$/, 1, 100),
        source: "EKS API reference, CreateAddon addonVersion: a build from describe-addon-versions (vX.Y.Z-eksbuild.N)",
        violating: { addonVersion: "latest" },
    },
    {
        id: "eks-instance-roles-in-api-mode",
        type: "eks:index:Cluster",
        path: "instanceRoles",
        check: (v, props) =>
            props.authenticationMode === "API" && Array.isArray(v) && v.length > 0
                ? "instanceRoles must be empty when authenticationMode is API (EKS makes the node role's access entry for managed node groups)"
                : undefined,
        source: "pulumi-eks v4.3.0 nodejs/eks/cluster/authenticationMode.ts (validateAuthenticationMode)",
        violating: { authenticationMode: "API", instanceRoles: ["arn:aws:iam::123456789012:role/node"] },
    },
    {
        id: "eks-mappings-in-api-mode",
        type: "eks:index:Cluster",
        path: "authenticationMode",
        check: (v, props) =>
            v === "API" && [props.roleMappings, props.userMappings].some((m) => Array.isArray(m) && m.length > 0)
                ? "roleMappings/userMappings need the aws-auth ConfigMap, which API mode does not read"
                : undefined,
        source: "pulumi-eks v4.3.0 nodejs/eks/cluster/authenticationMode.ts",
        violating: { authenticationMode: "API", roleMappings: [{ roleArn: "arn:aws:iam::123456789012:role/x", username: "x", groups: [] }] },
    },
    {
        id: "eks-access-entries-need-api",
        type: "eks:index:Cluster",
        path: "accessEntries",
        check: (v, props) =>
            Object.keys(asRecord(v)).length > 0 && !["API", "API_AND_CONFIG_MAP"].includes(String(props.authenticationMode))
                ? "accessEntries need authenticationMode API or API_AND_CONFIG_MAP"
                : undefined,
        source: "pulumi-eks v4.3.0 nodejs/eks/cluster/authenticationMode.ts",
        violating: { authenticationMode: "CONFIG_MAP", accessEntries: { ops: { principalArn: "arn:aws:iam::123456789012:role/x" } } },
    },
    {
        id: "eks-access-entry-principal",
        type: "eks:index:Cluster",
        path: "accessEntries{}.principalArn",
        check: (v) => (typeof v === "string" && !/^arn:aws:iam::\d{12}:(role|user)\/.+$/.test(v) ? `"${v}" is not an IAM role or user ARN` : undefined),
        source: "EKS API reference, CreateAccessEntry principalArn: an IAM role or user, not an account root or assumed-role session",
        violating: { authenticationMode: "API", accessEntries: { ops: { principalArn: "arn:aws:iam::123456789012:root" } } },
    },
    {
        id: "sns-topic-name",
        type: "aws:sns/topic:Topic",
        path: "name",
        check: pattern(/^[A-Za-z0-9_-]+$/, 1, 256),
        source: "SNS API reference, CreateTopic Name: 1..256 alphanumerics, hyphens and underscores",
        violating: { name: "openwebui alerts" },
    },
    {
        id: "budget-name",
        type: "aws:budgets/budget:Budget",
        path: "name",
        check: pattern(/^[^:\\]+$/, 1, 100),
        source: "Budgets API reference, BudgetName: 1..100, no ':' or '\\'",
        violating: { name: "openwebui:monthly" },
    },
    {
        id: "alarm-missing-data",
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        path: "treatMissingData",
        check: oneOf(["breaching", "notBreaching", "ignore", "missing"]),
        source: "terraform-provider-aws internal/service/cloudwatch/metric_alarm.go",
        violating: { treatMissingData: "notbreaching" },
    },
    {
        id: "alarm-comparison",
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        path: "comparisonOperator",
        check: oneOf(["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold", "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold"]),
        source: "CloudWatch API reference, PutMetricAlarm ComparisonOperator",
        violating: { comparisonOperator: ">=" },
    },
    {
        id: "s3-bucket-name",
        type: "aws:s3/bucket:Bucket",
        path: "bucket",
        check: pattern(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, 3, 63),
        source: "S3 general purpose bucket naming rules: 3..63 lowercase letters, digits, dots and hyphens",
        violating: { bucket: "OpenWebUI_Backups" },
    },
    {
        id: "kms-alias-name",
        type: "aws:kms/alias:Alias",
        path: "name",
        check: (v) => (typeof v === "string" && (/^alias\/aws\//.test(v) || !/^alias\/[a-zA-Z0-9/_-]{1,250}$/.test(v)) ? `"${v}" is not alias/<name> of [a-zA-Z0-9/_-]` : undefined),
        source: "KMS API reference, CreateAlias AliasName: alias/ + [a-zA-Z0-9/_-], not alias/aws/",
        violating: { name: "alias/openwebui eks" },
    },
    {
        id: "rds-identifier",
        type: "aws:rds/instance:Instance",
        path: "identifier",
        check: pattern(/^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/, 1, 63),
        source: "RDS API reference, CreateDBInstance DBInstanceIdentifier: 1..63 letters, digits or hyphens, first a letter, no two consecutive hyphens, not ending in one (stored lower-case)",
        violating: { identifier: "openwebui--rds-dev" },
    },
    {
        id: "rds-final-snapshot-identifier",
        type: "aws:rds/instance:Instance",
        path: "finalSnapshotIdentifier",
        check: pattern(/^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-))*[a-zA-Z0-9]$/, 1, 255),
        source: "RDS API reference, DeleteDBInstance FinalDBSnapshotIdentifier: 1..255 letters, digits or hyphens, first a letter, no two consecutive hyphens, not ending in one",
        violating: { finalSnapshotIdentifier: "openwebui-rds-dev-final-" },
    },
    {
        id: "rds-master-username",
        type: "aws:rds/instance:Instance",
        path: "username",
        check: (v) => (typeof v === "string" && (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(v) || ["postgres", "rdsadmin"].includes(v.toLowerCase())) ? `"${v}" is not a master user name RDS for PostgreSQL accepts` : undefined),
        source: "RDS for PostgreSQL MasterUsername: 1..63 letters, digits and underscores, first a letter, not a reserved word (postgres, rdsadmin)",
        violating: { username: "postgres" },
    },
    {
        id: "rds-windows",
        type: "aws:rds/instance:Instance",
        path: "backupWindow",
        check: (v, props) => {
            const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
            const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(String(v));
            if (!m) return `"${String(v)}" is not hh24:mi-hh24:mi`;
            const [from, to] = String(v).split("-").map(minutes);
            if ((to - from + 1440) % 1440 < 30) return "the backup window is shorter than 30 minutes";
            const maint = /^[a-z]{3}:(\d\d:\d\d)-[a-z]{3}:(\d\d:\d\d)$/.exec(String(props.maintenanceWindow ?? ""));
            if (maint && minutes(maint[1]) < to && minutes(maint[2]) > from) return "the backup window overlaps the maintenance window";
            return undefined;
        },
        source: "RDS API reference, CreateDBInstance PreferredBackupWindow: hh24:mi-hh24:mi UTC, at least 30 minutes, must not overlap PreferredMaintenanceWindow",
        violating: { backupWindow: "18:00-18:20", maintenanceWindow: "sun:18:10-sun:19:00" },
    },
    {
        id: "rds-subnet-group-name",
        type: "aws:rds/subnetGroup:SubnetGroup",
        path: "name",
        check: (v) => (typeof v === "string" && (!/^[a-z0-9 ._-]{1,255}$/.test(v) || v === "default") ? `"${v}" is not a DB subnet group name` : undefined),
        source: "terraform-provider-aws internal/service/rds/validate.go validSubnetGroupName: lower-case letters, digits, spaces, . _ -, up to 255, not \"default\"",
        violating: { name: "OpenWebUI-RDS" },
    },
    {
        id: "ecr-repository-name",
        type: "aws:ecr/repository:Repository",
        path: "name",
        check: pattern(/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/, 2, 256),
        source: "ECR API reference, CreateRepository repositoryName: 2..256, (?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*",
        violating: { name: "openwebui/WebUI" },
    },
    {
        id: "wafv2-name",
        type: "aws:wafv2/webAcl:WebAcl",
        path: "name",
        check: pattern(/^[\w-]+$/, 1, 128),
        source: "WAFV2 API reference, CreateWebACL Name: 1..128 of [\\w\\-]",
        violating: { name: "openwebui waf" },
    },
    {
        id: "wafv2-metric-name",
        type: "aws:wafv2/webAcl:WebAcl",
        path: "rules[].visibilityConfig.metricName",
        check: pattern(/^[\w#:.-]+$/, 1, 255),
        source: "WAFV2 API reference, VisibilityConfig MetricName: 1..255, no whitespace, [\\w#:\\.\\-]+",
        violating: { rules: [{ visibilityConfig: { metricName: "common rules" } }] },
    },
    {
        id: "alb-name-annotation",
        type: "kubernetes:networking.k8s.io/v1:Ingress",
        path: "metadata.annotations",
        check: (v) => {
            const name = asRecord(v)[ALB_ANNOTATION.loadBalancerName];
            return typeof name === "string" && !/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/.test(name) ? `ALB name "${name}" is not 1..32 letters, digits and hyphens` : undefined;
        },
        source: "Elastic Load Balancing API reference, CreateLoadBalancer Name: up to 32 alphanumerics and hyphens, not beginning or ending with a hyphen",
        violating: { metadata: { annotations: { "alb.ingress.kubernetes.io/load-balancer-name": "openwebui-application-load-balancer-prod" } } },
    },
    ...["kubernetes:core/v1:Secret", "kubernetes:core/v1:ConfigMap", "kubernetes:batch/v1:Job", "kubernetes:apps/v1:StatefulSet", "kubernetes:apps/v1:DaemonSet", "kubernetes:networking.k8s.io/v1:Ingress"].map(
        (type): ProviderRule => ({
            id: `k8s-name-${type.split(":").pop()?.toLowerCase()}`,
            type,
            path: "metadata.name",
            check: pattern(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 1, 253),
            source: "Kubernetes object names (DNS subdomain, RFC 1123): lower-case alphanumerics, '-' and '.', up to 253",
            violating: { metadata: { name: "db_setup" } },
        }),
    ),
    {
        id: "k8s-namespace-name",
        type: "kubernetes:core/v1:Namespace",
        path: "metadata.name",
        check: pattern(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 1, 63),
        source: "Kubernetes namespace names (DNS label, RFC 1123): lower-case alphanumerics and '-', up to 63",
        violating: { metadata: { name: "openwebui.logs" } },
    },
    {
        id: "aws-tags",
        type: "*",
        path: "tags",
        check: tagsOk,
        source: "AWS tagging rules (IAM TagRole, most services): keys 1..128, values 0..256, letters, numbers, spaces and _.:/=+-@, no aws: prefix",
        violating: { tags: { Owner: "O'Brien" } },
    },
    {
        id: "aws-default-tags",
        type: "pulumi:providers:aws",
        path: "defaultTags",
        check: (v) => tagsOk(asRecord(typeof v === "string" ? JSON.parse(v) : v).tags),
        source: "the provider's default tags are added to every taggable resource: the same AWS tagging rules",
        violating: { defaultTags: { tags: { CostCenter: "R&D" } } },
    },
];

/** The values at `path` in `props` (several where the path steps into lists or maps). */
export function valuesAt(props: Record<string, unknown>, path: string): unknown[] {
    let current: unknown[] = [props];
    for (const step of path.split(".")) {
        const key = step.replace(/(\[\]|\{\})$/, "");
        current = current.map((v) => asRecord(v)[key]).filter((v) => v !== undefined);
        if (step.endsWith("[]")) current = current.flatMap((v) => (Array.isArray(v) ? v : []));
        if (step.endsWith("{}")) current = current.flatMap((v) => Object.values(asRecord(v)));
    }
    return current;
}

export interface Nonconformance {
    rule: string;
    resource: string;
    problem: string;
    source: string;
}

export function checkConformance(resources: { type: string; name: string; inputs: Record<string, unknown> }[]): Nonconformance[] {
    const found: Nonconformance[] = [];
    for (const r of resources) {
        for (const rule of PROVIDER_RULES.filter((x) => x.type === r.type || (x.type === "*" && r.type.startsWith("aws:")))) {
            for (const value of valuesAt(r.inputs, rule.path)) {
                const problem = rule.check(value, r.inputs);
                if (problem) found.push({ rule: rule.id, resource: `${r.type} ${r.name}`, problem, source: rule.source });
            }
        }
    }
    return found;
}
