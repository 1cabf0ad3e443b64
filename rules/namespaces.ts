/**
 * Kubernetes namespaces the application's own (`appNamespace`, and its logs namespace beside it)
 * must not be: the app creates its namespace, and adopting one that exists would put the app's
 * Pod Security labels and `pulumi destroy` on someone else's workloads.
 *
 * Source: Kubernetes documentation, "Namespaces" (kubernetes.io/docs/concepts/overview/working-with-objects/namespaces):
 * a cluster starts with default, kube-node-lease, kube-public and kube-system, and the kube- prefix
 * is reserved for Kubernetes system namespaces. Namespace names are RFC 1123 (DNS) labels: at most
 * 63 characters, lower-case letters, digits and "-", starting and ending with a letter or digit.
 */

export const KUBERNETES_SYSTEM_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"] as const;

/**
 * Namespaces the program's add-ons and controllers run in: kube-system (load balancer controller,
 * cluster-autoscaler, EBS CSI driver, Pod Identity agent), amazon-cloudwatch (the
 * amazon-cloudwatch-observability add-on creates it). tests/config-aws-limits.test.ts checks this
 * list against every namespace the program registers something in.
 */
export const PLATFORM_NAMESPACES = ["kube-system", "amazon-cloudwatch"] as const;

export const RESERVED_NAMESPACE_PREFIX = "kube-";

/** Fluent Bit's namespace, beside the app's: it needs a hostPath the app namespace refuses. */
export const logsNamespace = (appNamespace: string) => `${appNamespace}-logs`;

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function whyReserved(name: string): string | undefined {
    if ((KUBERNETES_SYSTEM_NAMESPACES as readonly string[]).includes(name)) return "is a namespace every cluster already has";
    if ((PLATFORM_NAMESPACES as readonly string[]).includes(name)) return "is where the program runs its add-ons and controllers";
    if (name.startsWith(RESERVED_NAMESPACE_PREFIX)) return `starts with "${RESERVED_NAMESPACE_PREFIX}", which Kubernetes reserves for its system namespaces`;
    return undefined;
}

/** Why `name` cannot be the namespace the application creates (with its logs namespace), or undefined. */
export function appNamespaceProblem(name: string): string | undefined {
    const logs = logsNamespace(name);
    if (!DNS_1123_LABEL.test(name)) {
        return `"${name}" is not a Kubernetes namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit)`;
    }
    if (!DNS_1123_LABEL.test(logs)) return `"${name}" leaves no room for its logs namespace "${logs}" within the 63 characters of a namespace name`;
    const own = whyReserved(name);
    if (own) return `"${name}" ${own}: the app needs a namespace of its own`;
    const ofLogs = whyReserved(logs);
    if (ofLogs) return `"${name}" gives the app's logs namespace "${logs}", which ${ofLogs}: pick another name`;
    return undefined;
}
