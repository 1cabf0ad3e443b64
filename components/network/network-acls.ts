/**
 * Network ACL entries for the design's §네트워크 보안, as plain data so tests and the README can
 * read them. NACLs are stateless: every allowed flow needs its return path allowed explicitly.
 */
import * as aws from "@pulumi/aws";

export type AclEntry = aws.types.input.ec2.NetworkAclIngress;

const ANYWHERE = "0.0.0.0/0";
const EPHEMERAL = { fromPort: 1024, toPort: 65535 };
/** ICMP type 3 code 4 ("fragmentation needed"): without it path-MTU discovery breaks silently. */
const PATH_MTU = { protocol: "icmp", icmpType: 3, icmpCode: 4, fromPort: 0, toPort: 0 };

function allow(ruleNo: number, cidrBlock: string, rule: Partial<AclEntry>): AclEntry {
    return { ruleNo, action: "allow", cidrBlock, protocol: "tcp", fromPort: 0, toPort: 0, ...rule };
}

/**
 * The ephemeral allow below would otherwise admit SSH and RDP from anywhere (both ports sit in
 * 1024–65535 or below it); these denies come first so only the admin CIDRs and the VPC reach 22.
 */
function denyAdminPorts(firstRuleNo: number): AclEntry[] {
    return [22, 3389].map((port, i) => ({
        ruleNo: firstRuleNo + i,
        action: "deny",
        cidrBlock: ANYWHERE,
        protocol: "tcp",
        fromPort: port,
        toPort: port,
    }));
}

export const allowAllOutbound: AclEntry[] = [allow(100, ANYWHERE, { protocol: "-1" })];

/**
 * Public subnets hold the NAT gateways and internet-facing load balancers. Rules in order:
 * - 22 from the admin CIDRs (none by default);
 * - everything from the VPC: private nodes' internet-bound traffic enters the NAT gateway here,
 *   on whatever destination port it uses (git over SSH included, hence before the denies);
 * - deny 22 and 3389 from anywhere;
 * - 80/443 from anywhere: the ALB's listeners;
 * - TCP/UDP 1024–65535 from anywhere: replies to the NAT gateway's and ALB's own connections.
 */
export function publicInbound(vpcCidr: string, sshAdminCidrs: string[]): AclEntry[] {
    return [
        ...sshAdminCidrs.map((cidr, i) => allow(50 + i, cidr, { fromPort: 22, toPort: 22 })),
        allow(80, vpcCidr, { protocol: "-1" }),
        ...denyAdminPorts(90),
        allow(100, ANYWHERE, { fromPort: 80, toPort: 80 }),
        allow(110, ANYWHERE, { fromPort: 443, toPort: 443 }),
        allow(130, ANYWHERE, EPHEMERAL),
        allow(140, ANYWHERE, { protocol: "udp", ...EPHEMERAL }),
        allow(150, ANYWHERE, PATH_MTU),
    ];
}

/**
 * Private subnets hold the nodes and the control plane's ENIs.
 * - everything from the VPC (the design's rule): node-to-node, control plane, ALB targets;
 * - deny 22 and 3389 from anywhere else;
 * - TCP/UDP 1024–65535 from anywhere: replies that come back through the NAT gateway or the S3
 *   gateway endpoint. Without these, nodes cannot pull images or join the cluster.
 */
export function privateInbound(vpcCidr: string): AclEntry[] {
    return [
        allow(100, vpcCidr, { protocol: "-1" }),
        ...denyAdminPorts(105),
        allow(110, ANYWHERE, EPHEMERAL),
        allow(120, ANYWHERE, { protocol: "udp", ...EPHEMERAL }),
        allow(130, ANYWHERE, PATH_MTU),
    ];
}
