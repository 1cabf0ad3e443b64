/**
 * The policy pack exactly as `pulumi policy publish` would upload it: what `npm pack` puts in the
 * tarball (npm runs the pack's `prepack` bundle step), unpacked. @pulumi/pulumiservice's PolicyPack
 * tarballs a directory as it is, so deployment/ hands it this one rather than the source folder.
 * The offline simulator (sim/) packs and runs the same tarball, and reads the same stack policy
 * config, so this lives with the pack: both import it, neither imports the other. Not part of the
 * bundle (build.mjs bundles index.ts alone).
 */
import { execFileSync } from "child_process";
import { createHash, randomUUID } from "crypto";
import * as fs from "fs";
import * as path from "path";

export const PACK_SOURCE_DIR = __dirname;

export function packVersion(): string {
    return (JSON.parse(fs.readFileSync(path.join(PACK_SOURCE_DIR, "package.json"), "utf8")) as { version: string }).version;
}

export interface PackedPack {
    tarball: string;
    /** Paths inside the tarball, without npm's `package/` prefix. */
    files: string[];
}

export function packTarball(destination: string): PackedPack {
    return withPackLock(() => packTarballHeld(destination));
}

function packTarballHeld(destination: string): PackedPack {
    fs.mkdirSync(destination, { recursive: true });
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", destination], { cwd: PACK_SOURCE_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const [{ filename, files }] = JSON.parse(out) as [{ filename: string; files: { path: string }[] }];
    return { tarball: path.join(destination, filename), files: files.map((f) => f.path).sort() };
}

/** Where packing holds its lock: `npm pack` runs the pack's bundle step, which rewrites its dist/. */
export const PACK_LOCK_DIR = path.join(PACK_SOURCE_DIR, ".pack.lock");
/** A lock with no holder written into it after this long was left between its mkdir and its write. */
const UNCLAIMED_LOCK_MS = 60_000;

interface LockOwner {
    pid: number;
    token: string;
}

/**
 * Runs `body` while no other process packs or stages the pack. `npm test` runs its files in two
 * processes, and two `npm pack`s at once would each rewrite dist/ while the other tars it, and two
 * stagings would each empty the folder the other unpacks into. `mkdir` is the lock: it either
 * creates the directory or fails, atomically, on every file system npm supports. The holder writes
 * its pid and a token of its own into it and releases only a lock that still holds its token. A lock
 * whose holder is no longer running (a run stopped with Ctrl-C) is taken over at once: it is renamed
 * aside first, so that of two waiters only one takes it. A live holder is waited for, up to
 * `timeoutMs`. Processes are assumed to share one host, as they share this folder.
 */
export function withPackLock<T>(body: () => T, lockDir = PACK_LOCK_DIR, timeoutMs = 10 * 60_000): T {
    const token = `${process.pid}-${randomUUID()}`;
    const deadline = Date.now() + timeoutMs;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (;;) {
        try {
            fs.mkdirSync(lockDir);
            fs.writeFileSync(path.join(lockDir, "owner"), JSON.stringify({ pid: process.pid, token }));
            break;
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        }
        const owner = lockOwner(lockDir);
        if (owner === "unclaimed" || (owner !== undefined && !running(owner.pid))) {
            takeOver(lockDir, owner === "unclaimed" ? undefined : owner.token);
            continue;
        }
        if (Date.now() > deadline) {
            const who = owner === undefined ? "another process" : `process ${owner.pid}`;
            throw new Error(`${lockDir} is still held by ${who} after ${timeoutMs / 1000} s: it is packing the policy pack (if it is not, remove the folder)`);
        }
        // Synchronous on purpose: deployment/'s program stages the pack while it registers resources.
        Atomics.wait(pause, 0, 0, 100);
    }
    try {
        return body();
    } finally {
        const owner = lockOwner(lockDir);
        if (owner !== undefined && owner !== "unclaimed" && owner.token === token) fs.rmSync(lockDir, { recursive: true, force: true });
    }
}

/** The lock's holder; "unclaimed" if none was written within UNCLAIMED_LOCK_MS; undefined if unknown yet or released. */
function lockOwner(lockDir: string): LockOwner | "unclaimed" | undefined {
    try {
        return JSON.parse(fs.readFileSync(path.join(lockDir, "owner"), "utf8")) as LockOwner;
    } catch {
        try {
            return Date.now() - fs.statSync(lockDir).mtimeMs > UNCLAIMED_LOCK_MS ? "unclaimed" : undefined;
        } catch {
            return undefined;
        }
    }
}

function running(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        return (e as NodeJS.ErrnoException).code === "EPERM";
    }
}

/** Moves a dead holder's lock aside (one waiter wins the rename) and removes it; puts back a lock that turns out to be live. */
function takeOver(lockDir: string, deadToken: string | undefined): void {
    const aside = `${lockDir}.${randomUUID()}`;
    try {
        fs.renameSync(lockDir, aside);
    } catch {
        return; // another waiter took it first, or its holder released it
    }
    const moved = lockOwner(aside);
    const wasDead = deadToken === undefined ? moved === undefined || moved === "unclaimed" : moved !== undefined && moved !== "unclaimed" && moved.token === deadToken;
    if (wasDead) {
        fs.rmSync(aside, { recursive: true, force: true });
        return;
    }
    // A waiter took the dead lock and a new holder locked again between our look and our rename.
    try {
        fs.renameSync(aside, lockDir);
    } catch {
        fs.rmSync(aside, { recursive: true, force: true });
    }
}

/** Unpacks a tarball's `package/` into `dir`, as the CLI does before `npm install`. */
export function unpack(tarball: string, dir: string): string {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("tar", ["-xzf", tarball, "-C", dir, "--strip-components=1"]);
    return dir;
}

/**
 * Packs and unpacks into `<stagingRoot>/<version>`: the folder deployment/ publishes. A folder that
 * already holds this very tarball (its digest beside it) is left as it is, so that a process reading
 * it is never handed a folder another one is emptying; a changed pack is unpacked beside the folder
 * and swapped in.
 */
export function stagePublishedPack(stagingRoot: string): string {
    return withPackLock(() => {
        const dir = path.join(stagingRoot, packVersion());
        const marker = `${dir}.sha256`;
        const current = () => fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(marker) ? fs.readFileSync(marker, "utf8") : undefined;
        // Once per process: the pack's sources do not change while a program runs, and deployment/'s
        // program is run many times by one test process.
        const known = stagedThisProcess.get(dir);
        if (known !== undefined && current() === known) return dir;
        const { tarball } = packTarballHeld(stagingRoot);
        const digest = createHash("sha256").update(fs.readFileSync(tarball)).digest("hex");
        if (current() !== digest) {
            const fresh = unpack(tarball, `${dir}.${randomUUID()}.tmp`);
            fs.rmSync(dir, { recursive: true, force: true });
            fs.renameSync(fresh, dir);
            fs.writeFileSync(marker, digest);
        }
        stagedThisProcess.set(dir, digest);
        return dir;
    });
}

const stagedThisProcess = new Map<string, string>();

/** As @pulumi/policy spells enforcement levels (deployment/ does not depend on that package). */
export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export type PackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export class MissingPackConfigError extends Error {}

/**
 * A stack's policy config, read once for everything that hands it to the pack: deployment/'s
 * policy groups, the plan and the tests. Without one, stack-specific rules would run on undefined values.
 */
export function loadPackConfig(stack: string): PackConfig {
    const relative = `policy-pack/config/${stack}.json`;
    const file = path.join(PACK_SOURCE_DIR, "config", `${stack}.json`);
    if (!fs.existsSync(file)) throw new MissingPackConfigError(`stack "${stack}" has no ${relative}: copy another stack's and set its environment`);
    return JSON.parse(fs.readFileSync(file, "utf8")) as PackConfig;
}
