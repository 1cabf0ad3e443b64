/**
 * The regions a stack may target and their Availability Zones. Source: AWS "Regions and Availability
 * Zones" (Seoul has four zones, a–d; the AWS Global Infrastructure page lists "Asia Pacific (Seoul):
 * 4 Availability Zones"), as `aws ec2 describe-availability-zones --region ap-northeast-2` names them.
 * Zone names map to different physical zones per account; the names themselves are fixed.
 */
export const REGION_ZONES: Readonly<Record<string, readonly string[]>> = {
    "ap-northeast-2": ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"],
    // The names an account created in recent years sees (docs/reference/aws-ap-northeast-1.md, T26):
    // older accounts also list ap-northeast-1b, and which name is the constrained zone differs per
    // account, so a Tokyo stack names its zones by ID (REGIONS below), never by name.
    "ap-northeast-1": ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"],
};

export interface RegionFacts {
    /** What the region is to this project. */
    role: "primary" | "recovery";
    label: string;
    /** Zone IDs (stable across accounts, unlike names) a stack may place subnets in. */
    zoneIds: readonly string[];
    /** Zone IDs a stack must never use, with why. */
    constrainedZoneIds: Readonly<Record<string, string>>;
}

/**
 * The two regions the program, the plan and the pack accept. Zone IDs: AWS's AZ-ID table as
 * docs/reference/aws-ap-northeast-1.md T26 copies it (apne1-az1–az4; Seoul apne2-az1–az4, one per
 * zone name a–d of the AWS Global Infrastructure page's four Seoul zones).
 */
export const REGIONS: Readonly<Record<string, RegionFacts>> = {
    "ap-northeast-2": {
        role: "primary",
        label: "Seoul",
        zoneIds: ["apne2-az1", "apne2-az2", "apne2-az3", "apne2-az4"],
        constrainedZoneIds: {},
    },
    "ap-northeast-1": {
        role: "recovery",
        label: "Tokyo",
        zoneIds: ["apne1-az1", "apne1-az2", "apne1-az4"],
        constrainedZoneIds: {
            "apne1-az3": "a constrained zone: AWS removes it from new accounts' zone lists and several services (VPC Lattice, CloudFront VPC origins, cross-Region PrivateLink) do not support it (docs/reference/aws-ap-northeast-1.md, T26)",
        },
    },
};

export const SUPPORTED_REGION_NAMES = Object.keys(REGIONS);

/** The region REGIONS calls the recovery one (Tokyo): where prod's copies go and the dr stack runs. */
export const RECOVERY_REGION: string = (() => {
    const recovery = Object.entries(REGIONS).filter(([, f]) => f.role === "recovery");
    if (recovery.length !== 1) throw new Error(`rules/regions.ts: exactly one region must have the role "recovery", found ${recovery.length}`);
    return recovery[0][0];
})();

/** Why `region` cannot be a stack's region, naming the two that can; undefined when it can. */
export function regionProblem(region: string): string | undefined {
    if (REGIONS[region]) return undefined;
    const listed = Object.entries(REGIONS).map(([name, f]) => `${name} (${f.label}, ${f.role})`);
    return `"${region}" is not a region this project plans, deploys or checks: use ${listed.join(" or ")}`;
}

/** Why `zoneId` cannot hold a subnet of a stack in `region`, or undefined. */
export function zoneIdProblem(zoneId: string, region: string): string | undefined {
    const facts = REGIONS[region];
    if (!facts) return regionProblem(region);
    if (facts.constrainedZoneIds[zoneId]) return `${zoneId} is ${facts.constrainedZoneIds[zoneId]}`;
    if (!facts.zoneIds.includes(zoneId)) return `"${zoneId}" is not a zone ID of ${region} (${facts.zoneIds.join(", ")})`;
    return undefined;
}

/** True for a zone ID (`apne1-az1`), false for a zone name (`ap-northeast-1a`). */
export function isZoneId(zone: string): boolean {
    return /^[a-z]+\d+-az\d+$/.test(zone);
}

/** The region a zone name or ID of REGIONS belongs to, or undefined. */
export function regionOfZone(zone: string): string | undefined {
    if (isZoneId(zone)) {
        return Object.entries(REGIONS).find(([, f]) => f.zoneIds.includes(zone) || f.constrainedZoneIds[zone] !== undefined)?.[0];
    }
    return Object.entries(REGION_ZONES).find(([, zones]) => zones.includes(zone))?.[0];
}

/**
 * Regions whose zones a stack must name by ID: where the name of the constrained zone differs per
 * account, a name cannot promise to avoid it.
 */
export function zonesByIdOnly(region: string): boolean {
    return Object.keys(REGIONS[region]?.constrainedZoneIds ?? {}).length > 0;
}
