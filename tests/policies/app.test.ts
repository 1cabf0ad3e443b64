import * as assert from "assert";
import { rdsHardening, wafOnInternetAlb, workloadsUnprivileged, privilegedPaths } from "../../policy-pack/policies/app";
import { bedrockInvokeScoped } from "../../policy-pack/policies/iam";
import { fromRecording, loadPackConfig, PolicyInput, runPolicies } from "../../sim/policy-runner";
import { stackRun } from "../helpers";
import { assertFlags, assertPasses } from "./helpers";

describe("policy rds-hardening", () => {
    const rds = (props: Record<string, unknown>): PolicyInput => ({
        type: "aws:rds/instance:Instance",
        name: "openwebui-rds-prod",
        props: { storageEncrypted: true, publiclyAccessible: false, backupRetentionPeriod: 7, multiAz: true, deletionProtection: true, ...props },
    });
    const prod = { "rds-hardening": { requireMultiAz: true, requireDeletionProtection: true } };

    it("accepts an encrypted, private instance with 7 days of backups (and in prod Multi-AZ with deletion protection)", async () => {
        await assertPasses(rdsHardening, [rds({})], prod);
        await assertPasses(rdsHardening, [rds({ multiAz: false, deletionProtection: false })]);
    });

    it("flags each weakness", async () => {
        await assertFlags(rdsHardening, [rds({ storageEncrypted: false })], /not encrypted/);
        await assertFlags(rdsHardening, [rds({ publiclyAccessible: true })], /publicly accessible/);
        await assertFlags(rdsHardening, [rds({ backupRetentionPeriod: 1 })], /kept 1 days, fewer than 7/);
        await assertFlags(rdsHardening, [rds({ backupRetentionPeriod: undefined })], /kept 0 days/);
        await assertFlags(rdsHardening, [rds({ multiAz: false })], /not Multi-AZ/, prod);
        await assertFlags(rdsHardening, [rds({ deletionProtection: false })], /deletion protection is off/, prod);
    });
});

describe("policy waf-on-internet-alb", () => {
    const aclUrn = "urn:pulumi:prod::openwebui::openwebui:index:OpenWebUIApp$aws:wafv2/webAcl:WebAcl::openwebui-waf-prod";
    const acl: PolicyInput = { type: "aws:wafv2/webAcl:WebAcl", name: "openwebui-waf-prod", urn: aclUrn, props: { arn: "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/openwebui-waf-prod/1" } };
    const ingress = (annotations: Record<string, string> | undefined, dependsOnAcl = false): PolicyInput => ({
        type: "kubernetes:networking.k8s.io/v1:Ingress",
        name: "openwebui-ingress-prod",
        props: { metadata: { name: "open-webui", annotations }, spec: { ingressClassName: "alb" } },
        propertyDependencies: dependsOnAcl ? { metadata: [aclUrn] } : {},
    });
    const required = { "waf-on-internet-alb": { required: true } };
    /** Annotations a preview cannot know yet (they hold ids and ARNs), as the mock engine records them. */
    const UNKNOWN_ANNOTATIONS = { __pulumiUnknown: true } as unknown as Record<string, string>;

    it("accepts an internet-facing Ingress that names the stack's ACL, or (in a preview) depends on it", async () => {
        await assertPasses(wafOnInternetAlb, [acl, ingress({ "alb.ingress.kubernetes.io/scheme": "internet-facing", "alb.ingress.kubernetes.io/wafv2-acl-arn": String(acl.props.arn) })], required);
        await assertPasses(wafOnInternetAlb, [acl, ingress(UNKNOWN_ANNOTATIONS, true)], required);
    });

    it("flags an internet-facing Ingress without it where required, and an ACL of no one's", async () => {
        await assertFlags(wafOnInternetAlb, [ingress({ "alb.ingress.kubernetes.io/scheme": "internet-facing" })], /without a WAF web ACL/, required);
        await assertFlags(wafOnInternetAlb, [acl, ingress({ "alb.ingress.kubernetes.io/wafv2-acl-arn": "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/other/9" })], /without a WAF/, required);
        // Unknown annotations are read as internet-facing.
        await assertFlags(wafOnInternetAlb, [ingress(UNKNOWN_ANNOTATIONS)], /without a WAF/, required);
        // Known annotations without the key are refused even when the Ingress depends on the ACL.
        await assertFlags(wafOnInternetAlb, [acl, ingress({ "alb.ingress.kubernetes.io/scheme": "internet-facing" }, true)], /without a WAF/, required);
    });

    it("leaves internal ALBs alone, and stacks that do not require it (dev)", async () => {
        await assertPasses(wafOnInternetAlb, [ingress({ "alb.ingress.kubernetes.io/scheme": "internal" })], required);
        await assertPasses(wafOnInternetAlb, [ingress({ "alb.ingress.kubernetes.io/scheme": "internet-facing" })]);
    });

    it("an ALB without a WAF is refused by the pack with prod's config (config refuses appWaf: false in prod before that)", async () => {
        const r = await stackRun("dev");
        const violations = await runPolicies([wafOnInternetAlb], fromRecording(r.resources), { stack: "dev", packConfig: loadPackConfig("prod") });
        assert.deepStrictEqual(violations.map((v) => `${v.policy}: ${v.urn?.split("::").pop()}`), ["waf-on-internet-alb: openwebui-ingress-dev"]);
        const clean = await runPolicies([wafOnInternetAlb], fromRecording((await stackRun("prod")).resources), { stack: "prod", packConfig: loadPackConfig("prod") });
        assert.deepStrictEqual(clean, []);
    });
});

describe("policy bedrock-invoke-scoped", () => {
    const policy = (statement: Record<string, unknown>): PolicyInput => ({
        type: "aws:iam/rolePolicy:RolePolicy",
        name: "openwebui-litellm-role-dev-inline",
        props: { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", ...statement }] }) },
    });
    const invoke = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

    it("accepts named models and inference profiles (a Region wildcard is fine)", async () => {
        await assertPasses(bedrockInvokeScoped, [
            policy({
                Action: invoke,
                Resource: [
                    "arn:aws:bedrock:ap-northeast-2:123456789012:inference-profile/global.anthropic.claude-haiku-4-5-20251001-v1:0",
                    "arn:aws:bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0",
                ],
            }),
        ]);
        await assertPasses(bedrockInvokeScoped, [policy({ Action: "s3:GetObject", Resource: "*" })]);
    });

    it("flags every model, a model wildcard, and invoke rights hidden in bedrock:* or *", async () => {
        await assertFlags(bedrockInvokeScoped, [policy({ Action: invoke, Resource: "*" })], /allowed on \*/);
        await assertFlags(bedrockInvokeScoped, [policy({ Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:*::foundation-model/anthropic.*" })], /foundation-model\/anthropic\.\*/);
        await assertFlags(bedrockInvokeScoped, [policy({ Action: "bedrock:*", Resource: "*" })], /Bedrock invocation allowed/);
        await assertFlags(bedrockInvokeScoped, [policy({ Action: "*", Resource: "*" })], /Bedrock invocation allowed/);
    });
});

describe("policy workloads-unprivileged", () => {
    const release = (values: unknown): PolicyInput => ({ type: "kubernetes:helm.sh/v3:Release", name: "openwebui-webui-dev", props: { values } });
    const daemonSet = (podSpec: Record<string, unknown>): PolicyInput => ({
        type: "kubernetes:apps/v1:DaemonSet",
        name: "openwebui-app-logs-dev",
        props: { spec: { template: { spec: podSpec } } },
    });

    it("accepts restricted values and pod specs", async () => {
        await assertPasses(workloadsUnprivileged, [release({ containerSecurityContext: { privileged: false, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } })]);
        await assertPasses(workloadsUnprivileged, [daemonSet({ containers: [{ name: "c", securityContext: { privileged: false } }], volumes: [{ hostPath: { path: "/var/log" } }] })]);
    });

    it("flags privileged containers, escalation, admin capabilities and host namespaces, with where they are", async () => {
        await assertFlags(workloadsUnprivileged, [release({ websocket: { redis: { containerSecurityContext: { privileged: true } } } })], /websocket\.redis\.containerSecurityContext\.privileged/);
        await assertFlags(workloadsUnprivileged, [release(JSON.stringify({ hostNetwork: true }))], /hostNetwork/);
        await assertFlags(workloadsUnprivileged, [daemonSet({ hostPID: true, containers: [] })], /template\.spec\.hostPID/);
        await assertFlags(workloadsUnprivileged, [daemonSet({ containers: [{ securityContext: { allowPrivilegeEscalation: true } }] })], /allowPrivilegeEscalation/);
        await assertFlags(workloadsUnprivileged, [daemonSet({ containers: [{ securityContext: { capabilities: { add: ["SYS_ADMIN"] } } }] })], /capabilities\.add SYS_ADMIN/);
    });

    it("finds nothing in either stack's releases and workloads", async () => {
        for (const stack of ["dev", "prod"]) {
            const r = await stackRun(stack);
            const found = r.resources.flatMap((x) => privilegedPaths(x.type === "kubernetes:helm.sh/v3:Release" ? x.inputs.values : x.inputs.spec));
            assert.deepStrictEqual(found, []);
        }
    });
});
