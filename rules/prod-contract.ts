/**
 * What the policy pack's prod contract must know of the program to find what it checks, and which
 * config key a user changes to fix each finding. The thresholds themselves are pack config
 * (policy-pack/config/prod.json); the stack tests run the real program against the contract, so a
 * name here that drifts from the program fails them.
 */
import type { ManagedAddon } from "./eks-addons";
import { PROJECT } from "./naming";

/** `{resource-type}` of the backup bucket (components/ops/backups.ts). */
export const BACKUP_BUCKET_TYPE = "backup-bucket";

/** The design's always-on node group (config/node-groups.ts DESIGN_NODE_GROUPS): `openwebui-primary-nodes-<env>`. */
export const PRIMARY_NODE_GROUP = "primary";

/** The add-on that feeds Container Insights' node and pod metrics, and so the node and pod alarms. */
export const CONTAINER_INSIGHTS_ADDON: ManagedAddon = "amazon-cloudwatch-observability";

/** Helm release names of the two app workloads (components/app/chart-values.ts) and the key that sets each one's pod count. */
export const APP_RELEASES = {
    webui: { release: "open-webui", replicasKey: "webuiReplicas" },
    litellm: { release: "litellm", replicasKey: "litellmReplicas" },
} as const;
export type AppWorkload = keyof typeof APP_RELEASES;

/** `openwebui:<key>`, as a stack file and the config errors spell it. */
export function configKey(key: string): string {
    return `${PROJECT}:${key}`;
}
