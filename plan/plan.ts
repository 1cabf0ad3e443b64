/**
 * The offline plan: run the real program for a stack under the mock engine, then report what it
 * creates, what that costs a month in Seoul and what the policy pack says. Shares the mock engine,
 * the stack-file loader and the pack runner with the tests.
 */
import { estimate, Estimate, UnknownPriceError } from "@openwebui-aws/rules/cost/estimate";
import { CostResource, quantitiesFrom } from "@openwebui-aws/rules/cost/quantities";
import { unpricedTypes } from "@openwebui-aws/rules/cost/free-types";
import { UsageAssumptions, usageFromPolicyConfig } from "@openwebui-aws/rules/cost/usage";
import { fitLine, nodeFit } from "@openwebui-aws/rules/node-fit";
import { policies } from "../policy-pack/policies";
import { COST_POLICY_NAME } from "../policy-pack/policies/cost";
import { ProgramRun, RecordedResource, runProgram, RunOptions } from "../sim/mock-engine";
import { fromRecording, loadPackConfig, MissingPackConfigError, PackConfig, revealSecrets, runPolicies, Violation } from "../sim/policy-runner";
import { StackFileError } from "../sim/stack-files";
import { ConfigError } from "../config";
import { runDay } from "../config/cluster";
import { Placeholder } from "../config/placeholders";
import { STACK_TYPE } from "../sim/transforms";
import { PlanInputError } from "./errors";
import { settingsOf } from "./settings";

export interface InventoryEntry {
    type: string;
    name: string;
    settings: string;
}

export interface PlanResult {
    stack: string;
    inventory: Record<string, InventoryEntry[]>;
    resourceCount: number;
    cost: Estimate & { budgetUsd?: number; assumptions: UsageAssumptions };
    /** Per node group, its worst node against allocatable (rules/allocatable.ts), and why the pods do not fit. */
    nodeFit: { groups: string[]; problems: string[] };
    policy: { mandatory: Violation[]; advisory: Violation[] };
    /** Values to replace before `pulumi up`, which refuses them. */
    placeholders: Placeholder[];
    /** Encrypted stack-file values planned with offline stand-ins (config/sensitive.ts). */
    standIns: string[];
    /** Why the exit code is non-zero, if it is. */
    failures: string[];
}

export { PlanInputError };


/** The top-level component each resource belongs to, e.g. `OpenWebUINetwork openwebui-network-dev`. */
function groupOf(r: RecordedResource, byUrn: Map<string, RecordedResource>): string {
    let current = r;
    while (current.parentUrn && !current.parentUrn.includes(`::${STACK_TYPE}::`)) {
        const parent = byUrn.get(current.parentUrn);
        if (!parent) break;
        current = parent;
    }
    return current.custom ? "stack" : `${current.type.split(":").pop()} ${current.name}`;
}

function inventoryOf(run: ProgramRun): Record<string, InventoryEntry[]> {
    const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
    const groups: Record<string, InventoryEntry[]> = {};
    for (const r of run.resources) {
        const component = !r.custom && !r.type.startsWith("eks:") && !r.type.startsWith("pulumi:providers:");
        if (component) continue; // our components are the groups themselves
        (groups[groupOf(r, byUrn)] ??= []).push({ type: r.type, name: r.name, settings: settingsOf(r) });
    }
    return groups;
}

/** The day to price as, for the cost policy: the plan's --as-of. */
function withAsOf(packConfig: PackConfig, asOf: string): PackConfig {
    const entry = packConfig[COST_POLICY_NAME];
    const own = typeof entry === "string" ? { enforcementLevel: entry } : (entry ?? {});
    return { ...packConfig, [COST_POLICY_NAME]: { ...own, asOf } } as PackConfig;
}

/** Why the total is not complete, if a registered type is neither priced nor listed free. */
export function unpricedFailure(resources: CostResource[]): string | undefined {
    const types = unpricedTypes(resources);
    if (types.length === 0) return undefined;
    return `the total is not complete: no price and no free entry for ${types.join(", ")} (price it in rules/cost/quantities.ts or list it with its reason in rules/cost/free-types.ts)`;
}

export async function plan(stack: string, asOf: string, options: RunOptions & { packConfig?: PackConfig } = {}): Promise<PlanResult> {
    let run: ProgramRun;
    let usage: UsageAssumptions;
    let packConfigOfStack: PackConfig;
    try {
        // Config refuses a Kubernetes version past standard support on the day of the run: for the
        // plan, that day is --as-of, so pricing another day also checks that day's calendar.
        const clock = runDay.today;
        runDay.today = () => new Date(`${asOf}T00:00:00Z`);
        try {
            run = await runProgram(stack, options);
        } finally {
            runDay.today = clock;
        }
        // The run leaves the stack's config in the runtime: read the estimate's assumptions through
        // the same config module, already validated by the program.
        packConfigOfStack = { ...loadPackConfig(stack), ...options.packConfig };
        const assumed = usageFromPolicyConfig(packConfigOfStack[COST_POLICY_NAME]);
        if (typeof assumed === "string") throw new PlanInputError(`policy-pack/config/${stack}.json: ${COST_POLICY_NAME}.${assumed}`);
        usage = assumed;
    } catch (e) {
        if (e instanceof StackFileError || e instanceof ConfigError || e instanceof MissingPackConfigError) {
            throw new PlanInputError((e as Error).message);
        }
        throw e;
    }

    // Priced and listed as the policy pack sees them: secret inputs (a chart's values when a secret
    // config value is in them) unwrapped.
    const resources = run.resources.map((r) => ({ ...r, inputs: revealSecrets(r.inputs) as RecordedResource["inputs"] }));
    const costResources = resources.map((r) => ({ type: r.type, props: { ...r.inputs, id: r.id } }));
    const q = quantitiesFrom(costResources);
    let cost: Estimate;
    try {
        cost = estimate(q, usage, asOf);
    } catch (e) {
        if (e instanceof UnknownPriceError) throw new PlanInputError(e.message);
        throw e;
    }

    const packConfig = withAsOf(packConfigOfStack, asOf);
    const violations = await runPolicies(policies, fromRecording(run.resources), { stack, packConfig });
    const mandatory = violations.filter((v) => v.level === "mandatory");
    const advisory = violations.filter((v) => v.level === "advisory");

    let fit: PlanResult["nodeFit"];
    try {
        const f = nodeFit(stack, resources.map((r) => ({ type: r.type, props: r.inputs })));
        fit = { groups: f.groups.map(fitLine), problems: f.problems };
    } catch (e) {
        fit = { groups: [], problems: [`cannot check that the pods fit the nodes: ${(e as Error).message}`] };
    }

    const failures: string[] = [];
    const unpriced = unpricedFailure(costResources);
    if (unpriced) failures.push(unpriced);
    if (fit.problems.length > 0) failures.push(`the pods do not fit the nodes (${fit.problems.length} problem(s) under 3. Node fit)`);
    if (mandatory.length > 0) failures.push(`${mandatory.length} mandatory policy violation(s)`);
    if (q.budgetUsd !== undefined && cost.monthlyUsd > q.budgetUsd) {
        failures.push(`estimated $${cost.monthlyUsd.toFixed(2)}/month exceeds the budget of $${q.budgetUsd.toFixed(2)}`);
    }
    return {
        stack,
        inventory: inventoryOf({ ...run, resources }),
        resourceCount: run.resources.filter((r) => r.custom).length,
        cost: { ...cost, budgetUsd: q.budgetUsd, assumptions: usage },
        nodeFit: fit,
        policy: { mandatory, advisory },
        placeholders: run.placeholders,
        standIns: run.standIns,
        failures,
    };
}
