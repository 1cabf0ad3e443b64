/**
 * The mutation suite's machinery: a mistake is data (an id, its class, the stacks where it matters
 * and a function that makes it on a copy of a stack's recorded resources), and the runner asks the
 * whole pack, with the stack's own pack config, whether a mandatory violation stops it. Each stack's
 * program runs once; every mistake is applied to a fresh copy of that recording.
 */
import { policies } from "../../policy-pack/policies";
import type { RecordedResource } from "../../sim/mock-engine";
import { fromRecording, loadPackConfig, revealSecrets, runPolicies, Violation } from "../../sim/policy-runner";
import { stackRun, STACKS } from "../helpers";

export type Stack = (typeof STACKS)[number];

/** The classes of the issue ("Guardrails a reviewer trusts") and those the pack covered before it. */
export const CLASSES = [
    "tls-edge",
    "waf-association",
    "wildcard-grants",
    "workloads",
    "public-data",
    "supply-chain",
    "nodes",
    "money",
    "network",
    "iam",
    "logging",
    "ops",
    "naming-tags",
    "eks",
    "encryption",
    "contract",
] as const;
export type MutationClass = (typeof CLASSES)[number];

export interface Mutation {
    id: string;
    class: MutationClass;
    description: string;
    /** The stacks where this mistake matters (prod only for what prod's contract alone promises). */
    stacks: readonly Stack[];
    /** Makes the mistake in `resources` (a private copy). Throws NotApplicable when its target is absent. */
    mutate(resources: RecordedResource[], stack: Stack): void;
}

export class NotApplicable extends Error {}

/** Resources a mutation may edit: copies made on first touch, secrets unwrapped as CrossGuard hands them to policies. */
const copies = new WeakSet<RecordedResource>();
function copyOf(r: RecordedResource): RecordedResource {
    // revealSecrets rebuilds every object it walks, so it copies as it unwraps.
    const copy = { ...r, inputs: revealSecrets(r.inputs) as RecordedResource["inputs"], dependencies: [...r.dependencies], ignoreChanges: [...r.ignoreChanges] };
    copies.add(copy);
    return copy;
}

/** The resources of `type` whose logical name contains `part` (or matches it); NotApplicable when there are none. */
export function targets(resources: RecordedResource[], type: string, part: string | RegExp = ""): RecordedResource[] {
    const found: RecordedResource[] = [];
    resources.forEach((r, i) => {
        if (r.type !== type || !(typeof part === "string" ? r.name.includes(part) : part.test(r.name))) return;
        // Copy on first touch: the recording is shared with every other test file.
        if (!copies.has(r)) resources[i] = copyOf(r);
        found.push(resources[i]);
    });
    if (found.length === 0) throw new NotApplicable(`no ${type}${part ? ` named *${part}*` : ""}`);
    return found;
}

export const target = (resources: RecordedResource[], type: string, part: string | RegExp = ""): RecordedResource => targets(resources, type, part)[0];

/** Removes the resources that `pick` selects; NotApplicable when it selects none. */
export function remove(resources: RecordedResource[], pick: (r: RecordedResource) => boolean, what: string): void {
    const before = resources.length;
    for (let i = resources.length - 1; i >= 0; i--) if (pick(resources[i])) resources.splice(i, 1);
    if (resources.length === before) throw new NotApplicable(`no ${what}`);
}

/** Edits a JSON-string input (policy documents) in place; objects are edited as they are. */
export function editJson(resource: RecordedResource, key: string, edit: (doc: any) => void): void {
    const raw = resource.inputs[key];
    if (raw === undefined) throw new NotApplicable(`${resource.name} has no ${key}`);
    const doc = typeof raw === "string" ? JSON.parse(raw) : raw;
    edit(doc);
    resource.inputs[key] = typeof raw === "string" ? JSON.stringify(doc) : doc;
}

/** Adds a statement to an inline role policy. */
export function addStatement(resource: RecordedResource, statement: Record<string, unknown>): void {
    editJson(resource, "policy", (doc) => {
        doc.Statement = [...[doc.Statement].flat(), statement];
    });
}

/** A new resource registered beside `like` (same provider and parent), as a bad merge would add it. */
export function addLike(resources: RecordedResource[], like: RecordedResource, type: string, name: string, inputs: Record<string, any>): RecordedResource {
    // The URN ends "::<parent types$>type::name": keep the parent chain, swap type and name.
    const head = like.urn.slice(0, like.urn.lastIndexOf(`::${like.name}`));
    const urn = `${head.slice(0, head.length - like.type.length)}${type}::${name}`;
    const added: RecordedResource = {
        ...like,
        type,
        name,
        urn,
        inputs,
        id: `${name}-id`,
        arn: undefined,
        dependencies: [],
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
        replaceOnChanges: [],
    };
    copies.add(added);
    resources.push(added);
    return added;
}

/** The annotations of an Ingress. */
export const annotations = (ingress: RecordedResource): Record<string, string> => ((ingress.inputs.metadata ??= {}).annotations ??= {});

/** Helm values as an object, whether the program passed them as an object or as a string. */
export function helmValues(release: RecordedResource): Record<string, any> {
    if (typeof release.inputs.values === "string") release.inputs.values = JSON.parse(release.inputs.values);
    return (release.inputs.values ??= {});
}

export type Outcome = { result: "caught"; by: string[] } | { result: "escaped" } | { result: "not applicable"; why: string };

export interface Finding {
    mutation: Mutation;
    stack: Stack;
    outcome: Outcome;
}

const stackPolicies = policies.filter((p) => "validateStack" in p);
const resourcePolicies = policies.filter((p) => !("validateStack" in p));

const key = (v: Violation) => `${v.policy}|${v.urn}|${v.message}`;

/** Applies every mutation to each stack where it matters and runs the pack over the result. */
export async function evaluate(catalogue: readonly Mutation[]): Promise<Finding[]> {
    const findings: Finding[] = [];
    for (const stack of STACKS) {
        const recorded = (await stackRun(stack)).resources;
        const before = JSON.stringify(recorded);
        const packConfig = loadPackConfig(stack);
        const base = fromRecording(recorded);
        const converted = new Map(recorded.map((r, i) => [r, base[i]]));
        const unchanged = new Set(base);
        const baseline = new Set((await runPolicies(policies, base, { stack, packConfig })).filter((v) => v.level === "mandatory").map(key));
        for (const mutation of catalogue.filter((m) => m.stacks.includes(stack))) {
            // Untouched resources stay the recording's own objects, so their policy inputs are reused.
            const copy = [...recorded];
            try {
                mutation.mutate(copy, stack);
            } catch (e) {
                if (!(e instanceof NotApplicable)) throw e;
                findings.push({ mutation, stack, outcome: { result: "not applicable", why: e.message } });
                continue;
            }
            const inputs = fromRecording(copy, converted);
            // A resource policy sees one resource (with its provider): on those the mutation left alone it
            // says what it said before, so only stack policies need the whole stack again.
            const touched = inputs.filter((r) => !unchanged.has(r));
            const violations = [
                ...(await runPolicies(resourcePolicies, touched, { stack, packConfig })),
                ...(await runPolicies(stackPolicies, inputs, { stack, packConfig })),
            ];
            const fresh = violations.filter((v) => v.level === "mandatory" && !baseline.has(key(v)));
            const by = [...new Set(fresh.map((v) => v.policy))].sort();
            findings.push({ mutation, stack, outcome: by.length > 0 ? { result: "caught", by } : { result: "escaped" } });
        }
        if (JSON.stringify(recorded) !== before) throw new Error(`a mutation edited ${stack}'s shared recording instead of a copy: reach resources through target()/targets()`);
    }
    return findings;
}

/** Caught / applicable per class and stack, then each escape and each mutation that does not apply. */
export function report(title: string, findings: Finding[]): string {
    const lines = [title, `  ${"class".padEnd(16)} ${STACKS.map((s) => s.padStart(9)).join(" ")}`];
    const rate = (fs: Finding[]) => {
        const applicable = fs.filter((f) => f.outcome.result !== "not applicable");
        return applicable.length === 0 ? "—" : `${applicable.filter((f) => f.outcome.result === "caught").length}/${applicable.length}`;
    };
    for (const cls of CLASSES) {
        const ofClass = findings.filter((f) => f.mutation.class === cls);
        if (ofClass.length === 0) continue;
        lines.push(`  ${cls.padEnd(16)} ${STACKS.map((s) => rate(ofClass.filter((f) => f.stack === s)).padStart(9)).join(" ")}`);
    }
    lines.push(`  ${"all".padEnd(16)} ${STACKS.map((s) => rate(findings.filter((f) => f.stack === s)).padStart(9)).join(" ")}`);
    for (const f of findings.filter((x) => x.outcome.result === "escaped")) lines.push(`  ESCAPED ${f.stack}: ${f.mutation.id} (${f.mutation.class}) — ${f.mutation.description}`);
    for (const f of findings) if (f.outcome.result === "not applicable") lines.push(`  n/a ${f.stack}: ${f.mutation.id} — ${f.outcome.why}`);
    return lines.join("\n");
}

/** Caught / applicable in one stack, or undefined when nothing applies there. */
export function catchRate(findings: Finding[], stack: Stack): number | undefined {
    const applicable = findings.filter((f) => f.stack === stack && f.outcome.result !== "not applicable");
    return applicable.length === 0 ? undefined : applicable.filter((f) => f.outcome.result === "caught").length / applicable.length;
}
