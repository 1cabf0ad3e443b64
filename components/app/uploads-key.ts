/**
 * The users' uploaded files are encrypted with a key of the program's, like every other store of user
 * data (RDS has its own key, Kubernetes secrets theirs): SSE-KMS with an S3 Bucket Key.
 *
 * Only S3, acting for Open WebUI's role on the uploads bucket, may use it: kms:ViaService names S3 in
 * the stack's region and the encryption context names the bucket. With a Bucket Key, S3 asks KMS for
 * a bucket-level key whose encryption context is the bucket's ARN, not the object's (Amazon S3 user
 * guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys", "Changes to note before enabling
 * an S3 Bucket Key"). Writing an object takes kms:GenerateDataKey, reading one (and completing a
 * multipart upload) kms:Decrypt (S3 user guide, "Using server-side encryption with AWS KMS keys").
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "@openwebui-aws/rules/naming";
import { nameTag } from "@openwebui-aws/rules/tags";
import { policyDocument, Statement } from "../iam";
import { keyPolicy } from "../kms";

export const UPLOADS_KEY_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt"] as const;

/** The conditions under which the key may be used at all: through S3, for the uploads bucket. */
export function uploadsKeyConditions(bucketArn: pulumi.Input<string>, region: string): Statement["Condition"] {
    return { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com`, "kms:EncryptionContext:aws:s3:arn": bucketArn } };
}

/** Open WebUI's side of the grant: the two actions, on this key only, through S3 for its bucket. */
export function uploadsKeyStatements(keyArn: pulumi.Input<string>, bucketArn: pulumi.Input<string>, region: string): Statement[] {
    return [{ Sid: "UploadsKeyThroughS3", Effect: "Allow", Action: [...UPLOADS_KEY_ACTIONS], Resource: keyArn, Condition: uploadsKeyConditions(bucketArn, region) }];
}

export interface UploadsKeyArgs {
    names: Namer;
    region: string;
    accountId: pulumi.Input<string>;
    bucketArn: pulumi.Input<string>;
    /** Open WebUI's Pod Identity role: the key's only user. */
    userRole: aws.iam.Role;
    /** S3 replication's role (components/recovery), which reads the uploads to copy them; none when absent. */
    replicationRoleArn?: pulumi.Input<string>;
}

/**
 * The key, its alias, and the role's grant to use it. The grant is a policy of its own because the
 * key policy names the role (KMS refuses a principal that does not exist yet) and the grant names
 * the key: role, then key, then grant.
 */
export function createUploadsKey(a: UploadsKeyArgs, parent: pulumi.Resource): { key: aws.kms.Key; grant: aws.iam.RolePolicy } {
    const keyName = a.names.of("uploads-key");
    const key = new aws.kms.Key(
        keyName,
        {
            description: "Encrypts the Open WebUI uploads bucket (SSE-KMS with a Bucket Key)",
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: keyPolicy(a.accountId, [
                { sid: "OpenWebUIUploadsThroughS3", principal: { AWS: a.userRole.arn }, actions: [...UPLOADS_KEY_ACTIONS], condition: uploadsKeyConditions(a.bucketArn, a.region) },
                // Replication decrypts the source objects only; the replicas get the recovery region's key.
                ...(a.replicationRoleArn
                    ? [{ sid: "ReplicationReadsUploadsThroughS3", principal: { AWS: a.replicationRoleArn }, actions: ["kms:Decrypt"], condition: uploadsKeyConditions(a.bucketArn, a.region) }]
                    : []),
            ]),
            tags: nameTag(keyName),
        },
        { parent },
    );
    new aws.kms.Alias(a.names.of("uploads-alias"), { name: `alias/${keyName}`, targetKeyId: key.keyId }, { parent });
    const grant = new aws.iam.RolePolicy(
        `${a.names.of("webui-role")}-uploads-key`,
        { role: a.userRole.id, policy: policyDocument(uploadsKeyStatements(key.arn, a.bucketArn, a.region)) },
        { parent },
    );
    return { key, grant };
}
