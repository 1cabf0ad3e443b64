/**
 * Third-party releases whose published artefacts are vendored under vendor/ (each with a
 * source.json naming repository, tag and commit). Config accepts only versions listed here, so a
 * chart cannot move without the IAM policy and values file that belong to it.
 */
import lbcPolicy from "../vendor/aws-load-balancer-controller/v2.14.0/iam_policy.json";
import lbcSource from "../vendor/aws-load-balancer-controller/v2.14.0/source.json";
import casSource from "../vendor/cluster-autoscaler/chart-9.52.1/source.json";
import webuiSource from "../vendor/open-webui/chart-16.0.0/source.json";
import litellmSource from "../vendor/litellm-helm/chart-1.86.2/source.json";

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

/** Open WebUI's official chart; its image tag defaults to the chart's appVersion, so the chart pins the image. */
export const OPEN_WEBUI_RELEASE = {
    chartVersion: webuiSource.chartVersion,
    appVersion: webuiSource.appVersion,
    repository: webuiSource.chartRepository,
    valuesFile: "vendor/open-webui/chart-16.0.0/values.yaml",
    freeFormMaps: webuiSource.freeFormMaps as string[],
};

/**
 * LiteLLM's official chart (OCI), at a version its publisher pushed (source.json says how that is
 * known). Its image tag defaults to `main-<appVersion>`, a tag LiteLLM no longer publishes, so the
 * program sets the image recorded with the chart.
 */
export const LITELLM_RELEASE = {
    chartVersion: litellmSource.chartVersion,
    appVersion: litellmSource.appVersion,
    repository: litellmSource.chartRepository,
    image: { repository: litellmSource.image.repository, tag: litellmSource.image.tag },
    valuesFile: "vendor/litellm-helm/chart-1.86.2/values.yaml",
    /** proxy_config is rendered as LiteLLM's config.yaml as it is. */
    freeFormMaps: litellmSource.freeFormMaps,
};

/** Each vendored chart, for the values check; `app` charts exist only when the stack runs OpenWebUIApp. */
export const VENDORED_CHARTS = [
    { release: "lb-controller", chartVersion: LOAD_BALANCER_CONTROLLER_RELEASE.chartVersion, valuesFile: LOAD_BALANCER_CONTROLLER_RELEASE.valuesFile, freeFormMaps: [] as string[], app: false },
    { release: "cluster-autoscaler", ...CLUSTER_AUTOSCALER_RELEASE, app: false },
    { release: "webui", ...OPEN_WEBUI_RELEASE, app: true },
    { release: "litellm", ...LITELLM_RELEASE, app: true },
];
