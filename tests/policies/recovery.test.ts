/**
 * Issue 23, item 5: in prod the pack requires every copy a Tokyo recovery restores from. Each of the
 * four copies is taken out of prod's own recording in turn, and each time the whole pack, with prod's
 * pack config, reports a mandatory violation that names what is missing.
 */
import * as assert from "assert";
import { policies } from "../../policy-pack/policies";
import { recoveryCopies } from "../../policy-pack/policies/recovery";
import { RecordedResource } from "../../sim/mock-engine";
import { fromRecording, loadPackConfig, PolicyInput, runPolicies, Violation } from "../../sim/policy-runner";
import { previewProps, UNKNOWN_STRING } from "./stack-inputs";
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

describe("policy recovery-copies, copy by copy", () => {
    const urn = (type: string, name: string) => `urn:pulumi:prod::openwebui::${type}::${name}`;
    const tokyo = { type: "pulumi:providers:aws", name: "openwebui-aws-dr-prod", urn: urn("pulumi:providers:aws", "openwebui-aws-dr-prod"), props: { region: "ap-northeast-1" } };
    const seoul = { ...tokyo, name: "openwebui-aws-prod", urn: urn("pulumi:providers:aws", "openwebui-aws-prod"), props: { region: "ap-northeast-2" } };
    const res = (type: string, name: string, props: Record<string, unknown>, extra: Partial<PolicyInput> = {}): PolicyInput => ({ type, name, urn: urn(type, name), props, provider: seoul, ...extra });
    const KEY = "arn:aws:kms:ap-northeast-1:123456789012:key/dr";
    const messages = async (resources: PolicyInput[]) => (await runPolicies([recoveryCopies], resources, { stack: "prod", packConfig: loadPackConfig("prod") })).map((v) => v.message);

    describe("snapshots", () => {
        const dlm = (rule: Record<string, unknown>) => res("aws:dlm/lifecyclePolicy:LifecyclePolicy", "openwebui-ebs-snapshot-policy-prod", { policyDetails: { schedules: [{ name: "daily" }, { name: "copied", crossRegionCopyRules: [rule] }] } });
        const good = { target: "ap-northeast-1", encrypted: true, cmkArn: KEY, retainRule: { interval: 7, intervalUnit: "DAYS" } };
        const BAD = "DLM policy openwebui-ebs-snapshot-policy-prod's copy to ap-northeast-1 must be encrypted with a key there (encrypted true, cmkArn) and kept for a time (retainRule)";

        it("one schedule's copy to Tokyo, by target or by the older targetRegion, encrypted with a key there and kept, is enough", async () => {
            assert.deepStrictEqual(await messages([dlm(good)]), []);
            const { target: _t, ...rest } = good;
            assert.deepStrictEqual(await messages([dlm({ ...rest, targetRegion: "ap-northeast-1" })]), []);
            // A key a first preview does not know yet is a key.
            assert.deepStrictEqual(await messages([{ ...dlm(good), props: previewProps({ policyDetails: { schedules: [{ crossRegionCopyRules: [{ ...good, cmkArn: UNKNOWN_STRING }] }] } }) }]), []);
        });

        it("a copy without a key (unset, null or empty), unencrypted, or kept for no time is refused", async () => {
            for (const cmkArn of [undefined, null, ""]) assert.deepStrictEqual(await messages([dlm({ ...good, cmkArn })]), [BAD], String(cmkArn));
            assert.deepStrictEqual(await messages([dlm({ ...good, encrypted: false })]), [BAD]);
            assert.deepStrictEqual(await messages([dlm({ ...good, retainRule: { interval: 0 } })]), [BAD]);
        });
    });

    describe("buckets", () => {
        const source = res("aws:s3/bucket:Bucket", "openwebui-backup-bucket-prod", {});
        const replica = res("aws:s3/bucket:Bucket", "openwebui-backup-bucket-prod-dr", {}, { provider: tokyo });
        const config = (to: PolicyInput, rule: Record<string, unknown>, deps: Record<string, string[]> = { bucket: [source.urn as string], rules: [to.urn as string] }) =>
            res("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "openwebui-backup-bucket-prod-replication", { rules: [rule] }, { propertyDependencies: deps });
        const enabled = { status: "Enabled", destination: { encryptionConfiguration: { replicaKmsKeyId: KEY } } };
        const not = (bucket: string) => `bucket ${bucket} is not replicated to a bucket in ap-northeast-1: give it a BucketReplicationConfig with an enabled rule to the recovery region's replica, encrypted there (replicaKmsKeyId)`;
        const NOT = not("openwebui-backup-bucket-prod");
        // A "replica" outside Tokyo is one more Seoul backup bucket, itself not replicated.
        const BOTH = [NOT, not("openwebui-backup-bucket-prod-dr")];

        it("an enabled, re-encrypted rule to a bucket in Tokyo (by its provider, or its own region) replicates it", async () => {
            assert.deepStrictEqual(await messages([source, replica, config(replica, enabled)]), []);
            const ownRegion = { ...replica, provider: seoul, props: { region: "ap-northeast-1" } };
            assert.deepStrictEqual(await messages([source, ownRegion, config(ownRegion, enabled)]), []);
        });

        it("an empty region falls back to the provider's; a bucket in Seoul, a rule without a key, or a config of another bucket does not replicate it", async () => {
            const emptyRegion = { ...replica, props: { region: "" } };
            assert.deepStrictEqual(await messages([source, emptyRegion, config(emptyRegion, enabled)]), []);
            const inSeoul = { ...replica, provider: seoul };
            assert.deepStrictEqual(await messages([source, inSeoul, config(inSeoul, enabled)]), BOTH);
            const noKey = { ...enabled, destination: { encryptionConfiguration: { replicaKmsKeyId: "" } } };
            assert.deepStrictEqual(await messages([source, replica, config(replica, noKey)]), [NOT]);
            const other = res("aws:s3/bucket:Bucket", "openwebui-logs-bucket-prod", {});
            assert.deepStrictEqual(await messages([source, other, replica, config(replica, enabled, { bucket: [other.urn as string], rules: [replica.urn as string] })]), [NOT]);
            // A config that depends on several buckets, the source among them, is the source's.
            assert.deepStrictEqual(await messages([source, other, replica, config(replica, enabled, { bucket: [other.urn as string, source.urn as string], rules: [replica.urn as string] })]), []);
        });
    });
});
