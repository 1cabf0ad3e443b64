/**
 * What a node can give pods, and whether a stack's pods fit its node groups. The scheduler sees
 * a node's allocatable (capacity less kube-reserved and the eviction threshold), never its size;
 * a pod whose requests no node can hold stays Pending, and a first `pulumi up` waits on it until
 * the Release times out.
 */
import { InstanceShape } from "./instance-types";
import { PROJECT } from "./naming";

/**
 * awslabs/amazon-eks-ami, nodeadm/internal/kubelet/config.go (read 2026-12 at commit 0137549, the
 * AL2023 bootstrap): kube-reserved memory is 11 MiB per schedulable pod plus 255 MiB; kube-reserved
 * CPU is 6% of the first core, 1% of the second, 0.5% of the third and fourth and 0.25% of every
 * core above; evictionHard memory.available is 100Mi. The same figures as AL2's bootstrap.sh.
 */
export const KUBE_RESERVED_MIB_PER_POD = 11;
export const KUBE_RESERVED_BASE_MIB = 255;
export const EVICTION_HARD_MIB = 100;
const CPU_RESERVE_STEPS: readonly { upToCores: number; percent: number }[] = [
    { upToCores: 1, percent: 6 },
    { upToCores: 2, percent: 1 },
    { upToCores: 4, percent: 0.5 },
    { upToCores: Infinity, percent: 0.25 },
];

/**
 * awslabs/amazon-eks-ami, templates/al2/runtime/max-pods-calculator.sh (read 2026-12 at commit
 * 0a6d499): with prefix delegation the ENI arithmetic allows hundreds of pods, and the recommended
 * value is capped at 110 for instances of 30 vCPUs or fewer, 250 above. Every type in
 * rules/instance-types.ts has at least 3 ENIs × 16-address prefixes, far past the cap, so the
 * cap is the figure. kube-reserved grows with it: 1465 MiB at 110 pods.
 */
export const PREFIX_DELEGATION_MAX_PODS = { lowCpu: 110, highCpu: 250, highCpuAboveVcpus: 30 } as const;

export function maxPodsWithPrefixDelegation(shape: InstanceShape): number {
    return shape.vcpu > PREFIX_DELEGATION_MAX_PODS.highCpuAboveVcpus ? PREFIX_DELEGATION_MAX_PODS.highCpu : PREFIX_DELEGATION_MAX_PODS.lowCpu;
}

export function kubeReservedCpuMillis(vcpu: number): number {
    let reserved = 0;
    let from = 0;
    for (const step of CPU_RESERVE_STEPS) {
        const cores = Math.max(0, Math.min(vcpu, step.upToCores) - from);
        reserved += cores * 1000 * (step.percent / 100);
        from = step.upToCores;
    }
    return Math.floor(reserved);
}

export interface Resources {
    cpuMillis: number;
    memoryMiB: number;
}

/**
 * Allocatable of one node. Memory starts from the type's nominal GiB: the kernel keeps a few per
 * cent of it, so a real node reports slightly less and the margin a stack keeps must cover that.
 */
export function allocatable(shape: InstanceShape, maxPods: number): Resources {
    return {
        cpuMillis: shape.vcpu * 1000 - kubeReservedCpuMillis(shape.vcpu),
        memoryMiB: shape.memoryGiB * 1024 - (KUBE_RESERVED_MIB_PER_POD * maxPods + KUBE_RESERVED_BASE_MIB) - EVICTION_HARD_MIB,
    };
}

/** A Kubernetes CPU quantity ("250m", "0.5", 2) in millicores. */
export function cpuMillis(quantity: unknown): number {
    if (quantity === undefined || quantity === null || quantity === "") return 0;
    const text = String(quantity);
    const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(text);
    if (!m) throw new Error(`"${text}" is not a CPU quantity`);
    return m[2] === "m" ? Number(m[1]) : Number(m[1]) * 1000;
}

const MEMORY_UNITS: Record<string, number> = { "": 1, k: 1e3, M: 1e6, G: 1e9, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };

/** A Kubernetes memory quantity ("512Mi", "1Gi", "100M", bytes) in MiB. */
export function memoryMiB(quantity: unknown): number {
    if (quantity === undefined || quantity === null || quantity === "") return 0;
    const text = String(quantity);
    const m = /^(\d+(?:\.\d+)?)(k|M|G|Ki|Mi|Gi)?$/.exec(text);
    if (!m) throw new Error(`"${text}" is not a memory quantity`);
    return (Number(m[1]) * MEMORY_UNITS[m[2] ?? ""]) / 1024 ** 2;
}

/** One pod template's needs: what the scheduler reserves, and the memory it may reach. */
export interface Workload {
    name: string;
    /** DaemonSets run one pod on every node they tolerate; everything else is placed by the scheduler. */
    daemonSet: boolean;
    replicas: number;
    requests: Resources;
    /** Undefined when a container has no memory limit: nothing caps it but the node's eviction. */
    memoryLimitMiB?: number;
    /** A DoNotSchedule zone spread: at most ceil(replicas / zones) of it on one node. */
    zoneSpread: boolean;
    /** Tolerates every NoSchedule taint (the spot group's). */
    toleratesTaints: boolean;
    /** Its tolerations, matched against a tainted group's taints (a DaemonSet tolerating the spot taint by key runs there). */
    tolerations?: readonly Toleration[];
    /** Where the figures come from: "program" (read from what it registers) or a citation. */
    source: string;
    /** A rollout starts a new pod before an old one stops (a Deployment's surge), so it needs room for one more. */
    surges?: boolean;
    /** The stack-file key that sets its replica count, for the fix a failure names. */
    replicasKey?: string;
}

/** A pod's toleration and a node's taint, in Kubernetes' terms (core/v1 Toleration and Taint; effects NoSchedule, NoExecute). */
export interface Toleration {
    key?: string;
    operator?: string;
    value?: string;
    effect?: string;
}
export interface Taint {
    key: string;
    value?: string;
    effect: string;
}

/**
 * Kubernetes' matching (core/v1 Toleration): Exists with no key tolerates every taint, Exists with a
 * key any value of it, Equal (the default) that key and value; a toleration without an effect
 * matches every effect.
 */
function toleratesTaint(t: Toleration, taint: Taint): boolean {
    if (t.effect !== undefined && t.effect !== taint.effect) return false;
    if (t.operator === "Exists") return t.key === undefined || t.key === taint.key;
    return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
}

/** The taint effects that keep a pod off a node (PreferNoSchedule only steers the scheduler). */
export const isSchedulingTaint = (t: Taint) => t.effect === "NoSchedule" || t.effect === "NoExecute";

/** Whether `w`'s pods may land on `group`'s nodes: untainted, or every scheduling taint tolerated. */
export function landsOn(w: Workload, group: NodeGroupFit): boolean {
    if (!group.tainted || w.toleratesTaints) return true;
    const taints = (group.taints ?? []).filter(isSchedulingTaint);
    return taints.length > 0 && taints.every((taint) => (w.tolerations ?? []).some((t) => toleratesTaint(t, taint)));
}

export interface NodeGroupFit {
    name: string;
    /** Its key under `openwebui:nodeGroups` (primary, spot, ...), for the fix a failure names. */
    key: string;
    instanceType: string;
    shape: InstanceShape;
    desiredSize: number;
    maxSize: number;
    zones: number;
    tainted: boolean;
    /** Its taints, when known: which tolerations let a pod land there. */
    taints?: readonly Taint[];
}

export interface NodeLoad {
    group: string;
    allocatable: Resources;
    requests: Resources;
    /** The largest single step from a pod's memory request to its limit among the pods counted. */
    burstMiB: number;
    burstBy?: string;
    /** The largest pod a rollout adds here: one Deployment's surge pod (rollouts of the app run one release at a time). */
    surge?: { by: string; requests: Resources };
    pods: { name: string; count: number }[];
}

const cap = (w: Workload, perNode: number) => ({ cpuMillis: w.requests.cpuMillis * perNode, memoryMiB: w.requests.memoryMiB * perNode });

/**
 * The most loaded node the topology allows in `group`: every DaemonSet that lands there, and, on
 * the group that takes the untolerating pods, all replicas of every unconstrained workload (their
 * anti-affinities are preferences) plus ceil(replicas / min(nodes, zones)) of each zone-spread one.
 */
export function worstNode(group: NodeGroupFit, workloads: readonly Workload[], maxPods: number, home: boolean): NodeLoad {
    const placed: { w: Workload; count: number }[] = [];
    for (const w of workloads) {
        if (!landsOn(w, group)) continue;
        if (w.daemonSet) placed.push({ w, count: 1 });
        else if (home) placed.push({ w, count: w.zoneSpread ? Math.ceil(w.replicas / Math.max(1, Math.min(group.desiredSize, group.zones))) : w.replicas });
    }
    const requests = placed.reduce((sum, p) => {
        const r = cap(p.w, p.count);
        return { cpuMillis: sum.cpuMillis + r.cpuMillis, memoryMiB: sum.memoryMiB + r.memoryMiB };
    }, { cpuMillis: 0, memoryMiB: 0 });
    let burstMiB = 0;
    let burstBy: string | undefined;
    for (const p of placed) {
        const step = p.w.memoryLimitMiB === undefined ? 0 : p.w.memoryLimitMiB - p.w.requests.memoryMiB;
        if (step > burstMiB) [burstMiB, burstBy] = [step, p.w.name];
    }
    const surging = placed.filter((p) => p.w.surges).sort((a, b) => b.w.requests.memoryMiB - a.w.requests.memoryMiB || b.w.requests.cpuMillis - a.w.requests.cpuMillis)[0];
    return {
        group: group.name,
        allocatable: allocatable(group.shape, maxPods),
        requests,
        burstMiB,
        burstBy,
        surge: surging ? { by: surging.w.name, requests: surging.w.requests } : undefined,
        pods: placed.map((p) => ({ name: p.w.name, count: p.count })),
    };
}

const mib = (n: number) => `${Math.round(n)} MiB`;
const biggest = (load: NodeLoad, workloads: readonly Workload[], key: keyof Resources) =>
    load.pods
        .map((p) => ({ ...p, value: (workloads.find((w) => w.name === p.name)?.requests[key] ?? 0) * p.count }))
        .sort((a, b) => b.value - a.value)
        .slice(0, 3)
        .map((p) => `${p.name} ${key === "memoryMiB" ? mib(p.value) : `${p.value}m`}`)
        .join(", ");

/** `openwebui:<key>`, as the stack file and config errors spell it. */
const stackKey = (key: string) => `${PROJECT}:${key}`;

/** What a user changes when `load` does not fit: the group's types, or the replica counts of what it holds. */
function fixFor(group: NodeGroupFit, load: NodeLoad, workloads: readonly Workload[], what: "memory" | "CPU"): string {
    const replicaKeys = [...new Set(load.pods.map((p) => workloads.find((w) => w.name === p.name)?.replicasKey).filter((k): k is string => k !== undefined))];
    const fewer = replicaKeys.length > 0 ? `, or lower ${replicaKeys.join(" / ")}` : "";
    return `set ${stackKey(`nodeGroups.${group.key}.instanceTypes`)} to types with more ${what}${fewer}`;
}

/**
 * Why `workloads` cannot be placed on `groups`, one sentence each naming the key to change; empty
 * when they fit. The rules: requests of the worst node ≤ its allocatable (CPU and memory);
 * DaemonSets fit every group; for limits, the overcommit this project allows: any ONE pod may grow
 * from its request to its memory limit while every other pod sits at its request, and the node
 * still does not reach the eviction threshold (a pod without a memory limit is counted at its
 * request: only system add-ons whose upstream sets none); and a rollout's surge pod (the largest
 * Deployment pod on the node, one more of it) must fit beside the rest, or the group must be able
 * to grow: cluster-autoscaler adds a node for a Pending pod below maxSize, and at maxSize the
 * rollout waits until its Release times out.
 */
export function fitProblems(stack: string, groups: readonly NodeGroupFit[], workloads: readonly Workload[], maxPodsOf: (g: NodeGroupFit) => number): string[] {
    const problems: string[] = [];
    const homes = groups.filter((g) => !g.tainted);
    if (homes.length !== 1) problems.push(`${stack}: ${homes.length} untainted node groups; the fit check needs exactly one group to hold the pods that tolerate no taint (taint the others in ${stackKey("nodeGroups")})`);
    for (const group of groups) {
        const home = group === homes[0];
        if (home && group.desiredSize < 1) problems.push(`${stack}: node group ${group.name} holds every untolerating pod but its desiredSize is 0: set ${stackKey(`nodeGroups.${group.key}.desiredSize`)} to 1 or more`);
        const load = worstNode(group, workloads, maxPodsOf(group), home);
        const where = `${stack}: a ${group.instanceType} node of ${group.name}${home ? ` (${group.desiredSize} node${group.desiredSize === 1 ? "" : "s"})` : ""}`;
        const a = load.allocatable;
        if (load.requests.memoryMiB > a.memoryMiB) {
            problems.push(`${where} must hold ${mib(load.requests.memoryMiB)} of memory requests but has ${mib(a.memoryMiB)} allocatable (largest: ${biggest(load, workloads, "memoryMiB")}): ${fixFor(group, load, workloads, "memory")}`);
        }
        if (load.requests.cpuMillis > a.cpuMillis) {
            problems.push(`${where} must hold ${load.requests.cpuMillis}m of CPU requests but has ${a.cpuMillis}m allocatable (largest: ${biggest(load, workloads, "cpuMillis")}): ${fixFor(group, load, workloads, "CPU")}`);
        }
        // Only when some pod can grow past its request (else there is no one to name).
        if (load.burstBy !== undefined && load.requests.memoryMiB + load.burstMiB > a.memoryMiB) {
            problems.push(
                `${where}: ${load.burstBy} growing to its memory limit (+${mib(load.burstMiB)}) over ${mib(load.requests.memoryMiB)} of requests passes the ${mib(a.memoryMiB)} allocatable: lower its limit, or ${fixFor(group, load, workloads, "memory")}`,
            );
        }
        const s = load.surge;
        if (s && !surgeFits(load) && group.maxSize <= group.desiredSize) {
            problems.push(
                `${where}: a rollout of ${s.by} adds a surge pod (${mib(s.requests.memoryMiB)}, ${s.requests.cpuMillis}m) that does not fit beside the rest on the most loaded node, and the group is at its maxSize ${group.maxSize}, so the rollout waits until its Release times out: raise ${stackKey(`nodeGroups.${group.key}.maxSize`)} above ${group.desiredSize}, or ${fixFor(group, load, workloads, "memory")}`,
            );
        }
    }
    return problems;
}

/** Whether one more pod of the node's largest Deployment fits beside its requests. */
export function surgeFits(load: NodeLoad): boolean {
    if (!load.surge) return true;
    return load.requests.memoryMiB + load.surge.requests.memoryMiB <= load.allocatable.memoryMiB && load.requests.cpuMillis + load.surge.requests.cpuMillis <= load.allocatable.cpuMillis;
}
