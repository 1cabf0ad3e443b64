/**
 * The app namespace's NetworkPolicies, held to what the apps are configured to do: every app pod is
 * selected, everything else is denied, and each admitted path is a connection some pod makes
 * according to the chart values, Secrets and Job environments the program registers (hosts and
 * ports read from them and from the vendored charts' values.yaml, not written here).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { ProgramRun, RecordedResource } from "../sim/mock-engine";
import { PROJECT_DIR } from "../sim/stack-files";
import { named, ofType, stackRun, STACKS } from "./helpers";

type Labels = Record<string, string>;
interface Pod { name: string; labels: Labels; job: boolean }
interface Use { from: Pod; host: string; port: number; what: string }

const chartDefaults = (dir: string) => yaml.load(fs.readFileSync(path.join(PROJECT_DIR, "vendor", dir, "values.yaml"), "utf8")) as any;
const reveal = (v: any): any => (v && typeof v === "object" && "value" in v && Object.keys(v).some((k) => k.length === 32) ? v.value : v);
const release = (r: ProgramRun, which: string) => named(r, `openwebui-${which}-${r.stack}`).inputs;
const spreadLabels = (values: any): Labels => values.topologySpreadConstraints[0].labelSelector.matchLabels;

/** host:port out of a URL, with the scheme's default port. */
function endpoint(url: string): { host: string; port: number } {
    const u = new URL(url);
    return { host: u.hostname, port: Number(u.port || (u.protocol === "postgresql:" ? 5432 : 80)) };
}

/** The app pods and the connections each makes, from what the program configures. */
function appWorld(r: ProgramRun) {
    const ns = "openwebui";
    const webuiValues = release(r, "webui").values;
    const litellmValues = release(r, "litellm").values;
    const webuiChart = chartDefaults("open-webui/chart-16.0.0");
    const litellmChart = chartDefaults("litellm-helm/chart-1.86.2");
    const webui: Pod = { name: "open-webui", labels: spreadLabels(webuiValues), job: false };
    const litellm: Pod = { name: "litellm", labels: spreadLabels(litellmValues), job: false };
    const pods: Pod[] = [webui, litellm];
    // Which pods answer on which host:port (the charts name their Services after the release).
    const serves: { pod: Pod; hosts: string[]; port: number }[] = [
        { pod: webui, hosts: ["open-webui"], port: webuiValues.service?.containerPort ?? webuiChart.service.containerPort },
        { pod: litellm, hosts: ["litellm", `litellm.${ns}.svc.cluster.local`], port: litellmValues.service?.port ?? litellmChart.service.port },
    ];
    const uses: Use[] = [];
    const redis = webuiValues.websocket.redis;
    if (webuiValues.websocket.enabled && redis.enabled) {
        const pod: Pod = { name: "open-webui-redis", labels: redis.pods.labels, job: false };
        pods.push(pod);
        const port = redis.service?.containerPort ?? webuiChart.websocket.redis.service.containerPort;
        serves.push({ pod, hosts: ["open-webui-redis"], port });
        // The chart points Open WebUI's websocket manager at its own Redis Service.
        if (webuiValues.websocket.manager === "redis") uses.push({ from: webui, host: "open-webui-redis", port: redis.service?.port ?? webuiChart.websocket.redis.service.port, what: "websocket manager" });
    }
    for (const s of ofType(r, "kubernetes:apps/v1:StatefulSet")) {
        const tpl = s.inputs.spec.template;
        const pod: Pod = { name: s.inputs.metadata.name, labels: tpl.metadata.labels, job: false };
        pods.push(pod);
        const service = ofType(r, "kubernetes:core/v1:Service").find((x) => JSON.stringify(x.inputs.spec.selector) === JSON.stringify(tpl.metadata.labels));
        assert.ok(service, `no Service selects ${pod.name}`);
        serves.push({ pod, hosts: [service.inputs.metadata.name, `${service.inputs.metadata.name}.${ns}.svc.cluster.local`], port: tpl.spec.containers[0].ports[0].containerPort });
    }
    uses.push({ from: webui, ...endpoint(webuiValues.openaiBaseApiUrl), what: "OpenAI-compatible backend" });
    const webuiSecret = ofType(r, "kubernetes:core/v1:Secret").find((x) => x.inputs.metadata.name === "open-webui-secrets");
    const webuiDatabaseUrl = String(reveal(reveal(webuiSecret!.inputs.stringData)["database-url"]));
    uses.push({ from: webui, ...endpoint(webuiDatabaseUrl), what: "DATABASE_URL" });
    uses.push({ from: litellm, host: litellmValues.db.endpoint, port: Number(/:(\d+)\//.exec(litellmValues.db.url)![1]), what: "LiteLLM database" });
    for (const job of ofType(r, "kubernetes:batch/v1:Job")) {
        const spec = job.inputs.spec.template;
        const pod: Pod = { name: String(job.name), labels: { ...(spec.metadata?.labels ?? {}), "batch.kubernetes.io/job-name": "any" }, job: true };
        pods.push(pod);
        for (const c of [...(spec.spec.initContainers ?? []), ...spec.spec.containers]) {
            const env = Object.fromEntries((c.env ?? []).map((e: any) => [e.name, e]));
            if (env.PGHOST?.value && env.PGPORT?.value) uses.push({ from: pod, host: env.PGHOST.value, port: Number(env.PGPORT.value), what: `${c.name}: psql` });
            if (env.LITELLM_URL?.value) uses.push({ from: pod, ...endpoint(env.LITELLM_URL.value), what: `${c.name}: LiteLLM API` });
            if (env.DATABASE_URL?.valueFrom?.secretKeyRef?.name === "open-webui-secrets") uses.push({ from: pod, ...endpoint(webuiDatabaseUrl), what: `${c.name}: DATABASE_URL` });
        }
    }
    // The ALB: instance targets, so it reaches Open WebUI through the Service's NodePort from a node.
    const ingress = named(r, `openwebui-ingress-${r.stack}`).inputs;
    assert.strictEqual(ingress.metadata.annotations["alb.ingress.kubernetes.io/target-type"], "instance");
    assert.strictEqual(webuiValues.service.type, "NodePort");
    const nodeCidrs = ofType(r, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("private-subnet")).map((s) => s.inputs.cidrBlock as string);
    const target = (host: string, port: number) => serves.filter((s) => s.hosts.includes(host) && s.port === port).map((s) => s.pod);
    return { pods, uses, nodeCidrs, webui, serves, target, webuiPort: serves[0].port };
}

const selects = (selector: any, labels: Labels) =>
    Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) && (selector.matchExpressions ?? []).every((e: any) => e.operator === "Exists" && e.key in labels);

describe("app namespace NetworkPolicies", function () {
    this.timeout(120_000);

    for (const stack of STACKS) {
        describe(stack, () => {
            it("deny all ingress by default, and select every long-running app pod with an allow", async () => {
                const r = await stackRun(stack);
                const policies = ofType(r, "kubernetes:networking.k8s.io/v1:NetworkPolicy").map((p) => p.inputs);
                assert.ok(policies.every((p) => p.metadata.namespace === "openwebui"));
                const deny = policies.filter((p) => JSON.stringify(p.spec.podSelector) === "{}" && p.spec.policyTypes.includes("Ingress") && !p.spec.ingress);
                assert.strictEqual(deny.length, 1, "no default deny of ingress");
                const { pods } = appWorld(r);
                for (const pod of pods.filter((p) => !p.job)) {
                    assert.ok(policies.some((p) => p.spec.ingress && selects(p.spec.podSelector, pod.labels)), `no allow selects ${pod.name}`);
                }
                // The allows exist before the deny, so there is no moment in which the apps are cut off.
                const denyResource = ofType(r, "kubernetes:networking.k8s.io/v1:NetworkPolicy").find((p) => p.inputs.metadata.name === deny[0].metadata.name) as RecordedResource;
                for (const allow of ofType(r, "kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) => p.inputs.spec.ingress)) assert.ok(denyResource.dependencies.includes(allow.urn));
            });

            it("admit only connections the apps make: each peer and port is one a configured client uses, and every configured connection is admitted", async () => {
                const r = await stackRun(stack);
                const world = appWorld(r);
                const allows = ofType(r, "kubernetes:networking.k8s.io/v1:NetworkPolicy").map((p) => p.inputs).filter((p) => p.spec.ingress);
                const unused: string[] = [];
                for (const p of allows) {
                    for (const rule of p.spec.ingress) {
                        for (const { port } of rule.ports) {
                            for (const peer of rule.from) {
                                if (peer.ipBlock) {
                                    // Only the ALB's path, only to Open WebUI's port, only from the nodes.
                                    const ok = selects(p.spec.podSelector, world.webui.labels) && port === world.webuiPort && world.nodeCidrs.includes(peer.ipBlock.cidr);
                                    if (!ok) unused.push(`${p.metadata.name}: ${peer.ipBlock.cidr} → ${port}`);
                                    continue;
                                }
                                const used = world.uses.some((u) => selects(peer.podSelector, u.from.labels) && world.target(u.host, u.port).some((t) => selects(p.spec.podSelector, t.labels)) && world.serves.some((s) => s.port === port && selects(p.spec.podSelector, s.pod.labels)));
                                if (!used) unused.push(`${p.metadata.name}: ${JSON.stringify(peer.podSelector)} → ${port}`);
                            }
                        }
                    }
                }
                assert.deepStrictEqual(unused, [], "admitted paths no app uses");
                // The ALB's path uses exactly the nodes' subnets.
                const webuiAllow = allows.find((p) => selects(p.spec.podSelector, world.webui.labels))!;
                assert.deepStrictEqual(webuiAllow.spec.ingress.flatMap((i: any) => i.from.map((f: any) => f.ipBlock?.cidr)).sort(), [...world.nodeCidrs].sort());
                // Conversely, every connection the configuration makes to a pod in the namespace is admitted.
                const blocked: string[] = [];
                for (const u of world.uses) {
                    for (const t of world.target(u.host, u.port)) {
                        const admitted = allows.some((p) => selects(p.spec.podSelector, t.labels) && p.spec.ingress.some((i: any) => i.ports.some((pt: any) => world.serves.some((s) => s.pod === t && s.port === pt.port)) && i.from.some((f: any) => f.podSelector && selects(f.podSelector, u.from.labels))));
                        if (!admitted) blocked.push(`${u.from.name} → ${t.name} (${u.what})`);
                    }
                }
                assert.deepStrictEqual(blocked, [], "connections the apps make that the policies refuse");
                // Sanity: the uses were found (a parsing slip would make both checks vacuous).
                assert.ok(world.uses.filter((u) => world.target(u.host, u.port).length > 0).length >= (stack === "dev" ? 6 : 3), JSON.stringify(world.uses.map((u) => `${u.from.name}→${u.host}:${u.port}`)));
            });
        });
    }

    it("the VPC CNI add-on runs its network policy agent (the policies are enforced)", async () => {
        for (const stack of STACKS) {
            const r = await stackRun(stack);
            const cluster = ofType(r, "eks:index:Cluster")[0];
            assert.strictEqual(cluster.inputs.vpcCniOptions.configurationValues.enableNetworkPolicy, "true", stack);
        }
    });
});
