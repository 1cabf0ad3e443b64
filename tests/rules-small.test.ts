/**
 * The small rules on their own, each at its edges with its exact sentence: the app's namespace,
 * instance types and shapes, zone offerings, ALB annotation keys, add-on pods, derived names, an
 * image's repository.
 */
import * as assert from "assert";
import { addonPods } from "@openwebui-aws/rules/addon-requests";
import { isKnownAlbAnnotation } from "@openwebui-aws/rules/alb-annotations";
import { ingressTargetGroupResource, rdsLogGroupName } from "@openwebui-aws/rules/app";
import { isArmInstanceType, mixedShapeProblem } from "@openwebui-aws/rules/instance-types";
import { zoneOfferingProblem } from "@openwebui-aws/rules/instance-zones";
import { appNamespaceProblem, logsNamespace } from "@openwebui-aws/rules/namespaces";
import { dataVolumeDevice } from "@openwebui-aws/rules/node-group-limits";
import { imageRepository } from "@openwebui-aws/rules/workload-users";
import { configKey } from "@openwebui-aws/rules/prod-contract";

describe("rules: the app's namespace", () => {
    it("takes a DNS-1123 label that leaves room for its logs namespace and is nobody else's", () => {
        assert.strictEqual(appNamespaceProblem("openwebui"), undefined);
        assert.strictEqual(logsNamespace("openwebui"), "openwebui-logs");
        assert.strictEqual(appNamespaceProblem("a".repeat(58)), undefined);
        assert.strictEqual(appNamespaceProblem("a".repeat(59)), `"${"a".repeat(59)}" leaves no room for its logs namespace "${"a".repeat(59)}-logs" within the 63 characters of a namespace name`);
        for (const bad of ["OpenWebUI", "-web", "web-", "web_ui", ""]) {
            assert.strictEqual(appNamespaceProblem(bad), `"${bad}" is not a Kubernetes namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit)`, bad);
        }
    });

    it("refuses the cluster's own namespaces, the platform's, and kube-*, for the app or its logs", () => {
        assert.strictEqual(appNamespaceProblem("default"), '"default" is a namespace every cluster already has: the app needs a namespace of its own');
        assert.strictEqual(appNamespaceProblem("amazon-cloudwatch"), '"amazon-cloudwatch" is where the program runs its add-ons and controllers: the app needs a namespace of its own');
        assert.strictEqual(appNamespaceProblem("kube-apps"), '"kube-apps" starts with "kube-", which Kubernetes reserves for its system namespaces: the app needs a namespace of its own');
        // Its logs namespace would be kube-logs.
        assert.strictEqual(appNamespaceProblem("kube"), '"kube" gives the app\'s logs namespace "kube-logs", which starts with "kube-", which Kubernetes reserves for its system namespaces: pick another name');
        assert.strictEqual(appNamespaceProblem("kub"), undefined);
    });
});

describe("rules: instance types, shapes and zones", () => {
    it("knows Graviton types by name", () => {
        // im4gn and is4gen: a family name of two letters, and letters after the g.
        for (const arm of ["t4g.large", "m7g.xlarge", "c7gn.large", "r8g.medium", "a1.large", "im4gn.large", "is4gen.xlarge"]) assert.ok(isArmInstanceType(arm), arm);
        for (const x86 of ["t3.large", "m5.large", "g5.xlarge", "m5dn.large", "xa1.large", "t4g"]) assert.ok(!isArmInstanceType(x86), x86);
    });

    it("one group, one shape: names what has no shape, a second architecture, or a second size", () => {
        assert.strictEqual(mixedShapeProblem(["t4g.large", "m6g.large"]), undefined);
        assert.strictEqual(mixedShapeProblem(["t4g.large", "x9.huge", "y1.tiny"]), "x9.huge, y1.tiny has no vCPU/memory shape in rules/instance-types.ts: add it with its source");
        assert.strictEqual(mixedShapeProblem(["t4g.large", "t3.large"]), "t4g.large and t3.large are different architectures: one AMI cannot run both");
        assert.strictEqual(mixedShapeProblem(["t3.large", "t3.xlarge"]), "t3.large is 2 vCPU / 8 GiB but t3.xlarge is 4 vCPU / 16 GiB: cluster-autoscaler assumes every node of a group has one shape, so give one group per shape");
        assert.strictEqual(mixedShapeProblem(["t4g.large", "m6g.large", "t4g.medium"]), "t4g.large is 2 vCPU / 8 GiB but t4g.medium is 2 vCPU / 4 GiB: cluster-autoscaler assumes every node of a group has one shape, so give one group per shape");
    });

    it("every zone must offer every type: names the zone without a record, and what a zone lacks", () => {
        const table = { z1: ["a.large", "b.large"], z2: ["a.large"] };
        assert.strictEqual(zoneOfferingProblem(["a.large"], ["z1", "z2"], table), undefined);
        assert.strictEqual(zoneOfferingProblem(["a.large", "b.large"], ["z1", "z2"], table), "b.large is not offered in z2 (rules/instance-zones.ts): pick types every zone of the stack offers");
        assert.strictEqual(zoneOfferingProblem(["b.large", "c.large"], ["z2"], table), "b.large, c.large are not offered in z2 (rules/instance-zones.ts): pick types every zone of the stack offers");
        assert.strictEqual(zoneOfferingProblem(["a.large"], ["z1", "z3"], table), "rules/instance-zones.ts has no record of the types z3 offers: add the zone (from describe-instance-type-offerings, with the date) before using it");
    });

    it("the data volume is Bottlerocket's second device, and AL2023's only one", () => {
        assert.strictEqual(dataVolumeDevice("BOTTLEROCKET_ARM_64"), "/dev/xvdb");
        assert.strictEqual(dataVolumeDevice("AL2023_ARM_64_STANDARD"), "/dev/xvda");
    });
});

describe("rules: ALB annotations, add-on pods and derived names", () => {
    it("an ALB annotation key is known by its full name or as one of a family with a tail", () => {
        assert.ok(isKnownAlbAnnotation("alb.ingress.kubernetes.io/ssl-policy"));
        assert.ok(isKnownAlbAnnotation("alb.ingress.kubernetes.io/actions.redirect"));
        assert.ok(isKnownAlbAnnotation("alb.ingress.kubernetes.io/listener-attributes.HTTPS-443"));
        for (const key of ["alb.ingress.kubernetes.io/actions.", "nlb.ingress.kubernetes.io/actions.redirect", "alb.ingress.kubernetes.io/ssl-polcy", "ssl-policy", "x.alb.ingress.kubernetes.io/ssl-policy", "service.beta.kubernetes.io/actions.x"]) {
            assert.ok(!isKnownAlbAnnotation(key), key);
        }
    });

    it("an add-on's pods carry its source; the observability add-on drops its Fluent Bit when container logs are off", () => {
        const names = (values?: Record<string, unknown>) => addonPods("amazon-cloudwatch-observability", values).map((p) => p.name);
        assert.ok(names().includes("container-insights-fluent-bit"));
        assert.ok(!names({ containerLogs: { enabled: false } }).includes("container-insights-fluent-bit"));
        assert.deepStrictEqual(names({ containerLogs: { enabled: true } }), names());
        assert.ok(addonPods("kube-proxy").every((p) => p.source.startsWith("the EKS kube-proxy add-on DaemonSet")));
    });

    it("names a target group's resource, an RDS log group and a stack-file key", () => {
        assert.strictEqual(ingressTargetGroupResource("openwebui", "open-webui", "open-webui", 80), "openwebui/open-webui-open-webui:80");
        assert.strictEqual(ingressTargetGroupResource("openwebui", "open-webui", "litellm", "http"), "openwebui/open-webui-litellm:http");
        assert.strictEqual(rdsLogGroupName("openwebui-rds-prod", "postgresql"), "/aws/rds/instance/openwebui-rds-prod/postgresql");
        assert.strictEqual(configKey("nodeGroups.primary.minSize"), "openwebui:nodeGroups.primary.minSize");
    });
});

describe("rules: an image's repository (what the root allowances are keyed by)", () => {
    it("drops the tag and the digest, keeps a registry port, and leaves an untagged name whole", () => {
        assert.strictEqual(imageRepository("ghcr.io/open-webui/open-webui:v0.6.41"), "ghcr.io/open-webui/open-webui");
        assert.strictEqual(imageRepository("ghcr.io/open-webui/open-webui"), "ghcr.io/open-webui/open-webui");
        assert.strictEqual(imageRepository("ghcr.io/open-webui/open-webui@sha256:abc"), "ghcr.io/open-webui/open-webui");
        assert.strictEqual(imageRepository("registry.example:5000/app"), "registry.example:5000/app");
        assert.strictEqual(imageRepository("alpine"), "alpine");
        // A colon at index 1 is a tag like any other.
        assert.strictEqual(imageRepository("a:1"), "a");
    });
});
