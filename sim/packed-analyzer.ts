/**
 * The policy pack as Pulumi ships and runs it, not as our own code imports it:
 *   1. `npm pack` in policy-pack/ alone (what `pulumi policy publish` does; npm runs `prepack`);
 *   2. the tarball's `package/` unpacked into an empty folder and `npm install`ed there (what the
 *      CLI and the service do before running a published pack);
 *   3. `@pulumi/pulumi/cmd/run-policy-pack` started in that folder, exactly as the analyzer plugin
 *      starts it, and spoken to over the analyzer gRPC protocol: GetAnalyzerInfo, Configure,
 *      Analyze for each resource, AnalyzeStack once.
 */
import * as grpc from "@grpc/grpc-js";
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as os from "os";
import * as path from "path";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/analyzer_pb";
import { PackedPack, packTarball, unpack } from "../policy-pack/published";
import type { PackConfig, PolicyInput, Violation } from "./policy-runner";

const LEVEL_TO_PROTO = { advisory: proto.EnforcementLevel.ADVISORY, mandatory: proto.EnforcementLevel.MANDATORY, disabled: proto.EnforcementLevel.DISABLED, remediate: proto.EnforcementLevel.REMEDIATE } as const;
const LEVEL_FROM_PROTO = Object.fromEntries(Object.entries(LEVEL_TO_PROTO).map(([k, v]) => [v, k])) as Record<number, Violation["level"]>;

/** Plain JSON, as the engine marshals resolved inputs into a Struct. */
const struct = (value: unknown) => Struct.fromJavaScript(JSON.parse(JSON.stringify(value ?? {})));

export interface InstalledPack extends PackedPack {
    dir: string;
}

/** Packs policy-pack/ and installs the tarball into a new empty folder. */
export function packAndInstall(workDir = fs.mkdtempSync(path.join(os.tmpdir(), "openwebui-pack-"))): InstalledPack {
    const packed = packTarball(workDir);
    const dir = unpack(packed.tarball, path.join(workDir, "installed"));
    // What the CLI runs in the unpacked folder (npm.Install, production=false). --prefer-offline only
    // reuses the packages npm ci already cached; any that are missing come from the registry.
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    return { ...packed, dir };
}

function call<Req, Res>(fn: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => fn(req, (err, res) => (err ? reject(err) : resolve(res))));
}

export class PackedAnalyzer {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: AnalyzerClient,
    ) {}

    /** Starts the installed pack the way the analyzer plugin does, and connects to it. */
    static async start(installedDir: string): Promise<PackedAnalyzer> {
        const runner = path.join(installedDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
        // The engine address is only used for log messages, which the pack does not send.
        const child = spawn(process.execPath, [runner, "127.0.0.1:1", installedDir], { cwd: installedDir, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr?.on("data", (d) => (stderr += String(d)));
        const port = await new Promise<string>((resolve, reject) => {
            let out = "";
            child.stdout?.on("data", (d) => {
                out += String(d);
                const line = /^(\d+)\s*$/m.exec(out);
                if (line) resolve(line[1]);
            });
            child.on("exit", (code) => reject(new Error(`the packed policy pack exited (${code}) before serving: ${stderr.trim()}`)));
        });
        return new PackedAnalyzer(child, new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()));
    }

    async info(): Promise<proto.AnalyzerInfo> {
        return call(this.client.getAnalyzerInfo.bind(this.client), new Empty());
    }

    /**
     * What the CLI sends for `--policy-pack-config <stack>.json`: every policy, with its schema's
     * defaults and its own enforcement level first, then the file's values on top
     * (ReconcilePolicyPackConfig in pulumi/pulumi).
     */
    async configure(packConfig: PackConfig): Promise<void> {
        const info = await this.info();
        const req = new proto.ConfigureAnalyzerRequest();
        for (const policy of info.getPoliciesList()) {
            const schema = (policy.getConfigschema()?.getProperties()?.toJavaScript() ?? {}) as Record<string, { default?: unknown }>;
            const defaults = Object.fromEntries(Object.entries(schema).filter(([, s]) => s.default !== undefined).map(([k, s]) => [k, s.default]));
            const entry = packConfig[policy.getName()];
            const { enforcementLevel, ...properties } = typeof entry === "string" ? { enforcementLevel: entry } : (entry ?? {});
            const level = enforcementLevel ? LEVEL_TO_PROTO[enforcementLevel] : policy.getEnforcementlevel();
            req.getPolicyconfigMap().set(policy.getName(), new proto.PolicyConfig().setEnforcementlevel(level).setProperties(struct({ ...defaults, ...properties })));
        }
        await call(this.client.configure.bind(this.client), req);
    }

    /** Analyze for every resource, then AnalyzeStack: the calls a preview makes. */
    async analyze(resources: PolicyInput[], stack: string): Promise<Violation[]> {
        const urnOf = (r: PolicyInput) => r.urn ?? `urn:pulumi:${stack}::openwebui::${r.type}::${r.name}`;
        const provider = (r: PolicyInput) =>
            r.provider ? new proto.AnalyzerProviderResource().setType(r.provider.type).setName(r.provider.name).setUrn(r.provider.urn).setProperties(struct(r.provider.props)) : undefined;
        const options = (r: PolicyInput) =>
            new proto.AnalyzerResourceOptions()
                .setParent(r.parentUrn ?? "")
                .setProtect(r.protect === true)
                .setIgnorechangesList(r.ignoreChanges ?? [])
                .setDeletebeforereplacedefined(r.deleteBeforeReplace !== undefined)
                .setDeletebeforereplace(r.deleteBeforeReplace === true);
        const diagnostics: proto.AnalyzeDiagnostic[] = [];
        for (const r of resources) {
            const req = new proto.AnalyzeRequest().setType(r.type).setName(r.name).setUrn(urnOf(r)).setProperties(struct(r.props)).setOptions(options(r));
            const p = provider(r);
            if (p) req.setProvider(p);
            // The engine attaches the analyzed resource's URN to what Analyze reports without one.
            const found = (await call<proto.AnalyzeRequest, proto.AnalyzeResponse>(this.client.analyze.bind(this.client), req)).getDiagnosticsList();
            diagnostics.push(...found.map((d) => (d.getUrn() ? d : d.setUrn(urnOf(r)))));
        }
        const stackReq = new proto.AnalyzeStackRequest().setResourcesList(
            resources.map((r) => {
                const res = new proto.AnalyzerResource().setType(r.type).setName(r.name).setUrn(urnOf(r)).setProperties(struct(r.props)).setOptions(options(r)).setParent(r.parentUrn ?? "");
                const p = provider(r);
                if (p) res.setProvider(p);
                const deps = Object.values(r.propertyDependencies ?? {}).flat();
                res.setDependenciesList([...new Set(deps)]);
                for (const [prop, urns] of Object.entries(r.propertyDependencies ?? {})) {
                    res.getPropertydependenciesMap().set(prop, new proto.AnalyzerPropertyDependencies().setUrnsList(urns));
                }
                return res;
            }),
        );
        diagnostics.push(...(await call<proto.AnalyzeStackRequest, proto.AnalyzeResponse>(this.client.analyzeStack.bind(this.client), stackReq)).getDiagnosticsList());
        // The pack sends "<policy description>\n<message>"; the CLI shows both, we compare the message.
        const messageOf = (d: proto.AnalyzeDiagnostic) => d.getMessage().replace(`${d.getDescription()}\n`, "");
        return diagnostics.map((d) => ({ policy: d.getPolicyname(), level: LEVEL_FROM_PROTO[d.getEnforcementlevel()], message: messageOf(d), urn: d.getUrn() || undefined }));
    }

    stop(): void {
        this.client.close();
        this.child.kill();
    }
}
