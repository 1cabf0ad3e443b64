import { RECOVERY_REGION } from "@openwebui-aws/rules/regions";
import { ConfigReader } from "./reader";

/** Copies of a primary stack's data in the recovery region (components/recovery); undefined when off. */
export interface RecoveryConfig {
    /** The recovery region the copies go to. */
    region: string;
    /** Days the EBS snapshot copies and the replicated RDS backups are kept. */
    retentionDays: number;
}


// RDS keeps replicated automated backups 1 to 35 days (RDS API StartDBInstanceAutomatedBackupsReplication,
// BackupRetentionPeriod); the same bound serves the snapshot copies.
const MAX_RETENTION_DAYS = 35;

export function readRecoveryConfig(reader: ConfigReader, region: string): RecoveryConfig | undefined {
    const copies = reader.boolean("recoveryCopies");
    const retentionDays = reader.integer("recoveryRetentionDays");
    if (retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS) reader.fail("recoveryRetentionDays", `${retentionDays} is outside 1..${MAX_RETENTION_DAYS}: RDS keeps replicated backups 1 to 35 days`);
    if (!copies) return undefined;
    if (region === RECOVERY_REGION) reader.fail("recoveryCopies", `is true in ${region}, the recovery region itself: only a stack in the primary region copies its data out`);
    return { region: RECOVERY_REGION, retentionDays };
}
