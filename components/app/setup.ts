/**
 * The application's secrets and its one-off database setup.
 *
 * Every secret is generated here (@pulumi/random, so it is a Pulumi secret, encrypted in state) and
 * reaches the pods only as a Kubernetes Secret (encrypted at rest with the cluster's KMS key). The RDS
 * master password is the exception: RDS keeps it in Secrets Manager and the setup job reads it there.
 */
import { createHmac } from "crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Namer } from "@openwebui-aws/rules/naming";
import { AWS_CLI_IMAGE, POSTGRES_IMAGE } from "./images";
import { ADMIN_USER, Database, POSTGRES_PORT } from "./database";

/** Secret names and keys the charts are pointed at. */
export const WEBUI_SECRET = { name: "open-webui-secrets", secretKey: "webui-secret-key", adminPassword: "admin-password", databaseUrl: "database-url", litellmKey: "litellm-virtual-key" } as const;
export const LITELLM_SECRET = { name: "litellm-secrets", masterKey: "masterkey", dbUsername: "db-username", dbPassword: "db-password" } as const;
export const PROVIDER_KEYS_SECRET = "litellm-provider-keys";

/** Each app's own database and login; the setup job creates both, idempotently. */
export const APP_DATABASES = { webui: "openwebui", litellm: "litellm" } as const;

export const DB_SETUP_SERVICE_ACCOUNT = "db-setup";

export interface AppSecrets {
    /** The admin's generated password: a secret stack output. */
    adminPassword: pulumi.Output<string>;
    resources: pulumi.Resource[];
    webuiDbPassword: pulumi.Output<string>;
    litellmDbPassword: pulumi.Output<string>;
    /** Open WebUI's LiteLLM virtual key (litellm-key.ts registers it): never the master key. */
    webuiLitellmKey: pulumi.Output<string>;
}

const password = (names: Namer, type: string, parent: pulumi.Resource | undefined) =>
    // Letters and digits only: the values go into URLs and SQL literals unescaped.
    new random.RandomPassword(names.of(type), { length: 40, special: false }, { parent }).result;

export function createAppSecrets(
    args: { names: Namer; namespace: string; database: Database; openaiApiKey?: pulumi.Output<string> },
    k8sOpts: pulumi.CustomResourceOptions,
): AppSecrets {
    const { names, namespace, database } = args;
    const parent = k8sOpts.parent;
    const adminPassword = password(names, "admin-password", parent);
    const webuiDbPassword = password(names, "webui-db-password", parent);
    const litellmDbPassword = password(names, "litellm-db-password", parent);
    // LiteLLM takes a key of one's own only when it starts with "sk-" (key_management_endpoints.py);
    // 48 characters, so it can never equal the 40-character master key.
    const webuiLitellmKey = pulumi.interpolate`sk-${new random.RandomPassword(names.of("webui-litellm-key"), { length: 48, special: false }, { parent }).result}`;
    const sslQuery = database.sslMode === "require" ? "?sslmode=require" : "";
    const databaseUrl = pulumi.interpolate`postgresql://${APP_DATABASES.webui}:${webuiDbPassword}@${database.host}:${POSTGRES_PORT}/${APP_DATABASES.webui}${sslQuery}`;

    const resources: pulumi.Resource[] = [
        new k8s.core.v1.Secret(
            names.of("webui-secret"),
            {
                metadata: { name: WEBUI_SECRET.name, namespace },
                type: "Opaque",
                stringData: {
                    // Signs sessions: every replica must share it, or a user is logged out when the ALB switches pods.
                    [WEBUI_SECRET.secretKey]: password(names, "webui-secret-key", parent),
                    [WEBUI_SECRET.adminPassword]: adminPassword,
                    [WEBUI_SECRET.databaseUrl]: databaseUrl,
                    [WEBUI_SECRET.litellmKey]: webuiLitellmKey,
                },
            },
            k8sOpts,
        ),
        new k8s.core.v1.Secret(
            names.of("litellm-secret"),
            {
                metadata: { name: LITELLM_SECRET.name, namespace },
                type: "Opaque",
                stringData: {
                    // LiteLLM accepts only master keys that start with "sk-".
                    [LITELLM_SECRET.masterKey]: pulumi.interpolate`sk-${password(names, "litellm-master-key", parent)}`,
                    [LITELLM_SECRET.dbUsername]: APP_DATABASES.litellm,
                    [LITELLM_SECRET.dbPassword]: litellmDbPassword,
                },
            },
            k8sOpts,
        ),
        new k8s.core.v1.Secret(
            names.of("provider-keys-secret"),
            // Exported to LiteLLM as environment variables; empty when no external provider is configured.
            { metadata: { name: PROVIDER_KEYS_SECRET, namespace }, type: "Opaque", stringData: args.openaiApiKey ? { OPENAI_API_KEY: args.openaiApiKey } : {} },
            k8sOpts,
        ),
    ];
    return { adminPassword: pulumi.secret(adminPassword), resources, webuiDbPassword, litellmDbPassword, webuiLitellmKey };
}

/**
 * SQL the setup job runs as the admin user: each app's login and database, created when missing and
 * the password (re)set every run, and pgvector in Open WebUI's database. psql variables carry the
 * passwords (read from the environment with \getenv, so they are in no command line), quoted by
 * format(%L), never pasted into the text.
 */
export function setupSql(): string {
    const app = (db: string, variable: string) => [
        `SELECT format('CREATE ROLE %I LOGIN', '${db}') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${db}')\\gexec`,
        `SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', '${db}', :'${variable}')\\gexec`,
        // CREATE DATABASE ... OWNER needs the admin to be a member of the owner (RDS is not superuser).
        `SELECT format('GRANT %I TO %I', '${db}', current_user)\\gexec`,
        `SELECT format('CREATE DATABASE %I OWNER %I', '${db}', '${db}') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${db}')\\gexec`,
        `REVOKE ALL ON DATABASE ${db} FROM PUBLIC;`,
    ];
    return [
        "\\getenv webui_password WEBUI_DB_PASSWORD",
        "\\getenv litellm_password LITELLM_DB_PASSWORD",
        ...app(APP_DATABASES.webui, "webui_password"),
        ...app(APP_DATABASES.litellm, "litellm_password"),
        `\\connect ${APP_DATABASES.webui}`,
        "CREATE EXTENSION IF NOT EXISTS vector;",
        "",
    ].join("\n");
}

/**
 * In RDS mode an init container fetches the managed master password and writes a pgpass file (":" and
 * "\" escaped as libpq requires); in-cluster mode reads it from the Postgres Secret.
 */
export const FETCH_RDS_PASSWORD = [
    "set -eu",
    'json=$(aws secretsmanager get-secret-value --secret-id "$MASTER_SECRET_ARN" --query SecretString --output text)',
    // {"username":"…","password":"…"}: RDS-generated passwords contain no double quote.
    'pw=${json#*\\"password\\":\\"}; pw=${pw%%\\"*}',
    'esc=$(printf %s "$pw" | sed -e \'s/\\\\/\\\\\\\\/g\' -e \'s/:/\\\\:/g\')',
    'printf "%s:%s:*:%s:%s\\n" "$PGHOST" "$PGPORT" "$PGUSER" "$esc" > /work/pgpass',
    "chmod 600 /work/pgpass",
].join("\n");

export function createDatabaseSetupJob(
    args: { names: Namer; namespace: string; database: Database; secrets: AppSecrets; dependsOn: pulumi.Resource[] },
    k8sOpts: pulumi.CustomResourceOptions,
): k8s.batch.v1.Job {
    const { names, namespace, database } = args;
    const fromRds = database.adminPassword.source === "secrets-manager";
    const pgEnv = [
        { name: "PGHOST", value: database.host },
        { name: "PGPORT", value: String(POSTGRES_PORT) },
        { name: "PGUSER", value: ADMIN_USER },
        { name: "PGDATABASE", value: "postgres" },
        { name: "PGSSLMODE", value: database.sslMode },
        { name: "PGCONNECT_TIMEOUT", value: "10" },
    ];
    const adminPassword =
        database.adminPassword.source === "kubernetes"
            ? [{ name: "PGPASSWORD", valueFrom: { secretKeyRef: { name: database.adminPassword.secretName, key: database.adminPassword.key } } }]
            : [{ name: "PGPASSFILE", value: "/work/pgpass" }];
    const restricted = { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } };
    const sql = setupSql();
    const digestKey = new random.RandomPassword(names.of("db-setup-digest-key"), { length: 64, special: false }, { parent: k8sOpts.parent }).result;
    const configMap = new k8s.core.v1.ConfigMap(names.of("db-setup-sql"), { metadata: { name: "db-setup-sql", namespace }, data: { "setup.sql": sql } }, k8sOpts);
    const serviceAccount = new k8s.core.v1.ServiceAccount(
        names.of("db-setup-sa"),
        { metadata: { name: DB_SETUP_SERVICE_ACCOUNT, namespace }, automountServiceAccountToken: false },
        k8sOpts,
    );
    return new k8s.batch.v1.Job(
        names.of("db-setup"),
        {
            // Not secret: a keyed one-way digest says nothing about the passwords (setupJobName).
            metadata: {
                namespace,
                name: pulumi.unsecret(
                    pulumi
                        .all([database.generation, digestKey, args.secrets.webuiDbPassword, args.secrets.litellmDbPassword])
                        .apply(([generation, key, webui, litellm]) => setupJobName({ sql, generation, key, passwords: { webui, litellm } })),
                ),
            },
            spec: {
                backoffLimit: 6,
                template: {
                    spec: {
                        restartPolicy: "OnFailure",
                        serviceAccountName: DB_SETUP_SERVICE_ACCOUNT,
                        securityContext: { runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999, seccompProfile: { type: "RuntimeDefault" } },
                        volumes: [
                            { name: "work", emptyDir: { medium: "Memory", sizeLimit: "1Mi" } },
                            { name: "sql", configMap: { name: "db-setup-sql" } },
                            { name: "tmp", emptyDir: { sizeLimit: "16Mi" } },
                        ],
                        initContainers: fromRds
                            ? [
                                  {
                                      name: "fetch-master-password",
                                      image: AWS_CLI_IMAGE,
                                      command: ["/bin/bash", "-c", FETCH_RDS_PASSWORD],
                                      env: [
                                          ...pgEnv,
                                          { name: "MASTER_SECRET_ARN", value: (database.adminPassword as { secretArn: pulumi.Output<string> }).secretArn },
                                          { name: "HOME", value: "/tmp" },
                                      ],
                                      securityContext: restricted,
                                      volumeMounts: [{ name: "work", mountPath: "/work" }, { name: "tmp", mountPath: "/tmp" }],
                                  },
                              ]
                            : [],
                        containers: [
                            {
                                name: "setup",
                                image: POSTGRES_IMAGE,
                                command: ["psql", "-v", "ON_ERROR_STOP=1", "-f", "/sql/setup.sql"],
                                env: [
                                    ...pgEnv,
                                    ...adminPassword,
                                    { name: "WEBUI_DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-setup-passwords", key: "webui" } } },
                                    { name: "LITELLM_DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-setup-passwords", key: "litellm" } } },
                                ],
                                securityContext: restricted,
                                volumeMounts: [{ name: "work", mountPath: "/work" }, { name: "sql", mountPath: "/sql" }, { name: "tmp", mountPath: "/tmp" }],
                            },
                        ],
                    },
                },
            },
        },
        {
            ...k8sOpts,
            dependsOn: [
                ...args.dependsOn,
                configMap,
                serviceAccount,
                new k8s.core.v1.Secret(
                    names.of("db-setup-passwords"),
                    { metadata: { name: "db-setup-passwords", namespace }, type: "Opaque", stringData: { webui: args.secrets.webuiDbPassword, litellm: args.secrets.litellmDbPassword } },
                    k8sOpts,
                ),
            ],
        },
    );
}

/**
 * The setup job's name. A Job's pod spec is immutable, so running the setup again takes a new Job:
 * the name changes with the script, with the database server (a replaced one is empty) and with
 * either app's password (the Secrets change, and the role in Postgres must follow).
 *
 * The passwords enter only through HMAC-SHA256 keyed with a per-stack random key (a Pulumi secret),
 * cut to 40 bits. That is no password: it cannot be reversed, 40 bits cannot pin down 238-bit random
 * passwords, and without the key it cannot even confirm a guessed one. So the name may appear in
 * clear in the state, kubectl and events, where a password must never be.
 */
export function setupJobName(a: { sql: string; generation: string; key: string; passwords: { webui: string; litellm: string } }): string {
    const digest = createHmac("sha256", a.key).update(JSON.stringify([a.sql, a.generation, a.passwords.webui, a.passwords.litellm])).digest("hex");
    return `db-setup-${digest.slice(0, 10)}`;
}
