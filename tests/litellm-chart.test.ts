/**
 * LiteLLM's chart and image are ones its publisher pushed, recorded in vendor/ with their source,
 * and the app releases give a first install long enough to pull and migrate.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { LITELLM_RELEASE as LITELLM_CHART } from "../components/releases";
import { RELEASE_TIMEOUT_SECONDS } from "../components/app";
import { targetsOf } from "../preflight/targets";
import { configOf } from "../preflight/stack";
import { PROJECT_DIR } from "../sim/stack-files";
import { named, ofType, stackRun, STACKS } from "./helpers";
import { ProgramRun, RecordedResource } from "../sim/mock-engine";

const vendorDir = path.dirname(path.join(PROJECT_DIR, LITELLM_CHART.valuesFile));
const source = JSON.parse(fs.readFileSync(path.join(vendorDir, "source.json"), "utf8"));
const load = (file: string) => yaml.load(fs.readFileSync(path.join(vendorDir, file), "utf8")) as Record<string, unknown>;

/** Tags that move to another image without the program changing: a first install and a node replacement would differ. */
const FLOATING = /^(main-)?(latest|stable|nightly|dev)$|-latest$|^latest-|^main$/;

describe("LiteLLM chart and image pins", () => {
    it("pins the chart in the version scheme its publisher pushes (the release number), not the version in its git Chart.yaml", () => {
        const chart = load("Chart.yaml");
        // The publish job rewrites only version and appVersion (source.json: publishing).
        assert.deepStrictEqual([chart.name, chart.version, chart.appVersion], ["litellm-helm", LITELLM_CHART.chartVersion, LITELLM_CHART.appVersion]);
        assert.strictEqual(LITELLM_CHART.chartVersion, LITELLM_CHART.appVersion.replace(/^v/, ""), "since BerriAI/litellm#19438 the chart version is the release number");
        assert.notStrictEqual(LITELLM_CHART.chartVersion, "1.1.0", "1.1.0 is the in-tree version, never pushed");
        assert.strictEqual(path.basename(vendorDir), `chart-${LITELLM_CHART.chartVersion}`);
        const pulumiDefault = (yaml.load(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as { config: Record<string, { default: unknown }> }).config.litellmChartVersion.default;
        assert.strictEqual(String(pulumiDefault), LITELLM_CHART.chartVersion);
    });

    it("records where each vendored file came from, and says it was not pulled from the registry", () => {
        assert.strictEqual(source.chartRepository, "oci://ghcr.io/berriai/litellm-helm");
        for (const file of ["values.yaml", "Chart.yaml"]) assert.match(source.fetched[file].commit, /^[0-9a-f]{40}$/, file);
        assert.match(source.fetched.how, /nothing was pulled/);
        assert.match(source.versionEvidence.published, /github\.com\/BerriAI\/litellm\/issues\/\d+/);
        assert.ok(source.versionEvidence.mayDiffer.includes(`--version ${LITELLM_CHART.chartVersion}`), "names the command that diffs the artefact's values");
    });

    for (const stack of STACKS) {
        it(`${stack}: LiteLLM runs the recorded image, a release tag of the chart's own Prisma-carrying repository, pulled only when missing`, async () => {
            const r = await stackRun(stack);
            const image = named(r, `openwebui-litellm-${stack}`).inputs.values.image;
            assert.deepStrictEqual(image, { repository: source.image.repository, tag: source.image.tag, pullPolicy: "IfNotPresent" });
            assert.strictEqual(image.repository, (load("values.yaml").image as { repository: string }).repository, "the repository the chart's migrations Job also runs");
            assert.doesNotMatch(image.tag, FLOATING);
            // What the chart would render without a tag was never published (BerriAI/litellm#29348).
            assert.notStrictEqual(image.tag, `main-${LITELLM_CHART.appVersion}`);
        });

        it(`${stack}: the preflight checks the image LiteLLM will pull, not the chart's default, for the nodes' arm64`, async () => {
            const r = await stackRun(stack);
            const targets = targetsOf(r, await configOf(r));
            const images = targets.images.filter((i) => i.usedBy.includes("release litellm")).map((i) => i.image);
            assert.deepStrictEqual(images, [`${source.image.repository}:${source.image.tag}`]);
            // arm64 for this tag is inferred from a later release (source.json), not observed: the
            // preflight is what proves it, because every node is Graviton and each image must list arm64.
            assert.deepStrictEqual(targets.nodeArchitectures, ["arm64"]);
        });

        it(`${stack}: both app releases wait ${RELEASE_TIMEOUT_SECONDS} s for readiness, not Helm's default 300 s`, async () => {
            const r = await stackRun(stack);
            for (const release of ["litellm", "webui"]) assert.strictEqual(named(r, `openwebui-${release}-${stack}`).inputs.timeout, RELEASE_TIMEOUT_SECONDS, release);
            assert.ok(RELEASE_TIMEOUT_SECONDS > 300);
        });
    }

    it("would catch a floating tag", () => {
        for (const tag of ["main-latest", "main-stable", "latest", "main-nightly"]) assert.match(tag, FLOATING, tag);
        for (const tag of ["1.86.2", "v1.86.2", "main-v1.81.3-stable", "v1.82.3-stable.patch.2"]) assert.doesNotMatch(tag, FLOATING, tag);
    });
});

/*
 * LiteLLM's first install migrates exactly once. What the chart renders from our values, restated
 * from litellm-helm's templates (BerriAI/litellm, read 2026-06: deploy/charts/litellm-helm at 3dd55a7b
 * and helm/litellm-helm at 0ca434a7; source.json "templateFacts"):
 * - deployment.yaml: the proxy's env is the chart's own (HOST, PORT, the database, PROXY_MASTER_KEY,
 *   none of them DISABLE_SCHEMA_UPDATE), then `envVars`, then `extraEnvVars`; `environmentSecrets`
 *   come through envFrom, which `env` overrides.
 * - migrations-job.yaml: the database, `envVars`, `extraEnvVars`, then DISABLE_SCHEMA_UPDATE "false"
 *   last; with `migrationJob.hooks.helm.enabled` the Job is a pre-install,pre-upgrade hook of weight
 *   "1" unless `hooks.helm.weight` says otherwise, deleted before the next one is created.
 * The kubelet keeps the last of duplicate env names. LiteLLM migrates at start unless
 * DISABLE_SCHEMA_UPDATE reads true, and `general_settings.disable_prisma_schema_update` in the
 * proxy's config, when set, is read instead of the env (litellm/proxy/proxy_cli.py,
 * litellm/proxy/db/prisma_client.py `should_update_prisma_schema`). The Job starts without --config.
 */
type Values = Record<string, any>;
type Env = { name: string; value?: string };
const chartDefaults = load("values.yaml") as Values;
const litellmRelease = (r: ProgramRun): RecordedResource => named(r, `openwebui-litellm-${r.stack}`);
const mapEnv = (m: Record<string, string> | undefined): Env[] => Object.entries(m ?? {}).map(([name, value]) => ({ name, value: String(value) }));
const listEnv = (v: unknown): Env[] => (Array.isArray(v) ? (v as Env[]) : []);
const lastValue = (env: Env[], name: string) => env.filter((e) => e.name === name).pop()?.value;
const truthy = (v: unknown) => ["true", "1", "yes", "on"].includes(String(v).toLowerCase());
function proxyMigratesAtStart(v: Values): boolean {
    const fromConfig = v.proxy_config?.general_settings?.disable_prisma_schema_update;
    if (fromConfig !== undefined && fromConfig !== null) return !truthy(fromConfig);
    return !truthy(lastValue([...mapEnv(v.envVars), ...listEnv(v.extraEnvVars)], "DISABLE_SCHEMA_UPDATE") ?? "false");
}
function migrationJob(v: Values): { rendered: boolean; migrates: boolean; helmHook: boolean; weight: string } {
    const job = { ...chartDefaults.migrationJob, ...v.migrationJob, hooks: { ...chartDefaults.migrationJob.hooks, ...v.migrationJob?.hooks } };
    const env = [...mapEnv(v.envVars), ...listEnv(v.extraEnvVars), { name: "DISABLE_SCHEMA_UPDATE", value: "false" }];
    return { rendered: job.enabled !== false, migrates: !truthy(lastValue(env, "DISABLE_SCHEMA_UPDATE")), helmHook: job.hooks.helm.enabled === true, weight: String(job.hooks.helm.weight ?? "1") };
}
/** Everything `res` waits for, directly or through what it waits for. */
function waitsFor(r: ProgramRun, res: RecordedResource): Set<string> {
    const byUrn = new Map(r.resources.map((x) => [x.urn, x]));
    const seen = new Set<string>();
    const walk = (urns: string[]) => urns.filter((u) => !seen.has(u)).forEach((u) => (seen.add(u), walk(byUrn.get(u)?.dependencies ?? [])));
    walk(res.dependencies);
    return seen;
}

describe("LiteLLM's first install migrates exactly once", function () {
    this.timeout(120_000);

    it("the check tells a migrating proxy from a quiet one (the chart's defaults migrate in every pod)", () => {
        assert.strictEqual(proxyMigratesAtStart(chartDefaults), true);
        assert.strictEqual(proxyMigratesAtStart({ envVars: { DISABLE_SCHEMA_UPDATE: "true" } }), false);
        assert.strictEqual(proxyMigratesAtStart({ envVars: { DISABLE_SCHEMA_UPDATE: "true" }, proxy_config: { general_settings: { disable_prisma_schema_update: false } } }), true);
        assert.deepStrictEqual(migrationJob(chartDefaults), { rendered: true, migrates: true, helmHook: false, weight: "1" });
    });

    for (const stack of STACKS) {
        describe(stack, () => {
            it("no LiteLLM proxy pod migrates at start, however many replicas", async () => {
                const v = litellmRelease(await stackRun(stack)).inputs.values;
                assert.strictEqual(v.envVars.DISABLE_SCHEMA_UPDATE, "true");
                assert.strictEqual(proxyMigratesAtStart(v), false);
                if (stack === "prod") assert.strictEqual(v.replicaCount, 2);
            });

            it("exactly one migrations Job does, the chart's, and it migrates despite the proxies' setting", async () => {
                const r = await stackRun(stack);
                const v = litellmRelease(r).inputs.values;
                const job = migrationJob(v);
                assert.deepStrictEqual([job.rendered, job.migrates], [true, true]);
                // A Job of ours may borrow LiteLLM's image for its Python (the virtual-key Job does), but
                // none starts the image's own entrypoint (the proxy, which migrates) or gets a database URL.
                const ours = ofType(r, "kubernetes:batch/v1:Job").flatMap((j) => ((j.inputs.spec?.template?.spec?.containers ?? []) as any[]).filter((c) => String(c.image).startsWith(source.image.repository)).map((c) => ({ job: j.name, c })));
                for (const { job, c } of ours) {
                    assert.ok(Array.isArray(c.command) && c.command[0] === "python3", `${job}: runs its own command, not LiteLLM's entrypoint`);
                    assert.ok(!JSON.stringify(c.env ?? []).includes("DATABASE_URL"), `${job}: no database URL`);
                }
            });

            it("the Job is a Helm pre-install/pre-upgrade hook: it finishes before any proxy starts, its pod can start then, and an upgrade re-runs it once", async () => {
                const r = await stackRun(stack);
                const release = litellmRelease(r);
                const v = release.inputs.values;
                assert.deepStrictEqual([migrationJob(v).helmHook, migrationJob(v).weight], [true, "1"]);
                assert.strictEqual(v.migrationJob.hooks.argocd.enabled, false, "one hook mechanism, not two");
                // Pulumi's Release runs hooks unless told not to.
                assert.notStrictEqual(release.inputs.disableWebhooks, true);
                // Hooks run before the chart's own objects: the account and secrets the Job names exist already.
                assert.strictEqual(v.serviceAccount.create, false);
                const account = ofType(r, "kubernetes:core/v1:ServiceAccount").find((a) => a.inputs.metadata.name === v.serviceAccount.name);
                assert.ok(account, `a ServiceAccount named ${v.serviceAccount.name}`);
                assert.strictEqual(account.inputs.metadata.namespace, release.inputs.namespace);
                assert.strictEqual(account.inputs.automountServiceAccountToken, false);
                const before = waitsFor(r, release);
                assert.ok(before.has(account.urn), "the release waits for the account");
                const secret = named(r, `openwebui-litellm-secret-${stack}`);
                assert.strictEqual(secret.inputs.metadata.name, v.db.secret.name);
                assert.ok(before.has(secret.urn), "the release waits for the database secret");
                assert.ok(before.has(named(r, `openwebui-db-setup-${stack}`).urn), "and for its database");
                // An upgrade runs the hook again, once: before-hook-creation deletes the last Job rather
                // than patching its immutable template, and the TTL clears a finished one meanwhile.
                assert.strictEqual(v.migrationJob.ttlSecondsAfterFinished ?? chartDefaults.migrationJob.ttlSecondsAfterFinished, 120);
            });
        });
    }
});
