/**
 * Permissions of the in-cluster controllers, each bound to one service account by Pod Identity.
 * Mutating actions are conditioned on the tags the controllers put on what they create.
 */
import { LOAD_BALANCER_CONTROLLER_RELEASE } from "../releases";
import { Statement } from "../iam";

/**
 * AWS Load Balancer Controller: the policy its maintainers publish for the pinned release, used as
 * published (vendor/aws-load-balancer-controller/<version>/, with source.json naming tag and commit).
 * Its writes are conditioned on the controller's own elbv2.k8s.aws/cluster tag. Config refuses a
 * chart version that this vendored release does not belong to, so the two cannot drift apart.
 */
export function loadBalancerControllerStatements(): Statement[] {
    return LOAD_BALANCER_CONTROLLER_RELEASE.policy.Statement as Statement[];
}

/** Cluster Autoscaler: resize only node groups of this cluster (EKS tags their ASGs). */
export function clusterAutoscalerStatements(clusterName: string): Statement[] {
    return [
        {
            Sid: "Discover",
            Effect: "Allow",
            Action: [
                "autoscaling:DescribeAutoScalingGroups",
                "autoscaling:DescribeAutoScalingInstances",
                "autoscaling:DescribeLaunchConfigurations",
                "autoscaling:DescribeScalingActivities",
                "autoscaling:DescribeTags",
                "ec2:DescribeImages",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeLaunchTemplateVersions",
                "ec2:GetInstanceTypesFromInstanceRequirements",
            ],
            Resource: "*",
        },
        {
            // Scale-from-zero: labels and taints of an empty managed group come from EKS; only this cluster's groups.
            Sid: "DescribeOwnNodeGroups",
            Effect: "Allow",
            Action: "eks:DescribeNodegroup",
            Resource: `arn:aws:eks:*:*:nodegroup/${clusterName}/*`,
        },
        {
            Sid: "ResizeOwnNodeGroups",
            Effect: "Allow",
            Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
            Resource: "*",
            Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: "owned" } },
        },
    ];
}
