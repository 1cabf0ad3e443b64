/** VPC Flow Logs to CloudWatch Logs with a role that can write to that one log group only. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "@openwebui-aws/rules/naming";
import { nameTag } from "@openwebui-aws/rules/tags";
import { createRole, workloadBoundaryArn } from "../iam";

export interface FlowLogArgs {
    names: Namer;
    vpcId: pulumi.Input<string>;
    vpcName: string;
    region: string;
    retentionInDays: number;
}

export interface FlowLogResources {
    logGroup: aws.cloudwatch.LogGroup;
    role: aws.iam.Role;
    flowLog: aws.ec2.FlowLog;
}

/** `/aws/vpc/flowlogs/openwebui-vpc-dev`: the design's group, per VPC so two stacks can share an account. */
export function flowLogGroupName(vpcName: string): string {
    return `/aws/vpc/flowlogs/${vpcName}`;
}

export function createFlowLogs(args: FlowLogArgs, parent: pulumi.Resource): FlowLogResources {
    const { names } = args;
    const opts = { parent };
    const identity = aws.getCallerIdentityOutput({}, opts);

    const logGroupName = names.of("flowlogs-lg");
    const logGroup = new aws.cloudwatch.LogGroup(
        logGroupName,
        { name: flowLogGroupName(args.vpcName), retentionInDays: args.retentionInDays, tags: nameTag(logGroupName) },
        opts,
    );

    // Confused-deputy guard: only flow logs of this account and region may assume the role.
    const role = createRole(
        {
            name: names.of("flowlogs-role"),
            description: "Lets VPC Flow Logs write to the VPC's flow-log group",
            trust: [
                {
                    Effect: "Allow",
                    Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": identity.accountId },
                        ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:aws:ec2:${args.region}:${identity.accountId}:vpc-flow-log/*` },
                    },
                },
            ],
            permissionsBoundary: workloadBoundaryArn(names, parent),
            statements: [
                {
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
                },
            ],
        },
        parent,
    );

    const flowLogName = names.of("flowlog");
    const flowLog = new aws.ec2.FlowLog(
        flowLogName,
        {
            vpcId: args.vpcId,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: logGroup.arn,
            iamRoleArn: role.arn,
            maxAggregationInterval: 60,
            tags: nameTag(flowLogName),
        },
        { ...opts, dependsOn: role.ready },
    );

    return { logGroup, role: role.role, flowLog };
}
