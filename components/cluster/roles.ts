/**
 * The design's §IAM 권한 설계: the cluster and node roles, and least-privilege roles for people.
 * Write actions are scoped to this project's resources; `Resource: "*"` appears only on actions
 * AWS does not let you scope (list/describe calls and ecr:GetAuthorizationToken).
 */
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "@openwebui-aws/rules/naming";
import { createRole, GrantedRole, humanTrust, managedPolicy, serviceTrust, Statement, workloadBoundaryArn } from "../iam";
import { containerInsightsLogGroupName } from "@openwebui-aws/rules/eks";

export interface ClusterIamArgs {
    names: Namer;
    region: string;
    accountId: pulumi.Input<string>;
    clusterName: string;
    operatorPrincipalArns: string[];
    developerPrincipalArns: string[];
}

export interface ClusterRoles {
    clusterRole: GrantedRole;
    nodeRole: GrantedRole;
    operatorRole: GrantedRole;
    developerRole: GrantedRole;
}

export const CLUSTER_ROLE_POLICIES = [managedPolicy("AmazonEKSClusterPolicy")];
export const NODE_ROLE_POLICIES = [
    managedPolicy("AmazonEKSWorkerNodePolicy"),
    managedPolicy("AmazonEKS_CNI_Policy"),
    managedPolicy("AmazonEC2ContainerRegistryReadOnly"),
];

function arns(a: ClusterIamArgs) {
    const account = a.accountId;
    const project = a.names.project;
    return {
        cluster: pulumi.interpolate`arn:aws:eks:${a.region}:${account}:cluster/${a.clusterName}`,
        clusterChildren: pulumi.interpolate`arn:aws:eks:${a.region}:${account}:*/${a.clusterName}/*`,
        repositories: pulumi.interpolate`arn:aws:ecr:${a.region}:${account}:repository/${project}/*`,
        alarms: pulumi.interpolate`arn:aws:cloudwatch:${a.region}:${account}:alarm:${project}-*-${a.names.environment}*`,
        logGroups: [
            pulumi.interpolate`arn:aws:logs:${a.region}:${account}:log-group:/aws/eks/${a.clusterName}/*`,
            pulumi.interpolate`arn:aws:logs:${a.region}:${account}:log-group:/aws/*/${project}*`,
            pulumi.interpolate`arn:aws:logs:${a.region}:${account}:log-group:${containerInsightsLogGroupName(a.clusterName, "*")}`,
        ],
    };
}

const readEks: Statement = {
    Sid: "ListClusters",
    Effect: "Allow",
    Action: ["eks:ListClusters", "eks:DescribeAddonVersions"],
    Resource: "*",
};

export function developerStatements(a: ClusterIamArgs): Statement[] {
    const r = arns(a);
    return [
        readEks,
        {
            Sid: "ReadCluster",
            Effect: "Allow",
            Action: ["eks:DescribeCluster", "eks:ListNodegroups", "eks:DescribeNodegroup", "eks:ListAddons", "eks:DescribeAddon", "eks:AccessKubernetesApi"],
            Resource: [r.cluster, r.clusterChildren],
        },
        { Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
        {
            Sid: "EcrPushPullProjectRepositories",
            Effect: "Allow",
            Action: [
                "ecr:BatchCheckLayerAvailability",
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer",
                "ecr:DescribeImages",
                "ecr:ListImages",
                "ecr:InitiateLayerUpload",
                "ecr:UploadLayerPart",
                "ecr:CompleteLayerUpload",
                "ecr:PutImage",
            ],
            Resource: r.repositories,
        },
        { Sid: "ListLogGroups", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
        {
            Sid: "ReadProjectLogs",
            Effect: "Allow",
            Action: ["logs:DescribeLogStreams", "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "logs:GetQueryResults"],
            Resource: r.logGroups,
        },
    ];
}

export function operatorStatements(a: ClusterIamArgs): Statement[] {
    const r = arns(a);
    return [
        ...developerStatements(a).filter((s) => s.Sid !== "EcrPushPullProjectRepositories" && s.Sid !== "EcrLogin"),
        {
            Sid: "ManageClusterNodeGroupsAndAddons",
            Effect: "Allow",
            Action: [
                "eks:UpdateClusterConfig",
                "eks:UpdateClusterVersion",
                "eks:UpdateNodegroupConfig",
                "eks:UpdateNodegroupVersion",
                "eks:CreateAddon",
                "eks:UpdateAddon",
                "eks:DeleteAddon",
                "eks:TagResource",
                "eks:ListAccessEntries",
                "eks:DescribeAccessEntry",
                "eks:ListUpdates",
                "eks:DescribeUpdate",
            ],
            Resource: [r.cluster, r.clusterChildren],
        },
        {
            Sid: "DescribeEc2AndScaling",
            Effect: "Allow",
            Action: ["ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSnapshots", "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeScalingActivities"],
            Resource: "*",
        },
        {
            // Managed node groups tag their instances and ASGs with eks:cluster-name.
            Sid: "ManageClusterNodes",
            Effect: "Allow",
            Action: ["ec2:RebootInstances", "ec2:TerminateInstances", "autoscaling:SetDesiredCapacity", "autoscaling:UpdateAutoScalingGroup"],
            Resource: "*",
            Condition: { StringEquals: { "aws:ResourceTag/eks:cluster-name": a.clusterName } },
        },
        {
            Sid: "Metrics",
            Effect: "Allow",
            Action: ["cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics", "cloudwatch:ListMetrics"],
            Resource: "*",
        },
        {
            Sid: "ProjectAlarms",
            Effect: "Allow",
            Action: ["cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory"],
            Resource: r.alarms,
        },
    ];
}

export function createClusterRoles(a: ClusterIamArgs, parent: pulumi.Resource): ClusterRoles {
    const { names } = a;
    const permissionsBoundary = workloadBoundaryArn(names, parent);
    return {
        clusterRole: createRole(
            {
                name: names.of("eks-service-role"),
                description: "EKS control plane service role",
                trust: serviceTrust("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]),
                managedPolicies: CLUSTER_ROLE_POLICIES,
                permissionsBoundary,
            },
            parent,
        ),
        nodeRole: createRole(
            {
                name: names.of("eks-nodegroup-role"),
                description: "Instance role of the EKS managed node groups",
                trust: serviceTrust("ec2.amazonaws.com"),
                managedPolicies: NODE_ROLE_POLICIES,
                permissionsBoundary,
            },
            parent,
        ),
        operatorRole: createRole(
            {
                name: names.of("operator-role"),
                description: "Operators: cluster admin, node-group management, monitoring",
                trust: humanTrust(a.operatorPrincipalArns, a.accountId),
                statements: operatorStatements(a),
                permissionsBoundary,
            },
            parent,
        ),
        developerRole: createRole(
            {
                name: names.of("developer-role"),
                description: "Developers: read-only cluster, ECR push/pull on project repositories, project logs",
                trust: humanTrust(a.developerPrincipalArns, a.accountId),
                statements: developerStatements(a),
                permissionsBoundary,
            },
            parent,
        ),
    };
}
