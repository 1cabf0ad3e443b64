/**
 * A stack in the recovery region (Pulumi.dr.yaml) restores prod rather than starting empty: its
 * database from RDS's replicated automated backups, its backup and uploads buckets are prod's
 * replicas there (components/recovery names them as this stack's namer does, so the names agree by
 * construction and need no key of their own). docs/runbook.md scenario C fills the key from prod.
 */
import { REGIONS } from "@openwebui-aws/rules/regions";
import { ConfigReader } from "./reader";

export const DATABASE_BACKUPS_KEY = "recoveryDatabaseBackupsArn";

export interface RestoreConfig {
    /** prod's replicated automated backups in this region (prod's output recoveryDatabaseBackupsArn); undefined without RDS. */
    databaseBackupsArn: string | undefined;
}

/** RDS names replicated automated backups `arn:aws:rds:<region>:<account>:auto-backup:ab-<id>`. */
const backupsArnPattern = (region: string) => new RegExp(`^arn:aws:rds:${region.replace(/-/g, "\\-")}:\\d{12}:auto-backup:ab-[a-z0-9]+$`);

/** Undefined in the primary region (where the key must stay empty); the restore sources in the recovery region. */
export function readRestoreConfig(reader: ConfigReader, region: string, databaseMode: string): RestoreConfig | undefined {
    const arn = reader.optionalString(DATABASE_BACKUPS_KEY) ?? "";
    if (REGIONS[region]?.role !== "recovery") {
        if (arn !== "") reader.fail(DATABASE_BACKUPS_KEY, `is set in ${region}, a primary region: only a stack in the recovery region restores from replicated backups`);
        return undefined;
    }
    if (databaseMode !== "rds") return { databaseBackupsArn: undefined };
    if (arn === "") reader.fail(DATABASE_BACKUPS_KEY, `is empty: a stack in ${region} restores prod's database; set it from \`pulumi stack output recoveryDatabaseBackupsArn -s prod\``);
    if (!backupsArnPattern(region).test(arn)) reader.fail(DATABASE_BACKUPS_KEY, `"${arn}" is not an ARN of replicated automated backups in ${region} (arn:aws:rds:${region}:<account>:auto-backup:ab-<id>)`);
    return { databaseBackupsArn: arn };
}
