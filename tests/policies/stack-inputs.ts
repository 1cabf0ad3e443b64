/**
 * The resources a stack registers, as a preview hands them to the pack, and one-resource changes
 * to them: the way the guardrail tests show a policy passing the shipped stack and catching a
 * realistic mistake in it, with the stack's own pack config.
 */
import * as assert from "assert";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { fromRecording, loadPackConfig, PolicyInput, runPolicies, Violation } from "../../sim/policy-runner";
import { stackRun } from "../helpers";

export async function stackInputs(stack: string): Promise<PolicyInput[]> {
    return fromRecording((await stackRun(stack)).resources);
}

/** A deep copy of `inputs` with `change` applied to the props of every resource `pick` selects (at least one). */
export function changed(inputs: PolicyInput[], pick: (r: PolicyInput) => boolean, change: (props: Record<string, any>, r: PolicyInput) => void): PolicyInput[] {
    const copy = JSON.parse(JSON.stringify(inputs)) as PolicyInput[];
    const picked = copy.filter(pick);
    assert.ok(picked.length > 0, "the change selects no resource of the stack");
    picked.forEach((r) => change(r.props, r));
    return copy;
}

export const ofType = (type: string) => (r: PolicyInput) => r.type === type;
export const named = (name: string) => (r: PolicyInput) => r.name === name;

/** The mandatory violations of `policy` over `inputs`, with the stack's pack config. */
export async function mandatory(policy: ResourceValidationPolicy | StackValidationPolicy, inputs: PolicyInput[], stack: string): Promise<Violation[]> {
    const found = await runPolicies([policy], inputs, { stack, packConfig: loadPackConfig(stack) });
    return found.filter((v) => v.level === "mandatory");
}

export async function assertStackPasses(policy: ResourceValidationPolicy | StackValidationPolicy, inputs: PolicyInput[], stack: string) {
    assert.deepStrictEqual(await mandatory(policy, inputs, stack), []);
}

export async function assertStackFlags(policy: ResourceValidationPolicy | StackValidationPolicy, inputs: PolicyInput[], stack: string, pattern: RegExp) {
    const found = await mandatory(policy, inputs, stack);
    assert.ok(found.some((v) => pattern.test(v.message)), `${policy.name} in ${stack}: no mandatory violation matched ${pattern}: ${JSON.stringify(found)}`);
}

export { previewProps, UNKNOWN_STRING } from "../fixtures";
