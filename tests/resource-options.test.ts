/**
 * The resource options the program relies on, as the engine receives them in the registration
 * request (sim/transforms.ts records them): what keeps data through a `pulumi destroy`, what a
 * stack refuses to delete, and what an `up` must not undo. Inputs alone cannot show any of these.
 */
import * as assert from "assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { prodContract } from "../policy-pack/policies/contract";
import { fromRecording, loadPackConfig, runPolicies } from "../sim/policy-runner";
import { ProgramRun } from "../sim/mock-engine";
import { named, ofType, stackRun, STACKS } from "./helpers";

const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

/** The backup and uploads buckets, and their Tokyo replicas where the stack copies them (recoveryCopies). */
const keptBuckets = (r: ProgramRun): string[] =>
    ["backup-bucket", "uploads-bucket"].flatMap((type) => [`openwebui-${type}-${r.stack}`, ...(r.config["openwebui:recoveryCopies"] === "true" ? [`openwebui-${type}-${r.stack}-dr`] : [])]);

for (const stack of STACKS) {
    describe(`resource options (${stack})`, () => {
        it("keeps the backup and uploads buckets on destroy (retainOnDelete), and protects them where the stack says", async () => {
            const r = await stackRun(stack);
            const protectedInStack = r.config["openwebui:backupBucketProtect"] === "true";
            assert.strictEqual(protectedInStack, stack === "prod", "prod's stack file protects the backups");
            for (const name of keptBuckets(r)) {
                const bucket = named(r, name);
                assert.strictEqual(bucket.retainOnDelete, true, `${name}: a destroy must leave it`);
                assert.strictEqual(bucket.protect, stack === "prod", `${name}: protect`);
                assert.strictEqual(bucket.inputs.forceDestroy, false, `${name}: not emptied on delete`);
            }
        });

        it("leaves every node group's desired size to the cluster autoscaler (ignoreChanges), and nothing else", async () => {
            const groups = ofType(await stackRun(stack), NODE_GROUP);
            assert.ok(groups.length > 0);
            for (const g of groups) assert.deepStrictEqual(g.ignoreChanges, ["scalingConfig.desiredSize"], g.name);
        });

        it("keeps a NAT instance on its AMI when the parameter moves (ignoreChanges), where the stack uses one", async () => {
            const r = await stackRun(stack);
            const instances = ofType(r, "aws:ec2/instance:Instance").filter((i) => i.name.includes("nat"));
            assert.strictEqual(instances.length, r.config["openwebui:natGatewayStrategy"] === "instance" ? 1 : 0);
            for (const i of instances) assert.deepStrictEqual(i.ignoreChanges, ["ami"], i.name);
        });

        it("protects, retains and ignores nothing else: an option added elsewhere gets a test here", async () => {
            const r = await stackRun(stack);
            const buckets = new Set(keptBuckets(r));
            const others = r.resources.filter((x) => !buckets.has(x.name));
            assert.deepStrictEqual(others.filter((x) => x.protect || x.retainOnDelete).map((x) => x.name), []);
            const ignoring = others.filter((x) => x.ignoreChanges.length > 0 && x.type !== NODE_GROUP && !(x.type === "aws:ec2/instance:Instance" && x.name.includes("nat")));
            assert.deepStrictEqual(ignoring.map((x) => x.name), []);
            assert.deepStrictEqual(r.resources.filter((x) => x.deleteBeforeReplace !== undefined || x.replaceOnChanges.length > 0).map((x) => x.name), []);
        });

        it("hands the policies the options a preview passes (protect, ignoreChanges, parent)", async () => {
            const r = await stackRun(stack);
            const seen = new Map<string, { protect: boolean; ignoreChanges: string[]; parent?: string }>();
            const probe: ResourceValidationPolicy = {
                name: "options-probe",
                description: "records what it is given",
                validateResource: (args) => void seen.set(args.urn, args.opts),
            };
            await runPolicies([probe], fromRecording(r.resources), { stack });
            for (const x of r.resources) {
                const opts = seen.get(x.urn);
                assert.ok(opts, x.urn);
                assert.strictEqual(opts.protect, x.protect, `${x.name}: protect`);
                assert.deepStrictEqual(opts.ignoreChanges, x.ignoreChanges, `${x.name}: ignoreChanges`);
                assert.strictEqual(opts.parent, x.parentUrn, `${x.name}: parent`);
            }
        });
    });
}

describe("resource options reach the prod contract", () => {
    it("flags prod's backup bucket once the program stops protecting it", async () => {
        const r = await stackRun("prod");
        const packConfig = loadPackConfig("prod");
        const contract = (resources: typeof r.resources) => runPolicies([prodContract], fromRecording(resources), { stack: "prod", packConfig });
        const flagged = (violations: { message: string }[]) => violations.filter((v) => v.message.includes("backupBucketProtect"));
        assert.deepStrictEqual(flagged(await contract(r.resources)), []);
        const unprotected = r.resources.map((x) => (x.name === "openwebui-backup-bucket-prod" ? { ...x, protect: false } : x));
        assert.strictEqual(flagged(await contract(unprotected)).length, 1);
    });
});
