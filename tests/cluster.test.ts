import * as assert from "assert";
import { ProgramRun, RecordedResource } from "../sim/mock-engine";
import { eksClusterChild } from "../sim/eks-child";
import { decide } from "../sim/iam-engine";
import { byId, idOf, jsonInput, named, ofType, run, stackRun, STACKS } from "./helpers";

const ACCOUNT = "123456789012";

function attachedPolicies(r: ProgramRun, role: RecordedResource): string[] {
    return ofType(r, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
        .filter((a) => a.inputs.role === role.inputs.name)
        .map((a) => a.inputs.policyArn)
        .sort();
}

function inlineStatements(r: ProgramRun, role: RecordedResource): any[] {
    return ofType(r, "aws:iam/rolePolicy:RolePolicy")
        .filter((p) => p.inputs.role === idOf(role))
        .flatMap((p) => jsonInput(p, "policy").Statement);
}

const actionsOf = (statements: any[]) => statements.flatMap((s) => [s.Action].flat());

/** Every allowed action, with the resources it is allowed on. */
function grants(statements: any[]): Map<string, string[]> {
    const m = new Map<string, string[]>();
    for (const s of statements) for (const a of [s.Action].flat()) m.set(a, [...(m.get(a) ?? []), ...[s.Resource].flat()]);
    return m;
}

for (const stack of STACKS) {
    describe(`OpenWebUICluster (${stack})`, () => {
        const clusterName = `openwebui-eks-${stack}`;
        const cluster = (r: ProgramRun) => named(r, clusterName);

        it("creates the EKS cluster on a supported version with STANDARD support in the private subnets", async () => {
            const r = await stackRun(stack);
            const c = cluster(r);
            assert.strictEqual(c.type, "eks:index:Cluster");
            assert.strictEqual(c.inputs.name, clusterName);
            assert.strictEqual(c.inputs.version, "1.35");
            assert.deepStrictEqual(c.inputs.upgradePolicy, { supportType: "STANDARD" });
            assert.deepStrictEqual(c.inputs.subnetIds, ["a", "c"].map((l) => `openwebui-private-subnet-${stack}-${l}-id`));
            assert.strictEqual(c.inputs.vpcId, `openwebui-vpc-${stack}-id`);
            assert.strictEqual(c.inputs.skipDefaultNodeGroup, true);
        });

        it("keeps both endpoints on, restricting the public one", async () => {
            const c = cluster(await stackRun(stack));
            assert.strictEqual(c.inputs.endpointPrivateAccess, true);
            assert.strictEqual(c.inputs.endpointPublicAccess, true);
            const expected = stack === "prod" ? ["203.0.113.0/24"] : ["0.0.0.0/0"];
            assert.deepStrictEqual(c.inputs.publicAccessCidrs, expected);
        });

        it("logs all five control-plane log types into a 30-day group created before the cluster", async () => {
            const r = await stackRun(stack);
            assert.deepStrictEqual(cluster(r).inputs.enabledClusterLogTypes, ["api", "audit", "authenticator", "controllerManager", "scheduler"]);
            const groups = ofType(r, "aws:cloudwatch/logGroup:LogGroup").filter((g) => g.inputs.name === `/aws/eks/${clusterName}/cluster`);
            assert.strictEqual(groups.length, 1, "exactly one resource owns the control-plane log group");
            assert.strictEqual(groups[0].inputs.retentionInDays, 30);
            // Were the cluster created first, EKS would create the group itself, with no expiry, and the program's would then fail.
            assert.ok(cluster(r).dependencies.includes(groups[0].urn), "the cluster does not wait for its log group");
        });

        it("encrypts secrets with a rotating customer-managed KMS key", async () => {
            const r = await stackRun(stack);
            const key = named(r, `openwebui-eks-secrets-key-${stack}`);
            assert.strictEqual(key.inputs.enableKeyRotation, true);
            assert.strictEqual(cluster(r).inputs.encryptionConfigKeyArn, computedArn(key));
        });

        it("uses API authentication with access entries: operator role and each operator admin, developers and previews view", async () => {
            const r = await stackRun(stack);
            const c = cluster(r);
            assert.strictEqual(c.inputs.authenticationMode, "API");
            const levelOf = (e: any) => Object.values(e.accessPolicies as Record<string, { policyArn: string }>).map((p) => p.policyArn.split("/").pop()).join();
            const byPrincipal = Object.fromEntries(Object.values(c.inputs.accessEntries).map((e: any) => [e.principalArn, levelOf(e)]));
            const listed = (key: string) => JSON.parse(r.config[`openwebui:${key}`]) as string[];
            assert.deepStrictEqual(byPrincipal, {
                [`arn:aws:iam::${ACCOUNT}:role/openwebui-operator-role-${stack}`]: "AmazonEKSClusterAdminPolicy",
                [`arn:aws:iam::${ACCOUNT}:role/openwebui-developer-role-${stack}`]: "AmazonEKSViewPolicy",
                ...Object.fromEntries(listed("operatorPrincipalArns").map((p) => [p, "AmazonEKSClusterAdminPolicy"])),
                ...Object.fromEntries(listed("previewPrincipalArns").map((p) => [p, "AmazonEKSViewPolicy"])),
            });
            // The stack's own deploy role is an admin: Deployments can reach Kubernetes without assuming anything.
            assert.strictEqual(byPrincipal[`arn:aws:iam::111122223333:role/openwebui-deploy-role-${stack}`], "AmazonEKSClusterAdminPolicy");
            assert.strictEqual(byPrincipal[`arn:aws:iam::111122223333:role/openwebui-preview-role-${stack}`], "AmazonEKSViewPolicy");
        });

        it("gives the creator no implicit admin, and reaches Kubernetes as whoever runs Pulumi (no role in the kubeconfig)", async () => {
            const c = cluster(await stackRun(stack));
            const child = await eksClusterChild(c);
            assert.deepStrictEqual(child.accessConfig, { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
            assert.strictEqual(child.name, clusterName, "the transform changes nothing else");
            assert.strictEqual(c.inputs.providerCredentialOpts, undefined);
        });

        it(`turns deletion protection ${stack === "prod" ? "on" : "off"}, as the stack file says (clusterDeletionProtection)`, async () => {
            const r = await stackRun(stack);
            assert.strictEqual(cluster(r).inputs.deletionProtection, (r.config["openwebui:clusterDeletionProtection"] ?? "false") === "true");
            assert.strictEqual(cluster(r).inputs.deletionProtection, stack === "prod");
        });

        it("turns on VPC CNI prefix delegation and leaves coredns until nodes exist", async () => {
            const r = await stackRun(stack);
            assert.strictEqual(cluster(r).inputs.vpcCniOptions.enablePrefixDelegation, true);
            assert.strictEqual(cluster(r).inputs.corednsAddonOptions.enabled, false);
            const addons = ofType(r, "aws:eks/addon:Addon")
                .filter((a) => /::openwebui:index:OpenWebUICluster::/.test(String(a.parentUrn)))
                .map((a) => a.inputs.addonName)
                .sort();
            assert.deepStrictEqual(addons, ["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent"]);
        });

        it("tags every EBS CSI volume for the snapshot policy and with the stack's cost tags; the controller's ALBs too", async () => {
            const r = await stackRun(stack);
            const csi = ofType(r, "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "aws-ebs-csi-driver") as RecordedResource;
            const provider = r.resources.find((x) => x.type === "pulumi:providers:aws") as RecordedResource;
            const stackTags = JSON.parse(provider.inputs.defaultTags).tags;
            assert.deepStrictEqual(JSON.parse(csi.inputs.configurationValues).controller.extraVolumeTags, { ...stackTags, Backup: `openwebui-${stack}-daily` });
            assert.deepStrictEqual(named(r, `openwebui-lb-controller-${stack}`).inputs.values.defaultTags, stackTags);
            assert.strictEqual(csi.inputs.podIdentityAssociations[0].serviceAccount, "ebs-csi-controller-sa");
        });

        it("makes an encrypted gp3 StorageClass the default", async () => {
            const sc = named(await stackRun(stack), `openwebui-gp3-storageclass-${stack}`);
            assert.strictEqual(sc.inputs.provisioner, "ebs.csi.aws.com");
            assert.deepStrictEqual([sc.inputs.parameters.type, sc.inputs.parameters.encrypted], ["gp3", "true"]);
            assert.strictEqual(sc.inputs.metadata.annotations["storageclass.kubernetes.io/is-default-class"], "true");
        });
    });

    describe(`cluster security groups (${stack})`, () => {
        type Rule = { dir: "in" | "out"; proto: string; from?: number; to?: number; peer: string };
        const rulesOf = (r: ProgramRun, sgName: string): Rule[] => {
            const sg = named(r, sgName);
            const pick = (type: string, dir: "in" | "out") =>
                ofType(r, type)
                    .filter((x) => x.inputs.securityGroupId === idOf(sg))
                    .map((x) => ({
                        dir,
                        proto: x.inputs.ipProtocol,
                        from: x.inputs.fromPort,
                        to: x.inputs.toPort,
                        peer: x.inputs.cidrIpv4 ?? byId(r, x.inputs.referencedSecurityGroupId).name,
                    }));
            const all = [...pick("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "in"), ...pick("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "out")];
            return all.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
        };
        const sorted = (rules: Rule[]) => [...rules].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
        const cp = `openwebui-eks-control-plane-sg-${stack}`;
        const workers = `openwebui-eks-worker-sg-${stack}`;
        const alb = `openwebui-alb-sg-${stack}`;

        it(`control plane: 443 from the workers${stack === "prod" ? " and the deploy agents (deployAgentAccess)" : ""}, all outbound`, async () => {
            assert.deepStrictEqual(rulesOf(await stackRun(stack), cp), sorted([
                { dir: "in", proto: "tcp", from: 443, to: 443, peer: workers },
                ...(stack === "prod" ? [{ dir: "in" as const, proto: "tcp", from: 443, to: 443, peer: `openwebui-deploy-agent-sg-${stack}` }] : []),
                { dir: "out", proto: "-1", from: undefined, to: undefined, peer: "0.0.0.0/0" },
            ]));
        });

        it("workers: all from themselves, 1025-65535 and 443 from the control plane, 80 and NodePorts from the ALB", async () => {
            assert.deepStrictEqual(rulesOf(await stackRun(stack), workers), sorted([
                { dir: "in", proto: "-1", from: undefined, to: undefined, peer: workers },
                { dir: "in", proto: "tcp", from: 1025, to: 65535, peer: cp },
                { dir: "in", proto: "tcp", from: 443, to: 443, peer: cp },
                { dir: "in", proto: "tcp", from: 80, to: 80, peer: alb },
                { dir: "in", proto: "tcp", from: 30000, to: 32767, peer: alb },
                { dir: "out", proto: "-1", from: undefined, to: undefined, peer: "0.0.0.0/0" },
            ]));
        });

        it("ALB: 80 and 443 from anywhere, out only to the workers on 80 and NodePorts", async () => {
            assert.deepStrictEqual(rulesOf(await stackRun(stack), alb), sorted([
                { dir: "in", proto: "tcp", from: 80, to: 80, peer: "0.0.0.0/0" },
                { dir: "in", proto: "tcp", from: 443, to: 443, peer: "0.0.0.0/0" },
                { dir: "out", proto: "tcp", from: 80, to: 80, peer: workers },
                { dir: "out", proto: "tcp", from: 30000, to: 32767, peer: workers },
            ]));
        });

        it("passes the control-plane group to the cluster and tags the workers for the load balancer controller", async () => {
            const r = await stackRun(stack);
            assert.strictEqual(named(r, workers).inputs.tags[`kubernetes.io/cluster/openwebui-eks-${stack}`], "owned");
            assert.strictEqual(named(r, `openwebui-eks-${stack}`).inputs.skipDefaultSecurityGroups, true);
        });
    });

    describe(`cluster IAM (${stack})`, () => {
        it("cluster role: AmazonEKSClusterPolicy, trusted by eks.amazonaws.com only", async () => {
            const r = await stackRun(stack);
            const role = named(r, `openwebui-eks-service-role-${stack}`);
            assert.deepStrictEqual(attachedPolicies(r, role), ["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"]);
            assert.deepStrictEqual(jsonInput(role, "assumeRolePolicy").Statement.map((s: any) => s.Principal), [{ Service: "eks.amazonaws.com" }]);
            assert.deepStrictEqual(inlineStatements(r, role), []);
        });

        it("node role: worker, CNI and ECR read-only policies, trusted by ec2.amazonaws.com only", async () => {
            const r = await stackRun(stack);
            const role = named(r, `openwebui-eks-nodegroup-role-${stack}`);
            assert.deepStrictEqual(attachedPolicies(r, role), [
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
                "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
            ]);
            assert.deepStrictEqual(jsonInput(role, "assumeRolePolicy").Statement.map((s: any) => s.Principal), [{ Service: "ec2.amazonaws.com" }]);
        });

        it("developer role: cluster read, ECR push/pull on project repositories, project logs read — nothing else writes", async () => {
            const r = await stackRun(stack);
            const role = named(r, `openwebui-developer-role-${stack}`);
            const g = grants(inlineStatements(r, role));
            assert.deepStrictEqual(g.get("ecr:PutImage"), [`arn:aws:ecr:ap-northeast-2:${ACCOUNT}:repository/openwebui/*`]);
            assert.ok(g.get("eks:DescribeCluster")?.includes(`arn:aws:eks:ap-northeast-2:${ACCOUNT}:cluster/openwebui-eks-${stack}`));
            assert.ok(g.has("logs:FilterLogEvents"));
            const writes = [...g.keys()].filter((a) => !/^(eks:(Describe|List|Access)|ecr:|logs:(Describe|Get|Filter|StartQuery))/.test(a));
            assert.deepStrictEqual(writes, []);
            assert.ok(![...g.keys()].some((a) => a.includes("*")), "no wildcard actions");
            assert.deepStrictEqual(attachedPolicies(r, role), []);
        });

        it("operator role: cluster and node-group management scoped to this cluster, monitoring reads", async () => {
            const r = await stackRun(stack);
            const role = named(r, `openwebui-operator-role-${stack}`);
            const statements = inlineStatements(r, role);
            const g = grants(statements);
            assert.ok(g.get("eks:UpdateNodegroupConfig")?.every((arn) => arn.includes(`openwebui-eks-${stack}`)));
            const terminate = statements.find((s) => [s.Action].flat().includes("ec2:TerminateInstances"));
            assert.deepStrictEqual(terminate.Condition, { StringEquals: { "aws:ResourceTag/eks:cluster-name": `openwebui-eks-${stack}` } });
            assert.ok(g.has("cloudwatch:GetMetricData"));
            assert.ok(!actionsOf(statements).some((a: string) => a === "*" || a.endsWith(":*")));
        });

        it("human roles trust the configured principals, or else only MFA sessions of the account", async () => {
            const r = await stackRun(stack);
            const configured: Record<string, string[]> = {
                operator: JSON.parse(String(r.config["openwebui:operatorPrincipalArns"] ?? "[]")),
                developer: JSON.parse(String(r.config["openwebui:developerPrincipalArns"] ?? "[]")),
            };
            for (const [who, arns] of Object.entries(configured)) {
                const [trust] = jsonInput(named(r, `openwebui-${who}-role-${stack}`), "assumeRolePolicy").Statement;
                if (arns.length > 0) {
                    assert.deepStrictEqual(trust.Principal, { AWS: arns });
                    assert.strictEqual(trust.Condition, undefined);
                } else {
                    assert.deepStrictEqual(trust.Principal, { AWS: `arn:aws:iam::${ACCOUNT}:root` });
                    assert.deepStrictEqual(trust.Condition, { Bool: { "aws:MultiFactorAuthPresent": "true" } });
                }
            }
            // People operate the cluster too, not only the deploy role (the runbook's kubectl / refresh / up).
            assert.deepStrictEqual(configured.operator, [`arn:aws:iam::111122223333:role/openwebui-deploy-role-${stack}`, `arn:aws:iam::111122223333:role/${stack === "prod" ? "platform-oncall" : "platform-admin"}`]);
        });

        it("controllers get their own Pod Identity roles, bound to their service accounts", async () => {
            const r = await stackRun(stack);
            const bindings = ofType(r, "aws:eks/podIdentityAssociation:PodIdentityAssociation")
                .filter((p) => p.parentUrn?.includes("OpenWebUICluster"))
                .map((p) => `${p.inputs.namespace}/${p.inputs.serviceAccount} -> ${p.inputs.roleArn.split("/").pop()}`)
                .sort();
            assert.deepStrictEqual(bindings, [
                `kube-system/aws-load-balancer-controller -> openwebui-lb-controller-role-${stack}`,
                `kube-system/cluster-autoscaler -> openwebui-cluster-autoscaler-role-${stack}`,
            ]);
            const autoscaler = inlineStatements(r, named(r, `openwebui-cluster-autoscaler-role-${stack}`));
            const resize = autoscaler.find((s) => [s.Action].flat().includes("autoscaling:SetDesiredCapacity"));
            assert.deepStrictEqual(resize.Condition, { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/openwebui-eks-${stack}`]: "owned" } });
            // Scale-from-zero reads this cluster's node groups from EKS, and no other cluster's.
            const principal = { arn: `arn:aws:iam::${ACCOUNT}:role/openwebui-cluster-autoscaler-role-${stack}`, identityPolicies: [{ Version: "2012-10-17", Statement: autoscaler }] };
            const nodegroup = (cluster: string) => `arn:aws:eks:ap-northeast-2:${ACCOUNT}:nodegroup/${cluster}/openwebui-spot-nodes-${stack}/0c0ffee0-1111-2222-3333-444455556666`;
            assert.strictEqual(await decide(principal, { action: "eks:DescribeNodegroup", resource: nodegroup(`openwebui-eks-${stack}`) }), "Allowed");
            assert.notStrictEqual(await decide(principal, { action: "eks:DescribeNodegroup", resource: nodegroup("payments-eks") }), "Allowed");
            for (const name of ["lb-controller-role", "cluster-autoscaler-role", "ebs-csi-role"]) {
                const [trust] = jsonInput(named(r, `openwebui-${name}-${stack}`), "assumeRolePolicy").Statement;
                assert.deepStrictEqual(trust.Principal, { Service: "pods.eks.amazonaws.com" });
            }
        });
    });

    describe(`node groups (${stack})`, () => {
        // Both stacks run the design's groups on Graviton; dev's primary is one spot node of three types (issue: dev ≤ $150).
        it(`primary: ${stack === "prod" ? "on-demand t4g.large, 2/4/2" : "spot t4g.large/m6g.large/m7g.large, 1/4/1"} (arm64), labelled, untainted`, async () => {
            const g = named(await stackRun(stack), `openwebui-primary-nodes-${stack}`);
            assert.deepStrictEqual(g.inputs.instanceTypes, stack === "prod" ? ["t4g.large"] : ["t4g.large", "m6g.large", "m7g.large"]);
            assert.strictEqual(g.inputs.capacityType, stack === "prod" ? "ON_DEMAND" : "SPOT");
            assert.deepStrictEqual(g.inputs.scalingConfig, stack === "prod" ? { minSize: 2, maxSize: 4, desiredSize: 2 } : { minSize: 1, maxSize: 4, desiredSize: 1 });
            assert.deepStrictEqual(g.inputs.labels, { environment: stack, nodegroup: "primary" });
            assert.deepStrictEqual(g.inputs.taints, []);
        });

        it("spot: t4g.large/m6g.large/m7g.large (arm64), 0/3/0 until the autoscaler needs it, labelled and tainted spot=true:NoSchedule", async () => {
            const g = named(await stackRun(stack), `openwebui-spot-nodes-${stack}`);
            assert.deepStrictEqual(g.inputs.instanceTypes, ["t4g.large", "m6g.large", "m7g.large"]);
            assert.strictEqual(g.inputs.capacityType, "SPOT");
            assert.deepStrictEqual(g.inputs.scalingConfig, { minSize: 0, maxSize: 3, desiredSize: 0 });
            assert.deepStrictEqual(g.inputs.labels, { environment: stack, nodegroup: "spot" });
            assert.deepStrictEqual(g.inputs.taints, [{ key: "spot", value: "true", effect: "NO_SCHEDULE" }]);
        });

        for (const role of ["primary", "spot"]) {
            it(`${role}: AL2023 in the private subnets on a launch template with a 20 GB encrypted gp3 root, IMDSv2 out of pods' reach and propagated tags`, async () => {
                const r = await stackRun(stack);
                const g = named(r, `openwebui-${role}-nodes-${stack}`);
                assert.strictEqual(g.inputs.amiType, "AL2023_ARM_64_STANDARD");
                assert.deepStrictEqual(g.inputs.subnetIds, ["a", "c"].map((l) => `openwebui-private-subnet-${stack}-${l}-id`));
                assert.strictEqual(g.inputs.nodeRoleArn, `arn:aws:iam::${ACCOUNT}:role/openwebui-eks-nodegroup-role-${stack}`);
                const lt = byId(r, g.inputs.launchTemplate.id);
                assert.deepStrictEqual(lt.inputs.blockDeviceMappings[0].ebs, { volumeSize: 20, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" });
                // A hop limit of 1: a pod's packets to IMDS take a second hop and are dropped, so pods cannot take the node role.
                assert.deepStrictEqual(lt.inputs.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 });
                assert.deepStrictEqual(lt.inputs.vpcSecurityGroupIds, [`openwebui-eks-worker-sg-${stack}-id`]);
                const specs = lt.inputs.tagSpecifications;
                assert.deepStrictEqual(specs.map((s: any) => s.resourceType), ["instance", "volume", "network-interface"]);
                for (const s of specs) {
                    assert.strictEqual(s.tags.Environment, stack);
                    assert.strictEqual(s.tags.CostCenter, "openwebui-project");
                    assert.strictEqual(s.tags.Name, `openwebui-${role}-nodes-${stack}`);
                }
            });
        }
    });

    it(`${stack}: without a nodeGroups key, the design's groups: t3.medium on-demand 2/4/2 and t3.large + m5.large + m6i.large spot 0/3/1, x86_64`, async () => {
        const r = await run(stack, { remove: ["openwebui:nodeGroups"] });
        const primary = named(r, `openwebui-primary-nodes-${stack}`).inputs;
        const spot = named(r, `openwebui-spot-nodes-${stack}`).inputs;
        assert.deepStrictEqual([primary.instanceTypes, primary.capacityType, primary.scalingConfig, primary.amiType], [["t3.medium"], "ON_DEMAND", { minSize: 2, maxSize: 4, desiredSize: 2 }, "AL2023_x86_64_STANDARD"]);
        assert.deepStrictEqual([spot.instanceTypes, spot.capacityType, spot.scalingConfig], [["t3.large", "m5.large", "m6i.large"], "SPOT", { minSize: 0, maxSize: 3, desiredSize: 1 }]);
    });

    describe(`controllers (${stack})`, () => {
        it("installs the pinned load balancer controller and a cluster-autoscaler matching the cluster minor", async () => {
            const r = await stackRun(stack);
            const lb = named(r, `openwebui-lb-controller-${stack}`);
            assert.strictEqual(lb.inputs.version, "1.14.0");
            assert.strictEqual(lb.inputs.values.clusterName, `openwebui-eks-${stack}`);
            assert.strictEqual(lb.inputs.values.serviceAccount.name, "aws-load-balancer-controller");
            const ca = named(r, `openwebui-cluster-autoscaler-${stack}`);
            assert.strictEqual(ca.inputs.version, "9.52.1");
            assert.strictEqual(ca.inputs.values.image.tag, "v1.35.2");
            assert.strictEqual(ca.inputs.values.autoDiscovery.clusterName, `openwebui-eks-${stack}`);
        });
    });
}

function computedArn(key: RecordedResource): string {
    return `arn:aws:kms:ap-northeast-2:${ACCOUNT}:key/${key.name}`;
}

describe("access entries are keyed by principal, not by list position", () => {
    const KEY = "openwebui:operatorPrincipalArns";
    const onCall = "arn:aws:iam::111122223333:role/oncall-admin";

    /** URN of each operator's AccessEntry as @pulumi/eks names it: `<cluster>-<map key>`, a child of the cluster. */
    async function entryUrns(operators: string[]): Promise<Map<string, string>> {
        const r = await run("dev", { overrides: { [KEY]: JSON.stringify(operators) } });
        const c = ofType(r, "eks:index:Cluster")[0];
        const parentType = c.urn.split("::")[2];
        return new Map(
            Object.entries(c.inputs.accessEntries as Record<string, { principalArn: string }>).map(([key, e]) => [
                e.principalArn,
                `urn:pulumi:dev::openwebui::${parentType}$aws:eks/accessEntry:AccessEntry::${c.name}-${key}`,
            ]),
        );
    }

    it("keeps every remaining entry's URN when the list is reversed or an earlier principal is removed", async () => {
        const listed = (await stackRun("dev")).config[KEY];
        const base = [...(JSON.parse(listed) as string[]), onCall];
        assert.ok(base.length >= 3, "needs a principal before and after the one removed");
        const before = await entryUrns(base);
        const reversed = await entryUrns([...base].reverse());
        const withoutSecond = await entryUrns(base.filter((_, i) => i !== 1));
        for (const arn of base) assert.strictEqual(reversed.get(arn), before.get(arn), `${arn} after reversing`);
        for (const arn of base.filter((_, i) => i !== 1)) assert.strictEqual(withoutSecond.get(arn), before.get(arn), `${arn} after removing ${base[1]}`);
        assert.strictEqual(new Set(before.values()).size, before.size, "one entry per principal");
    });
});
