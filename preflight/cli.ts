/**
 * `npm run preflight -- <stack>`: before anything is created, proves what the stack needs from
 * outside exists and is usable: the Helm charts and images it pins (arm64 where the nodes are), its
 * Bedrock models, its certificate, zones (and the instance types each offers), quotas and
 * principals. Read-only; one line per check.
 * Exit 0: every check passed; 1: at least one failed (each says its fix); 2: bad input.
 */
import { ConfigError } from "../config";
import type { ProgramRun } from "../sim/mock-engine";
import { StackFileError } from "../sim/stack-files";
import { AwsOptions, awsChecks } from "./aws";
import { registryChecks } from "./registry-checks";
import { CheckResult, formatCheck } from "./report";
import { loadTargets } from "./stack";
import { Targets } from "./targets";

const USAGE = "usage: npm run preflight -- <stack>";
const HELP = `${USAGE}

Runs the stack's program offline (mock engine) to learn what it pins, then asks the registries and
AWS (read-only, the stack's Region) whether each of those exists and is usable:
  Helm chart versions (index.yaml or OCI manifest), image tags and their linux/arm64 (or amd64) images,
  Bedrock models or inference profiles and their model access, the ACM certificate (ISSUED, Region,
  account, covers appDomain), availability zones, that every zone offers each node group's and the
  NAT instance's types, EC2 quotas (Elastic IPs, on-demand and spot vCPUs at every node group's
  maxSize) and the operator and preview principals.
Needs network access and AWS credentials of the stack's account (the SDK's default chain).
Environment: PREFLIGHT_AWS_ENDPOINT (one endpoint for every AWS service; AWS_ENDPOINT_URL works too),
PREFLIGHT_REGISTRY_MIRROR (fetch https://<host>/<path> as <mirror>/<host>/<path>): for tests.
Exit 0: every check passed; 1: a check failed (its line says the fix); 2: bad input.`;

/** The Deployments operations that create or show what would be created. */
const CREATING_OPERATIONS = ["update", "preview"];

export interface PreflightOptions {
    aws: AwsOptions;
    registryMirror?: string;
}

export async function preflight(targets: Targets, options: PreflightOptions): Promise<CheckResult[]> {
    const [registry, aws] = await Promise.all([registryChecks(targets, options.registryMirror), awsChecks(targets, options.aws)]);
    return [...registry, ...aws];
}

/** From the environment given (process.env when run), so a test can hand it one without touching the process's. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): PreflightOptions {
    // Keys in the environment come first in the SDK's own chain too; without them the chain decides.
    const credentials = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN || undefined } : undefined;
    return { aws: { endpoint: env.PREFLIGHT_AWS_ENDPOINT || undefined, credentials }, registryMirror: env.PREFLIGHT_REGISTRY_MIRROR || undefined };
}

export interface Io {
    out: (line: string) => void;
    err: (line: string) => void;
    env: NodeJS.ProcessEnv;
    /** How the program is run for a stack: the mock engine by default, a cached run in tests. */
    runStack?: (stack: string) => Promise<ProgramRun>;
}

export async function main(argv: string[], io: Io): Promise<number> {
    if (argv.includes("--help") || argv.includes("-h")) {
        io.out(HELP);
        return 0;
    }
    // Pulumi Deployments run the pre-run commands for every operation and name it in
    // PULUMI_CI_OPERATION (Pulumi docs, Deployments "Environment Variables"): a destroy, refresh or drift
    // check creates nothing, and must not be stopped by, say, a quota.
    const operation = io.env.PULUMI_CI_OPERATION;
    if (operation && !CREATING_OPERATIONS.includes(operation)) {
        io.out(`preflight: skipped for a ${operation} (it checks what update and preview create)`);
        return 0;
    }
    const unknown = argv.find((a) => a.startsWith("-"));
    if (unknown || argv.length !== 1) {
        io.err(`preflight: ${unknown ? `unknown option ${unknown}` : argv.length === 0 ? "no stack given" : `one stack at a time (got ${argv.join(", ")})`}; ${USAGE}`);
        return 2;
    }
    let targets: Targets;
    try {
        targets = await loadTargets(argv[0], io.runStack);
    } catch (e) {
        const known = e instanceof ConfigError || e instanceof StackFileError;
        io.err(`preflight: ${known ? "" : "the program failed under the mock engine: "}${(e as Error).message.split("\n")[0]}`);
        return 2;
    }
    io.out(`preflight of stack ${targets.stack} in ${targets.region} (nodes: ${targets.nodeArchitectures.join(", ") || "none"})`);
    const results = await preflight(targets, optionsFromEnv(io.env));
    results.forEach((r) => io.out(formatCheck(r)));
    const failed = results.filter((r) => !r.ok).length;
    io.out(failed === 0 ? `${results.length} checks passed` : `${failed} of ${results.length} checks failed`);
    return failed === 0 ? 0 : 1;
}

if (require.main === module) {
    // As the plan does: the SDK makes an Error per registration, and nothing here prints their stacks.
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    void main(process.argv.slice(2), { out: (s) => console.log(s), err: (s) => console.error(s), env: process.env }).then((code) => process.exit(code));
}
