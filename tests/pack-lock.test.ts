import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { STALE_LOCK_MS, withPackLock } from "../policy-pack/published";

// npm test runs its files in two processes, and deployment/'s program packs the policy pack while it
// runs: the lock is what keeps two `npm pack`s (and two stagings) from writing over each other.
describe("packing the policy pack: one process at a time", () => {
    let dir: string;
    let lock: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "owui-pack-lock-"));
        lock = path.join(dir, ".pack.lock");
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("waits while another process holds the lock, runs once it is released, and releases it", async () => {
        fs.mkdirSync(lock);
        // The other process holds it for 200 ms from its start, then lets go.
        const other = spawn("sh", ["-c", `sleep 0.2; rmdir '${lock}'`]);
        const started = Date.now();
        const exited = new Promise((resolve, reject) => {
            other.on("error", reject);
            other.on("exit", resolve);
        });
        // The other process must have started before this one blocks its own event loop.
        await new Promise((r) => setTimeout(r, 50));
        let ranAt = 0;
        const result = withPackLock(() => {
            ranAt = Date.now();
            assert.ok(fs.existsSync(lock), "the body runs holding the lock");
            return "packed";
        }, lock);
        await exited;
        assert.strictEqual(result, "packed");
        assert.ok(ranAt - started >= 180, `the body ran ${ranAt - started} ms after the other process took the lock for 200 ms`);
        assert.ok(!fs.existsSync(lock), "released afterwards");
    });

    it("releases the lock when the body throws", () => {
        assert.throws(() => withPackLock(() => { throw new Error("npm pack failed"); }, lock), /npm pack failed/);
        assert.ok(!fs.existsSync(lock));
    });

    it("takes over a lock left by a process that died holding it, and names the folder when a live one never lets go", () => {
        fs.mkdirSync(lock);
        const old = (Date.now() - STALE_LOCK_MS - 60_000) / 1000;
        fs.utimesSync(lock, old, old);
        assert.strictEqual(withPackLock(() => 1, lock), 1);

        fs.mkdirSync(lock);
        assert.throws(() => withPackLock(() => 1, lock, 100), (e: Error) => e.message.includes(lock) && /still held/.test(e.message));
        assert.ok(fs.existsSync(lock), "a live holder's lock is left alone");
    });
});
