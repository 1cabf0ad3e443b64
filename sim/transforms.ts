/**
 * Watches registrations where the SDK's mocks cannot: parents, and transforms. The SDK's mock
 * monitor says it cannot run transforms and has no callback server for them. In a real run the engine calls a component's transforms for each child it registers; under mocks
 * the children of remote components are invisible anyway. So this records which transforms the
 * program attached to which resource, and tests apply them to the child the component is known to
 * create.
 */
import * as pulumi from "@pulumi/pulumi";
import { Callback } from "@pulumi/pulumi/proto/callback_pb";
import { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";

// Internal runtime modules (marked @internal, so without typings): the store holds the feature
// flags and the callback server; the monitor is the SDK's MockMonitor.
interface RuntimeStore {
    supportsTransforms: boolean;
    callbacks?: {
        registerTransform(transform: pulumi.ResourceTransform): Promise<Callback>;
        awaitStackRegistrations(): Promise<void>;
        shutdown(): void;
    };
}
interface Monitor {
    registerResource(req: RegisterResourceRequest, callback: (...args: unknown[]) => void): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): RuntimeStore };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): Monitor | undefined };

/** What the engine learns of a resource at registration: its URN, parent and dependencies. */
export interface Registration {
    urn: string;
    parentUrn?: string;
    /** Engine URNs of what it waits for: `dependsOn` and the resources its inputs came from. */
    dependencies: string[];
    /** The `protect` resource option, which a preview hands the policy pack with the resource. */
    protect: boolean;
    /** The other lifecycle options, as the registration request carries them to the engine. */
    retainOnDelete: boolean;
    ignoreChanges: string[];
    deleteBeforeReplace?: boolean;
    replaceOnChanges: string[];
}

export class TransformRecorder {
    private readonly byToken = new Map<string, pulumi.ResourceTransform>();
    private readonly byResource = new Map<string, pulumi.ResourceTransform[]>();
    // The SDK's mock callback does not say who the parent is; the request does. URNs are rebuilt
    // the way the engine builds them (the whole parent type chain, without the stack's type),
    // keyed by the SDK mock's own URNs, which carry only the immediate parent's type.
    private readonly registrations = new Map<string, Registration>();
    private readonly realUrnOfMockUrn = new Map<string, string>();

    /** Call right after setMocks: replaces the callback server and watches registrations. */
    install(): void {
        const store = state.getStore();
        store.supportsTransforms = true;
        store.callbacks = {
            registerTransform: async (transform) => {
                const token = `transform-${this.byToken.size}`;
                this.byToken.set(token, transform);
                return new Callback().setTarget("mock-engine").setToken(token);
            },
            awaitStackRegistrations: async () => undefined,
            shutdown: () => undefined,
        };
        const monitor = settings.getMonitor();
        if (!monitor) throw new Error("mock engine: no resource monitor after setMocks");
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req, callback) => {
            this.register(req);
            const transforms = req.getTransformsList().map((c) => this.byToken.get(c.getToken()));
            if (transforms.length > 0) {
                this.byResource.set(key(req.getType(), req.getName()), transforms as pulumi.ResourceTransform[]);
            }
            return register(req, callback);
        };
    }

    private register(req: RegisterResourceRequest): void {
        const [type, name, mockParentUrn] = [req.getType(), req.getName(), req.getParent()];
        // A program run by require() under mocks has no root stack resource; the engine would parent
        // top-level resources to it.
        const stackUrn = `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${STACK_TYPE}::${pulumi.getProject()}-${pulumi.getStack()}`;
        const parentUrn = type === STACK_TYPE ? undefined : mockParentUrn ? (this.realUrnOfMockUrn.get(mockParentUrn) ?? mockParentUrn) : stackUrn;
        const parentChain = parentUrn?.split("::")[2];
        const qualifiedType = parentChain && parentChain !== STACK_TYPE ? `${parentChain}$${type}` : type;
        const urn = `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualifiedType}::${name}`;
        const mockType = mockParentUrn ? `${mockParentUrn.split("::")[2].split("$").pop()}$${type}` : type;
        this.realUrnOfMockUrn.set(`urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${mockType}::${name}`, urn);
        this.registrations.set(key(type, name), {
            urn,
            parentUrn,
            dependencies: req.getDependenciesList().map((d) => this.realUrn(d)),
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            ignoreChanges: req.getIgnorechangesList(),
            // Defined-or-not travels separately: unset means the provider's default, not false.
            deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
            replaceOnChanges: req.getReplaceonchangesList(),
        });
    }

    /** Maps a URN the SDK's mocks hand out (e.g. in a provider reference) to the engine's form. */
    realUrn(mockUrn: string): string {
        return this.realUrnOfMockUrn.get(mockUrn) ?? mockUrn;
    }

    /** The URN the engine would give the resource, and its parent's. */
    registration(type: string, name: string): Partial<Registration> {
        return this.registrations.get(key(type, name)) ?? {};
    }

    transformsOf(type: string, name: string): pulumi.ResourceTransform[] {
        return this.byResource.get(key(type, name)) ?? [];
    }
}

export const STACK_TYPE = "pulumi:pulumi:Stack";

function key(type: string, name: string): string {
    return `${type}::${name}`;
}
