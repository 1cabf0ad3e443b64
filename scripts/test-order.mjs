// The order `npm test` hands its test files to mocha's workers: longest first, so that the last file
// to start is a short one and no worker sits idle while another finishes a long file (the classic
// longest-processing-time rule). Durations come from earlier runs on this machine
// (scripts/test-durations.js), else from the committed seed (scripts/test-durations.seed.json, so that
// a fresh clone, as CI runs, starts the whole-project type-check first); a file in neither goes first,
// larger files before smaller ones. `node scripts/test-order.mjs --write-seed` refreshes the seed from
// this machine's record.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const KEEP_RUNS = 3;

/** `tests/**\/*.test.ts`-style patterns, relative to root, as mocha's spec and ignore take them. */
export function expandSpec(root, spec, ignore = []) {
    const toRegex = (glob) =>
        new RegExp(`^${glob.split("**/").map((part) => part.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*")).join("(?:.*/)?")}$`);
    const wanted = spec.map(toRegex);
    const unwanted = ignore.map(toRegex);
    const files = [];
    const walk = (dir) => {
        for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
            const rel = dir ? `${dir}/${entry.name}` : entry.name;
            if (entry.isDirectory()) {
                if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(rel);
            } else if (wanted.some((r) => r.test(rel)) && !unwanted.some((r) => r.test(rel))) {
                files.push(rel);
            }
        }
    };
    const roots = [...new Set(spec.map((s) => s.split("/").filter((p) => !p.includes("*")).slice(0, -1).join("/")))];
    for (const dir of roots) walk(dir);
    return [...new Set(files)].sort();
}

/** Mean of each file's last few recorded durations, in ms. */
export function readDurations(file) {
    let lines;
    try {
        lines = fs.readFileSync(file, "utf8").split("\n").filter(Boolean);
    } catch {
        return new Map();
    }
    const runs = new Map();
    for (const line of lines) {
        try {
            const { file: f, ms } = JSON.parse(line);
            if (typeof f === "string" && typeof ms === "number") runs.set(f, [...(runs.get(f) ?? []), ms].slice(-KEEP_RUNS));
        } catch {
            // a line cut short by a killed run
        }
    }
    if (lines.length > 20 * KEEP_RUNS * Math.max(runs.size, 1)) {
        fs.writeFileSync(file, [...runs].flatMap(([f, list]) => list.map((ms) => JSON.stringify({ file: f, ms }))).join("\n") + "\n");
    }
    return new Map([...runs].map(([f, list]) => [f, list.reduce((a, b) => a + b, 0) / list.length]));
}

/** The seed's duration for each file this machine has no record of. */
export function withSeed(durations, seedFile) {
    let seed = {};
    try {
        seed = JSON.parse(fs.readFileSync(seedFile, "utf8")).ms ?? {};
    } catch {
        // no seed: unknown files go by size
    }
    const merged = new Map(Object.entries(seed).filter(([, ms]) => typeof ms === "number"));
    for (const [file, ms] of durations) merged.set(file, ms);
    return merged;
}

export function longestFirst(root, files, durations) {
    const unknown = files.filter((f) => !durations.has(f)).map((f) => [f, fs.statSync(path.join(root, f)).size]);
    const known = files.filter((f) => durations.has(f)).map((f) => [f, durations.get(f)]);
    const desc = (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]);
    return [...unknown.sort(desc), ...known.sort(desc)].map(([f]) => f);
}

// No top-level await: the tests load this file with require().
if (process.argv[1] === import.meta.filename && process.argv[2] === "--write-seed") {
    const root = path.join(import.meta.dirname, "..");
    const { DURATIONS_FILE } = createRequire(import.meta.url)("./test-durations.js");
    const rc = JSON.parse(fs.readFileSync(path.join(root, ".mocharc.json"), "utf8"));
    const files = new Set(expandSpec(root, rc.spec, rc.ignore));
    const ms = Object.fromEntries([...readDurations(DURATIONS_FILE)].filter(([f]) => files.has(f)).sort(([a], [b]) => a.localeCompare(b)).map(([f, v]) => [f, Math.round(v)]));
    const measured = `${new Date().toISOString().slice(0, 10)}, ${os.availableParallelism()} cores, npm test's parallel workers (mean of each file's last ${KEEP_RUNS} runs)`;
    fs.writeFileSync(path.join(import.meta.dirname, "test-durations.seed.json"), `${JSON.stringify({ measured, ms }, null, 2)}\n`);
    console.log(`scripts/test-durations.seed.json: ${Object.keys(ms).length} files`);
}
