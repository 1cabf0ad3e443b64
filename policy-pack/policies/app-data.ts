/**
 * Where users' data and its traces go: the WAF's log, the database's logs, and the uploads bucket's
 * key. Checkov asks the same on the equivalent Terraform (CKV2_AWS_31, CKV_AWS_129, CKV_AWS_145).
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { RDS_LOG_EXPORTS, rdsLogGroupName, UPLOADS_BUCKET_TYPE } from "@openwebui-aws/rules/app";
import { hasResourceType, WAF_LOG_GROUP_PREFIX } from "@openwebui-aws/rules/naming";
import { asArray, asRecord } from "@openwebui-aws/rules/props";
import { refersTo } from "./references";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const WAF_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const RDS_INSTANCE = "aws:rds/instance:Instance";
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";

/** Headers a WAF log must never hold: they sign a reader in as the user. */
export const WAF_LOG_REDACTIONS = ["authorization", "cookie"];

export const wafLogging: StackValidationPolicy = {
    name: "waf-logging",
    description: `Every WAF web ACL logs to a CloudWatch log group of the stack named ${WAF_LOG_GROUP_PREFIX}… (log-group-retention holds its retention), with the ${WAF_LOG_REDACTIONS.join(" and ")} headers redacted. Without the log nobody can tune a false positive.`,
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const groups = args.resources.filter((r) => r.type === LOG_GROUP);
        for (const acl of args.resources.filter((r) => r.type === WEB_ACL)) {
            const configs = args.resources.filter((r) => r.type === WAF_LOGGING && refersTo(r, "resourceArn", acl, "arn"));
            if (configs.length === 0) {
                report(`web ACL "${acl.name}" has no logging configuration (aws.wafv2.WebAclLoggingConfiguration)`, acl.urn);
                continue;
            }
            for (const config of configs) {
                const destinations = groups.filter((g) => refersTo(config, "logDestinationConfigs", g, "arn"));
                if (!destinations.some((g) => String(g.props.name ?? "").startsWith(WAF_LOG_GROUP_PREFIX))) {
                    report(`web ACL "${acl.name}" logs to no log group of the stack named ${WAF_LOG_GROUP_PREFIX}… (create one with a retention)`, config.urn);
                }
                const redacted = asArray(config.props.redactedFields).map((f) => String(asRecord(asRecord(f).singleHeader).name ?? "").toLowerCase());
                const missing = WAF_LOG_REDACTIONS.filter((h) => !redacted.includes(h));
                if (missing.length > 0) report(`web ACL "${acl.name}" logs the ${missing.join(" and ")} header in clear: add them to redactedFields`, config.urn);
            }
        }
    },
};

/** Parameters that would write SQL text (users' prompts) to the postgresql log, and the values that do. */
function statementLogging(parameters: unknown): string[] {
    const value = (name: string) => asArray(parameters).map(asRecord).find((p) => p.name === name)?.value;
    const found: string[] = [];
    const logStatement = value("log_statement");
    if (logStatement !== undefined && String(logStatement) !== "none") found.push(`log_statement=${String(logStatement)}`);
    const slow = value("log_min_duration_statement");
    if (slow !== undefined && Number(slow) >= 0) found.push(`log_min_duration_statement=${String(slow)}`);
    return found;
}

export const rdsLogExports: StackValidationPolicy = {
    name: "rds-log-exports",
    description: `RDS PostgreSQL instances export the ${RDS_LOG_EXPORTS.join(" and ")} logs to CloudWatch Logs, into log groups the stack creates (so they expire), and no parameter group of the stack logs SQL statements: they would carry users' prompts.`,
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const groupNames = new Set(args.resources.filter((r) => r.type === LOG_GROUP).map((g) => String(g.props.name ?? "")));
        for (const db of args.resources.filter((r) => r.type === RDS_INSTANCE && String(r.props.engine ?? "").startsWith("postgres"))) {
            const exported = asArray(db.props.enabledCloudwatchLogsExports).map(String);
            const missing = RDS_LOG_EXPORTS.filter((log) => !exported.includes(log));
            if (missing.length > 0) report(`RDS instance "${db.name}" does not export its ${missing.join(" and ")} log (enabledCloudwatchLogsExports)`, db.urn);
            const id = db.props.identifier;
            if (typeof id !== "string") continue;
            for (const log of exported.filter((l) => !groupNames.has(rdsLogGroupName(id, l)))) {
                report(`RDS instance "${db.name}" exports its ${log} log to ${rdsLogGroupName(id, log)}, which the stack does not create: RDS would create it with no retention`, db.urn);
            }
        }
        for (const pg of args.resources.filter((r) => r.type === PARAMETER_GROUP)) {
            const found = statementLogging(pg.props.parameters);
            if (found.length > 0) report(`parameter group "${pg.name}" logs SQL statements (${found.join(", ")}): the postgresql log would hold users' prompts`, pg.urn);
        }
    },
};

export const uploadsBucketKms: StackValidationPolicy = {
    name: "uploads-bucket-kms",
    description: "The uploads bucket (users' files) is encrypted by default with a KMS key (SSE-KMS, kmsMasterKeyId set) and an S3 Bucket Key, like every other store of user data.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const isUploads = (b: PolicyResource) => [b.props.bucket, asRecord(b.props.tags).Name, b.name].some((n) => typeof n === "string" && hasResourceType(n, UPLOADS_BUCKET_TYPE));
        for (const bucket of args.resources.filter((r) => r.type === BUCKET && isUploads(r))) {
            const rules = args.resources
                .filter((r) => r.type === BUCKET_ENCRYPTION && (refersTo(r, "bucket", bucket, "id") || refersTo(r, "bucket", bucket, "bucket")))
                .flatMap((r) => asArray(r.props.rules).map(asRecord));
            const kms = rules.filter((rule) => String(asRecord(rule.applyServerSideEncryptionByDefault).sseAlgorithm ?? "").startsWith("aws:kms"));
            if (kms.length === 0) {
                report(`uploads bucket "${bucket.name}" is not encrypted with a KMS key by default (sseAlgorithm aws:kms)`, bucket.urn);
                continue;
            }
            if (!kms.some((rule) => asRecord(rule.applyServerSideEncryptionByDefault).kmsMasterKeyId !== undefined)) {
                report(`uploads bucket "${bucket.name}" names no key (kmsMasterKeyId): S3 would use the AWS managed key, whose policy the stack cannot write`, bucket.urn);
            }
            if (!kms.some((rule) => rule.bucketKeyEnabled === true)) report(`uploads bucket "${bucket.name}" has no S3 Bucket Key: every object read and write would be a KMS request`, bucket.urn);
        }
    },
};
