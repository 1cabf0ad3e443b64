import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { ConfigError } from "../config";
import { main } from "../preflight/cli";
import { configOf } from "../preflight/stack";
import { Targets, targetsOf } from "../preflight/targets";
import { runProgram } from "../sim/mock-engine";
import { PROJECT_DIR } from "../sim/stack-files";
import { deploymentRun, named, stackRun } from "./helpers";
import { AMD, repositoryKey, World } from "./preflight-world";

// The command as the workflows run it, in-process: its output, its exit codes, its environment.
describe("npm run preflight -- <stack>", () => {
    const world = new World();
    let prod: Targets;

    before(async () => {
        await world.start();
        prod = targetsOf(await stackRun("prod"), await configOf(await stackRun("prod")));
    });
    after(() => world.stop());
    beforeEach(() => world.healthy(prod));

    const cli = async (argv: string[], runStack: (stack: string) => ReturnType<typeof stackRun> = stackRun) => {
        const out: string[] = [];
        const err: string[] = [];
        // What the workflow's environment holds: keys (static and fake here) and, for tests only, the fakes' addresses.
        const env = { AWS_ACCESS_KEY_ID: "AKIAFAKEPREFLIGHT000", AWS_SECRET_ACCESS_KEY: "fake", PREFLIGHT_AWS_ENDPOINT: world.aws.url, PREFLIGHT_REGISTRY_MIRROR: world.registry.url };
        const code = await main(argv, { out: (l) => out.push(...l.split("\n")), err: (l) => err.push(l), env, runStack });
        return { code, out, err };
    };

    it("prod against the fakes prints a line for every check and exits 0; a broken fake makes it exit 1 with the fix", async () => {
        const ok = await cli(["prod"]);
        assert.strictEqual(ok.code, 0, ok.out.join("\n"));
        assert.match(ok.out[0], /^preflight of stack prod in ap-northeast-2 \(nodes: arm64\)$/);
        const checks = ok.out.filter((l) => /^(ok  |FAIL) /.test(l));
        const instanceTypes = new Set([...prod.nodeGroups.flatMap((g) => g.instanceTypes), ...prod.instances.map((i) => i.instanceType)]).size;
        const expected = prod.charts.length + prod.images.length + 1 + prod.models.length + 1 + prod.zones.length + instanceTypes + 3 + prod.principals.length;
        assert.strictEqual(checks.length, expected, ok.out.join("\n"));
        assert.ok(checks.every((l) => l.startsWith("ok   ")));
        assert.strictEqual(ok.out.at(-1), `${expected} checks passed`);

        const litellm = prod.charts.find((c) => c.chart.startsWith("oci://"))!;
        world.registry.unpublish(repositoryKey(litellm.chart).key, litellm.version);
        const broken = await cli(["prod"]);
        assert.strictEqual(broken.code, 1);
        const at = broken.out.findIndex((l) => l.startsWith(`FAIL chart ${litellm.chart} ${litellm.version}`));
        assert.ok(at > 0 && /^\s+fix: pin a chart version that is published/.test(broken.out[at + 1]), broken.out.join("\n"));
        assert.strictEqual(broken.out.at(-1), `1 of ${expected} checks failed`);
    });

    /** Each broken fake through the whole command: exit 1, its FAIL line followed by its fix, the rest passing. */
    const breaks: [string, () => void, RegExp, RegExp][] = [
        [
            "an image without linux/arm64",
            () => {
                const image = prod.images.find((i) => i.image.includes("berriai/litellm"))!;
                const { key, reference } = repositoryKey(image.image);
                world.registry.publish(key, reference, { kind: "index", platforms: [AMD] });
            },
            /^FAIL image .*berriai\/litellm.*publishes linux\/amd64, not linux\/arm64/,
            /^\s+fix: pin a tag or digest whose image index has linux\/arm64/,
        ],
        [
            "a model id Bedrock cannot call",
            () => world.aws.profiles.clear(),
            /^FAIL Bedrock .* callable from ap-northeast-2: Bedrock in ap-northeast-2 does not know it \(ResourceNotFoundException\)/,
            /^\s+fix: put an id that ap-northeast-2 offers in openwebui:bedrockModels/,
        ],
        [
            "a certificate still pending validation",
            () => (world.aws.certificates.get(prod.certificate!.arn)!.Status = "PENDING_VALIDATION"),
            /^FAIL ACM certificate for .*: status PENDING_VALIDATION/,
            /^\s+fix: complete its validation/,
        ],
        [
            "an on-demand vCPU quota below the node groups' maxSize",
            () => world.aws.quotas.set("L-1216C47A", 4),
            /^FAIL .*\(ec2\/L-1216C47A\): 4 vCPUs, needs/,
            /^\s+fix: .*L-1216C47A/,
        ],
    ];
    for (const [what, breakIt, failLine, fixLine] of breaks) {
        it(`${what}: the command exits 1 with that check's FAIL line and its fix`, async () => {
            breakIt();
            const r = await cli(["prod"]);
            assert.strictEqual(r.code, 1, r.out.join("\n"));
            const failed = r.out.filter((l) => l.startsWith("FAIL "));
            assert.strictEqual(failed.length, 1, failed.join("\n"));
            const at = r.out.findIndex((l) => failLine.test(l));
            assert.ok(at > 0 && fixLine.test(r.out[at + 1]), r.out.join("\n"));
            assert.match(r.out.at(-1)!, /^1 of \d+ checks failed$/);
        });
    }

    it("bad input exits 2 with one line: no stack, an option it does not know, a stack without a file, config the program refuses", async () => {
        for (const [argv, message] of [
            [[], /no stack given/],
            [["prod", "--fast"], /unknown option --fast/],
            [["staging"], /unknown stack "staging": there is no Pulumi\.staging\.yaml/],
        ] as const) {
            // The real engine: a stack without a file is refused before the program runs.
            const r = await cli([...argv], runProgram);
            assert.deepStrictEqual([r.code, r.out, r.err.length], [2, [], 1], r.err.join("\n"));
            assert.match(r.err[0], message);
        }
        const refused = await cli(["prod"], () => Promise.reject(new ConfigError("prod", "openwebui:bedrockModels", "is empty")));
        assert.deepStrictEqual([refused.code, refused.err], [2, ['preflight: stack "prod": config "openwebui:bedrockModels": is empty']]);
    });

    it("Deployments run it for an update or a preview only: a destroy, refresh or drift check creates nothing", async () => {
        const env = { PULUMI_CI_OPERATION: "destroy" };
        const out: string[] = [];
        // A stack that does not even exist: a skipped run reads nothing.
        assert.strictEqual(await main(["nope"], { out: (l) => out.push(l), err: () => undefined, env }), 0);
        assert.deepStrictEqual(out, ["preflight: skipped for a destroy (it checks what update and preview create)"]);
        assert.strictEqual(await main(["nope"], { out: () => undefined, err: () => undefined, env: { PULUMI_CI_OPERATION: "update" }, runStack: runProgram }), 2);
    });

    it("runs before anything is created: in each stack's Deployments pre-run commands (after installing), and in the PR workflow between the AWS credentials and the preview", async () => {
        const r = await deploymentRun();
        for (const stack of ["dev", "prod"]) {
            const commands: string[] = named(r, `openwebui-deployment-settings-${stack}`).inputs.operationContext.preRunCommands;
            const at = commands.indexOf(`npm run preflight -- ${stack}`);
            assert.ok(at > commands.indexOf("npm ci --no-audit --no-fund") && commands.indexOf("npm ci --no-audit --no-fund") >= 0, commands.join(" | "));
        }
        const wf = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, ".github/workflows/pull-request.yml"), "utf8")) as { jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }> };
        const steps = wf.jobs.preview.steps;
        const preflightStep = steps.findIndex((s) => s.run === "npm run preflight -- ${{ matrix.stack }}");
        const credentials = steps.findIndex((s) => s.with?.["role-to-assume"] !== undefined);
        const preview = steps.findIndex((s) => String(s.uses).startsWith("pulumi/actions@"));
        assert.ok(credentials >= 0 && credentials < preflightStep && preflightStep < preview, JSON.stringify({ credentials, preflightStep, preview }));
    });
});
