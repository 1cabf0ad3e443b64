/**
 * The recovery point of each copy prod keeps in the recovery region (components/recovery; issue 23):
 * how much of the newest data a Tokyo recovery may lack. Stated here once, for the runbook and tests.
 *
 * - S3 replication without Replication Time Control: "most objects replicate within 15 minutes" is
 *   the figure AWS backs with an SLA only when RTC is on (+$0.015/GB, docs/reference/aws-ap-northeast-1.md
 *   T15); without it AWS promises no bound. Not enabled: the buckets hold backups and user files whose
 *   loss of a few minutes' writes is recoverable, and RTC would add its per-GB fee and metrics.
 * - EBS (DLM cross-region copy): a snapshot is copied once taken, so the recovery point is the
 *   schedule's interval plus the copy's duration (incremental after the first copy).
 * - RDS automated-backup replication: RDS copies snapshots and transaction logs "as soon as they are
 *   ready" (Amazon RDS user guide, "Replicating automated backups to another AWS Region"); RDS ships
 *   transaction logs about every five minutes ("Restoring a DB instance to a specified time": the latest
 *   restorable time is typically within the last five minutes), so minutes plus the copy's duration.
 */
export interface RecoveryPoint {
    store: string;
    /** The bound in minutes, where one can be stated from the configuration; undefined: no AWS bound. */
    minutes?: (snapshotIntervalHours: number) => number | undefined;
    statement: string;
}

export const RECOVERY_POINTS: readonly RecoveryPoint[] = [
    { store: "backup bucket", statement: "S3 replication, no RTC: usually minutes, no AWS bound (RTC would bound 99.99% of objects at 15 minutes)" },
    { store: "uploads bucket", statement: "S3 replication, no RTC: usually minutes, no AWS bound (RTC would bound 99.99% of objects at 15 minutes)" },
    { store: "EBS volumes", minutes: (h) => h * 60, statement: "the shortest DLM schedule's interval plus the copy's duration" },
    { store: "database", minutes: () => 5, statement: "about five minutes of transaction logs plus the copy's duration (RDS backup replication)" },
];
