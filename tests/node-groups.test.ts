/**
 * Node groups are data: a group added only in a stack file is built, priced by the plan, and
 * judged by the pack like the design's two.
 */
import * as assert from "assert";
import { DESIGN_NODE_GROUPS } from "../config/node-groups";
import { plan } from "../plan/plan";
import { policies } from "../policy-pack/policies";
import { ProgramRun } from "../sim/mock-engine";
import { fromRecording, loadPackConfig, runPolicies } from "../sim/policy-runner";
import { checkConformance } from "../sim/provider-rules";
import { named, ofType, run } from "./helpers";

const ARM_GROUP = {
    arm: {
        instanceTypes: ["t4g.large"],
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
const overrides = { "openwebui:nodeGroups": JSON.stringify(ARM_GROUP) };

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
        assert.deepStrictEqual(arm.instanceTypes, ["t4g.large"]);
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
        assert.match(line.item, /1 × t4g\.large spot/);
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
