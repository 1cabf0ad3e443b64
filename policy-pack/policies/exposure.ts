/**
 * Which ports the internet reaches through a security group or a network ACL, with every rule that
 * applies to the group taken together. "The internet" is any set of sources whose union is all of
 * it (rules/cidr.ts coversWholeInternet): two rules from 0.0.0.0/1 and 128.0.0.0/1 open a port as
 * widely as one from 0.0.0.0/0. Standalone rule resources are joined to the group or ACL they
 * attach to (by dependency in a preview, by id once known), so splitting a rule across resources
 * does not hide it either.
 */
import { PolicyResource } from "@pulumi/policy";
import { cidrsCover, coversWholeInternet } from "@openwebui-aws/rules/cidr";
import { asArray, asRecord } from "@openwebui-aws/rules/props";

const PORT_RANGE_END = 65535;

export interface InboundRule {
    /** "all", "tcp", "udp", or the protocol as written (icmp, numbers). */
    protocol: string;
    fromPort: number;
    toPort: number;
    source: unknown;
    /** Network ACL entries: evaluated in ascending order, first match wins, denies count. */
    ruleNo: number;
    allow: boolean;
}

/** One security group or network ACL with all of its inbound rules, or a rule whose owner is not in the stack. */
export interface RuleSet {
    kind: "securityGroup" | "networkAcl";
    /** Where a finding is reported. */
    resource: PolicyResource;
    /** The group's name (for the ALB exception), else the resource's. */
    name: string;
    rules: InboundRule[];
}

function protocolOf(value: unknown): string {
    const p = String(value ?? "").toLowerCase();
    if (p === "-1" || p === "all") return "all";
    if (p === "6") return "tcp";
    if (p === "17") return "udp";
    return p;
}

function inbound(entry: Record<string, unknown>, sources: unknown[], order: { ruleNo?: unknown; allow?: boolean } = {}): InboundRule[] {
    const protocol = protocolOf(entry.protocol ?? entry.ipProtocol);
    const ported = protocol === "tcp" || protocol === "udp";
    return sources
        .filter((s) => s !== undefined && s !== null && s !== "")
        .map((source) => ({
            protocol,
            fromPort: ported ? Number(entry.fromPort) : 0,
            toPort: ported ? Number(entry.toPort) : PORT_RANGE_END,
            source,
            ruleNo: Number(order.ruleNo ?? 0),
            allow: order.allow ?? true,
        }));
}

const SG_TYPES = new Set(["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"]);
const ACL_TYPES = new Set(["aws:ec2/networkAcl:NetworkAcl", "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"]);

/** The resource `rule` attaches to through `property`, if the stack has it. */
function ownerOf(rule: PolicyResource, property: string, owners: PolicyResource[]): PolicyResource | undefined {
    const byDependency = (rule.propertyDependencies[property] ?? []).find((dep) => owners.some((o) => o.urn === dep.urn));
    const ref = rule.props[property];
    return byDependency ? owners.find((o) => o.urn === byDependency.urn) : owners.find((o) => ref !== undefined && o.props.id === ref);
}

function groupName(r: PolicyResource): string {
    return String(r.props.name ?? asRecord(r.props.tags).Name ?? r.name);
}

/** Every security group and network ACL of the stack with its inbound rules, inline and standalone. */
export function ruleSets(resources: PolicyResource[]): RuleSet[] {
    const sets = new Map<string, RuleSet>();
    const setOf = (kind: RuleSet["kind"], resource: PolicyResource, name: string) => {
        const found = sets.get(resource.urn) ?? { kind, resource, name, rules: [] };
        sets.set(resource.urn, found);
        return found;
    };
    const groups = resources.filter((r) => SG_TYPES.has(r.type));
    const acls = resources.filter((r) => ACL_TYPES.has(r.type));
    for (const sg of groups) {
        setOf("securityGroup", sg, groupName(sg)).rules.push(
            ...asArray(sg.props.ingress).map(asRecord).flatMap((e) => inbound(e, [...asArray(e.cidrBlocks), ...asArray(e.ipv6CidrBlocks)])),
        );
    }
    for (const acl of acls) {
        setOf("networkAcl", acl, groupName(acl)).rules.push(
            ...asArray(acl.props.ingress).map(asRecord).flatMap((e) => inbound(e, [e.cidrBlock, e.ipv6CidrBlock], { ruleNo: e.ruleNo, allow: e.action === "allow" })),
        );
    }
    for (const r of resources) {
        const p = r.props;
        if (r.type === "aws:ec2/securityGroupRule:SecurityGroupRule" && p.type === "ingress") {
            const owner = ownerOf(r, "securityGroupId", groups);
            setOf("securityGroup", owner ?? r, owner ? groupName(owner) : r.name).rules.push(...inbound(p, [...asArray(p.cidrBlocks), ...asArray(p.ipv6CidrBlocks)]));
        } else if (r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
            const owner = ownerOf(r, "securityGroupId", groups);
            setOf("securityGroup", owner ?? r, owner ? groupName(owner) : r.name).rules.push(...inbound(p, [p.cidrIpv4, p.cidrIpv6]));
        } else if (r.type === "aws:ec2/networkAclRule:NetworkAclRule" && p.egress !== true) {
            const owner = ownerOf(r, "networkAclId", acls);
            setOf("networkAcl", owner ?? r, owner ? groupName(owner) : r.name).rules.push(
                ...inbound(p, [p.cidrBlock, p.ipv6CidrBlock], { ruleNo: p.ruleNumber, allow: p.ruleAction === "allow" }),
            );
        }
    }
    return [...sets.values()].filter((s) => s.rules.length > 0);
}

function covers(rule: InboundRule, protocol: string, from: number, to: number): boolean {
    return (rule.protocol === "all" || rule.protocol === protocol) && rule.fromPort <= from && rule.toPort >= to;
}

/**
 * True when every internet address reaches `protocol` ports from..to. A security group admits the
 * union of its rules. A network ACL admits an address by its first matching entry, so the internet
 * gets through when the matching entries cover it and each matching deny lies wholly under earlier
 * matching entries (it then decides no address).
 */
export function internetReaches(set: RuleSet, protocol: string, from: number, to: number): boolean {
    const matching = set.rules.filter((r) => covers(r, protocol, from, to));
    if (set.kind === "securityGroup") return coversWholeInternet(matching.map((r) => r.source));
    const ordered = [...matching].sort((a, b) => a.ruleNo - b.ruleNo);
    if (!coversWholeInternet(ordered.map((r) => r.source))) return false;
    return ordered.every((rule, i) => {
        if (rule.allow) return true;
        const earlier = ordered.slice(0, i).map((r) => r.source);
        return rule.source === "::/0" ? earlier.includes("::/0") : typeof rule.source === "string" && cidrsCover(earlier, rule.source);
    });
}

export interface Opening {
    protocol: string;
    fromPort: number;
    toPort: number;
}

/**
 * The port ranges the internet reaches, cut at every rule's bounds: each range is admitted (or not)
 * as a whole. A rule for all protocols shows once, as protocol "all".
 */
export function internetOpenings(set: RuleSet): Opening[] {
    if (internetReaches(set, "all", 0, PORT_RANGE_END)) return [{ protocol: "all", fromPort: 0, toPort: PORT_RANGE_END }];
    const openings: Opening[] = [];
    for (const protocol of new Set(set.rules.map((r) => r.protocol).filter((p) => p !== "all"))) {
        const applicable = set.rules.filter((r) => r.protocol === protocol || r.protocol === "all");
        const bounds = [...new Set(applicable.flatMap((r) => [r.fromPort, r.toPort + 1]))].sort((a, b) => a - b);
        for (let i = 0; i + 1 < bounds.length; i++) {
            const [from, to] = [bounds[i], bounds[i + 1] - 1];
            if (internetReaches(set, protocol, from, to)) openings.push({ protocol, fromPort: from, toPort: to });
        }
    }
    return openings;
}
