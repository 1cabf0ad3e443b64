/**
 * Issue 23 items 1, 2 and 4: the recovery stack (Pulumi.dr.yaml) in Tokyo. Regions and zones come
 * from rules/regions.ts, names carry the dr marker, and the global names of dev, prod and dr never
 * meet, since the recovery stack runs while Seoul's still exist.
 */
import * as assert from "assert";
import { REGIONS } from "@openwebui-aws/rules/regions";
import { ofType, refused, run, stackRun } from "./helpers";
import { ProgramRun } from "../sim/mock-engine";
import { plan } from "../plan/plan";
import { priceBook } from "@openwebui-aws/rules/cost/regional";
import { MONTHLY_TARGET_USD } from "@openwebui-aws/rules/cost/targets";

const list = (...items: string[]) => JSON.stringify(items);


/** Physical names AWS keeps unique per account (or per region, listed all the same): kind → names. */
const GLOBAL_NAMES: Record<string, { type: string; property: string }> = {
    "IAM role": { type: "aws:iam/role:Role", property: "name" },
    "IAM policy": { type: "aws:iam/policy:Policy", property: "name" },
    budget: { type: "aws:budgets/budget:Budget", property: "name" },
    "S3 bucket": { type: "aws:s3/bucket:Bucket", property: "bucket" },
    "Chatbot configuration": { type: "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration", property: "configurationName" },
    "ECR repository": { type: "aws:ecr/repository:Repository", property: "name" },
    "KMS alias": { type: "aws:kms/alias:Alias", property: "name" },
    "SNS topic": { type: "aws:sns/topic:Topic", property: "name" },
    "log group": { type: "aws:cloudwatch/logGroup:LogGroup", property: "name" },
    "EKS cluster": { type: "eks:index:Cluster", property: "name" },
};

/** A bucket name ends in the account id, an Output the mock resolves to its own: compare the prefix. */
function globalNames(r: ProgramRun): Map<string, string> {
    const found = new Map<string, string>();
    for (const [kind, { type, property }] of Object.entries(GLOBAL_NAMES)) {
        for (const res of ofType(r, type)) {
            const name = res.inputs[property];
            if (typeof name === "string" && name !== "") found.set(`${kind} ${name}`, res.name);
        }
    }
    return found;
}

describe("regions wired into config and the program (issue 23)", () => {
    it("refuses a region other than Seoul and Tokyo, naming the key, the stack and both regions", async () => {
        const e = await refused("dev", { "aws:region": "us-east-1" }, "aws:region", /"us-east-1" is not a region/);
        assert.match(e.message, /^stack "dev": config "aws:region"/);
        assert.match(e.message, /ap-northeast-2 \(Seoul, primary\) or ap-northeast-1 \(Tokyo, recovery\)/);
    });

    it("Tokyo names its zones by ID: a zone name and the constrained apne1-az3 are refused", async () => {
        await refused("dr", { "openwebui:availabilityZones": list("ap-northeast-1a", "ap-northeast-1c") }, "openwebui:availabilityZones", /"ap-northeast-1a" is a zone name; in ap-northeast-1 give zone IDs \(apne1-az1, apne1-az2, apne1-az4\)/);
        await refused("dr", { "openwebui:availabilityZones": list("apne1-az1", "apne1-az3") }, "openwebui:availabilityZones", /apne1-az3 is a constrained zone/);
        await refused("dr", { "openwebui:availabilityZones": list("apne1-az1", "apne2-az1") }, "openwebui:availabilityZones", /"apne2-az1" is not a zone ID of ap-northeast-1/);
    });

    it("the dr stack's subnets sit in Tokyo zone IDs, never the constrained one, and per-AZ names carry the ID", async () => {
        const dr = await stackRun("dr");
        const subnets = ofType(dr, "aws:ec2/subnet:Subnet");
        assert.strictEqual(subnets.length, 4);
        for (const s of subnets) {
            assert.strictEqual(s.inputs.availabilityZone, undefined, `${s.name} names a zone`);
            assert.ok(REGIONS["ap-northeast-1"].zoneIds.includes(s.inputs.availabilityZoneId), `${s.name}: ${s.inputs.availabilityZoneId}`);
            assert.notStrictEqual(s.inputs.availabilityZoneId, "apne1-az3");
        }
        assert.deepStrictEqual(subnets.map((s) => s.name).sort(), ["openwebui-private-subnet-prod-dr-az1", "openwebui-private-subnet-prod-dr-az2", "openwebui-public-subnet-prod-dr-az1", "openwebui-public-subnet-prod-dr-az2"]);
    });

    it("a Tokyo Bedrock profile is refused in Seoul, and Seoul's apac. profile in Tokyo", async () => {
        await refused("prod", { "openwebui:bedrockModels": list("haiku=jp.anthropic.claude-haiku-4-5-20251001-v1:0") }, "openwebui:bedrockModels", /jp\. geography/);
        await refused("dr", { "openwebui:bedrockModels": list("sonnet4=apac.anthropic.claude-sonnet-4-20250514-v1:0") }, "openwebui:bedrockModels", /ap-northeast-1/);
        const ok = await run("dr", { overrides: { "openwebui:bedrockModels": list("haiku=jp.anthropic.claude-haiku-4-5-20251001-v1:0") } });
        assert.ok(ofType(ok, "aws:eks/nodeGroup:NodeGroup").length > 0 || ok.resources.length > 50, "the dr stack with a jp. model did not run");
    });

    it("the dr stack must be prod's and in the recovery region", async () => {
        await refused("dr", { "openwebui:environment": "dev" }, "openwebui:environment", /stack "dr" is prod's recovery stack/);
    });
});

describe("names that cannot collide: dev, prod and dr (issue 23 item 2)", () => {
    it("every name of the dr stack carries the marker", async () => {
        const dr = await stackRun("dr");
        const unmarked = [...globalNames(dr).keys()].filter((n) => !/openwebui-([a-z0-9-]+-)?prod-dr(-|\/|$)/.test(n));
        assert.deepStrictEqual(unmarked, []);
    });

    it("the global names of dev, prod and dr are disjoint", async () => {
        const runs = await Promise.all(["dev", "prod", "dr"].map((s) => stackRun(s)));
        const [dev, prod, dr] = runs.map(globalNames);
        for (const [kind] of Object.entries(GLOBAL_NAMES)) {
            // None of the shipped stacks sets Slack; dr's buckets are prod's replicas (below).
            if (kind === "Chatbot configuration" || kind === "S3 bucket") continue;
            assert.ok([...dr.keys()].some((n) => n.startsWith(`${kind} `)) || kind === "IAM policy", `dr registers no ${kind}: the check would be empty`);
        }
        const clash = (a: Map<string, string>, b: Map<string, string>) => [...a.keys()].filter((n) => b.has(n));
        assert.deepStrictEqual(clash(prod, dr), [], "prod and dr");
        assert.deepStrictEqual(clash(dev, dr), [], "dev and dr");
        assert.deepStrictEqual(clash(dev, prod), [], "dev and prod");
    });
});

describe("the dr stack restores from prod's copies (issue 23 item 4)", () => {
    it("creates no bucket: its backup and uploads buckets are prod's Tokyo replicas, by name", async () => {
        const [prod, dr] = await Promise.all([stackRun("prod"), stackRun("dr")]);
        assert.deepStrictEqual(ofType(dr, "aws:s3/bucket:Bucket").map((b) => b.name), []);
        assert.strictEqual(ofType(dr, "aws:kms/key:Key").filter((k) => /uploads-key/.test(k.name)).length, 0, "a replica is encrypted with prod's recovery key: no uploads key of dr's own");
        for (const output of ["backup", "uploads"] as const) {
            const replica = prod.outputs[output === "backup" ? "recoveryBackupBucketName" : "recoveryUploadsBucketName"];
            const used = dr.outputs[output === "backup" ? "backupBucketName" : "uploadsBucketName"];
            assert.ok(typeof replica === "string" && replica !== "", `prod exports no ${output} replica name`);
            assert.strictEqual(used, replica, `dr's ${output} bucket is not prod's replica`);
        }
    });

    it("restores RDS from the replicated automated backups the stack file names, at the latest restorable time", async () => {
        const dr = await stackRun("dr");
        const [db] = ofType(dr, "aws:rds/instance:Instance");
        const arn = dr.config["openwebui:recoveryDatabaseBackupsArn"];
        assert.match(arn, /^arn:aws:rds:ap-northeast-1:\d{12}:auto-backup:ab-/);
        assert.deepStrictEqual(db.inputs.restoreToPointInTime, { sourceDbInstanceAutomatedBackupsArn: arn, useLatestRestorableTime: true });
        const prodDb = ofType(await stackRun("prod"), "aws:rds/instance:Instance")[0];
        assert.strictEqual(prodDb.inputs.restoreToPointInTime, undefined, "prod starts its own database");
    });

    it("refuses a dr stack without the backups ARN, and the key in Seoul", async () => {
        await refused("dr", { "openwebui:recoveryDatabaseBackupsArn": "" }, "openwebui:recoveryDatabaseBackupsArn", /is empty: a stack in ap-northeast-1 restores prod's database; set it from `pulumi stack output recoveryDatabaseBackupsArn -s prod`/);
        await refused("dr", { "openwebui:recoveryDatabaseBackupsArn": "arn:aws:rds:ap-northeast-2:210987654321:auto-backup:ab-abc" }, "openwebui:recoveryDatabaseBackupsArn", /not an ARN of replicated automated backups in ap-northeast-1/);
        await refused("prod", { "openwebui:recoveryDatabaseBackupsArn": "arn:aws:rds:ap-northeast-1:210987654321:auto-backup:ab-abc" }, "openwebui:recoveryDatabaseBackupsArn", /a primary region/);
    });
});

describe("the dr stack's cost, at Tokyo's prices (issue 23 item 4)", () => {
    it("plans OK for preview with no mandatory violation, each line at Tokyo's price, within its target and budget", async () => {
        const [dr, prod] = [await plan("dr", "2026-12-07"), await plan("prod", "2026-12-07")];
        assert.deepStrictEqual(dr.policy.mandatory, []);
        assert.deepStrictEqual(dr.failures, []);
        const line = (p: typeof dr, item: string) => p.cost.lineItems.find((i) => i.item === item);
        assert.strictEqual(line(dr, "NAT gateway hours")?.unitUsd, priceBook("ap-northeast-1").table.natGatewayHour);
        assert.strictEqual(line(prod, "NAT gateway hours")?.unitUsd, priceBook("ap-northeast-2").table.natGatewayHour);
        assert.notStrictEqual(line(dr, "ALB hours")?.unitUsd, line(prod, "ALB hours")?.unitUsd, "Tokyo's ALB hour differs from Seoul's");
        assert.ok(dr.cost.monthlyUsd <= MONTHLY_TARGET_USD.dr, `dr $${dr.cost.monthlyUsd} against ${MONTHLY_TARGET_USD.dr}`);
        assert.ok(dr.cost.budgetUsd !== undefined && dr.cost.budgetUsd > MONTHLY_TARGET_USD.dr);
    });
});
