/**
 * The real-cloud lane (.github/workflows/cloud-lane.yml) cannot run here; what it runs can. Its
 * order and its always-destroy are read from the workflow, and each of its own commands (the stack
 * file, the budget guard, the smoke test) runs against local stand-ins of what it talks to.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as http from "http";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { AddressInfo } from "net";
import { WEBUI_SELECTOR } from "../components/app/chart-values";
import { findPlaceholders } from "../config/placeholders";
import { policies } from "../policy-pack/policies";
import { decide, runCostUsd } from "../scripts/lane/budget-guard";
import { chatThroughApp, Exec, waitForHealth } from "../scripts/lane/smoke";
import { LaneConfigError, parseLaneConfig, writeLaneStack } from "../scripts/lane/stack-file";
import { WORKFLOW_DIR } from "../scripts/workflow-lint";
import { fromRecording, runPolicies } from "../sim/policy-runner";
import { loadStackFiles, PROJECT_DIR } from "../sim/stack-files";
import { packConfigFor, run } from "./helpers";

const lane = yaml.load(fs.readFileSync(path.join(WORKFLOW_DIR, "cloud-lane.yml"), "utf8")) as any;
const steps: any[] = lane.jobs.lane.steps;
const at = (test: (s: any) => boolean, what: string): number => {
    const i = steps.findIndex(test);
    assert.ok(i >= 0, `the lane has a step that ${what}`);
    return i;
};
const runs = (fragment: string) => (s: any) => typeof s.run === "string" && s.run.includes(fragment);
const pulumi = (command: string) => (s: any) => String(s.uses).startsWith("pulumi/actions@") && s.with?.command === command;

/** What a team puts in the LANE_CONFIG variable: its sandbox account's values for dev's blanks. */
function laneValues(): Record<string, unknown> {
    const dev = loadStackFiles("dev").config;
    const values: Record<string, unknown> = {};
    for (const p of findPlaceholders(dev, "openwebui")) {
        const real = p.value.replace(/\b111122223333\b/g, "210987654321").replace(/\bexample\.com\b/g, "lane.acme.kr").replace(/\bexample\.(org|net)\b/g, "lane.acme.kr");
        values[p.key] = /^\[/.test(real) ? JSON.parse(real) : real;
    }
    return values;
}

describe("real-cloud lane: the workflow", () => {
    it("runs weekly and by hand, one run at a time, on a stack name unique to the run", () => {
        assert.ok(lane.on.schedule?.[0]?.cron && "workflow_dispatch" in lane.on);
        assert.strictEqual(lane.concurrency["cancel-in-progress"], false);
        assert.match(lane.env.LANE_STACK, /\$\{\{ github\.run_id \}\}.*\$\{\{ github\.run_attempt \}\}/);
    });

    it("builds the stack file, checks money and the outside world, then up, smoke, destroy, in that order", () => {
        const order = [
            at(runs("lane:stack"), "writes the lane stack file"),
            at(runs("lane:guard"), "runs the budget guard"),
            at(runs("npm run preflight"), "runs the preflight"),
            at(pulumi("up"), "runs pulumi up"),
            at(runs("lane:smoke"), "runs the smoke test"),
            at(pulumi("destroy"), "runs pulumi destroy"),
        ];
        assert.deepStrictEqual([...order].sort((a, b) => a - b), order);
        assert.ok(at(runs("npm run build --workspace policy-pack"), "builds the pack") < order[3]);
    });

    it("destroys whatever happened once up has started, removes the stack, and enforces the pack on up", () => {
        const destroy = steps[at(pulumi("destroy"), "destroys")];
        assert.match(destroy.if, /^always\(\) && steps\.up\.outcome != 'skipped'$/);
        assert.strictEqual(steps[at(pulumi("up"), "goes up")].id, "up");
        assert.strictEqual(destroy.with.remove, true);
        const up = steps[at(pulumi("up"), "goes up")].with;
        assert.strictEqual(up.upsert, true);
        assert.strictEqual(up.policyPacks, "policy-pack");
        assert.strictEqual(up.policyPackConfigs, "policy-pack/config/dev.json");
        for (const s of [up, destroy.with]) assert.match(s["stack-name"], /\/openwebui\/\$\{\{ env\.LANE_STACK \}\}$/);
    });

    it("leaves destroy its time inside the job's limit, and the guard prices that whole limit", () => {
        const job = lane.jobs.lane;
        const stepMinutes = steps.reduce((sum, s) => sum + (s["timeout-minutes"] ?? 0), 0);
        assert.ok(steps.filter((s) => s["timeout-minutes"]).length >= 3, "up, smoke and destroy have their own timeouts");
        assert.ok(stepMinutes + 15 <= job["timeout-minutes"], `steps ${stepMinutes} min + 15 min for set-up within the job's ${job["timeout-minutes"]}`);
        assert.ok(Number(lane.env.LANE_HOURS) * 60 >= job["timeout-minutes"], "the guard's hours cover the job's limit");
        assert.ok(steps[at(runs("lane:guard"), "guards")].run.includes('--hours "$LANE_HOURS"'));
    });

    it("runs the slow offline tests, and every npm script any workflow calls exists", () => {
        assert.ok(lane.jobs["slow-tests"].steps.some(runs("npm run test:slow")));
        const scriptsOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, dir, "package.json"), "utf8")).scripts ?? {};
        let calls = 0;
        for (const file of fs.readdirSync(WORKFLOW_DIR)) {
            const text = fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8");
            for (const [, name, workspace] of text.matchAll(/npm run (?:-s )?([\w:.-]+)(?: --workspace[= ]([\w./-]+))?/g)) {
                calls++;
                const where = workspace ?? ".";
                assert.ok(scriptsOf(where)[name], `${file}: npm run ${name} is not a script in ${path.join(where, "package.json")}`);
            }
        }
        assert.ok(calls >= 5, `found ${calls} npm run calls: the pattern must be reading the workflows`);
    });
});

describe("real-cloud lane: the stack file", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "openwebui-lane-"));
        for (const f of ["Pulumi.yaml", "Pulumi.dev.yaml"]) fs.copyFileSync(path.join(PROJECT_DIR, f), path.join(dir, f));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("is dev's file with the lane's values, and goes up with no mandatory policy violation", async () => {
        writeLaneStack("lane-42-1", laneValues(), dir);
        const config = loadStackFiles("lane-42-1", dir).config;
        const dev = loadStackFiles("dev", dir).config;
        assert.deepStrictEqual(findPlaceholders(config, "openwebui"), []);
        const changed = Object.keys(dev).filter((k) => dev[k] !== config[k]).sort();
        assert.deepStrictEqual(changed, Object.keys(laneValues()).sort(), "only the blanks changed");
        const up = await run("lane-42-1", { up: true, projectDir: dir });
        const violations = await runPolicies(policies, fromRecording(up.resources), { stack: "dev", packConfig: packConfigFor("dev", "210987654321") });
        assert.deepStrictEqual(violations.filter((v) => v.level === "mandatory"), []);
    });

    it("refuses a blank left in, an unknown key, a name that is not a lane's, and LANE_CONFIG that is not a JSON map", () => {
        const values = laneValues();
        const [first] = Object.keys(values);
        delete values[first];
        assert.throws(() => writeLaneStack("lane-42-1", values, dir), (e: Error) => e instanceof LaneConfigError && e.message.includes(first));
        assert.ok(!fs.existsSync(path.join(dir, "Pulumi.lane-42-1.yaml")), "no half-filled file is left behind");
        assert.throws(() => writeLaneStack("lane-42-1", { ...laneValues(), "openwebui:noSuchKey": 1 }, dir), /openwebui:noSuchKey is not a config key/);
        assert.throws(() => writeLaneStack("dev", laneValues(), dir), /not a lane stack name/);
        assert.throws(() => parseLaneConfig(undefined), /LANE_CONFIG is empty/);
        assert.throws(() => parseLaneConfig("[1]"), /JSON object/);
    });
});

describe("real-cloud lane: the budget guard", () => {
    const spend = (...amounts: string[]) => ({ ResultsByTime: amounts.map((Amount, i) => ({ TimePeriod: { Start: `2026-12-0${i + 1}` }, Total: { UnblendedCost: { Amount, Unit: "USD" } } })) });
    const plan = { cost: { nodeGroups: { maxSizeTotalUsd: 292 } } };

    it("prices a run as the worst-case month for its hours, and stops a run that would cross the cap", () => {
        assert.strictEqual(runCostUsd(plan, 3), (292 * 3) / 730);
        assert.strictEqual(decide(spend("10", "20.5"), 50, 1.2).go, true);
        const stop = decide(spend("48.9"), 50, 1.2);
        assert.strictEqual(stop.go, false);
        assert.match(stop.message, /48\.90 \+ this run 1\.20 = 50\.10 USD, cap 50\.00/);
    });

    it("refuses what it cannot read rather than guess zero", () => {
        assert.throws(() => decide({}, 50, 1), /ResultsByTime/);
        assert.throws(() => decide({ ResultsByTime: [{ Total: { UnblendedCost: { Amount: "1", Unit: "EUR" } } }] }, 50, 1), /USD/);
        assert.throws(() => decide(spend("1"), NaN, 1), /cap/);
        assert.throws(() => runCostUsd({ cost: {} }, 3), /maxSizeTotalUsd/);
    });
});

describe("real-cloud lane: the smoke test", () => {
    async function server(answers: { status: number; body: string }[]): Promise<{ url: string; hits: () => number; close: () => void }> {
        let hits = 0;
        const s = http.createServer((req, res) => {
            const a = answers[Math.min(hits++, answers.length - 1)];
            assert.strictEqual(req.url, "/health");
            res.writeHead(a.status, { "content-type": "application/json" }).end(a.body);
        });
        await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
        return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/`, hits: () => hits, close: () => s.close() };
    }

    it("waits for /health through the not-yet-ready ALB, and gives up with the last answer", async () => {
        const ready = await server([{ status: 503, body: "" }, { status: 200, body: '{"status":true}' }]);
        try {
            assert.match(await waitForHealth(ready.url, { attempts: 5, delayMs: 1, fetch: (u) => fetch(u) }), /healthy after 2/);
        } finally {
            ready.close();
        }
        const never = await server([{ status: 502, body: "bad gateway" }]);
        try {
            await assert.rejects(waitForHealth(never.url, { attempts: 3, delayMs: 1, fetch: (u) => fetch(u) }), /not healthy after 3 attempts: HTTP 502 bad gateway/);
            assert.strictEqual(never.hits(), 3);
        } finally {
            never.close();
        }
    });

    /** kubectl as the cluster would answer it, recording what it was asked. */
    function kubectl(result: object, calls: string[][]): Exec {
        return async (argv) => {
            calls.push(argv);
            if (argv.includes("get")) return { code: 0, stdout: "open-webui-0", stderr: "" };
            return { code: 0, stdout: `${JSON.stringify(result)}\n`, stderr: "" };
        };
    }

    it("chats from an Open WebUI pod found by the program's own labels, in the stack's namespace", async () => {
        const calls: string[][] = [];
        const ok = await chatThroughApp("openwebui", kubectl({ model: "claude", chatStatus: 200, content: "pong", mintStatus: 401 }, calls));
        assert.match(ok, /claude/);
        const selector = calls[0][calls[0].indexOf("-l") + 1];
        assert.deepStrictEqual(Object.fromEntries(selector.split(",").map((kv) => kv.split("="))), WEBUI_SELECTOR);
        assert.deepStrictEqual(calls[1].slice(0, 6), ["kubectl", "-n", "openwebui", "exec", "open-webui-0", "--"]);
    });

    it("fails on an empty answer, on a failed chat, and when Open WebUI's key can mint keys", async () => {
        const base = { model: "claude", chatStatus: 200, content: "pong", mintStatus: 403 };
        await assert.rejects(chatThroughApp("openwebui", kubectl({ ...base, content: "" }, [])), /chat completion with claude failed/);
        await assert.rejects(chatThroughApp("openwebui", kubectl({ ...base, chatStatus: 500 }, [])), /HTTP 500/);
        await assert.rejects(chatThroughApp("openwebui", kubectl({ ...base, mintStatus: 200 }, [])), /minted a LiteLLM key/);
        await assert.rejects(chatThroughApp("openwebui", kubectl({ ...base, model: null }, [])), /listed no model/);
    });
});
