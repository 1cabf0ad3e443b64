/**
 * Runs a runbook scenario's commands against a model of what they change: RDS instances (known to
 * Pulumi by their DbiResourceId, as @pulumi/aws v7 does), the Pulumi state's RDS entries, EBS
 * snapshots and volumes, PersistentVolumes and claims, replica counts, and which program resources
 * exist. A command the model does not know fails, so a new step must be modelled to be tested.
 * Each check throws with the command that broke it.
 */
import { expand, RawCommand } from "./runbook-commands";
import { APP_DEPLOYMENTS, ProgramFacts } from "./runbook-facts";
import { pulumiCommand } from "./runbook-world-pulumi";
import { dispatchAws, dispatchKubectl } from "./runbook-world-tools";

type Data = "latest" | "snapshot" | "empty" | "damaged" | "restored";

export interface Start {
    /** The stack the commands run against (C: a new stack from prod's file). */
    stack: string;
    lostCluster?: boolean;
    failedAz?: string;
    damagedDatabase?: boolean;
    /** Nothing exists yet (a new region). */
    empty?: boolean;
    /** False where the runbook says the data cannot come back yet (C, until copies exist). */
    dataExpected?: boolean;
}

export class World {
    readonly vars: Record<string, string> = {};
    readonly ups: { text: string; startedApps: string[]; createdDatabase: boolean }[] = [];
    readonly exists = new Set<string>();
    readonly instances = new Map<string, { identifier: string; data: Data; deletionProtection: boolean }>();
    readonly rdsState = new Map<string, { id: string; identifier: string }>();
    readonly snapshots = new Map<string, { data: Data; tags: Record<string, string> }>();
    readonly volumes = new Map<string, { az: string; data: Data }>();
    readonly pvs = new Map<string, Record<string, any>>();
    readonly pvcs = new Map<string, { pv: string }>();
    readonly replicas = new Map<string, number>();
    refreshed = false;
    /** Scenario C: `pulumi config set` on the recovery stack, KMS grants made, where DNS points. */
    readonly configSet: Record<string, string> = {};
    readonly grants: string[] = [];
    dnsTarget?: string;
    setupRanOn?: string;
    private counter = 0;
    current = "";

    constructor(
        readonly facts: ProgramFacts,
        readonly start: Start,
    ) {
        const kind = (urn: string) => urn.split("::")[2].split("$").pop()!;
        for (const r of facts.run.resources) {
            if (start.empty || (start.lostCluster && kind(r.urn).startsWith("kubernetes:"))) continue;
            this.exists.add(this.urn(r.urn));
        }
        if (!start.empty && !start.lostCluster) for (const w of APP_DEPLOYMENTS) this.replicas.set(w, this.configuredReplicas(w));
        if (facts.rds && !start.empty) {
            this.instances.set("db-ORIGINAL", { identifier: this.identifier, data: start.damagedDatabase ? "damaged" : "latest", deletionProtection: facts.rds.inputs.deletionProtection });
            this.rdsState.set(this.rdsUrn, { id: "db-ORIGINAL", identifier: this.identifier });
            this.setupRanOn = "db-ORIGINAL";
        }
        if (facts.postgres) {
            this.snapshots.set("snap-newest", { data: "snapshot", tags: { ...facts.backupTag, "kubernetes.io/created-for/pvc/name": facts.claim.name } });
            if (!start.lostCluster && !start.empty) {
                this.volumes.set("vol-original", { az: start.failedAz ?? facts.availabilityZones[0], data: "latest" });
                this.pvs.set("pv-original", { spec: { csi: { volumeHandle: "vol-original" }, persistentVolumeReclaimPolicy: "Delete" } });
                this.pvcs.set(this.claimKey, { pv: "pv-original" });
                this.replicas.set(this.postgresWorkload, 1);
                this.setupRanOn = "vol-original";
            }
        }
    }

    /** A program URN in this world's stack (C runs prod's program as another stack). */
    urn(runUrn: string): string {
        return runUrn.replace(/^urn:pulumi:[^:]+::/, `urn:pulumi:${this.start.stack}::`);
    }

    get rdsUrn(): string {
        return this.urn(this.facts.rds!.urn);
    }

    get identifier(): string {
        return this.facts.rds!.inputs.identifier;
    }

    get claimKey(): string {
        return `${this.facts.claim.namespace}/${this.facts.claim.name}`;
    }

    get postgresWorkload(): string {
        return `statefulset/${this.facts.postgres?.inputs.metadata.name ?? "(none: this stack's database is RDS)"}`;
    }

    configuredReplicas(workload: string): number {
        return this.facts.release(workload)!.inputs.values.replicaCount;
    }

    fail(message: string): never {
        throw new Error(`${this.current}\n  → ${message}`);
    }

    id(prefix: string): string {
        return `${prefix}-${++this.counter}`;
    }

    /** Runs the scenario's commands in order (blocks marked for another stack are skipped). */
    runAll(commands: RawCommand[], stackKind: string): void {
        for (const c of commands) if (!c.onlyIn || c.onlyIn === stackKind) this.exec(c.text, c.heredoc);
    }

    exec(text: string, heredoc?: string): string {
        const outer = this.current;
        this.current = text;
        try {
            const { assignments, words } = expand(text, this.vars, (inner) => this.exec(inner));
            if (words.length === 0) {
                for (const [k, v] of assignments) this.vars[k] = v;
                return "";
            }
            if (words[0] === "export") {
                for (const w of words.slice(1)) this.vars[w.split("=")[0]] = w.split("=").slice(1).join("=");
                return "";
            }
            return this.command(words, Object.fromEntries(assignments), heredoc !== undefined ? expandHeredoc(heredoc, this) : undefined);
        } finally {
            this.current = outer;
        }
    }

    private command(words: string[], env: Record<string, string>, heredoc?: string): string {
        const [tool] = words;
        if (tool === "pulumi") return pulumiCommand(this, words, env);
        if (tool === "aws") return dispatchAws(this, words);
        if (tool === "kubectl") return dispatchKubectl(this, words, heredoc);
        if (tool === "mktemp") return "/tmp/kubeconfig";
        if (tool === "cp") return "";
        return this.fail(`the model does not know \`${tool}\``);
    }

    /** Something that changes data: nothing may be writing to the database meanwhile. */
    dataStep(): void {
        const running = APP_DEPLOYMENTS.filter((w) => (this.replicas.get(w) ?? 0) > 0);
        if (running.length > 0) this.fail(`changes the data while ${running.join(", ")} run: stop the apps first`);
    }

    /** The database `who` would write to must hold the data, and be the one Pulumi manages. */
    databaseReady(who: string): void {
        if (this.start.dataExpected === false) return;
        if (this.facts.postgres) {
            if (!this.replicas.get(this.postgresWorkload)) this.fail(`${who} starts while Postgres is stopped`);
            const volume = this.postgresVolume();
            if (volume.data === "empty") this.fail(`${who} starts on an empty Postgres volume: restore the volume from its snapshot first`);
        } else if (this.facts.rds) {
            const live = [...this.instances].find(([, i]) => i.identifier === this.identifier);
            if (!live) this.fail(`${who} starts with no ${this.identifier}`);
            if (live[1].data === "damaged" || live[1].data === "empty") this.fail(`${who} starts on the ${live[1].data} database`);
            if (this.rdsState.get(this.rdsUrn)?.id !== live[0]) this.fail(`${who} uses ${this.identifier} (${live[0]}), which the Pulumi state does not hold`);
            if (this.setupRanOn !== live[0]) this.fail(`${who} starts before \`pulumi up\` ran the setup job against ${this.identifier}`);
        }
    }

    postgresVolume(): { az: string; data: Data } {
        const claim = this.pvcs.get(this.claimKey);
        const pv = claim && this.pvs.get(claim.pv);
        const volume = pv && this.volumes.get(pv.spec.csi.volumeHandle);
        if (!volume) return this.fail(`Postgres has no volume behind ${this.claimKey}`);
        if (volume.az === this.start.failedAz) this.fail(`Postgres's volume is in the failed AZ ${volume.az}`);
        return volume;
    }

    /** Scales a workload; starting an app or Postgres checks what it would start on. */
    scale(workload: string, count: number): void {
        const before = this.replicas.get(workload) ?? 0;
        this.replicas.set(workload, count);
        if (before > 0 || count === 0) return;
        if (workload === this.postgresWorkload) this.postgresVolume();
        else this.databaseReady(workload);
    }
}

/** A heredoc with an unquoted delimiter expands `$VAR` like a double-quoted string. */
function expandHeredoc(body: string, world: World): string {
    return body.replace(/\$(?:\{(\w+)\}|(\w+))/g, (_, braced?: string, plain?: string) => world.vars[(braced ?? plain)!] ?? world.fail(`$${braced ?? plain} is used before it is set`));
}
