/**
 * Which published control each pack policy corresponds to, kept as data beside the policies (not in
 * them, so the pack's bundle does not grow): `npm run docs` writes policy-pack/README.md's table from
 * it and the policies' own names, descriptions and levels, and tests/standards.test.ts fails when a
 * registered policy has no entry here. "none" always says why.
 *
 * Sources, by column:
 * - CIS Amazon EKS Benchmark v1.8.0: the recommendation ids as aquasecurity/kube-bench v0.15.6
 *   (commit a73ce378) transcribes them in cfg/eks-1.8.0/{controlplane,policies,managedservices}.yaml.
 * - AWS Foundational Security Best Practices (Security Hub): the control ids of the standard as
 *   turbot/steampipe-mod-aws-compliance v1.13.0 lists them in foundational_security/*.pp, checked
 *   for EKS against the Security Hub user guide's "Security Hub CSPM controls for Amazon EKS" page.
 *   Controls that exist only in other Security Hub standards (NIST 800-53, CIS AWS) are not claimed.
 * - Checkov: check ids of bridgecrewio/checkov 3.3.13 (commit 03d5fdad), docs/5.Policy Index/
 *   terraform.md (AWS resources) and kubernetes.md (CKV_K8S_*, workloads).
 */

/** Control ids, or why there is none. */
export type Mapping = readonly string[] | { readonly none: string };

export interface Standards {
    cisEks: Mapping;
    fsbp: Mapping;
    checkov: Mapping;
}

const none = (why: string): Mapping => ({ none: why });

const NOT_SECURITY = "a project convention, not a security control";
const COST = "cost control: no security standard or scanner covers it";
const NOT_EKS = "not an EKS cluster or workload setting";

export const STANDARDS: Readonly<Record<string, Standards>> = {
    "naming-convention": { cisEks: none(NOT_SECURITY), fsbp: none(NOT_SECURITY), checkov: none(NOT_SECURITY) },
    "required-tags": {
        cisEks: none(NOT_SECURITY),
        fsbp: none("tag controls belong to Security Hub's tagging standard, which checks that tags exist, not which"),
        checkov: none("Checkov has no check for a required tag set"),
    },
    "private-subnet-no-public-ip": { cisEks: none(NOT_EKS), fsbp: ["EC2.15"], checkov: ["CKV_AWS_130"] },
    "no-admin-ports-from-internet": { cisEks: none(NOT_EKS), fsbp: ["EC2.19", "EC2.21"], checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_231", "CKV_AWS_232"] },
    "vpc-flow-logs": { cisEks: none(NOT_EKS), fsbp: ["EC2.6"], checkov: ["CKV2_AWS_11"] },
    "log-group-retention": {
        cisEks: none(NOT_EKS),
        fsbp: none("retention is a CloudWatch control of other Security Hub standards, not of FSBP"),
        checkov: ["CKV_AWS_66"],
    },
    "sg-ingress-from-internet": { cisEks: none(NOT_EKS), fsbp: ["EC2.18"], checkov: ["CKV_AWS_260", "CKV_AWS_277"] },
    "eks-version-supported": { cisEks: none("the benchmark has no version recommendation"), fsbp: ["EKS.2"], checkov: ["CKV_AWS_339"] },
    "eks-control-plane-logging": { cisEks: ["2.1.1"], fsbp: ["EKS.8"], checkov: ["CKV_AWS_37"] },
    "eks-secrets-encryption": { cisEks: ["5.3.1"], fsbp: none("FSBP's EKS controls are EKS.1, EKS.2 and EKS.8"), checkov: ["CKV_AWS_58"] },
    "eks-public-endpoint-restricted": { cisEks: ["5.4.1", "5.4.2"], fsbp: ["EKS.1"], checkov: ["CKV_AWS_38", "CKV_AWS_39"] },
    "eks-no-creator-admin": { cisEks: ["4.1.7"], fsbp: none("FSBP's EKS controls are EKS.1, EKS.2 and EKS.8"), checkov: none("Checkov does not read the cluster's access configuration") },
    "launch-template-hardening": { cisEks: none("the benchmark's node section covers kubelet files and flags only"), fsbp: ["EC2.170", "EC2.181"], checkov: ["CKV_AWS_79"] },
    "kms-key-rotation": { cisEks: none(NOT_EKS), fsbp: none("key rotation is a KMS control of other Security Hub standards, not of FSBP"), checkov: ["CKV_AWS_7"] },
    "kms-key-policy-explicit": { cisEks: none(NOT_EKS), fsbp: ["KMS.5"], checkov: ["CKV2_AWS_64", "CKV_AWS_33"] },
    "iam-no-admin": { cisEks: none(NOT_EKS), fsbp: ["IAM.1", "IAM.21"], checkov: ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_274", "CKV2_AWS_40", "CKV2_AWS_56"] },
    "iam-trust-no-wildcard-principal": { cisEks: none(NOT_EKS), fsbp: none("FSBP checks identity policies, not trust policies"), checkov: ["CKV_AWS_60", "CKV_AWS_61"] },
    "iam-scoped-writes": { cisEks: none(NOT_EKS), fsbp: none("FSBP's IAM controls stop at full admin and service wildcards"), checkov: ["CKV_AWS_290", "CKV_AWS_355"] },
    "bedrock-invoke-scoped": { cisEks: none(NOT_EKS), fsbp: none("no Bedrock control in FSBP"), checkov: none("Checkov has no Bedrock model-scope check") },
    "s3-bucket-hardening": {
        cisEks: none(NOT_EKS),
        fsbp: ["S3.8"],
        checkov: ["CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV_AWS_19", "CKV_AWS_21"],
    },
    "sns-topic-encrypted": { cisEks: none(NOT_EKS), fsbp: ["SNS.1"], checkov: ["CKV_AWS_26"] },
    "alarm-has-action": { cisEks: none(NOT_EKS), fsbp: none("alarm actions are a CloudWatch control of other Security Hub standards"), checkov: ["CKV_AWS_319"] },
    "alarm-topics-subscribed": {
        cisEks: none(NOT_EKS),
        fsbp: none("no FSBP control asks that an alarm's SNS topic has a subscriber"),
        checkov: none("Checkov judges alarm actions (CKV_AWS_319) and topic encryption, not whether a topic has subscribers"),
    },
    "budget-notifies-at-thresholds": { cisEks: none(COST), fsbp: none(COST), checkov: none(COST) },
    "recovery-copies": {
        cisEks: none(NOT_EKS),
        fsbp: none("FSBP's S3.7 (cross-Region replication) belongs to other Security Hub standards; none asks for snapshot or RDS backup copies in a named region"),
        checkov: ["CKV_AWS_144"],
    },
    "ebs-snapshot-recovery-point": {
        cisEks: none(NOT_EKS),
        fsbp: none("backup-plan coverage is a control of other Security Hub standards; none states a recovery point"),
        checkov: none("Checkov has no recovery-point check"),
    },
    "rds-hardening": { cisEks: none(NOT_EKS), fsbp: ["RDS.2", "RDS.3", "RDS.5", "RDS.8", "RDS.11"], checkov: ["CKV_AWS_16", "CKV_AWS_17", "CKV_AWS_133", "CKV_AWS_157", "CKV_AWS_293"] },
    "waf-logging": { cisEks: none("the benchmark has no WAF recommendation"), fsbp: none("FSBP's one WAF logging control (WAF.1) is for WAF Classic"), checkov: ["CKV2_AWS_31"] },
    "rds-log-exports": { cisEks: none(NOT_EKS), fsbp: ["RDS.9", "RDS.36"], checkov: ["CKV_AWS_129"] },
    "uploads-bucket-kms": { cisEks: none(NOT_EKS), fsbp: none("KMS default encryption of buckets is a control of other Security Hub standards, not of FSBP"), checkov: ["CKV_AWS_145"] },
    "waf-on-internet-alb": { cisEks: none("the benchmark has no WAF recommendation"), fsbp: none("FSBP's WAF controls check rules and logging, not association"), checkov: ["CKV2_AWS_28"] },
    "workloads-unprivileged": {
        cisEks: ["4.2.1", "4.2.2", "4.2.3", "4.2.4", "4.2.5"],
        fsbp: none("FSBP does not look inside the cluster"),
        checkov: ["CKV_K8S_16", "CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19", "CKV_K8S_20", "CKV_K8S_25", "CKV_K8S_39"],
    },
    "monthly-cost-within-budget": { cisEks: none(COST), fsbp: none(COST), checkov: none(COST) },
    "pods-fit-nodes": { cisEks: none("capacity arithmetic, not a security setting"), fsbp: none("FSBP does not look inside the cluster"), checkov: none("Checkov checks that requests and limits exist (CKV_K8S_10–13), not that they fit the nodes") },
    "prod-contract": { cisEks: none("availability promises of this project's prod"), fsbp: none("availability promises of this project's prod"), checkov: none("availability promises of this project's prod") },
    "alb-tls-edge": {
        cisEks: ["5.4.5"],
        fsbp: ["ELB.1", "ELB.17"],
        checkov: ["CKV2_AWS_20", "CKV_AWS_103", "CKV_AWS_2"],
    },
    "app-https-browser-hardening": {
        cisEks: none("the benchmark does not cover the application's own headers"),
        fsbp: none("FSBP does not look inside the application"),
        checkov: none("Checkov does not read the app's cookie, HSTS or CORS settings"),
    },
    "alb-ingress-annotations": {
        cisEks: none("the benchmark does not cover load balancer controller annotations"),
        fsbp: none("FSBP sees the ALB once built, not the Ingress that builds it"),
        checkov: none("Checkov does not read load balancer controller annotations"),
    },
    "iam-no-wildcard-data-access": { cisEks: none(NOT_EKS), fsbp: ["KMS.1", "KMS.2"], checkov: ["CKV_AWS_288", "CKV_AWS_108"] },
    "workloads-non-root": {
        cisEks: none("v1.8.0's Pod Security section (4.2.1–4.2.5) has no root-user recommendation"),
        fsbp: none("FSBP does not look inside the cluster"),
        checkov: ["CKV_K8S_23"],
    },
    "resource-policies-not-public": { cisEks: none(NOT_EKS), fsbp: ["S3.2", "S3.3", "SNS.4"], checkov: ["CKV_AWS_70", "CKV_AWS_169", "CKV_AWS_32", "CKV_AWS_20", "CKV_AWS_57"] },
    "ecr-immutable-scanned": { cisEks: ["5.1.1"], fsbp: ["ECR.1", "ECR.2"], checkov: ["CKV_AWS_51", "CKV_AWS_163"] },
    "helm-chart-pinned": {
        cisEks: none("the benchmark does not cover chart provenance"),
        fsbp: none("FSBP does not look inside the cluster"),
        checkov: none("Checkov renders a chart and checks its manifests, not the release's chart version"),
    },
    "nodes-imds-single-hop": { cisEks: none("the benchmark's node section covers kubelet files and flags only"), fsbp: ["EC2.170"], checkov: ["CKV_AWS_341", "CKV_AWS_79"] },
    "nodes-in-private-subnets": { cisEks: ["5.4.3"], fsbp: none("EC2.9 and EC2.15 judge instances and subnets, not where a node group runs"), checkov: none("Checkov does not tie a node group to its subnets' routes") },
    "stack-has-budget": { cisEks: none(COST), fsbp: none(COST), checkov: none(COST) },
    "iam-role-workload-boundary": {
        cisEks: none(NOT_EKS),
        fsbp: none("FSBP checks identity policies, not permissions boundaries or trust policies"),
        checkov: none("no Checkov check asks for a permissions boundary; its trust checks (CKV_AWS_60, CKV_AWS_61) stop at wildcard principals"),
    },
};

/** What a mapping cell says: the ids, or "none — reason". */
export const mappingText = (m: Mapping): string => ("none" in m ? `none — ${m.none}` : m.join(", "));
