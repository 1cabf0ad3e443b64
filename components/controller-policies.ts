/**
 * Permissions of the in-cluster controllers, each bound to one service account by Pod Identity.
 * Mutating actions are conditioned on the tags the controllers put on what they create, so they
 * cannot touch load balancers, security groups or node groups of anything else in the account.
 * `Resource: "*"` is used where AWS offers no resource-level permission (Describe*, Create* whose
 * ARN does not exist yet — those are conditioned on request tags instead).
 */
import { Statement } from "./iam";

const ELB_CLUSTER_TAG = "elbv2.k8s.aws/cluster";

/** AWS Load Balancer Controller: manage ALBs/NLBs, their target groups and security groups. */
export function loadBalancerControllerStatements(clusterName: string): Statement[] {
    const createdByController = { Null: { [`aws:RequestTag/${ELB_CLUSTER_TAG}`]: "false" } };
    const ownedByController = { Null: { [`aws:ResourceTag/${ELB_CLUSTER_TAG}`]: "false" } };
    return [
        {
            Sid: "ServiceLinkedRoleForElb",
            Effect: "Allow",
            Action: "iam:CreateServiceLinkedRole",
            Resource: "*",
            Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
        },
        {
            Sid: "Discover",
            Effect: "Allow",
            Action: [
                "ec2:DescribeAccountAttributes",
                "ec2:DescribeAddresses",
                "ec2:DescribeAvailabilityZones",
                "ec2:DescribeInternetGateways",
                "ec2:DescribeVpcs",
                "ec2:DescribeVpcPeeringConnections",
                "ec2:DescribeSubnets",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeInstances",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeTags",
                "ec2:DescribeCoipPools",
                "ec2:GetCoipPoolUsage",
                "ec2:GetSecurityGroupsForVpc",
                "ec2:DescribeIpamPools",
                "ec2:DescribeRouteTables",
                "elasticloadbalancing:Describe*",
                "acm:ListCertificates",
                "acm:DescribeCertificate",
                "iam:ListServerCertificates",
                "iam:GetServerCertificate",
                "cognito-idp:DescribeUserPoolClient",
                "waf-regional:GetWebACL",
                "waf-regional:GetWebACLForResource",
                "wafv2:GetWebACL",
                "wafv2:GetWebACLForResource",
                "shield:GetSubscriptionState",
                "shield:DescribeProtection",
            ],
            Resource: "*",
        },
        {
            Sid: "CreateTaggedSecurityGroups",
            Effect: "Allow",
            Action: ["ec2:CreateSecurityGroup"],
            Resource: "*",
            Condition: createdByController,
        },
        {
            Sid: "TagOnCreate",
            Effect: "Allow",
            Action: ["ec2:CreateTags"],
            Resource: "arn:aws:ec2:*:*:security-group/*",
            Condition: { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" }, ...createdByController },
        },
        {
            Sid: "ManageOwnSecurityGroups",
            Effect: "Allow",
            Action: ["ec2:CreateTags", "ec2:DeleteTags", "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
            Resource: "arn:aws:ec2:*:*:security-group/*",
            Condition: ownedByController,
        },
        {
            // Opening the worker group to the ALB: a group the controller did not create, found by
            // the cluster tag the program puts on it.
            Sid: "OpenWorkerSecurityGroup",
            Effect: "Allow",
            Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
            Resource: "arn:aws:ec2:*:*:security-group/*",
            Condition: { StringEquals: { [`aws:ResourceTag/kubernetes.io/cluster/${clusterName}`]: "owned" } },
        },
        {
            Sid: "CreateTaggedLoadBalancers",
            Effect: "Allow",
            Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
            Resource: "*",
            Condition: createdByController,
        },
        {
            Sid: "ListenersAndRules",
            Effect: "Allow",
            Action: [
                "elasticloadbalancing:CreateListener",
                "elasticloadbalancing:DeleteListener",
                "elasticloadbalancing:CreateRule",
                "elasticloadbalancing:DeleteRule",
            ],
            Resource: [
                "arn:aws:elasticloadbalancing:*:*:listener/*",
                "arn:aws:elasticloadbalancing:*:*:listener-rule/*",
                "arn:aws:elasticloadbalancing:*:*:loadbalancer/*",
            ],
        },
        {
            Sid: "TagOwnElbResources",
            Effect: "Allow",
            Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
            Resource: [
                "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
                "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*",
                "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
                "arn:aws:elasticloadbalancing:*:*:listener/*",
                "arn:aws:elasticloadbalancing:*:*:listener-rule/*",
            ],
        },
        {
            Sid: "ManageOwnLoadBalancers",
            Effect: "Allow",
            Action: [
                "elasticloadbalancing:ModifyLoadBalancerAttributes",
                "elasticloadbalancing:SetIpAddressType",
                "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets",
                "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes",
                "elasticloadbalancing:DeleteTargetGroup",
                "elasticloadbalancing:ModifyListenerAttributes",
                "elasticloadbalancing:ModifyCapacityReservation",
                "elasticloadbalancing:ModifyIpPools",
            ],
            Resource: "*",
            Condition: ownedByController,
        },
        {
            Sid: "Targets",
            Effect: "Allow",
            Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
            Resource: "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
        },
        {
            Sid: "ListenerSettings",
            Effect: "Allow",
            Action: [
                "elasticloadbalancing:SetWebAcl",
                "elasticloadbalancing:ModifyListener",
                "elasticloadbalancing:AddListenerCertificates",
                "elasticloadbalancing:RemoveListenerCertificates",
                "elasticloadbalancing:ModifyRule",
                "elasticloadbalancing:SetRulePriorities",
            ],
            Resource: "*",
        },
    ];
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
                // Scale-from-zero: labels and taints of an empty managed group come from EKS.
                "eks:DescribeNodegroup",
            ],
            Resource: "*",
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
