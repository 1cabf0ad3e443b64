/**
 * How users reach the app: HTTPS in every stack by default; HTTP-only only when the stack file says
 * so and names who may connect; and over HTTPS, Open WebUI keeps the browser on it.
 */
import * as assert from "assert";
import { ProgramRun } from "../sim/mock-engine";
import { configRefusal, named, ofType, run, REAL_VALUES, stackRun, STACKS } from "./helpers";

const list = (...items: string[]) => JSON.stringify(items);
const HTTP_ONLY = { "openwebui:appDomain": "", "openwebui:appCertificateArn": "", "openwebui:appHttpOnly": "true" };

async function refused(stack: string, overrides: Record<string, string>, key: string, pattern: RegExp) {
    const error = await configRefusal(stack, overrides);
    assert.ok(error.message.startsWith(`stack "${stack}": config "openwebui:${key}": `), error.message);
    assert.match(error.message, pattern);
}

/** The ALB group's inbound rules as "port from" pairs, with the rules' names. */
function albInbound(r: ProgramRun) {
    return ofType(r, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        .filter((x) => x.name.startsWith(`openwebui-alb-sg-${r.stack}-in-`))
        .map((x) => ({ name: x.name, rule: `${x.inputs.fromPort} ${x.inputs.cidrIpv4}` }));
}
const webuiEnv = (r: ProgramRun) => Object.fromEntries((named(r, `openwebui-webui-${r.stack}`).inputs.values.extraEnvVars as { name: string; value?: string }[]).map((e) => [e.name, e.value]));

describe("the app's edge: HTTPS by default, HTTP-only only when said and never to the whole internet", function () {
    this.timeout(300_000);

    it("refuses a stack without HTTPS that does not say appHttpOnly, naming the keys", async () => {
        await refused("dev", { "openwebui:appDomain": "", "openwebui:appCertificateArn": "" }, "appDomain", /in clear HTTP.*openwebui:appHttpOnly.*openwebui:appAlbInboundCidrs/);
    });

    it("refuses appHttpOnly without CIDRs, or with CIDRs that add up to the whole internet", async () => {
        await refused("dev", HTTP_ONLY, "appAlbInboundCidrs", /is empty, and openwebui:appHttpOnly is true/);
        await refused("dev", { ...HTTP_ONLY, "openwebui:appAlbInboundCidrs": list("0.0.0.0/0") }, "appAlbInboundCidrs", /0\.0\.0\.0\/0 is the whole internet/);
        await refused("dev", { ...HTTP_ONLY, "openwebui:appAlbInboundCidrs": list("0.0.0.0/1", "128.0.0.0/1") }, "appAlbInboundCidrs", /is the whole internet/);
        await refused("dev", { ...HTTP_ONLY, "openwebui:appAlbInboundCidrs": list("10.20.0.0/33") }, "appAlbInboundCidrs", /"10\.20\.0\.0\/33" is not an IPv4 CIDR/);
    });

    it("refuses appHttpOnly beside a domain and certificate, and in prod", async () => {
        await refused("dev", { "openwebui:appHttpOnly": "true", "openwebui:appAlbInboundCidrs": list("10.20.0.0/16") }, "appHttpOnly", /drop one or the other/);
        await refused("prod", { ...REAL_VALUES.prod, ...HTTP_ONLY, "openwebui:appAlbInboundCidrs": list("10.20.0.0/16") }, "appDomain", /prod serves Open WebUI over HTTPS only/);
    });

    for (const stack of STACKS) {
        it(`${stack}: HTTPS, the ALB's rules unchanged (80 to redirect, 443), Open WebUI with Secure cookies, HSTS and CORS for its origin`, async () => {
            const r = await stackRun(stack);
            assert.deepStrictEqual(albInbound(r), [
                { name: `openwebui-alb-sg-${stack}-in-http`, rule: "80 0.0.0.0/0" },
                { name: `openwebui-alb-sg-${stack}-in-https`, rule: "443 0.0.0.0/0" },
            ]);
            const origin = `https://${r.config["openwebui:appDomain"]}`;
            assert.strictEqual(r.outputs.appUrl, origin);
            const env = webuiEnv(r);
            assert.deepStrictEqual(
                [env.WEBUI_SESSION_COOKIE_SECURE, env.WEBUI_AUTH_COOKIE_SECURE, env.HSTS, env.CORS_ALLOW_ORIGIN],
                ["True", "True", "max-age=31536000;includeSubDomains", origin],
            );
        });
    }

    it("HTTP-only with named CIDRs: port 80 from those alone, no 443, and no Secure cookies (they would never be sent back over HTTP)", async () => {
        const r = await run("dev", { overrides: { ...REAL_VALUES.dev, ...HTTP_ONLY, "openwebui:appAlbInboundCidrs": list("10.20.0.0/16", "192.0.2.0/24") } });
        assert.deepStrictEqual(albInbound(r).map((x) => x.rule), ["80 10.20.0.0/16", "80 192.0.2.0/24"]);
        const env = webuiEnv(r);
        for (const name of ["WEBUI_SESSION_COOKIE_SECURE", "WEBUI_AUTH_COOKIE_SECURE", "HSTS", "CORS_ALLOW_ORIGIN"]) assert.strictEqual(env[name], undefined, name);
    });

    it("HTTPS limited to named CIDRs: 80 and 443 from each of them only", async () => {
        const r = await run("dev", { overrides: { ...REAL_VALUES.dev, "openwebui:appAlbInboundCidrs": list("10.20.0.0/16") } });
        assert.deepStrictEqual(albInbound(r).map((x) => x.rule), ["80 10.20.0.0/16", "443 10.20.0.0/16"]);
    });
});
