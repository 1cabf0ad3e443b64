/**
 * Values AWS (or Kubernetes) would reject only in the middle of `pulumi up`, after other resources
 * exist: config refuses them first, naming the key.
 */
import * as assert from "assert";
import { ConfigError } from "../config/reader";
import { parseCidr, Ipv4Cidr } from "@openwebui-aws/rules/cidr";
import { EKS_STANDARD_SUPPORT_ENDS, standardSupportProblem } from "@openwebui-aws/rules/eks";
import { ADDON_BUILDS, ADDON_VERSION_PATTERN, EksVersion, MANAGED_ADDONS, ManagedAddon } from "@openwebui-aws/rules/eks-addons";
import { BEDROCK_OFFERS } from "@openwebui-aws/rules/bedrock";
import { PLATFORM_NAMESPACES } from "@openwebui-aws/rules/namespaces";
import { privateSubnetSizeProblem, publicSubnetSizeProblem } from "@openwebui-aws/rules/subnets";
import { CLOUDWATCH_AGENT } from "../components/ops/monitoring";
import { CLUSTER_AUTOSCALER, EBS_CSI_CONTROLLER, LOAD_BALANCER_CONTROLLER } from "../components/cluster/addons";
import { refused, rejection, run, runAsOf, stackRun } from "./helpers";

const list = (...items: string[]) => JSON.stringify(items);


const cidr = (text: string): Ipv4Cidr => {
    const parsed = parseCidr(text);
    if (typeof parsed === "string") throw new Error(parsed);
    return parsed;
};

describe("subnets too small for EKS, the ALB or prefix delegation", () => {
    it("public subnets: a /27 holds the ALB, a /28 does not", () => {
        assert.strictEqual(publicSubnetSizeProblem(cidr("10.0.1.0/27")), undefined);
        assert.match(String(publicSubnetSizeProblem(cidr("10.0.1.0/28"))), /needs a \/27 or larger with at least 8 free addresses/);
    });

    it("private subnets: /24 is the floor for the nodes' /28 prefixes, and below 6 free addresses EKS itself refuses", () => {
        assert.strictEqual(privateSubnetSizeProblem(cidr("10.0.10.0/24")), undefined);
        assert.strictEqual(privateSubnetSizeProblem(cidr("10.0.8.0/22")), undefined);
        assert.match(String(privateSubnetSizeProblem(cidr("10.0.10.0/25"))), /too small for the nodes: .* \/24 or larger/);
        assert.match(String(privateSubnetSizeProblem(cidr("10.0.10.0/28"))), /too small for the nodes/);
        assert.match(String(privateSubnetSizeProblem(cidr("10.0.10.0/29"))), /has 3 free addresses after the 5 AWS keeps; EKS needs at least 6/);
    });

    it("the stack refuses them, naming the key", async () => {
        await refused("dev", { "openwebui:publicSubnetCidrs": list("10.0.1.0/24", "10.0.2.0/28") }, "openwebui:publicSubnetCidrs", /10\.0\.2\.0\/28 is too small for the ALB/);
        await refused("dev", { "openwebui:privateSubnetCidrs": list("10.0.10.0/26", "10.0.20.0/24") }, "openwebui:privateSubnetCidrs", /10\.0\.10\.0\/26 is too small for the nodes/);
        await refused("prod", { "openwebui:privateSubnetCidrs": list("10.0.10.0/24", "10.0.20.0/29") }, "openwebui:privateSubnetCidrs", /EKS needs at least 6/);
    });
});

describe("appNamespace", () => {
    for (const [name, why] of [
        ["kube-system", /every cluster already has/],
        ["default", /every cluster already has/],
        ["kube-node-lease", /every cluster already has/],
        ["amazon-cloudwatch", /runs its add-ons and controllers/],
        ["kube-openwebui", /Kubernetes reserves for its system namespaces/],
        ["kube", /logs namespace "kube-logs", which starts with "kube-"/],
        ["Open_WebUI", /not a Kubernetes namespace name \(a DNS-1123 label/],
        ["a".repeat(59), /no room for its logs namespace/],
    ] as const) {
        it(`refuses ${name.length > 20 ? `a ${name.length}-character name` : `"${name}"`}`, async () => {
            await refused("dev", { "openwebui:appNamespace": name }, "openwebui:appNamespace", why);
        });
    }

    it("the reserved list covers every namespace the program puts its own add-ons and controllers in", async () => {
        for (const identity of [LOAD_BALANCER_CONTROLLER, CLUSTER_AUTOSCALER, EBS_CSI_CONTROLLER, CLOUDWATCH_AGENT]) {
            assert.ok((PLATFORM_NAMESPACES as readonly string[]).includes(identity.namespace), identity.namespace);
        }
        const r = await stackRun("prod");
        const app = ["openwebui", "openwebui-logs"];
        const used = new Set(
            r.resources
                .filter((x) => x.type.startsWith("kubernetes:") || x.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation")
                .map((x) => String(x.inputs.metadata?.namespace ?? x.inputs.namespace ?? ""))
                .filter((ns) => ns !== "" && !app.includes(ns)),
        );
        assert.ok(used.size > 0);
        for (const ns of used) assert.ok((PLATFORM_NAMESPACES as readonly string[]).includes(ns), `${ns} is used by the program but not reserved`);
    });
});

describe("add-on builds", () => {
    for (const addon of MANAGED_ADDONS) {
        it(`${addon}: refuses a pin that is not a recorded build for the cluster's Kubernetes version, listing the known ones`, async () => {
            const pins = MANAGED_ADDONS.map((a) => `${a}=${a === addon ? "v9.9.9-eksbuild.1" : "default"}`);
            await refused("dev", { "openwebui:addonVersions": JSON.stringify(pins) }, "openwebui:addonVersions", new RegExp(`${addon} v9\\.9\\.9-eksbuild\\.1 is not a known build for Kubernetes 1\\.35 \\(known: `));
        });
    }

    it("names the known builds, and accepts one of them", async () => {
        const pins = (coredns: string) => JSON.stringify(MANAGED_ADDONS.map((a) => `${a}=${a === "coredns" ? coredns : "default"}`));
        await refused("dev", { "openwebui:addonVersions": pins("v1.13.2-eksbuild.7") }, "openwebui:addonVersions", /coredns v1\.13\.2-eksbuild\.7 is not a known build for Kubernetes 1\.35 \(known: v1\.14\.2-eksbuild\.4\)/);
        const r = await run("dev", { overrides: { "openwebui:addonVersions": pins("v1.14.2-eksbuild.4") } });
        const coredns = r.resources.find((x) => x.type === "aws:eks/addon:Addon" && x.inputs.addonName === "coredns");
        assert.strictEqual(coredns?.inputs.addonVersion, "v1.14.2-eksbuild.4");
    });
});

describe("kubernetesVersion out of standard support on the day of the run", () => {
    const on134 = {
        "openwebui:kubernetesVersion": "1.34",
        "openwebui:clusterAutoscalerImageTag": "v1.34.5",
        "openwebui:addonVersions": JSON.stringify(MANAGED_ADDONS.map((a) => `${a}=${{ "kube-proxy": "v1.34.6-eksbuild.2", coredns: "v1.13.2-eksbuild.7" }[a as string] ?? "default"}`)),
    };

    it("refuses 1.34 today (its standard support ended on 2026-12-02), saying what to move to", async () => {
        assert.ok(new Date().toISOString().slice(0, 10) >= EKS_STANDARD_SUPPORT_ENDS["1.34"]);
        await refused("dev", on134, "openwebui:kubernetesVersion", /"1\.34" left EKS standard support on 2026-12-02 \(today is \d{4}-\d\d-\d\d\).*move to 1\.35 or 1\.36/);
    });

    it("accepted the same stack the day before, when the run is dated then", async () => {
        const r = await runAsOf("2026-12-01", "dev", { overrides: on134 });
        assert.deepStrictEqual([...new Set(r.resources.filter((x) => x.type === "aws:eks/nodeGroup:NodeGroup").map((n) => n.inputs.version))], ["1.34"]);
        const e = await rejection(runAsOf("2026-12-02", "dev", { overrides: on134 }));
        assert.strictEqual((e as unknown as ConfigError).key, "openwebui:kubernetesVersion");
    });

    it("ends at 00:00 UTC on the calendar's date, for every supported version", () => {
        for (const [version, ends] of Object.entries(EKS_STANDARD_SUPPORT_ENDS)) {
            const v = version as keyof typeof EKS_STANDARD_SUPPORT_ENDS;
            const lastMoment = new Date(new Date(`${ends}T00:00:00Z`).getTime() - 1);
            assert.strictEqual(standardSupportProblem(v, lastMoment), undefined, version);
            assert.match(String(standardSupportProblem(v, new Date(`${ends}T00:00:00Z`))), new RegExp(`left EKS standard support on ${ends}`));
        }
        assert.match(String(standardSupportProblem("1.36", new Date("2027-08-02T00:00:00Z"))), /no version in rules\/eks\.ts is still in standard support/);
    });
});

describe("Bedrock models the stack's Region can call", () => {
    const haiku = "claude-haiku-4.5=global.anthropic.claude-haiku-4-5-20251001-v1:0";
    const models = (...entries: string[]) => ({ "openwebui:bedrockModels": list(...entries) });

    it("refuses a us. or eu. profile from Seoul, in any position of the list", async () => {
        await refused("dev", models(haiku, "sonnet=us.anthropic.claude-sonnet-4-5-20250929-v1:0"), "openwebui:bedrockModels", /us\.anthropic\.claude-sonnet-4-5-20250929-v1:0 is an inference profile of the us\. geography.* ap-northeast-2 calls global\. and apac\. profiles/);
        await refused("dev", models(haiku, "other=global.anthropic.claude-sonnet-4-6", "eu=eu.anthropic.claude-haiku-4-5-20251001-v1:0"), "openwebui:bedrockModels", /eu\.anthropic\.claude-haiku-4-5-20251001-v1:0 is an inference profile of the eu\. geography/);
    });

    it("refuses what the reference records as not callable from Seoul, with the reason and the alternatives", async () => {
        await refused("dev", models(haiku, "sonnet4=apac.anthropic.claude-sonnet-4-20250514-v1:0"), "openwebui:bedrockModels", /Legacy and was refused from Seoul in 2026.*callable from ap-northeast-2: global\.anthropic\.claude-haiku-4-5-20251001-v1:0, /);
        await refused("dev", models(haiku, "haiku3=apac.anthropic.claude-3-haiku-20240307-v1:0"), "openwebui:bedrockModels", /end of life on 2026-09-10/);
        await refused("dev", models(haiku, "sonnet=anthropic.claude-sonnet-4-5-20250929-v1:0"), "openwebui:bedrockModels", /foundation model called in-Region/);
        await refused("dev", models(haiku, "opus=global.anthropic.claude-opus-9-v1:0"), "openwebui:bedrockModels", /not a model or inference profile recorded as callable from ap-northeast-2/);
    });

    it("serves every recorded model together", async () => {
        const others = Object.keys(BEDROCK_OFFERS["ap-northeast-2"].callable).filter((id) => !haiku.endsWith(`=${id}`));
        assert.ok(others.length >= 2);
        const r = await run("dev", { overrides: models(haiku, ...others.map((id, i) => `m${i}=${id}`)) });
        assert.deepStrictEqual(r.outputs.models, ["claude-haiku-4.5", ...others.map((_, i) => `m${i}`)]);
    });
});

describe("a certificate of another account", () => {
    const https = (certificateAccount: string) => ({
        "openwebui:appDomain": "chat.acme.kr",
        "openwebui:appCertificateArn": `arn:aws:acm:ap-northeast-2:${certificateAccount}:certificate/5f0c6a8e-1b2d-4c3e-9f4a-0123456789ab`,
    });

    it("is refused: the ALB can only use its own account's certificates", async () => {
        await refused("dev", https("210987654321"), "openwebui:appCertificateArn", /belongs to account 210987654321, the stack deploys into 111122223333 \(the account of openwebui:operatorPrincipalArns\)/);
    });

    it("the deploy role's account is the stack's, when operators come from several accounts", async () => {
        const operators = { "openwebui:operatorPrincipalArns": list("arn:aws:iam::210987654321:role/openwebui-deploy-role-dev", "arn:aws:iam::111122223333:role/platform-admin") };
        await refused("dev", { ...operators, ...https("111122223333") }, "openwebui:appCertificateArn", /belongs to account 111122223333, the stack deploys into 210987654321/);
        const r = await run("dev", { overrides: { ...operators, ...https("210987654321") } });
        assert.ok(r.resources.length > 0);
    });
});

describe("vague refusals that now name their keys", () => {
    it("budget thresholds out of order name all three budget*Percent keys", async () => {
        const all = /openwebui:budgetWarningPercent \(\d+\) < openwebui:budgetCriticalPercent \(\d+\) <= openwebui:budgetForecastPercent \(\d+\) must hold/;
        const e = await refused("dev", { "openwebui:budgetWarningPercent": "100", "openwebui:budgetCriticalPercent": "80" }, "openwebui:budgetWarningPercent", /out of order/);
        assert.match(e.message, all);
        assert.match((await refused("dev", { "openwebui:budgetForecastPercent": "90" }, "openwebui:budgetForecastPercent", /out of order/)).message, all);
        assert.match((await refused("dev", { "openwebui:budgetWarningPercent": "100" }, "openwebui:budgetWarningPercent", /out of order/)).message, all);
    });

    it("appWaf false in prod is refused by config, naming openwebui:appWaf; dev may turn it off", async () => {
        await refused("prod", { "openwebui:appWaf": "false" }, "openwebui:appWaf", /prod's internet-facing ALB runs behind AWS WAF/);
        const dev = await stackRun("dev");
        assert.ok(dev.resources.length > 0 && !dev.resources.some((x) => x.type === "aws:wafv2/webAcl:WebAcl"));
    });
});

describe("add-on builds recorded for every add-on (rules/eks-addons.ts)", () => {
    const recorded = (addon: ManagedAddon, version: EksVersion) => ADDON_BUILDS[addon][version] ?? [];
    const pinning = (chosen: Partial<Record<ManagedAddon, string>>) => JSON.stringify(MANAGED_ADDONS.map((a) => `${a}=${chosen[a] ?? "default"}`));
    /** addonName → the build the program gives EKS (vpc-cni and kube-proxy through @pulumi/eks's cluster). */
    const installed = (r: Awaited<ReturnType<typeof run>>): Record<string, unknown> => {
        const cluster = r.resources.find((x) => x.type === "eks:index:Cluster")!.inputs;
        const addons = r.resources.filter((x) => x.type === "aws:eks/addon:Addon").map((a) => [a.inputs.addonName, a.inputs.addonVersion]);
        return { "vpc-cni": cluster.vpcCniOptions?.addonVersion, "kube-proxy": cluster.kubeProxyAddonOptions?.version, ...Object.fromEntries(addons) };
    };
    /** The first recorded build of every add-on that has one for `version`. */
    const firstBuilds = (version: EksVersion) => Object.fromEntries(MANAGED_ADDONS.filter((a) => recorded(a, version).length > 0).map((a) => [a, recorded(a, version)[0]])) as Partial<Record<ManagedAddon, string>>;

    it("every add-on has a build recorded for some supported version, each a well-formed build; kube-proxy's follow the cluster's minor", () => {
        for (const addon of MANAGED_ADDONS) {
            const all = Object.values(ADDON_BUILDS[addon]).flat();
            assert.ok(all.length > 0, `${addon}: no build recorded for any version`);
            for (const b of all) assert.match(b, ADDON_VERSION_PATTERN, `${addon} ${b}`);
        }
        for (const [version, builds] of Object.entries(ADDON_BUILDS["kube-proxy"])) {
            for (const b of builds) assert.ok(b.startsWith(`v${version}.`), `kube-proxy ${b} recorded for ${version}`);
        }
        assert.ok(MANAGED_ADDONS.some((a) => recorded(a, "1.36").length > 0), "1.36, the version config tells users to move to, has builds");
    });

    it("accepts a recorded build of each add-on on 1.35, and the program installs exactly that build", async () => {
        const chosen = firstBuilds("1.35");
        assert.deepStrictEqual(Object.keys(chosen).sort(), MANAGED_ADDONS.filter((a) => a !== "amazon-cloudwatch-observability").sort());
        const r = await run("prod", { overrides: { "openwebui:addonVersions": pinning(chosen) } });
        for (const [addon, build] of Object.entries(chosen)) assert.strictEqual(installed(r)[addon], build, addon);
    });

    it("accepts a recorded build of each add-on on 1.36, amazon-cloudwatch-observability included", async () => {
        const chosen = firstBuilds("1.36");
        assert.ok(chosen["amazon-cloudwatch-observability"] && chosen["kube-proxy"] && chosen.coredns && chosen["vpc-cni"] && chosen["eks-pod-identity-agent"]);
        const r = await run("prod", { overrides: { "openwebui:kubernetesVersion": "1.36", "openwebui:clusterAutoscalerImageTag": "v1.36.1", "openwebui:addonVersions": pinning(chosen) } });
        for (const [addon, build] of Object.entries(chosen)) assert.strictEqual(installed(r)[addon], build, addon);
    });

    for (const addon of MANAGED_ADDONS.filter((a) => recorded(a, "1.35").length > 0)) {
        it(`${addon}: a build not recorded for 1.35 is refused, naming the key and listing every recorded build`, async () => {
            const builds = recorded(addon, "1.35").map((b) => b.replace(/\./g, "\\.")).join(", ");
            await refused("dev", { "openwebui:addonVersions": pinning({ [addon]: "v0.0.1-eksbuild.1" }) }, "openwebui:addonVersions", new RegExp(`${addon} v0\\.0\\.1-eksbuild\\.1 is not a known build for Kubernetes 1\\.35 \\(known: ${builds}\\); use one of those or "default"`));
        });
    }

    it("an add-on with no build recorded for the version says so, and how to read and add one", async () => {
        assert.deepStrictEqual(recorded("amazon-cloudwatch-observability", "1.35"), []);
        await refused(
            "dev",
            { "openwebui:addonVersions": pinning({ "amazon-cloudwatch-observability": "v6.7.0-eksbuild.1" }) },
            "openwebui:addonVersions",
            /no amazon-cloudwatch-observability build for 1\.35 is recorded in rules\/eks-addons\.ts yet\); use "default", or read the builds with `aws eks describe-addon-versions --addon-name amazon-cloudwatch-observability --kubernetes-version 1\.35` and add them there/,
        );
    });
});
