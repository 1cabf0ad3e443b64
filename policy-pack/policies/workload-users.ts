/**
 * Which user each container runs as. The pod's securityContext sets runAsUser and runAsNonRoot for
 * every container and a container's own overrides it (Kubernetes API, PodSecurityContext and
 * SecurityContext). A container is shown to run as non-root when its effective runAsUser is above
 * 0, or runAsNonRoot is true and runAsUser is not 0 (the kubelet then refuses to start it as root).
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asRecord, parseMaybeJson } from "@openwebui-aws/rules/props";
import { known, UNKNOWN } from "@openwebui-aws/rules/preview";
import { imageRepository, RUNS_AS_ROOT } from "@openwebui-aws/rules/workload-users";

/** Where each workload kind keeps its pod spec. */
const POD_SPEC: Record<string, (spec: Record<string, unknown>) => unknown> = {
    "kubernetes:apps/v1:Deployment": (s) => asRecord(s.template).spec,
    "kubernetes:apps/v1:StatefulSet": (s) => asRecord(s.template).spec,
    "kubernetes:apps/v1:DaemonSet": (s) => asRecord(s.template).spec,
    "kubernetes:apps/v1:ReplicaSet": (s) => asRecord(s.template).spec,
    "kubernetes:batch/v1:Job": (s) => asRecord(s.template).spec,
    "kubernetes:batch/v1:CronJob": (s) => asRecord(asRecord(asRecord(s.jobTemplate).spec).template).spec,
    "kubernetes:core/v1:Pod": (s) => s,
};

type User = "non-root" | "root" | "image default" | "unknown";

function userOf(pod: Record<string, unknown>, container: Record<string, unknown>): User {
    const podContext = asRecord(known(() => pod.securityContext));
    const own = asRecord(known(() => container.securityContext));
    const uid = known(() => own.runAsUser ?? podContext.runAsUser);
    const nonRoot = known(() => own.runAsNonRoot ?? podContext.runAsNonRoot);
    if (uid === UNKNOWN || nonRoot === UNKNOWN) return "unknown";
    if (uid !== undefined && Number(uid) === 0) return "root";
    if (uid !== undefined && Number(uid) > 0) return "non-root";
    return nonRoot === true ? "non-root" : "image default";
}

/**
 * Paths in a chart's values that ask for root: runAsUser 0 or runAsNonRoot false. Values a preview
 * does not know yet (ARNs, names) are skipped, except under those two keys, where unknown counts as root.
 */
export function rootRequests(value: unknown, path = ""): string[] {
    if (value === null || typeof value !== "object") return [];
    const keys = Array.isArray(value) ? [...value.keys()].map(String) : Object.keys(value);
    return keys.flatMap((k) => {
        const here = Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
        const v = known(() => (value as Record<string, unknown>)[k]);
        const userKey = k === "runAsUser" || k === "runAsNonRoot";
        if (v === UNKNOWN) return userKey ? [`${here}: unknown at preview`] : [];
        if (k === "runAsUser" && (v === 0 || v === "0")) return [`${here}: 0`];
        if (k === "runAsNonRoot" && (v === false || v === "false")) return [`${here}: false`];
        return rootRequests(v, here);
    });
}

export const workloadsNonRoot: ResourceValidationPolicy = {
    name: "workloads-non-root",
    description:
        "Every container of the program's Kubernetes workloads runs as a non-root user (runAsUser above 0, or runAsNonRoot: true, on the container or its pod), except images a written deviation names; Helm values never ask for root (runAsUser: 0 or runAsNonRoot: false). A chart's own defaults are not visible to a preview and are not judged. An unknown user or image counts as root.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type === "kubernetes:helm.sh/v3:Release" || args.type === "kubernetes:helm.sh/v4:Chart") {
            const asked = rootRequests(parseMaybeJson(known(() => args.props.values)));
            if (asked.length > 0) report(`the chart's values run containers as root (${asked.join("; ")}): set runAsNonRoot: true and a non-zero runAsUser`);
            return;
        }
        const podOf = POD_SPEC[args.type];
        if (!podOf) return;
        const pod = asRecord(known(() => podOf(asRecord(args.props.spec))));
        const containers = [...asArray(known(() => pod.initContainers)), ...asArray(known(() => pod.containers))].map(asRecord);
        for (const container of containers) {
            const user = userOf(pod, container);
            if (user === "non-root") continue;
            const image = known(() => container.image);
            const allowance = typeof image === "string" ? RUNS_AS_ROOT.find((a) => a.image === imageRepository(image)) : undefined;
            if (allowance && (user === "image default" || (user === "root" && allowance.explicitRoot))) continue;
            const name = String(known(() => container.name) === UNKNOWN ? "?" : container.name);
            const why = user === "root" ? "runs as root (runAsUser: 0)" : user === "unknown" ? "has a user the preview cannot see" : "sets no non-root user, so it runs as its image's default user, root for most images";
            report(`container "${name}" ${why}: set securityContext runAsNonRoot: true and runAsUser to the image's non-root uid (or write a deviation for the image in rules/deviations.ts and rules/workload-users.ts)`);
        }
    },
};
