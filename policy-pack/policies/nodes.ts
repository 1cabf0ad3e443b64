/**
 * Nodes: pods must not reach the node's instance role through IMDS, and nodes must not sit where
 * the internet routes to them.
 *
 * IMDS: with the response hop limit at 1, an IMDSv2 token cannot cross the extra network hop from
 * a pod's network namespace to the node, so a pod cannot take the node role's credentials (Amazon
 * EKS best practices guide, "Identity and Access Management": restrict access to the instance
 * profile assigned to the worker node). A node group without a launch template of the stack gets
 * EKS's own, which does not promise hop limit 1, so it is refused too.
 *
 * Subnets: a subnet is public when its route table sends traffic to an internet gateway, when it
 * assigns public IPs at launch, or when it is tagged for internet-facing load balancers. The route
 * table is found through the subnet's association (by dependency in a preview, by id once known).
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { asArray, asRecord } from "@openwebui-aws/rules/props";
import { known, knownList, UNKNOWN } from "@openwebui-aws/rules/preview";
import { SUBNET_ROLE_TAG } from "@openwebui-aws/rules/tags";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const MANAGED_NODE_GROUP = "eks:index:ManagedNodeGroup";
const SUBNET = "aws:ec2/subnet:Subnet";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ROUTE = "aws:ec2/route:Route";
const INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";

/** A resource's id: UNKNOWN until the provider creates it (a real preview of a new resource). */
const idOf = (r: PolicyResource) => known(() => r.props.id);

/** `from.props[property]` refers to one of `candidates`: by property dependency, or by a known id. */
function refersTo(from: PolicyResource, property: string, candidates: PolicyResource[]): PolicyResource[] {
    const byDependency = (from.propertyDependencies[property] ?? []).filter((d) => candidates.some((c) => c.urn === d.urn));
    const value = knownList(() => from.props[property]);
    const ids = value === UNKNOWN ? [] : value.filter((id) => id !== UNKNOWN);
    const byId = candidates.filter((c) => ids.some((id) => id !== undefined && id === idOf(c)));
    return [...new Map([...byDependency, ...byId].map((r) => [r.urn, candidates.find((c) => c.urn === r.urn) as PolicyResource])).values()];
}

/** Why a launch template lets pods reach IMDS, or undefined. */
function imdsProblem(template: PolicyResource): string | undefined {
    const options = known(() => asRecord(template.props.metadataOptions));
    if (options === UNKNOWN) return "its metadataOptions are unknown at preview";
    const hops = known(() => options.httpPutResponseHopLimit);
    if (hops === UNKNOWN) return "its httpPutResponseHopLimit is unknown at preview";
    if (hops === undefined) return "metadataOptions.httpPutResponseHopLimit is unset (the AMI or account default decides it, 2 on AL2023 AMIs)";
    if (Number(hops) !== 1) return `metadataOptions.httpPutResponseHopLimit is ${String(hops)}: pods one hop away can fetch the node role's credentials`;
    if (known(() => options.httpTokens) !== "required") return "metadataOptions.httpTokens is not \"required\": IMDSv1 needs no token, so the hop limit does not hold";
    return undefined;
}

export const nodesImdsSingleHop: StackValidationPolicy = {
    name: "nodes-imds-single-hop",
    description:
        "Launch templates set metadataOptions.httpPutResponseHopLimit to 1 with httpTokens \"required\", and every EKS node group launches from such a template of the stack, so pods cannot take the node role through IMDS. Unset or unknown values count as a violation.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const templates = args.resources.filter((r) => r.type === LAUNCH_TEMPLATE);
        for (const template of templates) {
            const problem = imdsProblem(template);
            if (problem) report(`launch template "${template.name}": ${problem}; set metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1 }`, template.urn);
        }
        for (const group of args.resources.filter((r) => r.type === NODE_GROUP || r.type === MANAGED_NODE_GROUP)) {
            const own = refersTo(group, "launchTemplate", templates);
            const ref = known(() => asRecord(group.props.launchTemplate));
            const refId = ref === UNKNOWN ? UNKNOWN : known(() => ref.id ?? ref.name);
            const byValue = refId === UNKNOWN ? [] : templates.filter((t) => refId !== undefined && (refId === idOf(t) || refId === known(() => t.props.name)));
            if (own.length === 0 && byValue.length === 0) {
                report(`node group "${group.name}" does not launch from a launch template of this stack, so its IMDS hop limit is not the stack's to check; give it the stack's launch template (hop limit 1, tokens required)`, group.urn);
            }
        }
    },
};

/** Route tables with a route to an internet gateway of the stack (or any igw- id). */
function internetRouteTables(resources: PolicyResource[]): Set<string> {
    const gateways = resources.filter((r) => r.type === INTERNET_GATEWAY);
    const tables = resources.filter((r) => r.type === ROUTE_TABLE);
    const isGatewayId = (id: unknown) => typeof id === "string" && (id.startsWith("igw-") || gateways.some((g) => idOf(g) === id));
    const dependsOnGateway = (deps: PolicyResource[] = []) => deps.some((d) => gateways.some((g) => g.urn === d.urn));
    const found = new Set<string>();
    for (const table of tables) {
        // An inline route's gateway id is unknown in a first preview; reading it bare would throw, and
        // CrossGuard would turn this mandatory policy into a skipped advisory.
        const inline = asArray(known(() => table.props.routes)).map(asRecord);
        if (inline.some((r) => isGatewayId(known(() => r.gatewayId))) || dependsOnGateway(table.propertyDependencies.routes)) found.add(table.urn);
    }
    for (const route of resources.filter((r) => r.type === ROUTE)) {
        if (!isGatewayId(known(() => route.props.gatewayId)) && !dependsOnGateway(route.propertyDependencies.gatewayId)) continue;
        refersTo(route, "routeTableId", tables).forEach((t) => found.add(t.urn));
    }
    return found;
}

/** Why a subnet of the stack is public, or undefined when it is private. */
export function subnetPublicReason(subnet: PolicyResource, resources: PolicyResource[]): string | undefined {
    if (known(() => subnet.props.mapPublicIpOnLaunch) === true) return "it assigns public IPs at launch";
    const tags = known(() => asRecord(subnet.props.tags));
    if (tags !== UNKNOWN && tags[SUBNET_ROLE_TAG.public] === "1") return `it is tagged ${SUBNET_ROLE_TAG.public} (for internet-facing load balancers)`;
    const tables = resources.filter((r) => r.type === ROUTE_TABLE);
    const associated = resources
        .filter((r) => r.type === ASSOCIATION && refersTo(r, "subnetId", [subnet]).length > 0)
        .flatMap((a) => refersTo(a, "routeTableId", tables));
    if (associated.length === 0) return "it has no route table association of the stack, so it uses the VPC's main route table, which the stack does not show";
    const internet = internetRouteTables(resources);
    if (associated.some((t) => internet.has(t.urn))) return "its route table sends traffic to an internet gateway";
    return undefined;
}

export const nodesInPrivateSubnets: StackValidationPolicy = {
    name: "nodes-in-private-subnets",
    description:
        "EKS node groups run only in private subnets of the stack: none routed to an internet gateway, assigning public IPs, or tagged for internet-facing load balancers. A subnet id the preview cannot tie to a subnet of the stack (unknown with no dependency, or created elsewhere) counts as a violation.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const subnets = args.resources.filter((r) => r.type === SUBNET);
        for (const group of args.resources.filter((r) => r.type === NODE_GROUP || r.type === MANAGED_NODE_GROUP)) {
            const placed = refersTo(group, "subnetIds", subnets);
            const value = knownList(() => group.props.subnetIds);
            // Ids the preview does not know yet are covered by the dependencies; known ids must be the stack's.
            const strangers = (value === UNKNOWN ? [] : value).filter((id) => id !== UNKNOWN && !subnets.some((s) => idOf(s) === id));
            if (placed.length === 0) {
                report(`node group "${group.name}": the preview cannot tie its subnetIds to subnets of this stack, so it cannot show they are private; pass the stack's private subnets`, group.urn);
                continue;
            }
            for (const id of strangers) report(`node group "${group.name}" uses subnet ${String(id)}, which is not a subnet of this stack: pass the stack's private subnets`, group.urn);
            for (const subnet of placed) {
                const reason = subnetPublicReason(subnet, args.resources);
                if (reason) report(`node group "${group.name}" is placed in subnet "${subnet.name}", which is public (${reason}); pass the private subnets (the network component's privateSubnetIds)`, group.urn);
            }
        }
    },
};
