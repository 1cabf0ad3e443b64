/**
 * An Ingress's annotations are free-form strings: the load balancer controller reads the keys it
 * knows and ignores the rest without a word, so a WAF ARN under a misspelt or legacy key looks
 * right in review and protects nothing. Keys and their sources: rules/alb-annotations.ts.
 */
import { PolicyResource, ResourceValidationPolicy } from "@pulumi/policy";
import {
    ALB_ANNOTATION_PREFIX,
    isKnownAlbAnnotation,
    LEGACY_INGRESS_CLASS_ANNOTATION,
    WAF_CLASSIC_ANNOTATIONS,
    WAFV2_ANNOTATIONS,
} from "@openwebui-aws/rules/alb-annotations";
import { asRecord } from "@openwebui-aws/rules/props";
import { known, Maybe, UNKNOWN } from "@openwebui-aws/rules/preview";

export const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
export const ALB_INGRESS_CLASS = "alb";

/** The Ingress's annotations, UNKNOWN when the preview does not know them yet (they hold ids and ARNs). */
export function annotationsOf(props: Record<string, unknown>): Maybe<Record<string, unknown>> {
    return known(() => asRecord(asRecord(props.metadata).annotations));
}

/**
 * True unless the Ingress names a class other than the controller's. An Ingress with no class, or a
 * class the preview cannot see, may be served by the controller (a default IngressClass), so it
 * counts; so does the deprecated class annotation, which the controller still honours.
 */
export function servedByAlbController(ingress: PolicyResource): boolean {
    const className = known(() => asRecord(ingress.props.spec).ingressClassName);
    if (className === UNKNOWN) return true;
    if (className !== undefined && className !== null) return className === ALB_INGRESS_CLASS;
    const annotations = annotationsOf(ingress.props);
    if (annotations === UNKNOWN || !(LEGACY_INGRESS_CLASS_ANNOTATION in annotations)) return true;
    const legacy = known(() => annotations[LEGACY_INGRESS_CLASS_ANNOTATION]);
    return legacy === UNKNOWN || legacy === ALB_INGRESS_CLASS;
}

export const albIngressAnnotations: ResourceValidationPolicy = {
    name: "alb-ingress-annotations",
    description:
        "Ingresses name their class in spec.ingressClassName (not the deprecated kubernetes.io/ingress.class annotation), use only alb.ingress.kubernetes.io/* keys the installed load balancer controller reads (v2.14.0), and attach WAF through wafv2-acl-arn, never WAF Classic's waf-acl-id or a WAF key the controller ignores. Annotations the preview cannot see yet are not judged (the WAF policy still requires a dependency on the web ACL).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== INGRESS) return;
        const annotations = annotationsOf(args.props);
        const keys = annotations === UNKNOWN ? [] : Object.keys(annotations);
        if (keys.includes(LEGACY_INGRESS_CLASS_ANNOTATION)) {
            report(`uses the deprecated ${LEGACY_INGRESS_CLASS_ANNOTATION} annotation: remove it and set spec.ingressClassName: ${ALB_INGRESS_CLASS}`);
        } else if (known(() => asRecord(args.props.spec).ingressClassName) === undefined) {
            report(`names no class: set spec.ingressClassName: ${ALB_INGRESS_CLASS} (without it only a default IngressClass decides who serves it)`);
        }
        for (const key of keys) {
            if ((WAF_CLASSIC_ANNOTATIONS as readonly string[]).includes(key)) {
                report(`${key} attaches a WAF Classic ACL, which cannot hold the stack's WAFv2 web ACL: put the ACL's ARN under ${WAFV2_ANNOTATIONS[0]}`);
            } else if (/waf/i.test(key) && !(WAFV2_ANNOTATIONS as readonly string[]).includes(key)) {
                report(`"${key}" is not a key the load balancer controller reads, so no WAF is attached: put the web ACL's ARN under ${WAFV2_ANNOTATIONS[0]}`);
            } else if (key.startsWith(ALB_ANNOTATION_PREFIX) && !isKnownAlbAnnotation(key)) {
                report(`"${key}" is not an annotation the load balancer controller (v2.14.0) reads; it is ignored: fix the key (rules/alb-annotations.ts lists them)`);
            }
        }
    },
};
