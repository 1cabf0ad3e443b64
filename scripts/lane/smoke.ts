/**
 * The real-cloud lane's smoke test, after `pulumi up`: Open WebUI answers /health through the ALB,
 * and one chat completion goes through LiteLLM exactly as Open WebUI sends it (from an Open WebUI
 * pod, with the key and base URL that pod was given), and that key cannot mint LiteLLM keys (it is
 * the scoped key, not the master key).
 *
 * `npm run -s lane:smoke -- --url <appUrl> --stack <stack>` (kubectl already pointed at the cluster;
 * the app's namespace is the stack's appNamespace); exit 0 when every step passes.
 */
import { execFile } from "child_process";
import { WEBUI_SELECTOR } from "../../components/app/chart-values";
import { loadStackFiles, readProjectFile } from "../../sim/stack-files";

export type Fetch = (url: string) => Promise<{ status: number; text(): Promise<string> }>;
export type Exec = (argv: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

export interface HealthOptions {
    attempts: number;
    delayMs: number;
    fetch: Fetch;
}

/** Waits for the ALB and the pods: the first `up` returns before the ALB's targets are healthy. */
export async function waitForHealth(appUrl: string, options: HealthOptions): Promise<string> {
    const url = `${appUrl.replace(/\/+$/, "")}/health`;
    let last = "no answer";
    for (let attempt = 1; attempt <= options.attempts; attempt++) {
        try {
            const answer = await options.fetch(url);
            const body = await answer.text();
            if (answer.status === 200 && JSON.parse(body)?.status === true) return `${url}: healthy after ${attempt} attempt(s)`;
            last = `HTTP ${answer.status} ${body.slice(0, 200)}`;
        } catch (e) {
            last = (e as Error).message;
        }
        if (attempt < options.attempts) await new Promise((r) => setTimeout(r, options.delayMs));
    }
    throw new Error(`${url} not healthy after ${options.attempts} attempts: ${last}`);
}

/**
 * Runs inside the Open WebUI container (its image has Python): lists LiteLLM's models with the
 * pod's own key, asks the first for a short answer, then tries to mint a key with it.
 */
export const IN_POD_SCRIPT = `
import json, os, urllib.request, urllib.error
base = os.environ["OPENAI_API_BASE_URL"].rstrip("/")
key = os.environ["OPENAI_API_KEY"]
def call(method, url, body=None):
    req = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None
status, models = call("GET", base + "/models")
model = (models or {}).get("data", [{}])[0].get("id") if status == 200 else None
chat_status, chat = call("POST", base + "/chat/completions", {"model": model, "max_tokens": 16,
    "messages": [{"role": "user", "content": "Reply with the single word: pong"}]}) if model else (status, None)
content = ((chat or {}).get("choices") or [{}])[0].get("message", {}).get("content")
root = base[:-3] if base.endswith("/v1") else base
mint_status, _ = call("POST", root + "/key/generate", {"models": []})
print(json.dumps({"model": model, "chatStatus": chat_status, "content": content, "mintStatus": mint_status}))
`;

export interface ChatResult {
    model: string | null;
    chatStatus: number;
    content: string | null;
    mintStatus: number;
}

const selector = Object.entries(WEBUI_SELECTOR)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

/** The two kubectl calls: find an Open WebUI pod by the labels the program gives it, run the script there. */
export async function chatThroughApp(namespace: string, exec: Exec): Promise<string> {
    const pods = await exec(["kubectl", "-n", namespace, "get", "pods", "-l", selector, "--field-selector=status.phase=Running", "-o", "jsonpath={.items[0].metadata.name}"]);
    const pod = pods.stdout.trim();
    if (pods.code !== 0 || !pod) throw new Error(`no running Open WebUI pod in ${namespace} (-l ${selector}): ${pods.stderr.trim()}`);
    const run = await exec(["kubectl", "-n", namespace, "exec", pod, "--", "python3", "-c", IN_POD_SCRIPT]);
    if (run.code !== 0) throw new Error(`the chat script failed in ${pod}: ${run.stderr.trim()}`);
    const result = JSON.parse(run.stdout.trim().split("\n").pop() ?? "") as ChatResult;
    if (!result.model) throw new Error(`LiteLLM listed no model for Open WebUI's key (HTTP ${result.chatStatus})`);
    if (result.chatStatus !== 200 || !result.content) throw new Error(`chat completion with ${result.model} failed: HTTP ${result.chatStatus}, content ${JSON.stringify(result.content)}`);
    if (result.mintStatus !== 401 && result.mintStatus !== 403) throw new Error(`Open WebUI's key minted a LiteLLM key (HTTP ${result.mintStatus}): it must be the scoped key, not the master key`);
    return `chat through LiteLLM (${result.model}) answered; Open WebUI's key cannot mint keys (HTTP ${result.mintStatus})`;
}

/** The namespace the stack's program puts the app in (its file, else Pulumi.yaml's default). */
export function appNamespaceOf(stack: string): string {
    const key = `${readProjectFile().name}:appNamespace`;
    const namespace = loadStackFiles(stack).config[key];
    if (!namespace) throw new Error(`${key} is not set for ${stack}`);
    return namespace;
}

const realExec: Exec = (argv) =>
    new Promise((resolve) => {
        execFile(argv[0], argv.slice(1), { maxBuffer: 1 << 20 }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });

if (require.main === module) {
    const args = process.argv.slice(2);
    const flag = (name: string) => args[args.indexOf(name) + 1];
    (async () => {
        if (!args.includes("--url") || !args.includes("--stack")) throw new Error("usage: lane:smoke -- --url <appUrl> --stack <stack>");
        console.log(await waitForHealth(flag("--url"), { attempts: 60, delayMs: 10_000, fetch: (u) => fetch(u) }));
        console.log(await chatThroughApp(appNamespaceOf(flag("--stack")), realExec));
    })().catch((e) => {
        console.error(`lane:smoke: ${(e as Error).message}`);
        process.exit(1);
    });
}
