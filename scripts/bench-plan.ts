/**
 * Measures `npm run plan` per stack against the floor: a Node process that only loads
 * @pulumi/pulumi and @pulumi/aws. Median of N runs, each a fresh process, as a user runs it.
 * Usage: npm run bench:plan [-- <runs>]. Writes nothing; paste the table into the README.
 */
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const runs = Number(process.argv[2] ?? 5);
const tsNode = path.join(ROOT, "node_modules", "ts-node", "dist", "bin.js");

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
}

function time(args: string[]): number {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        try {
            execFileSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
        } catch {
            // A failing plan (exit 1) is still a timed plan.
        }
        samples.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    return median(samples);
}

const floor = time(["-e", 'require("@pulumi/pulumi"); require("@pulumi/aws")']);
console.log(`node ${process.version}, ${runs} runs each, median wall time`);
console.log(`| what | seconds | × floor |`);
console.log(`|---|---|---|`);
console.log(`| floor: load @pulumi/pulumi + @pulumi/aws | ${floor.toFixed(2)} | 1.0 |`);
for (const stack of ["dev", "prod"]) {
    // Exactly what `npm run plan` runs, minus npm's own start-up.
    const t = time([tsNode, "--swc", "plan/cli.ts", stack]);
    console.log(`| plan ${stack} | ${t.toFixed(2)} | ${(t / floor).toFixed(1)} |`);
}
