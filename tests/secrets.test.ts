/**
 * Personal data and credentials in the stack file may be encrypted (`pulumi config set --secret`),
 * whole or element by element. Each such key in turn is encrypted in a copy of prod's stack file:
 * the program must run as before, register the same resources, and hand on what it derives from the
 * key only as a Pulumi secret. A real run (plaintext plus the CLI's list of secret keys) is kept
 * secret the same way.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { ConfigError } from "../config";
import { SENSITIVE_KEYS } from "../config/sensitive";
import { plan } from "../plan/plan";
import { formatPlan } from "../plan/report";
import { ProgramRun } from "../sim/mock-engine";
import { PROJECT_DIR } from "../sim/stack-files";
import { ENCRYPTED, named, ofType, rejection, run } from "./helpers";

/** How the Pulumi SDK hands a secret to the engine: wrapped with its signature, never as bare text. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const isSecret = (v: unknown) => typeof v === "object" && v !== null && (v as Record<string, unknown>)["4dabf18193072939515e22adb298388d"] === SECRET_SIG;
const reveal = (v: any) => (isSecret(v) ? v.value : v);

/** Prod's stack file with every sensitive key set in plain text, so each can be encrypted in turn. */
function prodWith(extra: Record<string, unknown>): Record<string, unknown> {
    const file = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, unknown> };
    return {
        ...file.config,
        "openwebui:alertEmails": ["oncall@acme.kr"],
        "openwebui:alertSmsNumbers": ["+821012345678"],
        "openwebui:slackTeamId": "T0123ABCD",
        "openwebui:slackChannelId": "C0123ABCD",
        "openwebui:openaiModels": ["gpt-4o-mini"],
        "openwebui:openaiApiKey": "sk-proj-plaintext-only-in-this-test",
        ...extra,
    };
}

const dirs: string[] = [];
/** Runs `stack` from a temp copy of the project holding `config` as its stack file. */
async function runWith(config: Record<string, unknown>, stack = "prod"): Promise<ProgramRun> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openwebui-secrets-"));
    dirs.push(dir);
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), yaml.dump({ config }));
    return run(stack, { projectDir: dir });
}
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const subscriptions = (r: ProgramRun, protocol: string) => ofType(r, "aws:sns/topicSubscription:TopicSubscription").filter((s) => s.inputs.protocol === protocol);
// A secret anywhere in a chart's values makes the whole `values` input secret (the engine cannot mark part of one).
const webuiValues = (r: ProgramRun) => named(r, "openwebui-webui-prod").inputs.values;
const webuiEnv = (r: ProgramRun, name: string) => (reveal(webuiValues(r)).extraEnvVars as { name: string; value?: unknown }[]).find((e) => e.name === name);
// The admin's address reaches Open WebUI only through the one-off init job's environment.
const webuiInitSpec = (r: ProgramRun) => named(r, "openwebui-webui-init-prod").inputs.spec;
const webuiInitEnv = (r: ProgramRun, name: string) => (reveal(webuiInitSpec(r)).template.spec.containers[0].env as { name: string; value?: unknown }[]).find((e) => e.name === name);
const slack = (r: ProgramRun) => ofType(r, "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration")[0].inputs;

/** Each way to encrypt a sensitive key: where the secure value goes, and every value derived from it. */
const CASES: { path: string; encrypt: Record<string, unknown>; derived: (r: ProgramRun) => unknown[]; output?: string }[] = [
    { path: "openwebui:appAdminEmail", encrypt: { "openwebui:appAdminEmail": ENCRYPTED }, derived: (r) => [webuiInitSpec(r)], output: "adminEmail" },
    { path: "openwebui:alertEmails", encrypt: { "openwebui:alertEmails": ENCRYPTED }, derived: (r) => subscriptions(r, "email").map((s) => s.inputs.endpoint) },
    { path: "openwebui:alertEmails[0]", encrypt: { "openwebui:alertEmails": [ENCRYPTED] }, derived: (r) => subscriptions(r, "email").map((s) => s.inputs.endpoint) },
    { path: "openwebui:alertSmsNumbers[0]", encrypt: { "openwebui:alertSmsNumbers": [ENCRYPTED] }, derived: (r) => subscriptions(r, "sms").map((s) => s.inputs.endpoint) },
    { path: "openwebui:slackTeamId", encrypt: { "openwebui:slackTeamId": ENCRYPTED }, derived: (r) => [slack(r).slackTeamId] },
    { path: "openwebui:slackChannelId", encrypt: { "openwebui:slackChannelId": ENCRYPTED }, derived: (r) => [slack(r).slackChannelId] },
    { path: "openwebui:openaiApiKey", encrypt: { "openwebui:openaiApiKey": ENCRYPTED }, derived: (r) => [named(r, "openwebui-provider-keys-secret-prod").inputs.stringData] },
];

describe("a secret in each key that may hold personal data or a credential", () => {
    let plain: ProgramRun;
    before(async () => {
        plain = await runWith(prodWith({}));
    });

    it("covers every such key, and in plain text they stay plain (only the API key is always secret)", () => {
        assert.deepStrictEqual([...new Set(CASES.map((c) => c.path.replace(/^openwebui:|\[\d+\]$/g, "")))].sort(), Object.keys(SENSITIVE_KEYS).sort());
        for (const c of CASES) {
            const values = c.derived(plain);
            assert.ok(values.length > 0 && values.every((v) => isSecret(v) === (c.path === "openwebui:openaiApiKey")), c.path);
        }
        assert.deepStrictEqual(plain.secretOutputs.includes("adminEmail"), false);
        assert.deepStrictEqual(plain.standIns, []);
    });

    for (const c of CASES) {
        it(`${c.path} encrypted: the same resources, planned with its stand-in, and everything derived from it secret`, async () => {
            const r = await runWith(prodWith(c.encrypt));
            assert.deepStrictEqual(r.standIns, [c.path]);
            // Secret inputs resolve later, so registration order may differ; the set may not.
        assert.deepStrictEqual(r.resources.map((x) => `${x.type} ${x.name}`).sort(), plain.resources.map((x) => `${x.type} ${x.name}`).sort());
            const values = c.derived(r);
            assert.strictEqual(values.length, c.derived(plain).length, "an encrypted element does not shrink its list");
            for (const v of values) assert.ok(isSecret(v), `${c.path}: ${JSON.stringify(v)}`);
            const name = c.path.replace(/^openwebui:|\[\d+\]$/g, "");
            assert.ok(JSON.stringify(values.map(reveal)).includes(SENSITIVE_KEYS[name].standIn), "the stand-in passed validation and was used");
            if (c.output) assert.ok(r.secretOutputs.includes(c.output), c.output);
        });
    }

    it("a real run, where the CLI passes the decrypted value and the key as secret, keeps it secret too", async () => {
        const r = await run("prod", {
            overrides: { "openwebui:appAdminEmail": "llm-admin@acme.kr", "openwebui:alertEmails": JSON.stringify(["oncall@acme.kr"]) },
            secretKeys: ["openwebui:appAdminEmail", "openwebui:alertEmails"],
        });
        assert.strictEqual(r.outputs.adminEmail, "llm-admin@acme.kr");
        assert.ok(r.secretOutputs.includes("adminEmail"));
        assert.strictEqual(webuiInitEnv(r, "WEBUI_ADMIN_EMAIL")?.value, "llm-admin@acme.kr");
        assert.ok(isSecret(webuiInitSpec(r)));
        assert.strictEqual(webuiEnv(r, "WEBUI_ADMIN_EMAIL"), undefined);
        assert.ok(subscriptions(r, "email").every((s) => isSecret(s.inputs.endpoint) && reveal(s.inputs.endpoint) === "oncall@acme.kr"));
    });

    it("a real run still validates the decrypted value, naming the key", async () => {
        const e = await rejection(run("prod", { overrides: { "openwebui:appAdminEmail": "not-an-address" }, secretKeys: ["openwebui:appAdminEmail"] }));
        assert.ok(e instanceof ConfigError, String(e));
        assert.strictEqual(e.key, "openwebui:appAdminEmail");
    });

    it("the plan says which secrets it planned with stand-ins, instead of failing with \"is required\", and plans the rest as before", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openwebui-secrets-plan-"));
        dirs.push(dir);
        fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        const file = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, unknown> };
        file.config["openwebui:appAdminEmail"] = ENCRYPTED;
        fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), yaml.dump(file));
        const p = await plan("prod", "2026-11-28", { projectDir: dir });
        assert.deepStrictEqual(p.standIns, ["openwebui:appAdminEmail"]);
        assert.match(formatPlan(p), /Secrets planned with offline stand-ins \(config\/sensitive\.ts\): openwebui:appAdminEmail\n/);
        // The pack and the cost model see through the secret, as CrossGuard unwraps secrets for policies.
        const shipped = await plan("prod", "2026-11-28");
        assert.deepStrictEqual([p.cost, p.policy, p.inventory], [shipped.cost, shipped.policy, shipped.inventory]);
    });

    it("refuses a secret in a key the program writes in clear, naming the key", async () => {
        const e = await rejection(runWith(prodWith({ "openwebui:owner": ENCRYPTED })));
        assert.ok(e instanceof ConfigError, String(e));
        assert.strictEqual(e.key, "openwebui:owner");
        assert.strictEqual(e.registeredBeforeFailure, 0);
        assert.match(e.message, /is set as a secret, but the program writes it in clear .*Only appAdminEmail, alertEmails/);
    });
});
