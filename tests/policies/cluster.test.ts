import * as assert from "assert";
import {
    eksControlPlaneLogging,
    eksNoCreatorAdmin,
    eksPublicEndpointRestricted,
    eksSecretsEncryption,
    eksVersionSupported,
    kmsKeyPolicyExplicit,
    kmsKeyRotation,
    launchTemplateHardening,
} from "../../policy-pack/policies/eks";
import { bedrockInvokeScoped, iamNoAdmin, iamScopedWrites, iamTrustNoWildcardPrincipal } from "../../policy-pack/policies/iam";
import { securityGroupIngressFromInternet } from "../../policy-pack/policies/network";
import { SUPPORTED_EKS_VERSIONS } from "@openwebui-aws/rules/eks";
import { assertFlags, assertPasses, check } from "./helpers";

const ALL_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
const component = (props: Record<string, unknown>) => ({ type: "eks:index:Cluster", name: "openwebui-eks-dev", props });
const good = {
    version: "1.35",
    upgradePolicy: { supportType: "STANDARD" },
    enabledClusterLogTypes: ALL_LOGS,
    encryptionConfigKeyArn: "arn:aws:kms:ap-northeast-2:123456789012:key/k",
    publicAccessCidrs: ["203.0.113.0/24"],
};
/** The child @pulumi/eks creates, as a real preview shows it. */
const awsCluster = (overrides: Record<string, unknown>) => ({
    type: "aws:eks/cluster:Cluster",
    name: "openwebui-eks-dev-eksCluster",
    props: {
        version: "1.35",
        upgradePolicy: { supportType: "STANDARD" },
        enabledClusterLogTypes: ALL_LOGS,
        encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:ap-northeast-2:123456789012:key/k" } },
        vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
        ...overrides,
    },
});

describe("EKS policies", () => {
    it("accept the hardened cluster, as component inputs and as the real child resource", async () => {
        for (const policy of [eksVersionSupported, eksControlPlaneLogging, eksSecretsEncryption, eksPublicEndpointRestricted]) {
            await assertPasses(policy, [component(good), awsCluster({})]);
        }
    });

    it("eks-version-supported flags a retired version and a missing or EXTENDED upgrade policy", async () => {
        await assertFlags(eksVersionSupported, [component({ ...good, version: "1.28" })], /Kubernetes 1\.28 is not one of/);
        await assertFlags(eksVersionSupported, [component({ ...good, upgradePolicy: undefined })], /EXTENDED/);
        await assertFlags(eksVersionSupported, [awsCluster({ upgradePolicy: { supportType: "EXTENDED" } })], /supportType is EXTENDED/);
    });

    it("says what it found: an unset version or support type, an empty or summed-up CIDR list", async () => {
        const messages = async (policy: typeof eksVersionSupported, props: Record<string, unknown>) => (await check(policy, [component(props)])).map((v) => v.message);
        assert.deepStrictEqual(await messages(eksVersionSupported, { ...good, version: undefined, upgradePolicy: undefined }), [
            `Kubernetes (unset: the provider's default) is not one of ${SUPPORTED_EKS_VERSIONS.join(", ")}`,
            "upgradePolicy.supportType is unset (the API default, EXTENDED); set STANDARD",
        ]);
        assert.deepStrictEqual(await messages(eksPublicEndpointRestricted, { ...good, publicAccessCidrs: [] }), [
            "the public API endpoint is open to the whole internet (no CIDRs listed); set openwebui:endpointPublicAccessCidrs to admin or VPN CIDRs",
        ]);
        assert.deepStrictEqual(await messages(eksPublicEndpointRestricted, { ...good, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }), [
            "the public API endpoint is open to the whole internet (0.0.0.0/1 + 128.0.0.0/1); set openwebui:endpointPublicAccessCidrs to admin or VPN CIDRs",
        ]);
    });

    it("eks-control-plane-logging flags missing log types", async () => {
        await assertFlags(eksControlPlaneLogging, [component({ ...good, enabledClusterLogTypes: ["api"] })], /audit, authenticator, controllerManager, scheduler/);
    });

    it("eks-secrets-encryption flags a cluster without a KMS key", async () => {
        await assertFlags(eksSecretsEncryption, [component({ ...good, encryptionConfigKeyArn: undefined })], /not encrypted/);
        await assertFlags(eksSecretsEncryption, [awsCluster({ encryptionConfig: undefined })], /not encrypted/);
    });

    it("eks-public-endpoint-restricted flags an open or unlisted public endpoint, not a private-only one", async () => {
        await assertFlags(eksPublicEndpointRestricted, [component({ ...good, publicAccessCidrs: ["0.0.0.0/0"] })], /whole internet/);
        await assertFlags(eksPublicEndpointRestricted, [awsCluster({ vpcConfig: { endpointPublicAccess: true } })], /whole internet/);
        await assertPasses(eksPublicEndpointRestricted, [component({ ...good, endpointPublicAccess: false, publicAccessCidrs: [] })]);
        // The child as a real preview shows a private-only cluster (prod), and one that leaves the
        // setting to EKS, whose default is a public endpoint.
        await assertPasses(eksPublicEndpointRestricted, [awsCluster({ vpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true } })]);
        await assertFlags(eksPublicEndpointRestricted, [awsCluster({ vpcConfig: {} })], /whole internet \(no CIDRs listed\)/);
    });

    it("eks-public-endpoint-restricted follows the stack's enforcement level", async () => {
        const [v] = await check(eksPublicEndpointRestricted, [component({ ...good, publicAccessCidrs: ["0.0.0.0/0"] })], { "eks-public-endpoint-restricted": "advisory" });
        if (v.level !== "advisory") throw new Error(`expected advisory, got ${v.level}`);
    });

    it("eks-no-creator-admin accepts an explicit false and flags true or absent (EKS's default is true)", async () => {
        const access = (flag?: boolean) => awsCluster({ accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: flag } });
        await assertPasses(eksNoCreatorAdmin, [access(false)]);
        await assertFlags(eksNoCreatorAdmin, [access(true)], /hidden cluster-admin/);
        await assertFlags(eksNoCreatorAdmin, [access(undefined)], /hidden cluster-admin/);
        await assertFlags(eksNoCreatorAdmin, [awsCluster({ accessConfig: undefined })], /hidden cluster-admin/);
    });

    it("eks-no-creator-admin is mandatory in every stack: no stack keeps a hidden admin", async () => {
        const { loadPackConfig } = await import("../../sim/policy-runner");
        for (const stack of ["dev", "prod"]) {
            const found = await check(eksNoCreatorAdmin, [awsCluster({})], loadPackConfig(stack));
            assert.deepStrictEqual(found.map((v) => v.level), ["mandatory"], stack);
        }
    });
});

describe("kms-key-policy-explicit", () => {
    const key = (policy: unknown) => ({ type: "aws:kms/key:Key", name: "openwebui-eks-secrets-key-dev", props: { enableKeyRotation: true, policy } });
    const root = { AWS: "arn:aws:iam::123456789012:root" };
    it("accepts a policy where the root administers and a named role uses the key", async () => {
        const policy = JSON.stringify({ Statement: [
            { Effect: "Allow", Principal: root, Action: ["kms:Create*", "kms:Describe*", "kms:Put*"], Resource: "*" },
            { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/openwebui-eks-service-role-dev" }, Action: ["kms:Decrypt", "kms:Encrypt"], Resource: "*" },
        ] });
        await assertPasses(kmsKeyPolicyExplicit, [key(policy)]);
    });
    it("flags no policy (AWS's default), and root or anyone allowed to use the key for data", async () => {
        await assertFlags(kmsKeyPolicyExplicit, [key(undefined)], /no key policy/);
        await assertFlags(kmsKeyPolicyExplicit, [key(JSON.stringify({ Statement: [{ Effect: "Allow", Principal: root, Action: "kms:*", Resource: "*" }] }))], /kms:\*/);
        await assertFlags(kmsKeyPolicyExplicit, [key({ Statement: [{ Sid: "Open", Effect: "Allow", Principal: "*", Action: ["kms:Decrypt"], Resource: "*" }] })], /Open .*kms:Decrypt/);
    });
});

describe("launch-template-hardening and kms-key-rotation", () => {
    const lt = (httpTokens: string, encrypted: string) => ({
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        name: "openwebui-primary-lt-dev",
        props: { metadataOptions: { httpTokens }, blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted } }] },
    });
    it("accept IMDSv2 with encrypted volumes", async () => {
        await assertPasses(launchTemplateHardening, [lt("required", "true")]);
    });
    it("flag IMDSv1 and unencrypted volumes", async () => {
        await assertFlags(launchTemplateHardening, [lt("optional", "true")], /IMDSv1/);
        await assertFlags(launchTemplateHardening, [lt("required", "false")], /\/dev\/xvda is not encrypted/);
    });
    it("flag a symmetric key without rotation", async () => {
        const key = (enableKeyRotation?: boolean) => ({ type: "aws:kms/key:Key", name: "openwebui-k-dev", props: { enableKeyRotation } });
        await assertPasses(kmsKeyRotation, [key(true)]);
        await assertFlags(kmsKeyRotation, [key(undefined)], /rotation is off/);
    });
});

describe("IAM policies", () => {
    const inline = (statements: object[]) => ({
        type: "aws:iam/rolePolicy:RolePolicy",
        name: "openwebui-x-role-dev-inline",
        props: { policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
    });
    const role = (principal: unknown) => ({
        type: "aws:iam/role:Role",
        name: "openwebui-x-role-dev",
        props: { assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: principal }] }) },
    });

    it("iam-no-admin flags Action * and service:*, and AdministratorAccess attachments", async () => {
        await assertPasses(iamNoAdmin, [inline([{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::b/*" }])]);
        await assertFlags(iamNoAdmin, [inline([{ Effect: "Allow", Action: "*", Resource: "*" }])], /allows \*/);
        await assertFlags(iamNoAdmin, [inline([{ Effect: "Allow", Action: ["eks:*"], Resource: "arn:aws:eks:*:*:cluster/x" }])], /eks:\*/);
        await assertFlags(
            iamNoAdmin,
            [{ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "openwebui-a-dev", props: { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" } }],
            /AdministratorAccess/,
        );
    });

    it("iam-trust-no-wildcard-principal flags * principals", async () => {
        await assertPasses(iamTrustNoWildcardPrincipal, [role({ Service: "eks.amazonaws.com" })]);
        await assertFlags(iamTrustNoWildcardPrincipal, [role("*")], /any principal/);
        await assertFlags(iamTrustNoWildcardPrincipal, [role({ AWS: ["arn:aws:iam::1:root", "*"] })], /any principal/);
    });

    it("iam-scoped-writes allows reads and the named exceptions on *, and flags other writes", async () => {
        await assertPasses(iamScopedWrites, [
            inline([{ Effect: "Allow", Action: ["ec2:DescribeInstances", "ecr:GetAuthorizationToken", "autoscaling:SetDesiredCapacity"], Resource: "*" }]),
        ]);
        await assertFlags(iamScopedWrites, [inline([{ Effect: "Allow", Action: ["ec2:DescribeInstances", "s3:PutObject"], Resource: "*" }])], /s3:PutObject on any resource/);
    });

    it("reads a role's inline policies (Role.inlinePolicies) as well as separate RolePolicy resources", async () => {
        const withInline = (...statements: object[][]) => ({
            type: "aws:iam/role:Role",
            name: "openwebui-x-role-dev",
            props: {
                assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }] }),
                inlinePolicies: statements.map((st, i) => ({ name: `p${i}`, policy: JSON.stringify({ Version: "2012-10-17", Statement: st }) })),
            },
        });
        const read = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
        await assertPasses(iamNoAdmin, [withInline([read])]);
        await assertPasses(iamScopedWrites, [withInline([read])]);
        // The second policy is the bad one: each is read, under its own index.
        await assertFlags(iamNoAdmin, [withInline([read], [{ Effect: "Allow", Action: "iam:*", Resource: "*" }])], /^inlinePolicies\[1\] allows iam:\*/);
        await assertFlags(iamScopedWrites, [withInline([read], [{ Effect: "Allow", Action: "s3:DeleteBucket", Resource: "*" }])], /^inlinePolicies\[1\] allows s3:DeleteBucket on any resource/);
        await assertFlags(bedrockInvokeScoped, [withInline([{ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" }])], /^inlinePolicies\[0\]: Bedrock invocation allowed on \*/);
    });
});

describe("policy sg-ingress-from-internet", () => {
    const rule = (name: string, port: number) => ({
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        name,
        props: { ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: "0.0.0.0/0" },
    });
    it("accepts the ALB on 80 and 443 and internal rules", async () => {
        await assertPasses(securityGroupIngressFromInternet, [rule("openwebui-alb-sg-dev-in-https", 443), rule("openwebui-alb-sg-dev-in-http", 80)]);
        await assertPasses(securityGroupIngressFromInternet, [{ ...rule("openwebui-eks-worker-sg-dev-in-x", 8080), props: { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, referencedSecurityGroupId: "sg-1" } }]);
    });
    it("flags internet ingress to other groups or ports", async () => {
        await assertFlags(securityGroupIngressFromInternet, [rule("openwebui-eks-worker-sg-dev-in-web", 443)], /from the internet/);
        await assertFlags(securityGroupIngressFromInternet, [rule("openwebui-alb-sg-dev-in-admin", 8443)], /8443-8443/);
        await assertFlags(
            securityGroupIngressFromInternet,
            [{ type: "aws:ec2/securityGroup:SecurityGroup", name: "openwebui-app-sg-dev", props: { name: "openwebui-app-sg-dev", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] } }],
            /from the internet/,
        );
    });
});
