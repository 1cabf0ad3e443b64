/**
 * EKS add-on versions. Every add-on the program installs gets an explicit version, so changing
 * `kubernetesVersion` changes them too and `pulumi up` really upgrades them (an add-on created with
 * no version stays on its first version for ever).
 */
import { SUPPORTED_EKS_VERSIONS } from "./eks";

export const MANAGED_ADDONS = ["vpc-cni", "kube-proxy", "coredns", "eks-pod-identity-agent", "aws-ebs-csi-driver", "amazon-cloudwatch-observability"] as const;
export type ManagedAddon = (typeof MANAGED_ADDONS)[number];
export type EksVersion = (typeof SUPPORTED_EKS_VERSIONS)[number];

/**
 * The config value that asks AWS for the add-on's default build for the cluster's Kubernetes version
 * (`aws eks describe-addon-versions --kubernetes-version <v>`, the version marked default): it moves
 * with `kubernetesVersion` by construction. Pin an exact build once you have read it from that command.
 */
export const CLUSTER_DEFAULT = "default";

export const ADDON_VERSION_PATTERN = /^v\d+\.\d+\.\d+(-[a-z]+)?-eksbuild\.\d+$/;

/**
 * The builds a pin may name, per add-on and Kubernetes minor. AWS publishes each build for a set of
 * minors (`aws eks describe-addon-versions --addon-name <a> --kubernetes-version <v>`) and refuses an
 * addonVersion outside it, in the middle of `pulumi up`. The lists are what was found published, not
 * every build AWS offers: a build missing here is refused until it is added with its source. An
 * add-on/minor with no list has nothing recorded yet; a pin of it is refused saying so.
 *
 * Sources (a letter per build below):
 * [A] Amazon EKS User Guide, "Manage kube-proxy in Amazon EKS clusters" and "Manage CoreDNS for DNS
 *     in Amazon EKS clusters", tables of the latest Amazon EKS add-on type per Kubernetes version
 *     (read 2026-11-28; 1.36 was not listed there yet).
 * [B] Amazon EKS User Guide, China edition, "Manage kube-proxy" (docs.amazonaws.cn/eks/latest/
 *     userguide/managing-kube-proxy.html), its add-on table for 1.34 (read 2026-12-07).
 * [C] An Amazon EKS upgrade insight, "EKS add-on version compatibility" for Kubernetes 1.35
 *     (refreshed by EKS 2026-07-29), listing the kube-proxy and vpc-cni builds compatible with 1.35,
 *     as quoted in a public GitHub scan report (KubePreflight) (read 2026-12-07).
 * [D] Public GitHub infrastructure code that pins builds for a stated Kubernetes 1.35 (read
 *     2026-12-07): a Terraform module whose defaults are "the EKS defaults for Kubernetes 1.35";
 *     a CDK config listing the first build of `describe-addon-versions --kubernetes-version 1.35`;
 *     a Terraform staging stack pinning the builds "discovered for the selected EKS version" 1.35.
 * [E] Public GitHub records of running Kubernetes 1.36 clusters (read 2026-12-07): an architecture
 *     decision record of a 1.36 cluster in ap-south-1 (2026-07-16) with its pinned add-ons, an
 *     infrastructure inventory of a 1.36 cluster in us-east-1 listing the same coredns, kube-proxy
 *     and vpc-cni builds, and a tfvars of what each add-on resolved to when created on a cluster
 *     whose kube-proxy is v1.36.0 (kube-proxy's build follows the cluster's minor).
 * [F] Public GitHub Terraform pinning builds it checked with
 *     `describe-addon-versions --kubernetes-version 1.34` (read 2026-12-07).
 * Only [A] and [B] are AWS's documentation; [C] is AWS's data quoted by a third party; [D]-[F] are
 * third parties' records of builds EKS offered or accepted for that minor. The code index they were
 * found in did not name their repositories. Before relying on a pin, run the command above.
 * Nothing was found for amazon-cloudwatch-observability on 1.34 or 1.35.
 */
export const ADDON_BUILDS: Readonly<Record<ManagedAddon, Partial<Record<EksVersion, readonly string[]>>>> = {
    "kube-proxy": {
        "1.34": ["v1.34.6-eksbuild.2" /* A */, "v1.34.1-eksbuild.2" /* B */, "v1.34.6-eksbuild.21" /* F */],
        // [A] and [C]: v1.35.3-eksbuild.2; [C]: the others up to eksbuild.17; [D]: eksbuild.29.
        "1.35": ["v1.35.3-eksbuild.2", "v1.35.0-eksbuild.2", "v1.35.2-eksbuild.4", "v1.35.3-eksbuild.5", "v1.35.3-eksbuild.8", "v1.35.3-eksbuild.11", "v1.35.3-eksbuild.13", "v1.35.3-eksbuild.17", "v1.35.3-eksbuild.29"],
        "1.36": ["v1.36.0-eksbuild.7", "v1.36.0-eksbuild.45"] /* E */,
    },
    coredns: {
        "1.34": ["v1.13.2-eksbuild.7" /* A */, "v1.12.4-eksbuild.29" /* F */],
        "1.35": ["v1.14.2-eksbuild.4" /* A, D */],
        "1.36": ["v1.14.2-eksbuild.4", "v1.14.7-eksbuild.11"] /* E */,
    },
    "vpc-cni": {
        "1.34": ["v1.22.4-eksbuild.3"] /* F */,
        "1.35": ["v1.22.3-eksbuild.1" /* C */, "v1.22.4-eksbuild.3" /* C, D */, "v1.21.1-eksbuild.8" /* D */],
        "1.36": ["v1.21.2-eksbuild.2", "v1.23.2-eksbuild.1"] /* E */,
    },
    "eks-pod-identity-agent": {
        "1.35": ["v1.3.10-eksbuild.3"] /* D */,
        "1.36": ["v1.3.10-eksbuild.3", "v1.4.0-eksbuild.3"] /* E */,
    },
    "aws-ebs-csi-driver": {
        "1.34": ["v1.65.0-eksbuild.1"] /* F */,
        "1.35": ["v1.59.0-eksbuild.1", "v1.66.0-eksbuild.1"] /* D */,
    },
    "amazon-cloudwatch-observability": {
        "1.36": ["v6.7.0-eksbuild.1"] /* E */,
    },
};

/** Why a pinned build does not fit the cluster's minor, or undefined when it does. */
export function addonVersionProblem(addon: ManagedAddon, version: string, kubernetesVersion: EksVersion): string | undefined {
    if (version === CLUSTER_DEFAULT) return undefined;
    if (!ADDON_VERSION_PATTERN.test(version)) return `"${version}" is not an add-on build (vX.Y.Z-eksbuild.N) or "${CLUSTER_DEFAULT}"`;
    const known = ADDON_BUILDS[addon][kubernetesVersion] ?? [];
    const read = `\`aws eks describe-addon-versions --addon-name ${addon} --kubernetes-version ${kubernetesVersion}\``;
    if (known.length === 0) {
        return `${addon} ${version} is not a known build for Kubernetes ${kubernetesVersion} (known: none: no ${addon} build for ${kubernetesVersion} is recorded in rules/eks-addons.ts yet); use "${CLUSTER_DEFAULT}", or read the builds with ${read} and add them there with the source and the date you read them`;
    }
    if (!known.includes(version)) {
        return `${addon} ${version} is not a known build for Kubernetes ${kubernetesVersion} (known: ${known.join(", ")}); use one of those or "${CLUSTER_DEFAULT}", or add the build to rules/eks-addons.ts from ${read} with the date you read it`;
    }
    return undefined;
}
