/**
 * The design's §보안 그룹 설계: control plane, workers, ALB. Rules are separate resources (one per
 * rule) so each can change without replacing its group, and tests can read each one.
 * Beyond the design, with deployAgentAccess: a group for the Deployments agent and CI runners that
 * run inside the VPC, which the control plane admits on 443 (prod's API has no public endpoint
 * that hosted runners could use).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ALB_SECURITY_GROUP_TYPE, DEPLOY_AGENT_SECURITY_GROUP_TYPE, Namer } from "@openwebui-aws/rules/naming";
import { clusterDiscoveryTag, nameTag } from "@openwebui-aws/rules/tags";

export interface SecurityGroupsArgs {
    names: Namer;
    vpcId: pulumi.Input<string>;
    clusterName: string;
    deployAgentAccess: boolean;
    /**
     * Who the ALB admits, and on which ports: by default the internet on 80 (redirected) and 443.
     * An HTTP-only app (appHttpOnly) opens 80 alone, to its configured CIDRs only.
     */
    albInbound?: { cidrs: string[]; https: boolean };
}

export interface ClusterSecurityGroups {
    controlPlane: aws.ec2.SecurityGroup;
    workers: aws.ec2.SecurityGroup;
    alb: aws.ec2.SecurityGroup;
    /** Launch the Deployments agent and in-VPC CI runners with this group (deployAgentAccess only). */
    deployAgents?: aws.ec2.SecurityGroup;
}

type Peer = { group: aws.ec2.SecurityGroup } | { cidr: string };

interface Rule {
    suffix: string;
    description: string;
    protocol: "tcp" | "-1";
    ports?: [number, number];
    peer: Peer;
}

const ANYWHERE: Peer = { cidr: "0.0.0.0/0" };

/**
 * The ALB group's inbound rules. From the whole internet they keep their first names (http, https),
 * so a stack that never sets CIDRs replaces nothing; each named CIDR gets its own rule, named by it.
 */
function albInboundRules(inbound: SecurityGroupsArgs["albInbound"], tcp: (suffix: string, description: string, from: number, to: number, peer: Peer) => Rule): Rule[] {
    const cidrs = inbound && inbound.cidrs.length > 0 ? inbound.cidrs : undefined;
    const https = inbound?.https ?? true;
    const http = https ? "HTTP (redirected to HTTPS)" : "HTTP (appHttpOnly)";
    if (!cidrs) return [tcp("http", `${http} from the internet`, 80, 80, ANYWHERE), ...(https ? [tcp("https", "HTTPS from the internet", 443, 443, ANYWHERE)] : [])];
    const slug = (cidr: string) => cidr.replace(/[./]/g, "-");
    return cidrs.flatMap((cidr) => [
        tcp(`http-${slug(cidr)}`, `${http} from ${cidr}`, 80, 80, { cidr }),
        ...(https ? [tcp(`https-${slug(cidr)}`, `HTTPS from ${cidr}`, 443, 443, { cidr })] : []),
    ]);
}

export function createClusterSecurityGroups(args: SecurityGroupsArgs, parent: pulumi.Resource): ClusterSecurityGroups {
    const { names } = args;
    const opts = { parent };
    const group = (type: string, description: string, tags: Record<string, string> = {}) => {
        const name = names.of(type);
        return new aws.ec2.SecurityGroup(name, { name, description, vpcId: args.vpcId, tags: { ...nameTag(name), ...tags } }, opts);
    };
    const controlPlane = group("eks-control-plane-sg", "EKS control plane: API server reachable from the workers");
    // The load balancer controller finds the group to open for its ALBs by this tag.
    const workers = group("eks-worker-sg", "EKS worker nodes", { [clusterDiscoveryTag(args.clusterName)]: "owned" });
    const alb = group(ALB_SECURITY_GROUP_TYPE, "Internet-facing ALB for Open WebUI");
    const deployAgents = args.deployAgentAccess
        ? group(DEPLOY_AGENT_SECURITY_GROUP_TYPE, "Pulumi Deployments agent and CI runners in the VPC: out on 443 only, no inbound")
        : undefined;

    const peerArgs = (peer: Peer) => ("group" in peer ? { referencedSecurityGroupId: peer.group.id } : { cidrIpv4: peer.cidr });
    const portArgs = (rule: Rule) => (rule.ports ? { fromPort: rule.ports[0], toPort: rule.ports[1] } : {});
    const allOut: Rule = { suffix: "all", description: "All outbound (image pulls, AWS APIs)", protocol: "-1", peer: ANYWHERE };
    const tcp = (suffix: string, description: string, from: number, to: number, peer: Peer): Rule => ({
        suffix,
        description,
        protocol: "tcp",
        ports: [from, to],
        peer,
    });

    const table: { sg: aws.ec2.SecurityGroup; type: string; inbound: Rule[]; outbound: Rule[] }[] = [
        {
            sg: controlPlane,
            type: "eks-control-plane-sg",
            inbound: [
                tcp("https-from-workers", "Workers reach the API server", 443, 443, { group: workers }),
                ...(deployAgents ? [tcp("https-from-deploy-agents", "Deployments agent and CI runners reach the private API endpoint", 443, 443, { group: deployAgents })] : []),
            ],
            outbound: [allOut],
        },
        {
            sg: workers,
            type: "eks-worker-sg",
            inbound: [
                { suffix: "all-from-self", description: "Node-to-node and pod-to-pod", protocol: "-1", peer: { group: workers } },
                tcp("kubelet-from-control-plane", "Control plane to kubelet and webhooks (e.g. the load balancer controller webhook on 9443)", 1025, 65535, { group: controlPlane }),
                tcp("https-from-control-plane", "Control plane to extension API servers on 443 (metrics-server and the like)", 443, 443, { group: controlPlane }),
                tcp("http-from-alb", "ALB to applications", 80, 80, { group: alb }),
                tcp("nodeports-from-alb", "ALB to NodePort services", 30000, 32767, { group: alb }),
            ],
            outbound: [allOut],
        },
        {
            sg: alb,
            type: ALB_SECURITY_GROUP_TYPE,
            inbound: albInboundRules(args.albInbound, tcp),
            outbound: [
                tcp("http-to-workers", "To applications", 80, 80, { group: workers }),
                tcp("nodeports-to-workers", "To NodePort services", 30000, 32767, { group: workers }),
            ],
        },
        ...(deployAgents
            ? [
                  {
                      sg: deployAgents,
                      type: DEPLOY_AGENT_SECURITY_GROUP_TYPE,
                      // Nothing connects to an agent: it polls Pulumi Cloud, and people use Session Manager.
                      inbound: [],
                      // Everything it talks to is HTTPS: the API endpoint in the VPC, Pulumi Cloud, GitHub,
                      // the runner image's registry, npm and the AWS APIs through NAT. No DNS rule: security
                      // groups do not filter traffic to the VPC's Amazon DNS server, nor to instance metadata
                      // (Amazon VPC User Guide, "Control traffic to your AWS resources using security groups",
                      // security group basics; read 2026-12-07).
                      outbound: [tcp("https", "HTTPS to the API endpoint, Pulumi Cloud, GitHub, registries and AWS APIs", 443, 443, ANYWHERE)],
                  },
              ]
            : []),
    ];

    for (const { sg, type, inbound, outbound } of table) {
        const ruleArgs = (rule: Rule) => ({ securityGroupId: sg.id, description: rule.description, ipProtocol: rule.protocol, ...portArgs(rule), ...peerArgs(rule.peer) });
        inbound.forEach((rule) => new aws.vpc.SecurityGroupIngressRule(names.of(type, `in-${rule.suffix}`), ruleArgs(rule), opts));
        outbound.forEach((rule) => new aws.vpc.SecurityGroupEgressRule(names.of(type, `out-${rule.suffix}`), ruleArgs(rule), opts));
    }

    return { controlPlane, workers, alb, deployAgents };
}
