/**
 * The design's node CPU, node memory and pod-failure alarms where Container Insights is off (dev),
 * on two cheap sources instead of its ~30 metrics and performance logs:
 * - a CloudWatch agent DaemonSet publishing two cluster-wide metrics, the nodes' CPU and memory in use;
 * - a metric filter on the control plane's audit log (already shipped), counting pods set to Failed.
 * What each signal does not catch is said where it is defined; the README's Operations section too.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "@openwebui-aws/rules/naming";
import {
    CW_AGENT_CONFIG_ENV,
    NODE_AGENT_METRICS,
    NODE_CPU_DIMENSIONS,
    nodeAgentConfig,
    nodeSignalsNamespace,
    POD_FAILED_FILTER_PATTERN,
    POD_FAILED_METRIC,
} from "@openwebui-aws/rules/ops";
import { podIdentity } from "../app/identities";

/**
 * The agent's own image (public ECR, multi-arch: the dev nodes are Graviton), a fixed tag seen in use
 * in public repositories; its container entrypoint takes the configuration from CW_CONFIG_CONTENT and
 * its AWS SDK takes EKS Pod Identity credentials. Not pulled from here: the first `pulumi up` of dev
 * is where a wrong tag would show, as an ImagePullBackOff of this DaemonSet alone.
 */
export const CLOUDWATCH_AGENT_IMAGE = "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300062.0b1304";

/**
 * Where the CloudWatch agent runs, in both stacks: the namespace and service account the Container
 * Insights add-on uses in prod, and dev's own node agent the same, so one Pod Identity shape serves both.
 */
export const CLOUDWATCH_AGENT = { namespace: "amazon-cloudwatch", serviceAccount: "cloudwatch-agent" } as const;

export interface NodeSignalsArgs {
    names: Namer;
    region: string;
    clusterName: pulumi.Input<string>;
    kubeconfig: pulumi.Input<string>;
    /** /aws/eks/<cluster>/cluster, where EKS ships the audit log (OpenWebUICluster's group). */
    controlPlaneLogGroupName: pulumi.Input<string>;
    nodeCpuAlarmPercent: number;
    nodeMemoryAlarmPercent: number;
    podFailureAlarmCount: number;
}

type AlarmFactory = (type: string, spec: Omit<aws.cloudwatch.MetricAlarmArgs, "name" | "actionsEnabled" | "tags">) => aws.cloudwatch.MetricAlarm;

/** The agent may write metrics into its cluster's namespace only (CloudWatch's cloudwatch:namespace key). */
export function nodeAgentStatements(namespace: pulumi.Input<string>) {
    return pulumi.output(namespace).apply((ns) => [
        { Sid: "PutNodeMetrics", Effect: "Allow" as const, Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": ns } } },
    ]);
}

function createNodeAgent(args: NodeSignalsArgs, parent: pulumi.Resource): k8s.apps.v1.DaemonSet {
    const { names } = args;
    const namespace = pulumi.output(args.clusterName).apply(nodeSignalsNamespace);
    const identity = podIdentity({ names, type: "cloudwatch-agent", clusterName: args.clusterName, account: CLOUDWATCH_AGENT, statements: nodeAgentStatements(namespace) }, parent);
    const provider = new k8s.Provider(names.of("ops-k8s"), { kubeconfig: args.kubeconfig, enableServerSideApply: true }, { parent });
    const k8sOpts = { parent, provider };
    // Baseline, not privileged: the agent needs no host path or host network (/proc/stat and
    // /proc/meminfo inside a container are the node's).
    const ns = new k8s.core.v1.Namespace(
        names.of("node-agent-ns"),
        { metadata: { name: CLOUDWATCH_AGENT.namespace, labels: { "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "restricted" } } },
        k8sOpts,
    );
    const sa = new k8s.core.v1.ServiceAccount(names.of("node-agent-sa"), { metadata: { name: CLOUDWATCH_AGENT.serviceAccount, namespace: CLOUDWATCH_AGENT.namespace } }, { ...k8sOpts, dependsOn: [ns] });
    const labels = { "app.kubernetes.io/name": "cloudwatch-agent", "app.kubernetes.io/part-of": "openwebui" };
    return new k8s.apps.v1.DaemonSet(
        names.of("node-agent"),
        {
            metadata: { name: "node-agent", namespace: CLOUDWATCH_AGENT.namespace, labels },
            spec: {
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        serviceAccountName: CLOUDWATCH_AGENT.serviceAccount,
                        // Every node, spot ones included: an unmeasured node would hide from the averages.
                        tolerations: [{ operator: "Exists", effect: "NoSchedule" }],
                        securityContext: { seccompProfile: { type: "RuntimeDefault" } },
                        containers: [
                            {
                                name: "cloudwatch-agent",
                                image: CLOUDWATCH_AGENT_IMAGE,
                                env: [
                                    { name: CW_AGENT_CONFIG_ENV, value: pulumi.output(args.clusterName).apply((c) => JSON.stringify(nodeAgentConfig(c, args.region))) },
                                    // Credentials from the SDK's chain (Pod Identity), not from a profile file
                                    // the agent would otherwise expect off EC2 (pods cannot reach IMDS here).
                                    { name: "RUN_WITH_IRSA", value: "True" },
                                ],
                                resources: { requests: { cpu: "20m", memory: "64Mi" }, limits: { memory: "128Mi" } },
                                securityContext: { allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ["ALL"] } },
                            },
                        ],
                    },
                },
            },
        },
        { ...k8sOpts, dependsOn: [sa, identity.association] },
    );
}

export function createNodeSignals(args: NodeSignalsArgs, alarm: AlarmFactory, parent: pulumi.Resource): void {
    const { names } = args;
    const namespace = pulumi.output(args.clusterName).apply(nodeSignalsNamespace);
    createNodeAgent(args, parent);

    // The cluster always runs nodes, so silence means the agent or every node is gone: breaching.
    const nodeAlarm = { namespace, statistic: "Average", period: 300, evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold", treatMissingData: "breaching" };
    alarm("node-cpu-alarm", {
        ...nodeAlarm,
        alarmDescription: `Average CPU in use across the nodes above ${args.nodeCpuAlarmPercent}% for 5 minutes (CloudWatch agent, cpu_usage_active)`,
        metricName: NODE_AGENT_METRICS.cpu,
        dimensions: { ...NODE_CPU_DIMENSIONS },
        threshold: args.nodeCpuAlarmPercent,
    });
    // The nodes' memory in use (total less available), not the pods' requests: a node can fill up
    // with cache-backed pages and stay below it, or hit it with no pod over its request.
    alarm("node-memory-alarm", {
        ...nodeAlarm,
        alarmDescription: `Average memory in use across the nodes above ${args.nodeMemoryAlarmPercent}% for 5 minutes (CloudWatch agent, mem_used_percent)`,
        metricName: NODE_AGENT_METRICS.memory,
        threshold: args.nodeMemoryAlarmPercent,
    });

    // Counts pods entering Failed (evictions, node shutdowns, failed Jobs, admission rejections). A
    // container crash-looping in a running pod never makes the pod Failed: Container Insights'
    // pod_status_failed misses it too.
    const filterName = names.of("pod-failure-filter");
    new aws.cloudwatch.LogMetricFilter(
        filterName,
        {
            name: filterName,
            logGroupName: args.controlPlaneLogGroupName,
            pattern: POD_FAILED_FILTER_PATTERN,
            // No default value: no data point when nothing failed, so the metric costs nothing idle.
            metricTransformation: { name: POD_FAILED_METRIC, namespace, value: "1", unit: "Count" },
        },
        { parent },
    );
    alarm("pod-failure-alarm", {
        namespace,
        alarmDescription: `${args.podFailureAlarmCount} or more pods entered the Failed phase within 1 minute (control-plane audit log)`,
        metricName: POD_FAILED_METRIC,
        statistic: "Sum",
        period: 60,
        // The audit log reaches CloudWatch minutes late: any one of the last 5 minutes alarms.
        evaluationPeriods: 5,
        datapointsToAlarm: 1,
        threshold: args.podFailureAlarmCount,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        treatMissingData: "notBreaching",
    });
}
