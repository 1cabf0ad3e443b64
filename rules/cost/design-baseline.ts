/**
 * The design's own cost configurations (docs/reference/aws-environment-design.ko.md, §예상 월 비용),
 * as quantities the cost model can price in Seoul: its baseline (2 × t3.medium on demand, a NAT
 * gateway per AZ, one ALB, 40 GB gp3, 10 GB out, "misc $5" read as 5 GB of logs) and its
 * cost-optimised variant (the same nodes on spot, one NAT gateway). The design priced both at
 * us-east-1 rates and left out public IPv4.
 */
import { Quantities } from "./quantities";
import { DEFAULT_USAGE, UsageAssumptions } from "./usage";

/** The figures the design's table gives, in USD a month at us-east-1 prices. */
export const DESIGN_TABLE_USD = { baseline: 228, costOptimised: 153 } as const;

export const DESIGN_BASELINE: Quantities = {
    clusters: [{ name: "baseline", version: "1.35", supportType: "STANDARD" }],
    nodeGroups: [{ name: "primary", instanceTypes: ["t3.medium"], capacityType: "ON_DEMAND", nodes: 2, maxNodes: 2, volumeGb: 20 }],
    natGateways: 2,
    instances: [],
    elasticIps: 2,
    alarms: 0,
    kmsKeys: 0,
    containerInsights: false,
    backupBuckets: 0,
    snapshotPolicies: 0,
    retainedSnapshots: 0,
    albs: 1,
    rdsInstances: [],
    persistentVolumeGb: 0,
    uploadsBuckets: 0,
    webAcls: [],
    wafLogGroups: 0,
    ecrRepositories: 0,
    inClusterRedis: false,
    nodeAgents: [],
    logMetricFilters: 0,
};

export const DESIGN_COST_OPTIMISED: Quantities = {
    ...DESIGN_BASELINE,
    nodeGroups: [{ ...DESIGN_BASELINE.nodeGroups[0], capacityType: "SPOT" }],
    natGateways: 1,
    elasticIps: 1,
};

/** Only what the design's table counts: an ALB at one LCU with two addresses, 10 GB out, 5 GB of logs; the stack's spot discount. */
export function designUsage(spotDiscountPercent = DEFAULT_USAGE.spotDiscountPercent): UsageAssumptions {
    const none = Object.fromEntries(Object.keys(DEFAULT_USAGE).map((k) => [k, 0])) as unknown as UsageAssumptions;
    return { ...none, spotDiscountPercent, albLcu: 1, albPublicIps: 2, dataOutGb: 10, logIngestGb: 5 };
}
