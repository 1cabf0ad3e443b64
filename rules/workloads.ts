/**
 * The pods a stack runs and the node groups it runs them on, read from the resources it registers
 * (the mock engine's recording or a preview): Kubernetes objects from their pod templates, Helm
 * releases from the values the program passes (each chart's pods listed here), EKS add-ons from
 * the sourced table in addon-requests.ts.
 */
import { addonPods } from "./addon-requests";
import { cpuMillis, memoryMiB, NodeGroupFit, Workload } from "./allocatable";
import { EKS_COMPONENT_TYPE } from "./eks-cluster";
import { INSTANCE_SHAPES } from "./instance-types";
import { asArray, asRecord, parseMaybeJson } from "./props";

export interface RecordedResource {
    type: string;
    props: Record<string, unknown>;
}

const POD_KINDS: Record<string, "DaemonSet" | "Deployment" | "StatefulSet" | "Job"> = {
    "kubernetes:apps/v1:DaemonSet": "DaemonSet",
    "kubernetes:apps/v1:Deployment": "Deployment",
    "kubernetes:apps/v1:StatefulSet": "StatefulSet",
    "kubernetes:batch/v1:Job": "Job",
};

/** A pod's effective needs: its containers together, or its largest init container if that is more. */
export function podResources(podSpec: Record<string, unknown>): Pick<Workload, "requests" | "memoryLimitMiB"> {
    const of = (c: unknown) => {
        const r = asRecord(asRecord(c).resources);
        const limit = asRecord(r.limits).memory;
        return { cpu: cpuMillis(asRecord(r.requests).cpu), memory: memoryMiB(asRecord(r.requests).memory), limit: limit === undefined ? undefined : memoryMiB(limit) };
    };
    const containers = asArray(podSpec.containers).map(of);
    const inits = asArray(podSpec.initContainers).map(of);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const limits = containers.map((c) => c.limit);
    return {
        requests: {
            cpuMillis: Math.max(sum(containers.map((c) => c.cpu)), ...inits.map((c) => c.cpu), 0),
            memoryMiB: Math.max(sum(containers.map((c) => c.memory)), ...inits.map((c) => c.memory), 0),
        },
        memoryLimitMiB: limits.length > 0 && limits.every((l) => l !== undefined) ? sum(limits as number[]) : undefined,
    };
}

const spreadsZones = (constraints: unknown) =>
    asArray(constraints).some((c) => asRecord(c).topologyKey === "topology.kubernetes.io/zone" && asRecord(c).whenUnsatisfiable === "DoNotSchedule");
const toleratesAll = (tolerations: unknown) => asArray(tolerations).some((t) => asRecord(t).operator === "Exists" && asRecord(t).key === undefined);

function fromValues(name: string, replicas: number, values: Record<string, unknown>, zoneSpread = false): Workload {
    return { name, daemonSet: false, replicas, ...podResources({ containers: [{ resources: values.resources }] }), zoneSpread, toleratesTaints: false, source: "program" };
}

/**
 * The pods of each chart the program installs, from the values it passes. A chart not listed is
 * refused: its pods would otherwise go uncounted.
 */
function chartWorkloads(props: Record<string, unknown>): Workload[] {
    const chart = String(props.chart ?? "");
    const values = asRecord(props.values);
    const replicas = (fallback: number) => Number(values.replicaCount ?? fallback);
    if (chart === "open-webui") {
        const redis = asRecord(asRecord(values.websocket).redis);
        return [
            fromValues("open-webui", replicas(1), values, spreadsZones(values.topologySpreadConstraints)),
            ...(asRecord(values.websocket).enabled && redis.enabled ? [fromValues("open-webui-redis", 1, redis)] : []),
        ];
    }
    if (chart.endsWith("litellm-helm")) {
        const migration = asRecord(values.migrationJob);
        return [
            fromValues("litellm", replicas(1), values, spreadsZones(values.topologySpreadConstraints)),
            ...(migration.enabled === false ? [] : [fromValues("litellm-migrations", 1, migration)]),
        ];
    }
    if (chart === "aws-load-balancer-controller") return [fromValues("aws-load-balancer-controller", replicas(2), values)];
    if (chart === "cluster-autoscaler") return [fromValues("cluster-autoscaler", replicas(1), values)];
    throw new Error(`Helm chart ${chart} has no pod list in rules/workloads.ts: add its pods so the allocatable check counts them`);
}

export function workloadsOf(resources: readonly RecordedResource[]): Workload[] {
    const out: Workload[] = [];
    for (const { type, props } of resources) {
        const kind = POD_KINDS[type];
        if (kind) {
            const spec = asRecord(props.spec);
            const podSpec = asRecord(asRecord(spec.template).spec);
            out.push({
                // A name computed at deploy time (the setup job's) is unknown in a preview.
                name: typeof asRecord(props.metadata).name === "string" ? String(asRecord(props.metadata).name) : `a ${kind} named at deploy`,
                daemonSet: kind === "DaemonSet",
                replicas: kind === "Job" ? Number(spec.parallelism ?? 1) : Number(spec.replicas ?? 1),
                ...podResources(podSpec),
                zoneSpread: spreadsZones(podSpec.topologySpreadConstraints),
                toleratesTaints: toleratesAll(podSpec.tolerations),
                source: "program",
            });
        } else if (type === "kubernetes:helm.sh/v3:Release" || type === "kubernetes:helm.sh/v4:Chart") {
            out.push(...chartWorkloads(props));
        } else if (type === "aws:eks/addon:Addon") {
            out.push(...addonPods(String(props.addonName), asRecord(parseMaybeJson(props.configurationValues))));
        } else if (type === EKS_COMPONENT_TYPE) {
            if (props.vpcCniOptions !== undefined) out.push(...addonPods("vpc-cni"));
            if (asRecord(props.kubeProxyAddonOptions).enabled !== false) out.push(...addonPods("kube-proxy"));
        }
    }
    return out;
}

/** Managed node groups as the fit check sees them: the first type's shape (config makes every type one shape). */
export function nodeGroupsOf(resources: readonly RecordedResource[]): NodeGroupFit[] {
    return resources
        .filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup")
        .map(({ props }) => {
            const instanceType = String(asArray(props.instanceTypes)[0]);
            const shape = INSTANCE_SHAPES[instanceType];
            if (!shape) throw new Error(`${instanceType} has no shape in rules/instance-types.ts`);
            return {
                name: String(props.nodeGroupName),
                instanceType,
                shape,
                desiredSize: Number(asRecord(props.scalingConfig).desiredSize ?? 0),
                zones: asArray(props.subnetIds).length,
                tainted: asArray(props.taints).some((t) => ["NO_SCHEDULE", "NO_EXECUTE"].includes(String(asRecord(t).effect))),
            };
        });
}

/** Prefix delegation as the cluster component configures the VPC CNI. */
export function prefixDelegationOf(resources: readonly RecordedResource[]): boolean {
    return resources.some((r) => r.type === EKS_COMPONENT_TYPE && asRecord(r.props.vpcCniOptions).enablePrefixDelegation === true);
}
