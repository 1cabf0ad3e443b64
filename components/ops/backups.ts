/**
 * Backups (design §백업 및 재해 복구 계획): daily EBS snapshots of the volumes the EBS CSI driver
 * tags, and the backup bucket for state exports and application backups.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BACKUP_TAG_KEY, backupTagValue } from "@openwebui-aws/rules/eks";
import { Namer } from "@openwebui-aws/rules/naming";
import { SnapshotSchedule } from "@openwebui-aws/rules/ops";
import { nameTag } from "@openwebui-aws/rules/tags";
import { createHardenedBucket } from "../buckets";
import { createRole, managedPolicy, serviceTrust, workloadBoundaryArn } from "../iam";
import type { RecoveryCopyTarget } from "../recovery";
import { createSnapshotCopyGrant } from "../recovery/grants";

export interface BackupArgs {
    names: Namer;
    accountId: pulumi.Input<string>;
    snapshotSchedules: SnapshotSchedule[];
    backupInfrequentAccessDays: number;
    backupGlacierDays: number;
    backupNoncurrentExpirationDays: number;
    /** Copies in the recovery region: every snapshot, and the backup bucket's objects. */
    recoveryCopy?: RecoveryCopyTarget;
}

/** `openwebui-backup-bucket-<env>-<account>`: bucket names are global, so the account makes it unique. */
export function backupBucketName(names: Namer, accountId: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.interpolate`${names.of("backup-bucket")}-${accountId}`;
}

/** `every-1h-keep-24`, `every-24h-at-1800utc-keep-7`: DLM names allow letters, digits, _ and -. */
export function scheduleName(s: SnapshotSchedule): string {
    return `every-${s.intervalHours}h${s.atUtc ? `-at-${s.atUtc.replace(":", "")}utc` : ""}-keep-${s.keep}`;
}

export function createSnapshotPolicy(args: BackupArgs, parent: pulumi.Resource): aws.dlm.LifecyclePolicy {
    const { names } = args;
    const role = createRole(
        {
            name: names.of("dlm-role"),
            description: "Data Lifecycle Manager: creates and deletes the daily EBS snapshots",
            trust: serviceTrust("dlm.amazonaws.com"),
            managedPolicies: [managedPolicy("service-role/AWSDataLifecycleManagerServiceRole")],
            permissionsBoundary: workloadBoundaryArn(names, parent),
        },
        parent,
    );
    const name = names.of("ebs-snapshot-policy");
    const backupTag = backupTagValue(names.project, names.environment);
    const copy = args.recoveryCopy;
    const copyGrant = copy ? [createSnapshotCopyGrant(names.recovery().of("dlm-grant"), role.arn, copy, parent)] : [];
    return new aws.dlm.LifecyclePolicy(
        name,
        {
            // DLM descriptions allow only letters, digits, spaces, _ and - (no "=").
            description: `Snapshots of volumes tagged ${BACKUP_TAG_KEY} ${backupTag}`,
            executionRoleArn: role.arn,
            state: "ENABLED",
            policyDetails: {
                policyType: "EBS_SNAPSHOT_MANAGEMENT",
                resourceTypes: ["VOLUME"],
                targetTags: { [BACKUP_TAG_KEY]: backupTag },
                schedules: args.snapshotSchedules.map((schedule) => ({
                    name: scheduleName(schedule),
                    createRule: { interval: schedule.intervalHours, intervalUnit: "HOURS", ...(schedule.atUtc ? { times: schedule.atUtc } : {}) },
                    retainRule: { count: schedule.keep },
                    // Snapshots keep the volume's tags (the PVC's namespace and name, the cost tags) for restores.
                    copyTags: true,
                    tagsToAdd: { SnapshotCreator: name },
                    // Every snapshot is also copied to the recovery region, so a region outage loses at
                    // most one interval plus the copy's time.
                    ...(copy ? { crossRegionCopyRules: [{ target: copy.region, encrypted: true, cmkArn: copy.kmsKeyArn, copyTags: true, retainRule: { interval: copy.retentionDays, intervalUnit: "DAYS" } }] } : {}),
                })),
            },
            tags: nameTag(name),
        },
        // With copies, DLM starts only once its role may use the recovery key.
        { parent, dependsOn: [...role.ready, ...copyGrant] },
    );
}

export function createBackupBucket(args: BackupArgs, protect: boolean, parent: pulumi.Resource): aws.s3.Bucket {
    const { names } = args;
    return createHardenedBucket(
        {
            name: names.of("backup-bucket"),
            // Bucket names are global: the account id makes them unique without a random suffix.
            bucket: backupBucketName(names, args.accountId),
            // Backups outlive the stack: `pulumi destroy` leaves the bucket, and prod refuses to delete it.
            retainOnDelete: true,
            protect,
            replication: args.recoveryCopy
                ? { roleArn: args.recoveryCopy.replicationRoleArn, destinationBucketArn: args.recoveryCopy.replicaBucketArn, destinationKmsKeyArn: args.recoveryCopy.kmsKeyArn }
                : undefined,
            lifecycleRules: [
                {
                    id: "tier-down-and-expire-old-versions",
                    status: "Enabled",
                    filter: {},
                    transitions: [
                        { days: args.backupInfrequentAccessDays, storageClass: "STANDARD_IA" },
                        { days: args.backupGlacierDays, storageClass: "GLACIER" },
                    ],
                    noncurrentVersionExpiration: { noncurrentDays: args.backupNoncurrentExpirationDays },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                },
            ],
        },
        parent,
    );
}
