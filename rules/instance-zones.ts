/**
 * An OFFLINE ASSUMPTION, not a fact read from AWS: which instance types each Availability Zone
 * offers, for the types the cost model prices. Config uses it to refuse a zone it knows nothing
 * about; since every priced type is listed for both of Seoul's zones used here, it cannot refuse a
 * priced type. The real check is online: the preflight (`npm run preflight -- <stack>`,
 * preflight/offerings.ts) asks EC2 DescribeInstanceTypeOfferings, with the account's credentials,
 * whether every zone of the stack offers every node group's and the NAT instance's type, and fails
 * naming the missing type and zone. Zone names map to physical zones per account, so only that call
 * can answer for a given account.
 *
 * How the table was made (2026-11): docs/reference/aws-ap-northeast-2.md gives prices, not per-zone
 * offerings, and there was no account to run
 *   aws ec2 describe-instance-type-offerings --region ap-northeast-2 --location-type availability-zone \
 *     --filters Name=location,Values=ap-northeast-2a Name=instance-type,Values=<type>
 * so every priced type is listed for zones a and c on the assumption that these current families
 * are offered in Seoul's two main zones. The one public corroboration found is zone-level only:
 * aws-parallelcluster's integration tests (tests/integration-tests/conftest.py
 * AVAILABILITY_ZONE_OVERRIDES) use apne2-az1 and apne2-az3 in Seoul because apne2-az2 lacks older
 * types. When the preflight reports a type missing, correct this table from that call, with the date.
 */
export const ZONE_OFFERINGS_AS_OF = "2026-11 (recorded by hand, not read from describe-instance-type-offerings)";

const SEOUL_PRICED_TYPES = ["t3.medium", "t3.large", "t3.xlarge", "m5.large", "m6i.large", "m7i.large", "t4g.nano", "t4g.medium", "t4g.large", "m6g.large", "m7g.large", "c6g.large"];

/**
 * Tokyo's zones are named by ID (rules/regions.ts): the same assumption, for every type Tokyo's
 * price table lists (rules/cost/prices-tokyo.ts), in the two IDs Pulumi.dr.yaml uses. Recorded by
 * hand on 2026-12-07 without an account, like Seoul's; the preflight is the real check.
 */
const TOKYO_PRICED_TYPES = ["t3.medium", "t3.large", "m5.large", "m6i.large", "m7i.large", "t4g.nano", "t4g.medium", "t4g.large", "m6g.large", "m7g.large"];

export const ZONE_INSTANCE_TYPES: Readonly<Record<string, readonly string[]>> = {
    "ap-northeast-2a": SEOUL_PRICED_TYPES,
    "ap-northeast-2c": SEOUL_PRICED_TYPES,
    "apne1-az1": TOKYO_PRICED_TYPES,
    "apne1-az2": TOKYO_PRICED_TYPES,
};

/** Why these types do not fit these zones, or undefined. */
export function zoneOfferingProblem(types: readonly string[], zones: readonly string[], table: Readonly<Record<string, readonly string[]>> = ZONE_INSTANCE_TYPES): string | undefined {
    for (const zone of zones) {
        const offered = table[zone];
        if (!offered) return `rules/instance-zones.ts has no record of the types ${zone} offers: add the zone (from describe-instance-type-offerings, with the date) before using it`;
        const missing = types.filter((t) => !offered.includes(t));
        if (missing.length > 0) return `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not offered in ${zone} (rules/instance-zones.ts): pick types every zone of the stack offers`;
    }
    return undefined;
}
