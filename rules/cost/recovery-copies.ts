/**
 * What prod's copies in the recovery region cost (issue 23, item 3): the Seoul → Tokyo transfer each
 * copy pays (SEOUL_TO_TOKYO_GB, billed in Seoul), and what the copies then cost in Tokyo: S3 storage
 * and replication PUTs, EBS snapshot storage, RDS backup storage, the recovery key. Read from the
 * resources that make the copies, so the plan and a real preview count the same.
 *
 * docs/reference/aws-ap-northeast-1.md, "Inter-region data transfer": S3 CRR = $0.080/GB + the
 * destination's PUTs + its storage (T15); EBS snapshot copy = $0.080/GB, incremental after the first,
 * then Tokyo snapshot storage (T16); RDS cross-region copies the same $0.080/GB (T14).
 */
import { hasResourceType } from "../naming";
import { asArray, asRecord } from "../props";
import { UPLOADS_BUCKET_TYPE } from "../app";
import { HOURS_PER_MONTH, SEOUL_TO_TOKYO_GB } from "./prices";
import { priceBook } from "./regional";
import type { CostResource } from "./quantities";
import type { UsageAssumptions } from "./usage";

/** Resource type word of the recovery key (components/recovery): priced at the recovery region's rate. */
export const RECOVERY_KEY_TYPE = "recovery-key";

/** S3 PUT/COPY/POST/LIST in Tokyo, $ per 1,000 requests: T1 (SKU XAKHUSC46NWC9PPM), T2: secondary ×2. */
export const TOKYO_S3_PUT_THOUSAND = 0.0047;
/**
 * RDS backup storage in Tokyo, $/GB-month. Replicated automated backups get no free allowance in the
 * destination. Not found for Tokyo: Seoul's price list (T29) and us-east-1 are both $0.095: estimate.
 */
export const TOKYO_RDS_BACKUP_GB_MONTH = 0.095;

export interface RecoveryCopyQuantities {
    /** The region the copies land in. */
    region: string;
    /** Buckets replicated there, by kind. */
    replicatedBuckets: { backup: number; uploads: number };
    /** DLM schedules copying there: how often each runs and how many days the copies are kept. */
    snapshotCopies: { intervalHours: number; retainDays: number }[];
    /** RDS automated backups replicated there: days kept. */
    databaseCopies: { retentionDays: number }[];
    /** Keys encrypting the copies (recovery-key). */
    keys: number;
}

const nameOf = (r: CostResource): string => String(asRecord(r.props.tags).Name ?? r.props.name ?? r.props.bucket ?? "");

export function isRecoveryKey(r: CostResource): boolean {
    return r.type === "aws:kms/key:Key" && hasResourceType(nameOf(r), RECOVERY_KEY_TYPE);
}

const DAYS = { DAYS: 1, WEEKS: 7, MONTHS: 30, YEARS: 365 } as Record<string, number>;

/** The copies a stack makes, or undefined when it makes none. */
export function recoveryCopyQuantities(resources: CostResource[]): RecoveryCopyQuantities | undefined {
    const regions = new Set<string>();
    const replications = resources.filter((r) => r.type === "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
    const uploads = replications.filter((r) => String(r.props.bucket ?? "").includes(UPLOADS_BUCKET_TYPE)).length;
    const snapshotCopies = resources
        .filter((r) => r.type === "aws:dlm/lifecyclePolicy:LifecyclePolicy")
        .flatMap((p) => asArray(asRecord(p.props.policyDetails).schedules).map(asRecord))
        .flatMap((s) =>
            asArray(s.crossRegionCopyRules)
                .map(asRecord)
                .map((rule) => {
                    regions.add(String(rule.target ?? rule.targetRegion));
                    const retain = asRecord(rule.retainRule);
                    return { intervalHours: Number(asRecord(s.createRule).interval ?? 24), retainDays: Number(retain.interval ?? 0) * (DAYS[String(retain.intervalUnit)] ?? 1) };
                }),
        );
    const databaseCopies = resources
        .filter((r) => r.type === "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication")
        .map((r) => {
            if (typeof r.props.region === "string") regions.add(r.props.region);
            return { retentionDays: Number(r.props.retentionPeriod ?? 7) };
        });
    const keys = resources.filter(isRecoveryKey).length;
    if (replications.length + snapshotCopies.length + databaseCopies.length === 0) return undefined;
    return { region: [...regions][0] ?? "ap-northeast-1", replicatedBuckets: { backup: replications.length - uploads, uploads }, snapshotCopies, databaseCopies, keys };
}

export interface RecoveryCopyLine {
    component: "ops" | "app";
    item: string;
    quantity: number;
    unit: string;
    unitUsd: number;
    note?: string;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The copies' lines. Transfer: what each copy moves a month (assumed, usage.ts). Storage: the copies
 * kept in Tokyo at Tokyo's prices. `databaseStorageGb`: the replicated databases' allocated storage,
 * which one full backup in Tokyo roughly equals.
 */
/** volumeGb: the persistent volumes the snapshots are taken of, as the stack claims them. */
export function recoveryCopyLines(c: RecoveryCopyQuantities, usage: UsageAssumptions, databaseStorageGb: number, volumeGb: number): RecoveryCopyLine[] {
    const tokyo = priceBook(c.region);
    const to = `Seoul → ${tokyo.label}`;
    const lines: RecoveryCopyLine[] = [];
    const buckets: [number, "ops" | "app", string, number, number][] = [
        [c.replicatedBuckets.backup, "ops", "backup bucket", usage.backupReplicatedGb, usage.backupGb],
        [c.replicatedBuckets.uploads, "app", "uploads bucket", usage.uploadsReplicatedGb, usage.uploadsGb],
    ];
    for (const [n, component, what, moved, stored] of buckets) {
        if (n === 0) continue;
        lines.push({ component, item: `Recovery copy: S3 replication ${what}, transfer ${to}`, quantity: moved, unit: "GB", unitUsd: SEOUL_TO_TOKYO_GB, note: "assumed GB written a month, each replicated once; no Replication Time Control" });
        lines.push({ component, item: `Recovery copy: S3 replication ${what}, ${tokyo.label} PUTs`, quantity: usage.replicatedThousandObjects, unit: "1k requests", unitUsd: TOKYO_S3_PUT_THOUSAND, note: "assumed objects replicated a month" });
        lines.push({ component, item: `Recovery copy: S3 ${what} replica storage (${tokyo.label})`, quantity: stored, unit: "GB-mo", unitUsd: tokyo.table.s3StandardGbMonth, note: "the source's assumed size, in Standard" });
    }
    if (c.snapshotCopies.length > 0) {
        // Each copy after the first moves only the blocks changed since the previous copy there. No
        // claimed volume, no snapshot, nothing to copy: the lines stay, at zero, to say so.
        const copiesPerMonth = c.snapshotCopies.reduce((sum, s) => sum + HOURS_PER_MONTH / s.intervalHours, 0);
        const kept = c.snapshotCopies.reduce((sum, s) => sum + Math.ceil((s.retainDays * 24) / s.intervalHours), 0);
        const none = "no volume to snapshot: the stack claims no persistent volume";
        lines.push({
            component: "ops",
            item: `Recovery copy: EBS snapshot copies, transfer ${to}`,
            quantity: volumeGb > 0 ? r2(copiesPerMonth * usage.snapshotIncrementGb) : 0,
            unit: "GB",
            unitUsd: SEOUL_TO_TOKYO_GB,
            note: volumeGb > 0 ? `${Math.round(copiesPerMonth)} copies a month × ${usage.snapshotIncrementGb} GB changed (assumed); the first, full copy once` : none,
        });
        lines.push({
            component: "ops",
            item: `Recovery copy: EBS snapshot copies storage (${tokyo.label})`,
            quantity: volumeGb > 0 ? r2(volumeGb + kept * usage.snapshotIncrementGb) : 0,
            unit: "GB-mo",
            unitUsd: tokyo.table.snapshotGbMonth,
            note: volumeGb > 0 ? `${volumeGb} GB full (the claimed volumes) + ${kept} kept copies × ${usage.snapshotIncrementGb} GB (assumed)` : none,
        });
    }
    if (c.databaseCopies.length > 0) {
        lines.push({ component: "app", item: `Recovery copy: RDS automated-backup replication, transfer ${to}`, quantity: usage.databaseReplicatedGb, unit: "GB", unitUsd: SEOUL_TO_TOKYO_GB, note: "assumed: snapshots' changes and transaction logs a month" });
        lines.push({
            component: "app",
            item: `Recovery copy: RDS replicated backups storage (${tokyo.label})`,
            quantity: databaseStorageGb + usage.databaseReplicatedGb,
            unit: "GB-mo",
            unitUsd: TOKYO_RDS_BACKUP_GB_MONTH,
            note: "one full backup (the allocated storage) and a month's changes; no free allowance in the destination",
        });
    }
    if (c.keys > 0) lines.push({ component: "ops", item: `Recovery copy: KMS key (${tokyo.label})`, quantity: c.keys, unit: "key-mo", unitUsd: tokyo.table.kmsKeyMonth, note: "encrypts every copy; requests not counted" });
    return lines;
}
