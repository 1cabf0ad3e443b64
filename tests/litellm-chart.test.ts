/**
 * LiteLLM's chart and image are ones its publisher pushed, recorded in vendor/ with their source,
 * and the app releases give a first install long enough to pull and migrate.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { LITELLM_RELEASE as LITELLM_CHART } from "../config/releases";
import { RELEASE_TIMEOUT_SECONDS } from "../components/app";
import { targetsOf } from "../preflight/targets";
import { configOf } from "../preflight/stack";
import { PROJECT_DIR } from "../sim/stack-files";
import { named, stackRun, STACKS } from "./helpers";

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
            assert.match(source.image.arm64, /linux\/arm64|arm64/);
        });

        it(`${stack}: the preflight checks the image LiteLLM will pull, not the chart's default`, async () => {
            const r = await stackRun(stack);
            const images = targetsOf(r, await configOf(r)).images.filter((i) => i.usedBy.includes("release litellm")).map((i) => i.image);
            assert.deepStrictEqual(images, [`${source.image.repository}:${source.image.tag}`]);
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
