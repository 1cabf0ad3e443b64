/**
 * Open WebUI's one-off start-up work, done by one Job instead of by every replica.
 *
 * Every Open WebUI process does three things on its way up, none of them safe twice at once
 * (open-webui/open-webui v0.11.0, read from the stored sources; the tag's own snapshot was too
 * large to fetch):
 * - migrations: importing open_webui.internal.db runs the legacy peewee migrations and importing
 *   open_webui.config runs Alembic's `upgrade head`, both only when ENABLE_DB_MIGRATIONS is true
 *   (env.py, default true). There is no separate command; importing the module is the way. The
 *   Alembic step logs a failure and carries on (config.py run_migrations), so the job runs
 *   `upgrade head` once more itself, which is a no-op after a success and raises the real error
 *   after a failure.
 * - settings: seed_registered_defaults (config.py) inserts each setting missing from the `config`
 *   table, from the environment; a setting already there keeps its stored value (models/config.py
 *   Config.seed_defaults), which is why a later environment change is ignored.
 * - the first admin: the lifespan (main.py) calls utils/auth.py create_admin_user with
 *   WEBUI_ADMIN_EMAIL/PASSWORD/NAME, which inserts an admin when the user table is empty: a check,
 *   then an insert, with no lock, so two replicas starting together on an empty database race.
 *
 * The job does the three with the app's own image and environment, then re-asserts the settings
 * the program owns (WEBUI_OWNED_SETTINGS) with Config.upsert, the call the admin panel's save makes.
 * The serving pods get ENABLE_DB_MIGRATIONS=False and no admin variables; their own seeding then
 * finds every setting present and changes nothing.
 */
import { createHash } from "crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "@openwebui-aws/rules/naming";
import { OPEN_WEBUI_RELEASE } from "../releases";
import { fromSecret, RESTRICTED_CONTAINER, WEBUI_OPENAI_BASE_URL, webuiEnv } from "./chart-values";
import { WEBUI_SECRET } from "./setup";

/**
 * The image the chart runs: its values.yaml's image.repository at the chart's appVersion (the
 * chart's open-webui.tag helper falls back to .Chart.AppVersion when image.tag is empty, as ours is).
 */
export const WEBUI_IMAGE = `ghcr.io/open-webui/open-webui:${OPEN_WEBUI_RELEASE.appVersion}`;

/**
 * Settings stored in Open WebUI's database (config.py DEFAULT_CONFIG key → its environment
 * variable) whose value the program decides. The job writes them on every run, so the stack's
 * value wins over an earlier one, and over an edit in the admin panel once the job runs again.
 */
export const WEBUI_OWNED_SETTINGS = {
    "webui.url": "WEBUI_URL",
    "ui.enable_signup": "ENABLE_SIGNUP",
    "ui.default_user_role": "DEFAULT_USER_ROLE",
    "openai.enable": "ENABLE_OPENAI_API",
    "openai.api_base_urls": "OPENAI_API_BASE_URL",
    "openai.api_keys": "OPENAI_API_KEY",
} as const;

/** Runs in the image's /app/backend, where `open_webui` is importable; every failure exits non-zero. */
export const WEBUI_INIT_SCRIPT = [
    "import asyncio, os",
    "import open_webui.config as owui_config",
    "from alembic import command",
    "from alembic.config import Config as AlembicConfig",
    "from open_webui.env import OPEN_WEBUI_DIR, WEBUI_ADMIN_EMAIL, WEBUI_ADMIN_NAME, WEBUI_ADMIN_PASSWORD",
    "from open_webui.models.config import Config",
    "from open_webui.utils.auth import create_admin_user",
    "alembic_cfg = AlembicConfig(str(OPEN_WEBUI_DIR / 'alembic.ini'))",
    "alembic_cfg.set_main_option('script_location', str(OPEN_WEBUI_DIR / 'migrations'))",
    "command.upgrade(alembic_cfg, 'head')",
    "async def main():",
    "    await owui_config.seed_registered_defaults()",
    "    if WEBUI_ADMIN_EMAIL and WEBUI_ADMIN_PASSWORD and await create_admin_user(WEBUI_ADMIN_EMAIL, WEBUI_ADMIN_PASSWORD, WEBUI_ADMIN_NAME):",
    "        print('created the first admin')",
    "    owned = [k for k in os.environ['WEBUI_OWNED_SETTINGS'].split(',') if k]",
    "    await Config.upsert({k: Config.default_value(k) for k in owned})",
    "    print('asserted', ', '.join(owned))",
    "asyncio.run(main())",
    "",
].join("\n");

/**
 * The job's name. A Job's pod spec is immutable and a finished Job stays, so the name is what
 * decides whether the work runs again: it changes with the image (an upgrade's migrations), the
 * script, the owned settings' values (appDomain added: WEBUI_URL) and the database server (a
 * replaced one is empty), and with nothing else, so a `pulumi up` with the same inputs keeps it.
 * No input is secret (the LiteLLM key reaches the job by reference only).
 */
export function webuiInitJobName(a: { image: string; script: string; settings: Record<string, string>; generation: string }): string {
    const digest = createHash("sha256").update(JSON.stringify([a.image, a.script, Object.entries(a.settings).sort(), a.generation])).digest("hex");
    return `webui-init-${digest.slice(0, 10)}`;
}

export interface WebuiInitArgs {
    names: Namer;
    namespace: string;
    url?: pulumi.Input<string>;
    /** A Pulumi secret when the stack encrypts appAdminEmail. */
    adminEmail: pulumi.Input<string>;
    /** Changes when the database server is replaced (Database.generation). */
    generation: pulumi.Input<string>;
    dependsOn: pulumi.Resource[];
}

export function createWebuiInitJob(a: WebuiInitArgs, k8sOpts: pulumi.CustomResourceOptions): k8s.batch.v1.Job {
    const ownedKeys = Object.keys(WEBUI_OWNED_SETTINGS).filter((k) => a.url !== undefined || k !== "webui.url");
    // A setting read from a Secret counts by its reference, never its value: pointing it at another
    // Secret key (the master key → Open WebUI's own key) must run the job again.
    const plain = (env: { name: string; value?: unknown; valueFrom?: { secretKeyRef: { name: string; key: string } } }[]) =>
        env.map((e) => [e.name, "value" in e ? e.value : `secret:${e.valueFrom?.secretKeyRef.name}/${e.valueFrom?.secretKeyRef.key}`] as const);
    const env = [
        ...webuiEnv(a.url),
        // What the chart sets itself for the serving pods (templates/workload-manager.yaml, chart
        // 16.0.0: no Ollama, one OpenAI-compatible URL and its key from the Secret).
        { name: "ENABLE_OLLAMA_API", value: "False" },
        { name: "ENABLE_OPENAI_API", value: "True" },
        { name: "OPENAI_API_BASE_URL", value: WEBUI_OPENAI_BASE_URL },
        // Open WebUI's own virtual key (litellm-key.ts); written to the database as openai.api_keys.
        { name: "OPENAI_API_KEY", ...fromSecret(WEBUI_SECRET.name, WEBUI_SECRET.litellmKey) },
        { name: "ENABLE_DB_MIGRATIONS", value: "True" },
        { name: "WEBUI_ADMIN_EMAIL", value: a.adminEmail },
        { name: "WEBUI_ADMIN_PASSWORD", ...fromSecret(WEBUI_SECRET.name, WEBUI_SECRET.adminPassword) },
        { name: "WEBUI_ADMIN_NAME", value: "Administrator" },
        { name: "WEBUI_OWNED_SETTINGS", value: ownedKeys.join(",") },
    ];
    const settings = pulumi
        .all(plain(env).filter(([name]) => Object.values(WEBUI_OWNED_SETTINGS).includes(name as never)).map(([name, value]) => pulumi.output(value as pulumi.Input<string>).apply((v) => [name, v] as const)))
        .apply((pairs) => Object.fromEntries(pairs));
    const name = pulumi.all([settings, a.generation]).apply(([s, generation]) => webuiInitJobName({ image: WEBUI_IMAGE, script: WEBUI_INIT_SCRIPT, settings: s, generation }));
    return new k8s.batch.v1.Job(
        a.names.of("webui-init"),
        {
            metadata: { namespace: a.namespace, name },
            spec: {
                backoffLimit: 4,
                template: {
                    spec: {
                        restartPolicy: "OnFailure",
                        automountServiceAccountToken: false,
                        enableServiceLinks: false,
                        securityContext: { seccompProfile: { type: "RuntimeDefault" } },
                        // Importing config.py creates DATA_DIR's uploads/ and cache/ and refreshes the static files.
                        volumes: [{ name: "data", emptyDir: { sizeLimit: "256Mi" } }],
                        containers: [
                            {
                                name: "init",
                                image: WEBUI_IMAGE,
                                workingDir: "/app/backend",
                                command: ["python", "-c", WEBUI_INIT_SCRIPT],
                                env,
                                securityContext: RESTRICTED_CONTAINER,
                                resources: { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "1Gi" } },
                                volumeMounts: [{ name: "data", mountPath: "/app/backend/data" }],
                            },
                        ],
                    },
                },
            },
        },
        // The image is several GB: its first pull alone can pass the provider's 10-minute wait for a Job.
        { ...k8sOpts, dependsOn: a.dependsOn, customTimeouts: { create: "20m", update: "20m" } },
    );
}
