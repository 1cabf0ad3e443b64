/**
 * The preflight's fakes, filled from what the stack itself pins (its Targets), so the tests hold
 * no second copy of a chart version, tag or model id: a "healthy" world publishes exactly those,
 * and each failing test then breaks one thing in it.
 */
import { splitModelId } from "@openwebui-aws/rules/bedrock";
import { isZoneId, REGION_ZONES, REGIONS } from "@openwebui-aws/rules/regions";
import { PreflightOptions } from "../preflight/cli";
import { parseImage, splitRepository } from "../preflight/registry";
import { Targets } from "../preflight/targets";
import { FakeAws } from "./preflight-fake-aws";
import { FakeRegistry } from "./preflight-fake-registry";

export const ARM = { os: "linux", architecture: "arm64" };
export const AMD = { os: "linux", architecture: "amd64" };
export const FAKE_CREDENTIALS = { accessKeyId: "AKIAFAKEPREFLIGHT000", secretAccessKey: "fake-secret-for-a-loopback-endpoint" };

/** `host/name` of an image or an oci:// chart, as the fake registry files it. */
export function repositoryKey(ref: string): { key: string; reference: string } {
    const { repository, reference } = parseImage(ref.replace(/^oci:\/\//, ""));
    const { host, name } = splitRepository(repository);
    return { key: `${host}/${name}`, reference };
}

export function classicRepoKey(repo: string): string {
    const u = new URL(repo);
    return `${u.host}${u.pathname.replace(/\/$/, "")}`;
}

export class World {
    registry = new FakeRegistry();
    aws = new FakeAws();

    async start(): Promise<void> {
        await Promise.all([this.registry.start(), this.aws.start()]);
    }

    stop(): Promise<unknown> {
        return Promise.all([this.registry.stop(), this.aws.stop()]);
    }

    options(): PreflightOptions {
        return { aws: { endpoint: this.aws.url, credentials: FAKE_CREDENTIALS }, registryMirror: this.registry.url };
    }

    /** Everything the stacks pin exists, publishes both architectures, and the account has room for it. */
    healthy(...stacks: Targets[]): void {
        const { registry, aws } = this;
        registry.artefacts.clear();
        registry.indexes.clear();
        registry.requests.length = 0;
        for (const t of stacks) {
            for (const c of t.charts) {
                if (c.chart.startsWith("oci://")) {
                    const { key } = repositoryKey(c.chart);
                    registry.publish(key, c.version, { kind: "chart" });
                    registry.publish(key, "0.1.0", { kind: "chart" });
                } else {
                    const index = registry.indexes.get(classicRepoKey(c.repo!)) ?? {};
                    index[c.chart] = [...new Set([...(index[c.chart] ?? []), c.version, "0.1.0"])];
                    registry.indexes.set(classicRepoKey(c.repo!), index);
                }
            }
            for (const i of t.images) {
                const { key, reference } = repositoryKey(i.image);
                registry.publish(key, reference, { kind: "index", platforms: [AMD, ARM] });
            }
        }

        aws.profiles.clear();
        aws.models.clear();
        aws.availability.clear();
        aws.certificates.clear();
        aws.quotas.clear();
        aws.roles.clear();
        aws.denied.clear();
        aws.calls.length = 0;
        aws.zones.length = 0;
        aws.offerings.clear();
        aws.offeringRequests.length = 0;
        aws.account = "111122223333";
        for (const t of stacks) {
            for (const m of t.models) {
                const { profile, foundationModel } = splitModelId(m.id);
                if (profile) aws.profiles.set(m.id, "ACTIVE");
                aws.models.set(foundationModel, { status: "ACTIVE", inference: profile ? ["INFERENCE_PROFILE"] : ["ON_DEMAND"] });
                aws.availability.set(foundationModel, { authorizationStatus: "AUTHORIZED", entitlementAvailability: "AVAILABLE", regionAvailability: profile ? "NOT_AVAILABLE" : "AVAILABLE", agreement: "AVAILABLE" });
            }
            if (t.certificate) aws.certificates.set(t.certificate.arn, { Status: "ISSUED", DomainName: t.certificate.domain, SubjectAlternativeNames: [t.certificate.domain] });
            for (const p of t.principals) aws.roles.add(p.arn.split("/").pop()!);
        }
        for (const region of new Set(stacks.map((t) => t.region))) {
            const here = stacks.filter((t) => t.region === region);
            const named = [...new Set(here.flatMap((t) => t.zones))];
            const zones = named.every(isZoneId)
                ? // A stack that names zones by ID (Tokyo) meets the Region's usable zones as a recent
                  // account sees them (rules/regions.ts), each name mapped to an ID out of step with
                  // it, as the mapping differs per account: a check that took the name for the ID fails.
                  REGIONS[region].zoneIds.map((id, i) => ({ id, name: REGION_ZONES[region][(i + 1) % REGION_ZONES[region].length] }))
                : named.map((name, i) => ({ name, id: `apne2-az${i + 1}` }));
            for (const z of zones) aws.zones.push({ region, ...z, state: "available", optIn: "opt-in-not-required" });
            const types = here.flatMap((t) => [...t.nodeGroups.flatMap((g) => g.instanceTypes), ...t.instances.map((i) => i.instanceType)]);
            // Each zone also offers a type no stack uses, as real zones offer hundreds.
            for (const z of zones) aws.offerings.set(z.name, new Set([...types, "m5.24xlarge"]));
        }
        if (stacks.some((t) => t.region === "ap-northeast-2")) aws.zones.push({ region: "ap-northeast-2", name: "ap-northeast-2z", id: "apne2-az9", state: "available", optIn: "not-opted-in" });
        for (const code of ["L-0263D0A3", "L-1216C47A", "L-34B43A08"]) aws.quotas.set(code, 64);
    }
}
