import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseSnapshotSchedule, recoveryPointHours, SnapshotSchedule } from "@openwebui-aws/rules/ops";
import { STRUCTURED_CONFIG_KEYS } from "../config";
import { readProjectFile, PROJECT_DIR } from "../sim/stack-files";
import { deploymentRun, ofType, stackRun } from "./helpers";
import { parseBlock, RawCommand, scriptOf, section } from "./runbook-commands";
import { APP_DEPLOYMENTS, ProgramFacts } from "./runbook-facts";
import { Start, World } from "./runbook-world";
import { DR_ALB } from "./runbook-world-region";

const DOCS = ["docs/runbook.md", "README.md"].map((f) => ({ file: f, text: fs.readFileSync(path.join(PROJECT_DIR, f), "utf8") }));
const all = (re: RegExp) => DOCS.flatMap(({ file, text }) => [...text.matchAll(re)].map((m) => ({ file, value: m[1] })));

describe("runbook and README commands match the program", () => {
    it("every `pulumi stack output X` is a real output of the program (or of deployment/, after `cd deployment`)", async () => {
        const main = Object.keys((await stackRun("prod")).outputs);
        const deployment = Object.keys((await deploymentRun()).outputs);
        const used = DOCS.flatMap(({ file, text }) =>
            [...text.matchAll(/(cd deployment && )?pulumi stack output (\w+)/g)].map((m) => ({ file, inDeployment: Boolean(m[1]), value: m[2] })),
        );
        assert.ok(used.length >= 8, "the runbook uses stack outputs");
        for (const { file, inDeployment, value } of used) {
            const outputs = inDeployment ? deployment : main;
            assert.ok(outputs.includes(value), `${file}: no stack output "${value}" (have ${outputs.join(", ")})`);
        }
    });

    it("every `pulumi config set K` is a key Pulumi.yaml declares", () => {
        const keys = [...Object.keys(readProjectFile().config ?? {}), ...STRUCTURED_CONFIG_KEYS];
        // The key is the first word after `set` that is neither a flag nor the value of --stack or --type.
        const used = all(/pulumi config set ([^\n`&#]+)/g).map(({ file, value }) => {
            const words = value.trim().split(/\s+/);
            const key = words.find((w, i) => !w.startsWith("-") && words[i - 1] !== "--stack" && words[i - 1] !== "--type");
            // `--path 'nodeGroups.primary.maxSize'` sets inside a map key.
            return { file, value: String(key).replace(/^'|'$/g, "").replace(/\[\d+\]$/, "").split(".")[0] };
        });
        assert.ok(used.length >= 6);
        for (const { file, value } of used) assert.ok(keys.includes(value.replace(/^openwebui:/, "")), `${file}: no config key "${value}"`);
    });

    it("states the recovery point each stack's snapshot schedules really give", async () => {
        const runbook = DOCS[0].text;
        for (const stack of ["prod", "dev"]) {
            const schedules = (JSON.parse((await stackRun(stack)).config["openwebui:snapshotSchedules"]) as string[]).map((t) => parseSnapshotSchedule(t) as SnapshotSchedule);
            const row = new RegExp(`^\\| ${stack} \\| (.+) \\| (\\d+) h \\|$`, "m").exec(runbook);
            assert.ok(row, `no RPO row for ${stack}`);
            assert.strictEqual(Number(row[2]), recoveryPointHours(schedules), stack);
            const described = schedules.map((s) => `every ${s.intervalHours} h${s.atUtc ? ` at ${s.atUtc} UTC` : ""}, kept ${s.keep}`).join("; ");
            assert.strictEqual(row[1], described, stack);
        }
        assert.doesNotMatch(runbook, /daily in CI/);
    });

    it("names the real node groups, log groups and stacks", async () => {
        for (const stack of ["dev", "prod"]) {
            const names = new Set((await stackRun(stack)).resources.map((r) => r.inputs.nodeGroupName).filter(Boolean));
            for (const { file, value } of all(/(openwebui-\w+-nodes)-\$STACK/g)) assert.ok(names.has(`${value}-${stack}`), `${file}: ${value}-${stack}`);
        }
        for (const { file, value } of all(/policy-pack\/config\/([\w$]+)\.json/g)) {
            const stacks = value.includes("$") ? ["dev", "prod"] : [value];
            for (const s of stacks) assert.ok(fs.existsSync(path.join(PROJECT_DIR, "policy-pack", "config", `${s}.json`)), `${file}: ${s}.json`);
        }
    });
});

/**
 * Each recovery scenario's commands, replayed in the runbook's order against the program's real
 * resources and a model of what the commands change (tests/runbook-world.ts). The model fails a
 * step that writes data while an app runs, and an app or the setup job that starts on an empty,
 * damaged or unmanaged database.
 */
describe("runbook recovery scenarios: data in place before the apps start", () => {
    const runbook = DOCS[0].text;
    const preamble = parseBlock(/```bash\n([\s\S]*?)```/.exec(runbook)![1].split("\n"));
    const scenario = (letter: string) => scriptOf(runbook, section(runbook, (title) => title.startsWith(`${letter}. `)));

    async function replay(letter: string, programStack: string, start: Partial<Start>, commands: RawCommand[] = scenario(letter)): Promise<World> {
        const facts = new ProgramFacts(await stackRun(programStack));
        const world = new World(facts, { stack: programStack, ...start });
        world.runAll(preamble, programStack);
        world.vars.STACK = programStack;
        world.runAll(commands, programStack);
        return world;
    }
    /** The scenario with the first command matching `what` moved to just before the first matching `before`. */
    function moved(commands: RawCommand[], what: RegExp, before: RegExp): RawCommand[] {
        const from = commands.findIndex((c) => what.test(c.text));
        const rest = commands.filter((_, i) => i !== from);
        const to = rest.findIndex((c) => before.test(c.text));
        assert.ok(from >= 0 && to >= 0, `${what} / ${before}`);
        return [...rest.slice(0, to), commands[from], ...rest.slice(to)];
    }
    const appsRunAsConfigured = (w: World) => {
        for (const d of APP_DEPLOYMENTS) assert.strictEqual(w.replicas.get(d), w.configuredReplicas(d), d);
    };

    it("A (dev): Postgres moves to the healthy AZ from its snapshot while the apps are stopped; they start after it", async () => {
        const failedAz = "ap-northeast-2a";
        const w = await replay("A", "dev", { failedAz });
        appsRunAsConfigured(w);
        assert.strictEqual(w.postgresVolume().data, "snapshot");
        assert.notStrictEqual(w.postgresVolume().az, failedAz);
        assert.strictEqual(w.pvs.get("pv-original")?.spec.persistentVolumeReclaimPolicy, "Retain", "the failed AZ's volume is kept");
        await assert.rejects(replay("A", "dev", { failedAz }, moved(scenario("A"), /scale deployment\/litellm deployment\/open-webui --replicas=[1-9]/, /create-volume/)), /starts while Postgres is stopped|changes the data while/);
    });

    it("B (dev): the platform without Postgres and its dependents, the volume from its snapshot, then the apps", async () => {
        const w = await replay("B", "dev", { lostCluster: true });
        appsRunAsConfigured(w);
        assert.strictEqual(w.postgresVolume().data, "snapshot");
        assert.deepStrictEqual(w.ups[0].startedApps, [], "the platform's `pulumi up` starts no app");
        assert.deepStrictEqual([...w.ups[w.ups.length - 1].startedApps].sort(), [...APP_DEPLOYMENTS].sort());
        // The order this runbook had before: `pulumi up` first, the volume after.
        await assert.rejects(replay("B", "dev", { lostCluster: true }, moved(scenario("B"), /^pulumi up --policy-pack/, /describe-snapshots/)), /empty Postgres volume/);
        const withoutExclude = scenario("B").map((c) => ({ ...c, text: c.text.replace(/--exclude "\$PG_URN" --exclude-dependents /, "") }));
        await assert.rejects(replay("B", "dev", { lostCluster: true }, withoutExclude), /empty Postgres volume/);
    });

    it("B (prod): the refresh drops the lost cluster's objects; one `pulumi up` starts the apps on RDS", async () => {
        const w = await replay("B", "prod", { lostCluster: true });
        appsRunAsConfigured(w);
        assert.deepStrictEqual([...w.instances.keys()], ["db-ORIGINAL"], "RDS is neither restored nor recreated");
        const plainRefresh = scenario("B").map((c) => ({ ...c, text: c.text.replace(/^PULUMI_K8S_DELETE_UNREACHABLE=true /, "") }));
        await assert.rejects(replay("B", "prod", { lostCluster: true }, plainRefresh), /PULUMI_K8S_DELETE_UNREACHABLE/);
    });

    it("B2 (prod): the restored instance takes the program's name and is imported by its DbiResourceId before the apps start", async () => {
        const w = await replay("B2", "prod", { damagedDatabase: true });
        appsRunAsConfigured(w);
        const [[id, live]] = [...w.instances];
        assert.strictEqual(w.instances.size, 1, "the damaged instance is deleted (after its final snapshot)");
        assert.strictEqual(live.data, "restored");
        assert.deepStrictEqual([...w.rdsState], [[w.rdsUrn, { id, identifier: w.identifier }]]);
        const b2 = scenario("B2");
        await assert.rejects(replay("B2", "prod", { damagedDatabase: true }, moved(b2, /^pulumi up/, /^pulumi import/)), /already has: import it/);
        await assert.rejects(replay("B2", "prod", { damagedDatabase: true }, moved(b2, /scale deployment\/litellm deployment\/open-webui --replicas=[1-9]/, /^pulumi up/)), /before `pulumi up` ran the setup job/);
        const byName = b2.map((c) => ({ ...c, text: c.text.replace('"$DBI"', "openwebui-rds-$STACK") }));
        await assert.rejects(replay("B2", "prod", { damagedDatabase: true }, byName), /DbiResourceId/);
        // What the runbook said before: rename, then `pulumi refresh` and `pulumi up` to adopt it.
        const refreshAndUp = b2.filter((c) => !/^pulumi (state|import|refresh)/.test(c.text)).flatMap((c) => (/^pulumi up/.test(c.text) ? [{ text: "pulumi refresh --yes" }, c] : [c]));
        await assert.rejects(replay("B2", "prod", { damagedDatabase: true }, refreshAndUp), /renames openwebui-rds-prod-damaged .* back to openwebui-rds-prod/);
    });

    it("C (region lost): dr restores RDS from prod's replicated backups, Open WebUI gets the replicas' key, DNS moves last", async () => {
        const w = await replay("C", "dr", { stack: "dr", empty: true });
        appsRunAsConfigured(w);
        assert.deepStrictEqual([...w.instances.values()].map((i) => i.data), ["restored"], "the database starts from the copies, not empty");
        assert.deepStrictEqual(w.grants, ["openwebui-webui-role-prod-dr"]);
        assert.strictEqual(w.dnsTarget, DR_ALB);
        const c = scenario("C");
        // Without the restore source the stack file's placeholder stops `pulumi up`.
        await assert.rejects(replay("C", "dr", { stack: "dr", empty: true }, c.filter((x) => !/^pulumi config set/.test(x.text))), /refuses the placeholder in openwebui:recoveryDatabaseBackupsArn/);
        await assert.rejects(replay("C", "dr", { stack: "dr", empty: true }, moved(c, /^pulumi up/, /^HOSTED_ZONE_ID=/)), /does not exist yet/);
        await assert.rejects(replay("C", "dr", { stack: "dr", empty: true }, c.filter((x) => !/^aws kms create-grant/.test(x.text))), /before Open WebUI may read the uploads replica/);
    });

    it("C: the recovery points and the 4-hour budget hold to what the stack files configure", async () => {
        const table = (title: string) => {
            const start = runbook.indexOf(title, runbook.indexOf("### C. "));
            assert.ok(start > 0, title);
            return runbook.slice(start).split("\n").slice(2).filter((l) => l.startsWith("| ")).map((l) => l.split("|").slice(1, -1).map((x) => x.trim()));
        };
        const rpo = table("| recovery point | store |");
        const row = (store: string) => rpo.find((r) => r[1].startsWith(store)) ?? assert.fail(`no row for ${store}`);
        const prod = await stackRun("prod");
        const cfg = prod.config;
        const keep = Number(cfg["openwebui:recoveryRetentionDays"]);
        // EBS: the recovery point is the schedules' interval, and every schedule copies to Tokyo for `keep` days.
        const schedules = (JSON.parse(cfg["openwebui:snapshotSchedules"]) as string[]).map((t) => parseSnapshotSchedule(t) as SnapshotSchedule);
        assert.match(row("EBS")[0], new RegExp(`^${recoveryPointHours(schedules)} h \\+`));
        assert.match(row("EBS")[3], new RegExp(`every ${recoveryPointHours(schedules)} h\\); copies kept ${keep} days`));
        const [dlm] = ofType(prod, "aws:dlm/lifecyclePolicy:LifecyclePolicy");
        for (const s of dlm.inputs.policyDetails.schedules) {
            assert.deepStrictEqual(s.crossRegionCopyRules?.map((r: { target: string; retainRule: unknown }) => [r.target, r.retainRule]), [["ap-northeast-1", { interval: keep, intervalUnit: "DAYS" }]], s.name);
        }
        // Both buckets replicate, and the replica names are the table's.
        const replicated = ofType(prod, "aws:s3/bucketReplicationConfig:BucketReplicationConfig").map((r) => r.name);
        for (const store of ["backup", "uploads"]) {
            assert.ok(replicated.some((n) => n.includes(`${store}-bucket`)), `${store} bucket is not replicated`);
            assert.match(row(`${store} bucket`)[3], new RegExp(`openwebui-${store}-bucket-prod-dr-<account>`));
        }
        // The database: replicated automated backups, kept as the table says.
        const [copy] = ofType(prod, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication");
        assert.strictEqual(copy?.inputs.retentionPeriod, keep);
        assert.strictEqual(copy.inputs.region, "ap-northeast-1");
        assert.match(row("database")[3], new RegExp(`kept ${keep} days`));
        assert.match(row("Pulumi state")[2], /Pulumi Cloud/);
        // The 4 hours: every step has its minutes, and they add up to the design's 240.
        const budget = table("| step | minutes |");
        assert.ok(budget.length >= 5);
        assert.strictEqual(budget.reduce((sum, r) => sum + Number(r[1]), 0), 240);
    });

});
