import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { BUDGET_NOTIFICATION_BANDS, BudgetNotificationBand } from "@openwebui-aws/rules/ops";
import { asArray, asRecord } from "@openwebui-aws/rules/props";
import { refersTo } from "./references";

const BUCKET = "aws:s3/bucket:Bucket";

/** True when `setting` (a separate v7 resource) points at `bucket`: by dependency, or by name/id once known. */
function configures(setting: PolicyResource, bucket: PolicyResource): boolean {
    const byDependency = (setting.propertyDependencies.bucket ?? []).some((dep) => dep.urn === bucket.urn);
    const ref = setting.props.bucket;
    return byDependency || (ref !== undefined && (ref === bucket.props.id || ref === bucket.props.bucket));
}

/** What each bucket needs, as the settings resource that provides it and the check on its props. */
const BUCKET_REQUIREMENTS: { type: string; missing: string; ok: (props: Record<string, unknown>) => boolean }[] = [
    {
        type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        missing: "a public access block with all four settings on",
        ok: (p) => ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((k) => p[k] === true),
    },
    {
        type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        missing: "default server-side encryption",
        ok: (p) => asArray(p.rules).some((r) => Boolean(asRecord(asRecord(r).applyServerSideEncryptionByDefault).sseAlgorithm)),
    },
    {
        type: "aws:s3/bucketVersioning:BucketVersioning",
        missing: "versioning enabled",
        ok: (p) => asRecord(p.versioningConfiguration).status === "Enabled",
    },
];

export const s3BucketHardening: StackValidationPolicy = {
    name: "s3-bucket-hardening",
    description: "Every S3 bucket blocks public access, encrypts by default and keeps versions (separate resources in @pulumi/aws v7, tied to their bucket here).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        for (const bucket of args.resources.filter((r) => r.type === BUCKET)) {
            for (const need of BUCKET_REQUIREMENTS) {
                const settings = args.resources.filter((r) => r.type === need.type && configures(r, bucket));
                if (!settings.some((s) => need.ok(s.props))) report(`bucket "${bucket.name}" lacks ${need.missing}`, bucket.urn);
            }
        }
    },
};

export const snsTopicEncrypted: ResourceValidationPolicy = {
    name: "sns-topic-encrypted",
    description: "SNS topics are encrypted with a KMS key.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type === "aws:sns/topic:Topic" && !args.props.kmsMasterKeyId) report("topic is not encrypted (kmsMasterKeyId unset)");
    },
};

export const alarmHasAction: ResourceValidationPolicy = {
    name: "alarm-has-action",
    description: "Every CloudWatch alarm notifies someone when it fires.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== "aws:cloudwatch/metricAlarm:MetricAlarm") return;
        if (args.props.actionsEnabled === false) report("alarm actions are disabled");
        if (asArray(args.props.alarmActions).length === 0) report("alarm has no alarmActions: it would fire silently");
    },
};

const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIBERS: Readonly<Record<string, string>> = {
    "aws:sns/topicSubscription:TopicSubscription": "topic",
    "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": "snsTopicArns",
};


/**
 * An alarm with an action still fires silently when its topic has no subscriber: the topic must
 * reach someone (an e-mail or SMS subscription, or a Chatbot Slack channel).
 */
export const alarmTopicsSubscribed: StackValidationPolicy = {
    name: "alarm-topics-subscribed",
    description:
        "Every SNS topic a CloudWatch alarm notifies has a subscriber in the stack (a subscription or a Chatbot channel); topics are matched by property dependency in a preview, by ARN once known, so an unknown ARN is never taken for a subscriber.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const topics = args.resources.filter((r) => r.type === TOPIC);
        const alarms = args.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
        const notified = topics.filter((t) => alarms.some((a) => refersTo(a, "alarmActions", t, "arn")));
        for (const topic of notified) {
            const subscribed = args.resources.some((r) => SUBSCRIBERS[r.type] !== undefined && refersTo(r, SUBSCRIBERS[r.type], topic, "arn"));
            if (!subscribed) report(`${topic.name}: alarms notify it, but no subscription or Chatbot channel of the stack reads it; alerts would reach no one (alertEmails, alertSmsNumbers or a Slack channel)`);
        }
    },
};

interface BudgetRules {
    notifications: BudgetNotificationBand[];
}

/**
 * Checks the bands, not the numbers: a stack may warn at 70% instead of the design's 80% (its
 * budgetWarningPercent), but it may not leave a level without a subscriber.
 */
export const budgetNotifiesAtThresholds: ResourceValidationPolicy = {
    name: "budget-notifies-at-thresholds",
    description: "Cost budgets notify a subscriber early (actual, below 100%), at the limit (actual, 100%) and on a forecast overrun (forecast, 100-200%).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            notifications: {
                type: "array",
                items: {
                    type: "object",
                    properties: {
                        notificationType: { type: "string", enum: ["ACTUAL", "FORECASTED"] },
                        minPercent: { type: "number" },
                        maxPercent: { type: "number" },
                    },
                    required: ["notificationType", "minPercent", "maxPercent"],
                },
                default: BUDGET_NOTIFICATION_BANDS.map((band) => ({ ...band })),
            },
        },
    },
    validateResource: (args, report) => {
        if (args.type !== "aws:budgets/budget:Budget") return;
        const { notifications: required } = args.getConfig<BudgetRules>();
        const present = asArray(args.props.notifications).map(asRecord);
        for (const band of required) {
            const match = present.find(
                (n) =>
                    Number(n.threshold) >= band.minPercent &&
                    Number(n.threshold) <= band.maxPercent &&
                    n.notificationType === band.notificationType &&
                    n.thresholdType === "PERCENTAGE" &&
                    asArray(n.subscriberSnsTopicArns).length + asArray(n.subscriberEmailAddresses).length > 0,
            );
            const range = band.minPercent === band.maxPercent ? `${band.minPercent}%` : `${band.minPercent}-${band.maxPercent}%`;
            if (!match) report(`no ${band.notificationType} notification with a subscriber at ${range}`);
        }
    },
};

/**
 * The design's recovery point for volumes: some DLM schedule snapshots them at least this often.
 * The pack config sets it per stack (prod: 1 hour, the design's RPO).
 */
export const ebsSnapshotRecoveryPoint: StackValidationPolicy = {
    name: "ebs-snapshot-recovery-point",
    description:
        "EBS volumes are snapshotted by an ENABLED DLM policy at least every maxRecoveryPointHours (the design's RPO); a disabled policy (DLM's state, ENABLED when unset) counts as none.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxRecoveryPointHours: { type: "number", minimum: 1, default: 24 } } },
    validateStack: (args, report) => {
        const { maxRecoveryPointHours } = args.getConfig<{ maxRecoveryPointHours: number }>();
        const policies = args.resources.filter((r) => r.type === "aws:dlm/lifecyclePolicy:LifecyclePolicy");
        for (const p of policies.filter((r) => r.props.state === "DISABLED")) report(`${p.name} is DISABLED: it takes no snapshots; set state ENABLED`);
        const intervals = policies
            .filter((r) => r.props.state !== "DISABLED")
            .flatMap((r) => asArray(asRecord(r.props.policyDetails).schedules))
            .map((s) => asRecord(asRecord(s).createRule))
            // DLM's intervals are in hours (its only IntervalUnit); a cron schedule has no interval to judge.
            .filter((rule) => rule.interval !== undefined)
            .map((rule) => Number(rule.interval));
        if (intervals.length === 0) {
            report("no DLM snapshot schedule with an interval: volumes have no recovery point the pack can check (a cron schedule's is not judged)");
        } else if (Math.min(...intervals) > maxRecoveryPointHours) {
            report(`the most frequent snapshot schedule runs every ${Math.min(...intervals)} h; the recovery point must be ${maxRecoveryPointHours} h or less`);
        }
    },
};
