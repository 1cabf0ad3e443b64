/**
 * The Pulumi CLI commands of the recovery scenarios, as the model sees them: `refresh` (with the
 * Kubernetes provider's deleteUnreachable for a lost cluster), `up` with `--exclude` and
 * `--exclude-dependents` over the program's real dependency graph, `state rename`, and `import` of
 * an RDS instance, which @pulumi/aws v7 identifies by its DbiResourceId.
 */
import { flag, has } from "./runbook-commands";
import { APP_DEPLOYMENTS } from "./runbook-facts";
import type { World } from "./runbook-world";
import { pulumiConfig } from "./runbook-world-region";

/**
 * A program that restores RDS (the dr stack) starts it from the backups its config names: `up`
 * refuses a placeholder there, as config/placeholders.ts makes the real `up` do.
 */
function restoredFrom(w: World): boolean {
    const restore = w.facts.rds?.inputs.restoreToPointInTime;
    if (!restore) return false;
    const key = "openwebui:recoveryDatabaseBackupsArn";
    const value = w.configSet[key] ?? w.facts.run.config[key];
    if (/111122223333/.test(value)) w.fail(`\`pulumi up\` refuses the placeholder in ${key}: set it from prod's output first`);
    if (value !== "<recoveryDatabaseBackupsArn>") w.fail(`${key} is ${value}, not prod's recoveryDatabaseBackupsArn output`);
    return true;
}

export function pulumiCommand(w: World, words: string[], env: Record<string, string>): string {
    const [, sub, verb] = words;
    if (sub === "stack") return verb === "output" ? `<${words[3]}>` : "";
    if (sub === "preview") return "";
    if (sub === "refresh") return refresh(w, words, env);
    if (sub === "up") return up(w, words);
    if (sub === "state" && verb === "rename") return stateRename(w, words);
    if (sub === "import") return importRds(w, words);
    if (sub === "config") return pulumiConfig(w, words);
    return w.fail(`the model does not know \`pulumi ${sub}\``);
}

function refresh(w: World, words: string[], env: Record<string, string>): string {
    const targets = words.flatMap((x, i) => (words[i - 1] === "--target" ? [x] : []));
    if (w.start.lostCluster && targets.length === 0) {
        if (env.PULUMI_K8S_DELETE_UNREACHABLE !== "true") w.fail("the refresh cannot read the lost cluster's objects: set PULUMI_K8S_DELETE_UNREACHABLE=true");
        w.refreshed = true;
    }
    for (const t of targets) if (!w.rdsState.has(t)) w.fail(`--target ${t} is not in the state`);
    for (const [urn, entry] of w.rdsState) {
        if (targets.length > 0 && !targets.includes(urn)) continue;
        const instance = w.instances.get(entry.id);
        if (instance) entry.identifier = instance.identifier;
        else w.rdsState.delete(urn);
    }
    return "";
}

function up(w: World, words: string[]): string {
    const stack = flag(words, "--stack");
    if (stack !== undefined && stack !== w.start.stack) w.fail(`--stack ${stack}, but this is ${w.start.stack}`);
    if (w.start.lostCluster && !w.refreshed) w.fail("`pulumi up` before the refresh: the state still holds the lost cluster's objects");
    const excludes = words.flatMap((x, i) => (words[i - 1] === "--exclude" ? [x] : []));
    const runUrn = (u: string) => w.facts.run.resources.find((r) => w.urn(r.urn) === u)?.urn ?? w.fail(`--exclude ${u} matches nothing the program registers`);
    const excluded = has(words, "--exclude-dependents") ? w.facts.dependents(excludes.map(runUrn)) : new Set(excludes.map(runUrn));
    const creates = w.facts.run.resources.filter((r) => !w.exists.has(w.urn(r.urn)) && !excluded.has(r.urn));
    for (const r of creates) {
        const missing = [r.parentUrn, ...r.dependencies].find((d) => d && excluded.has(d) && !w.exists.has(w.urn(d)));
        if (missing) w.fail(`${r.name} needs ${missing}, which is excluded: add --exclude-dependents`);
    }
    const createdDatabase = reconcileRds(w, excluded);
    for (const r of creates) w.exists.add(w.urn(r.urn));
    const created = new Set(creates.map((r) => r.urn));
    const sts = w.facts.postgres;
    if (sts && created.has(sts.urn)) {
        // The StatefulSet adopts an existing claim; without one, the provisioner makes an empty volume.
        if (!w.pvcs.has(w.claimKey)) {
            const volume = w.id("vol-new");
            w.volumes.set(volume, { az: w.facts.availabilityZones[0], data: "empty" });
            w.pvs.set(`pv-${volume}`, { spec: { csi: { volumeHandle: volume }, persistentVolumeReclaimPolicy: "Delete" } });
            w.pvcs.set(w.claimKey, { pv: `pv-${volume}` });
        }
        w.scale(w.postgresWorkload, 1);
    }
    const generation = sts ? w.pvs.get(w.pvcs.get(w.claimKey)?.pv ?? "")?.spec.csi.volumeHandle : w.rdsState.get(w.rdsUrn)?.id;
    const job = w.facts.setupJob.urn;
    if (w.exists.has(w.urn(job)) && !excluded.has(job) && (created.has(job) || generation !== w.setupRanOn)) {
        w.setupRanOn = generation;
        w.databaseReady("the setup job");
    }
    const startedApps = APP_DEPLOYMENTS.filter((d) => created.has(w.facts.release(d)!.urn));
    for (const d of startedApps) w.scale(d, w.configuredReplicas(d));
    w.ups.push({ text: w.current, startedApps, createdDatabase });
    return "";
}

/** What `pulumi up` does to RDS: deletes entries the program dropped, creates or updates its own. */
function reconcileRds(w: World, excluded: Set<string>): boolean {
    if (!w.facts.rds) return false;
    for (const [urn, entry] of w.rdsState) {
        if (urn === w.rdsUrn) continue;
        const instance = w.instances.get(entry.id);
        if (!instance) continue;
        // The provider deletes by the identifier recorded in the state.
        if (instance.identifier !== entry.identifier) w.fail(`deleting ${urn} names ${entry.identifier}, now another instance's name: refresh that entry first`);
        if (instance.deletionProtection) w.fail(`cannot delete ${entry.identifier}: deletion protection is on`);
        w.instances.delete(entry.id);
        w.rdsState.delete(urn);
    }
    if (excluded.has(w.facts.rds.urn)) return false;
    const entry = w.rdsState.get(w.rdsUrn);
    const holder = [...w.instances].find(([, i]) => i.identifier === w.identifier);
    if (!entry) {
        if (holder) w.fail(`creates ${w.identifier}, a name ${holder[0]} already has: import it`);
        const id = w.id("db-NEW");
        w.instances.set(id, { identifier: w.identifier, data: restoredFrom(w) ? "restored" : "empty", deletionProtection: w.facts.rds.inputs.deletionProtection });
        w.rdsState.set(w.rdsUrn, { id, identifier: w.identifier });
        return true;
    }
    const instance = w.instances.get(entry.id) ?? w.fail(`the state's ${w.rdsUrn} points at a deleted instance`);
    if (instance.identifier !== w.identifier && holder) {
        w.fail(`renames ${instance.identifier} (${entry.id}, the instance the state follows) back to ${w.identifier}, which ${holder[0]} holds`);
    }
    Object.assign(instance, { identifier: w.identifier, deletionProtection: w.facts.rds.inputs.deletionProtection });
    entry.identifier = w.identifier;
    return false;
}

function stateRename(w: World, words: string[]): string {
    const [urn, name] = words.slice(3).filter((x) => !x.startsWith("-"));
    const entry = w.rdsState.get(urn) ?? w.fail(`no ${urn} in the state`);
    const renamed = urn.replace(/::[^:]+$/, `::${name}`);
    if (w.rdsState.has(renamed)) w.fail(`${renamed} is already in the state`);
    w.dataStep();
    w.rdsState.delete(urn);
    w.rdsState.set(renamed, entry);
    return "";
}

function importRds(w: World, words: string[]): string {
    const [type, name, id] = words.slice(2).filter((x, i, all) => !x.startsWith("-") && !["--parent", "--provider"].includes(all[i - 1]));
    const rds = w.facts.rds ?? w.fail("this stack has no RDS instance");
    if (type !== rds.type) w.fail(`imports a ${type}; the program's database is a ${rds.type}`);
    const parent = flag(words, "--parent")?.split("=").slice(1).join("=");
    const provider = flag(words, "--provider")?.split("=").slice(1).join("=");
    if (parent !== w.urn(rds.parentUrn!)) w.fail(`--parent ${parent}; the program registers ${rds.name} under ${w.urn(rds.parentUrn!)}`);
    if (provider !== w.urn(rds.providerUrn!)) w.fail(`--provider ${provider}; the program's ${rds.name} uses ${w.urn(rds.providerUrn!)}`);
    const urn = `${parent.split("::").slice(0, 2).join("::")}::${parent.split("::")[2]}$${type}::${name}`;
    if (urn !== w.rdsUrn) w.fail(`imports ${urn}; the program registers ${w.rdsUrn}`);
    if (w.rdsState.has(urn)) w.fail(`${urn} is already in the state: rename that entry aside first`);
    if (!/^db-/.test(id)) w.fail(`import ID ${id}: @pulumi/aws v7 knows an RDS instance by its DbiResourceId (db-…)`);
    const instance = w.instances.get(id) ?? w.fail(`no instance has the DbiResourceId ${id}`);
    if (instance.identifier !== w.identifier) w.fail(`imports ${instance.identifier}; the program's instance is named ${w.identifier}`);
    w.dataStep();
    w.rdsState.set(urn, { id, identifier: instance.identifier });
    return "";
}
