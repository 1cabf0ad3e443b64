/**
 * The app's internet edge in the pack: an HTTPS stack's Open WebUI hardens the browser; an ALB
 * speaks current TLS, redirects HTTP, and an HTTP-only one is not open to the internet.
 */
import * as assert from "assert";
import { albTlsEdge, appHttpsBrowserHardening } from "../../policy-pack/policies/app-edge";
import { fromRecording, loadPackConfig, PolicyInput, runPolicies } from "../../sim/policy-runner";
import { run, REAL_VALUES, stackRun, STACKS } from "../helpers";
import { assertFlags, assertPasses, check } from "./helpers";
import { previewProps, UNKNOWN_STRING } from "./stack-inputs";

const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const HTTPS_ANNOTATIONS = {
    "alb.ingress.kubernetes.io/scheme": "internet-facing",
    "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTP: 80 }, { HTTPS: 443 }]),
    "alb.ingress.kubernetes.io/certificate-arn": "arn:aws:acm:ap-northeast-2:210987654321:certificate/5f0c6a8e-1b2d-4c3e-9f4a-0123456789ab",
    "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "alb.ingress.kubernetes.io/ssl-redirect": "443",
};
const ingress = (annotations: Record<string, string>, propertyDependencies: Record<string, string[]> = {}): PolicyInput => ({
    type: INGRESS,
    name: "openwebui-ingress-dev",
    props: { metadata: { name: "open-webui", annotations }, spec: { ingressClassName: "alb" } },
    propertyDependencies,
});
const HARDENED = [
    { name: "WEBUI_URL", value: "https://chat.acme.kr" },
    { name: "WEBUI_SESSION_COOKIE_SECURE", value: "True" },
    { name: "WEBUI_AUTH_COOKIE_SECURE", value: "True" },
    { name: "HSTS", value: "max-age=31536000;includeSubDomains" },
    { name: "CORS_ALLOW_ORIGIN", value: "https://chat.acme.kr" },
];
const webui = (env: { name: string; value: string }[]): PolicyInput => ({
    type: "kubernetes:helm.sh/v3:Release",
    name: "openwebui-webui-dev",
    props: { chart: "open-webui", values: { extraEnvVars: env } },
});
const without = (name: string) => HARDENED.filter((e) => e.name !== name);
const replaced = (name: string, value: string) => HARDENED.map((e) => (e.name === name ? { name, value } : e));

describe("policy app-https-browser-hardening", () => {
    it("accepts an HTTPS stack whose Open WebUI sends Secure cookies, a year of HSTS and CORS for its own origin", async () => {
        await assertPasses(appHttpsBrowserHardening, [ingress(HTTPS_ANNOTATIONS), webui(HARDENED)]);
    });

    it("flags an HTTPS stack whose cookies are not Secure, that sends no HSTS, or whose CORS is '*' or unset", async () => {
        const stack = (env: { name: string; value: string }[]) => [ingress(HTTPS_ANNOTATIONS), webui(env)];
        await assertFlags(appHttpsBrowserHardening, stack(without("WEBUI_SESSION_COOKIE_SECURE")), /WEBUI_SESSION_COOKIE_SECURE is not "True"/);
        await assertFlags(appHttpsBrowserHardening, stack(replaced("WEBUI_AUTH_COOKIE_SECURE", "False")), /WEBUI_AUTH_COOKIE_SECURE is not "True"/);
        await assertFlags(appHttpsBrowserHardening, stack(without("HSTS")), /HSTS is unset/);
        await assertFlags(appHttpsBrowserHardening, stack(replaced("HSTS", "max-age=300")), /HSTS is "max-age=300"/);
        await assertFlags(appHttpsBrowserHardening, stack(replaced("CORS_ALLOW_ORIGIN", "*")), /CORS_ALLOW_ORIGIN is "\*"/);
        await assertFlags(appHttpsBrowserHardening, stack(without("CORS_ALLOW_ORIGIN")), /CORS_ALLOW_ORIGIN is unset.*"\*"/);
    });

    it("knows the stack is HTTPS from Open WebUI's own https:// URL when the Ingress's annotations are not known yet (a first preview)", async () => {
        await assertFlags(appHttpsBrowserHardening, [webui(without("HSTS"))], /HSTS is unset/);
    });

    it("leaves an HTTP-only stack's Open WebUI alone (Secure cookies would lock everyone out)", async () => {
        const http = { "alb.ingress.kubernetes.io/scheme": "internet-facing", "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTP: 80 }]) };
        await assertPasses(appHttpsBrowserHardening, [ingress(http), webui([])]);
    });
});

describe("policy alb-tls-edge", () => {
    const sgUrn = "urn:pulumi:dev::openwebui::aws:ec2/securityGroup:SecurityGroup::openwebui-alb-sg-dev";
    const sg: PolicyInput = { type: "aws:ec2/securityGroup:SecurityGroup", name: "openwebui-alb-sg-dev", urn: sgUrn, props: { id: "sg-alb", name: "openwebui-alb-sg-dev" } };
    const rule = (cidr: string, port = 80): PolicyInput => ({
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        name: `openwebui-alb-sg-dev-in-${cidr.replace(/[./]/g, "-")}-${port}`,
        props: { securityGroupId: "sg-alb", ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: cidr },
        propertyDependencies: { securityGroupId: [sgUrn] },
    });
    const httpOnly = { "alb.ingress.kubernetes.io/scheme": "internet-facing", "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTP: 80 }]), "alb.ingress.kubernetes.io/security-groups": "sg-alb" };

    it("accepts HTTPS with a TLS 1.2+ policy and the redirect, and an HTTP-only ALB that admits named CIDRs", async () => {
        await assertPasses(albTlsEdge, [ingress(HTTPS_ANNOTATIONS)]);
        await assertPasses(albTlsEdge, [ingress({ ...HTTPS_ANNOTATIONS, "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-3-2021-06" })]);
        await assertPasses(albTlsEdge, [sg, rule("10.20.0.0/16"), rule("192.0.2.0/24"), ingress(httpOnly)]);
    });

    it("flags an HTTP-only internet-facing ALB open to 0.0.0.0/0, however the opening is written", async () => {
        await assertFlags(albTlsEdge, [sg, rule("0.0.0.0/0"), ingress(httpOnly)], /HTTP-only internet-facing ALB open to 0\.0\.0\.0\/0.*openwebui:appHttpOnly.*openwebui:appAlbInboundCidrs/);
        await assertFlags(albTlsEdge, [sg, rule("0.0.0.0/1"), rule("128.0.0.0/1"), ingress(httpOnly)], /HTTP-only/);
        // Known only by dependency (a preview, before the group has an id).
        const byDependency = { ...httpOnly, "alb.ingress.kubernetes.io/security-groups": "sg-unknown-yet" };
        await assertFlags(albTlsEdge, [sg, rule("0.0.0.0/0"), ingress(byDependency, { metadata: [sgUrn] })], /HTTP-only/);
        // Without its own groups, the controller opens inbound-cidrs, 0.0.0.0/0 by default.
        await assertFlags(albTlsEdge, [ingress({ "alb.ingress.kubernetes.io/scheme": "internet-facing" })], /HTTP-only/);
        await assertPasses(albTlsEdge, [ingress({ "alb.ingress.kubernetes.io/scheme": "internet-facing", "alb.ingress.kubernetes.io/inbound-cidrs": "10.0.0.0/8" })]);
    });

    it("flags an outdated or missing TLS policy, and an HTTP listener that serves instead of redirecting", async () => {
        await assertFlags(albTlsEdge, [ingress({ ...HTTPS_ANNOTATIONS, "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-2016-08" })], /ELBSecurityPolicy-2016-08 lets clients negotiate TLS 1\.0/);
        await assertFlags(albTlsEdge, [ingress({ ...HTTPS_ANNOTATIONS, "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS-1-1-2017-01" })], /TLS 1\.0\/1\.1/);
        const { ["alb.ingress.kubernetes.io/ssl-policy"]: _policy, ...noPolicy } = HTTPS_ANNOTATIONS;
        await assertFlags(albTlsEdge, [ingress(noPolicy)], /no ssl-policy, so the controller's default ELBSecurityPolicy-2016-08/);
        const { ["alb.ingress.kubernetes.io/ssl-redirect"]: _redirect, ...noRedirect } = HTTPS_ANNOTATIONS;
        await assertFlags(albTlsEdge, [ingress(noRedirect)], /listens on HTTP without alb\.ingress\.kubernetes\.io\/ssl-redirect/);
        const listener = (sslPolicy?: string): PolicyInput => ({ type: "aws:lb/listener:Listener", name: "l", props: { protocol: "HTTPS", port: 443, ...(sslPolicy ? { sslPolicy } : {}) } });
        await assertFlags(albTlsEdge, [listener()], /no sslPolicy/);
        await assertPasses(albTlsEdge, [listener("ELBSecurityPolicy-TLS13-1-2-Res-2021-06")]);
    });

    it("leaves internal ALBs alone", async () => {
        await assertPasses(albTlsEdge, [ingress({ "alb.ingress.kubernetes.io/scheme": "internal" })]);
    });
});

describe("the stacks' edge, as the program builds it", function () {
    this.timeout(300_000);
    const edgePolicies = [albTlsEdge, appHttpsBrowserHardening];

    for (const stack of STACKS) {
        it(`${stack}: HTTPS, hardened, no finding`, async () => {
            const r = await stackRun(stack);
            assert.deepStrictEqual(await runPolicies(edgePolicies, fromRecording(r.resources), { stack, packConfig: loadPackConfig(stack) }), []);
            // ...and the same recording with Open WebUI's cookies left insecure is refused: the policy reads the program's real shapes.
            const insecure = fromRecording(r.resources).map((x) => {
                if (x.name !== `openwebui-webui-${stack}`) return x;
                const values = typeof x.props.values === "string" ? JSON.parse(x.props.values) : x.props.values;
                const extraEnvVars = values.extraEnvVars.filter((e: { name: string }) => e.name !== "WEBUI_SESSION_COOKIE_SECURE");
                return { ...x, props: { ...x.props, values: { ...values, extraEnvVars } } };
            });
            const found = await runPolicies(edgePolicies, insecure, { stack, packConfig: loadPackConfig(stack) });
            assert.deepStrictEqual(found.map((v) => `${v.policy} ${v.level}`), ["app-https-browser-hardening mandatory"]);
        });
    }

    it("an HTTP-only dev with named CIDRs passes; the same ALB opened to 0.0.0.0/0 is refused", async () => {
        const overrides = { ...REAL_VALUES.dev, "openwebui:appDomain": "", "openwebui:appCertificateArn": "", "openwebui:appHttpOnly": "true", "openwebui:appAlbInboundCidrs": JSON.stringify(["10.20.0.0/16"]) };
        const r = await run("dev", { overrides });
        const resources = fromRecording(r.resources);
        assert.deepStrictEqual(await runPolicies(edgePolicies, resources, { stack: "dev", packConfig: loadPackConfig("dev") }), []);
        const albRule = resources.find((x) => x.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" && x.props.cidrIpv4 === "10.20.0.0/16")!;
        const opened = [...resources, { ...albRule, name: `${albRule.name}-world`, urn: undefined, props: { ...albRule.props, cidrIpv4: "0.0.0.0/0" } }];
        const violations = await runPolicies(edgePolicies, opened, { stack: "dev", packConfig: loadPackConfig("dev") });
        assert.deepStrictEqual(violations.map((v) => `${v.policy} ${v.level}`), ["alb-tls-edge mandatory"]);
        assert.match(violations[0].message, /HTTP-only internet-facing ALB open to 0\.0\.0\.0\/0/);
    });
});

describe("app-edge: which releases are Open WebUI, when a stack is HTTPS, and what a preview does not know", () => {
    const insecureCookie = HARDENED.filter((e) => e.name !== "WEBUI_URL").map((e) => (e.name === "WEBUI_SESSION_COOKIE_SECURE" ? { ...e, value: "False" } : e));
    const cookieFinding = /WEBUI_SESSION_COOKIE_SECURE is not "True"/;

    it("an HTTPS Ingress makes the stack HTTPS on its own, beside other resources, with no https:// WEBUI_URL", async () => {
        await assertFlags(appHttpsBrowserHardening, [ingress(HTTPS_ANNOTATIONS), webui(insecureCookie)], cookieFinding);
    });

    it("only an Ingress's annotations count: a Service annotated with a certificate does not make the stack HTTPS", async () => {
        const service: PolicyInput = {
            type: "kubernetes:core/v1:Service",
            name: "openwebui-svc-dev",
            props: { metadata: { annotations: { "alb.ingress.kubernetes.io/certificate-arn": HTTPS_ANNOTATIONS["alb.ingress.kubernetes.io/certificate-arn"] } } },
        };
        await assertPasses(appHttpsBrowserHardening, [service, webui(insecureCookie)]);
    });

    it("one release with an https:// URL makes the stack HTTPS for every release, and each is judged", async () => {
        const second = { ...webui(insecureCookie), name: "openwebui-webui-dev-2" };
        const found = await check(appHttpsBrowserHardening, [webui(HARDENED), second]);
        assert.deepStrictEqual(found.map((v) => v.message.match(/^Open WebUI release "([^"]+)"/)?.[1]), ["openwebui-webui-dev-2"]);
    });

    it("judges the official chart by name or by a reference ending in it, and nothing else", async () => {
        const byReference = { ...webui(insecureCookie), props: { chart: "oci://ghcr.io/open-webui/helm-charts/open-webui", values: { extraEnvVars: insecureCookie } } };
        await assertFlags(appHttpsBrowserHardening, [ingress(HTTPS_ANNOTATIONS), byReference], cookieFinding);
        const pipelines = { ...webui(insecureCookie), props: { chart: "open-webui-pipelines", values: { extraEnvVars: insecureCookie } } };
        await assertPasses(appHttpsBrowserHardening, [ingress(HTTPS_ANNOTATIONS), pipelines]);
        const notARelease = { ...webui(insecureCookie), type: "kubernetes:apps/v1:Deployment" };
        await assertPasses(appHttpsBrowserHardening, [ingress(HTTPS_ANNOTATIONS), notARelease]);
    });

    it("does not judge what a preview does not know: a release's chart or values, or one env value", async () => {
        const unknownChart = { ...webui(insecureCookie), props: previewProps({ chart: UNKNOWN_STRING, values: { extraEnvVars: insecureCookie } }) };
        await assertPasses(appHttpsBrowserHardening, [ingress(HTTPS_ANNOTATIONS), unknownChart]);
        const unknownValues = { ...webui(insecureCookie), props: previewProps({ chart: "open-webui", values: UNKNOWN_STRING }) };
        await assertPasses(appHttpsBrowserHardening, [ingress(HTTPS_ANNOTATIONS), unknownValues]);
        const unknownHsts = HARDENED.map((e) => (e.name === "HSTS" ? { name: "HSTS", value: UNKNOWN_STRING } : e));
        await assertPasses(appHttpsBrowserHardening, [ingress(HTTPS_ANNOTATIONS), webui(unknownHsts)]);
        // ...while the known ones beside it are still judged.
        const unknownHstsInsecure = unknownHsts.map((e) => (e.name === "WEBUI_AUTH_COOKIE_SECURE" ? { ...e, value: "False" } : e));
        const found = await check(appHttpsBrowserHardening, [ingress(HTTPS_ANNOTATIONS), webui(unknownHstsInsecure)]);
        assert.strictEqual(found.length, 1);
        assert.match(found[0].message, /but WEBUI_AUTH_COOKIE_SECURE is not "True": the cookie is not Secure and travels over http:\/\/ \(set them/);
    });

    it("takes the controller's default listener: HTTPS 443 with a certificate, else HTTP 80; unreadable listen-ports count as HTTP", async () => {
        const { ["alb.ingress.kubernetes.io/listen-ports"]: _ports, ["alb.ingress.kubernetes.io/ssl-redirect"]: _redirect, ...certOnly } = HTTPS_ANNOTATIONS;
        await assertPasses(albTlsEdge, [ingress(certOnly)]);
        const { ["alb.ingress.kubernetes.io/ssl-redirect"]: _r, ...noRedirect } = HTTPS_ANNOTATIONS;
        await assertFlags(albTlsEdge, [ingress({ ...noRedirect, "alb.ingress.kubernetes.io/listen-ports": "[{HTTPS:443}" })], /listens on HTTP without/);
    });

    it("an HTTPS listener without a certificate annotation (found by host) still serves HTTPS; a certificate with an HTTP-only port list is HTTPS that must redirect", async () => {
        const { ["alb.ingress.kubernetes.io/certificate-arn"]: _arn, ...discovered } = HTTPS_ANNOTATIONS;
        await assertPasses(albTlsEdge, [ingress({ ...discovered, "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTPS: 443 }]) })]);
        const { ["alb.ingress.kubernetes.io/ssl-redirect"]: _redirect, ...noRedirect } = HTTPS_ANNOTATIONS;
        const found = await check(albTlsEdge, [ingress({ ...noRedirect, "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTP: 80 }]) })]);
        assert.deepStrictEqual(found.map((v) => v.message), [
            'Ingress "openwebui-ingress-dev" listens on HTTP without alb.ingress.kubernetes.io/ssl-redirect: the app and its cookies are served in clear on port 80; redirect it to 443',
        ]);
    });

    it("does not judge inbound-cidrs a preview does not know yet", async () => {
        const annotations = { "alb.ingress.kubernetes.io/scheme": "internet-facing", "alb.ingress.kubernetes.io/inbound-cidrs": UNKNOWN_STRING };
        await assertPasses(albTlsEdge, [{ ...ingress({}), props: { metadata: { name: "open-webui", annotations }, spec: { ingressClassName: "alb" } } }]);
    });

    it("holds a TLS (NLB) listener to a current policy as well as an HTTPS one, naming the policy it found", async () => {
        const tls: PolicyInput = { type: "aws:lb/listener:Listener", name: "nlb-tls", props: { protocol: "TLS", port: 443, sslPolicy: "ELBSecurityPolicy-2016-08" } };
        const found = await check(albTlsEdge, [tls]);
        assert.deepStrictEqual(found.map((v) => v.message), ['listener "nlb-tls": sslPolicy ELBSecurityPolicy-2016-08 accepts TLS 1.0/1.1; use ELBSecurityPolicy-TLS13-1-2-2021-06']);
        await assertPasses(albTlsEdge, [{ ...tls, props: { ...tls.props, protocol: "TCP" } }]);
    });
});
