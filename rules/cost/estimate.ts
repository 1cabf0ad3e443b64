/** The monthly cost model: quantities × Seoul prices × usage assumptions, as line items. */
import { EKS_STANDARD_SUPPORT_ENDS } from "../eks";
import { EC2_HOURLY, HOURS_PER_MONTH, PRICES_AS_OF, SEOUL } from "./prices";
import { Quantities } from "./quantities";
import { UsageAssumptions } from "./usage";

export interface LineItem {
    /** What is billed, e.g. "NAT gateway hours". */
    item: string;
    quantity: number;
    unit: string;
    unitUsd: number;
    monthlyUsd: number;
    note?: string;
}

export interface Estimate {
    lineItems: LineItem[];
    monthlyUsd: number;
    /** The day the support-window rules were applied to. */
    asOf: string;
    notes: string[];
}

export class UnknownPriceError extends Error {
    constructor(what: string) {
        super(`no Seoul price for ${what} in lib/cost/prices.ts: add it (with its source) before estimating`);
        this.name = "UnknownPriceError";
    }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function line(item: string, quantity: number, unit: string, unitUsd: number, note?: string): LineItem {
    return { item, quantity, unit, unitUsd: Math.round(unitUsd * 1e6) / 1e6, monthlyUsd: round2(quantity * unitUsd), note };
}

/** Standard support, unless the upgrade policy allows extended support and the version has left standard. */
export function controlPlaneHourly(version: string | undefined, supportType: string | undefined, asOf: string): { usd: number; note: string } {
    const ends = version ? (EKS_STANDARD_SUPPORT_ENDS as Record<string, string>)[version] : undefined;
    if (supportType === "STANDARD") {
        return { usd: SEOUL.eksStandardHour, note: `upgrade policy STANDARD: never extended${ends ? ` (AWS upgrades ${version} after ${ends})` : ""}` };
    }
    if (!ends) {
        return { usd: SEOUL.eksExtendedHour, note: `version ${version ?? "unset"} has no known standard-support window: assumed extended` };
    }
    return asOf >= ends
        ? { usd: SEOUL.eksExtendedHour, note: `${version} left standard support on ${ends}: extended support billed` }
        : { usd: SEOUL.eksStandardHour, note: `standard until ${ends}, then $${SEOUL.eksExtendedHour}/h (upgrade policy ${supportType ?? "unset = EXTENDED"})` };
}

export function estimate(q: Quantities, usage: UsageAssumptions, asOf: string): Estimate {
    const items: LineItem[] = [];
    const h = HOURS_PER_MONTH;

    for (const c of q.clusters) {
        const cp = controlPlaneHourly(c.version, c.supportType, asOf);
        items.push(line(`EKS control plane ${c.name} (${c.version ?? "?"})`, h, "cluster-h", cp.usd, cp.note));
    }
    for (const ng of q.nodeGroups) {
        const onDemand = EC2_HOURLY[ng.instanceType];
        if (onDemand === undefined) throw new UnknownPriceError(`instance type ${ng.instanceType}`);
        const spot = ng.capacityType === "SPOT";
        const hourly = spot ? onDemand * (1 - usage.spotDiscountPercent / 100) : onDemand;
        items.push(
            line(
                `EC2 ${ng.name}: ${ng.nodes} × ${ng.instanceType} ${spot ? "spot" : "on-demand"}`,
                ng.nodes * h,
                "instance-h",
                hourly,
                spot ? `on-demand $${onDemand}/h less the assumed ${usage.spotDiscountPercent}% spot discount; sized by the desired count` : "sized by the desired count",
            ),
        );
        items.push(line(`EBS gp3 root volumes ${ng.name}`, ng.nodes * ng.volumeGb, "GB-mo", SEOUL.ebsGp3GbMonth, `${ng.nodes} × ${ng.volumeGb} GB`));
    }
    for (const i of q.instances) {
        const hourly = EC2_HOURLY[i.instanceType];
        if (hourly === undefined) throw new UnknownPriceError(`instance type ${i.instanceType}`);
        items.push(line(`EC2 ${i.name}: ${i.instanceType} on-demand`, h, "instance-h", hourly));
        items.push(line(`EBS gp3 root volume ${i.name}`, i.volumeGb, "GB-mo", SEOUL.ebsGp3GbMonth));
    }
    if (q.natGateways > 0) {
        items.push(line("NAT gateway hours", q.natGateways * h, "NAT-h", SEOUL.natGatewayHour));
        items.push(line("NAT gateway data processed", usage.natProcessedGb, "GB", SEOUL.natGatewayGb, "assumed"));
    }
    const albIps = usage.albCount * usage.albPublicIps;
    items.push(line("Public IPv4 addresses", q.elasticIps + albIps, "IP-mo", SEOUL.publicIpv4Hour * h, `${q.elasticIps} Elastic IPs + ${albIps} ALB addresses (assumed)`));
    if (usage.albCount > 0) {
        items.push(line("ALB hours", usage.albCount * h, "ALB-h", SEOUL.albHour, "the load balancer controller's ALB (assumed count)"));
        items.push(line("ALB LCUs", usage.albCount * usage.albLcu * h, "LCU-h", SEOUL.albLcuHour, "assumed average"));
    }
    items.push(line("Data transfer out to the internet", usage.dataOutGb, "GB", SEOUL.dataOutGb, "assumed; free tier not counted"));
    items.push(line("CloudWatch Logs ingestion", usage.logIngestGb, "GB", SEOUL.logsIngestGb, "assumed: control plane, flow logs, EC2, application"));
    if (q.alarms > 0) items.push(line("CloudWatch alarms", q.alarms, "alarm-mo", SEOUL.alarmMonth));
    if (q.containerInsights) {
        items.push(line("Container Insights performance logs", usage.containerInsightsLogGb, "GB", SEOUL.logsIngestGb, "assumed"));
        items.push(line("Container Insights metrics", usage.containerInsightsMetrics, "metric-mo", SEOUL.customMetricMonth, "assumed count"));
    }
    if (q.kmsKeys > 0) items.push(line("KMS customer-managed keys", q.kmsKeys, "key-mo", SEOUL.kmsKeyMonth, "requests not counted"));
    if (q.backupBuckets > 0) items.push(line("S3 backup bucket storage", usage.backupGb, "GB-mo", SEOUL.s3StandardGbMonth, "assumed, all in Standard"));
    if (q.snapshotPolicies > 0) {
        const gb = usage.snapshotGb + q.retainedSnapshots * usage.snapshotIncrementGb;
        items.push(line("EBS snapshots", Math.round(gb * 100) / 100, "GB-mo", SEOUL.snapshotGbMonth, `${usage.snapshotGb} GB full + ${q.retainedSnapshots} kept incrementals × ${usage.snapshotIncrementGb} GB (assumed)`));
    }
    if (usage.ecrGb > 0) items.push(line("ECR image storage", usage.ecrGb, "GB-mo", SEOUL.ecrGbMonth, "assumed"));

    return {
        lineItems: items,
        monthlyUsd: round2(items.reduce((sum, i) => sum + i.monthlyUsd, 0)),
        asOf,
        notes: [
            `${HOURS_PER_MONTH} hours a month, USD before tax, Seoul prices of ${PRICES_AS_OF} (lib/cost/prices.ts)`,
            "Budgets, SNS e-mail (first 1,000/month), the S3 gateway endpoint and data transfer in are free",
        ],
    };
}
