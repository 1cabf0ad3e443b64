// `npm test`: mocha over .mocharc.json's files, in parallel workers (one per core), longest file
// first (scripts/test-order.mjs), so that no worker sits idle while another finishes a long file.
// The strict type-check and the typed lint are one of those files (tests/static-checks.test.ts),
// scheduled like the rest: as a lane of their own beside mocha's workers they made three busy
// processes on two cores, and the contention cost more than the lane saved.
//
// The workflow linters run inside mocha (tests/workflows.test.ts; `npm run lint:workflows` still
// runs them alone). The packed-pack test, an `npm install` from the registry, is `npm run
// test:slow` (.mocharc.slow.json), run by CI beside this.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { expandSpec, longestFirst, readDurations, withSeed } from "./test-order.mjs";

const root = path.join(import.meta.dirname, "..");
const { DURATIONS_FILE } = createRequire(import.meta.url)("./test-durations.js");

const rc = JSON.parse(fs.readFileSync(path.join(root, ".mocharc.json"), "utf8"));
const durations = withSeed(readDurations(DURATIONS_FILE), path.join(root, "scripts", "test-durations.seed.json"));
const files = longestFirst(root, expandSpec(root, rc.spec, rc.ignore), durations);
const { ignore: _applied, ...rest } = rc;
const config = { ...rest, spec: files, require: [...rc.require, "scripts/test-durations.js"], jobs: Math.max(2, os.availableParallelism()) };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openwebui-mocha-"));
fs.writeFileSync(path.join(dir, "mocharc.json"), JSON.stringify(config));

// A run's registrations allocate short-lived objects by the gigabyte, and with V8's default
// semi-spaces a worker spent about a tenth of its time in scavenges that found little alive; larger
// ones scavenge a few times as rarely. With the mock engine's skipped stack capture, about 5 s less
// CPU and 2 s less wall time for the whole suite (README, "How the offline tests work", measured
// 2026-12-08 on 2 cores). A flag of this node, which mocha's workers inherit (it forks them with its
// own flags), not NODE_OPTIONS, which every process the tests start would inherit too: that measured
// about 2 s slower. A caller's node flag (`npm test -- --inspect`) makes mocha re-spawn itself with
// that flag alone, so a debugging run goes without the setting; its results are the same.
const SEMI_SPACE_MB = 128;
const mocha = createRequire(import.meta.url).resolve("mocha/bin/mocha.js");
const args = [`--max-semi-space-size=${SEMI_SPACE_MB}`, mocha, "--config", path.join(dir, "mocharc.json"), "--parallel", ...process.argv.slice(2)];
const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit" });
const code = await new Promise((resolve) => {
    child.on("error", (e) => {
        console.error(`npm test: mocha: ${e.message}`);
        resolve(1);
    });
    child.on("close", (status, signal) => resolve(status ?? (signal ? 1 : 0)));
});
fs.rmSync(dir, { recursive: true, force: true });
process.exit(code);
