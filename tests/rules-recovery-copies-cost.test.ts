/**
 * The recovery copies in the cost model (rules/cost/recovery-copies.ts), on hand-made resources:
 * what is counted as copied to Tokyo, and each line it prices. Prod's own copies are priced in its
 * pinned total (tests/cost.test.ts).
 */
import * as assert from "assert";
import { costResource } from "./fixtures";
import { recoveryCopyLines, recoveryCopyQuantities, TOKYO_RDS_BACKUP_GB_MONTH, TOKYO_S3_PUT_THOUSAND } from "@openwebui-aws/rules/cost/recovery-copies";
import { SEOUL_TO_TOKYO_GB } from "@openwebui-aws/rules/cost/prices";
import { priceBook } from "@openwebui-aws/rules/cost/regional";
import { DEFAULT_USAGE, usageFromPolicyConfig } from "@openwebui-aws/rules/cost/usage";

const r = costResource;
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const DLM = "aws:dlm/lifecyclePolicy:LifecyclePolicy";
const schedule = (interval: number | undefined, rule: Record<string, unknown>) => ({ createRule: interval === undefined ? {} : { interval }, crossRegionCopyRules: [rule] });

describe("rules/cost/recovery-copies: what is copied", () => {
    it("counts replicated buckets by kind, snapshot copies with their interval and days kept, database copies, and the recovery key", () => {
        const q = recoveryCopyQuantities([
            r(REPLICATION, { bucket: "openwebui-uploads-bucket-prod-123" }),
            r(REPLICATION, { bucket: "openwebui-backup-bucket-prod-123" }),
            // The older targetRegion first: it names the region as well as target does.
            r(DLM, { policyDetails: { schedules: [schedule(undefined, { targetRegion: "ap-northeast-1", retainRule: { interval: 3, intervalUnit: "DAYS" } }), schedule(1, { target: "ap-northeast-1", retainRule: { interval: 2, intervalUnit: "WEEKS" } })] } }),
            r("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", { region: "ap-northeast-1", retentionPeriod: 14 }),
            r("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", {}),
            r("aws:kms/key:Key", { tags: { Name: "openwebui-recovery-key-prod-dr" } }),
            r("aws:kms/key:Key", { tags: { Name: "openwebui-kms-prod" } }),
        ]);
        assert.deepStrictEqual(q, {
            region: "ap-northeast-1",
            replicatedBuckets: { backup: 1, uploads: 1 },
            snapshotCopies: [{ intervalHours: 24, retainDays: 3 }, { intervalHours: 1, retainDays: 14 }],
            databaseCopies: [{ retentionDays: 14 }, { retentionDays: 7 }],
            keys: 1,
        });
    });

    it("makes none when nothing is copied, whatever keys exist", () => {
        assert.strictEqual(recoveryCopyQuantities([r("aws:kms/key:Key", { tags: { Name: "openwebui-recovery-key-prod-dr" } }), r(DLM, { policyDetails: { schedules: [{ createRule: { interval: 24 } }] } })]), undefined);
    });
});

describe("rules/cost/recovery-copies: the lines", () => {
    const tokyo = priceBook("ap-northeast-1");
    const usage = { ...DEFAULT_USAGE, backupReplicatedGb: 3, uploadsReplicatedGb: 4, backupGb: 30, uploadsGb: 40, replicatedThousandObjects: 5, snapshotIncrementGb: 2, databaseReplicatedGb: 6 };
    const quantities = (change: object = {}) => ({ region: "ap-northeast-1", replicatedBuckets: { backup: 1, uploads: 0 }, snapshotCopies: [{ intervalHours: 24, retainDays: 7 }, { intervalHours: 1, retainDays: 1 }], databaseCopies: [{ retentionDays: 7 }], keys: 1, ...change });

    it("prices each copy: a bucket's transfer, PUTs and replica storage; snapshots' changes and kept copies; the database's backups; the key", () => {
        const lines = recoveryCopyLines(quantities(), usage, 20, 10).map((l) => [l.component, l.item, l.quantity, l.unit, l.unitUsd]);
        assert.deepStrictEqual(lines, [
            ["ops", "Recovery copy: S3 replication backup bucket, transfer Seoul → Tokyo", 3, "GB", SEOUL_TO_TOKYO_GB],
            ["ops", "Recovery copy: S3 replication backup bucket, Tokyo PUTs", 5, "1k requests", TOKYO_S3_PUT_THOUSAND],
            ["ops", "Recovery copy: S3 backup bucket replica storage (Tokyo)", 30, "GB-mo", tokyo.table.s3StandardGbMonth],
            // 730/24 + 730/1 copies a month × 2 GB; kept: ceil(7×24/24) + ceil(1×24/1) = 31 copies × 2 GB over the 10 GB full.
            ["ops", "Recovery copy: EBS snapshot copies, transfer Seoul → Tokyo", 1520.83, "GB", SEOUL_TO_TOKYO_GB],
            ["ops", "Recovery copy: EBS snapshot copies storage (Tokyo)", 10 + 31 * 2, "GB-mo", tokyo.table.snapshotGbMonth],
            ["app", "Recovery copy: RDS automated-backup replication, transfer Seoul → Tokyo", 6, "GB", SEOUL_TO_TOKYO_GB],
            ["app", "Recovery copy: RDS replicated backups storage (Tokyo)", 26, "GB-mo", TOKYO_RDS_BACKUP_GB_MONTH],
            ["ops", "Recovery copy: KMS key (Tokyo)", 1, "key-mo", tokyo.table.kmsKeyMonth],
        ]);
        assert.strictEqual(tokyo.label, "Tokyo");
    });

    it("keeps the snapshot lines at zero, saying why, when the stack claims no volume; skips what is not copied", () => {
        const lines = recoveryCopyLines(quantities({ replicatedBuckets: { backup: 0, uploads: 1 }, databaseCopies: [], keys: 0 }), usage, 0, 0);
        assert.deepStrictEqual(lines.map((l) => `${l.component} ${l.item} ${l.quantity}`), [
            "app Recovery copy: S3 replication uploads bucket, transfer Seoul → Tokyo 4",
            "app Recovery copy: S3 replication uploads bucket, Tokyo PUTs 5",
            "app Recovery copy: S3 uploads bucket replica storage (Tokyo) 40",
            "ops Recovery copy: EBS snapshot copies, transfer Seoul → Tokyo 0",
            "ops Recovery copy: EBS snapshot copies storage (Tokyo) 0",
        ]);
        assert.ok(lines.slice(3).every((l) => l.note === "no volume to snapshot: the stack claims no persistent volume"));
        assert.deepStrictEqual(recoveryCopyLines(quantities({ replicatedBuckets: { backup: 0, uploads: 0 }, snapshotCopies: [], databaseCopies: [], keys: 0 }), usage, 0, 0), []);
    });
});

describe("rules/cost/usage: assumptions from the cost policy's config", () => {
    it("takes each number ≥ 0 it is given over the default, and refuses anything else, naming it", () => {
        const usage = usageFromPolicyConfig({ natProcessedGb: 0, dataOutGb: 12.5, unknownKey: "ignored" });
        assert.deepStrictEqual(usage, { ...DEFAULT_USAGE, natProcessedGb: 0, dataOutGb: 12.5 });
        assert.deepStrictEqual(usageFromPolicyConfig(undefined), { ...DEFAULT_USAGE });
        assert.deepStrictEqual(usageFromPolicyConfig(null), { ...DEFAULT_USAGE });
        for (const bad of [-1, "3", Infinity, NaN, null]) {
            assert.strictEqual(usageFromPolicyConfig({ dataOutGb: bad }), `dataOutGb: ${JSON.stringify(bad)} is not a number ≥ 0`, String(bad));
        }
        assert.strictEqual(usageFromPolicyConfig({ spotDiscountPercent: 100 }), "spotDiscountPercent: 100% would make spot free");
        assert.deepStrictEqual(usageFromPolicyConfig({ spotDiscountPercent: 99 }), { ...DEFAULT_USAGE, spotDiscountPercent: 99 });
    });
});
