/**
 * Who is cluster-admin. Access is granted only through visible, revocable access entries: in prod
 * the identity that creates the cluster gets no implicit admin, and Pulumi itself talks to the
 * Kubernetes API as the operator role.
 */
import * as pulumi from "@pulumi/pulumi";
import { EKS_CLUSTER_TYPE } from "@openwebui-aws/rules/eks-cluster";

/**
 * @pulumi/eks hard-codes `bootstrapClusterCreatorAdminPermissions: true` on the aws:eks Cluster it
 * creates (it deploys to the cluster as the creator) and exposes no argument for it. Transforms
 * reach the children of packaged components, so this one turns it off. EKS reads the flag only at
 * creation; @pulumi/eks ignores later changes to it, so existing clusters are not replaced.
 */
export const withoutCreatorAdmin: pulumi.ResourceTransform = (args) => {
    if (args.type !== EKS_CLUSTER_TYPE) {
        return undefined;
    }
    const accessConfig = { ...(args.props.accessConfig ?? {}), bootstrapClusterCreatorAdminPermissions: false };
    return { props: { ...args.props, accessConfig }, opts: args.opts };
};
