/**
 * A second set of mistakes of the same classes as the catalogue, none of them in it nor in the issue's
 * list: written from what goes wrong in EKS stacks (review comments, incident write-ups, scanner
 * rules of other tools), not from the pack's code. Issue 22 asks the pack to stop at least 90% of
 * them in each stack; tests/mutations/independent.test.ts prints the ones that escape.
 */
import { T } from "./catalogue";
import { addLike, addStatement, annotations, editJson, helmValues, Mutation, NotApplicable, remove, target, targets } from "./kit";

const BOTH = ["dev", "prod"] as const;
const PROD = ["prod"] as const;
const ALB = "alb.ingress.kubernetes.io/";

export const INDEPENDENT: readonly Mutation[] = [
    // TLS on the edge
    {
        id: "ind-tls-1-1-policy",
        class: "tls-edge",
        description: "the HTTPS listener's policy is ELBSecurityPolicy-TLS-1-1-2017-01 (TLS 1.1 accepted)",
        stacks: BOTH,
        mutate: (rs) => {
            const a = annotations(target(rs, T.ingress));
            if (!a[`${ALB}certificate-arn`]) throw new NotApplicable("no HTTPS listener");
            a[`${ALB}ssl-policy`] = "ELBSecurityPolicy-TLS-1-1-2017-01";
        },
    },
    {
        id: "ind-tls-fs-2018",
        class: "tls-edge",
        description: "the HTTPS listener's policy is ELBSecurityPolicy-FS-2018-06, forward-secret but still TLS 1.0",
        stacks: BOTH,
        mutate: (rs) => {
            const a = annotations(target(rs, T.ingress));
            if (!a[`${ALB}certificate-arn`]) throw new NotApplicable("no HTTPS listener");
            a[`${ALB}ssl-policy`] = "ELBSecurityPolicy-FS-2018-06";
        },
    },
    {
        id: "ind-insecure-session-cookie",
        class: "tls-edge",
        description: "Open WebUI is told its session cookie need not be Secure (WEBUI_SESSION_COOKIE_SECURE=False) behind HTTPS",
        stacks: BOTH,
        mutate: (rs) => {
            if (!annotations(target(rs, T.ingress))[`${ALB}certificate-arn`]) throw new NotApplicable("no HTTPS listener");
            const values = helmValues(target(rs, T.release, "-webui-"));
            values.extraEnvVars = [...(values.extraEnvVars ?? []).filter((e: { name: string }) => e.name !== "WEBUI_SESSION_COOKIE_SECURE"), { name: "WEBUI_SESSION_COOKIE_SECURE", value: "False" }];
        },
    },
    // WAF association
    {
        id: "ind-second-ingress-no-waf",
        class: "waf-association",
        description: "a second internet-facing Ingress (LiteLLM's API for a partner) is added without the WAF",
        stacks: PROD,
        mutate: (rs) => {
            const app = target(rs, T.ingress);
            const copy = addLike(rs, app, T.ingress, app.name.replace("ingress", "litellm-ingress"), JSON.parse(JSON.stringify(app.inputs)));
            delete annotations(copy)[`${ALB}wafv2-acl-arn`];
            copy.inputs.metadata.name = "litellm-api";
        },
    },
    {
        id: "ind-waf-made-up-key",
        class: "waf-association",
        description: "the web ACL is attached under alb.ingress.kubernetes.io/wafv2-acl-id, a key the controller does not have",
        stacks: PROD,
        mutate: (rs) => {
            const a = annotations(target(rs, T.ingress));
            if (!a[`${ALB}wafv2-acl-arn`]) throw new NotApplicable("no WAF annotation");
            a[`${ALB}wafv2-acl-id`] = a[`${ALB}wafv2-acl-arn`];
            delete a[`${ALB}wafv2-acl-arn`];
        },
    },
    {
        id: "ind-waf-acl-deleted",
        class: "waf-association",
        description: "the web ACL is deleted from the program while the Ingress keeps its old ARN",
        stacks: PROD,
        mutate: (rs) => remove(rs, (r) => r.type === T.webAcl, "web ACL"),
    },
    // Wildcard grants
    {
        id: "ind-ssm-any-parameter",
        class: "wildcard-grants",
        description: "LiteLLM's role may read every SSM parameter (arn:aws:ssm:*:*:parameter/*)",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, T.rolePolicy, "litellm-role"), { Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: "arn:aws:ssm:*:*:parameter/*" }),
    },
    {
        id: "ind-logs-role-reads-objects",
        class: "wildcard-grants",
        description: "the log shipper's role may get and delete any S3 object (Resource *)",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, T.rolePolicy, "app-logs-role"), { Effect: "Allow", Action: ["s3:GetObject", "s3:DeleteObject"], Resource: "*" }),
    },
    {
        id: "ind-every-secret-in-account",
        class: "wildcard-grants",
        description: "Open WebUI's role may read every secret of the account in the region",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, T.rolePolicy, "webui-role"), { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:*" }),
    },
    // IAM
    {
        id: "ind-iam-service-star",
        class: "iam",
        description: "the operator role gets iam:* on everything",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, T.rolePolicy, "operator-role"), { Effect: "Allow", Action: "iam:*", Resource: "*" }),
    },
    {
        id: "ind-passrole-any",
        class: "iam",
        description: "the developer role may pass any role (iam:PassRole on *)",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, T.rolePolicy, "developer-role"), { Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
    },
    {
        id: "ind-trust-anyone-with-mfa",
        class: "iam",
        description: "the developer role's trust is widened from the account to Principal * (MFA condition kept)",
        stacks: BOTH,
        mutate: (rs) =>
            editJson(target(rs, T.role, "developer-role"), "assumeRolePolicy", (doc) => {
                doc.Statement[0].Principal = "*";
            }),
    },
    {
        id: "ind-poweruser",
        class: "iam",
        description: "PowerUserAccess is attached to the operator role",
        stacks: BOTH,
        mutate: (rs) => {
            const role = target(rs, T.role, "operator-role");
            addLike(rs, target(rs, T.attachment), T.attachment, `${role.name}-poweruseraccess`, { policyArn: "arn:aws:iam::aws:policy/PowerUserAccess", role: role.inputs.name });
        },
    },
    {
        id: "ind-boundary-swapped",
        class: "iam",
        description: "the log shipper's role gets AWS's PowerUserAccess as its permissions boundary instead of the stack's",
        stacks: BOTH,
        mutate: (rs) => {
            const role = target(rs, T.role, "app-logs-role");
            if (!role.inputs.permissionsBoundary) throw new NotApplicable("the program sets no permissions boundary");
            role.inputs.permissionsBoundary = "arn:aws:iam::aws:policy/PowerUserAccess";
        },
    },
    // Workloads
    {
        id: "ind-postgres-root",
        class: "workloads",
        description: "dev's in-cluster Postgres StatefulSet runs as root",
        stacks: BOTH,
        mutate: (rs) => {
            const pod = target(rs, T.statefulSet, "postgres").inputs.spec.template.spec;
            pod.securityContext = { ...pod.securityContext, runAsUser: 0, runAsNonRoot: false };
        },
    },
    {
        id: "ind-shipper-host-pid",
        class: "workloads",
        description: "the log shipper shares the host PID namespace",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.daemonSet, "app-logs").inputs.spec.template.spec.hostPID = true;
        },
    },
    {
        id: "ind-init-job-privileged",
        class: "workloads",
        description: "Open WebUI's init Job container is privileged",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.job, "webui-init").inputs.spec.template.spec.containers[0].securityContext.privileged = true;
        },
    },
    {
        id: "ind-litellm-uid-0",
        class: "workloads",
        description: "LiteLLM's values set securityContext.runAsUser: 0",
        stacks: BOTH,
        mutate: (rs) => {
            helmValues(target(rs, T.release, "litellm")).securityContext.runAsUser = 0;
        },
    },
    {
        id: "ind-net-admin",
        class: "workloads",
        description: "Open WebUI's container adds NET_ADMIN",
        stacks: BOTH,
        mutate: (rs) => {
            helmValues(target(rs, T.release, "-webui-")).containerSecurityContext.capabilities = { add: ["NET_ADMIN"] };
        },
    },
    // Public data
    {
        id: "ind-backup-public-put",
        class: "public-data",
        description: "the backup bucket policy lets {AWS: *} put objects",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, T.bucketPolicy, "backup"), { Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::openwebui-backup/*" }),
    },
    {
        id: "ind-uploads-public-acl",
        class: "public-data",
        description: "a BucketAcl gives the uploads bucket the public-read canned ACL",
        stacks: BOTH,
        mutate: (rs) => {
            const bucket = target(rs, T.bucket, "uploads");
            addLike(rs, bucket, "aws:s3/bucketAcl:BucketAcl", `${bucket.name}-acl`, { bucket: bucket.id, acl: "public-read" });
        },
    },
    {
        id: "ind-restrict-public-off",
        class: "public-data",
        description: "the uploads bucket's public access block stops restricting public buckets",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.publicAccessBlock, "uploads").inputs.restrictPublicBuckets = false;
        },
    },
    {
        id: "ind-topic-public-publish",
        class: "public-data",
        description: "an alert topic's policy lets anyone publish",
        stacks: BOTH,
        mutate: (rs) => addStatement(target(rs, "aws:sns/topicPolicy:TopicPolicy", "critical"), { Effect: "Allow", Principal: "*", Action: "sns:Publish", Resource: "*" }),
    },
    // Supply chain
    {
        id: "ind-helm-caret-range",
        class: "supply-chain",
        description: "LiteLLM's chart version becomes the range ^1.86.0",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.release, "litellm").inputs.version = "^1.86.0";
        },
    },
    {
        id: "ind-helm-x-range",
        class: "supply-chain",
        description: "the cluster autoscaler's chart version becomes 9.x",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.release, "cluster-autoscaler").inputs.version = "9.x";
        },
    },
    {
        id: "ind-ecr-mutable-exclusion",
        class: "supply-chain",
        description: "LiteLLM's repository becomes MUTABLE_WITH_EXCLUSION",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.ecr, /-litellm$/).inputs.imageTagMutability = "MUTABLE_WITH_EXCLUSION";
        },
    },
    {
        id: "ind-ecr-scan-block-dropped",
        class: "supply-chain",
        description: "Open WebUI's repository loses its imageScanningConfiguration block",
        stacks: BOTH,
        mutate: (rs) => {
            delete target(rs, T.ecr, /-webui$/).inputs.imageScanningConfiguration;
        },
    },
    // Nodes
    {
        id: "ind-spot-hop-3",
        class: "nodes",
        description: "the spot launch template's IMDS hop limit becomes 3",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.launchTemplate, "spot").inputs.metadataOptions.httpPutResponseHopLimit = 3;
        },
    },
    {
        id: "ind-spot-one-public-subnet",
        class: "nodes",
        description: "the spot node group spans one private and one public subnet",
        stacks: BOTH,
        mutate: (rs) => {
            const group = target(rs, T.nodeGroup, "spot");
            group.inputs.subnetIds = [group.inputs.subnetIds[0], targets(rs, T.subnet, "public-subnet")[1].id];
        },
    },
    {
        id: "ind-no-metadata-options",
        class: "nodes",
        description: "the primary launch template loses its metadataOptions block",
        stacks: BOTH,
        mutate: (rs) => {
            delete target(rs, T.launchTemplate, "primary").inputs.metadataOptions;
        },
    },
    // Money
    {
        id: "ind-budget-zero",
        class: "money",
        description: "the budget's limit is 0",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.budget).inputs.limitAmount = "0";
        },
    },
    {
        id: "ind-budget-usage",
        class: "money",
        description: "the budget is changed to a USAGE budget",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.budget).inputs.budgetType = "USAGE";
        },
    },
    {
        id: "ind-budget-silent",
        class: "money",
        description: "the budget keeps its limit but loses every notification",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.budget).inputs.notifications = [];
        },
    },
    // Network
    {
        id: "ind-ssh-ipv6",
        class: "network",
        description: "SSH opened on the worker group to ::/0",
        stacks: BOTH,
        mutate: (rs) => {
            const like = target(rs, T.sgIngress, "worker");
            addLike(rs, like, T.sgIngress, like.name.replace(/in-.*$/, "in-ssh-v6"), { securityGroupId: like.inputs.securityGroupId, cidrIpv6: "::/0", fromPort: 22, toPort: 22, ipProtocol: "tcp" });
        },
    },
    {
        id: "ind-postgres-from-internet",
        class: "network",
        description: "the RDS group admits 5432 from 0.0.0.0/0",
        stacks: PROD,
        mutate: (rs) => {
            const like = target(rs, T.sgIngress, "rds-sg");
            addLike(rs, like, T.sgIngress, like.name.replace(/in-.*$/, "in-postgres-anywhere"), { securityGroupId: like.inputs.securityGroupId, cidrIpv4: "0.0.0.0/0", fromPort: 5432, toPort: 5432, ipProtocol: "tcp" });
        },
    },
    {
        id: "ind-default-sg-open",
        class: "network",
        description: "the VPC's default security group admits everything from anywhere",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup").inputs.ingress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }];
        },
    },
    {
        id: "ind-public-nacl-ssh",
        class: "network",
        description: "the public network ACL allows SSH from anywhere as its first rule",
        stacks: BOTH,
        mutate: (rs) => {
            const acl = target(rs, T.nacl, "public");
            acl.inputs.ingress = [{ action: "allow", cidrBlock: "0.0.0.0/0", fromPort: 22, toPort: 22, protocol: "tcp", ruleNo: 1 }, ...(acl.inputs.ingress ?? [])];
        },
    },
    // Logging
    {
        id: "ind-flow-log-deleted",
        class: "logging",
        description: "the VPC flow log is deleted to save money",
        stacks: BOTH,
        mutate: (rs) => remove(rs, (r) => r.type === T.flowLog, "flow log"),
    },
    {
        id: "ind-retention-ten-years",
        class: "logging",
        description: "the flow log group keeps ten years",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.logGroup, "flowlogs").inputs.retentionInDays = 3653;
        },
    },
    {
        id: "ind-no-scheduler-logs",
        class: "logging",
        description: "the cluster stops sending scheduler and controller-manager logs",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.cluster).inputs.enabledClusterLogTypes = ["api", "audit", "authenticator"];
        },
    },
    // Ops
    {
        id: "ind-alarm-actions-disabled",
        class: "ops",
        description: "the node memory alarm's actions are disabled (actionsEnabled false)",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.alarm, "node-memory").inputs.actionsEnabled = false;
        },
    },
    {
        id: "ind-dlm-disabled",
        class: "ops",
        description: "the EBS snapshot policy is left DISABLED",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.dlm).inputs.state = "DISABLED";
        },
    },
    {
        id: "ind-alerts-unsubscribed",
        class: "ops",
        description: "the critical topic loses its e-mail subscription, so alarms reach no one",
        stacks: BOTH,
        mutate: (rs) => remove(rs, (r) => r.type === "aws:sns/topicSubscription:TopicSubscription" && r.name.includes("critical"), "critical subscription"),
    },
    // Naming and tags
    {
        id: "ind-repo-no-environment",
        class: "naming-tags",
        description: "Open WebUI's ECR repository is renamed openwebui/webui, without its environment",
        stacks: BOTH,
        mutate: (rs) => {
            target(rs, T.ecr, /-webui$/).inputs.name = "openwebui/webui";
        },
    },
    {
        id: "ind-owner-empty",
        class: "naming-tags",
        description: "the provider's Owner default tag is emptied",
        stacks: BOTH,
        mutate: (rs) =>
            editJson(target(rs, T.provider), "defaultTags", (doc) => {
                doc.tags.Owner = "";
            }),
    },
    // EKS
    {
        id: "ind-endpoint-four-quarters",
        class: "eks",
        description: "prod's endpoint allow-list becomes the four /2s of the internet",
        stacks: PROD,
        mutate: (rs) => {
            target(rs, T.cluster).inputs.publicAccessCidrs = ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"];
        },
    },
    {
        id: "ind-version-unset",
        class: "eks",
        description: "the cluster's version is left to the provider's default",
        stacks: BOTH,
        mutate: (rs) => {
            delete target(rs, T.cluster).inputs.version;
        },
    },
    // Encryption
    {
        id: "ind-rds-key-default-policy",
        class: "encryption",
        description: "the RDS key's policy is dropped (AWS's default gives the account root kms:*)",
        stacks: PROD,
        mutate: (rs) => {
            delete target(rs, T.kmsKey, "rds-key").inputs.policy;
        },
    },
    {
        id: "ind-rds-unencrypted",
        class: "encryption",
        description: "RDS storage encryption is turned off",
        stacks: PROD,
        mutate: (rs) => {
            target(rs, T.rds).inputs.storageEncrypted = false;
        },
    },
    {
        id: "ind-spot-volume-plain",
        class: "encryption",
        description: "the spot launch template's volume loses encrypted",
        stacks: BOTH,
        mutate: (rs) => {
            delete target(rs, T.launchTemplate, "spot").inputs.blockDeviceMappings[0].ebs.encrypted;
        },
    },
    // Prod's contract
    {
        id: "ind-one-litellm",
        class: "contract",
        description: "prod runs one LiteLLM pod",
        stacks: PROD,
        mutate: (rs) => {
            helmValues(target(rs, T.release, "litellm")).replicaCount = 1;
        },
    },
    {
        id: "ind-primary-spot",
        class: "contract",
        description: "prod's primary node group moves to spot",
        stacks: PROD,
        mutate: (rs) => {
            target(rs, T.nodeGroup, "primary").inputs.capacityType = "SPOT";
        },
    },
    {
        id: "ind-primary-one-node",
        class: "contract",
        description: "prod's primary node group may shrink to one node",
        stacks: PROD,
        mutate: (rs) => {
            const scaling = target(rs, T.nodeGroup, "primary").inputs.scalingConfig;
            scaling.minSize = 1;
            scaling.desiredSize = 1;
        },
    },
];
