/**
 * The Open WebUI init Job's Python, run against stand-ins for the open_webui and alembic modules it
 * calls: what it does in which order, that it writes only the settings the program owns, and that
 * a failed migration fails it.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { WEBUI_INIT_SCRIPT } from "../components/app/webui-init";
import { named, stackRun } from "./helpers";
import { python3 } from "./python";

type Env = { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } };

/**
 * Stand-ins with the v0.11.0 shapes the script relies on: importing open_webui.config runs the
 * migrations; Config is a per-key store whose DEFAULTS come from the environment and whose seeding
 * keeps stored values; create_admin_user creates an admin only when there is no user.
 */
function fakeOpenWebui(dir: string, opts: { users: number; upgradeFails: boolean; stored: Record<string, unknown> }) {
    const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
    };
    write("calls.py", "import json, os\ndef log(*a):\n    with open(os.environ['CALLS'], 'a') as f: f.write(json.dumps(a) + '\\n')\n");
    write("alembic/__init__.py", "");
    write("alembic/config.py", "class Config:\n    def __init__(self, path): self.path = path; self.opts = {}\n    def set_main_option(self, k, v): self.opts[k] = v\n");
    write(
        "alembic/command.py",
        `from calls import log\ndef upgrade(cfg, rev):\n    log('alembic upgrade', rev, cfg.opts['script_location'].endswith('migrations'))\n    if ${opts.upgradeFails ? "True" : "False"}: raise RuntimeError('relation already exists')\n`,
    );
    write("open_webui/__init__.py", "");
    write("open_webui/env.py", "import os, pathlib\nOPEN_WEBUI_DIR = pathlib.Path('/app/backend/open_webui')\nWEBUI_ADMIN_EMAIL = os.environ.get('WEBUI_ADMIN_EMAIL', '')\nWEBUI_ADMIN_PASSWORD = os.environ.get('WEBUI_ADMIN_PASSWORD', '')\nWEBUI_ADMIN_NAME = os.environ.get('WEBUI_ADMIN_NAME', 'Admin')\n");
    write(
        "open_webui/models/config.py",
        [
            "from calls import log",
            "import json",
            `STORE = json.loads(${JSON.stringify(JSON.stringify(opts.stored))})`,
            "class Config:",
            "    DEFAULTS = {}",
            "    @staticmethod",
            "    def default_value(k, d=None): return Config.DEFAULTS.get(k, d)",
            "    @staticmethod",
            "    async def upsert(u):",
            "        STORE.update(u); log('upsert', u)",
            "    @staticmethod",
            "    async def seed_defaults(d):",
            "        new = {k: v for k, v in d.items() if k not in STORE}; STORE.update(new); log('seed', sorted(new))",
            "",
        ].join("\n"),
    );
    write("open_webui/models/__init__.py", "");
    write(
        "open_webui/config.py",
        [
            "import os",
            "from calls import log",
            "from open_webui.models.config import Config",
            "if os.environ.get('ENABLE_DB_MIGRATIONS', 'True').lower() == 'true': log('migrations at import')",
            "Config.DEFAULTS = {'webui.url': os.environ.get('WEBUI_URL', 'http://localhost:3000'), 'ui.enable_signup': os.environ.get('ENABLE_SIGNUP', 'True').lower() == 'true',",
            "    'ui.default_user_role': os.environ.get('DEFAULT_USER_ROLE', 'pending'), 'openai.enable': os.environ.get('ENABLE_OPENAI_API', 'True').lower() == 'true',",
            "    'openai.api_base_urls': [os.environ.get('OPENAI_API_BASE_URL', '')], 'openai.api_keys': [os.environ.get('OPENAI_API_KEY', '')], 'rag.top_k': 3}",
            "async def seed_registered_defaults(): await Config.seed_defaults(Config.DEFAULTS)",
            "",
        ].join("\n"),
    );
    write("open_webui/utils/__init__.py", "");
    write("open_webui/utils/auth.py", `from calls import log\nUSERS = ${opts.users}\nasync def create_admin_user(email, password, name):\n    log('create_admin_user', email, USERS == 0)\n    return USERS == 0\n`);
}

describe("the init Job's Python, against stand-ins for open_webui and alembic", () => {
    const dirs: string[] = [];
    after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    function runScript(opts: { users: number; upgradeFails: boolean; stored: Record<string, unknown> }, env: Record<string, string>) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "webui-init-"));
        dirs.push(dir);
        fakeOpenWebui(dir, opts);
        const calls = path.join(dir, "calls.jsonl");
        const res = spawnSync(python3(), ["-c", WEBUI_INIT_SCRIPT], { cwd: dir, env: { PATH: process.env.PATH ?? "", CALLS: calls, PYTHONDONTWRITEBYTECODE: "1", ...env }, encoding: "utf8" });
        assert.strictEqual(res.error, undefined, "python3 runs");
        const log = fs.existsSync(calls) ? fs.readFileSync(calls, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
        return { status: res.status, stderr: res.stderr, log };
    }
    const jobEnv = async () => Object.fromEntries((named(await stackRun("prod"), "openwebui-webui-init-prod").inputs.spec.template.spec.containers[0].env as Env[]).map((e) => [e.name, e.value ?? `secret:${e.valueFrom!.secretKeyRef.key}`]));

    it("on an empty database: migrates, upgrades to head once more, seeds, creates the admin, then writes the owned settings", async () => {
        const out = runScript({ users: 0, upgradeFails: false, stored: {} }, await jobEnv());
        assert.strictEqual(out.status, 0, out.stderr);
        assert.deepStrictEqual(
            out.log.map((c) => c[0]),
            ["migrations at import", "alembic upgrade", "seed", "create_admin_user", "upsert"],
        );
        assert.deepStrictEqual(out.log[1], ["alembic upgrade", "head", true]);
        assert.deepStrictEqual(out.log[3], ["create_admin_user", "admin@example.com", true]);
    });

    it("on a database with a stale URL and an admin: creates nobody and writes the stack's values over the stored ones", async () => {
        const stored = { "webui.url": "http://old-alb.example", "ui.enable_signup": true, "ui.default_user_role": "user", "rag.top_k": 9 };
        const out = runScript({ users: 1, upgradeFails: false, stored }, await jobEnv());
        assert.strictEqual(out.status, 0, out.stderr);
        const upsert = out.log.find((c) => c[0] === "upsert")![1];
        assert.deepStrictEqual(upsert, {
            "webui.url": "https://chat.example.com",
            "ui.enable_signup": false,
            "ui.default_user_role": "pending",
            "openai.enable": true,
            "openai.api_base_urls": ["http://litellm:4000/v1"],
            "openai.api_keys": ["secret:litellm-virtual-key"],
        });
        assert.ok(!("rag.top_k" in upsert), "a setting the program does not own stays the admins'");
        assert.deepStrictEqual(out.log.find((c) => c[0] === "create_admin_user"), ["create_admin_user", "admin@example.com", false]);
    });

    it("a migration that fails fails the Job (Open WebUI's own import only logs it), before any admin or setting is written", async () => {
        const out = runScript({ users: 0, upgradeFails: true, stored: {} }, await jobEnv());
        assert.notStrictEqual(out.status, 0);
        assert.match(out.stderr, /relation already exists/);
        assert.deepStrictEqual(out.log.map((c) => c[0]), ["migrations at import", "alembic upgrade"]);
    });
});

