import { rdsLogExports, uploadsBucketKms, wafLogging } from "../../policy-pack/policies/app-data";
import { PolicyInput } from "../../sim/policy-runner";
import { assertFlags, assertPasses } from "./helpers";

const urn = (type: string, name: string) => `urn:pulumi:prod::openwebui::openwebui:index:OpenWebUIApp$${type}::${name}`;

describe("policy waf-logging", () => {
    const aclType = "aws:wafv2/webAcl:WebAcl";
    const acl: PolicyInput = { type: aclType, name: "openwebui-waf-prod", urn: urn(aclType, "openwebui-waf-prod"), props: { arn: "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/openwebui-waf-prod/1" } };
    const group = (name: string): PolicyInput => ({ type: "aws:cloudwatch/logGroup:LogGroup", name: "openwebui-waf-lg-prod", props: { name, retentionInDays: 30, arn: `arn:aws:logs:ap-northeast-2:123456789012:log-group:${name}` } });
    const logging = (props: Record<string, unknown>): PolicyInput => ({
        type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
        name: "openwebui-waf-logging-prod",
        props: {
            resourceArn: acl.props.arn,
            logDestinationConfigs: ["arn:aws:logs:ap-northeast-2:123456789012:log-group:aws-waf-logs-openwebui-waf-prod"],
            redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
            ...props,
        },
    });

    it("accepts a web ACL logged to an aws-waf-logs- group of the stack with authorization and cookie redacted", async () => {
        await assertPasses(wafLogging, [acl, group("aws-waf-logs-openwebui-waf-prod"), logging({})]);
        // A preview: the ARN is not known yet, the dependency is.
        const unknownArn = { ...logging({ resourceArn: undefined }), propertyDependencies: { resourceArn: [acl.urn as string] } };
        await assertPasses(wafLogging, [acl, group("aws-waf-logs-openwebui-waf-prod"), unknownArn]);
    });

    it("flags a web ACL without logging, logging elsewhere, or logging the session in clear", async () => {
        await assertFlags(wafLogging, [acl], /has no logging configuration/);
        await assertFlags(wafLogging, [acl, group("openwebui-waf-lg-prod"), logging({ logDestinationConfigs: ["arn:aws:logs:ap-northeast-2:123456789012:log-group:openwebui-waf-lg-prod"] })], /aws-waf-logs-/);
        await assertFlags(wafLogging, [acl, group("aws-waf-logs-openwebui-waf-prod"), logging({ redactedFields: [{ singleHeader: { name: "authorization" } }] })], /cookie header in clear/);
        await assertFlags(wafLogging, [acl, group("aws-waf-logs-openwebui-waf-prod"), logging({ redactedFields: [] })], /authorization and cookie/);
    });

    it("counts only a log group of the stack that this ACL's own configuration names", async () => {
        const noGroup = /web ACL "openwebui-waf-prod" logs to no log group of the stack named aws-waf-logs-/;
        // WAF also takes a Firehose stream named aws-waf-logs-…: not a log group, so no retention is held.
        const stream: PolicyInput = { type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", name: "openwebui-waf-stream-prod", props: { name: "aws-waf-logs-openwebui-waf-prod", arn: "arn:aws:firehose:ap-northeast-2:123456789012:deliverystream/aws-waf-logs-openwebui-waf-prod" } };
        await assertFlags(wafLogging, [acl, stream, logging({ logDestinationConfigs: [stream.props.arn] })], noGroup);
        // A group of the right name that the configuration does not name; a configuration naming a group the stack does not have.
        const other = "arn:aws:logs:ap-northeast-2:123456789012:log-group:openwebui-waf-lg-prod";
        await assertFlags(wafLogging, [acl, group("aws-waf-logs-openwebui-waf-prod"), { ...group("openwebui-waf-lg-prod"), name: "openwebui-other-lg-prod" }, logging({ logDestinationConfigs: [other] })], noGroup);
        await assertFlags(wafLogging, [acl, logging({})], noGroup);
    });

    it("a second ACL is not covered by the first one's configuration", async () => {
        const second: PolicyInput = { ...acl, name: "openwebui-waf-prod-2", urn: urn(aclType, "openwebui-waf-prod-2"), props: { arn: `${acl.props.arn}2` } };
        await assertFlags(wafLogging, [acl, second, group("aws-waf-logs-openwebui-waf-prod"), logging({})], /web ACL "openwebui-waf-prod-2" has no logging configuration/);
    });
});

describe("policy rds-log-exports", () => {
    const db = (props: Record<string, unknown>): PolicyInput => ({
        type: "aws:rds/instance:Instance",
        name: "openwebui-rds-prod",
        props: { engine: "postgres", identifier: "openwebui-rds-prod", enabledCloudwatchLogsExports: ["postgresql", "upgrade"], ...props },
    });
    const groups = ["postgresql", "upgrade"].map((log): PolicyInput => ({ type: "aws:cloudwatch/logGroup:LogGroup", name: `openwebui-rds-lg-prod-${log}`, props: { name: `/aws/rds/instance/openwebui-rds-prod/${log}`, retentionInDays: 30 } }));
    const pg = (parameters: { name: string; value: string }[]): PolicyInput => ({ type: "aws:rds/parameterGroup:ParameterGroup", name: "openwebui-rds-pg-prod", props: { family: "postgres17", parameters } });

    it("accepts both logs exported into groups the stack creates, and a parameter group that logs no statements", async () => {
        await assertPasses(rdsLogExports, [db({}), ...groups, pg([{ name: "log_statement", value: "none" }, { name: "log_min_duration_statement", value: "-1" }])]);
        // Each parameter is read by its name, in any order; one left out is PostgreSQL's default (none, -1).
        await assertPasses(rdsLogExports, [db({}), ...groups, pg([{ name: "log_min_duration_statement", value: "-1" }, { name: "log_statement", value: "none" }])]);
        await assertPasses(rdsLogExports, [db({}), ...groups, pg([{ name: "log_min_duration_statement", value: "-1" }])]);
    });

    it("flags a missing export, a group RDS would create without retention, and statement logging", async () => {
        await assertFlags(rdsLogExports, [db({ enabledCloudwatchLogsExports: undefined }), ...groups], /does not export its postgresql and upgrade log/);
        await assertFlags(rdsLogExports, [db({ enabledCloudwatchLogsExports: ["postgresql"] }), ...groups], /does not export its upgrade log/);
        await assertFlags(rdsLogExports, [db({}), groups[1]], /\/aws\/rds\/instance\/openwebui-rds-prod\/postgresql, which the stack does not create/);
        await assertFlags(rdsLogExports, [db({}), ...groups, pg([{ name: "log_statement", value: "all" }])], /log_statement=all.*users' prompts/);
        await assertFlags(rdsLogExports, [db({}), ...groups, pg([{ name: "log_min_duration_statement", value: "0" }])], /log_min_duration_statement=0/);
    });
});

describe("policy uploads-bucket-kms", () => {
    const bucketType = "aws:s3/bucket:Bucket";
    const bucket = (name: string): PolicyInput => ({ type: bucketType, name, urn: urn(bucketType, name), props: { bucket: `${name}-123456789012`, tags: { Name: name } } });
    const encryption = (bucketName: string, rule: Record<string, unknown>): PolicyInput => ({
        type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        name: `${bucketName}-encryption`,
        props: { bucket: `${bucketName}-123456789012`, rules: [rule] },
    });
    const kms = { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:ap-northeast-2:123456789012:key/k" }, bucketKeyEnabled: true };

    it("accepts SSE-KMS with a named key and a Bucket Key; leaves the backup bucket to its deviation", async () => {
        await assertPasses(uploadsBucketKms, [bucket("openwebui-uploads-bucket-prod"), encryption("openwebui-uploads-bucket-prod", kms)]);
        await assertPasses(uploadsBucketKms, [bucket("openwebui-backup-bucket-prod"), encryption("openwebui-backup-bucket-prod", { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } })]);
    });

    it("flags SSE-S3, the AWS managed key, and a missing Bucket Key on the uploads bucket", async () => {
        const uploads = "openwebui-uploads-bucket-prod";
        await assertFlags(uploadsBucketKms, [bucket(uploads), encryption(uploads, { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } })], /not encrypted with a KMS key/);
        await assertFlags(uploadsBucketKms, [bucket(uploads)], /not encrypted with a KMS key/);
        await assertFlags(uploadsBucketKms, [bucket(uploads), encryption(uploads, { ...kms, applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } })], /names no key/);
        await assertFlags(uploadsBucketKms, [bucket(uploads), encryption(uploads, { ...kms, bucketKeyEnabled: false })], /no S3 Bucket Key/);
    });
});
