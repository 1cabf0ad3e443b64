import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../config/reader";
import { plan, PlanInputError } from "../plan/plan";
import { PROJECT_DIR, StackFileError } from "../sim/stack-files";
import { nodeGroupsOverride as groups, rejection, run, stackRun } from "./helpers";

/** Runs dev with one config change and returns the ConfigError it must stop with. */
async function badConfig(overrides: Record<string, string>, remove: string[] = []): Promise<ConfigError> {
    const error = await rejection(run("dev", { overrides, remove }));
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got: ${error.stack}`);
    assert.strictEqual(error.registeredBeforeFailure, 0, "a resource was registered before config was validated");
    assert.match(error.message, /^stack "dev": config "/);
    return error as unknown as ConfigError;
}

const list = (...items: string[]) => JSON.stringify(items);

describe("stack config validation", () => {
    it("refuses a malformed VPC CIDR, naming the key", async () => {
        const e = await badConfig({ "openwebui:vpcCidr": "10.0.0.0/33" });
        assert.strictEqual(e.key, "openwebui:vpcCidr");
        assert.match(e.message, /prefix length above 32/);
    });

    it("refuses a malformed subnet CIDR", async () => {
        const e = await badConfig({ "openwebui:publicSubnetCidrs": list("10.0.1.0/24", "10.0.300.0/24") });
        assert.strictEqual(e.key, "openwebui:publicSubnetCidrs");
        assert.match(e.message, /octet above 255/);
    });

    it("refuses a CIDR with host bits set and suggests the network", async () => {
        const e = await badConfig({ "openwebui:privateSubnetCidrs": list("10.0.10.5/24", "10.0.20.0/24") });
        assert.match(e.message, /did you mean 10\.0\.10\.0\/24/);
    });

    it("refuses a subnet outside the VPC", async () => {
        const e = await badConfig({ "openwebui:privateSubnetCidrs": list("10.0.10.0/24", "10.1.20.0/24") });
        assert.strictEqual(e.key, "openwebui:privateSubnetCidrs");
        assert.match(e.message, /10\.1\.20\.0\/24 is outside the VPC 10\.0\.0\.0\/16/);
    });

    it("refuses overlapping subnets, naming both", async () => {
        const e = await badConfig({ "openwebui:privateSubnetCidrs": list("10.0.1.128/25", "10.0.20.0/24") });
        assert.match(e.message, /10\.0\.1\.128\/25 overlaps 10\.0\.1\.0\/24 \(from openwebui:publicSubnetCidrs\)/);
    });

    it("refuses a subnet count that does not match the AZ count", async () => {
        const e = await badConfig({ "openwebui:publicSubnetCidrs": list("10.0.1.0/24") });
        assert.match(e.message, /has 1 subnets but availabilityZones has 2 zones/);
    });

    it("refuses a duplicate AZ", async () => {
        const e = await badConfig({ "openwebui:availabilityZones": list("ap-northeast-2a", "ap-northeast-2a") });
        assert.strictEqual(e.key, "openwebui:availabilityZones");
        assert.match(e.message, /"ap-northeast-2a" is listed twice/);
    });

    it("refuses an AZ outside the stack's region", async () => {
        const e = await badConfig({ "openwebui:availabilityZones": list("ap-northeast-2a", "us-east-1a") });
        assert.match(e.message, /"us-east-1a" is not a zone of the stack's region ap-northeast-2/);
    });

    it("refuses a zone the region does not have (Seoul has a-d), listing the ones it has", async () => {
        const e = await badConfig({ "openwebui:availabilityZones": list("ap-northeast-2a", "ap-northeast-2e") });
        assert.strictEqual(e.key, "openwebui:availabilityZones");
        assert.match(e.message, /"ap-northeast-2e" is not a zone of the stack's region ap-northeast-2 \(ap-northeast-2a, ap-northeast-2b, ap-northeast-2c, ap-northeast-2d\)/);
    });

    it("refuses an unknown environment name", async () => {
        const e = await badConfig({ "openwebui:environment": "staging" });
        assert.strictEqual(e.key, "openwebui:environment");
        assert.match(e.message, /"staging" is not one of "dev", "prod"/);
    });

    it("refuses a stack file without an environment", async () => {
        const e = await badConfig({}, ["openwebui:environment"]);
        assert.match(e.message, /is required/);
    });

    it("refuses a region the program does not support", async () => {
        const e = await badConfig({ "aws:region": "us-east-1" });
        assert.strictEqual(e.key, "aws:region");
    });

    it("refuses an unknown NAT strategy", async () => {
        const e = await badConfig({ "openwebui:natGatewayStrategy": "none" });
        assert.match(e.message, /"none" is not one of "perAz", "single"/);
    });

    it("refuses a log retention CloudWatch does not accept", async () => {
        const e = await badConfig({ "openwebui:flowLogRetentionDays": "31" });
        assert.match(e.message, /31 days is not a retention CloudWatch Logs accepts/);
    });

    it("refuses SSH admin CIDRs that mean the whole internet", async () => {
        const e = await badConfig({ "openwebui:sshAdminCidrs": list("0.0.0.0/0") });
        assert.match(e.message, /would open SSH to the whole internet/);
    });

    it("refuses a list value that is not a list", async () => {
        const e = await badConfig({ "openwebui:availabilityZones": "ap-northeast-2a" });
        assert.match(e.message, /is not a list/);
    });
});

describe("cluster config validation", () => {
    it("refuses an EKS version AWS no longer offers", async () => {
        const e = await badConfig({ "openwebui:kubernetesVersion": "1.28" });
        assert.strictEqual(e.key, "openwebui:kubernetesVersion");
        assert.match(e.message, /"1\.28" is not one of "1\.34", "1\.35", "1\.36"/);
    });


    it("refuses min above max, naming the group's key", async () => {
        const e = await badConfig(groups({ primary: { minSize: 5 } }));
        assert.match(e.message, /config "openwebui:nodeGroups\.primary\.minSize": 5 is above openwebui:nodeGroups\.primary\.maxSize \(4\)/);
    });

    it("refuses a desired size outside [min, max]", async () => {
        const e = await badConfig(groups({ spot: { desiredSize: 4 } }));
        assert.match(e.message, /nodeGroups\.spot\.desiredSize": 4 is outside \[0, 3\]/);
    });

    it("refuses an unknown capacity type", async () => {
        const e = await badConfig(groups({ spot: { capacityType: "RESERVED" } }));
        assert.match(e.message, /"RESERVED" is not one of ON_DEMAND, SPOT/);
    });

    it("refuses an empty instance type list", async () => {
        const e = await badConfig(groups({ spot: { instanceTypes: [] } }));
        assert.match(e.message, /nodeGroups\.spot\.instanceTypes": is empty/);
    });

    it("refuses a malformed taint", async () => {
        const e = await badConfig(groups({ spot: { taints: ["spot=true:Sometimes"] } }));
        assert.match(e.message, /is not key=value:Effect/);
    });

    it("refuses an unknown group setting, a new group missing a field, and a bad group name", async () => {
        assert.match((await badConfig(groups({ spot: { desiredsize: 0 } }))).message, /nodeGroups\.spot\.desiredsize": is not a node group setting/);
        assert.match((await badConfig(groups({ gpu: { new: true, instanceTypes: ["t3.large"] } }))).message, /nodeGroups\.gpu\.capacityType|nodeGroups\.gpu\.amiType": is required for a new group/);
        assert.match((await badConfig(groups({ "GPU-1": {} }))).message, /group names are 1-20 lowercase letters and digits/);
    });

    it("refuses instance types the group's AMI cannot run, and types whose vCPU/memory shape is not on record", async () => {
        const arm = await badConfig(groups({ primary: { instanceTypes: ["t4g.medium"] } }));
        assert.match(arm.message, /nodeGroups\.primary\.instanceTypes": t4g\.medium is arm64 but amiType AL2023_x86_64_STANDARD is x86_64/);
        const x86 = await badConfig(groups({ primary: { amiType: "AL2023_ARM_64_STANDARD" } }));
        assert.match(x86.message, /t3\.medium is x86_64 but amiType AL2023_ARM_64_STANDARD is arm64/);
        // The autoscaler's one-shape rule needs the shape; a price is not config's business (see below).
        const unknown = await badConfig(groups({ spot: { instanceTypes: ["t3.large", "t3.nano"] } }));
        assert.match(unknown.message, /nodeGroups\.spot\.instanceTypes": t3\.nano has no vCPU\/memory shape in rules\/instance-types\.ts/);
    });

    it("refuses dropping every group", async () => {
        const e = await badConfig(groups({ primary: null, spot: null }));
        assert.match(e.message, /leaves the cluster with no node group/);
    });

    it("refuses a cluster-autoscaler image for another Kubernetes minor", async () => {
        const e = await badConfig({ "openwebui:clusterAutoscalerImageTag": "v1.34.2" });
        assert.match(e.message, /must be v1\.35\.x/);
    });

    it("refuses an open public API endpoint in prod", async () => {
        const error = await rejection(run("prod", { overrides: { "openwebui:endpointPublicAccessCidrs": list("0.0.0.0/0") } }));
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /stack "prod": config "openwebui:endpointPublicAccessCidrs": prod must not expose/);
        assert.strictEqual(error.registeredBeforeFailure, 0);
    });

    for (const stack of ["dev", "prod"]) {
        it(`refuses a ${stack} stack with no operators, since nobody else is cluster-admin there`, async () => {
            const error = await rejection(run(stack, { overrides: { "openwebui:operatorPrincipalArns": list() } }));
            assert.match(error.message, new RegExp(`stack "${stack}": config "openwebui:operatorPrincipalArns": is empty, and no stack gives the cluster's creator implicit admin`));
            assert.strictEqual(error.registeredBeforeFailure, 0);
        });
    }

    it("refuses an access-entry principal EKS would refuse (account root, assumed-role session) and a principal twice", async () => {
        const root = await badConfig({ "openwebui:operatorPrincipalArns": list("arn:aws:iam::123456789012:root") });
        assert.match(root.message, /cannot have an EKS access entry/);
        const session = await badConfig({ "openwebui:previewPrincipalArns": list("arn:aws:sts::123456789012:assumed-role/x/y") });
        assert.strictEqual(session.key, "openwebui:previewPrincipalArns");
        const twice = await badConfig({
            "openwebui:operatorPrincipalArns": list("arn:aws:iam::123456789012:role/a"),
            "openwebui:previewPrincipalArns": list("arn:aws:iam::123456789012:role/a"),
        });
        assert.match(twice.message, /also an operator: EKS allows one access entry per principal/);
    });

    it("refuses a principal that is not an IAM ARN", async () => {
        const e = await badConfig({ "openwebui:operatorPrincipalArns": list("alice") });
        assert.match(e.message, /"alice" is not an IAM role, user or account-root ARN/);
    });

    it("trusts exactly the configured principals when some are given", async () => {
        const arn = "arn:aws:iam::123456789012:role/platform-oncall";
        // dev's certificate must then be of that account too (an ALB uses only its own account's).
        const certificate = "arn:aws:acm:ap-northeast-2:123456789012:certificate/00000000-0000-0000-0000-000000000001";
        const r = await run("dev", { overrides: { "openwebui:operatorPrincipalArns": list(arn), "openwebui:appCertificateArn": certificate } });
        const role = r.resources.find((x) => x.name === "openwebui-operator-role-dev");
        const [trust] = JSON.parse(role?.inputs.assumeRolePolicy).Statement;
        assert.deepStrictEqual(trust.Principal, { AWS: [arn] });
        assert.strictEqual(trust.Condition, undefined);
    });
});

describe("operations config validation", () => {
    it("refuses a non-positive budget", async () => {
        const e = await badConfig({ "openwebui:budgetMonthlyUsd": "0" });
        assert.match(e.message, /config "openwebui:budgetMonthlyUsd": 0 is not a positive amount of USD/);
    });

    it("refuses a malformed e-mail address", async () => {
        const e = await badConfig({ "openwebui:alertEmails": list("platform-team.example.com") });
        assert.match(e.message, /config "openwebui:alertEmails": "platform-team.example.com" is not an e-mail address/);
    });

    it("refuses a stack with nobody to e-mail", async () => {
        const e = await badConfig({ "openwebui:alertEmails": list() });
        assert.match(e.message, /alertEmails": is empty/);
    });

    it("refuses a phone number that is not E.164", async () => {
        const e = await badConfig({ "openwebui:alertSmsNumbers": list("010-1234-5678") });
        assert.match(e.message, /config "openwebui:alertSmsNumbers": "010-1234-5678" is not an E\.164 phone number/);
    });

    it("refuses budget thresholds outside (0, 1000]%", async () => {
        for (const [key, value] of [["budgetWarningPercent", "0"], ["budgetForecastPercent", "1001"], ["budgetCriticalPercent", "-5"]]) {
            const e = await badConfig({ [`openwebui:${key}`]: value });
            assert.match(e.message, new RegExp(`config "openwebui:${key}": ${value} is outside \\(0, 1000\\]`));
        }
    });

    it("refuses a log retention CloudWatch does not accept", async () => {
        const e = await badConfig({ "openwebui:opsLogRetentionDays": "45" });
        assert.match(e.message, /opsLogRetentionDays": 45 days is not a retention CloudWatch Logs accepts/);
    });

    it("refuses snapshot schedules DLM would not take", async () => {
        for (const value of ["every 24h at 3am keep 7", "every 24h at 24:00 keep 7", "daily keep 7"]) {
            const e = await badConfig({ "openwebui:snapshotSchedules": list(value) });
            assert.match(e.message, /snapshotSchedules": ".*" is not "every <N>h \[at HH:MM\] keep <count>"/);
        }
        assert.match((await badConfig({ "openwebui:snapshotSchedules": list("every 5h keep 7") })).message, /every 5h: DLM takes 1, 2, 3, 4, 6, 8, 12, 24 hours/);
        assert.match((await badConfig({ "openwebui:snapshotSchedules": list("every 1h keep 1001") })).message, /keep 1001: DLM keeps 1 to 1000/);
        assert.match((await badConfig({ "openwebui:snapshotSchedules": "[]" })).message, /has 0 schedules: DLM takes 1 to 4/);
    });

    it("refuses half a Slack configuration", async () => {
        const e = await badConfig({ "openwebui:slackTeamId": "T0123ABCD" });
        assert.match(e.message, /slackChannelId": Slack alerts need both/);
    });

    it("refuses a cost-allocation tag the resources do not carry", async () => {
        const e = await badConfig({ "openwebui:budgetCostAllocationTag": "App" });
        assert.match(e.message, /budgetCostAllocationTag": "App" is not one of the tags every resource carries/);
    });

    it("refuses a Glacier transition before Standard-IA", async () => {
        const e = await badConfig({ "openwebui:backupGlacierDays": "60" });
        assert.match(e.message, /backupGlacierDays": 60 must come after backupInfrequentAccessDays \(90\)/);
    });
});

describe("API endpoint exposure", () => {
    it("defaults to no public endpoint: an open one is written in the stack file", async () => {
        const { readProjectFile } = await import("../sim/stack-files");
        assert.deepStrictEqual(readProjectFile().config?.endpointPublicAccessCidrs?.default, []);
        const r = await run("dev", { overrides: { "openwebui:endpointPublicAccessCidrs": "[]" } });
        const cluster = r.resources.find((x) => x.type === "eks:index:Cluster");
        assert.strictEqual(cluster?.inputs.endpointPublicAccess, false);
        assert.strictEqual(cluster?.inputs.endpointPrivateAccess, true);
        assert.strictEqual(cluster?.inputs.publicAccessCidrs, undefined);
    });
});

describe("keys the CLI would pass silently", () => {
    it("refuses a misspelt key of the project, naming the key it meant, before registering anything", async () => {
        const e = await badConfig({ "openwebui:natGatewaystrategy": "single" });
        assert.strictEqual(e.key, "openwebui:natGatewaystrategy");
        assert.match(e.message, /is not a setting of openwebui: did you mean openwebui:natGatewayStrategy\?/);
        const upper = await badConfig({ "openwebui:budgetMonthlyUSD": "150" });
        assert.match(upper.message, /did you mean openwebui:budgetMonthlyUsd\?/);
    });

    it("refuses a key nothing resembles, and a near-miss of the project's namespace", async () => {
        assert.match((await badConfig({ "openwebui:colour": "blue" })).message, /"openwebui:colour": is not a setting of openwebui \(see Pulumi\.yaml/);
        const ns = await badConfig({ "openwebu:budgetMonthlyUsd": "150" });
        assert.strictEqual(ns.key, "openwebu:budgetMonthlyUsd");
        assert.match(ns.message, /"openwebu" is not this project's namespace: did you mean openwebui:budgetMonthlyUsd\?/);
        assert.match((await badConfig({ "OpenWebUI:natGatewayStrategy": "single" })).message, /did you mean openwebui:natGatewayStrategy\?/);
    });

    it("leaves other namespaces alone (aws:, kubernetes:, pulumi:)", async () => {
        const r = await run("dev", { overrides: { "aws:profile": "platform", "kubernetes:enableServerSideApply": "true" } });
        assert.ok(r.resources.length > 0);
    });

    it("reads exactly the keys Pulumi.yaml declares (plus the map-valued ones it cannot)", async () => {
        // A key read but not declared has no default and no documentation; one declared but not read
        // is a setting that silently does nothing.
        const { STRUCTURED_CONFIG_KEYS } = await import("../config");
        const { readProjectFile } = await import("../sim/stack-files");
        const { keysRead } = await stackRun("prod");
        const declared = [...Object.keys(readProjectFile().config ?? {}), ...STRUCTURED_CONFIG_KEYS].sort();
        assert.deepStrictEqual(keysRead, declared);
    });
});

describe("one source for each fact", () => {
    it("a stack's own budgetWarningPercent (70) passes the budget policy", async () => {
        const { policies } = await import("../policy-pack/policies");
        const { fromRecording, loadPackConfig, runPolicies } = await import("../sim/policy-runner");
        const r = await run("dev", { overrides: { "openwebui:budgetWarningPercent": "70" } });
        const budget = r.resources.find((x) => x.type === "aws:budgets/budget:Budget");
        assert.ok(budget?.inputs.notifications.some((n: { threshold: number }) => n.threshold === 70));
        const found = await runPolicies(policies, fromRecording(r.resources), { stack: "dev", packConfig: loadPackConfig("dev") });
        assert.deepStrictEqual(found.filter((v) => v.level === "mandatory"), []);
    });
});

describe("stack files and stacks that do not fit together", () => {
    it("refuses an environment other than the stack's own name, saying exactly that", async () => {
        for (const [stack, environment] of [["prod", "dev"], ["dev", "prod"]]) {
            const e = await rejection(run(stack, { overrides: { "openwebui:environment": environment } }));
            assert.ok(e instanceof ConfigError, String(e));
            assert.strictEqual(e.registeredBeforeFailure, 0);
            assert.strictEqual(e.message, `stack "${stack}": config "openwebui:environment": is "${environment}" but the stack is "${stack}"; they must match`);
        }
    });

    it("refuses a config: section that is a list, or no map at all, naming the file", async () => {
        for (const [text, got] of [["config:\n  - openwebui:environment: prod\n", "a list"], ["config: prod\n", 'the text "prod"']]) {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openwebui-config-list-"));
            try {
                fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
                fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), text);
                const e = await rejection(run("prod", { projectDir: dir }));
                assert.ok(e instanceof StackFileError, String(e));
                assert.strictEqual(e.message, `${path.join(dir, "Pulumi.prod.yaml")}: config: must be a map of key: value, got ${got}`);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        }
    });
});

describe("prices: the plan's to refuse, not config's", () => {
    // Config validates what AWS and the program need; whether the cost model knows a price is the
    // plan's question (and the pack's cost policy's, in a preview), asked of what the program built.
    it("a NAT instance type without a Seoul price: config lets it through, the plan refuses it by name", async () => {
        const overrides = { "openwebui:natInstanceType": "t4g.micro" };
        const r = await run("dev", { overrides });
        assert.strictEqual(r.resources.find((x) => x.type === "aws:ec2/instance:Instance")?.inputs.instanceType, "t4g.micro");
        const e = await rejection(plan("dev", "2026-12-07", { overrides }));
        assert.ok(e instanceof PlanInputError, e.message);
        assert.match(e.message, /no Seoul price for instance type t4g\.micro in rules\/cost\/prices\.ts: add it \(with its source\) before estimating/);
    });

    it("a first Bedrock model without a price: the plan refuses it by name", async () => {
        const e = await rejection(plan("dev", "2026-12-07", { overrides: { "openwebui:bedrockModels": JSON.stringify(["sonnet-4.6=global.anthropic.claude-sonnet-4-6"]) } }));
        assert.ok(e instanceof PlanInputError, e.message);
        assert.match(e.message, /no Seoul price for Bedrock model anthropic\.claude-sonnet-4-6/);
    });
});
