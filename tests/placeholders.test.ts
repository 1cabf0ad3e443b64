/** Stack files ship with documentation values to replace; `pulumi up` must never deploy them. */
import * as assert from "assert";
import { ConfigError } from "../config";
import { findPlaceholders } from "../config/placeholders";
import { plan } from "../plan/plan";
import { formatPlan } from "../plan/report";
import { packConfigFor, rejection, run, stackRun } from "./helpers";

const REAL = {
    "openwebui:alertEmails": JSON.stringify(["oncall@openwebui.internal.acme.kr"]),
    "openwebui:appAdminEmail": "llm-admin@acme.kr",
    "openwebui:appDomain": "chat.acme.kr",
    "openwebui:appCertificateArn": "arn:aws:acm:ap-northeast-2:210987654321:certificate/5f0c6a8e-1b2d-4c3e-9f4a-0123456789ab",
    "openwebui:endpointPublicAccessCidrs": JSON.stringify(["10.20.0.0/16"]),
    "openwebui:operatorPrincipalArns": JSON.stringify(["arn:aws:iam::210987654321:role/openwebui-deploy-role-prod", "arn:aws:iam::210987654321:role/platform-oncall"]),
    "openwebui:previewPrincipalArns": JSON.stringify(["arn:aws:iam::210987654321:role/openwebui-preview-role-prod"]),
};

describe("placeholders", () => {
    it("a preview warns about each one, naming the key and what it is", async () => {
        const r = await stackRun("prod");
        assert.deepStrictEqual(
            r.placeholders.map((p) => `${p.key}: ${p.what}`),
            [
                "openwebui:alertEmails: a documentation domain (RFC 2606)",
                "openwebui:appAdminEmail: a documentation domain (RFC 2606)",
                "openwebui:appCertificateArn: an AWS documentation account id",
                "openwebui:appDomain: a documentation domain (RFC 2606)",
                "openwebui:endpointPublicAccessCidrs: a documentation address range (RFC 5737)",
                "openwebui:operatorPrincipalArns: an AWS documentation account id",
                "openwebui:previewPrincipalArns: an AWS documentation account id",
            ],
        );
        assert.ok(r.warnings.every((w) => /still holds .*: replace it before `pulumi up`/.test(w)) && r.warnings.length === 7);
    });

    it("`pulumi up` refuses them before registering anything", async () => {
        const e = await rejection(run("prod", { up: true }));
        assert.ok(e instanceof ConfigError);
        assert.strictEqual(e.registeredBeforeFailure, 0);
        assert.strictEqual(e.key, "openwebui:alertEmails");
        assert.match(e.message, /replace every placeholder before `pulumi up`: openwebui:alertEmails .*openwebui:previewPrincipalArns/);
    });

    it("`pulumi up` goes ahead once they are replaced", async () => {
        const r = await run("prod", { up: true, overrides: REAL });
        assert.deepStrictEqual(r.placeholders, []);
        assert.ok(r.resources.length > 100);
    });

    it("prod's plan does not say a bare OK while they are in place", async () => {
        const text = formatPlan(await plan("prod", "2026-11-28"));
        assert.match(text, /5\. Placeholders .*: 7/);
        assert.match(text, /Result: OK for preview only — replace the 7 placeholder\(s\) above before `pulumi up`/);
        assert.doesNotMatch(text, /Result: OK\n|Result: OK$/);
        const clean = formatPlan(await plan("prod", "2026-11-28", { overrides: REAL, packConfig: packConfigFor("prod", "210987654321") }));
        assert.match(clean, /Result: OK$/);
    });
});

describe("placeholders: a documentation range is a blank only when the value lies inside it", () => {
    const found = (cidr: string) => findPlaceholders({ "openwebui:endpointPublicAccessCidrs": JSON.stringify([cidr]) }, "openwebui").map((p) => p.what);

    it("dev's open endpoint and private ranges are real choices, though 0.0.0.0/0 overlaps every documentation range", () => {
        for (const cidr of ["0.0.0.0/0", "10.0.0.0/8", "203.0.112.0/23"]) assert.deepStrictEqual(found(cidr), [], cidr);
    });

    it("a documentation range, or a block inside one, is a placeholder", () => {
        for (const cidr of ["203.0.113.0/24", "203.0.113.8/29", "192.0.2.1/32", "198.51.100.0/25"]) assert.deepStrictEqual(found(cidr), ["a documentation address range (RFC 5737)"], cidr);
    });
});
