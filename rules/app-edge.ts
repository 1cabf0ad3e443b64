/**
 * The application's internet edge, as the program writes it and the pack checks it: the ALB's TLS
 * and who may reach an HTTP-only ALB, and what Open WebUI tells browsers once it is served over
 * HTTPS (cookies, HSTS, CORS).
 */

/** Load balancer controller annotations for the listeners (aws-load-balancer-controller docs/guide/ingress/annotations.md, v2.14). */
export const ALB_EDGE_ANNOTATION = {
    certificateArn: "alb.ingress.kubernetes.io/certificate-arn",
    sslPolicy: "alb.ingress.kubernetes.io/ssl-policy",
    sslRedirect: "alb.ingress.kubernetes.io/ssl-redirect",
    securityGroups: "alb.ingress.kubernetes.io/security-groups",
    inboundCidrs: "alb.ingress.kubernetes.io/inbound-cidrs",
} as const;

/**
 * The TLS policy the program sets: TLS 1.3 and 1.2 only. Without the annotation the controller
 * uses ELBSecurityPolicy-2016-08 (annotations.md, ssl-policy), which still accepts TLS 1.0 and 1.1,
 * as does any HTTPS listener created through the API without a policy (Elastic Load Balancing
 * User Guide for Application Load Balancers, "Security policies", read 2026-12-07).
 */
export const ALB_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * Predefined ELB policies whose lowest protocol is TLS 1.2 (their names say so: TLS13-1-2-…,
 * TLS13-1-3-…, TLS-1-2-…, FS-1-2-…, FIPS and post-quantum variants included). Every other
 * predefined policy (2016-08, 2015-05, TLS-1-0/1-1, FS-2018-06, FS-1-1, TLS13-1-0/1-1) lets a
 * client negotiate TLS 1.0 or 1.1, which browsers and PCI DSS retired.
 */
export function isCurrentTlsPolicy(policy: unknown): boolean {
    return typeof policy === "string" && /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/.test(policy);
}

/** One year, in seconds: what the program sends and the least the pack accepts. */
export const HSTS_MIN_MAX_AGE = 31_536_000;
export const HSTS_VALUE = `max-age=${HSTS_MIN_MAX_AGE};includeSubDomains`;

/**
 * Open WebUI's environment for a stack served over HTTPS at `origin` (https://host). Sources,
 * open-webui/open-webui (read 2026-12-07 in the stored version 0b17ff6e of the backend; the v0.11.0
 * tag itself was too large to fetch):
 * - backend/open_webui/env.py: WEBUI_SESSION_COOKIE_SECURE and WEBUI_AUTH_COOKIE_SECURE default to
 *   false, so the session and token cookies would also travel over a followed http:// link.
 * - backend/open_webui/utils/security_headers.py: HSTS, when set, becomes Strict-Transport-Security
 *   on every response (a value not of the form max-age=N[;includeSubDomains][;preload] is replaced
 *   by a one-year default). The ALB cannot add response headers, so the app sends it.
 * - backend/open_webui/config.py: CORS_ALLOW_ORIGIN, ";"-separated, defaults to "*". It is read from
 *   the environment at every start (not a setting kept in the database).
 */
export function browserHardeningEnv<Origin = string>(origin: Origin): { name: string; value: string | Origin }[] {
    return [
        { name: "WEBUI_SESSION_COOKIE_SECURE", value: "True" },
        { name: "WEBUI_AUTH_COOKIE_SECURE", value: "True" },
        { name: "HSTS", value: HSTS_VALUE },
        { name: "CORS_ALLOW_ORIGIN", value: origin },
    ];
}

/** What an HTTPS stack's Open WebUI environment lacks; empty when it is hardened. Unknown values (a first preview) pass. */
export function browserHardeningProblems(env: { name?: unknown; value?: unknown }[]): string[] {
    const value = (name: string) => env.find((e) => e.name === name)?.value;
    const isTrue = (v: unknown) => typeof v === "string" && v.toLowerCase() === "true";
    const problems: string[] = [];
    // Open WebUI's env.py: the auth cookie's setting, when unset, is the session cookie's.
    const secure = { WEBUI_SESSION_COOKIE_SECURE: value("WEBUI_SESSION_COOKIE_SECURE"), WEBUI_AUTH_COOKIE_SECURE: value("WEBUI_AUTH_COOKIE_SECURE") ?? value("WEBUI_SESSION_COOKIE_SECURE") };
    for (const [cookie, setting] of Object.entries(secure)) {
        if (!isTrue(setting)) problems.push(`${cookie} is not "True": the cookie is not Secure and travels over http://`);
    }
    const hsts = value("HSTS");
    const maxAge = typeof hsts === "string" ? /^max-age=(\d+)(;includeSubDomains)?(;preload)?$/i.exec(hsts) : null;
    const atLeast = `browsers need Strict-Transport-Security with max-age of at least ${HSTS_MIN_MAX_AGE} s`;
    // Open WebUI sends the header only for a non-empty value.
    if (hsts === undefined || hsts === "") problems.push(`HSTS is ${hsts === "" ? "empty" : "unset"}: ${atLeast}`);
    // Open WebUI swaps a value it cannot read for its own default: the stack would not send what it says.
    else if (!maxAge) problems.push(`HSTS "${String(hsts)}" is not max-age=<seconds>[;includeSubDomains][;preload], so Open WebUI sends its own default instead: write it in that form; ${atLeast}`);
    else if (Number(maxAge[1]) < HSTS_MIN_MAX_AGE) problems.push(`HSTS is "${String(hsts)}": ${atLeast}`);
    const cors = value("CORS_ALLOW_ORIGIN");
    if (cors === undefined) problems.push(`CORS_ALLOW_ORIGIN is unset, and Open WebUI then allows every origin ("*")`);
    // Open WebUI splits the list on ";" and trims nothing: " https://x" is an origin no browser sends.
    else if (typeof cors === "string" && cors.split(";").some((o) => !o.startsWith("https://"))) {
        problems.push(`CORS_ALLOW_ORIGIN is "${cors}": only the app's own https:// origin`);
    }
    return problems;
}
