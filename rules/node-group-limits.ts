/** Limits AWS puts on managed node groups and their volumes, each with its source. */

/**
 * AWS EKS User Guide, "View and manage Amazon EKS and Fargate service quotas" (service-quotas.html),
 * read 2026-11: default quotas "Managed node groups per cluster" 30 and "Nodes per managed node
 * group" 450. Both can be raised through Service Quotas; config refuses more than the defaults so a
 * stack does not promise the autoscaler capacity AWS would not grant without a request.
 */
export const MANAGED_NODE_GROUPS_PER_CLUSTER = 30;
export const NODES_PER_MANAGED_NODE_GROUP = 450;

/**
 * gp3 volume size limit, in GiB. AWS EBS User Guide, "Amazon EBS volume types" and "Amazon EBS volume
 * constraints" (read 2026-11): gp3 volumes are 1 GiB to 64 TiB since September 2025 (16 TiB before;
 * aws/aws-cdk#37049 raised its own check for the same change). A launch template asking for more is
 * refused by EC2 when the first node starts, long after `pulumi up` created the group.
 */
export const GP3_MAX_GIB = 64 * 1024;

/**
 * A spot group draws from one capacity pool per type and zone; with one type, one pool's reclaim
 * takes every node. AWS's spot best practices ask for flexibility across types; three is what the
 * design lists for its spot group (§Node Group 설계: t3.medium, t3.large, m5.large).
 */
export const MIN_SPOT_INSTANCE_TYPES = 3;

/**
 * Bottlerocket boots from a small OS volume on /dev/xvda and keeps images, containers and pod
 * storage on a data volume, /dev/xvdb (bottlerocket-os/bottlerocket README, "Default volumes").
 * AL2023 has one root volume, /dev/xvda. The node size a stack sets (diskSizeGb) is the volume that
 * holds images and pods: the data volume on Bottlerocket.
 */
export function dataVolumeDevice(amiType: string): "/dev/xvda" | "/dev/xvdb" {
    return amiType.startsWith("BOTTLEROCKET_") ? "/dev/xvdb" : "/dev/xvda";
}
