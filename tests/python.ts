import { spawnSync } from "child_process";

let resolved: string | undefined;

/**
 * The interpreter `python3` on PATH stands for, asked once. A version manager's shim (pyenv's is a
 * shell script) otherwise runs before every one of the tests' Python runs, about 0.3 s each. If it
 * cannot be asked, plain `python3`: the test then fails where it runs it, saying so.
 */
export function python3(): string {
    if (resolved === undefined) {
        const res = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" });
        const executable = res.status === 0 ? res.stdout.trim() : "";
        resolved = executable.length > 0 ? executable : "python3";
    }
    return resolved;
}
