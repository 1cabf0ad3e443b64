/**
 * What the application layer and the policy pack must agree on: the design's backup floor, the
 * uploads bucket's name part, and the load balancer controller's annotation keys the program writes
 * and the pack reads (kubernetes-sigs/aws-load-balancer-controller docs/guide/ingress/annotations.md),
 * and the tags it puts on what it builds, by which the alarms find the ALB and target group.
 */

/** The design's "RDS 자동 백업 7일": no stack keeps fewer days of automated backups. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

/**
 * Memory of the RDS classes on record, in GiB: RDS PostgreSQL's max_connections is
 * LEAST(DBInstanceClassMemory / 9531392, 5000) (AWS RDS user guide, "Maximum number of database
 * connections"), and the database's connections alarm is set below it. Config refuses other classes.
 */
export const RDS_INSTANCE_MEMORY_GIB: Readonly<Record<string, number>> = { "db.t4g.micro": 1, "db.t4g.small": 2, "db.t4g.medium": 4, "db.t4g.large": 8 };

/**
 * The logs RDS for PostgreSQL can export to CloudWatch Logs (RDS API reference, CreateDBInstance
 * EnableCloudwatchLogsExports; RDS user guide "Publishing PostgreSQL logs to Amazon CloudWatch Logs":
 * `postgresql` and `upgrade`), and the group RDS writes each to. Pre-created with a retention, or RDS
 * creates them itself, keeping logs forever.
 */
export const RDS_LOG_EXPORTS = ["postgresql", "upgrade"] as const;
export const rdsLogGroupName = (identifier: string, log: string) => `/aws/rds/instance/${identifier}/${log}`;

/**
 * Server settings that keep SQL text, and with it users' prompts and files' text, out of the
 * exported postgresql log: no statement logging, no slow-statement logging, and no failing
 * statement echoed with its error (PostgreSQL docs, "Error Reporting and Logging").
 */
export const RDS_NO_STATEMENT_LOGGING: Readonly<Record<string, string>> = { log_statement: "none", log_min_duration_statement: "-1", log_min_error_statement: "panic" };

/** `{resource-type}` of the uploads bucket, which the cost model tells from the backup bucket. */
export const UPLOADS_BUCKET_TYPE = "uploads-bucket";

export const ALB_ANNOTATION = {
    scheme: "alb.ingress.kubernetes.io/scheme",
    wafAclArn: "alb.ingress.kubernetes.io/wafv2-acl-arn",
    loadBalancerName: "alb.ingress.kubernetes.io/load-balancer-name",
    listenPorts: "alb.ingress.kubernetes.io/listen-ports",
} as const;

/**
 * The tags the load balancer controller puts on each AWS resource it builds for an Ingress, as
 * kubernetes-sigs/aws-load-balancer-controller v2.14.0 writes them (pkg/deploy/tracking/provider.go,
 * controllers/ingress/group_controller.go for the "ingress.k8s.aws" prefix,
 * pkg/shared_constants/tag_keys.go and stack.go). `stack` is `<namespace>/<ingress>` for an Ingress
 * outside an IngressGroup, so every target group of one Ingress shares it: only `resource` tells its
 * backends apart.
 */
export const LB_CONTROLLER_TAG = { cluster: "elbv2.k8s.aws/cluster", stack: "ingress.k8s.aws/stack", resource: "ingress.k8s.aws/resource" } as const;

/** `ingress.k8s.aws/resource` of the Ingress's load balancer (its optional front NLB has another). */
export const INGRESS_LOAD_BALANCER_RESOURCE = "LoadBalancer";

/**
 * `ingress.k8s.aws/resource` of the target group for one backend: `<namespace>/<ingress>-<service>:<port>`,
 * the port as the Ingress names it (number or name), from pkg/ingress/model_build_target_group.go
 * (buildTargetGroupResourceID) and enhanced_backend_builder.go at v2.14.0.
 */
export function ingressTargetGroupResource(namespace: string, ingress: string, service: string, port: number | string): string {
    return `${namespace}/${ingress}-${service}:${port}`;
}
