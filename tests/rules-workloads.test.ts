/**
 * rules/workloads.ts on its own: how a pod template, a chart's values, an add-on or a node group
 * reads into what the fit check counts. Hand-made resources, one shape at a time; the stacks'
 * own pods are in tests/allocatable.test.ts.
 */
import * as assert from "assert";
import { cpuMillis, memoryMiB } from "@openwebui-aws/rules/allocatable";
import { INSTANCE_SHAPES } from "@openwebui-aws/rules/instance-types";
import { nodeGroupKey, nodeGroupsOf, podResources, prefixDelegationOf, RecordedResource, workloadsOf } from "@openwebui-aws/rules/workloads";

const container = (cpu?: string, memory?: string, limit?: string) => ({ resources: { requests: { cpu, memory }, ...(limit ? { limits: { memory: limit } } : {}) } });
const one = (resources: RecordedResource[]) => {
    const found = workloadsOf(resources);
    assert.strictEqual(found.length, 1, JSON.stringify(found));
    return found[0];
};

describe("rules/workloads: quantities and pod templates", () => {
    it("reads CPU and memory quantities (an empty one as none), and refuses malformed ones", () => {
        assert.deepStrictEqual(["250m", "1", "0.5", "", undefined].map(cpuMillis), [250, 1000, 500, 0, 0]);
        assert.deepStrictEqual(["1Gi", "512Mi", "1024Ki", "1G", "1048576", undefined].map(memoryMiB), [1024, 512, 1, 1e9 / 1024 ** 2, 1, 0]);
        assert.throws(() => cpuMillis("1 core"), /^Error: "1 core" is not a CPU quantity$/);
        assert.throws(() => memoryMiB("1GB"), /^Error: "1GB" is not a memory quantity$/);
    });

    it("a pod needs its containers together, or its largest init container when that is more", () => {
        assert.deepStrictEqual(podResources({ containers: [container("100m", "256Mi", "512Mi"), container("50m", "128Mi", "128Mi")] }), { requests: { cpuMillis: 150, memoryMiB: 384 }, memoryLimitMiB: 640 });
        assert.deepStrictEqual(podResources({ containers: [container("100m", "256Mi")], initContainers: [container("500m", "128Mi"), container("10m", "1Gi")] }).requests, { cpuMillis: 500, memoryMiB: 1024 });
        // One container without a memory limit leaves the pod uncapped.
        assert.strictEqual(podResources({ containers: [container("100m", "256Mi", "512Mi"), container("50m", "128Mi")] }).memoryLimitMiB, undefined);
        assert.deepStrictEqual(podResources({}), { requests: { cpuMillis: 0, memoryMiB: 0 }, memoryLimitMiB: undefined });
    });

    it("reads each kind's replicas, name, zone spread and tolerations from its template", () => {
        const template = { spec: { containers: [container("100m", "64Mi", "64Mi")], topologySpreadConstraints: [{ topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule" }], tolerations: [{ operator: "Exists" }] } };
        const deployment = one([{ type: "kubernetes:apps/v1:Deployment", props: { metadata: { name: "web" }, spec: { replicas: 3, template } } }]);
        assert.deepStrictEqual(deployment, {
            name: "web", daemonSet: false, replicas: 3, requests: { cpuMillis: 100, memoryMiB: 64 }, memoryLimitMiB: 64, zoneSpread: true, toleratesTaints: true,
            tolerations: [{ key: undefined, operator: "Exists", value: undefined, effect: undefined }], source: "program", surges: true,
        });
        const job = one([{ type: "kubernetes:batch/v1:Job", props: { spec: { parallelism: 2, template: { spec: { containers: [] } } } } }]);
        assert.deepStrictEqual([job.name, job.replicas, job.surges, job.daemonSet], ["a Job named at deploy", 2, false, false]);
        const daemon = one([{ type: "kubernetes:apps/v1:DaemonSet", props: { metadata: { name: "logs" }, spec: { template: { spec: { tolerations: [{ key: "spot", operator: "Exists" }], topologySpreadConstraints: [{ topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway" }] } } } } }]);
        assert.deepStrictEqual([daemon.daemonSet, daemon.replicas, daemon.toleratesTaints, daemon.zoneSpread, daemon.surges], [true, 1, false, false, false]);
        // Not every taint, but the spot one by key: kept to match against each group's taints.
        assert.deepStrictEqual(daemon.tolerations, [{ key: "spot", operator: "Exists", value: undefined, effect: undefined }]);
        const stateful = one([{ type: "kubernetes:apps/v1:StatefulSet", props: { metadata: { name: 42 }, spec: {} } }]);
        assert.deepStrictEqual([stateful.name, stateful.replicas, stateful.surges], ["a StatefulSet named at deploy", 1, false]);
    });
});

describe("rules/workloads: charts, add-ons and node groups", () => {
    const release = (chart: string, values: Record<string, unknown>, asJson = false): RecordedResource => ({ type: "kubernetes:helm.sh/v3:Release", props: { chart, values: asJson ? JSON.stringify(values) : values } });
    const names = (resources: RecordedResource[]) => workloadsOf(resources).map((w) => `${w.name}×${w.replicas}`);

    it("Open WebUI: its replicas (1 by default) and its Redis only when websocket and Redis are both on", () => {
        assert.deepStrictEqual(names([release("open-webui", {})]), ["open-webui×1"]);
        assert.deepStrictEqual(names([release("open-webui", { replicaCount: 2, websocket: { enabled: true, redis: { enabled: true } } }, true)]), ["open-webui×2", "open-webui-redis×1"]);
        assert.deepStrictEqual(names([release("open-webui", { websocket: { enabled: false, redis: { enabled: true } } })]), ["open-webui×1"]);
        assert.strictEqual(workloadsOf([release("open-webui", {})])[0].replicasKey, "openwebui:webuiReplicas");
    });

    it("LiteLLM, by any chart reference ending in litellm-helm: its migration job unless turned off, which does not surge", () => {
        const found = workloadsOf([release("oci://ghcr.io/berriai/litellm-helm", { replicaCount: 2 })]);
        assert.deepStrictEqual(found.map((w) => `${w.name}×${w.replicas}:${w.surges}`), ["litellm×2:true", "litellm-migrations×1:false"]);
        assert.deepStrictEqual(names([release("litellm-helm", { migrationJob: { enabled: false } })]), ["litellm×1"]);
    });

    it("the controllers at their charts' default replicas", () => {
        assert.deepStrictEqual(names([release("aws-load-balancer-controller", {}), release("cluster-autoscaler", {})]), ["aws-load-balancer-controller×2", "cluster-autoscaler×1"]);
    });

    it("@pulumi/eks's own add-ons count once: from the component, unless a real preview shows them as add-ons", () => {
        const cluster: RecordedResource = { type: "eks:index:Cluster", props: { vpcCniOptions: { enablePrefixDelegation: true } } };
        assert.deepStrictEqual(names([cluster]), ["aws-node×1", "kube-proxy×1"]);
        // Without vpcCniOptions EKS bootstraps the VPC CNI itself: aws-node still runs on every node.
        assert.deepStrictEqual(names([{ type: "eks:index:Cluster", props: { kubeProxyAddonOptions: { enabled: false } } }]), ["aws-node×1"]);
        const addon = (addonName: string): RecordedResource => ({ type: "aws:eks/addon:Addon", props: { addonName } });
        assert.deepStrictEqual(names([cluster, addon("vpc-cni"), addon("kube-proxy")]), ["aws-node×1", "kube-proxy×1"]);
        assert.strictEqual(prefixDelegationOf([cluster]), true);
        assert.strictEqual(prefixDelegationOf([{ type: "eks:index:Cluster", props: { vpcCniOptions: { enablePrefixDelegation: "true" } } }]), false);
    });

    it("node groups: their key, shape, sizes (maxSize falling back to desired), zones and a scheduling taint", () => {
        assert.strictEqual(nodeGroupKey("openwebui-primary-nodes-prod"), "primary");
        assert.strictEqual(nodeGroupKey("openwebui-gpu-spot-nodes-dev"), "gpu-spot");
        assert.strictEqual(nodeGroupKey("someone-elses-group"), "someone-elses-group");
        const group = (scalingConfig: object, taints: object[] = []): RecordedResource => ({ type: "aws:eks/nodeGroup:NodeGroup", props: { nodeGroupName: "openwebui-spot-nodes-prod", instanceTypes: ["t4g.large", "m6g.large"], scalingConfig, subnetIds: ["a", "b", "c"], taints } });
        assert.deepStrictEqual(nodeGroupsOf([group({ desiredSize: 1, maxSize: 3 }, [{ key: "spot", value: "true", effect: "NO_SCHEDULE" }])]), [
            { name: "openwebui-spot-nodes-prod", key: "spot", instanceType: "t4g.large", shape: INSTANCE_SHAPES["t4g.large"], desiredSize: 1, maxSize: 3, zones: 3, tainted: true, taints: [{ key: "spot", value: "true", effect: "NoSchedule" }] },
        ]);
        const [untainted] = nodeGroupsOf([group({ desiredSize: 2 }, [{ key: "batch", effect: "PREFER_NO_SCHEDULE" }])]);
        assert.deepStrictEqual([untainted.maxSize, untainted.tainted, untainted.taints], [2, false, [{ key: "batch", value: undefined, effect: "PreferNoSchedule" }]]);
        assert.strictEqual(nodeGroupsOf([group({}, [{ key: "drain", effect: "NO_EXECUTE" }])])[0].tainted, true);
        assert.throws(() => nodeGroupsOf([{ type: "aws:eks/nodeGroup:NodeGroup", props: { instanceTypes: ["x9.huge"] } }]), /^Error: x9\.huge has no shape in rules\/instance-types\.ts$/);
    });
});
