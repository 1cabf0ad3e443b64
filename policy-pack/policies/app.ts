import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ALB_ANNOTATION, MIN_BACKUP_RETENTION_DAYS } from "@openwebui-aws/rules/app";
import { asArray, asRecord, parseMaybeJson } from "@openwebui-aws/rules/props";
import { configKey } from "@openwebui-aws/rules/prod-contract";
import { known, UNKNOWN } from "@openwebui-aws/rules/preview";
import { annotationsOf, INGRESS, servedByAlbController } from "./ingress";

const RDS_INSTANCE = "aws:rds/instance:Instance";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";

interface RdsRules {
    minBackupRetentionDays: number;
    requireMultiAz: boolean;
    requireDeletionProtection: boolean;
}

/** The design's "RDS 자동 백업 7일" everywhere; Multi-AZ and deletion protection where the stack's config asks (prod). */
export const rdsHardening: ResourceValidationPolicy = {
    name: "rds-hardening",
    description: "RDS instances are encrypted, not publicly accessible, keep automated backups for at least 7 days, and in prod run Multi-AZ with deletion protection.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minBackupRetentionDays: { type: "integer", minimum: 1, maximum: 35, default: MIN_BACKUP_RETENTION_DAYS },
            requireMultiAz: { type: "boolean", default: false },
            requireDeletionProtection: { type: "boolean", default: false },
        },
    },
    validateResource: (args, report) => {
        if (args.type !== RDS_INSTANCE) return;
        const rules = args.getConfig<RdsRules>();
        const p = args.props;
        if (p.storageEncrypted !== true) report("storage is not encrypted (storageEncrypted)");
        if (p.publiclyAccessible === true) report("the instance is publicly accessible");
        const days = Number(p.backupRetentionPeriod ?? 0);
        if (!(days >= rules.minBackupRetentionDays)) report(`automated backups are kept ${days} days, fewer than ${rules.minBackupRetentionDays}`);
        if (rules.requireMultiAz && p.multiAz !== true) report(`not Multi-AZ: one AZ's outage takes the database down; set ${configKey("databaseMultiAz")}: true`);
        if (rules.requireDeletionProtection && p.deletionProtection !== true) report(`deletion protection is off; set ${configKey("databaseDeletionProtection")}: true`);
    },
};

interface WafRules {
    required: boolean;
}

/**
 * The ACL's ARN is unknown until AWS creates it, so a preview sees it only as a dependency of the
 * Ingress's metadata on the web ACL. The dependency alone is not enough: an ARN under a wrong key
 * makes the same dependency. Where the annotations are known, the ARN must sit under the controller's
 * key and, once known, name an ACL of the stack; where the whole annotation map is still unknown (a
 * first preview: it holds subnet and group ids too), the dependency is all there is to go on.
 */
function hasWebAcl(ingress: PolicyResource, acls: PolicyResource[]): boolean {
    const dependsOnAcl = (ingress.propertyDependencies.metadata ?? []).some((dep) => acls.some((acl) => acl.urn === dep.urn));
    const annotations = annotationsOf(ingress.props);
    if (annotations === UNKNOWN) return dependsOnAcl;
    const arn = known(() => annotations[ALB_ANNOTATION.wafAclArn]);
    if (arn === UNKNOWN) return dependsOnAcl;
    return typeof arn === "string" && acls.some((acl) => known(() => acl.props.arn) === arn);
}

/** Internet-facing unless the scheme says internal; an unknown scheme counts as internet-facing (the safe reading). */
function internetFacing(ingress: PolicyResource): boolean {
    const annotations = annotationsOf(ingress.props);
    return annotations === UNKNOWN || known(() => annotations[ALB_ANNOTATION.scheme]) !== "internal";
}

export const wafOnInternetAlb: StackValidationPolicy = {
    name: "waf-on-internet-alb",
    description:
        "Where the stack's config requires it (prod), every internet-facing Ingress the load balancer controller may serve (class alb, the deprecated class annotation, or no class) carries a WAF web ACL of the stack under alb.ingress.kubernetes.io/wafv2-acl-arn. An unknown scheme counts as internet-facing; an ARN not yet known counts only with a dependency on the stack's web ACL.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { required: { type: "boolean", default: false } } },
    validateStack: (args, report) => {
        if (!args.getConfig<WafRules>().required) return;
        const acls = args.resources.filter((r) => r.type === WEB_ACL);
        for (const ingress of args.resources.filter((r) => r.type === INGRESS && servedByAlbController(r))) {
            if (!internetFacing(ingress)) continue;
            if (!hasWebAcl(ingress, acls)) {
                report(`Ingress "${ingress.name}" puts an internet-facing ALB in front of the app without a WAF web ACL of the stack under ${ALB_ANNOTATION.wafAclArn} (a WAF ARN under any other key is ignored by the controller); set ${configKey("appWaf")}: true`, ingress.urn);
            }
        }
    },
};

/** Pod-spec fields that hand a container the node. */
const HOST_ACCESS = ["hostNetwork", "hostPID", "hostIPC"];

/** Every place in a (values or manifest) tree that grants privilege or host namespaces, as paths. */
export function privilegedPaths(value: unknown, path = ""): string[] {
    if (value === null || typeof value !== "object") return [];
    // Each value read on its own: one a preview does not know yet (an ARN in chart values) must not
    // throw away the whole check, which CrossGuard would then only advise about.
    const keys = Array.isArray(value) ? [...value.keys()].map(String) : Object.keys(value);
    return keys.flatMap((k) => {
        const here = Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
        const v = known(() => (value as Record<string, unknown>)[k]);
        if (v === UNKNOWN) return [];
        if ((k === "privileged" || k === "allowPrivilegeEscalation" || HOST_ACCESS.includes(k)) && v === true) return [here];
        if (k === "capabilities") {
            const added = asArray(known(() => asRecord(v).add)).filter((c) => ["ALL", "SYS_ADMIN", "NET_ADMIN"].includes(String(c)));
            if (added.length > 0) return [`${here}.add ${added.join(",")}`];
        }
        return privilegedPaths(v, here);
    });
}

const WORKLOADS = new Set([
    "kubernetes:apps/v1:Deployment",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:batch/v1:Job",
    "kubernetes:batch/v1:CronJob",
    "kubernetes:core/v1:Pod",
]);

export const workloadsUnprivileged: ResourceValidationPolicy = {
    name: "workloads-unprivileged",
    description: "Helm values and Kubernetes workloads run no privileged container, no privilege escalation, no added admin capabilities and no host network, PID or IPC namespace.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const tree = args.type === "kubernetes:helm.sh/v3:Release" ? parseMaybeJson(args.props.values) : WORKLOADS.has(args.type) ? args.props.spec : undefined;
        const found = privilegedPaths(tree);
        if (found.length > 0) report(`grants the node's privileges: ${found.join("; ")}`);
    },
};
