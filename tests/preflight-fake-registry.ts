/**
 * A loopback registry for the preflight's tests, answering as the real ones do: the OCI distribution
 * API behind an anonymous Bearer token challenge (ghcr.io's and Docker Hub's flow: 401 with
 * `WWW-Authenticate: Bearer realm,service,scope`, then the token in `Authorization`), image indexes
 * with per-platform manifests (plus an attestation entry, as buildx pushes them), single-platform
 * manifests whose config blob names the architecture, Helm charts pushed as OCI artefacts, and
 * classic Helm repositories' index.yaml. It serves the preflight's mirror layout: /<host>/<path>.
 */
import * as http from "http";
import { AddressInfo } from "net";
import * as yaml from "js-yaml";
import { HELM_CONFIG_TYPE } from "../preflight/registry";

type Platform = { os: string; architecture: string };
type Artefact = { kind: "index"; platforms: Platform[] } | { kind: "single"; platform: Platform } | { kind: "chart" };

const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const digest = (s: string) => `sha256:${Buffer.from(s).toString("hex").padEnd(64, "0").slice(0, 64)}`;

/** Where each registry sends clients for a token: Docker Hub's realm is on another host. */
const REALMS: Record<string, string> = { "registry-1.docker.io": "https://auth.docker.io/token" };

export class FakeRegistry {
    /** `host/name` → reference → artefact. */
    readonly artefacts = new Map<string, Map<string, Artefact>>();
    /** `host/path` of a classic Helm repository → chart → versions. */
    readonly indexes = new Map<string, Record<string, string[]>>();
    /** Every path asked for, for assertions. */
    readonly requests: { path: string; authorization?: string; accept?: string }[] = [];
    private server?: http.Server;
    url = "";

    publish(repository: string, reference: string, artefact: Artefact): void {
        const refs = this.artefacts.get(repository) ?? new Map<string, Artefact>();
        refs.set(reference, artefact);
        this.artefacts.set(repository, refs);
    }

    unpublish(repository: string, reference: string): void {
        this.artefacts.get(repository)?.delete(reference);
    }

    async start(): Promise<string> {
        this.server = http.createServer((req, res) => this.answer(req, res));
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this.url;
    }

    stop(): Promise<void> {
        return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    }

    private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
        const url = new URL(req.url ?? "/", "http://fake");
        this.requests.push({ path: url.pathname, authorization: req.headers.authorization, accept: req.headers.accept });
        const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
            res.writeHead(status, { "content-type": "application/json", ...headers });
            res.end(JSON.stringify(body));
        };
        const token = /^\/([^/]+)\/token$/.exec(url.pathname);
        if (token) return json(200, { token: `anon:${url.searchParams.get("scope")}`, expires_in: 300 });

        const api = /^\/([^/]+)\/v2\/(.+)\/(manifests|blobs|tags)\/(.+)$/.exec(url.pathname);
        if (api) {
            const [, host, name, what, ref] = api;
            const scope = `repository:${name}:pull`;
            if (req.headers.authorization !== `Bearer anon:${scope}`) {
                const realm = REALMS[host] ?? `https://${host}/token`;
                return json(401, { errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] }, { "www-authenticate": `Bearer realm="${realm}",service="${host}",scope="${scope}"` });
            }
            const refs = this.artefacts.get(`${host}/${name}`);
            if (what === "tags") return refs ? json(200, { name, tags: [...refs.keys()] }) : json(404, { errors: [{ code: "NAME_UNKNOWN" }] });
            if (what === "blobs") {
                const single = [...(refs?.values() ?? [])].find((a): a is Extract<Artefact, { kind: "single" }> => a.kind === "single" && digest(JSON.stringify(a.platform)) === ref);
                return single ? json(200, { ...single.platform, config: {}, rootfs: { type: "layers", diff_ids: [] } }) : json(404, { errors: [{ code: "BLOB_UNKNOWN" }] });
            }
            const artefact = refs?.get(ref) ?? [...(refs?.entries() ?? [])].find(([, a]) => digest(JSON.stringify(a)) === ref)?.[1];
            if (!artefact) return json(404, { errors: [{ code: "MANIFEST_UNKNOWN", message: "manifest unknown" }] });
            const body = manifestOf(artefact);
            return json(200, body, { "content-type": body.mediaType, "docker-content-digest": digest(JSON.stringify(artefact)) });
        }

        const index = /^\/(.+)\/index\.yaml$/.exec(url.pathname);
        const entries = index ? this.indexes.get(index[1]) : undefined;
        if (entries) {
            res.writeHead(200, { "content-type": "text/yaml" });
            const body = { apiVersion: "v1", entries: Object.fromEntries(Object.entries(entries).map(([chart, versions]) => [chart, versions.map((version) => ({ name: chart, version, urls: [`${chart}-${version}.tgz`] }))])) };
            return void res.end(yaml.dump(body));
        }
        res.writeHead(404).end();
    }
}

function manifestOf(a: Artefact): { mediaType: string } & Record<string, unknown> {
    if (a.kind === "chart") {
        return { schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: HELM_CONFIG_TYPE, digest: digest("chart-config"), size: 2 }, layers: [{ mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip", digest: digest("chart"), size: 1 }] };
    }
    if (a.kind === "single") {
        return { schemaVersion: 2, mediaType: "application/vnd.docker.distribution.manifest.v2+json", config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: digest(JSON.stringify(a.platform)), size: 2 }, layers: [] };
    }
    const manifests = a.platforms.map((platform) => ({ mediaType: OCI_MANIFEST, digest: digest(JSON.stringify(platform)), size: 1, platform }));
    // buildx adds a provenance attestation per image, as a manifest of platform unknown/unknown.
    manifests.push({ mediaType: OCI_MANIFEST, digest: digest("attestation"), size: 1, platform: { os: "unknown", architecture: "unknown" } });
    return { schemaVersion: 2, mediaType: OCI_INDEX, manifests };
}
