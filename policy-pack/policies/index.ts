/**
 * Every policy of the pack. Kept apart from index.ts, which runs `new PolicyPack` and so starts
 * the policy gRPC server: tests and the offline plan import this module instead.
 */
import { Policies } from "@pulumi/policy";
import { monthlyCostWithinBudget } from "./cost";
import { prodContract } from "./contract";
import { eksControlPlaneLogging, eksNoCreatorAdmin, eksPublicEndpointRestricted, eksSecretsEncryption, eksVersionSupported, kmsKeyPolicyExplicit, kmsKeyRotation, launchTemplateHardening } from "./eks";
import { bedrockInvokeScoped, iamNoAdmin, iamScopedWrites, iamTrustNoWildcardPrincipal } from "./iam";
import { rdsHardening, wafOnInternetAlb, workloadsUnprivileged } from "./app";
import { logGroupRetention } from "./logging";
import { namingConvention } from "./naming";
import { podsFitNodes } from "./node-fit";
import { alarmHasAction, alarmTopicsSubscribed, budgetNotifiesAtThresholds, ebsSnapshotRecoveryPoint, s3BucketHardening, snsTopicEncrypted } from "./ops";
import { noAdminPortsFromInternet, privateSubnetNoPublicIp, securityGroupIngressFromInternet, vpcFlowLogs } from "./network";
import { requiredTags } from "./tags";
import { iamRoleWorkloadBoundary } from "./role-boundary";
import { rdsLogExports, uploadsBucketKms, wafLogging } from "./app-data";
import { albTlsEdge, appHttpsBrowserHardening } from "./app-edge";
import { albIngressAnnotations } from "./ingress";
import { iamNoWildcardDataAccess } from "./data-access";
import { workloadsNonRoot } from "./workload-users";
import { resourcePoliciesNotPublic } from "./public-data";
import { ecrImmutableScanned, helmChartPinned } from "./supply-chain";
import { nodesImdsSingleHop, nodesInPrivateSubnets } from "./nodes";
import { stackHasBudget } from "./money";
import { recoveryCopies } from "./recovery";

export const PACK_NAME = "openwebui-guardrails";

export const policies: Policies = [
    namingConvention,
    requiredTags,
    privateSubnetNoPublicIp,
    noAdminPortsFromInternet,
    vpcFlowLogs,
    logGroupRetention,
    securityGroupIngressFromInternet,
    eksVersionSupported,
    eksControlPlaneLogging,
    eksSecretsEncryption,
    eksPublicEndpointRestricted,
    eksNoCreatorAdmin,
    launchTemplateHardening,
    kmsKeyRotation,
    kmsKeyPolicyExplicit,
    iamNoAdmin,
    iamTrustNoWildcardPrincipal,
    iamRoleWorkloadBoundary,
    iamScopedWrites,
    s3BucketHardening,
    snsTopicEncrypted,
    alarmHasAction,
    alarmTopicsSubscribed,
    budgetNotifiesAtThresholds,
    ebsSnapshotRecoveryPoint,
    rdsHardening,
    wafOnInternetAlb,
    bedrockInvokeScoped,
    workloadsUnprivileged,
    monthlyCostWithinBudget,
    podsFitNodes,
    prodContract,
    wafLogging,
    rdsLogExports,
    uploadsBucketKms,
    albTlsEdge,
    appHttpsBrowserHardening,
    albIngressAnnotations,
    iamNoWildcardDataAccess,
    workloadsNonRoot,
    resourcePoliciesNotPublic,
    ecrImmutableScanned,
    helmChartPinned,
    nodesImdsSingleHop,
    nodesInPrivateSubnets,
    stackHasBudget,
    recoveryCopies,
];
