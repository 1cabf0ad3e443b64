import * as assert from "assert";
import { ProgramRun, RecordedResource } from "../sim/mock-engine";
import { readProjectFile } from "../sim/stack-files";
import { idOf, jsonInput, named, ofType, run, stackRun, STACKS } from "./helpers";

const ACCOUNT = "123456789012";
const topicArn = (stack: string, severity: string) => `arn:aws:sns:ap-northeast-2:${ACCOUNT}:openwebui-alerts-topic-${stack}-${severity}`;
const list = (...items: string[]) => JSON.stringify(items);

function subscriptions(r: ProgramRun, severity: string): string[] {
    return ofType(r, "aws:sns/topicSubscription:TopicSubscription")
        .filter((s) => s.inputs.topic === topicArn(r.stack, severity))
        .map((s) => `${s.inputs.protocol}:${s.inputs.endpoint}`)
        .sort();
}

for (const stack of STACKS) {
    describe(`OpenWebUIOps (${stack})`, () => {
        it("encrypts each severity's topic with a rotating key that Budgets and CloudWatch may use", async () => {
            const r = await stackRun(stack);
            const key = named(r, `openwebui-alerts-key-${stack}`);
            assert.strictEqual(key.inputs.enableKeyRotation, true);
            const services = jsonInput(key, "policy").Statement.find((s: any) => s.Sid === "AlertPublishersEncrypt");
            assert.deepStrictEqual(services.Principal.Service, ["budgets.amazonaws.com", "cloudwatch.amazonaws.com"]);
            assert.deepStrictEqual(services.Condition, { StringEquals: { "aws:SourceAccount": ACCOUNT } });
            for (const severity of ["warning", "critical", "urgent"]) {
                const topic = named(r, `openwebui-alerts-topic-${stack}-${severity}`);
                assert.strictEqual(topic.inputs.kmsMasterKeyId, `arn:aws:kms:ap-northeast-2:${ACCOUNT}:key/openwebui-alerts-key-${stack}`);
                const policy = jsonInput(named(r, `openwebui-alerts-topic-${stack}-${severity}-policy`), "policy");
                const publish = policy.Statement.find((s: any) => s.Sid === "AlertPublishers");
                assert.ok(publish.Principal.Service.includes("budgets.amazonaws.com"));
                assert.strictEqual(publish.Resource, topicArn(stack, severity));
            }
        });

        it("subscribes e-mail to every severity; no SMS or Slack unless configured", async () => {
            const r = await stackRun(stack);
            for (const severity of ["warning", "critical", "urgent"]) {
                assert.deepStrictEqual(subscriptions(r, severity), ["email:platform-team@example.com"]);
            }
            assert.strictEqual(ofType(r, "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration").length, 0);
        });

        it(`budgets the stack's amount monthly as openwebui-monthly-budget-${stack}, notifying at 80%/100% actual and 120% forecast`, async () => {
            const r = await stackRun(stack);
            const budget = named(r, `openwebui-monthly-budget-${stack}`);
            assert.strictEqual(budget.inputs.name, `openwebui-monthly-budget-${stack}`);
            assert.strictEqual(budget.inputs.budgetType, "COST");
            assert.strictEqual(budget.inputs.timeUnit, "MONTHLY");
            // The design's $200 is the default; both stack files raise it above the Seoul estimate (see README).
            assert.strictEqual(readProjectFile().config?.budgetMonthlyUsd.default, 200);
            // dev keeps the design's $200 (its estimate is below $150); prod sits ~25% above its estimate.
            assert.strictEqual(budget.inputs.limitAmount, { dev: "200.00", prod: "570.00" }[stack]);
            assert.strictEqual(budget.inputs.limitUnit, "USD");
            const notes = budget.inputs.notifications.map((n: any) => `${n.threshold}% ${n.notificationType} ${n.thresholdType} -> ${n.subscriberSnsTopicArns}`);
            assert.deepStrictEqual(notes, [
                `80% ACTUAL PERCENTAGE -> ${topicArn(stack, "warning")}`,
                `100% ACTUAL PERCENTAGE -> ${topicArn(stack, "critical")}`,
                `120% FORECASTED PERCENTAGE -> ${topicArn(stack, "urgent")}`,
            ]);
            // Dev and prod can share an account: each budget counts only its own Environment's spend.
            assert.deepStrictEqual(budget.inputs.costFilters, [{ name: "TagKeyValue", values: [`user:Environment$${stack}`] }]);
        });

        // Container Insights is on where the stack file leaves it on (prod); dev turns it off to save its cost.
        if (stack === "prod") {
            it("turns on Container Insights with a Pod Identity role limited to the CloudWatch agent policy", async () => {
                const r = await stackRun(stack);
                const addon = ofType(r, "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "amazon-cloudwatch-observability") as RecordedResource;
                assert.strictEqual(addon.inputs.clusterName, `openwebui-eks-${stack}`);
                assert.deepStrictEqual(addon.inputs.podIdentityAssociations, [
                    { roleArn: `arn:aws:iam::${ACCOUNT}:role/openwebui-cloudwatch-agent-role-${stack}`, serviceAccount: "cloudwatch-agent" },
                ]);
                const role = named(r, `openwebui-cloudwatch-agent-role-${stack}`);
                assert.deepStrictEqual(jsonInput(role, "assumeRolePolicy").Statement[0].Principal, { Service: "pods.eks.amazonaws.com" });
                const attached = ofType(r, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === role.inputs.name);
                assert.deepStrictEqual(attached.map((a) => a.inputs.policyArn), ["arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"]);
            });
        }

        // Container Insights is on where the stack file leaves it on (prod); dev turns it off to save its cost.
        if (stack === "prod") {
            it("alarms on node CPU > 80% and memory > 85% over 5 minutes and on any failed pod within 1 minute", async () => {
                const r = await stackRun(stack);
                const alarm = (n: string) => named(r, `openwebui-${n}-alarm-${stack}`).inputs;
                const shape = (a: any) => [a.namespace, a.metricName, a.statistic, a.period, a.evaluationPeriods, a.comparisonOperator, a.threshold, a.treatMissingData].join(" ");
                assert.strictEqual(shape(alarm("node-cpu")), "ContainerInsights node_cpu_utilization Average 300 1 GreaterThanThreshold 80 breaching");
                assert.strictEqual(shape(alarm("node-memory")), "ContainerInsights node_memory_utilization Average 300 1 GreaterThanThreshold 85 breaching");
                assert.strictEqual(shape(alarm("pod-failure")), "ContainerInsights pod_status_failed Maximum 60 1 GreaterThanOrEqualToThreshold 1 notBreaching");
                for (const n of ["node-cpu", "node-memory", "pod-failure"]) {
                    assert.deepStrictEqual(alarm(n).dimensions, { ClusterName: `openwebui-eks-${stack}` });
                    assert.deepStrictEqual(alarm(n).alarmActions, [topicArn(stack, "warning")]);
                }
            });
        }

        it("creates the EC2 and application log groups with 30-day retention; the cluster owns the control-plane group", async () => {
            const r = await stackRun(stack);
            const groups = Object.fromEntries(ofType(r, "aws:cloudwatch/logGroup:LogGroup").map((g) => [g.inputs.name, g.inputs.retentionInDays]));
            assert.strictEqual(groups[`/aws/ec2/openwebui-${stack}`], 30);
            assert.strictEqual(groups[`/aws/application/openwebui-${stack}`], 30);
            const controlPlane = ofType(r, "aws:cloudwatch/logGroup:LogGroup").filter((g) => g.inputs.name === `/aws/eks/openwebui-eks-${stack}/cluster`);
            assert.strictEqual(controlPlane.length, 1);
            assert.match(String(controlPlane[0].parentUrn), /::openwebui:index:OpenWebUICluster::/, "the cluster component owns it");
        });

        it(`snapshots Backup-tagged volumes ${stack === "prod" ? "hourly (kept a day) and " : ""}daily at 18:00 UTC (03:00 KST, kept 7), with its own DLM role`, async () => {
            const r = await stackRun(stack);
            const policy = named(r, `openwebui-ebs-snapshot-policy-${stack}`).inputs;
            assert.deepStrictEqual(policy.policyDetails.resourceTypes, ["VOLUME"]);
            assert.deepStrictEqual(policy.policyDetails.targetTags, { Backup: `openwebui-${stack}-daily` });
            const schedules = policy.policyDetails.schedules.map((s: { name: string; createRule: unknown; retainRule: unknown }) => [s.name, s.createRule, s.retainRule]);
            const daily = ["every-24h-at-1800utc-keep-7", { interval: 24, intervalUnit: "HOURS", times: "18:00" }, { count: 7 }];
            const hourly = ["every-1h-keep-24", { interval: 1, intervalUnit: "HOURS" }, { count: 24 }];
            // The design's RPO of 1 hour holds in prod; dev keeps the design's daily snapshots only.
            assert.deepStrictEqual(schedules, stack === "prod" ? [hourly, daily] : [daily]);
            assert.strictEqual(policy.executionRoleArn, `arn:aws:iam::${ACCOUNT}:role/openwebui-dlm-role-${stack}`);
            const role = named(r, `openwebui-dlm-role-${stack}`);
            assert.deepStrictEqual(jsonInput(role, "assumeRolePolicy").Statement[0].Principal, { Service: "dlm.amazonaws.com" });
            // The tag DLM selects on is the one the EBS CSI driver puts on every volume it creates.
            const csi = ofType(r, "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "aws-ebs-csi-driver") as RecordedResource;
            const volumeTags = JSON.parse(csi.inputs.configurationValues).controller.extraVolumeTags;
            for (const [k, v] of Object.entries(policy.policyDetails.targetTags)) assert.strictEqual(volumeTags[k], v);
        });

        // Container Insights is on where the stack file leaves it on (prod); dev turns it off to save its cost.
        if (stack === "prod") {
            it("creates Container Insights' log groups first, with the retention and the stack's tags", async () => {
                const r = await stackRun(stack);
                const groups = ofType(r, "aws:cloudwatch/logGroup:LogGroup").filter((g) => String(g.inputs.name).startsWith("/aws/containerinsights/"));
                assert.deepStrictEqual(groups.map((g) => g.inputs.name).sort(), ["performance"].map((k) => `/aws/containerinsights/openwebui-eks-${stack}/${k}`));
                assert.ok(groups.every((g) => g.inputs.retentionInDays === 30));
                const addon = ofType(r, "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "amazon-cloudwatch-observability") as RecordedResource;
                for (const g of groups) assert.ok(addon.dependencies.includes(g.urn), `the add-on waits for ${g.inputs.name}`);
            });
        }

        if (stack === "dev") {
            it("has no Container Insights (containerInsights: false): no add-on and no insights log groups", async () => {
                const r = await stackRun(stack);
                assert.ok(!ofType(r, "aws:eks/addon:Addon").some((a) => a.inputs.addonName === "amazon-cloudwatch-observability"));
                assert.ok(!r.resources.some((x) => /insights-lg/.test(x.name)));
            });

            it("keeps the design's CPU > 80%, memory > 85% and pod-failure ≥ 1 alarms, on the metrics its agent and audit-log filter publish", async () => {
                const r = await stackRun(stack);
                const namespace = `OpenWebUI/openwebui-eks-${stack}`;
                const alarm = (n: string) => named(r, `openwebui-${n}-alarm-${stack}`).inputs;
                const shape = (a: any) => [a.namespace, a.metricName, JSON.stringify(a.dimensions ?? {}), a.statistic, a.period, a.evaluationPeriods, a.datapointsToAlarm ?? 1, a.comparisonOperator, a.threshold, a.treatMissingData].join(" ");
                assert.strictEqual(shape(alarm("node-cpu")), `${namespace} cpu_usage_active {"cpu":"cpu-total"} Average 300 1 1 GreaterThanThreshold 80 breaching`);
                assert.strictEqual(shape(alarm("node-memory")), `${namespace} mem_used_percent {} Average 300 1 1 GreaterThanThreshold 85 breaching`);
                assert.strictEqual(shape(alarm("pod-failure")), `${namespace} pods_failed {} Sum 60 5 1 GreaterThanOrEqualToThreshold 1 notBreaching`);
                for (const n of ["node-cpu", "node-memory", "pod-failure"]) assert.deepStrictEqual(alarm(n).alarmActions, [topicArn(stack, "warning")]);

                // What the agent publishes is what the CPU and memory alarms read: its namespace, the two
                // measurements, the hostname omitted (so no host dimension), in the node's region.
                const agent = named(r, `openwebui-node-agent-${stack}`);
                const [container] = agent.inputs.spec.template.spec.containers;
                const config = JSON.parse(container.env.find((e: any) => e.name === "CW_CONFIG_CONTENT").value);
                assert.strictEqual(config.metrics.namespace, namespace);
                assert.deepStrictEqual(config.agent, { region: "ap-northeast-2", omit_hostname: true, metrics_collection_interval: 60 });
                assert.deepStrictEqual(config.metrics.metrics_collected, { cpu: { measurement: ["cpu_usage_active"], totalcpu: true }, mem: { measurement: ["mem_used_percent"] } });
                assert.deepStrictEqual(agent.inputs.spec.template.spec.tolerations, [{ operator: "Exists", effect: "NoSchedule" }], "every node, spot ones included");
                assert.strictEqual(agent.inputs.spec.template.spec.serviceAccountName, "cloudwatch-agent");

                // It may write only into that namespace, through Pod Identity for its service account.
                const pia = named(r, `openwebui-cloudwatch-agent-pia-${stack}`).inputs;
                assert.deepStrictEqual([pia.namespace, pia.serviceAccount, pia.roleArn], ["amazon-cloudwatch", "cloudwatch-agent", `arn:aws:iam::${ACCOUNT}:role/openwebui-cloudwatch-agent-role-${stack}`]);
                const grant = jsonInput(named(r, `openwebui-cloudwatch-agent-role-${stack}-inline`), "policy").Statement;
                assert.deepStrictEqual(grant, [{ Sid: "PutNodeMetrics", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": namespace } } }]);

                // The pod-failure metric comes from the control plane's log group, which ships the audit log.
                const filter = named(r, `openwebui-pod-failure-filter-${stack}`).inputs;
                assert.strictEqual(filter.logGroupName, `/aws/eks/openwebui-eks-${stack}/cluster`);
                const cluster = r.resources.find((x) => Array.isArray(x.inputs.enabledClusterLogTypes)) as RecordedResource;
                assert.ok(cluster.inputs.enabledClusterLogTypes.includes("audit"), "the cluster ships the audit log the filter reads");
                assert.deepStrictEqual(filter.metricTransformation, { name: "pods_failed", namespace, value: "1", unit: "Count" });
                assert.match(filter.pattern, /\$\.objectRef\.subresource = "status"/);
                assert.match(filter.pattern, /\$\.requestObject\.status\.phase = "Failed"/);
            });
        }

        it("keeps a versioned, encrypted, private, TLS-only backup bucket with the design's lifecycle", async () => {
            const r = await stackRun(stack);
            const bucket = named(r, `openwebui-backup-bucket-${stack}`);
            assert.strictEqual(bucket.inputs.bucket, `openwebui-backup-bucket-${stack}-${ACCOUNT}`);
            const setting = (suffix: string) => {
                const s = named(r, `openwebui-backup-bucket-${stack}-${suffix}`);
                assert.strictEqual(s.inputs.bucket, idOf(bucket), `${suffix} configures the backup bucket`);
                return s.inputs;
            };
            assert.deepStrictEqual(setting("versioning").versioningConfiguration, { status: "Enabled" });
            assert.strictEqual(setting("encryption").rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
            const pab = setting("public-access");
            assert.ok([pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets].every((v) => v === true));
            const [rule] = setting("lifecycle").rules;
            assert.deepStrictEqual(rule.transitions, [
                { days: 90, storageClass: "STANDARD_IA" },
                { days: 365, storageClass: "GLACIER" },
            ]);
            assert.deepStrictEqual(rule.noncurrentVersionExpiration, { noncurrentDays: 90 });
            const [tls] = JSON.parse(setting("policy").policy).Statement;
            assert.deepStrictEqual([tls.Effect, tls.Action, tls.Condition], ["Deny", "s3:*", { Bool: { "aws:SecureTransport": "false" } }]);
        });
    });
}

describe("OpenWebUIOps options", () => {
    it("adds SMS to critical and urgent, and Slack (through Chatbot in us-east-2) to every severity", async () => {
        const r = await run("dev", {
            overrides: {
                "openwebui:alertSmsNumbers": list("+821012345678"),
                "openwebui:slackTeamId": "T0123ABCD",
                "openwebui:slackChannelId": "C0123ABCD",
            },
        });
        assert.deepStrictEqual(subscriptions(r, "warning"), ["email:platform-team@example.com"]);
        assert.deepStrictEqual(subscriptions(r, "critical"), ["email:platform-team@example.com", "sms:+821012345678"]);
        assert.deepStrictEqual(subscriptions(r, "urgent"), ["email:platform-team@example.com", "sms:+821012345678"]);
        const [slack] = ofType(r, "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration");
        assert.strictEqual(slack.inputs.region, "us-east-2");
        assert.deepStrictEqual(slack.inputs.snsTopicArns, ["warning", "critical", "urgent"].map((s) => topicArn("dev", s)));
        assert.deepStrictEqual(slack.inputs.guardrailPolicyArns, ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"]);
    });

    it("scopes the budget to another cost-allocation tag, or to the whole account when set empty", async () => {
        const r = await run("dev", { overrides: { "openwebui:budgetCostAllocationTag": "CostCenter" } });
        assert.deepStrictEqual(named(r, "openwebui-monthly-budget-dev").inputs.costFilters, [{ name: "TagKeyValue", values: ["user:CostCenter$openwebui-project"] }]);
        const whole = await run("dev", { overrides: { "openwebui:budgetCostAllocationTag": "" } });
        assert.strictEqual(named(whole, "openwebui-monthly-budget-dev").inputs.costFilters, undefined);
    });
});
