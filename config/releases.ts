/**
 * Third-party releases whose published artefacts are vendored under vendor/ (each with a
 * source.json naming repository, tag and commit). Config accepts only versions listed here, so a
 * chart cannot move without the IAM policy and values file that belong to it.
 */
import lbcPolicy from "../vendor/aws-load-balancer-controller/v2.14.0/iam_policy.json";
import lbcSource from "../vendor/aws-load-balancer-controller/v2.14.0/source.json";

export const LOAD_BALANCER_CONTROLLER_RELEASE = {
    chartVersion: lbcSource.chartVersion,
    appVersion: lbcSource.appVersion,
    /** As the maintainers publish it: docs/install/iam_policy.json of the tag. */
    policy: lbcPolicy as { Version: string; Statement: unknown[] },
    /** The chart's own values.yaml, to check our values against. */
    valuesFile: "vendor/aws-load-balancer-controller/v2.14.0/values.yaml",
};
