/**
 * How users reach Open WebUI: an internet-facing ALB that the load balancer controller builds from
 * one Ingress, in the public subnets, with the design's ALB security group, and optionally AWS WAF.
 * Annotations: kubernetes-sigs/aws-load-balancer-controller docs/guide/ingress/annotations.md (v2.14).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ALB_ANNOTATION } from "@openwebui-aws/rules/app";
import { ALB_EDGE_ANNOTATION, ALB_SSL_POLICY } from "@openwebui-aws/rules/app-edge";
import { Namer } from "@openwebui-aws/rules/naming";
import { WEBUI_RELEASE, WEBUI_SERVICE_PORT } from "./chart-values";

export const INGRESS_NAME = "open-webui";
/** The Ingress's one backend: the alarms find its target group by it (observability.ts). */
export const INGRESS_BACKEND = { service: WEBUI_RELEASE, port: WEBUI_SERVICE_PORT } as const;

/**
 * Streamed chat answers and websockets hold one connection open: ALB closes it after idle_timeout
 * seconds without a byte, so 10 minutes instead of the default 60 s.
 */
export const ALB_IDLE_TIMEOUT_SECONDS = 600;

export interface IngressArgs {
    names: Namer;
    namespace: string;
    clusterName: pulumi.Input<string>;
    albSecurityGroupId: pulumi.Input<string>;
    publicSubnetIds: pulumi.Input<string>[];
    domain?: string;
    certificateArn?: string;
    webAclArn?: pulumi.Input<string>;
}

export function ingressAnnotations(a: IngressArgs): pulumi.Output<Record<string, string>> {
    const https = a.certificateArn !== undefined;
    return pulumi.all([a.albSecurityGroupId, pulumi.all(a.publicSubnetIds), a.webAclArn]).apply(([sg, subnets, acl]): Record<string, string> => ({
        [ALB_ANNOTATION.scheme]: "internet-facing",
        [ALB_ANNOTATION.loadBalancerName]: a.names.of("alb"),
        "alb.ingress.kubernetes.io/subnets": subnets.join(","),
        // The design's ALB group (80/443 in, NodePorts out to the workers), used as it is.
        "alb.ingress.kubernetes.io/security-groups": sg,
        "alb.ingress.kubernetes.io/manage-backend-security-group-rules": "false",
        "alb.ingress.kubernetes.io/target-type": "instance",
        "alb.ingress.kubernetes.io/healthcheck-path": "/health",
        "alb.ingress.kubernetes.io/load-balancer-attributes": `idle_timeout.timeout_seconds=${ALB_IDLE_TIMEOUT_SECONDS},routing.http.drop_invalid_header_fields.enabled=true`,
        // A socket.io session stays on the pod that opened it.
        "alb.ingress.kubernetes.io/target-group-attributes": "stickiness.enabled=true,stickiness.type=lb_cookie,stickiness.lb_cookie.duration_seconds=86400",
        ...(https
            ? {
                  [ALB_ANNOTATION.listenPorts]: JSON.stringify([{ HTTP: 80 }, { HTTPS: 443 }]),
                  "alb.ingress.kubernetes.io/certificate-arn": a.certificateArn as string,
                  // TLS 1.2 and 1.3 only: the controller's default would accept TLS 1.0 (rules/app-edge.ts).
                  [ALB_EDGE_ANNOTATION.sslPolicy]: ALB_SSL_POLICY,
                  // Port 80 exists only to answer with this redirect (rules/deviations.ts alb-http-80).
                  "alb.ingress.kubernetes.io/ssl-redirect": "443",
              }
            : { [ALB_ANNOTATION.listenPorts]: JSON.stringify([{ HTTP: 80 }]) }),
        ...(acl ? { [ALB_ANNOTATION.wafAclArn]: acl } : {}),
    }));
}

export function createIngress(a: IngressArgs, k8sOpts: pulumi.CustomResourceOptions): k8s.networking.v1.Ingress {
    return new k8s.networking.v1.Ingress(
        a.names.of("ingress"),
        {
            metadata: { name: INGRESS_NAME, namespace: a.namespace, annotations: ingressAnnotations(a) },
            spec: {
                ingressClassName: "alb",
                rules: [
                    {
                        ...(a.domain ? { host: a.domain } : {}),
                        http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: INGRESS_BACKEND.service, port: { number: INGRESS_BACKEND.port } } } }] },
                    },
                ],
            },
        },
        k8sOpts,
    );
}
