import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main, parseArgs } from "../plan/cli";
import { plan, PlanResult } from "../plan/plan";
import { samePlanOnce } from "../plan/plan-cache";
import { loadStackFiles, PROJECT_DIR } from "../sim/stack-files";

const AS_OF = "2026-11-28";

// Many tests here read the same plan (a stack as written, on AS_OF): each distinct one runs once.
// The cache is plan-cache's, which the mutation run forgets before each mutant.

async function runMainIn(projectDir: string | undefined, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    // A temp project directory is a new stack file each time: planned afresh.
    const code = await main(argv, (s) => (out += s + "\n"), (s) => (err += s + "\n"), projectDir, projectDir ? plan : samePlanOnce);
    return { code, out, err };
}

const runMain = (...argv: string[]) => runMainIn(undefined, ...argv);

/**
 * A copy of the project (Pulumi.yaml) in a temp dir with one stack file, for the duration of `body`:
 * how a user's broken stack file reaches the plan, without writing into the repository.
 */
async function withStackFile<T>(stack: string, content: string, body: (projectDir: string) => Promise<T>): Promise<T> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "owui-plan-"));
    try {
        fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), content);
        return await body(dir);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

const oneLine = (s: string) => s.trim().split("\n").length === 1 && !/\n\s+at /.test(s);

describe("npm run plan", () => {
    for (const stack of ["dev", "prod"]) {
        it(`${stack}: inventory by component, line-item cost within budget, no mandatory violation; exit 0`, async () => {
            const { code, out } = await runMain(stack, "--as-of", AS_OF);
            assert.strictEqual(code, 0, out);
            for (const heading of ["1. Inventory", "2. Monthly cost estimate (as of 2026-11-28)", "3. Node fit", "4. Policy verdict", "Result: OK"]) assert.ok(out.includes(heading), heading);
            for (const group of [`OpenWebUINetwork openwebui-network-${stack}`, `OpenWebUICluster openwebui-cluster-${stack}`, `OpenWebUIOps openwebui-ops-${stack}`, `OpenWebUIApp openwebui-app-${stack}`]) {
                assert.ok(out.includes(group), group);
            }
            assert.match(out, /10\.0\.10\.0\/24 in ap-northeast-2a/);
            assert.match(out, stack === "prod" ? /t4g\.large ON_DEMAND, min 2 \/ desired 2 \/ max 4/ : /t4g\.large, m6g\.large, m7g\.large SPOT, min 1 \/ desired 1 \/ max 4/);
            // The application layer is inventoried and priced like the platform.
            assert.match(out, /kubernetes:helm\.sh\/v3:Release +openwebui-webui-\w+ +— open-webui 16\.0\.0/);
            assert.match(out, /ALB hours .*1 ALB the load balancer controller builds for the Ingress/);
            assert.match(out, stack === "prod" ? /RDS openwebui-rds-prod: db\.t4g\.small PostgreSQL Multi-AZ/ : /EBS gp3 persistent volumes \(in-cluster Postgres\)/);
        });

        it(`${stack}: --json carries the same facts for machines`, async () => {
            const { code, out } = await runMain(stack, "--json", "--as-of", AS_OF);
            assert.strictEqual(code, 0);
            const p = JSON.parse(out) as PlanResult;
            // prod also keeps its copies in Tokyo (recoveryCopies), under the recovery marker.
            const groups = ["OpenWebUIApp", "OpenWebUICluster", "OpenWebUINetwork", "OpenWebUIOps"].map((g) => `${g} openwebui-${g.replace("OpenWebUI", "").toLowerCase()}-${stack}`);
            const copies = stack === "prod" ? [`OpenWebUIRecovery openwebui-recovery-${stack}-dr`] : [];
            assert.deepStrictEqual(Object.keys(p.inventory).sort(), [...groups, ...copies, "stack"].sort());
            const total = Math.round(p.cost.lineItems.reduce((s, i) => s + i.monthlyUsd, 0) * 100) / 100;
            assert.strictEqual(p.cost.monthlyUsd, total);
            assert.ok(p.cost.budgetUsd !== undefined && p.cost.monthlyUsd <= p.cost.budgetUsd);
            assert.strictEqual(p.policy.mandatory.length, 0);
            assert.deepStrictEqual(p.failures, []);
            assert.strictEqual(p.cost.assumptions.natProcessedGb, 20);
        });
    }

    it("fails (exit 1) when the estimate exceeds the budget: mandatory in prod, advisory but still failing in dev", async () => {
        const prod = await plan("prod", AS_OF, { overrides: { "openwebui:budgetMonthlyUsd": "250" } });
        assert.ok(prod.policy.mandatory.some((v) => v.policy === "monthly-cost-within-budget"));
        assert.ok(prod.failures.some((f) => /exceeds the budget of \$250\.00/.test(f)));
        const dev = await plan("dev", AS_OF, { overrides: { "openwebui:budgetMonthlyUsd": "120" } });
        assert.strictEqual(dev.policy.mandatory.length, 0);
        assert.ok(dev.policy.advisory.some((v) => v.policy === "monthly-cost-within-budget"));
        assert.ok(dev.failures.some((f) => /exceeds the budget/.test(f)));
    });

    it("takes usage assumptions from the stack's policy config, as a real preview does, for the estimate and the policy alike", async () => {
        const p = await plan("dev", AS_OF, { packConfig: { "monthly-cost-within-budget": { enforcementLevel: "advisory", albLcu: 20 } } });
        assert.strictEqual(p.cost.assumptions.albLcu, 20);
        assert.ok(p.policy.advisory.some((v) => v.policy === "monthly-cost-within-budget" && v.message.includes(`$${p.cost.monthlyUsd.toFixed(2)}`)));
    });

    it("an unknown stack: one line naming the stacks there are, exit 2", async () => {
        const { code, out, err } = await runMain("staging");
        assert.strictEqual(code, 2);
        assert.strictEqual(out, "");
        assert.ok(oneLine(err), err);
        assert.match(err, /^plan: unknown stack "staging": there is no Pulumi\.staging\.yaml \(stacks here: dev, dr, prod\)/);
    });

    it("invalid config in a stack file: one line with the stack, the key and the problem, exit 2", async () => {
        const { code, err } = await withStackFile("broken", "config:\n  aws:region: ap-northeast-2\n  openwebui:environment: dev\n  openwebui:alertEmails: [ops@example.com]\n  openwebui:vpcCidr: 10.0.0.0/33\n", (dir) => runMainIn(dir, "broken"));
        assert.strictEqual(code, 2);
        assert.ok(oneLine(err), err);
        assert.match(err, /^plan: stack "broken": config "openwebui:vpcCidr": /);
    });

    it("a valid stack with no policy config: refused with exactly that, exit 2", async () => {
        const valid = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");
        const { code, err } = await withStackFile("staging", valid, (dir) => runMainIn(dir, "staging"));
        assert.strictEqual(code, 2);
        assert.strictEqual(err, 'plan: stack "staging" has no policy-pack/config/staging.json: copy another stack\'s and set its environment\n');
    });

    it("--as-of a day that does not exist, and --help", async () => {
        for (const day of ["2026-02-30", "2026-13-01"]) {
            const { code, err } = await runMain("dev", "--as-of", day);
            assert.strictEqual(code, 2);
            assert.strictEqual(err, `plan: --as-of "${day}" is not a date that exists\n`);
        }
        const help = await runMain("--help");
        assert.strictEqual(help.code, 0);
        assert.match(help.out, /^usage: npm run plan -- <stack> \[--json\] \[--as-of YYYY-MM-DD\]/);
        assert.match(help.out, /--json .*npm run -s plan/);
    });

    it("the documented JSON command prints nothing but JSON", async () => {
        const stdout = await new Promise<string>((resolve, reject) =>
            execFile("npm", ["run", "-s", "plan", "--", "dev", "--json"], { cwd: PROJECT_DIR, maxBuffer: 32 * 1024 * 1024 }, (error, out) => (error ? reject(error) : resolve(out))),
        );
        const parsed = JSON.parse(stdout) as { stack: string };
        assert.strictEqual(parsed.stack, "dev");
    });

    it("a misspelt key in a stack file: one line naming the key it meant, exit 2 (the CLI would have passed it silently)", async () => {
        const valid = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");
        const { code, err } = await withStackFile("typo", valid.replace("openwebui:natGatewayStrategy:", "openwebui:natGatewaystrategy:"), (dir) => runMainIn(dir, "typo"));
        assert.strictEqual(code, 2);
        assert.strictEqual(err, 'plan: stack "typo": config "openwebui:natGatewaystrategy": is not a setting of openwebui: did you mean openwebui:natGatewayStrategy?\n');
    });

    it("a stack file that is not YAML: one line, exit 2", async () => {
        const { code, err } = await withStackFile("garbled", "config: [unclosed\n", (dir) => runMainIn(dir, "garbled"));
        assert.strictEqual(code, 2);
        assert.ok(oneLine(err), err);
        assert.match(err, /^plan: cannot read (\S*\/)?Pulumi\.garbled\.yaml: /);
    });

    it("bad arguments: one line with the usage, exit 2", async () => {
        for (const argv of [[], ["dev", "prod"], ["dev", "--verbose"], ["dev", "--as-of", "tomorrow"], ["dev", "--set"], ["dev", "--set", "natGatewayStrategy"]]) {
            const { code, err } = await runMain(...argv);
            assert.strictEqual(code, 2, argv.join(" "));
            assert.ok(oneLine(err), err);
        }
        assert.deepStrictEqual(parseArgs(["prod", "--json"], "2027-01-01"), { stack: "prod", json: true, asOf: "2027-01-01", overrides: {} });
    });

    it("prints every snapshot schedule as DLM runs it (prod's hourly one too)", async () => {
        const { out } = await runMain("prod", "--as-of", AS_OF);
        assert.match(out, /openwebui-ebs-snapshot-policy-prod {2}— every 1 hours, keep 24; every 24 hours at 18:00 UTC, keep 7;/);
    });

    it("cost by component: network, cluster, ops and app add up to the total, each line under the component that owns it", async () => {
        const p = await samePlanOnce("prod", AS_OF, { overrides: {} });
        const { network, cluster, ops, app } = p.cost.byComponent;
        assert.strictEqual(Math.round((network + cluster + ops + app) * 100) / 100, p.cost.monthlyUsd);
        const componentOf = (pattern: RegExp) => [...new Set(p.cost.lineItems.filter((i) => pattern.test(i.item)).map((i) => i.component))];
        assert.deepStrictEqual(componentOf(/^NAT gateway/), ["network"]);
        assert.deepStrictEqual(componentOf(/^EKS control plane|^EC2 openwebui-.*-nodes-/), ["cluster"]);
        assert.deepStrictEqual(componentOf(/^CloudWatch alarms|^Container Insights|^EBS snapshots/), ["ops"]);
        assert.deepStrictEqual(componentOf(/^RDS |^WAF |^ALB |^Bedrock/), ["app"]);
        // The ALB's addresses belong to the app, the NAT gateways' to the network.
        assert.deepStrictEqual(componentOf(/^Public IPv4: ALB/), ["app"]);
        assert.deepStrictEqual(componentOf(/^Public IPv4: Elastic/), ["network"]);
        const { out } = await runMain("prod", "--as-of", AS_OF);
        for (const c of ["network", "cluster", "ops", "app"] as const) assert.ok(out.includes(`  ${c}: $${p.cost.byComponent[c].toFixed(2)}`), c);
        // Without the application, its component costs nothing.
        const bare = await plan("dev", AS_OF, { overrides: { "openwebui:appEnabled": "false" } });
        assert.strictEqual(bare.cost.byComponent.app, 0);
    });

    it("--as-of is also the day config checks the Kubernetes version's support against", async () => {
        const before = await runMain("dev", "--as-of", "2027-03-26");
        assert.notStrictEqual(before.code, 2, before.err);
        const after = await runMain("dev", "--as-of", "2027-03-27");
        assert.strictEqual(after.code, 2);
        assert.match(after.err, /config "openwebui:kubernetesVersion": "1\.35" left EKS standard support on 2027-03-27/);
    });

    it("--set plans a variant, says so, and prices it from the same program", async () => {
        assert.deepStrictEqual(parseArgs(["dev", "--set", "natGatewayStrategy=perAz", "--set", "aws:region=ap-northeast-2"], "2027-01-01").overrides, {
            "openwebui:natGatewayStrategy": "perAz",
            "aws:region": "ap-northeast-2",
        });
        const asWritten = await runMain("dev", "--as-of", AS_OF, "--json");
        const variant = await runMain("dev", "--as-of", AS_OF, "--json", "--set", "natGatewayStrategy=perAz");
        const [a, b] = [JSON.parse(asWritten.out), JSON.parse(variant.out)];
        assert.deepStrictEqual(b.variant, ["openwebui:natGatewayStrategy=perAz"]);
        assert.strictEqual(a.variant, undefined);
        const natHours = (p: { cost: { lineItems: { item: string; quantity: number }[] } }) => p.cost.lineItems.find((i) => i.item === "NAT gateway hours")?.quantity ?? 0;
        assert.strictEqual(natHours(a), 0);
        assert.strictEqual(natHours(b), 2 * 730, "a NAT gateway in each of dev's two AZs");
        const text = await runMain("dev", "--as-of", AS_OF, "--set", "natGatewayStrategy=perAz");
        assert.match(text.out, /^A variant of stack "dev", not the stack file as written: openwebui:natGatewayStrategy=perAz/);
    });

    it("the real command prints no stack trace for an unknown stack", async () => {
        // What `npm run plan` runs (package.json), from the package's own bin, as npm would find it.
        const [tool, ...args] = (JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.plan.split(" ");
        const result = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
            execFile(path.join(PROJECT_DIR, "node_modules", ".bin", tool), [...args, "nope"], { cwd: PROJECT_DIR }, (error, _stdout, stderr) =>
                resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, stderr }),
            ),
        );
        assert.strictEqual(result.code, 2);
        assert.ok(oneLine(result.stderr), result.stderr);
    });
});

describe("npm run plan: node groups at maxSize", () => {
    it("prints, beside the total, what the node groups cost if every group scaled out to maxSize, and carries it in --json", async () => {
        const { code, out } = await runMain("prod", "--as-of", AS_OF);
        assert.strictEqual(code, 0, out);
        const p = await samePlanOnce("prod", AS_OF, { overrides: {} });
        const { atDesiredUsd, atMaxSizeUsd, maxSizeTotalUsd } = p.cost.nodeGroups;
        // prod: primary 4 × t4g.large on demand ($242.94 + 80 GB $7.30), spot 3 × m7g.large-priced spot ($70.29 + 60 GB $5.47).
        assert.strictEqual(atMaxSizeUsd, 326);
        const lines = p.cost.lineItems.filter((i) => /^EC2 openwebui-.*-nodes-|^EBS gp3 root volumes openwebui-/.test(i.item));
        assert.strictEqual(atDesiredUsd, Math.round(lines.reduce((s, i) => s + i.monthlyUsd, 0) * 100) / 100);
        assert.strictEqual(maxSizeTotalUsd, Math.round((p.cost.monthlyUsd - atDesiredUsd + atMaxSizeUsd) * 100) / 100);
        const [totalLine, maxLine] = out.split("\n").filter((l) => /TOTAL|Node groups at maxSize/.test(l));
        assert.match(totalLine, new RegExp(`\\$${p.cost.monthlyUsd.toFixed(2)}  TOTAL`));
        assert.match(maxLine, /\$326\.00  Node groups at maxSize on their dearest types, if the autoscaler scales every group out \(not in the total\): \$125\.12 at the desired size/);
        const json = JSON.parse((await runMain("prod", "--json", "--as-of", AS_OF)).out) as PlanResult;
        assert.deepStrictEqual(json.cost.nodeGroups, p.cost.nodeGroups);
    });
});

describe("npm run plan: the pods fit the nodes", () => {
    /** The stack's node groups as its stack file writes them, with `primary` changed, as `--set` takes them. */
    const primary = (stack: string, change: Record<string, unknown>) => {
        const groups = JSON.parse(loadStackFiles(stack).config["openwebui:nodeGroups"]) as Record<string, Record<string, unknown>>;
        return `nodeGroups=${JSON.stringify({ ...groups, primary: { ...groups.primary, ...change } })}`;
    };

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: prints each node group's worst node against its allocatable, with the burst and a rollout's surge; they fit`, async () => {
            const { code, out } = await runMain(stack, "--as-of", AS_OF);
            assert.strictEqual(code, 0, out);
            const section = out.slice(out.indexOf("3. Node fit"), out.indexOf("4. Policy verdict"));
            const nodes = stack === "prod" ? 2 : 1;
            assert.match(section, new RegExp(`openwebui-primary-nodes-${stack} \\(openwebui:nodeGroups\\.primary: ${nodes} × t4g\\.large, max 4\\): worst node requests \\d+ MiB / \\d+m of 6627 MiB / 1930m allocatable; \\S+ at its limit \\+\\d+ MiB = \\d+ MiB; a rollout's surge pod \\((litellm|open-webui)\\) \\+\\d+ MiB = \\d+ MiB: (fits|no room, the autoscaler adds a node \\(up to 4\\))`));
            assert.match(section, new RegExp(`openwebui-spot-nodes-${stack} \\(openwebui:nodeGroups\\.spot: t4g\\.large, DaemonSets only\\)`));
            assert.match(section, /^ {2}the pods fit$/m);
            const json = (JSON.parse((await runMain(stack, "--json", "--as-of", AS_OF)).out) as PlanResult).nodeFit;
            assert.deepStrictEqual([json.groups.length, json.problems], [2, []]);
        });
    }

    it("prod with its primary group on t4g.medium: exit 1, the fit printed as failing with the key to change, a listed failure", async () => {
        const { code, out } = await runMain("prod", "--as-of", AS_OF, "--set", primary("prod", { instanceTypes: ["t4g.medium"] }));
        assert.strictEqual(code, 1, out);
        assert.match(out, /openwebui-primary-nodes-prod \(openwebui:nodeGroups\.primary: 2 × t4g\.medium, max 4\): worst node requests \d+ MiB \/ \d+m of 2531 MiB \/ 1930m allocatable/);
        assert.match(out, /DOES NOT FIT: \d+\n {4}prod: a t4g\.medium node of openwebui-primary-nodes-prod \(2 nodes\) must hold \d+ MiB of memory requests but has 2531 MiB allocatable .*: set openwebui:nodeGroups\.primary\.instanceTypes to types with more memory/);
        assert.match(out, /Result: FAILED — the pods do not fit the nodes \(\d+ problem\(s\) under 3\. Node fit\); \d+ mandatory policy violation\(s\)/);
        assert.match(out, /\[pods-fit-nodes\] prod: a t4g\.medium node/);
    });
});

describe("npm run plan: the total is complete", () => {
    it("dev's plan lists no unpriced type among its failures", async () => {
        const result = await samePlanOnce("dev", AS_OF, { overrides: {} });
        assert.ok(!result.failures.some((f) => /not complete/.test(f)), result.failures.join("; "));
    });
});
