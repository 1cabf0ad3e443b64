/**
 * What runs inside the cluster once nodes exist: EKS managed add-ons, the default StorageClass and
 * the two controllers the design lists, each with its own Pod Identity role.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BACKUP_TAG_KEY, backupTagValue } from "@openwebui-aws/rules/eks";
import { Namer } from "@openwebui-aws/rules/naming";
import { clusterAutoscalerStatements, loadBalancerControllerStatements } from "./controller-policies";
import { ManagedAddon } from "@openwebui-aws/rules/eks-addons";
import { addonVersion, AddonVersionArgs } from "../addon-versions";
import { createRole, GrantedRole, managedPolicy, podIdentityTrust, Statement, workloadBoundaryArn } from "../iam";
import { RequiredTags } from "@openwebui-aws/rules/tags";

export interface AddonsArgs extends AddonVersionArgs {
    /** The stack's cost tags, for what the controllers create at run time (ALBs, volumes). */
    tags: RequiredTags;
    names: Namer;
    region: string;
    clusterName: string;
    vpcId: pulumi.Input<string>;
    kubeconfig: pulumi.Input<string>;
    loadBalancerControllerChartVersion: string;
    clusterAutoscalerChartVersion: string;
    clusterAutoscalerImageTag: string;
}

interface ControllerIdentity {
    namespace: string;
    serviceAccount: string;
}

export const LOAD_BALANCER_CONTROLLER: ControllerIdentity = { namespace: "kube-system", serviceAccount: "aws-load-balancer-controller" };
export const CLUSTER_AUTOSCALER: ControllerIdentity = { namespace: "kube-system", serviceAccount: "cluster-autoscaler" };
export const EBS_CSI_CONTROLLER: ControllerIdentity = { namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa" };

export interface ClusterAddons {
    kubernetesProvider: k8s.Provider;
    controllerRoles: Record<"loadBalancerController" | "clusterAutoscaler" | "ebsCsiDriver", GrantedRole>;
}

/**
 * `dependsOn` must include the node groups: coredns, the EBS CSI controller and the Helm charts
 * wait for running pods, which need nodes.
 */
export function createClusterAddons(args: AddonsArgs, parent: pulumi.Resource, dependsOn: pulumi.Resource[]): ClusterAddons {
    const { names, clusterName } = args;

    const permissionsBoundary = workloadBoundaryArn(names, parent);
    const podRole = (type: string, id: ControllerIdentity, spec: { statements?: Statement[]; managedPolicies?: string[] }) =>
        createRole({ name: names.of(type), description: `Pod Identity role of ${id.namespace}/${id.serviceAccount}`, trust: podIdentityTrust, permissionsBoundary, ...spec }, parent);
    const associate = (type: string, id: ControllerIdentity, role: GrantedRole) =>
        new aws.eks.PodIdentityAssociation(
            names.of(type),
            { clusterName, namespace: id.namespace, serviceAccount: id.serviceAccount, roleArn: role.arn },
            { parent, dependsOn: [...dependsOn, ...role.ready] },
        );

    const controllerRoles = {
        loadBalancerController: podRole("lb-controller-role", LOAD_BALANCER_CONTROLLER, { statements: loadBalancerControllerStatements() }),
        clusterAutoscaler: podRole("cluster-autoscaler-role", CLUSTER_AUTOSCALER, { statements: clusterAutoscalerStatements(clusterName) }),
        ebsCsiDriver: podRole("ebs-csi-role", EBS_CSI_CONTROLLER, { managedPolicies: [managedPolicy("service-role/AmazonEBSCSIDriverPolicy")] }),
    };

    const addon = (addonName: ManagedAddon, extra: Partial<aws.eks.AddonArgs> = {}, role?: GrantedRole) =>
        new aws.eks.Addon(
            names.of("addon", addonName.replace(/^aws-|^eks-/, "")),
            {
                clusterName,
                addonName,
                addonVersion: addonVersion(addonName, args, { parent }),
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
                ...extra,
            },
            { parent, dependsOn: [...dependsOn, ...(role?.ready ?? [])] },
        );
    addon("eks-pod-identity-agent");
    addon("coredns");
    addon("aws-ebs-csi-driver", {
        podIdentityAssociations: [{ roleArn: controllerRoles.ebsCsiDriver.arn, serviceAccount: EBS_CSI_CONTROLLER.serviceAccount }],
        // Every volume the driver creates carries the backup tag the snapshot policy selects on.
        configurationValues: JSON.stringify({
            controller: { extraVolumeTags: { ...args.tags, [BACKUP_TAG_KEY]: backupTagValue(names.project, names.environment) } },
        }),
    }, controllerRoles.ebsCsiDriver);

    const kubernetesProvider = new k8s.Provider(names.of("k8s"), { kubeconfig: args.kubeconfig, enableServerSideApply: true }, { parent });
    const k8sOpts = { parent, dependsOn, provider: kubernetesProvider };

    new k8s.storage.v1.StorageClass(
        names.of("gp3-storageclass"),
        {
            metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
            provisioner: "ebs.csi.aws.com",
            parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
            volumeBindingMode: "WaitForFirstConsumer",
            allowVolumeExpansion: true,
            reclaimPolicy: "Delete",
        },
        k8sOpts,
    );

    new k8s.helm.v3.Release(
        names.of("lb-controller"),
        {
            name: "aws-load-balancer-controller",
            chart: "aws-load-balancer-controller",
            version: args.loadBalancerControllerChartVersion,
            namespace: LOAD_BALANCER_CONTROLLER.namespace,
            repositoryOpts: { repo: "https://aws.github.io/eks-charts" },
            values: {
                clusterName,
                region: args.region,
                vpcId: args.vpcId,
                serviceAccount: { create: true, name: LOAD_BALANCER_CONTROLLER.serviceAccount },
                // ALBs, target groups and security groups it creates carry the stack's cost tags.
                defaultTags: args.tags,
                replicaCount: 2,
                // The chart sets none (a BestEffort pod the scheduler counts as free); these are the
                // figures its values.yaml suggests (vendor/aws-load-balancer-controller, `resources` comment).
                resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "128Mi" } },
            },
        },
        { ...k8sOpts, dependsOn: [...dependsOn, associate("lb-controller-pia", LOAD_BALANCER_CONTROLLER, controllerRoles.loadBalancerController)] },
    );

    new k8s.helm.v3.Release(
        names.of("cluster-autoscaler"),
        {
            name: "cluster-autoscaler",
            chart: "cluster-autoscaler",
            version: args.clusterAutoscalerChartVersion,
            namespace: CLUSTER_AUTOSCALER.namespace,
            repositoryOpts: { repo: "https://kubernetes.github.io/autoscaler" },
            values: {
                autoDiscovery: { clusterName },
                awsRegion: args.region,
                image: { tag: args.clusterAutoscalerImageTag },
                rbac: { serviceAccount: { create: true, name: CLUSTER_AUTOSCALER.serviceAccount } },
                extraArgs: { "balance-similar-node-groups": true, "skip-nodes-with-system-pods": false, expander: "least-waste" },
                // None by default; the chart's values.yaml suggests these (vendor/cluster-autoscaler, `resources` comment).
                resources: { requests: { cpu: "100m", memory: "300Mi" }, limits: { memory: "300Mi" } },
            },
        },
        { ...k8sOpts, dependsOn: [...dependsOn, associate("cluster-autoscaler-pia", CLUSTER_AUTOSCALER, controllerRoles.clusterAutoscaler)] },
    );

    return { kubernetesProvider, controllerRoles };
}
