/**
 * Reads an EKS cluster's settings from either shape: under mocks only the @pulumi/eks component's
 * inputs exist; a real preview also shows the aws:eks/cluster:Cluster it creates. Shared by the
 * EKS policies and the cost model.
 */
import { asArray, asRecord } from "./props";

export const EKS_COMPONENT_TYPE = "eks:index:Cluster";
export const EKS_CLUSTER_TYPE = "aws:eks/cluster:Cluster";

export interface ClusterSettings {
    version?: string;
    supportType?: string;
    logTypes: string[];
    secretsKeyArn?: string;
    publicAccess: boolean;
    publicCidrs: string[];
}

export function clusterSettings(type: string, props: Record<string, unknown>): ClusterSettings | undefined {
    if (type === EKS_COMPONENT_TYPE) {
        return {
            version: props.version as string | undefined,
            supportType: asRecord(props.upgradePolicy).supportType as string | undefined,
            logTypes: asArray(props.enabledClusterLogTypes) as string[],
            secretsKeyArn: props.encryptionConfigKeyArn as string | undefined,
            publicAccess: props.endpointPublicAccess !== false,
            publicCidrs: asArray(props.publicAccessCidrs) as string[],
        };
    }
    if (type === EKS_CLUSTER_TYPE) {
        const encryption = asRecord(props.encryptionConfig);
        const vpc = asRecord(props.vpcConfig);
        return {
            version: props.version as string | undefined,
            supportType: asRecord(props.upgradePolicy).supportType as string | undefined,
            logTypes: asArray(props.enabledClusterLogTypes) as string[],
            secretsKeyArn: asArray(encryption.resources).includes("secrets") ? (asRecord(encryption.provider).keyArn as string | undefined) : undefined,
            publicAccess: vpc.endpointPublicAccess !== false,
            publicCidrs: asArray(vpc.publicAccessCidrs) as string[],
        };
    }
    return undefined;
}
