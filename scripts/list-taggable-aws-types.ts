/**
 * Lists every @pulumi/aws resource type whose arguments accept `tags`, from the installed SDK.
 * `npm run taggable` rewrites rules/taggable-aws-types.json; a unit test fails when the
 * file and the installed SDK disagree, so an SDK upgrade cannot silently shrink the policy.
 */
import * as fs from "fs";
import * as path from "path";

const TYPE_TOKEN = /static __pulumiType = '([^']+)'/;

export function listTaggableAwsTypes(sdkRoot: string): string[] {
    const found: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (entry.name !== "node_modules" && entry.name !== "types") walk(full);
            } else if (entry.name.endsWith(".js")) {
                const token = TYPE_TOKEN.exec(fs.readFileSync(full, "utf8"))?.[1];
                const dts = full.replace(/\.js$/, ".d.ts");
                if (token && fs.existsSync(dts) && argsAcceptTags(fs.readFileSync(dts, "utf8"))) {
                    found.push(token);
                }
            }
        }
    };
    walk(sdkRoot);
    return [...new Set(found)].sort();
}

function argsAcceptTags(declarations: string): boolean {
    const args = /export interface \w+Args \{([\s\S]*?)\n\}/.exec(declarations);
    return args !== null && /\n\s+tags\?: pulumi\.Input<\{/.test(args[1]);
}

export const TAGGABLE_TYPES_FILE = path.join(__dirname, "..", "rules", "taggable-aws-types.json");

if (require.main === module) {
    const sdkRoot = path.dirname(require.resolve("@pulumi/aws/package.json"));
    const types = listTaggableAwsTypes(sdkRoot);
    fs.writeFileSync(TAGGABLE_TYPES_FILE, JSON.stringify(types, null, 0).replace(/","/g, '",\n"') + "\n");
    console.log(`${types.length} taggable types written to ${TAGGABLE_TYPES_FILE}`);
}
