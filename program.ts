/**
 * openwebui-aws: the design's architecture, top to bottom —
 * stack config → network → cluster → operations → application → stack outputs.
 * A function of validated config, so tests and the offline plan build it the way Pulumi does
 * without re-importing modules.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "./config";
import { OpenWebUICluster } from "./components/cluster";
import { OpenWebUINetwork } from "./components/network";
import { OpenWebUIOps } from "./components/ops";
import { OpenWebUIApp } from "./components/app";
import { OpenWebUIRecovery, RecoveryCopyTarget } from "./components/recovery";

export function openWebUI(config: StackConfig) {
    const { names } = config;

    // One explicit provider carries the required tags as default tags, so every taggable resource gets
    // them without each component repeating them.
    const awsProvider = new aws.Provider(names.of("aws"), {
        region: config.region as aws.Region,
        defaultTags: { tags: config.tags },
    });

    const eksClusterName = names.of("eks");

    const network = new OpenWebUINetwork(
        names.of("network"),
        { names, region: config.region, clusterName: eksClusterName, ...config.network },
        { providers: [awsProvider] },
    );

    const cluster = new OpenWebUICluster(
        names.of("cluster"),
        {
            names,
            region: config.region,
            clusterName: eksClusterName,
            tags: config.tags,
            vpcId: network.vpcId,
            privateSubnetIds: network.privateSubnetIds,
            ...config.cluster,
            // The ALB's group lives with the cluster's; who it admits is the app's edge setting.
            albInbound: config.app.enabled ? { cidrs: config.app.albInboundCidrs, https: !config.app.httpOnly } : undefined,
        },
        { providers: [awsProvider] },
    );

    // Prod's copies in the recovery region, on a provider of that region with the same default tags.
    // Built before ops and the app: their snapshot policy, buckets and database copy into it.
    const recovery = config.recovery
        ? new OpenWebUIRecovery(
              names.recovery().of("recovery"),
              {
                  names,
                  sourceRegion: config.region,
                  region: config.recovery.region,
                  uploads: config.app.enabled,
                  noncurrentExpirationDays: config.ops.backupNoncurrentExpirationDays,
                  protect: config.ops.backupBucketProtect,
              },
              { providers: [new aws.Provider(names.recovery().of("aws"), { region: config.recovery.region as aws.Region, defaultTags: { tags: config.tags } })] },
          )
        : undefined;
    const copyTo = (replicaBucketArn: pulumi.Output<string> | undefined): RecoveryCopyTarget | undefined =>
        recovery && config.recovery && replicaBucketArn
            ? { region: config.recovery.region, kmsKeyArn: recovery.kmsKeyArn, retentionDays: config.recovery.retentionDays, replicationRoleArn: recovery.replicationRoleArn, replicaBucketArn }
            : undefined;
    const afterRecovery = recovery ? [recovery] : [];

    // Waits for the whole cluster: the Container Insights add-on only becomes active on running nodes.
    const ops = new OpenWebUIOps(
        names.of("ops"),
        {
            names,
            tags: config.tags,
            region: config.region,
            clusterName: cluster.clusterName,
            kubeconfig: cluster.kubeconfig,
            controlPlaneLogGroupName: cluster.controlPlaneLogGroupName,
            kubernetesVersion: config.cluster.kubernetesVersion,
            addonVersions: config.cluster.addonVersions,
            ...config.ops,
            recoveryCopy: copyTo(recovery?.backupReplicaBucketArn),
        },
        { providers: [awsProvider], dependsOn: [cluster, ...afterRecovery] },
    );

    // Open WebUI, LiteLLM and Postgres on the nodes, the ALB in front: after the cluster's controllers
    // (the load balancer controller builds the ALB) and the operations it reports to.
    const { enabled: appEnabled, ...appSettings } = config.app;
    const app = appEnabled
        ? new OpenWebUIApp(
              names.of("app"),
              {
                  names,
                  region: config.region,
                  ...appSettings,
                  clusterName: cluster.clusterName,
                  kubeconfig: cluster.kubeconfig,
                  workerSecurityGroupId: cluster.securityGroupIds.workers,
                  albSecurityGroupId: cluster.securityGroupIds.alb,
                  vpcId: network.vpcId,
                  privateSubnetIds: network.privateSubnetIds,
                  publicSubnetIds: network.publicSubnetIds,
                  alertTopicArns: ops.alertTopicArns,
                  applicationLogGroupName: ops.applicationLogGroupName,
                  logRetentionDays: config.ops.logRetentionDays,
                  nodeCidrs: config.network.subnets.map((s) => s.privateCidr),
                  recoveryCopy: copyTo(recovery?.uploadsReplicaBucketArn),
              },
              { providers: [awsProvider], dependsOn: [cluster, ops, ...afterRecovery] },
          )
        : undefined;

    return {
        vpcId: network.vpcId,
        vpcCidr: network.vpcCidr,
        publicSubnetIds: network.publicSubnetIds,
        privateSubnetIds: network.privateSubnetIds,
        natGatewayIds: network.natGatewayIds,
        flowLogGroupName: network.flowLogGroupName,
        clusterName: cluster.clusterName,
        clusterEndpoint: cluster.endpoint,
        kubeconfig: cluster.kubeconfig,
        oidcIssuer: cluster.oidcIssuer,
        nodeRoleArn: cluster.nodeRoleArn,
        operatorRoleArn: cluster.operatorRoleArn,
        developerRoleArn: cluster.developerRoleArn,
        clusterSecurityGroupIds: cluster.securityGroupIds,
        deployAgentSecurityGroupId: cluster.deployAgentSecurityGroupId,
        controlPlaneLogGroupName: cluster.controlPlaneLogGroupName,
        alertTopicArns: ops.alertTopicArns,
        budgetName: ops.budgetName,
        opsLogGroupNames: ops.logGroupNames,
        snapshotPolicyId: ops.snapshotPolicyId,
        backupBucketName: ops.backupBucketName,
        appUrl: app?.url,
        adminEmail: app?.adminEmail,
        adminPassword: app?.adminPassword,
        uploadsBucketName: app?.uploadsBucketName,
        databaseHost: app?.databaseHost,
        ecrRepositoryUrls: app?.ecrRepositoryUrls,
        models: app?.models,
        recoveryKmsKeyArn: recovery?.kmsKeyArn,
        recoveryBackupBucketName: recovery?.backupReplicaBucketName,
        recoveryUploadsBucketName: recovery?.uploadsReplicaBucketName,
        recoveryDatabaseBackupsArn: app?.recoveryDatabaseBackupsArn,
    };
}

export type OpenWebUIOutputs = ReturnType<typeof openWebUI>;
