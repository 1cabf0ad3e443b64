/**
 * OpenWebUIApp — what the design's diagram puts on the nodes: Open WebUI and LiteLLM pods, their
 * database, and the ALB in front. Open WebUI keeps users and chats in Postgres, uploads in S3 and
 * websocket state in Redis; LiteLLM is its OpenAI-compatible backend and calls Amazon Bedrock as its
 * own Pod Identity role.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BedrockModel } from "@openwebui-aws/rules/bedrock";
import { UPLOADS_BUCKET_TYPE } from "@openwebui-aws/rules/app";
import { Namer } from "@openwebui-aws/rules/naming";
import { logsNamespace } from "@openwebui-aws/rules/namespaces";
import { createHardenedBucket } from "../buckets";
import { LITELLM_RELEASE as LITELLM_CHART, OPEN_WEBUI_RELEASE as WEBUI_CHART } from "../releases";
import { LITELLM_SIZING } from "./sizing";
import { LITELLM_RELEASE, LITELLM_SERVICE_ACCOUNT, litellmValues, WEBUI_RELEASE, WEBUI_SELECTOR, WEBUI_SERVICE_ACCOUNT, webuiValues } from "./chart-values";
import { createDatabase, DatabaseSettings } from "./database";
import { appLogStatements, bedrockStatements, masterSecretStatements, podIdentity, uploadsStatements } from "./identities";
import { createIngress } from "./ingress";
import { createWebAcl } from "./waf";
import { albLookupTags, APP_LOGS_SERVICE_ACCOUNT, createAlbAlarms, createLogShipping, createRdsAlarms } from "./observability";
import { createRepositories } from "./registry";
import { createAppSecrets, createDatabaseSetupJob, DB_SETUP_SERVICE_ACCOUNT } from "./setup";
import { createWebuiInitJob } from "./webui-init";
import { createUploadsKey } from "./uploads-key";
import { createNetworkPolicies } from "./network-policies";
import { createLitellmKeyJob } from "./litellm-key";
import type { RecoveryCopyTarget } from "../recovery";
import { copyDatabaseBackups } from "../recovery/database-copy";

/**
 * What OpenWebUIApp runs and where. The program fills the settings from the validated stack config
 * (config/app.ts) and the rest from the other components' outputs, hence `Input`s there.
 */
export interface OpenWebUIAppArgs {
    /** Builds every child's name (`openwebui-<type>-<env>`); its environment picks LiteLLM's sizing. Required. */
    names: Namer;
    /** The AWS region: Bedrock's endpoints, log and ARN regions. Required. */
    region: string;
    /** Kubernetes namespace of Open WebUI, LiteLLM and Postgres; the log shipper's is derived from it. Required. */
    namespace: string;
    /** Host name users open; with `certificateArn` the ALB serves HTTPS and redirects 80 → 443. Default: none (plain HTTP on the ALB's own name). */
    domain?: string;
    /** ACM certificate for `domain`, in the ALB's region and account. Default: none (no HTTPS listener). */
    certificateArn?: string;
    /** The first (and only pre-created) admin account; a Pulumi secret when the stack encrypts it. Required. */
    adminEmail: pulumi.Input<string>;
    /** Open WebUI pods; more than one adds a PodDisruptionBudget and spreads them over the AZs. Required. */
    webuiReplicas: number;
    /** LiteLLM pods. Required. */
    litellmReplicas: number;
    /** AWS WAF with AWS managed rule groups in front of the ALB. Required. */
    waf: boolean;
    /** Bedrock models LiteLLM serves, in order: the first is the default the cost model prices. Required (at least one). */
    bedrockModels: BedrockModel[];
    /** OpenAI models served through LiteLLM with `openaiApiKey`. Required; `[]` serves none. */
    openaiModels: string[];
    /** OpenAI API key, kept a secret Output so it stays encrypted in state. Default: none (needed only with `openaiModels`). */
    openaiApiKey?: pulumi.Output<string>;
    /** Where the apps keep their data. Required. */
    database: DatabaseSettings;
    /** ECR repositories `openwebui/openwebui-ecr-<env>-<name>` for the team's own images. Required; `[]` creates none. */
    ecrRepositories: string[];
    /** Images each ECR repository keeps (the lifecycle policy expires older ones). Required. */
    ecrKeepImages: number;
    /** Open WebUI chart version; must be the vendored one (components/releases.ts). Required. */
    webuiChartVersion: string;
    /** LiteLLM chart version; must be the vendored one (components/releases.ts). Required. */
    litellmChartVersion: string;
    /** The EKS cluster (OpenWebUICluster.clusterName): Pod Identity associations and ALB tags. Required. */
    clusterName: pulumi.Input<string>;
    /** Admin kubeconfig of the cluster (OpenWebUICluster.kubeconfig, a secret). Required. */
    kubeconfig: pulumi.Input<string>;
    /** The nodes' security group (OpenWebUICluster.securityGroupIds.workers): RDS admits it. Required. */
    workerSecurityGroupId: pulumi.Input<string>;
    /** The ALB's security group (OpenWebUICluster.securityGroupIds.alb). Required. */
    albSecurityGroupId: pulumi.Input<string>;
    /** The VPC (OpenWebUINetwork.vpcId): the RDS security group's. Required. */
    vpcId: pulumi.Input<string>;
    /** Private subnets (OpenWebUINetwork.privateSubnetIds): the RDS subnet group. Required. */
    privateSubnetIds: pulumi.Input<string>[];
    /** Public subnets (OpenWebUINetwork.publicSubnetIds): where the ALB listens. Required. */
    publicSubnetIds: pulumi.Input<string>[];
    /** Alarm topics by severity (OpenWebUIOps.alertTopicArns). Required. */
    alertTopicArns: pulumi.Input<{ warning: string; critical: string }>;
    /** Where container logs go (OpenWebUIOps.applicationLogGroupName). Required. */
    applicationLogGroupName: pulumi.Input<string>;
    /** Retention of the log groups the app creates (WAF, RDS): the stack's opsLogRetentionDays. Required. */
    logRetentionDays: number;
    /** The private subnets' CIDRs: the nodes, whose addresses the ALB's NodePort traffic reaches Open WebUI from. Required. */
    nodeCidrs: string[];
    /** Copies in the recovery region (OpenWebUIRecovery): the uploads bucket replicated, RDS's automated backups replicated. Default: none (nothing leaves the region). */
    recoveryCopy?: RecoveryCopyTarget;
    /**
     * The uploads bucket already exists under the stack's name and is used as it is: in the recovery
     * stack, prod's replica in this region, encrypted with prod's recovery key (components/recovery),
     * so no uploads key is made either. Default: false (the stack creates bucket and key).
     */
    uploadsBucketIsReplica?: boolean;
}

export { logsNamespace } from "@openwebui-aws/rules/namespaces";

/**
 * How long Helm waits for each app release to become ready, instead of its 300 s: a first install
 * pulls large images and runs migrations, and each chart's startup probe alone may take 300 s.
 */
export const RELEASE_TIMEOUT_SECONDS = 900;

/** `openwebui-uploads-bucket-<env>-<account>`: bucket names are global. */
export const uploadsBucketName = (names: Namer, accountId: pulumi.Input<string>) => pulumi.interpolate`${names.of(UPLOADS_BUCKET_TYPE)}-${accountId}`;

export class OpenWebUIApp extends pulumi.ComponentResource {
    readonly url: pulumi.Output<string>;
    readonly adminEmail: pulumi.Output<string>;
    readonly adminPassword: pulumi.Output<string>;
    readonly uploadsBucketName: pulumi.Output<string>;
    readonly databaseHost: pulumi.Output<string>;
    readonly ecrRepositoryUrls: pulumi.Output<string[]>;
    readonly models: pulumi.Output<string[]>;
    /** The replicated automated backups' ARN in the recovery region, when RDS's backups are copied there. */
    readonly recoveryDatabaseBackupsArn: pulumi.Output<string> | undefined;

    constructor(name: string, args: OpenWebUIAppArgs, opts?: pulumi.ComponentResourceOptions) {
        super("openwebui:index:OpenWebUIApp", name, args, opts);
        const { names, namespace, region } = args;
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const accountId = identity.accountId;

        const k8sProvider = new k8s.Provider(names.of("app-k8s"), { kubeconfig: args.kubeconfig, enableServerSideApply: true }, { parent: this });
        const ns = new k8s.core.v1.Namespace(
            names.of("app-namespace"),
            // The cluster itself refuses privileged pods, host namespaces and host paths here.
            { metadata: { name: namespace, labels: { "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "restricted" } } },
            { parent: this, provider: k8sProvider },
        );
        const k8sOpts = { parent: this, provider: k8sProvider, dependsOn: [ns] };
        // Ingress to each app pod from what uses it, and nothing else (network-policies.ts).
        createNetworkPolicies({ names, namespace, nodeCidrs: args.nodeCidrs, inClusterPostgres: args.database.mode === "in-cluster" }, k8sOpts);

        const at = (serviceAccount: string) => ({ namespace, serviceAccount });
        const common = { names, clusterName: args.clusterName };
        // The uploads bucket's ARN follows from its name: Open WebUI's role, the uploads key and the
        // bucket each name it, and the key policy names the role, so the role comes first.
        const uploadsArn = pulumi.interpolate`arn:aws:s3:::${uploadsBucketName(names, accountId)}`;
        // The recovery stack keeps prod's replica (and its key), which prod's stack owns.
        let uploadsKey: ReturnType<typeof createUploadsKey> | undefined;
        const webuiIdentity = podIdentity(
            {
                ...common,
                type: "webui",
                account: at(WEBUI_SERVICE_ACCOUNT),
                statements: uploadsStatements(uploadsArn),
                moreGrants: (role) => {
                    if (args.uploadsBucketIsReplica) return [];
                    uploadsKey = createUploadsKey({ names, region, accountId, bucketArn: uploadsArn, userRole: role.role, replicationRoleArn: args.recoveryCopy?.replicationRoleArn }, this);
                    return [uploadsKey.grant];
                },
            },
            this,
        );
        const bucket = !uploadsKey
            ? { bucket: uploadsBucketName(names, accountId) }
            : createHardenedBucket(
            {
                name: names.of(UPLOADS_BUCKET_TYPE),
                bucket: uploadsBucketName(names, accountId),
                // Users' files outlive a `pulumi destroy` of the stack, like backups; a stack that
                // protects its database (prod) protects them the same way.
                retainOnDelete: true,
                protect: args.database.deletionProtection,
                kmsKeyArn: uploadsKey.key.arn,
                replication: args.recoveryCopy
                    ? { roleArn: args.recoveryCopy.replicationRoleArn, destinationBucketArn: args.recoveryCopy.replicaBucketArn, destinationKmsKeyArn: args.recoveryCopy.kmsKeyArn }
                    : undefined,
                lifecycleRules: [
                    // A deleted or replaced file can be restored for 30 days, then it is gone.
                    { id: "expire-old-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: 30 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
                ],
            },
            this,
        );

        const database = createDatabase(
            { ...args.database, names, namespace, accountId, vpcId: args.vpcId, privateSubnetIds: args.privateSubnetIds, workerSecurityGroupId: args.workerSecurityGroupId, logRetentionDays: args.logRetentionDays },
            this,
            k8sOpts,
        );
        const secrets = createAppSecrets({ names, namespace, database, openaiApiKey: args.openaiApiKey }, k8sOpts);

        const litellmIdentity = podIdentity({ ...common, type: "litellm", account: at(LITELLM_SERVICE_ACCOUNT), statements: accountId.apply((id) => bedrockStatements(args.bedrockModels, region, id)) }, this);
        const setupIdentities =
            database.adminPassword.source === "secrets-manager"
                ? [podIdentity({ ...common, type: "db-setup", account: at(DB_SETUP_SERVICE_ACCOUNT), statements: masterSecretStatements(database.adminPassword.secretArn) }, this).association]
                : [];
        const setup = createDatabaseSetupJob({ names, namespace, database, secrets, dependsOn: [...database.ready, ...secrets.resources, ...setupIdentities] }, k8sOpts);

        // The chart's migrations hook runs before the chart's own resources exist, so its account
        // must come first (chart-values.ts, litellmValues).
        const litellmAccount = new k8s.core.v1.ServiceAccount(
            names.of("litellm-sa"),
            { metadata: { name: LITELLM_SERVICE_ACCOUNT, namespace }, automountServiceAccountToken: false },
            { ...k8sOpts, dependsOn: [ns] },
        );
        const litellm = new k8s.helm.v3.Release(
            names.of("litellm"),
            {
                name: LITELLM_RELEASE,
                chart: LITELLM_CHART.repository,
                version: args.litellmChartVersion,
                namespace,
                // Pulling the image and the start-up migrations outlast Helm's default 300 s.
                timeout: RELEASE_TIMEOUT_SECONDS,
                values: litellmValues({
                    replicas: args.litellmReplicas,
                    region,
                    databaseHost: database.host,
                    sslMode: database.sslMode,
                    bedrockModels: args.bedrockModels,
                    openaiModels: args.openaiModels,
                    sizing: LITELLM_SIZING[names.environment],
                }),
            },
            // Pods start only once their role can act and their database exists.
            { ...k8sOpts, dependsOn: [ns, setup, litellmAccount, litellmIdentity.association] },
        );
        // Open WebUI's own key, limited to the configured models, once LiteLLM answers (litellm-key.ts).
        const models = [...args.bedrockModels.map((m) => m.name), ...args.openaiModels];
        const litellmKey = createLitellmKeyJob(
            { names, namespace, models, key: secrets.webuiLitellmKey, generation: database.generation, dependsOn: [litellm, ...secrets.resources] },
            k8sOpts,
        );

        const webAcl = args.waf ? createWebAcl(names, args.logRetentionDays, this) : undefined;
        const url = args.domain ? pulumi.output(`https://${args.domain}`) : undefined;
        // Migrations, settings and the first admin, once, before any replica starts (webui-init.ts).
        const webuiInit = createWebuiInitJob(
            { names, namespace, url, adminEmail: args.adminEmail, generation: database.generation, dependsOn: [ns, setup, ...secrets.resources] },
            k8sOpts,
        );
        const webui = new k8s.helm.v3.Release(
            names.of("webui"),
            {
                name: WEBUI_RELEASE,
                chart: "open-webui",
                version: args.webuiChartVersion,
                repositoryOpts: { repo: WEBUI_CHART.repository },
                namespace,
                // The first start downloads the embedding model.
                timeout: RELEASE_TIMEOUT_SECONDS,
                values: webuiValues({ replicas: args.webuiReplicas, region, uploadsBucket: bucket.bucket, url }),
            },
            { ...k8sOpts, dependsOn: [ns, setup, webuiInit, litellm, litellmKey, webuiIdentity.association, ...(uploadsKey ? [uploadsKey.grant] : [])] },
        );
        if (args.webuiReplicas > 1) {
            new k8s.policy.v1.PodDisruptionBudget(
                names.of("webui-pdb"),
                // A node drain or upgrade takes one pod at a time; the other AZ keeps serving.
                { metadata: { name: WEBUI_RELEASE, namespace }, spec: { minAvailable: 1, selector: { matchLabels: WEBUI_SELECTOR } } },
                { ...k8sOpts, dependsOn: [webui] },
            );
        }

        const ingress = createIngress(
            {
                names,
                namespace,
                clusterName: args.clusterName,
                albSecurityGroupId: args.albSecurityGroupId,
                publicSubnetIds: args.publicSubnetIds,
                domain: args.domain,
                certificateArn: args.certificateArn,
                webAclArn: webAcl?.arn,
            },
            { ...k8sOpts, dependsOn: [webui] },
        );
        // The ALB's own name until a domain points at it.
        const albHost = ingress.status.apply((st) => st?.loadBalancer?.ingress?.[0]?.hostname ?? "");

        const logsIdentity = podIdentity(
            {
                ...common,
                type: "app-logs",
                account: { namespace: logsNamespace(namespace), serviceAccount: APP_LOGS_SERVICE_ACCOUNT },
                statements: appLogStatements(pulumi.interpolate`arn:aws:logs:${region}:${accountId}:log-group:${args.applicationLogGroupName}`),
            },
            this,
        );
        const logsNs = new k8s.core.v1.Namespace(
            names.of("app-logs-namespace"),
            // Reading node log files takes a hostPath volume, which the app namespace's baseline level refuses.
            { metadata: { name: logsNamespace(namespace), labels: { "pod-security.kubernetes.io/enforce": "privileged", "pod-security.kubernetes.io/warn": "baseline" } } },
            { parent: this, provider: k8sProvider },
        );
        createLogShipping(
            { names, namespace: logsNamespace(namespace), appNamespace: namespace, region, logGroupName: args.applicationLogGroupName },
            { parent: this, provider: k8sProvider, dependsOn: [logsNs, logsIdentity.association] },
        );

        const topics = pulumi.output(args.alertTopicArns);
        const alarmTopics = { warning: topics.warning, critical: topics.critical };
        // Read back once the controller has built the ALB for the Ingress (the provider waits for its address).
        const tags = pulumi.all([args.clusterName, albHost]).apply(([cluster]) => albLookupTags(cluster, namespace));
        const alb = aws.lb.getLoadBalancerOutput({ tags: tags.loadBalancer }, { parent: this });
        const targetGroup = aws.lb.getTargetGroupOutput({ tags: tags.targetGroup }, { parent: this });
        createAlbAlarms({ names, loadBalancer: alb.arnSuffix, targetGroup: targetGroup.arnSuffix, topics: alarmTopics }, this);
        if (database.rds) {
            createRdsAlarms({ names, instance: database.rds, instanceClass: args.database.instanceClass, storageGb: args.database.storageGb, topics: alarmTopics }, this);
        }
        const databaseCopy = database.rds && args.recoveryCopy ? copyDatabaseBackups(names, database.rds, args.recoveryCopy, this) : undefined;

        const repositories = createRepositories({ names, repositories: args.ecrRepositories, keepImages: args.ecrKeepImages }, this);

        this.url = url ?? pulumi.interpolate`http://${albHost}`;
        this.adminEmail = pulumi.output(args.adminEmail);
        this.adminPassword = secrets.adminPassword;
        this.uploadsBucketName = bucket.bucket;
        this.databaseHost = database.host;
        this.ecrRepositoryUrls = pulumi.all(repositories.map((r) => r.repositoryUrl));
        this.models = pulumi.output(models);
        this.recoveryDatabaseBackupsArn = databaseCopy?.id;
        this.registerOutputs({
            recoveryDatabaseBackupsArn: this.recoveryDatabaseBackupsArn,
            url: this.url,
            adminEmail: this.adminEmail,
            adminPassword: this.adminPassword,
            uploadsBucketName: this.uploadsBucketName,
            databaseHost: this.databaseHost,
            ecrRepositoryUrls: this.ecrRepositoryUrls,
            models: this.models,
        });
    }
}
