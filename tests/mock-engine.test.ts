import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import { RecordingMocks } from "../sim/mock-engine";
import { run } from "./helpers";
import { loadStackFiles } from "../sim/stack-files";

describe("mock engine", () => {
    it("feeds Pulumi.yaml defaults and lets the stack file override them", () => {
        const dev = loadStackFiles("dev").config;
        const prod = loadStackFiles("prod").config;
        assert.strictEqual(dev["openwebui:vpcCidr"], "10.0.0.0/16");
        assert.strictEqual(dev["openwebui:availabilityZones"], JSON.stringify(["ap-northeast-2a", "ap-northeast-2c"]));
        assert.strictEqual(dev["openwebui:natGatewayStrategy"], "instance");
        assert.strictEqual(prod["openwebui:natGatewayStrategy"], "perAz");
        assert.strictEqual(prod["aws:region"], "ap-northeast-2");
    });

    it("names the stacks it knows when asked for one without a stack file", () => {
        assert.throws(() => loadStackFiles("staging"), /unknown stack "staging": there is no Pulumi\.staging\.yaml \(stacks here: dev, dr, prod\)/);
    });

    it("fails loudly on a remote component it has no outputs for", () => {
        const mocks = new RecordingMocks("openwebui", "dev");
        assert.throws(
            () => mocks.newResource({ type: "awsx:ec2:Vpc", name: "vpc", inputs: {}, custom: false }),
            /unknown remote component awsx:ec2:Vpc/,
        );
    });

    it("fails loudly on a provider function it cannot answer", () => {
        const mocks = new RecordingMocks("openwebui", "dev");
        assert.throws(() => mocks.call({ token: "aws:ec2/getAmi:getAmi", inputs: {} }), /no answer for the provider function/);
    });

    // A run switches off the SDK's stack captures (see runProgram); whatever else the process runs
    // afterwards (another run's errors, the real SDK in a CLI test) must find them as they were.
    it("puts back the SDK's stack captures after a run, whether it succeeded or was refused", async () => {
        const sdk = () => ({
            limit: Error.stackTraceLimit,
            callsites: (pulumi.Resource as unknown as { callsites: unknown }).callsites,
            debuggable: (debuggable as unknown as { debuggablePromise: unknown }).debuggablePromise,
            warn: pulumi.log.warn,
        });
        // A limit of its own: a worker's earlier file could have left the default's value changed,
        // and a run that did not put it back would then leave the same value behind.
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 17;
        try {
            const before = sdk();
            await run("dev");
            assert.deepStrictEqual(sdk(), before);
            await assert.rejects(run("dev", { overrides: { "openwebui:vpcCidr": "10.0.0.0/33" } }), /vpcCidr/);
            assert.deepStrictEqual(sdk(), before);
        } finally {
            Error.stackTraceLimit = limit;
        }
    });
});
