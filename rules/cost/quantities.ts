/**
 * What a stack will run, counted from the resources it registers: the same code reads the mock
 * engine's recording (the plan) and a real preview's resources (the budget policy).
 */
import { regionOfZone } from "../regions";
import { clusterSettings, EKS_CLUSTER_TYPE, EKS_COMPONENT_TYPE } from "../eks-cluster";
import { asArray, asRecord, parseMaybeJson } from "../props";
import { hasResourceType, WAF_LOG_GROUP_PREFIX } from "../naming";
import { UPLOADS_BUCKET_TYPE } from "../app";
import { agentConfigCost, CW_AGENT_CONFIG_ENV } from "../ops";
import { isRecoveryKey, recoveryCopyQuantities, RecoveryCopyQuantities } from "./recovery-copies";

export interface CostResource {
    type: string;
    props: Record<string, unknown>;
}

export interface NodeGroupQuantity {
    name: string;
    /** Every type the group may launch: the estimate prices the dearest. */
    instanceTypes: string[];
    capacityType: "ON_DEMAND" | "SPOT";
    /** The desired count: what runs until the autoscaler changes it. */
    nodes: number;
    /** The most the autoscaler may run. */
    maxNodes: number;
    volumeGb: number;
}

export interface Quantities {
    clusters: { name: string; version?: string; supportType?: string }[];
    nodeGroups: NodeGroupQuantity[];
    natGateways: number;
    /** Stand-alone EC2 instances (a NAT instance), on demand. */
    instances: { name: string; instanceType: string; volumeGb: number }[];
    elasticIps: number;
    alarms: number;
    kmsKeys: number;
    /** Copies of the stack's data in the recovery region (prod), or undefined. */
    recoveryCopies?: RecoveryCopyQuantities;
    containerInsights: boolean;
    /** CloudWatch agents the program runs (DaemonSets configured through CW_CONFIG_CONTENT): what they publish. */
    nodeAgents: { name: string; metrics: number; putRequestsPerMonth: number }[];
    /** CloudWatch Logs metric filters: one custom metric each (no dimensions). */
    logMetricFilters: number;
    backupBuckets: number;
    snapshotPolicies: number;
    /** Snapshots the DLM schedules keep at once, summed over schedules. */
    retainedSnapshots: number;
    /** The region of the stack's subnets (rules/regions.ts), which prices it; undefined: Seoul's. */
    region?: string;
    /** The budget's monthly limit in USD, when the stack has one. */
    budgetUsd?: number;
    /** Internet-facing ALBs the load balancer controller builds, one per Ingress of class alb. */
    albs: number;
    rdsInstances: { name: string; instanceClass: string; multiAz: boolean; storageGb: number; managedSecret: boolean; logExports: string[] }[];
    /** gp3 volumes Kubernetes claims through StatefulSets (the in-cluster Postgres). */
    persistentVolumeGb: number;
    uploadsBuckets: number;
    webAcls: { name: string; rules: number }[];
    /** Log groups AWS WAF writes to (named aws-waf-logs-…): each logs its web ACL's requests. */
    wafLogGroups: number;
    ecrRepositories: number;
    /** The model LiteLLM lists first (its Bedrock id), which the token assumption is priced at. */
    defaultBedrockModel?: string;
    /** Open WebUI's chart runs its own Redis pod (websocket state) instead of an ElastiCache cluster. */
    inClusterRedis: boolean;
}

const ofType = (resources: CostResource[], type: string) => resources.filter((r) => r.type === type);

/** The EKS AMI's default root volume when no launch template says otherwise. */
const DEFAULT_ROOT_GB = 20;

function rootVolumeGb(resources: CostResource[], nodeGroup: CostResource): number {
    const templates = ofType(resources, "aws:ec2/launchTemplate:LaunchTemplate");
    const ref = asRecord(nodeGroup.props.launchTemplate).id;
    const template = templates.find((t) => ref !== undefined && (t.props.id === ref || t.props.name === asRecord(nodeGroup.props.launchTemplate).name));
    const sizes = (template ? [template] : templates).flatMap((t) => asArray(t.props.blockDeviceMappings).map((m) => Number(asRecord(asRecord(m).ebs).volumeSize)));
    const known = sizes.filter((n) => n > 0);
    // A preview does not know a new template's id: then assume the largest root volume declared.
    return known.length > 0 ? Math.max(...known) : Number(nodeGroup.props.diskSize ?? DEFAULT_ROOT_GB);
}

const isUploadsBucket = (b: CostResource) => [b.props.bucket, asRecord(b.props.tags).Name].some((n) => typeof n === "string" && hasResourceType(n, UPLOADS_BUCKET_TYPE));

/** `100Gi` → 107.37 GB would overstate; EBS bills GiB as "GB": `20Gi` → 20. */
function storageGb(request: unknown): number {
    const m = /^(\d+(?:\.\d+)?)(Gi|G|Ti|T)?$/.exec(String(request ?? ""));
    if (!m) return 0;
    return Number(m[1]) * (m[2]?.startsWith("T") ? 1024 : 1);
}

function defaultBedrockModel(resources: CostResource[]): string | undefined {
    for (const release of ofType(resources, "kubernetes:helm.sh/v3:Release")) {
        const values = asRecord(parseMaybeJson(release.props.values));
        const first = asArray(asRecord(values.proxy_config).model_list)
            .map((m) => String(asRecord(asRecord(m).litellm_params).model ?? ""))
            .find((model) => model.startsWith("bedrock/"));
        if (first) return first.slice("bedrock/".length);
    }
    return undefined;
}

/** A DaemonSet runs on every node: the nodes the node groups want. */
function nodeAgents(resources: CostResource[]): Quantities["nodeAgents"] {
    const nodes = ofType(resources, "aws:eks/nodeGroup:NodeGroup").reduce((n, ng) => n + Number(asRecord(ng.props.scalingConfig).desiredSize ?? 0), 0);
    return ofType(resources, "kubernetes:apps/v1:DaemonSet").flatMap((d) => {
        const containers = asArray(asRecord(asRecord(asRecord(asRecord(d.props.spec).template).spec)).containers);
        const env = containers.flatMap((c) => asArray(asRecord(c).env)).map(asRecord).find((e) => e.name === CW_AGENT_CONFIG_ENV);
        if (!env || typeof env.value !== "string") return [];
        return [{ name: String(asRecord(d.props.metadata).name ?? "?"), ...agentConfigCost(parseMaybeJson(env.value), nodes) }];
    });
}

/** Where the stack's own subnets are, by zone name or ID: the region its resources are billed in. */
function stackRegion(resources: CostResource[]): string | undefined {
    for (const subnet of ofType(resources, "aws:ec2/subnet:Subnet")) {
        const zone = subnet.props.availabilityZoneId ?? subnet.props.availabilityZone;
        const region = typeof zone === "string" ? regionOfZone(zone) : undefined;
        if (region) return region;
    }
    return undefined;
}

export function quantitiesFrom(resources: CostResource[]): Quantities {
    // A real preview shows both the @pulumi/eks component and the aws:eks Cluster it creates.
    const awsClusters = ofType(resources, EKS_CLUSTER_TYPE);
    const clusterResources = awsClusters.length > 0 ? awsClusters : ofType(resources, EKS_COMPONENT_TYPE);
    const budget = ofType(resources, "aws:budgets/budget:Budget")[0];
    return {
        clusters: clusterResources.map((c) => {
            const { version, supportType } = clusterSettings(c.type, c.props) ?? {};
            return { name: String(c.props.name ?? "?"), version, supportType };
        }),
        nodeGroups: ofType(resources, "aws:eks/nodeGroup:NodeGroup").map((ng) => ({
            name: String(ng.props.nodeGroupName ?? "?"),
            instanceTypes: asArray(ng.props.instanceTypes).map(String),
            capacityType: ng.props.capacityType === "SPOT" ? "SPOT" : "ON_DEMAND",
            nodes: Number(asRecord(ng.props.scalingConfig).desiredSize ?? 0),
            maxNodes: Number(asRecord(ng.props.scalingConfig).maxSize ?? asRecord(ng.props.scalingConfig).desiredSize ?? 0),
            volumeGb: rootVolumeGb(resources, ng),
        })),
        natGateways: ofType(resources, "aws:ec2/natGateway:NatGateway").length,
        instances: ofType(resources, "aws:ec2/instance:Instance").map((i) => ({
            name: String(asRecord(i.props.tags).Name ?? i.props.instanceType),
            instanceType: String(i.props.instanceType),
            volumeGb: Number(asRecord(i.props.rootBlockDevice).volumeSize ?? 8),
        })),
        elasticIps: ofType(resources, "aws:ec2/eip:Eip").length,
        alarms: ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").length,
        // The recovery key is billed in the recovery region, on the copies' own line.
        kmsKeys: ofType(resources, "aws:kms/key:Key").filter((k) => !isRecoveryKey(k)).length,
        recoveryCopies: recoveryCopyQuantities(resources),
        containerInsights: ofType(resources, "aws:eks/addon:Addon").some((a) => a.props.addonName === "amazon-cloudwatch-observability"),
        nodeAgents: nodeAgents(resources),
        logMetricFilters: ofType(resources, "aws:cloudwatch/logMetricFilter:LogMetricFilter").length,
        backupBuckets: ofType(resources, "aws:s3/bucket:Bucket").filter((b) => !isUploadsBucket(b)).length,
        uploadsBuckets: ofType(resources, "aws:s3/bucket:Bucket").filter(isUploadsBucket).length,
        snapshotPolicies: ofType(resources, "aws:dlm/lifecyclePolicy:LifecyclePolicy").length,
        retainedSnapshots: ofType(resources, "aws:dlm/lifecyclePolicy:LifecyclePolicy")
            .flatMap((p) => asArray(asRecord(p.props.policyDetails).schedules))
            .reduce<number>((n, s) => n + Number(asRecord(asRecord(s).retainRule).count ?? 0), 0),
        region: stackRegion(resources),
        budgetUsd: budget ? Number(budget.props.limitAmount) : undefined,
        albs: ofType(resources, "kubernetes:networking.k8s.io/v1:Ingress").filter((i) => asRecord(i.props.spec).ingressClassName === "alb").length,
        rdsInstances: ofType(resources, "aws:rds/instance:Instance").map((r) => ({
            name: String(r.props.identifier ?? "?"),
            instanceClass: String(r.props.instanceClass),
            multiAz: r.props.multiAz === true,
            storageGb: Number(r.props.allocatedStorage ?? 0),
            managedSecret: r.props.manageMasterUserPassword === true,
            logExports: asArray(r.props.enabledCloudwatchLogsExports).map(String),
        })),
        persistentVolumeGb: ofType(resources, "kubernetes:apps/v1:StatefulSet")
            .flatMap((s) => asArray(asRecord(s.props.spec).volumeClaimTemplates).map((t) => Number(asRecord(s.props.spec).replicas ?? 1) * storageGb(asRecord(asRecord(asRecord(asRecord(t).spec).resources).requests).storage)))
            .reduce((a, b) => a + b, 0),
        webAcls: ofType(resources, "aws:wafv2/webAcl:WebAcl").map((w) => ({ name: String(w.props.name ?? "?"), rules: asArray(w.props.rules).length })),
        wafLogGroups: ofType(resources, "aws:cloudwatch/logGroup:LogGroup").filter((g) => String(g.props.name ?? "").startsWith(WAF_LOG_GROUP_PREFIX)).length,
        ecrRepositories: ofType(resources, "aws:ecr/repository:Repository").length,
        defaultBedrockModel: defaultBedrockModel(resources),
        inClusterRedis: ofType(resources, "kubernetes:helm.sh/v3:Release").some((r) => asRecord(asRecord(asRecord(parseMaybeJson(r.props.values)).websocket).redis).enabled === true),
    };
}
