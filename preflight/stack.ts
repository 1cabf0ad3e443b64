/**
 * Runs the real program for a stack under the mock engine (nothing is created, no cloud call) and
 * reads its validated config, as `pulumi preview` would before anything happens.
 */
import * as pulumi from "@pulumi/pulumi";
import { readStackConfig, StackConfig } from "../config";
import { ProgramRun, runProgram } from "../sim/mock-engine";
import { PROJECT } from "@openwebui-aws/rules/naming";
import { Targets, targetsOf } from "./targets";

/**
 * The config the run validated. runProgram leaves its config and stack in the SDK's runtime; they
 * are set again here so a run from a cache (tests) reads its own stack's values, not the last one's.
 */
export async function configOf(run: ProgramRun): Promise<StackConfig> {
    await pulumi.runtime.setMocks({ call: () => ({}), newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }) }, PROJECT, run.stack, true);
    pulumi.runtime.setAllConfig(run.config);
    return readStackConfig().config;
}

export async function loadTargets(stack: string, runStack: (stack: string) => Promise<ProgramRun> = runProgram): Promise<Targets> {
    const run = await runStack(stack);
    return targetsOf(run, await configOf(run));
}
