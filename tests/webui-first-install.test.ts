/**
 * Open WebUI's first install and every later `pulumi up`: migrations, settings and the first admin
 * happen once, in one Job, before any replica starts; the replicas never do them; the Job runs
 * again exactly when its work changes (its Python: tests/webui-init-script.test.ts).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { LITELLM_RELEASE, OPEN_WEBUI_RELEASE } from "../components/releases";
import { WEBUI_PROBES } from "../components/app/chart-values";
import { WEBUI_IMAGE, WEBUI_INIT_SCRIPT, WEBUI_OWNED_SETTINGS, webuiInitJobName } from "../components/app/webui-init";
import { ProgramRun, RecordedResource } from "../sim/mock-engine";
import { PROJECT_DIR } from "../sim/stack-files";
import { CERTIFICATE, named, ofType, REAL_VALUES, run, stackRun, STACKS } from "./helpers";

type Env = { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } };
const webuiRelease = (r: ProgramRun) => named(r, `openwebui-webui-${r.stack}`);
const servingEnv = (r: ProgramRun): Env[] => webuiRelease(r).inputs.values.extraEnvVars;
const initJob = (r: ProgramRun) => named(r, `openwebui-webui-init-${r.stack}`);
const initContainer = (job: RecordedResource) => job.inputs.spec.template.spec.containers[0];
const initEnv = (job: RecordedResource): Env[] => initContainer(job).env;
const value = (env: Env[], name: string) => env.find((e) => e.name === name)?.value;
const vendored = (file: string) => yaml.load(fs.readFileSync(path.join(PROJECT_DIR, file), "utf8")) as Record<string, any>;

describe("Open WebUI first install", function () {
    this.timeout(120_000);

    for (const stack of STACKS) {
        describe(stack, () => {
            it("the serving replicas never migrate and never create the admin", async () => {
                const r = await stackRun(stack);
                const env = servingEnv(r);
                assert.strictEqual(value(env, "ENABLE_DB_MIGRATIONS"), "False");
                for (const name of ["WEBUI_ADMIN_EMAIL", "WEBUI_ADMIN_PASSWORD", "WEBUI_ADMIN_NAME"]) assert.strictEqual(env.find((e) => e.name === name), undefined, name);
                // Sign-up stays shut on the replicas: without the env admin nobody may become the first user.
                assert.deepStrictEqual([value(env, "ENABLE_SIGNUP"), value(env, "ENABLE_INITIAL_ADMIN_SIGNUP")], ["False", "False"]);
                if (stack === "prod") assert.strictEqual(webuiRelease(r).inputs.values.replicaCount, 2);
            });

            it("exactly one Job does it, with the chart's own image and the replicas' environment", async () => {
                const r = await stackRun(stack);
                const jobs = ofType(r, "kubernetes:batch/v1:Job").filter((j) => initContainer(j).image.startsWith("ghcr.io/open-webui/"));
                assert.deepStrictEqual(jobs.map((j) => j.name), [`openwebui-webui-init-${stack}`]);
                const job = jobs[0];
                // The image the chart renders: values.yaml's repository at the chart's appVersion (image.tag is empty).
                const chartValues = vendored(OPEN_WEBUI_RELEASE.valuesFile);
                assert.strictEqual(webuiRelease(r).inputs.values.image, undefined);
                assert.strictEqual(chartValues.image.tag, "");
                assert.strictEqual(initContainer(job).image, `${chartValues.image.repository}:${OPEN_WEBUI_RELEASE.appVersion}`);
                assert.deepStrictEqual(initContainer(job).command, ["python", "-c", WEBUI_INIT_SCRIPT]);
                const env = initEnv(job);
                assert.strictEqual(value(env, "ENABLE_DB_MIGRATIONS"), "True");
                assert.strictEqual(value(env, "WEBUI_ADMIN_EMAIL"), r.config["openwebui:appAdminEmail"]);
                assert.deepStrictEqual(env.find((e) => e.name === "WEBUI_ADMIN_PASSWORD")?.valueFrom?.secretKeyRef, { name: "open-webui-secrets", key: "admin-password" });
                // Every variable the replicas get from us, the Job gets the same (the database, the secret key, the settings).
                for (const e of servingEnv(r).filter((e) => e.name !== "ENABLE_DB_MIGRATIONS")) {
                    assert.deepStrictEqual(env.find((x) => x.name === e.name), e, e.name);
                }
                // And what the chart adds for the replicas: the one backend and its key.
                const v = webuiRelease(r).inputs.values;
                assert.strictEqual(value(env, "OPENAI_API_BASE_URL"), v.openaiBaseApiUrl);
                assert.deepStrictEqual(env.find((e) => e.name === "OPENAI_API_KEY")?.valueFrom?.secretKeyRef, { name: v.openaiApiKeyExistingSecret, key: v.openaiApiKeyExistingSecretKey });
                assert.strictEqual(value(env, "ENABLE_OLLAMA_API"), "False");
                assert.strictEqual(job.inputs.spec.template.spec.automountServiceAccountToken, false);
            });

            it("runs after the database setup job and before the release, as the engine orders them", async () => {
                const r = await stackRun(stack);
                const job = initJob(r);
                const setup = ofType(r, "kubernetes:batch/v1:Job").find((j) => j.name === `openwebui-db-setup-${stack}`)!;
                assert.ok(job.dependencies.includes(setup.urn), "the init job waits for the database setup job");
                for (const secret of ["webui-secret", "litellm-secret"]) assert.ok(job.dependencies.includes(named(r, `openwebui-${secret}-${stack}`).urn), secret);
                assert.ok(webuiRelease(r).dependencies.includes(job.urn), "the release waits for the init job");
                assert.ok(!setup.dependencies.includes(job.urn));
            });
        });
    }

    it("a re-run with the same inputs keeps the Job (same name and spec); an image upgrade or a new URL makes a new one", async () => {
        // As `pulumi up` runs it, where the database's generation is known.
        const [first, again] = [await run("prod", { up: true, overrides: REAL_VALUES.prod }), await run("prod", { up: true, overrides: REAL_VALUES.prod })];
        const env = initEnv(initJob(first));
        // A setting read from a Secret counts by its reference (Secret/key), never by the value.
        const setting = (name: string) => {
            const e = env.find((x) => x.name === name);
            return e?.value ?? (e?.valueFrom ? `secret:${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}` : undefined);
        };
        const settings = Object.fromEntries(Object.values(WEBUI_OWNED_SETTINGS).flatMap((name) => (setting(name) === undefined ? [] : [[name, setting(name)!]])));
        assert.strictEqual(settings.OPENAI_API_KEY, "secret:open-webui-secrets/litellm-virtual-key");
        assert.strictEqual(initJob(first).inputs.metadata.name, webuiInitJobName({ image: WEBUI_IMAGE, script: WEBUI_INIT_SCRIPT, settings, generation: "" }));
        assert.deepStrictEqual(initJob(again).inputs, initJob(first).inputs);

        const base = { image: WEBUI_IMAGE, script: WEBUI_INIT_SCRIPT, settings: { WEBUI_URL: "https://chat.example.com", DEFAULT_USER_ROLE: "pending" }, generation: "db-1" };
        assert.strictEqual(webuiInitJobName(base), webuiInitJobName({ ...base, settings: { DEFAULT_USER_ROLE: "pending", WEBUI_URL: "https://chat.example.com" } }));
        const upgraded = webuiInitJobName({ ...base, image: "ghcr.io/open-webui/open-webui:0.11.1" });
        assert.notStrictEqual(upgraded, webuiInitJobName(base), "an upgrade runs its migrations");
        assert.notStrictEqual(webuiInitJobName({ ...base, settings: { ...base.settings, WEBUI_URL: "https://ai.example.com" } }), webuiInitJobName(base));
        assert.notStrictEqual(webuiInitJobName({ ...base, generation: "db-2" }), webuiInitJobName(base), "a replaced (empty) database is set up again");
        // Pointing Open WebUI at another key (the master key → its own) must write the database again.
        const keyed = { ...base, settings: { ...base.settings, OPENAI_API_KEY: "secret:litellm-secrets/masterkey" } };
        assert.notStrictEqual(webuiInitJobName({ ...keyed, settings: { ...keyed.settings, OPENAI_API_KEY: "secret:open-webui-secrets/litellm-virtual-key" } }), webuiInitJobName(keyed));
    });

    it("adding appDomain to a running dev stack runs the Job again, and it writes the new URL over the stored one", async () => {
        // An HTTP-only dev (said explicitly, for named CIDRs), then given HTTPS.
        const httpOnly = { "openwebui:appDomain": "", "openwebui:appCertificateArn": "", "openwebui:appHttpOnly": "true", "openwebui:appAlbInboundCidrs": JSON.stringify(["10.20.0.0/16"]) };
        const before = await run("dev", { up: true, overrides: { ...REAL_VALUES.dev, ...httpOnly } });
        const after = await run("dev", {
            up: true,
            overrides: { ...REAL_VALUES.dev, "openwebui:appDomain": "chat.acme.kr", "openwebui:appCertificateArn": CERTIFICATE },
        });
        assert.strictEqual(value(initEnv(initJob(before)), "WEBUI_URL"), undefined);
        assert.ok(!value(initEnv(initJob(before)), "WEBUI_OWNED_SETTINGS")!.split(",").includes("webui.url"), "no URL of ours to assert yet");
        assert.strictEqual(value(initEnv(initJob(after)), "WEBUI_URL"), "https://chat.acme.kr");
        assert.ok(value(initEnv(initJob(after)), "WEBUI_OWNED_SETTINGS")!.split(",").includes("webui.url"));
        assert.notStrictEqual(initJob(after).inputs.metadata.name, initJob(before).inputs.metadata.name);
    });
});

describe("settings Open WebUI keeps in its database: the program's value wins for its own", function () {
    this.timeout(120_000);

    it("the Job re-asserts each owned setting from the same variable the replicas get; the rest stay the admins'", async () => {
        const r = await stackRun("prod");
        const env = initEnv(initJob(r));
        const owned = value(env, "WEBUI_OWNED_SETTINGS")!.split(",");
        assert.deepStrictEqual(owned, Object.keys(WEBUI_OWNED_SETTINGS));
        for (const key of owned) assert.ok(env.some((e) => e.name === WEBUI_OWNED_SETTINGS[key as keyof typeof WEBUI_OWNED_SETTINGS]), `${key} has its variable`);
        // Not ENABLE_PERSISTENT_CONFIG=False: that would keep every admin-panel change in one pod's
        // memory only, lost at its restart and unseen by the other replica.
        for (const e of [...env, ...servingEnv(r)]) assert.notStrictEqual(e.name, "ENABLE_PERSISTENT_CONFIG");
        const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
        for (const said of ["ENABLE_PERSISTENT_CONFIG", "webui-init", ...owned.map((k) => WEBUI_OWNED_SETTINGS[k as keyof typeof WEBUI_OWNED_SETTINGS])]) {
            assert.ok(readme.includes(said), `the README says how ${said} is handled`);
        }
    });
});

describe("probes", () => {
    const PROBE_FIELDS = new Set(["httpGet", "periodSeconds", "timeoutSeconds", "failureThreshold", "successThreshold", "initialDelaySeconds"]);

    it("Open WebUI's give /health seconds, not the 1 s default, and restart only a pod silent for minutes", async () => {
        for (const stack of STACKS) {
            const v = webuiRelease(await stackRun(stack)).inputs.values;
            assert.deepStrictEqual({ startupProbe: v.startupProbe, readinessProbe: v.readinessProbe, livenessProbe: v.livenessProbe }, WEBUI_PROBES);
        }
        const { startupProbe, readinessProbe, livenessProbe } = WEBUI_PROBES;
        for (const p of [startupProbe, readinessProbe, livenessProbe]) {
            assert.ok(Object.keys(p).every((k) => PROBE_FIELDS.has(k)), JSON.stringify(p));
            assert.deepStrictEqual(p.httpGet, { path: "/health", port: "http" });
            assert.ok(p.timeoutSeconds >= 5, "a busy event loop answers late, not never");
            assert.ok(p.timeoutSeconds < p.periodSeconds, "one try ends before the next starts");
        }
        assert.ok(livenessProbe.periodSeconds * livenessProbe.failureThreshold >= 120, "a two-minute stall is not a restart");
        assert.ok(startupProbe.periodSeconds * startupProbe.failureThreshold >= 600, "the embedding model's download fits");
        // The chart takes each probe as a whole map (values.yaml: `{}`), rendered as it is.
        const chartValues = vendored(OPEN_WEBUI_RELEASE.valuesFile);
        for (const k of ["startupProbe", "readinessProbe", "livenessProbe"]) assert.deepStrictEqual(chartValues[k], {}, k);
    });

    it("LiteLLM's chart exposes no probe settings, so the program sets none", async () => {
        const release = named(await stackRun("prod"), "openwebui-litellm-prod").inputs;
        const text = fs.readFileSync(path.join(PROJECT_DIR, LITELLM_RELEASE.valuesFile), "utf8");
        assert.doesNotMatch(text, /^\s*(livenessProbe|readinessProbe|startupProbe):/m, "the vendored chart now takes probes: set them");
        for (const k of ["livenessProbe", "readinessProbe", "startupProbe"]) assert.strictEqual(release.values[k], undefined);
    });
});
