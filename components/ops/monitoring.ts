/**
 * The design's three node and pod alarms and its EC2 and application log groups. With Container
 * Insights (prod) the alarms read its metrics; without it (dev) they read the cheaper sources of
 * node-signals.ts: EC2 publishes no memory metric and Kubernetes no pod phase on its own.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "@openwebui-aws/rules/naming";
import { nameTag } from "@openwebui-aws/rules/tags";
import { AlertTopics } from "./alerts";
import { createRole, managedPolicy, podIdentityTrust, workloadBoundaryArn } from "../iam";
import { addonVersion, AddonVersionArgs } from "../addon-versions";
import { containerInsightsLogGroupName } from "@openwebui-aws/rules/eks";
import { CLOUDWATCH_AGENT, createNodeSignals, NodeSignalsArgs } from "./node-signals";

export const CONTAINER_INSIGHTS_NAMESPACE = "ContainerInsights";
/** The add-on's agent runs as this service account; its role is bound by Pod Identity. */
/**
 * The group the Container Insights add-on still writes to: its agent's performance events. Its
 * Fluent Bit, which would fill application, dataplane and host, is off (CONTAINER_INSIGHTS_CONFIGURATION).
 */
export const CONTAINER_INSIGHTS_LOG_GROUPS = ["performance"] as const;

/**
 * The add-on's values (they follow its Helm chart, aws-observability/helm-charts
 * charts/amazon-cloudwatch-observability, tag amazon-cloudwatch-observability-6.4.0 (f4ad2e3, 2026-07-21), values.yaml:
 * `containerLogs.enabled` defaults to true and gates the Fluent Bit DaemonSet and its ConfigMap in
 * templates/linux/; the key has been there since the chart's first release). Off: that Fluent Bit
 * ships every container's stdout to /aws/containerinsights/<cluster>/application, the same lines the
 * app's shipper (components/app/observability.ts) sends to the design's /aws/application/openwebui-<env>,
 * which dev needs too. One path, at $0.76/GB ingested, and only the app's namespace. Its dataplane
 * and host groups are no loss: on AL2023 nodes it does not fill them by default (AWS CloudWatch docs,
 * docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-setup-EKS-addon.html,
 * its note on Amazon Linux 2023; read 2026-12-07).
 */
export const CONTAINER_INSIGHTS_CONFIGURATION = { containerLogs: { enabled: false } } as const;

export { CLOUDWATCH_AGENT } from "./node-signals";

/** The node signals' inputs (the kubeconfig is for dev's node agent), plus what Container Insights needs. */
export interface MonitoringArgs extends AddonVersionArgs, NodeSignalsArgs {
    /** The amazon-cloudwatch-observability add-on for the alarms' metrics; else node-signals.ts's sources. */
    containerInsights: boolean;
    logRetentionDays: number;
}

/**
 * `/aws/ec2/openwebui-dev`: the design's groups, with the environment so two stacks can share an
 * account, and the recovery marker (`/aws/ec2/openwebui-prod-dr`) so prod's recovery stack never
 * takes the name of prod's own group.
 */
export function opsLogGroupNames(names: Namer): { ec2: string; application: string } {
    const base = [names.project, names.environment, names.marker].filter((p) => p !== undefined).join("-");
    return { ec2: `/aws/ec2/${base}`, application: `/aws/application/${base}` };
}

export interface OpsLogGroups {
    ec2: aws.cloudwatch.LogGroup;
    application: aws.cloudwatch.LogGroup;
}

export function createMonitoring(args: MonitoringArgs, topics: AlertTopics, parent: pulumi.Resource): OpsLogGroups {
    const { names } = args;
    const opts = { parent };

    const group = (kind: keyof OpsLogGroups) => {
        const name = names.of(`${kind}-lg`);
        return new aws.cloudwatch.LogGroup(name, { name: opsLogGroupNames(names)[kind], retentionInDays: args.logRetentionDays, tags: nameTag(name) }, opts);
    };
    const groups: OpsLogGroups = { ec2: group("ec2"), application: group("application") };
    const warning = [topics.warning.arn];
    const alarm = (type: string, spec: Omit<aws.cloudwatch.MetricAlarmArgs, "name" | "actionsEnabled" | "tags">) => {
        const name = names.of(type);
        // Node alarms also say when they clear; a pod failure is an event, not a state.
        const ok = spec.comparisonOperator === "GreaterThanThreshold" ? { okActions: warning } : {};
        return new aws.cloudwatch.MetricAlarm(name, { name, actionsEnabled: true, alarmActions: warning, ...ok, ...spec, tags: nameTag(name) }, opts);
    };
    if (!args.containerInsights) {
        createNodeSignals(args, alarm, parent);
        return groups;
    }

    // The add-on's agents would create these with no expiry and no tags; created first, they get both.
    const insightsGroups = CONTAINER_INSIGHTS_LOG_GROUPS.map((kind) => {
        const name = names.of("insights-lg", kind);
        return new aws.cloudwatch.LogGroup(
            name,
            { name: pulumi.output(args.clusterName).apply((cluster) => containerInsightsLogGroupName(cluster, kind)), retentionInDays: args.logRetentionDays, tags: nameTag(name) },
            opts,
        );
    });

    const agentRole = createRole(
        {
            name: names.of("cloudwatch-agent-role"),
            description: `Pod Identity role of ${CLOUDWATCH_AGENT.namespace}/${CLOUDWATCH_AGENT.serviceAccount} (Container Insights)`,
            trust: podIdentityTrust,
            managedPolicies: [managedPolicy("CloudWatchAgentServerPolicy")],
            permissionsBoundary: workloadBoundaryArn(names, parent),
        },
        parent,
    );
    new aws.eks.Addon(
        names.of("addon", "cloudwatch-observability"),
        {
            clusterName: args.clusterName,
            addonName: "amazon-cloudwatch-observability",
            addonVersion: addonVersion("amazon-cloudwatch-observability", args, { parent }),
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
            podIdentityAssociations: [{ roleArn: agentRole.arn, serviceAccount: CLOUDWATCH_AGENT.serviceAccount }],
            configurationValues: JSON.stringify(CONTAINER_INSIGHTS_CONFIGURATION),
        },
        { ...opts, dependsOn: [...agentRole.ready, ...insightsGroups] },
    );

    const insights = { namespace: CONTAINER_INSIGHTS_NAMESPACE, dimensions: { ClusterName: args.clusterName } };
    alarm("node-cpu-alarm", {
        ...insights,
        alarmDescription: `Average node CPU above ${args.nodeCpuAlarmPercent}% for 5 minutes`,
        metricName: "node_cpu_utilization",
        statistic: "Average",
        period: 300,
        evaluationPeriods: 1,
        threshold: args.nodeCpuAlarmPercent,
        comparisonOperator: "GreaterThanThreshold",
        // The cluster always runs nodes: silence means the agent or the nodes are gone.
        treatMissingData: "breaching",
    });
    alarm("node-memory-alarm", {
        ...insights,
        alarmDescription: `Average node memory above ${args.nodeMemoryAlarmPercent}% for 5 minutes`,
        metricName: "node_memory_utilization",
        statistic: "Average",
        period: 300,
        evaluationPeriods: 1,
        threshold: args.nodeMemoryAlarmPercent,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "breaching",
    });
    alarm("pod-failure-alarm", {
        ...insights,
        alarmDescription: `${args.podFailureAlarmCount} or more pods in the Failed phase within 1 minute`,
        metricName: "pod_status_failed",
        statistic: "Maximum",
        period: 60,
        evaluationPeriods: 1,
        threshold: args.podFailureAlarmCount,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        // No data point means no pod reported Failed, which is the healthy case.
        treatMissingData: "notBreaching",
    });
    return groups;
}
