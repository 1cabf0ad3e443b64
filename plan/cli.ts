/**
 * `npm run plan -- <stack> [--json] [--as-of YYYY-MM-DD]`. Exit 0: allowed and within budget;
 * 1: a mandatory violation or over budget; 2: bad input (one line, no stack trace).
 */
import { PROJECT } from "@openwebui-aws/rules/naming";
import { loadStackFiles, StackFileError } from "../sim/stack-files";
import { PlanInputError } from "./errors";
import type { plan as Planner } from "./plan";

const USAGE = "usage: npm run plan -- <stack> [--json] [--as-of YYYY-MM-DD] [--set key=value ...]";
const HELP = `${USAGE}

Runs the stack's program offline (mock engine, no cloud calls) and prints its inventory by component,
its monthly cost in Seoul with every usage assumption, the policy pack's verdict and any placeholders
left in its config.
  <stack>               dev, prod, ... (a Pulumi.<stack>.yaml next to Pulumi.yaml)
  --json                the same as JSON on stdout (use \`npm run -s plan\` so npm prints no banner)
  --as-of YYYY-MM-DD    price as of that day (EKS support windows), default today
  --set key=value       plan a variant: the stack file with that setting changed (repeatable; a key of
                        the project's namespace, e.g. --set natGatewayStrategy=perAz). The README's
                        cost levers are differences between such runs.
Exit 0: allowed and within budget; 1: a mandatory violation or over budget; 2: bad input.`;


export interface PlanArgs {
    stack: string;
    json: boolean;
    asOf: string;
    /** --set values, keyed by the full config key. */
    overrides: Record<string, string>;
}

export function parseArgs(argv: string[], today = new Date().toISOString().slice(0, 10)): PlanArgs {
    const args: PlanArgs = { stack: "", json: false, asOf: today, overrides: {} };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--json") args.json = true;
        else if (a === "--as-of") args.asOf = argv[++i] ?? "";
        else if (a === "--set") {
            const m = /^([A-Za-z][\w.:]*)=(.*)$/.exec(argv[++i] ?? "");
            if (!m) throw new PlanInputError(`--set takes key=value, e.g. --set natGatewayStrategy=perAz; ${USAGE}`);
            args.overrides[m[1].includes(":") ? m[1] : `${PROJECT}:${m[1]}`] = m[2];
        }
        else if (a.startsWith("-")) throw new PlanInputError(`unknown option ${a}; ${USAGE}`);
        else if (args.stack) throw new PlanInputError(`one stack at a time (got "${args.stack}" and "${a}"); ${USAGE}`);
        else args.stack = a;
    }
    if (!args.stack) throw new PlanInputError(`no stack given; ${USAGE}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(args.asOf)) throw new PlanInputError(`--as-of "${args.asOf}" is not YYYY-MM-DD`);
    // Date accepts 2026-02-30 and rolls it into March; a date that does not exist is refused instead.
    const day = new Date(`${args.asOf}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== args.asOf) throw new PlanInputError(`--as-of "${args.asOf}" is not a date that exists`);
    return args;
}

/** projectDir: where Pulumi.yaml and the stack files are (tests pass a temp copy); the repository's root by default. */
/** `planner` is for tests that ask for the same plan several times: one run serves them all. */
export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void, projectDir?: string, planner?: typeof Planner): Promise<number> {
    try {
        if (argv.includes("--help") || argv.includes("-h")) {
            out(HELP);
            return 0;
        }
        const args = parseArgs(argv);
        // A mistyped stack is refused before the program, the SDKs and the pack are loaded: that
        // takes seconds, and the answer does not need them.
        try {
            loadStackFiles(args.stack, projectDir);
        } catch (e) {
            if (e instanceof StackFileError) throw new PlanInputError(e.message);
            throw e;
        }
        const { plan } = await import("./plan");
        const { formatPlan } = await import("./report");
        const result = await (planner ?? plan)(args.stack, args.asOf, { overrides: args.overrides, projectDir });
        const variant = Object.entries(args.overrides).map(([k, v]) => `${k}=${v}`);
        if (args.json) out(JSON.stringify(variant.length > 0 ? { ...result, variant } : result, null, 2));
        else out((variant.length > 0 ? `A variant of stack "${args.stack}", not the stack file as written: ${variant.join(", ")}\n` : "") + formatPlan(result));
        return result.failures.length > 0 ? 1 : 0;
    } catch (e) {
        const message = (e as Error).message.split("\n")[0];
        err(e instanceof PlanInputError ? `plan: ${message}` : `plan: the program failed under the mock engine: ${message}`);
        return 2;
    }
}

if (require.main === module) {
    // ts-node's source-map support rewrites the stack trace of every Error; the Pulumi SDK makes one
    // per resource registration, which doubled the run time. The plan never prints stack traces.
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    void main(process.argv.slice(2), (s) => console.log(s), (s) => console.error(s)).then((code) => process.exit(code));
}
