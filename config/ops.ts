import { DESIGN_BUDGET_NOTIFICATIONS, MAX_BUDGET_THRESHOLD_PERCENT, parseSnapshotSchedule } from "@openwebui-aws/rules/ops";
import { REQUIRED_TAG_KEYS, RequiredTagKey } from "@openwebui-aws/rules/tags";
import { logRetention } from "./network";
import { ConfigReader } from "./reader";
import { REGIONS } from "@openwebui-aws/rules/regions";
import type { OpenWebUIOpsArgs } from "../components/ops";

/**
 * The operations settings as the stack gives them: OpenWebUIOps's Args, less what the program adds
 * from the cluster. Personal data in them is a Pulumi secret when the stack encrypts it (config/sensitive.ts).
 */
export type OpsConfig = Omit<OpenWebUIOpsArgs, "names" | "tags" | "region" | "clusterName" | "kubeconfig" | "controlPlaneLogGroupName" | "kubernetesVersion" | "addonVersions">;

// Deliberately simple: one @, no spaces, a dot in the domain. SNS sends a confirmation anyway.
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
// E.164, which SNS requires for SMS.
const PHONE = /^\+[1-9]\d{6,14}$/;

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

export function readOpsConfig(reader: ConfigReader, region: string): OpsConfig {
    const budgetMonthlyUsd = reader.integer("budgetMonthlyUsd");
    if (budgetMonthlyUsd <= 0) reader.fail("budgetMonthlyUsd", `${budgetMonthlyUsd} is not a positive amount of USD`);

    const tag = reader.optionalString("budgetCostAllocationTag");
    if (tag !== undefined && !(REQUIRED_TAG_KEYS as readonly string[]).includes(tag)) {
        reader.fail("budgetCostAllocationTag", `"${tag}" is not one of the tags every resource carries (${REQUIRED_TAG_KEYS.join(", ")})`);
    }

    const thresholdKeys = ["budgetWarningPercent", "budgetCriticalPercent", "budgetForecastPercent"] as const;
    const [warning, critical, forecast] = thresholdKeys.map((k) => threshold(reader, k));
    // The design's levels escalate: a warning before the limit, the limit, then a forecast beyond it.
    if (!(warning < critical && critical <= forecast)) {
        const [w, c, f] = thresholdKeys.map((k) => reader.fullKey(k));
        reader.fail(
            warning < critical ? "budgetForecastPercent" : "budgetWarningPercent",
            `the budget thresholds are out of order: ${w} (${warning}) < ${c} (${critical}) <= ${f} (${forecast}) must hold, so that the warning comes before the limit and the forecast alarm at or beyond it`,
        );
    }
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

    const snapshotSchedules = reader.stringList("snapshotSchedules").map((text) => {
        const parsed = parseSnapshotSchedule(text);
        return typeof parsed === "string" ? reader.fail("snapshotSchedules", parsed) : parsed;
    });
    if (snapshotSchedules.length < 1 || snapshotSchedules.length > 4) reader.fail("snapshotSchedules", `has ${snapshotSchedules.length} schedules: DLM takes 1 to 4 per policy`);

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
        // In the recovery region the backup bucket is prod's replica (config/restore.ts).
        backupBucketIsReplica: REGIONS[region]?.role === "recovery",
        containerInsights: reader.boolean("containerInsights"),
        budgetCostAllocationTag: tag as RequiredTagKey | undefined,
        budgetNotifications,
        alertEmails: alertEmails.map((e) => reader.keep("alertEmails", e)),
        alertSmsNumbers: alertSmsNumbers.map((n) => reader.keep("alertSmsNumbers", n)),
        slack: teamId && channelId ? { teamId: reader.keep("slackTeamId", teamId), channelId: reader.keep("slackChannelId", channelId) } : undefined,
        nodeCpuAlarmPercent: percent("nodeCpuAlarmPercent"),
        nodeMemoryAlarmPercent: percent("nodeMemoryAlarmPercent"),
        podFailureAlarmCount: atLeast(reader, "podFailureAlarmCount", 1),
        logRetentionDays: logRetention(reader, "opsLogRetentionDays"),
        snapshotSchedules,
        backupInfrequentAccessDays,
        backupGlacierDays,
        backupNoncurrentExpirationDays: atLeast(reader, "backupNoncurrentExpirationDays", 1),
    };
}
