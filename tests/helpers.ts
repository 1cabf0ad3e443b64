/** Shared access to program runs: each stack runs once per mocha process, in sequence. */
import * as path from "path";
import { ProgramRun, RecordedResource, runProgram, RunOptions } from "../sim/mock-engine";
import * as assert from "assert";
import { ConfigError } from "../config";
import { loadPackConfig, PackConfig } from "../sim/policy-runner";
import { PROJECT_DIR } from "../sim/stack-files";
import { runDay } from "../config/cluster";

export const STACKS = ["dev", "prod"] as const;

const runs = new Map<string, Promise<ProgramRun>>();
let queue: Promise<unknown> = Promise.resolve();

/** Runs sequentially: the Pulumi runtime is process-global. */
export function run(stack: string, options?: RunOptions): Promise<ProgramRun> {
    const next = queue.then(() => runProgram(stack, options));
    queue = next.catch(() => undefined);
    return next;
}

/** deployment/'s `shared` stack, run once and shared by every test file. */
export function deploymentRun(): Promise<ProgramRun> {
    return stackRun("shared", path.join(PROJECT_DIR, "deployment"));
}

/**
 * Forgets the shared runs. Only the mutation run calls it (scripts/mutate/register.js): there one
 * mocha process runs the tests again for each mutant, and a run cached before the mutant was
 * switched on would hide it.
 */
export function forgetStackRuns(): void {
    runs.clear();
}

/** The unmodified stack, run once and shared by every test file. */
export function stackRun(stack: string, projectDir?: string): Promise<ProgramRun> {
    const key = `${projectDir ?? ""}:${stack}`;
    let cached = runs.get(key);
    if (!cached) {
        cached = run(stack, projectDir ? { projectDir } : undefined);
        runs.set(key, cached);
    }
    return cached;
}

export function ofType(r: ProgramRun, type: string): RecordedResource[] {
    return r.resources.filter((res) => res.type === type);
}

export function named(r: ProgramRun, name: string): RecordedResource {
    const found = r.resources.find((res) => res.name === name);
    if (!found) {
        throw new Error(`no resource named ${name} in ${r.stack}; have: ${r.resources.map((x) => x.name).join(", ")}`);
    }
    return found;
}

/** The mock engine gives every custom resource the id `<logical name>-id`. */
export function idOf(resource: RecordedResource): string {
    if (!resource.id) throw new Error(`${resource.name} has no id`);
    return resource.id;
}

export function byId(r: ProgramRun, id: string): RecordedResource {
    const found = r.resources.find((res) => res.id === id);
    if (!found) throw new Error(`no resource with id ${id} in ${r.stack}`);
    return found;
}

export function jsonInput(resource: RecordedResource, key: string): any {
    const value = resource.inputs[key];
    return typeof value === "string" ? JSON.parse(value) : value;
}

/** Expects `promise` to reject; returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
    try {
        await promise;
    } catch (e) {
        return e as Error & Record<string, unknown>;
    }
    throw new Error("expected a failure, but it succeeded");
}

/**
 * A run dated `day` (YYYY-MM-DD) for config's support windows, as the plan's --as-of dates prices.
 * The date is set inside the queue, so no other run reads it, and the real clock is put back after.
 */
export function runAsOf(day: string, stack: string, options?: RunOptions): Promise<ProgramRun> {
    const next = queue.then(async () => {
        const real = runDay.today;
        runDay.today = () => new Date(`${day}T00:00:00Z`);
        try {
            return await runProgram(stack, options);
        } finally {
            runDay.today = real;
        }
    });
    queue = next.catch(() => undefined);
    return next;
}

/** A real account's certificate for prod's domain, in place of the stack file's placeholder. */
export const CERTIFICATE = "arn:aws:acm:ap-northeast-2:210987654321:certificate/5f0c6a8e-1b2d-4c3e-9f4a-0123456789ab";

/** What a team puts in place of the stack files' placeholders, for runs as `pulumi up`. */
export const REAL_VALUES: Record<string, Record<string, string>> = Object.fromEntries(
    STACKS.map((stack) => [
        stack,
        {
            "openwebui:alertEmails": JSON.stringify(["oncall@acme.kr"]),
            "openwebui:appAdminEmail": "llm-admin@acme.kr",
            "openwebui:endpointPublicAccessCidrs": JSON.stringify(["10.20.0.0/16"]),
            "openwebui:operatorPrincipalArns": JSON.stringify([`arn:aws:iam::210987654321:role/openwebui-deploy-role-${stack}`]),
            "openwebui:previewPrincipalArns": JSON.stringify([`arn:aws:iam::210987654321:role/openwebui-preview-role-${stack}`]),
            // Both stacks serve HTTPS (dev's host name differs; one certificate may cover both).
            "openwebui:appDomain": stack === "prod" ? "chat.acme.kr" : "chat-dev.acme.kr",
            "openwebui:appCertificateArn": CERTIFICATE,
        },
    ]),
);

/** The documentation account the shipped stack files and pack configs name until a team puts its own. */
export const PLACEHOLDER_ACCOUNT = "111122223333";

/**
 * A stack's pack config as a team publishes it next to its filled stack file: the sign-in account in
 * iam-role-workload-boundary's trustedAccounts is the same placeholder as the stack file's account,
 * replaced by the same real one (README, "Adopting the project").
 */
export function packConfigFor(stack: string, account: string): PackConfig {
    return JSON.parse(JSON.stringify(loadPackConfig(stack)).split(PLACEHOLDER_ACCOUNT).join(account)) as PackConfig;
}

/** Runs `stack` with `overrides`; it must stop with a ConfigError before registering anything. */
export async function configRefusal(stack: string, overrides: Record<string, string>): Promise<ConfigError> {
    const e = await rejection(run(stack, { overrides }));
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got: ${e.stack}`);
    assert.strictEqual(e.registeredBeforeFailure, 0, "a resource was registered before config was validated");
    return e as unknown as ConfigError;
}

/** As configRefusal, and the refusal names `key` and matches `pattern`. */
export async function refused(stack: string, overrides: Record<string, string>, key: string, pattern: RegExp): Promise<ConfigError> {
    const e = await configRefusal(stack, overrides);
    assert.strictEqual(e.key, key, e.message);
    assert.match(e.message, pattern);
    return e;
}

/** `s` as a literal inside a RegExp: tests quote user values in the messages they expect. */
export function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The override that replaces a stack's `openwebui:nodeGroups` with `value`, as the CLI sends it. */
export function nodeGroupsOverride(value: unknown): Record<string, string> {
    return { "openwebui:nodeGroups": JSON.stringify(value) };
}

/** An encrypted stack-file value (`pulumi config set --secret`), which no test can decrypt. */
export const ENCRYPTED = { secure: "v1:Jt7bWH1cS5wAAAAA:b0Wc8m2JlXq3v5cZ4p6Jm9w0" };
