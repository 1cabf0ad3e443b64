/**
 * Which user each container runs as. The pod's securityContext sets runAsUser and runAsNonRoot for
 * every container and a container's own overrides it (Kubernetes API, PodSecurityContext and
 * SecurityContext). A container is shown to run as non-root when its effective runAsUser is above
 * 0, or runAsNonRoot is true and runAsUser is not 0 (the kubelet then refuses to start it as root).
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asRecord, parseMaybeJson } from "@openwebui-aws/rules/props";
import { known, UNKNOWN } from "@openwebui-aws/rules/preview";
import { CHART_DEFAULT_USER_BLOCKS, imageRepository, RUNS_AS_ROOT } from "@openwebui-aws/rules/workload-users";

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
    const uidKnown = uid !== UNKNOWN && uid !== undefined;
    if (uidKnown && Number(uid) === 0) return "root";
    // Either half proves non-root while the other is unknown: a uid above 0, or runAsNonRoot (the kubelet refuses uid 0).
    if ((uidKnown && Number(uid) > 0) || nonRoot === true) return "non-root";
    return uid === UNKNOWN || nonRoot === UNKNOWN ? "unknown" : "image default";
}

/** In a security context whose runAsUser or runAsNonRoot (`unknownKey`) is unknown: the other, known, already rules root out. */
function otherHalfRulesOutRoot(context: object, unknownKey: string): boolean {
    const other = known(() => (context as Record<string, unknown>)[unknownKey === "runAsUser" ? "runAsNonRoot" : "runAsUser"]);
    if (unknownKey === "runAsUser") return other === true;
    return other !== UNKNOWN && other !== undefined && Number(other) > 0;
}

/**
 * Paths in a chart's values that ask for root: runAsUser 0 or runAsNonRoot false. Values a preview
 * does not know yet (ARNs, names) are skipped, except under those two keys, where unknown counts as
 * root unless the other key of the same context rules it out.
 */
export function rootRequests(value: unknown, path = ""): string[] {
    if (value === null || typeof value !== "object") return [];
    const keys = Array.isArray(value) ? [...value.keys()].map(String) : Object.keys(value);
    return keys.flatMap((k) => {
        const here = Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
        const v = known(() => (value as Record<string, unknown>)[k]);
        const userKey = k === "runAsUser" || k === "runAsNonRoot";
        if (v === UNKNOWN) return userKey && !otherHalfRulesOutRoot(value, k) ? [`${here}: unknown at preview`] : [];
        if (k === "runAsUser" && (v === 0 || v === "0")) return [`${here}: 0`];
        if (k === "runAsNonRoot" && (v === false || v === "false")) return [`${here}: false`];
        return rootRequests(v, here);
    });
}

interface ContextBlock {
    parent: string;
    path: string;
    block: unknown;
}

/** Every block under a key ending in "securityContext" (any case) in a chart's values, read value by value. */
function contextBlocks(value: unknown, path = ""): ContextBlock[] {
    if (value === null || typeof value !== "object") return [];
    const keys = Array.isArray(value) ? [...value.keys()].map(String) : Object.keys(value);
    return keys.flatMap((k) => {
        const here = Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
        const v = known(() => (value as Record<string, unknown>)[k]);
        if (/securitycontext$/i.test(k)) return [{ parent: path, path: here, block: v }];
        return v === UNKNOWN ? [] : contextBlocks(v, here);
    });
}

function provesNonRoot(block: unknown): boolean {
    if (block === UNKNOWN) return false;
    const uid = known(() => asRecord(block).runAsUser);
    const nonRoot = known(() => asRecord(block).runAsNonRoot);
    const uidKnown = uid !== UNKNOWN && uid !== undefined;
    return (uidKnown && Number(uid) > 0) || (nonRoot === true && !(uidKnown && Number(uid) === 0));
}

/** Blocks the program writes without a non-root user, other than those a deviation names for the chart. */
export function chartBlocksWithoutUser(chart: string, values: unknown): string[] {
    const allowed = CHART_DEFAULT_USER_BLOCKS.filter((a) => a.chart.test(chart)).flatMap((a) => a.paths);
    const blocks = contextBlocks(values);
    return blocks
        .filter((b) => !allowed.includes(b.path))
        .filter((b) => !provesNonRoot(b.block) && !blocks.some((s) => s.parent === b.parent && s !== b && provesNonRoot(s.block)))
        .map((b) => b.path);
}

export const workloadsNonRoot: ResourceValidationPolicy = {
    name: "workloads-non-root",
    description:
        "Every container of the program's Kubernetes workloads runs as a non-root user (runAsUser above 0, or runAsNonRoot: true, on the container or its pod), except images a written deviation names; Helm values never ask for root (runAsUser: 0 or runAsNonRoot: false), and every security-context block the program writes into a chart's values shows a non-root user (itself or a sibling block) unless a deviation names it. A chart's own defaults are not visible to a preview and are not judged. A user a preview cannot see counts as root unless its known half (runAsUser above 0, or runAsNonRoot true) rules root out; an unknown image counts as root.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type === "kubernetes:helm.sh/v3:Release" || args.type === "kubernetes:helm.sh/v4:Chart") {
            const values = parseMaybeJson(known(() => args.props.values));
            const asked = rootRequests(values);
            if (asked.length > 0) report(`the chart's values run containers as root (${asked.join("; ")}): set runAsNonRoot: true and a non-zero runAsUser`);
            const chart = known(() => args.props.chart);
            const silent = chartBlocksWithoutUser(typeof chart === "string" ? chart : "", values).filter((path) => !asked.some((a) => a.startsWith(path)));
            if (silent.length > 0) report(`the chart's values set ${silent.join(", ")} without a non-root user, so those containers run as their image's default user (root for most): add runAsNonRoot: true and a non-zero runAsUser`);
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
