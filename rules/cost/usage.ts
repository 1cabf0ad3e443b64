/**
 * What the estimate cannot read from the program: traffic, data volumes, model tokens. They are the
 * cost policy's config (policy-pack/config/<stack>.json), with these defaults.
 */
export interface UsageAssumptions {
    /** Typical Seoul spot discount for t3/m5 is 65–70% (reference, S1/S9/S10). */
    spotDiscountPercent: number;
    /** GB a month through the NAT gateways (image pulls, API calls to the internet). */
    natProcessedGb: number;
    /** GB a month out to the internet. */
    dataOutGb: number;
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
    /**
     * GB each later (incremental) snapshot adds: the blocks changed since the one before. The first,
     * full snapshot is the size of the volumes the stack claims (the plan reads them from the program).
     */
    snapshotIncrementGb: number;
    /** GB of container images in ECR. */
    ecrGb: number;
    /** GB of files users uploaded to Open WebUI (S3 Standard). */
    uploadsGb: number;
    /** Million requests a month the WAF inspects. */
    wafMillionRequests: number;
    /** Million input (prompt) tokens a month sent to the default Bedrock model. */
    bedrockInputMillionTokens: number;
    /** Million output tokens a month the default Bedrock model generates. */
    bedrockOutputMillionTokens: number;
    /** GB written to the backup bucket a month: what its replication moves to the recovery region. */
    backupReplicatedGb: number;
    /** GB of files users upload a month: what the uploads bucket's replication moves. */
    uploadsReplicatedGb: number;
    /** Thousand objects replicated a month, over both buckets: the replicas' PUT requests. */
    replicatedThousandObjects: number;
    /** GB a month RDS's backup replication moves: the snapshots' changed blocks and the transaction logs. */
    databaseReplicatedGb: number;
}

export const DEFAULT_USAGE: Readonly<UsageAssumptions> = {
    spotDiscountPercent: 68,
    natProcessedGb: 20,
    dataOutGb: 10,
    albLcu: 1,
    albPublicIps: 2,
    logIngestGb: 5,
    containerInsightsLogGb: 2,
    containerInsightsMetrics: 30,
    backupGb: 10,
    snapshotIncrementGb: 0.2,
    ecrGb: 5,
    uploadsGb: 5,
    wafMillionRequests: 1,
    bedrockInputMillionTokens: 1,
    bedrockOutputMillionTokens: 0.2,
    backupReplicatedGb: 2,
    uploadsReplicatedGb: 2,
    replicatedThousandObjects: 10,
    databaseReplicatedGb: 10,
};

/**
 * The assumptions a stack's policy config gives the cost policy, over these defaults: the same
 * object a real preview hands the policy, so the plan and the preview estimate alike. Returns the
 * problem instead of throwing so callers can name the file.
 */
export function usageFromPolicyConfig(entry: unknown): UsageAssumptions | string {
    const given = entry !== null && typeof entry === "object" ? (entry as Record<string, unknown>) : {};
    const usage = { ...DEFAULT_USAGE };
    for (const name of Object.keys(DEFAULT_USAGE) as (keyof UsageAssumptions)[]) {
        if (given[name] === undefined) continue;
        const value = given[name];
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0) return `${name}: ${JSON.stringify(value)} is not a number ≥ 0`;
        usage[name] = value;
    }
    if (usage.spotDiscountPercent >= 100) return `spotDiscountPercent: ${usage.spotDiscountPercent}% would make spot free`;
    return usage;
}
