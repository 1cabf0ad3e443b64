import * as assert from "assert";
import { MANAGED_NODE_GROUPS_PER_CLUSTER, NODES_PER_MANAGED_NODE_GROUP } from "@openwebui-aws/rules/node-group-limits";
import { AMI_TYPES } from "../config/node-groups";
import { escapeRegExp as esc, named, nodeGroupsOverride as groups, refused, run } from "./helpers";

// Each type and shape check of a node group's settings, and of the config reader under them, with
// the value that fails it and the message a user sees. Found untested by the mutation run.
const key = (group: string, field?: string) => `openwebui:nodeGroups.${group}${field ? `.${field}` : ""}`;

describe("node group settings: types and shapes", function () {
    this.timeout(120_000);

    it("counts are whole numbers from 0; a wrong type is quoted as JSON", async () => {
        for (const bad of [-1, 2.5, "two", true]) {
            await refused("dev", groups({ spot: { maxSize: bad } }), key("spot", "maxSize"), new RegExp(`: ${esc(JSON.stringify(bad))} is not a whole number ≥ 0$`));
        }
        await refused("dev", groups({ spot: { diskSizeGb: -20 } }), key("spot", "diskSizeGb"), /: -20 is not a size in GB$/);
    });

    it("maxSize: 1 to EKS's nodes per managed group; a group's own disk at least 20 GB", async () => {
        const one = await run("dev", { overrides: groups({ spot: { minSize: 0, maxSize: 1, desiredSize: 0 } }) });
        assert.strictEqual(named(one, "openwebui-spot-nodes-dev").inputs.scalingConfig.maxSize, 1);
        await refused("dev", groups({ spot: { minSize: 0, maxSize: 0, desiredSize: 0 } }), key("spot", "maxSize"), /: must be at least 1 \(EKS requires it\)$/);
        const most = await run("dev", { overrides: groups({ spot: { maxSize: NODES_PER_MANAGED_NODE_GROUP } }) });
        assert.strictEqual(named(most, "openwebui-spot-nodes-dev").inputs.scalingConfig.maxSize, NODES_PER_MANAGED_NODE_GROUP);
        await refused("dev", groups({ spot: { maxSize: NODES_PER_MANAGED_NODE_GROUP + 1 } }), key("spot", "maxSize"), new RegExp(`: ${NODES_PER_MANAGED_NODE_GROUP + 1} is above the ${NODES_PER_MANAGED_NODE_GROUP} nodes EKS allows`));
        await refused("dev", groups({ spot: { diskSizeGb: 19 } }), key("spot", "diskSizeGb"), /: 19 GB is below the 20 GB the EKS AMI needs$/);
        await refused("dev", groups({ spot: { desiredSize: 0, minSize: 1 } }), key("spot", "desiredSize"), /: 0 is outside \[1, 3\] \(the group's min and max\)$/);
    });

    it("amiType and instanceTypes: the type, the known values, the form of a type name, no type twice", async () => {
        await refused("dev", groups({ spot: { amiType: "AL2_ARM_64" } }), key("spot", "amiType"), new RegExp(`: "AL2_ARM_64" is not one of ${esc(AMI_TYPES.join(", "))}$`));
        await refused("dev", groups({ spot: { amiType: 2023 } }), key("spot", "amiType"), new RegExp(`: 2023 is not one of ${esc(AMI_TYPES.join(", "))}$`));
        await refused("dev", groups({ spot: { instanceTypes: "t3.large" } }), key("spot", "instanceTypes"), /: "t3\.large" is not a list of instance types$/);
        await refused("dev", groups({ spot: { instanceTypes: ["t3.large", 3] } }), key("spot", "instanceTypes"), /: \["t3\.large",3\] is not a list of instance types$/);
        for (const bad of ["T3.large", "1t3.large", "t3.large!", "t3"]) {
            await refused("dev", groups({ spot: { instanceTypes: [bad] } }), key("spot", "instanceTypes"), new RegExp(`: "${esc(bad)}" is not an EC2 instance type$`));
        }
        await refused("dev", groups({ spot: { instanceTypes: ["t3.large", "t3.large"] } }), key("spot", "instanceTypes"), /: lists a type twice$/);
        await refused("dev", groups({ spot: { capacityType: 1 } }), key("spot", "capacityType"), /: 1 is not one of ON_DEMAND, SPOT$/);
    });

    it("taints: key=value:Effect, the whole entry, the effects listed", async () => {
        for (const bad of [" spot=true:NoSchedule", "spot=true:NoSchedule!", "spot=true"]) {
            await refused("dev", groups({ spot: { taints: [bad] } }), key("spot", "taints"), new RegExp(`: "${esc(bad)}" is not key=value:Effect \\(Effect one of NoSchedule, NoExecute, PreferNoSchedule\\)$`));
        }
        await refused("dev", groups({ spot: { taints: "spot=true:NoSchedule" } }), key("spot", "taints"), /: "spot=true:NoSchedule" is not a list of key=value:Effect$/);
    });

    it("the groups map: `new` on a design group, a group that is not a map, none left, the cluster's quota", async () => {
        await refused("dev", groups({ primary: { new: true } }), key("primary", "new"), /: primary is one of the design's groups: change its fields without `new`$/);
        await refused("dev", groups({ Spot2: { new: true } }), key("Spot2"), /: group names are 1-20 lowercase letters and digits, starting with a letter$/);
        for (const bad of ["big", ["t3.large"]]) {
            await refused("dev", groups({ spot: bad }), key("spot"), /: is not a map of node group settings \(or null to drop it\)$/);
        }
        await refused("dev", groups({ primary: null, spot: null }), "openwebui:nodeGroups", /: leaves the cluster with no node group$/);
        const extra = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`extra${i}`, { new: true, instanceTypes: ["t3.large"], capacityType: "ON_DEMAND", amiType: "AL2023_x86_64_STANDARD", minSize: 0, maxSize: 1, desiredSize: 0, labels: {}, taints: [] }]));
        // dev's two design groups and the rest new: the quota is reached, then passed.
        const full = await run("dev", { overrides: groups(extra(MANAGED_NODE_GROUPS_PER_CLUSTER - 2)) });
        assert.strictEqual(full.resources.filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup").length, MANAGED_NODE_GROUPS_PER_CLUSTER);
        await refused("dev", groups(extra(MANAGED_NODE_GROUPS_PER_CLUSTER - 1)), "openwebui:nodeGroups", new RegExp(`: declares ${MANAGED_NODE_GROUPS_PER_CLUSTER + 1} groups; EKS allows ${MANAGED_NODE_GROUPS_PER_CLUSTER}`));
    });
});

describe("the config reader's types, as the user sees them", function () {
    this.timeout(120_000);

    it("a whole number, a number, a map and a list of strings: each wrong form is refused, quoting the value", async () => {
        await refused("dev", { "openwebui:budgetMonthlyUsd": "200.5" }, "openwebui:budgetMonthlyUsd", /: "200\.5" is not a whole number$/);
        for (const bad of ["abc", " ", "Infinity"]) {
            await refused("dev", { "openwebui:budgetWarningPercent": bad }, "openwebui:budgetWarningPercent", new RegExp(`: "${esc(bad)}" is not a number$`));
        }
        await refused("dev", { "openwebui:nodeGroups": "{spot" }, "openwebui:nodeGroups", /: is not a map: \{spot$/);
        for (const bad of ["[]", "null", '"spot"', "3"]) {
            await refused("dev", { "openwebui:nodeGroups": bad }, "openwebui:nodeGroups", new RegExp(`: must be a map, got ${esc(bad)}$`));
        }
        for (const bad of ['"ops@acme.kr"', "[1]", '{"a":"b"}']) {
            await refused("dev", { "openwebui:alertEmails": bad }, "openwebui:alertEmails", new RegExp(`: must be a list of strings, got ${esc(bad)}$`));
        }
        await refused("dev", { "openwebui:alertEmails": "[oops" }, "openwebui:alertEmails", /: is not a list: \[oops$/);
    });

    it("an empty map value is the design's groups, as an unset key is", async () => {
        const unset = await run("dev", { remove: ["openwebui:nodeGroups"] });
        const empty = await run("dev", { overrides: { "openwebui:nodeGroups": "" } });
        const shape = (r: typeof unset) => r.resources.filter((x) => x.type === "aws:eks/nodeGroup:NodeGroup").map((x) => [x.name, x.inputs.scalingConfig]);
        assert.deepStrictEqual(shape(empty), shape(unset));
        assert.deepStrictEqual(shape(unset).map(([name]) => name), ["openwebui-primary-nodes-dev", "openwebui-spot-nodes-dev"]);
    });

    it("a ConfigError says what it is", async () => {
        const e = await refused("dev", { "openwebui:budgetMonthlyUsd": "0" }, "openwebui:budgetMonthlyUsd", /is not a positive amount/);
        assert.strictEqual(e.name, "ConfigError");
        assert.ok(String(e).startsWith('ConfigError: stack "dev": config "openwebui:budgetMonthlyUsd": '), String(e));
    });
});
