/**
 * RDS automated-backup replication: RDS copies the instance's snapshots and transaction logs into the
 * recovery region, where a point-in-time restore can start an instance (Amazon RDS user guide,
 * "Replicating automated backups to another AWS Region"). The resource lives in the destination
 * region; with @pulumi/aws 7's per-resource `region` it is written beside the instance it copies,
 * still on the stack's own provider (and its default tags).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "@openwebui-aws/rules/naming";
import type { RecoveryCopyTarget } from ".";

export function copyDatabaseBackups(names: Namer, instance: aws.rds.Instance, copy: RecoveryCopyTarget, parent: pulumi.Resource): aws.rds.InstanceAutomatedBackupsReplication {
    return new aws.rds.InstanceAutomatedBackupsReplication(
        names.recovery().of("rds-backups"),
        { region: copy.region, sourceDbInstanceArn: instance.arn, kmsKeyId: copy.kmsKeyArn, retentionPeriod: copy.retentionDays },
        { parent },
    );
}
