/**
 * EKS facts the program and the policy pack share. Versions follow the AWS calendar in
 * docs/reference/aws-ap-northeast-2.md (read 2026-11): 1.34 leaves standard support on 2026-12-02,
 * 1.35 on 2027-03-27, 1.36 on 2027-08-02. Review this list when AWS releases or retires a version.
 */
export const SUPPORTED_EKS_VERSIONS = ["1.34", "1.35", "1.36"] as const;

/**
 * When each supported version leaves standard support (UTC, from the same calendar). After it, a
 * cluster whose upgrade policy is not STANDARD bills extended support, $0.60 instead of $0.10 an hour.
 */
export const EKS_STANDARD_SUPPORT_ENDS: Readonly<Record<(typeof SUPPORTED_EKS_VERSIONS)[number], string>> = {
    "1.34": "2026-12-02",
    "1.35": "2027-03-27",
    "1.36": "2027-08-02",
};

/** The UTC calendar day of `moment`, as the support calendar writes it (YYYY-MM-DD). */
export const utcDay = (moment: Date) => moment.toISOString().slice(0, 10);

/**
 * Why `version` cannot be deployed on `day`, or undefined. Extended support starts at 00:00 UTC on
 * the end date (same calendar). The cluster's upgrade policy is STANDARD (components/cluster), so on
 * a version past its window AWS upgrades the control plane by itself, and the node groups and the
 * add-on builds pinned for the old minor fall behind it: refuse before anything is created.
 */
export function standardSupportProblem(version: (typeof SUPPORTED_EKS_VERSIONS)[number], day: Date): string | undefined {
    const today = utcDay(day);
    const ended = EKS_STANDARD_SUPPORT_ENDS[version];
    if (today < ended) return undefined;
    const next = SUPPORTED_EKS_VERSIONS.filter((v) => today < EKS_STANDARD_SUPPORT_ENDS[v]);
    const move = next.length > 0 ? `move to ${next.join(" or ")} (with clusterAutoscalerImageTag and the kube-proxy and coredns builds of addonVersions)` : "no version in rules/eks.ts is still in standard support: add the newer ones from the AWS calendar";
    return `"${version}" left EKS standard support on ${ended} (today is ${today}); AWS would upgrade the control plane under the pinned node groups and add-ons: ${move}`;
}

/** The control-plane log types EKS offers; the design enables all five. */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** EKS creates this group itself (with no expiry) unless it exists before the cluster. */
export function controlPlaneLogGroupName(clusterName: string): string {
    return `/aws/eks/${clusterName}/cluster`;
}

/** Where Container Insights' agents write (`application`, `dataplane`, `host`, `performance`, or `*`). */
export function containerInsightsLogGroupName(clusterName: string, kind: string): string {
    return `/aws/containerinsights/${clusterName}/${kind}`;
}

/** The tag the EBS CSI driver puts on every volume it creates; DLM snapshots volumes carrying it. */
export const BACKUP_TAG_KEY = "Backup";
export function backupTagValue(project: string, environment: string): string {
    return `${project}-${environment}-daily`;
}
