/**
 * Prod's shape as a checked contract. The design promises high availability and recovery (one NAT
 * gateway per AZ, "NAT Gateway가 각 AZ에 배치되어 있는가?"; a primary node group of at least two
 * on-demand nodes, "최소: 2"; RTO 4 h / RPO 1 h; backups), and the README promises prod two Open WebUI
 * and two LiteLLM pods, Container Insights' node and pod alarms, and a cluster and backup bucket
 * that cannot be deleted by accident. Each promise is a property of the pack config
 * (policy-pack/config/prod.json), so a stack file edited below it fails the PR preview, and every
 * finding names the config key that brings it back.
 *
 * Works from what a preview shows the pack: under the mock engine, the @pulumi/eks component's
 * inputs; in a real preview, also the aws:eks/cluster:Cluster it creates (rules/eks-cluster.ts).
 * Node groups, NAT gateways, subnets, add-ons and Helm releases are the program's own custom
 * resources in both.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { EKS_CLUSTER_TYPE, EKS_COMPONENT_TYPE } from "@openwebui-aws/rules/eks-cluster";
import { DEPLOY_AGENT_SECURITY_GROUP_TYPE, hasResourceType } from "@openwebui-aws/rules/naming";
import { APP_RELEASES, AppWorkload, BACKUP_BUCKET_TYPE, configKey, CONTAINER_INSIGHTS_ADDON, PRIMARY_NODE_GROUP } from "@openwebui-aws/rules/prod-contract";
import { known, UNKNOWN } from "@openwebui-aws/rules/preview";
import { asRecord, parseMaybeJson } from "@openwebui-aws/rules/props";
import { isPrivateSubnet } from "./network";

export const PROD_CONTRACT_POLICY = "prod-contract";

export interface ProdContract {
    clusterDeletionProtection: boolean;
    natGatewayPerAz: boolean;
    backupBucketProtected: boolean;
    containerInsights: boolean;
    /** "ANY" leaves the primary group's capacity type open. */
    primaryCapacityType: "ON_DEMAND" | "SPOT" | "ANY";
    minPrimaryNodes: number;
    minReplicas: Record<AppWorkload, number>;
    /** Prod's Deployments run on an agent in the VPC (deployment/): it needs its way to the private API endpoint. */
    deployAgentAccess: boolean;
}

type Report = (message: string, urn?: string) => void;
type Check = (resources: PolicyResource[], contract: ProdContract, report: Report) => void;

const ofType = (resources: PolicyResource[], type: string) => resources.filter((r) => r.type === type);

/**
 * The resource `from` points at through `property`: by dependency in a preview, by id once known.
 * Ids are read through `known`: a bare read of an unknown one would make CrossGuard skip the policy.
 */
function referenced(from: PolicyResource, property: string, candidates: PolicyResource[]): PolicyResource | undefined {
    const dep = (from.propertyDependencies[property] ?? []).find((d) => candidates.some((c) => c.urn === d.urn));
    if (dep) return candidates.find((c) => c.urn === dep.urn);
    const id = known(() => from.props[property]);
    return id === undefined || id === UNKNOWN ? undefined : candidates.find((c) => known(() => c.props.id) === id);
}

const clusterDeletionProtection: Check = (resources, contract, report) => {
    if (!contract.clusterDeletionProtection) return;
    for (const cluster of resources.filter((r) => r.type === EKS_COMPONENT_TYPE || r.type === EKS_CLUSTER_TYPE)) {
        if (cluster.props.deletionProtection !== true) {
            report(`EKS deletion protection is off on ${cluster.name}: one mistaken \`pulumi destroy\` or console click deletes prod's cluster; set ${configKey("clusterDeletionProtection")}: true`, cluster.urn);
        }
    }
};

/** A subnet's zone: its ID (how a Tokyo stack names zones) or its name. */
const zoneOf = (props: Record<string, unknown> | undefined) => (props ? String(props.availabilityZoneId ?? props.availabilityZone) : undefined);

const natGatewayPerAz: Check = (resources, contract, report) => {
    if (!contract.natGatewayPerAz) return;
    const subnets = ofType(resources, "aws:ec2/subnet:Subnet");
    const zones = [...new Set(subnets.filter((s) => isPrivateSubnet(s.props)).map((s) => zoneOf(s.props)!))].sort();
    const gateways = ofType(resources, "aws:ec2/natGateway:NatGateway").filter((g) => g.props.connectivityType !== "private");
    const gatewayZones = gateways.map((g) => zoneOf(referenced(g, "subnetId", subnets)?.props));
    // A gateway whose subnet is not in the stack cannot be placed: then only the count can be judged.
    const missing = gatewayZones.includes(undefined) ? zones.slice(gateways.length) : zones.filter((z) => !gatewayZones.includes(z));
    if (missing.length === 0) return;
    const natInstances = ofType(resources, "aws:ec2/instance:Instance").filter((i) => i.props.sourceDestCheck === false);
    const instead = natInstances.length > 0 ? ` (egress goes through the NAT instance ${natInstances.map((i) => i.name).join(", ")})` : "";
    report(
        `${gateways.length} NAT gateway(s) for private subnets in ${zones.length} AZs (${zones.join(", ")}), none in ${missing.join(", ")}${instead}: one AZ's outage cuts the others' egress; set ${configKey("natGatewayStrategy")}: perAz`,
    );
};

const backupBucketProtected: Check = (resources, contract, report) => {
    if (!contract.backupBucketProtected) return;
    const buckets = ofType(resources, "aws:s3/bucket:Bucket").filter((b) => hasResourceType(String(asRecord(b.props.tags).Name ?? b.name), BACKUP_BUCKET_TYPE));
    if (buckets.length === 0) report(`no backup bucket (${BACKUP_BUCKET_TYPE}): prod keeps its backups in one`);
    for (const bucket of buckets) {
        if (!bucket.opts.protect) {
            report(`backup bucket ${bucket.name} is not protected (resource option protect): \`pulumi destroy\` would try to delete prod's backups; set ${configKey("backupBucketProtect")}: true`, bucket.urn);
        }
        if (bucket.props.forceDestroy === true) report(`backup bucket ${bucket.name} sets forceDestroy: deleting it would delete every backup in it`, bucket.urn);
    }
};

const containerInsights: Check = (resources, contract, report) => {
    if (!contract.containerInsights) return;
    if (!ofType(resources, "aws:eks/addon:Addon").some((a) => a.props.addonName === CONTAINER_INSIGHTS_ADDON)) {
        report(`no ${CONTAINER_INSIGHTS_ADDON} add-on (Container Insights): prod would have no node CPU, node memory or pod-failure alarms; set ${configKey("containerInsights")}: true`);
    }
};

const primaryNodes: Check = (resources, contract, report) => {
    const key = (field: string) => configKey(`nodeGroups.${PRIMARY_NODE_GROUP}.${field}`);
    const groups = ofType(resources, "aws:eks/nodeGroup:NodeGroup").filter((g) =>
        hasResourceType(String(g.props.nodeGroupName ?? asRecord(g.props.tags).Name ?? g.name), `${PRIMARY_NODE_GROUP}-nodes`),
    );
    if (groups.length === 0 && (contract.minPrimaryNodes > 0 || contract.primaryCapacityType !== "ANY")) {
        report(`no ${PRIMARY_NODE_GROUP} node group: prod's always-on nodes are gone; do not drop ${configKey(`nodeGroups.${PRIMARY_NODE_GROUP}`)}`);
    }
    for (const group of groups) {
        const capacity = String(group.props.capacityType ?? "ON_DEMAND");
        if (contract.primaryCapacityType !== "ANY" && capacity !== contract.primaryCapacityType) {
            report(`node group ${group.name} runs ${capacity} capacity: a reclaim can take every always-on node at once; set ${key("capacityType")}: ${contract.primaryCapacityType}`, group.urn);
        }
        const scaling = asRecord(group.props.scalingConfig);
        const low = (["minSize", "desiredSize"] as const).filter((f) => !(Number(scaling[f]) >= contract.minPrimaryNodes));
        if (low.length > 0) {
            report(
                `node group ${group.name} keeps ${low.map((f) => `${f} ${String(scaling[f])}`).join(", ")}, below the ${contract.minPrimaryNodes} nodes prod needs to survive losing one node or AZ; set ${low.map(key).join(" and ")} to at least ${contract.minPrimaryNodes}`,
                group.urn,
            );
        }
    }
};

const appReplicas: Check = (resources, contract, report) => {
    const releases = ofType(resources, "kubernetes:helm.sh/v3:Release");
    for (const [workload, min] of Object.entries(contract.minReplicas) as [AppWorkload, number][]) {
        const { release, replicasKey } = APP_RELEASES[workload];
        if (!(min > 0)) continue;
        const found = releases.filter((r) => r.props.name === release);
        if (found.length === 0) report(`no Helm release "${release}": prod serves the application; set ${configKey("appEnabled")}: true`);
        for (const r of found) {
            const replicas = asRecord(parseMaybeJson(r.props.values)).replicaCount;
            if (!(Number(replicas) >= min)) {
                report(`Helm release "${release}" runs ${String(replicas ?? "the chart's default of")} pod(s), below ${min}: one pod's restart or one node's loss is an outage; set ${configKey(replicasKey)}: ${min}`, r.urn);
            }
        }
    }
};

const deployAgentAccess: Check = (resources, contract, report) => {
    if (!contract.deployAgentAccess) return;
    const groups = ofType(resources, "aws:ec2/securityGroup:SecurityGroup").filter((g) => hasResourceType(String(g.props.name ?? g.name), DEPLOY_AGENT_SECURITY_GROUP_TYPE));
    const admitted = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").some(
        (rule) => Number(rule.props.fromPort) <= 443 && Number(rule.props.toPort) >= 443 && groups.some((g) => referenced(rule, "referencedSecurityGroupId", [g])),
    );
    if (groups.length === 0 || !admitted) {
        report(
            `no security group (${DEPLOY_AGENT_SECURITY_GROUP_TYPE}) admitted on 443 to the API endpoint: prod's Deployments run on an agent in the VPC and could not reach the cluster; set ${configKey("deployAgentAccess")}: true`,
        );
    }
};

const CHECKS: Check[] = [clusterDeletionProtection, natGatewayPerAz, backupBucketProtected, containerInsights, primaryNodes, appReplicas, deployAgentAccess];

export const prodContract: StackValidationPolicy = {
    name: PROD_CONTRACT_POLICY,
    description:
        "The stack keeps prod's promised shape (pack config): EKS deletion protection, a NAT gateway per AZ, a protected backup bucket, Container Insights, an on-demand primary node group of at least two nodes, at least two Open WebUI and LiteLLM pods, and the deploy agent's way to the private API endpoint.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            clusterDeletionProtection: { type: "boolean", default: true },
            natGatewayPerAz: { type: "boolean", default: true },
            backupBucketProtected: { type: "boolean", default: true },
            containerInsights: { type: "boolean", default: true },
            primaryCapacityType: { type: "string", enum: ["ON_DEMAND", "SPOT", "ANY"], default: "ON_DEMAND" },
            minPrimaryNodes: { type: "integer", minimum: 0, default: 2 },
            minReplicas: {
                type: "object",
                properties: { webui: { type: "integer", minimum: 0 }, litellm: { type: "integer", minimum: 0 } },
                additionalProperties: false,
                default: { webui: 2, litellm: 2 },
            },
            deployAgentAccess: { type: "boolean", default: true },
        },
    },
    validateStack: (args, report) => {
        const contract = args.getConfig<ProdContract>();
        for (const check of CHECKS) check(args.resources, contract, report);
    },
};
