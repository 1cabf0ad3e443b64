/**
 * Which instance types each Availability Zone offers, for the types the cost model prices. A managed
 * node group spans every zone of the stack; a type a zone does not offer leaves that zone's share of
 * a spot group on fewer pools than the group lists, and an on-demand type can fail to launch there.
 *
 * SOURCE, honestly: docs/reference/aws-ap-northeast-2.md gives prices, not per-zone offerings, and
 * there is no AWS account here to run
 *   aws ec2 describe-instance-type-offerings --region ap-northeast-2 --location-type availability-zone \
 *     --filters Name=location,Values=ap-northeast-2a Name=instance-type,Values=<type>
 * The table is therefore recorded by hand (2026-11): every priced type listed for zones a and c, an
 * assumption that these current families are offered in Seoul's two main zones, NOT verified against
 * that call or any per-zone list (none was found in the sources available offline). The one public
 * corroboration found is zone-level only: aws-parallelcluster's integration tests
 * (tests/integration-tests/conftest.py AVAILABILITY_ZONE_OVERRIDES) use apne2-az1 and apne2-az3 in
 * Seoul because apne2-az2 lacks older types. Zone names map to zone ids per account, so run the call
 * above once per account and correct this table; a zone with no entry here is refused by config.
 */
export const ZONE_OFFERINGS_AS_OF = "2026-11 (recorded by hand, not read from describe-instance-type-offerings)";

const SEOUL_PRICED_TYPES = ["t3.medium", "t3.large", "t3.xlarge", "m5.large", "m6i.large", "m7i.large", "t4g.nano", "t4g.medium", "t4g.large", "m6g.large", "m7g.large", "c6g.large"];

export const ZONE_INSTANCE_TYPES: Readonly<Record<string, readonly string[]>> = {
    "ap-northeast-2a": SEOUL_PRICED_TYPES,
    "ap-northeast-2c": SEOUL_PRICED_TYPES,
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
