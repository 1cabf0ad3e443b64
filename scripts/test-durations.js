// mocha root hooks for `npm test` (scripts/test.mjs adds this file; plain `mocha` does not): each
// test file's wall time, appended to node_modules/.cache so that the next run can start the longest
// files first. Under --parallel each file is its own root suite in a worker, so the root hooks
// bracket exactly one file. One short line per append: two workers' lines do not interleave.
const fs = require("fs");
const path = require("path");

const FILE = path.join(__dirname, "..", "node_modules", ".cache", "openwebui-aws", "test-durations.jsonl");
let started = 0;

exports.DURATIONS_FILE = FILE;
exports.mochaHooks = {
    beforeAll() {
        started = Date.now();
    },
    afterAll() {
        const files = new Set((this.test?.parent?.suites ?? []).map((s) => s.file).filter(Boolean));
        if (files.size !== 1) return; // not one file per run (serial mocha): nothing to attribute
        const [file] = files;
        try {
            fs.mkdirSync(path.dirname(FILE), { recursive: true });
            fs.appendFileSync(FILE, `${JSON.stringify({ file: path.relative(path.join(__dirname, ".."), file), ms: Date.now() - started, ...(process.env.TEST_TIMELINE ? { pid: process.pid, start: started } : {}) })}\n`);
        } catch {
            // a read-only node_modules only costs the next run its ordering
        }
    },
};
