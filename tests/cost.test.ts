import * as assert from "assert";
import { bedrockTokenPrices, controlPlaneHourly, estimate, UnknownPriceError } from "@openwebui-aws/rules/cost/estimate";
import { quantitiesFrom } from "@openwebui-aws/rules/cost/quantities";
import { DEFAULT_USAGE, UsageAssumptions, usageFromPolicyConfig } from "@openwebui-aws/rules/cost/usage";
import { COST_POLICY_NAME, monthlyCostWithinBudget } from "../policy-pack/policies/cost";
import { loadPackConfig } from "../policy-pack/published";
import { DESIGN_BASELINE } from "@openwebui-aws/rules/cost/design-baseline";
import { MONTHLY_TARGET_USD } from "@openwebui-aws/rules/cost/targets";
import { FREE_TYPES, PRICED_TYPES, unpricedTypes } from "@openwebui-aws/rules/cost/free-types";
import { unpricedFailure } from "../plan/plan";
import { loadStackFiles } from "../sim/stack-files";
import { NO_USAGE } from "./fixtures";
import { run, stackRun } from "./helpers";

const NONE: UsageAssumptions = NO_USAGE;
const AS_OF = "2026-11-28";
const byItem = (e: ReturnType<typeof estimate>, pattern: RegExp) => Math.round(e.lineItems.filter((i) => pattern.test(i.item)).reduce((s, i) => s + i.monthlyUsd, 0) * 100) / 100;

/** The stack's own usage assumptions: what its pack config gives the cost policy. */
function stackUsage(stack: string): UsageAssumptions {
    return usageFromPolicyConfig(loadPackConfig(stack)[COST_POLICY_NAME]) as UsageAssumptions;
}

async function runEstimate(stack: string) {
    const run = await stackRun(stack);
    return estimate(quantitiesFrom(run.resources.map((r) => ({ type: r.type, props: { ...r.inputs, id: r.id } }))), stackUsage(stack), AS_OF);
}

describe("cost model (Seoul prices)", () => {
    it("reproduces the design's baseline at Seoul prices: about $282 (the design said $228 at us-east-1 prices)", () => {
        // The design's "misc $5" (ECR, CloudWatch) is 5 GB of logs here; it counts no NAT processing.
        const e = estimate(DESIGN_BASELINE, { ...NONE, albLcu: 1, albPublicIps: 2, dataOutGb: 10, logIngestGb: 5 }, AS_OF);
        assert.ok(Math.abs(e.monthlyUsd - 282) / 282 <= 0.02, `baseline $${e.monthlyUsd} is not within 2% of $282`);
        assert.strictEqual(byItem(e, /control plane/), 73);
        assert.strictEqual(byItem(e, /^EC2/), 75.92);
        assert.strictEqual(byItem(e, /EBS gp3/), 3.65);
        assert.strictEqual(byItem(e, /NAT gateway hours/), 86.14);
        assert.strictEqual(byItem(e, /^ALB/), 22.27);
        assert.strictEqual(byItem(e, /Public IPv4/), 14.6);
        assert.strictEqual(byItem(e, /Data transfer out/), 1.26);
    });

    it("bills extended support only when the upgrade policy allows it and the version has left standard", () => {
        assert.strictEqual(controlPlaneHourly("1.34", "STANDARD", "2027-06-01").usd, 0.1);
        assert.strictEqual(controlPlaneHourly("1.34", undefined, "2026-12-01").usd, 0.1);
        assert.strictEqual(controlPlaneHourly("1.34", undefined, "2026-12-02").usd, 0.6);
        assert.strictEqual(controlPlaneHourly("1.34", "EXTENDED", "2027-01-01").usd, 0.6);
        assert.strictEqual(controlPlaneHourly("1.28", undefined, AS_OF).usd, 0.6, "a version with no known window is assumed extended");
        const e = estimate({ ...DESIGN_BASELINE, clusters: [{ name: "c", version: "1.34", supportType: "EXTENDED" }] }, NONE, "2026-12-15");
        assert.strictEqual(byItem(e, /control plane/), 438);
    });

    it("prices spot at the assumed discount and refuses an instance type it has no Seoul price for", () => {
        const spot = { ...DESIGN_BASELINE, nodeGroups: [{ name: "spot", instanceTypes: ["t3.large"], capacityType: "SPOT" as const, nodes: 1, maxNodes: 3, volumeGb: 20 }] };
        assert.strictEqual(byItem(estimate(spot, { ...NONE, spotDiscountPercent: 68 }, AS_OF), /^EC2/), 24.29);
        const unknown = { ...DESIGN_BASELINE, nodeGroups: [{ ...spot.nodeGroups[0], instanceTypes: ["t3.large", "x9.huge"] }] };
        assert.throws(() => estimate(unknown, NONE, AS_OF), UnknownPriceError);
    });

    it("prices a group of several types at their mean, whichever comes first, and at the dearest in the maxSize worst case", () => {
        const group = { name: "spot", capacityType: "SPOT" as const, nodes: 1, maxNodes: 3, volumeGb: 20 };
        const usage = { ...NONE, spotDiscountPercent: 68 };
        const mixed = estimate({ ...DESIGN_BASELINE, nodeGroups: [{ ...group, instanceTypes: ["m7g.large", "t4g.large", "m6g.large"] }] }, usage, AS_OF);
        const reordered = estimate({ ...DESIGN_BASELINE, nodeGroups: [{ ...group, instanceTypes: ["t4g.large", "m6g.large", "m7g.large"] }] }, usage, AS_OF);
        assert.strictEqual(byItem(mixed, /^EC2/), byItem(reordered, /^EC2/));
        assert.strictEqual(byItem(mixed, /^EC2/), 21.61); // (0.0832 + 0.094 + 0.1003) / 3 × 0.32 × 730
        const item = mixed.lineItems.find((i) => i.item.startsWith("EC2 spot"));
        assert.match(item?.item ?? "", /1 × m7g\.large\/t4g\.large\/m6g\.large spot/);
        assert.match(item?.note ?? "", /priced at the mean of m7g\.large, t4g\.large, m6g\.large/);
        // Worst case: three nodes on the dearest, m7g.large: 3 × 0.1003 × 0.32 × 730 = $70.29, and 60 GB.
        assert.strictEqual(mixed.nodeGroups.atMaxSizeUsd, 75.76);
    });

    it("prices every group at its maxSize beside the desired size, outside the total", () => {
        const q = { ...DESIGN_BASELINE, nodeGroups: [{ name: "spot", instanceTypes: ["t3.large"], capacityType: "SPOT" as const, nodes: 1, maxNodes: 3, volumeGb: 20 }] };
        const e = estimate(q, { ...NONE, spotDiscountPercent: 68 }, AS_OF);
        // One node: $24.29 of EC2 and $1.82 of volume; three: $72.88 and $5.47.
        assert.deepStrictEqual(e.nodeGroups, { atDesiredUsd: 26.11, atMaxSizeUsd: 78.35, maxSizeTotalUsd: Math.round((e.monthlyUsd + 78.35 - 26.11) * 100) / 100 });
        assert.strictEqual(byItem(e, /^EC2|root volumes/), 26.11, "the total is the desired size's");
    });

    it("pins both stacks' monthly totals and what makes them: dev ≤ $150 on the design's $200 budget, prod within its target", async () => {
        const [dev, prod] = [await runEstimate("dev"), await runEstimate("prod")];
        const lines = (e: ReturnType<typeof estimate>) => ({
            controlPlane: byItem(e, /control plane/),
            primaryNodes: byItem(e, /^EC2 openwebui-primary-nodes/),
            spotNodes: byItem(e, /^EC2 openwebui-spot-nodes/),
            natGateways: byItem(e, /NAT gateway/),
            natInstance: byItem(e, /nat-instance/),
            containerInsights: byItem(e, /Container Insights/),
            nodeSignals: byItem(e, /CloudWatch agent|metric filters/),
            kms: byItem(e, /^KMS/),
            alb: byItem(e, /^ALB/),
            database: byItem(e, /^RDS|Secrets Manager|persistent volumes/),
            waf: byItem(e, /^WAF/),
            bedrock: byItem(e, /^Bedrock/),
            recoveryCopies: byItem(e, /^Recovery copy/),
            total: e.monthlyUsd,
        });
        // dev: one spot Graviton node of three types (priced at their mean), a NAT instance instead of a gateway, no Container Insights (its node
        // and pod alarms on a node agent and an audit-log filter instead), Postgres in the cluster on a
        // 20 GB volume, no WAF; three keys (secrets, alerts, uploads).
        assert.deepStrictEqual(lines(dev), {
            controlPlane: 73, primaryNodes: 21.61, spotNodes: 0, natGateways: 0, natInstance: 4.53, containerInsights: 0, nodeSignals: 0.99, kms: 3, alb: 22.27, database: 1.82, waf: 0, bedrock: 2, recoveryCopies: 0, total: 149.6,
        });
        // prod: the design's HA shape (a NAT gateway per AZ, two on-demand 8 GiB nodes: tests/allocatable.test.ts) on Graviton, spot group
        // empty; RDS Multi-AZ db.t4g.small with its key, managed secret and exported logs, WAF with its
        // chat rule and logs, the uploads key, 10M/2M tokens a month; its copies in Tokyo (issue 23): both
        // buckets replicated, RDS backups replicated, and the Tokyo key. Its snapshot schedules and their
        // copies cost nothing: prod claims no persistent volume, so there is nothing to snapshot.
        assert.deepStrictEqual(lines(prod), {
            controlPlane: 73, primaryNodes: 121.47, spotNodes: 0, natGateways: 87.32, natInstance: 0, containerInsights: 10.52, nodeSignals: 0, kms: 4, alb: 22.27, database: 80.48, waf: 12.48, bedrock: 20, recoveryCopies: 5.82, total: 462.82,
        });
        for (const e of [dev, prod]) assert.strictEqual(e.monthlyUsd, Math.round(e.lineItems.reduce((s, i) => s + i.monthlyUsd, 0) * 100) / 100);
        // The README's worst case: every group at its maxSize on its dearest type (dev 4 + 3 nodes, prod 4 + 3).
        assert.deepStrictEqual([dev.nodeGroups.atMaxSizeUsd, prod.nodeGroups.atMaxSizeUsd], [176.78, 326]);
        assert.ok(dev.monthlyUsd <= MONTHLY_TARGET_USD.dev && prod.monthlyUsd <= MONTHLY_TARGET_USD.prod, `dev $${dev.monthlyUsd}, prod $${prod.monthlyUsd} against their targets`);
    });

    it("each budget sits above its stack's estimate and target, prod's about a quarter above (so its 80% e-mail means 'on plan', as the README says)", async () => {
        for (const stack of ["dev", "prod"] as const) {
            const e = await runEstimate(stack);
            const budget = Number(loadStackFiles(stack).config["openwebui:budgetMonthlyUsd"]);
            assert.ok(budget > MONTHLY_TARGET_USD[stack] && MONTHLY_TARGET_USD[stack] >= e.monthlyUsd, `${stack}: estimate ${e.monthlyUsd}, target ${MONTHLY_TARGET_USD[stack]}, budget ${budget}`);
            if (stack === "prod") {
                const ratio = budget / e.monthlyUsd;
                assert.ok(ratio >= 1.15 && ratio <= 1.35, `prod's budget is ${ratio.toFixed(2)} × its estimate, not about a quarter above`);
            }
        }
    });

    it("prices the application layer from what the program registers: no ALB, database, WAF or tokens without it", async () => {
        const bare = estimate(
            quantitiesFrom((await run("dev", { overrides: { "openwebui:appEnabled": "false" } })).resources.map((r) => ({ type: r.type, props: { ...r.inputs, id: r.id } }))),
            stackUsage("dev"),
            AS_OF,
        );
        for (const item of [/^ALB/, /^RDS|persistent volumes/, /^WAF/, /^Bedrock/, /uploads/, /^ECR/]) assert.strictEqual(byItem(bare, item), 0, String(item));
        const dev = await runEstimate("dev");
        // The ALB and its two addresses, the in-cluster volume and its snapshots, uploads and their key,
        // tokens, ECR and three ALB alarms.
        assert.strictEqual(Math.round((dev.monthlyUsd - bare.monthlyUsd) * 100) / 100, 36.39);
        assert.strictEqual(byItem(bare, /^EBS snapshots/), 0, "no claimed volume, no snapshot storage");
    });

    it("prices Bedrock tokens at the default model's sourced rate, global or Regional, and refuses a model it has no price for", () => {
        assert.deepStrictEqual(bedrockTokenPrices("global.anthropic.claude-haiku-4-5-20251001-v1:0"), { input: 1, output: 5, note: "global endpoint" });
        const apac = bedrockTokenPrices("apac.anthropic.claude-haiku-4-5-20251001-v1:0");
        assert.deepStrictEqual([Math.round(apac.input * 100) / 100, Math.round(apac.output * 100) / 100], [1.1, 5.5]);
        assert.throws(() => bedrockTokenPrices("global.anthropic.claude-opus-9-v1:0"), UnknownPriceError);
    });

    it("prices each lever: the NAT instance, spot and Graviton, Container Insights", async () => {
        const dev = await runEstimate("dev");
        const withGateway = estimate(quantitiesFrom((await run("dev", { overrides: { "openwebui:natGatewayStrategy": "single" } })).resources.map((r) => ({ type: r.type, props: { ...r.inputs, id: r.id } }))), stackUsage("dev"), AS_OF);
        // A NAT gateway costs $43.07 + $1.18 processing; the instance $3.80 + its 8 GB volume; both keep one EIP.
        assert.strictEqual(Math.round((withGateway.monthlyUsd - dev.monthlyUsd) * 100) / 100, 39.72);
    });

    it("counts a real preview's aws:eks Cluster once, not also the @pulumi/eks component", () => {
        const q = quantitiesFrom([
            { type: "eks:index:Cluster", props: { name: "c", version: "1.35" } },
            { type: "aws:eks/cluster:Cluster", props: { name: "c", version: "1.35", upgradePolicy: { supportType: "STANDARD" } } },
        ]);
        assert.deepStrictEqual(q.clusters, [{ name: "c", version: "1.35", supportType: "STANDARD" }]);
    });

    it("takes its usage assumptions from the cost policy's config, whose schema defaults are the model's", () => {
        const schema = monthlyCostWithinBudget.configSchema?.properties ?? {};
        for (const [name, value] of Object.entries(DEFAULT_USAGE)) assert.strictEqual((schema[name] as { default?: unknown }).default, value, name);
        assert.deepStrictEqual(usageFromPolicyConfig(undefined), DEFAULT_USAGE);
        assert.strictEqual((usageFromPolicyConfig({ albLcu: 2, enforcementLevel: "advisory" }) as UsageAssumptions).albLcu, 2);
        assert.match(usageFromPolicyConfig({ natProcessedGb: -1 }) as string, /natProcessedGb: -1 is not a number/);
        assert.match(usageFromPolicyConfig({ spotDiscountPercent: 100 }) as string, /would make spot free/);
    });
});

describe("cost model: nothing silently priced at $0", () => {
    const costResources = (r: Awaited<ReturnType<typeof stackRun>>) => r.resources.map((x) => ({ type: x.type, props: { ...x.inputs, id: x.id } }));

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: every registered type is priced or listed free with its reason`, async () => {
            assert.deepStrictEqual(unpricedTypes(costResources(await stackRun(stack))), []);
        });
    }

    it("a resource of a type the model does not know makes the plan call its total incomplete, naming the type", async () => {
        const resources = [...costResources(await stackRun("dev")), { type: "aws:elasticache/cluster:Cluster", props: { nodeType: "cache.t4g.micro" } }];
        const failure = unpricedFailure(resources);
        assert.ok(failure, "no failure for an unpriced ElastiCache cluster");
        assert.match(failure, /total is not complete.*aws:elasticache\/cluster:Cluster/);
        assert.match(failure, /rules\/cost\/free-types\.ts/);
    });

    it("an interface VPC endpoint is not free, although the S3 gateway endpoint is", () => {
        assert.deepStrictEqual(unpricedTypes([{ type: "aws:ec2/vpcEndpoint:VpcEndpoint", props: { vpcEndpointType: "Gateway" } }]), []);
        assert.deepStrictEqual(unpricedTypes([{ type: "aws:ec2/vpcEndpoint:VpcEndpoint", props: { vpcEndpointType: "Interface" } }]), ["aws:ec2/vpcEndpoint:VpcEndpoint"]);
    });

    it("the free list names exact types, each with a reason, and none it also prices", () => {
        for (const [type, entry] of Object.entries(FREE_TYPES)) {
            assert.match(type, /^(pulumi:providers:[a-z]+|[a-z0-9-]+:[A-Za-z0-9./-]+:[A-Z][A-Za-z0-9]+)$/, `${type} is not one exact type`);
            assert.ok(entry.reason.length > 10, `${type} has no reason`);
            assert.ok(!PRICED_TYPES.has(type), `${type} is both priced and free`);
        }
        // A billable type of a listed provider is still refused: the list is no wildcard.
        assert.deepStrictEqual(unpricedTypes([{ type: "aws:ec2/natGateway:NatGateway", props: {} }, { type: "aws:rds/cluster:Cluster", props: {} }, { type: "kubernetes:core/v1:PersistentVolumeClaim", props: {} }]), [
            "aws:rds/cluster:Cluster",
            "kubernetes:core/v1:PersistentVolumeClaim",
        ]);
    });
});
