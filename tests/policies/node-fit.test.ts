/**
 * pods-fit-nodes over what the program registers: the shipped stacks, stack files whose node
 * groups or replica counts no longer fit (as a hand-edited Pulumi.<stack>.yaml would give them),
 * and the shapes a real preview shows (Helm values as JSON strings, @pulumi/eks's vpc-cni and
 * kube-proxy add-ons as resources of their own, values it cannot know yet).
 */
import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import * as proxy from "@pulumi/policy/proxy";
import { nodeFit } from "@openwebui-aws/rules/node-fit";
import { NODE_FIT_POLICY, podsFitNodes } from "../../policy-pack/policies/node-fit";
import { fromRecording, loadPackConfig, PolicyInput } from "../../sim/policy-runner";
import { loadStackFiles } from "../../sim/stack-files";
import { run, stackRun, STACKS } from "../helpers";
import { check } from "./helpers";

/** The stack's node groups as its stack file writes them, with `primary` changed. */
function primary(stack: string, change: Record<string, unknown>): Record<string, string> {
    const groups = JSON.parse(loadStackFiles(stack).config["openwebui:nodeGroups"]) as Record<string, Record<string, unknown>>;
    return { "openwebui:nodeGroups": JSON.stringify({ ...groups, primary: { ...groups.primary, ...change } }) };
}

async function verdict(stack: string, overrides?: Record<string, string>) {
    const r = overrides ? await run(stack, { overrides }) : await stackRun(stack);
    return check(podsFitNodes, fromRecording(r.resources), loadPackConfig(stack));
}

/** As a real preview hands them over: Helm values JSON-encoded, the cluster's own add-ons as Addon resources. */
function asPreview(inputs: PolicyInput[]): PolicyInput[] {
    const component = inputs.find((r) => r.type === "eks:index:Cluster");
    assert.ok(component);
    const children = ["vpc-cni", "kube-proxy"].map((addonName) => ({ type: "aws:eks/addon:Addon", name: `${component.name}-${addonName}`, props: { addonName } }));
    return [
        ...inputs.map((r) => (r.type === "kubernetes:helm.sh/v3:Release" ? { ...r, props: { ...r.props, values: JSON.stringify(r.props.values) } } : r)),
        ...children,
    ];
}

describe(`policy ${NODE_FIT_POLICY}`, () => {
    for (const stack of STACKS) {
        it(`${stack}: the shipped stack passes`, async () => {
            assert.deepStrictEqual(await verdict(stack), []);
        });
    }

    it("an empty stack (a first preview of nothing, a destroyed stack) has nothing to fit", async () => {
        assert.deepStrictEqual(await check(podsFitNodes, []), []);
    });

    it("prod with its primary group on t4g.medium: mandatory, naming openwebui:nodeGroups.primary.instanceTypes", async () => {
        const found = await verdict("prod", primary("prod", { instanceTypes: ["t4g.medium"] }));
        assert.ok(found.length > 0 && found.every((v) => v.level === "mandatory"), JSON.stringify(found, null, 1));
        assert.ok(
            found.some((v) => /^prod: a t4g\.medium node of openwebui-primary-nodes-prod \(2 nodes\) must hold \d+ MiB of memory requests but has 2531 MiB allocatable .*: set openwebui:nodeGroups\.primary\.instanceTypes to types with more memory/.test(v.message)),
            JSON.stringify(found, null, 1),
        );
    });

    it("dev with three Open WebUI replicas on its one node: mandatory in dev too, naming openwebui:webuiReplicas", async () => {
        const found = await verdict("dev", { "openwebui:webuiReplicas": "3" });
        assert.ok(found.length > 0 && found.every((v) => v.level === "mandatory"), JSON.stringify(found, null, 1));
        assert.ok(found.some((v) => v.message.includes("openwebui:nodeGroups.primary.instanceTypes") && v.message.includes("openwebui:webuiReplicas")), JSON.stringify(found, null, 1));
    });

    it("prod whose primary group cannot grow (maxSize = desiredSize): a rollout's surge pod has nowhere to go, naming openwebui:nodeGroups.primary.maxSize", async () => {
        const found = await verdict("prod", primary("prod", { maxSize: 2 }));
        assert.ok(found.some((v) => /a rollout of litellm adds a surge pod .* does not fit beside the rest on the most loaded node, and the group is at its maxSize 2, .*raise openwebui:nodeGroups\.primary\.maxSize above 2/.test(v.message)), JSON.stringify(found, null, 1));
    });

    it("reads a real preview's shape the same: JSON Helm values, vpc-cni and kube-proxy add-on resources counted once", async () => {
        for (const [stack, overrides] of [["prod", undefined], ["prod", primary("prod", { instanceTypes: ["t4g.medium"] })]] as const) {
            const inputs = fromRecording((overrides ? await run(stack, { overrides }) : await stackRun(stack)).resources);
            const direct = nodeFit(stack, inputs);
            const preview = nodeFit(stack, asPreview(inputs));
            assert.deepStrictEqual(preview.problems, direct.problems);
            assert.deepStrictEqual(preview.groups.map((g) => g.worst.requests), direct.groups.map((g) => g.worst.requests));
            assert.deepStrictEqual(await check(podsFitNodes, asPreview(inputs), loadPackConfig(stack)).then((v) => v.map((x) => x.message)), direct.problems);
        }
    });

    it("a Job's name that the preview cannot know yet does not stop the check; an unknown Helm value leaves it to CrossGuard's 'cannot run during preview'", async () => {
        const inputs = fromRecording((await stackRun("prod")).resources);
        // CrossGuard hands policies props behind this proxy; the sentinels are its unknown values.
        // Its unknown values: sentinels its proxy.js exports but its typings do not declare.
        const sentinels = proxy as unknown as { unknownStringValue: unknown; unknownObjectValue: unknown };
        assert.ok(sentinels.unknownStringValue !== undefined && sentinels.unknownObjectValue !== undefined);
        const unknownName = inputs.map((r) => (r.type === "kubernetes:batch/v1:Job" ? { ...r, props: unknownCheckingProxy({ ...r.props, metadata: { name: sentinels.unknownStringValue } }) } : r));
        assert.deepStrictEqual(nodeFit("prod", unknownName).problems, []);
        const unknownValues = inputs.map((r) => (r.type === "kubernetes:helm.sh/v3:Release" ? { ...r, props: unknownCheckingProxy({ ...r.props, values: sentinels.unknownObjectValue }) } : r));
        await assert.rejects(check(podsFitNodes, unknownValues), (e: Error) => /can't be known during preview/.test(e.message));
    });

    it("reports what it cannot count instead of passing it: a chart without a pod list", async () => {
        const inputs = fromRecording((await stackRun("dev")).resources);
        const grafana: PolicyInput = { type: "kubernetes:helm.sh/v3:Release", name: "grafana", props: { chart: "grafana", values: {} } };
        const found = await check(podsFitNodes, [...inputs, grafana]);
        assert.ok(found.some((v) => /cannot check that the pods fit the nodes: Helm chart grafana has no pod list/.test(v.message)), JSON.stringify(found));
    });
});
