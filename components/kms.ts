/**
 * Key policies written out, never AWS's default. The default lets the account root do `kms:*`,
 * so any IAM principal granted `kms:*` — or `kms:Decrypt` on `*` — could read what the key
 * protects. Here the account administers the key (through IAM, so it stays recoverable) but cannot
 * use it for data; only the named users can.
 */
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement } from "./iam";

/** Management without cryptography: no Encrypt, Decrypt, ReEncrypt or GenerateDataKey. */
export const KEY_ADMIN_ACTIONS = [
    "kms:Create*",
    "kms:Describe*",
    "kms:Enable*",
    "kms:List*",
    "kms:Put*",
    "kms:Update*",
    "kms:Revoke*",
    "kms:Disable*",
    "kms:Get*",
    "kms:Delete*",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
    "kms:RotateKeyOnDemand",
];

/** What a service or role needs to encrypt and decrypt with a symmetric key. */
export const KEY_USER_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

export interface KeyUser {
    sid: string;
    principal: Statement["Principal"];
    actions: string[];
    condition?: Statement["Condition"];
}

export function keyPolicy(accountId: pulumi.Input<string>, users: KeyUser[]): pulumi.Output<string> {
    return policyDocument([
        {
            Sid: "AccountAdministersNotUses",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${accountId}:root` },
            Action: KEY_ADMIN_ACTIONS,
            Resource: "*",
        },
        ...users.map((u) => ({ Sid: u.sid, Effect: "Allow" as const, Principal: u.principal, Action: u.actions, Resource: "*", ...(u.condition ? { Condition: u.condition } : {}) })),
    ]);
}
