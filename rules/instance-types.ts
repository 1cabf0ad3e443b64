/** EC2 instance-type facts the config, the network and the node groups share. */

/** Graviton families (a1, and a `g` after the generation digit: t4g, m7g, c7gn, r8g…) run only arm64 AMIs. */
export function isArmInstanceType(type: string): boolean {
    return /^a1\.|^[a-z]+\d+g[a-z]*\./.test(type);
}

export interface InstanceShape {
    vcpu: number;
    memoryGiB: number;
}

/**
 * vCPUs and memory of the node types on record (the same types rules/cost/prices.ts EC2_HOURLY
 * prices). Source: AWS "Amazon EC2 instance types" specifications, general purpose and compute
 * optimized tables (docs.aws.amazon.com/ec2/latest/instancetypes/gp.html, co.html), read 2026-11.
 * Config refuses a node type without a shape here; a type without a price is the plan's and the
 * cost policy's to refuse.
 */
export const INSTANCE_SHAPES: Readonly<Record<string, InstanceShape>> = {
    "t3.medium": { vcpu: 2, memoryGiB: 4 },
    "t3.large": { vcpu: 2, memoryGiB: 8 },
    "t3.xlarge": { vcpu: 4, memoryGiB: 16 },
    "m5.large": { vcpu: 2, memoryGiB: 8 },
    "m6i.large": { vcpu: 2, memoryGiB: 8 },
    "m7i.large": { vcpu: 2, memoryGiB: 8 },
    "t4g.nano": { vcpu: 2, memoryGiB: 0.5 },
    "t4g.medium": { vcpu: 2, memoryGiB: 4 },
    "t4g.large": { vcpu: 2, memoryGiB: 8 },
    "m6g.large": { vcpu: 2, memoryGiB: 8 },
    "m7g.large": { vcpu: 2, memoryGiB: 8 },
    "c6g.large": { vcpu: 2, memoryGiB: 4 },
};

export const describeShape = (s: InstanceShape) => `${s.vcpu} vCPU / ${s.memoryGiB} GiB`;

/**
 * Why a list of types cannot share one autoscaled group, or undefined. cluster-autoscaler builds its
 * template node from one of a group's types and assumes every node it adds looks like that, so every
 * type must have the same vCPUs, memory and architecture (one AMI serves the group).
 */
export function mixedShapeProblem(types: readonly string[], shapes: Readonly<Record<string, InstanceShape>> = INSTANCE_SHAPES): string | undefined {
    const unknown = types.filter((t) => shapes[t] === undefined);
    if (unknown.length > 0) return `${unknown.join(", ")} has no vCPU/memory shape in rules/instance-types.ts: add it with its source`;
    const [first, ...rest] = types;
    for (const t of rest) {
        if (isArmInstanceType(t) !== isArmInstanceType(first)) return `${first} and ${t} are different architectures: one AMI cannot run both`;
        const [a, b] = [shapes[first], shapes[t]];
        if (a.vcpu !== b.vcpu || a.memoryGiB !== b.memoryGiB) {
            return `${first} is ${describeShape(a)} but ${t} is ${describeShape(b)}: cluster-autoscaler assumes every node of a group has one shape, so give one group per shape`;
        }
    }
    return undefined;
}
