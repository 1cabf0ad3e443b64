/**
 * The pods a stack runs and the node groups it runs them on, read from the resources it registers
 * (the mock engine's recording or a preview): Kubernetes objects from their pod templates, Helm
 * releases from the values the program passes (each chart's pods listed here), EKS add-ons from
 * the sourced table in addon-requests.ts.
 */
import { addonPods } from "./addon-requests";
import { cpuMillis, isSchedulingTaint, memoryMiB, NodeGroupFit, Toleration, Workload } from "./allocatable";
import { EKS_COMPONENT_TYPE } from "./eks-cluster";
import { INSTANCE_SHAPES } from "./instance-types";
import { PROJECT } from "./naming";
import { APP_RELEASES, configKey } from "./prod-contract";
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
const text = (v: unknown) => (typeof v === "string" ? v : undefined);
const tolerationsOf = (tolerations: unknown): Toleration[] =>
    asArray(tolerations).map(asRecord).map((t) => ({ key: text(t.key), operator: text(t.operator), value: text(t.value), effect: text(t.effect) }));
/** Exists with no key: every taint tolerated (the log shipper's). */
const toleratesAll = (tolerations: readonly Toleration[]) => tolerations.some((t) => t.operator === "Exists" && t.key === undefined);
/** EKS's taint effects (the node group API) in Kubernetes' words. */
const EKS_TAINT_EFFECT: Record<string, string> = { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" };

/** A chart's pods from its values; every chart listed here runs them as a Deployment unless `surges` says otherwise. */
function fromValues(name: string, replicas: number, values: Record<string, unknown>, more: Partial<Workload> = {}): Workload {
    return { name, daemonSet: false, replicas, ...podResources({ containers: [{ resources: values.resources }] }), zoneSpread: false, toleratesTaints: false, source: "program", surges: true, ...more };
}

/**
 * The pods of each chart the program installs, from the values it passes. A chart not listed is
 * refused: its pods would otherwise go uncounted.
 */
function chartWorkloads(props: Record<string, unknown>): Workload[] {
    const chart = String(props.chart ?? "");
    // A real preview may hand the values over as one JSON string.
    const values = asRecord(parseMaybeJson(props.values));
    const replicas = (fallback: number) => Number(values.replicaCount ?? fallback);
    if (chart === "open-webui") {
        const redis = asRecord(asRecord(values.websocket).redis);
        return [
            fromValues("open-webui", replicas(1), values, { zoneSpread: spreadsZones(values.topologySpreadConstraints), replicasKey: configKey(APP_RELEASES.webui.replicasKey) }),
            ...(asRecord(values.websocket).enabled && redis.enabled ? [fromValues("open-webui-redis", 1, redis)] : []),
        ];
    }
    if (chart.endsWith("litellm-helm")) {
        const migration = asRecord(values.migrationJob);
        return [
            fromValues("litellm", replicas(1), values, { zoneSpread: spreadsZones(values.topologySpreadConstraints), replicasKey: configKey(APP_RELEASES.litellm.replicasKey) }),
            ...(migration.enabled === false ? [] : [fromValues("litellm-migrations", 1, migration, { surges: false })]),
        ];
    }
    if (chart === "aws-load-balancer-controller") return [fromValues("aws-load-balancer-controller", replicas(2), values)];
    if (chart === "cluster-autoscaler") return [fromValues("cluster-autoscaler", replicas(1), values)];
    throw new Error(`Helm chart ${chart} has no pod list in rules/workloads.ts: add its pods so the allocatable check counts them`);
}

/** A value a real preview may not know yet: reading it through CrossGuard's proxy throws. */
function known<T>(read: () => T, fallback: T): T {
    try {
        return read();
    } catch {
        return fallback;
    }
}

export function workloadsOf(resources: readonly RecordedResource[]): Workload[] {
    const out: Workload[] = [];
    // A real preview shows the add-ons @pulumi/eks creates for vpc-cni and kube-proxy as resources of their own.
    const addonResources = new Set(resources.filter((r) => r.type === "aws:eks/addon:Addon").map((r) => String(r.props.addonName)));
    for (const { type, props } of resources) {
        const kind = POD_KINDS[type];
        if (kind) {
            const spec = asRecord(props.spec);
            const podSpec = asRecord(asRecord(spec.template).spec);
            const tolerations = tolerationsOf(podSpec.tolerations);
            out.push({
                // A name computed at deploy time (the setup job's) is unknown in a preview.
                name: known(() => { const n = asRecord(props.metadata).name; return typeof n === "string" ? n : undefined; }, undefined) ?? `a ${kind} named at deploy`,
                daemonSet: kind === "DaemonSet",
                replicas: kind === "Job" ? Number(spec.parallelism ?? 1) : Number(spec.replicas ?? 1),
                ...podResources(podSpec),
                zoneSpread: spreadsZones(podSpec.topologySpreadConstraints),
                toleratesTaints: toleratesAll(tolerations),
                tolerations,
                source: "program",
                surges: kind === "Deployment",
            });
        } else if (type === "kubernetes:helm.sh/v3:Release" || type === "kubernetes:helm.sh/v4:Chart") {
            out.push(...chartWorkloads(props));
        } else if (type === "aws:eks/addon:Addon") {
            out.push(...addonPods(String(props.addonName), asRecord(parseMaybeJson(props.configurationValues))));
        } else if (type === EKS_COMPONENT_TYPE) {
            // Every cluster runs the VPC CNI's aws-node: @pulumi/eks installs it (vpcCniOptions) or EKS bootstraps it.
            if (!addonResources.has("vpc-cni")) out.push(...addonPods("vpc-cni"));
            if (asRecord(props.kubeProxyAddonOptions).enabled !== false && !addonResources.has("kube-proxy")) out.push(...addonPods("kube-proxy"));
        }
    }
    return out;
}

/** `openwebui-<key>-nodes-<env>` → `<key>`, the group's key under openwebui:nodeGroups. */
export function nodeGroupKey(nodeGroupName: string): string {
    const m = new RegExp(`^${PROJECT}-(.+)-nodes-[^-]+$`).exec(nodeGroupName);
    return m ? m[1] : nodeGroupName;
}

/** Managed node groups as the fit check sees them: the first type's shape (config makes every type one shape). */
export function nodeGroupsOf(resources: readonly RecordedResource[]): NodeGroupFit[] {
    return resources
        .filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup")
        .map(({ props }) => {
            const taints = asArray(props.taints).map(asRecord).map((t) => ({ key: String(t.key), value: text(t.value), effect: EKS_TAINT_EFFECT[String(t.effect)] ?? String(t.effect) }));
            const instanceType = String(asArray(props.instanceTypes)[0]);
            const shape = INSTANCE_SHAPES[instanceType];
            if (!shape) throw new Error(`${instanceType} has no shape in rules/instance-types.ts`);
            return {
                name: String(props.nodeGroupName),
                key: nodeGroupKey(String(props.nodeGroupName)),
                instanceType,
                shape,
                desiredSize: Number(asRecord(props.scalingConfig).desiredSize ?? 0),
                maxSize: Number(asRecord(props.scalingConfig).maxSize ?? asRecord(props.scalingConfig).desiredSize ?? 0),
                zones: asArray(props.subnetIds).length,
                tainted: taints.some(isSchedulingTaint),
                taints,
            };
        });
}

/** Prefix delegation as the cluster component configures the VPC CNI. */
export function prefixDelegationOf(resources: readonly RecordedResource[]): boolean {
    return resources.some((r) => r.type === EKS_COMPONENT_TYPE && asRecord(r.props.vpcCniOptions).enablePrefixDelegation === true);
}
