/**
 * Region recovery (issue 23, item 3): prod copies what a Tokyo stack restores from — every DLM
 * snapshot, the backup and uploads buckets, RDS's automated backups — encrypted with a key in Tokyo;
 * dev copies nothing. Read from the program's recorded resources, as a preview would register them.
 */
import * as assert from "assert";
import { ProgramRun, RecordedResource } from "../sim/mock-engine";
import { jsonInput, named, ofType, stackRun } from "./helpers";

const TOKYO = "ap-northeast-1";
const providerRegion = (r: ProgramRun, res: RecordedResource): string | undefined =>
    r.resources.find((p) => res.providerUrn === p.urn || res.providerUrn === `${p.urn}::${p.id}`)?.inputs.region;

describe("recovery copies (prod → Tokyo)", () => {
    it("dev keeps everything in Seoul: no Tokyo provider, key, replication or copy", async () => {
        const dev = await stackRun("dev");
        assert.deepStrictEqual(
            dev.resources.filter((r) => /-dr\b|Replication|replication/.test(r.name + r.type)).map((r) => r.name),
            [],
        );
        assert.strictEqual(dev.outputs.recoveryKmsKeyArn, undefined);
    });

    it("prod's Tokyo key, alias and replica buckets are made by a provider of ap-northeast-1 with the stack's default tags", async () => {
        const prod = await stackRun("prod");
        const provider = named(prod, "openwebui-aws-prod-dr");
        assert.strictEqual(provider.inputs.region, TOKYO);
        assert.deepStrictEqual(jsonInput(provider, "defaultTags"), jsonInput(named(prod, "openwebui-aws-prod"), "defaultTags"));
        for (const name of ["openwebui-recovery-key-prod-dr", "openwebui-backup-bucket-prod-dr", "openwebui-uploads-bucket-prod-dr"]) {
            assert.strictEqual(providerRegion(prod, named(prod, name)), TOKYO, `${name} is not made in Tokyo`);
        }
        for (const bucket of ["openwebui-backup-bucket-prod-dr", "openwebui-uploads-bucket-prod-dr"]) {
            assert.strictEqual(named(prod, `${bucket}-versioning`).inputs.versioningConfiguration.status, "Enabled");
            const sse = named(prod, `${bucket}-encryption`).inputs.rules[0].applyServerSideEncryptionByDefault;
            assert.strictEqual(sse.kmsMasterKeyId, named(prod, "openwebui-recovery-key-prod-dr").arn);
            assert.ok(named(prod, `${bucket}-lifecycle`).inputs.rules.length > 0);
            assert.strictEqual(named(prod, `${bucket}-public-access`).inputs.restrictPublicBuckets, true);
        }
    });

    it("prod replicates the backup and uploads buckets to their Tokyo replicas, after versioning, as a bounded role", async () => {
        const prod = await stackRun("prod");
        const key = named(prod, "openwebui-recovery-key-prod-dr");
        const role = named(prod, "openwebui-replication-role-prod");
        assert.match(role.inputs.permissionsBoundary, /policy\/openwebui-workload-boundary-prod$/);
        assert.deepStrictEqual(jsonInput(role, "assumeRolePolicy").Statement[0].Principal, { Service: "s3.amazonaws.com" });
        for (const source of ["openwebui-backup-bucket-prod", "openwebui-uploads-bucket-prod"]) {
            const config = named(prod, `${source}-replication`);
            const rule = config.inputs.rules[0];
            assert.strictEqual(config.inputs.bucket, named(prod, source).id);
            assert.strictEqual(config.inputs.role, role.arn);
            assert.strictEqual(rule.status, "Enabled");
            assert.strictEqual(rule.destination.bucket, named(prod, `${source}-dr`).arn);
            assert.strictEqual(rule.destination.encryptionConfiguration.replicaKmsKeyId, key.arn);
            assert.ok(config.dependencies.includes(named(prod, `${source}-versioning`).urn), `${source}'s replication does not wait for versioning`);
            assert.ok(config.dependencies.includes(named(prod, "openwebui-replication-role-prod-inline").urn), `${source}'s replication does not wait for its role's policy`);
        }
        // Least privilege: writes only into the replicas, reads only the sources.
        const policy = jsonInput(named(prod, "openwebui-replication-role-prod-inline"), "policy");
        const write = policy.Statement.find((s: { Sid: string }) => s.Sid === "WriteReplicas");
        assert.ok(write.Resource.every((r: string) => /-prod-dr-\d+\/\*$/.test(r)), JSON.stringify(write.Resource));
        const uploadsKey = jsonInput(named(prod, "openwebui-uploads-key-prod"), "policy");
        assert.ok(uploadsKey.Statement.some((s: { Sid: string; Principal: { AWS: string } }) => s.Sid === "ReplicationReadsUploadsThroughS3" && s.Principal.AWS === role.arn));
    });

    it("prod's snapshot schedules each copy to Tokyo, encrypted with the Tokyo key, kept recoveryRetentionDays; DLM's role may use the key", async () => {
        const prod = await stackRun("prod");
        const key = named(prod, "openwebui-recovery-key-prod-dr");
        const schedules = named(prod, "openwebui-ebs-snapshot-policy-prod").inputs.policyDetails.schedules;
        assert.ok(schedules.length > 0);
        for (const s of schedules) {
            assert.deepStrictEqual(s.crossRegionCopyRules, [{ target: TOKYO, encrypted: true, cmkArn: key.arn, copyTags: true, retainRule: { interval: 7, intervalUnit: "DAYS" } }]);
        }
        // DLM's role is created after the key, so a grant in Tokyo (made before the policy) lets it use the key.
        const grant = named(prod, "openwebui-dlm-grant-prod-dr");
        assert.strictEqual(grant.inputs.region, TOKYO);
        assert.strictEqual(grant.inputs.keyId, key.arn);
        assert.strictEqual(grant.inputs.granteePrincipal, named(prod, "openwebui-dlm-role-prod").arn);
        assert.ok(grant.inputs.operations.includes("GenerateDataKeyWithoutPlaintext") && grant.inputs.operations.includes("CreateGrant"));
        assert.ok(named(prod, "openwebui-ebs-snapshot-policy-prod").dependencies.includes(grant.urn));
        // The key policy names the replication role itself, never the account root, for data use.
        const users = jsonInput(key, "policy").Statement.filter((s: { Action: string[] }) => [s.Action].flat().some((a) => /Encrypt|Decrypt|GenerateDataKey/.test(a)));
        assert.deepStrictEqual(users.map((s: { Principal: { AWS: string } }) => s.Principal.AWS), [named(prod, "openwebui-replication-role-prod").arn]);
    });

    it("prod replicates RDS's automated backups into Tokyo with the Tokyo key, and exports what the recovery stack restores from", async () => {
        const prod = await stackRun("prod");
        const [copy, ...more] = ofType(prod, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication");
        assert.deepStrictEqual(more, []);
        assert.strictEqual(copy.inputs.region, TOKYO);
        assert.strictEqual(copy.inputs.sourceDbInstanceArn, named(prod, "openwebui-rds-prod").arn);
        assert.strictEqual(copy.inputs.kmsKeyId, named(prod, "openwebui-recovery-key-prod-dr").arn);
        assert.strictEqual(copy.inputs.retentionPeriod, 7);
        assert.strictEqual(prod.outputs.recoveryDatabaseBackupsArn, copy.id);
        assert.strictEqual(prod.outputs.recoveryKmsKeyArn, named(prod, "openwebui-recovery-key-prod-dr").arn);
        assert.match(String(prod.outputs.recoveryBackupBucketName), /^openwebui-backup-bucket-prod-dr-\d{12}$/);
        assert.match(String(prod.outputs.recoveryUploadsBucketName), /^openwebui-uploads-bucket-prod-dr-\d{12}$/);
    });
});
