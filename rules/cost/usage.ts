/**
 * What the estimate cannot read from the program: traffic, data volumes and the load balancer the
 * controller creates. Each is stack config (`openwebui:cost<Name>`) with these defaults.
 */
export interface UsageAssumptions {
    /** Typical Seoul spot discount for t3/m5 is 65–70% (reference, S1/S9/S10). */
    spotDiscountPercent: number;
    /** GB a month through the NAT gateways (image pulls, API calls to the internet). */
    natProcessedGb: number;
    /** GB a month out to the internet. */
    dataOutGb: number;
    /** ALBs the load balancer controller creates for the Ingresses. */
    albCount: number;
    /** Average LCUs per ALB. */
    albLcu: number;
    /** Public IPv4 addresses per ALB (one per AZ it spans). */
    albPublicIps: number;
    /** GB a month ingested into CloudWatch Logs: control plane, flow logs, EC2 and application. */
    logIngestGb: number;
    /** GB a month of Container Insights performance log events. */
    containerInsightsLogGb: number;
    /** Container Insights metrics billed as custom metrics. */
    containerInsightsMetrics: number;
    /** GB stored in the backup bucket (Standard). */
    backupGb: number;
    /** GB of EBS snapshot storage (the first snapshot is full, later ones incremental). */
    snapshotGb: number;
    /** GB of container images in ECR. */
    ecrGb: number;
}

export const DEFAULT_USAGE: Readonly<UsageAssumptions> = {
    spotDiscountPercent: 68,
    natProcessedGb: 20,
    dataOutGb: 10,
    albCount: 1,
    albLcu: 1,
    albPublicIps: 2,
    logIngestGb: 5,
    containerInsightsLogGb: 2,
    containerInsightsMetrics: 30,
    backupGb: 10,
    snapshotGb: 20,
    ecrGb: 5,
};

/** `natProcessedGb` → `costNatProcessedGb`: the config key of each assumption. */
export function usageConfigKey(name: keyof UsageAssumptions): string {
    return `cost${name[0].toUpperCase()}${name.slice(1)}`;
}
