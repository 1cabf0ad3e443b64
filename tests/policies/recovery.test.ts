/**
 * Issue 23, item 5: in prod the pack requires every copy a Tokyo recovery restores from. Each of the
 * four copies is taken out of prod's own recording in turn, and each time the whole pack, with prod's
 * pack config, reports a mandatory violation that names what is missing.
 */
import * as assert from "assert";
import { policies } from "../../policy-pack/policies";
import { recoveryCopies } from "../../policy-pack/policies/recovery";
import { RecordedResource } from "../../sim/mock-engine";
import { fromRecording, loadPackConfig, runPolicies, Violation } from "../../sim/policy-runner";
import { stackRun } from "../helpers";

const packMandatory = async (resources: RecordedResource[], stack = "prod"): Promise<Violation[]> =>
    (await runPolicies(policies, fromRecording(resources), { stack, packConfig: loadPackConfig(stack) })).filter((v) => v.level === "mandatory");

const without = (resources: RecordedResource[], name: string): RecordedResource[] => {
    assert.ok(resources.some((r) => r.name === name), `prod registers no ${name}`);
    return resources.filter((r) => r.name !== name);
};

/** A deep copy with `change` applied to the inputs of the resource called `name`. */
const changed = (resources: RecordedResource[], name: string, change: (inputs: Record<string, any>) => void): RecordedResource[] =>
    resources.map((r) => {
        if (r.name !== name) return r;
        const inputs = JSON.parse(JSON.stringify(r.inputs));
        change(inputs);
        return { ...r, inputs };
    });

describe("policy recovery-copies", () => {
    it("is mandatory in prod, disabled in dev", () => {
        assert.strictEqual(loadPackConfig("prod")["recovery-copies"], "mandatory");
        assert.strictEqual(loadPackConfig("dev")["recovery-copies"], "disabled");
    });

    it("passes prod as the program builds it", async () => {
        const prod = (await stackRun("prod")).resources;
        assert.deepStrictEqual((await packMandatory(prod)).filter((v) => v.policy === "recovery-copies"), []);
    });

    const removals: [string, (r: RecordedResource[]) => RecordedResource[], RegExp][] = [
        [
            "the snapshot copy (DLM crossRegionCopyRules)",
            (r) => changed(r, "openwebui-ebs-snapshot-policy-prod", (i) => i.policyDetails.schedules.forEach((s: Record<string, unknown>) => delete s.crossRegionCopyRules)),
            /DLM policy openwebui-ebs-snapshot-policy-prod copies no snapshot to ap-northeast-1/,
        ],
        ["the backup bucket's replication", (r) => without(r, "openwebui-backup-bucket-prod-replication"), /bucket openwebui-backup-bucket-prod is not replicated to a bucket in ap-northeast-1/],
        ["the uploads bucket's replication", (r) => without(r, "openwebui-uploads-bucket-prod-replication"), /bucket openwebui-uploads-bucket-prod is not replicated to a bucket in ap-northeast-1/],
        ["the database copy (RDS automated-backup replication)", (r) => without(r, "openwebui-rds-backups-prod-dr"), /RDS instance openwebui-rds-prod's automated backups are not replicated to ap-northeast-1/],
    ];
    for (const [what, remove, message] of removals) {
        it(`fails prod's pack without ${what}`, async () => {
            const found = await packMandatory(remove((await stackRun("prod")).resources));
            const ours = found.filter((v) => v.policy === "recovery-copies");
            assert.strictEqual(ours.length, 1, JSON.stringify(found));
            assert.match(ours[0].message, message);
        });
    }

    it("fails a copy that lands in Seoul or is not encrypted there", async () => {
        const prod = (await stackRun("prod")).resources;
        const flagged = async (r: RecordedResource[]) => (await runPolicies([recoveryCopies], fromRecording(r), { stack: "prod", packConfig: loadPackConfig("prod") })).map((v) => v.message);
        // The snapshot copy unencrypted, or sent to the stack's own region.
        const unencrypted = changed(prod, "openwebui-ebs-snapshot-policy-prod", (i) => (i.policyDetails.schedules[0].crossRegionCopyRules[0].encrypted = false));
        assert.ok((await flagged(unencrypted)).some((m) => /must be encrypted with a key there/.test(m)));
        const toSeoul = changed(prod, "openwebui-ebs-snapshot-policy-prod", (i) => i.policyDetails.schedules.forEach((s: { crossRegionCopyRules: { target: string }[] }) => (s.crossRegionCopyRules[0].target = "ap-northeast-2")));
        assert.ok((await flagged(toSeoul)).some((m) => /copies no snapshot to ap-northeast-1/.test(m)));
        // The uploads bucket replicated into the backup bucket (Seoul) instead of its Tokyo replica.
        const backupArn = prod.find((r) => r.name === "openwebui-backup-bucket-prod")?.arn;
        const intoSeoul = changed(prod, "openwebui-uploads-bucket-prod-replication", (i) => (i.rules[0].destination.bucket = backupArn));
        assert.ok((await flagged(intoSeoul)).some((m) => /openwebui-uploads-bucket-prod is not replicated/.test(m)));
        // The database copy made in Seoul.
        const dbInSeoul = changed(prod, "openwebui-rds-backups-prod-dr", (i) => (i.region = "ap-northeast-2"));
        assert.ok((await flagged(dbInSeoul)).some((m) => /openwebui-rds-prod's automated backups are not replicated/.test(m)));
    });

    it("finds nothing to copy-check in dev, where it is disabled and nothing is copied", async () => {
        const dev = (await stackRun("dev")).resources;
        assert.deepStrictEqual((await packMandatory(dev, "dev")).filter((v) => v.policy === "recovery-copies"), []);
        // Advisory by default: a stack whose pack config leaves it unset is told, not blocked.
        const found = await runPolicies([recoveryCopies], fromRecording(dev), { stack: "dev", packConfig: {} });
        assert.ok(found.length > 0 && found.every((v) => v.level === "advisory"));
    });
});
