/** `npm run docs`: rewrites the README's generated sections from their sources (plan/readme-sections.ts). */
import * as fs from "fs";
import * as path from "path";
import { DOCS_AS_OF, SECTIONS, withSection } from "../plan/readme-sections";
import { PROJECT_DIR } from "../sim/stack-files";

async function main(): Promise<void> {
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
