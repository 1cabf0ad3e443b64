/**
 * Tokyo (ap-northeast-1), the recovery region: the same items as SEOUL in prices.ts, USD before tax,
 * on-demand. Copied from docs/reference/aws-ap-northeast-1.md (gathered 2026-11); T-numbers are its
 * source keys, and each figure keeps the confidence that file gives it (exact / secondary /
 * estimate). Re-check the estimates with the Price List API before quoting to a customer.
 */
import type { RegionalPrices } from "./prices";

export const TOKYO: RegionalPrices = {
    eksStandardHour: 0.1, // T2, T24: secondary ×2
    eksExtendedHour: 0.6, // T24: secondary
    ebsGp3GbMonth: 0.096, // T1, T5 (SKU C8Y3GJZBQTH8T5JV): secondary ×2
    natGatewayHour: 0.062, // T1 (SKU CA23TN2NAN47KGCF), T6/T7 bills: exact
    natGatewayGb: 0.062, // T1 (SKU 3Z2F4ZNXEMZB88ED), T2, T3: secondary ×3
    albHour: 0.0243, // T1 (SKU 98ZU8QNDMR4AS8FJ), T6 bill: exact
    albLcuHour: 0.008, // T1, T4: secondary ×2
    publicIpv4Hour: 0.005, // T3, T4, T26b: secondary ×3
    dataOutGb: 0.114, // first 10 TB, T1 (SKU 9ESU2G5WSY6FMZR3), T2: secondary ×2
    logsIngestGb: 0.76, // T2, T21, T22: secondary ×3 (vended logs: the same rate assumed, estimate)
    alarmMonth: 0.1, // T2, T22: secondary ×2
    customMetricMonth: 0.3, // T2: secondary
    cloudwatchApiThousandRequests: 0.01, // not in the reference for Tokyo: the S20 rate prices.ts uses for Seoul (estimate)
    kmsKeyMonth: 1.0, // T2: secondary
    s3StandardGbMonth: 0.025, // T1, T2, T22: secondary ×3
    snapshotGbMonth: 0.05, // T5 (SKU 4NHX4ZW7X52XZACJ): secondary
    ecrGbMonth: 0.1, // T2: secondary
    rdsGp3GbMonth: 0.138, // T4 (Single-AZ; Multi-AZ 0.276 = 2×, T1 SKU V3SXBAA72P93JFMB): secondary
    secretsManagerSecretMonth: 0.4, // T2, T4: secondary ×2
    wafWebAclMonth: 5.0, // T2 (APN1-WebACL), T25: secondary ×2
    wafRuleMonth: 1.0, // T2 (APN1-Rule), T25: secondary ×2
    wafMillionRequests: 0.6, // T2 (APN1-Request), T25: secondary ×2
};

/** EC2 Linux on-demand $/h in Tokyo. Types without a Tokyo price stop the estimate rather than guess. */
export const TOKYO_EC2_HOURLY: Readonly<Record<string, number>> = {
    "t3.medium": 0.0544, // T1 (SKU 77PTRYZ5MAUP8HU6), T6 bill: exact
    "t3.large": 0.1088, // T11, T10: secondary ×2
    "m5.large": 0.124, // T6 bill: exact
    "m6i.large": 0.124, // T9, derived two ways: estimate
    "m7i.large": 0.1302, // T2: secondary
    "t4g.nano": 0.0054, // T10 + size rule: estimate
    "t4g.medium": 0.0432, // T10 + size rule: estimate
    "t4g.large": 0.0864, // T10, T9: secondary ×2
    "m6g.large": 0.099, // T8 (SKU 2XJBDRXCQP8BJ6ZV), T9: exact
    "m7g.large": 0.1054, // T9: secondary
};

/**
 * RDS for PostgreSQL $/h in Tokyo, Single-AZ and Multi-AZ (one standby). Only db.t4g.micro was found
 * for Tokyo (T4); small and medium are Seoul's price-list figures, which equal Tokyo's wherever both
 * are known (T30, T36): estimate.
 */
export const TOKYO_RDS_INSTANCE_CLASSES: Readonly<Record<string, { singleAz: number; multiAz: number }>> = {
    "db.t4g.micro": { singleAz: 0.025, multiAz: 0.051 }, // T4 (Single: secondary); Multi: the Seoul record T29, estimate
    "db.t4g.small": { singleAz: 0.051, multiAz: 0.102 }, // estimate (T30, 2×)
    "db.t4g.medium": { singleAz: 0.102, multiAz: 0.204 }, // estimate (T30, 2×)
};
