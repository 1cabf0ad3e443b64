import * as assert from "assert";
import { logGroupRetention } from "../../policy-pack/policies/logging";
import { alarmHasAction, alarmTopicsSubscribed, budgetNotifiesAtThresholds, ebsSnapshotRecoveryPoint, s3BucketHardening, snsTopicEncrypted } from "../../policy-pack/policies/ops";
import { fromRecording, loadPackConfig, PolicyInput } from "../../sim/policy-runner";
import { stackRun } from "../helpers";
import { assertFlags, assertPasses, check } from "./helpers";
import { previewProps, UNKNOWN_STRING } from "./stack-inputs";

describe("policy log-group-retention", () => {
    const group = (retentionInDays?: number) => ({
        type: "aws:cloudwatch/logGroup:LogGroup",
        name: "openwebui-application-lg-dev",
        props: { name: "/aws/application/openwebui-dev", retentionInDays },
    });

    it("accepts the design's 30 days and flags a group that never expires", async () => {
        await assertPasses(logGroupRetention, [group(30)]);
        await assertFlags(logGroupRetention, [group(undefined)], /no retention/);
        await assertFlags(logGroupRetention, [group(0)], /no retention/);
    });

    it("flags retention outside the pack's bounds (default 30–365 days), and follows the stack's bounds", async () => {
        await assertFlags(logGroupRetention, [group(7)], /keeps logs 7 days, outside \[30, 365\]/);
        await assertFlags(logGroupRetention, [group(3653)], /outside \[30, 365\]/);
        await assertPasses(logGroupRetention, [group(7)], { "log-group-retention": { minDays: 7 } });
    });

    it("takes both bounds as allowed, and names a group by its logical name when the program leaves its name to AWS", async () => {
        await assertPasses(logGroupRetention, [group(365)]);
        const unnamed = { ...group(undefined), props: {} };
        assert.deepStrictEqual((await check(logGroupRetention, [unnamed])).map((v) => v.message), ['log group "openwebui-application-lg-dev" has no retention (logs would never expire)']);
    });
});

describe("policy s3-bucket-hardening", () => {
    const bucketUrn = "urn:pulumi:dev::openwebui::aws:s3/bucket:Bucket::openwebui-backup-bucket-dev";
    const bucket: PolicyInput = { type: "aws:s3/bucket:Bucket", name: "openwebui-backup-bucket-dev", urn: bucketUrn, props: { bucket: "b" } };
    // In a preview a new bucket's id is unknown: the settings are tied to it by dependency.
    const setting = (type: string, props: Record<string, unknown>): PolicyInput => ({
        type: `aws:s3/${type}`,
        name: `s-${type}`,
        props,
        propertyDependencies: { bucket: [bucketUrn] },
    });
    const pab = (on: boolean) =>
        setting("bucketPublicAccessBlock:BucketPublicAccessBlock", { blockPublicAcls: true, blockPublicPolicy: on, ignorePublicAcls: true, restrictPublicBuckets: true });
    const sse = setting("bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", {
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    const versioning = (status: string) => setting("bucketVersioning:BucketVersioning", { versioningConfiguration: { status } });

    it("accepts a bucket with all three settings tied to it", async () => {
        await assertPasses(s3BucketHardening, [bucket, pab(true), sse, versioning("Enabled")]);
    });

    it("flags each missing or weakened setting", async () => {
        await assertFlags(s3BucketHardening, [bucket, sse, versioning("Enabled")], /lacks a public access block/);
        await assertFlags(s3BucketHardening, [bucket, pab(false), sse, versioning("Enabled")], /lacks a public access block/);
        await assertFlags(s3BucketHardening, [bucket, pab(true), versioning("Enabled")], /lacks default server-side encryption/);
        await assertFlags(s3BucketHardening, [bucket, pab(true), sse, versioning("Suspended")], /lacks versioning enabled/);
    });

    it("does not credit one bucket's settings to another", async () => {
        const other: PolicyInput = { ...bucket, name: "other", urn: bucketUrn.replace("openwebui-backup-bucket-dev", "other"), props: { bucket: "o" } };
        const violations = await check(s3BucketHardening, [bucket, other, pab(true), sse, versioning("Enabled")]);
        assert.deepStrictEqual(new Set(violations.map((v) => v.urn)), new Set([other.urn]));
    });

    it("ties a setting by the bucket's name or id once known, and credits a setting tied to nothing to no bucket", async () => {
        const other: PolicyInput = { ...bucket, name: "other", urn: bucketUrn.replace("openwebui-backup-bucket-dev", "other"), props: { bucket: "o", id: "o-id" } };
        const untie = (s: PolicyInput, ref?: string): PolicyInput => ({ ...s, propertyDependencies: {}, props: { ...s.props, bucket: ref } });
        const all = (ref?: string) => [pab(true), sse, versioning("Enabled")].map((s) => untie(s, ref));
        const flagged = async (resources: PolicyInput[]) => new Set((await check(s3BucketHardening, resources)).map((v) => v.urn));
        assert.deepStrictEqual(await flagged([other, ...all("o")]), new Set());
        assert.deepStrictEqual(await flagged([other, ...all("o-id")]), new Set());
        assert.deepStrictEqual(await flagged([bucket, other, ...all("b")]), new Set([other.urn]));
        assert.deepStrictEqual(await flagged([other, ...all(undefined)]), new Set([other.urn]));
    });

    it("ties the program's settings to its bucket: dropping its versioning is caught", async () => {
        const inputs = fromRecording((await stackRun("prod")).resources);
        await assertPasses(s3BucketHardening, inputs, loadPackConfig("prod"));
        const withoutVersioning = inputs.filter((r) => r.type !== "aws:s3/bucketVersioning:BucketVersioning");
        await assertFlags(s3BucketHardening, withoutVersioning, /openwebui-backup-bucket-prod" lacks versioning enabled/);
    });
});

describe("policies sns-topic-encrypted and alarm-has-action", () => {
    it("sns-topic-encrypted flags a topic without a KMS key", async () => {
        const topic = (kmsMasterKeyId?: string) => ({ type: "aws:sns/topic:Topic", name: "openwebui-alerts-topic-dev-warning", props: { kmsMasterKeyId } });
        await assertPasses(snsTopicEncrypted, [topic("arn:aws:kms:ap-northeast-2:123456789012:key/k")]);
        await assertFlags(snsTopicEncrypted, [topic()], /not encrypted/);
    });

    it("alarm-has-action flags an alarm with no action or with actions disabled", async () => {
        const alarm = (props: Record<string, unknown>) => ({ type: "aws:cloudwatch/metricAlarm:MetricAlarm", name: "openwebui-node-cpu-alarm-dev", props });
        await assertPasses(alarmHasAction, [alarm({ alarmActions: ["arn:aws:sns:ap-northeast-2:123456789012:t"] })]);
        await assertFlags(alarmHasAction, [alarm({ alarmActions: [] })], /fire silently/);
        await assertFlags(alarmHasAction, [alarm({ alarmActions: ["arn:t"], actionsEnabled: false })], /disabled/);
    });
});

describe("policy budget-notifies-at-thresholds", () => {
    const note = (threshold: number, notificationType: string, subscriberSnsTopicArns = ["arn:t"]) => ({
        threshold,
        notificationType,
        thresholdType: "PERCENTAGE",
        comparisonOperator: "GREATER_THAN",
        subscriberSnsTopicArns,
    });
    const budget = (notifications: unknown[]) => ({ type: "aws:budgets/budget:Budget", name: "openwebui-monthly-budget-dev", props: { notifications } });
    const design = [note(80, "ACTUAL"), note(100, "ACTUAL"), note(120, "FORECASTED")];

    it("accepts the design's 80% / 100% actual and 120% forecast", async () => {
        await assertPasses(budgetNotifiesAtThresholds, [budget(design)]);
    });

    it("accepts the thresholds a stack configures within the bands (a 70% warning, a 150% forecast)", async () => {
        await assertPasses(budgetNotifiesAtThresholds, [budget([note(70, "ACTUAL"), note(100, "ACTUAL"), note(150, "FORECASTED")])]);
    });

    it("flags a missing level, a wrong type and a notification nobody receives", async () => {
        await assertFlags(budgetNotifiesAtThresholds, [budget(design.slice(0, 2))], /no FORECASTED notification with a subscriber at 100-200%/);
        await assertFlags(budgetNotifiesAtThresholds, [budget([note(80, "ACTUAL"), note(100, "FORECASTED"), note(120, "FORECASTED")])], /no ACTUAL notification with a subscriber at 100%/);
        await assertFlags(budgetNotifiesAtThresholds, [budget([note(80, "ACTUAL", []), ...design.slice(1)])], /no ACTUAL notification with a subscriber at 1-99%/);
        await assertFlags(budgetNotifiesAtThresholds, [budget([note(90, "ACTUAL"), note(95, "ACTUAL"), note(120, "FORECASTED")])], /at 100%/);
    });

    it("takes other bands from the pack's config", async () => {
        const config = { "budget-notifies-at-thresholds": { notifications: [{ notificationType: "ACTUAL", minPercent: 40, maxPercent: 60 }] } };
        await assertPasses(budgetNotifiesAtThresholds, [budget([note(50, "ACTUAL")])], config);
        await assertFlags(budgetNotifiesAtThresholds, [budget(design)], /at 40-60%/, config);
    });

    it("refuses a notification at an absolute amount where a percentage is due", async () => {
        await assertFlags(budgetNotifiesAtThresholds, [budget([...design.slice(0, 2), { ...note(120, "FORECASTED"), thresholdType: "ABSOLUTE_VALUE" }])], /no FORECASTED notification/);
    });
});

describe("policy ebs-snapshot-recovery-point", () => {
    const dlm = (...intervals: number[]) => ({
        type: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
        name: "openwebui-ebs-snapshot-policy-prod",
        props: { policyDetails: { schedules: intervals.map((interval) => ({ createRule: { interval, intervalUnit: "HOURS" }, retainRule: { count: 7 } })) } },
    });
    const prod = { "ebs-snapshot-recovery-point": { maxRecoveryPointHours: 1 } };

    it("accepts prod's hourly schedule beside the daily one, and dev's daily one at the default 24 h", async () => {
        await assertPasses(ebsSnapshotRecoveryPoint, [dlm(1, 24)], prod);
        await assertPasses(ebsSnapshotRecoveryPoint, [dlm(24)]);
    });

    it("flags prod with daily snapshots only, and a stack with no snapshot policy", async () => {
        await assertFlags(ebsSnapshotRecoveryPoint, [dlm(24)], /every 24 h; the recovery point must be 1 h or less/, prod);
        await assertFlags(ebsSnapshotRecoveryPoint, [], /no DLM snapshot schedule/);
    });

    it("flags a disabled policy, whose schedules take no snapshots, and takes ENABLED or unset as on", async () => {
        const disabled = { ...dlm(1, 24), props: { ...dlm(1, 24).props, state: "DISABLED" } };
        await assertFlags(ebsSnapshotRecoveryPoint, [disabled], /is DISABLED: it takes no snapshots/, prod);
        await assertFlags(ebsSnapshotRecoveryPoint, [disabled], /no DLM snapshot schedule/, prod);
        await assertPasses(ebsSnapshotRecoveryPoint, [{ ...dlm(1), props: { ...dlm(1).props, state: "ENABLED" } }], prod);
    });

    it("reads an interval without its unit as hours (DLM's only unit), and does not take a cron schedule for a recovery point", async () => {
        const unitless = { ...dlm(1), props: { policyDetails: { schedules: [{ createRule: { interval: 1 } }] } } };
        await assertPasses(ebsSnapshotRecoveryPoint, [unitless], prod);
        const cron = { ...dlm(1), props: { policyDetails: { schedules: [{ createRule: { cronExpression: "cron(0 * * * ? *)" } }] } } };
        assert.deepStrictEqual((await check(ebsSnapshotRecoveryPoint, [cron], prod)).map((v) => v.message), [
            "no DLM snapshot schedule with an interval: volumes have no recovery point the pack can check (a cron schedule's is not judged)",
        ]);
    });
});

describe("policy alarm-topics-subscribed", () => {
    const urn = (name: string, type: string) => `urn:pulumi:prod::openwebui::${type}::${name}`;
    const topic = { type: "aws:sns/topic:Topic", name: "openwebui-critical-topic-prod", urn: urn("openwebui-critical-topic-prod", "aws:sns/topic:Topic"), props: {} };
    // In a preview the topic's ARN is unknown: the alarm and the subscription name it by dependency.
    const alarm = { type: "aws:cloudwatch/metricAlarm:MetricAlarm", name: "openwebui-node-cpu-alarm-prod", props: { alarmActions: [] }, propertyDependencies: { alarmActions: [topic.urn] } };
    const subscription = { type: "aws:sns/topicSubscription:TopicSubscription", name: "openwebui-critical-email-prod-0", props: { protocol: "email" }, propertyDependencies: { topic: [topic.urn] } };
    const slack = { type: "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration", name: "openwebui-chatbot-prod", props: {}, propertyDependencies: { snsTopicArns: [topic.urn] } };

    it("accepts an alarm topic with an e-mail subscription or a Slack channel, and ignores topics no alarm notifies", async () => {
        await assertPasses(alarmTopicsSubscribed, [topic, alarm, subscription]);
        await assertPasses(alarmTopicsSubscribed, [topic, alarm, slack]);
        await assertPasses(alarmTopicsSubscribed, [topic]);
    });

    it("flags an alarm topic nobody reads, and does not take a subscription to another topic for one", async () => {
        await assertFlags(alarmTopicsSubscribed, [topic, alarm], /openwebui-critical-topic-prod: alarms notify it, but no subscription/);
        const elsewhere = { ...subscription, propertyDependencies: { topic: ["urn:pulumi:prod::openwebui::aws:sns/topic:Topic::openwebui-other-topic-prod"] } };
        await assertFlags(alarmTopicsSubscribed, [topic, alarm, elsewhere], /no subscription or Chatbot channel/);
    });

    it("in a real preview, unknown ARNs neither silence it nor count as a subscriber", async () => {
        // CrossGuard's proxy throws when a policy reads an unknown value; a mandatory policy that lets
        // that throw escape is quietly downgraded to advisory.
        const other = { ...topic, name: "openwebui-info-topic-prod", urn: urn("openwebui-info-topic-prod", "aws:sns/topic:Topic"), props: previewProps({ arn: UNKNOWN_STRING }) };
        const unknownTopic = { ...topic, props: previewProps({ arn: UNKNOWN_STRING }) };
        const unknownAlarm = { ...alarm, props: previewProps({ alarmActions: [UNKNOWN_STRING] }) };
        const toOther = { ...subscription, props: previewProps({ protocol: "email", topic: UNKNOWN_STRING }), propertyDependencies: { topic: [other.urn] } };
        const found = await check(alarmTopicsSubscribed, [other, unknownTopic, unknownAlarm, toOther]);
        assert.deepStrictEqual(found.map((v) => [v.level, /openwebui-critical-topic-prod: alarms notify it/.test(v.message)]), [["mandatory", true]]);
        await assertPasses(alarmTopicsSubscribed, [other, unknownTopic, unknownAlarm, toOther, { ...subscription, props: previewProps({ protocol: "email", topic: UNKNOWN_STRING }) }]);
    });

    it("matches by ARN once it is known", async () => {
        const arn = "arn:aws:sns:ap-northeast-2:123456789012:openwebui-critical-topic-prod";
        const known = { ...topic, props: { arn } };
        await assertPasses(alarmTopicsSubscribed, [known, { ...alarm, props: { alarmActions: [arn] }, propertyDependencies: {} }, { ...subscription, props: { topic: arn }, propertyDependencies: {} }]);
        await assertFlags(alarmTopicsSubscribed, [known, { ...alarm, props: { alarmActions: [arn] }, propertyDependencies: {} }], /alarms notify it/);
    });
});
