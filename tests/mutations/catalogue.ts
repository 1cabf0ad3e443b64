/**
 * The pack's own catalogue of realistic mistakes: what a hurried engineer or a bad merge would do to
 * these stacks, one entry each, across the classes of issue 22 and those the pack covered before.
 * A new mistake is one entry. tests/mutations/catalogue.test.ts requires every entry to be stopped by
 * a mandatory violation in each stack where it applies.
 */
import { addLike, addStatement, annotations, editJson, helmValues, Mutation, NotApplicable, remove, target, targets } from "./kit";

export const T = {
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    release: "kubernetes:helm.sh/v3:Release",
    daemonSet: "kubernetes:apps/v1:DaemonSet",
    job: "kubernetes:batch/v1:Job",
    statefulSet: "kubernetes:apps/v1:StatefulSet",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    bucket: "aws:s3/bucket:Bucket",
    ecr: "aws:ecr/repository:Repository",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    subnet: "aws:ec2/subnet:Subnet",
    budget: "aws:budgets/budget:Budget",
    sgIngress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    nacl: "aws:ec2/networkAcl:NetworkAcl",
    flowLog: "aws:ec2/flowLog:FlowLog",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    cluster: "eks:index:Cluster",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    dlm: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
    rds: "aws:rds/instance:Instance",
    kmsKey: "aws:kms/key:Key",
    provider: "pulumi:providers:aws",
    natGateway: "aws:ec2/natGateway:NatGateway",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    wafLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    addon: "aws:eks/addon:Addon",
} as const;

const BOTH = ["dev", "prod"] as const;
const PROD = ["prod"] as const;

/** The app's Ingress, when it serves HTTPS (prod; dev is HTTP-only by its own config). */
function httpsIngress(resources: Parameters<Mutation["mutate"]>[0]) {
    const ingress = target(resources, T.ingress);
    if (!annotations(ingress)["alb.ingress.kubernetes.io/certificate-arn"]) throw new NotApplicable("the Ingress serves no HTTPS");
    return ingress;
}

/** The app's Ingress, when it carries a WAF web ACL. */
function wafIngress(resources: Parameters<Mutation["mutate"]>[0]) {
    const ingress = target(resources, T.ingress);
    if (!annotations(ingress)["alb.ingress.kubernetes.io/wafv2-acl-arn"]) throw new NotApplicable("the Ingress has no WAF");
    return ingress;
}

export const CATALOGUE: readonly Mutation[] = [
    // TLS on the internet edge
    {
        id: "tls-http-only-listener",
        class: "tls-edge",
        description: "the internet-facing ALB listens on HTTP 80 only (HTTPS listener and certificate dropped)",
        stacks: BOTH,
        mutate: (rs) => {
            const a = annotations(httpsIngress(rs));
            a["alb.ingress.kubernetes.io/listen-ports"] = JSON.stringify([{ HTTP: 80 }]);
            delete a["alb.ingress.kubernetes.io/certificate-arn"];
            delete a["alb.ingress.kubernetes.io/ssl-redirect"];
            delete a["alb.ingress.kubernetes.io/ssl-policy"];
        },
    },
    {
        id: "tls-outdated-policy",
        class: "tls-edge",
        description: "the HTTPS listener uses ELBSecurityPolicy-2016-08, which still accepts TLS 1.0",
        stacks: BOTH,
        mutate: (rs) => {
            annotations(httpsIngress(rs))["alb.ingress.kubernetes.io/ssl-policy"] = "ELBSecurityPolicy-2016-08";
        },
    },
    {
        id: "tls-no-redirect",
        class: "tls-edge",
        description: "port 80 stays open but no longer redirects to 443, so the app is served in clear text too",
        stacks: BOTH,
        mutate: (rs) => {
            delete annotations(httpsIngress(rs))["alb.ingress.kubernetes.io/ssl-redirect"];
        },
    },
    // WAF association that only looks right
    {
        id: "waf-legacy-annotation-key",
        class: "waf-association",
        description: "the web ACL's ARN is written under the WAF Classic key alb.ingress.kubernetes.io/waf-acl-id, which the controller does not apply to WAFv2",
        stacks: PROD,
        mutate: (rs) => {
            const a = annotations(wafIngress(rs));
            a["alb.ingress.kubernetes.io/waf-acl-id"] = a["alb.ingress.kubernetes.io/wafv2-acl-arn"];
            delete a["alb.ingress.kubernetes.io/wafv2-acl-arn"];
        },
    },
    {
        id: "waf-legacy-ingress-class",
        class: "waf-association",
        description: "the Ingress picks the controller by the legacy kubernetes.io/ingress.class annotation instead of spec.ingressClassName, and has no WAF",
        stacks: PROD,
        mutate: (rs) => {
            const ingress = wafIngress(rs);
            const a = annotations(ingress);
            a["kubernetes.io/ingress.class"] = "alb";
            delete a["alb.ingress.kubernetes.io/wafv2-acl-arn"];
            delete ingress.inputs.spec.ingressClassName;
        },
    },
    {
        id: "waf-annotation-dropped",
        class: "waf-association",
        description: "a rewrite of the Ingress annotations loses the WAF annotation",
        stacks: PROD,
        mutate: (rs) => {
            delete annotations(wafIngress(rs))["alb.ingress.kubernetes.io/wafv2-acl-arn"];
        },
    },
    {
        id: "waf-foreign-acl",
        class: "waf-association",
        description: "the annotation names a web ACL pasted from another account instead of the stack's",
        stacks: PROD,
        mutate: (rs) => {
            annotations(wafIngress(rs))["alb.ingress.kubernetes.io/wafv2-acl-arn"] = "arn:aws:wafv2:ap-northeast-2:999988887777:regional/webacl/shared-acl/0c2f1e6a-1111-2222-3333-444455556666";
        },
    },
    // Wildcard grants on data-plane actions
    {
        id: "wildcard-s3-objects",
        class: "wildcard-grants",
        description: "Open WebUI's role may read and write objects in any bucket (Resource arn:aws:s3:::*/*)",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, T.rolePolicy, "webui-role"), { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::*/*" }),
    },
    {
        id: "wildcard-secret-value",
        class: "wildcard-grants",
        description: "LiteLLM's role may read any secret's value (secretsmanager:GetSecretValue on *)",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, T.rolePolicy, "litellm-role"), { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }),
    },
    {
        id: "wildcard-kms-decrypt",
        class: "wildcard-grants",
        description: "the log shipper's role may decrypt with any KMS key (kms:Decrypt on *)",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, T.rolePolicy, "app-logs-role"), { Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }),
    },
    {
        id: "bedrock-any-model",
        class: "wildcard-grants",
        description: "LiteLLM's role may invoke any Bedrock model (Resource *)",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, T.rolePolicy, "litellm-role"), { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" }),
    },
    // IAM
    {
        id: "iam-star-star",
        class: "iam",
        description: "the operator role gets Action * on Resource * to unblock a deploy",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, T.rolePolicy, "operator-role"), { Effect: "Allow", Action: "*", Resource: "*" }),
    },
    {
        id: "iam-administrator-access",
        class: "iam",
        description: "AdministratorAccess is attached to the developer role",
        stacks: BOTH,
        mutate: (rs) => {
            const role = target(rs, T.role, "developer-role");
            addLike(rs, target(rs, T.attachment), T.attachment, `${role.name}-administratoraccess`, { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess", role: role.inputs.name });
        },
    },
    {
        id: "iam-trust-anyone",
        class: "iam",
        description: "the uploads role trusts Principal AWS * (anyone may assume it)",
        stacks: BOTH,
        mutate: (rs) =>
            editJson(target(rs, T.role, "webui-role"), "assumeRolePolicy", (doc) => {
                doc.Statement.push({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" });
            }),
    },
    {
        id: "iam-unscoped-write",
        class: "iam",
        description: "the uploads role may change any bucket's policy (s3:PutBucketPolicy on *)",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, T.rolePolicy, "webui-role"), { Effect: "Allow", Action: "s3:PutBucketPolicy", Resource: "*" }),
    },
    {
        id: "iam-role-unbounded",
        class: "iam",
        description: "Open WebUI's role is created without the stack's permissions boundary",
        stacks: BOTH,
        mutate: (rs) => {
            const role = target(rs, T.role, "webui-role");
            if (!role.inputs.permissionsBoundary) throw new NotApplicable("the program sets no permissions boundary");
            delete role.inputs.permissionsBoundary;
        },
    },
    {
        id: "iam-trust-other-account",
        class: "iam",
        description: "LiteLLM's role also trusts a role in another account (a vendor's, pasted from a support ticket)",
        stacks: BOTH,
        mutate: (rs) =>
            editJson(target(rs, T.role, "litellm-role"), "assumeRolePolicy", (doc) => {
                doc.Statement.push({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:role/vendor-support" }, Action: "sts:AssumeRole" });
            }),
    },
    // Workloads
    {
        id: "workload-run-as-root",
        class: "workloads",
        description: "Open WebUI's pods run as root (podSecurityContext.runAsUser: 0)",
        stacks: BOTH,
        mutate: (rs) => {
            const values = helmValues(target(rs, T.release, "-webui-"));
            values.podSecurityContext = { ...values.podSecurityContext, runAsUser: 0 };
        },
    },
    {
        id: "workload-non-root-dropped",
        class: "workloads",
        description: "the Redis sidecar's runAsNonRoot and runAsUser are dropped, so it runs as the image's user (root)",
        stacks: BOTH,
        mutate: (rs) => {
            const redis = helmValues(target(rs, T.release, "-webui-")).websocket?.redis?.containerSecurityContext;
            if (!redis) throw new NotApplicable("no Redis container security context");
            delete redis.runAsNonRoot;
            delete redis.runAsUser;
        },
    },
    {
        id: "workload-privileged",
        class: "workloads",
        description: "LiteLLM's container is privileged",
        stacks: BOTH,
        mutate: (rs) => {
            helmValues(target(rs, T.release, "litellm")).securityContext.privileged = true;
        },
    },
    {
        id: "workload-host-network",
        class: "workloads",
        description: "the log shipper DaemonSet joins the host network",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.daemonSet, "app-logs").inputs.spec.template.spec.hostNetwork = true;
        },
    },
    {
        id: "workload-escalation",
        class: "workloads",
        description: "Open WebUI's container may escalate privileges",
        stacks: BOTH,
        mutate: (rs) => {
            helmValues(target(rs, T.release, "-webui-")).containerSecurityContext.allowPrivilegeEscalation = true;
        },
    },
    {
        id: "workload-sys-admin",
        class: "workloads",
        description: "LiteLLM's container adds CAP_SYS_ADMIN",
        stacks: BOTH,
        mutate: (rs) => {
            helmValues(target(rs, T.release, "litellm")).securityContext.capabilities = { add: ["SYS_ADMIN"] };
        },
    },
    {
        id: "workload-job-root",
        class: "workloads",
        description: "the database setup Job runs as root (runAsUser 0, runAsNonRoot false)",
        stacks: BOTH,
        mutate: (rs) => {
            const pod = target(rs, T.job, "db-setup").inputs.spec.template.spec;
            pod.securityContext = { ...pod.securityContext, runAsUser: 0, runAsNonRoot: false };
        },
    },
    // Public data
    {
        id: "bucket-policy-public-read",
        class: "public-data",
        description: "the uploads bucket policy lets Principal * read objects",
        stacks: BOTH,
        mutate: (rs) =>
            addStatement(target(rs, T.bucketPolicy, "uploads"), { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::openwebui-uploads/*" }),
    },
    {
        id: "public-access-block-off",
        class: "public-data",
        description: "the backup bucket's public access block no longer blocks public policies",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.publicAccessBlock, "backup").inputs.blockPublicPolicy = false;
        },
    },
    {
        id: "rds-public",
        class: "public-data",
        description: "the RDS instance is made publicly accessible",
        stacks: PROD,
        mutate: (rs) => {
            target(rs, T.rds).inputs.publiclyAccessible = true;
        },
    },
    // Supply chain
    {
        id: "ecr-mutable-tags",
        class: "supply-chain",
        description: "the Open WebUI ECR repository allows tags to be overwritten",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.ecr, /-webui$/).inputs.imageTagMutability = "MUTABLE";
        },
    },
    {
        id: "ecr-no-scan",
        class: "supply-chain",
        description: "the LiteLLM ECR repository stops scanning images on push",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.ecr, /-litellm$/).inputs.imageScanningConfiguration = { scanOnPush: false };
        },
    },
    {
        id: "helm-unpinned",
        class: "supply-chain",
        description: "the Open WebUI release drops its chart version, so each deploy takes whatever is newest",
        stacks: BOTH,
        mutate: (rs) => {
            delete target(rs, T.release, "-webui-").inputs.version;
        },
    },
    // Nodes
    {
        id: "imds-hop-limit-2",
        class: "nodes",
        description: "the primary launch template raises the IMDS hop limit to 2, so pods can take the node role",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.launchTemplate, "primary").inputs.metadataOptions.httpPutResponseHopLimit = 2;
        },
    },
    {
        id: "nodes-in-public-subnets",
        class: "nodes",
        description: "the primary node group is placed in the public subnets",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.nodeGroup, "primary").inputs.subnetIds = targets(rs, T.subnet, "public-subnet").map((s) => s.id);
        },
    },
    {
        id: "imdsv1",
        class: "nodes",
        description: "the spot launch template accepts IMDSv1 (httpTokens optional)",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.launchTemplate, "spot").inputs.metadataOptions.httpTokens = "optional";
        },
    },
    // Money
    {
        id: "no-budget",
        class: "money",
        description: "the stack's budget is deleted",
        stacks: BOTH,
        mutate: (rs) => remove(rs, (r) => r.type === T.budget, "budget"),
    },
    {
        id: "budget-no-forecast",
        class: "money",
        description: "the budget loses its forecast notification",
        stacks: BOTH,
        mutate: (rs) => {
            const b = target(rs, T.budget);
            b.inputs.notifications = b.inputs.notifications.filter((n: { notificationType: string }) => n.notificationType !== "FORECASTED");
        },
    },
    {
        id: "budget-below-estimate",
        class: "money",
        description: "prod's budget is cut to $100 a month, below what the stack costs",
        stacks: PROD,
        mutate: (rs) => {
            target(rs, T.budget).inputs.limitAmount = "100.00";
        },
    },
    // Network
    {
        id: "ssh-from-internet",
        class: "network",
        description: "a debugging rule opens SSH on the worker group to 0.0.0.0/0",
        stacks: BOTH,
        mutate: (rs) => {
            const like = target(rs, T.sgIngress, "worker");
            addLike(rs, like, T.sgIngress, like.name.replace(/in-.*$/, "in-ssh-debug"), { ...like.inputs, cidrIpv4: "0.0.0.0/0", fromPort: 22, toPort: 22, ipProtocol: "tcp", referencedSecurityGroupId: undefined });
        },
    },
    {
        id: "all-ports-split-cidr",
        class: "network",
        description: "the worker group admits every port from 0.0.0.0/1 and 128.0.0.0/1",
        stacks: BOTH,
        mutate: (rs) => {
            const like = target(rs, T.sgIngress, "worker");
            for (const [i, cidr] of ["0.0.0.0/1", "128.0.0.0/1"].entries()) {
                addLike(rs, like, T.sgIngress, like.name.replace(/in-.*$/, `in-any-${i}`), { securityGroupId: like.inputs.securityGroupId, cidrIpv4: cidr, ipProtocol: "-1", description: "temporary" });
            }
        },
    },
    {
        id: "private-subnet-public-ip",
        class: "network",
        description: "a private subnet assigns public IPs at launch",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.subnet, "private-subnet").inputs.mapPublicIpOnLaunch = true;
        },
    },
    {
        id: "nacl-rdp-open",
        class: "network",
        description: "the private network ACL lets RDP in from anywhere ahead of its deny",
        stacks: BOTH,
        mutate: (rs) => {
            const acl = target(rs, T.nacl, "private");
            acl.inputs.ingress = [{ action: "allow", cidrBlock: "0.0.0.0/0", fromPort: 3389, toPort: 3389, protocol: "tcp", ruleNo: 90 }, ...acl.inputs.ingress];
        },
    },
    {
        id: "alb-admits-all-ports",
        class: "network",
        description: "the ALB security group admits every TCP port from the internet",
        stacks: BOTH,
        mutate: (rs) => {
            const like = target(rs, T.sgIngress, "alb-sg");
            addLike(rs, like, T.sgIngress, like.name.replace(/in-.*$/, "in-all-tcp"), { ...like.inputs, fromPort: 0, toPort: 65535, ipProtocol: "tcp", cidrIpv4: "0.0.0.0/0" });
        },
    },
    // Logging
    {
        id: "flow-log-reject-only",
        class: "logging",
        description: "the VPC flow log captures only rejected traffic",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.flowLog).inputs.trafficType = "REJECT";
        },
    },
    {
        id: "log-retention-forever",
        class: "logging",
        description: "the control-plane log group loses its retention (kept and billed forever)",
        stacks: BOTH,
        mutate: (rs) => {
            delete target(rs, T.logGroup, "eks-lg").inputs.retentionInDays;
        },
    },
    {
        id: "control-plane-audit-off",
        class: "logging",
        description: "the cluster sends only api logs, dropping audit and authenticator",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.cluster).inputs.enabledClusterLogTypes = ["api"];
        },
    },
    {
        id: "waf-logging-removed",
        class: "logging",
        description: "the WAF's logging configuration is removed (Checkov CKV2_AWS_31)",
        stacks: PROD,
        mutate: (rs) => remove(rs, (r) => r.type === T.wafLogging, "WAF logging configuration"),
    },
    {
        id: "rds-no-log-exports",
        class: "logging",
        description: "the RDS instance exports no logs to CloudWatch (Checkov CKV_AWS_129)",
        stacks: PROD,
        mutate: (rs) => {
            target(rs, T.rds).inputs.enabledCloudwatchLogsExports = [];
        },
    },
    // Ops
    {
        id: "alarm-silent",
        class: "ops",
        description: "the node CPU alarm loses its alarm action",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.alarm, "node-cpu").inputs.alarmActions = [];
        },
    },
    {
        id: "rpo-daily-only",
        class: "ops",
        description: "prod's hourly EBS snapshot schedule is removed, leaving a daily one (RPO 24 h against the design's 1 h)",
        stacks: PROD,
        mutate: (rs) => {
            const details = target(rs, T.dlm).inputs.policyDetails;
            details.schedules = details.schedules.filter((s: { createRule: { interval: number } }) => s.createRule.interval !== 1);
        },
    },
    {
        id: "rds-backup-one-day",
        class: "ops",
        description: "RDS keeps automated backups for one day",
        stacks: PROD,
        mutate: (rs) => {
            target(rs, T.rds).inputs.backupRetentionPeriod = 1;
        },
    },
    // Naming and tags
    {
        id: "tag-dropped",
        class: "naming-tags",
        description: "the provider's default tags lose CostCenter",
        stacks: BOTH,
        mutate: (rs) => {
            const provider = target(rs, T.provider);
            editJson(provider, "defaultTags", (doc) => delete doc.tags.CostCenter);
        },
    },
    {
        id: "name-other-environment",
        class: "naming-tags",
        description: "an SNS topic is named for another environment (copied from a staging file)",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.topic).inputs.name = "openwebui-alerts-topic-staging";
        },
    },
    // EKS
    {
        id: "eks-old-version",
        class: "eks",
        description: "the cluster is pinned back to Kubernetes 1.29",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.cluster).inputs.version = "1.29";
        },
    },
    {
        id: "eks-extended-support",
        class: "eks",
        description: "the cluster's upgrade policy is EXTENDED (six times the hourly price)",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.cluster).inputs.upgradePolicy = { supportType: "EXTENDED" };
        },
    },
    {
        id: "eks-endpoint-open",
        class: "eks",
        description: "prod's API endpoint is opened to 0.0.0.0/0",
        stacks: PROD,
        mutate: (rs) => {
            target(rs, T.cluster).inputs.publicAccessCidrs = ["0.0.0.0/0"];
        },
    },
    // Encryption
    {
        id: "eks-secrets-plain",
        class: "encryption",
        description: "Kubernetes secrets lose their KMS envelope encryption",
        stacks: BOTH,
        mutate: (rs) => {
            delete target(rs, T.cluster).inputs.encryptionConfigKeyArn;
        },
    },
    {
        id: "kms-no-rotation",
        class: "encryption",
        description: "the alerts key stops rotating",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.kmsKey, "alerts").inputs.enableKeyRotation = false;
        },
    },
    {
        id: "kms-root-uses-key",
        class: "encryption",
        description: "the secrets key's policy lets the account root use the key for data (kms:*)",
        stacks: BOTH,
        mutate: (rs) =>
            editJson(target(rs, T.kmsKey, "secrets"), "policy", (doc) => {
                doc.Statement[0].Action = "kms:*";
            }),
    },
    {
        id: "bucket-unencrypted",
        class: "encryption",
        description: "the uploads bucket's default encryption resource is removed",
        stacks: BOTH,
        mutate: (rs) => remove(rs, (r) => r.type === T.encryption && r.name.includes("uploads"), "uploads encryption"),
    },
    {
        id: "sns-unencrypted",
        class: "encryption",
        description: "an alert topic is created without its KMS key",
        stacks: BOTH,
        mutate: (rs) => {
            delete target(rs, T.topic, "critical").inputs.kmsMasterKeyId;
        },
    },
    {
        id: "ebs-unencrypted",
        class: "encryption",
        description: "the primary launch template's root volume is not encrypted",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.launchTemplate, "primary").inputs.blockDeviceMappings[0].ebs.encrypted = "false";
        },
    },
    // Prod's contract
    {
        id: "contract-one-nat",
        class: "contract",
        description: "prod loses its second NAT gateway",
        stacks: PROD,
        mutate: (rs) => remove(rs, (r) => r.type === T.natGateway && r.name.endsWith("-c"), "second NAT gateway"),
    },
    {
        id: "contract-cluster-deletable",
        class: "contract",
        description: "prod's cluster deletion protection is turned off",
        stacks: PROD,
        mutate: (rs) => {
            target(rs, T.cluster).inputs.deletionProtection = false;
        },
    },
    {
        id: "contract-backup-unprotected",
        class: "contract",
        description: "prod's backup bucket loses its protect option",
        stacks: PROD,
        mutate: (rs) => {
            target(rs, T.bucket, "backup").protect = false;
        },
    },
    {
        id: "contract-one-webui",
        class: "contract",
        description: "prod runs one Open WebUI pod",
        stacks: PROD,
        mutate: (rs) => {
            helmValues(target(rs, T.release, "-webui-")).replicaCount = 1;
        },
    },
    {
        id: "contract-no-insights",
        class: "contract",
        description: "prod drops the Container Insights add-on its node and pod alarms read",
        stacks: PROD,
        mutate: (rs) => remove(rs, (r) => r.type === T.addon && r.name.includes("cloudwatch-observability"), "Container Insights add-on"),
    },
];
