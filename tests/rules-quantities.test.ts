/**
 * rules/cost/quantities.ts on a hand-made stack: each count the cost model prices, read the way a
 * preview hands the resources over. The stacks' own counts are pinned through their totals in
 * tests/cost.test.ts.
 */
import * as assert from "assert";
import { costResource } from "./fixtures";
import { quantitiesFrom } from "@openwebui-aws/rules/cost/quantities";

const r = costResource;
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const volume = (volumeSize: number) => ({ deviceName: "/dev/xvda", ebs: { volumeSize } });

describe("rules/cost/quantities: what a stack runs", () => {
    it("node groups: types, capacity, desired and max nodes (max falls back to desired), root volume from the group's own template", () => {
        const q = quantitiesFrom([
            r(TEMPLATE, { id: "lt-small", name: "small", blockDeviceMappings: [volume(30)] }),
            r(TEMPLATE, { id: "lt-big", name: "big", blockDeviceMappings: [volume(80)] }),
            r(NODE_GROUP, { nodeGroupName: "openwebui-primary-nodes-dev", instanceTypes: ["t4g.large"], capacityType: "ON_DEMAND", scalingConfig: { desiredSize: 2, maxSize: 4 }, launchTemplate: { id: "lt-small" } }),
            r(NODE_GROUP, { nodeGroupName: "openwebui-spot-nodes-dev", instanceTypes: ["t4g.large", "m6g.large"], capacityType: "SPOT", scalingConfig: { desiredSize: 1 }, launchTemplate: { id: "lt-unknown-yet", name: "small" } }),
        ]);
        assert.deepStrictEqual(q.nodeGroups, [
            { name: "openwebui-primary-nodes-dev", instanceTypes: ["t4g.large"], capacityType: "ON_DEMAND", nodes: 2, maxNodes: 4, volumeGb: 30 },
            { name: "openwebui-spot-nodes-dev", instanceTypes: ["t4g.large", "m6g.large"], capacityType: "SPOT", nodes: 1, maxNodes: 1, volumeGb: 30 },
        ]);
    });

    it("a root volume: the largest template's when the group's is not known yet, else diskSize, else the AMI's 20 GB", () => {
        const group = (props: Record<string, unknown>) => r(NODE_GROUP, { nodeGroupName: "g", instanceTypes: ["t4g.large"], scalingConfig: { desiredSize: 1 }, ...props });
        const templates = [r(TEMPLATE, { blockDeviceMappings: [volume(30)] }), r(TEMPLATE, { blockDeviceMappings: [volume(80), { deviceName: "/dev/xvdb", ebs: {} }] })];
        assert.strictEqual(quantitiesFrom([...templates, group({ launchTemplate: {} })]).nodeGroups[0].volumeGb, 80);
        assert.strictEqual(quantitiesFrom([group({ diskSize: 50 })]).nodeGroups[0].volumeGb, 50);
        assert.strictEqual(quantitiesFrom([group({})]).nodeGroups[0].volumeGb, 20);
    });

    it("the application: ALBs of class alb only, RDS as configured, claimed volumes × replicas, WAF rules and log groups, the first Bedrock model", () => {
        const q = quantitiesFrom([
            r("kubernetes:networking.k8s.io/v1:Ingress", { spec: { ingressClassName: "alb" } }),
            r("kubernetes:networking.k8s.io/v1:Ingress", { spec: { ingressClassName: "nginx" } }),
            r("aws:rds/instance:Instance", { identifier: "openwebui-rds-prod", instanceClass: "db.t4g.small", multiAz: true, allocatedStorage: 20, manageMasterUserPassword: true, enabledCloudwatchLogsExports: ["postgresql"] }),
            r("kubernetes:apps/v1:StatefulSet", { spec: { replicas: 2, volumeClaimTemplates: [{ spec: { resources: { requests: { storage: "10Gi" } } } }, { spec: { resources: { requests: { storage: "1Ti" } } } }] } }),
            r("kubernetes:apps/v1:StatefulSet", { spec: { volumeClaimTemplates: [{ spec: { resources: { requests: { storage: "5G" } } } }, { spec: { resources: { requests: { storage: "lots" } } } }] } }),
            r("aws:wafv2/webAcl:WebAcl", { name: "openwebui-waf-prod", rules: [{}, {}, {}] }),
            r("aws:cloudwatch/logGroup:LogGroup", { name: "aws-waf-logs-openwebui-waf-prod" }),
            r("aws:cloudwatch/logGroup:LogGroup", { name: "/aws/eks/openwebui-eks-prod/cluster" }),
            r("aws:cloudwatch/logGroup:LogGroup", { name: "openwebui-waf-lg-prod" }),
            r(RELEASE, { chart: "open-webui", values: JSON.stringify({ websocket: { redis: { enabled: true } } }) }),
            r(RELEASE, { chart: "litellm-helm", values: { proxy_config: { model_list: [{ litellm_params: { model: "openai/gpt-x" } }, { litellm_params: { model: "bedrock/global.anthropic.claude-haiku-4-5-20251001-v1:0" } }, { litellm_params: { model: "bedrock/second" } }] } } }),
        ]);
        assert.strictEqual(q.albs, 1);
        assert.deepStrictEqual(q.rdsInstances, [{ name: "openwebui-rds-prod", instanceClass: "db.t4g.small", multiAz: true, storageGb: 20, managedSecret: true, logExports: ["postgresql"] }]);
        assert.strictEqual(q.persistentVolumeGb, 2 * (10 + 1024) + 5);
        assert.deepStrictEqual(q.webAcls, [{ name: "openwebui-waf-prod", rules: 3 }]);
        assert.strictEqual(q.wafLogGroups, 1);
        assert.strictEqual(q.defaultBedrockModel, "global.anthropic.claude-haiku-4-5-20251001-v1:0");
        assert.strictEqual(q.inClusterRedis, true);
    });

    it("the rest: NAT gateways and instances, addresses, alarms, keys, buckets by kind, snapshots kept, region by zone name or ID, the budget", () => {
        const q = quantitiesFrom([
            r("aws:ec2/natGateway:NatGateway", {}),
            r("aws:ec2/instance:Instance", { instanceType: "t4g.nano", tags: { Name: "openwebui-nat-instance-dev" }, rootBlockDevice: { volumeSize: 10 } }),
            r("aws:ec2/instance:Instance", { instanceType: "t4g.micro" }),
            r("aws:ec2/eip:Eip", {}),
            r("aws:cloudwatch/metricAlarm:MetricAlarm", {}),
            r("aws:cloudwatch/metricAlarm:MetricAlarm", {}),
            r("aws:kms/key:Key", { tags: { Name: "openwebui-kms-dev" } }),
            // Billed in the recovery region, on the copies' own line.
            r("aws:kms/key:Key", { tags: { Name: "openwebui-recovery-key-prod-dr" } }),
            r("aws:s3/bucket:Bucket", { bucket: "openwebui-uploads-bucket-dev-123" }),
            r("aws:s3/bucket:Bucket", { tags: { Name: "openwebui-uploads-bucket-dev" } }),
            r("aws:s3/bucket:Bucket", { bucket: "openwebui-backup-bucket-dev-123" }),
            r("aws:dlm/lifecyclePolicy:LifecyclePolicy", { policyDetails: { schedules: [{ retainRule: { count: 24 } }, { retainRule: { count: 7 } }, {}] } }),
            r("aws:ec2/subnet:Subnet", { availabilityZoneId: "apne1-az1" }),
            r("aws:budgets/budget:Budget", { limitAmount: "150" }),
            r("aws:cloudwatch/logMetricFilter:LogMetricFilter", {}),
            r("aws:eks/addon:Addon", { addonName: "amazon-cloudwatch-observability" }),
            r("aws:ecr/repository:Repository", {}),
        ]);
        assert.deepStrictEqual(
            { natGateways: q.natGateways, instances: q.instances, elasticIps: q.elasticIps, alarms: q.alarms, kmsKeys: q.kmsKeys, uploadsBuckets: q.uploadsBuckets, backupBuckets: q.backupBuckets },
            { natGateways: 1, instances: [{ name: "openwebui-nat-instance-dev", instanceType: "t4g.nano", volumeGb: 10 }, { name: "t4g.micro", instanceType: "t4g.micro", volumeGb: 8 }], elasticIps: 1, alarms: 2, kmsKeys: 1, uploadsBuckets: 2, backupBuckets: 1 },
        );
        assert.deepStrictEqual([q.snapshotPolicies, q.retainedSnapshots, q.region, q.budgetUsd, q.logMetricFilters, q.containerInsights, q.ecrRepositories], [1, 31, "ap-northeast-1", 150, 1, true, 1]);
        assert.strictEqual(quantitiesFrom([r("aws:ec2/subnet:Subnet", { availabilityZone: "ap-northeast-2c" })]).region, "ap-northeast-2");
        const none = quantitiesFrom([]);
        assert.deepStrictEqual([none.region, none.budgetUsd, none.defaultBedrockModel, none.inClusterRedis, none.containerInsights, none.recoveryCopies], [undefined, undefined, undefined, false, false, undefined]);
    });

    it("counts the cluster once: the aws:eks Cluster a real preview shows, else the @pulumi/eks component", () => {
        const component = r("eks:index:Cluster", { name: "openwebui-eks-dev", version: "1.35", upgradePolicy: { supportType: "STANDARD" } });
        assert.deepStrictEqual(quantitiesFrom([component]).clusters, [{ name: "openwebui-eks-dev", version: "1.35", supportType: "STANDARD" }]);
        // The child's own name property is the cluster's name; its version is read from the child, not the component.
        const child = r("aws:eks/cluster:Cluster", { name: "openwebui-eks-dev", version: "1.36" });
        assert.deepStrictEqual(quantitiesFrom([component, child]).clusters, [{ name: "openwebui-eks-dev", version: "1.36", supportType: undefined }]);
    });
});
