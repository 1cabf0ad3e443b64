/**
 * The application's logs and alarms: Fluent Bit ships the namespace's container logs to the design's
 * /aws/application/openwebui-<env> group, and CloudWatch alarms on the ALB and RDS notify the
 * existing alert topics.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { INGRESS_LOAD_BALANCER_RESOURCE, ingressTargetGroupResource, LB_CONTROLLER_TAG } from "@openwebui-aws/rules/app";
import { Namer } from "@openwebui-aws/rules/naming";
import { nameTag } from "@openwebui-aws/rules/tags";
import { FLUENT_BIT_IMAGE } from "./images";
import { maxConnections } from "./database";
import { INGRESS_BACKEND, INGRESS_NAME } from "./ingress";

export const APP_LOGS_SERVICE_ACCOUNT = "app-logs";
/**
 * Where the tail input keeps its read offsets, on the node. Its own directory: the Container Insights
 * add-on's Fluent Bit, where it runs, keeps its databases in /var/fluent-bit/state itself.
 */
export const FLUENT_BIT_STATE_HOST_PATH = "/var/fluent-bit/state/openwebui-app-logs";

export function fluentBitConfig(namespace: string, region: string, logGroupName: string): string {
    return [
        "[SERVICE]",
        "    Flush 5",
        "    Log_Level warn",
        "    Parsers_File /fluent-bit/parsers/parsers.conf",
        "[INPUT]",
        "    Name tail",
        "    Tag app.*",
        // Only this namespace's containers: file names are <pod>_<namespace>_<container>-<id>.log.
        `    Path /var/log/containers/*_${namespace}_*.log`,
        "    multiline.parser cri",
        "    DB /var/fluent-bit/state/tail.db",
        "    Mem_Buf_Limit 20MB",
        "    Skip_Long_Lines On",
        "[OUTPUT]",
        "    Name cloudwatch_logs",
        "    Match app.*",
        `    region ${region}`,
        `    log_group_name ${logGroupName}`,
        "    log_stream_prefix ${NODE_NAME}.",
        // The group is OpenWebUIOps' (retention, tags): never create an unmanaged one.
        "    auto_create_group false",
        "",
    ].join("\n");
}

export function createLogShipping(
    args: { names: Namer; namespace: string; appNamespace: string; region: string; logGroupName: pulumi.Input<string> },
    k8sOpts: pulumi.CustomResourceOptions,
): k8s.apps.v1.DaemonSet {
    const { names, namespace } = args;
    const labels = { "app.kubernetes.io/name": "fluent-bit", "app.kubernetes.io/part-of": "openwebui" };
    const config = new k8s.core.v1.ConfigMap(
        names.of("app-logs-config"),
        { metadata: { name: "app-logs", namespace }, data: { "fluent-bit.conf": pulumi.output(args.logGroupName).apply((g) => fluentBitConfig(args.appNamespace, args.region, g)) } },
        k8sOpts,
    );
    const serviceAccount = new k8s.core.v1.ServiceAccount(names.of("app-logs-sa"), { metadata: { name: APP_LOGS_SERVICE_ACCOUNT, namespace }, automountServiceAccountToken: false }, k8sOpts);
    return new k8s.apps.v1.DaemonSet(
        names.of("app-logs"),
        {
            metadata: { name: "app-logs", namespace, labels },
            spec: {
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        serviceAccountName: APP_LOGS_SERVICE_ACCOUNT,
                        // Every node, spot ones included (their taint keeps other pods off, not this).
                        tolerations: [{ operator: "Exists", effect: "NoSchedule" }],
                        // Root without privileges: container log files are root-owned and mode 0640.
                        securityContext: { runAsUser: 0, seccompProfile: { type: "RuntimeDefault" } },
                        containers: [
                            {
                                name: "fluent-bit",
                                image: FLUENT_BIT_IMAGE,
                                env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
                                resources: { requests: { cpu: "20m", memory: "48Mi" }, limits: { memory: "128Mi" } },
                                securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                                volumeMounts: [
                                    { name: "varlog", mountPath: "/var/log", readOnly: true },
                                    { name: "state", mountPath: "/var/fluent-bit/state" },
                                    { name: "config", mountPath: "/fluent-bit/etc/fluent-bit.conf", subPath: "fluent-bit.conf" },
                                ],
                            },
                        ],
                        volumes: [
                            { name: "varlog", hostPath: { path: "/var/log", type: "Directory" } },
                            // Read offsets outlive the pod: a restarted shipper neither re-sends nor skips lines.
                            { name: "state", hostPath: { path: FLUENT_BIT_STATE_HOST_PATH, type: "DirectoryOrCreate" } },
                            { name: "config", configMap: { name: "app-logs" } },
                        ],
                    },
                },
            },
        },
        { ...k8sOpts, dependsOn: [...((k8sOpts.dependsOn as pulumi.Resource[] | undefined) ?? []), config, serviceAccount] },
    );
}

export interface AlarmTopics {
    warning: pulumi.Input<string>;
    critical: pulumi.Input<string>;
}

type AlarmSpec = Omit<aws.cloudwatch.MetricAlarmArgs, "name" | "actionsEnabled" | "tags">;

function alarm(names: Namer, type: string, spec: AlarmSpec, parent: pulumi.Resource): aws.cloudwatch.MetricAlarm {
    const name = names.of(type);
    return new aws.cloudwatch.MetricAlarm(name, { name, actionsEnabled: true, ...spec, tags: nameTag(name) }, { parent });
}

/**
 * The tags that find exactly the ALB and the Open WebUI target group the controller built for the
 * Ingress. The stack tag alone would match every target group of the Ingress, and the lookup fails
 * when more than one matches: the resource tag names the one backend.
 */
export function albLookupTags(clusterName: string, namespace: string): { loadBalancer: Record<string, string>; targetGroup: Record<string, string> } {
    const stack = { [LB_CONTROLLER_TAG.cluster]: clusterName, [LB_CONTROLLER_TAG.stack]: `${namespace}/${INGRESS_NAME}` };
    return {
        loadBalancer: { ...stack, [LB_CONTROLLER_TAG.resource]: INGRESS_LOAD_BALANCER_RESOURCE },
        targetGroup: { ...stack, [LB_CONTROLLER_TAG.resource]: ingressTargetGroupResource(namespace, INGRESS_NAME, INGRESS_BACKEND.service, INGRESS_BACKEND.port) },
    };
}

/**
 * ALB alarms. Their dimensions name the load balancer and target group the controller created, read
 * back by albLookupTags once the Ingress has an address (unknown, and skipped, in the first preview).
 */
export function createAlbAlarms(args: { names: Namer; loadBalancer: pulumi.Input<string>; targetGroup: pulumi.Input<string>; topics: AlarmTopics }, parent: pulumi.Resource) {
    const { names, topics } = args;
    const common = { namespace: "AWS/ApplicationELB", period: 300, evaluationPeriods: 1, comparisonOperator: "GreaterThanOrEqualToThreshold", treatMissingData: "notBreaching" };
    // 5xx from the ALB itself means no healthy target (critical); from Open WebUI, an application error.
    const fiveXx = [
        { type: "alb-5xx-alarm", metricName: "HTTPCode_ELB_5XX_Count", who: "The ALB itself (no healthy target, or the ALB failed)", topic: topics.critical, ok: true },
        { type: "target-5xx-alarm", metricName: "HTTPCode_Target_5XX_Count", who: "Open WebUI", topic: topics.warning, ok: false },
    ];
    return [
        ...fiveXx.map((a) =>
            alarm(names, a.type, {
                ...common,
                alarmDescription: `${a.who} answered 10 or more 5xx in 5 minutes`,
                metricName: a.metricName,
                statistic: "Sum",
                threshold: 10,
                dimensions: { LoadBalancer: args.loadBalancer },
                alarmActions: [a.topic],
                ...(a.ok ? { okActions: [a.topic] } : {}),
            }, parent),
        ),
        alarm(names, "unhealthy-targets-alarm", {
            ...common,
            alarmDescription: "At least one Open WebUI target failed its health check for 3 minutes",
            metricName: "UnHealthyHostCount",
            statistic: "Maximum",
            period: 60,
            evaluationPeriods: 3,
            threshold: 1,
            dimensions: { LoadBalancer: args.loadBalancer, TargetGroup: args.targetGroup },
            alarmActions: [topics.critical],
            okActions: [topics.critical],
        }, parent),
    ];
}

export function createRdsAlarms(args: { names: Namer; instance: aws.rds.Instance; instanceClass: string; storageGb: number; topics: AlarmTopics }, parent: pulumi.Resource) {
    const { names, topics } = args;
    const dimensions = { DBInstanceIdentifier: args.instance.identifier };
    const common = { namespace: "AWS/RDS", dimensions, period: 300, treatMissingData: "breaching" };
    const connections = Math.floor(maxConnections(args.instanceClass) * 0.8);
    return [
        alarm(names, "rds-cpu-alarm", {
            ...common,
            alarmDescription: "RDS CPU above 80% for 15 minutes",
            metricName: "CPUUtilization",
            statistic: "Average",
            evaluationPeriods: 3,
            threshold: 80,
            comparisonOperator: "GreaterThanThreshold",
            alarmActions: [topics.warning],
            okActions: [topics.warning],
        }, parent),
        alarm(names, "rds-storage-alarm", {
            ...common,
            alarmDescription: `RDS free storage below 10% of ${args.storageGb} GiB`,
            metricName: "FreeStorageSpace",
            statistic: "Minimum",
            evaluationPeriods: 1,
            threshold: Math.round(args.storageGb * 0.1 * 1024 ** 3),
            comparisonOperator: "LessThanThreshold",
            alarmActions: [topics.critical],
            okActions: [topics.critical],
        }, parent),
        alarm(names, "rds-connections-alarm", {
            ...common,
            alarmDescription: `RDS connections above ${connections} (80% of ${args.instanceClass}'s max_connections) for 10 minutes`,
            metricName: "DatabaseConnections",
            statistic: "Maximum",
            evaluationPeriods: 2,
            threshold: connections,
            comparisonOperator: "GreaterThanThreshold",
            alarmActions: [topics.warning],
            okActions: [topics.warning],
        }, parent),
    ];
}
