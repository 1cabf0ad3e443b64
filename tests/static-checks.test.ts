import * as assert from "assert";
import { execFile } from "child_process";
import { PROJECT_DIR } from "../sim/stack-files";

// npm test's type-check and typed lint (scripts/static-checks.mjs: strict tsc, then eslint handed
// tsc's program, --max-warnings 0), scheduled among the other files by scripts/test.mjs. A child
// process, so that the compiler's gigabyte of program is freed when it ends, not kept in a worker.
describe("static checks: strict tsc and the typed lint over the whole project", function () {
    this.timeout(300_000);

    it("report no type error and no lint problem", async () => {
        const { code, output } = await new Promise<{ code: number; output: string }>((resolve) =>
            execFile(process.execPath, ["scripts/static-checks.mjs"], { cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
                resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
            ),
        );
        assert.strictEqual(code, 0, `scripts/static-checks.mjs failed:\n${output}`);
        assert.match(output, /tsc: 0 error\(s\) in \d+ files/);
        assert.match(output, /eslint: 0 problem\(s\) in \d+ files/);
    });
});
