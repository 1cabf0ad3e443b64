/**
 * The policy pack exactly as `pulumi policy publish` would upload it: what `npm pack` puts in the
 * tarball (npm runs the pack's `prepack` bundle step), unpacked. @pulumi/pulumiservice's PolicyPack
 * tarballs a directory as it is, so deployment/ hands it this one rather than the source folder.
 * The offline simulator (sim/) packs and runs the same tarball, and reads the same stack policy
 * config, so this lives with the pack: both import it, neither imports the other. Not part of the
 * bundle (build.mjs bundles index.ts alone).
 */
import { execFileSync } from "child_process";
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
/** A lock older than this was left by a process that died holding it; a pack takes seconds. */
export const STALE_LOCK_MS = 5 * 60_000;

/**
 * Runs `body` while no other process packs or stages the pack. `npm test` runs its files in two
 * processes, and two `npm pack`s at once would each rewrite dist/ while the other tars it, and two
 * stagings would each empty the folder the other unpacks into. `mkdir` is the lock: it either
 * creates the directory or fails, atomically, on every file system npm supports.
 */
export function withPackLock<T>(body: () => T, lockDir = PACK_LOCK_DIR, timeoutMs = 2 * STALE_LOCK_MS): T {
    const deadline = Date.now() + timeoutMs;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (;;) {
        try {
            fs.mkdirSync(lockDir);
            break;
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        }
        const age = lockAgeMs(lockDir);
        if (age !== undefined && age > STALE_LOCK_MS) {
            fs.rmSync(lockDir, { recursive: true, force: true });
            continue;
        }
        if (Date.now() > deadline) throw new Error(`${lockDir} is still held after ${timeoutMs / 1000} s: another process is packing the policy pack, or died doing it (then remove the folder)`);
        // Synchronous on purpose: deployment/'s program stages the pack while it registers resources.
        Atomics.wait(pause, 0, 0, 100);
    }
    try {
        return body();
    } finally {
        fs.rmSync(lockDir, { recursive: true, force: true });
    }
}

function lockAgeMs(lockDir: string): number | undefined {
    try {
        return Date.now() - fs.statSync(lockDir).mtimeMs;
    } catch {
        return undefined; // released between our mkdir and this stat: try again
    }
}

/** Unpacks a tarball's `package/` into `dir`, as the CLI does before `npm install`. */
export function unpack(tarball: string, dir: string): string {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("tar", ["-xzf", tarball, "-C", dir, "--strip-components=1"]);
    return dir;
}

/** Packs and unpacks into `<stagingRoot>/<version>`: the folder deployment/ publishes. */
export function stagePublishedPack(stagingRoot: string): string {
    // Once per process and folder: the pack's sources do not change while a program runs, and
    // deployment/'s program is run many times by one test process.
    const staged = stagedThisProcess.get(stagingRoot);
    if (staged !== undefined && fs.existsSync(path.join(staged, "package.json"))) return staged;
    const dir = withPackLock(() => unpack(packTarballHeld(stagingRoot).tarball, path.join(stagingRoot, packVersion())));
    stagedThisProcess.set(stagingRoot, dir);
    return dir;
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
