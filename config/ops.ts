import { BudgetNotificationRule, DESIGN_BUDGET_NOTIFICATIONS, MAX_BUDGET_THRESHOLD_PERCENT } from "@openwebui-aws/rules/ops";
import { REQUIRED_TAG_KEYS, RequiredTagKey } from "@openwebui-aws/rules/tags";
import { logRetention } from "./network";
import { ConfigReader } from "./reader";

export interface SlackChannel {
    teamId: string;
    channelId: string;
}

export interface OpsConfig {
    budgetMonthlyUsd: number;
    /** Pulumi `protect` on the backup bucket. */
    backupBucketProtect: boolean;
    /** Count only costs carrying this tag with the stack's value (it must be activated for cost allocation). */
    budgetCostAllocationTag?: RequiredTagKey;
    budgetNotifications: BudgetNotificationRule[];
    alertEmails: string[];
    alertSmsNumbers: string[];
    slack?: SlackChannel;
    nodeCpuAlarmPercent: number;
    nodeMemoryAlarmPercent: number;
    podFailureAlarmCount: number;
    logRetentionDays: number;
    /** UTC, HH:MM: DLM schedules in UTC (the design's 03:00 KST is 18:00 UTC). */
    snapshotTimeUtc: string;
    snapshotRetainCount: number;
    backupInfrequentAccessDays: number;
    backupGlacierDays: number;
    backupNoncurrentExpirationDays: number;
}

// Deliberately simple: one @, no spaces, a dot in the domain. SNS sends a confirmation anyway.
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
// E.164, which SNS requires for SMS.
const PHONE = /^\+[1-9]\d{6,14}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

function inRange(reader: ConfigReader, key: string, value: number, min: number, max: number, why: string): number {
    if (!(value > min && value <= max)) reader.fail(key, `${value} is outside (${min}, ${max}]: ${why}`);
    return value;
}

function threshold(reader: ConfigReader, key: string): number {
    return inRange(reader, key, reader.number(key), 0, MAX_BUDGET_THRESHOLD_PERCENT, "a budget threshold is a percentage of the budget");
}

function atLeast(reader: ConfigReader, key: string, min: number): number {
    const n = reader.integer(key);
    if (n < min) reader.fail(key, `${n} is below ${min}`);
    return n;
}

export function readOpsConfig(reader: ConfigReader): OpsConfig {
    const budgetMonthlyUsd = reader.integer("budgetMonthlyUsd");
    if (budgetMonthlyUsd <= 0) reader.fail("budgetMonthlyUsd", `${budgetMonthlyUsd} is not a positive amount of USD`);

    const tag = reader.optionalString("budgetCostAllocationTag");
    if (tag !== undefined && !(REQUIRED_TAG_KEYS as readonly string[]).includes(tag)) {
        reader.fail("budgetCostAllocationTag", `"${tag}" is not one of the tags every resource carries (${REQUIRED_TAG_KEYS.join(", ")})`);
    }

    const [warning, critical, forecast] = ["budgetWarningPercent", "budgetCriticalPercent", "budgetForecastPercent"].map((k) => threshold(reader, k));
    const budgetNotifications = DESIGN_BUDGET_NOTIFICATIONS.map((rule, i) => ({ ...rule, percent: [warning, critical, forecast][i] }));

    const alertEmails = reader.stringList("alertEmails");
    if (alertEmails.length === 0) reader.fail("alertEmails", "is empty: budget and alarm notifications need at least one address");
    alertEmails.forEach((e) => {
        if (!EMAIL.test(e)) reader.fail("alertEmails", `"${e}" is not an e-mail address`);
    });
    const alertSmsNumbers = reader.stringList("alertSmsNumbers");
    alertSmsNumbers.forEach((n) => {
        if (!PHONE.test(n)) reader.fail("alertSmsNumbers", `"${n}" is not an E.164 phone number (e.g. +821012345678)`);
    });

    const teamId = reader.optionalString("slackTeamId");
    const channelId = reader.optionalString("slackChannelId");
    if ((teamId === undefined) !== (channelId === undefined)) {
        reader.fail(teamId === undefined ? "slackTeamId" : "slackChannelId", "Slack alerts need both slackTeamId and slackChannelId, or neither");
    }

    const snapshotTimeUtc = reader.string("snapshotTimeUtc");
    if (!HH_MM.test(snapshotTimeUtc)) reader.fail("snapshotTimeUtc", `"${snapshotTimeUtc}" is not a 24-hour HH:MM time (UTC)`);
    const snapshotRetainCount = atLeast(reader, "snapshotRetainCount", 1);
    if (snapshotRetainCount > 1000) reader.fail("snapshotRetainCount", `${snapshotRetainCount} is above the 1000 snapshots DLM keeps per schedule`);

    // S3 moves objects to Standard-IA no earlier than 30 days, and Glacier must come after it.
    const backupInfrequentAccessDays = atLeast(reader, "backupInfrequentAccessDays", 30);
    const backupGlacierDays = reader.integer("backupGlacierDays");
    if (backupGlacierDays <= backupInfrequentAccessDays) {
        reader.fail("backupGlacierDays", `${backupGlacierDays} must come after backupInfrequentAccessDays (${backupInfrequentAccessDays})`);
    }

    const percent = (key: string) => inRange(reader, key, reader.number(key), 0, 100, "a utilisation alarm threshold is a percentage");
    return {
        budgetMonthlyUsd,
        backupBucketProtect: reader.boolean("backupBucketProtect"),
        budgetCostAllocationTag: tag as RequiredTagKey | undefined,
        budgetNotifications,
        alertEmails,
        alertSmsNumbers,
        slack: teamId && channelId ? { teamId, channelId } : undefined,
        nodeCpuAlarmPercent: percent("nodeCpuAlarmPercent"),
        nodeMemoryAlarmPercent: percent("nodeMemoryAlarmPercent"),
        podFailureAlarmCount: atLeast(reader, "podFailureAlarmCount", 1),
        logRetentionDays: logRetention(reader, "opsLogRetentionDays"),
        snapshotTimeUtc,
        snapshotRetainCount,
        backupInfrequentAccessDays,
        backupGlacierDays,
        backupNoncurrentExpirationDays: atLeast(reader, "backupNoncurrentExpirationDays", 1),
    };
}
