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

describe("nodes policies tie references the way a preview shows them", () => {
    const urn = (type: string, name: string) => `urn:pulumi:prod::openwebui::${type}::${name}`;
    const GATEWAY = "aws:ec2/internetGateway:InternetGateway";
    const TABLE = "aws:ec2/routeTable:RouteTable";
    const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
    const subnet = (name: string, id: unknown, tags: Record<string, string> = {}): PolicyInput => ({ type: SUBNET, name, urn: urn(SUBNET, name), props: { id, tags } });
    const table = (name: string, props: Record<string, unknown> = {}, propertyDependencies: Record<string, string[]> = {}): PolicyInput => ({ type: TABLE, name, urn: urn(TABLE, name), props: { id: `rtb-${name}`, ...props }, propertyDependencies });
    const associate = (s: PolicyInput, t: PolicyInput): PolicyInput => ({ type: ASSOCIATION, name: `${s.name}-rta`, props: { subnetId: s.props.id, routeTableId: t.props.id } });
    const group = (props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): PolicyInput => ({ type: NODE_GROUP, name: "openwebui-primary-nodes-prod", props, propertyDependencies });
    const privateTable = table("private-rt");
    const privateA = subnet("openwebui-private-subnet-prod-a", "subnet-aaa");
    const privateC = subnet("openwebui-private-subnet-prod-c", "subnet-ccc");
    const publicA = subnet("openwebui-public-subnet-prod-a", "subnet-pub", { "kubernetes.io/role/elb": "1" });
    const world = [privateA, privateC, publicA, privateTable, associate(privateA, privateTable), associate(privateC, privateTable)];

    it("by id alone, once known: a node group naming a public subnet's id is placed there", async () => {
        const found = await check(nodesInPrivateSubnets, [...world, group({ subnetIds: ["subnet-pub"] })]);
        assert.deepStrictEqual(found.map((v) => v.message), [
            'node group "openwebui-primary-nodes-prod" is placed in subnet "openwebui-public-subnet-prod-a", which is public (it is tagged kubernetes.io/role/elb (for internet-facing load balancers)); pass the private subnets (the network component\'s privateSubnetIds)',
        ]);
        assert.deepStrictEqual(await check(nodesInPrivateSubnets, [...world, group({ subnetIds: ["subnet-aaa", "subnet-ccc"] })]), []);
    });

    it("by dependency alone, among several subnets, while every id is unknown", async () => {
        const deps = { subnetIds: [privateC.urn as string] };
        assert.deepStrictEqual(await check(nodesInPrivateSubnets, [...world, group(previewProps({ subnetIds: [UNKNOWN_STRING] }), deps)]), []);
        // The whole list unknown, not just its items: still no stranger subnet to report.
        assert.deepStrictEqual(await check(nodesInPrivateSubnets, [...world, group(previewProps({ subnetIds: UNKNOWN_STRING }), deps)]), []);
    });

    const untied = (v: { message: string }) => (/^node group "openwebui-primary-nodes-prod": the preview cannot tie its subnetIds to subnets of this stack/.test(v.message) ? "untied" : v.message);

    it("an unknown or missing id ties to nothing, not to a subnet whose own id is unknown or missing", async () => {
        const newSubnet = { ...subnet("openwebui-public-subnet-prod-c", undefined, { "kubernetes.io/role/elb": "1" }), props: previewProps({ id: UNKNOWN_STRING, tags: { "kubernetes.io/role/elb": "1" } }) };
        const blind = await check(nodesInPrivateSubnets, [...world, newSubnet, group(previewProps({ subnetIds: [UNKNOWN_STRING] }))]);
        assert.deepStrictEqual(blind.map(untied), ["untied"]);
        const idless = subnet("openwebui-public-subnet-prod-d", undefined, { "kubernetes.io/role/elb": "1" });
        const none = await check(nodesInPrivateSubnets, [...world, idless, group({ subnetIds: [undefined] })]);
        assert.deepStrictEqual(none.map(untied), ["untied"]);
    });

    it("a subnet with no association of the stack is not shown private (the VPC's main table decides)", async () => {
        const orphan = subnet("openwebui-private-subnet-prod-b", "subnet-bbb");
        const found = await check(nodesInPrivateSubnets, [...world, orphan, group({ subnetIds: ["subnet-bbb"] })]);
        assert.deepStrictEqual(found.map((v) => /which is public \((.*)\); pass/.exec(v.message)?.[1]), [
            "it has no route table association of the stack, so it uses the VPC's main route table, which the stack does not show",
        ]);
    });

    it("a route to an internet gateway whose id is unknown yet counts through its dependency; one to another target does not", async () => {
        const igw = { type: GATEWAY, name: "igw", urn: urn(GATEWAY, "igw"), props: previewProps({ id: UNKNOWN_STRING }) };
        const otherIgw = { type: GATEWAY, name: "igw-2", urn: urn(GATEWAY, "igw-2"), props: { id: "igw-0222" } };
        const nat = { type: "aws:ec2/natGateway:NatGateway", name: "nat", urn: urn("aws:ec2/natGateway:NatGateway", "nat"), props: { id: "nat-0111" } };
        const routed = (via: PolicyInput) => [
            igw, otherIgw, nat, privateA,
            table("rt-inline", previewProps({ id: "rtb-rt-inline", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN_STRING }] }), { routes: [via.urn as string] }),
            associate(privateA, table("rt-inline")),
            group({ subnetIds: ["subnet-aaa"] }),
        ];
        await assertFlagsWith(routed(igw), /its route table sends traffic to an internet gateway/);
        assert.deepStrictEqual(await check(nodesInPrivateSubnets, routed(nat)), []);
        // A Route resource of its own, pointed by dependency at the gateway and the table.
        const route = { type: "aws:ec2/route:Route", name: "to-igw", props: previewProps({ gatewayId: UNKNOWN_STRING, routeTableId: "rtb-private-rt" }), propertyDependencies: { gatewayId: [igw.urn] } };
        await assertFlagsWith([...world, igw, otherIgw, route, group({ subnetIds: ["subnet-aaa"] })], /its route table sends traffic to an internet gateway/);
    });

    async function assertFlagsWith(resources: PolicyInput[], pattern: RegExp) {
        const found = await check(nodesInPrivateSubnets, resources);
        assert.ok(found.some((v) => pattern.test(v.message)), JSON.stringify(found.map((v) => v.message)));
    }

    it("nodes-imds-single-hop: unknown metadata options are refused with what is unknown; a template reference by unknown id with no dependency is not the stack's", async () => {
        const template = (metadataOptions: unknown): PolicyInput => ({ type: LAUNCH_TEMPLATE, name: "lt", props: previewProps({ id: "lt-0abc", metadataOptions }) });
        const messages = async (resources: PolicyInput[]) => (await check(nodesImdsSingleHop, resources)).map((v) => v.message);
        assert.deepStrictEqual(await messages([template({ httpTokens: "required", httpPutResponseHopLimit: UNKNOWN_STRING })]), [
            'launch template "lt": its httpPutResponseHopLimit is unknown at preview; set metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1 }',
        ]);
        assert.deepStrictEqual(await messages([template(UNKNOWN_STRING)]), [
            'launch template "lt": its metadataOptions are unknown at preview; set metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1 }',
        ]);
        const good = template({ httpTokens: "required", httpPutResponseHopLimit: 1 });
        assert.deepStrictEqual(await messages([good, group(previewProps({ launchTemplate: { id: UNKNOWN_STRING, version: "1" } }))]), [
            'node group "openwebui-primary-nodes-prod" does not launch from a launch template of this stack, so its IMDS hop limit is not the stack\'s to check; give it the stack\'s launch template (hop limit 1, tokens required)',
        ]);
        assert.deepStrictEqual(await messages([good, group({ launchTemplate: { id: "lt-0abc", version: "1" } })]), []);
    });
});
