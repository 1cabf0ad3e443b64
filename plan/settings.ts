/** The settings that matter, per resource type, for the plan's inventory: one short line each. */
import { ALB_ANNOTATION } from "@openwebui-aws/rules/app";
import { RecordedResource } from "../sim/mock-engine";

type Summary = (inputs: Record<string, any>) => string;

const list = (v: unknown) => (Array.isArray(v) ? v.join(", ") : String(v ?? ""));

const SUMMARIES: Record<string, Summary> = {
    "aws:ec2/vpc:Vpc": (i) => `${i.cidrBlock}`,
    "aws:ec2/subnet:Subnet": (i) => `${i.cidrBlock} in ${i.availabilityZone}${i.mapPublicIpOnLaunch ? ", public IPs" : ""}`,
    "aws:ec2/natGateway:NatGateway": (i) => `in ${i.subnetId}`,
    "aws:ec2/networkAclRule:NetworkAclRule": (i) => `#${i.ruleNumber} ${i.egress ? "out" : "in"} ${i.ruleAction} ${i.protocol} ${i.fromPort ?? ""}-${i.toPort ?? ""} ${i.cidrBlock ?? ""}`,
    "aws:ec2/flowLog:FlowLog": (i) => `${i.trafficType}, ${i.maxAggregationInterval}s`,
    "aws:cloudwatch/logGroup:LogGroup": (i) => `${i.name}, ${i.retentionInDays} days`,
    "eks:index:Cluster": (i) => `Kubernetes ${i.version}, upgrade policy ${i.upgradePolicy?.supportType ?? "unset"}, public endpoint ${list(i.publicAccessCidrs)}`,
    "aws:eks/nodeGroup:NodeGroup": (i) =>
        `${list(i.instanceTypes)} ${i.capacityType}, min ${i.scalingConfig?.minSize} / desired ${i.scalingConfig?.desiredSize} / max ${i.scalingConfig?.maxSize}${(i.taints ?? []).length ? `, taints ${i.taints.map((t: any) => `${t.key}=${t.value}:${t.effect}`).join(" ")}` : ""}`,
    "aws:ec2/launchTemplate:LaunchTemplate": (i) => {
        // Bottlerocket's unsized OS volume comes first; the size a stack sets is on its data volume.
        const sized = (i.blockDeviceMappings ?? []).find((m: any) => m.ebs?.volumeSize !== undefined) ?? i.blockDeviceMappings?.[0];
        const ebs = sized?.ebs ?? {};
        return `${ebs.volumeSize} GB ${ebs.volumeType}${sized?.deviceName && sized.deviceName !== "/dev/xvda" ? ` on ${sized.deviceName}` : ""}${ebs.encrypted === "true" || ebs.encrypted === true ? " encrypted" : ""}, IMDS tokens ${i.metadataOptions?.httpTokens}`;
    },
    "aws:eks/addon:Addon": (i) => `${i.addonName}`,
    "kubernetes:helm.sh/v3:Release": (i) => `${i.chart} ${i.version}${i.values?.replicaCount ? `, ${i.values.replicaCount} replicas` : ""}`,
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (i) => `in ${i.ipProtocol} ${i.fromPort ?? ""}-${i.toPort ?? ""} ${i.cidrIpv4 ?? i.referencedSecurityGroupId ?? ""}`,
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": (i) => `out ${i.ipProtocol} ${i.fromPort ?? ""}-${i.toPort ?? ""} ${i.cidrIpv4 ?? i.referencedSecurityGroupId ?? ""}`,
    "aws:kms/key:Key": (i) => `rotation ${i.enableKeyRotation ? "on" : "off"}`,
    "aws:sns/topic:Topic": (i) => `${i.name}${i.kmsMasterKeyId ? ", encrypted" : ""}`,
    "aws:sns/topicSubscription:TopicSubscription": (i) => `${i.protocol} ${i.endpoint}`,
    "aws:budgets/budget:Budget": (i) => `$${i.limitAmount} ${i.timeUnit}, notify at ${(i.notifications ?? []).map((n: any) => `${n.threshold}% ${n.notificationType}`).join(", ")}`,
    "aws:cloudwatch/metricAlarm:MetricAlarm": (i) => `${i.metricName} ${i.comparisonOperator} ${i.threshold} over ${i.period}s × ${i.evaluationPeriods}`,
    "aws:dlm/lifecyclePolicy:LifecyclePolicy": (i) => {
        // Every schedule, each as DLM runs it: every N hours, or at the listed times (UTC).
        const schedules = (i.policyDetails?.schedules ?? []).map((s: any) => {
            const rule = s.createRule ?? {};
            const every = `every ${rule.interval ?? 24} ${String(rule.intervalUnit ?? "HOURS").toLowerCase()}`;
            return `${rule.times ? `${every} at ${[rule.times].flat().join(",")} UTC` : every}, keep ${s.retainRule?.count}`;
        });
        return `${schedules.join("; ")}; targets ${Object.entries(i.policyDetails?.targetTags ?? {}).map(([k, v]) => `${k}=${v}`).join(",")}`;
    },
    "aws:s3/bucket:Bucket": (i) => `${i.bucket}`,
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": (i) =>
        (i.rules?.[0]?.transitions ?? []).map((t: any) => `${t.storageClass} after ${t.days} d`).join(", "),
    "aws:iam/role:Role": (i) => `${i.description ?? ""}`,
    "aws:rds/instance:Instance": (i) =>
        `PostgreSQL ${i.engineVersion} ${i.instanceClass}, ${i.multiAz ? "Multi-AZ" : "Single-AZ"}, ${i.allocatedStorage} GB ${i.storageType}${i.storageEncrypted ? " encrypted" : ""}, backups ${i.backupRetentionPeriod} d${i.deletionProtection ? ", deletion protection" : ""}`,
    "aws:wafv2/webAcl:WebAcl": (i) => `${i.scope}: ${(i.rules ?? []).map((r: any) => r.name).join(", ")}`,
    "aws:ecr/repository:Repository": (i) => `${i.name}, tags ${String(i.imageTagMutability).toLowerCase()}${i.imageScanningConfiguration?.scanOnPush ? ", scan on push" : ""}`,
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": (i) => `${i.namespace}/${i.serviceAccount} → ${String(i.roleArn).split("/").pop()}`,
    "kubernetes:networking.k8s.io/v1:Ingress": (i) => {
        const a = i.metadata?.annotations ?? {};
        return `${a[ALB_ANNOTATION.scheme] ?? "?"} ALB, listeners ${a[ALB_ANNOTATION.listenPorts] ?? "?"}${a[ALB_ANNOTATION.wafAclArn] ? ", WAF" : ""}`;
    },
    "kubernetes:apps/v1:StatefulSet": (i) => `${i.spec?.replicas} × ${i.spec?.template?.spec?.containers?.[0]?.image}, ${(i.spec?.volumeClaimTemplates ?? []).map((t: any) => t.spec?.resources?.requests?.storage).join(", ")}`,
    "kubernetes:batch/v1:Job": (i) => `${i.spec?.template?.spec?.containers?.[0]?.image}`,
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (i) => `${String(i.policyArn).split("/").pop()}`,
};

export function settingsOf(r: RecordedResource): string {
    const summary = SUMMARIES[r.type];
    try {
        return summary ? summary(r.inputs) : "";
    } catch {
        return "";
    }
}
