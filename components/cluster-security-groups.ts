/**
 * The design's §보안 그룹 설계: control plane, workers, ALB. Rules are separate resources (one per
 * rule) so each can change without replacing its group, and tests can read each one.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "../conventions/naming";
import { clusterDiscoveryTag, nameTag } from "../conventions/tags";

export interface SecurityGroupsArgs {
    names: Namer;
    vpcId: pulumi.Input<string>;
    clusterName: string;
}

export interface ClusterSecurityGroups {
    controlPlane: aws.ec2.SecurityGroup;
    workers: aws.ec2.SecurityGroup;
    alb: aws.ec2.SecurityGroup;
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
    const alb = group("alb-sg", "Internet-facing ALB for Open WebUI");

    const peerArgs = (peer: Peer) => ("group" in peer ? { referencedSecurityGroupId: peer.group.id } : { cidrIpv4: peer.cidr });
    const portArgs = (rule: Rule) => (rule.ports ? { fromPort: rule.ports[0], toPort: rule.ports[1] } : {});
    const ingress = (sg: aws.ec2.SecurityGroup, type: string, rule: Rule) =>
        new aws.vpc.SecurityGroupIngressRule(
            names.of(type, `in-${rule.suffix}`),
            { securityGroupId: sg.id, description: rule.description, ipProtocol: rule.protocol, ...portArgs(rule), ...peerArgs(rule.peer) },
            opts,
        );
    const egress = (sg: aws.ec2.SecurityGroup, type: string, rule: Rule) =>
        new aws.vpc.SecurityGroupEgressRule(
            names.of(type, `out-${rule.suffix}`),
            { securityGroupId: sg.id, description: rule.description, ipProtocol: rule.protocol, ...portArgs(rule), ...peerArgs(rule.peer) },
            opts,
        );

    ingress(controlPlane, "eks-control-plane-sg", {
        suffix: "https-from-workers",
        description: "Workers reach the API server",
        protocol: "tcp",
        ports: [443, 443],
        peer: { group: workers },
    });
    egress(controlPlane, "eks-control-plane-sg", { suffix: "all", description: "All outbound", protocol: "-1", peer: ANYWHERE });

    ingress(workers, "eks-worker-sg", { suffix: "all-from-self", description: "Node-to-node and pod-to-pod", protocol: "-1", peer: { group: workers } });
    ingress(workers, "eks-worker-sg", {
        suffix: "kubelet-from-control-plane",
        description: "Control plane to kubelet and webhooks (e.g. the load balancer controller's 9443)",
        protocol: "tcp",
        ports: [1025, 65535],
        peer: { group: controlPlane },
    });
    ingress(workers, "eks-worker-sg", {
        suffix: "https-from-control-plane",
        description: "Control plane to extension API servers on 443 (metrics-server and the like)",
        protocol: "tcp",
        ports: [443, 443],
        peer: { group: controlPlane },
    });
    ingress(workers, "eks-worker-sg", { suffix: "http-from-alb", description: "ALB to applications", protocol: "tcp", ports: [80, 80], peer: { group: alb } });
    ingress(workers, "eks-worker-sg", {
        suffix: "nodeports-from-alb",
        description: "ALB to NodePort services",
        protocol: "tcp",
        ports: [30000, 32767],
        peer: { group: alb },
    });
    egress(workers, "eks-worker-sg", { suffix: "all", description: "All outbound (image pulls, AWS APIs)", protocol: "-1", peer: ANYWHERE });

    ingress(alb, "alb-sg", { suffix: "http", description: "HTTP from the internet (redirected to HTTPS)", protocol: "tcp", ports: [80, 80], peer: ANYWHERE });
    ingress(alb, "alb-sg", { suffix: "https", description: "HTTPS from the internet", protocol: "tcp", ports: [443, 443], peer: ANYWHERE });
    egress(alb, "alb-sg", { suffix: "http-to-workers", description: "To applications", protocol: "tcp", ports: [80, 80], peer: { group: workers } });
    egress(alb, "alb-sg", {
        suffix: "nodeports-to-workers",
        description: "To NodePort services",
        protocol: "tcp",
        ports: [30000, 32767],
        peer: { group: workers },
    });

    return { controlPlane, workers, alb };
}
