/**
 * The Checkov checks that apply to these stacks' resources, each answered either by the pack policy
 * that refuses what the check looks for (so it passes, and cannot silently start failing) or by the
 * written deviation (rules/deviations.ts) that accepts its failure. Issues 21, 22 and 24 name the
 * findings reported on these stacks; tests/standards.test.ts holds every answer to a registered
 * policy or an existing deviation.
 *
 * Checkov does not read a Pulumi TypeScript program, so "fails" means: the check, as bridgecrewio/
 * checkov 3.3.13 (commit 03d5fdad) implements it for the equivalent Terraform resource (docs/5.Policy
 * Index/terraform.md, kubernetes.md; checkov/terraform/checks/resource/aws/*.py), would fail on the
 * inputs the program registers in dev or prod, as the mock engine records them.
 */

export interface CheckovFinding {
    check: string;
    /** What the check asks, in this project's words. */
    title: string;
    /** Which of the stacks' resources it is about. */
    on: string;
    answer: { policy: string } | { deviation: string };
}

const policy = (name: string) => ({ policy: name });
const deviation = (id: string) => ({ deviation: id });

export const CHECKOV_FINDINGS: readonly CheckovFinding[] = [
    // KMS key policies
    { check: "CKV2_AWS_64", title: "a KMS key has its own key policy", on: "the secrets, alerts and RDS keys", answer: policy("kms-key-policy-explicit") },
    { check: "CKV_AWS_33", title: "no wildcard principal in a key policy", on: "the same keys", answer: policy("kms-key-policy-explicit") },
    { check: "CKV_AWS_7", title: "key rotation on", on: "the same keys", answer: policy("kms-key-rotation") },
    // The API endpoint
    { check: "CKV_AWS_38", title: "public endpoint not open to 0.0.0.0/0", on: "dev's cluster", answer: deviation("dev-public-endpoint") },
    { check: "CKV_AWS_39", title: "public endpoint off", on: "both clusters", answer: deviation("public-endpoint-allowlist") },
    { check: "CKV_AWS_37", title: "all control-plane log types", on: "both clusters", answer: policy("eks-control-plane-logging") },
    { check: "CKV_AWS_58", title: "secrets encrypted with KMS", on: "both clusters", answer: policy("eks-secrets-encryption") },
    { check: "CKV_AWS_339", title: "a supported Kubernetes version", on: "both clusters", answer: policy("eks-version-supported") },
    // Nodes
    { check: "CKV_AWS_79", title: "IMDSv1 off", on: "launch templates", answer: policy("launch-template-hardening") },
    { check: "CKV_AWS_341", title: "IMDS hop limit 1", on: "launch templates", answer: policy("nodes-imds-single-hop") },
    { check: "CKV_AWS_126", title: "detailed monitoring", on: "dev's NAT instance", answer: deviation("nat-instance-plain") },
    { check: "CKV_AWS_135", title: "EBS optimised", on: "dev's NAT instance", answer: deviation("nat-instance-plain") },
    // Network
    { check: "CKV_AWS_130", title: "subnets assign no public IP", on: "subnets", answer: policy("private-subnet-no-public-ip") },
    { check: "CKV2_AWS_11", title: "VPC flow logging", on: "the VPC", answer: policy("vpc-flow-logs") },
    { check: "CKV_AWS_24", title: "no SSH from 0.0.0.0/0", on: "security groups and rules", answer: policy("no-admin-ports-from-internet") },
    { check: "CKV_AWS_260", title: "no port 80 from 0.0.0.0/0", on: "the ALB group", answer: deviation("alb-http-80") },
    { check: "CKV_AWS_277", title: "no all-port ingress from 0.0.0.0/0", on: "security groups and rules", answer: policy("sg-ingress-from-internet") },
    { check: "CKV_AWS_382", title: "no all-port egress to 0.0.0.0/0", on: "worker, control-plane and NAT groups", answer: deviation("egress-anywhere") },
    // Wildcard resources and IAM
    { check: "CKV_AWS_355", title: "no Resource \"*\" for restrictable actions", on: "the load balancer controller's policy", answer: deviation("lb-controller-upstream-policy") },
    { check: "CKV_AWS_290", title: "no write access without constraints", on: "the load balancer controller's policy", answer: deviation("lb-controller-upstream-policy") },
    { check: "CKV_AWS_288", title: "no data exfiltration actions on \"*\"", on: "role inline policies", answer: policy("iam-no-wildcard-data-access") },
    { check: "CKV_AWS_286", title: "no privilege escalation", on: "the deploy role's policy (deployment/)", answer: deviation("deploy-role-writes-bounded-roles") },
    { check: "CKV_AWS_289", title: "no unconstrained permissions management", on: "the deploy role's policy (deployment/)", answer: deviation("deploy-role-writes-bounded-roles") },
    // The boundaries in deployment/ no longer allow Action "*" (issue 24); the pack holds the stacks' own policies to it.
    { check: "CKV_AWS_62", title: "no full \"*:*\" administrative policy", on: "role policies", answer: policy("iam-no-admin") },
    { check: "CKV_AWS_63", title: "no Action \"*\"", on: "role policies", answer: policy("iam-no-admin") },
    { check: "CKV_AWS_274", title: "no AdministratorAccess", on: "role attachments", answer: policy("iam-no-admin") },
    { check: "CKV_AWS_60", title: "a role trusts named principals only", on: "roles", answer: policy("iam-trust-no-wildcard-principal") },
    // Logs
    { check: "CKV_AWS_66", title: "log groups set a retention", on: "log groups", answer: policy("log-group-retention") },
    { check: "CKV_AWS_338", title: "logs kept at least a year", on: "log groups", answer: deviation("log-retention-30-days") },
    { check: "CKV_AWS_158", title: "log groups encrypted with a KMS key", on: "log groups", answer: deviation("log-groups-aws-owned-key") },
    // Buckets and other data
    // The backup bucket stays SSE-S3: deviation backup-bucket-sse-s3.
    { check: "CKV_AWS_145", title: "buckets encrypted with KMS by default", on: "the uploads bucket", answer: policy("uploads-bucket-kms") },
    { check: "CKV2_AWS_6", title: "a public access block", on: "buckets", answer: policy("s3-bucket-hardening") },
    { check: "CKV_AWS_54", title: "public policies blocked", on: "public access blocks", answer: policy("s3-bucket-hardening") },
    { check: "CKV_AWS_21", title: "versioning on", on: "buckets", answer: policy("s3-bucket-hardening") },
    { check: "CKV_AWS_70", title: "no bucket policy for any principal", on: "bucket policies", answer: policy("resource-policies-not-public") },
    { check: "CKV_AWS_18", title: "server access logging", on: "the backup and uploads buckets", answer: deviation("buckets-single-region") },
    { check: "CKV_AWS_144", title: "cross-region replication", on: "the backup and uploads buckets: prod's Seoul buckets replicate to Tokyo; dev's and prod's Tokyo replicas do not (deviation buckets-single-region)", answer: policy("recovery-copies") },
    { check: "CKV2_AWS_62", title: "event notifications", on: "the backup and uploads buckets", answer: deviation("buckets-single-region") },
    { check: "CKV_AWS_143", title: "object lock", on: "the backup and uploads buckets", answer: deviation("buckets-single-region") },
    { check: "CKV_AWS_26", title: "SNS topics encrypted", on: "alert topics", answer: policy("sns-topic-encrypted") },
    { check: "CKV_AWS_319", title: "alarm actions on", on: "alarms", answer: policy("alarm-has-action") },
    // RDS (prod)
    { check: "CKV_AWS_16", title: "storage encrypted", on: "prod's RDS instance", answer: policy("rds-hardening") },
    { check: "CKV_AWS_17", title: "not publicly accessible", on: "prod's RDS instance", answer: policy("rds-hardening") },
    { check: "CKV_AWS_157", title: "Multi-AZ", on: "prod's RDS instance", answer: policy("rds-hardening") },
    { check: "CKV_AWS_293", title: "deletion protection", on: "prod's RDS instance", answer: policy("rds-hardening") },
    { check: "CKV_AWS_129", title: "logs exported to CloudWatch", on: "prod's RDS instance", answer: policy("rds-log-exports") },
    { check: "CKV_AWS_118", title: "enhanced monitoring", on: "prod's RDS instance", answer: deviation("rds-basic-monitoring") },
    { check: "CKV_AWS_161", title: "IAM authentication", on: "prod's RDS instance", answer: deviation("rds-basic-monitoring") },
    { check: "CKV_AWS_353", title: "Performance Insights", on: "prod's RDS instance", answer: deviation("rds-basic-monitoring") },
    { check: "CKV2_AWS_30", title: "PostgreSQL query logging", on: "prod's RDS instance", answer: deviation("rds-basic-monitoring") },
    // The edge
    { check: "CKV2_AWS_20", title: "HTTP redirected to HTTPS", on: "the Ingress's ALB", answer: policy("alb-tls-edge") },
    { check: "CKV_AWS_103", title: "TLS 1.2 at least", on: "the Ingress's ALB", answer: policy("alb-tls-edge") },
    { check: "CKV2_AWS_28", title: "a public ALB behind WAF", on: "prod's Ingress (the ALB it builds)", answer: policy("waf-on-internet-alb") },
    { check: "CKV2_AWS_31", title: "WAF logging", on: "prod's web ACL", answer: policy("waf-logging") },
    // Supply chain
    { check: "CKV_AWS_51", title: "immutable image tags", on: "ECR repositories", answer: policy("ecr-immutable-scanned") },
    { check: "CKV_AWS_163", title: "scan on push", on: "ECR repositories", answer: policy("ecr-immutable-scanned") },
    { check: "CKV_AWS_136", title: "repositories encrypted with KMS", on: "ECR repositories", answer: deviation("ecr-aes256") },
    // Workloads
    { check: "CKV_K8S_16", title: "no privileged container", on: "workloads and chart values", answer: policy("workloads-unprivileged") },
    { check: "CKV_K8S_20", title: "no privilege escalation", on: "workloads and chart values", answer: policy("workloads-unprivileged") },
    { check: "CKV_K8S_23", title: "no root containers", on: "Open WebUI and LiteLLM", answer: deviation("app-images-default-user") },
];
