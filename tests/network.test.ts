import * as assert from "assert";
import { REQUIRED_TAG_KEYS } from "@openwebui-aws/rules/tags";
import { byId, idOf, jsonInput, named, ofType, run, stackRun, STACKS } from "./helpers";

const DESIGN_SUBNETS = [
    { zone: "ap-northeast-2a", letter: "a", public: "10.0.1.0/24", private: "10.0.10.0/24" },
    { zone: "ap-northeast-2c", letter: "c", public: "10.0.2.0/24", private: "10.0.20.0/24" },
];

for (const stack of STACKS) {
    describe(`OpenWebUINetwork (${stack})`, () => {
        it("creates the design's VPC with DNS support and hostnames", async () => {
            const r = await stackRun(stack);
            const vpcs = ofType(r, "aws:ec2/vpc:Vpc");
            assert.strictEqual(vpcs.length, 1);
            const vpc = named(r, `openwebui-vpc-${stack}`);
            assert.strictEqual(vpc.inputs.cidrBlock, "10.0.0.0/16");
            assert.strictEqual(vpc.inputs.enableDnsSupport, true);
            assert.strictEqual(vpc.inputs.enableDnsHostnames, true);
            assert.strictEqual(vpc.inputs.tags.Name, `openwebui-vpc-${stack}`);
        });

        for (const s of DESIGN_SUBNETS) {
            for (const tier of ["public", "private"] as const) {
                it(`puts ${tier} subnet ${s[tier]} in ${s.zone}, named and tagged for the load balancer controller`, async () => {
                    const r = await stackRun(stack);
                    const name = `openwebui-${tier}-subnet-${stack}-${s.letter}`;
                    const subnet = named(r, name);
                    assert.strictEqual(subnet.inputs.cidrBlock, s[tier]);
                    assert.strictEqual(subnet.inputs.availabilityZone, s.zone);
                    assert.strictEqual(subnet.inputs.vpcId, idOf(named(r, `openwebui-vpc-${stack}`)));
                    assert.strictEqual(subnet.inputs.mapPublicIpOnLaunch, false);
                    assert.strictEqual(subnet.inputs.tags.Name, name);
                    const roleTag = tier === "public" ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb";
                    assert.strictEqual(subnet.inputs.tags[roleTag], "1");
                    assert.strictEqual(subnet.inputs.tags[`kubernetes.io/cluster/openwebui-eks-${stack}`], "shared");
                });
            }
        }

        it("routes both public subnets through one route table to the internet gateway", async () => {
            const r = await stackRun(stack);
            const table = named(r, `openwebui-public-rt-${stack}`);
            const route = named(r, `openwebui-public-route-${stack}-internet`);
            assert.strictEqual(route.inputs.routeTableId, idOf(table));
            assert.strictEqual(route.inputs.destinationCidrBlock, "0.0.0.0/0");
            assert.strictEqual(byId(r, route.inputs.gatewayId).type, "aws:ec2/internetGateway:InternetGateway");
            const associated = ofType(r, "aws:ec2/routeTableAssociation:RouteTableAssociation")
                .filter((a) => a.inputs.routeTableId === idOf(table))
                .map((a) => byId(r, a.inputs.subnetId).name)
                .sort();
            assert.deepStrictEqual(associated, [`openwebui-public-subnet-${stack}-a`, `openwebui-public-subnet-${stack}-c`]);
        });

        it(`gives each private subnet its own route table with a default route to ${stack === "prod" ? "a NAT gateway" : "the NAT instance"}`, async () => {
            const r = await stackRun(stack);
            for (const s of DESIGN_SUBNETS) {
                const table = named(r, `openwebui-private-rt-${stack}-${s.letter}`);
                const assoc = ofType(r, "aws:ec2/routeTableAssociation:RouteTableAssociation").filter(
                    (a) => a.inputs.routeTableId === idOf(table),
                );
                assert.deepStrictEqual(assoc.map((a) => byId(r, a.inputs.subnetId).name), [`openwebui-private-subnet-${stack}-${s.letter}`]);
                const routes = ofType(r, "aws:ec2/route:Route").filter((x) => x.inputs.routeTableId === idOf(table));
                assert.strictEqual(routes.length, 1);
                assert.strictEqual(routes[0].inputs.destinationCidrBlock, "0.0.0.0/0");
                if (stack === "prod") assert.strictEqual(byId(r, routes[0].inputs.natGatewayId).type, "aws:ec2/natGateway:NatGateway");
                else assert.strictEqual(routes[0].inputs.networkInterfaceId, "eni-openwebui-nat-instance-dev-a");
            }
        });

        it("keeps the default security group empty", async () => {
            const r = await stackRun(stack);
            const sg = named(r, `openwebui-default-sg-${stack}`);
            assert.strictEqual(sg.type, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
            assert.ok(!sg.inputs.ingress || sg.inputs.ingress.length === 0);
            assert.ok(!sg.inputs.egress || sg.inputs.egress.length === 0);
        });

        it("attaches a free S3 gateway endpoint to every private route table", async () => {
            const r = await stackRun(stack);
            const endpoint = named(r, `openwebui-s3-endpoint-${stack}`);
            assert.strictEqual(endpoint.inputs.vpcEndpointType, "Gateway");
            assert.strictEqual(endpoint.inputs.serviceName, "com.amazonaws.ap-northeast-2.s3");
            assert.deepStrictEqual(
                endpoint.inputs.routeTableIds.map((id: string) => byId(r, id).name).sort(),
                [`openwebui-private-rt-${stack}-a`, `openwebui-private-rt-${stack}-c`],
            );
        });

        it("captures ALL traffic in 60-second flow logs kept 30 days, with a role limited to that log group", async () => {
            const r = await stackRun(stack);
            const flowLog = named(r, `openwebui-flowlog-${stack}`);
            const group = named(r, `openwebui-flowlogs-lg-${stack}`);
            assert.strictEqual(flowLog.inputs.vpcId, idOf(named(r, `openwebui-vpc-${stack}`)));
            assert.strictEqual(flowLog.inputs.trafficType, "ALL");
            assert.strictEqual(flowLog.inputs.maxAggregationInterval, 60);
            assert.strictEqual(flowLog.inputs.logDestinationType, "cloud-watch-logs");
            assert.strictEqual(group.inputs.name, `/aws/vpc/flowlogs/openwebui-vpc-${stack}`);
            assert.strictEqual(group.inputs.retentionInDays, 30);
            const groupArn = `arn:aws:logs:ap-northeast-2:123456789012:log-group:${group.inputs.name}`;
            assert.strictEqual(flowLog.inputs.logDestination, groupArn);

            const role = named(r, `openwebui-flowlogs-role-${stack}`);
            assert.strictEqual(flowLog.inputs.iamRoleArn, `arn:aws:iam::123456789012:role/${role.inputs.name}`);
            const trust = jsonInput(role, "assumeRolePolicy").Statement;
            assert.strictEqual(trust.length, 1);
            assert.deepStrictEqual(trust[0].Principal, { Service: "vpc-flow-logs.amazonaws.com" });
            assert.strictEqual(trust[0].Condition.StringEquals["aws:SourceAccount"], "123456789012");

            const policy = ofType(r, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs.role === idOf(role));
            assert.strictEqual(policy.length, 1);
            const statements = jsonInput(policy[0], "policy").Statement;
            assert.deepStrictEqual(statements.flatMap((s: any) => s.Resource).sort(), [groupArn, `${groupArn}:*`]);
            assert.ok(statements.every((s: any) => s.Action.every((a: string) => a.startsWith("logs:") && !a.includes("*"))));
        });

        it("puts every AWS resource on the explicit provider, whose default tags carry the required tags", async () => {
            const r = await stackRun(stack);
            const provider = named(r, `openwebui-aws-${stack}`);
            assert.strictEqual(provider.inputs.region, "ap-northeast-2");
            const tags = jsonInput(provider, "defaultTags").tags;
            assert.deepStrictEqual(Object.keys(tags).sort(), [...REQUIRED_TAG_KEYS].sort());
            assert.strictEqual(tags.Environment, stack);
            assert.strictEqual(tags.ManagedBy, "pulumi");
            assert.strictEqual(tags.CostCenter, "openwebui-project");
            // prod's Tokyo copies are the one exception: on a recovery-region provider with the same tags.
            const recovery = r.resources.find((res) => res.type === "pulumi:providers:aws" && res.name === `openwebui-aws-${stack}-dr`);
            if (recovery) {
                assert.strictEqual(recovery.inputs.region, "ap-northeast-1");
                assert.deepStrictEqual(jsonInput(recovery, "defaultTags").tags, tags);
            }
            // …and only OpenWebUIRecovery's own children use it.
            const copies = r.resources.find((res) => res.type === "openwebui:index:OpenWebUIRecovery");
            const onRecovery = (res: (typeof r.resources)[number]) => recovery !== undefined && res.providerUrn === recovery.urn && res.parentUrn === copies?.urn;
            const strays = r.resources.filter((res) => res.custom && res.type.startsWith("aws:") && res.providerUrn !== provider.urn && !onRecovery(res));
            assert.deepStrictEqual(strays.map((s) => s.name), []);
            assert.strictEqual(Boolean(recovery), stack === "prod", "only prod copies to the recovery region");
        });

        it("exports VPC id, CIDR and subnet ids in AZ order for the cluster", async () => {
            const r = await stackRun(stack);
            assert.strictEqual(r.outputs.vpcId, idOf(named(r, `openwebui-vpc-${stack}`)));
            assert.strictEqual(r.outputs.vpcCidr, "10.0.0.0/16");
            assert.deepStrictEqual(r.outputs.publicSubnetIds, ["a", "c"].map((l) => `openwebui-public-subnet-${stack}-${l}-id`));
            assert.deepStrictEqual(r.outputs.privateSubnetIds, ["a", "c"].map((l) => `openwebui-private-subnet-${stack}-${l}-id`));
        });
    });
}

describe("NAT strategy", () => {
    it("prod: one NAT gateway per AZ, each in its AZ's public subnet, serving that AZ's private subnet", async () => {
        const r = await stackRun("prod");
        const nats = ofType(r, "aws:ec2/natGateway:NatGateway");
        assert.strictEqual(nats.length, 2);
        for (const letter of ["a", "c"]) {
            const nat = named(r, `openwebui-nat-prod-${letter}`);
            assert.strictEqual(byId(r, nat.inputs.subnetId).name, `openwebui-public-subnet-prod-${letter}`);
            assert.strictEqual(byId(r, nat.inputs.allocationId).type, "aws:ec2/eip:Eip");
            const route = named(r, `openwebui-private-route-prod-${letter}-nat`);
            assert.strictEqual(route.inputs.natGatewayId, idOf(nat));
        }
    });

    it("dev: one NAT instance (t4g.nano, arm64 AMI, IMDSv2, encrypted root, source/dest check off) behind an EIP, that both private route tables use", async () => {
        const r = await stackRun("dev");
        assert.deepStrictEqual(ofType(r, "aws:ec2/natGateway:NatGateway"), []);
        const nat = named(r, "openwebui-nat-instance-dev-a").inputs;
        assert.strictEqual(nat.instanceType, "t4g.nano");
        assert.strictEqual(nat.sourceDestCheck, false);
        assert.strictEqual(nat.metadataOptions.httpTokens, "required");
        assert.deepStrictEqual(nat.rootBlockDevice, { volumeType: "gp3", volumeSize: 8, encrypted: true, deleteOnTermination: true });
        assert.strictEqual(byId(r, nat.subnetId).name, "openwebui-public-subnet-dev-a");
        assert.match(nat.userData, /ip_forward = 1[\s\S]*MASQUERADE/);
        assert.strictEqual(named(r, "openwebui-nat-eip-dev-a").inputs.instance, "openwebui-nat-instance-dev-a-id");
        // Its security group admits only the VPC.
        const ingress = ofType(r, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((x) => x.inputs.securityGroupId === "openwebui-nat-sg-dev-a-id");
        assert.deepStrictEqual(ingress.map((x) => x.inputs.cidrIpv4), ["10.0.0.0/16"]);
        for (const letter of ["a", "c"]) {
            assert.strictEqual(named(r, `openwebui-private-route-dev-${letter}-nat`).inputs.networkInterfaceId, "eni-openwebui-nat-instance-dev-a");
        }
    });

    it("single: one NAT gateway that both private route tables use", async () => {
        const r = await run("dev", { overrides: { "openwebui:natGatewayStrategy": "single" } });
        const nats = ofType(r, "aws:ec2/natGateway:NatGateway");
        assert.deepStrictEqual(nats.map((n) => n.name), ["openwebui-nat-dev-a"]);
        assert.strictEqual(ofType(r, "aws:ec2/eip:Eip").length, 1);
        for (const letter of ["a", "c"]) {
            assert.strictEqual(named(r, `openwebui-private-route-dev-${letter}-nat`).inputs.natGatewayId, idOf(nats[0]));
        }
    });
});

describe("network ACLs", () => {
    type Entry = { ruleNo: number; action: string; protocol: string; fromPort: number; toPort: number; cidrBlock: string };
    const inbound = (acl: { inputs: Record<string, any> }): Entry[] => [...acl.inputs.ingress].sort((a, b) => a.ruleNo - b.ruleNo);
    /** Where a packet from `source` to TCP `port` lands: NACLs take the first matching rule by number. */
    const verdict = (entries: Entry[], source: "internet" | "vpc" | string, port: number, protocol = "tcp"): string => {
        const matchesSource = (cidr: string) =>
            cidr === "0.0.0.0/0" || (source === "vpc" && cidr === "10.0.0.0/16") || cidr === source;
        const rule = entries.find(
            (e) => matchesSource(e.cidrBlock) && (e.protocol === "-1" || (e.protocol === protocol && port >= e.fromPort && port <= e.toPort)),
        );
        return rule ? rule.action : "deny";
    };

    it("public: 80/443 and ephemeral replies from anywhere, everything from the VPC, no SSH or RDP from the internet", async () => {
        const r = await stackRun("prod");
        const acl = named(r, "openwebui-public-nacl-prod");
        const entries = inbound(acl);
        assert.strictEqual(verdict(entries, "internet", 80), "allow");
        assert.strictEqual(verdict(entries, "internet", 443), "allow");
        assert.strictEqual(verdict(entries, "internet", 33000), "allow", "NAT and ALB replies need the ephemeral range");
        assert.strictEqual(verdict(entries, "internet", 33000, "udp"), "allow");
        assert.strictEqual(verdict(entries, "internet", 22), "deny");
        assert.strictEqual(verdict(entries, "internet", 3389), "deny");
        assert.strictEqual(verdict(entries, "vpc", 22), "allow", "nodes reach git over SSH through the NAT gateway");
        assert.strictEqual(verdict(entries, "internet", 25), "deny", "well-known ports other than 80/443 stay closed");
        assert.deepStrictEqual(acl.inputs.egress.map((e: Entry) => [e.protocol, e.cidrBlock, e.action]), [["-1", "0.0.0.0/0", "allow"]]);
        assert.deepStrictEqual(acl.inputs.subnetIds.map((id: string) => byId(r, id).name).sort(), ["openwebui-public-subnet-prod-a", "openwebui-public-subnet-prod-c"]);
    });

    it("public: SSH from configured admin CIDRs only", async () => {
        const r = await run("prod", { overrides: { "openwebui:sshAdminCidrs": JSON.stringify(["203.0.113.0/24"]) } });
        const entries = inbound(named(r, "openwebui-public-nacl-prod"));
        assert.strictEqual(verdict(entries, "203.0.113.0/24", 22), "allow");
        assert.strictEqual(verdict(entries, "internet", 22), "deny");
    });

    it("private: everything from the VPC, replies from anywhere, nothing else", async () => {
        const r = await stackRun("dev");
        const acl = named(r, "openwebui-private-nacl-dev");
        const entries = inbound(acl);
        assert.strictEqual(verdict(entries, "vpc", 10250), "allow");
        assert.strictEqual(verdict(entries, "vpc", 53, "udp"), "allow");
        assert.strictEqual(verdict(entries, "internet", 40000), "allow", "image pulls come back on ephemeral ports");
        assert.strictEqual(verdict(entries, "internet", 443), "deny");
        assert.strictEqual(verdict(entries, "internet", 22), "deny");
        assert.strictEqual(verdict(entries, "internet", 3389), "deny");
        assert.deepStrictEqual(acl.inputs.subnetIds.map((id: string) => byId(r, id).name).sort(), ["openwebui-private-subnet-dev-a", "openwebui-private-subnet-dev-c"]);
    });
});
