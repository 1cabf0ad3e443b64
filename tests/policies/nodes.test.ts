/**
 * Nodes: the IMDS hop limit and where node groups sit. Both stacks pass as shipped; a raised hop
 * limit, a node group without the stack's launch template, or a node group in a public subnet is
 * a mandatory violation in each. Public or private is read from routing, not from names.
 */
import * as assert from "assert";
import { nodesImdsSingleHop, nodesInPrivateSubnets } from "../../policy-pack/policies/nodes";
import { PolicyInput } from "../../sim/policy-runner";
import { STACKS } from "../helpers";
import { check } from "./helpers";
import { assertStackFlags, assertStackPasses, changed, ofType, previewProps, stackInputs, UNKNOWN_STRING } from "./stack-inputs";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const SUBNET = "aws:ec2/subnet:Subnet";

const subnetsOf = (inputs: PolicyInput[], kind: "public" | "private") => inputs.filter((r) => r.type === SUBNET && r.name.includes(`-${kind}-subnet-`));

/** Points every node group at `subnets`, in value and dependency, as the program would if it passed them. */
const placeIn = (subnets: PolicyInput[]) => (p: Record<string, any>, r: PolicyInput) => {
    p.subnetIds = subnets.map((s) => s.props.id);
    r.propertyDependencies = { ...r.propertyDependencies, subnetIds: subnets.map((s) => s.urn as string) };
};

for (const stack of STACKS) {
    describe(`nodes in ${stack}`, () => {
        it("nodes-imds-single-hop: passes as shipped; hop limit 2, an unset limit, or a node group without the stack's template is refused", async () => {
            const inputs = await stackInputs(stack);
            await assertStackPasses(nodesImdsSingleHop, inputs, stack);
            const two = changed(inputs, ofType(LAUNCH_TEMPLATE), (p) => (p.metadataOptions.httpPutResponseHopLimit = 2));
            await assertStackFlags(nodesImdsSingleHop, two, stack, /httpPutResponseHopLimit is 2: pods one hop away can fetch the node role's credentials; set metadataOptions/);
            const unset = changed(inputs, ofType(LAUNCH_TEMPLATE), (p) => delete p.metadataOptions.httpPutResponseHopLimit);
            await assertStackFlags(nodesImdsSingleHop, unset, stack, /httpPutResponseHopLimit is unset/);
            const v1 = changed(inputs, ofType(LAUNCH_TEMPLATE), (p) => (p.metadataOptions.httpTokens = "optional"));
            await assertStackFlags(nodesImdsSingleHop, v1, stack, /httpTokens is not "required"/);
            const eksDefault = changed(inputs, ofType(NODE_GROUP), (p, r) => {
                delete p.launchTemplate;
                delete r.propertyDependencies?.launchTemplate;
            });
            await assertStackFlags(nodesImdsSingleHop, eksDefault, stack, /does not launch from a launch template of this stack/);
        });

        it("nodes-in-private-subnets: passes as shipped; node groups in the public subnets, or in a subnet not of the stack, are refused", async () => {
            const inputs = await stackInputs(stack);
            await assertStackPasses(nodesInPrivateSubnets, inputs, stack);
            const pub = changed(inputs, ofType(NODE_GROUP), placeIn(subnetsOf(inputs, "public")));
            await assertStackFlags(nodesInPrivateSubnets, pub, stack, new RegExp(`placed in subnet "openwebui-public-subnet-${stack}-a", which is public \\(it is tagged kubernetes.io/role/elb`));
            const foreign = changed(inputs, ofType(NODE_GROUP), (p) => p.subnetIds.push("subnet-0123456789abcdef0"));
            await assertStackFlags(nodesInPrivateSubnets, foreign, stack, /uses subnet subnet-0123456789abcdef0, which is not a subnet of this stack/);
        });

        it("nodes-in-private-subnets reads routing: a 'private' subnet whose route table goes to the internet gateway is public", async () => {
            const inputs = await stackInputs(stack);
            // Re-point the private subnets' associations at the public route table, tags and names unchanged.
            const publicTable = inputs.find((r) => r.type === "aws:ec2/routeTable:RouteTable" && r.name.includes("-public-rt-")) as PolicyInput;
            const rerouted = changed(inputs, (r) => r.type === "aws:ec2/routeTableAssociation:RouteTableAssociation" && r.name.includes("-private-rta-"), (p, r) => {
                p.routeTableId = publicTable.props.id;
                r.propertyDependencies = { ...r.propertyDependencies, routeTableId: [publicTable.urn as string] };
            });
            await assertStackFlags(nodesInPrivateSubnets, rerouted, stack, /which is public \(its route table sends traffic to an internet gateway\)/);
        });
    });
}

describe("nodes-in-private-subnets in a real preview", () => {
    it("unknown subnet ids count through their dependencies; with none the placement cannot be shown and is refused", async () => {
        const subnet = { type: SUBNET, name: "openwebui-private-subnet-prod-a", urn: "urn:pulumi:prod::openwebui::aws:ec2/subnet:Subnet::openwebui-private-subnet-prod-a", props: { tags: { "kubernetes.io/role/internal-elb": "1" } } };
        const table = { type: "aws:ec2/routeTable:RouteTable", name: "rt", urn: "urn:pulumi:prod::openwebui::aws:ec2/routeTable:RouteTable::rt", props: {} };
        const association = { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name: "rta", props: previewProps({ subnetId: UNKNOWN_STRING, routeTableId: UNKNOWN_STRING }), propertyDependencies: { subnetId: [subnet.urn], routeTableId: [table.urn] } };
        const group = (deps: string[]) => ({ type: NODE_GROUP, name: "openwebui-primary-nodes-prod", props: previewProps({ subnetIds: [UNKNOWN_STRING] }), propertyDependencies: { subnetIds: deps } });
        assert.deepStrictEqual(await check(nodesInPrivateSubnets, [subnet, table, association, group([subnet.urn])]), []);
        const blind = await check(nodesInPrivateSubnets, [subnet, table, association, group([])]);
        assert.ok(blind.some((v) => /cannot tie its subnetIds to subnets of this stack/.test(v.message)), JSON.stringify(blind));
    });
});

describe("nodes policies on @pulumi/eks's ManagedNodeGroup (one resource with its inputs under mocks)", () => {
    it("is held to the stack's launch template and private subnets like aws.eks.NodeGroup", async () => {
        const inputs = await stackInputs("prod");
        const pub = subnetsOf(inputs, "public");
        const group = { type: "eks:index:ManagedNodeGroup", name: "openwebui-extra-nodes-prod", props: { subnetIds: pub.map((s) => s.props.id) }, propertyDependencies: { subnetIds: pub.map((s) => s.urn as string) } };
        await assertStackFlags(nodesImdsSingleHop, [...inputs, group], "prod", /node group "openwebui-extra-nodes-prod" does not launch from a launch template of this stack/);
        await assertStackFlags(nodesInPrivateSubnets, [...inputs, group], "prod", /node group "openwebui-extra-nodes-prod" is placed in subnet "openwebui-public-subnet-prod-a", which is public/);
    });
});
