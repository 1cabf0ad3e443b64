import { CONTROL_PLANE_LOG_TYPES, standardSupportProblem, SUPPORTED_EKS_VERSIONS } from "@openwebui-aws/rules/eks";
import { addonVersionProblem, EksVersion, MANAGED_ADDONS, ManagedAddon } from "@openwebui-aws/rules/eks-addons";
import { deployRoleName, Environment } from "@openwebui-aws/rules/naming";
import { coversWholeInternet, isCidr, parseCidr } from "@openwebui-aws/rules/cidr";
import { logRetention } from "./network";
import { CLUSTER_AUTOSCALER_RELEASE, LOAD_BALANCER_CONTROLLER_RELEASE } from "../components/releases";
import { readNodeGroups } from "./node-groups";
import type { OpenWebUIClusterArgs } from "../components/cluster";
import { ConfigReader } from "./reader";

/** The cluster's settings as the stack gives them: OpenWebUICluster's Args, less what the program adds. */
export type ClusterConfig = Omit<OpenWebUIClusterArgs, "names" | "region" | "clusterName" | "tags" | "vpcId" | "privateSubnetIds">;

/**
 * The day support windows are judged on: the day of the run. Tests that exercise an older version
 * set another day here (and put it back), as the plan takes --as-of for its prices.
 */
export const runDay = { today: (): Date => new Date() };

const PRINCIPAL_ARN = /^arn:aws:(iam|sts)::\d{12}:(root|role\/.+|user\/.+|assumed-role\/.+)$/;
/** EKS access entries take IAM roles and users only: no account root, no assumed-role session. */
const ACCESS_ENTRY_PRINCIPAL = /^arn:aws:iam::\d{12}:(role|user)\/.+$/;
const CHART_VERSION = /^\d+\.\d+\.\d+$/;

function principals(reader: ConfigReader, key: string): string[] {
    const arns = reader.stringList(key);
    arns.forEach((arn) => {
        if (!PRINCIPAL_ARN.test(arn)) reader.fail(key, `"${arn}" is not an IAM role, user or account-root ARN`);
    });
    return arns;
}

/** Principals that get their own EKS access entry. */
function accessEntryPrincipals(reader: ConfigReader, key: string): string[] {
    const arns = principals(reader, key);
    arns.forEach((arn) => {
        if (!ACCESS_ENTRY_PRINCIPAL.test(arn)) reader.fail(key, `"${arn}" cannot have an EKS access entry: give an IAM role or user ARN (arn:aws:iam::<account>:role/<name>)`);
    });
    if (new Set(arns).size !== arns.length) reader.fail(key, "lists a principal twice");
    return arns;
}

function addonVersions(reader: ConfigReader, kubernetesVersion: EksVersion): Record<ManagedAddon, string> {
    const key = "addonVersions";
    const versions: Partial<Record<ManagedAddon, string>> = {};
    for (const entry of reader.stringList(key)) {
        const [name, version] = entry.split("=");
        if (!(MANAGED_ADDONS as readonly string[]).includes(name) || version === undefined) {
            reader.fail(key, `"${entry}" is not addon=version for one of ${MANAGED_ADDONS.join(", ")}`);
        }
        const problem = addonVersionProblem(name as ManagedAddon, version, kubernetesVersion);
        if (problem) reader.fail(key, problem);
        versions[name as ManagedAddon] = version;
    }
    const missing = MANAGED_ADDONS.filter((a) => versions[a] === undefined);
    if (missing.length > 0) reader.fail(key, `has no version for ${missing.join(", ")} (a build, or "default")`);
    return versions as Record<ManagedAddon, string>;
}

/**
 * The AWS account the stack deploys into, as far as config knows it: the account of its deploy role
 * (deployment/ names it openwebui-deploy-role-<env>) when operatorPrincipalArns lists it, otherwise
 * every account the operators are in.
 */
export function stackAccountIds(reader: ConfigReader, environment: Environment): string[] {
    const arns = accessEntryPrincipals(reader, "operatorPrincipalArns");
    const account = (arn: string) => arn.split(":")[4];
    const deployRole = arns.find((arn) => arn.endsWith(`:role/${deployRoleName(environment)}`));
    return deployRole ? [account(deployRole)] : [...new Set(arns.map(account))];
}

export function readClusterConfig(reader: ConfigReader, environment: Environment): ClusterConfig {
    const kubernetesVersion = reader.oneOf("kubernetesVersion", SUPPORTED_EKS_VERSIONS);
    const unsupported = standardSupportProblem(kubernetesVersion, runDay.today());
    if (unsupported) reader.fail("kubernetesVersion", unsupported);

    const endpointPublicAccessCidrs = reader.stringList("endpointPublicAccessCidrs");
    endpointPublicAccessCidrs.forEach((text) => {
        const parsed = parseCidr(text);
        if (!isCidr(parsed)) reader.fail("endpointPublicAccessCidrs", parsed);
    });
    // Split ranges count too: 0.0.0.0/1 + 128.0.0.0/1 is 0.0.0.0/0.
    if (environment === "prod" && coversWholeInternet(endpointPublicAccessCidrs)) {
        reader.fail("endpointPublicAccessCidrs", `prod must not expose the Kubernetes API to the whole internet (${endpointPublicAccessCidrs.join(" + ")}); list your admin or VPN CIDRs`);
    }

    const clusterAutoscalerImageTag = reader.string("clusterAutoscalerImageTag");
    const imageMinor = /^v(\d+\.\d+)\.\d+$/.exec(clusterAutoscalerImageTag)?.[1];
    if (imageMinor !== kubernetesVersion) {
        reader.fail(
            "clusterAutoscalerImageTag",
            `"${clusterAutoscalerImageTag}" must be v${kubernetesVersion}.x: cluster-autoscaler supports only its own Kubernetes minor`,
        );
    }
    const knownImages = CLUSTER_AUTOSCALER_RELEASE.imageTags[kubernetesVersion] ?? [];
    if (!knownImages.includes(clusterAutoscalerImageTag)) {
        reader.fail("clusterAutoscalerImageTag", `"${clusterAutoscalerImageTag}" is not a published cluster-autoscaler release for ${kubernetesVersion} (known: ${knownImages.join(", ")}; vendor/cluster-autoscaler/*/source.json)`);
    }
    const chart = (key: string) => {
        const v = reader.string(key);
        if (!CHART_VERSION.test(v)) reader.fail(key, `"${v}" is not a pinned chart version (x.y.z)`);
        return v;
    };
    const clusterAutoscalerChartVersion = chart("clusterAutoscalerChartVersion");
    if (clusterAutoscalerChartVersion !== CLUSTER_AUTOSCALER_RELEASE.chartVersion) {
        reader.fail("clusterAutoscalerChartVersion", `"${clusterAutoscalerChartVersion}" is not the vendored chart ${CLUSTER_AUTOSCALER_RELEASE.chartVersion}: vendor that chart's values.yaml first`);
    }
    const loadBalancerControllerChartVersion = chart("loadBalancerControllerChartVersion");
    if (loadBalancerControllerChartVersion !== LOAD_BALANCER_CONTROLLER_RELEASE.chartVersion) {
        reader.fail(
            "loadBalancerControllerChartVersion",
            `"${loadBalancerControllerChartVersion}" is not the chart of the vendored controller release ${LOAD_BALANCER_CONTROLLER_RELEASE.appVersion} (chart ${LOAD_BALANCER_CONTROLLER_RELEASE.chartVersion}); vendor that release's iam_policy.json and values.yaml first`,
        );
    }
    const operatorPrincipalArns = accessEntryPrincipals(reader, "operatorPrincipalArns");
    if (operatorPrincipalArns.length === 0) {
        reader.fail(
            "operatorPrincipalArns",
            "is empty, and no stack gives the cluster's creator implicit admin: list every identity that runs `pulumi up` (the Pulumi Deployments role, your own role for laptop deploys) and the on-call engineers' roles",
        );
    }
    const previewPrincipalArns = accessEntryPrincipals(reader, "previewPrincipalArns");
    const both = previewPrincipalArns.filter((p) => operatorPrincipalArns.includes(p));
    if (both.length > 0) reader.fail("previewPrincipalArns", `${both.join(", ")} is also an operator: EKS allows one access entry per principal`);
    const nodeDiskSizeGb = reader.integer("nodeDiskSizeGb");
    if (nodeDiskSizeGb < 20) reader.fail("nodeDiskSizeGb", `${nodeDiskSizeGb} GB is below the 20 GB the EKS AMI needs`);

    return {
        kubernetesVersion,
        deletionProtection: reader.boolean("clusterDeletionProtection"),
        addonVersions: addonVersions(reader, kubernetesVersion),
        endpointPublicAccessCidrs,
        logTypes: CONTROL_PLANE_LOG_TYPES,
        controlPlaneLogRetentionDays: logRetention(reader, "controlPlaneLogRetentionDays"),
        operatorPrincipalArns,
        developerPrincipalArns: principals(reader, "developerPrincipalArns"),
        previewPrincipalArns,
        deployAgentAccess: reader.boolean("deployAgentAccess"),
        nodeGroups: readNodeGroups(reader, environment, nodeDiskSizeGb),
        loadBalancerControllerChartVersion,
        clusterAutoscalerChartVersion,
        clusterAutoscalerImageTag,
    };
}
