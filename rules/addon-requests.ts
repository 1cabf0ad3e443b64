/**
 * Requests of the pods that EKS add-ons run, which the program cannot read: EKS renders them from
 * its own manifests. Each figure is the add-on's upstream default, with where it was read (2026-12).
 * An add-on build may move them; the allocatable test then still holds the program to these until
 * someone re-reads them. Configuration values a stack passes override them where noted.
 */
import { cpuMillis, memoryMiB, Workload } from "./allocatable";

type AddonPod = Omit<Workload, "name" | "source"> & { name: string };

const pod = (name: string, daemonSet: boolean, replicas: number, cpu: string, memory: string, limit?: string): AddonPod => ({
    name,
    daemonSet,
    replicas,
    requests: { cpuMillis: cpuMillis(cpu), memoryMiB: memoryMiB(memory) },
    memoryLimitMiB: limit === undefined ? undefined : memoryMiB(limit),
    zoneSpread: false,
    toleratesTaints: daemonSet,
    // The add-ons' controllers are Deployments.
    surges: !daemonSet,
});

export interface AddonPods {
    source: string;
    pods: AddonPod[];
}

export const ADDON_PODS: Readonly<Record<string, AddonPods>> = {
    // The driver container's figures; its CSI sidecars set none, so the pod has no memory limit.
    "aws-ebs-csi-driver": {
        source: "kubernetes-sigs/aws-ebs-csi-driver charts/aws-ebs-csi-driver/values.yaml (commit 006340e): controller.replicaCount 2, controller.resources and node.resources 10m/40Mi (limit 256Mi on the driver container only), node tolerateAllTaints",
        pods: [pod("ebs-csi-controller", false, 2, "10m", "40Mi"), pod("ebs-csi-node", true, 1, "10m", "40Mi")],
    },
    coredns: {
        source: "coredns/deployment kubernetes/coredns.yaml.sed, whose figures the EKS coredns add-on keeps: 100m/70Mi, limit 170Mi; 2 replicas",
        pods: [pod("coredns", false, 2, "100m", "70Mi", "170Mi")],
    },
    "eks-pod-identity-agent": {
        source: "aws/eks-pod-identity-agent charts/eks-pod-identity-agent/values.yaml (commit 00bc058): resources {} (none), tolerations operator Exists",
        pods: [pod("eks-pod-identity-agent", true, 1, "0", "0")],
    },
    // Its fluent-bit is counted unless the stack turns containerLogs off (see addonPods).
    "amazon-cloudwatch-observability": {
        source: "aws-observability/helm-charts charts/amazon-cloudwatch-observability/values.yaml (commit 00bd626): manager 100m/64Mi; agent DaemonSet 250m/128Mi, limit 512Mi; containerLogs.fluentBit DaemonSet 50m/25Mi, limit 250Mi; tolerations operator Exists",
        pods: [
            pod("cloudwatch-agent-operator", false, 1, "100m", "64Mi"),
            pod("cloudwatch-agent", true, 1, "250m", "128Mi", "512Mi"),
            pod("container-insights-fluent-bit", true, 1, "50m", "25Mi", "250Mi"),
        ],
    },
    // Installed through the cluster component (vpcCniOptions, kubeProxyAddonOptions), not an Addon resource.
    "vpc-cni": {
        source: "aws/amazon-vpc-cni-k8s charts/aws-vpc-cni/values.yaml (commit 0055425): aws-node resources.requests.cpu 25m, no memory",
        pods: [pod("aws-node", true, 1, "25m", "0")],
    },
    "kube-proxy": {
        source: "the EKS kube-proxy add-on DaemonSet, as kubernetes/kubernetes cluster/addons/kube-proxy/kube-proxy-ds.yaml: requests cpu 100m, no memory (not re-read from a stored copy in this change)",
        pods: [pod("kube-proxy", true, 1, "100m", "0")],
    },
};

/** The add-on's pods as workloads, after the stack's configuration values. */
export function addonPods(addonName: string, configurationValues: Record<string, unknown> = {}): Workload[] {
    const known = ADDON_PODS[addonName];
    if (!known) throw new Error(`add-on ${addonName} has no pod requests in rules/addon-requests.ts: add them with their source`);
    const logsOff = (configurationValues.containerLogs as { enabled?: unknown } | undefined)?.enabled === false;
    return known.pods
        .filter((p) => !(logsOff && p.name === "container-insights-fluent-bit"))
        .map((p) => ({ ...p, source: known.source }));
}
