/** `npm run docs`: rewrites the generated sections of README.md (plan/readme-sections.ts) and policy-pack/README.md (plan/readme/standards.ts) from their sources. */
import * as fs from "fs";
import * as path from "path";
import { DOCS_AS_OF, SECTIONS, withSection } from "../plan/readme-sections";
import { PACK_README, PACK_SECTIONS } from "../plan/readme/standards";
import { PROJECT_DIR } from "../sim/stack-files";

async function main(): Promise<void> {
    let pack = fs.readFileSync(PACK_README, "utf8");
    for (const [name, render] of Object.entries(PACK_SECTIONS)) pack = withSection(pack, name, await render(DOCS_AS_OF));
    fs.writeFileSync(PACK_README, pack);
    console.log(`policy-pack/README.md: ${Object.keys(PACK_SECTIONS).join(", ")} regenerated`);
    const file = path.join(PROJECT_DIR, "README.md");
    let readme = fs.readFileSync(file, "utf8");
    for (const [name, render] of Object.entries(SECTIONS)) readme = withSection(readme, name, await render(DOCS_AS_OF));
    fs.writeFileSync(file, readme);
    console.log(`README.md: ${Object.keys(SECTIONS).join(", ")} regenerated (priced as of ${DOCS_AS_OF})`);
}

delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
main().then(
    () => process.exit(0),
    (e: Error) => {
        console.error(`docs: ${e.message.split("\n")[0]}`);
        process.exit(1);
    },
);
