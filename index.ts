/**
 * The Pulumi program: read and validate the stack's config (a bad value stops here, with its key
 * named, before any resource is registered), build the design's architecture (program.ts), and
 * export what operators and other stacks need.
 */
import { loadStackConfig } from "./config";
import { openWebUI } from "./program";

export const {
    vpcId,
    vpcCidr,
    publicSubnetIds,
    privateSubnetIds,
    natGatewayIds,
    flowLogGroupName,
    clusterName,
    clusterEndpoint,
    kubeconfig,
    oidcIssuer,
    nodeRoleArn,
    operatorRoleArn,
    developerRoleArn,
    clusterSecurityGroupIds,
    deployAgentSecurityGroupId,
    controlPlaneLogGroupName,
    alertTopicArns,
    budgetName,
    opsLogGroupNames,
    snapshotPolicyId,
    backupBucketName,
    appUrl,
    adminEmail,
    adminPassword,
    uploadsBucketName,
    databaseHost,
    ecrRepositoryUrls,
    models,
    recoveryKmsKeyArn,
    recoveryBackupBucketName,
    recoveryUploadsBucketName,
    recoveryDatabaseBackupsArn,
} = openWebUI(loadStackConfig());
