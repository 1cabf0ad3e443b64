/**
 * The account quotas the stack's shape draws on, at its largest: every node group at maxSize on its
 * largest type, the NAT instance, one Elastic IP per NAT gateway.
 *
 * Quota codes (Service Quotas, service code `ec2`): L-0263D0A3 "EC2-VPC Elastic IPs", L-1216C47A
 * "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances" and L-34B43A08 "All Standard
 * (A, C, D, H, I, M, R, T, Z) Spot Instance Requests", both in vCPUs. Sources: AWS CLI reference,
 * `aws service-quotas get-service-quota` (its example reads ec2/L-1216C47A); the codes and names as
 * public quota checkers use them (e.g. EIPs for NAT gateways per AZ), seen 2026-11. Only the quota's
 * value is compared: what the account already runs is not subtracted (it may be this stack).
 */
import { CheckResult, fail, pass, unreachable } from "./report";
import { Targets, vcpusPerNode } from "./targets";

export const QUOTAS = {
    elasticIps: { code: "L-0263D0A3", name: "EC2-VPC Elastic IPs" },
    onDemand: { code: "L-1216C47A", name: "Running On-Demand Standard instances (vCPUs)" },
    spot: { code: "L-34B43A08", name: "All Standard Spot Instance Requests (vCPUs)" },
} as const;

/** The families those two vCPU quotas count (the letters in their names). */
const STANDARD_FAMILY = /^[acdhimrtz]\d/;

interface Need {
    total: number;
    parts: string[];
    problems: string[];
}

function vcpuNeed(t: Targets, capacity: "ON_DEMAND" | "SPOT"): Need {
    const need: Need = { total: 0, parts: [], problems: [] };
    const count = (name: string, types: string[], nodes: number) => {
        const outside = types.filter((x) => !STANDARD_FAMILY.test(x));
        if (outside.length > 0) need.problems.push(`${name}: ${outside.join(", ")} is not a standard family this quota counts`);
        const per = vcpusPerNode(types);
        if (per === undefined) {
            need.problems.push(`${name}: ${types.join(", ")} has no vCPU count in rules/instance-types.ts`);
            return;
        }
        need.total += per * nodes;
        need.parts.push(`${name} ${nodes}×${per}`);
    };
    for (const g of t.nodeGroups.filter((x) => x.capacity === capacity)) count(g.name, g.instanceTypes, g.maxSize);
    if (capacity === "ON_DEMAND") for (const i of t.instances) count(i.name, [i.instanceType], 1);
    return need;
}

export function quotaChecks(t: Targets, values: Record<string, number | Error>, errorFix: (e: unknown) => string): CheckResult[] {
    const one = (q: { code: string; name: string }, need: Need, unit: string, lower: string): CheckResult => {
        const what = `quota ${q.name} (ec2/${q.code})`;
        if (need.problems.length > 0) return fail(what, need.problems.join("; "), "record the type's vCPUs with its source, or choose a recorded standard type");
        const value = values[q.code];
        if (value instanceof Error) return unreachable(what, value, errorFix(value));
        const detail = `${value} ${unit}, needs ${need.total}${need.parts.length > 0 ? ` (${need.parts.join(" + ")})` : ""}`;
        return value >= need.total ? pass(what, detail) : fail(what, detail, `request ec2/${q.code} of at least ${need.total} in Service Quotas (${t.region}), or ${lower}`);
    };
    return [
        one(QUOTAS.elasticIps, { total: t.elasticIps, parts: [], problems: [] }, "addresses", "use fewer NAT gateways (natGatewayStrategy)"),
        one(QUOTAS.onDemand, vcpuNeed(t, "ON_DEMAND"), "vCPUs", "lower the on-demand node groups' maxSize (nodeGroups)"),
        one(QUOTAS.spot, vcpuNeed(t, "SPOT"), "vCPUs", "lower the spot node groups' maxSize (nodeGroups)"),
    ];
}
