/**
 * Helm values for the two official charts, as plain functions so tests hold them against the pinned
 * charts' own values.yaml (vendor/). Every key here exists in that file; where a behaviour comes from
 * Open WebUI or LiteLLM rather than the chart, the comment names the source.
 */
import * as pulumi from "@pulumi/pulumi";
import { BedrockModel } from "@openwebui-aws/rules/bedrock";
import { browserHardeningEnv } from "@openwebui-aws/rules/app-edge";
import { APP_DATABASES, LITELLM_SECRET, PROVIDER_KEYS_SECRET, WEBUI_SECRET } from "./setup";
import { POSTGRES_PORT } from "./database";
import { LITELLM_SIZING, LitellmSizing } from "./sizing";
import { LITELLM_RELEASE as LITELLM_CHART } from "../releases";

/** Release names: the charts then name their Services after them ("open-webui", "litellm"). */
export const WEBUI_RELEASE = "open-webui";
export const LITELLM_RELEASE = "litellm";
export const WEBUI_SERVICE_ACCOUNT = "open-webui";
export const LITELLM_SERVICE_ACCOUNT = "litellm";
export const LITELLM_PORT = 4000;
/** The Open WebUI chart's Service port (→ container port 8080). */
export const WEBUI_SERVICE_PORT = 80;

/** No privilege, no capabilities, the runtime's seccomp profile: for every container we configure. */
export const RESTRICTED_CONTAINER = { allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ["ALL"] } };
const RESTRICTED_POD = { seccompProfile: { type: "RuntimeDefault" } };

/** At most one replica more in one AZ than the other: prod's two pods land in both AZs. */
function zoneSpread(matchLabels: Record<string, string>) {
    return [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels } }];
}

export const WEBUI_SELECTOR = { "app.kubernetes.io/instance": WEBUI_RELEASE, "app.kubernetes.io/component": "open-webui" };
/** The websocket Redis pod (chart values websocket.redis.pods.labels) and its port (websocket.redis.service.containerPort). */
export const REDIS_POD_LABELS = { "app.kubernetes.io/name": "open-webui-redis", "app.kubernetes.io/part-of": "openwebui" } as const;
export const REDIS_PORT = 6379;
/** The Open WebUI container's port behind the Service's 80 (chart values service.containerPort). */
export const WEBUI_CONTAINER_PORT = 8080;

export interface WebuiValuesArgs {
    replicas: number;
    region: string;
    uploadsBucket: pulumi.Input<string>;
    /** What users open (https://host, or the ALB's own http:// name). */
    url?: pulumi.Input<string>;
}

export const fromSecret = (name: string, key: string) => ({ valueFrom: { secretKeyRef: { name, key } } });

/** LiteLLM's OpenAI-compatible API, Open WebUI's only model backend. */
export const WEBUI_OPENAI_BASE_URL = `http://${LITELLM_RELEASE}:${LITELLM_PORT}/v1`;

/**
 * What every Open WebUI process of ours reads: the serving pods and the one-off init job
 * (webui-init.ts), so both see the same database and settings. Sign-up stays shut
 * (ENABLE_SIGNUP and ENABLE_INITIAL_ADMIN_SIGNUP off refuse every sign-up, the first included:
 * open-webui backend/open_webui/routers/auths.py, v0.11.0); the admin comes from the init job.
 */
export function webuiEnv(url: pulumi.Input<string> | undefined) {
    return [
        { name: "WEBUI_SECRET_KEY", ...fromSecret(WEBUI_SECRET.name, WEBUI_SECRET.secretKey) },
        { name: "DATABASE_URL", ...fromSecret(WEBUI_SECRET.name, WEBUI_SECRET.databaseUrl) },
        // RAG vectors in the same Postgres (pgvector), not in each pod's local Chroma.
        { name: "VECTOR_DB", value: "pgvector" },
        { name: "PGVECTOR_DB_URL", ...fromSecret(WEBUI_SECRET.name, WEBUI_SECRET.databaseUrl) },
        { name: "ENABLE_SIGNUP", value: "False" },
        { name: "ENABLE_INITIAL_ADMIN_SIGNUP", value: "False" },
        { name: "DEFAULT_USER_ROLE", value: "pending" },
        ...(url ? [{ name: "WEBUI_URL", value: url }] : []),
        // Served over HTTPS (url is set only then): Secure cookies, HSTS and CORS for the app's own
        // origin (rules/app-edge.ts names the upstream settings).
        ...(url ? browserHardeningEnv(url) : []),
    ];
}

/**
 * Kubernetes gives a probe 1 s by default (timeoutSeconds; kubernetes.io "Configure Liveness,
 * Readiness and Startup Probes"). Open WebUI answers /health on the same event loop that parses
 * and embeds uploads, so on a 2-vCPU node a RAG ingestion can hold the answer back for seconds:
 * with 1 s and 3 misses the kubelet killed the pod in the middle of the upload it was busy with.
 * - startup: the first start downloads the embedding model; up to ten minutes (60 × 10 s).
 * - readiness: 5 s per try, out of the ALB after 30 s without an answer, back on the first one.
 * - liveness: 10 s per try and 6 misses 20 s apart: only a process silent for two minutes is
 *   restarted, which a stalled ingestion is not, and a hung one still is.
 */
export const WEBUI_PROBES = {
    startupProbe: { httpGet: { path: "/health", port: "http" }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 60 },
    readinessProbe: { httpGet: { path: "/health", port: "http" }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 1 },
    livenessProbe: { httpGet: { path: "/health", port: "http" }, periodSeconds: 20, timeoutSeconds: 10, failureThreshold: 6 },
};

export function webuiValues(a: WebuiValuesArgs): Record<string, unknown> {
    return {
        // LiteLLM is the only model backend: no Ollama, no Pipelines.
        ollama: { enabled: false },
        pipelines: { enabled: false },
        replicaCount: a.replicas,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        serviceAccount: { enable: true, create: true, name: WEBUI_SERVICE_ACCOUNT, automountServiceAccountToken: false },
        // Uploads in S3 (the chart then runs a Deployment with an emptyDir, not a StatefulSet with a PVC).
        // No keys: with S3_ACCESS_KEY_ID empty, Open WebUI's S3StorageProvider falls back to boto3's
        // default credentials, i.e. Pod Identity (open-webui/open-webui backend/open_webui/storage/provider.py).
        persistence: {
            enabled: true,
            provider: "s3",
            s3: { bucket: a.uploadsBucket, region: a.region, endpointUrl: `https://s3.${a.region}.amazonaws.com`, keyPrefix: "uploads" },
        },
        // Socket.IO state shared by all replicas through the chart's own Redis (ephemeral: on a restart
        // clients reconnect; nothing durable lives there).
        websocket: {
            enabled: true,
            manager: "redis",
            redis: {
                enabled: true,
                // A label of ours: the chart's own Redis labels changed between releases, and the
                // NetworkPolicy that admits only Open WebUI must select this pod (network-policies.ts).
                pods: { labels: REDIS_POD_LABELS },
                resources: { requests: { cpu: "25m", memory: "32Mi" }, limits: { memory: "128Mi" } },
                containerSecurityContext: { ...RESTRICTED_CONTAINER, runAsNonRoot: true, runAsUser: 999, readOnlyRootFilesystem: true },
                podSecurityContext: RESTRICTED_POD,
            },
        },
        enableOpenaiApi: true,
        openaiBaseApiUrl: WEBUI_OPENAI_BASE_URL,
        // The chart's default key is a public placeholder. Open WebUI authenticates to LiteLLM with its own
        // virtual key, limited to the configured models (litellm-key.ts), never with the master key: Open
        // WebUI stores the key in its database and shows it to its admins (Admin → Connections).
        openaiApiKey: "",
        openaiApiKeyExistingSecret: WEBUI_SECRET.name,
        openaiApiKeyExistingSecretKey: WEBUI_SECRET.litellmKey,
        // The ALB reaches pods through the NodePorts the design's security groups open to it.
        service: { type: "NodePort" },
        podSecurityContext: RESTRICTED_POD,
        containerSecurityContext: RESTRICTED_CONTAINER,
        resources: { requests: { cpu: "200m", memory: "1Gi" }, limits: { memory: "2Gi" } },
        ...WEBUI_PROBES,
        topologySpreadConstraints: zoneSpread(WEBUI_SELECTOR),
        extraEnvVars: [
            ...webuiEnv(a.url),
            // Migrations run once, in the init job; replicas starting together must not each run them
            // (open-webui backend/open_webui/config.py and internal/db.py, v0.11.0: both migration
            // steps run at import only when ENABLE_DB_MIGRATIONS is true, its default).
            { name: "ENABLE_DB_MIGRATIONS", value: "False" },
        ],
    };
}

export interface LitellmValuesArgs {
    replicas: number;
    region: string;
    databaseHost: pulumi.Input<string>;
    sslMode: "require" | "disable";
    bedrockModels: BedrockModel[];
    openaiModels: string[];
    /** Requests and limits (sizing.ts); production's when not given. */
    sizing?: LitellmSizing;
}

export const LITELLM_SELECTOR = { "app.kubernetes.io/name": "litellm", "app.kubernetes.io/instance": LITELLM_RELEASE };

/** LiteLLM's config.yaml model list: Bedrock through Pod Identity (boto3's default credentials), OpenAI with its key. */
export function litellmModelList(bedrockModels: BedrockModel[], openaiModels: string[], region: string) {
    return [
        ...bedrockModels.map((m) => ({ model_name: m.name, litellm_params: { model: `bedrock/${m.id}`, aws_region_name: region } })),
        ...openaiModels.map((m) => ({ model_name: m, litellm_params: { model: `openai/${m}`, api_key: "os.environ/OPENAI_API_KEY" } })),
    ];
}

/**
 * LiteLLM migrates its database in exactly one place: the chart's migrations Job, as a Helm
 * pre-install/pre-upgrade hook, so Helm runs it to completion before it creates or rolls the
 * proxies (`kubernetes.helm.sh/v3.Release` drives the Helm library, which runs hooks; nothing here
 * sets its `disableWebhooks`). Evidence, litellm-helm templates (BerriAI/litellm, read 2026-06:
 * deploy/charts/litellm-helm at 3dd55a7b and helm/litellm-helm at 0ca434a7, the stored versions
 * nearest the pin; which tree 1.86.2 was packaged from is open, vendor/…/source.json):
 * - migrations-job.yaml adds the hook annotations (weight "1", `before-hook-creation`, so an upgrade
 *   deletes the finished Job before creating the next one instead of patching an immutable one),
 *   lists `envVars` in the Job's env and then DISABLE_SCHEMA_UPDATE "false" after them; the kubelet
 *   keeps the last of duplicate env names, so the Job migrates whatever `envVars` says.
 * - deployment.yaml sets no DISABLE_SCHEMA_UPDATE of its own: without ours every proxy pod would run
 *   the schema update at start (litellm/proxy/proxy_cli.py: unless `should_update_prisma_schema`
 *   in litellm/proxy/db/prisma_client.py reads it as disabled, start-up calls
 *   `PrismaManager.setup_database`), two at once in prod on top of the Job.
 * - The hook Job runs before the chart's own ServiceAccount exists, and in deploy/charts it uses
 *   that same account (no separate migration account), so the program creates `litellm` itself
 *   (index.ts) and the chart creates none.
 */
export const LITELLM_PROXY_SCHEMA_ENV = { DISABLE_SCHEMA_UPDATE: "true" } as const;

export function litellmValues(a: LitellmValuesArgs): Record<string, unknown> {
    const ssl = a.sslMode === "require" ? "?sslmode=require" : "";
    const sizing = a.sizing ?? LITELLM_SIZING.prod;
    return {
        replicaCount: a.replicas,
        // The chart's default tag (main-<appVersion>) is not published; a release tag does not move, so
        // a node that has it need not pull ~2 GB again.
        image: { ...LITELLM_CHART.image, pullPolicy: "IfNotPresent" },
        // Created by the program before the release, so the pre-install hook's pod can use it.
        serviceAccount: { create: false, name: LITELLM_SERVICE_ACCOUNT },
        podSecurityContext: RESTRICTED_POD,
        securityContext: RESTRICTED_CONTAINER,
        masterkeySecretName: LITELLM_SECRET.name,
        masterkeySecretKey: LITELLM_SECRET.masterKey,
        environmentSecrets: [PROVIDER_KEYS_SECRET],
        envVars: { AWS_REGION: a.region, ...LITELLM_PROXY_SCHEMA_ENV },
        proxy_config: {
            model_list: litellmModelList(a.bedrockModels, a.openaiModels, a.region),
            general_settings: { master_key: "os.environ/PROXY_MASTER_KEY" },
            // Parameters a model does not take are dropped instead of failing the request.
            litellm_settings: { drop_params: true },
        },
        db: {
            useExisting: true,
            deployStandalone: false,
            endpoint: a.databaseHost,
            database: APP_DATABASES.litellm,
            url: `postgresql://$(DATABASE_USERNAME):$(DATABASE_PASSWORD)@$(DATABASE_HOST):${POSTGRES_PORT}/$(DATABASE_NAME)${ssl}`,
            secret: { name: LITELLM_SECRET.name, usernameKey: LITELLM_SECRET.dbUsername, passwordKey: LITELLM_SECRET.dbPassword },
        },
        resources: sizing.proxy,
        // The one migration: a Helm hook that finishes before the proxies start (see above). Not an
        // Argo CD hook: nothing here syncs with Argo CD.
        migrationJob: { resources: sizing.migrations, hooks: { argocd: { enabled: false }, helm: { enabled: true } } },
        topologySpreadConstraints: zoneSpread(LITELLM_SELECTOR),
        pdb: a.replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false },
    };
}
