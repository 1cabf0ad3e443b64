/**
 * A WAF that only looks attached: the ACL's ARN under a wrong or legacy key, or an Ingress that
 * escapes the class filter through the deprecated class annotation. Both stacks' Ingress passes
 * as shipped; each mistake is a mandatory violation in the stack where it matters.
 */
import * as assert from "assert";
import { wafOnInternetAlb } from "../../policy-pack/policies/app";
import { albIngressAnnotations, INGRESS } from "../../policy-pack/policies/ingress";
import { ALB_ANNOTATION } from "@openwebui-aws/rules/app";
import { isKnownAlbAnnotation } from "@openwebui-aws/rules/alb-annotations";
import { STACKS } from "../helpers";
import { assertStackFlags, assertStackPasses, changed, mandatory, ofType, previewProps, stackInputs, UNKNOWN_STRING } from "./stack-inputs";
import { assertFlags, assertPasses, check } from "./helpers";
import { PolicyInput } from "../../sim/policy-runner";

const annotate = (change: (a: Record<string, string>) => void) => (props: Record<string, any>) => change(props.metadata.annotations);
const WAF_KEY = ALB_ANNOTATION.wafAclArn;

describe("alb-ingress-annotations", () => {
    for (const stack of STACKS) {
        it(`${stack}: the shipped Ingress passes; a misspelt key, the legacy class annotation and WAF Classic are refused`, async () => {
            const inputs = await stackInputs(stack);
            await assertStackPasses(albIngressAnnotations, inputs, stack);
            const misspelt = changed(inputs, ofType(INGRESS), annotate((a) => (a["alb.ingress.kubernetes.io/ssl-polcy"] = "ELBSecurityPolicy-TLS13-1-2-2021-06")));
            await assertStackFlags(albIngressAnnotations, misspelt, stack, /"alb\.ingress\.kubernetes\.io\/ssl-polcy" is not an annotation the load balancer controller/);
            const legacyClass = changed(inputs, ofType(INGRESS), (p) => {
                delete p.spec.ingressClassName;
                p.metadata.annotations["kubernetes.io/ingress.class"] = "alb";
            });
            await assertStackFlags(albIngressAnnotations, legacyClass, stack, /deprecated kubernetes\.io\/ingress\.class annotation: remove it and set spec\.ingressClassName: alb/);
            const classic = changed(inputs, ofType(INGRESS), annotate((a) => (a["alb.ingress.kubernetes.io/waf-acl-id"] = "499e8b99-6671-4614-a86d-adb1810b7fbe")));
            await assertStackFlags(albIngressAnnotations, classic, stack, /WAF Classic ACL.*alb\.ingress\.kubernetes\.io\/wafv2-acl-arn/);
        });
    }

    it("a WAF key the controller ignores is named as such, wherever it sits", async () => {
        const ingress = (annotations: Record<string, string>) => ({ type: INGRESS, name: "openwebui-ingress-prod", props: { metadata: { annotations }, spec: { ingressClassName: "alb" } } });
        await assertFlags(albIngressAnnotations, [ingress({ "alb.ingress.kubernetes.io/waf-acl-arn": "arn:aws:wafv2:x" })], /"alb\.ingress\.kubernetes\.io\/waf-acl-arn" is not a key the load balancer controller reads, so no WAF is attached/);
        await assertFlags(albIngressAnnotations, [ingress({ "ingress.kubernetes.io/wafv2-acl-arn": "arn:aws:wafv2:x" })], /no WAF is attached/);
        await assertPasses(albIngressAnnotations, [ingress({ [WAF_KEY]: "arn:aws:wafv2:x", "alb.ingress.kubernetes.io/actions.response-503": "{}", "alb.ingress.kubernetes.io/listener-attributes.HTTPS-443": "x" })]);
        await assertFlags(albIngressAnnotations, [{ type: INGRESS, name: "x", props: { metadata: { annotations: {} }, spec: {} } }], /names no class: set spec\.ingressClassName: alb/);
        assert.ok(isKnownAlbAnnotation("alb.ingress.kubernetes.io/wafv2-acl-name") && !isKnownAlbAnnotation("alb.ingress.kubernetes.io/actions."));
    });
});

describe("waf-on-internet-alb: the ARN must be under the controller's key", () => {
    it("prod: the shipped Ingress passes; the ARN under a wrong or legacy key is refused although the Ingress still depends on the ACL", async () => {
        const inputs = await stackInputs("prod");
        await assertStackPasses(wafOnInternetAlb, inputs, "prod");
        for (const key of ["alb.ingress.kubernetes.io/waf-acl-arn", "alb.ingress.kubernetes.io/waf-acl-id", "alb.ingress.kubernetes.io/wafv2-acl"]) {
            const moved = changed(inputs, ofType(INGRESS), (p, r) => {
                p.metadata.annotations[key] = p.metadata.annotations[WAF_KEY];
                delete p.metadata.annotations[WAF_KEY];
                assert.ok((r.propertyDependencies?.metadata ?? []).some((u) => u.includes("wafv2/webAcl")), "the dependency on the ACL stays");
            });
            await assertStackFlags(wafOnInternetAlb, moved, "prod", /without a WAF web ACL of the stack under alb\.ingress\.kubernetes\.io\/wafv2-acl-arn.*set openwebui:appWaf: true/);
        }
    });

    it("prod: an Ingress on the deprecated class annotation (no ingressClassName) is still held to the WAF", async () => {
        const inputs = await stackInputs("prod");
        const legacy = changed(inputs, ofType(INGRESS), (p) => {
            delete p.spec.ingressClassName;
            p.metadata.annotations["kubernetes.io/ingress.class"] = "alb";
            delete p.metadata.annotations[WAF_KEY];
        });
        await assertStackFlags(wafOnInternetAlb, legacy, "prod", /Ingress "openwebui-ingress-prod" puts an internet-facing ALB/);
        // An Ingress of another controller's class is not the ALB's business.
        const nginx = changed(legacy, ofType(INGRESS), (p) => (p.metadata.annotations["kubernetes.io/ingress.class"] = "nginx"));
        await assertStackPasses(wafOnInternetAlb, nginx, "prod");
    });

    it("dev (WAF not required) is not held to it", async () => {
        const inputs = await stackInputs("dev");
        assert.deepStrictEqual(await mandatory(wafOnInternetAlb, inputs, "dev"), []);
    });

    // Hand-made, as a real preview shows them: the Ingress's props behind CrossGuard's proxy.
    const webAcl = (name: string, arn?: string) => ({ type: "aws:wafv2/webAcl:WebAcl", name, urn: `urn:pulumi:prod::openwebui::aws:wafv2/webAcl:WebAcl::${name}`, props: arn ? { arn } : {} });
    const previewIngress = (metadata: unknown, deps: string[]) => ({ type: INGRESS, name: "openwebui-ingress-prod", props: previewProps({ metadata, spec: { ingressClassName: "alb" } }), propertyDependencies: { metadata: deps } });
    const required = { "waf-on-internet-alb": { required: true } };
    // (assertFlags would print the proxy, which throws on the unknown value.)
    const flagged = async (resources: PolicyInput[]) => (await check(wafOnInternetAlb, resources, required)).some((v) => /without a WAF web ACL/.test(v.message));

    it("in a real preview: an unknown ARN under the right key counts with the dependency, an unknown annotation map counts only with it", async () => {
        const acl = webAcl("openwebui-waf-prod");
        const ingress = previewIngress;
        const config = required;
        await assertPasses(wafOnInternetAlb, [acl, ingress({ annotations: { [WAF_KEY]: UNKNOWN_STRING } }, [acl.urn])], config);
        assert.ok(await flagged([acl, ingress({ annotations: { "alb.ingress.kubernetes.io/waf-acl-arn": UNKNOWN_STRING } }, [acl.urn])]));
        await assertPasses(wafOnInternetAlb, [acl, ingress({ annotations: UNKNOWN_STRING }, [acl.urn])], config);
        assert.ok(await flagged([acl, ingress({ annotations: UNKNOWN_STRING }, [])]));
    });

    it("with two web ACLs in the stack, the one the Ingress names or depends on is enough; a dependency on something else is not", async () => {
        const [app, other] = [webAcl("openwebui-waf-prod", "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/app/1"), webAcl("openwebui-api-waf-prod", "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/api/2")];
        const sg = { type: "aws:ec2/securityGroup:SecurityGroup", name: "openwebui-alb-sg-prod", urn: "urn:pulumi:prod::openwebui::aws:ec2/securityGroup:SecurityGroup::openwebui-alb-sg-prod", props: {} };
        const ingress = previewIngress;
        assert.strictEqual(await flagged([app, other, ingress({ annotations: { [WAF_KEY]: other.props.arn } }, [])]), false);
        assert.strictEqual(await flagged([app, other, sg, ingress({ annotations: UNKNOWN_STRING }, [other.urn])]), false);
        assert.strictEqual(await flagged([app, other, sg, ingress({ annotations: UNKNOWN_STRING }, [sg.urn])]), true);
        // No WAF key at all, beside an ACL whose ARN the preview does not hold yet: nothing names it.
        assert.strictEqual(await flagged([webAcl("openwebui-waf-prod"), ingress({ annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing" } }, [])]), true);
    });
});
