/**
 * deployAgentAccess (issue 18, item 2): prod's Deployments run on an agent inside its VPC, and the
 * program, not a one-time CLI command, lets that agent reach the private API endpoint.
 */
import * as assert from "assert";
import { policies } from "../policy-pack/policies";
import { noAdminPortsFromInternet, securityGroupIngressFromInternet } from "../policy-pack/policies/network";
import { ProgramRun } from "../sim/mock-engine";
import { fromRecording, loadPackConfig, PolicyInput, runPolicies } from "../sim/policy-runner";
import { byId, idOf, named, ofType, rejection, run, stackRun } from "./helpers";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const agentGroup = (stack: string) => `openwebui-deploy-agent-sg-${stack}`;

/** Every standalone rule that mentions `groupId`, as the group it belongs to and the peer it names. */
function rulesAbout(r: ProgramRun, groupId: string) {
    return [...ofType(r, INGRESS).map((x) => ({ dir: "in", x })), ...ofType(r, EGRESS).map((x) => ({ dir: "out", x }))]
        .filter(({ x }) => x.inputs.securityGroupId === groupId || x.inputs.referencedSecurityGroupId === groupId)
        .map(({ dir, x }) => ({
            dir,
            group: byId(r, x.inputs.securityGroupId).name,
            proto: x.inputs.ipProtocol,
            ports: [x.inputs.fromPort, x.inputs.toPort],
            peer: x.inputs.cidrIpv4 ?? byId(r, x.inputs.referencedSecurityGroupId).name,
            description: x.inputs.description,
        }));
}

describe("deploy agent access (openwebui:deployAgentAccess)", () => {
    it("prod: a group for the agent in prod's VPC, named and tagged by the naming rule, with no inline rules", async () => {
        const r = await stackRun("prod");
        const sg = named(r, agentGroup("prod"));
        assert.strictEqual(sg.type, SG);
        assert.strictEqual(sg.inputs.name, agentGroup("prod"));
        assert.strictEqual(sg.inputs.vpcId, "openwebui-vpc-prod-id");
        assert.strictEqual(sg.inputs.tags.Name, agentGroup("prod"));
        assert.ok(!sg.inputs.ingress?.length && !sg.inputs.egress?.length, "rules are standalone resources, like every other group's");
    });

    it("prod: the agent's group admits nothing and may only leave on TCP 443; the control plane admits it on 443 and nothing else does", async () => {
        const r = await stackRun("prod");
        const rules = rulesAbout(r, idOf(named(r, agentGroup("prod"))));
        assert.deepStrictEqual(
            rules.map(({ description, ...rule }) => (assert.ok(description, "every rule says why"), rule)),
            [
                { dir: "in", group: "openwebui-eks-control-plane-sg-prod", proto: "tcp", ports: [443, 443], peer: agentGroup("prod") },
                { dir: "out", group: agentGroup("prod"), proto: "tcp", ports: [443, 443], peer: "0.0.0.0/0" },
            ],
        );
    });

    it("prod: exports the group's id as deployAgentSecurityGroupId, to launch the agent with", async () => {
        const r = await stackRun("prod");
        assert.strictEqual(r.outputs.deployAgentSecurityGroupId, idOf(named(r, agentGroup("prod"))));
    });

    it("dev: no agent group, no extra control-plane rule, no output (hosted runners use its public endpoint)", async () => {
        const r = await stackRun("dev");
        assert.ok(!r.resources.some((x) => x.name.includes("deploy-agent")), "dev registers nothing for an agent");
        const cp = idOf(named(r, "openwebui-eks-control-plane-sg-dev"));
        assert.deepStrictEqual(ofType(r, INGRESS).filter((x) => x.inputs.securityGroupId === cp).map((x) => byId(r, x.inputs.referencedSecurityGroupId).name), ["openwebui-eks-worker-sg-dev"]);
        assert.ok(!("deployAgentSecurityGroupId" in r.outputs) || r.outputs.deployAgentSecurityGroupId === undefined);
    });

    it("the key decides, not the stack's name: dev with true gets the group, prod with false does not", async () => {
        const dev = await run("dev", { overrides: { "openwebui:deployAgentAccess": "true" } });
        assert.strictEqual(dev.outputs.deployAgentSecurityGroupId, idOf(named(dev, agentGroup("dev"))));
        assert.strictEqual(rulesAbout(dev, idOf(named(dev, agentGroup("dev")))).length, 2);
        const prod = await run("prod", { overrides: { "openwebui:deployAgentAccess": "false" } });
        assert.ok(!prod.resources.some((x) => x.name.includes("deploy-agent")));
        assert.strictEqual(prod.outputs.deployAgentSecurityGroupId, undefined);
    });

    it("a value that is not true or false is refused, naming the key", async () => {
        const error = await rejection(run("prod", { overrides: { "openwebui:deployAgentAccess": "yes" } }));
        assert.match(error.message, /stack "prod": config "openwebui:deployAgentAccess": "yes" is not true or false/);
    });

    it("the policy pack, with prod's config, finds nothing to report about the agent's group or its rule", async () => {
        const r = await stackRun("prod");
        const violations = await runPolicies(policies, fromRecording(r.resources), { stack: "prod", packConfig: loadPackConfig("prod") });
        const urns = new Set(r.resources.filter((x) => x.name.includes("deploy-agent")).map((x) => x.urn));
        assert.strictEqual(urns.size, 3);
        assert.deepStrictEqual(violations.filter((v) => (v.urn && urns.has(v.urn)) || v.message.includes("deploy-agent")), []);
    });

    it("the pack's security-group policies still judge the agent's group: SSH from the internet on it is flagged", async () => {
        const r = await stackRun("prod");
        const inputs = fromRecording(r.resources);
        const sg = inputs.find((x) => x.name === agentGroup("prod")) as PolicyInput;
        const ssh: PolicyInput = {
            type: INGRESS,
            name: `${agentGroup("prod")}-in-ssh`,
            props: { securityGroupId: sg.props.id, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" },
            propertyDependencies: { securityGroupId: [sg.urn as string] },
        };
        const flagged = await runPolicies([noAdminPortsFromInternet, securityGroupIngressFromInternet], [...inputs, ssh], { stack: "prod" });
        assert.deepStrictEqual(
            flagged.map((v) => [v.policy, v.urn === sg.urn]),
            [
                ["no-admin-ports-from-internet", true],
                ["sg-ingress-from-internet", true],
            ],
        );
    });
});
