/**
 * The node-fit check over what a stack registers, as the plan prints it and the policy pack's
 * pods-fit-nodes policy enforces it: the same readers (workloads.ts) and rules (allocatable.ts)
 * for the mock engine's recording and a preview's resources.
 */
import { fitProblems, maxPodsWithPrefixDelegation, NodeGroupFit, NodeLoad, surgeFits, worstNode } from "./allocatable";
import { configKey } from "./prod-contract";
import { nodeGroupsOf, prefixDelegationOf, RecordedResource, workloadsOf } from "./workloads";

export interface GroupFit {
    group: NodeGroupFit;
    /** The group that holds the pods that tolerate no taint (the primary group). */
    home: boolean;
    worst: NodeLoad;
    surgeFits: boolean;
}

export interface NodeFit {
    groups: GroupFit[];
    /** Each a sentence naming the key to change; empty when the pods fit. */
    problems: string[];
}

const maxPods = (g: NodeGroupFit) => maxPodsWithPrefixDelegation(g.shape);

export function nodeFit(stack: string, resources: readonly RecordedResource[]): NodeFit {
    const groups = nodeGroupsOf(resources);
    if (groups.length === 0) return { groups: [], problems: [] };
    // Max-pods (and with it kube-reserved) is known here only as prefix delegation sets it.
    if (!prefixDelegationOf(resources)) {
        return { groups: [], problems: [`${stack}: the node-fit check needs the VPC CNI's prefix delegation (the cluster's vpcCniOptions.enablePrefixDelegation), which sets max-pods to 110`] };
    }
    const workloads = workloadsOf(resources);
    const homes = groups.filter((g) => !g.tainted);
    return {
        groups: groups.map((group) => {
            const home = group === homes[0];
            const worst = worstNode(group, workloads, maxPods(group), home);
            return { group, home, worst, surgeFits: surgeFits(worst) };
        }),
        problems: fitProblems(stack, groups, workloads, maxPods),
    };
}

const mib = (n: number) => `${Math.round(n)} MiB`;

/** One line per group: its worst node's requests against allocatable, the burst, and a rollout's surge. */
export function fitLine(g: GroupFit): string {
    const { group, worst } = g;
    const a = worst.allocatable;
    const r = worst.requests;
    const head = `${group.name} (${configKey(`nodeGroups.${group.key}`)}: ${g.home ? `${group.desiredSize} × ${group.instanceType}, max ${group.maxSize}` : `${group.instanceType}, DaemonSets only`}): worst node requests ${mib(r.memoryMiB)} / ${r.cpuMillis}m of ${mib(a.memoryMiB)} / ${a.cpuMillis}m allocatable`;
    const burst = worst.burstBy ? `; ${worst.burstBy} at its limit +${mib(worst.burstMiB)} = ${mib(r.memoryMiB + worst.burstMiB)}` : "";
    const s = worst.surge;
    const surge = s
        ? `; a rollout's surge pod (${s.by}) +${mib(s.requests.memoryMiB)} = ${mib(r.memoryMiB + s.requests.memoryMiB)}: ${g.surgeFits ? "fits" : group.maxSize > group.desiredSize ? `no room, the autoscaler adds a node (up to ${group.maxSize})` : "no room and the group is at maxSize"}`
        : "";
    return head + burst + surge;
}
