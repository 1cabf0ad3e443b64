/**
 * rules/allocatable.ts on hand-made node groups and pods: where the worst node's load comes from,
 * and each fit rule at its exact edge, with the sentence a failing stack prints.
 */
import * as assert from "assert";
import { fitProblems, NodeGroupFit, surgeFits, Workload, worstNode } from "@openwebui-aws/rules/allocatable";
import { INSTANCE_SHAPES } from "@openwebui-aws/rules/instance-types";

// t4g.large at 110 pods: 1930m and 6627 MiB allocatable (tests/allocatable.test.ts derives them).
const CPU = 1930;
const MEM = 6627;
const MAX_PODS = () => 110;
const group = (change: Partial<NodeGroupFit> = {}): NodeGroupFit => ({ name: "openwebui-primary-nodes-dev", key: "primary", instanceType: "t4g.large", shape: INSTANCE_SHAPES["t4g.large"], desiredSize: 1, maxSize: 1, zones: 2, tainted: false, ...change });
const pod = (name: string, cpuMillis: number, memoryMiB: number, change: Partial<Workload> = {}): Workload => ({ name, daemonSet: false, replicas: 1, requests: { cpuMillis, memoryMiB }, zoneSpread: false, toleratesTaints: false, source: "test", surges: false, ...change });
const WHERE = "dev: a t4g.large node of openwebui-primary-nodes-dev (1 node)";

describe("rules/allocatable: the worst node", () => {
    it("holds every DaemonSet once, every replica of an unconstrained workload, and ceil(replicas / min(nodes, zones)) of a zone-spread one", () => {
        const workloads = [pod("logs", 10, 10, { daemonSet: true, toleratesTaints: true }), pod("web", 100, 100, { replicas: 3 }), pod("api", 100, 100, { replicas: 5, zoneSpread: true })];
        const counts = (g: NodeGroupFit, home = true) => worstNode(g, workloads, 110, home).pods.map((p) => `${p.name}×${p.count}`);
        assert.deepStrictEqual(counts(group({ desiredSize: 3, zones: 2 })), ["logs×1", "web×3", "api×3"]);
        assert.deepStrictEqual(counts(group({ desiredSize: 2, zones: 3 })), ["logs×1", "web×3", "api×3"]);
        assert.deepStrictEqual(counts(group({ desiredSize: 3, zones: 3 })), ["logs×1", "web×3", "api×2"]);
        assert.deepStrictEqual(counts(group({ desiredSize: 0, zones: 3 })), ["logs×1", "web×3", "api×5"]);
        // Not the home group: DaemonSets only. Tainted: only what tolerates the taint.
        assert.deepStrictEqual(counts(group(), false), ["logs×1"]);
        assert.deepStrictEqual(counts(group({ tainted: true })), ["logs×1"]);
        assert.deepStrictEqual(worstNode(group({ desiredSize: 3, zones: 2 }), workloads, 110, true).requests, { cpuMillis: 10 + 300 + 300, memoryMiB: 10 + 300 + 300 });
    });

    it("a tainted group takes the DaemonSets that tolerate its taints, by key and value, effect or not", () => {
        const spot = group({ tainted: true, taints: [{ key: "spot", value: "true", effect: "NoSchedule" }, { key: "batch", effect: "PreferNoSchedule" }] });
        const ds = (name: string, tolerations: Workload["tolerations"]) => pod(name, 10, 10, { daemonSet: true, tolerations });
        const workloads = [
            ds("by-key", [{ key: "spot", operator: "Exists" }]),
            ds("by-value", [{ key: "spot", operator: "Equal", value: "true", effect: "NoSchedule" }]),
            ds("default-operator", [{ key: "spot", value: "true" }]),
            ds("wrong-value", [{ key: "spot", value: "false" }]),
            ds("wrong-effect", [{ key: "spot", operator: "Exists", effect: "NoExecute" }]),
            ds("other-key", [{ key: "gpu", operator: "Exists" }]),
            ds("none", undefined),
        ];
        assert.deepStrictEqual(worstNode(spot, workloads, 110, false).pods.map((p) => p.name), ["by-key", "by-value", "default-operator"]);
        // Taints not known: only what tolerates every taint lands there.
        assert.deepStrictEqual(worstNode(group({ tainted: true }), workloads, 110, false).pods, []);
    });

    it("names the pod with the largest step from request to limit, and the largest surging Deployment (memory, then CPU)", () => {
        const workloads = [pod("a", 100, 100, { memoryLimitMiB: 300, surges: true }), pod("b", 200, 100, { memoryLimitMiB: 250, surges: true }), pod("c", 50, 50), pod("d", 300, 90, { surges: true })];
        const load = worstNode(group(), workloads, 110, true);
        assert.deepStrictEqual([load.burstMiB, load.burstBy], [200, "a"]);
        assert.deepStrictEqual(load.surge, { by: "b", requests: { cpuMillis: 200, memoryMiB: 100 } });
        const none = worstNode(group(), [pod("c", 50, 50, { memoryLimitMiB: 50 })], 110, true);
        assert.deepStrictEqual([none.burstMiB, none.burstBy, none.surge], [0, undefined, undefined]);
    });

    it("a surge pod fits when both its memory and its CPU still fit, to the last unit", () => {
        const load = worstNode(group(), [pod("web", CPU - 100, MEM - 100, { surges: true })], 110, true);
        // The node holds CPU - 100 and MEM - 100: a surge pod of exactly 100m and 100 MiB fits, one unit more of either does not.
        const surge = (cpuMillis: number, memoryMiB: number) => surgeFits({ ...load, surge: { by: "web", requests: { cpuMillis, memoryMiB } } });
        assert.deepStrictEqual([surge(100, 100), surge(101, 100), surge(100, 101)], [true, false, false]);
        assert.strictEqual(surgeFits({ ...load, surge: undefined }), true);
    });
});

describe("rules/allocatable: each fit rule at its edge", () => {
    const problems = (workloads: Workload[], g: NodeGroupFit = group()) => fitProblems("dev", [g], workloads, MAX_PODS);

    it("requests equal to allocatable fit; one more MiB or millicore does not, and the sentence names the largest pods and the fix", () => {
        assert.deepStrictEqual(problems([pod("web", CPU, MEM)]), []);
        assert.deepStrictEqual(problems([pod("web", CPU, MEM - 10), pod("db", 0, 11, { replicasKey: "openwebui:webuiReplicas" })]), [
            `${WHERE} must hold ${MEM + 1} MiB of memory requests but has ${MEM} MiB allocatable (largest: web ${MEM - 10} MiB, db 11 MiB): set openwebui:nodeGroups.primary.instanceTypes to types with more memory, or lower openwebui:webuiReplicas`,
        ]);
        assert.deepStrictEqual(problems([pod("web", CPU + 1, 10)]), [`${WHERE} must hold ${CPU + 1}m of CPU requests but has ${CPU}m allocatable (largest: web ${CPU + 1}m): set openwebui:nodeGroups.primary.instanceTypes to types with more CPU`]);
    });

    it("lists at most three largest pods, and each replica key once", () => {
        const key = { replicasKey: "openwebui:litellmReplicas" };
        const found = problems([pod("a", 0, 3000, key), pod("b", 0, 2000, key), pod("c", 0, 1000), pod("d", 0, 700)]);
        assert.match(found[0], /\(largest: a 3000 MiB, b 2000 MiB, c 1000 MiB\): set openwebui:nodeGroups\.primary\.instanceTypes to types with more memory, or lower openwebui:litellmReplicas$/);
    });

    it("one pod may grow to its memory limit while the rest sit at their requests: exactly to allocatable is fine", () => {
        assert.deepStrictEqual(problems([pod("web", 100, 1000, { memoryLimitMiB: MEM - 100 }), pod("db", 0, 100)]), []);
        assert.deepStrictEqual(problems([pod("web", 100, 1000, { memoryLimitMiB: MEM - 99 }), pod("db", 0, 100)]), [
            `${WHERE}: web growing to its memory limit (+${MEM - 1099} MiB) over 1100 MiB of requests passes the ${MEM} MiB allocatable: lower its limit, or set openwebui:nodeGroups.primary.instanceTypes to types with more memory`,
        ]);
    });

    it("a surge pod that does not fit is a problem only at maxSize, naming the key to raise", () => {
        const web = pod("web", 100, 4000, { surges: true, replicasKey: "openwebui:webuiReplicas" });
        assert.deepStrictEqual(problems([web], group({ maxSize: 2 })), []);
        assert.deepStrictEqual(problems([web]), [
            `${WHERE}: a rollout of web adds a surge pod (4000 MiB, 100m) that does not fit beside the rest on the most loaded node, and the group is at its maxSize 1, so the rollout waits until its Release times out: raise openwebui:nodeGroups.primary.maxSize above 1, or set openwebui:nodeGroups.primary.instanceTypes to types with more memory, or lower openwebui:webuiReplicas`,
        ]);
        assert.deepStrictEqual(problems([pod("web", 100, MEM / 2 - 1, { surges: true })]), []);
    });

    it("needs exactly one untainted group, with at least one node; a tainted group's sentence has no node count", () => {
        const spot = group({ name: "openwebui-spot-nodes-dev", key: "spot", tainted: true });
        assert.deepStrictEqual(fitProblems("dev", [group(), group({ name: "b", key: "b" })], [], MAX_PODS), ["dev: 2 untainted node groups; the fit check needs exactly one group to hold the pods that tolerate no taint (taint the others in openwebui:nodeGroups)"]);
        assert.deepStrictEqual(fitProblems("dev", [spot], [], MAX_PODS), ["dev: 0 untainted node groups; the fit check needs exactly one group to hold the pods that tolerate no taint (taint the others in openwebui:nodeGroups)"]);
        assert.deepStrictEqual(fitProblems("dev", [group({ desiredSize: 0 })], [], MAX_PODS), ["dev: node group openwebui-primary-nodes-dev holds every untolerating pod but its desiredSize is 0: set openwebui:nodeGroups.primary.desiredSize to 1 or more"]);
        const heavy = pod("logs", 0, MEM + 1, { daemonSet: true, toleratesTaints: true });
        assert.deepStrictEqual(fitProblems("dev", [group({ desiredSize: 2 }), spot], [heavy], MAX_PODS).map((p) => p.split(" must hold")[0]), ["dev: a t4g.large node of openwebui-primary-nodes-dev (2 nodes)", "dev: a t4g.large node of openwebui-spot-nodes-dev"]);
    });
});
