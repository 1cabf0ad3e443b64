// Mutation scores per folder from the incremental report StrykerJS keeps (reports/stryker-incremental.json),
// as StrykerJS computes them: (killed + timed out) / (killed + timed out + survived + no coverage).
// A run stopped early leaves only the mutants it tested, so a score alone cannot say it covers the
// folder: unscoredMutants re-instruments the source each file's entry records (StrykerJS's own
// instrumenter, no tests run) and counts the mutants that source holds but the report lacks.
// `node scripts/mutate/score.mjs` prints the README's figures.
import { Instrumenter } from "@stryker-mutator/instrumenter";
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";

export const FOLDERS = ["config/", "rules/", "policy-pack/policies/"];

/** Issue 19's floor for every folder's score, in percent. */
export const TARGET_PERCENT = 80;

/** Per folder: status counts and the score (percent, two decimals). */
export function folderScores(report) {
    return FOLDERS.map((folder) => {
        const counts = {};
        for (const [file, { mutants }] of Object.entries(report.files)) {
            if (!file.startsWith(folder)) continue;
            for (const m of mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
        }
        const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
        const scored = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
        return { folder, counts, score: scored === 0 ? undefined : ((100 * detected) / scored).toFixed(2) };
    });
}

/** The sentence the README quotes for a folder (tests/mutation-config.test.ts holds it to this). */
export function scoreSentence({ folder, counts, score }) {
    if (score === undefined) return `\`${folder}\`: not scored`;
    const n = (status) => counts[status] ?? 0;
    return `\`${folder}\` **${score}%** (${n("Killed")} killed, ${n("Timeout")} timed out, ${n("Survived")} survived, ${n("NoCoverage")} without coverage)`;
}

const SILENT = { isTraceEnabled: () => false, isDebugEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => false, isErrorEnabled: () => false, isFatalEnabled: () => false, trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {} };

/** Per folder: how many mutants the recorded sources hold that the report has no result for. */
export async function unscoredMutants(report) {
    const files = Object.entries(report.files).map(([name, { source }]) => ({ name, content: source, mutate: true }));
    const { mutants } = await new Instrumenter(SILENT).instrument(files, { plugins: null, excludedMutations: [], ignorers: [] });
    const held = {};
    for (const m of mutants) held[m.fileName] = (held[m.fileName] ?? 0) + 1;
    return Object.fromEntries(
        FOLDERS.map((folder) => [
            folder,
            Object.entries(report.files)
                .filter(([file]) => file.startsWith(folder))
                .reduce((n, [file, { mutants: scored }]) => n + Math.max(0, (held[file] ?? 0) - scored.length), 0),
        ]),
    );
}

/** What `node scripts/mutate/score.mjs` prints: a line per folder, marked partial where mutants were never scored. */
export function scoreLines(report, unscored) {
    return folderScores(report).map((folder) => {
        const partial = unscored[folder.folder] > 0 ? `; partial: ${unscored[folder.folder]} mutants of the recorded source not scored` : "";
        return `${scoreSentence(folder)}; ${JSON.stringify(folder.counts)}${partial}`;
    });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
    const report = JSON.parse(fs.readFileSync(path.join(root, "reports/stryker-incremental.json"), "utf8"));
    // No top-level await: the tests require() this file.
    unscoredMutants(report).then((unscored) => {
        for (const line of scoreLines(report, unscored)) console.log(line);
    });
}
