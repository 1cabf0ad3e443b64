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

/*
 * Node and pod signals without Container Insights (dev): the design's three alarms read metrics
 * that a minimal CloudWatch agent and a Logs metric filter publish, written once here for the
 * program and the cost model.
 */

/** One namespace per cluster, so two stacks in one account never mix and the agent's grant names it exactly. */
export const nodeSignalsNamespace = (clusterName: string) => `OpenWebUI/${clusterName}`;

/** The agent reads the host's /proc (not namespaced for these files): the node's, not the pod's, CPU and memory. */
export const NODE_AGENT_METRICS = { cpu: "cpu_usage_active", memory: "mem_used_percent" } as const;
/** The cpu plugin tags its total with cpu=cpu-total; memory carries no tag (hostname omitted). */
export const NODE_CPU_DIMENSIONS = { cpu: "cpu-total" } as const;

/** Samples each minute, sends every five: one PutMetricData per node per five minutes. */
export const NODE_AGENT_COLLECTION_SECONDS = 60;
export const NODE_AGENT_FLUSH_SECONDS = 300;

/** The container image reads its whole configuration from this variable (the agent's container entrypoint). */
export const CW_AGENT_CONFIG_ENV = "CW_CONFIG_CONTENT";

/**
 * The CloudWatch agent's configuration (CloudWatch User Guide, "Manually create or edit the CloudWatch
 * agent configuration file", read 2026-12): `omit_hostname` keeps the host out of the dimensions, so
 * every node writes the same two metrics, cluster-wide (two custom metrics, not one per node); no
 * `append_dimensions` (they need IMDS, which the nodes' hop limit of 1 keeps from pods).
 */
export function nodeAgentConfig(clusterName: string, region: string) {
    return {
        agent: { region, omit_hostname: true, metrics_collection_interval: NODE_AGENT_COLLECTION_SECONDS },
        metrics: {
            namespace: nodeSignalsNamespace(clusterName),
            force_flush_interval: NODE_AGENT_FLUSH_SECONDS,
            metrics_collected: {
                cpu: { measurement: [NODE_AGENT_METRICS.cpu], totalcpu: true },
                mem: { measurement: [NODE_AGENT_METRICS.memory] },
            },
        },
    };
}

/**
 * What a CloudWatch agent configuration publishes: custom metrics (each measurement once, when the
 * hostname is omitted; else once per node) and PutMetricData calls per node and month. For the cost
 * model, which reads it back from the registered DaemonSet.
 */
export function agentConfigCost(config: unknown, nodes: number): { metrics: number; putRequestsPerMonth: number } {
    const c = (config ?? {}) as { agent?: { omit_hostname?: boolean }; metrics?: { force_flush_interval?: number; metrics_collected?: Record<string, { measurement?: unknown[] }> } };
    const measurements = Object.values(c.metrics?.metrics_collected ?? {}).reduce((n, p) => n + (Array.isArray(p.measurement) ? p.measurement.length : 0), 0);
    const perNode = c.agent?.omit_hostname === true ? 1 : nodes;
    const flush = c.metrics?.force_flush_interval ?? 60;
    return { metrics: measurements * perNode, putRequestsPerMonth: measurements > 0 ? Math.round((nodes * 730 * 3600) / flush) : 0 };
}

/** The metric the pod-failure filter publishes into the cluster's namespace. */
export const POD_FAILED_METRIC = "pods_failed";

/**
 * Audit events in which a pod's status is written with phase Failed: the kubelet's status patch
 * when it evicts a pod, a node shuts down, a Job's pod fails or a pod is rejected at admission.
 * EKS's audit policy is Kubernetes' reference policy plus an aws-auth rule (EKS Best Practices Guide,
 * "Auditing and logging", read 2026-12); that policy logs nodes' pods/status writes at Request level,
 * with the request body and without the RequestReceived stage, so each write is one event.
 */
export const POD_FAILED_FILTER_PATTERN =
    '{ ($.objectRef.resource = "pods") && ($.objectRef.subresource = "status") && ($.requestObject.status.phase = "Failed") && ($.responseStatus.code = 200) }';
