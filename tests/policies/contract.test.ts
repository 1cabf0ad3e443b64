/**
 * The prod contract over hand-built resources, in both shapes a preview can show them: the mock
 * engine's (ids known, the @pulumi/eks component only) and a real preview's (ids unknown, resources
 * tied by property dependencies; the aws:eks Cluster child; Helm values as JSON). The contract over
 * the real prod and dev stacks is in tests/stack-policies.test.ts.
 */
import * as assert from "assert";
import { prodContract } from "../../policy-pack/policies/contract";
import { loadPackConfig, PackConfig, PolicyInput } from "../../sim/policy-runner";
import { assertFlags, assertPasses, check } from "./helpers";
import { previewProps, UNKNOWN_STRING } from "./stack-inputs";

const urn = (type: string, name: string) => `urn:pulumi:prod::openwebui::${type}::${name}`;
const res = (type: string, name: string, props: Record<string, unknown>, extra: Partial<PolicyInput> = {}): PolicyInput => ({ type, name, urn: urn(type, name), props, ...extra });

const SUBNET = "aws:ec2/subnet:Subnet";
const subnet = (kind: "public" | "private", zone: string) =>
    res(SUBNET, `openwebui-${kind}-subnet-prod-${zone}`, { availabilityZone: `ap-northeast-2${zone}`, tags: { Name: `openwebui-${kind}-subnet-prod-${zone}` } });
/** As a real preview shows it: the subnet's id is unknown, the dependency says which one it is. */
const natGateway = (zone: string) =>
    res("aws:ec2/natGateway:NatGateway", `openwebui-nat-prod-${zone}`, {}, { propertyDependencies: { subnetId: [urn(SUBNET, `openwebui-public-subnet-prod-${zone}`)] } });
const nodeGroup = (capacityType: string, minSize: number, desiredSize: number) =>
    res("aws:eks/nodeGroup:NodeGroup", "openwebui-primary-nodes-prod", { nodeGroupName: "openwebui-primary-nodes-prod", capacityType, scalingConfig: { minSize, desiredSize, maxSize: 4 } });
const release = (name: string, replicaCount: number | undefined, asJson = false) => {
    const values = replicaCount === undefined ? {} : { replicaCount };
    return res("kubernetes:helm.sh/v3:Release", `openwebui-${name}-prod`, { name, values: asJson ? JSON.stringify(values) : values });
};

/** Prod's shape as the program registers it. */
function prod(): PolicyInput[] {
    return [
        res("eks:index:Cluster", "openwebui-eks-prod", { deletionProtection: true }),
        ...["a", "c"].flatMap((z) => [subnet("public", z), subnet("private", z), natGateway(z)]),
        res("aws:s3/bucket:Bucket", "openwebui-backup-bucket-prod", { forceDestroy: false, tags: { Name: "openwebui-backup-bucket-prod" } }, { protect: true }),
        res("aws:eks/addon:Addon", "openwebui-addon-prod-cloudwatch-observability", { addonName: "amazon-cloudwatch-observability" }),
        nodeGroup("ON_DEMAND", 2, 2),
        release("open-webui", 2),
        release("litellm", 2),
        ...deployAgentAccess(),
    ];
}

/** The agent's group and the control plane's 443 rule from it, tied by dependency as a preview shows them. */
function deployAgentAccess(port = 443): PolicyInput[] {
    const group = res("aws:ec2/securityGroup:SecurityGroup", "openwebui-deploy-agent-sg-prod", { name: "openwebui-deploy-agent-sg-prod" });
    const rule = res(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "openwebui-eks-control-plane-sg-prod-in-https-from-deploy-agents",
        { fromPort: port, toPort: port, ipProtocol: "tcp" },
        { propertyDependencies: { referencedSecurityGroupId: [urn(group.type, group.name)] } },
    );
    return [group, rule];
}

const PROD = loadPackConfig("prod");
const replace = (list: PolicyInput[], name: string, by?: PolicyInput) => list.flatMap((r) => (r.name === name ? (by ? [by] : []) : [r]));
const flags = (resources: PolicyInput[], pattern: RegExp, config: PackConfig = PROD) => assertFlags(prodContract, resources, pattern, config);

describe("policy prod-contract", () => {
    it("accepts prod's shape with prod's pack config", async () => {
        await assertPasses(prodContract, prod(), PROD);
    });

    it("is mandatory in prod and disabled in dev", async () => {
        const weakened = replace(prod(), "openwebui-primary-nodes-prod", nodeGroup("SPOT", 1, 1));
        assert.ok((await check(prodContract, weakened, PROD)).every((v) => v.level === "mandatory"));
        assert.deepStrictEqual(await check(prodContract, weakened, loadPackConfig("dev")), []);
    });

    it("EKS deletion protection, on the component and on the cluster a real preview also shows", async () => {
        await flags(replace(prod(), "openwebui-eks-prod", res("eks:index:Cluster", "openwebui-eks-prod", { deletionProtection: false })), /openwebui:clusterDeletionProtection/);
        await flags([...prod(), res("aws:eks/cluster:Cluster", "openwebui-eks-prod-eksCluster", {})], /deletion protection is off on openwebui-eks-prod-eksCluster.*openwebui:clusterDeletionProtection/);
    });

    it("a NAT gateway in every AZ that has private subnets, placed by dependency or by id", async () => {
        await flags(replace(prod(), "openwebui-nat-prod-c"), /1 NAT gateway\(s\) for private subnets in 2 AZs .*none in ap-northeast-2c.*openwebui:natGatewayStrategy: perAz/);
        // Two gateways in one AZ are still one AZ's worth.
        const twoInA = replace(prod(), "openwebui-nat-prod-c", { ...natGateway("a"), name: "openwebui-nat-prod-a2", urn: urn("aws:ec2/natGateway:NatGateway", "openwebui-nat-prod-a2") });
        await flags(twoInA, /none in ap-northeast-2c/);
        const byId = prod().map((r) => (r.type === SUBNET ? { ...r, props: { ...r.props, id: `${r.name}-id` } } : r.name === "openwebui-nat-prod-c" ? { ...r, propertyDependencies: {}, props: { subnetId: "openwebui-public-subnet-prod-a-id" } } : r));
        await flags(byId, /none in ap-northeast-2c/);
        const natInstance = res("aws:ec2/instance:Instance", "openwebui-nat-instance-prod-a", { sourceDestCheck: false });
        await flags([...replace(replace(prod(), "openwebui-nat-prod-a"), "openwebui-nat-prod-c"), natInstance], /0 NAT gateway\(s\).*NAT instance openwebui-nat-instance-prod-a.*openwebui:natGatewayStrategy/);
    });

    it("the backup bucket is protected (the resource option a preview passes) and not force-destroyable", async () => {
        const bucket = prod().find((r) => r.type === "aws:s3/bucket:Bucket") as PolicyInput;
        await flags(replace(prod(), bucket.name, { ...bucket, protect: false }), /backup bucket openwebui-backup-bucket-prod is not protected.*openwebui:backupBucketProtect: true/);
        await flags(replace(prod(), bucket.name, { ...bucket, props: { ...bucket.props, forceDestroy: true } }), /forceDestroy/);
        await flags(replace(prod(), bucket.name), /no backup bucket/);
    });

    it("Container Insights (the add-on behind the node and pod alarms)", async () => {
        await flags(replace(prod(), "openwebui-addon-prod-cloudwatch-observability"), /no amazon-cloudwatch-observability add-on.*openwebui:containerInsights: true/);
    });

    it("an on-demand primary node group of at least two nodes, as the pack config sets it", async () => {
        await flags(replace(prod(), "openwebui-primary-nodes-prod", nodeGroup("SPOT", 2, 2)), /runs SPOT capacity.*openwebui:nodeGroups\.primary\.capacityType: ON_DEMAND/);
        await flags(replace(prod(), "openwebui-primary-nodes-prod", nodeGroup("ON_DEMAND", 1, 2)), /minSize 1, below the 2 nodes.*set openwebui:nodeGroups\.primary\.minSize to at least 2/);
        await flags(replace(prod(), "openwebui-primary-nodes-prod", nodeGroup("ON_DEMAND", 1, 1)), /openwebui:nodeGroups\.primary\.minSize and openwebui:nodeGroups\.primary\.desiredSize/);
        await flags(replace(prod(), "openwebui-primary-nodes-prod"), /no primary node group.*openwebui:nodeGroups\.primary/);
        // The contract is data: a stricter pack config holds prod to three nodes.
        const stricter = { ...PROD, "prod-contract": { ...(PROD["prod-contract"] as object), minPrimaryNodes: 3 } } as PackConfig;
        await flags(prod(), /below the 3 nodes/, stricter);
    });

    it("the deploy agent's security group, admitted on 443 to the API endpoint (prod's Deployments run in the VPC)", async () => {
        const without = prod().filter((r) => !r.name.includes("deploy-agent"));
        await flags(without, /no security group \(deploy-agent-sg\) admitted on 443.*openwebui:deployAgentAccess: true/);
        const [group] = deployAgentAccess();
        await flags([...without, group], /openwebui:deployAgentAccess/);
        await flags([...without, ...deployAgentAccess(22)], /openwebui:deployAgentAccess/);
    });

    it("at least two Open WebUI and two LiteLLM pods, from the Helm values (an object offline, JSON in a real preview)", async () => {
        await flags(replace(prod(), "openwebui-litellm-prod", release("litellm", 1)), /"litellm" runs 1 pod\(s\), below 2.*openwebui:litellmReplicas: 2/);
        await flags(replace(prod(), "openwebui-litellm-prod", release("litellm", 1, true)), /openwebui:litellmReplicas/);
        await flags(replace(prod(), "openwebui-open-webui-prod", release("open-webui", 1)), /openwebui:webuiReplicas: 2/);
        // The chart's default (1) when the values leave it out.
        await flags(replace(prod(), "openwebui-litellm-prod", release("litellm", undefined)), /openwebui:litellmReplicas/);
        await flags(replace(prod(), "openwebui-open-webui-prod"), /no Helm release "open-webui".*openwebui:appEnabled: true/);
        await assertPasses(prodContract, replace(prod(), "openwebui-litellm-prod", release("litellm", 3, true)), PROD);
    });
});

describe("policy prod-contract: placing NAT gateways, and clauses the pack config turns off", () => {
    const NAT = "aws:ec2/natGateway:NatGateway";
    const messages = async (resources: PolicyInput[], config: PackConfig = PROD) => (await check(prodContract, resources, config)).map((v) => v.message);
    const withContract = (change: Record<string, unknown>) => ({ ...PROD, "prod-contract": { ...(PROD["prod-contract"] as object), ...change } }) as PackConfig;
    const withoutC = () => replace(prod(), "openwebui-nat-prod-c");

    it("a dependency on something other than a subnet of the stack does not place a gateway", async () => {
        const a2 = { ...natGateway("a"), name: "openwebui-nat-prod-a2", urn: urn(NAT, "openwebui-nat-prod-a2") };
        // The gateway's subnetId also depends on its address (an apply over both, say): that is not where it sits.
        const eip = res("aws:ec2/eip:Eip", "openwebui-nat-eip-prod-a2", {});
        a2.propertyDependencies = { subnetId: [eip.urn as string, urn(SUBNET, "openwebui-public-subnet-prod-a")] };
        await flags([...withoutC(), eip, a2], /none in ap-northeast-2c/);
    });

    it("by id, a gateway is placed in the subnet with that id, not the first one, while other subnets' ids are still unknown", async () => {
        const byId = withoutC().map((r) => (r.type !== SUBNET ? r : r.name.endsWith("-c") ? { ...r, props: { ...r.props, id: `${r.name}-id` } } : { ...r, props: previewProps({ ...r.props, id: UNKNOWN_STRING }) }));
        await assertPasses(prodContract, [...byId, res(NAT, "openwebui-nat-prod-c", { subnetId: "openwebui-public-subnet-prod-c-id" })], PROD);
    });

    it("a gateway the preview cannot place (its subnet id unknown, from outside the stack) counts toward the number only", async () => {
        const unplaced = res(NAT, "openwebui-nat-prod-x", previewProps({ subnetId: UNKNOWN_STRING }));
        await assertPasses(prodContract, [...withoutC(), unplaced], PROD);
        const one = replace(withoutC(), "openwebui-nat-prod-a", unplaced);
        assert.deepStrictEqual(await messages(one), [
            "1 NAT gateway(s) for private subnets in 2 AZs (ap-northeast-2a, ap-northeast-2c), none in ap-northeast-2c: one AZ's outage cuts the others' egress; set openwebui:natGatewayStrategy: perAz",
        ]);
    });

    it("counts the zones of private subnets only, in order, and public NAT gateways only", async () => {
        const reversed = [...prod()].reverse();
        assert.deepStrictEqual(await messages(replace(reversed, "openwebui-nat-prod-a")), [
            "1 NAT gateway(s) for private subnets in 2 AZs (ap-northeast-2a, ap-northeast-2c), none in ap-northeast-2a: one AZ's outage cuts the others' egress; set openwebui:natGatewayStrategy: perAz",
        ]);
        await assertPasses(prodContract, [...prod(), subnet("public", "b")], PROD);
        const privateNat = { ...natGateway("c"), props: { connectivityType: "private" } };
        await flags(replace(prod(), "openwebui-nat-prod-c", privateNat), /none in ap-northeast-2c/);
    });

    it("a clause set false in the pack config is not checked", async () => {
        const unprotected = replace(prod(), "openwebui-eks-prod", res("eks:index:Cluster", "openwebui-eks-prod", { deletionProtection: false }));
        assert.deepStrictEqual(await messages(unprotected, withContract({ clusterDeletionProtection: false })), []);
        assert.deepStrictEqual(await messages(withoutC(), withContract({ natGatewayPerAz: false })), []);
    });

    it("no primary group is a finding while the contract asks for nodes or a capacity type, and not when it asks for neither", async () => {
        const none = replace(prod(), "openwebui-primary-nodes-prod");
        const missing = "no primary node group: prod's always-on nodes are gone; do not drop openwebui:nodeGroups.primary";
        assert.deepStrictEqual(await messages(none, withContract({ minPrimaryNodes: 0, primaryCapacityType: "ON_DEMAND" })), [missing]);
        assert.deepStrictEqual(await messages(none, withContract({ minPrimaryNodes: 2, primaryCapacityType: "ANY" })), [missing]);
        assert.deepStrictEqual(await messages(none, withContract({ minPrimaryNodes: 0, primaryCapacityType: "ANY" })), []);
    });

    it("a node group that does not say its capacity type runs on-demand (EKS's default)", async () => {
        const unsaid = res("aws:eks/nodeGroup:NodeGroup", "openwebui-primary-nodes-prod", { nodeGroupName: "openwebui-primary-nodes-prod", scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 4 } });
        await assertPasses(prodContract, replace(prod(), "openwebui-primary-nodes-prod", unsaid), PROD);
    });
});
