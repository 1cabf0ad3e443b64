/**
 * One plan per stack, day and variant per process: the README's generated sections and their tests
 * ask for the same runs several times, and each is a whole program run under the mock engine.
 */
import { PROJECT } from "@openwebui-aws/rules/naming";
import { loadStackFiles } from "../sim/stack-files";
import { plan, PlanResult } from "./plan";

const cache = new Map<string, Promise<PlanResult>>();
const byArguments = new Map<string, Promise<PlanResult>>();
let queue: Promise<unknown> = Promise.resolve();

/** Forgets the cached plans: for the mutation run, as tests/helpers.ts forgetStackRuns. */
export function forgetPlans(): void {
    cache.clear();
    byArguments.clear();
}

/**
 * `plan` with the same arguments runs once per process (until forgetPlans): for tests that hand the
 * plan CLI's `main` the same stack and day several times.
 */
export const samePlanOnce: typeof plan = (stack, asOf, options = {}) => {
    const key = JSON.stringify([stack, asOf, options]);
    let cached = byArguments.get(key);
    if (!cached) {
        cached = plan(stack, asOf, options);
        byArguments.set(key, cached);
    }
    return cached;
};

/** `overrides` by key without the project prefix; a value the stack file already has is no variant. */
export function cachedPlan(stack: string, asOf: string, overrides: Record<string, string> = {}): Promise<PlanResult> {
    const written = loadStackFiles(stack).config;
    const variant = Object.fromEntries(
        Object.entries(overrides)
            .map(([k, v]) => [`${PROJECT}:${k}`, v] as const)
            .filter(([k, v]) => written[k] !== v)
            .sort(([a], [b]) => a.localeCompare(b)),
    );
    const key = `${stack} ${asOf} ${JSON.stringify(variant)}`;
    let cached = cache.get(key);
    if (!cached) {
        // The Pulumi runtime is global: runs go one after another.
        cached = queue.then(() => plan(stack, asOf, { overrides: variant }));
        queue = cached.catch(() => undefined);
        cache.set(key, cached);
    }
    return cached;
}
