/**
 * Who may do what in Kubernetes. Access is granted only through visible, revocable access entries,
 * in every stack: the identity that creates the cluster gets no implicit admin, so a laptop deploy
 * and a Pulumi Deployments run work the same whichever comes first.
 */
import { createHash } from "crypto";
import * as eks from "@pulumi/eks";
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

export const CLUSTER_ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
export const CLUSTER_VIEW_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";

export interface AccessArgs {
    operatorRoleArn: pulumi.Input<string>;
    developerRoleArn: pulumi.Input<string>;
    /** Each gets its own admin entry: the deploy role, laptop roles, on-call roles. */
    operatorPrincipalArns: string[];
    /** Each gets a view entry: the PR-preview and drift role. */
    previewPrincipalArns: string[];
}

const admin = { admin: { policyArn: CLUSTER_ADMIN_POLICY, accessScope: { type: "cluster" } } };
const view = { view: { policyArn: CLUSTER_VIEW_POLICY, accessScope: { type: "cluster" } } };

/**
 * The map key of a principal's entry: @pulumi/eks names the AccessEntry child after it, so a key
 * taken from the list position would replace every entry after a removed or reordered principal
 * (their admin access gone mid-update). The key comes from the ARN instead: its last name segment,
 * readable in a preview, plus a short digest of the whole ARN, since the same role name can exist
 * in another account or under another path.
 */
export function accessEntryKey(kind: "operator" | "preview", principalArn: string): string {
    const name = (principalArn.split("/").pop() ?? "").toLowerCase().replace(/[^a-z0-9-]+/g, "-").slice(0, 40);
    const digest = createHash("sha256").update(principalArn).digest("hex").slice(0, 8);
    return `${kind}-${name}-${digest}`;
}

export function clusterAccessEntries(a: AccessArgs): Record<string, eks.types.input.AccessEntryArgs> {
    return {
        operators: { principalArn: a.operatorRoleArn, accessPolicies: admin },
        developers: { principalArn: a.developerRoleArn, accessPolicies: view },
        ...Object.fromEntries(a.operatorPrincipalArns.map((arn) => [accessEntryKey("operator", arn), { principalArn: arn, accessPolicies: admin }])),
        ...Object.fromEntries(a.previewPrincipalArns.map((arn) => [accessEntryKey("preview", arn), { principalArn: arn, accessPolicies: view }])),
    };
}
