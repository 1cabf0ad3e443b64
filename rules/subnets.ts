/**
 * How small a subnet may be before EKS, the ALB or the VPC CNI's prefix delegation fails on it.
 * The numbers are AWS's, restated from the pages named below (not re-read for this change: there
 * was no network; re-check them when the pages are next read):
 * - Amazon VPC User Guide, "Subnet CIDR blocks": AWS keeps 5 addresses of every subnet (the first
 *   four and the last).
 * - Amazon EKS User Guide, "View Amazon EKS networking requirements for VPC and subnets": each
 *   subnet given to the cluster needs at least 6 free addresses (16 recommended) for the
 *   control plane's network interfaces.
 * - Elastic Load Balancing, "Application Load Balancers" (subnets): each subnet of an ALB needs a
 *   /27 or larger block and at least 8 free addresses.
 * - Amazon EKS User Guide, "Assign more IP addresses to Amazon EKS nodes with prefixes": with
 *   prefix delegation a node takes whole, aligned /28 blocks; a subnet without a free contiguous
 *   /28 leaves new pods without addresses (InsufficientCidrBlocks).
 */
import { Ipv4Cidr } from "./cidr";

export const AWS_RESERVED_ADDRESSES_PER_SUBNET = 5;
export const EKS_MIN_FREE_ADDRESSES = 6;
export const ALB_MAX_SUBNET_PREFIX = 27;
export const ALB_MIN_FREE_ADDRESSES = 8;

/**
 * Nodes live in the private subnets, with prefix delegation on (components/cluster: warmPrefixTarget
 * 1, so a node holds the /28 it uses and one spare). The design's largest cluster is 7 nodes
 * (primary maxSize 4 + spot maxSize 3), and after an AZ loss all of them may land in one subnet:
 * 14 /28 blocks. A /24 has 16, 14 of them untouched by the reserved addresses; a /25 has 8. So /24,
 * the design's own size, is the floor; anything smaller stops the autoscaler short of maxSize.
 */
export const NODE_SUBNET_MAX_PREFIX = 24;

export const freeAddresses = (subnet: Ipv4Cidr) => Math.max(0, 2 ** (32 - subnet.prefix) - AWS_RESERVED_ADDRESSES_PER_SUBNET);

/** Why a public subnet (NAT gateways, the internet-facing ALB) is too small, or undefined. */
export function publicSubnetSizeProblem(subnet: Ipv4Cidr): string | undefined {
    if (subnet.prefix > ALB_MAX_SUBNET_PREFIX || freeAddresses(subnet) < ALB_MIN_FREE_ADDRESSES) {
        return `${subnet.text} is too small for the ALB, which needs a /${ALB_MAX_SUBNET_PREFIX} or larger with at least ${ALB_MIN_FREE_ADDRESSES} free addresses per subnet (AWS keeps ${AWS_RESERVED_ADDRESSES_PER_SUBNET} of every subnet)`;
    }
    return undefined;
}

/** Why a private subnet (EKS control-plane interfaces, nodes and their pods, RDS) is too small, or undefined. */
export function privateSubnetSizeProblem(subnet: Ipv4Cidr): string | undefined {
    const free = freeAddresses(subnet);
    if (free < EKS_MIN_FREE_ADDRESSES) {
        return `${subnet.text} has ${free} free addresses after the ${AWS_RESERVED_ADDRESSES_PER_SUBNET} AWS keeps; EKS needs at least ${EKS_MIN_FREE_ADDRESSES} in every cluster subnet`;
    }
    if (subnet.prefix > NODE_SUBNET_MAX_PREFIX) {
        return `${subnet.text} is too small for the nodes: with prefix delegation each node takes whole /28 blocks, and the design's 7 nodes need 14 free /28s in one subnet after an AZ loss; use a /${NODE_SUBNET_MAX_PREFIX} or larger`;
    }
    return undefined;
}
