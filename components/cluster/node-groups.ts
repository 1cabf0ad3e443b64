/**
 * Managed node groups on launch templates (design §Node Group 설계): encrypted gp3 root volumes,
 * IMDSv2 only, tags propagated to instances and volumes, sizes owned by the autoscaler after creation.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NodeGroupConfig } from "../../config/node-groups";
import { Namer } from "@openwebui-aws/rules/naming";
import { dataVolumeDevice } from "@openwebui-aws/rules/node-group-limits";
import { nameTag, RequiredTags } from "@openwebui-aws/rules/tags";

export interface NodeGroupsArgs {
    names: Namer;
    clusterName: pulumi.Input<string>;
    /** Node groups run the cluster's minor: changing kubernetesVersion rolls them after the control plane. */
    kubernetesVersion: string;
    nodeRoleArn: pulumi.Input<string>;
    subnetIds: pulumi.Input<string>[];
    workerSecurityGroupId: pulumi.Input<string>;
    groups: NodeGroupConfig[];
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
