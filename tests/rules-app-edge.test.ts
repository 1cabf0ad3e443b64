/**
 * rules/app-edge.ts on its own: which ELB TLS policies are current, and what an HTTPS stack's Open
 * WebUI environment lacks, value by value (the program writes browserHardeningEnv; the pack asks
 * browserHardeningProblems of whatever a release carries).
 */
import * as assert from "assert";
import { browserHardeningEnv, browserHardeningProblems, HSTS_MIN_MAX_AGE, HSTS_VALUE, isCurrentTlsPolicy } from "@openwebui-aws/rules/app-edge";

const ORIGIN = "https://chat.acme.kr";
const env = (change: Record<string, string | undefined>) =>
    browserHardeningEnv(ORIGIN)
        .map((e) => (e.name in change ? { name: e.name, value: change[e.name] } : e))
        .filter((e) => e.value !== undefined);

describe("rules/app-edge: TLS policies", () => {
    it("takes the TLS 1.2+ families and nothing older or unnamed", () => {
        for (const p of ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10"]) {
            assert.ok(isCurrentTlsPolicy(p), p);
        }
        for (const p of ["ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS13-1-1-2021-06", "ELBSecurityPolicy-TLS13-1-0-2021-06", "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-FS-1-1-2019-08", "ELBSecurityPolicy-FS-2018-06", "x-ELBSecurityPolicy-TLS13-1-2-2021-06", undefined, 12]) {
            assert.ok(!isCurrentTlsPolicy(p), String(p));
        }
    });
});

describe("rules/app-edge: an HTTPS stack's browser settings", () => {
    it("the program's own environment lacks nothing, and its HSTS is a year with subdomains", () => {
        assert.deepStrictEqual(browserHardeningProblems(browserHardeningEnv(ORIGIN)), []);
        assert.strictEqual(HSTS_VALUE, `max-age=${HSTS_MIN_MAX_AGE};includeSubDomains`);
        assert.strictEqual(HSTS_MIN_MAX_AGE, 365 * 24 * 3600);
    });

    it("cookies must say True (any case); the auth cookie, unset, follows the session cookie as Open WebUI reads it", () => {
        assert.deepStrictEqual(browserHardeningProblems(env({ WEBUI_SESSION_COOKIE_SECURE: "true", WEBUI_AUTH_COOKIE_SECURE: "TRUE" })), []);
        assert.deepStrictEqual(browserHardeningProblems(env({ WEBUI_SESSION_COOKIE_SECURE: "True", WEBUI_AUTH_COOKIE_SECURE: undefined })), []);
        assert.deepStrictEqual(browserHardeningProblems(env({ WEBUI_SESSION_COOKIE_SECURE: "1", WEBUI_AUTH_COOKIE_SECURE: undefined })), [
            'WEBUI_SESSION_COOKIE_SECURE is not "True": the cookie is not Secure and travels over http://',
            'WEBUI_AUTH_COOKIE_SECURE is not "True": the cookie is not Secure and travels over http://',
        ]);
        assert.deepStrictEqual(browserHardeningProblems(env({ WEBUI_SESSION_COOKIE_SECURE: "True", WEBUI_AUTH_COOKIE_SECURE: "False" })), ['WEBUI_AUTH_COOKIE_SECURE is not "True": the cookie is not Secure and travels over http://']);
    });

    it("HSTS: a year or more, in the form Open WebUI keeps, with optional includeSubDomains and preload", () => {
        for (const ok of [`max-age=${HSTS_MIN_MAX_AGE}`, `max-age=63072000;includeSubDomains;preload`, `MAX-AGE=${HSTS_MIN_MAX_AGE};includesubdomains`, `max-age=${HSTS_MIN_MAX_AGE};preload`]) {
            assert.deepStrictEqual(browserHardeningProblems(env({ HSTS: ok })), [], ok);
        }
        const tooShort = `max-age=${HSTS_MIN_MAX_AGE - 1}`;
        assert.deepStrictEqual(browserHardeningProblems(env({ HSTS: tooShort })), [`HSTS is "${tooShort}": browsers need Strict-Transport-Security with max-age of at least 31536000 s`]);
        for (const bad of [`max-age=${HSTS_MIN_MAX_AGE}; includeSubDomains`, `max-age=${HSTS_MIN_MAX_AGE};preload;includeSubDomains`, `x max-age=${HSTS_MIN_MAX_AGE}`, `max-age=${HSTS_MIN_MAX_AGE} x`]) {
            assert.deepStrictEqual(browserHardeningProblems(env({ HSTS: bad })), [
                `HSTS "${bad}" is not max-age=<seconds>[;includeSubDomains][;preload], so Open WebUI sends its own default instead: write it in that form; browsers need Strict-Transport-Security with max-age of at least 31536000 s`,
            ], bad);
        }
        assert.deepStrictEqual(browserHardeningProblems(env({ HSTS: undefined })), ["HSTS is unset: browsers need Strict-Transport-Security with max-age of at least 31536000 s"]);
        // Open WebUI sends no header at all for an empty value.
        assert.deepStrictEqual(browserHardeningProblems(env({ HSTS: "" })), ["HSTS is empty: browsers need Strict-Transport-Security with max-age of at least 31536000 s"]);
    });

    it("CORS: only https:// origins, each of a ';'-separated list as Open WebUI splits it (no trimming); '*', http:// or a space is refused", () => {
        assert.deepStrictEqual(browserHardeningProblems(env({ CORS_ALLOW_ORIGIN: `${ORIGIN};https://admin.acme.kr` })), []);
        for (const bad of [`${ORIGIN};*`, "http://chat.acme.kr", `${ORIGIN};http://chat.acme.kr`, " * ", `${ORIGIN}; https://admin.acme.kr`]) {
            assert.deepStrictEqual(browserHardeningProblems(env({ CORS_ALLOW_ORIGIN: bad })), [`CORS_ALLOW_ORIGIN is "${bad}": only the app's own https:// origin`], bad);
        }
        assert.deepStrictEqual(browserHardeningProblems(env({ CORS_ALLOW_ORIGIN: undefined })), ['CORS_ALLOW_ORIGIN is unset, and Open WebUI then allows every origin ("*")']);
        // An origin that is not text yet (the domain's output in a first preview) is not judged.
        const pending = browserHardeningEnv<object>({ __pulumiUnknown: true });
        assert.deepStrictEqual(browserHardeningProblems(pending), []);
    });
});
