/** Charts and images the stack pins, asked of the registries that serve them. */
import { CheckResult, fail, pass, unreachable } from "./report";
import { ChartTarget, ImageTarget, Targets } from "./targets";
import { Fetcher, HELM_CONFIG_TYPE, helmIndexVersions, MANIFEST_TYPES, newest, parseImage, platformsOf, Platform, Repository, splitRepository } from "./registry";

const pinFix = (what: string, published: string[]) =>
    `pin ${what} that is published${published.length > 0 ? ` (newest: ${newest(published).join(", ")})` : ""}, and vendor that version's values.yaml with its source (vendor/, components/releases.ts)`;

async function chartCheck(fetcher: Fetcher, c: ChartTarget): Promise<CheckResult> {
    if (c.chart.startsWith("oci://")) {
        const what = `chart ${c.chart} ${c.version}`;
        try {
            const { host, name } = splitRepository(c.chart.slice("oci://".length));
            const repository = new Repository(fetcher, host, name);
            // Helm stores a SemVer build suffix `+x` as `_x`: OCI tags cannot hold `+`.
            const answer = await repository.manifest(c.version.replace(/\+/g, "_"), MANIFEST_TYPES);
            if (!answer.found) return fail(what, "no such version in the registry", pinFix("a chart version", await repository.tags()));
            const config = answer.value.config?.mediaType;
            if (config !== HELM_CONFIG_TYPE) return fail(what, `the artefact is not a Helm chart (config ${config ?? "none"})`, pinFix("a chart version", []));
            return pass(what, "published (OCI manifest of a Helm chart)");
        } catch (e) {
            return unreachable(what, e, "check network access to the registry and retry");
        }
    }
    const what = `chart ${c.chart} ${c.version} in ${c.repo}`;
    if (!c.repo) return fail(what, "the Release names no repository", "give the Release repositoryOpts.repo or an oci:// chart");
    try {
        const versions = await helmIndexVersions(fetcher, c.repo, c.chart);
        if (!versions) return fail(what, "the repository's index.yaml has no such chart", "fix the chart name or the repository URL");
        if (!versions.includes(c.version)) return fail(what, "not in the repository's index.yaml", pinFix("a chart version", versions));
        return pass(what, "listed in index.yaml");
    } catch (e) {
        return unreachable(what, e, "check network access to the chart repository and retry");
    }
}

const platformName = (p: Platform) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ""}`;

async function imageCheck(fetcher: Fetcher, i: ImageTarget, architectures: string[]): Promise<CheckResult> {
    const what = `image ${i.image}${architectures.length > 0 ? ` for linux/${architectures.join(", linux/")}` : ""}`;
    const users = `used by ${i.usedBy.join(", ")}`;
    try {
        const { repository: ref, reference } = parseImage(i.image);
        const { host, name } = splitRepository(ref);
        const repository = new Repository(fetcher, host, name);
        const answer = await repository.manifest(reference);
        if (!answer.found) return fail(what, `no such tag or digest (${users})`, pinFix("a tag", (await repository.tags()).filter((t) => !t.startsWith("sha256-"))));
        const platforms = await platformsOf(repository, answer.value);
        const missing = architectures.filter((a) => !platforms.some((p) => p.os === "linux" && p.architecture === a));
        if (missing.length > 0) {
            return fail(
                what,
                `publishes ${platforms.map(platformName).join(", ") || "no platform it names"}, not linux/${missing.join(", linux/")} (${users})`,
                `pin a tag or digest whose image index has linux/${missing.join(", linux/")} (the nodes' architecture), or run these pods on nodes it has`,
            );
        }
        return pass(what, `published (${platforms.map(platformName).join(", ")})`);
    } catch (e) {
        return unreachable(what, e, "check network access to the registry and retry");
    }
}

export async function registryChecks(t: Targets, mirror?: string): Promise<CheckResult[]> {
    const fetcher = new Fetcher(mirror);
    return [
        ...(await Promise.all(t.charts.map((c) => chartCheck(fetcher, c)))),
        ...(await Promise.all(t.images.map((i) => imageCheck(fetcher, i, t.nodeArchitectures)))),
    ];
}
