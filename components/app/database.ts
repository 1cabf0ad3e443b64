/**
 * Postgres for Open WebUI and LiteLLM: RDS PostgreSQL in the private subnets (prod), or one Postgres
 * pod on an encrypted gp3 volume (dev's budget). Either way the apps get the same thing: a host, a
 * database and a user of their own, in Kubernetes Secrets (see setup.ts).
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { RDS_INSTANCE_MEMORY_GIB } from "@openwebui-aws/rules/app";
import { Namer } from "@openwebui-aws/rules/naming";
import { nameTag } from "@openwebui-aws/rules/tags";
import { RDS_LOG_EXPORTS, RDS_NO_STATEMENT_LOGGING, rdsLogGroupName } from "@openwebui-aws/rules/app";
import { keyPolicy } from "../kms";
import { POSTGRES_IMAGE } from "./images";

export const POSTGRES_PORT = 5432;
/** Not "postgres" (reserved on RDS) and the same in both modes. */
export const ADMIN_USER = "owui_admin";

/** RDS PostgreSQL's max_connections for a class (rules/app.ts has the formula's source). */
export const maxConnections = (instanceClass: string) => Math.min(Math.floor(((RDS_INSTANCE_MEMORY_GIB[instanceClass] ?? 1) * 1024 ** 3) / 9531392), 5000);

export type AdminPassword =
    /** RDS keeps and rotates it in Secrets Manager; the setup job reads it there at run time. */
    | { source: "secrets-manager"; secretArn: pulumi.Output<string> }
    /** A generated password in a Kubernetes Secret (in-cluster mode). */
    | { source: "kubernetes"; secretName: string; key: string };

export interface Database {
    host: pulumi.Output<string>;
    /** libpq sslmode the apps use: RDS enforces TLS (rds.force_ssl is on from PostgreSQL 15). */
    sslMode: "require" | "disable";
    adminPassword: AdminPassword;
    /** The RDS instance, for alarms; undefined in-cluster. */
    rds?: aws.rds.Instance;
    /** Changes when the server is replaced (a new, empty database): the setup job runs again then. */
    generation: pulumi.Output<string>;
    /** What must exist before anything connects. */
    ready: pulumi.Resource[];
}

/** rds: RDS PostgreSQL (prod); in-cluster: one Postgres pod on an encrypted gp3 volume (dev's cost). */
export type DatabaseMode = "rds" | "in-cluster";

/** Where Open WebUI and LiteLLM keep their data (OpenWebUIAppArgs.database). */
export interface DatabaseSettings {
    /** Which server the apps use. Required. */
    mode: DatabaseMode;
    /** The RDS instance class (`rds` mode), one whose memory rules/app.ts records. Required. */
    instanceClass: string;
    /** An RDS standby in a second AZ (`rds` mode). Required. */
    multiAz: boolean;
    /** Storage in GiB: RDS gp3 (20 to 65536), or the in-cluster volume's size. Required. */
    storageGb: number;
    /** Days of automated RDS backups (7 to 35). Required. */
    backupRetentionDays: number;
    /** RDS deletion protection (`rds` mode); the uploads bucket gets Pulumi `protect` alike. Required. */
    deletionProtection: boolean;
    /** RDS engine major version ("17"): RDS picks and upgrades the minor within it. Required. */
    engineVersion: string;
    /**
     * `rds` mode: start from these replicated automated backups (the recovery stack: prod's, in this
     * region), at their latest restorable time, instead of an empty database. Default: none (empty).
     */
    restoreFromBackupsArn?: string;
}

export interface DatabaseArgs extends DatabaseSettings {
    names: Namer;
    namespace: string;
    accountId: pulumi.Input<string>;
    vpcId: pulumi.Input<string>;
    privateSubnetIds: pulumi.Input<string>[];
    workerSecurityGroupId: pulumi.Input<string>;
    /** Retention of the exported RDS logs (rds mode). */
    logRetentionDays: number;
}

export function createDatabase(args: DatabaseArgs, parent: pulumi.Resource, k8sOpts: pulumi.CustomResourceOptions): Database {
    return args.mode === "rds" ? createRds(args, parent) : createInCluster(args, k8sOpts);
}

function createRds(args: DatabaseArgs, parent: pulumi.Resource): Database {
    const { names } = args;
    const opts = { parent };
    const keyName = names.of("rds-key");
    // Administered by the account, used by no one directly: RDS encrypts through the grant it creates
    // for the deploying identity (kms:CreateGrant), as it does for EBS.
    const key = new aws.kms.Key(keyName, { description: `Storage encryption of ${names.of("rds")}`, enableKeyRotation: true, deletionWindowInDays: 30, policy: keyPolicy(args.accountId, []), tags: nameTag(keyName) }, opts);
    new aws.kms.Alias(names.of("rds-alias"), { name: `alias/${keyName}`, targetKeyId: key.keyId }, opts);

    const sgName = names.of("rds-sg");
    const sg = new aws.ec2.SecurityGroup(sgName, { name: sgName, description: "RDS PostgreSQL: 5432 from the EKS workers only", vpcId: args.vpcId, tags: nameTag(sgName) }, opts);
    const fromWorkers = new aws.vpc.SecurityGroupIngressRule(
        `${sgName}-in-postgres-from-workers`,
        { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: POSTGRES_PORT, toPort: POSTGRES_PORT, referencedSecurityGroupId: args.workerSecurityGroupId, description: "Postgres from the EKS worker nodes" },
        opts,
    );

    const subnetGroupName = names.of("rds-subnet-group");
    const subnets = new aws.rds.SubnetGroup(subnetGroupName, { name: subnetGroupName, description: "Private subnets of the RDS instance", subnetIds: args.privateSubnetIds, tags: nameTag(subnetGroupName) }, opts);

    const name = names.of("rds");
    // The groups RDS exports to, created first so that they expire (RDS would create them without a retention).
    const logGroups = RDS_LOG_EXPORTS.map((log) => {
        const groupName = names.of("rds-lg", log);
        return new aws.cloudwatch.LogGroup(groupName, { name: rdsLogGroupName(name, log), retentionInDays: args.logRetentionDays, tags: nameTag(groupName) }, opts);
    });
    // The exported log must never hold SQL text: Open WebUI's statements carry users' prompts and files.
    const parameterGroupName = names.of("rds-pg");
    const parameters = new aws.rds.ParameterGroup(
        parameterGroupName,
        {
            name: parameterGroupName,
            family: `postgres${args.engineVersion}`,
            description: "No SQL text in the logs: no statement, slow-statement or failing-statement logging",
            parameters: Object.entries(RDS_NO_STATEMENT_LOGGING).map(([paramName, value]) => ({ name: paramName, value })),
            tags: nameTag(parameterGroupName),
        },
        opts,
    );
    const instance = new aws.rds.Instance(
        name,
        {
            identifier: name,
            engine: "postgres",
            // A major version: RDS applies minor versions in the maintenance window.
            engineVersion: args.engineVersion,
            autoMinorVersionUpgrade: true,
            instanceClass: args.instanceClass,
            allocatedStorage: args.storageGb,
            // Storage autoscaling up to twice the size; the free-storage alarm warns long before.
            maxAllocatedStorage: args.storageGb * 2,
            storageType: "gp3",
            storageEncrypted: true,
            kmsKeyId: key.arn,
            dbSubnetGroupName: subnets.name,
            vpcSecurityGroupIds: [sg.id],
            publiclyAccessible: false,
            multiAz: args.multiAz,
            // A restore brings prod's data, users and admin name; RDS then manages a new password.
            ...(args.restoreFromBackupsArn ? { restoreToPointInTime: { sourceDbInstanceAutomatedBackupsArn: args.restoreFromBackupsArn, useLatestRestorableTime: true } } : {}),
            username: ADMIN_USER,
            // RDS generates the password, keeps it in Secrets Manager and rotates it: it never
            // passes through Pulumi.
            manageMasterUserPassword: true,
            backupRetentionPeriod: args.backupRetentionDays,
            // 02:00-03:00 KST, before the EBS snapshots at 03:00 KST; maintenance on Monday 03:30 KST.
            backupWindow: "17:00-18:00",
            maintenanceWindow: "sun:18:30-sun:19:30",
            copyTagsToSnapshot: true,
            deletionProtection: args.deletionProtection,
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: `${name}-final`,
            caCertIdentifier: "rds-ca-rsa2048-g1",
            parameterGroupName: parameters.name,
            enabledCloudwatchLogsExports: [...RDS_LOG_EXPORTS],
            tags: nameTag(name),
        },
        { parent, dependsOn: [fromWorkers, ...logGroups] },
    );
    return {
        host: instance.address,
        sslMode: "require",
        adminPassword: { source: "secrets-manager", secretArn: instance.masterUserSecrets.apply((s) => s?.[0]?.secretArn ?? "") },
        rds: instance,
        generation: instance.resourceId.apply((id) => id ?? ""),
        ready: [instance],
    };
}

/** The in-cluster Postgres pod's labels: its Service and its NetworkPolicy select it by them. */
export const POSTGRES_LABELS = { "app.kubernetes.io/name": "postgres", "app.kubernetes.io/part-of": "openwebui" };

export const IN_CLUSTER_ADMIN_SECRET = { name: "postgres-admin", key: "password" };

function createInCluster(args: DatabaseArgs, k8sOpts: pulumi.CustomResourceOptions): Database {
    const { names, namespace } = args;
    const password = new random.RandomPassword(names.of("postgres-admin-password"), { length: 32, special: false }, { parent: k8sOpts.parent });
    const secret = new k8s.core.v1.Secret(
        names.of("postgres-admin-secret"),
        { metadata: { name: IN_CLUSTER_ADMIN_SECRET.name, namespace }, type: "Opaque", stringData: { [IN_CLUSTER_ADMIN_SECRET.key]: password.result } },
        k8sOpts,
    );
    const labels = POSTGRES_LABELS;
    const service = new k8s.core.v1.Service(
        names.of("postgres-service"),
        { metadata: { name: "postgres", namespace, labels }, spec: { selector: labels, ports: [{ name: "postgres", port: POSTGRES_PORT, targetPort: POSTGRES_PORT }] } },
        k8sOpts,
    );
    const statefulSet = new k8s.apps.v1.StatefulSet(
        names.of("postgres"),
        {
            metadata: { name: "postgres", namespace, labels },
            spec: {
                serviceName: "postgres",
                replicas: 1,
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        // The image's postgres user; fsGroup makes the new volume writable for it.
                        securityContext: { runAsUser: 999, runAsGroup: 999, fsGroup: 999, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
                        automountServiceAccountToken: false,
                        containers: [
                            {
                                name: "postgres",
                                image: POSTGRES_IMAGE,
                                ports: [{ name: "postgres", containerPort: POSTGRES_PORT }],
                                env: [
                                    { name: "POSTGRES_USER", value: ADMIN_USER },
                                    { name: "POSTGRES_PASSWORD", valueFrom: { secretKeyRef: { name: IN_CLUSTER_ADMIN_SECRET.name, key: IN_CLUSTER_ADMIN_SECRET.key } } },
                                    // A sub-directory: the volume's root holds lost+found, which initdb refuses.
                                    { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
                                ],
                                readinessProbe: { exec: { command: ["pg_isready", "-U", ADMIN_USER] }, periodSeconds: 10 },
                                // The image's defaults (PostgreSQL docs, "Resource Consumption"): shared_buffers
                                // 128 MB, maintenance_work_mem 64 MB (a pgvector index build), work_mem 4 MB per
                                // sort for each of both apps' pooled connections. 512 MiB left those no room
                                // beside the page cache the cgroup also counts.
                                resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
                                securityContext: { allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ["ALL"] } },
                                volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql/data" }],
                            },
                        ],
                    },
                },
                // gp3, encrypted, and tagged for the daily EBS snapshots by the EBS CSI driver.
                volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], storageClassName: "gp3", resources: { requests: { storage: `${args.storageGb}Gi` } } } }],
            },
        },
        { ...k8sOpts, dependsOn: [...((k8sOpts.dependsOn as pulumi.Resource[] | undefined) ?? []), secret] },
    );
    return {
        host: pulumi.output(`postgres.${namespace}.svc.cluster.local`),
        sslMode: "disable",
        adminPassword: { source: "kubernetes", secretName: IN_CLUSTER_ADMIN_SECRET.name, key: IN_CLUSTER_ADMIN_SECRET.key },
        generation: statefulSet.metadata.uid.apply((uid) => uid ?? ""),
        ready: [statefulSet, service],
    };
}
