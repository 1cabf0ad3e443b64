/**
 * One Node line, written once: `.node-version` is what CI's setup-node and scripts/setup.sh install;
 * package.json's engines say which LTS lines the code may run on, and the oldest of them is what the
 * type definitions and the pack's bundle target. A bump of one without the others fails here.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as yaml from "js-yaml";
import * as path from "path";
import { expandSpec, longestFirst, readDurations, withSeed } from "../scripts/test-order.mjs";
import { WORKFLOW_DIR, workflowFiles } from "../scripts/workflow-lint";
import { PROJECT_DIR } from "../sim/stack-files";

const read = (file: string) => fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
const manifest = JSON.parse(read("package.json"));
const pinned = read(".node-version").trim();
/** Majors of the engines range, which is written as `^X.Y.Z || ^A.B.C ...`. */
const engineMajors = String(manifest.engines.node)
    .split("||")
    .map((part) => Number(/^\s*\^(\d+)\.\d+\.\d+\s*$/.exec(part)?.[1] ?? NaN));
const oldest = Math.min(...engineMajors);

describe("the Node line", () => {
    it(".node-version is one exact release of an LTS line package.json's engines admit", () => {
        assert.match(pinned, /^\d+\.\d+\.\d+$/);
        assert.ok(engineMajors.every((m) => Number.isInteger(m) && m % 2 === 0), `engines lists even (LTS) lines only: ${manifest.engines.node}`);
        assert.ok(engineMajors.includes(Number(pinned.split(".")[0])), `${pinned} is outside engines ${manifest.engines.node}`);
    });

    it("every workflow's setup-node reads .node-version, none names a version of its own", () => {
        let seen = 0;
        for (const file of workflowFiles()) {
            const wf = yaml.load(fs.readFileSync(file, "utf8")) as { jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }> };
            for (const [job, { steps = [] }] of Object.entries(wf.jobs)) {
                for (const step of steps.filter((s) => String(s.uses).startsWith("actions/setup-node@"))) {
                    seen++;
                    assert.strictEqual(step.with?.["node-version-file"], ".node-version", `${path.basename(file)} ${job}`);
                    assert.strictEqual(step.with?.["node-version"], undefined, `${path.basename(file)} ${job}`);
                }
            }
        }
        assert.ok(seen > 0, `no setup-node step under ${WORKFLOW_DIR}`);
    });

    it("the type definitions and the pack's bundle target the oldest line engines admit", () => {
        assert.match(manifest.devDependencies["@types/node"], new RegExp(`^\\^?${oldest}\\.`));
        assert.match(read("policy-pack/build.mjs"), new RegExp(`target: "node${oldest}"`));
    });
});

describe("the two mocha suites", () => {
    const fast = JSON.parse(read(".mocharc.json"));
    const slow = JSON.parse(read(".mocharc.slow.json"));

    it("hold every test file exactly once: npm test, or npm run test:slow for the packed pack", () => {
        const files = fs.readdirSync(path.join(PROJECT_DIR, "tests")).filter((f) => f.endsWith(".test.ts")).map((f) => `tests/${f}`);
        assert.deepStrictEqual(fast.spec, ["tests/**/*.test.ts"]);
        assert.deepStrictEqual(fast.ignore, slow.spec, "what npm test leaves out is exactly the slow suite");
        for (const file of slow.spec) assert.ok(files.includes(file), `${file} exists`);
        assert.deepStrictEqual(slow.require, fast.require, "both load TypeScript the same way");
        assert.strictEqual(manifest.scripts["test:slow"], "mocha --config .mocharc.slow.json");
    });

    it("npm test hands mocha exactly the files .mocharc.json names, longest recorded first, files without a record before them", () => {
        const files = fs.readdirSync(path.join(PROJECT_DIR, "tests"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".test.ts")).map((f) => `tests/${f}`);
        const expanded = expandSpec(PROJECT_DIR, fast.spec, fast.ignore);
        assert.deepStrictEqual(expanded, files.filter((f) => !slow.spec.includes(f)).sort());
        assert.ok(expanded.some((f) => f.startsWith("tests/policies/")), "the ** reaches sub-folders");
        const seed = JSON.parse(read("scripts/test-durations.seed.json")) as { measured: string; ms: Record<string, number> };
        assert.deepStrictEqual(Object.keys(seed.ms).filter((f) => !expanded.includes(f)), [], "the seed names only files npm test runs (refresh it: node scripts/test-order.mjs --write-seed)");
        assert.ok(seed.ms["tests/static-checks.test.ts"] > Math.max(...Object.entries(seed.ms).filter(([f]) => f !== "tests/static-checks.test.ts").map(([, ms]) => ms)), "on a fresh clone the whole-project check starts first");

        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "owui-durations-"));
        try {
            const record = path.join(dir, "durations.jsonl");
            const lines = [["tests/cost.test.ts", 100], ["tests/plan.test.ts", 9000], ["tests/cost.test.ts", 500], ["tests/app.test.ts", 2000]];
            fs.writeFileSync(record, lines.map(([file, ms]) => JSON.stringify({ file, ms })).join("\n") + "\n{\"file\": \"cut sh");
            const durations = readDurations(record);
            assert.strictEqual(durations.get("tests/cost.test.ts"), 300, "the mean of the file's recent runs; a cut line is skipped");
            const order = longestFirst(PROJECT_DIR, ["tests/app.test.ts", "tests/cost.test.ts", "tests/node-lts.test.ts", "tests/plan.test.ts"], durations);
            assert.deepStrictEqual(order, ["tests/node-lts.test.ts", "tests/plan.test.ts", "tests/app.test.ts", "tests/cost.test.ts"]);

            // The committed seed fills in what this machine has not recorded; its own record wins.
            const seedFile = path.join(dir, "seed.json");
            fs.writeFileSync(seedFile, JSON.stringify({ measured: "a day", ms: { "tests/node-lts.test.ts": 1, "tests/cost.test.ts": 99999 } }));
            const seeded = withSeed(durations, seedFile);
            assert.strictEqual(seeded.get("tests/node-lts.test.ts"), 1);
            assert.strictEqual(seeded.get("tests/cost.test.ts"), 300);
            assert.deepStrictEqual(withSeed(durations, path.join(dir, "none.json")), durations);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("CI runs the slow suite too, after npm test", () => {
        const wf = yaml.load(fs.readFileSync(path.join(WORKFLOW_DIR, "pull-request.yml"), "utf8")) as { jobs: { test: { steps: { run?: string }[] } } };
        const runs = wf.jobs.test.steps.map((s) => s.run);
        assert.ok(runs.indexOf("npm run test:slow") > runs.indexOf("npm test"), runs.join(", "));
    });
});
