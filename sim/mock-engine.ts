/**
 * Runs the real program (index.ts) for a stack under the Pulumi SDK's mock resource monitor and
 * records every resource it registers. Shared by the unit tests and the policy run.
 */
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { computedOutputs, INVOKES } from "./fake-aws";
import { REMOTE_COMPONENT_OUTPUTS } from "./remote-components";
import { FlatConfig, loadStackFiles, PROJECT_DIR } from "./stack-files";
import { TransformRecorder } from "./transforms";
import { loadStackConfig, readStackConfig } from "../config";
import type { Placeholder } from "../config/placeholders";
import { openWebUI } from "../program";
import { PROJECT } from "@openwebui-aws/rules/naming";

// The SDK's promise wrapper (internal to it, so not in its declarations): see runProgram.
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx?: string) => Promise<T> };
// Where the SDK tracks the registrations in flight (internal too): see settle.
const sdkSettings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };

export interface RecordedResource {
    type: string;
    name: string;
    urn: string;
    /** What the program passed: for custom resources, the inputs the provider would check. */
    inputs: Record<string, any>;
    custom: boolean;
    /** URN of the explicit or default provider, for custom resources. */
    providerUrn?: string;
    id?: string;
    /** The ARN the fake provider gave it: programs pass ARNs around as often as ids. */
    arn?: string;
    /** URN of the parent resource (a component, or the stack). */
    parentUrn?: string;
    /** URNs the engine makes it wait for (`dependsOn` and input dependencies). */
    dependencies: string[];
    /** The `protect` resource option as the program set it (the engine passes it to the policy pack). */
    protect: boolean;
    /** Kept in the cloud when removed from the program or the stack is destroyed. */
    retainOnDelete: boolean;
    /** Input paths the engine does not diff (e.g. a size an autoscaler moves). */
    ignoreChanges: string[];
    /** Whether a replacement deletes the old resource first; undefined when the program left it to the provider. */
    deleteBeforeReplace?: boolean;
    /** Input paths whose change forces a replacement. */
    replaceOnChanges: string[];
    /** Transforms the program attached (they run on this resource's children in a real run). */
    transforms: pulumi.ResourceTransform[];
}

export interface ProgramRun {
    stack: string;
    config: FlatConfig;
    resources: RecordedResource[];
    outputs: Record<string, unknown>;
    /** Stack outputs that are Pulumi secrets (`pulumi stack output` shows them only with --show-secrets). */
    secretOutputs: string[];
    /** Encrypted stack-file values the run used stand-ins for (config/sensitive.ts), e.g. `openwebui:alertEmails[0]`. */
    standIns: string[];
    /** Keys of the project's namespace the config module read (the main program only). */
    keysRead: string[];
    /** Placeholders left in the stack's config (warnings in a preview, refused by `up`). */
    placeholders: Placeholder[];
    /** What the program logged as warnings (a preview shows them). */
    warnings: string[];
    /** Provider functions the program called (data sources), with their arguments. */
    invokes: { token: string; inputs: Record<string, unknown> }[];
}

export class RecordingMocks implements pulumi.runtime.Mocks {
    readonly resources: RecordedResource[] = [];
    readonly invokes: { token: string; inputs: Record<string, unknown> }[] = [];
    readonly failures: Error[] = [];
    readonly transforms = new TransformRecorder();

    constructor(
        private readonly project: string,
        private readonly stack: string,
    ) {}

    private fail(message: string): never {
        const error = new Error(`mock engine: ${message}`);
        this.failures.push(error);
        throw error;
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        this.invokes.push({ token: args.token, inputs: args.inputs });
        const answer = INVOKES[args.token];
        return answer ? answer(args.inputs) : this.fail(`no answer for the provider function ${args.token}; add it to sim/fake-aws.ts`);
    }

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const custom = args.custom === true;
        let state: Record<string, unknown>;
        if (custom) {
            state = computedOutputs(args.type, args.name, args.inputs);
        } else if (args.type.startsWith(`${this.project}:`)) {
            state = {}; // our own component: its outputs come from registerOutputs
        } else {
            const outputsOf = REMOTE_COMPONENT_OUTPUTS[args.type];
            state = outputsOf
                ? { ...args.inputs, ...outputsOf(args.name, args.inputs) }
                : this.fail(`unknown remote component ${args.type} ("${args.name}"): add its outputs to sim/remote-components.ts`);
        }
        const id = custom ? `${args.name}-id` : undefined;
        const registration = this.transforms.registration(args.type, args.name);
        this.resources.push({
            type: args.type,
            name: args.name,
            urn: registration.urn ?? `urn:pulumi:${this.stack}::${this.project}::${args.type}::${args.name}`,
            inputs: args.inputs,
            custom,
            providerUrn: args.provider ? this.transforms.realUrn(args.provider.split("::").slice(0, -1).join("::")) : undefined,
            id,
            arn: custom && typeof state.arn === "string" ? state.arn : undefined,
            parentUrn: registration.parentUrn,
            dependencies: registration.dependencies ?? [],
            protect: registration.protect ?? false,
            retainOnDelete: registration.retainOnDelete ?? false,
            ignoreChanges: registration.ignoreChanges ?? [],
            deleteBeforeReplace: registration.deleteBeforeReplace,
            replaceOnChanges: registration.replaceOnChanges ?? [],
            transforms: this.transforms.transformsOf(args.type, args.name),
        });
        return { id, state };
    }
}

/**
 * Another project's program (deployment/) runs when its index.ts is imported, so its own modules are
 * re-required for every run. The main program is a function (program.ts) and needs none of this.
 */
function requireFresh(entry: string): Record<string, unknown> {
    const dir = path.dirname(entry);
    for (const file of Object.keys(require.cache)) {
        if (file.startsWith(dir + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[file];
    }
    return require(entry) as Record<string, unknown>;
}

/** Waits until registrations stop: resources created inside apply() arrive after their inputs resolve. */
/**
 * Waits, as the language host does before it tells the engine the program is done, for every
 * registration the SDK has in flight, again until a pass registers nothing new (a resource created
 * inside an apply). Waiting a fixed 20 ms per pass instead cost most of a small run's time.
 */
async function settle(mocks: RecordingMocks): Promise<void> {
    let seen = -1;
    while (seen !== mocks.resources.length) {
        seen = mocks.resources.length;
        await sdkSettings.waitForRPCs();
        await new Promise((resolve) => setImmediate(resolve));
    }
}

/** What a preview shows for an output that depends on a value only `pulumi up` learns. */
export const UNKNOWN_IN_PREVIEW = "(known after pulumi up)";

async function resolveOutputs(exports: Record<string, unknown>): Promise<{ resolved: Record<string, unknown>; secret: string[] }> {
    const resolved: Record<string, unknown> = {};
    const secret: string[] = [];
    for (const [key, value] of Object.entries(exports)) {
        // An unknown output never runs its apply callbacks: waiting on one would stall the run.
        const output = pulumi.output(value) as pulumi.Output<unknown> & { isKnown: Promise<boolean> };
        resolved[key] = (await output.isKnown) ? await new Promise((resolve) => output.apply(resolve)) : UNKNOWN_IN_PREVIEW;
        if (await pulumi.isSecret(output)) secret.push(key);
    }
    return { resolved, secret };
}

export interface RunOptions {
    /** Config values that replace the stack files' ones: how tests feed bad config. */
    overrides?: FlatConfig;
    /** Keys to drop from the stack's config before the run. */
    remove?: string[];
    /** Run as `pulumi up` (isDryRun false) instead of `pulumi preview`. */
    up?: boolean;
    /**
     * Keys to pass as secrets with their plaintext values: what the CLI hands a real run after
     * decrypting the stack file (offline, encrypted values get stand-ins instead).
     */
    secretKeys?: string[];
    /**
     * Where Pulumi.yaml and the stack files are: the main program's (this repository's root) by
     * default. A directory whose Pulumi.yaml names this project (a copy with edited stack files) runs
     * the main program; another project (e.g. deployment/) runs its own index.ts.
     */
    projectDir?: string;
}

let running = false;

export async function runProgram(stack: string, options: RunOptions = {}): Promise<ProgramRun> {
    if (running) {
        throw new Error("mock engine: one program run at a time (the Pulumi runtime is global)");
    }
    running = true;
    // The SDK captures and formats a stack trace for every promise it creates (leak diagnostics and
    // source positions for the CLI's display): most of a run's time, and nothing offline reads them.
    // Errors raised by the program itself still carry their message (and their class).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    // For the same reason, the SDK's promise wrapper is passed by during a run: it only decorates
    // each of the run's thousands of promises with a debug id, a context and a stack (which turns them
    // into slow dictionary-mode objects) and tracks them for a leak report printed at process exit.
    // The promise itself, and so every value and error the program and the monitor see, is unchanged.
    const debuggablePromise = debuggable.debuggablePromise;
    debuggable.debuggablePromise = <T>(p: Promise<T>) => p;
    // And every resource's constructor lifts that limit to capture the whole stack, then parses it
    // into the source position the CLI shows beside the resource, which the mock monitor never reads.
    const resourceClass = pulumi.Resource as unknown as { callsites: () => unknown[] };
    const callsites = resourceClass.callsites;
    resourceClass.callsites = () => [];
    // What the program logs as warnings, which a preview shows: with no engine the SDK would print them.
    const warnings: string[] = [];
    const log = pulumi.log as { warn: typeof pulumi.log.warn };
    const warn = log.warn;
    log.warn = (message: string) => {
        warnings.push(message);
        return Promise.resolve();
    };
    try {
        const projectDir = options.projectDir ?? PROJECT_DIR;
        const files = loadStackFiles(stack, projectDir);
        const config: FlatConfig = { ...files.config, ...options.overrides };
        for (const key of options.remove ?? []) delete config[key];

        const mocks = new RecordingMocks(files.project, stack);
        // As the CLI does: the keys holding an encrypted value are passed on as secret keys.
        pulumi.runtime.setAllConfig(config, [...files.secretKeys, ...(options.secretKeys ?? [])]);
        // A preview unless the caller asks for an update: what the plan and a PR check run.
        await pulumi.runtime.setMocks(mocks, files.project, stack, !options.up);
        mocks.transforms.install();

        let exports: Record<string, unknown>;
        let keysRead: string[] = [];
        let placeholders: Placeholder[] = [];
        try {
            if (files.project === PROJECT) {
                // As index.ts does, through loadStackConfig: the warnings are the ones it logs.
                const config = loadStackConfig(() => {
                    const read = readStackConfig();
                    keysRead = read.keysRead;
                    placeholders = read.placeholders;
                    return read;
                });
                exports = openWebUI(config);
            } else {
                exports = requireFresh(path.join(projectDir, "index.ts"));
            }
        } catch (e) {
            // Tests assert that bad config stops the program before anything is registered.
            throw Object.assign(e as Error, { registeredBeforeFailure: mocks.resources.length });
        }
        const { resolved: outputs, secret: secretOutputs } = await resolveOutputs(exports);
        await settle(mocks);
        if (mocks.failures.length > 0) {
            throw mocks.failures[0];
        }
        return { stack, config, resources: mocks.resources, outputs, secretOutputs, standIns: files.standIns, keysRead, placeholders, warnings, invokes: mocks.invokes };
    } finally {
        Error.stackTraceLimit = stackTraceLimit;
        debuggable.debuggablePromise = debuggablePromise;
        resourceClass.callsites = callsites;
        log.warn = warn;
        running = false;
    }
}
