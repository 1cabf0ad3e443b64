/**
 * What the cluster runs must be what was reviewed: images pushed to the project's registries cannot
 * be overwritten under the same tag and are scanned when pushed, and every Helm release names one
 * exact chart version, so a preview and the apply after it install the same chart.
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { asArray, asRecord } from "@openwebui-aws/rules/props";
import { known, UNKNOWN } from "@openwebui-aws/rules/preview";

const REPOSITORY = "aws:ecr/repository:Repository";
const REGISTRY_SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";

/**
 * A registry-wide scanning rule that scans every repository on push (or continuously) stands in for
 * the repository's own flag. A filter "*" is every repository (WILDCARD is the API's only filter type).
 */
function registryScansEverything(resources: PolicyResource[]): boolean {
    return resources
        .filter((r) => r.type === REGISTRY_SCANNING)
        .some((r) =>
            asArray(known(() => r.props.rules)).map(asRecord).some(
                (rule) =>
                    ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"].includes(String(rule.scanFrequency)) &&
                    asArray(rule.repositoryFilters).map(asRecord).some((f) => f.filter === "*"),
            ),
        );
}

export const ecrImmutableScanned: StackValidationPolicy = {
    name: "ecr-immutable-scanned",
    description:
        "ECR repositories have immutable tags (imageTagMutability IMMUTABLE, not the MUTABLE default) and scan on push (their own imageScanningConfiguration.scanOnPush, or a registry scanning rule over every repository). Both are literals in the program: an unknown value counts as not set.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const registryWide = registryScansEverything(args.resources);
        for (const repo of args.resources.filter((r) => r.type === REPOSITORY)) {
            const mutability = known(() => repo.props.imageTagMutability);
            if (mutability !== "IMMUTABLE") {
                report(`ECR repository "${repo.name}" has ${mutability === UNKNOWN ? "an unknown" : (mutability ?? "the default (MUTABLE)")} tag mutability: a push can replace what a reviewed tag points at; set imageTagMutability: "IMMUTABLE"`, repo.urn);
            }
            const scanOnPush = known(() => asRecord(repo.props.imageScanningConfiguration).scanOnPush);
            if (scanOnPush !== true && !registryWide) {
                report(`ECR repository "${repo.name}" does not scan images on push: set imageScanningConfiguration: { scanOnPush: true }`, repo.urn);
            }
        }
    },
};

/** One exact SemVer 2.0 version (Helm also accepts a leading "v"): no range, wildcard or tag. */
export const EXACT_CHART_VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

const HELM_TYPES = new Set(["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"]);

export const helmChartPinned: ResourceValidationPolicy = {
    name: "helm-chart-pinned",
    description:
        "Every Helm release names one exact chart version (e.g. 1.14.0): without `version` Helm installs whatever is newest when the deploy runs, and a range (^1.14, ~1.14.0, >=1, 1.x, *) does the same within it. An unknown version counts as unpinned.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!HELM_TYPES.has(args.type)) return;
        const version = known(() => args.props.version);
        const chart = String(known(() => args.props.chart) === UNKNOWN ? "(unknown)" : args.props.chart);
        if (version === UNKNOWN) {
            report(`Helm chart ${chart}: its version is unknown at preview; write the exact version in the program`);
        } else if (version === undefined || version === null || version === "") {
            report(`Helm chart ${chart} has no version: Helm would install the newest at deploy time; set version to the exact chart version reviewed`);
        } else if (!EXACT_CHART_VERSION.test(String(version).trim())) {
            report(`Helm chart ${chart} version "${String(version)}" is a range, not one version; set version to an exact chart version such as 1.2.3`);
        }
    },
};
