/**
 * The AWS CLI and kubectl commands the recovery scenarios run, as the model sees them: each checks
 * the flags AWS or Kubernetes needs to do what the runbook means (a restore lands in the program's
 * subnet group and security group, a volume in the stack's AZs with the backup tag, a claim that
 * the StatefulSet adopts) and changes the model accordingly.
 */
import { awsRegion, ingressHostname } from "./runbook-world-region";
import * as yaml from "js-yaml";
import { flag, has } from "./runbook-commands";
import { APP_DEPLOYMENTS } from "./runbook-facts";
import type { World } from "./runbook-world";

const READS = /^(describe-|list-|get-|update-kubeconfig$)/;

export function dispatchAws(w: World, words: string[]): string {
    const [, service, op] = words;
    const f = (name: string) => flag(words, name);
    const need = (name: string) => f(name) ?? w.fail(`needs ${name}`);
    if (service === "s3" && op === "cp") return "";
    if (service === "rds") return rds(w, op, words, f, need);
    if (service === "ec2") return ec2(w, op, words, f, need);
    const region = awsRegion(w, service, op, words);
    if (region !== undefined) return region;
    if (READS.test(op ?? "")) return "";
    return w.fail(`the model does not know \`aws ${service} ${op}\``);
}

type Flag = (name: string) => string | undefined;

function rds(w: World, op: string, words: string[], f: Flag, need: (name: string) => string): string {
    const program = w.facts.rds ?? w.fail("this stack has no RDS instance");
    const named = (identifier: string) => [...w.instances].find(([, i]) => i.identifier === identifier);
    if (op === "describe-db-instances") {
        if (f("--query") !== "DBInstances[0].DbiResourceId") w.fail("the model answers only the DbiResourceId query");
        return (named(need("--db-instance-identifier")) ?? w.fail(`no instance ${f("--db-instance-identifier")}`))[0];
    }
    if (op === "wait" && words[3] === "db-instance-available") {
        if (!named(need("--db-instance-identifier"))) w.fail(`no instance ${f("--db-instance-identifier")} to wait for`);
        return "";
    }
    if (op === "restore-db-instance-to-point-in-time") {
        const source = named(need("--source-db-instance-identifier")) ?? w.fail("no such source instance");
        const target = need("--target-db-instance-identifier");
        if (named(target)) w.fail(`${target} exists already`);
        if (!f("--restore-time") && !has(words, "--use-latest-restorable-time")) w.fail("needs --restore-time (a second before the damage)");
        // Without them RDS picks the default subnet group and security group.
        if (need("--db-subnet-group-name") !== program.inputs.dbSubnetGroupName) w.fail(`the program's subnet group is ${program.inputs.dbSubnetGroupName}`);
        if (JSON.stringify(need("--vpc-security-group-ids").split(/[ ,]/)) !== JSON.stringify(program.inputs.vpcSecurityGroupIds)) {
            w.fail(`the program's security groups are ${program.inputs.vpcSecurityGroupIds}`);
        }
        if (has(words, "--multi-az") !== Boolean(program.inputs.multiAz)) w.fail(`multiAz is ${program.inputs.multiAz} in the program`);
        if (has(words, "--no-publicly-accessible") === Boolean(program.inputs.publiclyAccessible)) w.fail("the instance must stay private");
        if (f("--storage-type") !== program.inputs.storageType) w.fail(`the program's storage type is ${program.inputs.storageType}`);
        w.dataStep();
        w.instances.set(w.id("db-RESTORED"), { identifier: target, data: source[1].data === "damaged" ? "restored" : source[1].data, deletionProtection: false });
        return "";
    }
    if (op === "modify-db-instance") {
        const instance = (named(need("--db-instance-identifier")) ?? w.fail("no such instance"))[1];
        if (!has(words, "--apply-immediately")) w.fail("without --apply-immediately the change waits for the maintenance window");
        const rename = f("--new-db-instance-identifier");
        if (rename && named(rename)) w.fail(`${rename} is taken`);
        w.dataStep();
        if (rename) instance.identifier = rename;
        if (has(words, "--no-deletion-protection")) instance.deletionProtection = false;
        if (has(words, "--deletion-protection")) instance.deletionProtection = true;
        return "";
    }
    if (READS.test(op)) return "";
    return w.fail(`the model does not know \`aws rds ${op}\``);
}

/** `Name=tag:K,Values=V` filters and `Key=K,Value=V` tag lists, as maps. */
function pairs(text: string, re: RegExp): Record<string, string> {
    return Object.fromEntries([...text.matchAll(re)].map((m) => [m[1], m[2]]));
}

function ec2(w: World, op: string, words: string[], f: Flag, need: (name: string) => string): string {
    const sc = () => w.facts.storageClass(w.facts.claim.spec.storageClassName).inputs;
    if (op === "describe-security-groups") {
        const name = pairs(words.join(" "), /Name=group-name,Values=([^\s,]+)()/g);
        const sg = w.facts.securityGroupNamed(Object.keys(name)[0]) ?? w.fail("no such security group in the program");
        return sg.id!;
    }
    if (op === "describe-snapshots") {
        const filters = pairs(words.join(" "), /Name=tag:([^,]+),Values=([^\s"]+)/g);
        for (const [k, v] of Object.entries({ ...w.facts.backupTag, "kubernetes.io/created-for/pvc/name": w.facts.claim.name })) {
            if (filters[k] !== v) w.fail(`filter on tag ${k}=${v}: the snapshots of ${w.facts.claim.name}`);
        }
        if (!/^reverse\(sort_by\(Snapshots,\s*&StartTime\)\)\[0\]/.test(f("--query") ?? "")) w.fail("take the newest snapshot");
        return [...w.snapshots].find(([, s]) => Object.entries(filters).every(([k, v]) => s.tags[k] === v))?.[0] ?? w.fail("no snapshot matches");
    }
    if (op === "create-volume") {
        const snapshot = w.snapshots.get(need("--snapshot-id")) ?? w.fail(`no snapshot ${f("--snapshot-id")}`);
        const az = need("--availability-zone");
        if (!w.facts.availabilityZones.includes(az)) w.fail(`${az} is not one of the stack's AZs ${w.facts.availabilityZones}`);
        if (az === w.start.failedAz) w.fail(`${az} is the failed AZ`);
        if (f("--volume-type") !== sc().parameters.type) w.fail(`the StorageClass makes ${sc().parameters.type} volumes`);
        if (has(words, "--encrypted") !== (sc().parameters.encrypted === "true")) w.fail("encryption as the StorageClass has it");
        const tags = pairs(need("--tag-specifications"), /Key=([^,}]+),Value=([^,}]+)/g);
        for (const [k, v] of Object.entries(w.facts.backupTag)) if (tags[k] !== v) w.fail(`tag ${k}=${v}, or DLM stops snapshotting the database`);
        if (f("--query") !== "VolumeId") w.fail("print the VolumeId");
        w.dataStep();
        const volume = w.id("vol-restored");
        w.volumes.set(volume, { az, data: snapshot.data });
        return volume;
    }
    if (op === "wait" && words[3] === "volume-available") {
        if (!w.volumes.has(need("--volume-ids"))) w.fail(`no volume ${f("--volume-ids")}`);
        return "";
    }
    if (READS.test(op)) return "";
    return w.fail(`the model does not know \`aws ec2 ${op}\``);
}

export function dispatchKubectl(w: World, all: string[], heredoc?: string): string {
    const ns = flag(all, "-n") ?? flag(all, "--namespace");
    const words = all.filter((x, i) => x !== "-n" && all[i - 1] !== "-n");
    const [, verb] = words;
    const inApp = () => {
        if (ns !== w.facts.appNamespace) w.fail(`-n ${ns}: the app namespace is ${w.facts.appNamespace}`);
    };
    if (verb === "scale") {
        inApp();
        const count = Number(flag(words, "--replicas") ?? w.fail("needs --replicas"));
        const targets = words.filter((x) => /^(deployment|statefulset)\//.test(x));
        for (const t of targets) {
            const known = APP_DEPLOYMENTS.includes(t) ? w.facts.release(t) : t === w.postgresWorkload ? w.facts.postgres : undefined;
            if (!known || !w.exists.has(w.urn(known.urn))) w.fail(`no ${t} in ${ns}`);
            if (count > 0 && APP_DEPLOYMENTS.includes(t) && count !== w.configuredReplicas(t)) w.fail(`${t}: the stack runs ${w.configuredReplicas(t)}`);
            w.scale(t, count);
        }
        return "";
    }
    if (verb === "get" && words[2] === "pvc") {
        inApp();
        if (flag(words, "-o") !== "jsonpath={.spec.volumeName}") w.fail("the model answers only the claim's volumeName");
        return (w.pvcs.get(`${ns}/${words[3]}`) ?? w.fail(`no claim ${words[3]}`)).pv;
    }
    if (verb === "patch" && words[2] === "pv") {
        const pv = w.pvs.get(words[3]) ?? w.fail(`no PersistentVolume ${words[3]}`);
        w.dataStep();
        Object.assign(pv.spec, JSON.parse(flag(words, "-p") ?? w.fail("needs -p")).spec);
        return "";
    }
    if (verb === "delete" && words[2] === "pvc") {
        inApp();
        const claim = w.pvcs.get(`${ns}/${words[3]}`) ?? w.fail(`no claim ${words[3]}`);
        if (w.replicas.get(w.postgresWorkload)) w.fail("the claim is in use: stop Postgres first");
        if (w.pvs.get(claim.pv)?.spec.persistentVolumeReclaimPolicy !== "Retain") w.fail("deleting the claim deletes its volume: set the PersistentVolume to Retain first");
        w.dataStep();
        w.pvcs.delete(`${ns}/${words[3]}`);
        return "";
    }
    if (verb === "apply") return applyClaim(w, heredoc ?? w.fail("the model applies only a heredoc"));
    if (verb === "get" && words[2] === "ingress") return ingressHostname(w, words[3]);
    if (verb === "get" || verb === "rollout") return "";
    return w.fail(`the model does not know \`kubectl ${verb}\``);
}

/** A restored volume's PersistentVolume and the claim the StatefulSet's pod 0 adopts. */
function applyClaim(w: World, text: string): string {
    const docs = yaml.loadAll(text) as Record<string, any>[];
    const pv = docs.find((d) => d.kind === "PersistentVolume") ?? w.fail("no PersistentVolume");
    const pvc = docs.find((d) => d.kind === "PersistentVolumeClaim") ?? w.fail("no PersistentVolumeClaim");
    const { claim } = w.facts;
    const sc = w.facts.storageClass(claim.spec.storageClassName);
    const gi = (q: string) => Number(/^(\d+)Gi$/.exec(q)?.[1] ?? w.fail(`size ${q} is not in Gi`));
    const key = `${pvc.metadata.namespace}/${pvc.metadata.name}`;
    if (key !== w.claimKey) w.fail(`the StatefulSet adopts only ${w.claimKey}, not ${key}`);
    if (!w.exists.has(w.urn(w.facts.run.resources.find((r) => r.type === "kubernetes:core/v1:Namespace" && r.inputs.metadata.name === claim.namespace)!.urn))) {
        w.fail(`namespace ${claim.namespace} does not exist yet`);
    }
    if (w.pvcs.has(key)) w.fail(`${key} exists: its spec cannot change`);
    for (const doc of [pv, pvc]) {
        if (doc.spec.storageClassName !== claim.spec.storageClassName) w.fail(`${doc.kind}: storageClassName ${claim.spec.storageClassName}, as the claim template`);
        if (JSON.stringify(doc.spec.accessModes) !== JSON.stringify(claim.spec.accessModes)) w.fail(`${doc.kind}: accessModes ${claim.spec.accessModes}`);
    }
    if (gi(pvc.spec.resources.requests.storage) !== gi(claim.spec.resources.requests.storage)) w.fail(`the claim template asks for ${claim.spec.resources.requests.storage}`);
    if (gi(pv.spec.capacity.storage) < gi(pvc.spec.resources.requests.storage)) w.fail("the volume is smaller than the claim");
    if (pvc.spec.volumeName !== pv.metadata.name || pv.spec.claimRef?.name !== pvc.metadata.name || pv.spec.claimRef?.namespace !== pvc.metadata.namespace) {
        w.fail("the claim and the volume must name each other");
    }
    if (pv.spec.csi?.driver !== sc.inputs.provisioner) w.fail(`csi.driver ${sc.inputs.provisioner}, the StorageClass's provisioner`);
    if (pv.spec.csi.fsType !== sc.inputs.parameters["csi.storage.k8s.io/fstype"]) w.fail("fsType as the StorageClass formats volumes");
    if (pv.spec.persistentVolumeReclaimPolicy !== sc.inputs.reclaimPolicy) w.fail(`reclaim policy ${sc.inputs.reclaimPolicy}, as the StorageClass's volumes`);
    const volume = w.volumes.get(pv.spec.csi.volumeHandle) ?? w.fail(`no volume ${pv.spec.csi.volumeHandle}`);
    const zones = pv.spec.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.find((e: { key: string }) => e.key === "topology.kubernetes.io/zone")?.values;
    if (JSON.stringify(zones) !== JSON.stringify([volume.az])) w.fail(`nodeAffinity must pin the pod to the volume's AZ ${volume.az}`);
    w.dataStep();
    w.pvs.set(pv.metadata.name, pv);
    w.pvcs.set(key, { pv: pv.metadata.name });
    return "";
}
