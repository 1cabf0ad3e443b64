import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../config";
import { findPlaceholders } from "../config/placeholders";
import { PROJECT_DIR } from "../sim/stack-files";
import { MANAGED_ADDONS } from "@openwebui-aws/rules/eks-addons";
import { REQUIRED_TAG_KEYS } from "@openwebui-aws/rules/tags";
import { CLOUDWATCH_RETENTION_DAYS, MAX_SSH_ADMIN_CIDRS } from "../config/network";
import { configRefusal, ENCRYPTED, escapeRegExp as esc, named, nodeGroupsOverride as groups, refused, rejection, run } from "./helpers";

// Refusals the mutation run (npm run mutate) found with no test: each one is tried with the value
// it refuses, and, where a neighbouring value is valid, with that value too, so that a check made
// looser or stricter both fail here.
describe("config refusals no other test reaches", function () {
    this.timeout(120_000);

    it("appDomain: a host name with capitals is refused, quoting it", async () => {
        await refused("dev", { "openwebui:appDomain": "Chat-Dev.example.com" }, "openwebui:appDomain", /"Chat-Dev\.example\.com" is not a lower-case DNS name/);
    });

    it("appCertificateArn: an ARN that is not ACM's is refused, quoting it", async () => {
        const notAcm = "arn:aws:iam::111122223333:server-certificate/chat";
        await refused("dev", { "openwebui:appCertificateArn": notAcm }, "openwebui:appCertificateArn", new RegExp(`^.*"${notAcm.replace(/[/.]/g, "\\$&")}" is not an ACM certificate ARN`));
    });

    it("HTTPS half-configured: the missing half is the key named", async () => {
        await refused("dev", { "openwebui:appDomain": "" }, "openwebui:appDomain", /HTTPS needs both appDomain and appCertificateArn/);
        await refused("dev", { "openwebui:appCertificateArn": "" }, "openwebui:appCertificateArn", /HTTPS needs both appDomain and appCertificateArn/);
    });

    it("ecrRepositories: only lower-case letters, digits and single inner hyphens, the whole name", async () => {
        for (const bad of ["Web", "web_ui", "web--ui", "-web", "web-", "ns/web", "web/"]) {
            await refused("dev", { "openwebui:ecrRepositories": JSON.stringify([bad]) }, "openwebui:ecrRepositories", new RegExp(`"${bad.replace(/[/]/g, "\\/")}" is not a repository name suffix`));
        }
        const ok = await run("dev", { overrides: { "openwebui:ecrRepositories": JSON.stringify(["web-ui2", "a-bc-d"]) } });
        assert.ok(named(ok, "openwebui-ecr-dev-web-ui2"));
        assert.ok(named(ok, "openwebui-ecr-dev-a-bc-d"));
    });

    it("operatorPrincipalArns: the same principal twice is refused (one access entry per principal)", async () => {
        const arn = "arn:aws:iam::111122223333:role/platform-oncall";
        await refused("dev", { "openwebui:operatorPrincipalArns": JSON.stringify([arn, arn]) }, "openwebui:operatorPrincipalArns", /lists a principal twice/);
    });

    it("a chart version that is not x.y.z is refused before it is compared with the vendored one", async () => {
        for (const key of ["clusterAutoscalerChartVersion", "loadBalancerControllerChartVersion"]) {
            await refused("dev", { [`openwebui:${key}`]: "9.43" }, `openwebui:${key}`, /"9\.43" is not a pinned chart version \(x\.y\.z\)/);
        }
    });

    it("the dr stack must be prod in the recovery region", async () => {
        await refused("dr", { "openwebui:environment": "dev" }, "openwebui:environment", /stack "dr" is prod's recovery stack: it must say environment prod and a recovery region \(it says dev in ap-northeast-1\)/);
        await refused("dr", { "aws:region": "ap-northeast-2" }, "openwebui:environment", /it says prod in ap-northeast-2\)/);
    });

    it("recoveryDatabaseBackupsArn: refused in Seoul, required in Tokyo, and only as an ARN of Tokyo's replicated backups", async () => {
        const tokyo = "arn:aws:rds:ap-northeast-1:111122223333:auto-backup:ab-0123456789abcdefghij";
        await refused("prod", { "openwebui:recoveryDatabaseBackupsArn": tokyo }, "openwebui:recoveryDatabaseBackupsArn", /is set in ap-northeast-2, a primary region/);
        await refused("dr", { "openwebui:recoveryDatabaseBackupsArn": "" }, "openwebui:recoveryDatabaseBackupsArn", /is empty: a stack in ap-northeast-1 restores prod's database/);
        for (const bad of [tokyo.replace("ap-northeast-1", "ap-northeast-2"), `x${tokyo}`, `${tokyo}/`, tokyo.replace("auto-backup", "snapshot")]) {
            await refused("dr", { "openwebui:recoveryDatabaseBackupsArn": bad }, "openwebui:recoveryDatabaseBackupsArn", /is not an ARN of replicated automated backups in ap-northeast-1/);
        }
        const dr = await run("dr", { overrides: { "openwebui:recoveryDatabaseBackupsArn": tokyo } });
        assert.strictEqual(named(dr, "openwebui-rds-prod-dr").inputs.restoreToPointInTime?.sourceDbInstanceAutomatedBackupsArn, tokyo);
    });
});

describe("app and cluster config refusals, quoted as the user wrote them", function () {
    this.timeout(120_000);

    it("openaiModels: an OpenAI model name, quoted", async () => {
        await refused("dev", { "openwebui:openaiModels": JSON.stringify(["GPT-4o"]) }, "openwebui:openaiModels", /: "GPT-4o" is not an OpenAI model name$/);
    });

    it("appAdminEmail and databaseEngineVersion quote the whole value", async () => {
        await refused("dev", { "openwebui:appAdminEmail": "admin" }, "openwebui:appAdminEmail", /: "admin" is not an e-mail address$/);
        await refused("dev", { "openwebui:databaseEngineVersion": "114" }, "openwebui:databaseEngineVersion", /: "114" is not a PostgreSQL major version/);
    });

    it("an HTTP-only ALB open to the whole internet names every range; a stack without the app needs no HTTPS", async () => {
        const httpOnly = { "openwebui:appDomain": "", "openwebui:appCertificateArn": "", "openwebui:appHttpOnly": "true" };
        await refused("dev", { ...httpOnly, "openwebui:appAlbInboundCidrs": JSON.stringify(["0.0.0.0/1", "128.0.0.0/1"]) }, "openwebui:appAlbInboundCidrs", /: 0\.0\.0\.0\/1, 128\.0\.0\.0\/1 is the whole internet \(0\.0\.0\.0\/0\), and openwebui:appHttpOnly is true/);
        const off = await run("dev", { overrides: { "openwebui:appEnabled": "false", "openwebui:appDomain": "", "openwebui:appCertificateArn": "" } });
        assert.ok(off.resources.length > 0);
    });

    it("addonVersions: an entry without a version, and a bad API endpoint range, are refused", async () => {
        await refused("dev", { "openwebui:addonVersions": JSON.stringify(["vpc-cni"]) }, "openwebui:addonVersions", new RegExp(`: "vpc-cni" is not addon=version for one of ${MANAGED_ADDONS.join(", ")}$`));
        await refused("dev", { "openwebui:endpointPublicAccessCidrs": JSON.stringify(["10.0.0.0/33"]) }, "openwebui:endpointPublicAccessCidrs", /10\.0\.0\.0\/33/);
        await refused("dev", { "openwebui:clusterAutoscalerChartVersion": "9.0.0" }, "openwebui:clusterAutoscalerChartVersion", /"9\.0\.0" is not the vendored chart/);
    });
});

describe("node group settings as `pulumi config set --path` stores them", function () {
    this.timeout(120_000);
    const scaling = async (value: unknown) => named(await run("dev", { overrides: groups(value) }), "openwebui-primary-nodes-dev").inputs.scalingConfig;

    it("a count written as a string of digits is that number; anything else is refused, quoted", async () => {
        assert.deepStrictEqual(await scaling({ primary: { maxSize: "6", desiredSize: "3" } }), await scaling({ primary: { maxSize: 6, desiredSize: 3 } }));
        assert.strictEqual((await scaling({ primary: { maxSize: "6" } })).maxSize, 6);
        for (const bad of ["6x", "x6", "-1", "6.5"]) {
            await refused("dev", groups({ primary: { maxSize: bad } }), "openwebui:nodeGroups.primary.maxSize", new RegExp(`^.*: "${bad.replace(".", "\\.")}" is not `));
        }
    });

    it("digits in a field that is not a count stay a string", async () => {
        await refused("dev", groups({ primary: { amiType: "2023" } }), "openwebui:nodeGroups.primary.amiType", /: "2023" is not one of /);
    });

    it("`new: \"true\"` declares a new group as `new: true` does; an unknown setting lists the known ones", async () => {
        const gpu = { instanceTypes: ["t3.large"], capacityType: "ON_DEMAND", amiType: "AL2023_x86_64_STANDARD", minSize: 0, maxSize: 1, desiredSize: 0, labels: {}, taints: [] };
        for (const isNew of [true, "true"]) {
            const r = await run("dev", { overrides: groups({ gpu: { new: isNew, ...gpu } }) });
            assert.strictEqual(named(r, "openwebui-gpu-nodes-dev").inputs.scalingConfig.maxSize, 1);
        }
        await refused("dev", groups({ gpu: { new: "yes", ...gpu } }), "openwebui:nodeGroups.gpu", /is not one of the design.s groups \(primary, spot\)/);
        await refused("dev", groups({ primary: { size: 2 } }), "openwebui:nodeGroups.primary.size", /is not a node group setting \(new, instanceTypes, capacityType, amiType, minSize, maxSize, desiredSize, diskSizeGb, labels, taints\)$/);
    });
});

describe("ops config at its limits", function () {
    this.timeout(120_000);
    const schedules = (n: number) => JSON.stringify(["every 1h keep 24", "every 2h keep 12", "every 6h keep 4", "every 24h at 18:00 keep 7", "every 12h keep 2"].slice(0, n));

    it("budget thresholds: above 0, and in order warning < critical <= forecast, the out-of-order one named", async () => {
        await refused("dev", { "openwebui:budgetWarningPercent": "0" }, "openwebui:budgetWarningPercent", /: 0 is outside \(0, 1000\]: a budget threshold is a percentage of the budget$/);
        const equal = await run("dev", { overrides: { "openwebui:budgetCriticalPercent": "100", "openwebui:budgetForecastPercent": "100" } });
        assert.ok(equal.resources.some((x) => x.type === "aws:budgets/budget:Budget"));
        await refused("dev", { "openwebui:budgetCriticalPercent": "100", "openwebui:budgetForecastPercent": "99" }, "openwebui:budgetForecastPercent", /the budget thresholds are out of order/);
        await refused("dev", { "openwebui:budgetWarningPercent": "100", "openwebui:budgetCriticalPercent": "100" }, "openwebui:budgetWarningPercent", /the budget thresholds are out of order/);
    });

    it("budgetCostAllocationTag: a tag not on every resource is refused, listing the ones that are", async () => {
        await refused("dev", { "openwebui:budgetCostAllocationTag": "Name" }, "openwebui:budgetCostAllocationTag", new RegExp(`"Name" is not one of the tags every resource carries \\(${REQUIRED_TAG_KEYS.join(", ")}\\)$`));
    });

    it("Slack: half a destination names the missing half", async () => {
        await refused("dev", { "openwebui:slackTeamId": "T0123ABCD" }, "openwebui:slackChannelId", /Slack alerts need both slackTeamId and slackChannelId, or neither/);
        await refused("dev", { "openwebui:slackChannelId": "C0123ABCD" }, "openwebui:slackTeamId", /Slack alerts need both/);
    });

    it("snapshotSchedules: 1 to 4 schedules (DLM's limit per policy)", async () => {
        const four = await run("dev", { overrides: { "openwebui:snapshotSchedules": schedules(4) } });
        assert.strictEqual(named(four, "openwebui-ebs-snapshot-policy-dev").inputs.policyDetails.schedules.length, 4);
        await refused("dev", { "openwebui:snapshotSchedules": schedules(5) }, "openwebui:snapshotSchedules", /: has 5 schedules: DLM takes 1 to 4 per policy$/);
        await refused("dev", { "openwebui:snapshotSchedules": "[]" }, "openwebui:snapshotSchedules", /: has 0 schedules/);
    });

    it("backup lifecycle: Standard-IA from day 30, Glacier strictly after it", async () => {
        const r = await run("dev", { overrides: { "openwebui:backupInfrequentAccessDays": "30", "openwebui:backupGlacierDays": "31" } });
        assert.ok(named(r, "openwebui-backup-bucket-dev-lifecycle"));
        await refused("dev", { "openwebui:backupInfrequentAccessDays": "29" }, "openwebui:backupInfrequentAccessDays", /: 29 is below 30$/);
        await refused("dev", { "openwebui:backupInfrequentAccessDays": "30", "openwebui:backupGlacierDays": "30" }, "openwebui:backupGlacierDays", /: 30 must come after backupInfrequentAccessDays \(30\)/);
    });

    it("utilisation alarms: 100% is a threshold, 101% is not", async () => {
        assert.ok((await run("dev", { overrides: { "openwebui:nodeCpuAlarmPercent": "100" } })).resources.length > 0);
        await refused("dev", { "openwebui:nodeMemoryAlarmPercent": "101" }, "openwebui:nodeMemoryAlarmPercent", /: 101 is outside \(0, 100\]: a utilisation alarm threshold is a percentage$/);
    });
});

describe("cluster and network config refusals, quoted as the user wrote them", function () {
    this.timeout(120_000);

    it("a log retention CloudWatch Logs does not take is refused, listing the ones it does", async () => {
        const accepted = CLOUDWATCH_RETENTION_DAYS.join(", ");
        for (const key of ["flowLogRetentionDays", "controlPlaneLogRetentionDays", "opsLogRetentionDays"]) {
            await refused("dev", { [`openwebui:${key}`]: "2" }, `openwebui:${key}`, new RegExp(`: 2 days is not a retention CloudWatch Logs accepts \\(${accepted}\\)$`));
        }
    });

    it("natInstanceType: an EC2 type name, the whole value", async () => {
        for (const bad of ["T4g.nano", "1t4g.nano", "t4g.nano!", "t4g"]) {
            await refused("dev", { "openwebui:natInstanceType": bad }, "openwebui:natInstanceType", new RegExp(`"${esc(bad)}" is not an EC2 instance type$`));
        }
    });

    it("clusterAutoscalerImageTag: the minor is read from the whole tag, then the tag must be a published one", async () => {
        for (const bad of ["xv1.35.2", "v1.35.2-x", "v1.35"]) {
            await refused("dev", { "openwebui:clusterAutoscalerImageTag": bad }, "openwebui:clusterAutoscalerImageTag", new RegExp(`^.*"${esc(bad)}" must be v1\\.35\\.x`));
        }
        await refused("dev", { "openwebui:clusterAutoscalerImageTag": "v1.35.99" }, "openwebui:clusterAutoscalerImageTag", /"v1\.35\.99" is not a published cluster-autoscaler release for 1\.35/);
    });

    it("nodeDiskSizeGb: 20 GB is the least the EKS AMI takes", async () => {
        const r = await run("dev", { overrides: { "openwebui:nodeDiskSizeGb": "20" } });
        assert.ok(r.resources.length > 0);
        await refused("dev", { "openwebui:nodeDiskSizeGb": "19" }, "openwebui:nodeDiskSizeGb", /: 19 GB is below the 20 GB the EKS AMI needs$/);
    });

    it("prod's API endpoint: split ranges that add up to the whole internet are refused, each named", async () => {
        await refused("prod", { "openwebui:endpointPublicAccessCidrs": JSON.stringify(["0.0.0.0/1", "128.0.0.0/1"]) }, "openwebui:endpointPublicAccessCidrs", /to the whole internet \(0\.0\.0\.0\/1 \+ 128\.0\.0\.0\/1\)/);
    });

    it("the VPC: /16 to /28, two zones at least; SSH admin ranges: at most the ACL's 10, each a CIDR", async () => {
        for (const bad of ["10.0.0.0/15", "10.0.0.0/29"]) {
            await refused("dev", { "openwebui:vpcCidr": bad }, "openwebui:vpcCidr", new RegExp(`: /${bad.split("/")[1]} is outside the /16–/28 range AWS allows for a VPC$`));
        }
        // A /28 passes the range check and is refused later, by the subnets it cannot hold.
        const small = await configRefusal("dev", { "openwebui:vpcCidr": "10.0.0.0/28" });
        assert.doesNotMatch(small.message, /range AWS allows/);
        await refused("dev", { "openwebui:availabilityZones": JSON.stringify(["ap-northeast-2a"]) }, "openwebui:availabilityZones", /: needs at least two zones: EKS requires subnets in two AZs$/);
        const cidrs = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `10.${i}.0.0/16`));
        const ten = await run("dev", { overrides: { "openwebui:sshAdminCidrs": cidrs(MAX_SSH_ADMIN_CIDRS) } });
        assert.ok(ten.resources.length > 0);
        await refused("dev", { "openwebui:sshAdminCidrs": cidrs(MAX_SSH_ADMIN_CIDRS + 1) }, "openwebui:sshAdminCidrs", new RegExp(`: has ${MAX_SSH_ADMIN_CIDRS + 1} CIDRs; the network ACL has room for ${MAX_SSH_ADMIN_CIDRS}$`));
        await refused("dev", { "openwebui:sshAdminCidrs": JSON.stringify(["10.0.0.0/33"]) }, "openwebui:sshAdminCidrs", /10\.0\.0\.0\/33/);
    });

    it("Tokyo by zone name: refused, naming its zone IDs and the constrained one", async () => {
        await refused("dr", { "openwebui:availabilityZones": JSON.stringify(["ap-northeast-1a", "ap-northeast-1c"]) }, "openwebui:availabilityZones", /"ap-northeast-1a" is a zone name; in ap-northeast-1 give zone IDs \(.*\), since zone names map to different zones per account and one ID \(apne1-az3\) is constrained/);
    });

    it("principals in both lists are all named", async () => {
        const a = "arn:aws:iam::111122223333:role/a";
        const b = "arn:aws:iam::111122223333:role/b";
        await refused("dev", { "openwebui:operatorPrincipalArns": JSON.stringify([a, b]), "openwebui:previewPrincipalArns": JSON.stringify([a, b]) }, "openwebui:previewPrincipalArns", /: arn:aws:iam::111122223333:role\/a, arn:aws:iam::111122223333:role\/b is also an operator/);
    });

    it("the certificate's account: the deploy role's account wherever it is listed, else any operator's", async () => {
        const cert = (account: string) => `arn:aws:acm:ap-northeast-2:${account}:certificate/00000000-0000-0000-0000-0000000000aa`;
        const oncall = "arn:aws:iam::222233334444:role/platform-oncall";
        const deploy = "arn:aws:iam::111122223333:role/openwebui-deploy-role-dev";
        // The deploy role listed second still decides: a certificate of the on-call's account is refused.
        await refused("dev", { "openwebui:operatorPrincipalArns": JSON.stringify([oncall, deploy]), "openwebui:appCertificateArn": cert("222233334444") }, "openwebui:appCertificateArn", /belongs to account 222233334444, the stack deploys into 111122223333 \(/);
        // Without a deploy role, every operator's account is a candidate, and the message lists them all.
        const other = "arn:aws:iam::333344445555:role/platform-oncall";
        await refused("dev", { "openwebui:operatorPrincipalArns": JSON.stringify([oncall, other]), "openwebui:appCertificateArn": cert("111122223333") }, "openwebui:appCertificateArn", /the stack deploys into 222233334444 or 333344445555 \(/);
    });
});

describe("the stack file as a whole", function () {
    this.timeout(120_000);
    const dirs: string[] = [];
    after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
    /** A temp project holding Pulumi.yaml (its name changed to `project`) and dev's stack file with `config` merged in. */
    function project(name: string, config: Record<string, unknown>, stack = "dev"): string {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openwebui-config-"));
        dirs.push(dir);
        const manifest = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml.dump({ ...manifest, name }));
        const file = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
        fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), yaml.dump({ config: { ...file.config, ...config } }));
        return dir;
    }

    it("a project renamed in Pulumi.yaml is refused: the program's names and policies are the project's", async () => {
        const dir = project("chat", {});
        // The mock engine runs another project's index.ts; this one is the real program's entry point.
        fs.writeFileSync(path.join(dir, "index.ts"), `export * from ${JSON.stringify(path.join(PROJECT_DIR, "index"))};\n`);
        delete require.cache[require.resolve("../index")];
        const e = await rejection(run("dev", { projectDir: dir }));
        assert.ok(e instanceof ConfigError, String(e));
        assert.strictEqual(e.key, "chat:(project)");
        assert.match(e.message, /the program expects project "openwebui", Pulumi\.yaml says "chat"/);
    });

    it("of several keys encrypted but written in clear, the first in key order is named; other namespaces' secrets are theirs", async () => {
        // Pulumi.yaml and the stack file both list vpcCidr before appNamespace.
        const e = await rejection(run("dev", { projectDir: project("openwebui", { "openwebui:vpcCidr": ENCRYPTED, "openwebui:appNamespace": ENCRYPTED }) }));
        assert.ok(e instanceof ConfigError, String(e));
        assert.strictEqual(e.key, "openwebui:appNamespace");
        const r = await run("dev", { projectDir: project("openwebui", { "kubernetes:context": ENCRYPTED }) });
        assert.ok(r.resources.length > 0);
    });

    it("placeholders: only the project's keys, in key order, and only documentation values", () => {
        const found = findPlaceholders(
            {
                "openwebui:team": "admin@example.com",
                "aws:profile": "ops@example.com",
                "openwebui:alertEmails": JSON.stringify(["oncall@acme.kr"]),
                "openwebui:endpointPublicAccessCidrs": JSON.stringify(["10.0.0.0/8", "198.51.100.7/32"]),
                "openwebui:appAlbInboundCidrs": JSON.stringify(["0.0.0.0/0"]),
            },
            "openwebui",
        );
        assert.deepStrictEqual(
            found.map((p) => [p.key, p.what]),
            [
                ["openwebui:endpointPublicAccessCidrs", "a documentation address range (RFC 5737)"],
                ["openwebui:team", "a documentation domain (RFC 2606)"],
            ],
        );
    });
});
