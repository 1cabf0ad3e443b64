/**
 * The application's day-2 behaviour: a changed database password reaches Postgres, and container
 * logs leave each node once, from a shipper that remembers where it stopped.
 */
import * as assert from "assert";
import { DEVIATIONS } from "@openwebui-aws/rules/deviations";
import { FLUENT_BIT_STATE_HOST_PATH, fluentBitConfig } from "../components/app/observability";
import { setupJobName, setupSql } from "../components/app/setup";
import { named, ofType, stackRun, STACKS } from "./helpers";

/** The program's job is named by setupJobName: tests/app.test.ts checks it in each stack's `up` run. */
describe("database setup job: a password change runs it again", () => {
    const base = { sql: setupSql(), generation: "db-ABCDEFGHIJKLMNOP", key: "k".repeat(64), passwords: { webui: "a".repeat(40), litellm: "b".repeat(40) } };

    it("a new password for either app names a new job; the same passwords keep the same job", () => {
        const name = setupJobName(base);
        assert.match(name, /^db-setup-[0-9a-f]{10}$/);
        assert.strictEqual(setupJobName({ ...base, passwords: { ...base.passwords } }), name);
        assert.notStrictEqual(setupJobName({ ...base, passwords: { ...base.passwords, webui: "c".repeat(40) } }), name);
        assert.notStrictEqual(setupJobName({ ...base, passwords: { ...base.passwords, litellm: "c".repeat(40) } }), name);
        // Swapping the two is a change too: each role gets the other password otherwise.
        assert.notStrictEqual(setupJobName({ ...base, passwords: { webui: base.passwords.litellm, litellm: base.passwords.webui } }), name);
        // A new script or a replaced (empty) server runs it again, as before.
        assert.notStrictEqual(setupJobName({ ...base, sql: `${base.sql}-- changed\n` }), name);
        assert.notStrictEqual(setupJobName({ ...base, generation: "db-QRSTUVWXYZ" }), name);
    });

    it("the digest is keyed: without the stack's key, the name cannot confirm a guessed password", () => {
        assert.notStrictEqual(setupJobName({ ...base, key: "j".repeat(64) }), setupJobName(base));
    });
});

describe("container logs: one path, offsets kept on the node", () => {
    for (const stack of STACKS) {
        it(`${stack}: the app's Fluent Bit is the only shipper of container logs`, async () => {
            const r = await stackRun(stack);
            const insights = ofType(r, "aws:eks/addon:Addon").filter((a) => a.inputs.addonName === "amazon-cloudwatch-observability");
            // The add-on's Fluent Bit ships every container's lines unless its chart's containerLogs is off.
            const insightsShipsLogs = insights.filter((a) => JSON.parse(a.inputs.configurationValues ?? "{}").containerLogs?.enabled !== false);
            const appShippers = ofType(r, "kubernetes:apps/v1:DaemonSet").filter((d) => d.inputs.metadata.name === "app-logs");
            assert.strictEqual(appShippers.length, 1);
            assert.deepStrictEqual(insightsShipsLogs, []);
            // prod keeps Container Insights (its metrics feed the node and pod alarms); dev has none.
            assert.strictEqual(insights.length, stack === "prod" ? 1 : 0);
            // Nothing writes the add-on's container-log groups any more, so none is created.
            const groups = ofType(r, "aws:cloudwatch/logGroup:LogGroup").map((g) => String(g.inputs.name));
            assert.deepStrictEqual(groups.filter((g) => /^\/aws\/containerinsights\/.*\/(application|dataplane|host)$/.test(g)), []);
        });

        it(`${stack}: the tail input's position database is on a hostPath of the node, not in the pod`, async () => {
            const r = await stackRun(stack);
            const conf = String(named(r, `openwebui-app-logs-config-${stack}`).inputs.data["fluent-bit.conf"]);
            const db = /^\s*DB\s+(\S+)$/m.exec(conf)?.[1];
            assert.ok(db, "the tail input keeps no position database");
            const pod = named(r, `openwebui-app-logs-${stack}`).inputs.spec.template.spec;
            const mount = (pod.containers[0].volumeMounts as { name: string; mountPath: string; readOnly?: boolean }[])
                .filter((m) => db.startsWith(`${m.mountPath}/`))
                .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
            assert.ok(mount && !mount.readOnly, `nothing writable is mounted at ${db}`);
            const volume = (pod.volumes as { name: string; hostPath?: unknown; emptyDir?: unknown }[]).find((v) => v.name === mount.name);
            assert.deepStrictEqual(volume, { name: mount.name, hostPath: { path: FLUENT_BIT_STATE_HOST_PATH, type: "DirectoryOrCreate" } });
        });
    }

    it("its node directory is its own, apart from the add-on's Fluent Bit databases, and the deviation names it", () => {
        // The add-on's chart keeps flb_*.db directly in /var/fluent-bit/state (templates/linux/fluent-bit-daemonset.yaml, values.yaml).
        assert.match(FLUENT_BIT_STATE_HOST_PATH, /^\/var\/fluent-bit\/state\/[a-z0-9-]+$/);
        assert.match(fluentBitConfig("openwebui", "ap-northeast-2", "/aws/application/openwebui-dev"), /^\s*DB \/var\/fluent-bit\/state\/tail\.db$/m);
        const deviation = DEVIATIONS.find((d) => d.id === "log-shipper-host-logs");
        assert.ok(deviation?.decision.includes(FLUENT_BIT_STATE_HOST_PATH), "rules/deviations.ts does not say the shipper writes to the node");
    });
});
