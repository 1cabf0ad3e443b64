/**
 * openwebui-aws: the design's architecture, top to bottom —
 * stack config → network → cluster → operations → stack outputs.
 * A function of validated config, so tests and the offline plan build it the way Pulumi does
 * without re-importing modules.
 */
import * as aws from "@pulumi/aws";
import { StackConfig } from "./config";
import { OpenWebUICluster } from "./components/cluster";
import { OpenWebUINetwork } from "./components/network";
import { OpenWebUIOps } from "./components/ops";

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
        },
        { providers: [awsProvider] },
    );

    // Waits for the whole cluster: the Container Insights add-on only becomes active on running nodes.
    const ops = new OpenWebUIOps(
        names.of("ops"),
        {
            names,
            tags: config.tags,
            clusterName: cluster.clusterName,
            kubernetesVersion: config.cluster.kubernetesVersion,
            addonVersions: config.cluster.addonVersions,
            ...config.ops,
        },
        { providers: [awsProvider], dependsOn: [cluster] },
    );

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
        controlPlaneLogGroupName: cluster.controlPlaneLogGroupName,
        alertTopicArns: ops.alertTopicArns,
        budgetName: ops.budgetName,
        opsLogGroupNames: ops.logGroupNames,
        snapshotPolicyId: ops.snapshotPolicyId,
        backupBucketName: ops.backupBucketName,
    };
}

export type OpenWebUIOutputs = ReturnType<typeof openWebUI>;
