/**
 * Reads registries the way Helm and the kubelet do, anonymously: the OCI distribution API
 * (`GET /v2/<name>/manifests/<ref>`, with the Bearer token challenge that ghcr.io, Docker Hub and
 * public.ecr.aws answer an anonymous pull with) and a classic Helm repository's `index.yaml`.
 * Source: OCI Distribution Specification v1.1 ("Pulling manifests", "Listing tags") and Docker's
 * "Token Authentication Specification" (WWW-Authenticate: Bearer realm, service, scope), read 2026-11.
 */
import * as yaml from "js-yaml";

/**
 * Every URL goes through here. With a mirror (tests: a loopback server), `https://ghcr.io/v2/x` is
 * fetched as `<mirror>/ghcr.io/v2/x`, redirects and token realms included, so nothing leaves it.
 */
export class Fetcher {
    constructor(private readonly mirror?: string) {}

    private url(target: string): string {
        if (!this.mirror) return target;
        const u = new URL(target);
        return `${this.mirror.replace(/\/$/, "")}/${u.host}${u.pathname}${u.search}`;
    }

    async get(target: string, headers: Record<string, string> = {}): Promise<Response> {
        let current = target;
        let sent = headers;
        for (let hop = 0; hop < 5; hop++) {
            const response = await fetch(this.url(current), { headers: sent, redirect: "manual", signal: AbortSignal.timeout(30_000) });
            const location = response.headers.get("location");
            if (response.status < 300 || response.status >= 400 || !location) return response;
            await response.arrayBuffer();
            const next = new URL(location, current).toString();
            // As fetch does: credentials stay with the host they were issued for.
            if (new URL(next).host !== new URL(current).host) sent = Object.fromEntries(Object.entries(sent).filter(([k]) => k.toLowerCase() !== "authorization"));
            current = next;
        }
        throw new Error(`more than 5 redirects from ${target}`);
    }
}

export const INDEX_TYPES = ["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"];
export const MANIFEST_TYPES = ["application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"];
/** What `helm push` writes as the manifest's config (Helm docs, "Use OCI-based registries"). */
export const HELM_CONFIG_TYPE = "application/vnd.cncf.helm.config.v1+json";

export interface Platform {
    os: string;
    architecture: string;
    variant?: string;
}

export interface Manifest {
    mediaType?: string;
    config?: { mediaType: string; digest: string };
    manifests?: { mediaType?: string; digest: string; platform?: Platform }[];
}

/** `ghcr.io/berriai/litellm-helm`, `redis` (Docker Hub's library), `registry.k8s.io/x/y`. */
export function splitRepository(repository: string): { host: string; name: string } {
    const [first, ...rest] = repository.split("/");
    if (rest.length > 0 && (first.includes(".") || first.includes(":") || first === "localhost")) return { host: first, name: rest.join("/") };
    // Docker Hub: its API host is not its name, and one-part names live under library/.
    return { host: "registry-1.docker.io", name: rest.length === 0 ? `library/${first}` : repository };
}

/** `repo:tag`, `repo@sha256:…`, `repo:tag@sha256:…` (the digest is what gets pulled). */
export function parseImage(image: string): { repository: string; reference: string } {
    const at = image.indexOf("@");
    if (at >= 0) return { repository: image.slice(0, at).replace(/:[^/:]+$/, ""), reference: image.slice(at + 1) };
    const colon = image.lastIndexOf(":");
    if (colon > image.lastIndexOf("/")) return { repository: image.slice(0, colon), reference: image.slice(colon + 1) };
    return { repository: image, reference: "latest" };
}

export type RegistryAnswer<T> = { found: true; value: T } | { found: false; status: number };

/** One repository of one registry, with the anonymous pull token its challenge asks for. */
export class Repository {
    private token?: string;

    constructor(
        private readonly fetcher: Fetcher,
        readonly host: string,
        readonly name: string,
    ) {}

    private async request(path: string, accept: string[]): Promise<Response> {
        const url = `https://${this.host}/v2/${this.name}/${path}`;
        const headers: Record<string, string> = { accept: accept.join(", ") };
        if (this.token) headers.authorization = `Bearer ${this.token}`;
        let response = await this.fetcher.get(url, headers);
        const challenge = response.headers.get("www-authenticate");
        if (response.status === 401 && !this.token && challenge && /^bearer\s/i.test(challenge)) {
            // Read to the end so the connection is reused for the retry.
            await response.arrayBuffer();
            this.token = await this.fetchToken(challenge);
            response = await this.fetcher.get(url, { ...headers, authorization: `Bearer ${this.token}` });
        }
        return response;
    }

    private async fetchToken(challenge: string): Promise<string> {
        const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
        if (!params.realm) throw new Error(`${this.host} asked for a token without a realm: ${challenge}`);
        const realm = new URL(params.realm);
        if (params.service) realm.searchParams.set("service", params.service);
        realm.searchParams.set("scope", params.scope ?? `repository:${this.name}:pull`);
        const response = await this.fetcher.get(realm.toString());
        if (!response.ok) throw new Error(`${realm.host} refused an anonymous pull token (HTTP ${response.status})`);
        const body = (await response.json()) as { token?: string; access_token?: string };
        const token = body.token ?? body.access_token;
        if (!token) throw new Error(`${realm.host} answered without a token`);
        return token;
    }

    async manifest(reference: string, accept = [...INDEX_TYPES, ...MANIFEST_TYPES]): Promise<RegistryAnswer<Manifest>> {
        const response = await this.request(`manifests/${reference}`, accept);
        if (response.status === 404) {
            await response.arrayBuffer();
            return { found: false, status: 404 };
        }
        if (!response.ok) throw new Error(`${this.host}/${this.name}:${reference}: HTTP ${response.status}`);
        const value = (await response.json()) as Manifest;
        // Docker v2 manifests name their type in the body; some registries only in the header.
        value.mediaType ??= response.headers.get("content-type")?.split(";")[0];
        return { found: true, value };
    }

    /** An image manifest's config blob: where a single-platform image says its architecture. */
    async platformOf(manifest: Manifest): Promise<Platform | undefined> {
        if (!manifest.config) return undefined;
        const response = await this.request(`blobs/${manifest.config.digest}`, ["application/json", "*/*"]);
        if (!response.ok) return undefined;
        const config = (await response.json()) as Partial<Platform>;
        return config.os && config.architecture ? { os: config.os, architecture: config.architecture, variant: config.variant } : undefined;
    }

    /** Tags the registry lists, for a failure's fix; empty when it does not list them. */
    async tags(): Promise<string[]> {
        const response = await this.request("tags/list?n=1000", ["application/json"]);
        if (!response.ok) return [];
        return ((await response.json()) as { tags?: string[] }).tags ?? [];
    }
}

/** The platforms an image (an index, or one manifest) publishes, attestations left out. */
export async function platformsOf(repository: Repository, manifest: Manifest): Promise<Platform[]> {
    if (manifest.manifests) return manifest.manifests.map((m) => m.platform).filter((p): p is Platform => p !== undefined && p.os !== "unknown");
    const one = await repository.platformOf(manifest);
    return one ? [one] : [];
}

/** A classic Helm repository's chart versions, or undefined when the repository has no such chart. */
export async function helmIndexVersions(fetcher: Fetcher, repo: string, chart: string): Promise<string[] | undefined> {
    const url = `${repo.replace(/\/$/, "")}/index.yaml`;
    const response = await fetcher.get(url, { accept: "application/x-yaml, text/yaml, */*" });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const index = yaml.load(await response.text()) as { entries?: Record<string, { version: string }[]> };
    return index?.entries?.[chart]?.map((e) => e.version);
}

/** Newest first by semver-ish comparison, for listing a few in a fix. */
export function newest(versions: string[], count = 5): string[] {
    const key = (v: string) => v.replace(/^v/, "").split(/[.+_-]/).map((p) => (/^\d+$/.test(p) ? p.padStart(8, "0") : p));
    const cmp = (a: string, b: string) => {
        const [x, y] = [key(a), key(b)];
        for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? "") !== (y[i] ?? "")) return (x[i] ?? "") < (y[i] ?? "") ? 1 : -1;
        return 0;
    };
    return [...versions].sort(cmp).slice(0, count);
}
