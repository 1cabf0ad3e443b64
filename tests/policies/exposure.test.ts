/**
 * "Open to the whole internet" is a property of a set of CIDRs, not of one spelling: every check
 * that decides it (endpoint, security groups, network ACLs, config) counts 0.0.0.0/1 + 128.0.0.0/1,
 * four /2s, or any other split as 0.0.0.0/0.
 */
import * as assert from "assert";
import { cidrsCover, coversWholeInternet } from "@openwebui-aws/rules/cidr";
import { eksPublicEndpointRestricted } from "../../policy-pack/policies/eks";
import { noAdminPortsFromInternet, securityGroupIngressFromInternet } from "../../policy-pack/policies/network";
import { ConfigError } from "../../config";
import { PolicyInput } from "../../sim/policy-runner";
import { rejection, run } from "../helpers";
import { assertFlags, assertPasses } from "./helpers";

const HALVES = ["0.0.0.0/1", "128.0.0.0/1"];
const QUARTERS = ["192.0.0.0/2", "0.0.0.0/2", "128.0.0.0/2", "64.0.0.0/2"];

describe("the union of CIDRs (rules/cidr.ts)", () => {
    it("counts any split of 0.0.0.0/0 as the whole internet, and ::/0", () => {
        for (const set of [["0.0.0.0/0"], HALVES, QUARTERS, ["::/0"], ["10.0.0.0/8", "0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/2"]]) assert.ok(coversWholeInternet(set), set.join(" + "));
    });

    it("does not count a set with a gap, however small, or values that are not CIDRs", () => {
        // 128.0.0.1/1 has host bits set: not a CIDR AWS accepts, so it covers nothing.
        for (const set of [[], ["0.0.0.0/1"], ["0.0.0.0/1", "128.0.0.0/2", "224.0.0.0/3"], ["0.0.0.0/1", "128.0.0.1/1", undefined, "::/1"]]) {
            assert.ok(!coversWholeInternet(set), set.join(" + "));
        }
        // A /32 left out of an otherwise complete set.
        assert.ok(!cidrsCover(["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4", "240.0.0.0/5", "248.0.0.0/6", "252.0.0.0/7", "254.0.0.0/8", "255.0.0.0/9", "255.128.0.0/10", "255.192.0.0/11", "255.224.0.0/12", "255.240.0.0/13", "255.248.0.0/14", "255.252.0.0/15", "255.254.0.0/16", "255.255.0.0/17", "255.255.128.0/18", "255.255.192.0/19", "255.255.224.0/20", "255.255.240.0/21", "255.255.248.0/22", "255.255.252.0/23", "255.255.254.0/24", "255.255.255.0/25", "255.255.255.128/26", "255.255.255.192/27", "255.255.255.224/28", "255.255.255.240/29", "255.255.255.248/30", "255.255.255.252/31", "255.255.255.254/32"], "0.0.0.0/0"));
    });

    it("covers a target from blocks that overlap it or each other", () => {
        assert.ok(cidrsCover(["10.0.0.0/9", "10.0.0.0/16", "10.128.0.0/9"], "10.0.0.0/8"));
        assert.ok(cidrsCover(["0.0.0.0/0"], "203.0.113.0/24"));
        assert.ok(!cidrsCover(["10.0.0.0/9"], "10.0.0.0/8"));
    });
});

describe("policies that decide 'open to the world' use the union", () => {
    const SG = "aws:ec2/securityGroup:SecurityGroup";
    const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    const group = (name: string): PolicyInput => ({ type: SG, name, urn: `urn:pulumi:prod::openwebui::${SG}::${name}`, props: { name } });
    /** A standalone rule of `sg`, tied to it the way a preview ties it (a dependency: the id is unknown). */
    const rule = (sg: PolicyInput, cidr: string, port: number, i: number): PolicyInput => ({
        type: RULE,
        name: `${sg.name}-in-${port}-${i}`,
        props: { ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: cidr },
        propertyDependencies: { securityGroupId: [sg.urn as string] },
    });
    const split = (sg: PolicyInput, port: number, cidrs = HALVES) => cidrs.map((c, i) => rule(sg, c, port, i));

    it("the EKS endpoint: 0.0.0.0/1 + 128.0.0.0/1 is refused, naming the config key", async () => {
        const cluster = (publicAccessCidrs: string[]) => ({ type: "eks:index:Cluster", name: "openwebui-eks-prod", props: { endpointPublicAccess: true, publicAccessCidrs } });
        await assertFlags(eksPublicEndpointRestricted, [cluster(HALVES)], /whole internet \(0\.0\.0\.0\/1 \+ 128\.0\.0\.0\/1\).*openwebui:endpointPublicAccessCidrs/);
        await assertFlags(eksPublicEndpointRestricted, [cluster(QUARTERS)], /whole internet/);
        await assertPasses(eksPublicEndpointRestricted, [cluster(["203.0.113.0/24", "198.51.100.0/24"])]);
    });

    it("security groups: rules split across resources of one group add up", async () => {
        const worker = group("openwebui-eks-worker-sg-prod");
        await assertFlags(securityGroupIngressFromInternet, [worker, ...split(worker, 8080)], /openwebui-eks-worker-sg-prod admits tcp 8080-8080 from the internet/);
        await assertFlags(securityGroupIngressFromInternet, [worker, ...split(worker, 443, QUARTERS)], /admits tcp 443-443/);
        // Halves of different groups do not add up.
        const other = group("openwebui-other-sg-prod");
        await assertPasses(securityGroupIngressFromInternet, [worker, other, rule(worker, HALVES[0], 8080, 0), rule(other, HALVES[1], 8080, 1)]);
        // Inline rules of one group, and one rule listing both halves.
        await assertFlags(securityGroupIngressFromInternet, [{ ...worker, props: { name: worker.name, ingress: HALVES.map((c) => ({ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: [c] })) } }], /admits tcp 0-65535/);
        await assertFlags(
            securityGroupIngressFromInternet,
            [{ type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: "openwebui-x-rule-prod", props: { type: "ingress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: HALVES } }],
            /admits all traffic from the internet/,
        );
    });

    it("the ALB group (inbound from the internet): split rules count as the internet, and only 80/443 may be open", async () => {
        const alb = group("openwebui-alb-sg-prod");
        await assertPasses(securityGroupIngressFromInternet, [alb, ...split(alb, 443), ...split(alb, 80)]);
        await assertFlags(securityGroupIngressFromInternet, [alb, ...split(alb, 8443)], /openwebui-alb-sg-prod admits tcp 8443-8443/);
        // Overlapping port ranges of different rules are judged port by port.
        const wide = { ...rule(alb, HALVES[0], 0, 9), props: { ipProtocol: "tcp", fromPort: 0, toPort: 65535, cidrIpv4: HALVES[0] } };
        await assertFlags(securityGroupIngressFromInternet, [alb, wide, rule(alb, HALVES[1], 22, 1)], /admits tcp 22-22/);
        await assertFlags(noAdminPortsFromInternet, [alb, wide, rule(alb, HALVES[1], 22, 1)], /port 22 to the whole internet/);
    });

    it("admin ports: split security-group rules and network ACL entries", async () => {
        const worker = group("openwebui-eks-worker-sg-prod");
        await assertFlags(noAdminPortsFromInternet, [worker, ...split(worker, 22)], /port 22 to the whole internet/);
        const acl = (ingress: object[]) => ({ type: "aws:ec2/networkAcl:NetworkAcl", name: "openwebui-public-nacl-prod", props: { ingress } });
        const entry = (ruleNo: number, action: string, cidrBlock: string, port: number) => ({ ruleNo, action, protocol: "tcp", fromPort: port, toPort: port, cidrBlock });
        await assertFlags(noAdminPortsFromInternet, [acl([entry(100, "allow", HALVES[0], 22), entry(101, "allow", HALVES[1], 22)])], /port 22/);
        // A split deny before the allow protects the port; a deny after it does not.
        await assertPasses(noAdminPortsFromInternet, [acl([entry(80, "deny", HALVES[0], 22), entry(81, "deny", HALVES[1], 22), entry(100, "allow", "0.0.0.0/0", 22)])]);
        await assertFlags(noAdminPortsFromInternet, [acl([entry(100, "allow", HALVES[0], 22), entry(101, "allow", HALVES[1], 22), entry(110, "deny", "0.0.0.0/0", 22)])], /port 22/);
        // Standalone ACL entries of one ACL add up too.
        const naclUrn = "urn:pulumi:prod::openwebui::aws:ec2/networkAcl:NetworkAcl::openwebui-x-nacl-prod";
        const standalone = HALVES.map((cidrBlock, i) => ({
            type: "aws:ec2/networkAclRule:NetworkAclRule",
            name: `openwebui-x-nacl-prod-ssh-${i}`,
            props: { ruleNumber: 100 + i, egress: false, ruleAction: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock },
            propertyDependencies: { networkAclId: [naclUrn] },
        }));
        await assertFlags(noAdminPortsFromInternet, [{ type: "aws:ec2/networkAcl:NetworkAcl", name: "openwebui-x-nacl-prod", urn: naclUrn, props: {} }, ...standalone], /port 22/);
    });
});

describe("config decides 'open to the world' with the union too", () => {
    it("refuses SSH admin CIDRs that add up to the whole internet, naming the key", async () => {
        const e = await rejection(run("dev", { overrides: { "openwebui:sshAdminCidrs": JSON.stringify(HALVES) } }));
        assert.ok(e instanceof ConfigError, String(e));
        assert.strictEqual(e.key, "openwebui:sshAdminCidrs");
        assert.match(e.message, /0\.0\.0\.0\/1 \+ 128\.0\.0\.0\/1 would open SSH to the whole internet/);
    });

    it("refuses prod's endpoint as four /2s before anything is registered", async () => {
        const e = await rejection(run("prod", { overrides: { "openwebui:endpointPublicAccessCidrs": JSON.stringify(QUARTERS) } }));
        assert.ok(e instanceof ConfigError, String(e));
        assert.strictEqual(e.key, "openwebui:endpointPublicAccessCidrs");
        assert.match(e.message, /whole internet/);
        assert.strictEqual(e.registeredBeforeFailure, 0);
    });
});
