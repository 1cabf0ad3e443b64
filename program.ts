/**
 * openwebui-aws: the design's architecture, top to bottom —
 * stack config → network → cluster → operations → application → stack outputs.
 * A function of validated config, so tests and the offline plan build it the way Pulumi does
 * without re-importing modules.
 */
import * as aws from "@pulumi/aws";
import { StackConfig } from "./config";
import { OpenWebUICluster } from "./components/cluster";
import { OpenWebUINetwork } from "./components/network";
import { OpenWebUIOps } from "./components/ops";
import { OpenWebUIApp } from "./components/app";

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
        },
        { providers: [awsProvider], dependsOn: [cluster] },
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
              },
              { providers: [awsProvider], dependsOn: [cluster, ops] },
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
    };
}

export type OpenWebUIOutputs = ReturnType<typeof openWebUI>;
