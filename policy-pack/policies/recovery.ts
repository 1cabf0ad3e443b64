/**
 * Region recovery (design §백업 및 재해 복구 계획, third scenario "타 리전 복구 (4시간)"; issue 23):
 * a stack in the primary region keeps, in the recovery region, everything a recovery stack restores
 * from. Mandatory in prod (policy-pack/config/prod.json); dev keeps nothing out of Seoul.
 *
 * Matching is by the engine's property dependencies, not by names or ARNs: at a first preview the
 * buckets' ids and the instance's ARN are unknown, but which resource each input came from is known.
 * A resource is in the recovery region when its own `region` input says so, else its provider's.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { hasResourceType } from "@openwebui-aws/rules/naming";
import { UPLOADS_BUCKET_TYPE } from "@openwebui-aws/rules/app";
import { known } from "@openwebui-aws/rules/preview";
import { asArray, asRecord } from "@openwebui-aws/rules/props";
import { RECOVERY_REGION } from "@openwebui-aws/rules/regions";

const BUCKET = "aws:s3/bucket:Bucket";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const DLM = "aws:dlm/lifecyclePolicy:LifecyclePolicy";
const RDS = "aws:rds/instance:Instance";
const RDS_COPY = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";

/** A value is set when it is known and non-empty, or not known yet (a key's ARN at a first preview: UNKNOWN is neither empty nor absent). */
const isSet = (read: () => unknown): boolean => {
    const v = known(read);
    return v !== undefined && v !== null && v !== "";
};

/** The resource's own region when it names one, else its provider's (whatever that holds: only a match with the recovery region counts). */
function regionOf(r: PolicyResource): unknown {
    const own = known(() => r.props.region);
    return typeof own === "string" && own !== "" ? own : known(() => r.provider?.props.region);
}

const inRecovery = (r: PolicyResource) => regionOf(r) === RECOVERY_REGION;
const dependsOn = (r: PolicyResource, prop: string, urn: string) => (r.propertyDependencies[prop] ?? []).some((d) => d.urn === urn);

/** Why `policy`'s snapshots are not copied to the recovery region, or undefined when one schedule copies them properly. */
function snapshotCopyProblem(policy: PolicyResource): string | undefined {
    const schedules = asArray(known(() => asRecord(policy.props.policyDetails).schedules)).map(asRecord);
    const rules = schedules.flatMap((s) => asArray(s.crossRegionCopyRules).map(asRecord));
    const toRecovery = rules.filter((r) => r.target === RECOVERY_REGION || r.targetRegion === RECOVERY_REGION);
    if (toRecovery.length === 0) return `DLM policy ${policy.name} copies no snapshot to ${RECOVERY_REGION}: add a crossRegionCopyRules entry (target ${RECOVERY_REGION}) to its schedules`;
    const bad = toRecovery.find((r) => r.encrypted !== true || !isSet(() => r.cmkArn) || !(Number(asRecord(r.retainRule).interval) > 0));
    if (bad) return `DLM policy ${policy.name}'s copy to ${RECOVERY_REGION} must be encrypted with a key there (encrypted true, cmkArn) and kept for a time (retainRule)`;
    return undefined;
}

/** Why `bucket` is not replicated to a bucket in the recovery region, or undefined. */
function replicationProblem(bucket: PolicyResource, all: PolicyResource[]): string | undefined {
    const replicas = new Set(all.filter((r) => r.type === BUCKET && inRecovery(r)).map((r) => r.urn));
    const configs = all.filter((r) => r.type === REPLICATION && dependsOn(r, "bucket", bucket.urn));
    const good = configs.some((c) => {
        const rules = asArray(known(() => c.props.rules)).map(asRecord);
        const toReplica = (c.propertyDependencies.rules ?? []).some((d) => replicas.has(d.urn));
        return toReplica && rules.some((r) => r.status === "Enabled" && isSet(() => asRecord(asRecord(r.destination).encryptionConfiguration).replicaKmsKeyId));
    });
    return good ? undefined : `bucket ${bucket.name} is not replicated to a bucket in ${RECOVERY_REGION}: give it a BucketReplicationConfig with an enabled rule to the recovery region's replica, encrypted there (replicaKmsKeyId)`;
}

function databaseCopyProblem(instance: PolicyResource, all: PolicyResource[]): string | undefined {
    const copies = all.filter((r) => r.type === RDS_COPY && dependsOn(r, "sourceDbInstanceArn", instance.urn) && inRecovery(r) && isSet(() => r.props.kmsKeyId));
    return copies.length > 0
        ? undefined
        : `RDS instance ${instance.name}'s automated backups are not replicated to ${RECOVERY_REGION}: add an InstanceAutomatedBackupsReplication there (sourceDbInstanceArn, kmsKeyId of a key there)`;
}

export const recoveryCopies: StackValidationPolicy = {
    name: "recovery-copies",
    description: `What a region recovery restores from is copied to the recovery region (${RECOVERY_REGION}): the EBS snapshots (DLM cross-region copy, encrypted with a key there, with a retention), the backup and uploads buckets (S3 replication to buckets there, re-encrypted there), and each RDS instance's automated backups (backup replication with a key there). Mandatory in prod.`,
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const primary = args.resources.filter((r) => !inRecovery(r));
        for (const p of primary.filter((r) => r.type === DLM)) {
            const problem = snapshotCopyProblem(p);
            if (problem) report(problem, p.urn);
        }
        const sources = primary.filter((r) => r.type === BUCKET && (hasResourceType(r.name, "backup-bucket") || hasResourceType(r.name, UPLOADS_BUCKET_TYPE)));
        for (const b of sources) {
            const problem = replicationProblem(b, args.resources);
            if (problem) report(problem, b.urn);
        }
        for (const db of primary.filter((r) => r.type === RDS)) {
            const problem = databaseCopyProblem(db, args.resources);
            if (problem) report(problem, db.urn);
        }
    },
};
