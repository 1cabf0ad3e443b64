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
 * The builds a pin may name, per add-on and Kubernetes minor: every add-on, since AWS publishes each
 * build for a set of minors (`aws eks describe-addon-versions --addon-name <a> --kubernetes-version
 * <v>`) and refuses an addonVersion outside it. Sources:
 * - kube-proxy, coredns: Amazon EKS User Guide, "Manage kube-proxy in Amazon EKS clusters" and
 *   "Manage CoreDNS for DNS in Amazon EKS clusters", tables of the latest Amazon EKS add-on type
 *   per Kubernetes version (read 2026-11-28). 1.36 was not listed there yet.
 * - vpc-cni, eks-pod-identity-agent, aws-ebs-csi-driver, amazon-cloudwatch-observability: no
 *   build of theirs is recorded in this repository yet (the stacks take `default`); a pin is
 *   refused until its build is added here from describe-addon-versions, with the date it was read.
 */
export const ADDON_BUILDS: Readonly<Record<ManagedAddon, Partial<Record<EksVersion, readonly string[]>>>> = {
    "kube-proxy": { "1.34": ["v1.34.6-eksbuild.2"], "1.35": ["v1.35.3-eksbuild.2"] },
    coredns: { "1.34": ["v1.13.2-eksbuild.7"], "1.35": ["v1.14.2-eksbuild.4"] },
    "vpc-cni": {},
    "eks-pod-identity-agent": {},
    "aws-ebs-csi-driver": {},
    "amazon-cloudwatch-observability": {},
};

/** Why a pinned build does not fit the cluster's minor, or undefined when it does. */
export function addonVersionProblem(addon: ManagedAddon, version: string, kubernetesVersion: EksVersion): string | undefined {
    if (version === CLUSTER_DEFAULT) return undefined;
    if (!ADDON_VERSION_PATTERN.test(version)) return `"${version}" is not an add-on build (vX.Y.Z-eksbuild.N) or "${CLUSTER_DEFAULT}"`;
    const known = ADDON_BUILDS[addon][kubernetesVersion] ?? [];
    if (!known.includes(version)) {
        return `${addon} ${version} is not a known build for Kubernetes ${kubernetesVersion} (known: ${known.join(", ") || "none recorded"}); use "${CLUSTER_DEFAULT}", or add the build to rules/eks-addons.ts from \`aws eks describe-addon-versions --addon-name ${addon} --kubernetes-version ${kubernetesVersion}\` with the date you read it`;
    }
    return undefined;
}
