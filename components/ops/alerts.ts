/**
 * Alert topics by severity, their subscribers, the KMS key that encrypts them and the budget.
 * Budgets allow one SNS topic per notification, hence a topic per severity rather than per channel.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { OpenWebUIOpsArgs } from ".";
import { ALERT_SEVERITIES, AlertSeverity, SEVERITY_CHANNELS } from "@openwebui-aws/rules/ops";
import { Namer } from "@openwebui-aws/rules/naming";
import { nameTag, RequiredTags } from "@openwebui-aws/rules/tags";
import { createRole, managedPolicy, policyDocument, serviceTrust, workloadBoundaryArn } from "../iam";
import { keyPolicy } from "../kms";

/** Services that publish to the topics: they need the topic policy and the key. */
const PUBLISHERS = ["budgets.amazonaws.com", "cloudwatch.amazonaws.com"];

/** The Chatbot API lives in four regions only; Seoul is not one. The configuration can still read Seoul topics. */
export const CHATBOT_REGION = "us-east-2";

export interface AlertArgs {
    names: Namer;
    accountId: pulumi.Input<string>;
    tags: RequiredTags;
    ops: Pick<OpenWebUIOpsArgs, "alertEmails" | "alertSmsNumbers" | "slack" | "budgetCostAllocationTag" | "budgetMonthlyUsd" | "budgetNotifications">;
}

export type AlertTopics = Record<AlertSeverity, aws.sns.Topic>;

function alertsKeyPolicy(accountId: pulumi.Input<string>): pulumi.Output<string> {
    return keyPolicy(accountId, [
        {
            sid: "AlertPublishersEncrypt",
            principal: { Service: PUBLISHERS },
            actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
            condition: { StringEquals: { "aws:SourceAccount": accountId } },
        },
    ]);
}

function topicPolicy(topicArn: pulumi.Input<string>, accountId: pulumi.Input<string>): pulumi.Output<string> {
    return policyDocument([
        {
            Sid: "AlertPublishers",
            Effect: "Allow",
            Principal: { Service: PUBLISHERS },
            Action: "sns:Publish",
            Resource: topicArn,
            Condition: { StringEquals: { "aws:SourceAccount": accountId } },
        },
        { Sid: "TlsOnly", Effect: "Deny", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: topicArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
    ]);
}

export function createAlertTopics(args: AlertArgs, parent: pulumi.Resource): AlertTopics {
    const { names, ops } = args;
    const opts = { parent };

    const keyName = names.of("alerts-key");
    const key = new aws.kms.Key(
        keyName,
        {
            // SNS's AWS-managed key would not let Budgets or CloudWatch publish.
            description: "Encrypts the alert topics; Budgets and CloudWatch may use it",
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: alertsKeyPolicy(args.accountId),
            tags: nameTag(keyName),
        },
        opts,
    );
    new aws.kms.Alias(names.of("alerts-alias"), { name: `alias/${keyName}`, targetKeyId: key.keyId }, opts);

    const topics = {} as AlertTopics;
    for (const severity of ALERT_SEVERITIES) {
        const name = names.of("alerts-topic", severity);
        const topic = new aws.sns.Topic(name, { name, kmsMasterKeyId: key.arn, tags: nameTag(name) }, opts);
        new aws.sns.TopicPolicy(`${name}-policy`, { arn: topic.arn, policy: topicPolicy(topic.arn, args.accountId) }, opts);
        const channels = SEVERITY_CHANNELS[severity];
        if (channels.includes("email")) {
            ops.alertEmails.forEach((email, i) =>
                new aws.sns.TopicSubscription(`${name}-email-${i + 1}`, { topic: topic.arn, protocol: "email", endpoint: email }, opts),
            );
        }
        if (channels.includes("sms")) {
            ops.alertSmsNumbers.forEach((phone, i) =>
                new aws.sns.TopicSubscription(`${name}-sms-${i + 1}`, { topic: topic.arn, protocol: "sms", endpoint: phone }, opts),
            );
        }
        topics[severity] = topic;
    }

    if (ops.slack) {
        const slackTopics = ALERT_SEVERITIES.filter((s) => SEVERITY_CHANNELS[s].includes("slack")).map((s) => topics[s].arn);
        const role = createRole(
            {
                name: names.of("chatbot-role"),
                description: "AWS Chatbot: reads CloudWatch to render alarm notifications in Slack",
                trust: serviceTrust("chatbot.amazonaws.com"),
                managedPolicies: [managedPolicy("CloudWatchReadOnlyAccess")],
                permissionsBoundary: workloadBoundaryArn(names, parent),
            },
            parent,
        );
        const configName = names.of("alerts-slack");
        new aws.chatbot.SlackChannelConfiguration(
            configName,
            {
                configurationName: configName,
                region: CHATBOT_REGION,
                iamRoleArn: role.arn,
                // Channel members can only read, whatever the role allows.
                guardrailPolicyArns: [managedPolicy("CloudWatchReadOnlyAccess")],
                slackTeamId: ops.slack.teamId,
                slackChannelId: ops.slack.channelId,
                snsTopicArns: slackTopics,
                loggingLevel: "ERROR",
                tags: nameTag(configName),
            },
            { ...opts, dependsOn: role.ready },
        );
    }
    return topics;
}

export function createBudget(args: AlertArgs, topics: AlertTopics, parent: pulumi.Resource): aws.budgets.Budget {
    const { names, ops } = args;
    const name = names.of("monthly-budget");
    const tag = ops.budgetCostAllocationTag;
    return new aws.budgets.Budget(
        name,
        {
            name,
            budgetType: "COST",
            timeUnit: "MONTHLY",
            limitAmount: ops.budgetMonthlyUsd.toFixed(2),
            limitUnit: "USD",
            costFilters: tag ? [{ name: "TagKeyValue", values: [`user:${tag}$${args.tags[tag]}`] }] : undefined,
            notifications: ops.budgetNotifications.map((rule) => ({
                comparisonOperator: "GREATER_THAN",
                notificationType: rule.notificationType,
                threshold: rule.percent,
                thresholdType: "PERCENTAGE",
                subscriberSnsTopicArns: [topics[rule.severity].arn],
            })),
            tags: nameTag(name),
        },
        { parent },
    );
}
