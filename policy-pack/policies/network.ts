import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ALB_SECURITY_GROUP_TYPE, hasResourceType, PRIVATE_SUBNET_TYPE } from "@openwebui-aws/rules/naming";
import { SUBNET_ROLE_TAG } from "@openwebui-aws/rules/tags";
import { asRecord } from "@openwebui-aws/rules/props";
import { ALB_INTERNET_PORTS } from "@openwebui-aws/rules/deviations";
import { internetOpenings, internetReaches, ruleSets } from "./exposure";

/** A subnet counts as private when the program marks it for internal load balancers or names it so. */
export function isPrivateSubnet(props: Record<string, unknown>): boolean {
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

export const noAdminPortsFromInternet: StackValidationPolicy = {
    name: "no-admin-ports-from-internet",
    description: "No security group or network ACL lets SSH (22) or RDP (3389) in from the whole internet (0.0.0.0/0, ::/0, or CIDRs that add up to it), judging each group's or ACL's rules together.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        for (const set of ruleSets(args.resources)) {
            const ports = ADMIN_PORTS.filter((port) => internetReaches(set, "tcp", port, port));
            if (ports.length > 0) report(`opens port ${ports.join(" and ")} to the whole internet; allow only admin CIDRs`, set.resource.urn);
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
function isAlbGroup(name: string): boolean {
    return hasResourceType(name, ALB_SECURITY_GROUP_TYPE);
}

export const securityGroupIngressFromInternet: StackValidationPolicy = {
    name: "sg-ingress-from-internet",
    description: "No security group admits the whole internet (0.0.0.0/0, ::/0, or CIDRs that add up to it, across all of its rules), except the ALB's on TCP 443 and, by a listed deviation, 80.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        for (const set of ruleSets(args.resources).filter((s) => s.kind === "securityGroup")) {
            for (const o of internetOpenings(set)) {
                const web = o.protocol === "tcp" && o.fromPort === o.toPort && ALB_INTERNET_PORTS.includes(o.fromPort);
                if (!(web && isAlbGroup(set.name))) {
                    report(`${set.name} admits ${o.protocol === "all" ? "all traffic" : `${o.protocol} ${o.fromPort}-${o.toPort}`} from the internet`, set.resource.urn);
                }
            }
        }
    },
};
