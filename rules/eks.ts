/**
 * EKS facts the program and the policy pack share. Versions follow the AWS calendar in
 * shared/reference (read 2026-11): 1.34 leaves standard support on 2026-12-02, 1.35 on
 * 2027-03-27, 1.36 on 2027-08-02. Review this list when AWS releases or retires a version.
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
