// Mutation scores per folder from the incremental report StrykerJS keeps (reports/stryker-incremental.json),
// as StrykerJS computes them: (killed + timed out) / (killed + timed out + survived + no coverage).
// A run stopped early leaves only the mutants it tested (and every uncovered one), so a folder with
// untested mutants prints as partial. `node scripts/mutate/score.mjs` prints the README's figures.
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";

export const FOLDERS = ["config/", "rules/", "policy-pack/policies/"];

/** Per folder: status counts, the score (percent, two decimals) and how many mutants it holds in all. */
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
    const report = JSON.parse(fs.readFileSync(path.join(root, "reports/stryker-incremental.json"), "utf8"));
    for (const folder of folderScores(report)) console.log(`${scoreSentence(folder)}; ${JSON.stringify(folder.counts)}`);
}
