/**
 * Users' data at rest and its traces (issue 21): uploaded files under a key of the program's that only
 * S3, for Open WebUI's role and its bucket, may use; the database's logs exported and expiring, with
 * no SQL text in them; and the pack holding each of these on both stacks.
 */
import * as assert from "assert";
import { rdsLogExports, uploadsBucketKms, wafLogging } from "../policy-pack/policies/app-data";
import { ACCOUNT_ID, REGION } from "../sim/fake-aws";
import { decide, DEFAULT_KEY_POLICY, PolicyDocument, Principal } from "../sim/iam-engine";
import { ProgramRun } from "../sim/mock-engine";
import { fromRecording, loadPackConfig, runPolicies } from "../sim/policy-runner";
import { named, ofType, stackRun, STACKS } from "./helpers";

const EC_KEY = "kms:EncryptionContext:aws:s3:arn";

/**
 * The simulator (@cloud-copilot/iam-simulate 0.1.x) resolves variable condition keys only in the
 * `prefix/name` form (context_keys/contextKeys.js, replaceVariableInContextKey), so it cannot match
 * `kms:EncryptionContext:aws:s3:arn` and denies every request a statement with it would allow. The
 * decisions below are the simulator's with that one key taken out; the key itself is checked apart.
 */
function withoutEncryptionContext(doc: PolicyDocument): PolicyDocument {
    const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).map((st: any) => {
        if (!st.Condition?.StringEquals?.[EC_KEY]) return st;
        const { [EC_KEY]: _ec, ...rest } = st.Condition.StringEquals;
        return { ...st, Condition: { ...st.Condition, StringEquals: rest } };
    });
    return { ...doc, Statement: statements } as PolicyDocument;
}

/** Statements (of a role or key policy) that allow the key's use, each with the bucket its encryption context must name. */
const encryptionContextsOf = (doc: PolicyDocument) =>
    (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).filter((st: any) => [st.Action].flat().some((a: string) => /^kms:(GenerateDataKey|Decrypt)/.test(a))).map((st: any) => st.Condition?.StringEquals?.[EC_KEY]);

/** A role as AWS evaluates it: every inline policy the program gives it. */
function rolePrincipal(r: ProgramRun, roleType: string): Principal {
    const role = named(r, `openwebui-${roleType}-role-${r.stack}`);
    const policies = ofType(r, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs.role === role.id || p.inputs.role === role.inputs.name);
    assert.ok(policies.length > 0, `${role.name} has no inline policy`);
    return { arn: `arn:aws:iam::${ACCOUNT_ID}:role/${role.inputs.name}`, identityPolicies: policies.map((p) => JSON.parse(p.inputs.policy) as PolicyDocument) };
}

describe("users' data at rest and its traces", function () {
    this.timeout(120_000);

    for (const stack of STACKS) {
        describe(stack, () => {
            it("the uploads bucket is SSE-KMS with the program's uploads key and an S3 Bucket Key; the backup bucket stays SSE-S3 (deviation)", async () => {
                const r = await stackRun(stack);
                const key = named(r, `openwebui-uploads-key-${stack}`);
                const [rule] = named(r, `openwebui-uploads-bucket-${stack}-encryption`).inputs.rules;
                assert.deepStrictEqual(rule, { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true });
                assert.strictEqual(key.inputs.enableKeyRotation, true);
                assert.strictEqual(named(r, `openwebui-uploads-alias-${stack}`).inputs.name, `alias/openwebui-uploads-key-${stack}`);
                assert.deepStrictEqual(named(r, `openwebui-backup-bucket-${stack}-encryption`).inputs.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
            });

            it("Open WebUI's role may use the uploads key only through S3, for its bucket, to write and read; nothing else may", async () => {
                const r = await stackRun(stack);
                const key = named(r, `openwebui-uploads-key-${stack}`);
                const bucketArn = `arn:aws:s3:::openwebui-uploads-bucket-${stack}-${ACCOUNT_ID}`;
                const fullKeyPolicy = JSON.parse(key.inputs.policy) as PolicyDocument;
                const fullWebui = rolePrincipal(r, "webui");
                // Both the key policy and the role's grant tie every use to the uploads bucket.
                // (prod's key also lets S3 replication decrypt, under the same conditions: components/recovery.)
                assert.deepStrictEqual(encryptionContextsOf(fullKeyPolicy), stack === "prod" ? [bucketArn, bucketArn] : [bucketArn]);
                assert.deepStrictEqual(fullWebui.identityPolicies.flatMap(encryptionContextsOf), [bucketArn]);
                const keyPolicy = withoutEncryptionContext(fullKeyPolicy);
                const webui = { ...fullWebui, identityPolicies: fullWebui.identityPolicies.map(withoutEncryptionContext) };
                const viaS3 = { "aws:RequestedRegion": REGION, "kms:ViaService": `s3.${REGION}.amazonaws.com` };
                const use = (principal: Principal, action: string, context: Record<string, string> = viaS3, resource = key.arn as string, resourcePolicy: PolicyDocument | undefined = keyPolicy) =>
                    decide(principal, { action, resource, context, resourcePolicy });

                // Writing an object takes a data key, reading one (and completing a multipart upload) Decrypt.
                for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) assert.strictEqual(await use(webui, action), "Allowed", action);
                // Only those two, only through S3, only for the uploads bucket.
                for (const action of ["kms:Encrypt", "kms:ReEncryptFrom", "kms:CreateGrant", "kms:ScheduleKeyDeletion"]) assert.notStrictEqual(await use(webui, action), "Allowed", action);
                assert.notStrictEqual(await use(webui, "kms:Decrypt", { "aws:RequestedRegion": REGION }), "Allowed", "called directly, not through S3");
                // Another key, even one whose policy lets IAM decide (AWS's default): the role names only this key.
                const otherKey = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/another-key`;
                assert.notStrictEqual(await use(webui, "kms:Decrypt", viaS3, otherKey, DEFAULT_KEY_POLICY), "Allowed", "another key");
                // The key policy names the role: another role of the stack may not use the key, even through S3.
                assert.notStrictEqual(await use(rolePrincipal(r, "litellm"), "kms:Decrypt"), "Allowed", "LiteLLM's role");
                // Open WebUI's pods start only once the role may use the key.
                assert.ok(named(r, `openwebui-webui-${stack}`).dependencies.includes(named(r, `openwebui-webui-role-${stack}-uploads-key`).urn));
            });

            it("the pack's waf-logging, rds-log-exports and uploads-bucket-kms accept the stack as the program builds it", async () => {
                const r = await stackRun(stack);
                const violations = await runPolicies([wafLogging, rdsLogExports, uploadsBucketKms], fromRecording(r.resources), { stack, packConfig: loadPackConfig(stack) });
                assert.deepStrictEqual(violations, []);
            });
        });
    }

    it("prod: RDS exports its postgresql and upgrade logs into groups created first, with the ops retention", async () => {
        const r = await stackRun("prod");
        const db = named(r, "openwebui-rds-prod");
        assert.deepStrictEqual(db.inputs.enabledCloudwatchLogsExports, ["postgresql", "upgrade"]);
        const retention = named(r, "openwebui-application-lg-prod").inputs.retentionInDays;
        for (const log of ["postgresql", "upgrade"]) {
            const group = named(r, `openwebui-rds-lg-prod-${log}`);
            assert.strictEqual(group.inputs.name, `/aws/rds/instance/${db.inputs.identifier}/${log}`);
            assert.strictEqual(group.inputs.retentionInDays, retention);
            assert.ok(db.dependencies.includes(group.urn), `the instance does not wait for ${group.inputs.name}`);
        }
    });

    it("prod: the database logs no SQL text: no statement, slow-statement or failing-statement logging (prompts live in the SQL)", async () => {
        const r = await stackRun("prod");
        const db = named(r, "openwebui-rds-prod");
        const pg = named(r, "openwebui-rds-pg-prod");
        assert.strictEqual(db.inputs.parameterGroupName, pg.inputs.name);
        assert.strictEqual(pg.inputs.family, `postgres${r.config["openwebui:databaseEngineVersion"]}`);
        const params = Object.fromEntries((pg.inputs.parameters as { name: string; value: string }[]).map((p) => [p.name, p.value]));
        assert.deepStrictEqual(params, { log_statement: "none", log_min_duration_statement: "-1", log_min_error_statement: "panic" });
    });

    it("dev runs Postgres in the cluster: no RDS, so no exported logs or parameter group to create", async () => {
        const r = await stackRun("dev");
        assert.deepStrictEqual(ofType(r, "aws:rds/instance:Instance"), []);
        assert.deepStrictEqual(ofType(r, "aws:rds/parameterGroup:ParameterGroup"), []);
        assert.ok(ofType(r, "aws:cloudwatch/logGroup:LogGroup").every((g) => !String(g.inputs.name).startsWith("/aws/rds/")));
    });
});
