import { cidrContains, cidrsOverlap, coversWholeInternet, Ipv4Cidr, isCidr, parseCidr } from "@openwebui-aws/rules/cidr";
import { ConfigReader } from "./reader";
import { isZoneId, REGION_ZONES, REGIONS, zoneIdProblem, zonesByIdOnly } from "@openwebui-aws/rules/regions";
import { privateSubnetSizeProblem, publicSubnetSizeProblem } from "@openwebui-aws/rules/subnets";
import type { NatStrategy, OpenWebUINetworkArgs } from "../components/network";

/** Every strategy OpenWebUINetwork builds (its Args say what each means). */
export const NAT_STRATEGIES = ["perAz", "single", "instance"] as const satisfies readonly NatStrategy[];

/** Admin SSH rules must fit below the first NACL rule that applies to everyone (rules 50–79), and AWS allows 20 per direction by default. */
export const MAX_SSH_ADMIN_CIDRS = 10;

/** The network's settings as the stack gives them: OpenWebUINetwork's Args, less what the program adds. */
export type NetworkConfig = Omit<OpenWebUINetworkArgs, "names" | "region" | "clusterName">;

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy), in days. */
export const CLOUDWATCH_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export function logRetention(reader: ConfigReader, key: string): number {
    const days = reader.integer(key);
    if (!(CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days)) {
        reader.fail(key, `${days} days is not a retention CloudWatch Logs accepts (${CLOUDWATCH_RETENTION_DAYS.join(", ")})`);
    }
    return days;
}

function cidr(reader: ConfigReader, key: string, text: string): Ipv4Cidr {
    const parsed = parseCidr(text);
    return isCidr(parsed) ? parsed : reader.fail(key, parsed);
}

function natInstanceType(reader: ConfigReader): string {
    const type = reader.string("natInstanceType");
    if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(type)) reader.fail("natInstanceType", `"${type}" is not an EC2 instance type`);
    return type;
}

/**
 * A zone is a name (`ap-northeast-2a`) or an ID (`apne1-az1`). Where a region has a constrained zone
 * (Tokyo), only IDs: which name is the constrained zone differs per account, its ID does not.
 */
function zoneProblem(zone: string, region: string): string | undefined {
    if (isZoneId(zone)) return zoneIdProblem(zone, region);
    if (zonesByIdOnly(region)) {
        return `"${zone}" is a zone name; in ${region} give zone IDs (${REGIONS[region].zoneIds.join(", ")}), since zone names map to different zones per account and one ID (${Object.keys(REGIONS[region].constrainedZoneIds).join(", ")}) is constrained`;
    }
    const known = REGION_ZONES[region] ?? [];
    if (!known.includes(zone)) return `"${zone}" is not a zone of the stack's region ${region} (${known.join(", ")})`;
    return undefined;
}

export function readNetworkConfig(reader: ConfigReader, region: string): NetworkConfig {
    const vpc = cidr(reader, "vpcCidr", reader.string("vpcCidr"));
    if (vpc.prefix < 16 || vpc.prefix > 28) {
        reader.fail("vpcCidr", `/${vpc.prefix} is outside the /16–/28 range AWS allows for a VPC`);
    }

    const zones = reader.stringList("availabilityZones");
    if (zones.length < 2) {
        reader.fail("availabilityZones", "needs at least two zones: EKS requires subnets in two AZs");
    }
    zones.forEach((zone) => {
        const problem = zoneProblem(zone, region);
        if (problem) reader.fail("availabilityZones", problem);
    });
    const duplicate = zones.find((zone, i) => zones.indexOf(zone) !== i);
    if (duplicate) {
        reader.fail("availabilityZones", `"${duplicate}" is listed twice`);
    }

    const all: { key: string; block: Ipv4Cidr }[] = [];
    const subnetBlocks = (key: string, sizeProblem: (block: Ipv4Cidr) => string | undefined): string[] => {
        const list = reader.stringList(key);
        if (list.length !== zones.length) {
            reader.fail(key, `has ${list.length} subnets but availabilityZones has ${zones.length} zones: give one per zone`);
        }
        for (const text of list) {
            const block = cidr(reader, key, text);
            if (!cidrContains(vpc, block)) {
                reader.fail(key, `${text} is outside the VPC ${vpc.text}`);
            }
            const clash = all.find((other) => cidrsOverlap(other.block, block));
            if (clash) {
                reader.fail(key, `${text} overlaps ${clash.block.text} (from ${reader.fullKey(clash.key)})`);
            }
            const tooSmall = sizeProblem(block);
            if (tooSmall) reader.fail(key, tooSmall);
            all.push({ key, block });
        }
        return list;
    };
    const publicCidrs = subnetBlocks("publicSubnetCidrs", publicSubnetSizeProblem);
    const privateCidrs = subnetBlocks("privateSubnetCidrs", privateSubnetSizeProblem);

    const sshAdminCidrs = reader.stringList("sshAdminCidrs");
    if (sshAdminCidrs.length > MAX_SSH_ADMIN_CIDRS) {
        reader.fail("sshAdminCidrs", `has ${sshAdminCidrs.length} CIDRs; the network ACL has room for ${MAX_SSH_ADMIN_CIDRS}`);
    }
    sshAdminCidrs.forEach((text) => cidr(reader, "sshAdminCidrs", text));
    if (coversWholeInternet(sshAdminCidrs)) {
        reader.fail("sshAdminCidrs", `${sshAdminCidrs.join(" + ")} would open SSH to the whole internet`);
    }

    return {
        vpcCidr: vpc.text,
        subnets: zones.map((availabilityZone, i) => ({
            availabilityZone,
            publicCidr: publicCidrs[i],
            privateCidr: privateCidrs[i],
        })),
        natStrategy: reader.oneOf("natGatewayStrategy", NAT_STRATEGIES),
        natInstanceType: natInstanceType(reader),
        sshAdminCidrs,
        flowLogRetentionDays: logRetention(reader, "flowLogRetentionDays"),
    };
}
