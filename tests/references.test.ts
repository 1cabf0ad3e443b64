/**
 * Every document the project cites is in the repository (docs/reference/), unchanged from the copy
 * that was handed over, so a reader can check a figure against its source without the hand-over
 * folder.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../sim/stack-files";

const REFERENCE_DIR = path.join(PROJECT_DIR, "docs", "reference");
const INDEX = path.join(REFERENCE_DIR, "README.md");

/** The rows of docs/reference/README.md's table: file and its recorded SHA-256. */
function recordedCopies(): Map<string, string> {
    const rows = [...fs.readFileSync(INDEX, "utf8").matchAll(/^\| `([^`]+)` \|.*\| ([0-9a-f]{64}) \|$/gm)];
    return new Map(rows.map((m) => [m[1], m[2]]));
}

/** Text files git tracks, without the copies themselves and third-party artefacts. */
function citingFiles(): string[] {
    return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: PROJECT_DIR, encoding: "utf8" })
        .split("\n")
        .filter((f) => /\.(md|ts|yaml|yml|json)$/.test(f) && !f.startsWith("docs/reference/") && !f.startsWith("vendor/") && f !== "package-lock.json")
        .filter((f) => fs.existsSync(path.join(PROJECT_DIR, f)));
}

describe("reference documents", () => {
    it("each copy listed in docs/reference/README.md is there, byte for byte as recorded", () => {
        const copies = recordedCopies();
        assert.ok(copies.size >= 4, `expected the design and the price files, found ${[...copies.keys()].join(", ")}`);
        for (const [file, sha] of copies) {
            const body = fs.readFileSync(path.join(REFERENCE_DIR, file));
            assert.strictEqual(crypto.createHash("sha256").update(body).digest("hex"), sha, `${file} differs from the recorded copy`);
        }
    });

    it("nothing cites the hand-over folder, and every cited reference file is one of the copies", () => {
        const copies = recordedCopies();
        const problems: string[] = [];
        for (const file of citingFiles()) {
            const text = fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
            for (const m of text.matchAll(/shared\/(reference|design)\//g)) {
                problems.push(`${file}: cites ${m[0]} (outside the repository; cite docs/reference/ instead)`);
            }
            for (const m of text.matchAll(/\b(aws-[a-z0-9-]+(?:\.ko)?\.md)\b/g)) {
                if (!copies.has(m[1])) problems.push(`${file}: cites ${m[1]}, which docs/reference/ does not hold`);
            }
        }
        assert.deepStrictEqual(problems, []);
    });
});
