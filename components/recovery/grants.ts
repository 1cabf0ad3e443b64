/**
 * Who may use the recovery key and what S3 replication may do, as data: the key policy, the
 * replication role's policy and the DLM role's extra grant are written from the same ARNs.
 *
 * S3 replication of KMS-encrypted objects needs the role to decrypt the source with the source's key
 * and encrypt the replica with the destination's, each through S3 in its own region (Amazon S3 user
 * guide, "Replicating objects created with server-side encryption (SSE-C, SSE-S3, SSE-KMS, DSSE-KMS)").
 * With an S3 Bucket Key on a bucket the encryption context is the bucket's ARN, otherwise the
 * object's; both are allowed. DLM copying a snapshot into another region with a customer managed key
 * needs the key's use and grant creation for AWS resources (Amazon EBS user guide, "Automate
 * cross-Region snapshot copies", DLM's "Permissions for cross-Region copy with KMS keys").
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { UPLOADS_BUCKET_TYPE } from "@openwebui-aws/rules/app";
import { Namer } from "@openwebui-aws/rules/naming";
import { Statement } from "../iam";
import { KeyUser } from "../kms";

export interface SourceBuckets {
    backup: pulumi.Output<string>;
    uploads?: pulumi.Output<string>;
}

/** The primary stack's bucket ARNs; their names follow from the names and the account (ops/backups.ts, app/index.ts). */
export function sourceBucketArns(names: Namer, accountId: pulumi.Input<string>, uploads: boolean): SourceBuckets {
    const arn = (type: string) => pulumi.interpolate`arn:aws:s3:::${names.of(type)}-${accountId}`;
    return { backup: arn("backup-bucket"), uploads: uploads ? arn(UPLOADS_BUCKET_TYPE) : undefined };
}

const bucketContexts = (arns: pulumi.Input<string>[]): pulumi.Input<string>[] => arns.flatMap((arn) => [arn, pulumi.interpolate`${arn}/*`]);

/**
 * The recovery key's one user in its policy: the replication role, through S3 in the recovery region,
 * for the replicas only. DLM's role is created later (OpenWebUIOps) and KMS refuses a key policy that
 * names a role not yet there, so it gets a grant instead (createSnapshotCopyGrant).
 */
export function recoveryKeyUsers(roleArn: pulumi.Input<string>, region: string, replicaArns: pulumi.Input<string>[]): KeyUser[] {
    return [
        {
            sid: "S3ReplicationEncryptsReplicas",
            principal: { AWS: roleArn },
            actions: ["kms:Encrypt", "kms:GenerateDataKey"],
            condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` }, StringLike: { "kms:EncryptionContext:aws:s3:arn": bucketContexts(replicaArns) } },
        },
    ];
}

export interface ReplicationGrants {
    accountId: pulumi.Input<string>;
    sourceRegion: string;
    region: string;
    sources: SourceBuckets;
    replicaArns: pulumi.Input<string>[];
}

/** The replication role: read the sources' versions, write the replicas, decrypt uploads, encrypt replicas. */
export function replicationStatements(g: ReplicationGrants): Statement[] {
    const sources = [g.sources.backup, ...(g.sources.uploads ? [g.sources.uploads] : [])];
    return [
        { Sid: "ReadSourceConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: sources },
        {
            Sid: "ReadSourceVersions",
            Effect: "Allow",
            Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
            Resource: sources.map((s) => pulumi.interpolate`${s}/*`),
        },
        { Sid: "WriteReplicas", Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: g.replicaArns.map((r) => pulumi.interpolate`${r}/*`) },
        ...(g.sources.uploads
            ? [
                  {
                      // The uploads key's id is generated; the conditions hold it to S3 for the uploads bucket.
                      Sid: "DecryptUploads",
                      Effect: "Allow" as const,
                      Action: "kms:Decrypt",
                      Resource: pulumi.interpolate`arn:aws:kms:${g.sourceRegion}:${g.accountId}:key/*`,
                      Condition: {
                          StringEquals: { "kms:ViaService": `s3.${g.sourceRegion}.amazonaws.com` },
                          StringLike: { "kms:EncryptionContext:aws:s3:arn": bucketContexts([g.sources.uploads]) },
                      },
                  },
              ]
            : []),
        {
            // The recovery key names this role, so the role exists first and cannot name the key's id.
            Sid: "EncryptReplicas",
            Effect: "Allow",
            Action: ["kms:Encrypt", "kms:GenerateDataKey"],
            Resource: pulumi.interpolate`arn:aws:kms:${g.region}:${g.accountId}:key/*`,
            Condition: { StringEquals: { "kms:ViaService": `s3.${g.region}.amazonaws.com` }, StringLike: { "kms:EncryptionContext:aws:s3:arn": bucketContexts(g.replicaArns) } },
        },
    ];
}

/** What DLM does with the recovery key while copying a snapshot there, as KMS grant operations. */
export const SNAPSHOT_COPY_GRANT_OPERATIONS = ["Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "DescribeKey", "CreateGrant"];

/** DLM's role may use the recovery key, by a grant made in the key's region once the role exists. */
export function createSnapshotCopyGrant(name: string, roleArn: pulumi.Input<string>, copy: { region: string; kmsKeyArn: pulumi.Input<string> }, parent: pulumi.Resource): aws.kms.Grant {
    return new aws.kms.Grant(name, { name, region: copy.region, keyId: copy.kmsKeyArn, granteePrincipal: roleArn, operations: SNAPSHOT_COPY_GRANT_OPERATIONS }, { parent });
}
