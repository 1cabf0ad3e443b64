/**
 * The design's alerting and backup rules (§비용 알림 설정, §백업 및 재해 복구 계획), written once for
 * the program and the policy pack.
 */

/** Who hears an alert. Budgets allow one SNS topic per notification, so each severity is a topic. */
export const ALERT_SEVERITIES = ["warning", "critical", "urgent"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Subscribers of each severity's topic: e-mail hears everything, SMS from critical up, Slack everything. */
export const SEVERITY_CHANNELS: Readonly<Record<AlertSeverity, readonly ("email" | "sms" | "slack")[]>> = {
    warning: ["email", "slack"],
    critical: ["email", "sms", "slack"],
    urgent: ["email", "sms", "slack"],
};

export interface BudgetNotificationRule {
    percent: number;
    /** ACTUAL spend so far, or AWS's FORECASTED spend for the month. */
    notificationType: "ACTUAL" | "FORECASTED";
    severity: AlertSeverity;
}

/** 80% actual → e-mail; 100% actual → e-mail + SMS; 120% forecast → everyone (the design's "긴급"). */
export const DESIGN_BUDGET_NOTIFICATIONS: readonly BudgetNotificationRule[] = [
    { percent: 80, notificationType: "ACTUAL", severity: "warning" },
    { percent: 100, notificationType: "ACTUAL", severity: "critical" },
    { percent: 120, notificationType: "FORECASTED", severity: "urgent" },
];

/**
 * What the budget policy requires, whatever thresholds a stack chooses: someone hears before the
 * money is spent, at the limit, and when AWS forecasts an overrun (the design's three levels).
 */
export interface BudgetNotificationBand {
    notificationType: "ACTUAL" | "FORECASTED";
    minPercent: number;
    maxPercent: number;
}
export const BUDGET_NOTIFICATION_BANDS: readonly BudgetNotificationBand[] = [
    { notificationType: "ACTUAL", minPercent: 1, maxPercent: 99 },
    { notificationType: "ACTUAL", minPercent: 100, maxPercent: 100 },
    { notificationType: "FORECASTED", minPercent: 100, maxPercent: 200 },
];

/** Budgets accept thresholds as a percentage of the budget; beyond 1000% is a typo, not a plan. */
export const MAX_BUDGET_THRESHOLD_PERCENT = 1000;

/**
 * Log retention the policy pack accepts unless its config says otherwise: the design keeps 30 days;
 * beyond a year, logs cost more than they tell.
 */
export const LOG_RETENTION_BOUNDS_DAYS = { min: 30, max: 365 } as const;

/** One DLM schedule: a snapshot every `intervalHours` (starting at `atUtc`, HH:MM), `keep` of them kept. */
export interface SnapshotSchedule {
    intervalHours: number;
    atUtc?: string;
    keep: number;
}

/** The intervals DLM's CreateRule accepts, in hours. */
export const DLM_INTERVAL_HOURS = [1, 2, 3, 4, 6, 8, 12, 24] as const;

/** `every 1h keep 24`, `every 24h at 18:00 keep 7` → a schedule; a reason string when malformed. */
export function parseSnapshotSchedule(text: string): SnapshotSchedule | string {
    const m = /^every (\d+)h(?: at ((?:[01]\d|2[0-3]):[0-5]\d))? keep (\d+)$/.exec(text.trim());
    if (!m) return `"${text}" is not "every <N>h [at HH:MM] keep <count>"`;
    const intervalHours = Number(m[1]);
    if (!(DLM_INTERVAL_HOURS as readonly number[]).includes(intervalHours)) return `every ${intervalHours}h: DLM takes ${DLM_INTERVAL_HOURS.join(", ")} hours`;
    const keep = Number(m[3]);
    if (keep < 1 || keep > 1000) return `keep ${keep}: DLM keeps 1 to 1000 snapshots per schedule`;
    return { intervalHours, atUtc: m[2], keep };
}

/** How far back the newest snapshot can be: the shortest interval. */
export const recoveryPointHours = (schedules: readonly SnapshotSchedule[]) => Math.min(...schedules.map((s) => s.intervalHours));
