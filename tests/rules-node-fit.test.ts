/**
 * rules/node-fit.ts on hand-made resources: when the check runs at all, and the one line per node
 * group the plan prints (requests against allocatable, the burst, a rollout's surge).
 */
import * as assert from "assert";
import { fitLine, nodeFit } from "@openwebui-aws/rules/node-fit";
import { RecordedResource } from "@openwebui-aws/rules/workloads";

const cluster = (prefixDelegation: boolean): RecordedResource => ({ type: "eks:index:Cluster", props: { vpcCniOptions: { enablePrefixDelegation: prefixDelegation }, kubeProxyAddonOptions: { enabled: false } } });
const group = (name: string, desiredSize: number, maxSize: number, taints: object[] = []): RecordedResource => ({
    type: "aws:eks/nodeGroup:NodeGroup",
    props: { nodeGroupName: name, instanceTypes: ["t4g.large"], scalingConfig: { desiredSize, maxSize }, subnetIds: ["a", "b"], taints },
});
const deployment = (name: string, memory: string, limit?: string): RecordedResource => ({
    type: "kubernetes:apps/v1:Deployment",
    props: { metadata: { name }, spec: { replicas: 1, template: { spec: { containers: [{ resources: { requests: { cpu: "100m", memory }, ...(limit ? { limits: { memory: limit } } : {}) } }] } } } },
});

describe("rules/node-fit", () => {
    it("has nothing to check without node groups, and refuses to guess max-pods without prefix delegation", () => {
        assert.deepStrictEqual(nodeFit("dev", [cluster(false)]), { groups: [], problems: [] });
        assert.deepStrictEqual(nodeFit("dev", [cluster(false), group("openwebui-primary-nodes-dev", 1, 2)]), {
            groups: [],
            problems: ["dev: the node-fit check needs the VPC CNI's prefix delegation (the cluster's vpcCniOptions.enablePrefixDelegation), which sets max-pods to 110"],
        });
    });

    // The cluster's VPC CNI DaemonSet (aws-node, 25m, no memory) is on every node.
    it("prints the home group's size and its worst node, the largest burst, and whether a surge pod fits", () => {
        const fit = nodeFit("dev", [cluster(true), group("openwebui-primary-nodes-dev", 1, 2), deployment("web", "1Gi", "2Gi")]);
        assert.deepStrictEqual(fit.problems, []);
        assert.deepStrictEqual(fit.groups.map(fitLine), [
            "openwebui-primary-nodes-dev (openwebui:nodeGroups.primary: 1 × t4g.large, max 2): worst node requests 1024 MiB / 125m of 6627 MiB / 1930m allocatable; web at its limit +1024 MiB = 2048 MiB; a rollout's surge pod (web) +1024 MiB = 2048 MiB: fits",
        ]);
    });

    it("says when a surge pod has no room: the autoscaler's node below maxSize, or nothing at it; a tainted group holds DaemonSets only", () => {
        const big = deployment("web", "4Gi");
        const below = nodeFit("dev", [cluster(true), group("openwebui-primary-nodes-dev", 1, 2), big]).groups.map(fitLine);
        assert.match(below[0], /: no room, the autoscaler adds a node \(up to 2\)$/);
        const at = nodeFit("dev", [cluster(true), group("openwebui-primary-nodes-dev", 1, 1), big, group("openwebui-spot-nodes-dev", 1, 3, [{ key: "spot", effect: "NO_SCHEDULE" }])]);
        assert.match(at.groups.map(fitLine)[0], /: no room and the group is at maxSize$/);
        assert.strictEqual(at.groups[1].home, false);
        assert.strictEqual(fitLine(at.groups[1]), "openwebui-spot-nodes-dev (openwebui:nodeGroups.spot: t4g.large, DaemonSets only): worst node requests 0 MiB / 25m of 6627 MiB / 1930m allocatable");
        assert.ok(at.problems.some((p) => p.includes("a rollout of web adds a surge pod")));
    });
});
