/**
 * OpenWebUICluster — design §EKS 클러스터 설계, §보안 그룹 설계, §IAM 권한 설계: an EKS cluster in the
 * private subnets with encrypted secrets, full control-plane logging, API-mode access entries,
 * two managed node groups, add-ons and the load balancer and autoscaling controllers.
 */
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { controlPlaneLogGroupName } from "@openwebui-aws/rules/eks";
import { EksVersion, ManagedAddon } from "@openwebui-aws/rules/eks-addons";
import { Namer } from "@openwebui-aws/rules/naming";
import { nameTag, RequiredTags } from "@openwebui-aws/rules/tags";
import { addonVersion } from "../addon-versions";
import { clusterAccessEntries, withoutCreatorAdmin } from "./access";
import { createClusterAddons } from "./addons";
import { createClusterRoles } from "./roles";
import { createClusterSecurityGroups } from "./security-groups";
import { createNodeGroups, NodeGroupSettings } from "./node-groups";
import { KEY_USER_ACTIONS, keyPolicy } from "../kms";

/**
 * What OpenWebUICluster builds. The settings come from the validated stack config (config/cluster.ts,
 * config/node-groups.ts); the VPC and subnets from OpenWebUINetwork, hence `Input`s.
 */
export interface OpenWebUIClusterArgs {
    /** Builds every child's name (`openwebui-<type>-<env>`). Required. */
    names: Namer;
    /** The AWS region of the cluster and its controllers. Required. */
    region: string;
    /** The EKS cluster's name; the network's discovery tags must use the same. Required. */
    clusterName: string;
    /** The stack's required tags, for what the provider's default tags do not reach (instances, volumes, add-ons). Required. */
    tags: RequiredTags;
    /** The VPC (OpenWebUINetwork.vpcId). Required. */
    vpcId: pulumi.Input<string>;
    /** Private subnets of two or more AZs (OpenWebUINetwork.privateSubnetIds): control-plane ENIs and nodes. Required. */
    privateSubnetIds: pulumi.Input<string>[];
    /** The Kubernetes minor EKS runs, one in standard support; node groups and add-ons follow it. Required. */
    kubernetesVersion: EksVersion;
    /** EKS deletion protection. Required. */
    deletionProtection: boolean;
    /** A build per managed add-on, or "default" for AWS's default build of `kubernetesVersion`. Required. */
    addonVersions: Record<ManagedAddon, string>;
    /** CIDRs that may reach the public API endpoint. Required; `[]` keeps the endpoint private to the VPC. */
    endpointPublicAccessCidrs: string[];
    /** Control-plane log types EKS ships to CloudWatch Logs. Required (the program passes every type, rules/eks.ts). */
    logTypes: readonly string[];
    /** Days CloudWatch Logs keeps the control-plane logs. Required. */
    controlPlaneLogRetentionDays: number;
    /**
     * Cluster admins: each gets its own admin access entry and may assume the operator role. Every
     * identity that runs `pulumi up` (the deploy role, a laptop's role) must be here: no stack gives
     * the cluster's creator implicit admin. Required (at least one).
     */
    operatorPrincipalArns: string[];
    /** May assume the developer role (read-only cluster, ECR push/pull, logs). Required; `[]` for none. */
    developerPrincipalArns: string[];
    /** Read-only Kubernetes access entries (view): the PR-preview / drift role, auditors. Required; `[]` for none. */
    previewPrincipalArns: string[];
    /**
     * A security group for deploy agents and CI runners in the VPC, admitted to the API endpoint on
     * 443: how Deployments reach a cluster whose endpoint the hosted runners cannot. Required.
     */
    deployAgentAccess: boolean;
    /** Who the app's ALB admits (appAlbInboundCidrs) and whether it serves HTTPS; Default: none (the internet on 80/443). */
    albInbound?: { cidrs: string[]; https: boolean };
    /** The managed node groups. Required (at least one). */
    nodeGroups: NodeGroupSettings[];
    /** AWS Load Balancer Controller chart; must be the vendored release's (components/releases.ts). Required. */
    loadBalancerControllerChartVersion: string;
    /** cluster-autoscaler chart; must be the vendored one (components/releases.ts). Required. */
    clusterAutoscalerChartVersion: string;
    /** cluster-autoscaler image, `v<kubernetesVersion>.x`: it supports only its own minor. Required. */
    clusterAutoscalerImageTag: string;
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
        super("openwebui:index:OpenWebUICluster", name, args, opts);
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
                // enableNetworkPolicy: the add-on's network policy agent enforces the app namespace's
                // NetworkPolicies (AWS EKS user guide, "Restrict Pod network traffic with Kubernetes network
                // policies": VPC CNI 1.14 or later, the add-on's configuration value enableNetworkPolicy
                // "true"; @pulumi/eks passes configurationValues to the add-on as they are).
                vpcCniOptions: { enablePrefixDelegation: true, warmPrefixTarget: 1, addonVersion: addonVersion("vpc-cni", args, child), configurationValues: { enableNetworkPolicy: "true" } },
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
