/**
 * Third-party releases whose published artefacts are vendored under vendor/ (each with a
 * source.json naming repository, tag and commit). Config accepts only versions listed here, so a
 * chart cannot move without the IAM policy and values file that belong to it.
 */
import lbcPolicy from "../vendor/aws-load-balancer-controller/v2.14.0/iam_policy.json";
import lbcSource from "../vendor/aws-load-balancer-controller/v2.14.0/source.json";
import casSource from "../vendor/cluster-autoscaler/chart-9.52.1/source.json";

export const LOAD_BALANCER_CONTROLLER_RELEASE = {
    chartVersion: lbcSource.chartVersion,
    appVersion: lbcSource.appVersion,
    /** As the maintainers publish it: docs/install/iam_policy.json of the tag. */
    policy: lbcPolicy as { Version: string; Statement: unknown[] },
    /** The chart's own values.yaml, to check our values against. */
    valuesFile: "vendor/aws-load-balancer-controller/v2.14.0/values.yaml",
};

export const CLUSTER_AUTOSCALER_RELEASE = {
    chartVersion: casSource.chartVersion,
    valuesFile: "vendor/cluster-autoscaler/chart-9.52.1/values.yaml",
    /** Values the chart passes through as they are (`extraArgs`: any flag of the autoscaler). */
    freeFormMaps: casSource.freeFormMaps,
    /** Image tags published per Kubernetes minor: the autoscaler supports only its own minor. */
    imageTags: casSource.imageTags as Record<string, string[]>,
};

/** Each vendored chart, for the values check. */
export const VENDORED_CHARTS = [
    { release: "lb-controller", chartVersion: LOAD_BALANCER_CONTROLLER_RELEASE.chartVersion, valuesFile: LOAD_BALANCER_CONTROLLER_RELEASE.valuesFile, freeFormMaps: [] as string[] },
    { release: "cluster-autoscaler", ...CLUSTER_AUTOSCALER_RELEASE },
];
