/**
 * The upgrade levers: node groups and every add-on carry a version that follows kubernetesVersion,
 * so the runbook's "change kubernetesVersion, pulumi up" really upgrades them.
 */
import * as assert from "assert";
import { MANAGED_ADDONS } from "@openwebui-aws/rules/eks-addons";
import { ConfigError } from "../config";
import { fakeDefaultAddonBuild } from "../sim/fake-aws";
import { ProgramRun } from "../sim/mock-engine";
import { ofType, rejection, run, runAsOf, stackRun, STACKS } from "./helpers";

/** 1.34 left standard support on 2026-12-02, and config refuses it from then on: its runs are dated before. */
const BEFORE_134_ENDED = "2026-11-28";

/** addonName → the addonVersion the program gives EKS (the two @pulumi/eks manages included). */
function addonVersionsOf(r: ProgramRun): Record<string, unknown> {
    const cluster = ofType(r, "eks:index:Cluster")[0].inputs;
    return {
        "vpc-cni": cluster.vpcCniOptions?.addonVersion,
        "kube-proxy": cluster.kubeProxyAddonOptions?.version,
        ...Object.fromEntries(ofType(r, "aws:eks/addon:Addon").map((a) => [a.inputs.addonName, a.inputs.addonVersion])),
    };
}

const configured = (r: ProgramRun): Record<string, string> =>
    Object.fromEntries((JSON.parse(r.config["openwebui:addonVersions"]) as string[]).map((e) => e.split("=")));

describe("versions follow kubernetesVersion", () => {
    for (const stack of STACKS) {
        it(`${stack}: node groups run the cluster's minor and every add-on has the configured version`, async () => {
            const r = await stackRun(stack);
            const k8s = r.config["openwebui:kubernetesVersion"] ?? "1.35";
            for (const ng of ofType(r, "aws:eks/nodeGroup:NodeGroup")) assert.strictEqual(ng.inputs.version, k8s, ng.name);
            const versions = addonVersionsOf(r);
            // Container Insights' add-on exists only where the stack keeps it on (not in dev).
            const expected = MANAGED_ADDONS.filter((a) => a !== "amazon-cloudwatch-observability" || r.config["openwebui:containerInsights"] !== "false");
            assert.deepStrictEqual(Object.keys(versions).sort(), [...expected].sort());
            for (const [addon, want] of Object.entries(configured(r)).filter(([a]) => (expected as string[]).includes(a))) {
                assert.strictEqual(versions[addon], want === "default" ? fakeDefaultAddonBuild(k8s) : want, addon);
            }
        });
    }

    it("moving kubernetesVersion moves the node groups and the default add-ons with it", async () => {
        const r = await runAsOf(BEFORE_134_ENDED, "dev", {
            overrides: {
                "openwebui:containerInsights": "true",
                "openwebui:kubernetesVersion": "1.34",
                "openwebui:clusterAutoscalerImageTag": "v1.34.5",
                "openwebui:addonVersions": JSON.stringify([
                    "vpc-cni=default", "kube-proxy=v1.34.6-eksbuild.2", "coredns=v1.13.2-eksbuild.7",
                    "eks-pod-identity-agent=default", "aws-ebs-csi-driver=default", "amazon-cloudwatch-observability=default",
                ]),
            },
        });
        assert.deepStrictEqual([...new Set(ofType(r, "aws:eks/nodeGroup:NodeGroup").map((n) => n.inputs.version))], ["1.34"]);
        const versions = addonVersionsOf(r);
        assert.strictEqual(versions["vpc-cni"], fakeDefaultAddonBuild("1.34"));
        assert.strictEqual(versions["amazon-cloudwatch-observability"], fakeDefaultAddonBuild("1.34"));
        assert.strictEqual(versions["kube-proxy"], "v1.34.6-eksbuild.2");
    });

    it("refuses a kubernetesVersion change that leaves a minor-bound add-on behind, before registering anything", async () => {
        const e = await rejection(runAsOf(BEFORE_134_ENDED, "dev", { overrides: { "openwebui:kubernetesVersion": "1.34", "openwebui:clusterAutoscalerImageTag": "v1.34.5" } }));
        assert.ok(e instanceof ConfigError);
        assert.strictEqual(e.registeredBeforeFailure, 0);
        assert.strictEqual(e.key, "openwebui:addonVersions");
        assert.match(e.message, /kube-proxy v1\.35\.3-eksbuild\.2 is not a known build for Kubernetes 1\.34/);
    });

    it("refuses an unknown add-on and a missing one", async () => {
        const unknown = await rejection(run("dev", { overrides: { "openwebui:addonVersions": JSON.stringify(["kube-dns=default"]) } }));
        assert.match(unknown.message, /"kube-dns=default" is not addon=version/);
        const missing = await rejection(run("dev", { overrides: { "openwebui:addonVersions": JSON.stringify(["vpc-cni=default"]) } }));
        assert.match(missing.message, /has no version for kube-proxy, coredns/);
    });
});
