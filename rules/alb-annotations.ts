/**
 * The Ingress annotation keys the AWS Load Balancer Controller reads at the version the program
 * installs: kubernetes-sigs/aws-load-balancer-controller v2.14.0, pkg/annotations/constants.go (the
 * Ingress suffixes; docs/guide/ingress/annotations.md describes them, its table omitting a few). A
 * key outside this list is ignored by the controller, silently: a misspelt WAF, TLS-policy or
 * scheme key leaves the ALB on the controller's default.
 * The class: docs/guide/ingress/ingress_class.md (v2.14.0) calls the `kubernetes.io/ingress.class`
 * annotation deprecated, kept for backwards compatibility, and replaced by spec.ingressClassName.
 */
export const ALB_ANNOTATION_PREFIX = "alb.ingress.kubernetes.io/";

export const LEGACY_INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

/** WAF Classic's keys (regional WAF Classic only; web-acl-id is marked deprecated in constants.go): they cannot attach a WAFv2 web ACL. */
export const WAF_CLASSIC_ANNOTATIONS = [`${ALB_ANNOTATION_PREFIX}waf-acl-id`, `${ALB_ANNOTATION_PREFIX}web-acl-id`] as const;

/** The keys that attach a WAFv2 web ACL to the ALB. */
export const WAFV2_ANNOTATIONS = [`${ALB_ANNOTATION_PREFIX}wafv2-acl-arn`, `${ALB_ANNOTATION_PREFIX}wafv2-acl-name`] as const;

const KNOWN_SUFFIXES = [
    "load-balancer-name", "group.name", "group.order", "tags", "ip-address-type", "scheme", "subnets", "customer-owned-ipv4-pool",
    "load-balancer-attributes", "wafv2-acl-arn", "wafv2-acl-name", "waf-acl-id", "web-acl-id", "shield-advanced-protection",
    "security-groups", "listen-ports", "ssl-redirect", "inbound-cidrs", "certificate-arn", "ssl-policy", "target-type",
    "backend-protocol", "backend-protocol-version", "target-group-attributes", "healthcheck-port", "healthcheck-protocol",
    "healthcheck-path", "healthcheck-interval-seconds", "healthcheck-timeout-seconds", "healthy-threshold-count",
    "unhealthy-threshold-count", "success-codes", "auth-type", "auth-idp-cognito", "auth-idp-oidc", "auth-on-unauthenticated-request",
    "auth-scope", "auth-session-cookie", "auth-session-timeout", "target-node-labels", "manage-backend-security-group-rules",
    "mutual-authentication", "security-group-prefix-lists", "multi-cluster-target-group", "minimum-load-balancer-capacity",
    "ipam-ipv4-pool-id", "enable-frontend-nlb", "frontend-nlb-scheme", "frontend-nlb-subnets", "frontend-nlb-security-groups",
    "frontend-nlb-listener-port-mapping", "frontend-nlb-eip-allocations", "frontend-nlb-healthcheck-port",
    "frontend-nlb-healthcheck-protocol", "frontend-nlb-healthcheck-path", "frontend-nlb-healthcheck-interval-seconds",
    "frontend-nlb-healthcheck-timeout-seconds", "frontend-nlb-healthcheck-healthy-threshold-count",
    "frontend-nlb-healthcheck-unhealthy-threshold-count", "frontend-nlb-healthcheck-success-codes", "frontend-nlb-tags",
];

/** Keys with a user-chosen tail: actions.<name>, conditions.<name>, listener-attributes.<protocol>-<port>. */
const KNOWN_FAMILIES = ["actions.", "conditions.", "listener-attributes."];

export const KNOWN_ALB_ANNOTATIONS: ReadonlySet<string> = new Set(KNOWN_SUFFIXES.map((s) => ALB_ANNOTATION_PREFIX + s));

export function isKnownAlbAnnotation(key: string): boolean {
    if (!key.startsWith(ALB_ANNOTATION_PREFIX)) return false;
    const tail = key.slice(ALB_ANNOTATION_PREFIX.length);
    return KNOWN_ALB_ANNOTATIONS.has(key) || KNOWN_FAMILIES.some((f) => tail.startsWith(f) && tail.length > f.length);
}
