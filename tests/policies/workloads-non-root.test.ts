/**
 * Containers running as root. Both stacks pass as shipped (their root containers are the images
 * written down as deviations); runAsUser: 0, a dropped runAsNonRoot, or root asked in a chart's
 * values is a mandatory violation in each.
 */
import * as assert from "assert";
import { DEVIATIONS } from "@openwebui-aws/rules/deviations";
import { CHART_DEFAULT_USER_BLOCKS, imageRepository, RUNS_AS_ROOT } from "@openwebui-aws/rules/workload-users";
import { workloadsNonRoot } from "../../policy-pack/policies/workload-users";
import { workloadsUnprivileged } from "../../policy-pack/policies/app";
import { STACKS, stackRun } from "../helpers";
import { assertFlags, assertPasses, check } from "./helpers";
import { assertStackFlags, assertStackPasses, changed, named, previewProps, stackInputs, UNKNOWN_STRING } from "./stack-inputs";

const JOB = "kubernetes:batch/v1:Job";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const pod = (p: Record<string, any>) => p.spec.template.spec;

describe("workloads-non-root", () => {
    for (const stack of STACKS) {
        it(`${stack}: passes as shipped; the setup job as root, or without its non-root user, is refused`, async () => {
            const inputs = await stackInputs(stack);
            await assertStackPasses(workloadsNonRoot, inputs, stack);
            const setup = named(`openwebui-db-setup-${stack}`);
            const asRoot = changed(inputs, setup, (p) => (pod(p).containers[0].securityContext.runAsUser = 0));
            await assertStackFlags(workloadsNonRoot, asRoot, stack, /container "setup" runs as root \(runAsUser: 0\): set securityContext runAsNonRoot: true/);
            const noUser = changed(inputs, setup, (p) => {
                delete pod(p).securityContext.runAsNonRoot;
                delete pod(p).securityContext.runAsUser;
            });
            await assertStackFlags(workloadsNonRoot, noUser, stack, /sets no non-root user, so it runs as its image's default user/);
        });

        it(`${stack}: root asked in a chart's values is refused`, async () => {
            const inputs = await stackInputs(stack);
            const litellm = changed(inputs, named(`openwebui-litellm-${stack}`), (p) => {
                const values = typeof p.values === "string" ? JSON.parse(p.values) : p.values;
                values.securityContext = { ...values.securityContext, runAsUser: 0 };
                p.values = values;
            });
            await assertStackFlags(workloadsNonRoot, litellm, stack, /the chart's values run containers as root \(securityContext\.runAsUser: 0\)/);
            const webui = changed(inputs, (r) => r.type === RELEASE && r.name === `openwebui-webui-${stack}`, (p) => (p.values.podSecurityContext = { runAsNonRoot: false }));
            await assertStackFlags(workloadsNonRoot, webui, stack, /podSecurityContext\.runAsNonRoot: false/);
            // The Redis sidecar's non-root user dropped: no root asked, but none shown either.
            const redis = changed(inputs, named(`openwebui-webui-${stack}`), (p) => {
                delete p.values.websocket.redis.containerSecurityContext.runAsNonRoot;
                delete p.values.websocket.redis.containerSecurityContext.runAsUser;
            });
            await assertStackFlags(workloadsNonRoot, redis, stack, /values set websocket\.redis\.containerSecurityContext, websocket\.redis\.podSecurityContext without a non-root user/);
            // Shown on the pod-level sibling instead is enough.
            const onPod = changed(redis, named(`openwebui-webui-${stack}`), (p) => Object.assign(p.values.websocket.redis.podSecurityContext, { runAsNonRoot: true, runAsUser: 999 }));
            await assertStackPasses(workloadsNonRoot, onPod, stack);
        });
    }

    it("an allowance follows the image: another workload on a new image must prove a non-root user; the shipper's image may run as uid 0, Open WebUI's only by default", async () => {
        const job = (image: string, securityContext: object) => ({ type: JOB, name: "j", props: { spec: { template: { spec: { containers: [{ name: "c", image, securityContext }] } } } } });
        await assertFlags(workloadsNonRoot, [job("busybox:1.36", {})], /container "c" sets no non-root user/);
        await assertPasses(workloadsNonRoot, [job("busybox:1.36", { runAsNonRoot: true })]);
        await assertPasses(workloadsNonRoot, [job("busybox:1.36", { runAsUser: 1000 })]);
        await assertFlags(workloadsNonRoot, [job("busybox:1.36", { runAsNonRoot: true, runAsUser: 0 })], /runs as root/);
        await assertPasses(workloadsNonRoot, [job("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.34.3", { runAsUser: 0 })]);
        await assertPasses(workloadsNonRoot, [job("ghcr.io/open-webui/open-webui:0.6.0", {})]);
        await assertFlags(workloadsNonRoot, [job("ghcr.io/open-webui/open-webui:0.6.0", { runAsUser: 0 })], /runs as root/);
        // Init containers count; a container's own context overrides its pod's.
        const both = { type: JOB, name: "j", props: { spec: { template: { spec: { securityContext: { runAsNonRoot: true, runAsUser: 999 }, initContainers: [{ name: "i", image: "busybox:1", securityContext: { runAsUser: 0 } }], containers: [{ name: "c", image: "busybox:1" }] } } } } };
        await assertFlags(workloadsNonRoot, [both], /container "i" runs as root/);
    });

    it("each allowance names a written deviation for workloads-non-root (or the shipper's) and an image the program runs", async () => {
        const ids = new Set(DEVIATIONS.map((d) => d.id));
        const images = new Set<string>();
        for (const stack of STACKS) {
            for (const r of (await stackRun(stack)).resources.filter((x) => /apps\/v1|batch\/v1/.test(x.type))) {
                const spec = (r.inputs as Record<string, any>).spec.template.spec;
                for (const c of [...(spec.initContainers ?? []), ...spec.containers]) images.add(imageRepository(String(c.image)));
            }
        }
        for (const a of RUNS_AS_ROOT) {
            assert.ok(ids.has(a.deviation), `${a.image}: no deviation ${a.deviation}`);
            assert.ok(images.has(a.image), `${a.image} is not an image the program runs: ${[...images].join(", ")}`);
        }
        assert.strictEqual(imageRepository("registry.example:5000/team/app:1.2@sha256:abc"), "registry.example:5000/team/app");
        // Chart blocks left on the image's user: each by a deviation, each a block the program writes.
        const releases = (await stackRun("prod")).resources.filter((x) => x.type === "kubernetes:helm.sh/v3:Release");
        for (const a of CHART_DEFAULT_USER_BLOCKS) {
            assert.ok(ids.has(a.deviation), `${a.chart}: no deviation ${a.deviation}`);
            const release = releases.find((r) => a.chart.test(String(r.inputs.chart)));
            assert.ok(release, `no release of chart ${a.chart}`);
            for (const path of a.paths) assert.ok((release.inputs.values as Record<string, unknown>)[path] !== undefined, `${a.chart}: the program writes no ${path}`);
        }
    });
});

describe("workloads-non-root in a real preview", () => {
    it("chart values with unknown ARNs are still judged; an unknown user there counts as root", async () => {
        const release = (values: object) => ({ type: "kubernetes:helm.sh/v3:Release", name: "openwebui-webui-prod", props: previewProps({ chart: "open-webui", version: "16.0.0", values }) });
        const role = { serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": UNKNOWN_STRING } } };
        assert.deepStrictEqual(await check(workloadsNonRoot, [release({ ...role, podSecurityContext: { runAsNonRoot: true } })]), []);
        const root = await check(workloadsNonRoot, [release({ ...role, containerSecurityContext: { runAsUser: 0 } })]);
        assert.ok(root.some((v) => /containerSecurityContext\.runAsUser: 0/.test(v.message)), JSON.stringify(root));
        const unknownUser = await check(workloadsNonRoot, [release({ ...role, containerSecurityContext: { runAsUser: UNKNOWN_STRING } })]);
        assert.ok(unknownUser.some((v) => /runAsUser: unknown at preview/.test(v.message)), JSON.stringify(unknownUser));
        // workloads-unprivileged reads the same values the same way: an unknown ARN beside a privileged container does not hide it.
        const privileged = await check(workloadsUnprivileged, [release({ ...role, containerSecurityContext: { privileged: true } })]);
        assert.ok(privileged.some((v) => /containerSecurityContext\.privileged/.test(v.message)), JSON.stringify(privileged));
    });
});
