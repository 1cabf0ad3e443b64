/**
 * OpenWebUICluster — design §EKS 클러스터 설계, §보안 그룹 설계, §IAM 권한 설계: an EKS cluster in the
 * private subnets with encrypted secrets, full control-plane logging, API-mode access entries,
 * two managed node groups, add-ons and the load balancer and autoscaling controllers.
 */
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { ClusterConfig } from "../../config/cluster";
import { controlPlaneLogGroupName } from "@openwebui-aws/rules/eks";
import { Namer } from "@openwebui-aws/rules/naming";
import { nameTag, RequiredTags } from "@openwebui-aws/rules/tags";
import { addonVersion } from "../addon-versions";
import { clusterAccessEntries, withoutCreatorAdmin } from "./access";
import { createClusterAddons } from "./addons";
import { createClusterRoles } from "./roles";
import { createClusterSecurityGroups } from "./security-groups";
import { createNodeGroups } from "./node-groups";
import { KEY_USER_ACTIONS, keyPolicy } from "../kms";

export interface OpenWebUIClusterArgs extends ClusterConfig {
    names: Namer;
    region: string;
    clusterName: string;
    tags: RequiredTags;
    vpcId: pulumi.Input<string>;
    privateSubnetIds: pulumi.Input<string>[];
    /** Who the app's ALB admits (appAlbInboundCidrs) and whether it serves HTTPS; the internet on 80/443 when not given. */
    albInbound?: { cidrs: string[]; https: boolean };
}

export class OpenWebUICluster extends pulumi.ComponentResource {
    readonly clusterName: pulumi.Output<string>;
    readonly endpoint: pulumi.Output<string>;
    readonly kubeconfig: pulumi.Output<string>;
    readonly oidcIssuer: pulumi.Output<string>;
    readonly nodeRoleArn: pulumi.Output<string>;
    readonly operatorRoleArn: pulumi.Output<string>;
    readonly developerRoleArn: pulumi.Output<string>;
    readonly securityGroupIds: pulumi.Output<{ controlPlane: string; workers: string; alb: string }>;
    /** The group to launch the Deployments agent with; undefined without deployAgentAccess. */
    readonly deployAgentSecurityGroupId: pulumi.Output<string> | undefined;
    readonly controlPlaneLogGroupName: pulumi.Output<string>;

    constructor(name: string, args: OpenWebUIClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("openwebui:index:OpenWebUICluster", name, {}, opts);
        const { names, clusterName } = args;
        const child = { parent: this };
        const identity = aws.getCallerIdentityOutput({}, child);

        const roles = createClusterRoles(
            {
                names,
                region: args.region,
                accountId: identity.accountId,
                clusterName,
                operatorPrincipalArns: args.operatorPrincipalArns,
                developerPrincipalArns: args.developerPrincipalArns,
            },
            this,
        );
        const keyName = names.of("eks-secrets-key");
        const secretsKey = new aws.kms.Key(
            keyName,
            {
                description: `Envelope encryption of Kubernetes secrets in ${clusterName}`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                // EKS encrypts and decrypts secrets as the cluster role; the account only administers the key.
                policy: keyPolicy(identity.accountId, [
                    { sid: "ClusterRoleUsesKey", principal: { AWS: roles.clusterRole.arn }, actions: [...KEY_USER_ACTIONS, "kms:CreateGrant", "kms:ListGrants"] },
                ]),
                tags: nameTag(keyName),
            },
            child,
        );
        new aws.kms.Alias(names.of("eks-secrets-alias"), { name: `alias/${keyName}`, targetKeyId: secretsKey.keyId }, child);

        // Created before the cluster: otherwise EKS creates it with no expiry.
        const logGroupName = names.of("eks-lg");
        const controlPlaneLogs = new aws.cloudwatch.LogGroup(
            logGroupName,
            { name: controlPlaneLogGroupName(clusterName), retentionInDays: args.controlPlaneLogRetentionDays, tags: nameTag(logGroupName) },
            child,
        );

        const sgs = createClusterSecurityGroups({ names, vpcId: args.vpcId, clusterName, deployAgentAccess: args.deployAgentAccess, albInbound: args.albInbound }, this);

        const cluster = new eks.Cluster(
            clusterName,
            {
                name: clusterName,
                version: args.kubernetesVersion,
                // The API default, EXTENDED, bills $0.60 instead of $0.10 per hour once the version leaves standard support.
                upgradePolicy: { supportType: "STANDARD" },
                vpcId: args.vpcId,
                subnetIds: args.privateSubnetIds,
                endpointPrivateAccess: true,
                // No CIDRs, no public endpoint: the API is then reachable from the VPC only.
                endpointPublicAccess: args.endpointPublicAccessCidrs.length > 0,
                publicAccessCidrs: args.endpointPublicAccessCidrs.length > 0 ? args.endpointPublicAccessCidrs : undefined,
                enabledClusterLogTypes: [...args.logTypes],
                encryptionConfigKeyArn: secretsKey.arn,
                serviceRole: roles.clusterRole.role,
                clusterSecurityGroup: sgs.controlPlane,
                skipDefaultSecurityGroups: true,
                skipDefaultNodeGroup: true,
                // No instanceRoles: @pulumi/eks refuses them in API mode, and EKS itself creates the
                // node role's access entry when a managed node group uses it.
                authenticationMode: eks.AuthenticationMode.Api,
                accessEntries: clusterAccessEntries({
                    operatorRoleArn: roles.operatorRole.arn,
                    developerRoleArn: roles.developerRole.arn,
                    operatorPrincipalArns: args.operatorPrincipalArns,
                    previewPrincipalArns: args.previewPrincipalArns,
                }),
                deletionProtection: args.deletionProtection,
                // Prefix delegation: a t3.medium runs 110 pods instead of 17. The add-on is configured as
                // part of the cluster, before any node group exists.
                vpcCniOptions: { enablePrefixDelegation: true, warmPrefixTarget: 1, addonVersion: addonVersion("vpc-cni", args, child) },
                kubeProxyAddonOptions: { enabled: true, version: addonVersion("kube-proxy", args, child) },
                // coredns needs nodes to become healthy; it is created below, after the node groups.
                corednsAddonOptions: { enabled: false },
                createOidcProvider: false,
                // No providerCredentialOpts: the kubeconfig (and with it every Kubernetes resource below)
                // authenticates as whoever runs Pulumi — the deploy role, an operator, the preview role —
                // each through its own access entry.
                storageClasses: {},
                tags: nameTag(clusterName),
            },
            { ...child, dependsOn: [controlPlaneLogs, ...roles.clusterRole.ready], transforms: [withoutCreatorAdmin] },
        );

        const nodeGroups = createNodeGroups(
            {
                names,
                clusterName,
                kubernetesVersion: args.kubernetesVersion,
                nodeRoleArn: roles.nodeRole.arn,
                subnetIds: args.privateSubnetIds,
                workerSecurityGroupId: sgs.workers.id,
                groups: args.nodeGroups,
                tags: args.tags,
            },
            { ...child, dependsOn: [cluster, ...roles.nodeRole.ready] },
        );

        createClusterAddons(
            {
                names,
                region: args.region,
                clusterName,
                vpcId: args.vpcId,
                kubernetesVersion: args.kubernetesVersion,
                addonVersions: args.addonVersions,
                tags: args.tags,
                kubeconfig: cluster.kubeconfigJson,
                loadBalancerControllerChartVersion: args.loadBalancerControllerChartVersion,
                clusterAutoscalerChartVersion: args.clusterAutoscalerChartVersion,
                clusterAutoscalerImageTag: args.clusterAutoscalerImageTag,
            },
            this,
            [cluster, ...nodeGroups],
        );

        this.clusterName = pulumi.output(cluster.core).apply(() => clusterName);
        this.endpoint = cluster.core.endpoint;
        this.kubeconfig = pulumi.secret(cluster.kubeconfigJson);
        this.oidcIssuer = cluster.oidcIssuer;
        this.nodeRoleArn = roles.nodeRole.arn;
        this.operatorRoleArn = roles.operatorRole.arn;
        this.developerRoleArn = roles.developerRole.arn;
        this.securityGroupIds = pulumi.output({ controlPlane: sgs.controlPlane.id, workers: sgs.workers.id, alb: sgs.alb.id });
        this.deployAgentSecurityGroupId = sgs.deployAgents?.id;
        this.controlPlaneLogGroupName = controlPlaneLogs.name;
        this.registerOutputs({
            clusterName: this.clusterName,
            endpoint: this.endpoint,
            kubeconfig: this.kubeconfig,
            oidcIssuer: this.oidcIssuer,
            nodeRoleArn: this.nodeRoleArn,
            operatorRoleArn: this.operatorRoleArn,
            developerRoleArn: this.developerRoleArn,
            securityGroupIds: this.securityGroupIds,
            deployAgentSecurityGroupId: this.deployAgentSecurityGroupId,
            controlPlaneLogGroupName: this.controlPlaneLogGroupName,
        });
    }
}
