/**
 * The roles the program hands to AWS services, by the `{resource-type}` of their name, with the
 * service each is passed to. deployment/ grants iam:PassRole for exactly these, and a test checks
 * that every service role in the inventory is listed here.
 */
// Which service name EKS checks when it is passed a Pod Identity role is not documented per call:
// both are allowed, the role list stays exact.
const POD_IDENTITY = ["pods.eks.amazonaws.com", "eks.amazonaws.com"];

export const PASSED_ROLES: Readonly<Record<string, readonly string[]>> = {
    "eks-service-role": ["eks.amazonaws.com"],
    "eks-nodegroup-role": ["eks.amazonaws.com"],
    "flowlogs-role": ["vpc-flow-logs.amazonaws.com"],
    "dlm-role": ["dlm.amazonaws.com"],
    "lb-controller-role": POD_IDENTITY,
    "cluster-autoscaler-role": POD_IDENTITY,
    "ebs-csi-role": POD_IDENTITY,
    "cloudwatch-agent-role": POD_IDENTITY,
    "webui-role": POD_IDENTITY,
    "litellm-role": POD_IDENTITY,
    "db-setup-role": POD_IDENTITY,
    "app-logs-role": POD_IDENTITY,
    "chatbot-role": ["chatbot.amazonaws.com"],
    // prod's copies to the recovery region (components/recovery): S3 replication on the Seoul buckets.
    "replication-role": ["s3.amazonaws.com"],
};
