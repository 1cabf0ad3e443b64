/**
 * Supply chain (ECR tags and scans, pinned chart versions) and money (a budget in every stack).
 * Both stacks pass as shipped; each mistake is a mandatory violation in each, dev included, whose
 * cost estimate is only advisory.
 */
import * as assert from "assert";
import { ecrImmutableScanned, EXACT_CHART_VERSION, helmChartPinned } from "../../policy-pack/policies/supply-chain";
import { stackHasBudget } from "../../policy-pack/policies/money";
import { loadPackConfig, PolicyInput } from "../../sim/policy-runner";
import { STACKS } from "../helpers";
import { assertFlags, assertPasses, check } from "./helpers";
import { assertStackFlags, assertStackPasses, changed, ofType, previewProps, stackInputs, UNKNOWN_STRING } from "./stack-inputs";

const REPOSITORY = "aws:ecr/repository:Repository";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const BUDGET = "aws:budgets/budget:Budget";

for (const stack of STACKS) {
    describe(`supply chain and budget in ${stack}`, () => {
        it("ecr-immutable-scanned: passes as shipped; mutable tags, an unset mutability or no scan on push are refused", async () => {
            const inputs = await stackInputs(stack);
            await assertStackPasses(ecrImmutableScanned, inputs, stack);
            await assertStackFlags(ecrImmutableScanned, changed(inputs, ofType(REPOSITORY), (p) => (p.imageTagMutability = "MUTABLE")), stack, /has MUTABLE tag mutability: .*set imageTagMutability: "IMMUTABLE"/);
            await assertStackFlags(ecrImmutableScanned, changed(inputs, ofType(REPOSITORY), (p) => delete p.imageTagMutability), stack, /the default \(MUTABLE\)/);
            const unscanned = changed(inputs, ofType(REPOSITORY), (p) => (p.imageScanningConfiguration = { scanOnPush: false }));
            await assertStackFlags(ecrImmutableScanned, unscanned, stack, /does not scan images on push: set imageScanningConfiguration: \{ scanOnPush: true \}/);
            // A registry-wide rule that scans every repository on push stands in for the repository flag.
            const registryWide = [...unscanned, { type: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration", name: "scan", props: { scanType: "BASIC", rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }] } }];
            await assertStackPasses(ecrImmutableScanned, registryWide, stack);
        });

        it("helm-chart-pinned: passes as shipped; a missing version or a range is refused", async () => {
            const inputs = await stackInputs(stack);
            await assertStackPasses(helmChartPinned, inputs, stack);
            await assertStackFlags(helmChartPinned, changed(inputs, ofType(RELEASE), (p) => delete p.version), stack, /has no version: Helm would install the newest at deploy time/);
            for (const range of ["^1.14.0", "~16.0", ">=9.0.0", "1.x", "*", "latest"]) {
                await assertStackFlags(helmChartPinned, changed(inputs, ofType(RELEASE), (p) => (p.version = range)), stack, /is a range, not one version/);
            }
        });

        it("stack-has-budget: passes as shipped; a stack without its budget is refused as mandatory", async () => {
            const inputs = await stackInputs(stack);
            await assertStackPasses(stackHasBudget, inputs, stack);
            await assertStackFlags(stackHasBudget, inputs.filter((r) => r.type !== BUDGET), stack, /the stack has no AWS budget/);
            await assertStackFlags(stackHasBudget, changed(inputs, ofType(BUDGET), (p) => (p.limitAmount = "0")), stack, /no positive limitAmount/);
            await assertStackFlags(stackHasBudget, changed(inputs, ofType(BUDGET), (p) => (p.budgetType = "USAGE")), stack, /set budgetType "COST"/);
            // Nothing in the stack's pack config may lower it: dev's advisory cost policy does not carry it.
            assert.strictEqual((loadPackConfig(stack) as Record<string, unknown>)[stackHasBudget.name], undefined);
        });
    });
}

describe("what counts as one chart version", () => {
    it("exact SemVer, with an optional v and pre-release or build parts", async () => {
        for (const v of ["1.14.0", "v16.0.0", "1.86.2", "2.0.0-rc.1", "1.0.0+build.5"]) assert.ok(EXACT_CHART_VERSION.test(v), v);
        for (const v of ["1.14", "1", "01.2.3", "1.2.3 - 1.4.0", "1.2.3 || 1.3.0", "=1.2.3"]) assert.ok(!EXACT_CHART_VERSION.test(v), v);
        const release = (version?: unknown) => ({ type: RELEASE, name: "r", props: { chart: "c", ...(version === undefined ? {} : { version }) } });
        await assertPasses(helmChartPinned, [release("1.2.3")]);
        await assertFlags(helmChartPinned, [release("")], /has no version/);
        await assertFlags(helmChartPinned, [{ type: "kubernetes:helm.sh/v4:Chart", name: "c", props: { chart: "oci://x/y" } }], /Helm chart oci:\/\/x\/y has no version/);
    });
});

describe("ecr-immutable-scanned: a registry scanning rule stands in for the repository's flag only when it scans every repository on push", () => {
    const repo = { type: REPOSITORY, name: "openwebui-app-ecr-dev", props: { imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: false } } };
    // Basic scanning takes SCAN_ON_PUSH or MANUAL rules, enhanced SCAN_ON_PUSH or CONTINUOUS_SCAN; each filter names its type (WILDCARD).
    const registry = (scanType: "BASIC" | "ENHANCED", ...rules: object[]) => ({ type: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration", name: "openwebui-scanning-dev", props: { scanType, rules } });
    const rule = (scanFrequency: string, ...filters: string[]) => ({ scanFrequency, repositoryFilters: filters.map((filter) => ({ filter, filterType: "WILDCARD" })) });
    const messages = async (resources: object[]) => (await check(ecrImmutableScanned, resources as PolicyInput[])).map((v) => v.message);
    const NO_SCAN = ['ECR repository "openwebui-app-ecr-dev" does not scan images on push: set imageScanningConfiguration: { scanOnPush: true }'];

    it("a rule over '*' that scans on push or continuously covers the repository", async () => {
        assert.deepStrictEqual(await messages([repo, registry("BASIC", rule("SCAN_ON_PUSH", "*"))]), []);
        assert.deepStrictEqual(await messages([repo, registry("ENHANCED", rule("CONTINUOUS_SCAN", "*"))]), []);
        // One such rule among others, one such filter among others, is enough.
        assert.deepStrictEqual(await messages([repo, registry("BASIC", rule("MANUAL", "*"), rule("SCAN_ON_PUSH", "openwebui-*", "*"))]), []);
    });

    it("a manual rule, a rule over some repositories, or the same rule on another resource type does not", async () => {
        assert.deepStrictEqual(await messages([repo]), NO_SCAN);
        assert.deepStrictEqual(await messages([repo, registry("BASIC", rule("MANUAL", "*"))]), NO_SCAN);
        assert.deepStrictEqual(await messages([repo, registry("ENHANCED", rule("SCAN_ON_PUSH", "openwebui-*"))]), NO_SCAN);
        assert.deepStrictEqual(await messages([repo, { ...registry("BASIC", rule("SCAN_ON_PUSH", "*")), type: "aws:ecr/registryPolicy:RegistryPolicy" }]), NO_SCAN);
    });

    it("says which mutability it found: the MUTABLE default, or one a preview does not know", async () => {
        const fix = 'tag mutability: a push can replace what a reviewed tag points at; set imageTagMutability: "IMMUTABLE"';
        const scanned = { imageScanningConfiguration: { scanOnPush: true } };
        assert.deepStrictEqual(await messages([{ ...repo, props: scanned }]), [`ECR repository "openwebui-app-ecr-dev" has the default (MUTABLE) ${fix}`]);
        assert.deepStrictEqual(await messages([{ ...repo, props: previewProps({ ...scanned, imageTagMutability: UNKNOWN_STRING }) }]), [`ECR repository "openwebui-app-ecr-dev" has an unknown ${fix}`]);
    });
});

describe("helm-chart-pinned in a real preview", () => {
    it("an unknown version is unpinned, and an unknown chart is named as such", async () => {
        const found = await check(helmChartPinned, [{ type: RELEASE, name: "r", props: previewProps({ chart: UNKNOWN_STRING, version: UNKNOWN_STRING }) }]);
        assert.deepStrictEqual(found.map((v) => v.message), ["Helm chart (unknown): its version is unknown at preview; write the exact version in the program"]);
        const named = await check(helmChartPinned, [{ type: RELEASE, name: "r", props: previewProps({ chart: "open-webui", version: UNKNOWN_STRING }) }]);
        assert.deepStrictEqual(named.map((v) => v.message), ["Helm chart open-webui: its version is unknown at preview; write the exact version in the program"]);
    });
});
