/**
 * One way to build an S3 bucket here: owner-enforced, never public, versioned, encrypted by default,
 * reachable over TLS only, with a lifecycle. The backup bucket and the uploads bucket both come from
 * it, so they cannot drift apart. Encryption: SSE-KMS with a Bucket Key when a key is given (the
 * users' uploads), SSE-S3 otherwise (the backup bucket, deviation "backup-bucket-sse-s3").
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTag } from "@openwebui-aws/rules/tags";
import { policyDocument } from "./iam";

export interface HardenedBucketArgs {
    /** Logical name and Name tag, e.g. `openwebui-backup-bucket-dev`. */
    name: string;
    /** Globally unique bucket name. */
    bucket: pulumi.Input<string>;
    lifecycleRules: aws.types.input.s3.BucketLifecycleConfigurationRule[];
    /** `pulumi destroy` leaves the bucket and its objects (the bucket outlives the stack). */
    retainOnDelete: boolean;
    protect: boolean;
    /** SSE-KMS with this key and an S3 Bucket Key; SSE-S3 when absent. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Replicate every object version to a bucket in another region; none when absent. */
    replication?: BucketReplication;
}

/** Where and how a bucket replicates (components/recovery). */
export interface BucketReplication {
    /** The role S3 assumes to replicate. */
    roleArn: pulumi.Input<string>;
    /** The destination bucket's ARN. */
    destinationBucketArn: pulumi.Input<string>;
    /** The destination region's key the replicas are encrypted with. */
    destinationKmsKeyArn: pulumi.Input<string>;
}

export function createHardenedBucket(args: HardenedBucketArgs, parent: pulumi.Resource): aws.s3.Bucket {
    const { name } = args;
    const bucket = new aws.s3.Bucket(name, { bucket: args.bucket, forceDestroy: false, tags: nameTag(name) }, { parent, retainOnDelete: args.retainOnDelete, protect: args.protect });
    const opts = { parent };
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access`,
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        opts,
    );
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
    if (args.replication) replicate(name, bucket, args.replication, versioning, parent);
    new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        {
            bucket: bucket.id,
            rules: [
                args.kmsKeyArn
                    ? // The Bucket Key lets S3 reuse one data key per bucket for a while instead of calling KMS per object.
                      { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }
                    : // SSE-S3: no key policy for restore tooling to satisfy (rules/deviations.ts "backup-bucket-sse-s3").
                      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
            ],
        },
        opts,
    );
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, { bucket: bucket.id, rules: args.lifecycleRules }, opts);
    new aws.s3.BucketPolicy(
        `${name}-policy`,
        {
            bucket: bucket.id,
            policy: policyDocument([
                {
                    Sid: "TlsOnly",
                    Effect: "Deny",
                    Principal: { AWS: "*" },
                    Action: "s3:*",
                    Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ]),
        },
        // A bucket policy written before the public access block could be judged public and refused.
        { parent, dependsOn: [publicAccess] },
    );
    return bucket;
}

/**
 * One rule for the whole bucket: every new version and delete marker, KMS-encrypted objects included,
 * re-encrypted with the destination's key. S3 refuses a replication configuration on a bucket whose
 * versioning is not yet enabled, hence the dependency.
 */
function replicate(name: string, bucket: aws.s3.Bucket, r: BucketReplication, versioning: aws.s3.BucketVersioning, parent: pulumi.Resource): aws.s3.BucketReplicationConfig {
    return new aws.s3.BucketReplicationConfig(
        `${name}-replication`,
        {
            bucket: bucket.id,
            role: r.roleArn,
            rules: [
                {
                    id: "to-recovery-region",
                    status: "Enabled",
                    priority: 1,
                    filter: {},
                    deleteMarkerReplication: { status: "Enabled" },
                    sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
                    destination: { bucket: r.destinationBucketArn, storageClass: "STANDARD", encryptionConfiguration: { replicaKmsKeyId: r.destinationKmsKeyArn } },
                },
            ],
        },
        { parent, dependsOn: [versioning] },
    );
}
