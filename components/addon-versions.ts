/** Turns the configured add-on version into the `addonVersion` EKS is given. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CLUSTER_DEFAULT, ManagedAddon } from "@openwebui-aws/rules/eks-addons";

export interface AddonVersionArgs {
    kubernetesVersion: string;
    addonVersions: Record<ManagedAddon, string>;
}

/** A pinned build as it is; "default" as AWS's default build for the cluster's Kubernetes version. */
export function addonVersion(addonName: ManagedAddon, args: AddonVersionArgs, opts: pulumi.InvokeOutputOptions): pulumi.Input<string> {
    const configured = args.addonVersions[addonName];
    return configured === CLUSTER_DEFAULT ? aws.eks.getAddonVersionOutput({ addonName, kubernetesVersion: args.kubernetesVersion }, opts).version : configured;
}
