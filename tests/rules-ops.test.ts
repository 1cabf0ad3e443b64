/**
 * rules/ops.ts's parsers and counts on their own: the snapshot schedules a stack file writes, and
 * what a CloudWatch agent configuration publishes (the cost model reads it back from the DaemonSet).
 */
import * as assert from "assert";
import { agentConfigCost, nodeAgentConfig, parseSnapshotSchedule, recoveryPointHours } from "@openwebui-aws/rules/ops";

describe("rules/ops: snapshot schedules", () => {
    it("reads interval, optional start time and count, around surrounding spaces", () => {
        assert.deepStrictEqual(parseSnapshotSchedule("every 1h keep 24"), { intervalHours: 1, atUtc: undefined, keep: 24 });
        assert.deepStrictEqual(parseSnapshotSchedule("  every 24h at 23:59 keep 1000 "), { intervalHours: 24, atUtc: "23:59", keep: 1000 });
        assert.deepStrictEqual(parseSnapshotSchedule("every 12h at 00:00 keep 1"), { intervalHours: 12, atUtc: "00:00", keep: 1 });
    });

    it("refuses what DLM refuses, saying which part", () => {
        assert.strictEqual(parseSnapshotSchedule("every 1h keep 0"), "keep 0: DLM keeps 1 to 1000 snapshots per schedule");
        assert.strictEqual(parseSnapshotSchedule("every 1h keep 1001"), "keep 1001: DLM keeps 1 to 1000 snapshots per schedule");
        assert.strictEqual(parseSnapshotSchedule("every 48h keep 7"), "every 48h: DLM takes 1, 2, 3, 4, 6, 8, 12, 24 hours");
        for (const bad of ["every 24h at 24:00 keep 7", "every 24h at 9:00 keep 7", "every 24h at 12:60 keep 7", "every h keep 7", "every 1h keep", "xevery 1h keep 7", "every 1h keep 7x"]) {
            assert.strictEqual(parseSnapshotSchedule(bad), `"${bad}" is not "every <N>h [at HH:MM] keep <count>"`, bad);
        }
    });

    it("the recovery point is the shortest interval", () => {
        assert.strictEqual(recoveryPointHours([{ intervalHours: 24, keep: 7 }, { intervalHours: 1, keep: 24 }, { intervalHours: 6, keep: 4 }]), 1);
    });
});

describe("rules/ops: what a CloudWatch agent configuration costs", () => {
    it("the program's configuration: two metrics cluster-wide, one call per node every five minutes", () => {
        assert.deepStrictEqual(agentConfigCost(nodeAgentConfig("openwebui-eks-dev", "ap-northeast-2"), 3), { metrics: 2, putRequestsPerMonth: 26280 });
    });

    it("with the hostname kept, every node's metrics count; without a flush interval, one call a minute", () => {
        const config = { agent: { omit_hostname: false }, metrics: { metrics_collected: { cpu: { measurement: ["a", "b"] }, mem: { measurement: ["c"] }, disk: {} } } };
        assert.deepStrictEqual(agentConfigCost(config, 4), { metrics: 12, putRequestsPerMonth: 175200 });
    });

    it("a configuration that collects nothing (or a measurement that is not a list) makes no call", () => {
        assert.deepStrictEqual(agentConfigCost(undefined, 3), { metrics: 0, putRequestsPerMonth: 0 });
        assert.deepStrictEqual(agentConfigCost({ agent: { omit_hostname: true }, metrics: { metrics_collected: { cpu: { measurement: "cpu_usage_active" } } } }, 3), { metrics: 0, putRequestsPerMonth: 0 });
    });
});
