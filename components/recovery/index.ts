/**
 * OpenWebUIRecovery — design §백업 및 재해 복구 계획, third scenario (타 리전 복구): what prod keeps in
 * the recovery region so that a stack there can restore from it. Built on the recovery region's
 * provider, before OpenWebUIOps and OpenWebUIApp, because their copies point here: the key every copy
 * is encrypted with, the two replica buckets, and the role S3 replication acts as. The Seoul side of
 * each copy (the buckets' replication rules, DLM's cross-region copy, RDS's backup replication) is
 * built by the component that owns the source, from a RecoveryCopyTarget.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { UPLOADS_BUCKET_TYPE } from "@openwebui-aws/rules/app";
import { RECOVERY_KEY_TYPE } from "@openwebui-aws/rules/cost/recovery-copies";
import { Namer } from "@openwebui-aws/rules/naming";
import { nameTag } from "@openwebui-aws/rules/tags";
import { createHardenedBucket } from "../buckets";
import { createRole, serviceTrust, workloadBoundaryArn } from "../iam";
import { keyPolicy } from "../kms";
import { recoveryKeyUsers, replicationStatements, sourceBucketArns } from "./grants";

/** Where a source component sends its copy: handed to OpenWebUIOps (backups) and OpenWebUIApp (uploads, database). */
export interface RecoveryCopyTarget {
    /** The recovery region the copies land in (ap-northeast-1). Required. */
    region: string;
    /** The recovery region's key that encrypts every copy (OpenWebUIRecovery.kmsKeyArn). Required. */
    kmsKeyArn: pulumi.Input<string>;
    /** Days the EBS snapshot copies and the replicated database backups are kept. Required. */
    retentionDays: number;
    /** The role S3 replication assumes (OpenWebUIRecovery.replicationRoleArn). Required. */
    replicationRoleArn: pulumi.Input<string>;
    /** The recovery-region bucket the component's own bucket replicates to (an OpenWebUIRecovery replica ARN). Required. */
    replicaBucketArn: pulumi.Input<string>;
}

export interface OpenWebUIRecoveryArgs {
    /** The primary stack's names; what this component builds takes their recovery marker (`-dr`). Required. */
    names: Namer;
    /** The primary region, where the source buckets and keys live (ap-northeast-2). Required. */
    sourceRegion: string;
    /** The recovery region, the provider's (ap-northeast-1). Required. */
    region: string;
    /** Replicate the users' uploads bucket too (it exists when the app is on). Required. */
    uploads: boolean;
    /** Days a replaced or deleted replica object's old version is kept (as the source backup bucket's). Required. */
    noncurrentExpirationDays: number;
    /** Pulumi `protect` on the replica buckets (as on the source backup bucket). Required. */
    protect: boolean;
}

export class OpenWebUIRecovery extends pulumi.ComponentResource {
    readonly kmsKeyArn: pulumi.Output<string>;
    readonly replicationRoleArn: pulumi.Output<string>;
    readonly backupReplicaBucketName: pulumi.Output<string>;
    readonly backupReplicaBucketArn: pulumi.Output<string>;
    readonly uploadsReplicaBucketName: pulumi.Output<string> | undefined;
    readonly uploadsReplicaBucketArn: pulumi.Output<string> | undefined;

    constructor(name: string, args: OpenWebUIRecoveryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("openwebui:index:OpenWebUIRecovery", name, args, opts);
        const dr = args.names.recovery();
        const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const sources = sourceBucketArns(args.names, accountId, args.uploads);

        // S3 replication: one role for both buckets, so the key policy below names one principal.
        // prod's own role (S3 in the stack's region assumes it for the source buckets): the stack's name.
        const roleName = args.names.of("replication-role");
        const replicaName = (type: string) => pulumi.interpolate`${dr.of(type)}-${accountId}`;
        const replicaArn = (type: string) => pulumi.interpolate`arn:aws:s3:::${replicaName(type)}`;
        const replicaArns = [replicaArn("backup-bucket"), ...(args.uploads ? [replicaArn(UPLOADS_BUCKET_TYPE)] : [])];

        // The role first: the key policy names it, and KMS refuses a principal that does not exist yet.
        const role = createRole(
            {
                name: roleName,
                description: "S3 replication: copies the backup and uploads buckets' versions to the recovery region",
                trust: serviceTrust("s3.amazonaws.com"),
                statements: replicationStatements({ accountId, sourceRegion: args.sourceRegion, region: args.region, sources, replicaArns }),
                permissionsBoundary: workloadBoundaryArn(args.names, this),
            },
            this,
        );
        const keyName = dr.of(RECOVERY_KEY_TYPE);
        const key = new aws.kms.Key(
            keyName,
            {
                description: "Encrypts prod's copies in the recovery region: EBS snapshot copies, S3 replicas, replicated RDS backups",
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: keyPolicy(accountId, recoveryKeyUsers(role.arn, args.region, replicaArns)),
                tags: nameTag(keyName),
            },
            { parent: this, dependsOn: role.ready },
        );
        new aws.kms.Alias(dr.of("recovery-alias"), { name: `alias/${keyName}`, targetKeyId: key.keyId }, { parent: this });

        const replica = (type: string) =>
            createHardenedBucket(
                {
                    name: dr.of(type),
                    bucket: replicaName(type),
                    // The copy outlives the stack like its source: recovery may need it after prod is gone.
                    retainOnDelete: true,
                    protect: args.protect,
                    kmsKeyArn: key.arn,
                    lifecycleRules: [
                        {
                            id: "expire-old-versions",
                            status: "Enabled",
                            filter: {},
                            noncurrentVersionExpiration: { noncurrentDays: args.noncurrentExpirationDays },
                            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                        },
                    ],
                },
                this,
            );
        const backup = replica("backup-bucket");
        const uploads = args.uploads ? replica(UPLOADS_BUCKET_TYPE) : undefined;

        this.kmsKeyArn = key.arn;
        // The ARN carries the role's policy as a dependency: a replication rule handed it waits for both.
        this.replicationRoleArn = pulumi.all([role.arn, ...role.ready.map((r) => r.urn)]).apply(([arn]) => arn);
        this.backupReplicaBucketName = backup.bucket;
        this.backupReplicaBucketArn = backup.arn;
        this.uploadsReplicaBucketName = uploads?.bucket;
        this.uploadsReplicaBucketArn = uploads?.arn;
        this.registerOutputs({
            kmsKeyArn: this.kmsKeyArn,
            replicationRoleArn: this.replicationRoleArn,
            backupReplicaBucketName: this.backupReplicaBucketName,
            uploadsReplicaBucketName: this.uploadsReplicaBucketName,
        });
    }
}
