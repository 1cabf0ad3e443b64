/**
 * What a recovery touches, read from what the program registers under the mock engine: the
 * database (RDS instance or in-cluster StatefulSet and its claim), the StorageClass a restored
 * volume must match, the workloads that write to the database, and the dependency graph
 * `pulumi up --exclude … --exclude-dependents` follows.
 */
import { LITELLM_RELEASE, WEBUI_RELEASE } from "../components/app/chart-values";
import { ProgramRun, RecordedResource } from "../sim/mock-engine";

/** The app Deployments a recovery stops and starts, by the Helm release that creates each. */
export const APP_DEPLOYMENTS = [WEBUI_RELEASE, LITELLM_RELEASE].map((release) => `deployment/${release}`);

export class ProgramFacts {
    constructor(readonly run: ProgramRun) {}

    private one(type: string, where: (r: RecordedResource) => boolean = () => true): RecordedResource | undefined {
        return this.run.resources.find((r) => r.type === type && where(r));
    }

    get rds(): RecordedResource | undefined {
        return this.one("aws:rds/instance:Instance");
    }

    get postgres(): RecordedResource | undefined {
        return this.one("kubernetes:apps/v1:StatefulSet", (r) => r.inputs.metadata?.name === "postgres");
    }

    /** The claim the StatefulSet's pod 0 uses: `<template>-<statefulset>-0`, and what it asks for. */
    get claim(): { name: string; namespace: string; spec: Record<string, any> } {
        const sts = this.postgres!;
        const template = sts.inputs.spec.volumeClaimTemplates[0];
        return { name: `${template.metadata.name}-${sts.inputs.metadata.name}-0`, namespace: sts.inputs.metadata.namespace, spec: template.spec };
    }

    storageClass(name: string): RecordedResource {
        const sc = this.one("kubernetes:storage.k8s.io/v1:StorageClass", (r) => r.inputs.metadata?.name === name);
        if (!sc) throw new Error(`no StorageClass ${name}`);
        return sc;
    }

    /** The Helm release behind `deployment/<release>`, with its replica count. */
    release(workload: string): RecordedResource | undefined {
        return this.one("kubernetes:helm.sh/v3:Release", (r) => `deployment/${r.inputs.name}` === workload);
    }

    get appNamespace(): string {
        return this.release(APP_DEPLOYMENTS[0])!.inputs.namespace;
    }

    get setupJob(): RecordedResource {
        return this.one("kubernetes:batch/v1:Job")!;
    }

    get backupTag(): Record<string, string> {
        return this.one("aws:dlm/lifecyclePolicy:LifecyclePolicy")!.inputs.policyDetails.targetTags;
    }

    get availabilityZones(): string[] {
        return JSON.parse(this.run.config["openwebui:availabilityZones"]);
    }

    securityGroupNamed(name: string): RecordedResource | undefined {
        return this.one("aws:ec2/securityGroup:SecurityGroup", (r) => r.inputs.name === name);
    }

    /** `urns` and everything that depends on them: children, `dependsOn`, inputs, provider. */
    dependents(urns: string[]): Set<string> {
        const out = new Set(urns);
        for (let grew = true; grew; ) {
            grew = false;
            for (const r of this.run.resources) {
                if (out.has(r.urn)) continue;
                const uses = [r.parentUrn, r.providerUrn, ...r.dependencies].filter((u): u is string => Boolean(u));
                if (uses.some((u) => out.has(u))) {
                    out.add(r.urn);
                    grew = true;
                }
            }
        }
        return out;
    }
}
