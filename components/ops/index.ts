/**
 * OpenWebUIOps — design §비용 알림 설정, §모니터링 및 로깅 설계, §백업 및 재해 복구 계획: alert
 * topics and the budget, the design's node and pod alarms (on Container Insights, or on a node agent
 * and an audit-log filter where it is off), log groups, daily EBS
 * snapshots and the backup bucket. The control-plane log group belongs to OpenWebUICluster.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "@openwebui-aws/rules/naming";
import { AlertSeverity, BudgetNotificationRule, SnapshotSchedule } from "@openwebui-aws/rules/ops";
import { RequiredTagKey, RequiredTags } from "@openwebui-aws/rules/tags";
import { createAlertTopics, createBudget } from "./alerts";
import { backupBucketName, createBackupBucket, createSnapshotPolicy } from "./backups";
import { createMonitoring } from "./monitoring";
import { ManagedAddon } from "@openwebui-aws/rules/eks-addons";
import type { RecoveryCopyTarget } from "../recovery";

/** A Slack channel for AWS Chatbot; both ids may be Pulumi secrets (personal data). */
export interface SlackChannel {
    /** The Slack workspace (team) id, `T…`. Required. */
    teamId: pulumi.Input<string>;
    /** The channel id, `C…`. Required. */
    channelId: pulumi.Input<string>;
}

/**
 * What OpenWebUIOps watches and keeps. The settings come from the validated stack config
 * (config/ops.ts); the cluster's name, kubeconfig and log group from OpenWebUICluster, hence `Input`s.
 * Personal data (addresses, numbers, Slack ids) arrives as Pulumi secrets when the stack encrypts it.
 */
export interface OpenWebUIOpsArgs {
    /** Builds every child's name (`openwebui-<type>-<env>`). Required. */
    names: Namer;
    /** The stack's required tags: the budget filters costs by `budgetCostAllocationTag`'s value among them. Required. */
    tags: RequiredTags;
    /** The AWS region of the alarms and log groups. Required. */
    region: string;
    /** The cluster whose nodes and pods the alarms watch (OpenWebUICluster.clusterName). Required. */
    clusterName: pulumi.Input<string>;
    /** Without Container Insights, where the node agent runs (OpenWebUICluster.kubeconfig, a secret). Required. */
    kubeconfig: pulumi.Input<string>;
    /** /aws/eks/<cluster>/cluster, whose audit log the pod-failure filter reads (OpenWebUICluster.controlPlaneLogGroupName). Required. */
    controlPlaneLogGroupName: pulumi.Input<string>;
    /** The cluster's Kubernetes minor: the Container Insights add-on follows it like the cluster's own add-ons. Required. */
    kubernetesVersion: string;
    /** Add-on builds by add-on, or "default" for AWS's default build of `kubernetesVersion`. Required. */
    addonVersions: Record<ManagedAddon, string>;
    /** The monthly AWS budget, in USD. Required. */
    budgetMonthlyUsd: number;
    /** Container Insights (add-on, metrics, node and pod alarms); else a node agent and an audit-log filter. Required. */
    containerInsights: boolean;
    /** Pulumi `protect` on the backup bucket. Required. */
    backupBucketProtect: boolean;
    /**
     * The backup bucket already exists under the stack's name and is used as it is: in the recovery
     * stack, prod's replica in this region (components/recovery). Default: false (the stack creates it).
     */
    backupBucketIsReplica?: boolean;
    /** Count only costs carrying this tag with the stack's value (it must be activated for cost allocation). Default: none (every cost in the account). */
    budgetCostAllocationTag?: RequiredTagKey;
    /** The budget's notifications: threshold, actual or forecast, and the severity whose topic hears it. Required. */
    budgetNotifications: BudgetNotificationRule[];
    /** E-mail subscribers of every severity's topic. Required (at least one). */
    alertEmails: pulumi.Input<string>[];
    /** SMS subscribers (E.164) of the critical and urgent topics. Required; `[]` sends no SMS. */
    alertSmsNumbers: pulumi.Input<string>[];
    /** Slack channel for the alerts, through AWS Chatbot. Default: none (no Chatbot configuration). */
    slack?: SlackChannel;
    /** Node CPU utilisation (%) that raises an alarm. Required. */
    nodeCpuAlarmPercent: number;
    /** Node memory utilisation (%) that raises an alarm. Required. */
    nodeMemoryAlarmPercent: number;
    /** Pods entering the Failed phase within a minute that raise an alarm. Required. */
    podFailureAlarmCount: number;
    /** Days CloudWatch Logs keeps the ops log groups (a value PutRetentionPolicy accepts). Required. */
    logRetentionDays: number;
    /** DLM snapshot schedules, in UTC (the design's daily 03:00 KST is 18:00 UTC); 1 to 4. Required. */
    snapshotSchedules: SnapshotSchedule[];
    /** Days before backup objects move to S3 Standard-IA (at least 30). Required. */
    backupInfrequentAccessDays: number;
    /** Days before backup objects move to Glacier, after `backupInfrequentAccessDays`. Required. */
    backupGlacierDays: number;
    /** Days a replaced or deleted backup object's old version is kept. Required. */
    backupNoncurrentExpirationDays: number;
    /** Copies in the recovery region (OpenWebUIRecovery): every DLM snapshot, and the backup bucket replicated. Default: none (nothing leaves the region). */
    recoveryCopy?: RecoveryCopyTarget;
}

export class OpenWebUIOps extends pulumi.ComponentResource {
    readonly alertTopicArns: pulumi.Output<Record<AlertSeverity, string>>;
    readonly budgetName: pulumi.Output<string>;
    readonly logGroupNames: pulumi.Output<string[]>;
    /** The design's /aws/application/openwebui-<env>, where OpenWebUIApp ships container logs. */
    readonly applicationLogGroupName: pulumi.Output<string>;
    readonly snapshotPolicyId: pulumi.Output<string>;
    readonly backupBucketName: pulumi.Output<string>;

    constructor(name: string, args: OpenWebUIOpsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("openwebui:index:OpenWebUIOps", name, args, opts);
        const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const common = { names: args.names, accountId };

        const alertArgs = { ...common, tags: args.tags, ops: args };
        const topics = createAlertTopics(alertArgs, this);
        const budget = createBudget(alertArgs, topics, this);
        const logGroups = createMonitoring(args, topics, this);
        const snapshots = createSnapshotPolicy({ ...args, ...common }, this);
        // The recovery stack keeps prod's replica, which prod's stack owns: never a second bucket of that name.
        const bucketName = args.backupBucketIsReplica ? backupBucketName(args.names, accountId) : createBackupBucket({ ...args, ...common }, args.backupBucketProtect, this).bucket;

        this.alertTopicArns = pulumi.output({ warning: topics.warning.arn, critical: topics.critical.arn, urgent: topics.urgent.arn });
        this.budgetName = budget.name;
        this.logGroupNames = pulumi.all([logGroups.ec2.name, logGroups.application.name]);
        this.applicationLogGroupName = logGroups.application.name;
        this.snapshotPolicyId = snapshots.id;
        this.backupBucketName = bucketName;
        this.registerOutputs({
            alertTopicArns: this.alertTopicArns,
            budgetName: this.budgetName,
            logGroupNames: this.logGroupNames,
            applicationLogGroupName: this.applicationLogGroupName,
            snapshotPolicyId: this.snapshotPolicyId,
            backupBucketName: this.backupBucketName,
        });
    }
}
