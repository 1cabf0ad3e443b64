// `npm test`: the type-check and the typed lint in one lane (scripts/static-checks.mjs: one
// TypeScript program for both), mocha in the other, side by side. mocha runs its files in parallel
// workers, one per core, longest file first (scripts/test-order.mjs), so that the cores stay busy
// to the end: the lanes are single-threaded, and run one after another they left a core idle.
// mocha's report streams as it runs; the static checks' output is held and printed after it, so the
// two never interleave. Fails if either lane fails, naming which.
//
// The workflow linters are not a lane of their own: tests/workflows.test.ts runs them on every
// workflow (`npm run lint:workflows` still runs them alone). The packed-pack test, an `npm install`
// from the registry, is `npm run test:slow` (.mocharc.slow.json), run by CI beside this.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expandSpec, longestFirst, readDurations } from "./test-order.mjs";

const root = path.join(import.meta.dirname, "..");
const require = (await import("node:module")).createRequire(import.meta.url);
const { DURATIONS_FILE } = require("./test-durations.js");

/** .mocharc.json as it is, but with its files in the order to run them, and run in parallel. */
function orderedMochaConfig() {
    const rc = JSON.parse(fs.readFileSync(path.join(root, ".mocharc.json"), "utf8"));
    const files = longestFirst(root, expandSpec(root, rc.spec, rc.ignore), readDurations(DURATIONS_FILE));
    const { ignore: _applied, ...rest } = rc;
    const config = { ...rest, spec: files, require: [...rc.require, "scripts/test-durations.js"], parallel: true, jobs: Math.max(2, os.availableParallelism()) };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "openwebui-mocha-")), "mocharc.json");
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
}

const mochaConfig = orderedMochaConfig();
const lanes = [
    { name: "typecheck + lint", steps: [["node", "scripts/static-checks.mjs"]], buffered: true },
    { name: "mocha", steps: [["mocha", "--config", mochaConfig]], buffered: false },
];

function runStep([cmd, ...args], buffered) {
    return new Promise((resolve) => {
        const child = spawn(cmd, args, { stdio: buffered ? ["ignore", "pipe", "pipe"] : "inherit" });
        let output = "";
        if (buffered) {
            child.stdout.on("data", (d) => (output += d));
            child.stderr.on("data", (d) => (output += d));
        }
        child.on("error", (e) => resolve({ code: 1, output: `${output}${cmd}: ${e.message}\n` }));
        child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
    });
}

async function runLane(lane) {
    let output = "";
    for (const step of lane.steps) {
        const started = Date.now();
        const { code, output: out } = await runStep(step, lane.buffered);
        output += `> ${step.join(" ")} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${out}`;
        if (code !== 0) return { lane, ok: false, output: `${output}exit ${code}\n` };
    }
    return { lane, ok: true, output };
}

const results = await Promise.all(lanes.map(runLane));
for (const { lane, output } of results) {
    if (lane.buffered) process.stdout.write(`\n${output}`);
}
fs.rmSync(path.dirname(mochaConfig), { recursive: true, force: true });
const failed = results.filter((r) => !r.ok).map((r) => r.lane.name);
if (failed.length > 0) {
    console.error(`\nnpm test failed: ${failed.join(", ")}`);
    process.exit(1);
}
