/**
 * What prod's deploy role needs beyond its own region for the copies it keeps in the recovery region
 * (components/recovery; issue 23): the two replica buckets' configuration, the recovery key and its
 * alias and DLM's grant on it, and RDS's backup replication, which is started in the destination
 * region against the Seoul instance. Only prod copies (Pulumi.prod.yaml recoveryCopies), so only
 * prod's deploy role gets these.
 */
import * as pulumi from "@pulumi/pulumi";
import { UPLOADS_BUCKET_TYPE } from "@openwebui-aws/rules/app";
import { Environment, Namer, PROJECT } from "@openwebui-aws/rules/naming";
import { RECOVERY_REGION } from "@openwebui-aws/rules/regions";
import type { ReasonedStatement } from "./deploy-permissions";
import { taggedKeyCreation } from "./key-creation";


/** Environments whose stack copies its data to the recovery region. */
export const COPYING_ENVIRONMENTS: readonly Environment[] = ["prod"];

export function recoveryCopyStatements(accountId: pulumi.Input<string>, environment: Environment, region: string): ReasonedStatement[] {
    if (!COPYING_ENVIRONMENTS.includes(environment) || region === RECOVERY_REGION) return [];
    const dr = new Namer(PROJECT, environment).recovery();
    const arn = (service: string, resource: string, r = RECOVERY_REGION) => pulumi.interpolate`arn:aws:${service}:${r}:${accountId}:${resource}`;
    const stackTags = { "aws:ResourceTag/Project": PROJECT, "aws:ResourceTag/Environment": environment };
    return [
        {
            reason: "The Tokyo replica buckets' configuration, never their objects (S3 replication writes those).",
            statement: { Effect: "Allow", Action: "s3:*", Resource: ["backup-bucket", UPLOADS_BUCKET_TYPE].map((t) => pulumi.interpolate`arn:aws:s3:::${dr.of(t)}-${accountId}`) },
        },
        {
            reason: "Create the recovery key in the recovery region only with this stack's tags (as in the stack's own region).",
            statement: taggedKeyCreation(RECOVERY_REGION, environment),
        },
        {
            reason: "Manage (not use for data) this stack's keys in the recovery region, and grant DLM the use of them (a grant for an AWS resource only).",
            statement: {
                Effect: "Allow",
                Action: [
                    "kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:GetKeyRotationStatus", "kms:EnableKeyRotation", "kms:ListResourceTags",
                    "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateKeyDescription",
                    "kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant", "kms:RetireGrant",
                ],
                Resource: arn("kms", "key/*"),
                Condition: { StringEquals: stackTags },
            },
        },
        {
            reason: "The recovery key's alias.",
            statement: { Effect: "Allow", Action: ["kms:CreateAlias", "kms:DeleteAlias"], Resource: arn("kms", `alias/${PROJECT}-*-${environment}-*`) },
        },
        {
            reason: "Alias listing in the recovery region has no resource ARN.",
            statement: { Effect: "Allow", Action: "kms:ListAliases", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": RECOVERY_REGION } } },
        },
        {
            reason: "RDS backup replication: started and stopped in the recovery region, against this stack's instance in its own region and the replicated backups there.",
            statement: {
                Effect: "Allow",
                Action: ["rds:StartDBInstanceAutomatedBackupsReplication", "rds:StopDBInstanceAutomatedBackupsReplication", "rds:DescribeDBInstanceAutomatedBackups"],
                Resource: [arn("rds", `db:${PROJECT}-*-${environment}`, region), arn("rds", "auto-backup:*")],
            },
        },
    ];
}
