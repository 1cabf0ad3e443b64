// The order `npm test` hands its test files to mocha's workers: longest first, so that the last file
// to start is a short one and no worker sits idle while another finishes a long file (the classic
// longest-processing-time rule). Durations come from earlier runs (scripts/test-durations.js); a file
// with none yet, e.g. on a fresh clone, goes first, larger files before smaller ones.
import fs from "node:fs";
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

export function longestFirst(root, files, durations) {
    const unknown = files.filter((f) => !durations.has(f)).map((f) => [f, fs.statSync(path.join(root, f)).size]);
    const known = files.filter((f) => durations.has(f)).map((f) => [f, durations.get(f)]);
    const desc = (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]);
    return [...unknown.sort(desc), ...known.sort(desc)].map(([f]) => f);
}
