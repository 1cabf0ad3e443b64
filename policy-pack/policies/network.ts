import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ALB_SECURITY_GROUP_TYPE, hasResourceType, PRIVATE_SUBNET_TYPE } from "@openwebui-aws/rules/naming";
import { SUBNET_ROLE_TAG } from "@openwebui-aws/rules/tags";
import { isAnywhere } from "@openwebui-aws/rules/cidr";
import { asArray, asRecord } from "@openwebui-aws/rules/props";
import { ALB_INTERNET_PORTS } from "@openwebui-aws/rules/deviations";

/** A subnet counts as private when the program marks it for internal load balancers or names it so. */
function isPrivateSubnet(props: Record<string, unknown>): boolean {
    const tags = asRecord(props.tags);
    return tags[SUBNET_ROLE_TAG.private] === "1" || hasResourceType(String(tags.Name ?? ""), PRIVATE_SUBNET_TYPE);
}

export const privateSubnetNoPublicIp: ResourceValidationPolicy = {
    name: "private-subnet-no-public-ip",
    description: "Private subnets never assign public IPv4 addresses at launch.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type === "aws:ec2/subnet:Subnet" && isPrivateSubnet(args.props) && args.props.mapPublicIpOnLaunch === true) {
            report("a private subnet has mapPublicIpOnLaunch = true: its instances would be reachable from the internet");
        }
    },
};

const ADMIN_PORTS = [22, 3389];

interface OpenRule {
    protocol: unknown;
    fromPort: unknown;
    toPort: unknown;
    sources: unknown[];
    /** Network ACL rules only: evaluated in ascending order, first match wins, denies count. */
    ruleNo?: number;
    allow?: boolean;
}

function fromAnywhere(rule: OpenRule): boolean {
    return rule.sources.some((s) => isAnywhere(s as string | undefined));
}

function coversTcpPort(rule: OpenRule, port: number): boolean {
    const protocol = String(rule.protocol ?? "").toLowerCase();
    if (protocol === "-1" || protocol === "all") return true;
    if (protocol !== "tcp" && protocol !== "6") return false;
    return port >= Number(rule.fromPort) && port <= Number(rule.toPort);
}

/** Admin ports an internet source reaches: for ACLs the first matching rule from anywhere decides. */
function exposedAdminPorts(rules: OpenRule[]): number[] {
    const ordered = [...rules].filter(fromAnywhere).sort((a, b) => (a.ruleNo ?? 0) - (b.ruleNo ?? 0));
    return ADMIN_PORTS.filter((port) => {
        const decisive = ordered.find((rule) => coversTcpPort(rule, port));
        return decisive !== undefined && decisive.allow !== false;
    });
}

/** Inbound rules of every resource type that can open a port, normalised. */
function inboundRules(type: string, props: Record<string, unknown>): OpenRule[] {
    const fromEntry = (entry: Record<string, unknown>, sources: unknown[]): OpenRule => ({
        protocol: entry.protocol ?? entry.ipProtocol,
        fromPort: entry.fromPort,
        toPort: entry.toPort,
        sources,
    });
    switch (type) {
        case "aws:ec2/securityGroup:SecurityGroup":
        case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
            return asArray(props.ingress).map((e) => {
                const entry = asRecord(e);
                return fromEntry(entry, [...asArray(entry.cidrBlocks), ...asArray(entry.ipv6CidrBlocks)]);
            });
        case "aws:ec2/securityGroupRule:SecurityGroupRule":
            return props.type === "ingress"
                ? [fromEntry(props, [...asArray(props.cidrBlocks), ...asArray(props.ipv6CidrBlocks)])]
                : [];
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
            return [fromEntry(props, [props.cidrIpv4, props.cidrIpv6])];
        case "aws:ec2/networkAcl:NetworkAcl":
        case "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl":
            return asArray(props.ingress)
                .map(asRecord)
                .map((entry) => ({
                    ...fromEntry(entry, [entry.cidrBlock, entry.ipv6CidrBlock]),
                    ruleNo: Number(entry.ruleNo),
                    allow: entry.action === "allow",
                }));
        case "aws:ec2/networkAclRule:NetworkAclRule":
            // A standalone rule is judged alone: its siblings are separate resources.
            return props.egress !== true && props.ruleAction === "allow"
                ? [fromEntry(props, [props.cidrBlock, props.ipv6CidrBlock])]
                : [];
        default:
            return [];
    }
}

export const noAdminPortsFromInternet: ResourceValidationPolicy = {
    name: "no-admin-ports-from-internet",
    description: "No security-group or network-ACL rule opens SSH (22) or RDP (3389) to 0.0.0.0/0 or ::/0.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const ports = exposedAdminPorts(inboundRules(args.type, args.props));
        if (ports.length > 0) {
            report(`opens port ${ports.join(" and ")} to the whole internet; allow only admin CIDRs`);
        }
    },
};

export const vpcFlowLogs: StackValidationPolicy = {
    name: "vpc-flow-logs",
    description: "Every VPC has a flow log that captures ALL traffic.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const flowLogs = args.resources.filter((r) => r.type === "aws:ec2/flowLog:FlowLog" && r.props.trafficType === "ALL");
        for (const vpc of args.resources.filter((r) => r.type === "aws:ec2/vpc:Vpc")) {
            const covered = flowLogs.some(
                (log) =>
                    (log.propertyDependencies.vpcId ?? []).some((dep) => dep.urn === vpc.urn) ||
                    (vpc.props.id !== undefined && log.props.vpcId === vpc.props.id),
            );
            if (!covered) {
                report(`VPC "${vpc.name}" has no flow log with trafficType ALL`, vpc.urn);
            }
        }
    },
};

/** The one group allowed to face the internet, and only on HTTP and HTTPS. */
function isAlbGroup(name: unknown): boolean {
    return hasResourceType(String(name ?? ""), ALB_SECURITY_GROUP_TYPE);
}

export const securityGroupIngressFromInternet: ResourceValidationPolicy = {
    name: "sg-ingress-from-internet",
    description: "No security group admits 0.0.0.0/0 or ::/0, except the ALB's on TCP 443 and, by a listed deviation, 80.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const rules = inboundRules(args.type, args.props).filter(fromAnywhere);
        if (rules.length === 0 || args.type.includes("networkAcl")) return;
        const group =
            args.type === "aws:ec2/securityGroup:SecurityGroup" ? args.props.name ?? asRecord(args.props.tags).Name : args.name;
        for (const rule of rules) {
            const web = String(rule.protocol) === "tcp" && rule.fromPort === rule.toPort && ALB_INTERNET_PORTS.includes(Number(rule.fromPort));
            if (!(web && isAlbGroup(group))) {
                report(`admits ${rule.protocol} ${rule.fromPort ?? "all"}-${rule.toPort ?? "all"} from the internet`);
            }
        }
    },
};
