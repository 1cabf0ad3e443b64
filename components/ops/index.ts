/**
 * OpenWebUIOps — design §비용 알림 설정, §모니터링 및 로깅 설계, §백업 및 재해 복구 계획: alert
 * topics and the budget, the design's node and pod alarms (on Container Insights, or on a node agent
 * and an audit-log filter where it is off), log groups, daily EBS
 * snapshots and the backup bucket. The control-plane log group belongs to OpenWebUICluster.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OpsConfig } from "../../config/ops";
import { Namer } from "@openwebui-aws/rules/naming";
import { AlertSeverity } from "@openwebui-aws/rules/ops";
import { RequiredTags } from "@openwebui-aws/rules/tags";
import { createAlertTopics, createBudget } from "./alerts";
import { createBackupBucket, createSnapshotPolicy } from "./backups";
import { createMonitoring } from "./monitoring";
import { ManagedAddon } from "@openwebui-aws/rules/eks-addons";

export interface OpenWebUIOpsArgs extends OpsConfig {
    names: Namer;
    tags: RequiredTags;
    region: string;
    /** The cluster whose nodes and pods the alarms watch; from OpenWebUICluster. */
    clusterName: pulumi.Input<string>;
    /** Without Container Insights: where the node agent runs and the audit log the pod filter reads. */
    kubeconfig: pulumi.Input<string>;
    controlPlaneLogGroupName: pulumi.Input<string>;
    /** The Container Insights add-on follows the cluster's version like the cluster's own add-ons. */
    kubernetesVersion: string;
    addonVersions: Record<ManagedAddon, string>;
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
        super("openwebui:index:OpenWebUIOps", name, {}, opts);
        const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const common = { names: args.names, accountId };

        const alertArgs = { ...common, tags: args.tags, ops: args };
        const topics = createAlertTopics(alertArgs, this);
        const budget = createBudget(alertArgs, topics, this);
        const logGroups = createMonitoring(args, topics, this);
        const snapshots = createSnapshotPolicy({ ...args, ...common }, this);
        const bucket = createBackupBucket({ ...args, ...common }, args.backupBucketProtect, this);

        this.alertTopicArns = pulumi.output({ warning: topics.warning.arn, critical: topics.critical.arn, urgent: topics.urgent.arn });
        this.budgetName = budget.name;
        this.logGroupNames = pulumi.all([logGroups.ec2.name, logGroups.application.name]);
        this.applicationLogGroupName = logGroups.application.name;
        this.snapshotPolicyId = snapshots.id;
        this.backupBucketName = bucket.bucket;
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
