/**
 * Seoul (ap-northeast-2) prices for the cost model, USD before tax, on-demand unless stated. Copied
 * from docs/reference/aws-ap-northeast-2.md (gathered 2026-11); S-numbers are its source key
 * (S1 price-list offer files read 2026-10-01, S2/S3 real Seoul bills of 2026). Re-check before
 * quoting to a customer.
 */
export const PRICES_AS_OF = "2026-11";
export const PRICE_SOURCE = "docs/reference/aws-ap-northeast-2.md (AWS price list via S1, Seoul bills S2/S3)";
export const HOURS_PER_MONTH = 730;

export const SEOUL = {
    eksStandardHour: 0.1, // S1, S2 bill
    eksExtendedHour: 0.6, // $0.10 + $0.50 extendedSupport, S2 bill
    ebsGp3GbMonth: 0.0912, // S4 SKU MTK7D9SGKGYR3JD6, S2 bill
    natGatewayHour: 0.059, // S1, S2 and S3 bills
    natGatewayGb: 0.059, // S1, S2 bill
    albHour: 0.0225, // S1, S3 bill
    albLcuHour: 0.008, // S1
    publicIpv4Hour: 0.005, // S1, S2 and S3 bills
    dataOutGb: 0.126, // first 10 TB, S1, S6 (the 100 GB/month free tier is shared by all regions: not assumed)
    logsIngestGb: 0.76, // Standard class, S1 (vended logs such as flow logs: the same rate)
    alarmMonth: 0.1, // standard alarm, S1
    customMetricMonth: 0.3, // first 10k metrics, S1
    cloudwatchApiThousandRequests: 0.01, // PutMetricData and other API requests, per 1,000: S20
    kmsKeyMonth: 1.0, // S1
    s3StandardGbMonth: 0.025, // S4 SKU 3JSN7K7UDDNCYCDM, S1, S6
    snapshotGbMonth: 0.05, // S4 SKU JC4HQPKR4ATMSY93, S1
    ecrGbMonth: 0.1, // S1
    // Not in docs/reference (Seoul only lists the platform): each with its own source, below.
    rdsGp3GbMonth: 0.131, // S17; RDS storage, not EBS: Multi-AZ bills it twice
    secretsManagerSecretMonth: 0.4, // S1, S17 (the RDS-managed master password is one secret)
    wafWebAclMonth: 5.0, // S18: the same in every Region
    wafRuleMonth: 1.0, // S18: a managed rule group counts as one rule
    wafMillionRequests: 0.6, // S18
} as const;

/**
 * Not billed by any stack: what object-level logging of the uploads bucket would cost, USD per
 * 100,000 CloudTrail data events (rules/deviations.ts "uploads-no-data-events"). S21, every Region.
 */
export const CLOUDTRAIL_DATA_EVENTS_PER_100K = 0.1;

/** The priced items every supported region has, keyed as SEOUL is. */
export type RegionalPrices = { readonly [K in keyof typeof SEOUL]: number };

/**
 * Seoul → Tokyo data transfer, $/GB, billed on the Seoul side (`APN2-APN1-AWS-Out-Bytes`; Tokyo's
 * incoming line is $0): what every recovery copy (S3 replication, EBS snapshot copy, RDS backup
 * replication) pays per GB it moves. docs/reference/aws-ap-northeast-1.md T13 (a bill line: 2.2915 GB
 * → $0.1833), T14 (price list 2026-10-01): exact.
 */
export const SEOUL_TO_TOKYO_GB = 0.08;

/**
 * Multi-AZ hourly rates the price list gives where they are not exactly twice Single-AZ:
 * docs/reference/aws-ap-northeast-2-app.md K1 (`APN2-Multi-AZUsage:db.t4g.micro` 0.051).
 */
export const RDS_MULTI_AZ_HOURLY: Readonly<Record<string, number>> = {
    "db.t4g.micro": 0.051,
};

/*
 * S17: a Seoul cost model in a public GitHub document that states it read the AWS price-list offer
 *      files for ap-northeast-2 (publications 2026-09-11..10-02, checked 2026-10-05); its NAT, ALB,
 *      IPv4, EBS, S3 and logs figures equal docs/reference/aws-ap-northeast-2.md, which is why it is trusted here.
 * S18: AWS Networking & Content Delivery blog, "Cost-effective ways for securing your web
 *      applications using AWS WAF" ("pricing for AWS WAF is consistent across all AWS Regions"), with
 *      the rates $5/web ACL-month, $1/rule-month, $0.60/million requests from c3x.dev's and
 *      awsnegotiations.com's 2026 summaries of aws.amazon.com/waf/pricing.
 * S20: aws.amazon.com/cloudwatch/pricing, paid tier "API requests", $0.01 per 1,000 (PutMetricData is
 *      one of them), the rate Site24x7's "CloudWatch metrics cost calculation" quotes for GetMetricData
 *      (read 2026-12). Seoul's own rate is not in docs/reference/aws-ap-northeast-2.md: assumed the same.
 * S21: aws.amazon.com/cloudtrail/pricing (read 2026-12): data events (S3 object-level Get, Put,
 *      Delete, List) $0.10 per 100,000 events delivered, every delivery billed; management events'
 *      first copy free, and the last 90 days of them searchable in event history at no charge.
 * S19: clauder-navi.com "Bedrock Claude pricing" (2026): Claude Haiku 4.5 $1 input / $5 output per
 *      1M tokens on the global endpoint, Regional endpoints 10% higher; aws.amazon.com/bedrock/pricing:
 *      cross-Region inference is billed at the source Region's price.
 */

/** RDS for PostgreSQL, Single-AZ, on-demand $/h (S17). Multi-AZ (one standby) is twice this. */
export const RDS_INSTANCE_CLASSES: Readonly<Record<string, number>> = {
    "db.t4g.micro": 0.025,
    "db.t4g.small": 0.051,
    "db.t4g.medium": 0.102,
    "db.t4g.large": 0.203,
};

/** Bedrock on-demand $ per 1M tokens by foundation model, on the global endpoint (S19). */
export const BEDROCK_PER_MILLION_TOKENS: Readonly<Record<string, { input: number; output: number }>> = {
    "anthropic.claude-haiku-4-5-20251001-v1:0": { input: 1.0, output: 5.0 },
};

/** Regional and geographic (apac.) endpoints cost 10% more than global ones (S19). */
export const BEDROCK_REGIONAL_PREMIUM = 1.1;

/** EC2 Linux on-demand $/h. Types without a Seoul price stop the estimate rather than guess. */
export const EC2_HOURLY: Readonly<Record<string, number>> = {
    "t3.medium": 0.052, // S4 SKU G5CAZXC4M5ENHEZN, S2 bill: exact
    "t3.large": 0.104, // S5, S6, S9
    "t3.xlarge": 0.208, // S10
    "m5.large": 0.118, // S10
    "m6i.large": 0.118, // S5, S1
    "m7i.large": 0.1239, // S1
    "t4g.nano": 0.0052, // S10 ("approximate"; = t4g.medium / 8)
    "t4g.medium": 0.0416, // S1, S10
    "t4g.large": 0.0832, // S9, S10
    "m6g.large": 0.094, // S1, S9, S10
    "m7g.large": 0.1003, // S1, S9
    "c6g.large": 0.077, // S9
};
