/**
 * A NAT instance instead of a NAT gateway, for dev: a t4g.nano costs $3.80 a month against a NAT
 * gateway's $43 plus $0.059/GB. What it gives up: it is one small instance (EC2 auto-recovery
 * restarts it on host failure; egress stops while it does), its bandwidth is the instance's, and
 * its OS is ours to patch (replace it with `pulumi up --replace` to take a newer AMI).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "@openwebui-aws/rules/naming";
import { nameTag } from "@openwebui-aws/rules/tags";

export interface NatInstanceArgs {
    names: Namer;
    suffix: string;
    vpcId: pulumi.Input<string>;
    vpcCidr: string;
    subnetId: pulumi.Input<string>;
    instanceType: string;
    arm: boolean;
}

/** Amazon Linux 2023's public SSM parameters: the current AMI, resolved at deploy time. */
export const AL2023_AMI_PARAMETER = {
    arm64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    x86_64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
} as const;

// Forward and masquerade everything from the VPC out of the instance's own interface, and keep it
// across reboots (iptables-services saves the rule set).
const USER_DATA = `#!/bin/bash
set -euo pipefail
dnf install -y iptables-services
echo "net.ipv4.ip_forward = 1" > /etc/sysctl.d/90-nat.conf
sysctl --system
IFACE=$(ip route show default | awk '{print $5; exit}')
iptables -t nat -A POSTROUTING -o "$IFACE" -j MASQUERADE
iptables -P FORWARD ACCEPT
service iptables save
systemctl enable --now iptables
`;

export function createNatInstance(args: NatInstanceArgs, opts: pulumi.CustomResourceOptions): { instance: aws.ec2.Instance; eip: aws.ec2.Eip } {
    const { names, suffix } = args;
    const sgName = names.of("nat-sg", suffix);
    const sg = new aws.ec2.SecurityGroup(sgName, { name: sgName, description: "NAT instance: anything from the VPC, out to anywhere", vpcId: args.vpcId, tags: nameTag(sgName) }, opts);
    new aws.vpc.SecurityGroupIngressRule(names.of("nat-sg", `${suffix}-in-vpc`), { securityGroupId: sg.id, description: "All traffic from the VPC", ipProtocol: "-1", cidrIpv4: args.vpcCidr }, opts);
    new aws.vpc.SecurityGroupEgressRule(names.of("nat-sg", `${suffix}-out-all`), { securityGroupId: sg.id, description: "All outbound (what the VPC reaches)", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, opts);

    const ami = aws.ssm.getParameterOutput({ name: args.arm ? AL2023_AMI_PARAMETER.arm64 : AL2023_AMI_PARAMETER.x86_64 }, { parent: opts.parent });
    const name = names.of("nat-instance", suffix);
    const instance = new aws.ec2.Instance(
        name,
        {
            ami: ami.value,
            instanceType: args.instanceType,
            subnetId: args.subnetId,
            vpcSecurityGroupIds: [sg.id],
            // It forwards traffic that is neither from nor for itself.
            sourceDestCheck: false,
            userData: USER_DATA,
            userDataReplaceOnChange: true,
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
            rootBlockDevice: { volumeType: "gp3", volumeSize: 8, encrypted: true, deleteOnTermination: true },
            maintenanceOptions: { autoRecovery: "default" },
            tags: nameTag(name),
            volumeTags: nameTag(name),
        },
        // A newer AMI from the parameter must not replace a working NAT on every up.
        { ...opts, ignoreChanges: ["ami"] },
    );
    const eipName = names.of("nat-eip", suffix);
    const eip = new aws.ec2.Eip(eipName, { domain: "vpc", instance: instance.id, tags: nameTag(eipName) }, opts);
    return { instance, eip };
}
