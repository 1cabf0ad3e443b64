/**
 * The design's tag strategy, written once: the program puts these tags on every taggable AWS
 * resource through the provider's default tags, and the policy pack requires them.
 */
import { Environment } from "./naming";

/** Tags every taggable AWS resource must carry, in the order the README lists them. */
export const REQUIRED_TAG_KEYS = [
    "Project",
    "Environment",
    "Owner",
    "ManagedBy",
    "CostCenter",
    "Department",
    "Team",
] as const;
export type RequiredTagKey = (typeof REQUIRED_TAG_KEYS)[number];
export type RequiredTags = Record<RequiredTagKey, string>;

export const MANAGED_BY = "pulumi";

export interface TagValues {
    project: string;
    environment: Environment;
    owner: string;
    costCenter: string;
    department: string;
    team: string;
}

export function requiredTags(v: TagValues): RequiredTags {
    return {
        Project: v.project,
        Environment: v.environment,
        Owner: v.owner,
        ManagedBy: MANAGED_BY,
        CostCenter: v.costCenter,
        Department: v.department,
        Team: v.team,
    };
}

/** The `Name` tag the AWS console shows; the same string as the resource's logical name. */
export function nameTag(name: string): { Name: string } {
    return { Name: name };
}

/** Subnet tags the AWS Load Balancer Controller uses to discover where to put load balancers. */
export function clusterDiscoveryTag(clusterName: string): string {
    return `kubernetes.io/cluster/${clusterName}`;
}

/** Subnet tags the AWS Load Balancer Controller reads to pick subnets for load balancers. */
export const SUBNET_ROLE_TAG = {
    public: "kubernetes.io/role/elb",
    private: "kubernetes.io/role/internal-elb",
} as const;

/**
 * Taggable AWS types that the required-tags policy deliberately does not check, each with why.
 * Keep this list short: every entry is a place where cost allocation is blind.
 */
export const TAG_EXEMPTIONS: Readonly<Record<string, string>> = {};
