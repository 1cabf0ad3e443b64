/**
 * Node groups are data: a group added only in a stack file is built, priced by the plan, and
 * judged by the pack like the design's two. Values AWS or the autoscaler would trip over later are
 * refused before anything is created, each naming the key to change.
 */
import * as assert from "assert";
import { DESIGN_NODE_GROUPS } from "../config/node-groups";
import { ConfigError } from "../config/reader";
import { INSTANCE_SHAPES, isArmInstanceType, mixedShapeProblem } from "@openwebui-aws/rules/instance-types";
import { ZONE_INSTANCE_TYPES, zoneOfferingProblem } from "@openwebui-aws/rules/instance-zones";
import { EC2_HOURLY } from "@openwebui-aws/rules/cost/prices";
import { MIN_SPOT_INSTANCE_TYPES } from "@openwebui-aws/rules/node-group-limits";
import { plan } from "../plan/plan";
import { policies } from "../policy-pack/policies";
import { ProgramRun } from "../sim/mock-engine";
import { fromRecording, loadPackConfig, runPolicies } from "../sim/policy-runner";
import { checkConformance } from "../sim/provider-rules";
import { loadStackFiles } from "../sim/stack-files";
import { byId, configRefusal, named, ofType, run, STACKS } from "./helpers";

const ARM_GROUP = {
    arm: {
        new: true,
        instanceTypes: ["t4g.large", "m6g.large", "m7g.large"],
        capacityType: "SPOT",
        amiType: "AL2023_ARM_64_STANDARD",
        minSize: 0,
        maxSize: 2,
        desiredSize: 1,
        diskSizeGb: 30,
        labels: { arch: "arm64" },
        taints: ["arch=arm64:NoSchedule"],
    },
};
// Beside dev's own groups as its stack file writes them: the design's default primary (t3.medium) does not hold dev's pods (pods-fit-nodes).
const overrides = { "openwebui:nodeGroups": JSON.stringify({ ...(JSON.parse(loadStackFiles("dev").config["openwebui:nodeGroups"]) as object), ...ARM_GROUP }) };

describe("node groups as data", () => {
    let r: ProgramRun;
    before(async () => {
        r = await run("dev", { overrides });
    });

    it("builds a group added only in the stack file, beside the design's two", () => {
        const groups = ofType(r, "aws:eks/nodeGroup:NodeGroup").map((g) => g.inputs.nodeGroupName).sort();
        assert.deepStrictEqual(groups, ["openwebui-arm-nodes-dev", ...Object.keys(DESIGN_NODE_GROUPS).map((n) => `openwebui-${n}-nodes-dev`)].sort());
        const arm = named(r, "openwebui-arm-nodes-dev").inputs;
        assert.strictEqual(arm.amiType, "AL2023_ARM_64_STANDARD");
        assert.deepStrictEqual(arm.instanceTypes, ["t4g.large", "m6g.large", "m7g.large"]);
        assert.deepStrictEqual(arm.scalingConfig, { minSize: 0, maxSize: 2, desiredSize: 1 });
        assert.deepStrictEqual(arm.labels, { environment: "dev", arch: "arm64" });
        assert.deepStrictEqual(arm.taints, [{ key: "arch", value: "arm64", effect: "NO_SCHEDULE" }]);
        assert.strictEqual(arm.version, "1.35");
        assert.strictEqual(named(r, "openwebui-arm-lt-dev").inputs.blockDeviceMappings[0].ebs.volumeSize, 30);
    });

    it("passes the pack and the provider rules", async () => {
        const found = await runPolicies(policies, fromRecording(r.resources), { stack: "dev", packConfig: loadPackConfig("dev") });
        assert.deepStrictEqual(found.filter((v) => v.level === "mandatory"), []);
        assert.deepStrictEqual(checkConformance(r.resources), []);
    });

    it("appears in the plan with its price", async () => {
        const p = await plan("dev", "2026-11-28", { overrides });
        const line = p.cost.lineItems.find((i) => i.item.startsWith("EC2 openwebui-arm-nodes-dev"));
        assert.ok(line, p.cost.lineItems.map((i) => i.item).join("\n"));
        assert.match(line.item, /1 × t4g\.large\/m6g\.large\/m7g\.large spot/);
        assert.ok(line.monthlyUsd > 0);
        assert.ok(p.inventory["OpenWebUICluster openwebui-cluster-dev"].some((e) => e.name === "openwebui-arm-nodes-dev"));
    });

    it("merges by name: a stack changes one field of a design group, or drops it", async () => {
        const changed = await run("dev", { overrides: { "openwebui:nodeGroups": JSON.stringify({ spot: { desiredSize: 0 }, primary: { maxSize: "6" } }) } });
        assert.deepStrictEqual(named(changed, "openwebui-spot-nodes-dev").inputs.scalingConfig, { minSize: 0, maxSize: 3, desiredSize: 0 });
        assert.deepStrictEqual(named(changed, "openwebui-primary-nodes-dev").inputs.scalingConfig, { minSize: 2, maxSize: 6, desiredSize: 2 });
        const dropped = await run("dev", { overrides: { "openwebui:nodeGroups": JSON.stringify({ spot: null }) } });
        assert.deepStrictEqual(ofType(dropped, "aws:eks/nodeGroup:NodeGroup").map((g) => g.name), ["openwebui-primary-nodes-dev"]);
    });
});

/** Runs dev with `openwebui:nodeGroups` (and other keys) set, and returns the ConfigError it stops with. */
const refused = (groups: unknown, other: Record<string, string> = {}): Promise<ConfigError> => configRefusal("dev", { "openwebui:nodeGroups": JSON.stringify(groups), ...other });

const SPOT_8G = ["t4g.large", "m6g.large", "m7g.large"];

describe("node groups: every spot group is diversified", () => {
    for (const stack of STACKS) {
        it(`${stack}: every SPOT group lists ≥ ${MIN_SPOT_INSTANCE_TYPES} types of one shape and architecture, all priced and offered in the stack's zones`, async () => {
            const r = await run(stack);
            const spotGroups = ofType(r, "aws:eks/nodeGroup:NodeGroup").filter((g) => g.inputs.capacityType === "SPOT");
            assert.ok(spotGroups.length >= (stack === "dev" ? 2 : 1), "dev's primary and both stacks' spot groups are spot");
            const zones = ofType(r, "aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone as string);
            for (const g of spotGroups) {
                const types: string[] = g.inputs.instanceTypes;
                assert.ok(types.length >= MIN_SPOT_INSTANCE_TYPES, `${g.name}: ${types.join(", ")}`);
                assert.strictEqual(mixedShapeProblem(types), undefined);
                assert.strictEqual(new Set(types.map(isArmInstanceType)).size, 1);
                for (const t of types) assert.ok(EC2_HOURLY[t] !== undefined, `${t} is priced`);
                assert.strictEqual(zoneOfferingProblem(types, [...new Set(zones)]), undefined);
            }
        });
    }

    it("refuses a SPOT group of fewer types, naming its instanceTypes", async () => {
        const e = await refused({ spot: { instanceTypes: ["t3.large", "m5.large"] } });
        assert.strictEqual(e.key, "openwebui:nodeGroups.spot.instanceTypes");
        assert.match(e.message, /a SPOT group needs at least 3 instance types of one shape and architecture \(it lists t3\.large, m5\.large\)/);
        // The same two types on demand are fine: one pool is what on-demand capacity is.
        await run("dev", { overrides: { "openwebui:nodeGroups": JSON.stringify({ spot: { instanceTypes: ["t3.large", "m5.large"], capacityType: "ON_DEMAND" } }) } });
    });

    it("refuses types of different memory in one autoscaled group, on demand too (cluster-autoscaler assumes one shape)", async () => {
        const spot = await refused({ spot: { instanceTypes: ["t3.medium", "t3.large", "m5.large"] } });
        assert.strictEqual(spot.key, "openwebui:nodeGroups.spot.instanceTypes");
        assert.match(spot.message, /t3\.medium is 2 vCPU \/ 4 GiB but t3\.large is 2 vCPU \/ 8 GiB: cluster-autoscaler assumes every node of a group has one shape/);
        const onDemand = await refused({ primary: { instanceTypes: ["t3.medium", "t3.xlarge"] } });
        assert.strictEqual(onDemand.key, "openwebui:nodeGroups.primary.instanceTypes");
        assert.match(onDemand.message, /t3\.xlarge is 4 vCPU \/ 16 GiB/);
        assert.match(mixedShapeProblem(["t4g.large", "t3.large"]) ?? "", /different architectures/);
    });

    it("knows the shape of every type it can price, and every priced type is recorded in the stack zones", () => {
        assert.deepStrictEqual(Object.keys(EC2_HOURLY).filter((t) => !INSTANCE_SHAPES[t]), []);
        for (const zone of ["ap-northeast-2a", "ap-northeast-2c"]) assert.deepStrictEqual(Object.keys(EC2_HOURLY).filter((t) => !ZONE_INSTANCE_TYPES[zone].includes(t)), [], zone);
    });

    it("refuses types a stack zone does not offer, and zones it has no record of", async () => {
        const table = { "ap-northeast-2a": SPOT_8G, "ap-northeast-2c": ["t4g.large", "m6g.large"] };
        assert.match(zoneOfferingProblem(SPOT_8G, ["ap-northeast-2a", "ap-northeast-2c"], table) ?? "", /m7g\.large is not offered in ap-northeast-2c/);
        assert.strictEqual(zoneOfferingProblem(SPOT_8G, ["ap-northeast-2a"], table), undefined);
        const e = await refused({}, { "openwebui:availabilityZones": JSON.stringify(["ap-northeast-2a", "ap-northeast-2b"]) });
        assert.strictEqual(e.key, "openwebui:availabilityZones");
        assert.match(e.message, /rules\/instance-zones\.ts has no record of the instance types ap-northeast-2b offers/);
    });
});

describe("node groups: values AWS would reject later", () => {
    it("refuses a disk above gp3's 64 TiB, naming diskSizeGb, or nodeDiskSizeGb when the group inherits it", async () => {
        const own = await refused({ spot: { diskSizeGb: 65537 } });
        assert.strictEqual(own.key, "openwebui:nodeGroups.spot.diskSizeGb");
        assert.match(own.message, /65537 GiB is above the 65536 GiB \(64 TiB\) a gp3 volume can be/);
        const inherited = await refused({}, { "openwebui:nodeDiskSizeGb": "70000" });
        assert.strictEqual(inherited.key, "openwebui:nodeDiskSizeGb");
        await run("dev", { overrides: { "openwebui:nodeGroups": JSON.stringify({ spot: { diskSizeGb: 65536 } }) } });
    });

    it("refuses a maxSize above the 450 nodes of a managed node group, and more than 30 groups", async () => {
        const e = await refused({ spot: { maxSize: 451 } });
        assert.strictEqual(e.key, "openwebui:nodeGroups.spot.maxSize");
        assert.match(e.message, /451 is above the 450 nodes EKS allows a managed node group/);
        const many = Object.fromEntries(Array.from({ length: 29 }, (_, i) => [`extra${i}`, { ...ARM_GROUP.arm, labels: {}, taints: [] }]));
        const tooMany = await refused(many);
        assert.strictEqual(tooMany.key, "openwebui:nodeGroups");
        assert.match(tooMany.message, /declares 31 groups; EKS allows 30 managed node groups per cluster/);
    });

    it("refuses a node label Kubernetes would not take, naming the group's labels", async () => {
        for (const labels of [{ "team name": "ml" }, { team: "ml platform" }, { team: 3 }]) {
            const e = await refused({ spot: { labels } });
            assert.strictEqual(e.key, "openwebui:nodeGroups.spot.labels");
            assert.match(e.message, /is not a Kubernetes label/, JSON.stringify(labels));
        }
    });

    it("sizes Bottlerocket's data volume (/dev/xvdb), not its OS volume, and keeps both encrypted gp3", async () => {
        const r = await run("dev", { overrides: { "openwebui:nodeGroups": JSON.stringify({ spot: { amiType: "BOTTLEROCKET_x86_64", diskSizeGb: 50 } }) } });
        const lt = byId(r, named(r, "openwebui-spot-nodes-dev").inputs.launchTemplate.id);
        assert.deepStrictEqual(lt.inputs.blockDeviceMappings, [
            { deviceName: "/dev/xvda", ebs: { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
            { deviceName: "/dev/xvdb", ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
        ]);
        // AL2023 has one root volume: the size goes on /dev/xvda.
        const al = byId(r, named(r, "openwebui-primary-nodes-dev").inputs.launchTemplate.id);
        assert.deepStrictEqual(al.inputs.blockDeviceMappings.map((m: { deviceName: string }) => m.deviceName), ["/dev/xvda"]);
        assert.deepStrictEqual(checkConformance(r.resources), []);
    });
});

describe("node groups: a typo is not a third group", () => {
    for (const [typo, meant] of [["primray", "primary"], ["Spot", "spot"], ["spto", "spot"]]) {
        it(`refuses "${typo}" with "did you mean ${meant}?"`, async () => {
            const e = await refused({ [typo]: { ...DESIGN_NODE_GROUPS[meant], maxSize: 6 } });
            assert.strictEqual(e.key, `openwebui:nodeGroups.${typo}`);
            assert.match(e.message, new RegExp(`is not one of the design's groups \\(primary, spot\\): did you mean ${meant}\\?`));
        });
    }

    it("refuses an undeclared new name, builds it once declared with new: true, and refuses new on a design group", async () => {
        const { new: _declared, ...undeclared } = ARM_GROUP.arm;
        const e = await refused({ arm: undeclared });
        assert.strictEqual(e.key, "openwebui:nodeGroups.arm");
        assert.match(e.message, /a group of the stack's own says so with `new: true`/);
        const spot2 = await run("dev", { overrides: { "openwebui:nodeGroups": JSON.stringify({ spot2: ARM_GROUP.arm }) } });
        assert.ok(ofType(spot2, "aws:eks/nodeGroup:NodeGroup").some((g) => g.name === "openwebui-spot2-nodes-dev"), "a declared near-miss name is the stack's choice");
        const design = await refused({ primary: { new: true } });
        assert.strictEqual(design.key, "openwebui:nodeGroups.primary.new");
    });
});
