/**
 * Which of the stack's instance types each of its zones offers, asked of EC2 itself
 * (DescribeInstanceTypeOfferings, location type availability-zone, or availability-zone-id for a stack
 * that names its zones by ID; EC2 API reference, read 2026-12).
 * Config can only compare against rules/instance-zones.ts, a table recorded by hand; zone names also
 * map to different physical zones per account, so only this call, with the account's credentials,
 * proves it. A managed node group spans every zone of the stack, and the NAT instance may be placed
 * in any of them: each type must be offered in every zone.
 */
import { isZoneId } from "@openwebui-aws/rules/regions";
import { DescribeInstanceTypeOfferingsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { PROJECT } from "@openwebui-aws/rules/naming";
import { CheckResult, fail, pass, unreachable } from "./report";
import { Targets } from "./targets";

interface TypeUse {
    type: string;
    users: string[];
    key: string;
}

/** Each instance type the stack launches, who launches it and the config key that chose it. */
function typeUses(t: Targets): TypeUse[] {
    const uses = new Map<string, TypeUse>();
    const add = (type: string, user: string, key: string) => {
        const use = uses.get(type) ?? { type, users: [], key };
        use.users.push(user);
        uses.set(type, use);
    };
    for (const g of t.nodeGroups) for (const type of g.instanceTypes) add(type, `node group ${g.name}`, "nodeGroups");
    for (const i of t.instances) add(i.instanceType, `instance ${i.name}`, "natInstanceType");
    return [...uses.values()];
}

/** EC2 reads a location filter as the location type says, names or IDs; a Tokyo stack lists IDs (rules/regions.ts). */
const locationType = (zones: string[]) => (zones.every(isZoneId) ? "availability-zone-id" : "availability-zone");

/** type → the zones (of those asked about) that offer it. */
async function offered(ec2: EC2Client, types: string[], zones: string[]): Promise<Map<string, Set<string>>> {
    const found = new Map<string, Set<string>>();
    let token: string | undefined;
    do {
        const page = await ec2.send(
            new DescribeInstanceTypeOfferingsCommand({
                LocationType: locationType(zones),
                Filters: [
                    { Name: "instance-type", Values: types },
                    { Name: "location", Values: zones },
                ],
                NextToken: token,
            }),
        );
        for (const o of page.InstanceTypeOfferings ?? []) {
            if (o.InstanceType && o.Location) found.set(o.InstanceType, (found.get(o.InstanceType) ?? new Set()).add(o.Location));
        }
        token = page.NextToken || undefined;
    } while (token);
    return found;
}

export async function offeringChecks(ec2: EC2Client, t: Targets, errorFix: (e: unknown) => string): Promise<CheckResult[]> {
    const uses = typeUses(t);
    if (uses.length === 0 || t.zones.length === 0) return [];
    let found: Map<string, Set<string>>;
    try {
        found = await offered(ec2, uses.map((u) => u.type), t.zones);
    } catch (e) {
        return [unreachable(`instance type offerings in ${t.zones.join(", ")}`, e, errorFix(e))];
    }
    return uses.map((u) => {
        const what = `instance type ${u.type} offered in ${t.zones.join(", ")}`;
        const users = u.users.join(", ");
        const missing = t.zones.filter((z) => !found.get(u.type)?.has(z));
        if (missing.length === 0) return pass(what, `used by ${users}`);
        const where = missing.join(", ");
        const list = `aws ec2 describe-instance-type-offerings --region ${t.region} --location-type ${locationType(t.zones)} --filters Name=location,Values=${missing.join(",")}`;
        return fail(
            what,
            `${where} ${missing.length === 1 ? "does" : "do"} not offer it (used by ${users})`,
            `replace ${u.type} in ${PROJECT}:${u.key} with a type every zone offers (${list}), or take ${where} out of ${PROJECT}:availabilityZones; then correct rules/instance-zones.ts, whose table is recorded by hand`,
        );
    });
}
