/**
 * rules/eks.ts and rules/eks-addons.ts on their own: the support calendar at its boundaries, the
 * names derived from a cluster, and why a pinned add-on build does not fit a Kubernetes minor.
 */
import * as assert from "assert";
import { backupTagValue, containerInsightsLogGroupName, controlPlaneLogGroupName, EKS_STANDARD_SUPPORT_ENDS, standardSupportProblem, utcDay } from "@openwebui-aws/rules/eks";
import { ADDON_BUILDS, addonVersionProblem, CLUSTER_DEFAULT } from "@openwebui-aws/rules/eks-addons";

describe("rules/eks: the support calendar", () => {
    it("a version is fine until the last moment before its end day, UTC, and the refusal names what to move to", () => {
        assert.strictEqual(utcDay(new Date("2027-03-26T23:59:59Z")), "2027-03-26");
        assert.strictEqual(standardSupportProblem("1.35", new Date("2027-03-26T23:59:59Z")), undefined);
        assert.strictEqual(
            standardSupportProblem("1.35", new Date("2027-03-27T00:00:00Z")),
            '"1.35" left EKS standard support on 2027-03-27 (today is 2027-03-27); AWS would upgrade the control plane under the pinned node groups and add-ons: move to 1.36 (with clusterAutoscalerImageTag and the kube-proxy and coredns builds of addonVersions)',
        );
        assert.match(String(standardSupportProblem("1.34", new Date("2026-12-02T00:00:00Z"))), /: move to 1\.35 or 1\.36 \(/);
        assert.strictEqual(EKS_STANDARD_SUPPORT_ENDS["1.34"], "2026-12-02");
    });

    it("names the groups and tag derived from a cluster", () => {
        assert.strictEqual(controlPlaneLogGroupName("openwebui-eks-dev"), "/aws/eks/openwebui-eks-dev/cluster");
        assert.strictEqual(containerInsightsLogGroupName("openwebui-eks-prod", "performance"), "/aws/containerinsights/openwebui-eks-prod/performance");
        assert.strictEqual(backupTagValue("openwebui", "prod"), "openwebui-prod-daily");
    });
});

describe("rules/eks-addons: pinned builds", () => {
    it("takes the cluster default, and a recorded build for the minor", () => {
        assert.strictEqual(addonVersionProblem("coredns", CLUSTER_DEFAULT, "1.35"), undefined);
        assert.strictEqual(addonVersionProblem("coredns", ADDON_BUILDS.coredns["1.35"]![0], "1.35"), undefined);
        // A build with a variant (kube-proxy's -minimal) is a build: refused only for not being recorded.
        assert.match(String(addonVersionProblem("kube-proxy", "v1.35.3-minimal-eksbuild.2", "1.35")), /^kube-proxy v1\.35\.3-minimal-eksbuild\.2 is not a known build for Kubernetes 1\.35 \(known: /);
    });

    it("refuses what is not a build, a build not recorded for the minor, and any build of a minor with none recorded", () => {
        for (const bad of ["1.14.2-eksbuild.4", "v1.14.2", "v1.14.2-eksbuild", "v1.14.2-eksbuild.4 ", "latest"]) {
            assert.strictEqual(addonVersionProblem("coredns", bad, "1.35"), `"${bad}" is not an add-on build (vX.Y.Z-eksbuild.N) or "default"`, bad);
        }
        assert.strictEqual(
            addonVersionProblem("coredns", "v1.13.2-eksbuild.7", "1.35"),
            'coredns v1.13.2-eksbuild.7 is not a known build for Kubernetes 1.35 (known: v1.14.2-eksbuild.4); use one of those or "default", or add the build to rules/eks-addons.ts from `aws eks describe-addon-versions --addon-name coredns --kubernetes-version 1.35` with the date you read it',
        );
        assert.strictEqual(
            addonVersionProblem("amazon-cloudwatch-observability", "v6.7.0-eksbuild.1", "1.35"),
            'amazon-cloudwatch-observability v6.7.0-eksbuild.1 is not a known build for Kubernetes 1.35 (known: none: no amazon-cloudwatch-observability build for 1.35 is recorded in rules/eks-addons.ts yet); use "default", or read the builds with `aws eks describe-addon-versions --addon-name amazon-cloudwatch-observability --kubernetes-version 1.35` and add them there with the source and the date you read them',
        );
    });
});
