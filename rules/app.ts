/**
 * What the application layer and the policy pack must agree on: the design's backup floor, the
 * uploads bucket's name part, and the load balancer controller's annotation keys the program writes
 * and the pack reads (kubernetes-sigs/aws-load-balancer-controller docs/guide/ingress/annotations.md).
 */

/** The design's "RDS 자동 백업 7일": no stack keeps fewer days of automated backups. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

/** `{resource-type}` of the uploads bucket, which the cost model tells from the backup bucket. */
export const UPLOADS_BUCKET_TYPE = "uploads-bucket";

export const ALB_ANNOTATION = {
    scheme: "alb.ingress.kubernetes.io/scheme",
    wafAclArn: "alb.ingress.kubernetes.io/wafv2-acl-arn",
    loadBalancerName: "alb.ingress.kubernetes.io/load-balancer-name",
    listenPorts: "alb.ingress.kubernetes.io/listen-ports",
} as const;
