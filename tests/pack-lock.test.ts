import * as assert from "assert";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withPackLock } from "../policy-pack/published";

// npm test runs its files in two processes, and deployment/'s program packs the policy pack while it
// runs: the lock is what keeps two `npm pack`s (and two stagings) from writing over each other.
describe("packing the policy pack: one process at a time", () => {
    let dir: string;
    let lock: string;
    const holdAs = (pid: number, token = "theirs") => {
        fs.mkdirSync(lock);
        fs.writeFileSync(path.join(lock, "owner"), JSON.stringify({ pid, token }));
    };
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "owui-pack-lock-"));
        lock = path.join(dir, ".pack.lock");
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("waits while another process holds the lock, runs once it is released, and releases it", async () => {
        // The other process takes the lock as its own and lets go 200 ms after it starts.
        const other = spawn("sh", ["-c", `mkdir '${lock}' && echo "{\\"pid\\": $$, \\"token\\": \\"x\\"}" > '${lock}/owner' && sleep 0.2 && rm -r '${lock}'`]);
        const exited = new Promise((resolve, reject) => {
            other.on("error", reject);
            other.on("exit", resolve);
        });
        while (!fs.existsSync(path.join(lock, "owner"))) await new Promise((r) => setTimeout(r, 5));
        const started = Date.now();
        let ranAt = 0;
        const result = withPackLock(() => {
            ranAt = Date.now();
            assert.ok(fs.existsSync(lock), "the body runs holding the lock");
            return "packed";
        }, lock);
        await exited;
        assert.strictEqual(result, "packed");
        assert.ok(ranAt - started >= 100, `the body ran ${ranAt - started} ms after the other process, holding the lock for 200 ms, was seen`);
        assert.ok(!fs.existsSync(lock), "released afterwards");
    });

    it("releases the lock when the body throws", () => {
        assert.throws(() => withPackLock(() => { throw new Error("npm pack failed"); }, lock), /npm pack failed/);
        assert.ok(!fs.existsSync(lock));
    });

    it("takes over at once a lock whose holder is no longer running (a run stopped with Ctrl-C)", () => {
        const gone = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" });
        holdAs(Number(gone.stdout.trim()));
        const started = Date.now();
        assert.strictEqual(withPackLock(() => 1, lock, 5_000), 1);
        assert.ok(Date.now() - started < 1_000, "no wait for a dead holder");
        assert.ok(!fs.existsSync(lock));
        assert.deepStrictEqual(fs.readdirSync(dir), [], "the dead holder's folder is gone too");
    });

    it("waits for a live holder, names it when it never lets go, and leaves its lock alone", () => {
        holdAs(process.pid, "a live holder's");
        assert.throws(() => withPackLock(() => 1, lock, 100), (e: Error) => e.message.includes(lock) && e.message.includes(`process ${process.pid}`) && /still held/.test(e.message));
        assert.strictEqual(JSON.parse(fs.readFileSync(path.join(lock, "owner"), "utf8")).token, "a live holder's");
    });

    it("releases only its own lock: one another process took over meanwhile is left to it", () => {
        withPackLock(() => {
            fs.writeFileSync(path.join(lock, "owner"), JSON.stringify({ pid: process.pid, token: "the new holder's" }));
        }, lock);
        assert.ok(fs.existsSync(lock), "the new holder keeps its lock");
    });
});
