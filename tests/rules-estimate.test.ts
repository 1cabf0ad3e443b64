/**
 * rules/cost/estimate.ts line by line on hand-made quantities: the notes that say why a figure is
 * what it is (the README's cost tables print them), and the lines no shipped stack has today.
 */
import * as assert from "assert";
import { NO_USAGE } from "./fixtures";
import { bedrockTokenPrices, controlPlaneHourly, estimate, nodeGroupHourly, UnknownPriceError } from "@openwebui-aws/rules/cost/estimate";
import { DESIGN_BASELINE } from "@openwebui-aws/rules/cost/design-baseline";
import { priceBook } from "@openwebui-aws/rules/cost/regional";
import { Quantities } from "@openwebui-aws/rules/cost/quantities";
import { UsageAssumptions } from "@openwebui-aws/rules/cost/usage";

const NONE = NO_USAGE;
const EMPTY: Quantities = { ...DESIGN_BASELINE, clusters: [], nodeGroups: [], natGateways: 0, elasticIps: 0, albs: 0, instances: [] };
const SEOUL = priceBook("ap-northeast-2").table;
const line = (q: Partial<Quantities>, item: RegExp, usage: UsageAssumptions = NONE) => {
    const found = estimate({ ...EMPTY, ...q }, usage, "2026-11-28").lineItems.filter((l) => item.test(l.item));
    assert.strictEqual(found.length, 1, `${item}: ${JSON.stringify(found)}`);
    return found[0];
};

describe("rules/cost/estimate: why each control plane costs what it does", () => {
    it("says which support rule applied", () => {
        assert.deepStrictEqual(controlPlaneHourly("1.35", "STANDARD", "2027-06-01"), { usd: 0.1, note: "upgrade policy STANDARD: never extended (AWS upgrades 1.35 after 2027-03-27)" });
        assert.deepStrictEqual(controlPlaneHourly("1.99", "STANDARD", "2027-06-01"), { usd: 0.1, note: "upgrade policy STANDARD: never extended" });
        assert.deepStrictEqual(controlPlaneHourly(undefined, undefined, "2026-11-28"), { usd: 0.6, note: "version unset has no known standard-support window: assumed extended" });
        assert.deepStrictEqual(controlPlaneHourly("1.35", "EXTENDED", "2027-03-27"), { usd: 0.6, note: "1.35 left standard support on 2027-03-27: extended support billed" });
        assert.deepStrictEqual(controlPlaneHourly("1.35", undefined, "2027-03-26"), { usd: 0.1, note: "standard until 2027-03-27, then $0.6/h (upgrade policy unset = EXTENDED)" });
        assert.deepStrictEqual(controlPlaneHourly("1.35", "EXTENDED", "2027-03-26").note, "standard until 2027-03-27, then $0.6/h (upgrade policy EXTENDED)");
    });

    it("names an unset version in the line", () => {
        assert.strictEqual(line({ clusters: [{ name: "c" }] }, /control plane/).item, "EKS control plane c (?)");
    });
});

describe("rules/cost/estimate: node groups and Bedrock", () => {
    const group = { name: "g", instanceTypes: ["t4g.large"], capacityType: "ON_DEMAND" as const, nodes: 1, maxNodes: 2, volumeGb: 20 };

    it("refuses a group with no type, and a type it has no price for, naming the price file of the region", () => {
        assert.throws(() => nodeGroupHourly({ ...group, instanceTypes: [] }, NONE, "mean"), (e: Error) => e instanceof UnknownPriceError && /^no Seoul price for node group g \(no instance type listed\) in rules\/cost\/prices\.ts: add it \(with its source\) before estimating$/.test(e.message));
        assert.throws(() => nodeGroupHourly({ ...group, instanceTypes: ["x9.huge"] }, NONE, "mean", priceBook("ap-northeast-1")), /^UnknownPriceError: no Tokyo price for instance type x9\.huge in rules\/cost\/prices-tokyo\.ts/);
    });

    it("prints an on-demand group plainly, and a spot group with its discount", () => {
        const onDemand = line({ nodeGroups: [group] }, /^EC2 g/);
        assert.deepStrictEqual([onDemand.item, onDemand.note], ["EC2 g: 1 × t4g.large on-demand", "sized by the desired count"]);
        const spot = line({ nodeGroups: [{ ...group, capacityType: "SPOT" }] }, /^EC2 g/, { ...NONE, spotDiscountPercent: 60 });
        assert.strictEqual(spot.note, "on-demand $0.0832/h less the assumed 60% spot discount; sized by the desired count");
        assert.strictEqual(spot.unitUsd, Math.round(0.0832 * 0.4 * 1e6) / 1e6);
        assert.deepStrictEqual(line({ nodeGroups: [group] }, /root volumes/).note, "1 × 20 GB");
    });

    it("prices Bedrock tokens: global at the list price, a Regional profile 10% above, a model without a price refused", () => {
        const global = bedrockTokenPrices("global.anthropic.claude-haiku-4-5-20251001-v1:0");
        const regional = bedrockTokenPrices("jp.anthropic.claude-haiku-4-5-20251001-v1:0");
        assert.strictEqual(global.note, "global endpoint");
        assert.strictEqual(regional.note, "Regional endpoint (+10%)");
        assert.ok(Math.abs(regional.input / global.input - 1.1) < 1e-9 && Math.abs(regional.output / global.output - 1.1) < 1e-9);
        assert.throws(() => bedrockTokenPrices("global.anthropic.claude-opus-9"), /^UnknownPriceError: no Seoul price for Bedrock model anthropic\.claude-opus-9 in rules\/cost\/prices\.ts/);
        const tokens = estimate({ ...EMPTY, defaultBedrockModel: "global.anthropic.claude-haiku-4-5-20251001-v1:0" }, { ...NONE, bedrockInputMillionTokens: 2, bedrockOutputMillionTokens: 1 }, "2026-11-28").lineItems.filter((l) => l.item.startsWith("Bedrock"));
        assert.deepStrictEqual(tokens.map((l) => [l.item, l.quantity, l.unitUsd, l.note]), [
            ["Bedrock input tokens (global.anthropic.claude-haiku-4-5-20251001-v1:0)", 2, global.input, "assumed; global endpoint"],
            ["Bedrock output tokens (global.anthropic.claude-haiku-4-5-20251001-v1:0)", 1, global.output, "assumed; global endpoint"],
        ]);
    });
});

describe("rules/cost/estimate: the lines no shipped stack has today", () => {
    it("a stand-alone instance and its volume, and Elastic IPs by the hour", () => {
        const q = { instances: [{ name: "nat", instanceType: "t4g.nano", volumeGb: 8 }], elasticIps: 2 };
        assert.deepStrictEqual([line(q, /^EC2 nat/).quantity, line(q, /^EC2 nat/).component, line(q, /root volume nat/).quantity], [730, "network", 8]);
        assert.strictEqual(line(q, /Elastic IPs/).unitUsd, Math.round(SEOUL.publicIpv4Hour * 730 * 1e6) / 1e6);
        assert.throws(() => estimate({ ...EMPTY, instances: [{ name: "x", instanceType: "x9.huge", volumeGb: 8 }] }, NONE, "2026-11-28"), /no Seoul price for instance type x9\.huge/);
    });

    it("a single-AZ database without a managed secret or log exports is one instance, one volume", () => {
        const q = { rdsInstances: [{ name: "db", instanceClass: "db.t4g.small", multiAz: false, storageGb: 20, managedSecret: false, logExports: [] }] };
        const items = estimate({ ...EMPTY, ...q }, NONE, "2026-11-28").lineItems.filter((l) => l.item.includes("db"));
        assert.deepStrictEqual(items.map((l) => [l.item, l.quantity, l.note]), [
            ["RDS db: db.t4g.small PostgreSQL Single-AZ", 730, undefined],
            ["RDS gp3 storage db", 20, "1 × 20 GB; automated backups up to that size are free"],
        ]);
        assert.throws(() => estimate({ ...EMPTY, rdsInstances: [{ ...q.rdsInstances[0], instanceClass: "db.x9.huge" }] }, NONE, "2026-11-28"), /no Seoul price for RDS instance class db\.x9\.huge/);
        // Multi-AZ is listed as the pair's price: each of the two instances is half of it.
        const pair = line({ rdsInstances: [{ ...q.rdsInstances[0], multiAz: true }] }, /^RDS db:/);
        assert.deepStrictEqual([pair.quantity, pair.unitUsd, pair.note], [1460, Math.round((priceBook("ap-northeast-2").rdsHourly("db.t4g.small", true)! / 2) * 1e6) / 1e6, "primary and standby"]);
    });

    it("snapshots: the claimed volumes in full plus the kept increments, or nothing to snapshot", () => {
        const snaps = (persistentVolumeGb: number) => line({ snapshotPolicies: 1, retainedSnapshots: 7, persistentVolumeGb }, /EBS snapshots/, { ...NONE, snapshotIncrementGb: 2 });
        assert.deepStrictEqual([snaps(10).quantity, snaps(10).note], [24, "10 GB full (the claimed volumes) + 7 kept incrementals × 2 GB (assumed)"]);
        assert.deepStrictEqual([snaps(0).quantity, snaps(0).note], [0, "no volume to snapshot: the stack claims no persistent volume"]);
    });

    it("counts what it is given: WAF logs per request, metric filters, keys, backup storage, ECR, the cluster's own Redis", () => {
        assert.strictEqual(line({ wafLogGroups: 2 }, /WAF logs/, { ...NONE, wafMillionRequests: 2 }).quantity, 6);
        assert.strictEqual(line({ logMetricFilters: 3 }, /metric filters/).quantity, 3);
        assert.strictEqual(line({ kmsKeys: 2 }, /KMS/).quantity, 2);
        assert.strictEqual(line({ backupBuckets: 1 }, /backup bucket storage/, { ...NONE, backupGb: 50 }).quantity, 50);
        assert.strictEqual(line({ ecrRepositories: 2 }, /ECR/, { ...NONE, ecrGb: 3 }).note, "2 repositories, assumed size");
        assert.deepStrictEqual([line({ inClusterRedis: true }, /Redis/).monthlyUsd, line({ inClusterRedis: true }, /Redis/).component], [0, "app"]);
    });

    it("totals by component, and says which price file it used", () => {
        const e = estimate({ ...EMPTY, kmsKeys: 1, elasticIps: 1, region: "ap-northeast-1" }, NONE, "2026-11-28");
        assert.strictEqual(e.byComponent.ops, priceBook("ap-northeast-1").table.kmsKeyMonth);
        assert.strictEqual(e.byComponent.app, 0);
        assert.match(e.notes[0], /^730 hours a month, USD before tax, Tokyo prices of .* \(rules\/cost\/prices-tokyo\.ts\)$/);
        assert.match(estimate(EMPTY, NONE, "2026-11-28").notes[0], /Seoul prices of .* \(rules\/cost\/prices\.ts\)$/);
    });
});
