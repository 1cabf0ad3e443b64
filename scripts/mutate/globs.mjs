// `npm run mutate -- <folder>`: the stryker.config.json globs of one folder (rules, config or
// policies), its exclusions kept, as the comma-separated list StrykerJS's --mutate takes.
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";

export const FOLDER_PREFIX = { rules: "rules/", config: "config/", policies: "policy-pack/policies/" };

/** The globs of `mutate` (stryker.config.json's list) that belong to `folder`, in their order. */
export function folderGlobs(mutate, folder) {
    const prefix = FOLDER_PREFIX[folder];
    if (prefix === undefined) throw new Error(`"${folder}" is not one of ${Object.keys(FOLDER_PREFIX).join(", ")}`);
    return mutate.filter((glob) => glob.replace(/^!/, "").startsWith(prefix));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
    const { mutate } = JSON.parse(fs.readFileSync(path.join(root, "stryker.config.json"), "utf8"));
    process.stdout.write(folderGlobs(mutate, process.argv[2]).join(","));
}
