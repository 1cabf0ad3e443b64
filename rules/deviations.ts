/**
 * Where this project knowingly departs from the design or from a common security check, written
 * once: the policy pack bundles this module and reads its allowances from it, and `npm run docs`
 * writes the README's security table from it (tests/readme-generated.test.ts holds it current).
 */
export interface Deviation {
    id: string;
    /** The check departed from, as a scanner or the design names it. */
    check: string;
    decision: string;
    reason: string;
    /** The pack policy that carries the allowance, if one does. */
    policy?: string;
}

export const DEVIATIONS: readonly Deviation[] = [
    {
        id: "alb-http-80",
        check: "No ingress from 0.0.0.0/0 on port 80 (Checkov CKV_AWS_260)",
        decision: "The ALB security group admits TCP 80 from anywhere",
        reason: "Only so the ALB can answer plain-HTTP requests with a redirect to 443; no target serves HTTP to the internet.",
        policy: "sg-ingress-from-internet",
    },
    {
        id: "backup-bucket-sse-s3",
        check: "S3 default encryption with a customer-managed KMS key (Checkov CKV_AWS_145)",
        decision: "The backup bucket uses SSE-S3; the uploads bucket, which holds users' files, uses SSE-KMS with the program's uploads key and an S3 Bucket Key",
        reason: "The backup bucket holds state exports and operators' backups, read by restore tooling from outside the cluster: a key policy it must also satisfy would make a restore depend on KMS permissions on top of IAM and the TLS-only bucket policy, for data that is not users' content.",
        policy: "s3-bucket-hardening",
    },
    {
        id: "uploads-no-data-events",
        check: "S3 object-level logging: server access logs or CloudTrail data events (Checkov CKV_AWS_18)",
        decision: "The uploads bucket records neither server access logs nor CloudTrail data events",
        reason: "Every object request comes from Open WebUI's one role, so either log would name that role, never the user; which user uploaded or read a file is Open WebUI's own record. Changes to the bucket and its key, and S3's use of the key (one KMS request per Bucket Key, not per object), are management events in CloudTrail's free 90-day event history. Data events would bill $0.10 per 100,000 object requests (rules/cost/prices.ts) plus a trail and its bucket.",
        policy: "s3-bucket-hardening",
    },
    {
        id: "waf-crs-body-rules-on-chat",
        check: "AWS managed rule groups applied with the actions AWS sets (AWS WAF core rule set: every rule blocks)",
        decision: "The core rule set's body rules (cross-site scripting, LFI, RFI, EC2 metadata SSRF) and RestrictedExtensions_URIPATH only count on Open WebUI's chat and file routes and block elsewhere; SizeRestrictions_BODY counts everywhere",
        reason: "Prompts carry HTML, code, ../ paths, URLs and 169.254.169.254, and uploaded files keep names like app.log in their download path: blocking would block ordinary chat and uploads. Header, cookie, query and URI rules keep blocking; counted matches are in the WAF log (README \"WAF: what blocks where\").",
        policy: "waf-on-internet-alb",
    },
    {
        id: "log-groups-aws-owned-key",
        check: "CloudWatch log groups encrypted with a customer-managed KMS key (Checkov CKV_AWS_158)",
        decision: "Log groups use CloudWatch Logs' default encryption",
        reason: "Logs are encrypted at rest either way; flow, control-plane and application logs carry no secrets by design, and a CMK per group needs a logs-service key policy and costs $1/month per key.",
        policy: "log-group-retention",
    },
    {
        id: "lb-controller-upstream-policy",
        check: "IAM write actions only on named resources (iam-scoped-writes)",
        decision: "The load balancer controller runs with the policy its maintainers publish, including writes on \"*\"",
        reason: "Its listeners, rules and the worker security group have ids it learns at run time; a hand-narrowed copy drifts from what each release needs.",
        policy: "iam-scoped-writes",
    },
    {
        id: "dev-public-endpoint",
        check: "EKS public endpoint restricted to known CIDRs (Checkov CKV_AWS_38/39)",
        decision: "dev's stack file opens its endpoint to 0.0.0.0/0 (advisory in dev, refused in prod)",
        reason: "Laptops and GitHub-hosted runners have no fixed addresses; dev holds no production data, and its access entries still decide who may do anything.",
        policy: "eks-public-endpoint-restricted",
    },
    {
        id: "dev-in-cluster-postgres",
        check: "The design's database backups (\"RDS 자동 백업 7일\"): RDS in every stack",
        decision: "dev runs Postgres in the cluster on an encrypted gp3 volume (databaseMode: in-cluster); prod runs RDS",
        reason: "RDS db.t4g.micro would break dev's monthly target (its price is the databaseMode row of the cost levers); the apps reach either through the same Secrets and setup job, and dev's volume is in the daily EBS snapshots.",
        policy: "rds-hardening",
    },
    {
        id: "log-shipper-host-logs",
        check: "Containers run as non-root and mount no hostPath (Kubernetes Pod Security Standards: restricted, baseline)",
        decision: "Fluent Bit runs as root, unprivileged, reading /var/log read-only and keeping its read offsets in /var/fluent-bit/state/openwebui-app-logs on the node, in its own namespace openwebui-logs (Pod Security level privileged); the app namespace enforces baseline",
        reason: "Node log files are root-owned (0640): reading them is what a log shipper is for, and offsets kept on the node are what stop a restarted shipper from sending lines twice or skipping them. It drops every capability, cannot escalate and has a read-only root file system.",
        policy: "workloads-unprivileged",
    },
    {
        id: "app-images-default-user",
        check: "Containers run as a non-root user (Kubernetes Pod Security Standards: restricted; Checkov CKV_K8S_23/CKV_K8S_40)",
        decision: "Open WebUI (its chart's pods and the init job on the same image) and LiteLLM run as their images' default user, which is root; the program sets no runAsNonRoot for them",
        reason: "Both images are built to run as root and write under their own install directories at start; forcing another uid breaks start-up until the images are rebuilt. They run unprivileged, without privilege escalation, with every capability dropped and the runtime's seccomp profile, in a namespace that enforces the baseline Pod Security level.",
        policy: "workloads-non-root",
    },
    {
        id: "node-agent-default-user",
        check: "Containers run as a non-root user (Kubernetes Pod Security Standards: restricted)",
        decision: "dev's CloudWatch agent DaemonSet runs as its image's default user; the program sets no runAsNonRoot for it",
        reason: "The agent's image is taken as published and its non-root uid, if it has one, was not verified here; it runs unprivileged, without privilege escalation and with every capability dropped, and only in dev, where Container Insights is off.",
        policy: "workloads-non-root",
    },
    {
        id: "public-endpoint-allowlist",
        check: "EKS public endpoint disabled (Checkov CKV_AWS_39, CIS EKS 5.4.2)",
        decision: "Both clusters keep the public API endpoint beside the private one; prod's admits only endpointPublicAccessCidrs",
        reason: "Operators run kubectl and Pulumi from outside the VPC and the design has no VPN or bastion; the allow-list (prod) and the access entries decide who gets in and what they may do.",
        policy: "eks-public-endpoint-restricted",
    },
    {
        id: "egress-anywhere",
        check: "No security group egress to 0.0.0.0/0 on all ports (Checkov CKV_AWS_382)",
        decision: "The worker, control-plane and NAT-instance groups may send any traffic anywhere",
        reason: "Nodes pull images from public registries and call Bedrock and other AWS APIs through NAT, at addresses no CIDR list can hold; the pack guards what comes in.",
        policy: "sg-ingress-from-internet",
    },
    {
        id: "log-retention-30-days",
        check: "CloudWatch log groups keep logs for at least a year (Checkov CKV_AWS_338)",
        decision: "Log groups keep 30 days (the pack accepts 30 to 365)",
        reason: "The design keeps 30 days: flow, control-plane and application logs serve the investigation of recent incidents, and every further month is billed per GB stored.",
        policy: "log-group-retention",
    },
    {
        id: "buckets-single-region",
        check: "S3 access logging, cross-region replication, event notifications and object lock (Checkov CKV_AWS_18, CKV_AWS_144, CKV2_AWS_62, CKV_AWS_143)",
        decision: "The backup and uploads buckets have no access logging, event notifications or object lock; prod's Seoul buckets replicate to the recovery region (recoveryCopies), while dev's buckets and prod's replicas in Tokyo replicate nowhere",
        reason: "Nothing consumes a log bucket or events; versioning keeps overwritten and deleted objects recoverable, and prod's backup bucket is protected from deletion. Prod's replicas in Tokyo are what its region recovery restores from (the recovery-copies policy requires them), and a copy of the copy would guard against losing two regions, which the design does not plan for; dev holds no data worth a second region.",
        policy: "s3-bucket-hardening",
    },
    {
        id: "rds-basic-monitoring",
        check: "RDS enhanced monitoring, IAM authentication, Performance Insights and query logging (Checkov CKV_AWS_118, CKV_AWS_161, CKV_AWS_353, CKV2_AWS_30)",
        decision: "prod's RDS instance uses CloudWatch's standard RDS metrics and password authentication, with no statement logging",
        reason: "The standard metrics feed the CPU, connection and storage alarms; enhanced monitoring and Performance Insights bill per instance beyond that; both apps read their passwords from Kubernetes Secrets and neither refreshes IAM tokens; statement logs would hold users' prompts.",
        policy: "rds-hardening",
    },
    {
        id: "ecr-aes256",
        check: "ECR repositories encrypted with KMS (Checkov CKV_AWS_136)",
        decision: "The ECR repositories use ECR's default AES-256 encryption",
        reason: "The images are built from public sources and hold no secrets; who may pull is decided by IAM, and a key would add a key policy the nodes' role must also satisfy.",
        policy: "ecr-immutable-scanned",
    },
    {
        id: "nat-instance-plain",
        check: "EC2 detailed monitoring and EBS optimisation (Checkov CKV_AWS_126, CKV_AWS_135)",
        decision: "dev's NAT instance has neither flag set",
        reason: "It exists to make dev's way out cheap; one-minute metrics bill per metric, and its traffic shows in the VPC flow log either way.",
        policy: "monthly-cost-within-budget",
    },
    {
        id: "deploy-role-writes-bounded-roles",
        check: "IAM policies allow no privilege escalation and no unconstrained permissions management (Checkov CKV_AWS_286, CKV_AWS_289)",
        decision: "The deploy role may create its stack's roles and write their policies and trust; both boundaries allow iam:CreateServiceLinkedRole on \"*\" for named services",
        reason:
            "Deploying the stack means creating its roles. Each such write is allowed only on a role that carries the workload boundary (an iam:PermissionsBoundary condition, which these checks do not read); no boundary can be removed or edited, and the workload boundary allows no IAM write, so whatever is written stays capped. CreateServiceLinkedRole takes no resource ARN; iam:AWSServiceName limits it. Neither boundary allows Action \"*\" any more (CKV_AWS_62/63).",
        policy: "iam-role-workload-boundary",
    },
];

/** The TCP ports the ALB group may open to the internet: 443, and 80 by the deviation above. */
export const ALB_INTERNET_PORTS: readonly number[] = [443, ...(DEVIATIONS.some((d) => d.id === "alb-http-80") ? [80] : [])];
