/**
 * Reads and writes of user data on "any" resource. iam-scoped-writes lets reads stand on "*" and
 * judges writes only on the literal "*"; neither catches `s3:GetObject` on every bucket's objects,
 * `secretsmanager:GetSecretValue` on every secret, or `kms:Decrypt` on every key. Here a resource
 * pattern is "any" when it matches a resource of the service that no one in this project named
 * (a probe ARN), whatever its region and account: `arn:aws:s3:::openwebui-*` is scoped,
 * `arn:aws:s3:::*` and `arn:aws:secretsmanager:*:123456789012:secret:*` are not.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { asRecord } from "@openwebui-aws/rules/props";
import { documentsOf, Statement } from "./iam";

interface DataClass {
    label: string;
    /** Actions that read or write the data itself. */
    actions: string[];
    /** The resource part (after the fifth colon) of ARNs no statement of this project should match. */
    probes: string[];
    service: string;
    /** Condition keys that narrow a grant to tagged resources; KMS: any condition (kms:ViaService, encryption context). */
    narrows: (conditionKey: string) => boolean;
}

const TAG_KEYS = (key: string) => /^(aws:ResourceTag\/|s3:ExistingObjectTag\/|secretsmanager:ResourceTag\/|ssm:resourceTag\/)/i.test(key);

export const DATA_CLASSES: readonly DataClass[] = [
    {
        label: "S3 objects of any bucket",
        service: "s3",
        actions: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:RestoreObject", "s3:ReplicateObject", "s3:ListBucket"],
        probes: ["zz-someone-elses-bucket/any/key", "zz-someone-elses-bucket"],
        narrows: TAG_KEYS,
    },
    {
        label: "any secret's value",
        service: "secretsmanager",
        actions: ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue", "secretsmanager:PutSecretValue"],
        probes: ["secret:zz-someone-elses-secret-AbCdEf"],
        narrows: TAG_KEYS,
    },
    {
        label: "data under any KMS key",
        service: "kms",
        actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
        probes: ["key/00000000-0000-0000-0000-00000000zzzz"],
        narrows: () => true,
    },
    {
        label: "any SSM parameter",
        service: "ssm",
        actions: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:PutParameter"],
        probes: ["parameter/zz/someone-elses/parameter"],
        narrows: TAG_KEYS,
    },
    {
        label: "items of any DynamoDB table",
        service: "dynamodb",
        actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
        probes: ["table/zz-someone-elses-table"],
        narrows: TAG_KEYS,
    },
];

/** IAM's wildcards: `*` any run of characters, `?` one character. */
function glob(pattern: string, flags = ""): RegExp {
    return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, flags);
}

/** True when the resource pattern matches one of the probes, in any region and account. */
function matchesAny(pattern: string, data: DataClass): boolean {
    if (pattern === "*") return true;
    const parts = pattern.split(":");
    if (parts.length < 6 || !glob(parts[0]).test("arn") || !glob(parts[2]).test(data.service)) return false;
    const resource = parts.slice(5).join(":");
    return data.probes.some((probe) => glob(resource).test(probe));
}

const list = (value: unknown) => [value ?? []].flat().map(String);

/** The data actions a statement grants, from Action (wildcards expanded) or NotAction (everything not excluded). */
function grantedActions(s: Statement, data: DataClass): string[] {
    const raw = asRecord(s);
    if (raw.NotAction !== undefined) return data.actions.filter((a) => !list(raw.NotAction).some((p) => glob(p, "i").test(a)));
    return data.actions.filter((a) => list(s.Action).some((p) => glob(p, "i").test(a)));
}

export const iamNoWildcardDataAccess: ResourceValidationPolicy = {
    name: "iam-no-wildcard-data-access",
    description:
        "No identity policy (role inline policies, RolePolicy, Policy, user and group policies) grants reads or writes of data (S3 objects, secret values, KMS decrypt/encrypt, SSM parameters, DynamoDB items) on any resource of the service: \"*\", arn:aws:s3:::*, every secret, every key. A Condition on resource tags narrows the grant; for KMS any Condition does. A policy document the preview cannot see is not judged.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        for (const { where, statements } of documentsOf(args.type, args.props)) {
            for (const s of statements.filter((st) => st.Effect !== "Deny")) {
                const raw = asRecord(s);
                const conditionKeys = Object.values(asRecord(raw.Condition)).flatMap((byKey) => Object.keys(asRecord(byKey)));
                for (const data of DATA_CLASSES) {
                    const actions = grantedActions(s, data);
                    if (actions.length === 0 || conditionKeys.some(data.narrows)) continue;
                    const wide = raw.NotResource !== undefined ? [`NotResource ${list(raw.NotResource).join(", ")}`] : list(s.Resource).filter((r) => matchesAny(r, data));
                    if (wide.length > 0) {
                        report(`${where} grants ${actions.join(", ")} on ${wide.join(", ")}, i.e. ${data.label}: name the ARNs this role needs (its own bucket/objects, secret, key)`);
                    }
                }
            }
        }
    },
};
