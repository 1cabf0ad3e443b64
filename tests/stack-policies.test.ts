import * as assert from "assert";
import { policies } from "../policy-pack/policies";
import { fromRecording, loadPackConfig, runPolicies } from "../sim/policy-runner";
import { ConfigError } from "../config";
import { main } from "../plan/cli";
import { loadStackFiles } from "../sim/stack-files";
import { run, stackRun, STACKS } from "./helpers";

for (const stack of STACKS) {
    describe(`policy pack over the ${stack} stack`, () => {
        it("finds no mandatory violation in anything the program registers", async () => {
            const r = await stackRun(stack);
            const violations = await runPolicies(policies, fromRecording(r.resources), { stack, packConfig: loadPackConfig(stack) });
            const mandatory = violations.filter((v) => v.level === "mandatory");
            assert.deepStrictEqual(mandatory, []);
        });

        it(stack === "prod" ? "holds prod to a restricted API endpoint (mandatory)" : "only advises dev about its open API endpoint", async () => {
            const r = await stackRun(stack);
            const violations = await runPolicies(policies, fromRecording(r.resources), { stack, packConfig: loadPackConfig(stack) });
            const endpoint = violations.filter((v) => v.policy === "eks-public-endpoint-restricted");
            assert.deepStrictEqual(endpoint.map((v) => v.level), stack === "prod" ? [] : ["advisory"]);
        });

        it("has a policy config for the stack that names its environment", () => {
            const config = loadPackConfig(stack) as Record<string, { environment?: string }>;
            assert.strictEqual(config["naming-convention"]?.environment, stack);
        });
    });
}

/**
 * Prod's promised shape, weakened one property at a time through its stack config, as a hand-edited
 * Pulumi.prod.yaml would: each is refused before a deploy (by config, or as a mandatory violation of
 * the pack with prod's pack config), and the refusal names the key to change.
 */
describe("a weakened prod is refused, naming the key to change", () => {
    const AS_OF = "2026-11-28";
    type Refusal = { by: "config" | "pack"; policy?: string; key?: string; message: string };

    async function refusals(overrides: Record<string, string>): Promise<Refusal[]> {
        try {
            const r = await run("prod", { overrides });
            const violations = await runPolicies(policies, fromRecording(r.resources), { stack: "prod", packConfig: loadPackConfig("prod") });
            return violations.filter((v) => v.level === "mandatory").map((v) => ({ by: "pack", policy: v.policy, message: v.message }));
        } catch (e) {
            if (!(e instanceof ConfigError)) throw e;
            return [{ by: "config", key: e.key, message: e.message }];
        }
    }

    /** Prod's node groups as its stack file writes them, with `primary` changed. */
    function primary(change: Record<string, unknown>): Record<string, string> {
        const groups = JSON.parse(loadStackFiles("prod").config["openwebui:nodeGroups"]) as Record<string, Record<string, unknown>>;
        return { "openwebui:nodeGroups": JSON.stringify({ ...groups, primary: { ...groups.primary, ...change } }) };
    }

    const byContract: [string, () => Record<string, string>, string][] = [
        ["EKS deletion protection off", () => ({ "openwebui:clusterDeletionProtection": "false" }), "openwebui:clusterDeletionProtection"],
        ["one shared NAT gateway", () => ({ "openwebui:natGatewayStrategy": "single" }), "openwebui:natGatewayStrategy"],
        ["a NAT instance", () => ({ "openwebui:natGatewayStrategy": "instance" }), "openwebui:natGatewayStrategy"],
        ["an unprotected backup bucket", () => ({ "openwebui:backupBucketProtect": "false" }), "openwebui:backupBucketProtect"],
        ["Container Insights off (no node or pod alarms)", () => ({ "openwebui:containerInsights": "false" }), "openwebui:containerInsights"],
        [
            "primary nodes on spot",
            () => {
                // Spot capacity with the instance types prod's own spot group already uses.
                const spot = (JSON.parse(loadStackFiles("prod").config["openwebui:nodeGroups"]) as Record<string, Record<string, unknown>>).spot;
                return primary({ capacityType: "SPOT", instanceTypes: spot.instanceTypes, amiType: spot.amiType });
            },
            "openwebui:nodeGroups.primary.capacityType",
        ],
        ["one primary node", () => primary({ minSize: 1, desiredSize: 1 }), "openwebui:nodeGroups.primary.minSize"],
        ["one LiteLLM pod", () => ({ "openwebui:litellmReplicas": "1" }), "openwebui:litellmReplicas"],
        ["no way for the Deployments agent to reach the private API endpoint", () => ({ "openwebui:deployAgentAccess": "false" }), "openwebui:deployAgentAccess"],
    ];
    for (const [what, overrides, key] of byContract) {
        it(`${what}: a mandatory prod-contract violation naming ${key}`, async () => {
            const found = await refusals(overrides());
            assert.ok(
                found.some((f) => f.policy === "prod-contract" && f.message.includes(key)),
                JSON.stringify(found, null, 1),
            );
        });
    }

    // Promises that config or another mandatory policy already holds: refused either way, with the key.
    const elsewhere: [string, Record<string, string>, string][] = [
        ["one Open WebUI pod", { "openwebui:webuiReplicas": "1" }, "openwebui:webuiReplicas"],
        ["RDS without Multi-AZ", { "openwebui:databaseMultiAz": "false" }, "openwebui:databaseMultiAz"],
        ["RDS without deletion protection", { "openwebui:databaseDeletionProtection": "false" }, "openwebui:databaseDeletionProtection"],
        ["no WAF", { "openwebui:appWaf": "false" }, "openwebui:appWaf"],
        ["plain HTTP", { "openwebui:appDomain": "", "openwebui:appCertificateArn": "" }, "openwebui:appDomain"],
        ["the endpoint open as 0.0.0.0/1 + 128.0.0.0/1", { "openwebui:endpointPublicAccessCidrs": JSON.stringify(["0.0.0.0/1", "128.0.0.0/1"]) }, "openwebui:endpointPublicAccessCidrs"],
        ["the endpoint open as four /2s", { "openwebui:endpointPublicAccessCidrs": JSON.stringify(["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"]) }, "openwebui:endpointPublicAccessCidrs"],
    ];
    for (const [what, overrides, key] of elsewhere) {
        it(`${what}: refused, naming ${key}`, async () => {
            const found = await refusals(overrides);
            assert.ok(found.some((f) => (f.by === "config" ? f.key === key : f.message.includes(key))), JSON.stringify(found, null, 1));
        });
    }

    it("the unweakened prod keeps the contract, and dev (which departs from it by design) is not refused by it", async () => {
        for (const stack of STACKS) {
            const found = await runPolicies(policies, fromRecording((await stackRun(stack)).resources), { stack, packConfig: loadPackConfig(stack) });
            assert.deepStrictEqual(found.filter((v) => v.policy === "prod-contract"), [], stack);
        }
        // Only its pack config exempts dev: under prod's, its single NAT instance and spot primary nodes are refused.
        const devUnderProd = await runPolicies(policies, fromRecording((await stackRun("dev")).resources), { stack: "dev", packConfig: loadPackConfig("prod") });
        const contract = devUnderProd.filter((v) => v.policy === "prod-contract").map((v) => v.message);
        assert.ok(contract.some((m) => m.includes("openwebui:natGatewayStrategy")), JSON.stringify(contract));
    });

    it("`npm run plan -- prod` exits 1 on a weakening and prints the contract's finding", async () => {
        let out = "";
        const code = await main(["prod", "--set", "natGatewayStrategy=single", "--as-of", AS_OF], (s) => (out += s + "\n"), (s) => (out += s + "\n"));
        assert.strictEqual(code, 1, out);
        assert.match(out, /\[prod-contract\] .*set openwebui:natGatewayStrategy: perAz/);
    });
});
