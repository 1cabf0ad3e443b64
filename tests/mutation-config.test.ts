/**
 * The mutation run (npm run mutate) scores rules/, config/ and policy-pack/policies/ against the
 * suite. Two things it relies on are held here: that it runs the same test files `npm test` runs
 * (less the ones .mocharc.stryker.cjs leaves out, each with its reason), and that a stack run
 * executes no policy code, which lets scripts/mutate/register.js keep stack runs across the
 * mutants of a policies-only run.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Session } from "inspector/promises";
import { fileURLToPath, pathToFileURL } from "url";
import { PROJECT_DIR } from "../sim/stack-files";
import { runProgram } from "../sim/mock-engine";
import { folderScores, scoreLines, scoreSentence, TARGET_PERCENT, unscoredMutants } from "../scripts/mutate/score.mjs";
import { folderGlobs } from "../scripts/mutate/globs.mjs";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const collectFiles = require("mocha/lib/cli/collect-files") as (o: object) => { files: string[] } | string[];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mutationMocha = require("../.mocharc.stryker.cjs") as { spec: string[]; ignore: string[]; extension: string[]; LEFT_OUT: Record<string, string> };

function testFiles(): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(path.join(PROJECT_DIR, dir), { withFileTypes: true })) {
            const rel = `${dir}/${e.name}`;
            if (e.isDirectory()) walk(rel);
            else if (e.name.endsWith(".test.ts")) out.push(rel);
        }
    };
    walk("tests");
    return out.sort();
}

describe("the mutation run's test set", function () {
    this.timeout(120_000);

    it("is every test file of npm test but the ones left out, each of which exists and has a reason", () => {
        const cwd = process.cwd();
        process.chdir(PROJECT_DIR);
        let collected: string[];
        try {
            const r = collectFiles({ ...mutationMocha, file: [], recursive: false, sort: false });
            collected = (Array.isArray(r) ? r : r.files).map((f) => path.relative(PROJECT_DIR, f).split(path.sep).join("/")).sort();
        } finally {
            process.chdir(cwd);
        }
        const leftOut = Object.keys(mutationMocha.LEFT_OUT);
        assert.deepStrictEqual(mutationMocha.ignore, leftOut);
        for (const f of leftOut) {
            assert.ok(fs.existsSync(path.join(PROJECT_DIR, f)), `${f} is left out of the mutation run but does not exist`);
            assert.ok(mutationMocha.LEFT_OUT[f].length > 20, `${f} is left out without a reason`);
        }
        assert.deepStrictEqual(collected, testFiles().filter((f) => !leftOut.includes(f)));
    });

    it("`npm run mutate -- <folder>` takes that folder's globs with their exclusions, and the three folders share out the whole list", () => {
        const { mutate } = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "stryker.config.json"), "utf8")) as { mutate: string[] };
        const byFolder = ["rules", "config", "policies"].map((f) => folderGlobs(mutate, f));
        assert.deepStrictEqual(byFolder.flat().sort(), [...mutate].sort());
        assert.ok(byFolder[0].includes("!rules/cost/prices.ts") && byFolder[0].includes("rules/**/*.ts"), byFolder[0].join(","));
        assert.throws(() => folderGlobs(mutate, "policy-pack"), /"policy-pack" is not one of rules, config, policies/);
        assert.match(fs.readFileSync(path.join(PROJECT_DIR, "scripts", "mutate.sh"), "utf8"), /rules \| config \| policies\)[\s\S]*node scripts\/mutate\/globs\.mjs "\$folder"/);
    });

    it("a stack run (dev, prod, dr, deployment's shared) calls no function of policy-pack/policies/", async () => {
        const policiesDir = path.join(PROJECT_DIR, "policy-pack", "policies");
        // Loaded first: its module-level code (offset 0) runs once per process, and the mutation run
        // ignores static mutants.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require("../policy-pack/policies");
        const prefix = pathToFileURL(policiesDir).href + "/";
        const session = new Session();
        session.connect();
        try {
            await session.post("Profiler.enable");
            await session.post("Profiler.startPreciseCoverage", { callCount: true, detailed: false });
            await session.post("Profiler.takePreciseCoverage"); // resets the counts
            for (const stack of ["dev", "prod", "dr"]) await runProgram(stack);
            await runProgram("shared", { projectDir: path.join(PROJECT_DIR, "deployment") });
            const { result } = await session.post("Profiler.takePreciseCoverage");
            // swc's CommonJS output reads each export through a getter of its own (`get PACK_NAME`):
            // generated, with no source to mutate.
            const exportGetter = (url: string, name: string) => {
                const m = /^get ([\w$]+)$/.exec(name);
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                return m !== null && Object.prototype.hasOwnProperty.call(require(fileURLToPath(url)), m[1]);
            };
            const called = result
                .filter((s) => s.url.startsWith(prefix))
                .flatMap((s) => s.functions.filter((f) => f.ranges[0].startOffset > 0 && f.ranges[0].count > 0 && !exportGetter(s.url, f.functionName)).map((f) => `${path.basename(s.url)}: ${f.functionName || "(anonymous)"} at ${f.ranges[0].startOffset}`));
            // Not a vacuous pass: the profiler saw the runs' own code.
            assert.ok(result.some((s) => s.url.startsWith(pathToFileURL(path.join(PROJECT_DIR, "config")).href)), "the profiler saw no config/ code run");
            assert.deepStrictEqual(called, []);
        } finally {
            await session.post("Profiler.stopPreciseCoverage");
            session.disconnect();
        }
    });

    it("the README's scores are the committed incremental report's", () => {
        const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8").replace(/\s+/g, " ");
        const report = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "reports", "stryker-incremental.json"), "utf8"));
        for (const folder of folderScores(report)) assert.ok(readme.includes(scoreSentence(folder)), `the README does not say: ${scoreSentence(folder)}`);
        assert.ok(readme.includes(`if a folder is below ${TARGET_PERCENT}%`), `the README does not state the target the test holds (${TARGET_PERCENT}%)`);
    });

    // The README says each folder was scored in full and is above the target: a run stopped early
    // would leave mutants of the recorded source without a result, and a low folder would show here.
    it("the committed report scores every mutant of the source it records, and every folder reaches the target", async () => {
        const report = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "reports", "stryker-incremental.json"), "utf8"));
        const unscored = await unscoredMutants(report);
        for (const { folder, score } of folderScores(report)) {
            assert.strictEqual(unscored[folder], 0, `${folder}: ${unscored[folder]} mutants were never scored (a run stopped early): npm run mutate -- ${folder.split("/").at(-2)}`);
            assert.ok(Number(score) >= TARGET_PERCENT, `${folder} scores ${score}%, below ${TARGET_PERCENT}%`);
        }
    });

    it("counts the mutants a run stopped early never scored", async () => {
        const report = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "reports", "stryker-incremental.json"), "utf8"));
        const [file] = Object.keys(report.files).filter((f) => f.startsWith("rules/") && report.files[f].mutants.length > 2);
        // One file is enough, and instruments in a fraction of the whole report's time.
        const stopped = { files: { [file]: { ...report.files[file], mutants: report.files[file].mutants.slice(2) } } };
        const unscored = await unscoredMutants(stopped);
        assert.deepStrictEqual(unscored, { "config/": 0, "rules/": 2, "policy-pack/policies/": 0 });
        // What `node scripts/mutate/score.mjs` prints for it: the folder marked partial, the others not.
        const [config, rules, policies] = scoreLines(stopped, unscored);
        assert.match(rules, /^`rules\/` \*\*[\d.]+%\*\* .*; partial: 2 mutants of the recorded source not scored$/);
        assert.doesNotMatch(`${config}\n${policies}`, /partial/);
    });
});
