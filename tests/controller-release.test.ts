/**
 * The load balancer controller runs with the IAM policy its maintainers publish for the pinned
 * release, and its chart values are keys that release's chart has.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { LOAD_BALANCER_CONTROLLER_RELEASE, VENDORED_CHARTS } from "../components/releases";
import { LITELLM_RELEASE, LITELLM_SELECTOR, litellmValues, WEBUI_RELEASE, WEBUI_SELECTOR, WEBUI_SERVICE_PORT, webuiValues } from "../components/app/chart-values";
import { PROJECT_DIR } from "../sim/stack-files";
import { jsonInput, named, rejection, run, stackRun, STACKS } from "./helpers";

/** Every key path of a values object, e.g. `serviceAccount.name`. */
function keyPaths(value: unknown, prefix = ""): string[] {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return [prefix];
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? [prefix] : entries.flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

const valueAt = (obj: unknown, keyPath: string): unknown => keyPath.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], obj);

function chartValuesOf(chart: { valuesFile: string }): unknown {
    return yaml.load(fs.readFileSync(path.join(PROJECT_DIR, chart.valuesFile), "utf8"));
}

const kind = (v: unknown) => (Array.isArray(v) ? "list" : v === null ? "null" : typeof v);

/**
 * What the chart would not read as we mean it: a key its values.yaml does not have, or a value of
 * another type than the chart's default (a list where it takes a map, "2" where it takes 2).
 */
function valuesProblems(values: unknown, chart: { valuesFile: string; freeFormMaps: string[] }): string[] {
    const chartValues = chartValuesOf(chart);
    const known = new Set(keyPaths(chartValues));
    // A key whose chart default is an empty map (defaultTags: {}), or one the chart documents
    // as passed through (extraArgs, proxy_config), takes any keys below it.
    const freeMaps = [...keyPaths(chartValues).filter((k) => JSON.stringify(valueAt(chartValues, k)) === "{}"), ...chart.freeFormMaps];
    const free = (k: string) => freeMaps.some((m) => k.startsWith(`${m}.`));
    const problems: string[] = [];
    for (const k of keyPaths(values)) {
        if (free(k)) continue;
        if (!known.has(k)) {
            problems.push(`${k}: not a key of the chart`);
            continue;
        }
        const [ours, theirs] = [kind(valueAt(values, k)), kind(valueAt(chartValues, k))];
        // null and "" defaults say nothing about the type; a {} default takes a map.
        const untyped = theirs === "null" || valueAt(chartValues, k) === "";
        if (!untyped && ours !== theirs && !(theirs === "object" && ours === "object")) problems.push(`${k}: ${ours}, the chart has ${theirs}`);
    }
    return problems;
}

describe("load balancer controller release", () => {
    const source = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "vendor/aws-load-balancer-controller/v2.14.0/source.json"), "utf8"));

    it("vendors the release's own policy and values, naming tag, commit and paths", () => {
        assert.strictEqual(source.tag, LOAD_BALANCER_CONTROLLER_RELEASE.appVersion);
        assert.match(source.commit, /^[0-9a-f]{40}$/);
        assert.deepStrictEqual(Object.keys(source.files).sort(), ["iam_policy.json", "values.yaml"]);
        const chartDefault = (yaml.load(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as { config: Record<string, { default: unknown }> }).config
            .loadBalancerControllerChartVersion.default;
        assert.strictEqual(String(chartDefault), source.chartVersion, "Pulumi.yaml's chart default is the vendored release's chart");
    });

    for (const stack of STACKS) {
        it(`${stack}: the controller's role carries the published policy, unchanged`, async () => {
            const r = await stackRun(stack);
            const inline = jsonInput(named(r, `openwebui-lb-controller-role-${stack}-inline`), "policy");
            assert.deepStrictEqual(inline.Statement, LOAD_BALANCER_CONTROLLER_RELEASE.policy.Statement);
            // Upstream conditions every tag write on the controller's own cluster tag.
            const tagging = inline.Statement.filter((s: { Action: string | string[] }) => [s.Action].flat().some((a) => /AddTags|RemoveTags|ec2:DeleteTags/.test(a)));
            assert.ok(tagging.length >= 3);
        });

        for (const chart of VENDORED_CHARTS) {
            it(`${stack}: every ${chart.release} Helm value we set is a key of its chart's own values.yaml (${chart.chartVersion}), of the chart's type`, async () => {
                const r = await stackRun(stack);
                const release = named(r, `openwebui-${chart.release}-${stack}`).inputs;
                assert.strictEqual(release.version, chart.chartVersion);
                assert.deepStrictEqual(valuesProblems(release.values, chart), []);
            });
        }
    }

    it("a misspelt key or a value of the wrong type in the application charts' values would be caught", () => {
        const [webui, litellm] = [VENDORED_CHARTS.find((c) => c.release === "webui"), VENDORED_CHARTS.find((c) => c.release === "litellm")] as (typeof VENDORED_CHARTS)[number][];
        const good = webuiValues({ replicas: 2, region: "ap-northeast-2", uploadsBucket: "b" });
        assert.deepStrictEqual(valuesProblems(good, webui), []);
        assert.deepStrictEqual(valuesProblems({ ...good, persistance: { provider: "s3" } }, webui), ["persistance.provider: not a key of the chart"]);
        assert.deepStrictEqual(valuesProblems({ ...good, replicaCount: "2" }, webui), ["replicaCount: string, the chart has number"]);
        assert.deepStrictEqual(valuesProblems({ ...good, websocket: { ...(good.websocket as object), enabled: "true" } }, webui), ["websocket.enabled: string, the chart has boolean"]);
        const lite = litellmValues({ replicas: 1, region: "ap-northeast-2", databaseHost: "h", sslMode: "require", bedrockModels: [], openaiModels: [] });
        assert.deepStrictEqual(valuesProblems(lite, litellm), []);
        assert.deepStrictEqual(valuesProblems({ ...lite, db: { ...(lite.db as object), useExistingDb: true } }, litellm), ["db.useExistingDb: not a key of the chart"]);
        // The chart renders proxy_config as LiteLLM's config file, whatever is in it.
        assert.deepStrictEqual(valuesProblems({ ...lite, proxy_config: { router_settings: { routing_strategy: "simple-shuffle" } } }, litellm), []);
    });

    it("the app charts' Service names and pod labels, derived from their templates' rules, are what the program targets", () => {
        // What the chart's _helpers.tpl does with the release name and the (vendored) nameOverride.
        const facts = (dir: string) => {
            const source = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, dir, "source.json"), "utf8"));
            const values = chartValuesOf({ valuesFile: `${dir}/values.yaml` }) as { nameOverride?: string; service: { port: number } };
            return { facts: source.templateFacts, name: values.nameOverride || source.templateFacts.chartName, port: values.service.port };
        };
        const fullname = (release: string, name: string) => (release.includes(name) ? release : `${release}-${name}`);
        const labels = (template: Record<string, string>, vars: Record<string, string>) =>
            Object.fromEntries(Object.entries(template).map(([k, v]) => [k, v.replace(/\{(\w+)\}/g, (_, key: string) => vars[key])]));

        const webui = facts("vendor/open-webui/chart-16.0.0");
        assert.deepStrictEqual(WEBUI_SELECTOR, labels(webui.facts.selectorLabels, { release: WEBUI_RELEASE, chart: webui.facts.chartName, name: webui.name }));
        assert.strictEqual(fullname(WEBUI_RELEASE, webui.name), WEBUI_RELEASE, "the Ingress backend names the Service");
        assert.strictEqual(webui.port, WEBUI_SERVICE_PORT);

        const litellm = facts("vendor/litellm-helm/chart-1.86.2");
        assert.deepStrictEqual(LITELLM_SELECTOR, labels(litellm.facts.selectorLabels, { release: LITELLM_RELEASE, chart: litellm.facts.chartName, name: litellm.name }));
        const url = webuiValues({ replicas: 1, region: "ap-northeast-2", uploadsBucket: "b" }).openaiBaseApiUrl;
        assert.strictEqual(url, `http://${fullname(LITELLM_RELEASE, litellm.name)}:${litellm.port}/v1`);
        // A release name that does not contain the chart's name would rename the Service under Open WebUI.
        assert.strictEqual(fullname("chat", litellm.name), "chat-litellm");
    });

    it("a misspelt values key would be caught", () => {
        const chartValues = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, LOAD_BALANCER_CONTROLLER_RELEASE.valuesFile), "utf8"));
        assert.ok(!new Set(keyPaths(chartValues)).has("serviceAcount.name"));
    });

    it("refuses an autoscaler chart that is not vendored and an image tag that was never published", async () => {
        const chart = await rejection(run("dev", { overrides: { "openwebui:clusterAutoscalerChartVersion": "9.59.0" } }));
        assert.match(chart.message, /"9\.59\.0" is not the vendored chart 9\.52\.1/);
        const image = await rejection(run("dev", { overrides: { "openwebui:clusterAutoscalerImageTag": "v1.35.9" } }));
        assert.strictEqual(image.key, "openwebui:clusterAutoscalerImageTag");
        assert.match(image.message, /"v1\.35\.9" is not a published cluster-autoscaler release for 1\.35 \(known: v1\.35\.0, v1\.35\.1, v1\.35\.2/);
    });

    it("refuses a chart version that the vendored policy does not belong to, before registering anything", async () => {
        const e = await rejection(run("dev", { overrides: { "openwebui:loadBalancerControllerChartVersion": "1.15.0" } }));
        assert.strictEqual(e.key, "openwebui:loadBalancerControllerChartVersion");
        assert.strictEqual(e.registeredBeforeFailure, 0);
        assert.match(e.message, /not the chart of the vendored controller release v2\.14\.0 \(chart 1\.14\.0\)/);
    });
});
