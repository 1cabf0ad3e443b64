/**
 * Outputs for remote (multi-language) components under the mock engine. A remote component
 * registers as ONE resource with the inputs it was given; its children never reach the mocks, so
 * its outputs must be made up here, shaped like what the real provider returns.
 */
import { ACCOUNT_ID, REGION } from "./fake-aws";

type Inputs = Record<string, unknown>;
type OutputsOf = (name: string, inputs: Inputs) => Record<string, unknown>;

function eksCluster(name: string, inputs: Inputs): Record<string, unknown> {
    const clusterName = (inputs.name as string | undefined) ?? name;
    const endpoint = `https://${clusterName.toUpperCase().replace(/-/g, "")}0123456789.gr7.${REGION}.eks.amazonaws.com`;
    const oidcIssuer = `https://oidc.eks.${REGION}.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF`;
    const kubeconfig = {
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: clusterName, cluster: { server: endpoint, "certificate-authority-data": "LS0tLS1CRUdJTg==" } }],
        contexts: [{ name: "aws", context: { cluster: clusterName, user: "aws" } }],
        "current-context": "aws",
        users: [
            {
                name: "aws",
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: ["eks", "get-token", "--cluster-name", clusterName, "--region", REGION],
                    },
                },
            },
        ],
    };
    return {
        kubeconfig,
        kubeconfigJson: JSON.stringify(kubeconfig),
        clusterSecurityGroupId: "sg-0c1a55e7c0de00001",
        nodeSecurityGroupId: "",
        oidcIssuer: oidcIssuer.replace("https://", ""),
        oidcProviderUrl: oidcIssuer,
        oidcProviderArn: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${oidcIssuer.replace("https://", "")}`,
        core: { endpoint, vpcId: inputs.vpcId, subnetIds: inputs.subnetIds ?? [] },
    };
}

export const REMOTE_COMPONENT_OUTPUTS: Readonly<Record<string, OutputsOf>> = {
    "eks:index:Cluster": eksCluster,
};
