/**
 * Managed node groups on launch templates (design §Node Group 설계): encrypted gp3 root volumes,
 * IMDSv2 only, tags propagated to instances and volumes, sizes owned by the autoscaler after creation.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "@openwebui-aws/rules/naming";
import { dataVolumeDevice } from "@openwebui-aws/rules/node-group-limits";
import { nameTag, RequiredTags } from "@openwebui-aws/rules/tags";

/** On-demand or spot capacity, as EKS spells it. */
export type CapacityType = "ON_DEMAND" | "SPOT";
/** The EKS-optimised AMI families a group may run. */
export type AmiType = "AL2023_x86_64_STANDARD" | "AL2023_ARM_64_STANDARD" | "AL2023_x86_64_NVIDIA" | "BOTTLEROCKET_x86_64" | "BOTTLEROCKET_ARM_64";

export interface Taint {
    /** The taint's key. Required. */
    key: string;
    /** The taint's value; may be empty. Required. */
    value: string;
    /** As the EKS API spells it. Required. */
    effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
}

/** One managed node group (OpenWebUIClusterArgs.nodeGroups). */
export interface NodeGroupSettings {
    /** The `{resource-type}` part of the group's names: openwebui-<name>-nodes-<env>. Required. */
    name: string;
    /** EC2 types of one vCPU/memory shape and architecture (cluster-autoscaler assumes one shape). Required. */
    instanceTypes: string[];
    /** On-demand or spot capacity. Required. */
    capacityType: CapacityType;
    /** The AMI family; its architecture must match `instanceTypes`. Required. */
    amiType: AmiType;
    /** Fewest nodes the autoscaler keeps. Required. */
    minSize: number;
    /** Most nodes the autoscaler starts. Required. */
    maxSize: number;
    /** Nodes at creation; afterwards the autoscaler owns the size (ignoreChanges). Required. */
    desiredSize: number;
    /** Size in GB of the volume that holds images and pods (encrypted gp3). Required. */
    diskSizeGb: number;
    /** Kubernetes labels on the group's nodes. Required; `{}` adds none. */
    labels: Record<string, string>;
    /** Kubernetes taints on the group's nodes. Required; `[]` adds none. */
    taints: Taint[];
}

export interface NodeGroupsArgs {
    names: Namer;
    clusterName: pulumi.Input<string>;
    /** Node groups run the cluster's minor: changing kubernetesVersion rolls them after the control plane. */
    kubernetesVersion: string;
    nodeRoleArn: pulumi.Input<string>;
    subnetIds: pulumi.Input<string>[];
    workerSecurityGroupId: pulumi.Input<string>;
    groups: NodeGroupSettings[];
    /** The provider's default tags do not reach instances and volumes a launch template starts. */
    tags: RequiredTags;
}

const GP3_ENCRYPTED = { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" };

/**
 * diskSizeGb sizes the volume that holds images and pods. On Bottlerocket that is the data volume: a
 * mapping of /dev/xvda alone would grow its small OS volume and leave the data volume at the AMI's
 * default. Its OS volume is still mapped, without a size (the AMI's), so it is encrypted gp3 too.
 */
function blockDeviceMappings(amiType: string, diskSizeGb: number): aws.types.input.ec2.LaunchTemplateBlockDeviceMapping[] {
    const data = dataVolumeDevice(amiType);
    const sized = { deviceName: data, ebs: { volumeSize: diskSizeGb, ...GP3_ENCRYPTED } };
    return data === "/dev/xvda" ? [sized] : [{ deviceName: "/dev/xvda", ebs: GP3_ENCRYPTED }, sized];
}

export function createNodeGroups(args: NodeGroupsArgs, opts: pulumi.CustomResourceOptions): aws.eks.NodeGroup[] {
    const { names } = args;
    return args.groups.map((group) => {
        const nodeGroupName = names.of(`${group.name}-nodes`);
        const templateName = names.of(`${group.name}-lt`);
        const launchTemplate = new aws.ec2.LaunchTemplate(
            templateName,
            {
                name: templateName,
                description: `Nodes of ${nodeGroupName}`,
                updateDefaultVersion: true,
                vpcSecurityGroupIds: [args.workerSecurityGroupId],
                blockDeviceMappings: blockDeviceMappings(group.amiType, group.diskSizeGb),
                // Hop limit 1: pods cannot reach IMDS and borrow the node role; controllers use Pod Identity.
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
                tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
                    resourceType,
                    tags: { ...args.tags, ...nameTag(nodeGroupName) },
                })),
                tags: nameTag(templateName),
            },
            opts,
        );
        return new aws.eks.NodeGroup(
            nodeGroupName,
            {
                clusterName: args.clusterName,
                nodeGroupName,
                version: args.kubernetesVersion,
                nodeRoleArn: args.nodeRoleArn,
                subnetIds: args.subnetIds,
                amiType: group.amiType,
                capacityType: group.capacityType,
                instanceTypes: group.instanceTypes,
                scalingConfig: { minSize: group.minSize, maxSize: group.maxSize, desiredSize: group.desiredSize },
                updateConfig: { maxUnavailable: 1 },
                labels: group.labels,
                taints: group.taints,
                launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
                tags: nameTag(nodeGroupName),
            },
            // The cluster autoscaler owns the size once the group exists.
            { ...opts, ignoreChanges: ["scalingConfig.desiredSize"] },
        );
    });
}
