import { noAdminPortsFromInternet, privateSubnetNoPublicIp, vpcFlowLogs } from "../../policy-pack/policies/network";
import { assertFlags, assertPasses } from "./helpers";

describe("policy private-subnet-no-public-ip", () => {
    const subnet = (name: string, map: boolean, extra: Record<string, string> = {}) => ({
        type: "aws:ec2/subnet:Subnet",
        name,
        props: { mapPublicIpOnLaunch: map, tags: { Name: name, ...extra } },
    });

    it("accepts private subnets without public IPs and public subnets with them", async () => {
        await assertPasses(privateSubnetNoPublicIp, [subnet("openwebui-private-subnet-dev-a", false), subnet("openwebui-public-subnet-dev-a", true)]);
    });

    it("flags a private subnet (by name or by internal-elb tag) that maps public IPs", async () => {
        await assertFlags(privateSubnetNoPublicIp, [subnet("openwebui-private-subnet-dev-a", true)], /mapPublicIpOnLaunch = true/);
        await assertFlags(privateSubnetNoPublicIp, [subnet("openwebui-app-subnet-dev-a", true, { "kubernetes.io/role/internal-elb": "1" })], /private subnet/);
    });
});

describe("policy no-admin-ports-from-internet", () => {
    const sg = (ingress: object[]) => ({ type: "aws:ec2/securityGroup:SecurityGroup", name: "openwebui-x-sg-dev", props: { ingress } });
    const acl = (ingress: object[]) => ({ type: "aws:ec2/networkAcl:NetworkAcl", name: "openwebui-x-nacl-dev", props: { ingress } });

    it("accepts HTTPS from anywhere and SSH from an admin CIDR", async () => {
        await assertPasses(noAdminPortsFromInternet, [
            sg([
                { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.0/24"] },
            ]),
        ]);
    });

    it("flags SSH from 0.0.0.0/0 and RDP from ::/0 in a security group", async () => {
        await assertFlags(noAdminPortsFromInternet, [sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }])], /port 22/);
        await assertFlags(noAdminPortsFromInternet, [sg([{ protocol: "tcp", fromPort: 3000, toPort: 4000, ipv6CidrBlocks: ["::/0"] }])], /port 3389/);
    });

    it("flags all-protocol rules and standalone rule resources", async () => {
        await assertFlags(noAdminPortsFromInternet, [sg([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }])], /port 22 and 3389/);
        await assertFlags(
            noAdminPortsFromInternet,
            [{ type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "openwebui-ssh-rule-dev", props: { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" } }],
            /port 22/,
        );
        await assertFlags(
            noAdminPortsFromInternet,
            [{ type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: "openwebui-ssh-rule-dev", props: { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] } }],
            /port 22/,
        );
    });

    it("judges network ACLs by rule order: an earlier deny protects the ephemeral range", async () => {
        const ephemeral = { ruleNo: 130, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "0.0.0.0/0" };
        const deny = (port: number, ruleNo: number) => ({ ruleNo, action: "deny", protocol: "tcp", fromPort: port, toPort: port, cidrBlock: "0.0.0.0/0" });
        const ssh = { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" };
        await assertPasses(noAdminPortsFromInternet, [acl([deny(22, 90), deny(3389, 91), ephemeral])]);
        await assertFlags(noAdminPortsFromInternet, [acl([deny(22, 90), ephemeral])], /port 3389/);
        await assertFlags(noAdminPortsFromInternet, [acl([ssh, deny(22, 110), deny(3389, 111)])], /port 22/);
    });
});

describe("policy vpc-flow-logs", () => {
    const vpc = { type: "aws:ec2/vpc:Vpc", name: "openwebui-vpc-dev", urn: "urn:pulumi:dev::openwebui::aws:ec2/vpc:Vpc::openwebui-vpc-dev", props: {} };
    const flowLog = (trafficType: string) => ({
        type: "aws:ec2/flowLog:FlowLog",
        name: "openwebui-flowlog-dev",
        props: { trafficType },
        propertyDependencies: { vpcId: [vpc.urn] },
    });

    it("accepts a VPC with an ALL-traffic flow log", async () => {
        await assertPasses(vpcFlowLogs, [vpc, flowLog("ALL")]);
    });

    it("flags a VPC without a flow log, or with one that only captures rejects", async () => {
        await assertFlags(vpcFlowLogs, [vpc], /has no flow log/);
        await assertFlags(vpcFlowLogs, [vpc, flowLog("REJECT")], /has no flow log/);
    });

    it("ties a flow log to its VPC by id once both are known, and not to another VPC", async () => {
        const known = { ...vpc, props: { id: "vpc-0abc" } };
        const byId = { ...flowLog("ALL"), propertyDependencies: {}, props: { trafficType: "ALL", vpcId: "vpc-0abc" } };
        await assertPasses(vpcFlowLogs, [known, byId]);
        await assertFlags(vpcFlowLogs, [known, { ...byId, props: { trafficType: "ALL", vpcId: "vpc-0def" } }], /has no flow log/);
        // A VPC whose id is not known yet is not covered by a flow log whose vpcId is not set either.
        await assertFlags(vpcFlowLogs, [vpc, { ...byId, props: { trafficType: "ALL" } }], /has no flow log/);
    });
});
