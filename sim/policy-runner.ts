/**
 * Runs the policy pack's policies over recorded resources the way `pulumi preview --policy-pack`
 * would: per-resource validations for each resource, stack validations once, with the stack's
 * policy config and enforcement levels. Returns every violation instead of failing on the first.
 */
import type {
    EnforcementLevel,
    Policies,
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import type { RecordedResource } from "./mock-engine";

export interface Violation {
    policy: string;
    level: EnforcementLevel;
    message: string;
    urn?: string;
}

export { loadPackConfig, MissingPackConfigError } from "../policy-pack/published";
export type { PackConfig } from "../policy-pack/published";
import type { PackConfig } from "../policy-pack/published";

/** A resource as a policy sees it; `opts`, `provider` and dependencies optional for unit tests. */
export interface PolicyInput {
    type: string;
    name: string;
    props: Record<string, any>;
    urn?: string;
    parentUrn?: string;
    provider?: PolicyProviderResource;
    propertyDependencies?: Record<string, string[]>;
    /** The `protect` resource option (false when unset), as a preview passes it. */
    protect?: boolean;
    /** `ignoreChanges` and `deleteBeforeReplace`, which a preview also passes (CrossGuard has no field for retainOnDelete or replaceOnChanges). */
    ignoreChanges?: string[];
    deleteBeforeReplace?: boolean;
}

class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason);
};

const DEFAULT_OPTS: PolicyResourceOptions = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    additionalSecretOutputs: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
};

function urnOf(r: PolicyInput, stack: string): string {
    return r.urn ?? `urn:pulumi:${stack}::openwebui::${r.type}::${r.name}`;
}

function settings(policy: ResourceValidationPolicy | StackValidationPolicy, packConfig: PackConfig, packLevel: EnforcementLevel) {
    const entry = packConfig[policy.name];
    const own = typeof entry === "object" ? entry : {};
    const level: EnforcementLevel = (typeof entry === "string" ? entry : own.enforcementLevel) ?? policy.enforcementLevel ?? packLevel;
    const defaults = Object.fromEntries(
        Object.entries(policy.configSchema?.properties ?? {})
            .filter(([, schema]) => (schema as { default?: unknown }).default !== undefined)
            .map(([key, schema]) => [key, (schema as { default?: unknown }).default]),
    );
    const { enforcementLevel: _ignored, ...values } = own;
    void _ignored;
    return { level, config: { ...defaults, ...values } };
}

export async function runPolicies(
    policies: Policies,
    resources: PolicyInput[],
    options: { stack?: string; packConfig?: PackConfig; packLevel?: EnforcementLevel } = {},
): Promise<Violation[]> {
    const stack = options.stack ?? "test";
    const packConfig = options.packConfig ?? {};
    const violations: Violation[] = [];
    const byUrn = new Map<string, PolicyResource>();
    const policyResources: PolicyResource[] = resources.map((r) => {
        const pr: PolicyResource = {
            type: r.type,
            name: r.name,
            urn: urnOf(r, stack),
            props: r.props,
            opts: { ...DEFAULT_OPTS, protect: r.protect === true, ignoreChanges: r.ignoreChanges ?? [], deleteBeforeReplace: r.deleteBeforeReplace, parent: r.parentUrn },
            provider: r.provider,
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => (cls as unknown as { __pulumiType?: string }).__pulumiType === r.type,
            asType: () => r.props as never,
        };
        byUrn.set(pr.urn, pr);
        return pr;
    });
    resources.forEach((r, i) => {
        for (const [prop, urns] of Object.entries(r.propertyDependencies ?? {})) {
            const deps = urns.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => d !== undefined);
            policyResources[i].propertyDependencies[prop] = deps;
            policyResources[i].dependencies.push(...deps);
        }
    });

    for (const policy of policies) {
        const { level, config } = settings(policy, packConfig, options.packLevel ?? "advisory");
        if (level === "disabled") continue;
        const report = (message: string, urn?: string) => violations.push({ policy: policy.name, level, message, urn });
        if ("validateStack" in policy) {
            try {
                await policy.validateStack(
                    { resources: policyResources, stackTags: new Map(), getConfig: <T>() => config as T, notApplicable },
                    report,
                );
            } catch (e) {
                if (!(e instanceof NotApplicable)) throw e;
            }
            continue;
        }
        const validations = [policy.validateResource ?? []].flat();
        for (const r of policyResources) {
            const args: ResourceValidationArgs = {
                type: r.type,
                name: r.name,
                urn: r.urn,
                props: r.props,
                opts: r.opts,
                provider: r.provider,
                stackTags: new Map(),
                isType: r.isType,
                asType: () => r.props as never,
                getConfig: <T>() => config as T,
                notApplicable,
            };
            for (const validate of validations) {
                try {
                    await validate(args, (message, urn) => report(message, urn ?? r.urn));
                } catch (e) {
                    if (!(e instanceof NotApplicable)) throw e;
                }
            }
        }
    }
    return violations;
}

/**
 * What CrossGuard hands policies: every secret unwrapped to its value (@pulumi/policy deserialize.js
 * unpacks them into plain JSON). A secret config value makes a whole input secret (e.g. a chart's
 * `values`), and a policy must see through it as it does in a real run.
 */
export function revealSecrets(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(revealSecrets);
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    if (record[specialSigKey] === specialSecretSig) return revealSecrets(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, revealSecrets(v)]));
}

/**
 * Turns a mock-engine recording into policy inputs: provider props joined, dependencies found by id.
 * `converted` holds inputs already made from some of these very resource objects (an earlier call on
 * an edited copy of the recording that kept them): they are reused, and only the others converted.
 */
export function fromRecording(recordedWithSecrets: RecordedResource[], converted?: ReadonlyMap<RecordedResource, PolicyInput>): PolicyInput[] {
    // Providers are always unwrapped: their props are joined into the inputs converted here.
    const reveal = (r: RecordedResource) => !converted?.has(r) || r.type.startsWith("pulumi:providers:");
    const recorded = recordedWithSecrets.map((r) => (reveal(r) ? { ...r, inputs: revealSecrets(r.inputs) as RecordedResource["inputs"] } : r));
    const byUrn = new Map(recorded.map((r) => [r.urn, r]));
    // What the engine records as property dependencies: any output of another resource, here its id or ARN.
    const urnById = new Map([...recorded.filter((r) => r.id).map((r) => [r.id as string, r.urn] as const), ...recorded.filter((r) => r.arn).map((r) => [r.arn as string, r.urn] as const)]);
    const idsIn = (value: unknown): string[] => {
        if (typeof value === "string") return urnById.has(value) ? [urnById.get(value) as string] : [];
        if (Array.isArray(value)) return value.flatMap(idsIn);
        if (value && typeof value === "object") return Object.values(value).flatMap(idsIn);
        return [];
    };
    const rawByUrn = new Map(recordedWithSecrets.map((r) => [r.urn, r]));
    return recorded.map((r, i) => {
        // Reused only with its provider unchanged too: the provider's props are joined into it.
        const known = converted?.get(recordedWithSecrets[i]);
        const providerKept = !r.providerUrn || converted?.has(rawByUrn.get(r.providerUrn) as RecordedResource);
        if (known && providerKept) return known;
        const provider = r.providerUrn ? byUrn.get(r.providerUrn) : undefined;
        const propertyDependencies: Record<string, string[]> = {};
        for (const [prop, value] of Object.entries(r.inputs)) {
            const deps = idsIn(value);
            if (deps.length > 0) propertyDependencies[prop] = deps;
        }
        return {
            type: r.type,
            name: r.name,
            urn: r.urn,
            parentUrn: r.parentUrn,
            props: { ...r.inputs, ...(r.id ? { id: r.id } : {}), ...(r.arn && r.inputs.arn === undefined ? { arn: r.arn } : {}) },
            provider: provider ? { type: provider.type, name: provider.name, urn: provider.urn, props: provider.inputs } : undefined,
            propertyDependencies,
            protect: r.protect,
            ignoreChanges: r.ignoreChanges,
            deleteBeforeReplace: r.deleteBeforeReplace,
        };
    });
}
