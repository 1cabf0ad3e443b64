/**
 * The pods fit the nodes: every node group's allocatable memory and CPU (AL2023's kube-reserved
 * for the type and the max-pods prefix delegation gives) against the requests of what can land on
 * its most loaded node, and the memory limits against the overcommit rule of rules/allocatable.ts.
 */
import * as assert from "assert";
import { allocatable, fitProblems, kubeReservedCpuMillis, maxPodsWithPrefixDelegation, NodeGroupFit, surgeFits, Workload, worstNode } from "@openwebui-aws/rules/allocatable";
import { addonPods } from "@openwebui-aws/rules/addon-requests";
import { INSTANCE_SHAPES } from "@openwebui-aws/rules/instance-types";
import { nodeGroupsOf, prefixDelegationOf, workloadsOf } from "@openwebui-aws/rules/workloads";
import { LITELLM_SIZING } from "../components/app/sizing";
import { stackRun, STACKS } from "./helpers";

async function placement(stack: string) {
    const resources = (await stackRun(stack)).resources.map((r) => ({ type: r.type, props: r.inputs }));
    return { workloads: workloadsOf(resources), groups: nodeGroupsOf(resources), prefixDelegation: prefixDelegationOf(resources) };
}

const maxPods = (g: NodeGroupFit) => maxPodsWithPrefixDelegation(g.shape);
const named = (workloads: Workload[], name: string) => {
    const found = workloads.find((w) => w.name === name);
    if (!found) throw new Error(`no workload ${name}: ${workloads.map((w) => w.name).join(", ")}`);
    return found;
};
const replace = (workloads: Workload[], name: string, change: Partial<Workload>) => workloads.map((w) => (w.name === name ? { ...w, ...change } : w));

describe("allocatable: the pods fit the nodes", () => {
    it("computes allocatable as AL2023's nodeadm does: 11 MiB × max-pods + 255 MiB and 100 Mi eviction off memory, 6/1/0.5/0.25% steps off CPU", () => {
        assert.deepStrictEqual([1, 2, 4, 8, 64].map(kubeReservedCpuMillis), [60, 70, 80, 90, 230]);
        assert.deepStrictEqual([INSTANCE_SHAPES["t4g.medium"], INSTANCE_SHAPES["t4g.large"], { vcpu: 32, memoryGiB: 128 }].map(maxPodsWithPrefixDelegation), [110, 110, 250]);
        // 4 GiB less 1465 MiB kube-reserved at 110 pods and 100 MiB: barely more than half the node.
        assert.deepStrictEqual(allocatable(INSTANCE_SHAPES["t4g.medium"], 110), { cpuMillis: 1930, memoryMiB: 2531 });
        assert.deepStrictEqual(allocatable(INSTANCE_SHAPES["t4g.large"], 110), { cpuMillis: 1930, memoryMiB: 6627 });
    });

    for (const stack of STACKS) {
        it(`${stack}: every node group holds its worst-placed node's requests, and any one pod can reach its memory limit`, async () => {
            const { workloads, groups, prefixDelegation } = await placement(stack);
            // The max-pods figure (110) is prefix delegation's; without it kube-reserved would differ.
            assert.strictEqual(prefixDelegation, true);
            assert.deepStrictEqual(fitProblems(stack, groups, workloads, maxPods), []);
        });

        it(`${stack}: counts the charts', the add-ons' and the controllers' pods, LiteLLM's at its ${stack} size`, async () => {
            const { workloads } = await placement(stack);
            const names = workloads.map((w) => w.name);
            for (const n of ["open-webui", "open-webui-redis", "litellm", "litellm-migrations", "app-logs", "coredns", "ebs-csi-controller", "ebs-csi-node", "eks-pod-identity-agent", "aws-node", "kube-proxy", "aws-load-balancer-controller", "cluster-autoscaler"]) {
                assert.ok(names.includes(n), `${stack} counts ${n}`);
            }
            assert.ok(stack === "dev" ? names.includes("postgres") && names.includes("node-agent") : names.includes("cloudwatch-agent") && !names.includes("postgres"));
            // Prod ships container logs through the app's Fluent Bit only: no second DaemonSet counted.
            assert.ok(!names.includes("container-insights-fluent-bit"));
            const size = LITELLM_SIZING[stack];
            const litellm = named(workloads, "litellm");
            assert.deepStrictEqual([litellm.requests.memoryMiB, litellm.memoryLimitMiB], [stack === "prod" ? 2048 : 1024, stack === "prod" ? 3072 : 2048]);
            assert.strictEqual(size.proxy.requests.memory, stack === "prod" ? "2Gi" : "1Gi");
            assert.deepStrictEqual([named(workloads, "litellm-migrations").requests.memoryMiB, named(workloads, "litellm-migrations").memoryLimitMiB], [512, 1536]);
            // The controllers ask for what they use: a BestEffort pod would be counted as free.
            for (const c of ["aws-load-balancer-controller", "cluster-autoscaler"]) assert.ok(named(workloads, c).requests.memoryMiB > 0, c);
        });

        it(`${stack}: fails when LiteLLM's memory request, or its limit, is raised past a node`, async () => {
            const { workloads, groups } = await placement(stack);
            const primary = groups.filter((g) => !g.tainted);
            const request = fitProblems(stack, groups, replace(workloads, "litellm", { requests: { cpuMillis: 250, memoryMiB: 7 * 1024 }, memoryLimitMiB: 7 * 1024 }), maxPods);
            assert.ok(request.some((p) => p.includes(`node of ${primary[0].name}`) && /memory requests but has 6627 MiB allocatable \(largest: litellm 7168 MiB/.test(p)), request.join("\n"));
            const limit = fitProblems(stack, groups, replace(workloads, "litellm", { memoryLimitMiB: 6 * 1024 }), maxPods);
            assert.ok(limit.some((p) => p.includes("litellm growing to its memory limit") && p.includes("6627 MiB allocatable")), limit.join("\n"));
            const cpu = fitProblems(stack, groups, replace(workloads, "open-webui", { requests: { ...named(workloads, "open-webui").requests, cpuMillis: 1500 } }), maxPods);
            assert.ok(cpu.some((p) => /of CPU requests but has 1930m allocatable \(largest: open-webui 1500m/.test(p)), cpu.join("\n"));
        });
    }

    it("prod's pods need 8 GiB nodes: on two t4g.medium the worst node is short of memory", async () => {
        const { workloads, groups } = await placement("prod");
        const medium = groups.map((g) => (g.tainted ? g : { ...g, instanceType: "t4g.medium", shape: INSTANCE_SHAPES["t4g.medium"] }));
        const problems = fitProblems("prod", medium, workloads, maxPods);
        assert.ok(problems.some((p) => /a t4g\.medium node of openwebui-primary-nodes-prod \(2 nodes\) must hold \d+ MiB of memory requests but has 2531 MiB allocatable/.test(p)), problems.join("\n"));
    });

    it("a tainted (spot) node carries only the DaemonSets that tolerate it, and fails when they outgrow it", async () => {
        const { workloads, groups } = await placement("prod");
        const spot = groups.find((g) => g.tainted);
        assert.ok(spot);
        const load = worstNode(spot, workloads, maxPods(spot), false);
        assert.ok(load.pods.every((p) => named(workloads, p.name).daemonSet), JSON.stringify(load.pods));
        const heavy = replace(workloads, "app-logs", { requests: { cpuMillis: 20, memoryMiB: 7000 }, memoryLimitMiB: 7000 });
        assert.ok(fitProblems("prod", groups, heavy, maxPods).some((p) => p.includes(`node of ${spot.name} must hold`)));
    });

    it("refuses what it cannot count: an add-on without sourced requests, a chart without a pod list, a second untainted group", async () => {
        assert.throws(() => addonPods("aws-mountpoint-s3-csi-driver"), /aws-mountpoint-s3-csi-driver has no pod requests in rules\/addon-requests\.ts/);
        assert.throws(() => workloadsOf([{ type: "kubernetes:helm.sh/v3:Release", props: { chart: "grafana", values: {} } }]), /Helm chart grafana has no pod list/);
        const { workloads, groups } = await placement("dev");
        const twoHomes = groups.map((g) => ({ ...g, tainted: false }));
        assert.ok(fitProblems("dev", twoHomes, workloads, maxPods).some((p) => p.includes("2 untainted node groups")));
    });
    it("dev's one node has room for a rollout's surge pods (Open WebUI's and LiteLLM's, even both at once); prod's most loaded node does not, and relies on the autoscaler's room below maxSize", async () => {
        const dev = await placement("dev");
        const home = dev.groups.find((g) => !g.tainted)!;
        const load = worstNode(home, dev.workloads, maxPods(home), true);
        // Deployments surge; the StatefulSet, the Jobs and the DaemonSets do not.
        assert.deepStrictEqual(dev.workloads.filter((w) => w.surges).map((w) => w.name).sort(), ["aws-load-balancer-controller", "cluster-autoscaler", "coredns", "ebs-csi-controller", "litellm", "open-webui", "open-webui-redis"]);
        assert.ok(load.surge && ["litellm", "open-webui"].includes(load.surge.by) && surgeFits(load), JSON.stringify(load.surge));
        const both = ["litellm", "open-webui"].map((n) => named(dev.workloads, n).requests);
        assert.ok(load.requests.memoryMiB + both[0].memoryMiB + both[1].memoryMiB <= load.allocatable.memoryMiB && load.requests.cpuMillis + both[0].cpuMillis + both[1].cpuMillis <= load.allocatable.cpuMillis);
        // A LiteLLM request that leaves no room for its own surge pod fails once the group cannot grow.
        const tight = replace(dev.workloads, "litellm", { requests: { cpuMillis: 100, memoryMiB: 2000 }, memoryLimitMiB: 2000 });
        assert.deepStrictEqual(fitProblems("dev", dev.groups, tight, maxPods), []);
        const capped = dev.groups.map((g) => (g === home ? { ...g, maxSize: g.desiredSize } : g));
        assert.ok(fitProblems("dev", capped, tight, maxPods).some((p) => /a rollout of litellm adds a surge pod .*raise openwebui:nodeGroups\.primary\.maxSize above 1/.test(p)));

        const prod = await placement("prod");
        const primary = prod.groups.find((g) => !g.tainted)!;
        const prodLoad = worstNode(primary, prod.workloads, maxPods(primary), true);
        assert.deepStrictEqual([prodLoad.surge?.by, surgeFits(prodLoad), primary.maxSize > primary.desiredSize], ["litellm", false, true]);
    });

    it("names the key to change: the group's instanceTypes, and the replica counts of what it holds", async () => {
        const { workloads, groups } = await placement("prod");
        const medium = groups.map((g) => (g.tainted ? g : { ...g, instanceType: "t4g.medium", shape: INSTANCE_SHAPES["t4g.medium"] }));
        const problems = fitProblems("prod", medium, workloads, maxPods);
        assert.ok(problems.length > 0 && problems.every((p) => p.includes("set openwebui:nodeGroups.primary.instanceTypes to types with more memory, or lower openwebui:litellmReplicas / openwebui:webuiReplicas")), problems.join("\n"));
        const spot = groups.find((g) => g.tainted)!;
        const heavy = replace(workloads, "app-logs", { requests: { cpuMillis: 20, memoryMiB: 7000 }, memoryLimitMiB: 7000 });
        assert.ok(fitProblems("prod", groups, heavy, maxPods).some((p) => p.includes(`node of ${spot.name} must hold`) && p.endsWith(`set openwebui:nodeGroups.${spot.key}.instanceTypes to types with more memory`)));
    });
});
