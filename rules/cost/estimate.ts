/** The monthly cost model: quantities × the stack region's prices × usage assumptions, as line items. */
import { EKS_STANDARD_SUPPORT_ENDS } from "../eks";
import { splitModelId } from "../bedrock";
import { BEDROCK_PER_MILLION_TOKENS, BEDROCK_REGIONAL_PREMIUM, HOURS_PER_MONTH, PRICES_AS_OF, RegionalPrices, SEOUL } from "./prices";
import { PriceBook, priceBook } from "./regional";
import { NodeGroupQuantity, Quantities } from "./quantities";
import { UsageAssumptions } from "./usage";
import { recoveryCopyLines } from "./recovery-copies";

/**
 * The design's components, for cost by component. A line shared by several (logs, alarms, KMS keys)
 * goes to the one that owns the service: OpenWebUIOps for CloudWatch and keys.
 */
export const COST_COMPONENTS = ["network", "cluster", "ops", "app"] as const;
export type CostComponent = (typeof COST_COMPONENTS)[number];

export interface LineItem {
    component: CostComponent;
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
    /** monthlyUsd split by component. */
    byComponent: Record<CostComponent, number>;
    /**
     * The node groups' EC2 and root volumes at the desired size (in monthlyUsd) and if every group
     * scaled out to its maxSize on its dearest type (not in monthlyUsd): what the autoscaler may
     * spend unasked.
     */
    nodeGroups: { atDesiredUsd: number; atMaxSizeUsd: number; maxSizeTotalUsd: number };
    /** The day the support-window rules were applied to. */
    asOf: string;
    notes: string[];
}

const SEOUL_REGION = "ap-northeast-2";

export class UnknownPriceError extends Error {
    constructor(what: string, book: PriceBook = priceBook(SEOUL_REGION)) {
        super(`no ${book.label} price for ${what} in ${book.region === SEOUL_REGION ? "rules/cost/prices.ts" : "rules/cost/prices-tokyo.ts"}: add it (with its source) before estimating`);
        this.name = "UnknownPriceError";
    }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Log volumes the usage assumptions do not cover, assumed here. A WAF log record is one JSON line
 * per request with its headers (cookie and authorization redacted): about 1.5 KB. RDS exports only
 * errors, checkpoints and upgrades once statement logging is off (rules/app.ts).
 */
export const WAF_LOG_KB_PER_REQUEST = 1.5;
export const RDS_LOG_GB_PER_INSTANCE = 0.5;

function line(component: CostComponent, item: string, quantity: number, unit: string, unitUsd: number, note?: string): LineItem {
    return { component, item, quantity, unit, unitUsd: Math.round(unitUsd * 1e6) / 1e6, monthlyUsd: round2(quantity * unitUsd), note };
}

/** Standard support, unless the upgrade policy allows extended support and the version has left standard. */
export function controlPlaneHourly(version: string | undefined, supportType: string | undefined, asOf: string, table: RegionalPrices = SEOUL): { usd: number; note: string } {
    const ends = version ? (EKS_STANDARD_SUPPORT_ENDS as Record<string, string>)[version] : undefined;
    if (supportType === "STANDARD") {
        return { usd: table.eksStandardHour, note: `upgrade policy STANDARD: never extended${ends ? ` (AWS upgrades ${version} after ${ends})` : ""}` };
    }
    if (!ends) {
        return { usd: table.eksExtendedHour, note: `version ${version ?? "unset"} has no known standard-support window: assumed extended` };
    }
    return asOf >= ends
        ? { usd: table.eksExtendedHour, note: `${version} left standard support on ${ends}: extended support billed` }
        : { usd: table.eksStandardHour, note: `standard until ${ends}, then $${table.eksExtendedHour}/h (upgrade policy ${supportType ?? "unset = EXTENDED"})` };
}

/** Bedrock $ per 1M tokens for an id as LiteLLM calls it: global profiles at the global rate, others +10%. */
export function bedrockTokenPrices(id: string): { input: number; output: number; note: string } {
    const { profile, foundationModel } = splitModelId(id);
    const base = BEDROCK_PER_MILLION_TOKENS[foundationModel];
    if (!base) throw new UnknownPriceError(`Bedrock model ${foundationModel}`);
    const premium = profile === "global" ? 1 : BEDROCK_REGIONAL_PREMIUM;
    return { input: base.input * premium, output: base.output * premium, note: profile === "global" ? "global endpoint" : "Regional endpoint (+10%)" };
}

/**
 * A group's price per node-hour. EKS may start any type the group lists (spot draws on whichever
 * pools have capacity), so a group of several types is priced at the mean of its types for the
 * estimate, with no preference assumed, and at the dearest for the worst case (every group at its
 * maxSize on its dearest type). One type: its price either way.
 */
export function nodeGroupHourly(ng: NodeGroupQuantity, usage: UsageAssumptions, basis: "mean" | "dearest", book: PriceBook = priceBook(SEOUL_REGION)): { type: string; onDemand: number; hourly: number } {
    if (ng.instanceTypes.length === 0) throw new UnknownPriceError(`node group ${ng.name} (no instance type listed)`);
    const prices = ng.instanceTypes.map((type) => {
        const onDemand = book.ec2[type];
        if (onDemand === undefined) throw new UnknownPriceError(`instance type ${type}`, book);
        return { type, onDemand };
    });
    const dearest = prices.reduce((a, b) => (b.onDemand > a.onDemand ? b : a));
    const priced = basis === "dearest" || prices.length === 1 ? dearest : { type: `the mean of ${ng.instanceTypes.join(", ")}`, onDemand: prices.reduce((s, p) => s + p.onDemand, 0) / prices.length };
    const hourly = ng.capacityType === "SPOT" ? priced.onDemand * (1 - usage.spotDiscountPercent / 100) : priced.onDemand;
    return { ...priced, hourly };
}

function nodeGroupLines(ng: NodeGroupQuantity, usage: UsageAssumptions, nodes: number, at: "desired count" | "maxSize", book: PriceBook): LineItem[] {
    const { type, onDemand, hourly } = nodeGroupHourly(ng, usage, at === "maxSize" ? "dearest" : "mean", book);
    const spot = ng.capacityType === "SPOT";
    const priced = ng.instanceTypes.length > 1 ? `priced at ${type}` : undefined;
    const discount = spot ? `on-demand $${Math.round(onDemand * 1e6) / 1e6}/h less the assumed ${usage.spotDiscountPercent}% spot discount` : undefined;
    return [
        line("cluster", `EC2 ${ng.name}: ${nodes} × ${ng.instanceTypes.join("/")} ${spot ? "spot" : "on-demand"}`, nodes * HOURS_PER_MONTH, "instance-h", hourly, [priced, discount, `sized by the ${at}`].filter(Boolean).join("; ")),
        line("cluster", `EBS gp3 root volumes ${ng.name}`, nodes * ng.volumeGb, "GB-mo", book.table.ebsGp3GbMonth, `${nodes} × ${ng.volumeGb} GB`),
    ];
}

const sum = (items: LineItem[]) => round2(items.reduce((total, i) => total + i.monthlyUsd, 0));

/** OpenWebUIApp: RDS or the in-cluster volume, the uploads bucket, WAF, Bedrock tokens. */
function applicationLines(q: Quantities, usage: UsageAssumptions, book: PriceBook): LineItem[] {
    const h = HOURS_PER_MONTH;
    const items: LineItem[] = [];
    for (const db of q.rdsInstances) {
        const deployment = book.rdsHourly(db.instanceClass, db.multiAz);
        if (deployment === undefined) throw new UnknownPriceError(`RDS instance class ${db.instanceClass}`, book);
        const copies = db.multiAz ? 2 : 1;
        // Listed per instance-hour, primary and standby each: a Multi-AZ price is the pair's.
        const hourly = deployment / copies;
        items.push(line("app", `RDS ${db.name}: ${db.instanceClass} PostgreSQL ${db.multiAz ? "Multi-AZ" : "Single-AZ"}`, copies * h, "instance-h", hourly, db.multiAz ? "primary and standby" : undefined));
        items.push(line("app", `RDS gp3 storage ${db.name}`, copies * db.storageGb, "GB-mo", book.table.rdsGp3GbMonth, `${copies} × ${db.storageGb} GB; automated backups up to that size are free`));
        if (db.logExports.length > 0) {
            items.push(line("app", `RDS log exports ${db.name} (${db.logExports.join(", ")})`, RDS_LOG_GB_PER_INSTANCE, "GB", book.table.logsIngestGb, "assumed: vended logs; no SQL text is logged"));
        }
        if (db.managedSecret) items.push(line("app", `Secrets Manager: ${db.name} master password`, 1, "secret-mo", book.table.secretsManagerSecretMonth, "managed and rotated by RDS"));
    }
    if (q.persistentVolumeGb > 0) items.push(line("app", "EBS gp3 persistent volumes (in-cluster Postgres)", q.persistentVolumeGb, "GB-mo", book.table.ebsGp3GbMonth, "its CPU and memory are the nodes'"));
    if (q.inClusterRedis) items.push(line("app", "Redis (Open WebUI websocket state)", 1, "pod", 0, "one pod of the chart's own on the existing nodes: no ElastiCache charge"));
    if (q.uploadsBuckets > 0) items.push(line("app", "S3 uploads bucket storage", usage.uploadsGb, "GB-mo", book.table.s3StandardGbMonth, "assumed"));
    for (const acl of q.webAcls) {
        items.push(line("app", `WAF web ACL ${acl.name}`, 1, "ACL-mo", book.table.wafWebAclMonth));
        items.push(line("app", `WAF rules ${acl.name}`, acl.rules, "rule-mo", book.table.wafRuleMonth, "each rule, and each AWS managed rule group, counts as one"));
        items.push(line("app", `WAF requests ${acl.name}`, usage.wafMillionRequests, "M requests", book.table.wafMillionRequests, "assumed"));
    }
    if (q.wafLogGroups > 0) {
        const gb = round2(q.wafLogGroups * usage.wafMillionRequests * WAF_LOG_KB_PER_REQUEST);
        items.push(line("app", "WAF logs to CloudWatch Logs", gb, "GB", book.table.logsIngestGb, `vended logs: every request inspected × ${WAF_LOG_KB_PER_REQUEST} KB (assumed)`));
    }
    if (q.defaultBedrockModel) {
        const p = bedrockTokenPrices(q.defaultBedrockModel);
        items.push(line("app", `Bedrock input tokens (${q.defaultBedrockModel})`, usage.bedrockInputMillionTokens, "M tokens", p.input, `assumed; ${p.note}`));
        items.push(line("app", `Bedrock output tokens (${q.defaultBedrockModel})`, usage.bedrockOutputMillionTokens, "M tokens", p.output, `assumed; ${p.note}`));
    }
    return items;
}

export function estimate(q: Quantities, usage: UsageAssumptions, asOf: string): Estimate {
    const book = priceBook(q.region ?? SEOUL_REGION);
    const items: LineItem[] = [];
    const h = HOURS_PER_MONTH;

    for (const c of q.clusters) {
        const cp = controlPlaneHourly(c.version, c.supportType, asOf, book.table);
        items.push(line("cluster", `EKS control plane ${c.name} (${c.version ?? "?"})`, h, "cluster-h", cp.usd, cp.note));
    }
    const nodeItems = q.nodeGroups.flatMap((ng) => nodeGroupLines(ng, usage, ng.nodes, "desired count", book));
    items.push(...nodeItems);
    for (const i of q.instances) {
        const hourly = book.ec2[i.instanceType];
        if (hourly === undefined) throw new UnknownPriceError(`instance type ${i.instanceType}`, book);
        items.push(line("network", `EC2 ${i.name}: ${i.instanceType} on-demand`, h, "instance-h", hourly));
        items.push(line("network", `EBS gp3 root volume ${i.name}`, i.volumeGb, "GB-mo", book.table.ebsGp3GbMonth));
    }
    if (q.natGateways > 0) {
        items.push(line("network", "NAT gateway hours", q.natGateways * h, "NAT-h", book.table.natGatewayHour));
        items.push(line("network", "NAT gateway data processed", usage.natProcessedGb, "GB", book.table.natGatewayGb, "assumed"));
    }
    if (q.elasticIps > 0) items.push(line("network", "Public IPv4: Elastic IPs", q.elasticIps, "IP-mo", book.table.publicIpv4Hour * h, "the NAT gateways' or the NAT instance's"));
    if (q.albs > 0) {
        const albIps = q.albs * usage.albPublicIps;
        items.push(line("app", "Public IPv4: ALB addresses", albIps, "IP-mo", book.table.publicIpv4Hour * h, `${usage.albPublicIps} per ALB, assumed`));
        items.push(line("app", "ALB hours", q.albs * h, "ALB-h", book.table.albHour, `${q.albs} ALB the load balancer controller builds for the Ingress`));
        items.push(line("app", "ALB LCUs", q.albs * usage.albLcu * h, "LCU-h", book.table.albLcuHour, "assumed average"));
    }
    items.push(line("network", "Data transfer out to the internet", usage.dataOutGb, "GB", book.table.dataOutGb, "assumed; free tier not counted"));
    items.push(line("ops", "CloudWatch Logs ingestion", usage.logIngestGb, "GB", book.table.logsIngestGb, "assumed: control plane, flow logs, EC2, application"));
    if (q.alarms > 0) items.push(line("ops", "CloudWatch alarms", q.alarms, "alarm-mo", book.table.alarmMonth));
    if (q.containerInsights) {
        items.push(line("ops", "Container Insights performance logs", usage.containerInsightsLogGb, "GB", book.table.logsIngestGb, "assumed"));
        items.push(line("ops", "Container Insights metrics", usage.containerInsightsMetrics, "metric-mo", book.table.customMetricMonth, "assumed count"));
    }
    for (const agent of q.nodeAgents) {
        items.push(line("ops", `CloudWatch agent ${agent.name}: custom metrics`, agent.metrics, "metric-mo", book.table.customMetricMonth, "from its configuration, cluster-wide (hostname omitted)"));
        items.push(line("ops", `CloudWatch agent ${agent.name}: PutMetricData`, round2(agent.putRequestsPerMonth / 1000), "1k requests", book.table.cloudwatchApiThousandRequests, "one call per node per flush, nodes at the desired count"));
    }
    if (q.logMetricFilters > 0) {
        items.push(line("ops", "CloudWatch Logs metric filters: custom metrics", q.logMetricFilters, "metric-mo", book.table.customMetricMonth, "billed only in hours they publish (a match): at most this"));
    }
    if (q.kmsKeys > 0) items.push(line("ops", "KMS customer-managed keys", q.kmsKeys, "key-mo", book.table.kmsKeyMonth, "requests not counted"));
    if (q.backupBuckets > 0) items.push(line("ops", "S3 backup bucket storage", usage.backupGb, "GB-mo", book.table.s3StandardGbMonth, "assumed, all in Standard"));
    if (q.snapshotPolicies > 0) {
        // The policy snapshots the volumes the EBS CSI driver creates (each carries the backup tag):
        // the stack's persistent volume claims. With none (prod: RDS and S3 hold the data) it takes none.
        const volumes = q.persistentVolumeGb;
        const gb = volumes > 0 ? volumes + q.retainedSnapshots * usage.snapshotIncrementGb : 0;
        const note = volumes > 0 ? `${volumes} GB full (the claimed volumes) + ${q.retainedSnapshots} kept incrementals × ${usage.snapshotIncrementGb} GB (assumed)` : "no volume to snapshot: the stack claims no persistent volume";
        items.push(line("ops", "EBS snapshots", Math.round(gb * 100) / 100, "GB-mo", book.table.snapshotGbMonth, note));
    }
    if (q.ecrRepositories > 0) items.push(line("app", "ECR image storage", usage.ecrGb, "GB-mo", book.table.ecrGbMonth, `${q.ecrRepositories} repositories, assumed size`));
    items.push(...applicationLines(q, usage, book));
    if (q.recoveryCopies) {
        const dbGb = q.rdsInstances.reduce((n, db) => n + db.storageGb, 0);
        items.push(...recoveryCopyLines(q.recoveryCopies, usage, dbGb, q.persistentVolumeGb).map((l) => line(l.component, l.item, l.quantity, l.unit, l.unitUsd, l.note)));
    }

    const monthlyUsd = sum(items);
    const atDesiredUsd = sum(nodeItems);
    const atMaxSizeUsd = sum(q.nodeGroups.flatMap((ng) => nodeGroupLines(ng, usage, ng.maxNodes, "maxSize", book)));
    const byComponent = Object.fromEntries(COST_COMPONENTS.map((c) => [c, sum(items.filter((i) => i.component === c))])) as Record<CostComponent, number>;
    return {
        lineItems: items,
        monthlyUsd,
        byComponent,
        nodeGroups: { atDesiredUsd, atMaxSizeUsd, maxSizeTotalUsd: round2(monthlyUsd - atDesiredUsd + atMaxSizeUsd) },
        asOf,
        notes: [
            `${HOURS_PER_MONTH} hours a month, USD before tax, ${book.label} prices of ${PRICES_AS_OF} (${book.region === SEOUL_REGION ? "rules/cost/prices.ts" : "rules/cost/prices-tokyo.ts"})`,
            "Budgets, SNS e-mail (first 1,000/month), the S3 gateway endpoint and data transfer in are free",
        ],
    };
}
