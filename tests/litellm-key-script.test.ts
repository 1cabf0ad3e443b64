/**
 * Open WebUI's LiteLLM key: the key Job's Python run against a local server that answers as
 * LiteLLM's key API does (litellm-key.ts names the upstream file), with the env the program gives
 * the Job; and, in the program, that no Open WebUI setting, Secret or env holds the master key.
 */
import * as assert from "assert";
import { spawn } from "child_process";
import { createHash } from "crypto";
import * as http from "http";
import { AddressInfo } from "net";
import { LITELLM_KEY_SCRIPT, WEBUI_KEY_ALIAS } from "../components/app/litellm-key";
import { ProgramRun } from "../sim/mock-engine";
import { named, ofType, stackRun, STACKS } from "./helpers";
import { python3 } from "./python";

type Env = { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } };
type Stored = { alias: string | null; models: string[] };

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const reveal = (v: any) => (v && v["4dabf18193072939515e22adb298388d"] === SECRET_SIG ? v.value : v);
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * LiteLLM's key endpoints as the stored sources show them: keys kept by their SHA-256, 404 for an
 * unknown key, aliases unique, the listing gives hashed tokens, every call needs the master key.
 */
function fakeLitellm(master: string, keys: Map<string, Stored>) {
    const calls: { method: string; path: string; body: any }[] = [];
    const server = http.createServer((req, res) => {
        let raw = "";
        req.on("data", (c) => (raw += c));
        req.on("end", () => {
            const url = new URL(req.url ?? "/", "http://x");
            const body = raw ? JSON.parse(raw) : undefined;
            calls.push({ method: req.method ?? "", path: url.pathname, body });
            const answer = (status: number, json: unknown) => {
                res.writeHead(status, { "Content-Type": "application/json" });
                res.end(JSON.stringify(json));
            };
            if (req.headers.authorization !== `Bearer ${master}`) return answer(401, { error: "Authentication Error" });
            const route = `${req.method} ${url.pathname}`;
            if (route === "GET /key/info") {
                const found = keys.get(sha256(url.searchParams.get("key") ?? ""));
                return found ? answer(200, { key: url.searchParams.get("key"), info: { key_alias: found.alias, models: found.models } }) : answer(404, { error: "Key not found in database" });
            }
            if (route === "GET /key/list") {
                const alias = url.searchParams.get("key_alias");
                const tokens = [...keys].filter(([, k]) => alias === null || k.alias === alias).map(([t]) => t);
                return answer(200, { keys: tokens, total_count: tokens.length, current_page: 1, total_pages: 1 });
            }
            if (route === "POST /key/generate") {
                if (!String(body.key).startsWith("sk-")) return answer(400, { error: "key must start with sk-" });
                if ([...keys.values()].some((k) => k.alias === body.key_alias)) return answer(400, { error: `Key with alias '${body.key_alias}' already exists` });
                keys.set(sha256(body.key), { alias: body.key_alias ?? null, models: body.models ?? [] });
                return answer(200, { key: body.key, key_alias: body.key_alias, models: body.models });
            }
            if (route === "POST /key/update") {
                const found = keys.get(sha256(body.key));
                if (!found) return answer(404, { error: "Key not found" });
                found.models = body.models;
                return answer(200, { key: body.key, models: body.models });
            }
            if (route === "POST /key/delete") {
                const gone = [...keys].filter(([, k]) => body.key_aliases.includes(k.alias));
                gone.forEach(([t]) => keys.delete(t));
                return answer(200, { deleted_keys: body.key_aliases });
            }
            return answer(404, { detail: "Not Found" });
        });
    });
    return { server, calls };
}

/** The Job's env from the program, with its Secret references resolved to the Secrets' values. */
function jobEnv(r: ProgramRun): Record<string, string> {
    const secrets: Record<string, Record<string, string>> = Object.fromEntries(
        ofType(r, "kubernetes:core/v1:Secret").map((s) => [s.inputs.metadata.name, reveal(s.inputs.stringData) ?? {}]),
    );
    const env = named(r, `openwebui-litellm-key-${r.stack}`).inputs.spec.template.spec.containers[0].env as Env[];
    return Object.fromEntries(env.map((e) => [e.name, e.value ?? secrets[e.valueFrom!.secretKeyRef.name][e.valueFrom!.secretKeyRef.key]]));
}

const masterOf = (r: ProgramRun): string => reveal(named(r, `openwebui-litellm-secret-${r.stack}`).inputs.stringData).masterkey;

function runJob(env: Record<string, string>, url: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(python3(), ["-c", LITELLM_KEY_SCRIPT], { env: { PATH: process.env.PATH ?? "", ...env, LITELLM_URL: url, RETRY_SECONDS: "0" } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c) => (stdout += c));
        child.stderr.on("data", (c) => (stderr += c));
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
}

describe("Open WebUI's LiteLLM key: the Job's Python against a stand-in for LiteLLM's key API", function () {
    this.timeout(120_000);

    async function withLitellm(keys: Map<string, Stored>, runs: number, master?: string) {
        const r = await stackRun("prod");
        const env = jobEnv(r);
        const fake = fakeLitellm(master ?? masterOf(r), keys);
        await new Promise<void>((ok) => fake.server.listen(0, "127.0.0.1", ok));
        try {
            const url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
            const outs = [];
            for (let i = 0; i < runs; i++) outs.push(await runJob(env, url));
            return { env, outs, calls: fake.calls, models: JSON.parse(env.KEY_MODELS) as string[] };
        } finally {
            await new Promise((ok) => fake.server.close(ok));
        }
    }

    it("on an empty LiteLLM: creates one key with Open WebUI's value and alias, limited to the configured models", async () => {
        const keys = new Map<string, Stored>();
        const { env, outs, calls, models } = await withLitellm(keys, 1);
        assert.strictEqual(outs[0].status, 0, outs[0].stderr);
        const r = await stackRun("prod");
        assert.deepStrictEqual(models, r.outputs.models, "the key may call exactly the models the stack serves");
        assert.ok(models.length > 0);
        assert.deepStrictEqual([...keys], [[sha256(env.WEBUI_LITELLM_KEY), { alias: WEBUI_KEY_ALIAS, models }]]);
        assert.deepStrictEqual(calls.map((c) => `${c.method} ${c.path}`), ["GET /key/info", "GET /key/list", "POST /key/generate"]);
    });

    it("run again: finds its key and mints no second one", async () => {
        const keys = new Map<string, Stored>();
        const { outs, calls } = await withLitellm(keys, 3);
        outs.forEach((o) => assert.strictEqual(o.status, 0, o.stderr));
        assert.strictEqual(keys.size, 1);
        assert.strictEqual(calls.filter((c) => c.path === "/key/generate").length, 1);
        assert.match(outs[2].stdout, /exists/);
    });

    it("a key whose models drifted (an admin widened it, or the stack's models changed) is scoped back, not duplicated", async () => {
        const r = await stackRun("prod");
        const env = jobEnv(r);
        const keys = new Map<string, Stored>([[sha256(env.WEBUI_LITELLM_KEY), { alias: WEBUI_KEY_ALIAS, models: ["some-other-model"] }]]);
        const { outs, calls, models } = await withLitellm(keys, 1);
        assert.strictEqual(outs[0].status, 0, outs[0].stderr);
        assert.deepStrictEqual([...keys.values()], [{ alias: WEBUI_KEY_ALIAS, models }]);
        assert.deepStrictEqual(calls.map((c) => c.path), ["/key/info", "/key/update"]);
    });

    it("an earlier key value under the alias is deleted, so the old key stops working, and the current one is created", async () => {
        const stale = sha256("sk-an-earlier-value-of-the-secret");
        const keys = new Map<string, Stored>([[stale, { alias: WEBUI_KEY_ALIAS, models: ["x"] }], ["someone-elses", { alias: "team-a", models: ["y"] }]]);
        const { env, outs } = await withLitellm(keys, 1);
        assert.strictEqual(outs[0].status, 0, outs[0].stderr);
        assert.ok(!keys.has(stale), "the earlier key is gone");
        assert.ok(keys.has(sha256(env.WEBUI_LITELLM_KEY)));
        assert.deepStrictEqual(keys.get("someone-elses"), { alias: "team-a", models: ["y"] }, "another alias's key is left alone");
    });

    it("fails the Job when LiteLLM refuses (a wrong master key), creating nothing", async () => {
        const keys = new Map<string, Stored>();
        const { outs } = await withLitellm(keys, 1, "sk-not-the-master-key");
        assert.notStrictEqual(outs[0].status, 0);
        assert.match(outs[0].stderr, /key\/info failed: HTTP 401/);
        assert.strictEqual(keys.size, 0);
    });
});

describe("LiteLLM's master key stays in LiteLLM's Secret", function () {
    this.timeout(120_000);

    for (const stack of STACKS) {
        it(`${stack}: no Open WebUI setting, Secret or env holds it; Open WebUI reads its own key`, async () => {
            const r = await stackRun(stack);
            const master = masterOf(r);
            const webuiValues = named(r, `openwebui-webui-${stack}`).inputs.values;
            const initEnv = named(r, `openwebui-webui-init-${stack}`).inputs.spec.template.spec.containers[0].env as Env[];
            const webuiSecret = reveal(named(r, `openwebui-webui-secret-${stack}`).inputs.stringData) as Record<string, string>;
            // What Open WebUI reads: the chart's OPENAI_API_KEY and the init job, which stores openai.api_keys.
            assert.deepStrictEqual([webuiValues.openaiApiKeyExistingSecret, webuiValues.openaiApiKeyExistingSecretKey], ["open-webui-secrets", "litellm-virtual-key"]);
            assert.deepStrictEqual(initEnv.find((e) => e.name === "OPENAI_API_KEY")?.valueFrom?.secretKeyRef, { name: "open-webui-secrets", key: "litellm-virtual-key" });
            assert.match(webuiSecret["litellm-virtual-key"], /^sk-[A-Za-z0-9]{48}$/);
            assert.notStrictEqual(webuiSecret["litellm-virtual-key"], master);
            // Neither the value nor a reference to it anywhere Open WebUI looks.
            assert.ok(!Object.values(webuiSecret).includes(master), "Open WebUI's Secret holds the master key");
            const webuiSide = JSON.stringify([webuiValues, initEnv]);
            assert.ok(!webuiSide.includes(master));
            assert.doesNotMatch(webuiSide, /litellm-secrets/);
            // Who reads the master key at all: LiteLLM's chart and the key job, nobody else.
            const readers = r.resources.filter((x) => JSON.stringify(x.inputs).includes('"litellm-secrets"')).map((x) => x.name);
            assert.deepStrictEqual(readers.sort(), [`openwebui-litellm-${stack}`, `openwebui-litellm-key-${stack}`, `openwebui-litellm-secret-${stack}`].sort());
        });
    }

    it("Open WebUI starts after its key is registered, and the key job after LiteLLM", async () => {
        const r = await stackRun("prod");
        const job = named(r, "openwebui-litellm-key-prod");
        assert.ok(job.dependencies.includes(named(r, "openwebui-litellm-prod").urn));
        assert.ok(named(r, "openwebui-webui-prod").dependencies.includes(job.urn));
    });
});
