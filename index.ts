/**
 * openwebui-aws: the design's architecture, top to bottom —
 * stack config → network → cluster → operations → stack outputs.
 */
import * as aws from "@pulumi/aws";
import { loadStackConfig } from "./config";
import { OpenWebUICluster } from "./components/cluster";
import { OpenWebUINetwork } from "./components/network";
import { OpenWebUIOps } from "./components/ops";

// Validates every key before anything is registered: a bad value stops here with its key named.
const config = loadStackConfig();
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
        environment: config.environment,
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
        environment: config.environment,
        tags: config.tags,
        clusterName: cluster.clusterName,
        kubernetesVersion: config.cluster.kubernetesVersion,
        addonVersions: config.cluster.addonVersions,
        ...config.ops,
    },
    { providers: [awsProvider], dependsOn: [cluster] },
);

export const vpcId = network.vpcId;
export const vpcCidr = network.vpcCidr;
export const publicSubnetIds = network.publicSubnetIds;
export const privateSubnetIds = network.privateSubnetIds;
export const natGatewayIds = network.natGatewayIds;
export const flowLogGroupName = network.flowLogGroupName;
export const clusterName = cluster.clusterName;
export const clusterEndpoint = cluster.endpoint;
export const kubeconfig = cluster.kubeconfig;
export const oidcIssuer = cluster.oidcIssuer;
export const nodeRoleArn = cluster.nodeRoleArn;
export const operatorRoleArn = cluster.operatorRoleArn;
export const developerRoleArn = cluster.developerRoleArn;
export const clusterSecurityGroupIds = cluster.securityGroupIds;
export const controlPlaneLogGroupName = cluster.controlPlaneLogGroupName;
export const alertTopicArns = ops.alertTopicArns;
export const budgetName = ops.budgetName;
export const opsLogGroupNames = ops.logGroupNames;
export const snapshotPolicyId = ops.snapshotPolicyId;
export const backupBucketName = ops.backupBucketName;
