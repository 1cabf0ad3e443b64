/**
 * OpenWebUINetwork — design §네트워크 설계: a VPC with one public and one private subnet per AZ,
 * NAT per AZ (or one shared, for dev), NACLs, flow logs and an S3 gateway endpoint.
 *
 * Built from @pulumi/aws resources rather than awsx.ec2.Vpc: awsx derives every child's name
 * and Name tag itself (the design wants `openwebui-public-subnet-dev-a`), and as a remote
 * component its subnets, routes and NAT gateways are invisible to unit tests and to the
 * policy run that `npm test` does offline.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { azSuffix, Namer, PRIVATE_SUBNET_TYPE } from "@openwebui-aws/rules/naming";
import { isZoneId } from "@openwebui-aws/rules/regions";
import { clusterDiscoveryTag, nameTag, SUBNET_ROLE_TAG } from "@openwebui-aws/rules/tags";
import { isArmInstanceType } from "@openwebui-aws/rules/instance-types";
import { createFlowLogs } from "./flow-logs";
import { createNatInstance } from "./nat-instance";
import { allowAllOutbound, privateInbound, publicInbound } from "./network-acls";

/** perAz: a NAT gateway per AZ; single: one shared NAT gateway; instance: one NAT instance (dev). */
export type NatStrategy = "perAz" | "single" | "instance";

/** One AZ's pair of subnets. */
export interface SubnetPlan {
    /**
     * The zone by name (`ap-northeast-2a`, whose letter ends the subnets' names) or by ID
     * (`apne1-az1`, set as the subnets' availabilityZoneId; `az1` ends their names). Required.
     */
    availabilityZone: string;
    /** The public subnet's CIDR, inside `vpcCidr`. Required. */
    publicCidr: string;
    /** The private subnet's CIDR (nodes, pods, RDS), inside `vpcCidr`. Required. */
    privateCidr: string;
}

/**
 * What OpenWebUINetwork builds. Nothing here comes from another resource, so every field is a plain
 * value; the program fills them from the validated stack config (config/network.ts), which refuses
 * bad CIDRs and zones before this runs.
 */
export interface OpenWebUINetworkArgs {
    /** Builds every child's name (`openwebui-<type>-<env>[-<suffix>]`). Required. */
    names: Namer;
    /** The AWS region, for the S3 gateway endpoint's service name. Required. */
    region: string;
    /** The EKS cluster that will use these subnets; its name goes into the discovery tags. Required. */
    clusterName: string;
    /** The VPC's CIDR block (/16 to /28). Required. */
    vpcCidr: string;
    /** One entry per AZ, in the order the stack file lists the AZs; at least two. Required. */
    subnets: SubnetPlan[];
    /** How the private subnets reach the internet (stack config `natGatewayStrategy`). Required. */
    natStrategy: NatStrategy;
    /** The NAT instance's EC2 type; used only when `natStrategy` is `instance`. Required. */
    natInstanceType: string;
    /** CIDRs the public subnets' network ACL admits on SSH (22). Required; `[]` admits none. */
    sshAdminCidrs: string[];
    /** Days CloudWatch Logs keeps the VPC flow logs (a value PutRetentionPolicy accepts). Required. */
    flowLogRetentionDays: number;
}

/** A subnet's zone input: an ID goes in availabilityZoneId, a name in availabilityZone. */
const zoneOf = (zone: string) => (isZoneId(zone) ? { availabilityZoneId: zone } : { availabilityZone: zone });

export class OpenWebUINetwork extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly vpcCidr: pulumi.Output<string>;
    /** In the order of `subnets` (the stack's availabilityZones). */
    readonly publicSubnetIds: pulumi.Output<string>[];
    readonly privateSubnetIds: pulumi.Output<string>[];
    readonly natGatewayIds: pulumi.Output<string>[];
    readonly flowLogGroupName: pulumi.Output<string>;

    constructor(name: string, args: OpenWebUINetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("openwebui:index:OpenWebUINetwork", name, args, opts);
        const { names } = args;
        const child = { parent: this };
        const named = <T>(resourceType: string, suffix: string | undefined, make: (n: string) => T): T =>
            make(names.of(resourceType, suffix));

        const vpcName = names.of("vpc");
        const vpc = new aws.ec2.Vpc(
            vpcName,
            { cidrBlock: args.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: nameTag(vpcName) },
            child,
        );

        // The default security group allows all traffic between its members; managing it with no
        // rules means nothing launched without an explicit group gets that.
        named("default-sg", undefined, (n) =>
            new aws.ec2.DefaultSecurityGroup(n, { vpcId: vpc.id, tags: nameTag(n) }, child),
        );

        const igw = named("igw", undefined, (n) =>
            new aws.ec2.InternetGateway(n, { vpcId: vpc.id, tags: nameTag(n) }, child),
        );

        const discovery = { [clusterDiscoveryTag(args.clusterName)]: "shared" };
        const publicSubnets = args.subnets.map((plan) =>
            named("public-subnet", azSuffix(plan.availabilityZone), (n) =>
                new aws.ec2.Subnet(
                    n,
                    {
                        vpcId: vpc.id,
                        cidrBlock: plan.publicCidr,
                        ...zoneOf(plan.availabilityZone),
                        // Nothing but NAT gateways and load balancers lives here, and both get
                        // their addresses explicitly; auto-assigned public IPs only cost money.
                        mapPublicIpOnLaunch: false,
                        tags: { ...nameTag(n), ...discovery, [SUBNET_ROLE_TAG.public]: "1" },
                    },
                    child,
                ),
            ),
        );
        const privateSubnets = args.subnets.map((plan) =>
            named(PRIVATE_SUBNET_TYPE, azSuffix(plan.availabilityZone), (n) =>
                new aws.ec2.Subnet(
                    n,
                    {
                        vpcId: vpc.id,
                        cidrBlock: plan.privateCidr,
                        ...zoneOf(plan.availabilityZone),
                        mapPublicIpOnLaunch: false,
                        tags: { ...nameTag(n), ...discovery, [SUBNET_ROLE_TAG.private]: "1" },
                    },
                    child,
                ),
            ),
        );

        const publicRouteTable = named("public-rt", undefined, (n) =>
            new aws.ec2.RouteTable(n, { vpcId: vpc.id, tags: nameTag(n) }, child),
        );
        new aws.ec2.Route(
            names.of("public-route", "internet"),
            { routeTableId: publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
            child,
        );
        publicSubnets.forEach((subnet, i) =>
            new aws.ec2.RouteTableAssociation(
                names.of("public-rta", azSuffix(args.subnets[i].availabilityZone)),
                { subnetId: subnet.id, routeTableId: publicRouteTable.id },
                child,
            ),
        );

        const natZones = args.natStrategy === "perAz" ? args.subnets : args.subnets.slice(0, 1);
        const natInstance =
            args.natStrategy === "instance"
                ? createNatInstance(
                      {
                          names,
                          suffix: azSuffix(args.subnets[0].availabilityZone),
                          vpcId: vpc.id,
                          vpcCidr: args.vpcCidr,
                          subnetId: publicSubnets[0].id,
                          instanceType: args.natInstanceType,
                          arm: isArmInstanceType(args.natInstanceType),
                      },
                      { ...child, dependsOn: [igw] },
                  )
                : undefined;
        const natGateways = (natInstance ? [] : natZones).map((plan, i) => {
            const suffix = azSuffix(plan.availabilityZone);
            const eip = named("nat-eip", suffix, (n) => new aws.ec2.Eip(n, { domain: "vpc", tags: nameTag(n) }, child));
            return named("nat", suffix, (n) =>
                new aws.ec2.NatGateway(
                    n,
                    { allocationId: eip.id, subnetId: publicSubnets[i].id, tags: nameTag(n) },
                    { ...child, dependsOn: [igw] },
                ),
            );
        });

        const privateRouteTables = args.subnets.map((plan, i) => {
            const suffix = azSuffix(plan.availabilityZone);
            const table = named("private-rt", suffix, (n) =>
                new aws.ec2.RouteTable(n, { vpcId: vpc.id, tags: nameTag(n) }, child),
            );
            const egress = natInstance
                ? { networkInterfaceId: natInstance.instance.primaryNetworkInterfaceId }
                : { natGatewayId: natGateways[Math.min(i, natGateways.length - 1)].id };
            new aws.ec2.Route(names.of("private-route", `${suffix}-nat`), { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", ...egress }, child);
            new aws.ec2.RouteTableAssociation(
                names.of("private-rta", suffix),
                { subnetId: privateSubnets[i].id, routeTableId: table.id },
                child,
            );
            return table;
        });

        // Free, and image layers pulled from ECR (stored in S3) stop paying NAT processing.
        named("s3-endpoint", undefined, (n) =>
            new aws.ec2.VpcEndpoint(
                n,
                {
                    vpcId: vpc.id,
                    serviceName: `com.amazonaws.${args.region}.s3`,
                    vpcEndpointType: "Gateway",
                    routeTableIds: privateRouteTables.map((t) => t.id),
                    tags: nameTag(n),
                },
                child,
            ),
        );

        named("public-nacl", undefined, (n) =>
            new aws.ec2.NetworkAcl(
                n,
                {
                    vpcId: vpc.id,
                    subnetIds: publicSubnets.map((s) => s.id),
                    ingress: publicInbound(args.vpcCidr, args.sshAdminCidrs),
                    egress: allowAllOutbound,
                    tags: nameTag(n),
                },
                child,
            ),
        );
        named("private-nacl", undefined, (n) =>
            new aws.ec2.NetworkAcl(
                n,
                {
                    vpcId: vpc.id,
                    subnetIds: privateSubnets.map((s) => s.id),
                    ingress: privateInbound(args.vpcCidr),
                    egress: allowAllOutbound,
                    tags: nameTag(n),
                },
                child,
            ),
        );

        const flowLogs = createFlowLogs(
            { names, vpcId: vpc.id, vpcName, region: args.region, retentionInDays: args.flowLogRetentionDays },
            this,
        );

        this.vpcId = vpc.id;
        this.vpcCidr = vpc.cidrBlock;
        this.publicSubnetIds = publicSubnets.map((s) => s.id);
        this.privateSubnetIds = privateSubnets.map((s) => s.id);
        this.natGatewayIds = natGateways.map((g) => g.id);
        this.flowLogGroupName = flowLogs.logGroup.name;
        this.registerOutputs({
            vpcId: this.vpcId,
            vpcCidr: this.vpcCidr,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            natGatewayIds: this.natGatewayIds,
            flowLogGroupName: this.flowLogGroupName,
        });
    }
}
